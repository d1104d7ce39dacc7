"""The regular grammar of date mentions in English news text.

One compiled alternation with a named group per form, longest forms first: Python's alternation
takes the first alternative that matches at a position, so "Tuesday, 22 April 2013" is read as one
full date rather than a weekday followed by a day and a month. `dates.py` resolves what it finds.

Month names must be capitalised ("may" and "march" are also verbs), abbreviations may carry a full
stop ("Sept."), and separators tolerate the spaces that tokenised text puts before commas
("April 22 , 2013").
"""

from __future__ import annotations

import re

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)(?![A-Za-z])")
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?![A-Za-z])"
_DAY = r"(?<![\d.,:/$£€])[0-3]?\d(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?<![\d.,$£€])(?:1[89]\d\d|20\d\d)(?![\d%]|s\b|'s)"
_SEP = r"\s*,?\s*"
_LEAD = rf"(?:{_WEEKDAY}\s*,?\s*)?"  # "Tuesday, 22 April": the weekday belongs to the date
_COUNT = r"(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
_FUTURE = (r"(?:will|'ll|wo\s*n't|shall|is\s+to|are\s+to|(?:is|are|was|were)\s+(?:due|expected|scheduled|"
           r"set|going|planned)\s+to|plans?\s+to|planning\s+to|intends?\s+to|next|upcoming|coming)")

GRAMMAR = re.compile(
    "|".join([
        # 22 April 2013 · Saturday, 25 April 2009 · the 22nd of April
        rf"(?P<dmy>{_LEAD}(?:the\s+)?(?P<dmy_d>{_DAY})(?:\s+of)?\s+(?P<dmy_m>{_MONTH})"
        rf"(?:{_SEP}(?P<dmy_y>{_YEAR}))?)",
        # April 22, 2013 · Sept. 15 · Tuesday, April 22
        rf"(?P<mdy>{_LEAD}(?P<mdy_m>{_MONTH})\s*(?P<mdy_d>{_DAY})(?:{_SEP}(?P<mdy_y>{_YEAR}))?)",
        # 2013-04-22
        r"(?P<iso>(?<![\d/.-])(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]?\d)-(?P<iso_d>[0-3]?\d)(?![\d-]))",
        # 22/04/2013 · 04/22/13 · 22.04.2013
        r"(?P<num>(?<![\d/.])(?P<num_a>[0-3]?\d)(?P<num_sep>[/.])(?P<num_b>[0-3]?\d)(?P=num_sep)"
        r"(?P<num_y>(?:19|20)\d\d|(?<=/)\d\d)(?![\d/]))",
        # the day before yesterday · yesterday · tonight · this morning · last night
        r"(?P<rel>\b(?i:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow"
        r"|last\s+night|this\s+(?:morning|afternoon|evening))\b)",
        # three days ago · a year ago
        rf"(?P<ago>\b(?i:(?P<ago_n>{_COUNT})\s+(?P<ago_unit>day|week|month|year)s?\s+ago)\b)",
        # last Tuesday · on Friday night · next Monday
        rf"(?P<wd>(?:\b(?P<wd_mod>(?i:last|next|this|coming))\s+)?(?P<wd_day>{_WEEKDAY}))",
        # last month · earlier this year · next year
        r"(?P<relper>\b(?i:(?P<relper_mod>last|next|this|earlier\s+this|later\s+this)\s+"
        r"(?P<relper_unit>month|year))\b)",
        # in April 2010 · last May · mid-June · April
        rf"(?P<my>(?:\b(?P<my_mod>(?i:last|next|this|in|since|until|till|by|during|from|through|"
        rf"early|late|mid-?|end\s+of|beginning\s+of|start\s+of|the\s+end\s+of|of|before|after))\s*)?"
        rf"(?P<my_m>{_MONTH})(?:{_SEP}(?P<my_y>{_YEAR}))?)",
        # in 2011 · since 1998 · mid-2009; a bare 2008 is not read: it may be a count
        rf"(?P<year>\b(?i:in|since|until|till|by|during|from|through|throughout|before|after|"
        rf"early|late|mid-|end\s+of|the\s+year)(?:\s+|(?<=-))(?P<year_y>{_YEAR}))",
    ])
)

# The words no date mention is without: `find_dates` looks for these first and tries the grammar
# only from the few words before each, which is some twenty times faster than running the
# alternation at every position of the text.
ANCHOR = re.compile(
    rf"\b(?:{_MONTH}|{_WEEKDAY}|(?i:yesterday|today|tonight|tomorrow|night|morning|afternoon|"
    r"evening|ago|month|year)\b"
    # a number only where a date can start with it: news text is full of other numbers
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|\d{{1,4}}[/.-]\d|(?:1[89]|20)\d\d(?!\d)"
    r"|\d{1,2}\s+(?i:day|week|month|year)s?\s+ago)"
)
WORD_START = re.compile(r"\b\w")
LOOK_BACK_WORDS, LOOK_BACK_CHARS = 4, 40

FUTURE_CUE = re.compile(rf"\b{_FUTURE}\b", re.IGNORECASE)
PAST_CUE = re.compile(r"\b(?:was|were|had|did|said|told|came|went|began|took|left|met|fell|rose|sank|held|"
                      r"won|lost|made|gave|saw|found|got|broke|spoke|sent|paid|brought|became|struck|"
                      r"shot|fled|fought|stood|sold|bought|wrote|chose|flew|grew|knew|threw|[a-z]{2,}ed)\b",
                      re.IGNORECASE)
# Where a sentence ends, for finding the clause a mention sits in without the sentence offsets.
SENTENCE_END = re.compile(r"[.!?]\s|\n")
