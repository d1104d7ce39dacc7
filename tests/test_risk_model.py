"""The risk models: the NumPy encoder, the packaged adapters and head, the n-gram reader, and how
the extractor weighs their say with the rules'."""

from __future__ import annotations

import json
import math
import struct
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from briefing.plugins.analysis.extract import risk_learned
from briefing.plugins.analysis.extract.risk_learned import second_opinion
from briefing.plugins.analysis.extract.risk_model import (
    HEAD,
    SIGNALS,
    Combination,
    RiskModel,
    risk_model,
    signals,
)
from briefing.plugins.analysis.extract.risk_ngrams import NgramModel, grams
from briefing.plugins.analysis.extract.risk_probe import risk_probe
from briefing.plugins.analysis.extract.risks import RiskExtractor, RiskOptions, considered
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
    for mapped in (False, True):  # read whole, or mapped (nlp/mpnet's large file)
        tensors = read_safetensors(tmp_path / "m.safetensors", mapped=mapped)
        assert tensors.keys() == {"a", "b"}
        assert np.array_equal(tensors["a"], a)
        assert np.array_equal(tensors["b"], b.astype(np.float32))
    assert not tensors["a"].flags.writeable  # a view of the mapped file, not a copy


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
    assert model.combination == Combination.of(meta)
    assert model.combination is not None and 0.0 < model.combination.threshold < 1.0
    assert sorted(meta["combination"]["weights"]) == sorted(SIGNALS)
    assert model.ngrams is not None and len(model.ngrams.terms) == meta["ngrams"]["terms"] > 1000
    assert model.weights.shape == (384,)


def test_the_model_tells_a_threat_from_a_report_of_the_past() -> None:
    """Sentences of our own, of no subject in the gold: a threat ahead without a risk word scores
    above routine facts and the past, for each reader."""
    model = risk_model()
    assert model.ngrams is not None
    threats = ["Hackers are preparing to leak the stolen patient records unless a ransom is paid.",
               "Militants have vowed to strike the pipeline again before the winter."]
    plain = ["The museum reopened on Sunday after a two-year renovation.",
             "The company reported revenue of 3 billion dollars for the last quarter."]
    p = model.probabilities(threats + plain)
    assert min(p[:2]) > max(p[2:])
    q = model.ngrams.logits(threats + plain)
    assert min(q[:2]) > max(q[2:])


def test_the_ngram_reader_weighs_words_and_pairs_as_tf_idf_does() -> None:
    """Lower case, words of two or more characters and their pairs, sublinear counts times the
    inverse document frequency, unit length, then the linear map; unknown words count for
    nothing, and a sentence of none gets the intercept."""
    assert grams("The dam, the DAM! A dam") == {"the": 2, "dam": 3, "the dam": 2, "dam the": 1, "dam dam": 1}
    model = NgramModel(("dam", "the dam", "fail"), np.array([2.0, 3.0, 1.5]), np.array([1.0, 0.5, 4.0]), -1.0)
    tf_idf = np.array([(1 + math.log(3)) * 2.0, (1 + math.log(2)) * 3.0])
    expected = float(tf_idf @ [1.0, 0.5] / np.linalg.norm(tf_idf)) - 1.0
    assert model.logits(["The dam, the DAM! A dam", "Nothing known here."]) == pytest.approx([expected, -1.0])


def test_the_ngram_reader_is_saved_and_read_whole(tmp_path: Path) -> None:
    model = NgramModel(("déjà vu", "barrage", "fire"), np.array([1.0, 2.0, 3.0]), np.array([0.5, -0.5, 1.0]),
                       0.25)
    model.save(tmp_path / "n.npz")
    again = NgramModel.load(tmp_path / "n.npz")
    assert again.terms == model.terms and again.intercept == 0.25
    texts = ["Déjà vu at the barrage.", "A barrage of fire."]
    assert again.logits(texts) == pytest.approx(model.logits(texts))


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


def weighing(monkeypatch, threshold: float = 0.5, intercept: float = 0.0, **weights: float) -> None:
    """Make the extractor weigh with this combination (every weight not given 0): weights of 0 or
    10 make the readers' scores irrelevant, so only what the combination reads decides. The third
    reader is asked about no sentence (an empty band of doubt; tests/test_risk_probe.py asks it)."""
    combination = Combination(tuple(weights.get(name, 0.0) for name in SIGNALS), intercept, threshold)
    model = replace(risk_model(), combination=combination)
    monkeypatch.setattr(risk_learned, "risk_model", lambda: model)
    probe = replace(risk_probe(), band=(0.0, 0.0))
    monkeypatch.setattr(risk_learned, "risk_probe", lambda: probe)


def test_the_combination_decides_every_sentence_but_assessments(monkeypatch) -> None:
    """Rule risks and the sentences the rules pass over alike are the combination's to decide:
    with a probability of 0.5 for every sentence, a threshold below it makes all of them risks
    and one above it none; the assessment stays the rules' either way."""
    analysed = analyse_with_spacy(REFINERY, title="Refinery")
    read = considered(analysed, RiskOptions(model=False))
    rules = {c.sentence.text: c.kind for c in read}
    named_only = {c.sentence.text for c in read if c.named_only}
    passed = {c.sentence.text: c.past for c in read if c.kind is None and not c.ruled_out}
    framed = "Gunmen have promised to storm the refinery on the coast before the harvest ends."
    fire = "Investigators said it is highly likely that the fire was started on purpose."
    assert rules[framed] == "risk" and framed not in named_only and rules[fire] == "assessment"
    assert len(named_only) == 2 and sorted(passed.values()) == [False, False, True]

    def run() -> dict[str, str]:
        return {r.evidence[0].quote: r.kind for r in RiskExtractor(RiskOptions()).extract(analysed)}

    weighing(monkeypatch, threshold=0.4)
    assert run() == {s: "risk" for s in rules if s != fire} | {fire: "assessment"}
    weighing(monkeypatch, threshold=0.6)
    assert run() == {fire: "assessment"}
    # what the rules read is weighed: a rule risk counts for, resting on a noun alone against
    weighing(monkeypatch, intercept=-5.0, rule_risk=10.0, noun_only=-10.0)
    assert run() == {framed: "risk", fire: "assessment"}
    weighing(monkeypatch, intercept=-5.0, past=10.0)
    assert run() == {s: "risk" for s, past in passed.items() if past} | {fire: "assessment"}


def test_a_sentence_is_told_in_the_past_by_what_it_reports_not_by_its_said() -> None:
    """The past is one of the signals weighed (a report of what happened): under a verb of
    saying, the tense of what was said decides, since reported warnings are told with a past
    "said" as often as reported events are."""
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


REVIEW = ("The new coupe could arrive in showrooms next spring. Its roof folds away in sixteen seconds. "
          "The base model may get a smaller engine. Buyers will choose from nine colours. "
          "Dealers expect the first cars to sell quickly.")
SIEGE = ("The militia could arrive at the city gates by the weekend. Shelling killed four people on "
         "Monday. Families fear a long siege. Aid convoys have been turned back twice. "
         "Residents may soon run out of bread.")


def test_a_sentence_that_names_no_harm_is_told_from_one_that_does(monkeypatch) -> None:
    """In a car review, "could arrive" reads to the readers as it does in a war report; whether
    the sentence names a harm at all is weighed beside them."""
    review = considered(analyse_with_spacy(REVIEW, title="t"), RiskOptions(model=False))
    siege = considered(analyse_with_spacy(SIEGE, title="t"), RiskOptions(model=False))
    assert not any(c.harm for c in review)
    assert [c.harm for c in siege] == [False, True, True, False, False]
    weighing(monkeypatch, intercept=-5.0, harm=10.0)
    second_opinion(siege)
    assert [c.kind for c in siege] == [None, "risk", "risk", None, None]


def test_loading_a_model_reads_adapters_and_its_combination(tmp_path: Path) -> None:
    """A model trained elsewhere (bench/train_risk_model.py writes these files) is read whole; one
    saved before there was a combination still gives its encoder's probabilities (the training
    pool is rebuilt from such models), and a combination of other signals is refused by name."""
    arrays = {"encoder.layer.5.output.dense.a": np.zeros((8, 1536), np.float16),
              "encoder.layer.5.output.dense.b": np.zeros((384, 8), np.float16),
              "head.weight": np.ones(384, np.float32), "head.bias": np.array([-3.0], np.float32)}
    np.savez(tmp_path / "m.npz", **arrays)
    NgramModel(("dam",), np.ones(1), np.ones(1), 0.0).save(tmp_path / "n.npz")
    weights = {name: float(i) for i, name in enumerate(SIGNALS)}
    saved = {"combination": {"weights": weights, "intercept": -1.0, "threshold": 0.4}}
    (tmp_path / "m.json").write_text(json.dumps(saved))
    model = RiskModel.load(tmp_path / "m.npz", tmp_path / "m.json", tmp_path / "n.npz")
    assert model.combination == Combination(tuple(float(i) for i in range(len(SIGNALS))), -1.0, 0.4)
    assert model.bias == -3.0 and model.ngrams is not None and model.ngrams.terms == ("dam",)
    assert 0.0 < model.probabilities(["Anything at all."])[0] < 1.0
    (tmp_path / "m.json").write_text(json.dumps({"keep": 0.25, "add": 0.75, "add_past": 0.9}))
    older = RiskModel.load(tmp_path / "m.npz", tmp_path / "m.json", ngrams=None)
    assert older.combination is None and older.ngrams is None
    assert older.probabilities(["Anything at all."]) == model.probabilities(["Anything at all."])
    weights.pop("harm")
    other = {"combination": {**saved["combination"], "weights": weights}}
    (tmp_path / "m.json").write_text(json.dumps(other))
    with pytest.raises(ValueError, match="combination weighs"):
        RiskModel.load(tmp_path / "m.npz", tmp_path / "m.json", ngrams=None)


def test_the_model_does_not_overturn_what_the_rules_ruled_out(monkeypatch) -> None:
    """A risk word told as past and a "could" of perception were read by the rules and found to
    state no risk; the models, which read subjects better than tenses, may not add them back, even
    when every sentence weighed would be a risk (the guard, not a low score, keeps them out)."""
    text = ("Years ago, the army helped the province when the situation posed a threat to the whole region. "
            "The explosions could be heard by residents across the city during the night. "
            "The governor opened a new bridge over the river on Monday morning.")
    analysed = analyse_with_spacy(text, title="Province")
    read = considered(analysed, RiskOptions(model=False))
    assert [c.kind for c in read] == [None, None, None]
    assert [c.ruled_out for c in read] == [True, True, False]
    weighing(monkeypatch, intercept=10.0)
    added = [r.evidence[0].quote for r in RiskExtractor(RiskOptions()).extract(analysed)]
    assert added == ["The governor opened a new bridge over the river on Monday morning."]


def test_only_a_bare_noun_of_risk_is_read_as_resting_on_a_noun_alone() -> None:
    """A bare "threats" names a topic as often as a risk; the same noun with an estimate, a verb
    of warning or of threatening states one. The combination weighs the first against."""
    text = ("Insider threats top the list of worries at the banks that were surveyed. "
            "The threat of attacks on the pipeline could grow during the winter. "
            "Officials warned residents that the old dam is dangerous to people downstream. "
            "Gunmen have threatened to storm the refinery before the harvest ends.")
    read = considered(analyse_with_spacy(text, title="Threats"), RiskOptions(model=False))
    assert [c.kind for c in read] == ["risk"] * 4
    assert [c.named_only for c in read] == [True, False, False, False]


def test_every_risk_kept_carries_the_combined_probability_as_its_confidence() -> None:
    """The rules' own risks too, so the briefing can rank the ones the extractor is surer of
    first (the third reader's combination where the first two leave a sentence in doubt);
    assessments and a rules-only run carry none."""
    analysed = analyse_with_spacy(REFINERY, title="Refinery")
    found = list(RiskExtractor(RiskOptions()).extract(analysed))
    model = risk_model()
    assert model.ngrams is not None and model.combination is not None
    read = {c.sentence.text: c for c in considered(analysed, RiskOptions(model=False))}
    for item in found:
        if item.kind == "risk":
            quote = item.evidence[0].quote
            c = read[quote]
            [p], [q] = model.probabilities([quote]), model.ngrams.logits([quote])
            inputs = signals(p, q, c.kind == "risk", c.named_only, c.past, c.harm, c.found is not None)
            expected, threshold = model.combination.probability(inputs), model.combination.threshold
            probe = risk_probe()
            if probe.in_doubt(expected):  # the third reader's combination decides (risk_probe)
                expected = probe.combination.probability([*inputs, *probe.logits([quote])])
                threshold = probe.combination.threshold
            assert item.confidence == pytest.approx(expected, abs=1e-5) and expected >= threshold
        else:
            assert item.confidence is None
    assert any(r.kind == "risk" for r in found) and any(r.kind == "assessment" for r in found)
    assert all(r.confidence is None for r in RiskExtractor(RiskOptions(model=False)).extract(analysed))


def test_the_packaged_readers_keep_hedged_harms_and_drop_hedged_neutral_futures() -> None:
    """What the combination was built for, on sentences of our own: a "may" or "could" about
    share prices, interest rates or a bridge reopening states no harm, though the encoder alone
    gives each about 0.9 (the hand-set thresholds before the combination added them all); a
    hedged loss of jobs and a fear of a siege are risks, the second one no rule finds."""
    neutral = ["Shares may climb further as investors return to the market.",
               "Interest rates may fall again before the summer.",
               "The bridge could reopen to traffic by the end of the month."]
    text = " ".join([*neutral, "The cuts could cost 8,000 jobs at the plant.", "Families fear a long siege."])
    analysed = analyse_with_spacy(text, title="Town")
    found = {r.evidence[0].quote for r in RiskExtractor(RiskOptions()).extract(analysed) if r.kind == "risk"}
    rules = {r.evidence[0].quote for r in RiskExtractor(RiskOptions(model=False)).extract(analysed)}
    assert found == {"The cuts could cost 8,000 jobs at the plant.", "Families fear a long siege."}
    assert "Families fear a long siege." not in rules
    assert min(risk_model().probabilities(neutral)) > 0.85
