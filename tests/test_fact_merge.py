"""Merging the same fact (and risk) reported by several articles into one entry."""

from __future__ import annotations

import random
from typing import Any

import pytest

from briefing import Evidence, Fact, Risk, make_article
from briefing.core.provenance import item_problem
from briefing.plugins.analysis.assemble.fact_merge import merge_facts, merge_risks, same_groups
from briefing.plugins.analysis.assemble.risk_rank import risk_priority
from briefing.plugins.analysis.extract.facts import FactExtractor, FactOptions
from briefing.plugins.analysis.nlp.analyser import analysed_from_doc, load_model
from briefing.plugins.text.similarity import containment, cosine, idf_weights, tfidf_vector
from briefing.plugins.text.words import content_terms

FIRST = """Dock workers at the port of Halden extended their strike on Monday, leaving 40 ships offshore.
The union said the walkout would continue until wages rise by 8 percent."""
SECOND = """On Monday dock workers in the port of Halden extended their strike, leaving 40 ships offshore.
Fuel prices in the region rose by 2 percent on Tuesday, traders said."""


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model("en_core_web_sm")


def test_same_fact_from_two_articles_is_one_entry_with_both_sources(nlp: Any) -> None:
    facts: list[Fact] = []
    articles: dict[str, Any] = {}
    for text, source in ((FIRST, "Coast News"), (SECOND, "Harbour Daily")):
        analysed = analysed_from_doc(make_article(text, title="t", source=source), nlp(text))
        articles[analysed.article.id] = analysed.article
        facts.extend(FactExtractor(FactOptions(min_score=0.0)).extract(analysed))
    merged = merge_facts(facts, articles)
    assert len(merged) == len(facts) - 1
    strike = next(f for f in merged if "extended their strike" in f.text)
    assert strike.sources == ("Coast News", "Harbour Daily")
    assert len(strike.evidence) == 2 and len({e.article_id for e in strike.evidence}) == 2
    assert item_problem(strike, articles) is None
    assert merged[0] is strike   # reported twice: ranked first
    singles = [f for f in merged if f is not strike]
    assert all(len(f.sources) == 1 for f in singles)


def test_different_facts_about_one_event_stay_apart() -> None:
    texts = ["The strike at Halden port entered its second week on Monday.",
             "The strike at Halden port cost shippers 3 million euros, the ministry said.",
             "Halden port strike enters second week on Monday."]
    assert sorted(map(sorted, same_groups(texts))) == [[0, 2], [1]]


def fact(text: str, source: str, score: float) -> Fact:
    return Fact(text, (Evidence(source, 0, text),), (source,), score)


def test_merged_score_keeps_best_text_and_adds_a_source_bonus() -> None:
    merged = merge_facts([fact("Rain flooded the old town on Friday.", "a", 0.5),
                          fact("Heavy rain flooded the old town on Friday.", "b", 0.7),
                          fact("The mayor resigned.", "c", 0.75)], {})
    assert merged[0].text == "Heavy rain flooded the old town on Friday."
    assert merged[0].sources == ("b", "a")   # best-scored report first
    assert merged[0].score == pytest.approx(0.8)
    assert merged[1].text == "The mayor resigned."


def test_risks_merge_and_rank_by_likelihood_times_impact() -> None:
    quote = "The levee will highly likely fail in the spring floods."
    risks = [
        Risk("levee fails", (Evidence("a", 1, quote),), "highly likely", (0.8, 0.9), "medium", ("Council",)),
        Risk("levee fails", (Evidence("b", 3, "The levee will highly likely fail in spring floods."),),
             "highly likely", (0.8, 0.9), "high", ("Army",), "the Army"),
        Risk("cost", (Evidence("d", 0, "Prices are almost certain to rise a little."),),
             "almost certain", (0.95, 1.0), "low"),
        Risk("fire", (Evidence("c", 0, "Wildfires could kill livestock."),), "could", None, "high"),
        Risk("talks", (Evidence("e", 0, "Talks will highly likely stall, delaying the budget."),),
             "highly likely", (0.8, 0.9), "medium"),
    ]
    merged = merge_risks(risks, {})
    # 0.85 x 1 > 0.45 x 1 (a severe hedge counts as a realistic possibility) > 0.85 x 0.5 > 0.975 x 0.25
    assert [r.text for r in merged] == ["levee fails", "fire", "talks", "cost"]
    levee = merged[0]
    assert levee.severity == "high" and levee.actors == ("Council", "Army") and len(levee.evidence) == 2
    assert levee.speaker == "the Army"
    assert merged[1].probability is None   # the ranking value is never shown as a probability


def test_risk_priority_documented_values() -> None:
    def risk(probability: tuple[float, float] | None, severity: str, confidence: float | None = None) -> Risk:
        return Risk("r", (Evidence("a", 0, "r"),), None, probability, severity, confidence=confidence)

    # without a confidence, the neutral 0.73 scales all alike: the order of likelihood x impact
    assert risk_priority(risk(None, "high")) == pytest.approx(0.73 * 0.45)
    assert risk_priority(risk((0.8, 0.9), "medium")) == pytest.approx(0.73 * 0.425)
    assert risk_priority(risk((0.95, 1.0), "medium")) == pytest.approx(0.73 * 0.4875)
    assert risk_priority(risk((0.25, 0.35), "low")) == pytest.approx(0.73 * 0.075)
    assert risk_priority(risk(None, "high", 0.5)) == pytest.approx(0.5 * 0.45)


def test_a_sentence_the_extractor_is_unsure_of_ranks_below_a_sure_one() -> None:
    """A "high" hedge the model gives 0.3 (a past attack told with a harm word) goes below a
    medium, highly likely risk it is sure of; among equally sure ones, likelihood and impact
    order as before."""
    def risk(text: str, probability: tuple[float, float] | None, severity: str, confidence: float) -> Risk:
        return Risk(text, (Evidence("a", 0, text),), None, probability, severity, confidence=confidence)

    merged = merge_risks([risk("attack last year", None, "high", 0.3),
                          risk("levee fails", (0.8, 0.9), "medium", 0.99),
                          risk("fire spreads", None, "high", 0.99)], {})
    assert [r.text for r in merged] == ["fire spreads", "levee fails", "attack last year"]


def test_a_risk_that_refers_back_follows_the_risk_it_refers_to() -> None:
    """"Such a flood" is listed straight after the risk that says which flood, and the context line
    that would repeat it is dropped; a context that is no risk of the list stays as it was."""
    levee = "The levee at Dunmore could fail in the spring floods."
    farms = "Such a flood would ruin the farms downstream for years."
    talks = "Negotiators warned that the budget talks may stall."
    ferry = "The old ferry was withdrawn from service last week."
    tolls = "That decision could raise road tolls by a third."

    def risk(text: str, index: int, severity: str, confidence: float, context: tuple[int, str] | None = None,
             kind: str = "risk") -> Risk:
        evidence = [Evidence("a", index, text)]
        if context is not None:
            evidence.append(Evidence("a", *context))
        return Risk(text, tuple(evidence), "could", None, severity, context=context and context[1],
                    kind=kind, confidence=confidence)

    merged = merge_risks([risk(levee, 0, "low", 0.8), risk(farms, 1, "high", 0.95, (0, levee)),
                          risk(talks, 5, "medium", 0.9), risk(tolls, 9, "high", 0.9, (8, ferry))], {})
    assert [r.text for r in merged] == [levee, farms, tolls, talks]
    assert [r.context for r in merged] == [None, None, ferry, None]
    # the same sentence as an assessment is no risk of the list: the risk keeps its context line
    apart = merge_risks([risk(levee, 0, "low", 0.8, kind="assessment"),
                         risk(farms, 1, "high", 0.95, (0, levee))], {})
    assert [(r.text, r.context) for r in apart] == [(farms, levee), (levee, None)]


def brute_force_groups(texts: list[str]) -> list[list[int]]:
    """The documented rule, all against all: each text joins the first earlier group whose first
    member it matches (two shared content words, unless one side has at most two; containment of
    the smaller >= 0.7 or tf-idf cosine >= 0.6). The reference the indexed version must equal."""
    bags = [content_terms(t) for t in texts]
    idf = idf_weights(bags)
    vectors = [tfidf_vector(b, idf) for b in bags]
    groups: dict[int, list[int]] = {}
    for i, bag in enumerate(bags):
        terms = set(bag)
        home = None
        for j in groups:
            other = set(bags[j])
            if len(terms & other) < (2 if min(len(terms), len(other)) > 2 else 1):
                continue
            small, big = (terms, other) if len(terms) <= len(other) else (other, terms)
            if containment(small, big) >= 0.7 or cosine(vectors[i], vectors[j]) >= 0.6:
                home = j
                break
        if home is None:
            groups[i] = [i]
        else:
            groups[home].append(i)
    return list(groups.values())


ACTORS = ["The port authority", "Dock workers", "The transport ministry", "Local farmers", "The city council",
          "A shipping firm", "Border guards", "The harbour master", "Fishermen", "The river board"]
ACTIONS = ["closed the northern gate", "raised fees by 5 percent", "signed a new contract",
           "warned of longer delays", "cancelled the night shifts", "opened an inquiry into the accident",
           "blocked the coastal road", "paid compensation to families", "rejected the wage offer",
           "moved cargo to the rail yard"]
WHEN = ["on Monday", "on Tuesday", "last week", "in March", "after the storm", "before dawn"]


def generated_reports(count: int = 160) -> list[str]:
    """Many short reports with reworded repeats, as a day of wire copy has them."""
    rng = random.Random(7)
    texts = []
    for _ in range(count):
        actor, action, when = rng.choice(ACTORS), rng.choice(ACTIONS), rng.choice(WHEN)
        form = rng.randrange(4)
        if form == 0:
            texts.append(f"{actor} {action} {when}.")
        elif form == 1:
            texts.append(f"{when.capitalize()}, {actor.lower()} {action}, officials said.")
        elif form == 2:
            texts.append(f"{actor} reportedly {action} {when} in Halden.")
        else:
            texts.append(f"{actor} {action}.")
    return texts


def test_indexed_grouping_equals_all_against_all() -> None:
    """Pinned before the index was made to scale: the candidates it finds are all that match."""
    handwritten = ["The strike at Halden port entered its second week on Monday.",
                   "Halden port strike enters second week on Monday.",
                   "The strike at Halden port cost shippers 3 million euros, the ministry said.",
                   "Strike costs shippers 3 million euros.", "Port closed.", "The port closed.",
                   "Rain fell.", "Heavy rain fell on the port of Halden on Monday evening."]
    for texts in (handwritten, generated_reports()):
        assert same_groups(texts) == brute_force_groups(texts)
    assert len(brute_force_groups(generated_reports())) < 160   # the set does have repeats


def test_founders_start_the_groups_and_the_others_only_join_them() -> None:
    """Which of today's facts do earlier ones repeat: the earlier texts join today's, never each other."""
    today = ["Police arrested two men at the harbour gates on Monday evening.",
             "Police arrested two men at the harbour gates on Monday evening, officers said."]
    earlier = ["Two men were arrested by police at the harbour gates on Monday evening.",
               "The mayor closed the port for the night.",
               "The mayor closed the port for the night after the arrests."]
    assert same_groups(today + earlier) == [[0, 1, 2], [3, 4]]
    assert same_groups(today + earlier, founders=2) == [[0, 2], [1], [3], [4]]
