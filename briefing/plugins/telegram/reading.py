"""Commands that read the latest stored briefing: /brief, /risks, /who, /sources, /ask.

They answer from what the store holds (no pipeline run), so they are quick and say exactly what
the last briefing said, with the same source numbers.
"""

from __future__ import annotations

import asyncio

from briefing import Answer, Article, Briefing, ChatRequest, Service
from briefing.plugins.telegram.answer import SentenceIndex
from briefing.plugins.telegram.commands import (
    BotCommand,
    escape,
    explain_choice,
)
from briefing.plugins.telegram.publisher import DEFAULT_TEMPLATE

# The replies are blocks of the briefing's own Telegram template (risks, sources) or templates of
# their own (who, ask): a user's override in templates/ reaches the chat as it reaches the post.
WHO_TEMPLATE = "briefing.tg.who.j2"
ASK_TEMPLATE = "briefing.tg.ask.j2"
ANSWER_TEMPLATE = "briefing.tg.answer.j2"


def answer_on_a_thread(service: Service, question: str, briefings: list[Briefing]) -> Answer | None:
    """A plugin's answer (a model may take seconds), asked with this thread's own state connection."""
    forked = service.fork()
    try:
        return forked.answer(question, briefings)
    finally:
        forked.close()


def numbered(briefings: list[Briefing]) -> dict[str, tuple[int, Article]]:
    """Each article by id, with its number in its briefing's source list."""
    return {a.id: (n, a) for b in briefings for n, a in enumerate(b.articles, start=1)}


async def latest_or_explain(request: ChatRequest, name: str | None) -> Briefing | None:
    chosen = request.choose_briefing(name)
    if chosen is None:
        await explain_choice(request, name)
        return None
    briefing = request.service.latest(chosen)
    if briefing is None:
        await request.reply(f"There is no <b>{escape(chosen)}</b> briefing yet.")
    return briefing


def telegram_template(request: ChatRequest, name: str) -> str:
    """The template the briefing's Telegram posts use (its ``telegram`` output's, else the builtin)."""
    for output in request.service.spec(name).outputs:
        if output.type == "telegram":
            return str(output.options.template)
    return DEFAULT_TEMPLATE


class Brief(BotCommand):
    description = "the latest briefing, now"
    usage = "[NAME]"

    async def run(self, request: ChatRequest) -> None:
        briefing = await latest_or_explain(request, request.args[0] if request.args else None)
        if briefing is not None:  # the reply is split into messages where the post would be
            await request.reply_with(telegram_template(request, briefing.name), briefing)


class Risks(BotCommand):
    description = "the risks in the latest briefing"
    usage = "[NAME]"

    async def run(self, request: ChatRequest) -> None:
        briefing = await latest_or_explain(request, request.args[0] if request.args else None)
        if briefing is None:
            return
        risks = [r for r in briefing.risks if r.kind == "risk"]  # assessments are not risks
        if not risks:
            await request.reply(f"The articles of <b>{escape(briefing.title)}</b> state no risks.")
            return
        await request.reply_with(telegram_template(request, briefing.name), briefing, block="risks",
                                 max_risks=len(briefing.risks))


class Sources(BotCommand):
    description = "the articles behind the latest briefing"
    usage = "[NAME]"

    async def run(self, request: ChatRequest) -> None:
        briefing = await latest_or_explain(request, request.args[0] if request.args else None)
        if briefing is not None:
            await request.reply_with(telegram_template(request, briefing.name), briefing,
                                     block="sources")


class Who(BotCommand):
    description = "a stakeholder's card: roles, what they said, sources"
    usage = "NAME"

    async def run(self, request: ChatRequest) -> None:
        wanted = " ".join(request.args).strip().lower()
        if not wanted:
            await request.reply("Whom? e.g. <code>/who</code> followed by a name from a briefing.")
            return
        for name in request.service.names():
            briefing = request.service.latest(name)
            if briefing is None:
                continue
            for person in briefing.stakeholders:
                names = [person.name.lower(), *(a.lower() for a in person.aliases)]
                if wanted in names or any(wanted in n for n in names):
                    quotes = person.quotes or tuple(q for q in briefing.quotes if q.speaker == person.name)
                    await request.reply_with(WHO_TEMPLATE, briefing, person=person, quotes=quotes)
                    return
        await request.reply(f"No one called <b>{escape(wanted)}</b> appears in the latest briefings.")


class Ask(BotCommand):
    description = "ask about the latest briefings (or just write your question)"
    usage = "QUESTION"

    async def run(self, request: ChatRequest) -> None:
        question = " ".join(request.args).strip()
        if not question:
            await request.reply("Ask me something about the latest briefings, e.g. "
                                "<code>/ask who is involved?</code>")
            return
        briefings = [b for b in (request.service.latest(n) for n in request.service.names()) if b]
        answer = await asyncio.to_thread(answer_on_a_thread, request.service, question, briefings)
        if answer is not None and answer.points:
            await request.reply_with(ANSWER_TEMPLATE, answer=answer, sources=numbered(briefings))
            return
        hits = SentenceIndex.of(briefings).search(question)
        if not hits:
            await request.reply("The articles in the latest briefings do not say.")
            return
        await request.reply_with(ASK_TEMPLATE, hits=hits)
