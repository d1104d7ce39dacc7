"""Plain text broken into lines of a fixed width, put back into its paragraphs' lines.

Text saved from email, terminals (``lynx -dump``), press releases and many Markdown files is
hard-wrapped: every paragraph is broken into lines of at most some 60-100 characters. The
analyser ends a sentence at a line break (scraped text puts headings and captions on lines of
their own), so a wrapped article would be read as fragments ("according to UK intelligence."
as a sentence, a headline cut in two). A break is a wrap when the text has a width that most of
its lines fill, and the next line's first word would not have fitted on the line before it; a
break after the end of a sentence is kept either way, which costs a paragraph's unity at most,
never a sentence's.
"""

from __future__ import annotations

import re

# Wrapping widths seen in practice run from about 60 (email quoting) to 100 characters; a text
# whose lines reach further was not wrapped by width, nor one of short labels ("Schools closed").
MIN_WIDTH = 40
MAX_WIDTH = 100
MIN_FULL_LINES = 4
FULL_SHARE = 0.25
"""Of a wrapped text's lines at least this share (and MIN_FULL_LINES) end within a long word's
length of its width; the rest end paragraphs, list items and headings. Chosen on FA-KES and the
Scrapinghub bodies (0.5 left 0.02 of the wrap breaks inside sentences there, 0.25 left 0.002)."""
_SLACK = 20  # how far short of the width a full line may end (a long next word)
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’)\]」』]*$")
_BLOCK_START = re.compile(r"^\s*(?:[-*+•]\s|\d{1,3}[.)]\s|#|>|\|)")


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or None when it was not wrapped."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < MIN_FULL_LINES:
        return None
    # a long address or table row may overrun the width: the width is that of nearly all lines
    width = lengths[int(0.95 * (len(lengths) - 1))]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    full = sum(1 for length in lengths if length >= width - _SLACK)
    if full < MIN_FULL_LINES or full < FULL_SHARE * len(lengths):
        return None
    return width


def unwrapped(text: str) -> str:
    """The text with the breaks that wrapping made inside paragraphs removed; a text that was not
    wrapped comes back unchanged."""
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return text
    out: list[str] = []
    before = ""  # the previous line as the file had it: whether it was full decides the break
    for line in lines:
        if out and _wrapped_break(before, line, width):
            out[-1] = _joined(out[-1], line.strip())
        else:
            out.append(line.rstrip())
        before = line.rstrip()
    return "\n".join(out)


def _wrapped_break(before: str, line: str, width: int) -> bool:
    if not before.strip() or not line.strip() or _BLOCK_START.match(line):
        return False
    if _SENTENCE_END.search(before) or before.lstrip().startswith("#") or " " not in before.strip():
        return False  # a line with no space was not broken between words
    first_word = line.split(None, 1)[0]
    return len(before) + 1 + len(first_word) > width


def _joined(head: str, tail: str) -> str:
    if re.search(r"[^\W\d_]-$", head) and tail[:1].isalpha():
        return head + tail  # "well-" + "known": a compound broken at its hyphen
    return f"{head} {tail}"
