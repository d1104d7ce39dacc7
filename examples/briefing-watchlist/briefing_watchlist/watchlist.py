"""Extractor ``watchlist``: the people, organizations and terms you watch, where they appear.

Each sentence that names something on the list becomes an alert: a ``Risk`` whose text is the
sentence, whose ``severity`` is the alert level and whose ``actors`` are the names found. People
and organizations on the list also become ``Stakeholder`` entries with the role "on watchlist",
so they are listed even when the analyser's entity recogniser misses them, and merged with what
it found when it does not. Matching is on whole words, case-insensitive unless asked otherwise,
by name or any alias.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from briefing import AnalysedArticle, Evidence, Extractor, Item, Risk, Stakeholder

Level = Literal["low", "medium", "high"]
LEVELS: tuple[str, ...] = ("low", "medium", "high")
ROLE = "on watchlist"


@dataclass(frozen=True)
class Watched:
    """One entry of the list; a plain string in the config is an entry with just a name."""

    name: str
    aliases: list[str] = field(default_factory=list)
    level: Level | None = None  # None: the list's own level


@dataclass(frozen=True)
class WatchlistOptions:
    people: list[str | Watched] = field(default_factory=list)
    organizations: list[str | Watched] = field(default_factory=list)
    terms: list[str | Watched] = field(default_factory=list)
    level: Level = "medium"
    case_sensitive: bool = False


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str  # person, organization or term
    level: str
    pattern: re.Pattern[str]


def compile_entries(options: WatchlistOptions) -> list[Entry]:
    entries = []
    groups = (("person", options.people), ("organization", options.organizations),
              ("term", options.terms))
    flags = 0 if options.case_sensitive else re.IGNORECASE
    for kind, items in groups:
        for item in items:
            watched = Watched(item) if isinstance(item, str) else item
            names = [n.strip() for n in (watched.name, *watched.aliases) if n.strip()]
            if not names:
                continue
            names.sort(key=len, reverse=True)  # the longest alias wins where two overlap
            alternatives = "|".join(re.escape(n) for n in names)
            pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)
            entries.append(Entry(watched.name.strip(), kind, watched.level or options.level, pattern))
    return entries


class Watchlist(Extractor[WatchlistOptions]):
    options_class = WatchlistOptions
    # Only sentences are read: a briefing whose extractors all say so skips the parser,
    # tagger and entity recogniser (the trimmed pipeline).
    needs = frozenset({"sentences"})

    def __init__(self, options: WatchlistOptions) -> None:
        super().__init__(options)
        self.entries = compile_entries(options)

    def extract(self, analysed: AnalysedArticle) -> Iterator[Item]:
        article = analysed.article
        for sentence in article.sentences:
            found: list[tuple[Entry, str]] = []
            for entry in self.entries:
                match = entry.pattern.search(sentence.text)
                if match:
                    found.append((entry, match.group()))
            if not found:
                continue
            evidence = tuple(Evidence(article.id, sentence.index, quote) for _, quote in found)
            level = max((entry.level for entry, _ in found), key=LEVELS.index)
            actors = tuple(dict.fromkeys(entry.name for entry, _ in found))
            yield Risk(sentence.text, evidence, severity=level, actors=actors)
            for (entry, _), piece in zip(found, evidence, strict=True):
                if entry.kind != "term":
                    yield Stakeholder(entry.name, entry.kind, (piece,), roles=(ROLE,))
