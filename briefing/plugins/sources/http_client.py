"""One HTTP client for every source that reads the web (``rss``, ``url``).

Why one place: the rules a polite, robust fetcher needs are the same for feeds and pages, and are
easy to get subtly wrong when each source has its own copy. Here they are:

* a clear User-Agent naming the project, so site owners can see who fetches and why;
* connect/read timeouts, and a size cap enforced while streaming (a page over the cap is never
  read into memory whole);
* a deadline for the whole fetch, every attempt and redirect included: timeouts are per read, so
  a server that sends a byte every few seconds would otherwise keep a run going forever;
* a bounded number of redirects, so a redirect loop ends with a plain error; redirects are
  followed here, hop by hop, so that each hop is checked like the first;
* only http(s), and only public addresses for URLs that came from content (address_guard.py);
* a few retries with a short backoff on 5xx answers, timeouts and dropped connections, and none
  on 4xx (those will not get better by asking again);
* conditional GET (``If-None-Match`` / ``If-Modified-Since``) for callers that keep validators;
* the charset taken from the Content-Type header, else from the document, else detected
  (http_charsets.py), so text is never decoded by guesswork alone.

Every failure becomes an `InputError` naming the URL, which sources report and then go on.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit, urlunsplit

from briefing import DEFAULT_MAX_BYTES, InputError
from briefing.plugins.sources import address_guard
from briefing.plugins.sources.address_guard import Policy, Refused
from briefing.plugins.sources.http_charsets import decode_body, parse_content_type, sniff_charset

__all__ = ["FEED_TYPES", "HTML_TYPES", "Fetched", "HttpClient", "HttpOptions", "decode_body",
           "parse_content_type", "safe_url", "shared_client", "sniff_charset"]

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
    deadline: float = 60.0
    """Seconds for one URL, every attempt and redirect included: a server that dribbles is cut off."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """An answer larger than this is refused, while it streams in."""
    max_redirects: int = 5
    """More redirects than this is an error naming the URL."""
    retries: int = 2
    """Attempts after the first on a 5xx answer, a timeout or a dropped connection."""
    backoff: float = 0.5
    """Seconds before the first retry, doubling for each next one."""
    allow_private: bool = False
    """Let links and redirects found in content reach private addresses (intranet feeds)."""
    user_agent: str = field(default_factory=default_user_agent)
    """The User-Agent header sent with every request."""

    def __post_init__(self) -> None:
        for name in ("timeout", "deadline"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name}: expected seconds above 0, got {getattr(self, name)}")


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
            follow_redirects=False,  # followed in `_follow`, where each hop is checked
            transport=address_guard.guarded_transport(),
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, *, accept: tuple[str, ...] | None = None, etag: str | None = None,
              last_modified: str | None = None, trust: Iterable[str] = ()) -> Fetched:
        """GET ``url``; raise `InputError` for anything but a usable answer.

        ``accept`` lists the media types the caller can read; another declared type is an error
        (a missing Content-Type is let through, the caller sniffs). ``trust`` lists the URLs the
        user wrote in the config: their hosts may be private addresses (address_guard.py)."""
        where = safe_url(url)
        headers = {}
        if accept:
            headers["Accept"] = ", ".join(accept) + ", */*;q=0.1"
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        policy = Policy.of(trust, self.options.allow_private)
        deadline = time.monotonic() + self.options.deadline
        attempts = self.options.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                fetched = self._follow(url, where, headers, policy, deadline)
            except _Retryable as problem:
                if problem.late or time.monotonic() >= deadline:
                    raise self._late(where) from None
                if attempt == attempts:
                    raise InputError(where, f"{problem} (after {attempts} attempts)") from None
                pause = self.options.backoff * (2 ** (attempt - 1))
                time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
                continue
            _check_type(fetched, accept)
            return fetched
        raise AssertionError("unreachable")

    def _late(self, where: str) -> InputError:
        return InputError(where, f"no complete answer within the {self.options.deadline:g} s "
                                 "deadline (http.deadline)")

    def _follow(self, url: str, where: str, headers: dict[str, str], policy: Policy,
                deadline: float) -> Fetched:
        """GET ``url``, following redirects hop by hop; every hop is checked by ``policy``."""
        current = url
        for hop in range(self.options.max_redirects + 1):
            shown = f"redirected to {safe_url(current)}: "
            try:
                policy.check(current)
            except Refused as refused:
                raise InputError(where, f"{'' if hop == 0 else shown}{refused}") from None
            token = address_guard.current.set(policy)
            try:
                fetched, location = self._get(current, where, headers, deadline)
            finally:
                address_guard.current.reset(token)
            if location is None:
                return fetched
            current = urljoin(current, location)
        raise InputError(where, f"too many redirects (more than {self.options.max_redirects}; "
                                "a redirect loop?)")

    def _get(self, url: str, where: str, headers: dict[str, str],
             deadline: float) -> tuple[Fetched, str | None]:
        """One request: the answer, and where it redirects to (None when it does not)."""
        import httpx

        left = deadline - time.monotonic()
        if left <= 0:
            raise _Retryable("deadline", late=True)
        timeout = httpx.Timeout(min(self.options.timeout, left))
        try:
            with self._client.stream("GET", url, headers=headers, timeout=timeout) as response:
                status = response.status_code
                location = response.headers.get("Location")
                if status in (301, 302, 303, 307, 308) and location:
                    return _fetched(response, b""), location
                if status >= 500:
                    raise _Retryable(f"server error HTTP {status}")
                if status == 304:
                    return _fetched(response, b""), None
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
                    if time.monotonic() > deadline:  # a server that sends a byte now and then
                        raise self._late(where)
                    chunks.append(chunk)
                return _fetched(response, b"".join(chunks)), None
        except Refused as refused:  # at connection time: a name no hop's check resolved
            raise InputError(where, str(refused)) from None
        except httpx.TimeoutException:
            late = time.monotonic() >= deadline
            raise _Retryable(f"timed out after {timeout.read:g} s", late=late) from None
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as error:
            raise _Retryable(f"connection failed: {type(error).__name__}: {error}") from None
        except httpx.HTTPError as error:
            raise InputError(where, f"{type(error).__name__}: {error}") from None


class _Retryable(Exception):
    """A failure worth another attempt (5xx, timeout, dropped connection); ``late`` when the
    deadline has passed, so there is no time for another."""

    def __init__(self, message: str, *, late: bool = False) -> None:
        super().__init__(message)
        self.late = late


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


_CLIENTS: dict[HttpOptions, HttpClient] = {}


def shared_client(options: HttpOptions | None = None) -> HttpClient:
    """The process's client for these settings: connections are pooled across sources and runs."""
    options = options or HttpOptions()
    client = _CLIENTS.get(options)
    if client is None:
        client = _CLIENTS[options] = HttpClient(options)
    return client
