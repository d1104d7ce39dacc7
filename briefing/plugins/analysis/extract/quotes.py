"""Extractor ``quotes``: direct quotations and who said them.

Quotation marks are read by their context, so one scanner handles curly and straight, double and
single marks: a mark with a space or line start before it and a word after it opens, one with a
word or punctuation before it and a space, punctuation or line end after it closes, and one
between two letters is an apostrophe. Marks nest (a single-quoted phrase inside a quotation).
A quotation left open at the end of a paragraph continues when the next paragraph starts with an
opening mark (the usual convention for a quote that runs over paragraphs); otherwise it is
dropped as a stray mark. Quotations under three words are names or scare quotes, not speech.

The speaker comes from entities/speakers.py. A quotation with no attribution of its own that follows
another one (same or next paragraph) keeps that one's speaker. Each Quote carries one Evidence
per sentence it covers, since evidence must lie within one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefing import AnalysedArticle, Evidence, Extractor, NoOptions, Quote
from briefing.plugins.analysis.entities.speakers import find_speaker

_OPEN_ONLY = {"“", "‘"}
_CLOSE_ONLY = {"”"}
_MARKS = {'"', "'", "“", "”", "‘", "’"}

MIN_WORDS = 3
MAX_CHARS = 3000


@dataclass
class Span:
    """A quotation: character ranges of its pieces (one per paragraph) in the article text."""

    pieces: list[tuple[int, int]]
    continues: bool = False

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def _family(mark: str) -> str:
    return "double" if mark in {'"', "“", "”"} else "single"


def _role(text: str, i: int) -> str | None:
    """'open', 'close' or None (an apostrophe or an unclear mark) for the mark at ``i``."""
    mark = text[i]
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if mark in {"'", "’"} and before.isalnum() and after.isalnum():
        return None
    if mark in _OPEN_ONLY or ((before.isspace() or before in "([—–-") and not after.isspace()):
        return "open" if mark not in _CLOSE_ONLY else "close"
    if mark in _CLOSE_ONLY or not before.isspace():
        if mark in {"'", "’"} and before in "sS" and not after.isspace() and after not in ".,;:!?)":
            return None
        return "close"
    return None


def _paragraph_start(text: str, i: int) -> bool:
    j = text.rfind("\n", 0, i)
    return not text[j + 1:i].strip()


def quotation_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    family: str | None = None
    depth = 0
    start = 0
    pieces: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch == "\n" and family is not None:
            rest = text[i:].lstrip()
            j = len(text) - len(rest)
            if not rest or _family(rest[0]) != family or rest[0] not in _MARKS or _role(text, j) != "open":
                family = None  # a stray mark: the paragraph ended and the next one does not go on
            continue
        if ch not in _MARKS:
            continue
        role = _role(text, i)
        if role is None:
            continue
        if family is None:
            if role == "open":
                family, depth, start, pieces = _family(ch), 1, i + 1, []
            continue
        if _family(ch) != family:
            continue
        if role == "open" and _paragraph_start(text, i) and "\n" in text[start:i]:
            pieces.append((start, text.rfind("\n", start, i)))
            start, depth = i + 1, 1
            continue
        if role == "open":
            depth += 1
        elif depth > 1:
            depth -= 1
        else:
            pieces.append((start, i))
            family = None
            _keep(text, spans, pieces)
    return spans


def _keep(text: str, spans: list[Span], pieces: list[tuple[int, int]]) -> None:
    pieces = [(s, e) for s, e in pieces if text[s:e].strip()]
    if not pieces or pieces[-1][1] - pieces[0][0] > MAX_CHARS:
        return
    if any("\n\n" in text[s:e] or "\n" in text[s:e].strip() for s, e in pieces):
        return
    if len(" ".join(text[s:e] for s, e in pieces).split()) < MIN_WORDS:
        return
    spans.append(Span(pieces, continues=len(pieces) > 1))


def evidence_pieces(analysed: AnalysedArticle, span: Span) -> list[Evidence]:
    evidence = []
    for sentence in analysed.article.sentences:
        for start, end in span.pieces:
            lo, hi = max(start, sentence.start), min(end, sentence.end)
            if lo >= hi:
                continue
            quote = analysed.article.text[lo:hi].strip().strip("“”\"'‘’ ").rstrip(",;:")
            if re.search(r"\w", quote) and quote in sentence.text:
                evidence.append(Evidence(analysed.article.id, sentence.index, quote))
    return evidence


_TRAILING_PUNCT = re.compile(r"\s*[,;:]+(?=[’'”\"]*$)")


def quoted_text(words: str) -> str:
    """The quotation without the comma that hands over to the attribution ("..., she said"),
    also when it sits inside a nested closing mark ("they said ‘no,’" -> "they said ‘no’")."""
    return _TRAILING_PUNCT.sub("", words.strip())


class QuoteExtractor(Extractor[NoOptions]):
    def extract(self, analysed: AnalysedArticle) -> Iterable[Quote]:
        text = analysed.article.text
        quotes: list[Quote] = []
        previous: tuple[Span, str | None] | None = None
        for span in quotation_spans(text):
            evidence = evidence_pieces(analysed, span)
            if not evidence:
                continue
            speaker = None
            if analysed.doc is not None:
                speaker = find_speaker(analysed, span.start - 1, span.end + 1)
            if speaker is None and previous is not None and previous[1] is not None:
                gap = text[previous[0].end:span.start]
                if gap.count("\n\n") <= 1 and gap.count("\n") <= 2 and len(gap) < 400:
                    speaker = previous[1]
            words = " ".join(" ".join(text[s:e].split()) for s, e in span.pieces)
            quotes.append(Quote(speaker, quoted_text(words), tuple(evidence)))
            previous = (span, speaker)
        return quotes
