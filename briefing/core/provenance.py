"""Every line of a briefing must trace back to a sentence of an article.

The core checks each item's evidence: the article exists, the sentence index is in range, and
the quoted words occur in that sentence. Items that fail are dropped and reported; under
``--strict`` (and in tests) they raise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from briefing.core.models import Article, Evidence, Stakeholder

T = TypeVar("T")


def evidence_problem(evidence: Evidence, articles: Mapping[str, Article]) -> str | None:
    """Why this evidence does not resolve, or None when it does."""
    article = articles.get(evidence.article_id)
    if article is None:
        return f"evidence names unknown article {evidence.article_id!r}"
    if not 0 <= evidence.sentence_index < len(article.sentences):
        return (f"evidence names sentence {evidence.sentence_index} of article {article.id}, "
                f"which has {len(article.sentences)}")
    sentence = article.sentences[evidence.sentence_index].text
    if not evidence.quote or evidence.quote not in sentence:
        return f"quote {evidence.quote[:60]!r} is not in sentence {evidence.sentence_index} of {article.id}"
    return None


def item_problem(item: object, articles: Mapping[str, Article]) -> str | None:
    """Why an item's provenance fails, or None. Items need at least one piece of evidence."""
    evidence: tuple[Evidence, ...] = getattr(item, "evidence", ())
    if not evidence:
        return f"{type(item).__name__} {_label(item)!r} has no evidence"
    for piece in evidence:
        problem = evidence_problem(piece, articles)
        if problem:
            return f"{type(item).__name__} {_label(item)!r}: {problem}"
    if isinstance(item, Stakeholder):
        for quote in item.quotes:
            problem = item_problem(quote, articles)
            if problem:
                return problem
    return None


def partition(items: Iterable[T], articles: Mapping[str, Article]) -> tuple[list[T], list[str]]:
    """Split items into those whose provenance holds and the problems of the others."""
    kept, problems = [], []
    for item in items:
        problem = item_problem(item, articles)
        if problem:
            problems.append(problem)
        else:
            kept.append(item)
    return kept, problems


def _label(item: object) -> str:
    for attribute in ("name", "text"):
        value = getattr(item, attribute, None)
        if isinstance(value, str):
            return value[:60]
    return type(item).__name__
