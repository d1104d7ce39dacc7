"""The learned say on a risk extractor's sentences: which ones the models decide, and how.

The rules (risks, risk_judgement) read each sentence first (``risks.Considered``); then the risk
readers (risk_model: the adapted small encoder and the n-grams, weighed with the rules' reading;
risk_probe: the larger reader, asked where those two leave a sentence in doubt) decide every
sentence the rules did not rule out, and the assessment reader (assessment_model) what they leave.
Apart from the extractor so that the training scripts (bench/train_risk_model.py,
bench/train_assessments.py) share its choice of sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.plugins.analysis.extract.assessment_model import assessment_model
from briefing.plugins.analysis.extract.risk_model import risk_model, signals
from briefing.plugins.analysis.extract.risk_probe import risk_probe

if TYPE_CHECKING:
    from briefing.plugins.analysis.extract.risks import Considered


def second_opinion(read: list[Considered], larger: bool = True) -> None:
    """The learned say (see risk_model): every sentence that is a rule risk or that the rules pass
    over is weighed by the combination of the two readers and the rules' reading, and is a risk
    when its probability reaches the combination's threshold. So a rule risk can be dropped (one
    resting on a noun of risk alone most readily: cyber news names "the vulnerability" as a topic
    as often as a risk) and a sentence no rule reads can be added. Assessments stay the rules', and
    so does a sentence whose words of risk the rules ruled out ("when the situation posed a
    threat": the past; "could be heard": ability): the models read a sentence's subject well and
    its tense and modality less so. A sentence the two readers leave in doubt is decided with a
    third, larger one beside them (risk_probe), unless ``larger`` is off. Every sentence weighed
    keeps its probability (``p``), a risk's confidence and the ranking's measure of how sure the
    extractor is (assemble.risk_rank)."""
    model = risk_model()
    assert model.ngrams is not None and model.combination is not None  # risk_model() checks both
    weighed = [c for c in read if weighed_by_models(c.kind, c.ruled_out)]
    texts = [c.sentence.text for c in weighed]
    read_as: list[list[float]] = []
    for c, p, q in zip(weighed, model.probabilities(texts), model.ngrams.logits(texts), strict=True):
        read_as.append(signals(p, q, c.kind == "risk", c.named_only, c.past, c.harm, c.found is not None))
        c.p = model.combination.probability(read_as[-1])
        c.kind = "risk" if c.p >= model.combination.threshold else None
    if not larger:
        return
    # the sentences the two readers leave in doubt are read a third time (risk_probe)
    probe = risk_probe()
    doubted = [i for i, c in enumerate(weighed) if c.p is not None and probe.in_doubt(c.p)]
    for i, third in zip(doubted, probe.logits([texts[i] for i in doubted]), strict=True):
        c = weighed[i]
        c.p = probe.combination.probability([*read_as[i], third])
        c.kind = "risk" if c.p >= probe.combination.threshold else None


def assessments_weighed(read: list[Considered]) -> None:
    """The learned say on assessments (see assessment_model), after the one on risks: every sentence
    that is no risk and that the rules did not rule out is an assessment when the assessment
    combination's probability reaches its threshold, the rules' own assessments included, but for
    those on the yardstick (``Considered.yardstick``). A risk stays a risk."""
    model = assessment_model()
    asked = [c for c in read if assessed_by_model(c.kind, c.ruled_out) and not c.yardstick]
    rule = [c.kind == "assessment" for c in asked]
    for c, p in zip(asked, model.probabilities([c.sentence.text for c in asked], rule,
                                               [c.found is not None for c in asked],
                                               [c.past for c in asked]), strict=True):
        c.kind = "assessment" if p >= model.combination.threshold else None


def assessed_by_model(kind: str | None, ruled_out: bool) -> bool:
    """Whether the assessment model decides this sentence (after the risk models): not a risk, and
    not one whose words of risk the rules ruled out unless the rules call it an assessment. Shared
    with bench/train_assessments.py."""
    return kind != "risk" and (kind == "assessment" or not ruled_out)


def weighed_by_models(kind: str | None, ruled_out: bool) -> bool:
    """Whether the models' say decides this sentence (see second_opinion): not an assessment, not
    a sentence whose words of risk the rules ruled out. Shared with bench/train_risk_model.py, which
    fits and scores the combination on the same sentences."""
    return kind != "assessment" and not ruled_out
