"""The site's own name at the end of a headline ("... | CSO Online", "... - BBC News").

Web pages, and many feeds, title an article "<headline> <separator> <site name>", sometimes with
the site's tagline after it. The tail is furniture: printed in a story's heading or a list of
sources it says nothing of the event, and every article of one site shares it, so to the story
grouping's title channel two unrelated articles of one site look alike.

A tail is cut only when it names the site the article came from, judged from the article itself:
its URL's host ("CSO Online" for csoonline.com, "High-Tech Bridge" for htbridge.com, "The Wall
Street Journal" for wsj.com, "Naked Security" for nakedsecurity.sophos.com), that host written as
a domain ("| afr.com"), the section its path opens with ("TrendLabs Security Intelligence Blog"
for blog.trendmicro.com/trendlabs-security-intelligence/<slug>), or its source's name (the feed's
or site's title). A dash inside a headline ("Brexit - what happens next | BBC News") is kept,
because what follows it names no site; a title without a URL or a source is left as it is. A
title with no such tail may open with the site's name instead ("SecurityBrief NZ - Phishing
scammers target PayPal"), which goes when at least three words of headline follow it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » " between a headline and a site's name.
SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
# Second-level labels under which a country's registrable names sit (bbc.co.uk, abc.net.au).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"})
_MIN_PREFIX = 5  # a host's name may be the start of a longer site name only from this length


def without_site_name(title: str, source: str | None, url: str | None) -> tuple[str, str]:
    """``title`` less a tail, or else a head, that names the article's site, and what was cut ("" when
    nothing was): "<headline> | CSO Online", "SecurityBrief NZ - <headline>"."""
    names = site_names(source, url)
    if not names:
        return title, ""
    separators = list(SEPARATOR.finditer(title))
    for k, separator in enumerate(separators):
        segment = SEPARATOR.split(title[separator.end():], maxsplit=1)[0]
        if not names_site(segment, names):
            continue
        cut, before = separator.start(), k - 1
        while before >= max(0, k - 2) and _section_name(title[separators[before].end():cut]):
            cut, before = separators[before].start(), before - 1  # "... | World | News | Express"
        head = title[:cut].strip()
        if len(head.split()) >= 2:
            return head, title[cut:].strip()
    first = SEPARATOR.search(title)
    if first is not None:
        rest = title[first.end():].strip()
        if len(rest.split()) >= 3 and names_site(title[:first.start()], names):
            return rest, title[:first.end()].strip()
    return title, ""


def _section_name(segment: str) -> bool:
    """One to three capitalised words of letters only, as a site's section before its name
    ("Security", "World News"): up to two of them go with the name."""
    words = segment.split()
    return 1 <= len(words) <= 3 and all(word[0].isupper() and word.replace("-", "").isalpha()
                                        for word in words)


def site_names(source: str | None, url: str | None) -> set[str]:
    """The compact (lower-case, letters and digits only) names the article's site goes by."""
    names = {compact(source)} if source else set()
    host = (urlsplit(url).hostname or "") if url and "://" in url else ""
    labels = [label for label in host.lower().split(".") if label and label != "www"]
    if url and len(labels) >= 2:
        registrable = len(labels) - (3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 2)
        # the registrable name and a publication's own subdomain (nakedsecurity.sophos.com,
        # motherboard.vice.com); not a generic one ("news.", "m.")
        names.update(compact(label) for label in labels[:registrable + 1]
                     if label == labels[registrable] or len(label) >= _MIN_PREFIX)
        names.add(compact(".".join(labels[registrable:])))  # written as its domain: "| afr.com"
        section = _section(url)
        if section:
            names.add(section)
    return {name for name in names if len(name) >= 2}


def _section(url: str) -> str:
    """The compact first part of the URL's path when more of the path follows it and it is made
    of words: the section a blog or magazine names itself by ("/trendlabs-security-intelligence/
    <slug>" for "... - TrendLabs Security Intelligence Blog"); never the article's own slug."""
    parts = [part for part in urlsplit(url).path.split("/") if part]
    if len(parts) < 2 or not re.fullmatch(r"[A-Za-z]+(?:[-_][A-Za-z]+)+", parts[0]):
        return ""
    name = compact(parts[0])
    return name if len(name) >= 2 * _MIN_PREFIX else ""


def names_site(segment: str, names: set[str]) -> bool:
    """Whether a title segment is one of the site's names, spelt out or shortened as hosts are."""
    words = [compact(word) for word in re.split(r"[\s\-‐–]+", segment)]
    words = [word for word in words if word]
    if not words or len(words) > 6:
        return False
    spellings = {"".join(words)}  # "The Register": theregister.co.uk
    if words[0] == "the" and len(words) > 1:
        words = words[1:]
    spellings |= {"".join(words), words[0],
                 "".join(word[0] for word in words),  # The Wall Street Journal: wsj
                 "".join(word[0] for word in words[:-1]) + words[-1]}  # High-Tech Bridge: htbridge
    whole = "".join(words)
    # or one is the start of the other: "slashcrypto's page" on slashcrypto.org; "Reuters" in
    # "Reuters World News"
    return any(name in spellings or (min(len(whole), len(name)) >= _MIN_PREFIX
                                     and (whole.startswith(name) or name.startswith(whole)))
               for name in names)


def compact(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())
