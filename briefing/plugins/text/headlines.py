"""Whether a line reads as a headline, and a stand-in title for a text that has none.

A plain-text file or a scraped body often starts with its headline, and as often with the lead
paragraph itself: a source that always took the first line for the headline dropped the lead, the
paragraph that says most, from the analysed text, and showed a whole paragraph as a story's
heading. Headlines are short and rarely end like a sentence: of FA-KES's 804 titles none is
longer than 25 words and 11 end with a full stop; of the Scrapinghub benchmark's 181 article
bodies, 64% open with a paragraph longer than 25 words, and most of the rest with a sentence of
more than 12 words ending in a full stop. So a line is a headline when it has at most 25 words
and is not a sentence of more than 12 (chosen on those two sets, it keeps 99.6% of FA-KES's
titles and reads 83% of the benchmark's first paragraphs as text; on sets not looked at while
choosing, CASIE's 481 titles are all kept and 91% of Timeline17's 2,716 first lines, all lead
paragraphs, are read as text).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from briefing.plugins.text.words import TITLE_ABBREVIATIONS, content_terms, word_set

HEADLINE_WORDS = 25
SENTENCE_WORDS = 12
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?…][\"'”’)\]»]*$")
# Where one sentence ends and the next begins inside a line: a full stop (or ! ? …), closing
# quotes or brackets, space, and a capital or figure.
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9])")


def ends_like_sentence(line: str) -> bool:
    return bool(_ENDS_LIKE_SENTENCE.search(line.strip()))


def reads_as_headline(line: str) -> bool:
    """At most HEADLINE_WORDS words, and not a sentence of more than SENTENCE_WORDS."""
    count = len(line.split())
    if not count or count > HEADLINE_WORDS:
        return False
    return not (ends_like_sentence(line) and count > SENTENCE_WORDS)


def opening_headline(text: str) -> tuple[str, str, bool]:
    """(title, body, lent) for a text that may open with its headline: its first non-empty line
    when that reads as one (a Markdown heading or reads_as_headline) and the rest as the body;
    else the whole text as the body and its first sentence as a lent title (``lent`` True: a
    cleaner lends it again once the furniture is off, ``meta["title_from_text"]``)."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    line = lines[first].strip() if lines else ""
    if line.startswith("#") or reads_as_headline(line):
        return line.lstrip("#").strip(), "\n".join(lines[first + 1:]).strip("\n"), False
    body = "\n".join(lines[first:]).strip("\n")
    return first_sentence(body), body, True


# Words a full stop follows without ending a sentence: titles before a name, months before a day
# ("Sept. 29"), and initials.
_ABBREVIATED = TITLE_ABBREVIATIONS | word_set("""
jr sr no vs inc co corp ltd jan feb mar apr jun jul aug sep sept oct nov dec
""")


def first_sentence(text: str, skip: frozenset[str] = frozenset()) -> str:
    """The text's first sentence (of its first non-empty line), to stand in for a missing title;
    with ``skip`` (title keys: title_key), the first of its first three that is none of them, as
    pages whose only title is a site's banner open with the banner too ("" when all three are)."""
    sentence = _first_sentence(text)
    for _ in range(2):
        if not sentence or title_key(sentence) not in skip:
            return sentence
        text = text[text.find(sentence) + len(sentence):]
        sentence = _first_sentence(text)
    return "" if sentence and title_key(sentence) in skip else sentence


def _first_sentence(text: str) -> str:
    # a leading dash is a page's list mark or a separator ("- Last month's explosion ..."), no title's
    line = next((line.strip().lstrip("-–— ") for line in text.splitlines() if line.strip()), "")
    for end in SENTENCE_BREAK.finditer(line):
        before = line[: end.start()].rstrip(".").rsplit(None, 1)[-1].strip("\"'“‘(").lower()
        if before in _ABBREVIATED or (len(before) == 1 and before.isalpha()) or "." in before:
            continue  # "Mr. Smith", "John F. Kennedy", "the U.S. Centers for Disease Control"
        return line[: end.start()].strip()
    return line


GLUED_WORDS = 16
"""The longest headline glued_headline looks for."""
_OPENERS = frozenset({"The", "A", "An"})
# Words a headline does not end with: articles, prepositions, conjunctions, forms of "be".
_NOT_LAST = word_set("""
a an the to of in on at for by with as and or but from into onto about over after before against
between through under without that which who whose is are was were be been
""")
TOKEN = re.compile(r"\S+")


def glued_headline(line: str) -> int:
    """Where a headline ends that runs into the lead without a break ("Mexico to re-test swine
    flu cases The widow of a victim first heard ..."), or 0. Scraped pages lose the break between
    headline (or caption) and lead, so a text without a title of its own would lend the two
    glued together as its title and analyse them as one sentence. The headline ends before a
    capitalised "The", "A" or "An" that follows a word ending in a lower-case letter or a figure;
    it has 3 to GLUED_WORDS words, no sentence break, does not end with a function word, and
    shares two words with the 60 words after it (a headline's words come back in its lead).
    Chosen on FA-KES, whose titles are known (25 of 28 splits are its headline, the other three a
    stamp the wire rule takes off first), checked on CASIE (no split in 500 texts; without the
    length and last-word conditions, four, all inside real sentences: "... an interview to The
    Guardian")."""
    tokens = list(TOKEN.finditer(line))
    for k in range(3, min(len(tokens), GLUED_WORDS + 1)):
        before, word = tokens[k - 1].group(), tokens[k].group()
        if word not in _OPENERS or not (before[-1].islower() or before[-1].isdigit()):
            continue
        head = line[: tokens[k].start()].strip()
        if SENTENCE_BREAK.search(head) or before.lower().strip("\"'’") in _NOT_LAST:
            continue
        if echoed_in_lead(head, line[tokens[k].start():]):
            return tokens[k].start()
    return 0


def echoed_in_lead(head: str, lead: str) -> bool:
    """Whether two words of a would-be headline (letters only) come back in the first 60 words of
    the text after it: a headline's words do, a sentence's first words seldom."""
    words = {t for t in content_terms(head) if t.isalpha()}
    return len(words & set(content_terms(" ".join(lead.split()[:60])))) >= 2


_CLAUSE_END = re.compile(r"[,;:]\s|\s[-–—]\s")


def as_title(line: str) -> str:
    """A line shown as a title: unchanged when it reads as a headline; a longer one (the long
    first sentence a text without a headline lends) cut to HEADLINE_WORDS words, at the last
    clause break after SENTENCE_WORDS words when there is one, and marked as cut with "…"."""
    line = " ".join(line.split())
    if reads_as_headline(line):
        return line
    words = line.split()
    if len(words) <= HEADLINE_WORDS:
        return line
    head = " ".join(words[:HEADLINE_WORDS])
    floor = len(" ".join(words[:SENTENCE_WORDS]))
    breaks = [m.start() for m in _CLAUSE_END.finditer(head) if m.start() >= floor]
    return (head[: breaks[-1]] if breaks else head).rstrip(" ,;:-–—") + "…"


REPEATED_TITLE = 3
"""A title this many different articles of one run carry is the site's, not the stories'."""


def title_key(title: str) -> str:
    """A title as repeated_titles compares it: case, spacing and final punctuation ignored."""
    return " ".join(title.casefold().split()).rstrip(".!?…")


def repeated_titles(titles: Iterable[str], at_least: int = REPEATED_TITLE) -> frozenset[str]:
    """The title keys at least ``at_least`` articles share. Near-duplicate articles are merged
    before titles are read, so articles left sharing a title tell different things under it: a
    site's banner or a sidebar's headline scraped on top of each page ("2 men charged in death of
    Chicago teen ...", over seven CNN pages of one day on Egypt), which would pull those pages
    into one story and head it."""
    counts = Counter(title_key(t) for t in titles if t.strip())
    return frozenset(key for key, n in counts.items() if n >= at_least)
