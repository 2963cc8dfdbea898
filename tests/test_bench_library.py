"""``assistant bench library`` on a tiny corpus with the real engine and embedding model: the report has
the figures it promises (not how fast they are: a benchmark, not a timed test), and the question set
it scores retrieval with is true to the licence files it names."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import numpy as np
from reranker_model import make_reranker

from assistant.bench import library as bench
from assistant.documents.sandbox import read_document
from assistant.library.passages import passages

LICENCES = Path("/usr/share/common-licenses")
SMALL = {"Artistic", "BSD", "CC0-1.0"}


def test_every_answer_is_in_the_licence_files_it_names_and_nowhere_else() -> None:
    questions = bench.load_questions()
    assert questions.corpus == LICENCES
    assert len(questions.questions) >= 30 and len(questions.queries) >= 10
    assert len({q.question for q in questions.questions}) == len(questions.questions)
    files = {p.name: p for p in sorted(LICENCES.iterdir()) if p.is_file() and not p.is_symlink()}
    texts = {name: bench.normalised(path.read_text(encoding="utf-8")) for name, path in files.items()}
    cut = {name: [bench.normalised(p.text) for p in passages(read_document(path))] for name, path in files.items()}
    for q in questions.questions:
        phrase = bench.normalised(q.phrase)
        assert phrase not in bench.normalised(q.question), f"paraphrase the question, not the answer: {q.question}"
        assert set(q.files) == {name for name, text in texts.items() if phrase in text}, q.phrase
        for name in q.files:  # the answer is whole in one passage, as the Library cuts the file
            assert any(phrase in text for text in cut[name]), (name, q.phrase)


def test_the_report_has_the_ratio_the_latencies_and_the_recall(tmp_path: Path, engine) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("BSD", "Artistic"):
        shutil.copyfile(LICENCES / name, docs / name)
    (docs / "notes.md").write_text("# Trip\n\nThe train to Lisbon leaves at nine.\n\nPack the charger.\n")
    (docs / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # not a document: left out
    # A certificate fingerprint: 990 characters, one passage, far more tokens than the model's 512
    # (each path embeds its start).
    (docs / "fingerprint.txt").write_text("SHA256 " + "0E:" * 330 + "\n")
    licences = tmp_path / "licences"
    licences.mkdir()
    for name in SMALL:
        shutil.copyfile(LICENCES / name, licences / name)
    full = bench.load_questions()
    questions = bench.QuestionSet(
        tuple(q for q in full.questions if set(q.files) <= SMALL), ("Where does the train go?",), licences
    )
    assert len(questions.questions) >= 5

    reranker = make_reranker(tmp_path / "reranker.gguf", np.random.default_rng(7).standard_normal(384))
    report = bench.run(
        engine, tmp_path / "work", corpus=[docs], max_bytes=1_000_000, sizes=[300], rounds=1, questions=questions,
        reranker=reranker, progress=io.StringIO(),
    )  # fmt: skip

    assert report["corpus"]["files"] == 4
    ix = report["indexing"]
    assert ix["app"]["files"] == {"indexed": 4} and ix["baseline"]["files"] == {"indexed": 4}
    assert ix["app"]["passages"] == ix["baseline"]["passages"] > 10, "both paths embed the same passages"
    assert ix["ratio"] > 0 and ix["app"]["mb_per_s"] > 0 and ix["baseline"]["passages_per_s"] > 0
    assert ix["memory"]["app_mib"] > 0 and ix["memory"]["engine_mib"] > ix["memory"]["app_mib"] / 10
    (row,) = report["latency"]["rows"]
    assert row["passages"] == 300 and row["queries"] == len(questions.questions) + 1
    assert 0 < row["p50_ms"] <= row["p99_ms"] and row["cold_first_query_ms"] > 0
    assert 0 < row["retrieval_p50_ms"] <= row["retrieval_p99_ms"] and row["embedding_p50_ms"] > 0
    quality = report["quality"]
    assert quality["answerable"] == quality["questions"] == len(questions.questions)
    assert set(quality["modes"]) == {"keywords", "vectors", "hybrid", "reranked"}
    assert quality["reranker"] == "reranker.gguf" and quality["rerank_ms_p50"] > 0
    for scores in quality["modes"].values():
        assert 0 <= scores["recall_at_5"] <= 1 and 0 <= scores["mrr_at_10"] <= 1
    assert quality["modes"]["hybrid"]["recall_at_5"] > 0, "the answer is among three files: something is found"
    assert set(quality["hybrid_beats"]) == {"keywords", "vectors"}
    json.dumps(report)  # --json prints it

    out = io.StringIO()
    bench.print_report(report, out)
    text = out.getvalue()
    for line in ("machine:", "app / baseline:", "Llama.embed", "peak memory", "p99",
                 "recall@5", "hybrid beats", "reordered by reranker.gguf"):  # fmt: skip
        assert line in text, line


def test_the_command_line_takes_the_flags_and_runs_the_bench(monkeypatch) -> None:
    from assistant.cli import build_parser
    from assistant.cli.info import cmd_bench

    args = build_parser().parse_args(
        ["bench", "library", "--sizes", "300,1_000", "--max-mb", "0.5", "--rounds", "2", "--corpus", "/tmp", "--json",
         "--reranker", "/tmp/r.gguf"]
    )  # fmt: skip
    assert (args.sizes, args.max_mb, args.rounds, args.corpus, args.json) == ([300, 1000], 0.5, 2, [Path("/tmp")], True)
    assert args.reranker == Path("/tmp/r.gguf")
    defaults = build_parser().parse_args(["bench", "library"])
    assert defaults.sizes == list(bench.DEFAULT_SIZES) and defaults.max_mb == bench.DEFAULT_MAX_MB
    ran = []
    monkeypatch.setattr(bench, "main", lambda a, paths: ran.append(a) or 0)
    assert cmd_bench(args, None) == 0 and ran == [args]
