"""The learned say on assessments: judgements of what is or was ("likely responsible", "probably
caused by a gas leak", "appears to have been circulating"), which the briefing shows apart from
risks.

Why a reader beside the rules: the rules call a sentence an assessment by its estimate words on a
present or past verb, and out of fold on the tuning rounds they found 38% of the labelled
assessments at a precision of 0.58. Most of what they missed is said in words they do not weigh
("a government panel now believes 35,000 barrels are leaking", "the data suggest", "could be part
of propaganda"). A word n-gram reader (risk_ngrams' recipe, trained on the assessments of the
project's risk gold) weighed with the rules' reading (the rules' assessment, a stated estimate, the
past) found more of them at no lower precision, out of fold and on fresh halves (docs/quality.md,
"Rounds 93-95").

It decides every sentence the risk models did not make a risk and the rules did not rule out, the
rules' assessments included, so it never changes a risk; but not the rules' yardstick judgements
(risks.Considered.yardstick), which stay as the rules have them, estimate words that judge nothing
("likely voters") with them. Its weights and threshold are fitted by
``bench/train_assessments.py`` and kept apart from the risk models' (``assessment_model.json``,
``assessment_ngrams.npz``), so the two are trained and released on their own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefing.plugins.analysis.extract.risk_model import BOUND, Combination
from briefing.plugins.analysis.extract.risk_ngrams import NgramModel

HERE = Path(__file__).parent
ASSESSMENT_NGRAMS = HERE / "assessment_ngrams.npz"
ASSESSMENT_HEAD = HERE / "assessment_model.json"
# What the combination reads of a sentence, in the order of its weights: the n-grams' log-odds,
# then the rules' reading (1.0 or 0.0).
ASSESSMENT_SIGNALS = ("ngrams", "rule_assessment", "estimate", "past")


def assessment_signals(ngrams: float, rule_assessment: bool, estimate: bool, past: bool) -> list[float]:
    """One sentence's inputs to the combination (``ASSESSMENT_SIGNALS``); one definition for the
    extractor and for the training script."""
    return [min(max(ngrams, -BOUND), BOUND), *(float(flag) for flag in (rule_assessment, estimate, past))]


@dataclass(frozen=True)
class AssessmentModel:
    ngrams: NgramModel
    combination: Combination

    @classmethod
    def load(cls, ngrams: Path = ASSESSMENT_NGRAMS, head: Path = ASSESSMENT_HEAD) -> AssessmentModel:
        combination = Combination.of(json.loads(head.read_text(encoding="utf-8")), ASSESSMENT_SIGNALS)
        if combination is None:
            raise RuntimeError(f"assessment model: {head} holds no combination; "
                               "run bench/train_assessments.py")
        return cls(NgramModel.load(ngrams), combination)

    def probabilities(self, texts: list[str], rule_assessment: list[bool], estimate: list[bool],
                      past: list[bool]) -> list[float]:
        """P(the sentence states an assessment), one per text."""
        return [self.combination.probability(assessment_signals(q, *flags))
                for q, *flags in zip(self.ngrams.logits(texts), rule_assessment, estimate, past, strict=True)]


@lru_cache(maxsize=1)
def assessment_model() -> AssessmentModel:
    """The process's one model (read once, on first use)."""
    return AssessmentModel.load()
