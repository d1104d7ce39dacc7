"""A timeline as JSON, and through the Jinja templates (Markdown, HTML, Telegram HTML).

Templates receive ``timeline`` (a `TimelineView`) and ``cite(evidence)``, which gives the number
of the article a line came from in ``timeline.sources``, the numbered list the templates end with,
so each line of a timeline can be traced to its article as in a briefing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from briefing import Article, Evidence, Service
from briefing.plugins.timeline.corpus import DatedArticle
from briefing.plugins.timeline.timeline import TimelineEntry

TEMPLATES = {"markdown": "timeline.md.j2", "html": "timeline.html.j2", "telegram": "timeline.tg.html.j2"}


@dataclass(frozen=True)
class Source:
    number: int
    article: Article
    published: date


@dataclass(frozen=True)
class TimelineView:
    name: str
    title: str
    entries: tuple[TimelineEntry, ...]
    sources: tuple[Source, ...]  # the articles cited, numbered in order of first citation
    articles_read: int
    start: date | None = None
    end: date | None = None

    def number(self, evidence: Evidence) -> int | None:
        for source in self.sources:
            if source.article.id == evidence.article_id:
                return source.number
        return None


def make_view(name: str, title: str, entries: Sequence[TimelineEntry], articles: Sequence[DatedArticle],
              start: date | None = None, end: date | None = None) -> TimelineView:
    by_id = {a.article.id: a for a in articles}
    sources: dict[str, Source] = {}
    for entry in entries:
        for evidence in entry.evidence:
            if evidence.article_id not in sources and evidence.article_id in by_id:
                dated = by_id[evidence.article_id]
                sources[evidence.article_id] = Source(len(sources) + 1, dated.article, dated.published)
    return TimelineView(name, title, tuple(entries), tuple(sources.values()), len(articles), start, end)


def timeline_to_dict(view: TimelineView) -> dict[str, Any]:
    """The JSON contract: ``{"name", "timeline": [{"date", "sentences", "evidence"}]}``, dates ascending."""
    return {
        "name": view.name,
        "timeline": [
            {"date": entry.day.isoformat(), "sentences": list(entry.sentences),
             "evidence": [{"article_id": e.article_id, "sentence_index": e.sentence_index, "quote": e.quote}
                          for e in entry.evidence]}
            for entry in sorted(view.entries, key=lambda e: e.day)
        ],
    }


def render_view(service: Service, template_name: str, view: TimelineView) -> str:
    """Render one template with the user's templates folder first; a template problem is a
    one-line TemplateError naming it."""
    numbers = {source.article.id: source.number for source in view.sources}

    def cite(evidence: Evidence) -> str:
        number = numbers.get(evidence.article_id)
        return f"[{number}]" if number else ""

    return service.render(template_name, timeline=view, cite=cite)
