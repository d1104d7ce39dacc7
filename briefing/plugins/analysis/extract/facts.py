"""Extractor ``facts``: the sentences that carry an article's news, ranked by salience.

Only statements count: a full sentence with a finite verb, not a question, heading, photo caption
or credit (the cleaner removed most clutter and keeps captions as content; this is the guard that
keeps them out of the facts, see text.similarity.caption_like). Each statement gets a salience score
in 0..1, a weighted sum of signals that news-summarisation work has long used (Edmundson 1969;
the lead, entity and numeric features of extractive summarisers since):

- position: news writes the most important first (weight 0.40, decaying with the position);
- centrality: LexRank centrality within the article (0.25, see nlp.centrality);
- named entities: who and where make a fact concrete (0.15, saturating at three);
- numbers, dates, amounts (0.10);
- attribution: a reporting verb or "according to" says who stands behind it (0.10).

The fact's text is the sentence as written, attribution included ("..., the ministry said"), so
the briefing never states as fact what a source only claimed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefing import AnalysedArticle, Evidence, Extractor, Fact
from briefing.plugins.analysis.nlp.attribution import attribution, entities_in
from briefing.plugins.analysis.nlp.centrality import rank
from briefing.plugins.analysis.nlp.token_table import plain_tokens
from briefing.plugins.text.similarity import is_statement

WEIGHTS = {"position": 0.40, "centrality": 0.25, "entities": 0.15, "numbers": 0.10, "attribution": 0.10}
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT")
NUMBER_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME", "ORDINAL")


@dataclass(frozen=True)
class FactOptions:
    max_facts: int = 8
    """At most this many facts from each article, the most salient first."""
    min_score: float = 0.2
    """A statement needs at least this salience (0..1: position, centrality, names, numbers,
    attribution) to be a fact."""
    min_words: int = 6
    """Shorter sentences are not statements of fact (headings, captions, fragments)."""
    position_decay: float = 0.5
    """How fast the weight of a sentence's position falls: 1 / (1 + decay x position in the article)."""


FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")


def has_finite_verb(span: Any) -> bool:
    """A verb that makes a clause: a tensed form ("rose", "says", "will"), or a base or participle
    form with its auxiliary ("has risen"). Captions and headlines built around a participle
    ("now-ousted leader X in 2017") have none, so they are not statements of fact."""
    table = plain_tokens(span.doc)
    tag, finite = table.tag, table.finite
    for i in range(span.start, span.end):
        if tag[i] in FINITE_TAGS or finite[i]:
            return True
    pos, dep, head = table.pos, table.dep, table.head  # a verb with an auxiliary child
    return any(dep[i] in ("aux", "auxpass") and head[i] != i and span.start <= head[i] < span.end
               and pos[head[i]] == "VERB" for i in range(span.start, span.end))


def salience(position: int, central: float, span: Any, decay: float) -> tuple[float, dict[str, float]]:
    """The weighted score of one statement and the signals it is made of."""
    ents = entities_in(span)  # not span.ents, which rebuilds every entity of the document
    entities = {text for label, text in ents if label in ENTITY_LABELS}
    like_num = plain_tokens(span.doc).like_num
    numbers = any(label in NUMBER_LABELS for label, _ in ents) or any(like_num[span.start:span.end])
    signals = {
        "position": 1.0 / (1.0 + decay * position),
        "centrality": central,
        "entities": min(len(entities), 3) / 3,
        "numbers": 1.0 if numbers else 0.0,
        "attribution": 1.0 if attribution(span).speaker else 0.0,
    }
    return sum(WEIGHTS[name] * value for name, value in signals.items()), signals


class FactExtractor(Extractor[FactOptions]):
    options_class = FactOptions

    def extract(self, analysed: AnalysedArticle) -> Iterator[Fact]:
        doc = analysed.doc
        if doc is None:
            return
        article = analysed.article
        candidates = []
        for sentence in article.sentences:
            if not is_statement(sentence.text, self.options.min_words):
                continue
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None and has_finite_verb(span):
                candidates.append((sentence, span))
        if not candidates:
            return
        scores, _ = rank([s.text for s, _ in candidates], list(range(len(candidates))))
        top = max(scores) or 1.0
        source = article.source or article.title
        scored = []
        for position, ((sentence, span), central) in enumerate(zip(candidates, scores, strict=True)):
            score, _signals = salience(position, central / top, span, self.options.position_decay)
            if score >= self.options.min_score:
                scored.append((score, sentence))
        scored.sort(key=lambda pair: (-pair[0], pair[1].index))
        for score, sentence in scored[: self.options.max_facts]:
            yield Fact(sentence.text, (Evidence(article.id, sentence.index, sentence.text),),
                       (source,) if source else (), round(min(1.0, score), 4))
