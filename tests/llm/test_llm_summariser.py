"""The llm summariser end to end: a real pipeline, the spaCy analyser, models registered with llm.

Each model answers by a rule over the numbered sentences of its prompt, so every test knows which
bullet should be kept and which dropped; in every case the briefing comes out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from llm_scripted import Hanging, Scripted, bullets, numbered, registered

from briefing import Briefing, ConfigError, make_article
from briefing.testing import assert_provenance, run_briefing, run_pipeline

BRIDGE = make_article(
    "The Harbour Council approved a new bridge across the bay on Monday. "
    "Mayor Lena Ortiz said the bridge would cost 40 million euros and open in 2027. "
    "Ortiz told reporters that ferry operators would be compensated. "
    "Engineers warned that steel prices could rise by 12 percent next year.",
    title="Harbour council approves bridge", source="Harbour Times")
STRIKE = make_article(
    "Dock workers in Rotterdam extended their strike on Tuesday. "
    "The union said talks with the port authority had failed after three rounds. "
    "Shipping lines said they would reroute cargo to Antwerp.",
    title="Dock strike goes on", source="Port News")


def config(model: str, **options: Any) -> dict[str, Any]:
    return {"analyser": "spacy", "cleaners": [],
            "summariser": {"type": "llm", "model": model, "timeout": 20, **options}}


def brief(model: str, tmp_path: Path, articles: tuple[Any, ...] = (BRIDGE,), **options: Any) -> Briefing:
    return run_briefing(config(model, **options), articles=list(articles), tmp_path=tmp_path)


def sentence(prompt: str, start: str) -> tuple[int, str]:
    (found,) = [(number, text) for number, text in numbered(prompt) if text.startswith(start)]
    return found


def summarise_errors(briefing: Briefing) -> list[str]:
    return [f.error for f in briefing.failures if (f.stage, f.component) == ("summarise", "llm")]


def faithful(prompt: str) -> str:
    approved, cost = sentence(prompt, "The Harbour Council"), sentence(prompt, "Mayor")
    return bullets(("The Harbour Council approved a new bridge on Monday.", [approved[0]]),
                   ("The bridge will cost 40 million euros and open in 2027.", [cost[0]]))


def test_a_faithful_model_writes_the_summary_with_its_sources_as_evidence(tmp_path: Path) -> None:
    with registered(Scripted("faithful", faithful)) as (model,):
        briefing = brief("faithful", tmp_path)
    assert briefing.summary is not None
    assert briefing.summary.text == ("The Harbour Council approved a new bridge on Monday. "
                                     "The bridge will cost 40 million euros and open in 2027.")
    assert [e.quote for e in briefing.summary.evidence] == [s.text for s in bridge_sentences(briefing)[:2]]
    assert summarise_errors(briefing) == [] and briefing.failures == ()
    assert_provenance(briefing)
    [prompt] = model.prompts
    assert "[1] The Harbour Council approved a new bridge across the bay on Monday." in prompt
    assert '{"bullets": [' in prompt


def bridge_sentences(briefing: Briefing) -> tuple[Any, ...]:
    article = briefing.article(BRIDGE.id)
    assert article is not None
    return article.sentences


def test_a_bullet_with_an_invented_number_is_dropped_and_quoted(tmp_path: Path) -> None:
    def inventive(prompt: str) -> str:
        cost = sentence(prompt, "Mayor")[0]
        return bullets(("The bridge will cost 47 million euros.", [cost]),
                       ("Mayor Lena Ortiz said the bridge would open in 2027.", [cost]))

    with registered(Scripted("inventive", inventive)):
        briefing = brief("inventive", tmp_path)
    assert briefing.summary is not None
    assert briefing.summary.text == "Mayor Lena Ortiz said the bridge would open in 2027."
    [error] = summarise_errors(briefing)
    assert "'The bridge will cost 47 million euros.'" in error and "'47 million'" in error
    assert_provenance(briefing)


def test_a_bullet_citing_a_sentence_it_was_not_shown_is_dropped(tmp_path: Path) -> None:
    def overreaching(prompt: str) -> str:
        approved = sentence(prompt, "The Harbour Council")[0]
        return bullets(("The Harbour Council approved a new bridge on Monday.", [approved]),
                       ("The bridge divides the town.", [approved, 99]))

    with registered(Scripted("overreaching", overreaching)):
        briefing = brief("overreaching", tmp_path)
    assert briefing.summary is not None
    assert briefing.summary.text == "The Harbour Council approved a new bridge on Monday."
    [error] = summarise_errors(briefing)
    assert "'The bridge divides the town.'" in error and "cites sentence 99" in error


def test_broken_json_gives_the_extractive_summary_and_says_why(tmp_path: Path) -> None:
    extractive = run_briefing({"analyser": "spacy", "cleaners": [], "summariser": "centrality"},
                              articles=[BRIDGE], tmp_path=tmp_path / "centrality")
    with registered(Scripted("broken", lambda prompt: '{"bullets": [{"text": "The bridge')):
        briefing = brief("broken", tmp_path / "llm")
    assert briefing.summary == extractive.summary
    [error] = summarise_errors(briefing)
    assert "model 'broken': the reply is not JSON" in error
    assert error.endswith("the extractive summary (centrality) is used instead")


def test_a_model_that_does_not_answer_in_time_is_left_behind(tmp_path: Path) -> None:
    with registered(Hanging("hanging")):
        briefing = brief("hanging", tmp_path, timeout=0.5)
    assert briefing.summary is not None and briefing.summary.evidence
    [error] = summarise_errors(briefing)
    assert error.startswith("model 'hanging' did not answer within 0.5 s;")
    assert "(centrality) is used instead" in error


def test_when_every_bullet_fails_the_extractive_summary_is_used(tmp_path: Path) -> None:
    def wrong(prompt: str) -> str:
        strike = sentence(prompt, "Dock workers")[0]
        return bullets(("Dock workers in Hamburg extended their strike on Tuesday.", [strike]),
                       ("Dock workers extended their strike on Friday.", [strike]))

    with registered(Scripted("wrong", wrong)):
        briefing = brief("wrong", tmp_path, articles=(STRIKE,))
    errors = summarise_errors(briefing)
    assert "names 'Hamburg'" in errors[0] and "dates it 'Friday'" in errors[1]
    assert errors[2] == ("model 'wrong': no bullet held against the sentences it cites; "
                         "the extractive summary (centrality) is used instead")
    assert briefing.summary is not None and "Rotterdam" in briefing.summary.text


def test_an_alias_of_one_stakeholder_counts_as_the_same_name(tmp_path: Path) -> None:
    def by_full_name(prompt: str) -> str:
        told = sentence(prompt, "Ortiz told")[0]
        return bullets(("Lena Ortiz said ferry operators would be compensated.", [told]))

    with registered(Scripted("aliases", by_full_name)):
        briefing = brief("aliases", tmp_path)
    assert briefing.summary is not None
    assert briefing.summary.text == "Lena Ortiz said ferry operators would be compensated."
    assert summarise_errors(briefing) == []


def test_a_rerun_asks_the_model_nothing_twice(tmp_path: Path) -> None:
    with registered(Scripted("counted", faithful)) as (model,):
        first = brief("counted", tmp_path)
        second = brief("counted", tmp_path)
    assert len(model.prompts) == 1
    assert first.summary == second.summary and first.summary is not None


def test_the_token_budget_cuts_sentences_but_shows_every_story(tmp_path: Path) -> None:
    def lead_only(prompt: str) -> str:
        first = numbered(prompt)[0]
        return bullets((first[1], [first[0]]))

    with registered(Scripted("budgeted", lead_only)) as (model,):
        brief("budgeted", tmp_path, articles=(BRIDGE, STRIKE), token_budget=100)
    shown = [text for _, text in numbered(model.prompts[0])]
    assert len(shown) < 7
    assert any(t.startswith("The Harbour Council") for t in shown)
    assert any(t.startswith("Dock workers") for t in shown)


def test_the_prompt_is_a_template_a_user_can_override(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "llm_summary.j2").write_text(
        'Write for ministers.\n{% include "default:llm_summary.j2" %}', encoding="utf-8")
    with registered(Scripted("templated", faithful)) as (model,):
        brief("templated", tmp_path)
    assert model.prompts[0].startswith("Write for ministers.\nYou write the summary")


def test_an_unknown_model_falls_back_and_names_it(tmp_path: Path) -> None:
    briefing = brief("no-such-model", tmp_path)
    [error] = summarise_errors(briefing)
    assert error.startswith("model 'no-such-model' is unknown: 'llm models' lists the installed ones")
    assert briefing.summary is not None


def test_options_are_checked_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as refused:
        run_pipeline({"summariser": {"type": "llm", "timeout": 0}}, tmp_path=tmp_path, articles=[BRIDGE])
    assert "summariser: missing required option 'model'" in str(refused.value)
    with pytest.raises(ConfigError) as refused:
        run_pipeline({"summariser": {"type": "llm", "model": "x", "timeout": 0}}, tmp_path=tmp_path,
                     articles=[BRIDGE])
    assert "timeout: expected a number of seconds above 0, got 0" in str(refused.value)


def test_the_json_of_a_briefing_keeps_the_model_summary_and_its_failures(tmp_path: Path) -> None:
    from briefing import briefing_to_dict

    def half_right(prompt: str) -> str:
        approved = sentence(prompt, "The Harbour Council")[0]
        return bullets(("The Harbour Council approved a new bridge on Monday.", [approved]),
                       ("The Harbour Council approved two bridges.", [approved]))

    with registered(Scripted("half", half_right)):
        briefing = brief("half", tmp_path)
    data = json.loads(json.dumps(briefing_to_dict(briefing)))
    assert data["summary"]["text"] == "The Harbour Council approved a new bridge on Monday."
    assert any("'The Harbour Council approved two bridges.'" in f["error"] for f in data["failures"])
