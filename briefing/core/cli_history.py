"""``briefing history`` and ``briefing show``: the briefings the state keeps, any day of them.

Every run stores its briefing (with its articles' texts), so an earlier day can be read again,
rendered with any template, without running the pipeline.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from briefing.core.cli import CliState
    from briefing.core.service import Service, StoredBriefing

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
COLUMNS = ("briefing", "day", "made at", "articles", "new", "stories", "new items", "deliveries")


def deliveries_summary(run: StoredBriefing) -> str:
    """``3 sent, 1 failed``: the day's deliveries by status (the stdout output is not one)."""
    counts: dict[str, int] = {}
    for delivery in run.deliveries:
        if delivery.channel != "stdout":
            counts[delivery.status] = counts.get(delivery.status, 0) + 1
    return ", ".join(f"{count} {status}" for status, count in counts.items()) or "none"


def history_rows(service: Service, runs: list[StoredBriefing]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    shown_days: set[tuple[str, str]] = set()
    for run in runs:
        local = run.generated_at.astimezone(service.zone(run.name)) if run.name in service.config.briefings \
            else run.generated_at
        first_of_day = (run.name, run.day) not in shown_days  # the newest run of its day
        shown_days.add((run.name, run.day))
        rows.append((run.name, run.day, f"{local:%H:%M %Z}", str(run.articles), str(run.new_articles),
                     str(run.stories), "-" if run.new_items is None else str(run.new_items),
                     deliveries_summary(run) if first_of_day else "(same day)"))
    return rows


@click.command()
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per stored briefing.")
@click.pass_obj
def history(state: CliState, name: str | None, as_json: bool) -> None:
    """List the stored briefings (of NAME, or all), newest first.

    For each: its day, when it was made, its articles and how many were new to this briefing,
    its stories, the items flagged new ('-' when the briefing has no such flags), and the day's
    deliveries."""
    from briefing.core.cli import user_errors

    with user_errors():
        service = state.service()
        runs = service.history(name)
        service.close()
        if name is not None and not runs:
            service.spec(name)  # a name neither configured nor stored is an error
    if as_json:
        for run in runs:
            click.echo(json.dumps({
                "name": run.name, "day": run.day, "generated_at": run.generated_at.isoformat(),
                "articles": run.articles, "new_articles": run.new_articles, "stories": run.stories,
                "new_items": run.new_items,
                "deliveries": [{"channel": d.channel, "target": d.target, "part": d.part,
                                "status": d.status, "error": d.error} for d in run.deliveries]}))
        return
    if not runs:
        click.echo(f"no briefing stored yet{f' for {name}' if name else ''}; "
                   f"'briefing run{f' {name}' if name else ''}' makes one", err=True)
        return
    rows = [COLUMNS, *history_rows(service, runs)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


@click.command()
@click.argument("name")
@click.option("--date", "day", metavar="YYYY-MM-DD",
              help="The day of the briefing, in its time zone (default: the latest).")
@click.option("--template", "-t", default="briefing.md.j2", show_default=True,
              help="Template name (from ./templates or the builtins).")
@click.pass_obj
def show(state: CliState, name: str, day: str | None, template: str) -> None:
    """Render a stored briefing NAME (the latest, or that of --date) with a template, to stdout."""
    from briefing.core.cli import fail, user_errors

    if day is not None and not _DAY.match(day):
        fail(f"--date: expected a day as YYYY-MM-DD, got {day!r}", 2)
    with user_errors():
        service = state.service()
        briefing = service.stored(name, day)
        if briefing is None:
            service.spec(name)  # a name neither configured nor stored is an error
            days = list(dict.fromkeys(run.day for run in service.history(name)))
            service.close()
            if not days:
                fail(f"{name}: no briefing made yet; run 'briefing run {name}' first")
            shown = ", ".join(days[:7]) + (", ..." if len(days) > 7 else "")
            fail(f"{name}: no briefing stored for {day} (stored days: {shown})")
        text = service.render(template, briefing)
        service.close()
        click.echo(text, nl=False)
