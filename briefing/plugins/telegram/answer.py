"""Answer a question from the articles of the latest briefings: BM25 over their sentences.

Each answer is a few sentences quoted from the articles, each with its source, or a plain "the
articles do not say". A sentence only counts as an answer when it shares at least half of the
question's content words (after stop words are dropped and plurals folded); BM25 then orders those.
BM25 is Robertson and Zaragoza's Okapi weighting (k1 = 1.5, b = 0.75). The stop words are the
Snowball English stop word list (snowballstem.org, algorithms/english/stop.txt), plus question words.
Plurals are folded with Harman's S-stemmer (Harman 1991, "How effective is suffixing?").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from briefing import Article, Briefing

_STOP_TEXT = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
her hers herself it its itself they them their theirs themselves what which who whom this that
these those am is are was were be been being have has had having do does did doing would should
could ought i'm you're he's she's it's we're they're i've you've we've they've i'd you'd he'd
she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't aren't wasn't weren't hasn't
haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't can't cannot couldn't mustn't
let's that's who's what's here's there's when's where's why's how's a an the and but if or
because as until while of at by for with about against between into through during before after
above below to from up down in out on off over under again further then once here there when
where why how all any both each few more most other some such no nor not only own same so than
too very will can just
tell says say said know much many does anything something happen happened happening
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
K1, B = 1.5, 0.75


def stem(word: str) -> str:
    """Harman's S-stemmer: fold regular English plurals, nothing more."""
    if len(word) > 3 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """Content words, lower-cased and plural-folded; numbers only when they look like years."""
    words = (w.lower().replace("’", "'") for w in _WORD.findall(text))
    return [stem(w) for w in words if _content(w)]


def _content(word: str) -> bool:
    if word.isdigit():
        return len(word) == 4
    return word not in STOP_WORDS


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
