"""One grounded request: render the prompt, ask the model (or the cache), check every point.

Shared by the summariser and the bot's answerer, so both keep only what their cited sentences
say and report the rest the same way, quoting each point that was dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from briefing import Briefing, BriefingError, Evidence, Mention, RunContext, make_article
from briefing.plugins.llm.calling import Reply, ask
from briefing.plugins.llm.evidence import Group, Numbered, by_number
from briefing.plugins.llm.settings import ModelOptions
from briefing.plugins.llm.verify import Checked, Claim, alias_groups, check, parse_claims

ANALYSER_NEEDS = frozenset({"sentences", "entities", "tags", "syntax"})


class GroundingError(BriefingError):
    """A point the model wrote that its cited sentences do not bear out, or a reply not used."""


@dataclass
class Outcome:
    reply: Reply
    kept: list[Checked] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # one message per dropped point, quoting it


def render_prompt(context: RunContext, template: str, **variables: Any) -> str:
    import jinja2

    try:
        return str(context.environment().get_template(template).render(**variables))
    except jinja2.TemplateError as error:
        where = getattr(error, "lineno", None)
        raise BriefingError(f"template {template}{f':{where}' if where else ''}: {error}") from None


def ask_grounded(options: ModelOptions, context: RunContext, groups: list[Group],
                 briefings: Sequence[Briefing], **variables: Any) -> Outcome:
    """Ask once and check each point; raises when the reply as a whole cannot be used."""
    prompt = render_prompt(context, options.template, groups=groups, **variables)
    reply = ask(options, prompt, context.store)
    claims = parse_claims(reply.text)
    outcome = Outcome(reply)
    good = [claim for claim in claims if isinstance(claim, Claim)]
    outcome.dropped += [f"model {options.model!r}: dropped a point: {claim}"
                        for claim in claims if isinstance(claim, str)]
    found = mentions(context, options.analyser, [claim.text for claim in good])
    shown = by_number(groups)
    aliases = alias_groups(briefings)
    for claim, its_mentions in zip(good, found, strict=True):
        checked = check(claim, shown, its_mentions, aliases, options.min_overlap)
        if checked.problem is None:
            outcome.kept.append(checked)
        else:
            outcome.dropped.append(f"model {options.model!r}: dropped {claim.text!r}: it "
                                   f"{checked.problem}")
    return outcome


def mentions(context: RunContext, analyser_name: str, texts: list[str]) -> list[tuple[Mention, ...]]:
    """The entity mentions in each text, found by the named analyser (its model loads once)."""
    if not texts:
        return []
    analyser = context.create("analyser", analyser_name)
    analyser.require(ANALYSER_NEEDS)
    return [analysed.mentions for analysed in analyser.analyse(make_article(text) for text in texts)]


def evidence_of(sources: Sequence[Numbered]) -> tuple[Evidence, ...]:
    seen: dict[tuple[str, int], Evidence] = {}
    for source in sources:
        key = (source.article.id, source.sentence.index)
        seen.setdefault(key, Evidence(source.article.id, source.sentence.index, source.sentence.text))
    return tuple(seen.values())


def as_sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?\"'”’)" else text + "."
