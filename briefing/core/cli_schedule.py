"""``briefing schedule``: run the briefings' ``schedule:`` without the bot or the web page.

It is the same `Scheduler` that ``briefing serve`` runs beside the web page: in the foreground
until SIGTERM or Ctrl-C (a systemd service, a container), or with ``--once`` to run what is due
and exit (a cron line or a systemd timer every few minutes, docs/operations.md).
"""

from __future__ import annotations

import logging
import signal
import threading
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from briefing.core.cli import CliState


def parse_catch_up(_: click.Context, __: click.Parameter, value: str) -> float:
    """``--catch-up 6h`` as hours."""
    from briefing.core.selection import parse_duration

    found = parse_duration(value)
    if found is None:
        raise click.BadParameter(f"expected a duration such as 6h, 90m or 1d, got {value!r}")
    return found.total_seconds() / 3600


def configure_logging(quiet: bool) -> None:
    """Timestamped lines on stderr: what ran, each stage, each delivery; errors only with -q."""
    logger = logging.getLogger("briefing")
    for old in [h for h in logger.handlers if h.get_name() == "briefing-cli"]:
        logger.removeHandler(old)  # a second command in one process (tests) replaces the first's
    handler = logging.StreamHandler()
    handler.set_name("briefing-cli")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    logger.addHandler(handler)
    logger.setLevel(logging.ERROR if quiet else logging.INFO)


@click.command()
@click.option("--once", is_flag=True, help="Run what is due now (or was missed), then exit.")
@click.option("--catch-up", "catch_up", default="6h", show_default=True, callback=parse_catch_up,
              help="Run a missed time once if it is at most this late (after a restart).")
@click.option("-q", "--quiet", is_flag=True, help="Log nothing but errors.")
@click.pass_obj
def schedule(state: CliState, once: bool, catch_up: float, quiet: bool) -> None:
    """Run each briefing at its schedule (daily HH:MM in its time zone) and publish it.

    Restart-safe: a time that passed while it was down runs once on start (within --catch-up);
    one already served does not run again. Run one scheduler per state file: this, 'briefing
    serve' (which runs it too) or 'briefing bot'."""
    from datetime import timedelta

    from briefing.core.cli import fail, user_errors
    from briefing.core.schedule import Scheduler

    with user_errors():
        service = state.service()
        configure_logging(quiet)
        scheduler = Scheduler(service, grace=timedelta(hours=catch_up))
        if not scheduler.slots():
            service.close()
            fail(f"{service.config.path}: no briefing has a schedule "
                 "(schedule: {daily: \"07:00\", timezone: Europe/London})")
        if once:
            scheduler.run_due()
            service.close()
            return
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        try:
            scheduler.run_forever(stop)
        finally:
            service.close()
