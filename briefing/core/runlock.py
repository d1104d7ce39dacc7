"""One run of a briefing at a time on one state file, across processes and threads.

Two runs of one briefing at once (cron and the bot's /run, or a cron job slower than its
interval) would both find the same deliveries pending and both send them. The outbox claims each
delivery atomically (outbox.py), but only a lock on the whole run keeps the second run from
sending part 2 of a message while the first is still sending part 1. So a run takes an exclusive
``flock`` on a small file next to the state file, one per briefing: the kernel drops it when the
process ends, however it ends, so a crashed run never leaves a stale lock behind, and the run
that comes next sends what the crashed one left pending. A second run waits for the first and
then finds its deliveries done ("already delivered"); runs of other briefings are not held up.

``flock`` locks belong to an open file, not to a process, so two threads of one process (the bot
runs briefings on worker threads) exclude each other too. Where ``fcntl`` is missing (Windows)
runs are not locked and the outbox's claims are the only guard.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from briefing.core.errors import BriefingError

_UNSAFE = re.compile(r"[^\w.-]")
POLL = 0.1


class RunLocked(BriefingError):
    """Another run of the briefing kept the state for longer than this run would wait."""


def lock_path(state: str | Path, briefing: str) -> Path:
    """``<state>-<briefing>.lock`` beside the state file (like SQLite's own -wal and -shm)."""
    state = Path(state)
    safe = _UNSAFE.sub("_", briefing)
    if safe != briefing or safe.startswith("."):
        safe = f"{safe.lstrip('.')}-{hashlib.sha256(briefing.encode()).hexdigest()[:8]}"
    return state.with_name(f"{state.name}-{safe}.lock")


@contextmanager
def run_lock(state: str | Path, briefing: str, *, wait: float = 3600.0,
             on_wait: Callable[[str], None] = lambda holder: None) -> Iterator[None]:
    """Hold the briefing's lock for the ``with`` block; wait up to ``wait`` seconds for it.

    ``on_wait`` is told once who holds it (``pid 123 since 07:00:02``) when the lock is taken."""
    if str(state) == ":memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    path = lock_path(state, briefing)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        if not _try_lock(handle, fcntl):
            holder = _holder(handle)
            on_wait(holder)
            end = time.monotonic() + wait
            while not _try_lock(handle, fcntl):
                if time.monotonic() >= end:
                    raise RunLocked(f"{briefing}: another run ({holder}) still holds {path} after "
                                    f"{wait:g} s; try again later")
                time.sleep(POLL)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()} since {time.strftime('%H:%M:%S')}\n")
            handle.flush()
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _try_lock(handle: IO[str], fcntl: object) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # type: ignore[attr-defined]
    except BlockingIOError:
        return False
    return True


def _holder(handle: IO[str]) -> str:
    handle.seek(0)
    return handle.read().strip() or "another process"
