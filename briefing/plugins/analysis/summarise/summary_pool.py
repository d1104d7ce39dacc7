"""Candidates and their prior for the summary of a briefing of several articles.

A multi-article lede should state the most important, central statements across the sources. The
candidates are bounded whatever the number of articles: the sentences that carry the briefing's
top-ranked facts (``facts`` of them, already merged across sources and ranked by salience and by how
many sources report them), then the lead statements of each article (``leads`` each, articles taken
by the weight of the facts they carry), up to ``limit`` sentences. Centrality then runs over these
few hundred sentences only, so the summary costs about the same for 100 or 5,000 articles.

The walk's restart prior mixes four signals, each in 0..1 (weights in ``PRIOR``):

- position in the article (news puts the most important first);
- the score of the ranked fact the sentence carries (0 when it carries none);
- the salient stakeholders it names (the sum of their salience, capped at 1): a lede says who;
- attribution: a reporting verb or "according to" says who stands behind the claim.

A dek (the standfirst under a headline: the article's first statement, on a line of its own, short,
with no attribution and no figure) restates the story without its substance and is often a teaser;
its prior is halved. So is a sentence that opens with a pronoun, a demonstrative or a discourse
connective ("It", "Such a", "However"): out of its context it points at something the reader of
the summary never saw (dangling anaphora, a known flaw of extractive summaries; Nenkova & McKeown
2011, "Automatic summarization", section 4).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefing import Article, Briefing, Sentence
from briefing.plugins.text.headlines import title_key
from briefing.plugins.text.reporting import CLAIM_FORMS
from briefing.plugins.text.similarity import is_statement
from briefing.plugins.text.words import word_set, words

PRIOR = {"position": 0.35, "fact": 0.3, "actors": 0.2, "attribution": 0.15}
DEK_WORDS = 15
DEK_FACTOR = 0.5
DANGLING_FACTOR = 0.5
# Openers that refer back: personal and demonstrative pronouns, "such", and discourse connectives.
DANGLING = word_set("""
it its he his him she her they their them this these that those such
however moreover furthermore meanwhile also but yet still besides additionally nevertheless thus
instead similarly likewise therefore consequently hence nonetheless otherwise indeed again
""")
# Connectives of several words, as opening word sequences ("For instance, ...", "As a result, ...").
DANGLING_PHRASES = tuple(tuple(phrase.split()) for phrase in (
    "for instance", "for example", "in addition", "as a result", "on the other hand", "in fact",
    "even so", "by contrast", "in contrast", "in turn", "at the same time", "in other words"))
SALIENT_ACTORS = 8


_ACCORDING = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def statements(article: Article) -> list[Sentence]:
    """The article's sentences that state something (text.similarity.is_statement), but the
    banner its page opened with (``meta["banner"]``: the assembler's own_titles), which is some
    other story's headline."""
    banner = title_key(str(article.meta.get("banner", "")))
    return [s for s in article.sentences
            if is_statement(s.text) and not (banner and title_key(s.text) == banner)]


def attributed(text: str) -> bool:
    """The sentence says who says so: a reporting verb, or "according to"."""
    return bool(_ACCORDING.search(text)) or any(word in CLAIM_FORMS for word in words(text))


def dek_like(article: Article, sentence: Sentence, position: int) -> bool:
    """The first statement, alone on its line, short, unattributed and without figures."""
    if position != 0 or len(sentence.text.split()) >= DEK_WORDS:
        return False
    line_start = article.text.rfind("\n", 0, sentence.start) + 1
    line_end = article.text.find("\n", sentence.end)
    line = article.text[line_start: line_end if line_end >= 0 else len(article.text)]
    alone = line.strip() == sentence.text.strip()
    return alone and not attributed(sentence.text) and not _DIGIT.search(sentence.text)


def dangling(text: str) -> bool:
    """The sentence opens with a word that refers back to what came before it."""
    first = words(text[:40])
    return bool(first) and (first[0] in DANGLING
                            or any(tuple(first[:len(phrase)]) == phrase for phrase in DANGLING_PHRASES))


@dataclass(frozen=True)
class Candidate:
    article: Article
    sentence: Sentence
    position: int      # among the article's statements
    prior: float


def _actor_patterns(briefing: Briefing) -> list[tuple[re.Pattern[str], float]]:
    ranked = sorted(briefing.stakeholders, key=lambda s: -s.salience)[:SALIENT_ACTORS]
    patterns = []
    for stakeholder in ranked:
        names = sorted({n for n in (stakeholder.name, *stakeholder.aliases) if n.strip()},
                       key=len, reverse=True)
        if names:
            alternatives = "|".join(re.escape(n) for n in names)
            patterns.append((re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), stakeholder.salience))
    return patterns


def pool(briefing: Briefing, facts: int = 60, leads: int = 2, limit: int = 200) -> list[Candidate]:
    """The bounded candidate set described above, each with its restart prior.

    Only the articles that give a candidate are split into statements, so a briefing of thousands
    of articles costs little more than one of a hundred."""
    by_id = {article.id: article for article in briefing.articles}
    split: dict[str, list[Sentence]] = {}
    position_of: dict[tuple[str, int], int] = {}

    def statements_of(article_id: str) -> list[Sentence]:
        if article_id not in split:
            article = by_id.get(article_id)
            found = statements(article) if article else []
            split[article_id] = found
            position_of.update(((article_id, s.index), p) for p, s in enumerate(found))
        return split[article_id]
    fact_score: dict[tuple[str, int], float] = {}
    weight: dict[str, float] = {}
    for fact in briefing.facts:
        for evidence in fact.evidence:
            key = (evidence.article_id, evidence.sentence_index)
            fact_score[key] = max(fact_score.get(key, 0.0), fact.score)
            weight[evidence.article_id] = weight.get(evidence.article_id, 0.0) + fact.score
    chosen: dict[tuple[str, int], None] = {}

    def add(keys: Iterable[tuple[str, int]]) -> None:
        for key in keys:
            if len(chosen) >= limit:
                return
            statements_of(key[0])
            if key in position_of:
                chosen.setdefault(key)

    add((e.article_id, e.sentence_index) for fact in briefing.facts[:facts] for e in fact.evidence)
    order = sorted(briefing.articles, key=lambda a: -weight.get(a.id, 0.0))
    for rank in range(leads):
        add((a.id, statements_of(a.id)[rank].index) for a in order if len(statements_of(a.id)) > rank)
    actors = _actor_patterns(briefing)
    candidates = []
    for article_id, index in chosen:
        article, position = by_id[article_id], position_of[(article_id, index)]
        sentence = split[article_id][position]
        named = sum(salience for pattern, salience in actors if pattern.search(sentence.text))
        signals = {"position": 1.0 / (1.0 + position), "fact": fact_score.get((article_id, index), 0.0),
                   "actors": min(1.0, named), "attribution": 1.0 if attributed(sentence.text) else 0.0}
        prior = sum(PRIOR[name] * value for name, value in signals.items())
        if dek_like(article, sentence, position):
            prior *= DEK_FACTOR
        if dangling(sentence.text):
            prior *= DANGLING_FACTOR
        candidates.append(Candidate(article, sentence, position, prior))
    return candidates

