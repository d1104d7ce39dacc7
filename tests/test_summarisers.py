"""Summarisers ``lead`` and ``centrality``: what they pick, and that every sentence has evidence."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from briefing import Article, Briefing, Evidence, Fact, Item, Sentence, make_article
from briefing.core.components import NoOptions
from briefing.core.provenance import item_problem
from briefing.plugins.analysis.extract.facts import FactExtractor, FactOptions
from briefing.plugins.analysis.nlp.analyser import analysed_from_doc, load_model
from briefing.plugins.analysis.nlp.centrality import centrality, lead_prior, select, similarity_graph
from briefing.plugins.analysis.summarise.summarisers import (
    CentralityOptions,
    CentralitySummariser,
    LeadOptions,
    LeadSummariser,
)
from briefing.plugins.analysis.summarise.summary_pool import attributed, dangling, dek_like, pool

FLOOD = """River Levels Rise
The river Wend burst its banks in Millbrook on Tuesday, flooding 200 homes.
The river Wend flooded 200 homes in Millbrook on Tuesday after it burst its banks.
Emergency crews evacuated 500 residents from the low-lying streets of Millbrook.
The mayor said the flood defences built in 1990 had failed.
A local bakery handed out free bread to the volunteers.
Forecasters expect more rain on Thursday, and the river Wend could rise again."""

MARKET = """Grain prices fell for a third week on Friday as harvests came in early.
Traders in Chicago said wheat futures dropped 4 percent.
Farmers expect a record crop this year."""


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model("en_core_web_sm")


def analysed(nlp: Any, text: str, source: str) -> Article:
    return analysed_from_doc(make_article(text, source=source), nlp(text)).article


def briefing_of(*articles: Article, facts: tuple[Fact, ...] = ()) -> Briefing:
    return Briefing("test", "Test", datetime.now(UTC), tuple(articles), facts=facts)


def assert_resolves(summary: Any, briefing: Briefing) -> None:
    assert item_problem(summary, {a.id: a for a in briefing.articles}) is None
    for piece in summary.evidence:
        assert piece.quote in summary.text


def test_lead_takes_the_first_statements_skipping_headings(nlp: Any) -> None:
    briefing = briefing_of(analysed(nlp, FLOOD, "Gazette"))
    summary = LeadSummariser(LeadOptions(sentences=2)).summarise(briefing)
    assert summary is not None
    assert summary.text.startswith("The river Wend burst its banks")
    assert "River Levels Rise" not in summary.text
    assert len(summary.evidence) == 2
    assert_resolves(summary, briefing)


def test_lead_per_article_and_most_important_article(nlp: Any) -> None:
    flood, market = analysed(nlp, FLOOD, "Gazette"), analysed(nlp, MARKET, "Wire")
    lead = LeadSummariser(LeadOptions(sentences=1, per_article=True))
    per_article = lead.summarise(briefing_of(flood, market))
    assert per_article is not None
    assert {e.article_id for e in per_article.evidence} == {flood.id, market.id}
    evidence = (Evidence(market.id, 1, "wheat futures dropped"),)
    fact = Fact("Traders said wheat dropped.", evidence, ("Wire",), 0.9)
    top = LeadSummariser(LeadOptions(sentences=1)).summarise(briefing_of(flood, market, facts=(fact,)))
    assert top is not None and top.evidence[0].article_id == market.id


def test_lead_respects_a_word_budget(nlp: Any) -> None:
    briefing = briefing_of(analysed(nlp, FLOOD, "Gazette"))
    summary = LeadSummariser(LeadOptions(sentences=3, max_words=20)).summarise(briefing)
    assert summary is not None and len(summary.text.split()) <= 20


def test_centrality_drops_the_repeated_lede_and_stays_within_lead_length(nlp: Any) -> None:
    briefing = briefing_of(analysed(nlp, FLOOD, "Gazette"))
    lead = LeadSummariser(LeadOptions()).summarise(briefing)
    summary = CentralitySummariser(CentralityOptions()).summarise(briefing)
    assert lead is not None and summary is not None
    assert len(summary.text.split()) <= len(lead.text.split())
    assert "burst its banks" in summary.text
    # the second sentence says the first again; one of the two is enough
    assert summary.text.count("flooded 200 homes") + summary.text.count("flooding 200 homes") == 1
    assert "bakery" not in summary.text
    assert_resolves(summary, briefing)


def test_centrality_over_several_articles_keeps_article_order(nlp: Any) -> None:
    flood, market = analysed(nlp, FLOOD, "Gazette"), analysed(nlp, MARKET, "Wire")
    briefing = briefing_of(flood, market)
    summary = CentralitySummariser(CentralityOptions(sentences=4, max_words=80)).summarise(briefing)
    assert summary is not None
    ids = [e.article_id for e in summary.evidence]
    assert ids == sorted(ids, key=[flood.id, market.id].index)
    assert_resolves(summary, briefing)


def test_empty_briefing_has_no_summary() -> None:
    assert CentralitySummariser(CentralityOptions()).summarise(briefing_of()) is None
    assert LeadSummariser(LeadOptions()).summarise(briefing_of()) is None


def test_centrality_ranks_the_sentence_others_resemble() -> None:
    texts = ["Storm hits coast", "Storm damages coast homes", "Coast homes flooded by storm", "Cat sleeps"]
    scores = centrality(similarity_graph(texts), [1.0] * 4)
    assert scores.index(min(scores)) == 3
    assert abs(sum(scores) - 1.0) < 1e-6
    assert lead_prior([0, 1, 2])[0] > lead_prior([0, 1, 2])[2]


def test_select_skips_near_duplicates_and_obeys_the_budget() -> None:
    texts = ["storm floods town homes", "storm floods town homes again", "markets fall sharply"]
    graph = similarity_graph(texts)
    assert select([0.5, 0.4, 0.1], graph, 2) == [0, 2]
    assert select([0.5, 0.4, 0.1], graph, 3, lengths=[4, 5, 3], budget=5) == [0]


CAPTIONED = """Volunteers rebuilt the flooded school in Millbrook on Saturday, the council said.
Head teacher Ruth Carr, right, and Mayor Ian Cole at the school gates, in 2021.
Pupils will return to their classrooms on Monday.
The council paid for new books and desks."""


@pytest.mark.parametrize("summariser", [LeadSummariser(LeadOptions()),
                                        CentralitySummariser(CentralityOptions())])
def test_summaries_skip_photo_captions(nlp: Any, summariser: Any) -> None:
    briefing = briefing_of(analysed(nlp, CAPTIONED, "Gazette"))
    summary = summariser.summarise(briefing)
    assert summary is not None and ", right," not in summary.text
    assert_resolves(summary, briefing)


# Three reports of one event and one of another, as a morning's sources give them: each opens
# with a short standfirst on a line of its own, then its lede.
REPORTS = [
    ("Valley Post", """Bridge Shut After Cracks Found
Commuters face a long winter.

The Harlow bridge was closed on Monday after engineers found cracks in two of its steel supports,\
the county transport office said.

It carries 30,000 vehicles a day.

Repairs will take at least four months, according to chief engineer Maria Lenz.

A local cafe offered free coffee to stranded drivers."""),
    ("County Herald", """Harlow Bridge Closed
Drivers were stuck for hours.

Engineers closed the Harlow bridge on Monday when they found cracked steel supports, the county said.

Buses will use a detour through Kemp village until the repairs are done, the bus company said.

However, residents of Kemp fear the extra traffic."""),
    ("Wire", """Bridge Closure Snarls Traffic
The Harlow bridge closed on Monday after cracks were found in its supports, county officials said.

Maria Lenz, the county's chief engineer, said repairs would cost 12 million dollars."""),
    ("Farm Weekly", """Wheat Harvest Starts Early
A dry summer helped.

Farmers in the northern plains began the wheat harvest two weeks early, the growers' union said."""),
]


def across_sources(nlp: Any) -> Briefing:
    from briefing.plugins.analysis.assemble.assembler import assemble_briefing
    from briefing.plugins.analysis.extract.stakeholders import StakeholderExtractor

    articles: list[Article] = []
    items: list[Item] = []
    for source, text in REPORTS:
        analysed_article = analysed_from_doc(make_article(text, source=source), nlp(text))
        articles.append(analysed_article.article)
        items += [*FactExtractor(FactOptions()).extract(analysed_article),
                  *StakeholderExtractor(NoOptions()).extract(analysed_article)]
    return assemble_briefing("t", "T", articles, items, (), datetime.now(UTC))


def test_across_sources_the_lede_states_the_central_news_from_several_sources(nlp: Any) -> None:
    briefing = across_sources(nlp)
    summary = CentralitySummariser(CentralityOptions()).summarise(briefing)
    assert summary is not None
    assert_resolves(summary, briefing)
    first = summary.evidence[0].quote
    assert "bridge" in first.casefold() and "closed" in first   # the news, not a standfirst
    assert not any(s in summary.text for s in ("Commuters face", "Drivers were stuck", "A dry summer"))
    assert not any(e.quote.startswith(("It ", "However")) for e in summary.evidence)
    articles = [e.article_id for e in summary.evidence]
    assert len(set(articles)) == len(articles) >= 2    # one sentence per source before a second
    assert len(summary.text.split()) <= 25 * 3


def test_across_sources_the_pool_is_bounded_however_many_articles(nlp: Any) -> None:
    text = "Officials in the town of Arlen said on Monday that the reservoir was full again."
    doc = nlp(text)
    articles = tuple(analysed_from_doc(make_article(f"{text}\nUpdate {n}.", source=f"s{n}"), doc).article
                     for n in range(400))
    briefing = briefing_of(*articles)
    assert len(pool(briefing, limit=50)) == 50
    summary = CentralitySummariser(CentralityOptions(pool_limit=50)).summarise(briefing)
    assert summary is not None and len(summary.evidence) == 1   # repeats of one sentence: said once
    assert_resolves(summary, briefing)


def test_lede_signals_on_plain_text() -> None:
    assert attributed("Prices rose, the bank said.") and attributed("According to the bank, prices rose.")
    assert attributed("The minister warned of shortages.") and not attributed("Prices rose sharply.")
    assert dangling("It was the third rise this year.") and dangling("However, the bank disagreed.")
    assert dangling("Such a rise could hurt savers.") and not dangling("The bank raised rates.")
    assert dangling("For instance, the bank found that 1,500 branches were open.")
    assert dangling("As a result, savers gained.") and dangling("Instead, the bank cut fees.")
    assert not dangling("For savers, the rise was welcome.")
    assert not dangling("As prices rose, savers gained.")
    article = make_article("Rates Rise\nSavers will gain.\n\nThe bank raised rates to 5 percent, it said.")
    first, second = (Sentence(0, 11, 28, "Savers will gain."),
                     Sentence(1, 30, 74, "The bank raised rates to 5 percent, it said."))
    assert article.text[first.start:first.end] == first.text
    assert dek_like(article, first, 0) and not dek_like(article, second, 1)
    assert not dek_like(article, second, 0)   # attributed, with a figure
