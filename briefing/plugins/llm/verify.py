"""Checking what a model wrote against the sentences it cites, before any of it is kept.

A reply must be JSON with a list of points (``{"bullets": [{"text": ..., "cites": [3, 5]}]}``).
Each point is kept only if every id it cites was shown to the model, and every number, date and
name in it is stated by the sentences it cites: numbers by value (numbers.py), dates and names as
words (spaCy finds them through the briefing's analyser), where any alias of one stakeholder or
place stands for the others. Last, most of its content words must be in those sentences
(``min_overlap``), which catches a claim made up without a single name or number in it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing import Briefing, BriefingError, Mention, Place, Stakeholder
from briefing.plugins.llm.evidence import Numbered
from briefing.plugins.llm.numbers import unsupported
from briefing.plugins.llm.words import overlap, words

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                         "WORK_OF_ART", "LAW"})
DATE_LABELS = frozenset({"DATE", "TIME"})
_CALENDAR = """january february march april may june july august september october november
december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
friday saturday sunday yesterday today tomorrow tonight"""
CALENDAR = frozenset(_CALENDAR.split())
# The words of a date that say when (a count of years is left to the number check).
_WHEN = """week weekend fortnight month year decade century morning afternoon evening night noon
midnight dawn last next this previous coming ago spring summer autumn fall winter christmas easter"""
WHEN = CALENDAR | frozenset(_WHEN.split())
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’]*")
_NOT_NAMES = frozenset({"i", "mr", "mrs", "ms", "dr", "sir", "dame", "prof", "st"}) | CALENDAR
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.IGNORECASE)
_DASHES = re.compile(r"[-‐‑‒–—]")
# Words before a name that are not part of it ("some African Union delegates").
_DETERMINER = re.compile(r"^(?:(?:the|a|an|some|many|several|this|that|these|those|all|both)\s+)+")


class UnusableReply(BriefingError):
    """The reply as a whole cannot be used: not JSON, or no list of points."""


@dataclass(frozen=True)
class Claim:
    text: str
    cites: tuple[int, ...]


@dataclass(frozen=True)
class Checked:
    claim: Claim
    sources: tuple[Numbered, ...]
    problem: str | None  # why it was dropped; None when it holds


def parse_claims(reply: str) -> list[Claim | str]:
    """The reply's points; a point that is not a text with ids comes back as a description."""
    data = _json(reply)
    items = data.get("bullets", data.get("points")) if isinstance(data, dict) else data
    if not isinstance(items, list):
        keys = ", ".join(map(repr, data)) if isinstance(data, dict) else type(data).__name__
        raise UnusableReply(f"the reply has no 'bullets' list (it has {keys or 'nothing'})")
    claims: list[Claim | str] = []
    for item in items:
        text = item.get("text") if isinstance(item, dict) else None
        cites = item.get("cites") if isinstance(item, dict) else None
        ids = _ids(cites)
        if not isinstance(text, str) or not text.strip() or ids is None:
            claims.append(f"not a point with 'text' and 'cites': {json.dumps(item)[:120]}")
        else:
            claims.append(Claim(" ".join(text.split()), ids))
    return claims


def _json(reply: str) -> object:
    text = _FENCE.sub("", reply.strip())
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        try:
            return json.loads(text[start:end + 1])
        except json.JSONDecodeError:
            pass
    shown = " ".join(reply.split())[:80]
    raise UnusableReply(f"the reply is not JSON: {shown!r}")


def _ids(cites: object) -> tuple[int, ...] | None:
    if isinstance(cites, (int, str)):
        cites = [cites]
    if not isinstance(cites, list):
        return None
    ids = []
    for cite in cites:
        if isinstance(cite, int) and not isinstance(cite, bool):
            ids.append(cite)
        elif isinstance(cite, str) and re.fullmatch(r"\s*\[?[A-Za-z]?(\d+)\]?\s*", cite):
            ids.append(int(re.sub(r"\D", "", cite)))
        else:
            return None
    return tuple(ids)


def alias_groups(briefings: Iterable[Briefing]) -> list[frozenset[str]]:
    """Each stakeholder's and place's names, normalised: any one stands for the others."""
    groups = []
    for briefing in briefings:
        named: list[Stakeholder | Place] = [*briefing.stakeholders, *briefing.places]
        for item in named:
            names = {normal(n) for n in (item.name, *item.aliases)} - {""}
            if len(names) > 1:
                groups.append(frozenset(names))
    return groups


def normal(name: str) -> str:
    text = _DASHES.sub(" ", name.replace("’", "'")).casefold()
    text = _DETERMINER.sub("", text.strip())
    text = re.sub(r"'s?$", "", text.rstrip(".,;:!?\"'“”‘ ").strip())
    return " ".join(text.split())


def _holds(haystack: str, phrase: str) -> bool:
    return bool(phrase) and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", haystack) is not None


def check(claim: Claim, shown: dict[int, Numbered], mentions: Sequence[Mention],
          aliases: Sequence[frozenset[str]], min_overlap: float) -> Checked:
    """Whether one point holds against the sentences it cites, and if not, why."""
    missing = [i for i in claim.cites if i not in shown]
    if not claim.cites:
        return Checked(claim, (), "cites no sentence")
    if missing:
        return Checked(claim, (), f"cites sentence {', '.join(map(str, missing))}, which it was "
                                  "not given")
    sources = tuple(shown[i] for i in dict.fromkeys(claim.cites))
    cited = " ".join(s.sentence.text for s in sources)
    ids = "[" + ", ".join(str(s.number) for s in sources) + "]"
    numbers = unsupported(claim.text, cited)
    if numbers:
        return Checked(claim, sources, f"says {_listed(numbers)}, which the sentences it cites "
                                       f"{ids} do not")
    flat = normal(cited)
    cited_words = set(words(cited))
    for mention in mentions:
        if mention.label in NAME_LABELS and not _name_holds(mention.text, flat, aliases):
            return Checked(claim, sources, f"names {mention.text!r}, which the sentences it cites "
                                           f"{ids} do not")
        if mention.label in DATE_LABELS:
            absent = [w for w in words(mention.text) if w in WHEN and w not in cited_words]
            if absent:
                return Checked(claim, sources, f"dates it {mention.text!r}, which the sentences "
                                               f"it cites {ids} do not")
    allowed = cited_words | {w for group in aliases if any(_holds(flat, n) for n in group)
                             for name in group for w in name.split()}
    unnamed = [w for w in capitalised(claim.text) if w.lower() not in allowed]
    if unnamed:
        return Checked(claim, sources, f"names {unnamed[0]!r}, which the sentences it cites {ids} "
                                       "do not")
    calendar = [w for w in words(claim.text) if w in CALENDAR and w not in cited_words
                and not (w == "may" and "May" not in claim.text)]
    if calendar:
        return Checked(claim, sources, f"dates it {calendar[0]!r}, which the sentences it cites "
                                       f"{ids} do not")
    share = overlap(claim.text, cited)
    if share < min_overlap:
        return Checked(claim, sources, f"shares only {share:.0%} of its words with the sentences "
                                       f"it cites {ids}")
    return Checked(claim, sources, None)


def _name_holds(name: str, cited: str, aliases: Sequence[frozenset[str]]) -> bool:
    """The name, or the same words with each alias written as the cited sentences write it
    ("Jim Culloty's stable" holds where they say "Culloty's stable")."""
    wanted = normal(name)
    if not wanted or _holds(cited, wanted):
        return True
    for group in aliases:
        present = [other for other in group if _holds(cited, other)]
        if not present:
            continue
        for alias in sorted(group, key=len, reverse=True):
            if _holds(wanted, alias):
                wanted = re.sub(rf"(?<!\w){re.escape(alias)}(?!\w)", present[0], wanted)
                break
    return _holds(cited, normal(wanted))


def capitalised(text: str) -> list[str]:
    """Capitalised words inside a sentence: names the entity recogniser may have missed. The
    first word of a sentence or quotation, after a colon, honorifics and calendar words are not."""
    found = []
    for match in _CAPITALISED.finditer(text):
        before = text[: match.start()].rstrip()
        if not before or before[-1] in ".!?:;\"'“‘(—–-" or match.group().lower() in _NOT_NAMES:
            continue
        word = re.split(r"['’]", match.group())[0]  # Leeds' goal, I've, Moores’ position
        if word.lower() not in _NOT_NAMES:
            found.append(word)
    return found


def _listed(values: list[str]) -> str:
    return ", ".join(repr(v) for v in values[:3])
