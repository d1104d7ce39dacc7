"""With the ``llm-echo`` model plugin installed (a debugging model that echoes its prompt back as
JSON), the seed briefing still comes out: the echo is no list of bullets, so the extractive
summary is used and a failure line says why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import llm_echo  # noqa: F401 (installed by the test extra; the test is about it)
from click.testing import CliRunner

from briefing.core.cli import cli
from briefing.core.plugins import make_plugin_manager

ROOT = Path(__file__).resolve().parents[2]


def run_seed(folder: Path, summariser: str) -> tuple[int, dict[str, object], str]:
    config = (ROOT / "briefings.yaml").read_text(encoding="utf-8")
    assert "    summariser: centrality\n" in config
    (folder / "briefings.yaml").write_text(
        config.replace("    summariser: centrality\n", f"    summariser: {summariser}\n", 1),
        encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(folder / "briefings.yaml"), "run",
                                      "russia-after-assad", "--no-publish", "--json"],
                                obj=make_plugin_manager(entry_points=False))
    (line,) = result.stdout.strip().splitlines()
    return result.exit_code, json.loads(line), result.stderr


def test_the_seed_briefing_comes_out_with_the_echo_model(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    code, extractive, _ = run_seed(tmp_path, "centrality")
    assert code == 0
    code, echoed, stderr = run_seed(tmp_path, "{type: llm, model: echo}")
    assert code == 1
    assert echoed["summary"] == extractive["summary"]
    assert echoed["facts"] == extractive["facts"]
    [failure] = echoed["failures"]
    assert failure["stage"] == "summarise" and failure["component"] == "llm"
    assert failure["error"].startswith("model 'echo': the reply has no 'bullets' list")
    assert failure["error"].endswith("the extractive summary (centrality) is used instead")
    assert "the reply has no 'bullets' list" in stderr
