"""Which collected articles a briefing is made of: no duplicates, and (with a window) only news.

Exact duplicates are recognised by canonical URL (the ``canonical_url`` hook) and by text;
near duplicates (wire copies with small edits) by the ``dedupe_articles`` hook. A ``window``
(e.g. ``24h``) makes a recurring briefing say what is new: an article first seen by an earlier
run of the same briefing more than a window ago, or published more than a window ago, is skipped
(``window_mode: skip``) or kept and marked ``meta["earlier"]`` (``window_mode: mark``). A re-run
on the same day keeps what the first run saw, because those articles are still within the window.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from briefing.core.models import Article, article_id_for

if TYPE_CHECKING:
    from briefing.core.store import Store

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$")
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str) -> timedelta | None:
    """``90m``, ``24h``, ``2d``, ``1w`` -> timedelta; None when the text is not a duration."""
    match = _DURATION.match(text)
    if match is None:
        return None
    return timedelta(**{_UNITS[match.group(2)]: float(match.group(1))})


def without_exact_duplicates(articles: Iterable[Article],
                             canonical: Callable[[str | None], str | None]) -> Iterator[Article]:
    """The first of each group of articles with the same canonical URL or the same text."""
    seen_urls: set[str] = set()
    seen_texts: set[str] = set()
    for article in articles:
        url = canonical(article.url)
        text_key = article_id_for(article.text)
        if (url and url in seen_urls) or text_key in seen_texts:
            continue
        seen_texts.add(text_key)
        if url:
            seen_urls.add(url)
            if url != article.url:
                article = replace(article, url=url)
        yield article


def published_by(articles: Iterable[Article], now: datetime) -> Iterator[Article]:
    """The articles that existed at ``now``: a replay of an earlier day (``run --as-of``) must not
    see what was published after it. Articles without a date, or a time zone, are kept."""
    for article in articles:
        published = article.published_at
        if published is None or published.tzinfo is None or published <= now:
            yield article


FUTURE_SLACK = timedelta(days=1)
"""How far after the run an article's date may lie before it is taken for a misreading: a feed in
the wrong time zone is hours off, a date read from a page's text (a reader's comment stamped days
later, a schedule's "June 30: deadline") can be anything."""


def dated_by(article: Article, now: datetime) -> Article:
    """The article, without a publication date that lies more than FUTURE_SLACK after ``now``
    (kept in ``meta["unlikely_date"]``): a briefing of 11 February listed a story "11 Feb to 15
    Feb" from a comment's stamp, and the date decides the story's span, its time decay and the day
    its timeline entry goes to."""
    published = article.published_at
    if published is None or published.tzinfo is None or published <= now + FUTURE_SLACK:
        return article
    return replace(article, published_at=None,
                   meta={**article.meta, "unlikely_date": published.isoformat()})


def parse_moment(text: str, zone: str) -> datetime:
    """``--as-of`` as a moment: a date alone is the end of that day, and a time without a zone is
    in ``zone`` (the briefing's). ValueError for anything else."""
    from datetime import time
    from zoneinfo import ZoneInfo

    value = text.strip()
    try:
        if len(value) == 10:  # YYYY-MM-DD
            day = datetime.fromisoformat(value).date()
            moment = datetime.combine(day, time(23, 59, 59))
        else:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"expected a date (2024-05-01) or a date and time (2024-05-01T07:00 or "
                         f"2024-05-01T07:00+02:00), got {text!r}") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=ZoneInfo(zone))


def within_window(articles: Iterable[Article], store: Store, briefing: str, window: timedelta,
                  now: datetime, mark: bool) -> Iterator[Article]:
    """Articles that are news for this briefing (see the module docstring)."""
    cutoff = now - window
    for article in articles:
        first = store.first_seen(briefing, article.id)
        earlier = first is not None and datetime.fromisoformat(first) < cutoff
        published = article.published_at
        old = published is not None and published.tzinfo is not None and published < cutoff
        if not (earlier or old):
            yield article
        elif mark:
            when = first if earlier else published.isoformat()  # type: ignore[union-attr]
            yield replace(article, meta={**article.meta, "earlier": when})
