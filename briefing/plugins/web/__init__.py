"""The web room: ``briefing serve``, a read-only web page over the stored briefings, and the
briefings' schedule beside it.

Modules: cli (the command; Starlette and uvicorn are imported only when it serves), app (the
routes, the security headers, static files from this package), reading (evidence lines, a
stakeholder across days, search). The pages are templates under ``web/`` in the builtin
templates, overridable from the configuration's templates folder like every other template.
"""

from __future__ import annotations

from typing import Any

from briefing import hookimpl


@hookimpl
def register_commands(cli: Any) -> None:
    from briefing.plugins.web.cli import serve_command

    cli.add_command(serve_command)
