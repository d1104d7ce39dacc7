"""One HTTP client for every source that reads the web (``rss``, ``url``).

Why one place: the rules a polite, robust fetcher needs are the same for feeds and pages, and are
easy to get subtly wrong when each source has its own copy. Here they are:

* a clear User-Agent naming the project, so site owners can see who fetches and why;
* connect/read timeouts, and a size cap enforced while streaming (a page over the cap is never
  read into memory whole);
* a bounded number of redirects, so a redirect loop ends with a plain error;
* a few retries with a short backoff on 5xx answers, timeouts and dropped connections, and none
  on 4xx (those will not get better by asking again);
* conditional GET (``If-None-Match`` / ``If-Modified-Since``) for callers that keep validators;
* the charset taken from the Content-Type header, else from the document (XML declaration or
  HTML ``<meta charset>``), else detected, so text is never decoded by guesswork alone.

Every failure becomes an `InputError` naming the URL, which sources report and then go on.
"""

from __future__ import annotations

import codecs
import functools
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from briefing import InputError

if TYPE_CHECKING:  # httpx is imported when a client is made, so `briefing --help` stays fast
    import httpx

PROJECT_URL = "https://github.com/briefing/briefing"


@functools.cache
def default_user_agent() -> str:
    """``briefing/<version> (+<project URL>)``, looked up when first needed: importlib.metadata
    takes tens of milliseconds to import, and every command loads this module."""
    import importlib.metadata

    try:
        version = importlib.metadata.version("briefing")
    except importlib.metadata.PackageNotFoundError:
        version = "0"
    return f"briefing/{version} (+{PROJECT_URL})"

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/feed+json", "text/html", "text/plain",
)


@dataclass(frozen=True)
class HttpOptions:
    """The HTTP settings a web source accepts under its ``http:`` key."""

    timeout: float = 15.0
    """Seconds to wait to connect and between bytes of an answer."""
    max_bytes: int = 5_000_000
    """An answer larger than this is refused, while it streams in."""
    max_redirects: int = 5
    """More redirects than this is an error naming the URL."""
    retries: int = 2
    """Attempts after the first on a 5xx answer, a timeout or a dropped connection."""
    backoff: float = 0.5
    """Seconds before the first retry, doubling for each next one."""
    user_agent: str = field(default_factory=default_user_agent)
    """The User-Agent header sent with every request."""


@dataclass(frozen=True)
class Fetched:
    """A successful answer: ``status`` is 200 or 304 (not modified, then ``body`` is empty)."""

    url: str
    status: int
    body: bytes
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        return decode_body(self.body, self.charset, self.content_type)


class HttpClient:
    """A thin, reusable wrapper around one ``httpx.Client``; safe to share between sources."""

    def __init__(self, options: HttpOptions | None = None) -> None:
        self.options = options or HttpOptions()
        import httpx

        self._client = httpx.Client(
            headers={"User-Agent": self.options.user_agent,
                     "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.options.timeout),
            follow_redirects=True,
            max_redirects=self.options.max_redirects,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, *, accept: tuple[str, ...] | None = None, etag: str | None = None,
              last_modified: str | None = None) -> Fetched:
        """GET ``url``; raise `InputError` for anything but a usable answer.

        ``accept`` lists the media types the caller can read; another declared type is an error
        (a missing Content-Type is let through, the caller sniffs)."""
        where = safe_url(url)
        if not url.lower().startswith(("http://", "https://")):
            raise InputError(where, "not an http(s) URL")
        headers = {}
        if accept:
            headers["Accept"] = ", ".join(accept) + ", */*;q=0.1"
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempts = self.options.retries + 1
        for attempt in range(attempts):
            try:
                fetched = self._get(url, where, headers)
            except _Retryable as problem:
                if attempt + 1 < attempts:
                    time.sleep(self.options.backoff * (2 ** attempt))
                    continue
                raise InputError(where, f"{problem} (after {attempts} attempts)") from None
            _check_type(fetched, accept)
            return fetched
        raise AssertionError("unreachable")

    def _get(self, url: str, where: str, headers: dict[str, str]) -> Fetched:
        import httpx

        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status >= 500:
                    raise _Retryable(f"server error HTTP {status}")
                if status == 304:
                    return _fetched(response, b"")
                if status >= 400:
                    raise InputError(where, f"HTTP {status} {response.reason_phrase}".rstrip())
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.options.max_bytes:
                    raise InputError(where, f"response is {int(declared):,} bytes, over the "
                                          f"{self.options.max_bytes:,}-byte limit (http.max_bytes)")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.options.max_bytes:
                        raise InputError(where, f"response is over the {self.options.max_bytes:,}"
                                              "-byte limit (http.max_bytes)")
                    chunks.append(chunk)
                return _fetched(response, b"".join(chunks))
        except httpx.TooManyRedirects:
            raise InputError(where, f"too many redirects (more than {self.options.max_redirects}; "
                                  "a redirect loop?)") from None
        except httpx.TimeoutException:
            raise _Retryable(f"timed out after {self.options.timeout:g} s") from None
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as error:
            raise _Retryable(f"connection failed: {type(error).__name__}: {error}") from None
        except httpx.HTTPError as error:
            raise InputError(where, f"{type(error).__name__}: {error}") from None


class _Retryable(Exception):
    """A failure worth another attempt (5xx, timeout, dropped connection)."""


_SECRET_PARAMETER = re.compile(r"(?i)(token|key|secret|password|passwd|sig|signature|auth)")


def safe_url(url: str) -> str:
    """``url`` as it may appear in errors and logs: no password, no token-like query values."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        netloc = f"{userinfo.split(':', 1)[0]}:***@{host}" if ":" in userinfo else netloc
    query = "&".join(
        f"{name}=***" if _SECRET_PARAMETER.search(name) else (f"{name}={value}" if sep else name)
        for name, sep, value in (pair.partition("=") for pair in parts.query.split("&") if pair)
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _fetched(response: httpx.Response, body: bytes) -> Fetched:
    media, charset = parse_content_type(response.headers.get("Content-Type", ""))
    return Fetched(
        url=str(response.url), status=response.status_code, body=body, content_type=media,
        charset=charset, etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"), headers=dict(response.headers),
    )


def _check_type(fetched: Fetched, accept: tuple[str, ...] | None) -> None:
    if fetched.not_modified or not accept or not fetched.content_type:
        return
    if fetched.content_type not in accept and not fetched.content_type.endswith("+xml"):
        wanted = ", ".join(accept[:2])
        raise InputError(fetched.url, f"content type is {fetched.content_type}, not {wanted}")


def parse_content_type(value: str) -> tuple[str, str | None]:
    """``text/html; charset=ISO-8859-1`` -> ``("text/html", "iso-8859-1")``."""
    parts = [p.strip() for p in value.split(";")]
    media = parts[0].lower()
    charset = None
    for part in parts[1:]:
        key, _, val = part.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'").lower()
    return media, charset


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding=["']([A-Za-z0-9_.:-]+)["']""")


def sniff_charset(body: bytes) -> str | None:
    """The charset a document declares about itself (BOM, XML declaration, HTML meta)."""
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = body[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii").lower() if found else None


def decode_body(body: bytes, charset: str | None = None, content_type: str = "") -> str:
    """Decode by header charset, then the document's own declaration, then detection."""
    for candidate in (charset, sniff_charset(body)):
        if not candidate:
            continue
        try:
            return body.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    return str(best) if best is not None else body.decode("cp1252", errors="replace")


_CLIENTS: dict[HttpOptions, HttpClient] = {}


def shared_client(options: HttpOptions | None = None) -> HttpClient:
    """The process's client for these settings: connections are pooled across sources and runs."""
    options = options or HttpOptions()
    client = _CLIENTS.get(options)
    if client is None:
        client = _CLIENTS[options] = HttpClient(options)
    return client
