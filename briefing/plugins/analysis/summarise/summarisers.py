"""Summarisers ``lead`` and ``centrality``: extractive summaries whose every sentence has evidence.

``lead`` takes the first sentences of the most important article (or of each article): the
classic LEAD-N baseline, hard to beat on news because journalists write the most important
content first. ``centrality`` ranks sentences by LexRank-style centrality with a lead prior (see
nlp.centrality), drops near-repeats (a scraped standfirst often repeats the first paragraph),
and keeps the picks within the word length of the LEAD-N summary, so it never says more than the
baseline does. Its walk restarts on the lead prior with probability 0.3 (damping 0.7, where the web
default is 0.85): news puts weight on position, and on the writer-summaries dev set this setting
beats LEAD-3 on ROUGE-1, -2 and -L in each half of the set (docs/quality.md, "Summaries").
Only sentence-like lines take part: headings, credits, photo captions and fragments are skipped.

A briefing of several stories is summarised by its stories: the pipeline first summarises each top
story on its own articles (``briefing.story_briefing``), and the briefing's summary is then the best
sentence of each of the top ``sentences`` stories' ledes, in the stories' rank, so it covers the
main events rather than the first article (both summarisers).

For several articles ``centrality`` writes a lede across the sources instead (summary_pool): a
bounded pool of candidates (the sentences of the top-ranked facts and each article's lead
statements, at most ``pool_limit``), a sparse graph without edges weaker than ``min_edge`` (as in
thresholded LexRank), a prior from position, fact score, salient stakeholders named and
attribution, and at most one sentence per article until every article with a candidate that fits
has given one. Its word budget is the larger of LEAD-N's and ``words_per_sentence`` per sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing import Article, Briefing, Evidence, Sentence, Summariser, Summary
from briefing.plugins.analysis.nlp.centrality import centrality, rank, select, similarity_graph
from briefing.plugins.analysis.summarise.summary_pool import pool, statements


def word_count(text: str) -> int:
    return len(text.split())


def most_important(briefing: Briefing) -> Article | None:
    """The article whose sentences carry the most (and highest-scored) assembled facts."""
    if not briefing.articles:
        return None
    weight: dict[str, float] = {}
    for fact in briefing.facts:
        for evidence in fact.evidence:
            weight[evidence.article_id] = weight.get(evidence.article_id, 0.0) + fact.score
    order = {article.id: i for i, article in enumerate(briefing.articles)}
    return max(briefing.articles, key=lambda a: (weight.get(a.id, 0.0), -order[a.id]))


def _summary(picked: list[tuple[Article, Sentence]]) -> Summary | None:
    if not picked:
        return None
    text = " ".join(sentence.text for _, sentence in picked)
    evidence = tuple(Evidence(article.id, sentence.index, sentence.text) for article, sentence in picked)
    return Summary(text, evidence)


def across_stories(briefing: Briefing, count: int) -> Summary | None:
    """The first pick of each of the top ``count`` stories' summaries, in rank order; None when
    the briefing has fewer than two stories or none was summarised."""
    if len(briefing.stories) < 2:
        return None
    ledes = [story.summary.evidence[0] for story in briefing.stories
             if story.summary is not None and story.summary.evidence][:count]
    if not ledes:
        return None
    return Summary(" ".join(evidence.quote for evidence in ledes), tuple(ledes))


@dataclass(frozen=True)
class LeadOptions:
    sentences: int = 3
    """How many leading statements make the summary."""
    per_article: bool = False
    """Take the leading statements of every article instead of the most important one's only."""
    max_words: int | None = None
    """Stop before the summary grows past this many words (none: no limit)."""


class LeadSummariser(Summariser[LeadOptions]):
    """The first N statements of the most important article, or of each article."""

    options_class = LeadOptions

    def summarise(self, briefing: Briefing) -> Summary | None:
        count = self.options.sentences
        told = across_stories(briefing, count)
        if told is not None:
            return told
        if self.options.per_article:
            articles = list(briefing.articles)
        else:
            top = most_important(briefing)
            articles = [top] if top else []
        picked = [(a, s) for a in articles for s in statements(a)[:count]]
        if self.options.max_words is not None:
            used, fitting = 0, []
            for article, sentence in picked:
                used += word_count(sentence.text)
                if used > self.options.max_words:
                    break
                fitting.append((article, sentence))
            picked = fitting
        return _summary(picked)


@dataclass(frozen=True)
class CentralityOptions:
    sentences: int = 3
    """At most this many sentences in the summary."""
    max_words: int | None = None
    """The summary's word budget; none: the length of the top article's first sentences (or sentences x
    words_per_sentence across articles)."""
    lead_decay: float = 1.0
    """One article: how fast an earlier position stops counting in the ranking prior, 1 / (1 + decay x
    position)."""
    damping: float = 0.7
    """The share of each ranking step that follows sentence similarity rather than restarting on the
    prior (PageRank's damping)."""
    redundancy: float = 0.5
    """How much a candidate's similarity to sentences already picked lowers its score."""
    max_similarity: float = 0.45
    """A candidate more similar than this (0..1) to a sentence already picked is never picked."""
    pool_per_article: int = 40
    """One article: only its first this many statements are candidates."""
    max_pool: int = 400
    """One article: at most this many candidates in all."""
    # several articles: the bounded candidate set of summary_pool, and the words allowed per sentence
    pool_facts: int = 60
    """Several articles: candidates from the sentences of this many top-ranked facts."""
    pool_leads: int = 2
    """Several articles: plus this many leading statements of each article."""
    pool_limit: int = 200
    """Several articles: at most this many candidates in all, whatever the number of articles."""
    min_edge: float = 0.1
    """Several articles: sentence pairs less similar than this are not linked in the ranking graph."""
    words_per_sentence: int = 25
    """Several articles: without max_words, the budget is at least sentences x this."""


class CentralitySummariser(Summariser[CentralityOptions]):
    """Central, non-redundant statements within the word length of LEAD-N (or ``max_words``)."""

    options_class = CentralityOptions

    def summarise(self, briefing: Briefing) -> Summary | None:
        told = across_stories(briefing, self.options.sentences)
        if told is not None:
            return told
        if len(briefing.articles) > 1:
            return self._across_articles(briefing)
        options = self.options
        pool: list[tuple[Article, Sentence, int]] = []
        for article in briefing.articles:
            for position, sentence in enumerate(statements(article)[: options.pool_per_article]):
                pool.append((article, sentence, position))
        pool.sort(key=lambda item: item[2])
        pool = pool[: options.max_pool]
        if not pool:
            return None
        budget = options.max_words if options.max_words is not None else self._lead_words(briefing)
        texts = [sentence.text for _, sentence, _ in pool]
        scores, matrix = rank(texts, [position for *_, position in pool], options.lead_decay, options.damping)
        lengths = [word_count(text) for text in texts]
        chosen = select(scores, matrix, options.sentences, options.redundancy, options.max_similarity,
                        lengths, budget)
        order = {article.id: i for i, article in enumerate(briefing.articles)}
        chosen.sort(key=lambda i: (order[pool[i][0].id], pool[i][1].index))
        return _summary([(pool[i][0], pool[i][1]) for i in chosen])

    def _across_articles(self, briefing: Briefing) -> Summary | None:
        """A lede across sources: the statements of the bounded pool (summary_pool) ranked by their
        prior lifted by centrality, one sentence per article before a second from one, best first."""
        options = self.options
        candidates = pool(briefing, options.pool_facts, options.pool_leads, options.pool_limit)
        if not candidates:
            return None
        texts = [c.sentence.text for c in candidates]
        graph = similarity_graph(texts, options.min_edge)
        central = centrality(graph, [c.prior for c in candidates], options.damping)
        top = max(central) or 1.0
        # The prior carries the evidence of importance; centrality across the pool lifts what many
        # sources (or sentences) say, up to doubling it, without letting a short, generic sentence
        # that resembles everything outrank a source's lede.
        scores = [c.prior * (1.0 + value / top) / 2 for c, value in zip(candidates, central, strict=True)]
        budget = options.max_words if options.max_words is not None else max(
            self._lead_words(briefing), options.words_per_sentence * options.sentences)
        chosen = select(scores, graph, options.sentences, options.redundancy, options.max_similarity,
                        [word_count(text) for text in texts], budget,
                        groups=[c.article.id for c in candidates])
        return _summary([(candidates[i].article, candidates[i].sentence) for i in chosen])

    def _lead_words(self, briefing: Briefing) -> int:
        top = most_important(briefing)
        lead = statements(top)[: self.options.sentences] if top else []
        return sum(word_count(s.text) for s in lead)
