"""Source ``folder``: plain-text and Markdown articles from a folder on disk.

The first non-empty line of a file is its headline when it reads as one (a Markdown heading, or a
short line that is not a long sentence: text/headlines); the rest is the article. A file that
opens with its lead paragraph instead keeps it as text, and its first sentence stands in for the
title until a cleaner has taken the furniture off it (``meta["title_from_text"]``). Files that
cannot be read as text (empty, binary, not in the configured encoding, too large) are reported
one by one, naming the file, and the other files still make the briefing. A file hard-wrapped at a
fixed width (email, terminal dumps) has its paragraphs' lines put back together first
(text/wrapping), so a headline or sentence cut by the wrap is read whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

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
from briefing.plugins.sources.files import matching_files, read_limited, shown_path
from briefing.plugins.text.headlines import opening_headline
from briefing.plugins.text.wrapping import unwrapped


@dataclass(frozen=True)
class FolderOptions:
    path: Path
    """The folder the article files are in (relative to the configuration file's folder)."""
    patterns: list[str] = field(default_factory=lambda: ["*.txt", "*.md"])
    """Which file names are articles (glob patterns)."""
    recursive: bool = False
    """Also read the folders inside the folder."""
    encoding: str = "utf-8"
    """The files' text encoding; a file not in it is reported and skipped."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Larger files are reported and skipped, not read."""
    max_chars: int = DEFAULT_MAX_CHARS
    """Longer articles are reported and left out."""


class FolderSource(Source[FolderOptions]):
    options_class = FolderOptions

    def collect(self, context: RunContext) -> Iterator[Article]:
        folder = self.options.path
        if not folder.is_dir():
            raise InputError(str(folder), "no such folder")
        for path in matching_files(folder, self.options.patterns, self.options.recursive):
            try:
                yield self.read(path, context.base_dir)
            except InputError as error:
                context.report(error)

    def read(self, path: Path, base_dir: Path) -> Article:
        shown = shown_path(path, base_dir)
        raw = read_limited(path, shown, self.options.max_bytes)
        text = unwrapped(decode(raw, shown, self.options.encoding))
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        meta: dict[str, object] = {"path": shown, "modified": modified.isoformat()}
        title, body, lent = opening_headline(text)
        if lent:  # no headline: the first line is the lead paragraph, and stays text
            meta["title_from_text"] = True
        elif not body.strip():
            raise InputError(shown, "file has a headline but no article text")
        return make_article(body, title=title, source=shown, meta=meta)


def decode(raw: bytes, shown: str, encoding: str) -> str:
    """Decode text or say plainly why it is not text."""
    if b"\x00" in raw[:8192]:
        raise InputError(shown, "binary file, not text")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        bad = f"byte 0x{raw[error.start]:02x} at offset {error.start}"
        raise InputError(shown, f"not valid {encoding} text ({bad}); convert the file or set the "
                                "source's 'encoding'", line=line) from None
    except LookupError:
        raise InputError(shown, f"unknown encoding {encoding!r}") from None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@hookimpl
def register_sources(register):
    register("folder", FolderSource)
