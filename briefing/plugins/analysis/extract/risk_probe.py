"""A third reader of risk sentences, asked only where the first two leave a sentence in doubt.

Why: out of fold on the tuning rounds, the combination of the adapted small encoder and the
n-grams (risk_model) reached precision 0.70 at the recall the product keeps, and 0.66 on news that
was not war or cyber news. A larger encoder, all-mpnet-base-v2 (nlp/mpnet), read by a linear probe
over three of its layers as it was trained, raised that to 0.75 (0.72 on general news); with its
top two layers adapted to the task (low-rank updates, as the small model's) it reads risks better
still (docs/quality.md, "The larger reader adapted").

Why only in doubt: the larger model costs about ten times the small one a sentence. A sentence the
first combination gives less than ``band[0]`` or at least ``band[1]`` is decided as it decides;
only the others (a quarter of those weighed, on the tuning rounds) are read again, and the
combination of all three decides them (``risk_probe.json``).

``risk_probe.npz`` holds the low-rank updates of the adapted layers (``<weight name>.a`` and
``.b``, B already scaled) and the head over the mean of the last layer, trained by
``bench/train_risk_probe.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from briefing.plugins.analysis.extract.risk_model import SIGNALS, Combination
from briefing.plugins.analysis.nlp.encoder import deltas_of
from briefing.plugins.analysis.nlp.mpnet import LayerReader, model_dir

HERE = Path(__file__).parent
PROBE = HERE / "risk_probe.npz"
PROBE_HEAD = HERE / "risk_probe.json"
PROBE_SIGNALS = (*SIGNALS, "larger")
"""The third combination's signals: the first one's, then the larger reader's log-odds."""
BOUND = 10.0
"""The larger reader's log-odds are read within +-10, as they were fitted."""
ADAPTED_LAYERS = (10, 11)
"""The layers (counted from 0) whose linear maps carry updates: the model's top two."""


@dataclass(frozen=True)
class RiskProbe:
    """The adapted larger reader, its head, the band of doubt and the combination that decides it."""

    reader: LayerReader
    weights: np.ndarray
    bias: float
    band: tuple[float, float]
    combination: Combination

    @classmethod
    def load(cls, arrays: Path = PROBE, head: Path = PROBE_HEAD) -> RiskProbe:
        meta = json.loads(head.read_text(encoding="utf-8"))
        combination = Combination.of(meta, PROBE_SIGNALS)
        if combination is None:
            raise RuntimeError(f"risk probe: {head} holds no combination; run bench/train_risk_probe.py")
        low, high = meta["band"]
        return cls.from_arrays(dict(np.load(arrays)), (float(low), float(high)), combination)

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], band: tuple[float, float] = (0.0, 1.0),
                    combination: Combination | None = None) -> RiskProbe:
        """The reader with these updates and head (the trainer checks them with this before saving)."""
        return cls(LayerReader(model_dir(), deltas_of(arrays)), arrays["head.weight"].astype(np.float32),
                   float(arrays["head.bias"][0]), band,
                   combination or Combination(tuple(0.0 for _ in PROBE_SIGNALS), 0.0, 0.5))

    def in_doubt(self, p: float) -> bool:
        """Whether the first combination's probability ``p`` leaves the sentence to this reader."""
        return self.band[0] <= p < self.band[1]

    def logits(self, texts: list[str]) -> list[float]:
        """The larger reader's log-odds that each sentence states a risk."""
        if not texts:
            return []
        read = self.reader.pooled(texts) @ self.weights + self.bias
        return [float(v) for v in np.clip(read, -BOUND, BOUND)]


@lru_cache(maxsize=1)
def risk_probe() -> RiskProbe:
    """The process's one probe (loading reads 440 MB of weights: once, on first use)."""
    return RiskProbe.load()
