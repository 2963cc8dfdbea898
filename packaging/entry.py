"""The packaged app's entry point (PyInstaller freezes this script)."""

import sys

from assistant.cli import main

sys.exit(main())
