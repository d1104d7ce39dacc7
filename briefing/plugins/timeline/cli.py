"""``briefing timeline NAME``: the timeline of a briefing's articles, from the state alone.

It reads every stored run of the briefing (no pipeline run, no network, no parse: the stored
articles keep their texts and sentence offsets), so it answers in seconds on thousands of articles.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import click


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", ctx, param) from None


@click.command(name="timeline")
@click.argument("name")
@click.option("--from", "start", callback=_day, metavar="DATE",
              help="Only articles published and dates falling on or after this day (YYYY-MM-DD).")
@click.option("--to", "end", callback=_day, metavar="DATE",
              help="Only articles published and dates falling on or before this day (YYYY-MM-DD).")
@click.option("--dates", "-T", "dates", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="How many dates.")
@click.option("--sentences", "-K", "sentences", type=click.IntRange(1, 20), default=2, show_default=True,
              help="Sentences per date.")
@click.option("--json", "as_json", is_flag=True, help="Print the timeline as one JSON object.")
@click.option("--format", "output_format", type=click.Choice(["markdown", "html"]), default="markdown",
              show_default=True, help="The builtin template to render with.")
@click.option("--template", "-t", default=None,
              help="A template by name (from ./templates or the builtins), instead of --format's.")
@click.pass_obj
def timeline_command(cli_state: Any, name: str, start: date | None, end: date | None, dates: int,
                     sentences: int, as_json: bool, output_format: str, template: str | None) -> None:
    """The timeline of briefing NAME: the most important dates in its stored articles, each with
    the sentences that best say what happened, and the articles they come from."""
    from briefing import BriefingError, ConfigError, user_errors
    from briefing.plugins.timeline.render import TEMPLATES, make_view, render_view, timeline_to_dict
    from briefing.plugins.timeline.state import stored_articles
    from briefing.plugins.timeline.timeline import TimelineSettings, build_timeline, in_span

    with user_errors():
        if start and end and start > end:
            raise click.BadParameter(f"--from {start} is after --to {end}")
        service = cli_state.service()
        if name not in service.names():
            known = ", ".join(service.names())
            raise ConfigError([f"{service.config.path}: no briefing named {name} (known: {known})"])
        stored = stored_articles(service, name)
        service.close()
        if stored is None:
            raise BriefingError(f"{name}: no briefing made yet; run 'briefing run {name}' first")
        title, articles = stored
        settings = TimelineSettings(dates=dates, sentences=sentences, start=start, end=end)
        entries = build_timeline(articles, settings)
        view = make_view(name, title, entries, in_span(articles, settings), start, end)
        if as_json:
            click.echo(json.dumps(timeline_to_dict(view), ensure_ascii=False))
            return
        text = render_view(service, template or TEMPLATES[output_format], view)
        click.echo(text, nl=not text.endswith("\n"))
