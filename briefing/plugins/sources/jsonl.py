"""Source ``jsonl``: one article per line of a JSON Lines file (exports, scrapers, other tools).

Each line is an object with ``text`` and optionally ``title``, ``url``, ``published`` (ISO 8601)
and ``source``; other keys are kept in the article's ``meta``. Without a title, the text's first
line is the title when it reads as a headline (text/headlines), else the text's first sentence
stands in (``meta["title_from_text"]``, lent again by a cleaner once a dateline is off it), never
the whole lead paragraph. The text itself is kept whole either way: the article's id, which
other tools may hold, is the text's. HTML character references in the
title and text ("&amp;", "&#8217;", which exports of web content often keep) become the
characters they stand for. A line that is not such an object is
reported with its file and line number, and the other lines still make the briefing: one bad row
in a nightly export should not cost the whole day.

The file is read a line at a time, so it may be as large as it likes; ``max_bytes`` limits one
line (one article), like the other sources' limit on one file or page, and a longer line is
skipped without being read into memory whole.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from briefing import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    Article,
    InputError,
    RunContext,
    Source,
    hookimpl,
    make_article,
)
from briefing.plugins.sources.files import shown_path
from briefing.plugins.text.headlines import opening_headline

KNOWN_KEYS = {"title", "text", "url", "published", "source"}


@dataclass(frozen=True)
class JsonlOptions:
    path: Path
    """The JSON Lines file: one object per line with title and text (url, published, source optional)."""
    encoding: str = "utf-8"
    """The file's text encoding."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """A longer line (one article) is reported and left out."""
    max_chars: int = DEFAULT_MAX_CHARS
    """Longer articles are reported and left out."""


class JsonlSource(Source[JsonlOptions]):
    options_class = JsonlOptions

    def collect(self, context: RunContext) -> Iterator[Article]:
        path = self.options.path
        shown = shown_path(path, context.base_dir)
        if not path.is_file():
            raise InputError(shown, "no such file")
        try:
            "".encode(self.options.encoding)
        except LookupError:
            raise InputError(shown, f"unknown encoding {self.options.encoding!r}") from None
        limit = self.options.max_bytes
        with path.open("rb") as lines:
            for number, raw in enumerate(limited_lines(lines, limit), start=1):
                if raw is None:
                    context.report(InputError(shown, f"line is over the {limit:,}-byte limit "
                                                     "(max_bytes)", line=number))
                    continue
                try:
                    line = raw.decode(self.options.encoding)
                except UnicodeDecodeError as error:  # the whole file, most likely: stop here
                    raise InputError(shown, f"not valid {self.options.encoding} text ({error.reason}); "
                                            "set the source's 'encoding'") from None
                if not line.strip():
                    continue
                try:
                    yield parse_line(line, shown)
                except InputError as error:
                    context.report(InputError(error.where, error.message, line=number))


def limited_lines(file: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The file's lines, each as bytes, or None for a line over ``limit`` bytes (skipped unread)."""
    while True:
        line = file.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):  # at most ``limit`` bytes before the \n
            yield line
            continue
        while line and not line.endswith(b"\n"):  # the rest of the long line, a chunk at a time
            line = file.readline(1 << 20)
        yield None


def parse_line(line: str, shown: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(shown, f"not valid JSON: {error.msg} (column {error.colno})") from None
    if not isinstance(record, dict):
        raise InputError(shown, f"expected a JSON object, got {type(record).__name__}")
    text, title = record.get("text"), record.get("title")
    if not isinstance(text, str) or not text.strip():
        raise InputError(shown, "missing 'text' (a non-empty string)")
    if title is not None and not isinstance(title, str):
        raise InputError(shown, "'title' must be a string")
    url = record.get("url")
    if url is not None and not isinstance(url, str):
        raise InputError(shown, "'url' must be a string")
    source = record.get("source")
    meta: dict[str, Any] = {k: v for k, v in record.items() if k not in KNOWN_KEYS}
    text, title = _unescaped(text).strip(), _unescaped(title).strip() if title else ""
    if not title:  # a headline line opening the text, or its lead's first sentence (lent)
        title, _, lent = opening_headline(text)
        if lent:
            meta["title_from_text"] = True
    return make_article(text, title=title, url=url or None,
                        source=source if isinstance(source, str) and source else shown,
                        published_at=_published(record.get("published"), shown), meta=meta)


# An HTML character reference: exports of web content often keep "&amp;" or "&#8217;" as written.
_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


# The same, escaped once more ("&amp;apos;"): exports that escape text already escaped.
_TWICE = re.compile(r"&amp;(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


def _unescaped(value: str) -> str:
    """``value`` with HTML character references as the characters they stand for ("&amp;" -> "&"),
    twice where a reference was itself escaped ("Wikileaks&amp;apos;" -> "Wikileaks'")."""
    if not _ENTITY.search(value):
        return value
    once = html.unescape(value)
    return html.unescape(once) if _TWICE.search(value) else once


def _published(value: Any, shown: str) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(shown, f"'published' must be an ISO 8601 string, got {value!r}")
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(shown, f"'published' is not an ISO 8601 date: {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@hookimpl
def register_sources(register: Callable[[str, Any], None]) -> None:
    register("jsonl", JsonlSource)
