"""The plain-value view of a parse that the entity rules read, and the per-parse mention cache."""

from __future__ import annotations

from typing import Any

import pytest

from briefing.plugins.entity_patterns import PlainTokens
from briefing.plugins.entity_spans import candidates
from briefing.plugins.spacy_analyser import load_model
from briefing.testing import analyse_with_spacy

TEXT = ("The U.S. Department of State said on Monday that Iraqi forces, backed by the coalition, "
        "entered Mosul.\nPhoto: Jane Smith – Reuters\n“We will not stop,” said Maj. Gen. Ali al-Khan.")


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model("en_core_web_sm")


def test_plain_tokens_hold_what_the_doc_holds(nlp: Any) -> None:
    doc = nlp(TEXT)
    view = PlainTokens(doc)
    assert len(view) == len(doc)
    assert view.full_text == doc.text
    assert view.ents == [(e.start, e.end, e.label_) for e in doc.ents]
    for t in doc:
        assert (view.text[t.i], view.lower[t.i], view.pos[t.i], view.tag[t.i], view.ent_type[t.i],
                view.idx[t.i], view.ws[t.i], view.sent_start[t.i]) == \
            (t.text, t.lower_, t.pos_, t.tag_, t.ent_type_, t.idx, t.whitespace_, bool(t.is_sent_start))
    assert view.span_text(1, 5) == doc[1:5].text


def test_candidates_are_found_once_per_parse_and_handed_out_as_new_lists(nlp: Any) -> None:
    analysed = analyse_with_spacy(TEXT, nlp=nlp)
    first = candidates(analysed)
    first.clear()  # a caller changing its list does not change what the next caller gets
    again = candidates(analysed)
    fresh = candidates(analyse_with_spacy(TEXT, nlp=nlp))
    assert again and again == fresh
    assert {c.text for c in again} >= {"Mosul", "Ali al-Khan"}
