"""A timeline's reading of its articles: each sentence with its article's date and the days it names.

Dates are found once per article text (not per sentence), and each mention is given to the
sentence that holds it by the sentence offsets the analyser stored, so every candidate line of
the timeline keeps its address: article id, sentence index, words.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from briefing import Article
from briefing.plugins.timeline.dates import find_dates


@dataclass(frozen=True, slots=True)
class DatedArticle:
    """An article and the day it appeared (its publication date, or when it was first briefed)."""

    article: Article
    published: date


@dataclass(frozen=True, slots=True)
class DatedSentence:
    article_id: str
    index: int  # into Article.sentences: the evidence's sentence_index
    text: str
    published: date
    days: tuple[date, ...]  # the days it mentions, day granularity only, in order of mention


def dated_sentences(articles: Iterable[DatedArticle]) -> list[DatedSentence]:
    """Every sentence of every article, with the days it mentions."""
    found: list[DatedSentence] = []
    for dated in articles:
        article = dated.article
        if not article.sentences:
            continue
        starts = [s.start for s in article.sentences]
        days: list[list[date]] = [[] for _ in article.sentences]
        for mention in find_dates(article.text, dated.published):
            if mention.granularity != "day":
                continue
            position = bisect_right(starts, mention.start) - 1
            inside = position >= 0 and mention.start < article.sentences[position].end
            if inside and mention.value not in days[position]:
                days[position].append(mention.value)
        for position, sentence in enumerate(article.sentences):
            found.append(DatedSentence(article.id, sentence.index, sentence.text, dated.published,
                                       tuple(days[position])))
    return found
