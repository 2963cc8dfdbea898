"""The import rules in pyproject.toml (import-linter, run by `make lint`) stay complete as the code grows."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent


def third_party_imports() -> set[str]:
    found = set()
    for path in (ROOT / "assistant").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found |= {name.split(".")[0] for name in names}
    return found - set(sys.stdlib_module_names) - {"assistant", "__future__"}


def test_the_stdlib_only_rule_names_every_third_party_module_the_package_imports() -> None:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    [rule] = [c for c in contracts if c["name"].endswith("imports only the standard library")]
    imported = third_party_imports()
    assert {"PySide6", "llama_cpp", "pypdf"} <= imported  # the scan does see them
    missing = imported - set(rule["forbidden_modules"])
    assert not missing, f"add to the rule's forbidden_modules in pyproject.toml: {sorted(missing)}"
