"""The builtin executors: where the per-article stages (clean, analyse, extract) run.

``local`` is the driver's own process, or forked processes with ``--workers N``; ``dask`` is a
Dask cluster, one started for the run or one already running (``--scheduler``). Both are
registered by reference ("module:Class"), so loading this plugin (as ``briefing --help`` does)
imports neither multiprocessing nor Dask. A third-party executor (Ray, say) registers itself the
same way from its own package: see docs/scaling.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from briefing import hookimpl

EXECUTORS = {
    "local": "briefing.plugins.executors.local_processes:LocalProcesses",
    "dask": "briefing.plugins.executors.dask_cluster:DaskCluster",
}


@hookimpl
def register_executors(register: Callable[[str, Any], None]) -> None:
    for name, reference in EXECUTORS.items():
        register(name, reference)
