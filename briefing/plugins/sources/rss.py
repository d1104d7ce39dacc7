"""Source ``rss``: RSS 0.9x, 1.0 (RDF), 2.0 and Atom feeds, read by feedparser.

Many feeds carry only a teaser per entry. When an entry's own text is shorter than
``snippet_chars`` (and ``full_text`` is on), the entry's page is fetched and its main text
extracted the same way as the ``url`` source does; when that fails the snippet is kept, so an
entry is never lost to a slow or odd page. An entry's link is the feed writer's, not the user's:
only an http(s) link to a public address is fetched (address_guard.py), or one to the server of
a feed named in the config.

Conditional GET: the feed's ``ETag`` and ``Last-Modified`` are kept in the state file (the
``rss`` key-value namespace) with the feed body. A ``304 Not Modified`` costs the server nothing
and the source re-reads the kept body, so its output does not depend on whether the feed changed;
deciding what is new since the last briefing is the pipeline's job (``seen_articles``).

A malformed feed (feedparser's "bozo" flag) is reported as one error naming the feed and what is
wrong, and the entries that could still be read are used.
"""

from __future__ import annotations

import base64
import calendar
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from briefing import (
    DEFAULT_MAX_CHARS,
    Article,
    InputError,
    RunContext,
    Source,
    hookimpl,
    make_article,
)
from briefing.plugins.sources.http_client import (
    FEED_TYPES,
    HTML_TYPES,
    Fetched,
    HttpClient,
    HttpOptions,
    safe_url,
    shared_client,
)
from briefing.plugins.sources.web import extract_page, fragment_text

STATE_NAMESPACE = "rss"


@dataclass(frozen=True)
class RssOptions:
    urls: list[str]
    """The RSS or Atom feeds to read."""
    full_text: bool = True
    """Fetch an entry's page when the feed gives only a teaser (shorter than snippet_chars)."""
    snippet_chars: int = 400
    """An entry shorter than this many characters is a teaser (see full_text)."""
    max_entries: int = 100
    """At most this many entries of each feed: the first ones, in the feed's order."""
    http: HttpOptions = field(default_factory=HttpOptions)
    """Timeouts, size limit, retries and user agent of the fetches."""
    max_chars: int = DEFAULT_MAX_CHARS
    """Longer articles are reported and left out."""


class RssSource(Source[RssOptions]):
    options_class = RssOptions

    def collect(self, context: RunContext) -> Iterator[Article]:
        client = shared_client(self.options.http)
        for url in self.options.urls:
            try:
                fetched = fetch_feed(client, url, context, trust=self.options.urls)
                yield from self.entries(client, url, fetched.body, fetched.headers, context)
            except InputError as error:
                context.report(error)

    def entries(self, client: HttpClient, url: str, body: bytes, headers: dict[str, str],
                context: RunContext) -> Iterator[Article]:
        import feedparser

        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False,
                                  resolve_relative_uris=True)
        if parsed.get("bozo"):
            problem = _bozo_message(parsed.get("bozo_exception"))
            if not parsed.entries:
                raise InputError(safe_url(url), f"not a readable feed: {problem}")
            context.report(InputError(safe_url(url), f"malformed feed ({problem}); "
                                           f"using the {len(parsed.entries)} entries that could be read"))
        feed_title = str(parsed.feed.get("title") or url)
        for entry in parsed.entries[: self.options.max_entries]:
            article = self.article(client, url, feed_title, entry, context)
            if article is not None:
                yield article

    def article(self, client: HttpClient, feed_url: str, feed_title: str, entry: Any,
                context: RunContext) -> Article | None:
        link = entry.get("link") or None
        if link and not link.lower().startswith(("http://", "https://")):
            context.report(InputError(as_written(link), "not an http(s) URL; only http and https "
                                                        "are fetched; kept the feed's snippet"))
            link = None
        title = " ".join(str(entry.get("title") or "").split())
        text = entry_text(entry)
        meta: dict[str, Any] = {"feed": safe_url(feed_url), "full_text": "feed"}
        if entry.get("author"):
            meta["author"] = str(entry.get("author"))
        if self.options.full_text and link and len(text) < self.options.snippet_chars:
            try:
                fetched = client.fetch(link, accept=HTML_TYPES, trust=self.options.urls)
                page = extract_page(fetched.text(), fetched.url)
                if page is not None and len(page.text) > len(text):
                    text, meta["full_text"] = page.text, "page"
                    meta.update({k: v for k, v in page.meta().items() if k not in meta})
                    title = title or (page.title or "")
            except InputError as error:
                context.report(InputError(error.where, f"{error.message}; kept the feed's snippet"))
        if not text:
            if not title:
                return None
            text = title
        return make_article(text, title=title or None, url=link, source=feed_title,
                            published_at=entry_date(entry), meta=meta)


def fetch_feed(client: HttpClient, url: str, context: RunContext, *,
               trust: list[str] | None = None) -> Fetched:
    """GET a feed with the kept validators; on 304 hand back the kept body."""
    store = context.store
    kept: dict[str, Any] = {}
    if store is not None:
        raw = store.get_value(STATE_NAMESPACE, url)
        kept = json.loads(raw) if raw else {}
    fetched = client.fetch(url, accept=FEED_TYPES, etag=kept.get("etag"),
                           last_modified=kept.get("last_modified"), trust=trust or [url])
    if fetched.not_modified:
        if "body" not in kept:
            raise InputError(safe_url(url), "server said 304 Not Modified but no copy of the feed is kept")
        body = base64.b64decode(kept["body"])
        return Fetched(url=fetched.url, status=304, body=body, headers=kept.get("headers_ct", {}))
    if store is not None and (fetched.etag or fetched.last_modified):
        state = {"etag": fetched.etag, "last_modified": fetched.last_modified,
                 "body": base64.b64encode(fetched.body).decode("ascii"),
                 "headers_ct": {"content-type": fetched.headers.get("content-type", "")}}
        store.set_value(STATE_NAMESPACE, url, json.dumps({k: v for k, v in state.items() if v}))
    return fetched


def as_written(link: str) -> str:
    """An entry's link as the feed wrote it, as far as that can be told: feedparser collapses
    the slashes after ``scheme://``, so ``file:///etc/passwd`` comes out as ``file://etc/passwd``."""
    scheme, sep, rest = link.partition("://")
    if sep and scheme.lower() == "file" and rest and not rest.startswith(("/", "localhost/")):
        return f"{scheme}:///{rest}"
    return safe_url(link)


def entry_text(entry: Any) -> str:
    """The longest text an entry carries: full content when the feed has it, else the summary."""
    candidates = [str(part.get("value") or "") for part in entry.get("content") or []]
    candidates.append(str(entry.get("summary") or ""))
    texts = [fragment_text(candidate) for candidate in candidates if candidate.strip()]
    return max(texts, key=len, default="")


def entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


def _bozo_message(error: object) -> str:
    if error is None:
        return "unknown problem"
    message = str(getattr(error, "getMessage", lambda: error)())
    return f"{type(error).__name__}: {message}".replace("\n", " ")


@hookimpl
def register_sources(register: Callable[[str, Any], None]) -> None:
    register("rss", RssSource)
