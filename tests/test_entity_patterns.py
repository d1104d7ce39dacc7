"""The per-parse mention cache of the entity rules."""

from __future__ import annotations

from typing import Any

import pytest

from briefing.plugins.analysis.entities.spans import candidates
from briefing.plugins.analysis.nlp.analyser import load_model
from briefing.testing import analyse_with_spacy

TEXT = ("The U.S. Department of State said on Monday that Iraqi forces, backed by the coalition, "
        "entered Mosul.\nPhoto: Jane Smith – Reuters\n“We will not stop,” said Maj. Gen. Ali al-Khan.")


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model("en_core_web_sm")


def test_candidates_are_found_once_per_parse_and_handed_out_as_new_lists(nlp: Any) -> None:
    analysed = analyse_with_spacy(TEXT)
    first = candidates(analysed)
    first.clear()  # a caller changing its list does not change what the next caller gets
    again = candidates(analysed)
    fresh = candidates(analyse_with_spacy(TEXT))
    assert again and again == fresh
    assert {c.text for c in again} >= {"Mosul", "Ali al-Khan"}
