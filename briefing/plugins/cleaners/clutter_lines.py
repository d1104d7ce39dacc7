"""Lines that are clutter by themselves: what a page's interface, not its article, says.

Navigation bars ("Read more", "Share"), teasers for other pages ("Related: ..."), calls to action
aimed at a channel ("Subscribe to our newsletter"), photo and wire credits ("via Reuters", "Photo:
..."), widget labels ("Open Gallery"), a media player's message about the reader's browser ("Can not
play media."), an embedded feed's entries ("@AC360 8:42 pm ET February 11, 2013 RETWEET ..."), and
the page's comment policy (comments.policy_line). Each is told by general web vocabulary and the
line's shape, never by a list of sites; the boilerplate cleaner applies them line by line and
decides with what stands around a line (its neighbours, the lines before it) what they cannot.
"""

from __future__ import annotations

import re

from briefing.plugins.cleaners import comments
from briefing.plugins.cleaners.stamps import HAS_DATE
from briefing.plugins.text.headlines import ends_like_sentence
from briefing.plugins.text.words import FUNCTION_WORDS, word_set, words

# Words of site navigation and sharing bars (common web UI vocabulary).
NAVIGATION_WORDS = word_set("""
read more related also share shares subscribe follow sign click tap here go menu advertisement advert
ad ads sponsored home next previous prev back top comments comment print email login log register
newsletter continue reading see show hide close skip content tags tag topics latest trending popular
view story stories article articles recommended watch listen now search tweet like cookie cookies accept
load full expand whatsapp facebook twitter telegram instagram linkedin reddit pinterest youtube x
feed rss donate support page up out
""")
# Labels of image and media widgets.
WIDGET_WORDS = word_set("""
open close image images photo photos picture gallery modal slideshow expand collapse toggle caption
fullscreen enlarge zoom play pause embed carousel lightbox video view media thumbnail
""")
# Imperatives that start a call to action, and what they are aimed at.
CTA_START = re.compile(r"^(get|join|subscribe|follow|sign\s+up|download|click|tap|visit|like|share|install|"
                       r"watch|listen|support|donate|register|send|find\s+us|read\s+us|bookmark|paste|"
                       r"copy\s+(?:and\s+paste|the\s+(?:url|link|address)))\b", re.IGNORECASE)
_CHANNELS = (r"\b(channel|newsletter|inbox|e-?mails?|app|podcast|feed|telegram|twitter|tweets?|facebook|"
             r"instagram|youtube|whatsapp|tiktok|linkedin|url|website|sites?)\b|https?://|www\.|"
             r"\b[\w-]+\.(com|org|net|info|news|tv|io|co|me|[a-z]{2})\b")
CTA_TARGET = re.compile(rf"{_CHANNELS}|\b(us|our|here|link)\b", re.IGNORECASE)
# A longer call to action names its channel ("Copy the URL and paste into your emails or Tweets, or
# post on your favorite sites."); "us", "our" and "here" end too many sentences that open with "Like"
# or "Listen to" ("Listen to X: 'We are dying a slow death here.'").
CTA_CHANNEL = re.compile(_CHANNELS, re.IGNORECASE)
CTA_WORDS, CTA_CHANNEL_WORDS = 15, 20
# Someone's words quoted at length make a line a report, whatever verb opens it.
QUOTED = re.compile(r"[\"“][^\"“”]{20,}[\"”]")
# A media player's or a page's message about what the reader's browser can show: "Can not play
# media.", "This media is not available in your territory.", "To play this content JavaScript must be
# turned on and the latest Flash player installed." (an interface element's words, like a widget's).
PLAYER_THING = re.compile(r"\b(javascript|flash|plug-?in|browser|media|video|audio|playback|player)\b",
                          re.IGNORECASE)
PLAYER_MESSAGE = re.compile(r"\b(not\s+available|unavailable|unsupported|not\s+supported|can\s*not\s+(be\s+)?"
                            r"play(ed)?|unable\s+to\s+play|must\s+be\s+(turned\s+on|enabled|installed)|"
                            r"enable\s+javascript|turn\s+on\s+javascript|upgrade\s+your)\b", re.IGNORECASE)
# The button a feed of tweets prints in each entry, in capitals.
TWEET_BUTTON = re.compile(r"\b(?:RETWEET|REPLY|FAVORITE)\b")
RELATED = re.compile(r"^(read|see)\s+(also|more)\s*[:\-–—]|^related(\s+(articles?|stories|news|content))?"
                     r"\s*[:\-–—]|^more\s+on\s+this\s+story\s*[:\-–—]?", re.IGNORECASE)
# Major photo and wire agencies (publicly known credit names) and credit labels.
AGENCY_WORDS = word_set("""
getty images afp ap reuters epa shutterstock alamy anadolu xinhua sipa rex pa tass efe ansa dpa bloomberg
istock istockphoto corbis
""")
CREDIT_LABEL = re.compile(r"^(photo|photograph|photos|image|images|picture|video|illustration|graphic|"
                          r"credit|credits|photo\s+credit|source|sources|file\s+photo)\s*(by\b|:|/|-|–)",
                          re.IGNORECASE)
VIA_CREDIT = re.compile(r"^via\s+[A-Z][\w.&'’-]*(\s+[A-Z&][\w.&'’-]*)*\s*$")
SOURCE_LINE = re.compile(r"^[-–—]*\s*source\b", re.IGNORECASE)
WIRE_ALONE = re.compile(r"^[\s(\-–—]*[A-Z][A-Za-z]{1,12}[\s)]*$")
def title_case(line: str) -> bool:
    """Every word capitalised but the function words: a label, not a sentence."""
    tokens = [t for t in re.findall(r"[^\W\d_][\w'’-]*", line)]
    return bool(tokens) and all(t[0].isupper() or t.casefold() in FUNCTION_WORDS for t in tokens)


def line_rule(line: str, max_short_words: int = 6) -> str | None:
    """The rule that makes a line clutter by itself (navigation, related_link, call_to_action,
    credit, widget, comments), or None; a line of at most ``max_short_words`` words may be a
    navigation bar or a widget label."""
    tokens = words(line)
    sentence = ends_like_sentence(line)
    short = len(tokens) <= max_short_words
    if not sentence and short and tokens and all(
            t in NAVIGATION_WORDS or t in FUNCTION_WORDS for t in tokens) and any(
            t in NAVIGATION_WORDS for t in tokens):
        return "navigation"
    if len(tokens) <= 25 and RELATED.search(line):
        return "related_link"
    if call_to_action(line, len(tokens)):
        return "call_to_action"
    if credit(line, tokens, sentence):
        return "credit"
    if not sentence and short and title_case(line) and any(t in WIDGET_WORDS for t in tokens):
        return "widget"
    if len(tokens) <= 25 and PLAYER_THING.search(line) and PLAYER_MESSAGE.search(line):
        return "widget"
    if TWEET_BUTTON.search(line) and HAS_DATE.search(line):
        return "widget"  # an embedded feed's entry: "@AC360 8:42 pm ET February 11, 2013 RETWEET ..."
    if comments.policy_line(line):
        return "comments"
    return None

def navigation_prefix(line: str) -> int:
    """Where a navigation bar that a line opens with ends ("This Story: Read + | Watch + | Talk + |
    DUBAI: ..."), 0 when it opens with none: segments of at most three words, each before a "|",
    at least two and most of them navigation words only."""
    end = 0
    segments: list[list[str]] = []
    for match in re.finditer(r"([^|]*)\|", line):
        tokens = words(match.group(1))
        if len(tokens) > 3 or re.search(r"[.!?]", match.group(1)):
            break
        segments.append(tokens)
        end = match.end()
    navigation = sum(1 for tokens in segments if tokens and all(
        t in NAVIGATION_WORDS or t in FUNCTION_WORDS for t in tokens))
    return end if navigation >= 2 and 2 * navigation > len(segments) else 0


def without_navigation_bars(text: str, title: str) -> tuple[str, str, list[dict[str, str]]]:
    """The text's lines and the title without the navigation bar each opens with, and what went."""
    removed: list[dict[str, str]] = []

    def cut(line: str) -> str:
        end = navigation_prefix(line)
        if not end:
            return line
        removed.append({"rule": "navigation", "line": line[:end].strip()})
        return line[end:].strip()

    return "\n".join(cut(line) for line in text.split("\n")), cut(title), removed


def call_to_action(line: str, count: int) -> bool:
    """An imperative aimed at a channel, a link or the site itself, that quotes no one."""
    if not CTA_START.search(line) or QUOTED.search(line):
        return False
    return bool((count <= CTA_WORDS and CTA_TARGET.search(line))
                or (count <= CTA_CHANNEL_WORDS and CTA_CHANNEL.search(line)))


def credit(line: str, tokens: list[str], sentence: bool) -> bool:
    """A photo or wire credit: "via <Agency>", "Photo: ...", "Image: X / Getty Images", "(Reuters)",
    "Source: ..." without a sentence."""
    if len(tokens) > 12:
        return False
    if VIA_CREDIT.match(line) or CREDIT_LABEL.match(line):
        return True
    if not sentence and SOURCE_LINE.match(line) and len(tokens) <= 8:
        return True
    credit_words = [t for t in tokens if t in AGENCY_WORDS]
    if credit_words and title_case(line) and len(tokens) <= 6 and not sentence:
        return True
    return bool(WIRE_ALONE.match(line) and "(" in line and tokens and tokens[0] in AGENCY_WORDS)
