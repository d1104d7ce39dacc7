"""Commands that read the latest stored briefing: /brief, /risks, /who, /sources, /ask.

They answer from what the store holds (no pipeline run), so they are quick and say exactly what
the last briefing said, with the same source numbers.
"""

from __future__ import annotations

from briefing import Briefing
from briefing.core.rendering import percent_range, unstated_speaker
from briefing.plugins.telegram.answer import SentenceIndex
from briefing.plugins.telegram.commands import (
    BotCommand,
    CommandRequest,
    choose_briefing,
    escape,
    explain_choice,
)


def cite(briefing: Briefing, item: object) -> str:
    numbers = {a.id: i for i, a in enumerate(briefing.articles, start=1)}
    found = sorted({numbers[e.article_id] for e in getattr(item, "evidence", ())
                    if e.article_id in numbers})
    return "[" + ", ".join(map(str, found)) + "]" if found else ""


async def latest_or_explain(request: CommandRequest, name: str | None) -> Briefing | None:
    chosen = choose_briefing(request, name)
    if chosen is None:
        await explain_choice(request, name)
        return None
    briefing = request.service.latest(chosen)
    if briefing is None:
        await request.reply(f"There is no <b>{escape(chosen)}</b> briefing yet.")
    return briefing


class Brief(BotCommand):
    description = "the latest briefing, now"
    usage = "[NAME]"

    async def run(self, request: CommandRequest) -> None:
        briefing = await latest_or_explain(request, request.args[0] if request.args else None)
        if briefing is not None:
            for part in request.service.render_parts(briefing):
                await request.reply(part)


class Risks(BotCommand):
    description = "the risks in the latest briefing"
    usage = "[NAME]"

    async def run(self, request: CommandRequest) -> None:
        briefing = await latest_or_explain(request, request.args[0] if request.args else None)
        if briefing is None:
            return
        risks = [r for r in briefing.risks if r.kind == "risk"]  # assessments are not risks
        if not risks:
            await request.reply(f"The articles of <b>{escape(briefing.title)}</b> state no risks.")
            return
        lines = [f"<b>Risks: {escape(briefing.title)}</b>"]
        for risk in risks:
            odds = ""
            if risk.likelihood:
                odds = f"<b>{escape(risk.likelihood)}</b>"
                if risk.probability:
                    odds += f" ({percent_range(risk.probability)})"
                odds += ": "
            actors = f" (actors: {escape(', '.join(risk.actors))})" if risk.actors else ""
            speaker = unstated_speaker(risk)
            said = f" <i>(according to {escape(speaker)})</i>" if speaker else ""
            lines.append(f"• {odds}{escape(risk.text)}{said}{actors} {cite(briefing, risk)}")
            if risk.context:
                lines.append(f"   <i>context: {escape(risk.context)}</i>")
        await request.reply("\n".join(lines))


class Sources(BotCommand):
    description = "the articles behind the latest briefing"
    usage = "[NAME]"

    async def run(self, request: CommandRequest) -> None:
        briefing = await latest_or_explain(request, request.args[0] if request.args else None)
        if briefing is None:
            return
        lines = [f"<b>Sources: {escape(briefing.title)}</b>"]
        for number, article in enumerate(briefing.articles, start=1):
            title = escape(article.title or article.url or article.id)
            if article.url and article.url.startswith(("http://", "https://")):
                title = f'<a href="{escape(article.url).replace(chr(34), "&quot;")}">{title}</a>'
            source = f" ({escape(article.source)})" if article.source else ""
            lines.append(f"{number}. {title}{source}")
        await request.reply("\n".join(lines))


class Who(BotCommand):
    description = "a stakeholder's card: roles, what they said, sources"
    usage = "NAME"

    async def run(self, request: CommandRequest) -> None:
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
                    await request.reply(card(briefing, person))
                    return
        await request.reply(f"No one called <b>{escape(wanted)}</b> appears in the latest briefings.")


def card(briefing: Briefing, person: object) -> str:
    from briefing import Stakeholder

    assert isinstance(person, Stakeholder)
    lines = [f"<b>{escape(person.name)}</b> ({escape(person.kind)}) in "
             f"<i>{escape(briefing.title)}</i>"]
    if person.aliases:
        lines.append(f"Also: {escape(', '.join(person.aliases))}")
    if person.roles:
        lines.append(f"Roles: {escape('; '.join(person.roles))}")
    quotes = person.quotes or tuple(q for q in briefing.quotes if q.speaker == person.name)
    for quote in quotes[:3]:
        lines.append(f"• “{escape(quote.text)}” {cite(briefing, quote)}")
    numbers = cite(briefing, person)
    if numbers:
        lines.append(f"Sources: {numbers} (see /sources {escape(briefing.name)})")
    return "\n".join(lines)


class Ask(BotCommand):
    description = "ask about the latest briefings (or just write your question)"
    usage = "QUESTION"

    async def run(self, request: CommandRequest) -> None:
        question = " ".join(request.args).strip()
        if not question:
            await request.reply("Ask me something about the latest briefings, e.g. "
                                "<code>/ask who is involved?</code>")
            return
        briefings = [b for b in (request.service.latest(n) for n in request.service.names()) if b]
        hits = SentenceIndex.of(briefings).search(question)
        if not hits:
            await request.reply("The articles in the latest briefings do not say.")
            return
        lines = ["From the articles:"]
        for hit in hits:
            article = hit.passage.article
            where = escape(article.source or article.title)
            lines.append(f"• “{escape(hit.passage.text)}” [{hit.passage.number}: {where}, "
                         f"<i>{escape(article.title)}</i>]")
        await request.reply("\n".join(lines))

