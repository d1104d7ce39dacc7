"""The numbered sentences a model is shown: what it may say, and the ids it must cite.

For a summary: story by story, most important first (the briefing's ranked stories, or each
article as its own story), and within the token budget. Sentences are taken in rounds, the best
remaining one of every article per round (its lead first, then the sentences the briefing's facts,
risks and quotes rest on, then the rest), so a tight budget still shows every story. For an answer:
the sentences that share most words with the question, then the leads, within the budget.
Shown sentences keep their article order and are numbered from 1 in the order shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing import Article, Briefing, Fact, Quote, Risk, Sentence
from briefing.plugins.llm.words import content_words

CHARS_PER_TOKEN = 4  # a common rule of thumb for English and the tokenisers of current models
LEAD = 2
MIN_WORDS = 5
PER_ARTICLE = 60


@dataclass(frozen=True)
class Numbered:
    number: int
    article: Article
    sentence: Sentence


@dataclass(frozen=True)
class Group:
    """One story's (or one article's) numbered sentences."""

    title: str
    sentences: tuple[Numbered, ...]


def estimate_tokens(text: str) -> int:
    return len(text) // CHARS_PER_TOKEN + 4  # the number and line break around each sentence


def statements(article: Article) -> list[Sentence]:
    return [s for s in article.sentences if len(s.text.split()) >= MIN_WORDS][:PER_ARTICLE]


def _stories(briefing: Briefing) -> list[tuple[str, list[Article]]]:
    by_id = {article.id: article for article in briefing.articles}
    if briefing.stories:
        ranked = sorted(briefing.stories, key=lambda story: -story.score)
        return [(story.title, [by_id[i] for i in story.article_ids if i in by_id]) for story in ranked]
    weight: dict[str, float] = {}
    for fact in briefing.facts:
        for evidence in fact.evidence:
            weight[evidence.article_id] = weight.get(evidence.article_id, 0.0) + fact.score
    articles = sorted(briefing.articles, key=lambda a: -weight.get(a.id, 0.0))
    return [(article.title, [article]) for article in articles]


def _priority(article: Article, cited: set[tuple[str, int]]) -> list[Sentence]:
    own = statements(article)
    lead = own[:LEAD]
    backed = [s for s in own[LEAD:] if (article.id, s.index) in cited]
    rest = [s for s in own[LEAD:] if (article.id, s.index) not in cited]
    return lead + backed + rest


def for_summary(briefing: Briefing, token_budget: int) -> list[Group]:
    items: list[Fact | Risk | Quote] = [*briefing.facts, *briefing.risks, *briefing.quotes]
    cited = {(e.article_id, e.sentence_index) for item in items for e in item.evidence}
    stories = _stories(briefing)
    queues = [[(article, _priority(article, cited)) for article in articles] for _, articles in stories]
    chosen: set[tuple[str, int]] = set()
    used = 0
    depth = max((len(q) for story in queues for _, q in story), default=0)
    for round_ in range(depth):
        for story in queues:
            for article, queue in story:
                if round_ < len(queue):
                    cost = estimate_tokens(queue[round_].text)
                    if used + cost <= token_budget:
                        used += cost
                        chosen.add((article.id, queue[round_].index))
    return _numbered([(title, articles) for (title, articles) in stories], chosen)


def for_question(question: str, briefings: Sequence[Briefing], token_budget: int) -> list[Group]:
    wanted = content_words(question)
    candidates: list[tuple[int, int, Article, Sentence]] = []
    stories: list[tuple[str, list[Article]]] = []
    for briefing in briefings:
        for title, articles in _stories(briefing):
            stories.append((f"{briefing.title}: {title}" if title else briefing.title, articles))
            for article in articles:
                for position, sentence in enumerate(statements(article)):
                    shared = len(wanted & content_words(sentence.text))
                    lead = position < LEAD
                    if shared or lead:
                        candidates.append((-shared, 0 if lead else 1, article, sentence))
    if not any(rank < 0 for rank, *_ in candidates):
        return []  # nothing the articles say touches the question
    candidates.sort(key=lambda c: (c[0], c[1]))
    chosen: set[tuple[str, int]] = set()
    used = 0
    for _, _, article, sentence in candidates:
        cost = estimate_tokens(sentence.text)
        if used + cost <= token_budget:
            used += cost
            chosen.add((article.id, sentence.index))
    return _numbered(stories, chosen)


def _numbered(stories: Iterable[tuple[str, list[Article]]], chosen: set[tuple[str, int]]) -> list[Group]:
    groups: list[Group] = []
    number = 0
    shown: set[tuple[str, int]] = set()
    for title, articles in stories:
        members: list[Numbered] = []
        for article in articles:
            for sentence in article.sentences:
                key = (article.id, sentence.index)
                if key in chosen and key not in shown:
                    shown.add(key)
                    number += 1
                    members.append(Numbered(number, article, sentence))
        if members:
            groups.append(Group(title, tuple(members)))
    return groups


def by_number(groups: Iterable[Group]) -> dict[int, Numbered]:
    return {n.number: n for group in groups for n in group.sentences}
