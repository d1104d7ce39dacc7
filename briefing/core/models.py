"""The data that flows between stages.

Every item a briefing shows carries `Evidence`: the article and the sentence it came from, and the
words quoted from that sentence. Sentences are split once, by the analyser, so an index into
`Article.sentences` is a stable address for a line of the briefing. The classes are frozen so a
plugin cannot change what another plugin already saw.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

# What a stakeholder is: a person, an organisation (a state body or a city standing for its
# authorities included), a sovereign state acting, or a group named by a nationality or creed.
StakeholderKind = Literal["person", "organization", "country", "group"]
STAKEHOLDER_KINDS: tuple[StakeholderKind, ...] = ("person", "organization", "country", "group")


def stakeholder_kind(value: str) -> StakeholderKind:
    """``value`` as a stakeholder kind; ValueError for anything else (a typo would otherwise
    travel as far as a template)."""
    for kind in STAKEHOLDER_KINDS:
        if value == kind:
            return kind
    raise ValueError(f"unknown stakeholder kind {value!r} (expected one of {', '.join(STAKEHOLDER_KINDS)})")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article; `start`/`end` are character offsets into `Article.text`."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    url: str | None
    title: str
    source: str
    published_at: datetime | None
    text: str
    sentences: tuple[Sentence, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a line of the briefing comes from; `quote` occurs in that sentence."""

    article_id: str
    sentence_index: int
    quote: str


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention found by the analyser (label in the analyser's own tag set)."""

    text: str
    label: str
    start: int
    end: int
    sentence_index: int


@dataclass(frozen=True, slots=True)
class Fact:
    """A statement of what happened. ``new`` is false when an earlier briefing of the same name
    (within its horizon) already carried it: the same statement, with no figure and no actor it
    lacked. A briefing that knows no earlier one calls everything new."""

    text: str
    evidence: tuple[Evidence, ...]
    sources: tuple[str, ...] = ()
    score: float = 0.0
    new: bool = True


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | None
    text: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Stakeholder:
    name: str
    kind: StakeholderKind
    evidence: tuple[Evidence, ...]
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    salience: float = 0.0


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    evidence: tuple[Evidence, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Risk:
    """A stated risk. `likelihood` is the phrase as written, `probability` its PHIA range or None.

    `kind` is "risk" for a harm that may come, "assessment" for a stated judgement of something
    else: what happened or who did it ("likely responsible for the attack"), an attitude, or a
    future without a harm ("will likely decide"). Briefings show the two apart.
    """

    text: str
    evidence: tuple[Evidence, ...]
    likelihood: str | None = None
    probability: tuple[float, float] | None = None
    severity: str = "medium"
    actors: tuple[str, ...] = ()
    speaker: str | None = None  # who says so ("the ministry", "a named analyst"); None if unattributed
    # the statement a risk refers back to ("these assets"), also in evidence; None in a briefing when
    # that statement is the risk listed just before (assemble.risk_rank.referents_first)
    context: str | None = None
    kind: str = "risk"  # "risk" or "assessment"
    new: bool = True  # false when an earlier briefing carried it (the rule of Fact.new)
    # how sure the extractor is that the sentence states a risk at all, 0-1 (the builtin's: the
    # probability its learned readers and rules give together); None when it gives none. Ranks
    # risks (assemble.risk_rank).
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    text: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Answer:
    """A reader's question answered from briefings: points, each a text with the sentences it
    rests on (a `Summary`), ``by`` who answered (shown to the reader), and ``notes`` on what was
    left out of the answer and why."""

    points: tuple[Summary, ...]
    by: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StageFailure:
    stage: str
    component: str
    plugin: str
    error: str


@dataclass(frozen=True, slots=True)
class Story:
    """The articles that report one event; a briefing ranks its stories.

    `id` is derived from the story's earliest article, so tomorrow's run can tell a story it
    already told; `title` is the headline that best names the event; `first_published` and
    `last_published` span its dated reports (articles and copies); `actors` and `places` are the
    names of the merged stakeholders and places its articles mention most; `summary` is the lede
    of the event across its reports (set by the summarise stage). `copy_ids` are the near
    duplicates its articles stand for (other outlets' copies of a wire story, dropped before
    analysis and listed in their original's ``meta["copies"]``): the story has
    ``len(article_ids) + len(copy_ids)`` reports.

    Across days: `status` is "new" when no earlier briefing of the same name told the story,
    "developing" when one did and this briefing has new reports of it (the story then keeps the
    earlier `id`); `first_briefed` is when it was first told, and `new_article_ids` are its
    articles no earlier briefing covered.
    """

    title: str
    article_ids: tuple[str, ...]
    score: float = 0.0
    id: str = ""
    first_published: datetime | None = None
    last_published: datetime | None = None
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    summary: Summary | None = None
    status: str = "new"  # "new" or "developing"
    first_briefed: datetime | None = None
    new_article_ids: tuple[str, ...] = ()
    copy_ids: tuple[str, ...] = ()


Item = Fact | Stakeholder | Place | Risk | Quote


@dataclass(frozen=True, slots=True)
class AnalysedArticle:
    """An article after analysis: sentences set, entity mentions found.

    `doc` is the analyser's own parse (a spaCy `Doc` for the builtin analyser). Extractors that
    understand it may use it; it is dropped after extraction so only compact items are kept.
    """

    article: Article
    mentions: tuple[Mention, ...] = ()
    doc: Any = None


@dataclass(frozen=True, slots=True)
class Briefing:
    name: str
    title: str
    generated_at: datetime
    articles: tuple[Article, ...]
    summary: Summary | None = None
    facts: tuple[Fact, ...] = ()
    stakeholders: tuple[Stakeholder, ...] = ()
    places: tuple[Place, ...] = ()
    risks: tuple[Risk, ...] = ()
    quotes: tuple[Quote, ...] = ()
    failures: tuple[StageFailure, ...] = ()
    stories: tuple[Story, ...] = ()

    def article(self, article_id: str) -> Article | None:
        for article in self.articles:
            if article.id == article_id:
                return article
        return None


_SPACE = re.compile(r"\s+")


def article_id_for(text: str, url: str | None = None) -> str:
    """A stable id: the same text (or the same URL) always gives the same id."""
    basis = url if url else _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def story_id_for(article_ids: tuple[str, ...] | list[str]) -> str:
    """A story's stable id: a hash of its first article's id (``article_ids`` in publication order)."""
    return "s" + hashlib.sha256(f"story:{article_ids[0]}".encode()).hexdigest()[:12] if article_ids else ""


def make_article(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str = "",
    published_at: datetime | None = None,
    meta: Mapping[str, Any] | None = None,
) -> Article:
    """Build an `Article` with a stable id; the title defaults to the first non-empty line."""
    if title is None:
        title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return Article(
        id=article_id_for(text, url),
        url=url,
        title=title,
        source=source,
        published_at=published_at,
        text=text,
        meta=dict(meta or {}),
    )
