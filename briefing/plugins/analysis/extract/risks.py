"""Extractor ``risks``: sentences that state a risk, with likelihood, severity, actors and source.

This module runs over an article and builds the items; the rules' reading of one sentence is in
risk_judgement, and the learned second opinion in risk_learned (its readers in risk_model,
risk_ngrams, risk_probe and assessment_model).

A sentence states a risk when it

1. names one (a risk noun, verb or adjective: "threat", "warn", "danger", "vulnerable"), not
   negated ("no threat"), not told as past (see risk_tense: "the situation posed a threat" in a
   past clause is history, "has increased the risk" and "warned that X would" are not), not
   removed or only referred to (see risk_words), and not inside an estimate of the past, where
   the estimate decides ("may have stemmed from a vulnerability", "warned that passwords may have
   been intercepted": see risk_judgement);
2. or hedges a harm: a possibility cue ("could", "may", "risk of"; see estimative) together with a
   word of loss or harm ("loss", "attack", "collapse", "consequences");
3. or states a threat without a risk word: a harmful act planned, attempted, threatened, feared
   or foiled (see risk_threats), or a harm that someone faces or that will worsen ("face delay",
   "will get worse"; see risk_ongoing), or a fixed expression of risk ("puts the deal in doubt",
   "will not go unpunished", "no end in sight to the war"; see risk_idioms). A harm told as going
   on ("continues its assault", "under siege") is a report of the present, not a risk;
4. or carries a formal probability judgement on the PHIA yardstick ("highly likely", "almost
   certainly"): reported so the reader sees every stated likelihood, as ``kind="assessment"``
   when it judges the past, who did it, an attitude or a future without harm (see
   risk_modality), and so does a hedged harm that lies in the past ("may have been killed").
   "Could" of ability or perception ("could be heard") estimates nothing.

``likelihood`` is the estimative phrase as written, ``probability`` its PHIA range (None for a
hedge). ``severity`` is what the risk's own clause puts at stake (see risk_stakes; likelihood is
reported separately): high for lives or a state's territory and stability, medium for money and
order, low otherwise, a word of scale one step up. ``actors`` are the sentence's stakeholders by
the stakeholder extractor's own rules (people, organisations, states that act, groups such as
"Western diplomats"): never a bare
nationality adjective ("British") and never a place where something happens ("bases in X").
``speaker`` is who says so ("the ministry said", "according to X"), without an apposition
("X, an analyst" gives "X"); ``context`` is the statement a risk refers back to ("the risk to
these assets", see risk_context), with its own evidence; the actors are those named in the risk's
clause, so a speaker cut off with the attribution is not also an actor. ``text`` is that clause,
compacted (see compact); the evidence quotes the whole sentence. The word lists are general
English vocabulary of risk and harm (after the risk lexicon of risk-communication research, e.g.
the "risk" frame of FrameNet: Risky_situation, Warning, Run_risk), written out here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from briefing import AnalysedArticle, Evidence, Extractor, Risk
from briefing.plugins.analysis.entities.collective import group_mentions, mention_kind
from briefing.plugins.analysis.entities.mention import name_key
from briefing.plugins.analysis.entities.spans import candidates
from briefing.plugins.analysis.extract.estimative import Estimate
from briefing.plugins.analysis.extract.risk_context import context_sentence
from briefing.plugins.analysis.extract.risk_judgement import classify, judgement, speaks_of_harm
from briefing.plugins.analysis.extract.risk_learned import assessments_weighed, second_opinion
from briefing.plugins.analysis.extract.risk_modality import ability_modal
from briefing.plugins.analysis.extract.risk_stakes import severity
from briefing.plugins.analysis.extract.risk_tense import is_past, told_verb
from briefing.plugins.analysis.extract.risk_text import (
    compact,
    goes_on_not_said,
    has_verb,
    headline_run,
    speaker_name,
)
from briefing.plugins.analysis.extract.risk_words import is_risk_noun, risk_ruled_out
from briefing.plugins.analysis.nlp.attribution import Attribution, attribution, content_text
from briefing.plugins.text.words import words


@dataclass(frozen=True)
class RiskOptions:
    min_words: int = 5
    """Shorter sentences are not read as risks."""
    include_assessments: bool = True
    """Also count a sentence that states a likelihood on the yardstick ('highly likely to ...') without
    a word of harm."""
    model: bool = True
    """Ask the learned models (see risk_model and assessment_model) for a second opinion: they add
    risks and assessments the rules pass over and drop those of the rules they find unlikely. Off,
    the rules alone decide."""
    larger_reader: bool = True
    """With ``model``, read the sentences the two readers leave in doubt a third time, with the larger
    encoder (risk_probe): on fresh halves of general news, precision rose by 0.035 at the same recall
    with the probe of the untrained model, and by 0.044 more, for 0.049 of recall, with its top two
    layers adapted; about 0.14 s more an article on two cores and 440 MB of weights mapped. Off, the
    two decide."""


def actor_spans(analysed: AnalysedArticle) -> list[tuple[int, int, str]]:
    """(start, end, name) of every actor mention in the article, by the stakeholder rules."""
    doc = analysed.doc
    found = [(c.start, c.end, c.text) for c in candidates(analysed) if mention_kind(doc, c)]
    found += [(start, end, text) for text, start, end in group_mentions(analysed)]
    return sorted(found)


def actors(spans: list[tuple[int, int, str]], start: int, end: int) -> tuple[str, ...]:
    """Distinct actor names within [start, end), in order; a group name hides the names inside
    it only when they are the same mention."""
    inside = [(s, e, name) for s, e, name in spans if start <= s and e <= end]
    names: dict[str, str] = {}
    for s, e, name in inside:
        if any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in inside):
            continue  # "Russian" inside "Russian officials" is the same mention
        names.setdefault(name_key(name), re.sub(r"^[Tt]he\s+", "", name))
    return tuple(names.values())


def stake_tokens(region: Any) -> list[Any]:
    """The tokens that say what a risk puts at stake: its clause without the relative clauses and
    appositions that describe a participant ("the ministry, which reported an attack, warned ...")."""
    described = {t.i for token in region if token.dep_ in ("relcl", "appos") for t in token.subtree}
    return [token for token in region if token.i not in described]


@dataclass
class Considered:
    """A sentence read as a possible risk: the rules' estimate, kind and deciding cue."""

    sentence: Any
    span: Any
    found: tuple[Estimate, Any] | None
    kind: str | None
    cue: Any | None
    ruled_out: bool = False
    """The rules read words of risk or possibility here and found they state none: a risk word
    negated or told as past, or a "could" of ability with no other estimate."""
    named_only: bool = False
    """The rules' risk rests on a noun of risk alone, with no estimate ("the vulnerability resides
    in a Python module", "insider threats", "the threat landscape"): the noun names a topic as often
    as it states a risk, and the models overrule it more readily (see second_opinion)."""
    p: float | None = None
    """The probability that the sentence states a risk, as the models and the rules weighed
    together give it (risk_learned.second_opinion): the risk's ``confidence``."""

    @cached_property
    def harm(self) -> bool:
        """The sentence names a harm, a risk, a fear or a trouble in some use (risk_judgement's
        speaks_of_harm), one of the signals the models' say is weighed with (risk_learned.second_opinion): a
        "could" about what comes next reads to the models the same in a car review ("the car
        could just as easily be AWD") as in a war report."""
        return speaks_of_harm(self.span)

    @property
    def yardstick(self) -> bool:
        """The rules' assessment rests on a yardstick phrase ("almost certainly consider", "will
        highly likely seek to repair"): deliberate estimative language, which a briefing keeps as
        stated. The assessment model reads topic words as much as the judgement (it gives the
        first of those, in the seeds' sentence, 0.12), so it may add assessments and drop the
        rules' hedged ones, not these."""
        return self.kind == "assessment" and self.found is not None and self.found[0].probability is not None

    @property
    def past(self) -> bool:
        """What the sentence tells is told in the past (risk_tense.is_past of its told_verb): mostly
        a report of what happened. Under a verb of saying, the tense of what was said decides,
        not the "said". Out of fold on tuning rounds 7-14, the model's additions at p >= 0.9 were
        right 29 times and wrong 15 where a past "said" reports a clause not in the past, like
        the additions told in the present (185 and 87), and unlike those told in the past (34
        and 29)."""
        verb = told_verb(self.span.root)
        return bool(verb.pos_ in ("VERB", "AUX") and is_past(verb))


def said_before(seen: set[str], text: str) -> bool:
    """Whether an article already said this sentence word for word (wire copy runs its lead in
    twice, once under the headline). The briefing would merge the two risks anyway (assemble's
    merge_risks); reading the sentence once spares the model a second pass and keeps one sentence
    from counting twice where the extractor's own output is used: training and scoring the
    model. Records it as seen."""
    key = " ".join(words(text))
    if key in seen:
        return True
    seen.add(key)
    return False


def considered(analysed: AnalysedArticle, options: RiskOptions) -> list[Considered]:
    """Every sentence long enough, with a verb, not a question nor a run of headlines, nor said
    before in the article, with what the rules make of it (kind None: not a risk by the rules)."""
    doc = analysed.doc
    out = []
    seen: set[str] = set()
    for sentence in analysed.article.sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None or len(span) < options.min_words or sentence.text.rstrip().endswith("?") \
                or not has_verb(span) or headline_run(sentence.text) or said_before(seen, sentence.text):
            continue
        found = judgement(span)
        kind, cue = classify(span, found, options.include_assessments)
        ruled_out = kind is None and (risk_ruled_out(span) or (
            found is None and any(t.tag_ == "MD" and ability_modal(t) for t in span)))
        named_only = kind == "risk" and found is None and cue is not None and is_risk_noun(cue)
        out.append(Considered(sentence, span, found, kind, cue, ruled_out, named_only))
    return out


class RiskExtractor(Extractor[RiskOptions]):
    options_class = RiskOptions

    def extract(self, analysed: AnalysedArticle) -> Iterator[Risk]:
        doc = analysed.doc
        if doc is None:
            return
        article = analysed.article
        read = considered(analysed, self.options)
        if self.options.model:
            second_opinion(read, self.options.larger_reader)
            if self.options.include_assessments:
                assessments_weighed(read)
        spans: list[tuple[int, int, str]] | None = None
        for c in read:
            sentence, span, found, kind, cue = c.sentence, c.span, c.found, c.kind, c.cue
            if kind is None:
                continue
            if spans is None:
                spans = actor_spans(analysed)
            focus = cue.idx if cue is not None else found[1].idx if found else None
            said = attribution(span, focus) if not goes_on_not_said(span) else \
                Attribution(None, span.start_char, span.end_char)
            clause = content_text(span, said)
            if len(clause.split()) < 4:
                clause = sentence.text.strip()
            speaker = speaker_name(said.speaker)
            if speaker and not speaker.startswith("the ") and f"the {speaker}" in sentence.text:
                speaker = f"the {speaker}"   # as the sentence names it: "according to the MoD"
            # the actors of the risk are those in its clause; who says so is the speaker
            region = (said.content_start, said.content_end) if clause != sentence.text.strip() \
                else (span.start_char, span.end_char)
            involved = actors(spans, *region)
            evidence = [Evidence(article.id, sentence.index, sentence.text)]
            context = context_sentence(article, sentence, span)
            if context is not None:
                evidence.append(Evidence(article.id, context.index, context.text))
            yield Risk(
                text=compact(clause),
                evidence=tuple(evidence),
                likelihood=found[0].phrase if found else None,
                probability=found[0].probability if found else None,
                severity=severity(stake_tokens(doc.char_span(*region, alignment_mode="expand") or span)),
                actors=involved,
                speaker=speaker,
                context=context.text if context is not None else None,
                kind=kind,
                confidence=c.p if kind == "risk" else None,
            )
