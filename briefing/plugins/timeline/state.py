"""The articles a timeline reads: every stored run of a briefing, from the state alone.

No pipeline run, no network, no parse: stored briefings keep their articles' texts and sentence
offsets (`briefing.Service.briefings`), so a timeline of thousands of articles takes seconds.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from briefing import Article, Service
from briefing.plugins.timeline.corpus import DatedArticle


def stored_articles(service: Service, name: str) -> tuple[str, list[DatedArticle]] | None:
    """The title of the latest briefing ``name`` and every article any of its runs kept, once each
    (the latest copy), dated by publication or else by the day a run first briefed it; None when
    the briefing was never made."""
    zone = ZoneInfo(service.spec(name).schedule.timezone)
    title: str | None = None
    articles: dict[str, Article] = {}
    first_briefed: dict[str, date] = {}
    for briefing in service.briefings(name):
        title = briefing.title
        day = _local_day(briefing.generated_at, zone)
        for article in briefing.articles:
            articles[article.id] = article
            first_briefed.setdefault(article.id, day)
    if title is None:
        return None
    dated = [DatedArticle(a, a.published_at.date() if a.published_at else first_briefed[a.id])
             for a in articles.values()]
    return title, dated


def _local_day(moment: datetime, zone: ZoneInfo) -> date:
    return (moment.astimezone(zone) if moment.tzinfo else moment).date()
