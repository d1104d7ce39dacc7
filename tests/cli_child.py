"""The ``briefing`` command as a child process, with the tests' simple plugin installed.

Usage: python tests/cli_child.py [briefing arguments]. It runs the real ``main()`` (logging,
error handling and exit codes as a user gets them) with the ``split`` analyser and the
``first-sentence`` extractor of simple_plugin.py added, so a child needs no spaCy model.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from simple_plugin import SimplePlugin

from briefing.core.cli import main
from briefing.core.plugins import make_plugin_manager

COMMAND = [sys.executable, str(Path(__file__).resolve())]

if __name__ == "__main__":
    main(make_plugin_manager(extra=[SimplePlugin()]))
