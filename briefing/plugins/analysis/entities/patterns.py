"""Name spans the small spaCy model misses or cuts, and names that are not actors or places.

Used by entities.spans before its trimming and by entities.labels. All rules are general English name
shapes; none names an entity.

- Organisations by head noun: a run of capitalised words ending in a generic organisation noun
  ("... Security Forces", "... Defence Ministry"), or such a noun followed by "of (the) <Name>"
  ("Army of the <Name>", "Ministry of <Name>"), is one organisation name, even where the model
  found nothing or only pieces of it.
- An organisation name continued by "and (the) <Name>" when the acronym written right after it
  spells the whole ("<A> State of <B> and the <C> (ASBC)"): the acronym is the writer's own
  statement of where the name ends.
- Not actors or places: events, prizes, operations, laws and campaigns ("Battle of X",
  "X Awards", "Operation X", "X Act"), which the CoNLL and re3d guidelines both leave out of
  person/organisation/location (MISC, or not annotated), and vehicle or weapon model codes
  ("F-16 ...", "T-72").
"""

from __future__ import annotations

import re

from briefing.plugins.analysis.nlp.token_table import PlainTokens

# Generic head nouns of organisation names (English usage; no particular organisation).
ORG_WORDS = {
    "agency", "airlines", "army", "assembly", "association", "authority", "bank", "board", "brigade",
    "bureau", "cabinet", "church", "club", "coalition", "college", "commission", "committee",
    "company", "congress", "corp", "corporation", "council", "court", "department", "directorate",
    "federation", "force", "forces", "foundation", "front", "fund", "group", "guard", "inc",
    "institute", "journal", "league", "ltd", "ministry", "movement", "navy", "news", "office",
    "organisation", "organization", "parliament", "party", "police", "post", "press", "regiment",
    "school", "senate", "service", "services", "society", "times", "tribune", "union", "university",
}
# Event, prize, law and operation names (news style guides' lists of capitalised events and
# titles), by their first or last word.
_EVENT_FIRST = {"battle", "siege", "operation", "treaty", "campaign", "war", "invasion",
                "massacre", "festival", "tour", "summit"}
_EVENT_LAST = {"award", "awards", "prize", "prizes", "trophy", "cup", "championship", "championships",
               "festival", "campaign", "war", "offensive", "olympics", "games", "act", "treaty",
               "accord", "accords", "agreement", "protocol", "doctrine", "revolution", "uprising",
               "massacre", "tour", "summit", "marathon", "election", "elections", "convention"}
_MODEL_CODE = re.compile(r"^[A-Z]{1,4}-\d+[A-Za-z]*$|^[A-Z]{1,3}\d+[A-Z]?$")
_BRIDGE = {"of", "the", "and", "for", "&"}


def _initials(name: str) -> str:
    words = [w for w in re.findall(r"[\w'-]+", name) if w.casefold() not in _BRIDGE]
    return "".join(w[0] for w in words).casefold()


def is_misc_name(text: str) -> bool:
    """An event, prize, law, operation or model code rather than a person, organisation or place."""
    words = re.findall(r"[\w'-]+", text)
    if not words:
        return False
    lower = [w.casefold() for w in words]
    if len(words) > 1 and (lower[0] in _EVENT_FIRST or lower[-1] in _EVENT_LAST):
        return True
    return bool(_MODEL_CODE.match(words[0])) and any(ch.isdigit() for ch in words[0])


def org_runs(v: PlainTokens) -> list[tuple[int, int]]:
    """(first, last) token ranges of capitalised runs that name an organisation by its head noun."""
    found = []
    caps, lower = v.caps, v.lower
    n = len(v)
    i = 0
    while i < n:
        if not caps[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and "\n" not in v.ws[j] and (
                caps[j + 1] or (lower[j + 1] in _BRIDGE and j + 2 < n
                                and (caps[j + 2] or lower[j + 2] == "the"))):
            j += 1
        for a, b in _pieces(v, i, j):
            span = _org_part(v, a, b)
            if span:
                found.append(span)
        i = j + 1
    return found


def _pieces(v: PlainTokens, i: int, j: int) -> list[tuple[int, int]]:
    """Split a run at "and" that comes before any "of": "<A> and <B> Navy" names two bodies,
    "Department of <A> and <B>" one."""
    pieces = []
    start = i
    seen_of = False
    for k in range(i, j + 1):
        seen_of = seen_of or v.lower[k] == "of"
        if v.lower[k] == "and" and not seen_of:
            pieces.append((start, k - 1))
            start = k + 1
    pieces.append((start, j))
    return pieces


def _org_part(v: PlainTokens, i: int, j: int) -> tuple[int, int] | None:
    lower = v.lower
    while i <= j and (lower[i] in _BRIDGE or (v.sent_start[i] and v.pos[i] != "PROPN"
                                              and lower[i] not in ORG_WORDS)):
        i += 1
    while j >= i and lower[j] in _BRIDGE:
        j -= 1
    words = lower[i: j + 1]
    if len(words) < 2 or not all(t.isalpha() or t in {"&", "-", "."} or t.istitle()
                                 for t in v.text[i: j + 1]):
        return None
    if words[-1] in ORG_WORDS:
        # "<Title> of the <Name> University": the name starts after an "of" that no
        # organisation noun governs.
        cuts = [k for k, w in enumerate(words) if w == "of" and (k == 0 or words[k - 1] not in ORG_WORDS)]
        if cuts:
            k = cuts[-1] + 1
            while k < len(words) and words[k] in _BRIDGE:
                k += 1
            return (i + k, j) if len(words) - k >= 2 else None
        return i, j
    if "of" in words:
        k = words.index("of")
        if k > 0 and words[k - 1] in ORG_WORDS and k + 1 < len(words):
            return i, j
    return None


def acronym_extension(v: PlainTokens, first: int, last: int) -> int:
    """``last`` moved over "and (the) <Name>" when an acronym spells the whole: the one bracketed
    right after it, or one the article uses elsewhere (``v.acronyms``), as in a report that writes
    "<A> of <B> and the <C>" once and "ABC" everywhere else."""
    n = len(v)
    k = last + 1
    if k >= n or v.lower[k] != "and":
        return last
    k += 1
    if k < n and v.lower[k] == "the":
        k += 1
    end = k
    while end < n and v.caps[end]:
        end += 1
    if end == k:
        return last
    spelled = _initials(v.span_text(first, end))
    if len(spelled) >= 3 and spelled in v.acronyms:
        return end - 1
    if end + 2 >= n or v.text[end] != "(" or v.text[end + 2] != ")":
        return last
    acronym = v.text[end + 1].replace(".", "").casefold()
    return end - 1 if len(acronym) >= 3 and spelled == acronym else last


_DASHES = {"-", "–", "—", "--"}
_SUFFIXES = {"inc", "ltd", "llc", "corp", "co", "plc", "llp", "lp", "sa", "ag", "gmbh", "nv", "bv"}


def split_span(v: PlainTokens, first: int, last: int, label: str) -> list[tuple[int, int]]:
    """Pieces of a span the model ran over a separator: a spaced dash ("A - B") outside
    organisation names, a comma in a place name ("Town, Region" names two places), a comma in an
    organisation name unless a company suffix follows ("Acme, Inc.")."""
    pieces = []
    start = first
    for k in range(first, last + 1):
        text = v.text[k]
        spaced_dash = (label != "ORG" and text in _DASHES and k > first
                       and bool(v.ws[k - 1]) and bool(v.ws[k]))
        after = v.lower[k + 1].rstrip(".") if k + 1 < len(v) else ""
        comma = text == "," and (label in {"GPE", "LOC"} or (label == "ORG" and after not in _SUFFIXES))
        if spaced_dash or comma:
            if start <= k - 1:
                pieces.append((start, k - 1))
            start = k + 1
    if start <= last:
        pieces.append((start, last))
    return pieces
