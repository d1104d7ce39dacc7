"""Executors are plugins: chosen by config or command line, fed only what the cache lacks."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from executor_plugins import ExecutorTestPlugin, Recorder

from briefing.core.cli import cli
from briefing.core.config import load_config
from briefing.core.errors import ConfigError
from briefing.core.executors import choose_executor
from briefing.core.pipeline import Pipeline
from briefing.core.plugins import make_plugin_manager
from briefing.core.serialize import briefing_to_dict
from briefing.core.store import Store

BRIEFING = """
briefings:
  ports:
    sources: [ports]
    cleaners: []
    analyser: split
    extractors: [first-sentence]
    summariser: null
    outputs: []
"""


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "briefings.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def plugins():  # type: ignore[no-untyped-def]
    return make_plugin_manager(extra=[ExecutorTestPlugin()], entry_points=False)


def run(folder: Path, header: str = "", **options):  # type: ignore[no-untyped-def]
    loaded = plugins()
    config = load_config(write(folder, header + BRIEFING), loaded)
    pipeline = Pipeline(config, loaded, Store(folder / "state.db"), **options)
    return pipeline.run("ports", publish=False)


def comparable(result) -> dict:  # type: ignore[no-untyped-def]
    data = briefing_to_dict(result.briefing)
    data.pop("generated_at")
    for story in data["stories"]:  # a new story is first briefed when its run was made
        story.pop("first_briefed")
    return data


def test_hook_register_executors(tmp_path: Path) -> None:
    Recorder.seen.clear()
    Recorder.closed.clear()
    header = "executor: {type: recorder, batch_size: 5}\n"
    first = run(tmp_path / "plugin", header)
    # 12 articles in batches of the executor's size, in order; the executor is closed after the run
    assert Recorder.seen == [[f"Report {n}" for n in range(i, min(i + 5, 12))] for i in (0, 5, 10)]
    assert Recorder.closed == [True]
    assert comparable(first) == comparable(run(tmp_path / "in-process", cache=False))
    # a second run finds every article in the cache: nothing goes to the executor
    Recorder.seen.clear()
    second = run(tmp_path / "plugin", header)
    assert Recorder.seen == []
    assert comparable(second) == comparable(first)


def test_local_is_the_default_and_the_command_line_wins_over_the_config(tmp_path: Path) -> None:
    loaded = plugins()
    plain = load_config(write(tmp_path / "plain", BRIEFING), loaded)
    assert choose_executor(plain, loaded).type == "local"  # type: ignore[union-attr]
    dask = load_config(write(tmp_path / "dask", "executor: {type: dask, address: 'tcp://a:1'}\n"
                             + BRIEFING), loaded)
    spec = choose_executor(dask, loaded)
    assert spec is not None and spec.type == "dask" and spec.options.address == "tcp://a:1"
    spec = choose_executor(dask, loaded, address="tcp://b:2")
    assert spec is not None and spec.options.address == "tcp://b:2"
    assert spec.options.batch_size == 64  # the rest of the config's block is kept
    spec = choose_executor(dask, loaded, name="local")
    assert spec is not None and spec.type == "local"


def test_a_bad_executor_block_is_reported_with_file_and_line(tmp_path: Path) -> None:
    loaded = plugins()
    path = write(tmp_path, "executor: {type: dask, adress: 'tcp://a:1', batch_size: 0}\n" + BRIEFING)
    with pytest.raises(ConfigError) as raised:
        load_config(path, loaded)
    problems = raised.value.problems
    assert any(p.startswith(f"{path}:1: executor.adress: unknown option 'adress'") for p in problems)
    path = write(tmp_path, "executor: ray\n" + BRIEFING)
    with pytest.raises(ConfigError) as raised:
        load_config(path, loaded)
    assert raised.value.problems == [
        f"{path}:1: executor.type: unknown executor 'ray' (known: dask, local, recorder)"]


@pytest.mark.parametrize(("arguments", "expected"), [
    (["--executor", "ray"], "error: --executor: unknown executor 'ray' (known: dask, local, recorder)"),
    (["--scheduler", "tcp://127.0.0.1:1"],
     "error: --scheduler: executor 'local' takes no scheduler address (--executor dask does)"),
])
def test_a_bad_executor_on_the_command_line_is_one_line(tmp_path: Path, arguments: list[str],
                                                         expected: str) -> None:
    path = write(tmp_path, BRIEFING)
    result = CliRunner().invoke(cli, ["--config", str(path), "run", "--no-publish", *arguments],
                                obj=plugins())
    assert result.exit_code == 2
    assert result.stderr.strip() == expected
