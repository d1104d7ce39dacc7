"""Assessments are shown apart from risks in every builtin output, and survive the JSON contract."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from briefing import Briefing, Evidence, Risk, Sentence, make_article
from briefing.core.rendering import make_environment, render
from briefing.core.serialize import briefing_from_dict, briefing_to_dict

ROOT = Path(__file__).resolve().parent.parent
TEXT = "The militia plans to attack the depot. The regime was likely responsible for the blast."


def briefing() -> Briefing:
    article = replace(make_article(TEXT, title="Depot"),
                      sentences=(Sentence(0, 0, 38, TEXT[:38]), Sentence(1, 39, len(TEXT), TEXT[39:])))
    risk = Risk("The militia plans to attack the depot", (Evidence(article.id, 0, TEXT[:38]),),
                severity="high", actors=("militia",))
    judged = Risk("The regime was likely responsible for the blast", (Evidence(article.id, 1, TEXT[39:]),),
                  "likely", (0.55, 0.75), "high", kind="assessment")
    return Briefing("depot", "Depot", datetime(2024, 3, 1, 7, 0, tzinfo=UTC), (article,),
                    risks=(risk, judged))


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


@pytest.mark.parametrize(("template", "risks", "assessments", "after"), [
    ("briefing.md.j2", "## Risks", "## Assessments", "## Sources"),
    ("briefing.email.txt.j2", "RISKS", "ASSESSMENTS", "SOURCES"),
    ("briefing.tg.html.j2", "<b>Risks</b>", "<b>Assessments</b>", "<b>Sources</b>"),
    ("briefing.html.j2", ">Risks</h2>", ">Assessments</h2>", ">Sources</h2>"),
    ("briefing.email.html.j2", ">Risks</h2>", ">Assessments</h2>", ">Sources</h2>"),
])
def test_assessments_are_listed_apart_from_risks(template: str, risks: str, assessments: str,
                                                 after: str) -> None:
    text = render(make_environment(None, None), template, briefing())
    risk_part = _section(text, risks, assessments)
    assessment_part = _section(text, assessments, after)
    assert "plans to attack the depot" in risk_part and "responsible for the blast" not in risk_part
    assert "responsible for the blast" in assessment_part and "likely" in assessment_part
    assert "severity" not in assessment_part  # a judgement of the past puts nothing at stake


def test_kind_is_in_the_json_and_read_back() -> None:
    data = briefing_to_dict(briefing())
    assert [r["kind"] for r in data["risks"]] == ["risk", "assessment"]
    schema = json.loads((ROOT / "docs" / "briefing.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert [r.kind for r in briefing_from_dict(data).risks] == ["risk", "assessment"]
