"""``/timeline [NAME]``: the bot answers with the timeline of a briefing's stored articles.

Like ``/brief`` it reads the state only; building the timeline (regular expressions and word
counts, no parse) runs on a worker thread so the bot keeps answering others meanwhile.
"""

from __future__ import annotations

import asyncio
import html
from typing import Any

from briefing import BotCommand
from briefing.plugins.timeline.render import TEMPLATES, make_view, render_view
from briefing.plugins.timeline.state import stored_articles, template_environment
from briefing.plugins.timeline.timeline import TimelineSettings, build_timeline

BOT_DATES, BOT_SENTENCES = 8, 1  # a chat message is read on a phone


def _escape(text: object) -> str:
    return html.escape(str(text), quote=False)


def chosen_briefing(request: Any, name: str | None) -> str | None:
    """The briefing named, else the chat's only subscription, else the only briefing."""
    names = list(request.service.names())
    if name:
        return name if name in names else None
    subscribed = [row["briefing"] for row in request.service.store.subscriptions(chat_id=request.chat_id)]
    for candidates in (subscribed, names):
        if len(candidates) == 1:
            return str(candidates[0])
    return None


class TimelineCommand(BotCommand):
    description = "a briefing's timeline: the dates that matter and what happened"
    usage = "[NAME]"

    async def run(self, request: Any) -> None:
        wanted = request.args[0] if request.args else None
        name = chosen_briefing(request, wanted)
        names = ", ".join(request.service.names())
        if name is None:
            if wanted:
                await request.reply(f"There is no briefing called <b>{_escape(wanted)}</b>. "
                                    f"Try one of: {_escape(names)}.")
            else:
                await request.reply(f"Which briefing? e.g. <code>/timeline NAME</code>. "
                                    f"Briefings: {_escape(names)}.")
            return
        service = request.service
        if service.store.latest_briefing(name) is None:
            await request.reply(f"There is no <b>{_escape(name)}</b> briefing yet.")
            return
        timezone = service.config.briefings[name].schedule.timezone
        title, articles = stored_articles(service.store, name, timezone)
        settings = TimelineSettings(dates=BOT_DATES, sentences=BOT_SENTENCES)
        entries = await asyncio.to_thread(build_timeline, articles, settings)
        view = make_view(name, title, entries, articles)
        env = template_environment(service.plugins, service.config.templates_dir)
        await request.reply(render_view(env, TEMPLATES["telegram"], view))
