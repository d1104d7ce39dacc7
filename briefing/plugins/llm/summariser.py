"""Summariser ``llm``: bullets written by a language model, each kept only if its sources say it.

The model sees the briefing's sentences, numbered (evidence.py), and answers with JSON bullets
that cite them. Every bullet is checked (verify.py); one that fails is dropped and reported as a
failure of this summariser that quotes it. The kept bullets become the summary, with the cited
sentences as its evidence, so the core's provenance check holds for them as for any summary. When
nothing can be kept (no model, no answer in time, a reply that is not JSON, every bullet
dropped) the extractive summariser named by ``fallback`` writes the summary instead, and the
failure says so: the briefing always comes out.
"""

from __future__ import annotations

from pathlib import Path

from briefing import Briefing, BriefingError, RunContext, Summariser, Summary
from briefing.plugins.llm.evidence import for_summary
from briefing.plugins.llm.grounded import GroundingError, as_sentence, ask_grounded, evidence_of
from briefing.plugins.llm.settings import SummariserOptions


class LLMSummariser(Summariser[SummariserOptions]):
    options_class = SummariserOptions
    per_story = False  # one call per briefing: the prompt itself goes story by story

    def summarise(self, briefing: Briefing) -> Summary | None:
        context = self.context or RunContext(briefing.name, briefing.generated_at, Path.cwd())
        options = self.options
        groups = for_summary(briefing, options.token_budget)
        if not groups:
            return self._fallback(briefing, context, "the briefing has no sentences to show a model")
        try:
            outcome = ask_grounded(options, context, groups, [briefing], briefing=briefing,
                                   max_bullets=options.max_bullets)
        except Exception as error:  # any failure to get usable bullets falls back, reported
            return self._fallback(briefing, context, describe(error, options.model))
        for message in outcome.dropped:
            context.report(GroundingError(message))
        kept = outcome.kept[: options.max_bullets]
        if not kept:
            return self._fallback(briefing, context, f"model {options.model!r}: no bullet held "
                                                     "against the sentences it cites")
        text = " ".join(as_sentence(point.claim.text) for point in kept)
        return Summary(text, evidence_of([source for point in kept for source in point.sources]))

    def _fallback(self, briefing: Briefing, context: RunContext, why: str) -> Summary | None:
        name = self.options.fallback
        context.report(GroundingError(f"{why}; the extractive summary ({name}) is used instead"))
        fallback = context.create("summariser", name)
        fallback.context = context
        summary: Summary | None = fallback.summarise(briefing)
        return summary


def describe(error: Exception, model: str) -> str:
    """One line naming the model: why its reply could not be used."""
    detail = str(error) if isinstance(error, BriefingError) else f"{type(error).__name__}: {error}"
    return detail if detail.startswith("model ") else f"model {model!r}: {detail}"
