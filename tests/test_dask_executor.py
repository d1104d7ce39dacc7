"""The per-article stages on Dask: real worker processes, the same briefing as one process.

Two clusters are used: the command-line test lets the run start and end its own `LocalCluster`;
the others share one started here (2 worker processes, with nannies that restart a killed one)
and reach it by its address, as a run reaches `dask scheduler` on another machine.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import distributed  # make test installs the extra, briefing[dask]
import pytest
from executor_plugins import ExecutorTestPlugin

from briefing import BriefingError
from briefing.core.config import load_config
from briefing.core.pipeline import Pipeline
from briefing.core.plugins import make_plugin_manager
from briefing.core.serialize import briefing_to_dict
from briefing.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
BRIEFING = """
briefings:
  ports:
    sources: [ports]
    cleaners: []
    analyser: {analyser}
    extractors: {extractors}
    summariser: null
    outputs: []
"""


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address="127.0.0.1:0")
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def run(folder: Path, executor: str, analyser: str = "split",
        extractors: str = "[first-sentence]", cache: bool = False):  # type: ignore[no-untyped-def]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "briefings.yaml"
    path.write_text(executor + "\n" + BRIEFING.format(analyser=analyser, extractors=extractors))
    plugins = make_plugin_manager(extra=[ExecutorTestPlugin()], entry_points=False)
    pipeline = Pipeline(load_config(path, plugins), plugins, Store(folder / "state.db"), cache=cache)
    return pipeline.run("ports", publish=False)


def comparable(result) -> dict:  # type: ignore[no-untyped-def]
    data = briefing_to_dict(result.briefing)
    data.pop("generated_at")
    for story in data["stories"]:  # a new story is first briefed when its run was made
        story.pop("first_briefed")
    return data


def on_cluster(address: str) -> str:
    return f"executor: {{type: dask, address: '{address}', batch_size: 2}}"


def test_failing_articles_are_named_failures_as_in_a_local_run(tmp_path: Path, scheduler: str) -> None:
    options = {"analyser": "stumbles", "extractors": "[fails-on-seven]"}
    local = run(tmp_path / "local", "", **options)
    dask = run(tmp_path / "dask", on_cluster(scheduler), **options)
    assert [(f.stage, f.component, f.error) for f in dask.failures] == [
        ("analyse", "stumbles",
         "https://example.org/ports/3: article 'Report 3': ValueError: cannot parse Report 3"),
        ("extract", "fails-on-seven", "ValueError: cannot read Report 7"),
    ]
    assert dask.failures == local.failures
    assert comparable(dask) == comparable(local)
    assert len(dask.briefing.articles) == 11  # all but the article the analyser could not read


def test_a_worker_killed_mid_batch_is_replaced_and_the_run_completes(tmp_path: Path,
                                                                      scheduler: str) -> None:
    marker = tmp_path / "killed.pid"
    extractors = f"[{{type: dies-once, marker: '{marker}'}}]"
    dask = run(tmp_path / "dask", on_cluster(scheduler), extractors=extractors)
    killed = int(marker.read_text())  # a worker process met 'Report 5' and killed itself
    with distributed.Client(scheduler, set_as_default=False) as client:
        alive = set(client.run(os.getpid).values())
    assert killed not in alive and killed != os.getpid()
    assert dask.failures == [] and len(dask.briefing.articles) == 12
    local = run(tmp_path / "local", "", extractors=extractors)  # the marker is there: nobody dies
    assert comparable(dask) == comparable(local)


def test_a_batch_that_kills_every_worker_it_meets_is_one_failure_and_the_rest_is_briefed(
        tmp_path: Path) -> None:
    import dask

    # One death more than allowed loses the batch; one task at a time on the worker, so only the
    # batch that kills it is charged with its deaths, never one queued behind it.
    settings = {"distributed.scheduler.allowed-failures": 1, "distributed.scheduler.worker-saturation": 1.0}
    with dask.config.set(settings), \
            distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                     dashboard_address="127.0.0.1:0") as cluster:
        dask_run = run(tmp_path, on_cluster(cluster.scheduler_address), extractors="[always-dies]")
    assert [(f.stage, f.component) for f in dask_run.failures] == [("analyse", "split")]
    message = dask_run.failures[0].error
    assert message.startswith("a batch of 2 articles ('Report 4' to 'Report 5') was lost on the Dask "
                              "cluster: KilledWorker"), message
    assert [a.title for a in dask_run.briefing.articles] == [
        f"Report {n}" for n in range(12) if n not in (4, 5)]


def test_a_scheduler_without_workers_is_one_clear_error(tmp_path: Path) -> None:
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address="127.0.0.1:0") as idle:
        address = idle.scheduler_address
        executor = f"executor: {{type: dask, address: '{address}', connect_timeout: 1}}"
        with pytest.raises(BriefingError) as raised:
            run(tmp_path, executor)
    assert str(raised.value) == (f"the Dask scheduler at {address} has no workers after 1 s "
                                 f"(start some: dask worker {address})")


def test_cached_articles_are_served_without_reaching_the_cluster(tmp_path: Path, scheduler: str) -> None:
    first = run(tmp_path, on_cluster(scheduler), cache=True)
    # Nothing listens at this address, and nothing needs to: every article is in the cache.
    again = run(tmp_path, on_cluster(f"tcp://127.0.0.1:{free_port()}"), cache=True)
    assert again.failures == [] and comparable(again) == comparable(first)


ARTICLES = {
    "strike.txt": "Dock strike spreads to Antwerp\n\nDock workers in Rotterdam extended their strike "
                  "on Monday, and the union said crews in Antwerp would join them on Wednesday. "
                  "\"We have no choice,\" said Maria Jansen, the union's leader. The port authority "
                  "warned that shipping delays were highly likely to last into next month.\n",
    "grain.txt": "Grain prices climb after export ban\n\nWheat futures rose 4 percent in Chicago "
                 "after India banned exports. Analysts at Rabobank said further rises were "
                 "likely if the monsoon failed. The ban could be lifted in June, officials said.\n",
    "election.txt": "Ruling party loses Lisbon vote\n\nPortugal's Socialist Party lost the Lisbon "
                    "mayoral election on Sunday. Prime Minister Ana Costa called the result a "
                    "warning. Opposition leader Rui Moreira said a snap general election was a "
                    "realistic possibility before the summer.\n",
    "storm.txt": "Storm closes Hamburg port\n\nHamburg closed its container terminals on Tuesday as "
                 "Storm Hilde brought winds of 140 km/h. The harbour master said the terminals "
                 "would almost certainly stay shut until Thursday. Hapag-Lloyd diverted three "
                 "ships to Bremerhaven.\n",
    "rates.txt": "Central bank holds rates\n\nThe European Central Bank held its deposit rate at "
                 "2 percent on Thursday. President Christine Lagarde said inflation in Germany "
                 "and France was easing. Economists at ING said a cut in September was unlikely.\n",
}

DRIVER = """
import atexit, sys
atexit.register(lambda: print("SPACY IN DRIVER:", "spacy" in sys.modules, file=sys.stderr))
from briefing.core.cli import main
sys.argv = ["briefing", *sys.argv[1:]]
main()
"""


def test_the_same_briefing_on_a_local_cluster_of_two_processes_as_in_one_process(tmp_path: Path) -> None:
    """The builtin spaCy analyser and extractors, through the command line, on texts of our own."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    config = tmp_path / "briefings.yaml"
    config.write_text(textwrap.dedent("""
        executor: {type: dask, batch_size: 2}
        briefings:
          world:
            sources: [{type: folder, path: articles}]
            outputs: []
    """))

    def briefing(*arguments: str) -> tuple[dict, str]:
        done = subprocess.run([sys.executable, "-c", DRIVER, "--config", str(config), "run",
                               "--no-publish", "--no-cache", "--json", *arguments],
                              capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        data.pop("generated_at")
        for story in data["stories"]:  # a new story is first briefed when its run was made
            story.pop("first_briefed")
        return data, done.stderr

    local, _ = briefing("--executor", "local")
    dask, stderr = briefing("--workers", "2")  # the config's executor: a LocalCluster of 2 processes
    assert dask == local
    assert len(dask["articles"]) == 5 and dask["failures"] == []
    assert dask["stakeholders"] and dask["risks"]  # the real extractors found something
    # the model was loaded by the worker processes only: the driver never imported spaCy
    assert "SPACY IN DRIVER: False" in stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def briefing_command(tmp_path: Path, *arguments: str, prelude: str = "") -> subprocess.CompletedProcess:
    config = tmp_path / "briefings.yaml"
    config.write_text("briefings:\n  b:\n    sources: [{type: folder, path: .}]\n    outputs: []\n")
    (tmp_path / "a.txt").write_text("Strike ends\n\nThe strike in Rotterdam ended on Monday.\n")
    script = prelude + DRIVER
    return subprocess.run([sys.executable, "-c", script, "--config", str(config), "run", "--no-publish",
                           *arguments], capture_output=True, text=True, timeout=120, cwd=tmp_path)


def test_an_unreachable_scheduler_is_one_line_naming_it(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    done = briefing_command(tmp_path, "-q", "--executor", "dask", "--scheduler", address)  # errors only
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if not line.startswith("SPACY IN DRIVER")]
    assert lines == [f"error: cannot reach the Dask scheduler at {address}: connection refused "
                     "(is `dask scheduler` running there?)"]


def test_without_the_extra_the_dask_executor_says_how_to_install_it(tmp_path: Path) -> None:
    blocked = "import sys\nsys.modules['distributed'] = None\nsys.modules['dask'] = None\n"
    done = briefing_command(tmp_path, "--executor", "dask", prelude=blocked)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if not line.startswith("SPACY IN DRIVER")]
    assert lines == ["error: the dask executor needs Dask: pip install 'briefing[dask]'"]


def test_the_local_cluster_s_workers_keep_glibc_s_adaptive_memory_thresholds(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Dask's nanny sets MALLOC_TRIM_THRESHOLD_ in its workers, which costs this workload a fifth
    more CPU (docs/performance.md); the cluster a run starts for itself goes without it."""
    from briefing.plugins.executors.dask_cluster import DaskCluster, DaskOptions

    # a nanny also sets it in the process it runs in: this module's shared cluster did, in this one
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    executor = DaskCluster(DaskOptions())
    try:
        client = executor._connect(1)
        found = client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_", "unset"))
        assert list(found.values()) == ["unset"]
        assert os.environ.get("MALLOC_TRIM_THRESHOLD_") is None  # nothing leaks into the driver
    finally:
        executor.close()
