"""Readers' comments scraped with a page: where the comment thread starts.

A blog post or a "have your say" page is often saved with its readers' comments below it, each
opened by a stamp and a user name: "At 00:45 am on 16 Jun 2010, MrWonderfulReality wrote: He
should ...". Comments are what readers think, not what the page reports; left in, they gave a
day of oil-spill news four of its ten risks ("these idiots will collapse the company"). Scraping
often loses the line breaks, so a comment may start inside a line.

Other sites sign each comment after it: "... Posted by: kirk | September 19, 2008 11:00 AM |
Report abuse", or with the name run into the stamp, "... kirk January 28, 2011 at 8:35 am |
Report abuse |" (CNN's blogs; its stamps had dated a page by a comment written days after it),
or with the bare stamp and a bar, "... January 28, 2011 05:01 pm at 5:01 pm | It's concerning
that ..." (CNN's political blog; its readers' guesses, "it is almost certain that this
administration will mishandle this", had become a day's assessments). A date with a clock time and
then a bar is how a comment system signs a post, not how a report writes a date. Their thread is
cut at the start of the line holding the first signature (the first comment's earlier lines, if it
has several, stay: nothing marks where it begins).

Two or more openings, or two or more signatures, make a thread, and the text is cut where the
first begins (one alone may be a quoted e-mail: "At 9:12 on Monday, the minister wrote: ..."
stays). The page's comment policy goes line by line wherever it stands (``policy_line``).

Some pages sign nothing the scraper kept, but say where the readers begin: "This debate is now
closed." heads the comments of a BBC "Have your say" page, below its few lines of news and its
questions to the reader; "Comments are closed." or "This discussion is now closed." stands at the
head or the foot of a comment section. A page prints such a line where its comments are, never
inside its report, so the thread starts at it (``closing_line``). A page that opens with it is all
readers' views; it is kept whole, as a page of comments alone is (the cleaner keeps a text it
would empty).
"""

from __future__ import annotations

import re

from briefing.plugins.cleaners.stamps import DATE, TIME, stamp_at

THREAD = 2
"""How many comment openings make a thread."""

# "<stamp>, <user> wrote:" where the user name is one token (a handle), maybe after "At".
_WROTE = re.compile(r",\s*[^\s,:]{2,40}\s+wrote\s*:")
_AT = re.compile(r"(?:(?<=\s)|^)(?:at\s+)?(?=\d)", re.IGNORECASE)
# "Posted by: <user> | <stamp> | Report abuse", "Posted by <user> | Report as abusive", or the
# user's name run into the stamp: "<user> January 28, 2011 at 8:35 am | Report abuse |" (or "|
# Reply").
_SIGNATURE = re.compile(r"(?:posted\s+by:?\s*[^|\n]{1,40}?\s*\|\s*(?:[^|\n]{1,40}\|\s*)?"
                        rf"|(?:{DATE})\s*(?:at\s+)?(?:{TIME})\s*\|\s*)"
                        r"(?:report\s+(?:abuse|as\s+abusive)|(?<=\|\s)reply\b)", re.IGNORECASE)
# "January 28, 2011 05:01 pm at 5:01 pm |": a date, a clock time (maybe twice) and a bar.
_BARE_SIGNATURE = re.compile(rf"(?:{DATE})\s*(?:(?:{TIME})\s*)?(?:at\s+)?(?:{TIME})\s*\|", re.IGNORECASE)


# A page's words about its comments: what they are about ...
_ABOUT_COMMENTS = re.compile(r"\b(?:comments?|commenting|discussion|posts?|posting|moderation|terms\s+of\s+"
                            r"(?:service|use)|rules\s+of\s+conduct|community\s+guidelines)\b", re.IGNORECASE)
# ... and what a policy says of them, to the reader (a news sentence about a public consultation,
# "public comment on the pipeline is now closed", says none of these).
_POLICY = re.compile(r"\b(?:views\s+expressed\s+in\s+(?:the\s+|these\s+)?comments|we\s+welcome\s+(?:your\s+)?"
                     r"comments|(?:this|the)\s+discussion\s+is\s+(?:now\s+)?closed|comments\s+(?:to\s+this\s+"
                     r"\w+\s+)?are\s+(?:now\s+)?closed|comments\s+are\s+not\s+pre-?screened|edit\s+your\s+"
                     r"comments|your\s+comments\s+may\s+be|selection\s+of\s+your\s+comments|will\s+not\s+be\s+"
                     r"displayed|not\s+involved\s+in\s+the\s+moderation|anything\s+you\s+post|posting\s+"
                     r"standards|as\s+long\s+as\s+you\s+follow)\b", re.IGNORECASE)
# "This debate is now closed.", "Comments are closed.", "Comments to this entry are closed."
_CLOSED = re.compile(r"^\W*(?:(?:this|the)\s+(?:debate|discussion)\s+is|comments\s+(?:to\s+this\s+\w+\s+)?"
                     r"are)\s+(?:now\s+)?closed(?:\s+for\s+(?:new\s+)?comments)?\s*[.!]?"
                     r"(?=[ \t]*(?:$|(?-i:[A-Z])))",
                     re.IGNORECASE | re.MULTILINE)
POLICY_WORDS = 40
"""A comment policy is a few sentences; a longer line is an article's paragraph."""


def policy_line(line: str) -> bool:
    """A line of the page's comment policy ("Views expressed in the comments do not represent
    those of Reuters.", "This discussion is now closed.", "Comments are not pre-screened before
    they post."): a site's furniture on every page it prints, whose names ("Reuters", "Terms of
    Service") had become stakeholders of the day."""
    if len(line.split()) > POLICY_WORDS:
        return False
    return bool(_CLOSED.match(line)) or bool(_ABOUT_COMMENTS.search(line) and _POLICY.search(line))


def closing_line(text: str) -> int | None:
    """Where the first line that says the comments are closed starts in ``text`` (None when no
    line says so): a line of the page's comment policy that opens with the closing, said as a
    sentence of its own ("Public comment on the harbour plan is now closed, the council said." and
    "The debate is now closed, the speaker said." are news)."""
    for match in _CLOSED.finditer(text):
        end = text.find("\n", match.start())
        if policy_line(text[match.start():end if end >= 0 else len(text)]):
            return match.start()
    return None


def openings(text: str) -> list[int]:
    """Where each comment opening starts in ``text``."""
    found: list[int] = []
    last = -1  # where the last opening ended: its stamp holds more places a stamp starts
    for start in _AT.finditer(text):
        if start.start() < last:
            continue
        end = stamp_at(text, start.end())
        wrote = _WROTE.match(text, end) if end > start.end() else None
        if wrote:
            found.append(start.start())
            last = wrote.end()
    return found


def signatures(text: str, pattern: re.Pattern[str] = _SIGNATURE) -> list[int]:
    """Where each comment signature's line starts in ``text`` (signatures of ``pattern``)."""
    return [text.rfind("\n", 0, match.start()) + 1 for match in pattern.finditer(text)]


def thread_start(text: str) -> int | None:
    """Where the readers' comment thread begins (None when the text has none)."""
    kinds = (openings(text), signatures(text), signatures(text, _BARE_SIGNATURE))
    starts = [found[0] for found in kinds if len(found) >= THREAD]
    closing = closing_line(text)
    return min([*starts, *([] if closing is None else [closing])], default=None)
