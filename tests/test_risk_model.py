"""The risk sentence model: the NumPy encoder, the packaged adapters and head, and how the
extractor combines its opinion with the rules'."""

from __future__ import annotations

import json
import math
import struct
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from briefing.plugins.analysis.extract import risks
from briefing.plugins.analysis.extract.risk_model import HEAD, RiskModel, Settings, risk_model
from briefing.plugins.analysis.extract.risks import (
    RiskExtractor,
    RiskOptions,
    closed_to_harmless,
    considered,
    within_limit,
)
from briefing.plugins.analysis.nlp.encoder import SentenceEncoder, _gelu, model_dir, read_safetensors
from briefing.testing import analyse_with_spacy


def test_safetensors_reader_reads_what_was_written(tmp_path: Path) -> None:
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.array([1.5, -2.0], dtype=np.float16)
    header = {"a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
              "b": {"dtype": "F16", "shape": [2], "data_offsets": [24, 28]},
              "__metadata__": {"format": "pt"}}
    raw = json.dumps(header).encode()
    (tmp_path / "m.safetensors").write_bytes(struct.pack("<Q", len(raw)) + raw + a.tobytes() + b.tobytes())
    tensors = read_safetensors(tmp_path / "m.safetensors")
    assert tensors.keys() == {"a", "b"}
    assert np.array_equal(tensors["a"], a)
    assert np.array_equal(tensors["b"], b.astype(np.float32))


def test_gelu_in_tanh_form_stays_close_to_the_exact_one() -> None:
    """The model was trained with the exact GELU (x * Phi(x)); the encoder runs the tanh form."""
    xs = np.linspace(-6, 6, 241, dtype=np.float32)
    exact = np.array([0.5 * x * (1 + math.erf(x / math.sqrt(2))) for x in xs])
    assert np.abs(_gelu(xs.copy()) - exact).max() < 1e-3


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder(model_dir())


def test_sentence_vectors_are_unit_length_and_place_paraphrases_together(encoder: SentenceEncoder) -> None:
    vectors = encoder.encode([
        "Rebels are preparing an attack on the airport.",
        "The insurgents plan to assault the airfield.",
        "The bakery sells bread and cakes every morning.",
    ])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_encoding_does_not_depend_on_the_batch(encoder: SentenceEncoder) -> None:
    """Padding to the longest sentence of a batch must not change a sentence's vector."""
    short = "Prices may rise."
    long_ = "The central bank warned that prices may rise sharply next year if wages keep up."
    alone = encoder.encode([short])
    together = encoder.encode([short, long_])
    assert np.allclose(alone[0], together[0], atol=1e-5)


def test_adapters_are_added_to_the_weights_they_name(encoder: SentenceEncoder) -> None:
    """Zero updates leave the encoder as it was; a non-zero one changes its vectors (an encoder that
    ignored its adapters would pass the first check alone)."""
    name = "encoder.layer.0.attention.self.query.weight"
    text = ["Officials fear the dam could fail."]
    zero = {name: (np.zeros((384, 8), np.float16), np.zeros((8, 384), np.float16))}
    assert np.allclose(SentenceEncoder(model_dir(), zero).encode(text), encoder.encode(text), atol=1e-6)
    rng = np.random.default_rng(0)
    b, a = rng.normal(0, 0.2, (384, 8)), rng.normal(0, 0.2, (8, 384))
    some = {name: (b.astype(np.float16), a.astype(np.float16))}
    assert not np.allclose(SentenceEncoder(model_dir(), some).encode(text), encoder.encode(text), atol=1e-3)


def test_the_packaged_model_loads_with_its_provenance() -> None:
    model = risk_model()
    meta = json.loads(HEAD.read_text(encoding="utf-8"))
    assert "tuning half" in meta["trained_on"]["gold"]
    settings = model.settings
    assert 0.0 <= settings.keep <= 1.0 and 0.0 < settings.add <= 1.01 and 0.0 < settings.add_past <= 1.01
    assert Settings.of(meta) == settings
    assert model.weights.shape == (384,)


def test_the_model_tells_a_threat_from_a_report_of_the_past() -> None:
    """Sentences of our own, of no subject in the gold: a threat ahead without a risk word scores
    above routine facts and the past."""
    model = risk_model()
    threats = ["Hackers are preparing to leak the stolen patient records unless a ransom is paid.",
               "Militants have vowed to strike the pipeline again before the winter."]
    plain = ["The museum reopened on Sunday after a two-year renovation.",
             "The company reported revenue of 3 billion dollars for the last quarter."]
    p = model.probabilities(threats + plain)
    assert min(p[:2]) > max(p[2:])


# One of each: a threat frame, two rule risks resting on a noun of risk alone, three sentences
# the rules pass over (two told in the present, one in the past) and an assessment.
REFINERY = (
    "Gunmen have promised to storm the refinery on the coast before the harvest ends. "
    "The report lists insider threats among the worries of the banks it surveyed. "
    "The vulnerability resides in a module that handles the login page of the router. "
    "The malware lets an attacker read every message stored on the phone. "
    "The refinery employs 2,000 people and exports fuel to four countries. "
    "Last week the hackers sent the stolen files to a reporter in London. "
    "Investigators said it is highly likely that the fire was started on purpose."
)


def test_the_model_adds_and_drops_by_its_thresholds_and_leaves_assessments_alone(monkeypatch) -> None:
    """Each threshold governs its own sentences: ``keep`` the rule risks that rest on a noun of risk
    alone (a threat frame stays whatever the model says), ``add`` the passed-over sentences told in
    the present, ``add_past`` those told in the past; assessments stay the rules'. The thresholds
    are set to 0 or past 1, so the model's scores cannot decide the outcome: only the routing can."""
    analysed = analyse_with_spacy(REFINERY, title="Refinery")
    read = considered(analysed, RiskOptions(model=False))
    rules = {c.sentence.text: c.kind for c in read}
    named_only = {c.sentence.text for c in read if c.named_only}
    passed = {c.sentence.text: c.past for c in read if c.kind is None and not c.ruled_out}
    framed = "Gunmen have promised to storm the refinery on the coast before the harvest ends."
    fire = "Investigators said it is highly likely that the fire was started on purpose."
    assert rules[framed] == "risk" and framed not in named_only and rules[fire] == "assessment"
    assert len(named_only) == 2 and sorted(passed.values()) == [False, False, True]

    def run(keep: float, add: float, add_past: float) -> dict[str, str]:
        model = replace(risk_model(), settings=Settings(keep, add, add_past))
        monkeypatch.setattr(risks, "risk_model", lambda: model)
        return {r.evidence[0].quote: r.kind for r in RiskExtractor(RiskOptions()).extract(analysed)}

    present = {s for s, past in passed.items() if not past}
    strict = run(keep=1.01, add=0.0, add_past=1.01)
    assert set(strict) == {framed, fire} | present  # the noun-only risks dropped, the past not added
    assert strict[fire] == "assessment"
    lenient = run(keep=0.0, add=1.01, add_past=0.0)
    assert set(lenient) == {framed, fire} | named_only | {s for s, past in passed.items() if past}


def test_a_sentence_is_told_in_the_past_by_what_it_reports_not_by_its_said() -> None:
    """``add_past`` governs the sentences that tell of the past: under a verb of saying, the tense
    of what was said decides, since reported warnings are told with a past "said" as often as
    reported events are."""
    told = {
        "The monitor said 15 people were killed in the strike on the market.": True,
        "Rebels shelled the northern districts of the town on Monday night.": True,
        "Officials warned that the old dam could fail during the spring floods.": False,
        "The agency said the group is preparing new attacks on the border posts.": False,
        "The agency says the group carried out the attacks on the border posts.": True,
        "Residents fear that the militia will return to the villages after the harvest.": False,
    }
    read = considered(analyse_with_spacy(" ".join(told), title="Town"), RiskOptions(model=False))
    assert {c.sentence.text: c.past for c in read} == told


def test_the_model_adds_no_more_than_its_limit_to_one_article_the_surest_first(monkeypatch) -> None:
    """``most_added`` caps the model's additions to one article, keeping its surest ones; the rules'
    own risks and assessments do not count against it and are never cut (``keep`` 0)."""
    analysed = analyse_with_spacy(REFINERY, title="Refinery")
    read = considered(analysed, RiskOptions(model=False))
    passed = [c.sentence.text for c in read if c.kind is None and not c.ruled_out]
    ruled = {c.sentence.text: c.kind for c in read if c.kind is not None}
    assert len(passed) == 3 and sorted(ruled.values()) == ["assessment", "risk", "risk", "risk"]
    surest = max(zip(risk_model().probabilities(passed), passed, strict=True))[1]

    def run(most_added: int | None) -> dict[str, str]:
        model = replace(risk_model(), settings=Settings(0.0, 0.0, 0.0, most_added))
        monkeypatch.setattr(risks, "risk_model", lambda: model)
        return {r.evidence[0].quote: r.kind for r in RiskExtractor(RiskOptions()).extract(analysed)}

    assert run(None) == ruled | {s: "risk" for s in passed}
    assert run(1) == ruled | {surest: "risk"}
    assert run(0) == ruled


REVIEW = ("The new coupe could arrive in showrooms next spring. Its roof folds away in sixteen seconds. "
          "The base model may get a smaller engine. Buyers will choose from nine colours. "
          "Dealers expect the first cars to sell quickly.")
SIEGE = ("The militia could arrive at the city gates by the weekend. Shelling killed four people on "
         "Monday. Families fear a long siege. Aid convoys have been turned back twice. "
         "Residents may soon run out of bread.")


def test_in_an_article_that_speaks_of_no_harm_the_model_adds_only_sentences_of_harm(monkeypatch) -> None:
    """``harm_share``: in a car review, "could arrive" reads to the model as it does in a war report;
    a sentence that names no harm is added only where enough of the article names one."""

    def added(text: str, share: float) -> set[str]:
        model = replace(risk_model(), settings=Settings(0.0, 0.0, 0.0, None, share))
        monkeypatch.setattr(risks, "risk_model", lambda: model)
        analysed = analyse_with_spacy(text, title="t")
        ruled = {c.sentence.text for c in considered(analysed, RiskOptions(model=False)) if c.kind}
        return {r.evidence[0].quote for r in RiskExtractor(RiskOptions()).extract(analysed)} - ruled

    read = considered(analyse_with_spacy(REVIEW, title="t"), RiskOptions(model=False))
    monkeypatch.setattr(risks, "risk_model", lambda: replace(risk_model(), settings=Settings(0.0, 0.0, 0.0)))
    risks.second_opinion(read)
    assert all("harm" not in vars(c) for c in read)  # off, the gate reads no sentence for harm
    assert not any(c.harm for c in read)
    assert "The base model may get a smaller engine." in added(REVIEW, 0.0)
    assert added(REVIEW, 0.2) == set()
    siege = considered(analyse_with_spacy(SIEGE, title="t"), RiskOptions(model=False))
    assert not closed_to_harmless((c.harm for c in siege), Settings(0.0, 0.0, 0.0, None, 0.4))
    assert "The militia could arrive at the city gates by the weekend." in added(SIEGE, 0.2)


def test_the_limit_keeps_the_most_probable_and_the_earlier_among_equals() -> None:
    assert within_limit([0.91, 0.99, 0.95, 0.99], 2) == [False, True, False, True]
    assert within_limit([0.9, 0.9, 0.9], 1) == [True, False, False]
    assert within_limit([0.9, 0.8], None) == [True, True]


def test_loading_a_model_reads_adapters_and_thresholds(tmp_path: Path) -> None:
    """A model trained elsewhere (bench/train_risk_model.py writes these two files) is read whole."""
    arrays = {"encoder.layer.5.output.dense.a": np.zeros((8, 1536), np.float16),
              "encoder.layer.5.output.dense.b": np.zeros((384, 8), np.float16),
              "head.weight": np.ones(384, np.float32), "head.bias": np.array([-3.0], np.float32)}
    np.savez(tmp_path / "m.npz", **arrays)
    (tmp_path / "m.json").write_text(json.dumps({"keep": 0.25, "add": 0.75, "add_past": 0.9}))
    model = RiskModel.load(tmp_path / "m.npz", tmp_path / "m.json")
    assert (model.settings, model.bias) == (Settings(0.25, 0.75, 0.9, None), -3.0)  # no limit saved: none
    assert 0.0 < model.probabilities(["Anything at all."])[0] < 1.0
    limited = {"keep": 0.25, "add": 0.75, "add_past": 0.9, "most_added": 3}
    (tmp_path / "m.json").write_text(json.dumps(limited))
    assert RiskModel.load(tmp_path / "m.npz", tmp_path / "m.json").settings.most_added == 3
    (tmp_path / "m.json").write_text(json.dumps(limited | {"harm_share": 0.2}))
    assert RiskModel.load(tmp_path / "m.npz", tmp_path / "m.json").settings.harm_share == 0.2


def test_the_model_does_not_overturn_what_the_rules_ruled_out(monkeypatch) -> None:
    """A risk word told as past and a "could" of perception were read by the rules and found to
    state no risk; the model, which reads subjects better than tenses, may not add them back, even
    when it would add any sentence at all (``add`` 0: the guard, not a low score, keeps them out)."""
    text = ("Years ago, the army helped the province when the situation posed a threat to the whole region. "
            "The explosions could be heard by residents across the city during the night. "
            "The governor opened a new bridge over the river on Monday morning.")
    analysed = analyse_with_spacy(text, title="Province")
    read = considered(analysed, RiskOptions(model=False))
    assert [c.kind for c in read] == [None, None, None]
    assert [c.ruled_out for c in read] == [True, True, False]
    monkeypatch.setattr(risks, "risk_model", lambda: replace(risk_model(), settings=Settings(0.0, 0.0, 0.0)))
    added = [r.evidence[0].quote for r in RiskExtractor(RiskOptions()).extract(analysed)]
    assert added == ["The governor opened a new bridge over the river on Monday morning."]


def test_only_a_rule_risk_resting_on_a_noun_of_risk_alone_is_the_models_to_drop() -> None:
    """A bare "threats" names a topic as often as a risk; the same noun with an estimate, a verb
    of warning or of threatening states one, and the model may not overrule it."""
    text = ("Insider threats top the list of worries at the banks that were surveyed. "
            "The threat of attacks on the pipeline could grow during the winter. "
            "Officials warned residents that the old dam is dangerous to people downstream. "
            "Gunmen have threatened to storm the refinery before the harvest ends.")
    read = considered(analyse_with_spacy(text, title="Threats"), RiskOptions(model=False))
    assert [c.kind for c in read] == ["risk"] * 4
    assert [c.named_only for c in read] == [True, False, False, False]


def test_every_risk_kept_carries_the_models_probability_as_its_confidence() -> None:
    """The rules' own risks too (a threat frame the model is not asked about), so the briefing can
    rank the ones the extractor is surer of first; assessments and a rules-only run carry none."""
    analysed = analyse_with_spacy(REFINERY, title="Refinery")
    found = list(RiskExtractor(RiskOptions()).extract(analysed))
    model = risk_model()
    for item in found:
        if item.kind == "risk":
            [expected] = model.probabilities([item.evidence[0].quote])
            assert item.confidence == pytest.approx(expected)
        else:
            assert item.confidence is None
    assert any(r.kind == "risk" for r in found) and any(r.kind == "assessment" for r in found)
    assert all(r.confidence is None for r in RiskExtractor(RiskOptions(model=False)).extract(analysed))
