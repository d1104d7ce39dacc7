"""The bot's answers from a model: ``answer_question`` when ``llm: {answerer: ...}`` is configured.

The model sees the sentences of the latest briefings that share most words with the question
(evidence.py) and answers with JSON points that cite them; each point is checked like a summary's
bullet (verify.py). Points that fail are left out and reported; when none holds, or the model
cannot be asked, the hook returns None and the bot answers from its own sentence search.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from briefing import Answer, Briefing, RunContext, Summary
from briefing.plugins.llm.evidence import for_question
from briefing.plugins.llm.grounded import GroundingError, as_sentence, ask_grounded, evidence_of
from briefing.plugins.llm.settings import LLMSection
from briefing.plugins.llm.summariser import describe

log = logging.getLogger(__name__)


def answer_question(question: str, briefings: Sequence[Briefing], context: RunContext) -> Answer | None:
    section = context.sections.get("llm")
    if not isinstance(section, LLMSection) or section.answerer is None or not question.strip():
        return None
    options = section.answerer
    groups = for_question(question, briefings, options.token_budget)
    if not groups:
        return None
    try:
        outcome = ask_grounded(options, context, groups, briefings, question=question,
                               max_points=options.max_points)
    except Exception as error:  # the bot falls back to its own answer; say why in the log
        context.report(GroundingError(describe(error, options.model) + "; answered by search instead"))
        return None
    for message in outcome.dropped:
        context.report(GroundingError(message))
    kept = outcome.kept[: options.max_points]
    if not kept:
        return None
    points = tuple(Summary(as_sentence(p.claim.text), evidence_of(p.sources)) for p in kept)
    left_out = len(outcome.dropped)
    notes = (f"{left_out} more point{'s' if left_out > 1 else ''} the model wrote "
             f"{'were' if left_out > 1 else 'was'} left out: the sentences cited do not say "
             f"{'them' if left_out > 1 else 'it'}.",) if left_out else ()
    return Answer(points, by=outcome.reply.model, notes=notes)
