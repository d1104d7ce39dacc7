"""The token table: plain columns that must say exactly what the parse says, built once per parse."""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pytest

from briefing.plugins.analysis.nlp.analyser import load_model
from briefing.plugins.analysis.nlp.token_table import PlainTokens, plain_tokens

TEXT = ("The U.S. Department of State said on Monday that Iraqi forces, backed by the coalition, "
        "had entered Mosul with 1,200 troops.\nPhoto: Jane Smith – Reuters\n"
        "“We will not stop,” said Maj. Gen. Ali al-Khan, who warned of three more attacks.")


@pytest.fixture(scope="module")
def doc() -> Any:
    return load_model("en_core_web_sm")(TEXT)


def test_columns_hold_what_the_tokens_hold(doc: Any) -> None:
    view = PlainTokens(doc)
    assert len(view) == len(doc)
    assert view.full_text == doc.text
    assert view.ents == [(e.start, e.end, e.label_) for e in doc.ents]
    for t in doc:
        assert (view.text[t.i], view.lower[t.i], view.pos[t.i], view.tag[t.i], view.ent_type[t.i],
                view.idx[t.i], view.ws[t.i], view.sent_start[t.i]) == \
            (t.text, t.lower_, t.pos_, t.tag_, t.ent_type_, t.idx, t.whitespace_, bool(t.is_sent_start))
        assert (view.lemma[t.i], view.dep[t.i], view.head[t.i], view.like_num[t.i]) == \
            (t.lemma_.lower(), t.dep_, t.head.i, t.like_num)
        assert view.finite[t.i] == ("Fin" in t.morph.get("VerbForm"))
    assert view.span_text(1, 5) == doc[1:5].text
    assert any(view.finite) and any(view.like_num)  # the text exercises both columns


def test_entities_starting_in_a_range_are_those_of_the_doc(doc: Any) -> None:
    view = PlainTokens(doc)
    for sent in doc.sents:
        expected = [(e.start, e.end, e.label_) for e in doc.ents if sent.start <= e.start < sent.end]
        assert view.ents_starting_in(sent.start, sent.end) == expected
    assert view.ents_starting_in(0, len(doc)) == view.ents
    assert view.ents_starting_in(3, 3) == []


def test_one_table_per_parse_is_shared() -> None:
    nlp = load_model("en_core_web_sm")
    first, second = nlp("Ann Lee spoke."), nlp("Ann Lee spoke.")
    assert plain_tokens(first) is plain_tokens(first)
    assert plain_tokens(first) is not plain_tokens(second)


def test_an_empty_parse_has_empty_columns() -> None:
    doc = load_model("en_core_web_sm")("")
    view = PlainTokens(doc)
    assert len(view) == 0 and view.lemma == [] and view.like_num == [] and view.ents == []
    assert view.full_text == ""


def test_the_shared_table_does_not_keep_its_parse_alive() -> None:
    """Extractors drop each parse after use; a cache entry holding it would keep every parse of a
    run in memory."""
    doc = load_model("en_core_web_sm")("Ann Lee spoke in Paris.")
    assert plain_tokens(doc).lemma
    parse = weakref.ref(doc)
    del doc
    gc.collect()
    assert parse() is None
