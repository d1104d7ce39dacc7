"""Cleaner ``boilerplate``: drop the page clutter that scraping leaves between paragraphs.

It works line by line, by general rules about what clutter looks like, never by lists of strings
from particular sites. A line is clutter when it is

- ``navigation``: a short line without sentence punctuation made only of navigation words
  ("read more", "see all", "share", "menu", "advertisement") and function words, and a bar of
  such links a line opens with ("This Story: Read + | Watch + | Talk + | ...");
- ``related_link``: a "Read more: ..." / "See also: ..." / "Related: ..." teaser for another page;
- ``call_to_action``: a short imperative ("subscribe", "follow", "get access", "download", "join")
  aimed at a channel, an app, a newsletter, a social network or a web address;
- ``credit``: a photo or wire credit ("via <Agency>", "Photo: ...", "Image: X / Getty Images",
  "(Reuters)", "Source: ..." without a sentence);
- ``widget``: a short Title Case label of an interface element ("Open Gallery", "Expand Image"),
  a short Title Case line without punctuation right beside a credit or another widget, or a media
  player's message about the reader's browser ("Can not play media.", "This media is not available
  in your territory."), or an embedded feed's entry ("@AC360 8:42 pm ET February 11, 2013 RETWEET
  ...");
- ``caption``: a line without sentence punctuation between an image widget and its credit. Off by
  default: a caption is content (it often is where an article says who a pictured person is, e.g.
  "Finance Minister Jane Doe, left, ..."), so by default only the widget and the credit around it
  go. The facts extractor and the summarisers skip caption-like lines themselves
  (text.similarity.caption_like); list ``caption`` in ``rules`` to drop captions here as well;
- ``repeated``: the headline repeated in the body, or a line that repeats an earlier one.
- ``wire``: agency furniture (wire_copy): datelines and date stamps, the headline glued to the body,
  bylines, share bars, credit, standards and copyright lines, notes about the copy ("This story
  has been updated"), also inside lines that lost their breaks. An undated article takes the date
  its dateline gives.
- ``site_name``: not a line but the end of the title when it names the article's own site
  ("... | CSO Online"; site_names), recorded like a removed line.
- ``comments``: the readers' comment thread scraped below an article, from its first "At
  <stamp>, <user> wrote:" on (comments), recorded with its first line and length; and each line
  of the page's comment policy ("This discussion is now closed.").

A line that ends like a sentence is only ever removed as an exact repeat, a credit, a call to
action, a player's message or a comment policy, so real sentences, quotes and one-line paragraphs
survive. The tests of a line by itself are in clutter_lines; this module orders the rules and
judges what a line's neighbours and the lines before it say. Every removal is recorded in
``article.meta["removed_lines"]`` as ``{"rule": ..., "line": ...}`` so the cleaning is auditable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from briefing import Article, Cleaner, hookimpl
from briefing.plugins.cleaners import comments, wire_copy
from briefing.plugins.cleaners.clutter_lines import line_rule, title_case, without_navigation_bars
from briefing.plugins.cleaners.disclaimers import without_disclaimers
from briefing.plugins.cleaners.repeats import SeenLines
from briefing.plugins.cleaners.site_names import without_site_name
from briefing.plugins.cleaners.stamps import stamp_at, stamp_date, unstamped_title
from briefing.plugins.text.headlines import ends_like_sentence, first_sentence, glued_headline
from briefing.plugins.text.similarity import caption_like, near_duplicate
from briefing.plugins.text.words import words

RULES = ("navigation", "related_link", "call_to_action", "credit", "widget", "caption", "repeated", "wire",
         "site_name", "comments")
DEFAULT_RULES = tuple(rule for rule in RULES if rule != "caption")

@dataclass(frozen=True)
class CleanerOptions:
    rules: list[str] = field(default_factory=lambda: list(DEFAULT_RULES))
    """Which kinds of clutter to remove: navigation, related_link, call_to_action, credit, widget,
    caption (off by default: a caption is content), repeated, wire, site_name (of the title),
    comments (a readers' comment thread below the article)."""
    max_short_words: int = 6
    """A line of at most this many words may be a navigation bar or a widget label; longer lines never are."""
    near_duplicate: float = 0.8
    """How much of a line's content words must repeat the headline or an earlier line (0..1) for it to
    count as repeated."""


class BoilerplateCleaner(Cleaner[CleanerOptions]):
    options_class = CleanerOptions

    def __init__(self, options: CleanerOptions) -> None:
        super().__init__(options)
        unknown = sorted(set(options.rules) - set(RULES))
        if unknown:
            raise ValueError(f"boilerplate cleaner: unknown rule(s) {unknown}; known: {', '.join(RULES)}")

    def clean(self, article: Article) -> Article:
        cleaned = self._clean(self._without_clutter_title(article))
        if cleaned.meta.get("title_from_text"):
            # the source had no headline and lent the text's first sentence: its headline may
            # have run into the lead; else lend the first sentence again, from the text without
            # its furniture ("LONDON (Reuters) - ...")
            cleaned = self._glued_headline(cleaned) or replace(
                cleaned, title=first_sentence(cleaned.text) or cleaned.title)
        return cleaned

    def _glued_headline(self, article: Article) -> Article | None:
        """The article with the headline that ran into its lead (text.headlines.glued_headline)
        as its title and off its text, or None when the text opens with none."""
        if "wire" not in self.options.rules:  # the headline glued to the body is wire furniture
            return None
        text = article.text.lstrip()
        line = text.split("\n", 1)[0]
        found = wire_copy.stamped_headline(line)  # a headline, a date stamp, the lead
        if found is None:
            end = glued_headline(line)
            found = (line[:end].strip(), end) if end else None
        if found is None or wire_copy.is_place(found[0]):  # a dateline is no headline
            return None
        headline, end = found
        removed = [*article.meta.get("removed_lines", []), {"rule": "headline", "line": line[:end].strip()}]
        return replace(article, title=headline, text=text[end:].lstrip(),
                       meta={**article.meta, "title_from_text": False, "removed_lines": removed})

    def _clean(self, article: Article) -> Article:
        if "site_name" in self.options.rules and article.title:
            article = self._without_site_name(article)
        if "comments" in self.options.rules:
            article = self._without_comments(article)
        if "navigation" in self.options.rules:
            article = self._without_navigation_bars(article)
        if "credit" in self.options.rules:
            article = self._without_disclaimers(article)
        if "wire" in self.options.rules:
            article = self._without_wire_copy(article)
        lines = article.text.split("\n")
        # a title lent by the text itself is no headline for the text to repeat
        verdicts = self.classify(lines, "" if article.meta.get("title_from_text") else article.title)
        removed = [{"rule": rule, "line": lines[i].strip()} for i, rule in sorted(verdicts.items())]
        if not removed:
            return article
        kept = [line for i, line in enumerate(lines) if i not in verdicts]
        if not any(line.strip() for line in kept):
            return replace(article, meta={**article.meta,
                                          "cleaner_note": "every line looked like clutter; kept the text"})
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
        removed = [*article.meta.get("removed_lines", []), *removed]
        return replace(article, text=text, meta={**article.meta, "removed_lines": removed})

    def _without_clutter_title(self, article: Article) -> Article:
        """A title that is itself clutter ("Get Wonkbook delivered to your inbox every morning.", the
        first line of a newsletter's page, taken for its headline) is no title: the text lends its
        first sentence instead, as for a page without a headline."""
        title = article.title.strip()
        lent = article.meta.get("title_from_text")
        rule = line_rule(title, self.options.max_short_words) if title and not lent else None
        if rule is None or rule not in self.options.rules:
            return article
        removed = [*article.meta.get("removed_lines", []), {"rule": rule, "line": title}]
        return replace(article, title="", meta={**article.meta, "title_from_text": True,
                                                "removed_lines": removed})

    @staticmethod
    def _without_comments(article: Article) -> Article:
        """The article without the readers' comment thread scraped below it (cleaners.comments);
        the removed record holds the thread's first line and its length."""
        start = comments.thread_start(article.text)
        kept = article.text[:start].rstrip() if start is not None else ""
        if start is None or not kept.strip():
            return article
        thread = article.text[start:]
        entry = {"rule": "comments", "line": thread.split("\n", 1)[0].strip(), "chars": len(thread)}
        removed = [*article.meta.get("removed_lines", []), entry]
        return replace(article, text=kept, meta={**article.meta, "removed_lines": removed})

    @staticmethod
    def _without_navigation_bars(article: Article) -> Article:
        """Lines (and a title) without the navigation bar they open with (clutter_lines)."""
        text, title, removed = without_navigation_bars(article.text, article.title)
        if not removed or not text.strip():
            return article
        return replace(article, text=text, title=title, meta={
            **article.meta, "removed_lines": [*article.meta.get("removed_lines", []), *removed]})

    @staticmethod
    def _without_disclaimers(article: Article) -> Article:
        """The text without a columnist's note and a site's disclaimer (cleaners.disclaimers); a
        biography taken for the headline goes too, and the text lends its first sentence instead."""
        lent = bool(article.meta.get("title_from_text"))
        text, title, removed = without_disclaimers(article.text, article.title, lent)
        if not removed or not text.strip():  # nothing but a note: keep it, as for all clutter
            return article
        return replace(article, text=text, title=title, meta={
            **article.meta, "title_from_text": lent or not title,
            "removed_lines": [*article.meta.get("removed_lines", []), *removed]})

    @staticmethod
    def _without_site_name(article: Article) -> Article:
        title, tail = without_site_name(article.title, article.source, article.url)
        if not tail:
            return article
        removed = [*article.meta.get("removed_lines", []), {"rule": "site_name", "line": tail}]
        return replace(article, title=title, meta={**article.meta, "removed_lines": removed})

    @staticmethod
    def _without_wire_copy(article: Article) -> Article:
        lent = bool(article.meta.get("title_from_text"))
        title, stamp = unstamped_title(article.title)
        joined = wire_copy.joined_tickers(article.text)
        text, pieces, date = wire_copy.strip(joined, "" if lent else title)
        if stamp:  # "May 27, 2010 20:34 UTC There was ...", a headline opened by the page's stamp
            pieces = [("dateline", stamp), *pieces]
            date = date or stamp_date(stamp)
        if not pieces or not text.strip():
            return article if joined == article.text else replace(article, text=joined)
        removed = [*article.meta.get("removed_lines", []), *({"rule": r, "line": p} for r, p in pieces)]
        if title and stamp_at(title.strip()) == len(title.strip()):
            # a title taken from the text's first line, which was only its date stamp
            title = next((line.strip() for line in text.splitlines() if line.strip()), title)
        return replace(article, text=text, title=title, published_at=article.published_at or date,
                       meta={**article.meta, "removed_lines": removed})

    def classify(self, lines: list[str], title: str) -> dict[int, str]:
        """Line index -> rule that removes it."""
        enabled = set(self.options.rules)
        verdicts: dict[int, str] = {}
        seen = SeenLines()
        for i, raw in enumerate(lines):
            line = raw.strip()
            if not line:
                continue
            rule = line_rule(line, self.options.max_short_words)
            if rule is None and "repeated" in enabled and self._repeats(line, title, seen):
                rule = "repeated"
            if rule in enabled:
                verdicts[i] = rule
            else:
                seen.add(line)
        self._neighbours(lines, verdicts, enabled)
        return verdicts

    def _repeats(self, line: str, title: str, seen: SeenLines) -> bool:
        folded = " ".join(words(line))
        if not folded:
            return False
        if folded in seen.folded:
            return True
        if ends_like_sentence(line):
            return False
        threshold = self.options.near_duplicate
        if title and near_duplicate(line, title, threshold):
            return True
        return seen.near_fragment(line, threshold)


    def _neighbours(self, lines: list[str], verdicts: dict[int, str], enabled: set[str]) -> None:
        """Widgets and captions known by what sits next to them (an image block)."""
        filled = [i for i, line in enumerate(lines) if line.strip()]
        for position, i in enumerate(filled):
            if i in verdicts:
                continue
            line = lines[i].strip()
            if ends_like_sentence(line):
                continue
            before = verdicts.get(filled[position - 1]) if position > 0 else None
            after = verdicts.get(filled[position + 1]) if position + 1 < len(filled) else None
            image_block = {"credit", "widget"}
            tokens = words(line)
            if ("widget" in enabled and len(tokens) <= 5 and title_case(line) and not caption_like(line)
                    and (before in image_block or after in image_block)):
                verdicts[i] = "widget"
            elif "caption" in enabled and len(tokens) <= 40 and before == "widget" and after == "credit":
                verdicts[i] = "caption"


@hookimpl
def register_cleaners(register: Callable[[str, type], None]) -> None:
    register("boilerplate", BoilerplateCleaner)
