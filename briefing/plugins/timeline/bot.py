"""``/timeline [NAME]``: the bot answers with the timeline of a briefing's stored articles.

Like ``/brief`` it reads the state only; building the timeline (regular expressions and word
counts, no parse) runs on a worker thread so the bot keeps answering others meanwhile.
"""

from __future__ import annotations

import asyncio
import html

from briefing import BotCommand, ChatRequest
from briefing.plugins.timeline.render import TEMPLATES, make_view, render_view
from briefing.plugins.timeline.state import stored_articles
from briefing.plugins.timeline.timeline import TimelineSettings, build_timeline

BOT_DATES, BOT_SENTENCES = 8, 1  # a chat message is read on a phone


def _escape(text: object) -> str:
    return html.escape(str(text), quote=False)


class TimelineCommand(BotCommand):
    description = "a briefing's timeline: the dates that matter and what happened"
    usage = "[NAME]"

    async def run(self, request: ChatRequest) -> None:
        wanted = request.args[0] if request.args else None
        name = request.choose_briefing(wanted)
        names = ", ".join(request.service.names())
        if name is None:
            if wanted:
                await request.reply(f"There is no briefing called <b>{_escape(wanted)}</b>. "
                                    f"Try one of: {_escape(names)}.")
            else:
                await request.reply(f"Which briefing? e.g. <code>/timeline NAME</code>. "
                                    f"Briefings: {_escape(names)}.")
            return
        stored = stored_articles(request.service, name)
        if stored is None:
            await request.reply(f"There is no <b>{_escape(name)}</b> briefing yet.")
            return
        title, articles = stored
        settings = TimelineSettings(dates=BOT_DATES, sentences=BOT_SENTENCES)
        entries = await asyncio.to_thread(build_timeline, articles, settings)
        view = make_view(name, title, entries, articles)
        await request.reply(render_view(request.service, TEMPLATES["telegram"], view))
