"""Entity mentions from a spaCy parse, cleaned: the spans `candidates()` hands the extractors.

The small English model makes a few kinds of mistakes often enough to show up in a briefing:
spans that run on into a conjunction or a quote mark ("the Far East and"), web addresses
tagged as dates, credit lines ("via <agency>") taken for actors, notes glued onto a name, quoted
song and book titles taken for people, organisation names cut short or missed. The rules here
repair the spans without naming any entity (trimming, organisation runs by head noun, acronyms);
`entities.labels` then repairs their labels. The stakeholder, place and risk extractors all start
from `candidates()`.
"""

from __future__ import annotations

import bisect
import re
import weakref
from typing import Any

from briefing import AnalysedArticle, Evidence, Sentence
from briefing.plugins.analysis.entities.countries import country_name
from briefing.plugins.analysis.entities.labels import relabel
from briefing.plugins.analysis.entities.mention import Candidate, looks_like_acronym
from briefing.plugins.analysis.entities.patterns import (
    acronym_extension,
    is_misc_name,
    org_runs,
    split_span,
)
from briefing.plugins.analysis.entities.terms import one_word_term
from briefing.plugins.analysis.entities.wire import agency_tokens, dateline_place
from briefing.plugins.analysis.nlp.token_table import PlainTokens, plain_tokens
from briefing.plugins.text.language import common_words
from briefing.plugins.text.words import TIME_ZONES as CLOCK_ZONES

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_OPEN_QUOTES = {'"', "“", "‘", "``", "'"}
_CLOSE_QUOTES = {'"', "”", "’", "''", "'"}
# Labels the small model gives to organisation acronyms it does not know ("a <ACR> statement").
_ODD_ACRONYM = {"NORP", "PRODUCT", "CARDINAL", "WORK_OF_ART", "LAW", "EVENT"}
_TRIM_POS = {"CCONJ", "PUNCT", "ADP", "DET", "PART", "SCONJ", "SYM"}
_CREDIT_WORDS = {"photo", "photos", "picture", "pictures", "images", "video", "file"}
_URL = re.compile(r"(https?:|www\.|@|\w\.(com|org|net|ua|ru|uk|io|gov|info)\b|/)", re.I)
_CREDIT = re.compile(
    r"^(via\s|photo(graph)?s?\s*(by|:|credit)|image\s*(by|:|credit)|picture\s*(by|:)|credit\s*:|©|\(c\)\s)"
    r"|\b(getty images|shutterstock)\b|^(source|sources)\s*:", re.I)
# Prepositions the model sometimes takes into a name when capitalised ("Near X, ..." heading a line).
_LEAD_PREPS = {"near", "in", "at", "from", "outside", "inside", "around", "across", "towards", "toward",
               "into", "throughout", "within", "on", "by", "of", "for", "with", "during", "after", "before"}
# An unbalanced bracket inside a name starts a glued note or gloss ("al-X,[1", "Y(Arabic").
_GLUED = re.compile(r"\[\d|[\[(](?![^\[(]*[\])])")

_STARTS: list[tuple[object, list[int]]] = [((), [])]


def _sentence_starts(sentences: tuple[Sentence, ...]) -> list[int]:
    """Sentence start offsets, kept for the last article asked about: every mention of an
    article looks its sentence up, and rebuilding the list per mention cost more than the search."""
    held, starts = _STARTS[0]
    if held is not sentences:
        starts = [s.start for s in sentences]
        _STARTS[0] = (sentences, starts)
    return starts


def sentence_index_at(analysed: AnalysedArticle, char: int) -> int | None:
    sentences = analysed.article.sentences
    starts = _sentence_starts(sentences)
    i = bisect.bisect_right(starts, char) - 1
    if i < 0 or char >= sentences[i].end:
        return None
    return i


def evidence_for(analysed: AnalysedArticle, start: int, end: int) -> Evidence | None:
    """Evidence quoting ``text[start:end]`` if it lies inside one sentence."""
    index = sentence_index_at(analysed, start)
    if index is None:
        return None
    sentence = analysed.article.sentences[index]
    if end > sentence.end:
        return None
    quote = analysed.article.text[start:end].strip()
    return Evidence(analysed.article.id, index, quote) if quote and quote in sentence.text else None


def is_credit_line(text: str) -> bool:
    return bool(_CREDIT.search(text.strip()))


def _trim(v: PlainTokens, first: int, last: int) -> tuple[int, int]:
    """Drop determiners, conjunctions, punctuation and possessive markers at both ends."""
    text = v.text

    def function_word(k: int) -> bool:
        # a word in capitals is a name's, whatever the tagger makes of it ("BEIRUT" as a preposition)
        return v.pos[k] in _TRIM_POS and not (text[k].isupper() and text[k].isalpha() and len(text[k]) > 2)

    while first <= last and (function_word(first) or text[first] in {"'", "’", "‘", '"'}
                             or (v.lower[first] in _LEAD_PREPS and first < last)
                             or (text[first] in TIME_ZONES and first < last)  # "16.17 BST Nicola Sturgeon"
                             or (text[first].isalpha() and text[first].islower()
                                 and v.ws[first] != "" and first < last)):
        first += 1  # a name starts with a capital: "near X" or "the X" lose their first word
    while last >= first and (function_word(last) or v.tag[last] == "POS"
                             or text[last] in {"'s", "’s", "'", "’"}
                             or (v.lower[last] in _CREDIT_WORDS and first < last)):
        last -= 1  # "(Reuters Photo)": the credit is the agency's
    return first, last


# Time zones the model takes for organisations in "at 1653 (2153 GMT)" or "11:17 am BST": a clock
# names no actor (the Haiti and flu days listed "GMT" and "BST" among the stakeholders).
TIME_ZONES = frozenset(zone.upper() for zone in CLOCK_ZONES)


def _acceptable(text: str) -> bool:
    if not any(ch.isalpha() for ch in text) or not any(ch.isupper() for ch in text):
        return False
    return not _URL.search(text) and len(text) <= 80 and text not in TIME_ZONES and not one_word_term(text)


_CANDIDATES: weakref.WeakKeyDictionary[Any, tuple[str, tuple[Candidate, ...]]] = weakref.WeakKeyDictionary()


def candidates(analysed: AnalysedArticle) -> list[Candidate]:
    """Cleaned, relabelled mentions of people, organisations, states, places and nationalities.

    Several extractors (stakeholders, places, risks) start from the same mentions of an article;
    they are found once per parse and handed out as new lists.
    """
    if analysed.doc is None:
        return []
    held = _CANDIDATES.get(analysed.doc)
    if held is not None and held[0] is analysed.article.text:
        return list(held[1])
    found = _candidates(analysed, plain_tokens(analysed.doc))
    _CANDIDATES[analysed.doc] = (analysed.article.text, tuple(found))
    return found


def _candidates(analysed: AnalysedArticle, v: PlainTokens) -> list[Candidate]:
    text = analysed.article.text
    sentences = analysed.article.sentences
    found: list[Candidate] = []
    credits: dict[int, bool] = {}
    pieces = [(c, d, piece_label) for first, last, label in _raw_spans(v)
              for a, b, piece_label in _dateline_split(v, first, last, label)
              for c, d in split_span(v, a, b, piece_label)]
    for first, last, label in pieces:
        first, last = _trim(v, first, last)
        if first > last:
            continue
        start, end = v.idx[first], v.char_end(last)
        name = text[start:end]
        cut = _GLUED.search(name) if "(" in name or "[" in name else None
        if cut:  # "<Name>,[1" or "<Name>(Arabic": a note or gloss glued on by the tokenizer
            end = start + len(name[:cut.start()].rstrip(" ,.;:"))
            name = text[start:end]
        index = sentence_index_at(analysed, start)
        if index is None or not _acceptable(name) or is_misc_name(name) or _is_quoted_title(v, first, last):
            continue
        if _modifier_compound(v, last):
            continue
        credit = credits.get(index)
        if credit is None:
            credit = credits[index] = is_credit_line(sentences[index].text)
        if credit:
            continue
        found.append(Candidate(name, label, start, end, index, first, last))
    return relabel(v, _without_common_words(found, v, text))


def _without_common_words(found: list[Candidate], v: PlainTokens, text: str) -> list[Candidate]:
    """Without the one-word names capitalised only where a sentence or line starts (``opens_sentence``)
    that are common words: the article writes the same word in lower case elsewhere ("Battery is
    improved on the new model" beside "battery life", "Meth is a serious problem" beside "meth"), or
    it is a common English word that the tagger reads as an adjective, adverb or verb wherever it
    starts a sentence, and the article never capitalises it inside one ("Digital payments are
    rising", "Commonly used printers can leak data", "Learn more"). A name is a noun: "Apple cut
    its prices", which the tagger reads as a common noun, stays. A state's name stays ("China"
    beside "fine china"), and so does a nationality ("French"), which English always capitalises."""
    opening: dict[str, bool] = {}
    read_as_word: dict[str, bool] = {}
    for candidate in found:
        if candidate.first == candidate.last:
            k = candidate.first
            opening[candidate.text] = opening.get(candidate.text, True) and opens_sentence(v, k)
            read_as_word[candidate.text] = read_as_word.get(candidate.text, True) \
                and v.pos[k] not in _NOUNS and candidate.label != "NORP"
    starts = {word for word, only_at_start in opening.items() if only_at_start and word[1:].islower()
              and country_name(word) is None}
    if not starts:
        return found
    common = {word for word in starts if re.search(rf"\b{re.escape(word.lower())}\b", text)
              or (read_as_word[word] and _dictionary_word(v, word))}
    return [c for c in found if c.text not in common] if common else found


# The tagger's parts of speech a name may take; a word it reads as anything else is no name.
_NOUNS = frozenset({"PROPN", "NOUN"})
_OPENERS = frozenset({'"', "“", "‘", "'", "``", "(", "[", "-", "–", "—", "•", "*", "«"})


def opens_sentence(v: PlainTokens, k: int) -> bool:
    """Token ``k`` is the first word of its sentence or line: only opening quotes, brackets,
    dashes, bullets and spaces come before it there. The parser starts a quoted sentence at its
    quote mark, so '"Software is never perfect," he said' has "Software" second."""
    while k > 0 and not v.sent_start[k]:
        k -= 1
        if "\n" in v.text[k]:
            return True
        if not (v.text[k].isspace() or v.text[k] in _OPENERS):
            return False
    return True


def _dictionary_word(v: PlainTokens, word: str) -> bool:
    """``word`` is among the commonest English words and the article never capitalises it inside a
    sentence (where a capital would mark a name: "Signal" the app, "Panda" the company)."""
    return word.lower() in common_words("en") and \
        not any(t == word and not opens_sentence(v, k) for k, t in enumerate(v.text))


def _dateline_split(v: PlainTokens, first: int, last: int, label: str) -> list[tuple[int, int, str]]:
    """A span the model ran from a dateline into the text ("BEIRUT Air" in "... 2016 BEIRUT Air
    strikes ...") is the dateline's place alone."""
    k = first
    while k < last and v.text[k + 1].isupper() and any(ch.isalpha() for ch in v.text[k + 1]):
        k += 1
    if k < last and v.text[first].isupper() and dateline_place(v, first, k):
        return [(first, k, "GPE")]
    return [(first, last, label)]


def _hyphened(v: PlainTokens, last: int) -> int | None:
    """The token a hyphen glues to the token at ``last`` ("US" + "-" + "led"), or None."""
    k = last + 1
    glued = k + 1 < len(v) and v.ws[last] == "" and v.text[k] == "-" and v.ws[k] == ""
    return k + 1 if glued else None


def _modifier_compound(v: PlainTokens, last: int) -> bool:
    """A name glued by a hyphen to a lower-case word ("US-led", "Daesh-held") is part of a
    modifier: it qualifies the noun after it and is not a mention of the actor or place."""
    after = _hyphened(v, last)
    return after is not None and v.text[after][:1].islower()


def glued_acronym(v: PlainTokens, last: int) -> int:
    """The end of a name that a hyphen glues to an acronym no entity holds ("US-CERT",
    "ICS-CERT"): the small model takes the first part for a state and drops the rest."""
    after = _hyphened(v, last)
    if after is not None and not v.ent_type[after] and looks_like_acronym(v.text[after]) \
            and v.text[after].isupper() and country_name(v.text[after]) is None:
        return after
    return last


def _is_quoted_title(v: PlainTokens, first: int, last: int) -> bool:
    """A whole quoted title ("<Song Name>", ‘<Book>’) is a work, not who or where: the model
    often reads song and book titles as people."""
    if first == 0 or last + 1 >= len(v) or v.ent_type[last] not in {"PERSON", "LOC", "FAC"}:
        return False
    return v.text[first - 1] in _OPEN_QUOTES and v.text[last + 1] in _CLOSE_QUOTES


def _raw_spans(v: PlainTokens) -> list[tuple[int, int, str]]:
    """The model's entities, with organisation names found by head noun (entities.patterns)."""
    spans: list[tuple[int, int, str]] = []
    for start, stop, label in v.ents:
        if stop - start == 1 and label in _ODD_ACRONYM and looks_like_acronym(v.text[start]) \
                and v.text[start].isupper() and country_name(v.text[start]) is None:
            spans.append((start, start, "ORG"))  # an acronym is a body, not a number or product
        elif label in LABELS:
            first = start + 1 if v.pos[start] == "DET" and stop - start > 1 else start
            last = stop - 1
            if label == "ORG":
                last = acronym_extension(v, first, last)
            glued = glued_acronym(v, last)
            if glued > last:
                last, label = glued, "ORG"  # "US-CERT": a body's name, not the state it starts with
            if spans and spans[-1][0] <= first and last <= spans[-1][1]:
                continue  # inside an organisation name extended over "and the <Name>"
            spans.append((first, last, label))
    for i in agency_tokens(v):
        if not any(f <= i <= e for f, e, _ in spans):
            spans.append((i, i, "ORG"))
    for first, last in org_runs(v):
        if any(f <= first and last <= e for f, e, _ in spans):
            continue  # the model already has it, or a longer name around it
        if any(f < first <= e < last or first < f <= last < e for f, e, _ in spans):
            continue  # crosses a name the model found: leave both alone
        spans = [s for s in spans if not (first <= s[0] and s[1] <= last)]
        spans.append((first, last, "ORG"))
    return sorted(spans)
