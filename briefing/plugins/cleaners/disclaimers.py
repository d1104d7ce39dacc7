"""Disclaimers: a columnist's note (who wrote the piece, and that the views are theirs, not the
site's), and a site's word that it does not answer for what it carries.

Opinion pages put it above or below the column: "Eric Doe is a Reuters columnist. The opinions
expressed are his own.", "The views expressed in this commentary are solely those of Jane Roe."
Scraped, it heads the text or sits between two columns of a page, glued to the next one's first
sentence ("The views expressed are his own -- If you look no further than the headlines, ..."),
and the one-line biography became the article's headline and a story's title. The disclaimer
says nothing of the news; the biography right before it is the note's first half. A wire site
that carries press releases says so in each one's headline ("Replikins Ltd. Provided Advance
Warning of ... \\* Reuters is not responsible for the content in this press release."), and a
broadcaster under its links ("The BBC is not responsible for the content of external internet
sites").
"""

from __future__ import annotations

import re

DISCLAIMER = re.compile(
    r"^\W*(?:the|any|all)\s+(?:opinions?|views?)\s+(?:expressed\s+)?(?:here\s+|in\s+this\s+\w+\s+)?"
    r"(?:are|is)\s+(?:solely\s+|entirely\s+)?(?:(?:his|her|their|my)\s+own|the\s+(?:author|writer)"
    r"(?:['’]\s?s|\s+s)?(?:\s+own)?|those\s+of\s+[^.!?]{1,60}?)"
    r"(?:\s+and\s+(?:do|does)\s+not\s+necessarily\s+[^.!?]{1,120}?)?(?:[.!?]+|\s+--+\s+|\s*$)",
    re.IGNORECASE)
# "-- Eric Doe is a Reuters columnist.", "Kees Doe is professor of ...", "By Jane Roe, who worked
# for BP from 1999-2008.": a name, then what they are or have done, in one short sentence.
_BIOGRAPHY = re.compile(r"^[\s\-–—]*(?:[Bb]y\s+)?(?!(?:The|A|An|This|That|It|There)\b)[A-Z][\w.'’-]*"
                        r"(?:\s+[A-Z][\w.'’-]*){0,3}(?:,\s+[A-Z][\w.]*)?,?\s+(?:also\s+)?"  # ", PhD,"
                        r"(?:is|was|has|have|writes|wrote|who|worked|teaches|served)\b")
BIOGRAPHY_WORDS = 45
NOT_RESPONSIBLE = re.compile(r"(?:^|(?<=[.!?…]\s)|\s*\\?\*\s*)(?:[Tt]he\s+)?[A-Z][\w.&'’-]*"
                             r"(?:\s+[A-Z][\w.&'’-]*){0,3}\s+(?:is|are)\s+not\s+responsible\s+for\s+the\s+content\s+(?:of|in|on)\s+"
                             r"(?:[\w-]+\s+){0,3}?(?:sites?|websites?|pages?|links?|press\s+releases?|releases?"
                             r"|articles?|material)\b\.?")


def disclaimer_end(line: str) -> int:
    """Where an opinion disclaimer that the line opens with ends (0 when it opens with none)."""
    match = DISCLAIMER.match(line)
    return match.end() if match else 0


def biography(line: str) -> bool:
    """A one-sentence note on a writer ("Eric Doe is a Reuters columnist."), as stands before a
    disclaimer."""
    return bool(_BIOGRAPHY.match(line)) and len(line.split()) <= BIOGRAPHY_WORDS


def without_notice(line: str) -> tuple[str, str]:
    """The line without a site's word that it does not answer for what it carries, and that word
    ("" when the line has none)."""
    match = NOT_RESPONSIBLE.search(line)
    if match is None:
        return line, ""
    return (line[:match.start()] + line[match.end():]).strip(), match.group().strip(" *\\")


def without_disclaimers(text: str, title: str, lent: bool) -> tuple[str, str, list[dict[str, str]]]:
    """The text without disclaimers and the biography before each, the title without a site's
    notice, and what went (rule ``credit``). A biography that is the title (not one the text
    lent) when a disclaimer opens the text goes too: the title comes back empty."""
    removed: list[dict[str, str]] = []

    def unnoticed(line: str) -> str:
        kept, notice = without_notice(line)
        if notice:
            removed.append({"rule": "credit", "line": notice})
        return kept if notice else line

    lines = [unnoticed(line) for line in text.split("\n")]
    title = unnoticed(title)
    for i, line in enumerate(lines):
        end = disclaimer_end(line.strip())
        if not end:
            continue
        removed.append({"rule": "credit", "line": line.strip()[:end].strip()})
        lines[i] = line.strip()[end:].strip()
        before = next((j for j in range(i - 1, -1, -1) if lines[j].strip()), None)
        if before is not None and biography(lines[before].strip()):
            removed.append({"rule": "credit", "line": lines[before].strip()})
            lines[before] = ""
        elif before is None and not lent and biography(title):
            removed.append({"rule": "credit", "line": title})
            title = ""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n"), title, removed
