"""What a run tells the person (or the cron mail, or the journal) watching it.

On a terminal a progress bar; on a pipe, under cron or systemd, one line per stage with its count
and seconds, so a log shows where 20 seconds went; with ``-q`` nothing but errors. After a run,
one line per delivery: ``sent``, ``already delivered`` (a re-run found it done), or ``failed:
why``. The scheduler writes the same lines to its log.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

from briefing.core.redaction import printable

if TYPE_CHECKING:
    from briefing.core.outbox import Delivery
    from briefing.core.pipeline import RunResult

Mode = Literal["bar", "lines", "quiet"]
# What a stage's count counts. "batches" is the executor's view of "analyse" and is not a line.
UNITS = {"collect": ("article", "articles"), "analyse": ("article", "articles"),
         "assemble": ("item", "items"), "summarise": ("summary", "summaries"),
         "publish": ("output", "outputs")}


def counted(number: int, unit: tuple[str, str]) -> str:
    """``1 article``, ``2 articles``."""
    return f"{number} {unit[0] if number == 1 else unit[1]}"


def output_mode(quiet: bool, stream: Any = None) -> Mode:
    """``quiet`` wins; else a bar on a terminal and lines anywhere else."""
    if quiet:
        return "quiet"
    stream = stream if stream is not None else sys.stderr
    return "bar" if stream.isatty() else "lines"


class StageLines:
    """A progress callback that writes one line per stage when the stage is over.

    A stage is over when a later one reports, or at `finish`. Its seconds run from the end of the
    stage before (or the start) to its last report, so the time a stage spends before its first
    report (loading a model) is its own.
    """

    def __init__(self, name: str, emit: Callable[[str], None],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.name = name
        self.emit = emit
        self.clock = clock
        self.started = clock()
        self.current: str | None = None
        self.done = 0
        self.total: int | None = None
        self.last = self.started
        self.written: set[str] = set()

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage not in UNITS or stage in self.written:
            return
        if stage != self.current:
            self._write()
            self.current = stage
        self.done, self.total, self.last = done, total, self.clock()

    def finish(self) -> None:
        self._write()

    def _write(self) -> None:
        if self.current is None:
            return
        seconds = self.last - self.started
        count = counted(self.done, UNITS[self.current])
        if self.total not in (None, self.done):
            count = f"{self.done} of {counted(self.total or 0, UNITS[self.current])}"
        self.emit(f"{self.name}: {self.current}: {count} in {seconds:.1f} s")
        self.written.add(self.current)
        self.started, self.current = self.last, None


@contextmanager
def progress_for(mode: Mode, name: str, emit: Callable[[str], None]) -> Iterator[Any]:
    """The progress callback of one briefing's run in this mode (None for no progress)."""
    if mode == "quiet":
        yield None
    elif mode == "lines":
        lines = StageLines(name, emit)
        yield lines
        lines.finish()
    else:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            tasks: dict[str, Any] = {}

            def update(stage: str, done: int, total: int | None) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(f"{name}: {stage}", total=total)
                bar.update(tasks[stage], completed=done, total=total)

            yield update


def delivery_status(delivery: Delivery, skipped: set[int]) -> str:
    """``sent``, ``already delivered``, ``failed: why``, ``unknown: why`` or ``pending``."""
    if delivery.status == "sent":
        return "already delivered" if delivery.id in skipped else "sent"
    return f"{delivery.status}: {delivery.error}" if delivery.error else str(delivery.status)


def delivery_lines(result: RunResult) -> list[str]:
    """One line per delivery the run attempted or found made (the stdout output is the text
    itself: no line)."""
    skipped = {delivery.id for delivery in result.already_delivered}
    return [f"{result.name}: {d.channel} {d.target}: {delivery_status(d, skipped)}"
            for d in result.deliveries if d.channel != "stdout"]


def notice_lines(result: RunResult) -> list[str]:
    """What a run says that is no error: a quiet day's "nothing new"."""
    return [printable(result.nothing_new)] if result.nothing_new else []


def failure_lines(result: RunResult) -> list[str]:
    """The run's errors, one line each, as ``error: ...``."""
    lines = [f"error: {printable(f.error)} [{f.stage}: {f.component}]" for f in result.failures]
    return lines + ([f"error: {printable(result.error)}"] if result.error else [])
