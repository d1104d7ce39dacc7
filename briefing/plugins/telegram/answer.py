"""Answer a question from the articles of the latest briefings: BM25 over their sentences.

Each answer is a few sentences quoted from the articles, each with its source, or a plain "the
articles do not say". A sentence only counts as an answer when it shares at least half of the
question's content words (the shared tokeniser, stop words and stemmer of `briefing.plugins.text`,
and the words a question is made of); BM25 then orders those. BM25 is Robertson and Zaragoza's
Okapi weighting (k1 = 1.5, b = 0.75).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from briefing import Article, Briefing
from briefing.plugins.text.words import content_terms, stem, word_set

# Words that make a question rather than say what it is about.
QUESTION_WORDS = frozenset(stem(w) for w in word_set("""
tell know anything something happen happened happening think thing things
"""))
K1, B = 1.5, 0.75


def terms(text: str) -> list[str]:
    """The content terms of a question or a sentence, as the index compares them."""
    return [term for term in content_terms(text) if term not in QUESTION_WORDS]


@dataclass(frozen=True)
class Passage:
    briefing: str
    article: Article
    number: int  # the article's number in its briefing's source list
    text: str


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float


class SentenceIndex:
    def __init__(self, passages: Iterable[Passage]) -> None:
        self.passages = list(passages)
        self.bags = [Counter(terms(p.text)) for p in self.passages]
        self.lengths = [sum(bag.values()) for bag in self.bags]
        self.average = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0
        self.df: Counter[str] = Counter()
        for bag in self.bags:
            self.df.update(bag.keys())

    @classmethod
    def of(cls, briefings: Iterable[Briefing]) -> SentenceIndex:
        passages = []
        for briefing in briefings:
            for number, article in enumerate(briefing.articles, start=1):
                for sentence in article.sentences:
                    text = " ".join(sentence.text.split())
                    if len(text) > 20:
                        passages.append(Passage(briefing.name, article, number, text))
        return cls(passages)

    def search(self, question: str, limit: int = 3) -> list[Hit]:
        query = list(dict.fromkeys(terms(question)))
        if not query or not self.passages:
            return []
        needed = max(1, math.ceil(len(query) / 2))
        n = len(self.passages)
        hits: list[Hit] = []
        seen: set[str] = set()
        for passage, bag, length in zip(self.passages, self.bags, self.lengths, strict=True):
            matched = [t for t in query if t in bag]
            if len(matched) < needed:
                continue
            score = 0.0
            for term in matched:
                idf = math.log(1 + (n - self.df[term] + 0.5) / (self.df[term] + 0.5))
                tf = bag[term]
                score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / (self.average or 1)))
            hits.append(Hit(passage, score))
        hits.sort(key=lambda hit: -hit.score)
        best: list[Hit] = []
        for hit in hits:
            if hit.passage.text not in seen:
                seen.add(hit.passage.text)
                best.append(hit)
            if len(best) == limit:
                break
        return best
