"""Roles stated next to a name: titles before it and appositions after it.

Two patterns cover most of what news writing does:
- a title phrase right before the name: "Finance Minister Jane Doe", "club captain John Roe",
  "according to agency spokesperson Ann Lee", "analyst of the state news agency 'Example' Bo Li"
  (a noun phrase of nouns, adjectives and names, possibly joined by "of/for/at the");
- an apposition right after it: "Jane Doe, a veteran economist, said" or "John Roe, head of
  research at Acme." (a comma, an optional article, then a noun phrase that is not the subject of
  a following verb, headed by a word for a person or a body: entities.role_heads).
A role must contain a common noun or a title word that is not itself part of a name, so that a
list of names ("Paris, London") or a bare name before a name is never taken for a role.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from briefing.plugins.analysis.entities.mention import PERSON_TITLES, is_honorific
from briefing.plugins.analysis.entities.role_heads import is_role_head, person_noun

_NOUNISH = {"NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "HYPH", "CD"}
_BRIDGE = {"of", "for", "at", "the", "to", "on", "in"}
_QUOTES = {"'", "’", "‘", '"', "“", "”"}
_NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Nouns that say only that someone is a person: alone before a name they open a relative clause
# ("the kind of person X wants at his side"), not a title.
_ANYONE = {"person", "man", "woman", "guy", "people", "one", "someone", "individual"}
# Nouns of time that end a clause's time adverbial right before its subject ("by the time X
# arrived", "at the moment X is abroad"): a phrase ending in one is when, not who.
_TIME_NOUNS = {"time", "times", "moment", "day", "days", "week", "weeks", "month", "months", "year",
               "years", "night", "morning", "afternoon", "evening", "hour", "hours", "minute", "point"}


def _is_title_token(token: Any) -> bool:
    if token.ent_type_ and token.ent_type_ not in _NAME_TYPES and token.lower_ not in PERSON_TITLES:
        return False  # a title word the model swept into a title of a work ("<Place> Governor") stays one
    return token.tag_ in _NOUNISH or bool(token.ent_type_) or token.text in _QUOTES


def _has_role_word(tokens: list[Any]) -> bool:
    """A common noun, or a capitalised title word outside any entity ("President")."""
    return any(t.tag_ in {"NN", "NNS", "NNP", "NNPS"} and (not t.ent_type_ or t.lower_ in PERSON_TITLES)
               for t in tokens)


def _clean(tokens: list[Any]) -> list[Any]:
    while tokens and (tokens[0].text.lower() in _BRIDGE or tokens[0].tag_ in {"DT", "HYPH"}
                      or tokens[0].text in _QUOTES):
        tokens = tokens[1:]
    while tokens and (tokens[-1].text.lower() in _BRIDGE or tokens[-1].tag_ in {"DT", "POS", "HYPH", ","}):
        tokens = tokens[:-1]
    return tokens


def _span_text(doc: Any, tokens: list[Any]) -> str:
    if not tokens:
        return ""
    end = tokens[-1].i + 1
    if end < len(doc) and doc[end].text in _QUOTES and sum(t.text in _QUOTES for t in tokens) % 2:
        end += 1  # keep the closing mark of a quoted name: agency 'Example'
    text = doc[tokens[0].i: end].text
    if text.count("'") % 2 or text.count("’") + text.count("‘") == 1:
        text = text.strip("'’‘ ")
    return " ".join(text.split())


def title_before(doc: Any, first: int, limit: int = 14, bridges: bool = True) -> str | None:
    """The title phrase right before the token ``first`` (the first token of a name).

    ``bridges`` is True for a person. Without it the phrase stops at "of"/"for"/...: an
    organisation's own description ("state news agency Example") never reaches back to the person
    it employs. The phrase's head must be a word for a person (or for a body): entities.role_heads.
    """
    if first > 0 and is_honorific(doc[first - 1].text):
        # "Mr X" is how X is addressed; the words before it ("the position Mr X has carved")
        # are not X's title.
        return None
    sent_start = doc[first].sent.start
    taken: list[Any] = []
    i = first - 1
    while i >= max(sent_start, first - limit):
        token = doc[i]
        if token.ent_type_ == "PERSON" or "\n" in token.whitespace_ or "\n" in token.text:
            break
        if _is_title_token(token) or (bridges and token.text.lower() in _BRIDGE and taken):
            taken.insert(0, token)
            i -= 1
            continue
        break
    taken = _clean(taken)
    if not taken or not _has_role_word(taken):
        return None
    if taken[-1].text.lower() in _BRIDGE or taken[-1].lower_ in _TIME_NOUNS:
        return None
    taken = _capitalised_title(_after_open_quotation(_own_title(taken)))
    if not taken or not is_role_head(taken, person=bridges):
        return None  # "a concrete result Obama said", "nerve agent use WHO": no title
    if len(taken) == 1 and taken[0].lower_ in _ANYONE:
        return None  # "the person X is most comfortable with": a relative clause, no title
    return _span_text(doc, taken) or None


def _after_open_quotation(taken: list[Any]) -> list[Any]:
    """The phrase after a closing quotation mark whose opening mark lies before the phrase:
    'it "killed five people" observatory chief X' gives "observatory chief". A mark closes when
    it is glued to the word before it, and opens when a space comes before it."""
    if not taken:
        return taken
    doc = taken[0].doc
    opened = 0
    cut = 0
    for k, token in enumerate(taken):
        if token.text not in _QUOTES:
            continue
        glued = token.i > 0 and not doc[token.i - 1].whitespace_
        if not glued:
            opened += 1
        elif opened:
            opened -= 1
        else:
            cut = k + 1
    return _clean(taken[cut:]) if cut else taken


def _own_title(taken: list[Any]) -> list[Any]:
    """The part of a title phrase that is the person's own title. When a title word or a noun for
    a person stands right before the name and a preposition comes before it, the words before the
    preposition describe someone else: "forces loyal to President X", "the government of President
    X" give "President", "appointed presidential deputy for Egyptian leader X" gives "Egyptian
    leader". ("Minister of Defence X" ends in no such word and stays whole.)"""
    if taken[-1].lower_.rstrip(".") not in PERSON_TITLES and not person_noun(taken[-1]):
        return taken
    bridges = [k for k, t in enumerate(taken) if t.lower_ in _BRIDGE and t.lower_ != "the"]
    return _clean(taken[bridges[-1] + 1:]) if bridges else taken


# Lower-case words that are part of a capitalised title: "former President", "then-President",
# "deputy Prime Minister".
_TITLE_MODIFIERS = {"former", "acting", "deputy", "vice", "interim", "then", "ex", "outgoing",
                    "incoming", "current", "late", "sitting", "retired", "founding", "elected", "-"}


def _capitalised_title(taken: list[Any]) -> list[Any]:
    """A capitalised title word ("President") is its title with the capitalised words before it
    ("US President", "Senate Majority Leader") and the few lower-case words a title takes
    ("former", "deputy"); other lower-case words before them belong to the sentence, run into
    the name in scraped text: "oil spill damage President Obama", "personal use President X"."""
    if not taken or not taken[-1].text[:1].isupper() or taken[-1].lower_.rstrip(".") not in PERSON_TITLES:
        return taken
    start = len(taken) - 1
    while start > 0:
        before = taken[start - 1]
        if not (before.text[:1].isupper() or before.lower_ in _TITLE_MODIFIERS):
            break
        start -= 1
    return _clean(taken[start:])


def apposition_after(doc: Any, last: int, limit: int = 14) -> str | None:
    """The apposition after the token ``last`` (the last token of a name): ", a/the NOUN PHRASE"."""
    if last + 2 >= len(doc) or doc[last + 1].text != ",":
        return None
    sent_end = doc[last].sent.end
    i = last + 2
    if doc[i].lower_ in {"a", "an", "the"}:
        i += 1
    elif not doc[i].text[:1].islower() and doc[i].ent_type_ not in {"", "NORP"}:
        return None
    taken: list[Any] = []
    while i < min(sent_end, last + 2 + limit):
        token = doc[i]
        if token.ent_type_ == "PERSON":
            return None
        if _is_title_token(token) or (token.text.lower() in _BRIDGE and taken):
            taken.append(token)
            i += 1
            continue
        break
    stop = doc[i] if i < len(doc) else None
    if stop is not None and (stop.pos_ in {"VERB", "AUX"} or stop.lower_ in {"and", "or"}):
        return None
    taken = _clean(taken)
    if not taken or not any(t.tag_ in {"NN", "NNS"} and not t.ent_type_ for t in taken):
        return None
    if not (is_role_head(taken, person=True) or is_role_head(taken, person=False)):
        return None  # "defeated fear, the fear of Mubarak, the fear of the police": a list, no role
    return _span_text(doc, taken) or None


def roles_for(doc: Any, first: int, last: int, person: bool = True) -> list[str]:
    roles = [title_before(doc, first, bridges=person), apposition_after(doc, last)]
    return [r for r in roles if r]


def distinct_roles(roles: Iterable[str]) -> tuple[str, ...]:
    """One role per spelling whatever its case ("Observatory head", "observatory head"), in the
    order first seen and as first written."""
    spellings: dict[str, str] = {}
    for role in roles:
        spellings.setdefault(role.casefold(), role)
    return tuple(spellings.values())
