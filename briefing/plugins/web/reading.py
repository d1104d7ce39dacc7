"""What the web pages show, read from stored briefings: evidence lines, people across days, search.

Every line of a page carries its evidence: the sentence it came from, with the quoted words
marked, and the article (title, source, link). Pages across days (a stakeholder, a search) read
each day's stored briefing once and keep a small digest of it, never the articles' texts: a
stored briefing does not change, so a digest made once stays true.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from briefing import Briefing, Service, StoredBriefing

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class EvidenceLine:
    """One piece of evidence as a reader sees it: the sentence split around the quote."""

    number: int | None  # the article's number in the briefing's source list
    title: str
    url: str | None  # http(s) only: a feed's javascript: link never becomes a link
    source: str
    before: str
    quote: str
    after: str


def safe_url(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("https://", "http://")) else None


def evidence_lines(briefing: Briefing, item: Any) -> list[EvidenceLine]:
    """The evidence of any item (fact, risk, quote, stakeholder, place, summary)."""
    numbers = {article.id: number for number, article in enumerate(briefing.articles, start=1)}
    lines = []
    for evidence in getattr(item, "evidence", ()) or ():
        article = briefing.article(evidence.article_id)
        if article is None:
            continue
        sentences = article.sentences
        sentence = sentences[evidence.sentence_index].text \
            if 0 <= evidence.sentence_index < len(sentences) else evidence.quote
        at = sentence.find(evidence.quote) if evidence.quote else -1
        if at < 0:
            before, quote, after = sentence, "", ""
        else:
            before, quote, after = sentence[:at], evidence.quote, sentence[at + len(evidence.quote):]
        lines.append(EvidenceLine(numbers.get(article.id), article.title or article.id,
                                  safe_url(article.url), article.source, before, quote, after))
    return lines


def latest_of_each_day(runs: Iterable[StoredBriefing]) -> list[StoredBriefing]:
    """The newest run of each (briefing, day): what a day's page shows. Keeps the order."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for run in runs:
        if (run.name, run.day) not in seen:
            seen.add((run.name, run.day))
            kept.append(run)
    return kept


@dataclass(frozen=True)
class Entry:
    """A searchable line of one day's briefing."""

    briefing: str
    day: str
    kind: str  # summary, story, fact, risk, quote, stakeholder, place
    text: str
    detail: str  # speaker, roles, likelihood: searched and shown under the text
    evidence: tuple[EvidenceLine, ...]
    words: str = field(repr=False, default="")


@dataclass(frozen=True)
class Appearance:
    """A stakeholder in one day's briefing."""

    briefing: str
    day: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    quotes: tuple[tuple[str, tuple[EvidenceLine, ...]], ...]
    evidence: tuple[EvidenceLine, ...]
    stories: tuple[str, ...]


@dataclass(frozen=True)
class Digest:
    entries: tuple[Entry, ...]
    people: tuple[Appearance, ...]


def digest(briefing: Briefing, day: str) -> Digest:
    name = briefing.name

    def entry(kind: str, text: str, item: Any, detail: str = "") -> Entry:
        return Entry(name, day, kind, text, detail, tuple(evidence_lines(briefing, item)),
                     f"{text} {detail}".casefold())

    entries = []
    if briefing.summary is not None:
        entries.append(entry("summary", briefing.summary.text, briefing.summary))
    for story in briefing.stories:
        entries.append(Entry(name, day, "story", story.title, "", (), story.title.casefold()))
    entries += [entry("fact", fact.text, fact) for fact in briefing.facts]
    entries += [entry("risk", risk.text, risk, " · ".join(filter(None, (risk.likelihood, risk.speaker))))
                for risk in briefing.risks]
    entries += [entry("quote", quote.text, quote, quote.speaker or "") for quote in briefing.quotes]
    entries += [entry("stakeholder", person.name, person, ", ".join((*person.aliases, *person.roles)))
                for person in briefing.stakeholders]
    entries += [entry("place", place.name, place, ", ".join(place.aliases)) for place in briefing.places]
    people = []
    for person in briefing.stakeholders:
        articles = {e.article_id for e in person.evidence}
        stories = tuple(story.title for story in briefing.stories if articles & set(story.article_ids))
        quotes = tuple((quote.text, tuple(evidence_lines(briefing, quote))) for quote in person.quotes)
        people.append(Appearance(name, day, person.name, person.kind, person.aliases, person.roles,
                                 quotes, tuple(evidence_lines(briefing, person)), stories))
    return Digest(tuple(entries), tuple(people))


def query_words(query: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(query)][:12]


class Library:
    """The stored briefings as the pages read them. ``service`` gives the calling thread's
    `Service` (each thread has its own state connection)."""

    def __init__(self, service: Callable[[], Service]) -> None:
        self.service = service
        self._digests: dict[tuple[str, str, str], Digest] = {}

    def days(self) -> list[StoredBriefing]:
        """The newest run of each day of every briefing, newest first."""
        return latest_of_each_day(self.service().history())

    def digests(self) -> Iterator[Digest]:
        for run in self.days():
            key = (run.name, run.day, run.generated_at.isoformat())
            found = self._digests.get(key)
            if found is None:
                briefing = self.service().stored(run.name, run.day)
                if briefing is None:
                    continue
                found = self._digests[key] = digest(briefing, run.day)
            yield found

    def search(self, query: str, limit: int = 100) -> tuple[list[Entry], bool]:
        """Lines that contain every word of the query, newest day first; and whether there
        were more than ``limit``."""
        words = query_words(query)
        if not words:
            return [], False
        found: list[Entry] = []
        for day in self.digests():
            for entry in day.entries:
                if all(word in entry.words for word in words):
                    if len(found) == limit:
                        return found, True
                    found.append(entry)
        return found, False

    def stakeholder(self, name: str) -> list[Appearance]:
        """Every day's appearance of the stakeholder called ``name`` (or so aliased), newest first."""
        wanted = name.casefold().strip()
        return [person for day in self.digests() for person in day.people
                if wanted in {person.name.casefold(), *(alias.casefold() for alias in person.aliases)}]


def highlight_parts(text: str, words: list[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is a match) for marking the query's words; the template
    escapes every piece."""
    if not words:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)),
                         re.IGNORECASE)
    parts, at = [], 0
    for match in pattern.finditer(text):
        if match.start() > at:
            parts.append((text[at:match.start()], False))
        parts.append((match.group(), True))
        at = match.end()
    if at < len(text):
        parts.append((text[at:], False))
    return parts
