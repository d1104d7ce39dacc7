"""Timelines: ``briefing timeline NAME`` and the bot's ``/timeline``, from the stored briefings.

Modules: date_grammar and dates (date mentions resolved against the article's date), corpus (each
sentence with the days it names), ranking (which days matter), vectors and summarise (what
happened on a day), timeline (the two together), render (JSON and templates), cli, bot, and state
(the stored articles, read through `briefing.Service`).
"""

from __future__ import annotations

from typing import Any

from briefing import hookimpl


@hookimpl
def register_commands(cli: Any) -> None:
    from briefing.plugins.timeline.cli import timeline_command

    cli.add_command(timeline_command)


@hookimpl
def register_bot_commands(register: Any) -> None:
    register("timeline", "briefing.plugins.timeline.bot:TimelineCommand")
