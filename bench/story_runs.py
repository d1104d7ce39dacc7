"""Run the product the way a user does on JSON-lines files, and read back what it assembled.

Each half becomes one ``jsonl`` source of one briefing in a temporary ``briefings.yaml`` (every
other setting the product's default but ``horizon: 0d``, each run on its own), and ``briefing run
--json --no-publish`` makes them all in one process. Its JSON lines give the stories as users get
them. The state file keeps the per-article analysis, so a second run only assembles again; it also
keeps each assembled briefing with its articles' texts, which is what the grouping is re-run on
when its parameters are chosen.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from briefing import Briefing, briefing_from_dict
from briefing.core.store import Store


def write_config(folder: Path, sources: dict[str, Path]) -> Path:
    config = {
        "state": str(folder / "state.db"),
        # horizon 0d: each run on its own, so a second run of the script (same state file, for
        # its analysis cache) does not take the first for yesterday's briefing and leave out
        # the stories it told
        "briefings": {name: {"title": name, "horizon": "0d",
                             "sources": [{"type": "jsonl", "path": str(path)}]}
                      for name, path in sources.items()},
    }
    path = folder / "briefings.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def run_briefings(config: Path, names: list[str]) -> dict[str, dict[str, Any]]:
    """``briefing run --json --no-publish`` on the named briefings: name -> its JSON."""
    command = [sys.executable, "-c", "from briefing.core.cli import main; main()",
               "--config", str(config), "run", "--json", "--no-publish", *names]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    found = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            body = json.loads(line)
            found[body["name"]] = body
    missing = [name for name in names if name not in found]
    if missing:
        raise SystemExit(f"briefing run gave no briefing for {missing}: {done.stderr[-2000:]}")
    return found


def stored_briefing(config: Path, name: str) -> Briefing:
    """The last briefing ``name`` the run saved, with its articles' texts and sentences."""
    store = Store(config.parent / "state.db")
    try:
        body = store.latest_briefing(name)
    finally:
        store.close()
    if body is None:
        raise SystemExit(f"{config.parent / 'state.db'}: no stored briefing {name!r}")
    return briefing_from_dict(body)
