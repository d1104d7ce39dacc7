"""A third reader of risk sentences, asked only where the first two leave a sentence in doubt.

Why: out of fold on the tuning rounds, the combination of the adapted small encoder and the
n-grams (risk_model) reached precision 0.70 at the recall the product keeps, and 0.66 on news that
was not war or cyber news. A larger encoder, all-mpnet-base-v2 as it was trained (nlp/mpnet), read
by a linear probe over three of its layers, found risks about as well as the adapted small one on
its own, and with the other two raised precision at the same recall to 0.75 (0.72 on general news;
docs/quality.md, "A larger reader").

Why only in doubt: the larger model costs about ten times the small one a sentence. A sentence the
first combination gives less than ``band[0]`` or at least ``band[1]`` is decided as it decides;
only the others (a quarter of those weighed, on the tuning rounds) are read again, and the
combination of all three decides them (``risk_probe.json``). Out of fold, asking the third reader
about every sentence gained nothing more than asking it about these.

``risk_probe.npz`` holds the probe: the mean and spread of each of the 2,304 numbers over the
tuning sentences (the probe reads them standardised) and its weights, fitted by
``bench/train_risk_probe.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from briefing.plugins.analysis.extract.risk_model import SIGNALS, Combination
from briefing.plugins.analysis.nlp.mpnet import LayerReader, model_dir

HERE = Path(__file__).parent
PROBE = HERE / "risk_probe.npz"
PROBE_HEAD = HERE / "risk_probe.json"
PROBE_SIGNALS = (*SIGNALS, "larger")
"""The third combination's signals: the first one's, then the probe's log-odds."""
BOUND = 10.0
"""The probe's log-odds are read within +-10, as they were fitted."""


@dataclass(frozen=True)
class RiskProbe:
    """The larger reader, its probe, the band of doubt and the combination that decides it."""

    reader: LayerReader
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    band: tuple[float, float]
    combination: Combination

    @classmethod
    def load(cls, arrays: Path = PROBE, head: Path = PROBE_HEAD) -> RiskProbe:
        saved = np.load(arrays)
        meta = json.loads(head.read_text(encoding="utf-8"))
        combination = Combination.of(meta, PROBE_SIGNALS)
        if combination is None:
            raise RuntimeError(f"risk probe: {head} holds no combination; run bench/train_risk_probe.py")
        low, high = meta["band"]
        return cls(LayerReader(model_dir()), saved["mean"], saved["scale"], saved["weights"],
                   float(saved["bias"][0]), (float(low), float(high)), combination)

    def in_doubt(self, p: float) -> bool:
        """Whether the first combination's probability ``p`` leaves the sentence to this reader."""
        return self.band[0] <= p < self.band[1]

    def logits(self, texts: list[str]) -> list[float]:
        """The probe's log-odds that each sentence states a risk."""
        if not texts:
            return []
        read = (self.reader.read(texts) - self.mean) / self.scale
        return [float(v) for v in np.clip(read @ self.weights + self.bias, -BOUND, BOUND)]


@lru_cache(maxsize=1)
def risk_probe() -> RiskProbe:
    """The process's one probe (loading reads 440 MB of weights: once, on first use)."""
    return RiskProbe.load()
