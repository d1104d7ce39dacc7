"""``briefing serve``: the web page over the state, and the briefings' schedule in the same process.

The page binds to loopback unless told otherwise, and then answers only to loopback host names
(a web page elsewhere cannot reach it through DNS rebinding). The schedule runs on a thread of its
own with its own state connection; on SIGTERM or Ctrl-C uvicorn stops taking requests and the
scheduler stops after the run it is in (a run cut short is redone on the next start: an
occurrence is recorded as served only after its run).
"""

from __future__ import annotations

import ipaddress
import logging
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import click

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhd])\s*$")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


def duration(_: click.Context, __: click.Parameter, value: str) -> timedelta:
    found = _DURATION.match(value)
    if found is None:
        raise click.BadParameter(f"expected a duration such as 6h, 90m or 1d, got {value!r}")
    amount, unit = float(found.group(1)), found.group(2)
    return timedelta(minutes=amount) if unit == "m" else timedelta(hours=amount * (24 if unit == "d" else 1))


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def log_to_stderr() -> None:
    logger = logging.getLogger("briefing")
    if not any(h.get_name() == "briefing-serve" for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.set_name("briefing-serve")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; loopback keeps the page on this machine.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--schedule/--no-schedule", "with_schedule", default=True, show_default=True,
              help="Also run the briefings' schedule: (one scheduler per state file: not beside "
                   "'briefing schedule' or a bot that runs it).")
@click.option("--catch-up", default="6h", show_default=True, callback=duration,
              help="Run a missed time once if it is at most this late (after a restart).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A host name the page answers to (repeatable); by default loopback names when "
                   "--host is loopback, and any otherwise.")
@click.pass_obj
def serve_command(state: Any, host: str, port: int, with_schedule: bool, catch_up: timedelta,
                  allowed_hosts: tuple[str, ...]) -> None:
    """Serve the stored briefings as a read-only web page, and run their schedule."""
    from briefing import Scheduler, user_errors

    with user_errors():
        service = state.service()
        loopback = is_loopback(host)
        hosts = list(allowed_hosts) or (list(LOOPBACK_NAMES) if loopback else ["*"])
        if not loopback:
            click.echo(f"warning: serving on {host}: anyone who can reach it reads the briefings "
                       "(the page has no login; put it behind a proxy that has one)", err=True)
        log_to_stderr()
        scheduled = Scheduler(service).slots() if with_schedule else []
        import uvicorn

        from briefing.plugins.web.app import make_app

        app = make_app(service, allowed_hosts=hosts,
                       lifespan=scheduler_lifespan(service, catch_up) if scheduled else None)
        where = f"[{host}]" if ":" in host else host
        click.echo(f"briefing serve: http://{where}:{port}/ ({len(scheduled)} scheduled "
                   f"briefing{'s' if len(scheduled) != 1 else ''}); Ctrl-C stops", err=True)
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False,
                    proxy_headers=False)
        service.close()


def scheduler_lifespan(service: Any, grace: timedelta) -> Any:
    """Start the scheduler's thread with the server and stop it with the server."""

    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        stop = threading.Event()
        thread = threading.Thread(target=run_schedule, args=(service.fork(), grace, stop),
                                  name="briefing-schedule", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join(timeout=10)
            if thread.is_alive():
                logging.getLogger("briefing.schedule").warning(
                    "a scheduled run was still going at shutdown; it runs again on the next start")

    return lifespan


def run_schedule(service: Any, grace: timedelta, stop: threading.Event) -> None:
    """The scheduler's thread: its own service, so its own state connection."""
    from briefing import Scheduler

    try:
        Scheduler(service, grace=grace).run_forever(stop)
    except Exception:  # logged; the page goes on serving
        logging.getLogger("briefing.schedule").exception("the scheduler stopped")
    finally:
        service.close()
