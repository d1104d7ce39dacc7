"""Wire-copy furniture: the parts of an agency story that frame it and are not its news.

News agencies and the sites that republish them wrap a story in fixed furniture (AP Stylebook,
"datelines"; Reuters' and AFP's credit lines): a dateline ("BEIRUT, Syria (AP) —", "21.08.2013",
"Wednesday 21 August 2013", "Posted: May 24, 2005 3:23 PM ET"), the headline repeated above the
body, a byline, a share bar ("Get short URL 0 0 0"), and at the end the credits ("Reporting by ...;
Editing by ...", "(With AFP and Reuters)"), the agency's standards and copyright lines, the
"Last update" stamp and tags, and the newsroom's notes about the copy ("This story has been
updated", "This is a developing story"). Scraped text often loses its line breaks, so the furniture is found
inside lines as well as on lines of its own: at the start of a line, after the end of a sentence
(a dateline of copy quoted inside another story), and at its end.

Bylines are read in their own module (bylines), the patterns of places and agencies that both
share in wire_places. Every rule is a pattern of the furniture itself, never a list of sites.
`strip` returns the text without it, each removed piece with the rule that removed it, and the
first full date a dateline gave (an article without a publication date is dated by its dateline).
"""

from __future__ import annotations

import re
from datetime import datetime

from briefing.plugins.cleaners import bylines
from briefing.plugins.cleaners.stamps import CLOCK, stamp_at, stamp_date
from briefing.plugins.cleaners.wire_places import AGENCY, CITY, NAME_WORD, PLACE, REGION, WHEREABOUTS
from briefing.plugins.text.headlines import SENTENCE_BREAK, TOKEN, echoed_in_lead, ends_like_sentence

_SHARE = re.compile(r"\s*get\s+short\s+url(?:\s+\d{1,6})*", re.IGNORECASE)
# A place dateline: a city in capitals, maybe ", Region", maybe a date, then a bracketed agency or
# date and/or a dash ("BEIRUT, Syria (AP) —", "KOKOMO , Ind. ( June 15 , 2014 ) —", "LONDON —").
_PLACE_LINE = re.compile(rf"^\s*{WHEREABOUTS}{PLACE}\s*(?:\(\s*[^()]{{1,40}}\)\s*(?:[-–—:]+)?|[-–—]+)\s*")
_PLACE_INSIDE = re.compile(rf"(?<=[.!?”\"] ){PLACE}\s*\(\s*(?i:{AGENCY})\s*\)\s*[-–—:]*\s*")
# Where agency copy begins: a place dateline with the agency in brackets ("CAIRO (Reuters) -",
# "ROME, April 29 (Reuters) -", "Washington (CNN) -"), or the bracketed agency alone ("(CNN)
# --"). On a page's first lines, what stands before it without a sentence end is the page's
# furniture: a time stamp ("CAIRO | Wed Apr 29, 2009 11:31 pm IST"), summary bullets, a byline,
# a photo credit, a "Full Article" link (lead_dateline).
# CNN's web pages write the bracket without a dash, often glued to the first word by the page's
# markup, with a desk's name maybe ("(CNN)President Trump ...", "Hong Kong (CNN Business) A
# muddled view ..."): on a page's first lines, with only furniture before it, it starts the copy.
CREDIT_WORD = r"(?:Photos?|Pictures?|Archive|Images?|Video|Graphic|File)\b"  # "(AP Photo)" credits a picture
_LEAD = re.compile(rf"(?:(?:{CITY}|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{0,2}})"
                   rf"(?:\s*,\s*[\w.]+(?:\s+[\w.]+){{0,3}})?\s*)?\(\s*(?i:{AGENCY})(?:\s+(?!{CREDIT_WORD})[A-Z][a-z]+)?\s*\)"
                   rf"(?:\s*[-–—:]+\s*|\s*(?=[A-Z0-9\"“‘]))")
LEAD_LINES = 3  # the page's first lines, where its header stands
# A name or place, a bar and a date stamp opening a page ("Jane Doe | 17:45 UK time, Wednesday, 29
# April 2009", "LONDON | Wed Apr 29, 2009 11:17 am BST"): a blog's or a wire page's header.
_BAR_STAMP = re.compile(rf"^\s*(?:{NAME_WORD}\s+){{0,3}}[A-Z][\w'’.-]+\s*\|\s*")
# A credit starts a line, a sentence or a bracket, with a capital: "... attack. Reporting by X; Editing
# by Y", never inside a sentence ("a novel written by X").
_CREDITS = re.compile(r"(?:^|(?<=[.!?”\"]\s)|(?<=\())(?:Additional\s+reporting|Reporting|Writing|Editing|"
                      r"Compiled|Edited|Written|Produced)\s+by\s+[A-Z]")
_STANDARDS = re.compile(r"\s*our\s+standards\s*:.*$|\s*\bthomson\s+reuters\s+trust\s+principles\b.*$"
                        r"|\s*\(\s*with\s+[^()]{1,60}\)\s*$|\s*\bupdate[sd]?\s+with\b[^.]{0,80}(?:\.{3}|…)?\s*$",
                        re.IGNORECASE)
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b)|\ball\s+rights\s+reserved\b", re.IGNORECASE)
# The newsroom's note about the copy itself ("This article was amended on 8 May 2010 to correct
# ...", "This is a developing story.", "Editor's note: This story was updated at 5:45 p.m.",
# "<Station> will continue to update this story as we learn more."), and a correction's lines ("The
# original said that ...", "This has been corrected."): about the page, not the news, and the
# wrong version a correction quotes would be read as a fact.
_COPY_NOTE = re.compile(r"\bthis\s+(?:article|story|page|post|web\s+version)\s+(?:is\s+being|has\s+been|was|"
                        r"will\s+be)\s+(?:updated|corrected|amended|revised)\b|\ban\s+earlier\s+version\s+of\s+"
                        r"this\s+(?:article|story)\b|^\W*this\s+is\s+a\s+(?:developing|breaking)\s+(?:news\s+)?story\b|"
                        r"\bcheck\s+back\s+(?:later\s+)?for\s+updates\b|\bwill\s+(?:continue\s+to\s+)?update\s+"
                        r"this\s+(?:article|story|page|post|web\s+version)\b"
                        # a correction's own lines: "The original said that ...", "This has been corrected."
                        r"|^\W*the\s+original\s+(?:said|referred|stated|misspelt|misspelled|gave|described)\b"
                        r"|^\W*this\s+has\s+(?:now\s+)?been\s+corrected\b", re.IGNORECASE)
COPY_NOTE_WORDS = 30
"""A note about the copy is a sentence or two; a longer line is the article's own."""
_LAST_UPDATE = re.compile(r"\s*\blast\s+update[ds]?\b\s*:?", re.IGNORECASE)
_TAIL_MARKERS = re.compile(r"\b(?:tags|comments?|share|via\s+facebook|community\s+standards)\b|\b\d\s+\d\b",
                           re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s+")
_WORDS = re.compile(r"[^\W_]+")


def _same_words(line: str, title: str) -> int:
    """The end of ``title`` repeated at the start of ``line``, or 0."""
    wanted = [w.casefold() for w in _WORDS.findall(title)]
    if len(wanted) < 3:
        return 0
    found = list(_WORDS.finditer(line))
    if len(found) <= len(wanted) or [m.group().casefold() for m in found[: len(wanted)]] != wanted:
        return 0
    end = found[len(wanted) - 1].end()
    while end < len(line) and line[end] in ".:;!?-–— ":
        end += 1
    return end


def _head(line: str, title: str, first: bool, removed: list[tuple[str, str]]) -> str:
    """The line without the furniture at its start: stamps, a place dateline or a "name | stamp"
    header (on the first lines), a share bar, the headline glued to the body and, right after
    that headline, the byline."""
    headline = False
    for _ in range(6):
        end, rule = stamp_at(line), "dateline"
        if end and (re.match(r"(?i)(?:on|at)\b", line) or line[end:].lstrip().startswith(",")):
            end = 0  # "On July 8, Smith said": the date belongs to the sentence
        if end == 0 and (clock := CLOCK.match(line)):
            end = clock.end()
        if end == 0 and first:
            end = bar_stamp(line)
        if end == 0 and first:
            end, rule = bylines.lead_byline(line), "byline"
        if end == 0:
            match = (_PLACE_LINE.match(line) if first else None) or _SHARE.match(line)
            end = match.end() if match else 0
            rule = "share_bar" if match and match.re is _SHARE else "dateline"
        if end == 0 and title and not headline:
            end = _same_words(line, title)
            rule, headline = "headline", end > 0
        elif end == 0 and headline:
            end, rule = bylines.after_headline(line), "byline"
        rest = line[end:].lstrip(" ,|–—-:")
        if end == 0 or not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“'‘("):
            return line
        removed.append((rule, line[: len(line) - len(rest)].strip()))
        line = rest
    return line


_TAIL_RULES = ((_LAST_UPDATE, "dateline"), (_STANDARDS, "credit"), (_CREDITS, "credit"))


def _tail(line: str, removed: list[tuple[str, str]]) -> str:
    """The line without credits, standards, update stamps and share bars at its end."""
    changed = True
    while changed and line:
        changed = False
        ends = list(_SENTENCE_END.finditer(line))
        if ends:
            fragment = line[ends[-1].end():]
            if fragment and not re.search(r"[.!?…][\"'”’)]*\s*$", fragment) and \
                    len(_WORDS.findall(fragment)) <= 40 and _TAIL_MARKERS.search(fragment):
                removed.append(("share_bar", fragment.strip()))
                line, changed = line[: ends[-1].end()].rstrip(), True
        for pattern, rule in _TAIL_RULES:
            match = pattern.search(line)
            if match is None or len(_WORDS.findall(line[match.start():])) > 60:
                continue
            if pattern is _LAST_UPDATE and stamp_at(line, match.end()) == match.end():
                continue
            removed.append((rule, line[match.start():].strip()))
            line, changed = line[: match.start()].rstrip(), True
    return line


def _inside(line: str, removed: list[tuple[str, str]]) -> str:
    """The line without datelines of agency copy quoted after a sentence ("... BEIRUT (AP) -")."""
    def cut(match: re.Match[str]) -> str:
        removed.append(("dateline", match.group().strip()))
        return ""
    return _PLACE_INSIDE.sub(cut, line)


def lead_dateline(lines: list[str], removed: list[tuple[str, str]]) -> list[str]:
    """The lines from where the agency copy begins, when a lead dateline on one of the first
    LEAD_LINES lines has only furniture before it: the header of its own line and the lines above
    it (a headline, a photo's caption, a related story's link), none holding more than one
    sentence."""
    filled = [i for i, line in enumerate(lines) if line.strip()][:LEAD_LINES]
    for i in filled:
        match = _LEAD.search(lines[i])
        if match is None:
            continue
        before = lines[i][: match.start()]
        above = [lines[j].strip() for j in filled if j < i]
        if SENTENCE_BREAK.search(before) or any(SENTENCE_BREAK.search(a) for a in above):
            return lines
        removed.extend(("dateline" if stamp_at(a) == len(a) else "headline", a) for a in above)
        removed.append(("dateline", lines[i][: match.end()].strip()))
        return [lines[i][match.end():], *lines[i + 1:]]
    return lines


_TRAILING_PLACE = re.compile(rf"\s+{CITY}(?:\s*,\s*{REGION})?\s*,?\s*$")
_TRAILING_AGENCY = re.compile(rf"\s+(?i:{AGENCY})\s*$")


def is_place(text: str) -> bool:
    """Whether ``text`` is only a place dateline ("KHAN SHEIKHUN Syria", "TOULON, France,")."""
    return bool(re.fullmatch(rf"\s*{CITY}(?:\s*,?\s*{REGION})?\s*[,–—-]*\s*", text))


def stamped_headline(line: str) -> tuple[str, int] | None:
    """(headline, where the lead starts) when ``line`` opens with a headline, a date stamp and then
    the lead, run together ("Motorbike bomber kills 16 outside bakery AFP Tuesday 5 Jul 2016 A
    motorcycle bomber killed ..."); None otherwise. The headline has 3 to 20 words, does not end
    like a sentence, and shares two words with the lead; an agency or a place dateline between it
    and the stamp ("... AFP", "... TOULON, France,") is not part of it. On FA-KES, whose titles
    are known, all 84 such lines split at their title; CASIE, none of 500 once a headline may not
    end like a sentence."""
    tokens = list(TOKEN.finditer(line))
    for k in range(3, min(len(tokens), 21)):
        start = tokens[k].start()
        if re.match(r"(?i)(?:on|at)\b", line[start:]):
            continue  # "... said on May 14, 2014 ..." is the sentence's own date
        end = stamp_at(line, start)
        if end <= start or not re.search(r"\d", line[start:end]):
            continue
        lead = line[end:].lstrip(" ,|–—-:")
        head = line[:start].strip()
        if not lead[:1].isupper() or SENTENCE_BREAK.search(head) or ends_like_sentence(head):
            continue
        if echoed_in_lead(head, lead):
            head = _TRAILING_AGENCY.sub("", _TRAILING_PLACE.sub("", head)).strip(" ,|–—-")
            return head, len(line) - len(lead)
    return None


def bar_stamp(line: str) -> int:
    """Where a "name | date stamp" header that opens ``line`` ends (0 when there is none)."""
    match = _BAR_STAMP.match(line)
    if match is None:
        return 0
    end = stamp_at(line, match.end())
    return end if end > match.end() else 0


# A stock ticker broken at its dot by a sentence splitter, its halves on two lines: "BP Plc (BP.\nL)
# said ...", "(0293.\nHK)".
_BROKEN_TICKER = re.compile(r"(\([^()\s]{1,8}\.)\n([A-Za-z]{1,3}\))")


def joined_tickers(text: str) -> str:
    """The text with each broken stock ticker whole again (its halves made two sentences, "BP's
    (BP." and "L) deepwater spill in the U.S. Gulf ...", and the first had headed a story)."""
    return _BROKEN_TICKER.sub(r"\1\2", text)


def strip(text: str, title: str = "") -> tuple[str, list[tuple[str, str]], datetime | None]:
    """(text without wire furniture, [(rule, removed text)], first full date a dateline gave)."""
    removed: list[tuple[str, str]] = []
    out: list[str] = []
    seen = 0  # non-empty lines so far
    for line in lead_dateline(text.split("\n"), removed):
        stripped = line.strip()
        if not stripped:
            out.append("")
            continue
        seen += 1
        place = _PLACE_LINE.match(stripped) if seen <= 3 else None
        if stamp_at(stripped) == len(stripped) or (place and place.end() == len(stripped)):
            removed.append(("dateline", stripped))
        elif _COPYRIGHT.search(stripped) and len(_WORDS.findall(stripped)) <= 30:
            removed.append(("copyright", stripped))
        elif _COPY_NOTE.search(stripped) and len(_WORDS.findall(stripped)) <= COPY_NOTE_WORDS:
            removed.append(("copy_note", stripped))
        elif seen <= 5 and bylines.byline_line(stripped):
            removed.append(("byline", stripped))
        else:
            kept = _inside(_tail(_head(stripped, title if seen == 1 else "", seen <= 3, removed),
                                 removed), removed)
            if kept:
                out.append(kept)
    date = next((found for rule, piece in removed if rule == "dateline"
                 for found in [stamp_date(piece)] if found), None)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n"), removed, date
