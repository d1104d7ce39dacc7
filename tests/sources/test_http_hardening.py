"""What a fetched feed or page can make the HTTP client do (issue 15): no hang on a server that
dribbles, no request to a private address a feed links or redirects to, nothing but http(s).

Every server is a real one on 127.0.0.1. The feed's own address is written in the config (the
user's choice, so it is allowed); a second server on another port plays the internal admin page
a hostile feed points at.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from briefing import InputError
from briefing.plugins.sources.http_client import HttpClient, HttpOptions
from briefing.plugins.sources.rss import RssOptions, RssSource
from briefing.plugins.sources.web import UrlOptions, UrlSource

from .conftest import BRIDGE, Collected, LoopbackServer, Route, page
from .test_rss_source import RSS_TYPE, item, rss

ADMIN = page("Admin console", "The root password is hunter2. " + BRIDGE)


@pytest.fixture
def internal() -> Iterator[LoopbackServer]:
    """Another server on loopback, on another port: an address nobody wrote in the config."""
    admin = LoopbackServer()
    admin.routes["/admin"] = Route(ADMIN)
    admin.thread.start()
    yield admin
    admin.release.set()
    admin.httpd.shutdown()
    admin.httpd.server_close()


def dribble(seconds: float, every: float = 0.1) -> object:
    """A handler that promises a large page and sends one byte every ``every`` seconds."""
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        end = time.monotonic() + seconds
        try:
            while time.monotonic() < end:
                handler.wfile.write(b"x")
                handler.wfile.flush()
                time.sleep(every)
        except OSError:
            pass
    return answer


# The deadline.


def test_the_deadline_defaults_to_a_minute() -> None:
    assert HttpOptions().deadline == 60.0


def test_a_dribbling_server_ends_at_the_deadline(server: LoopbackServer) -> None:
    server.routes["/slow"] = dribble(12)
    options = HttpOptions(timeout=1.0, deadline=1.5, retries=0)
    started = time.monotonic()
    with pytest.raises(InputError) as raised:
        HttpClient(options).fetch(server.url("/slow"), trust=[server.base])
    assert time.monotonic() - started < 3.0  # the deadline, plus at most one read timeout
    assert str(raised.value) == (f"{server.url('/slow')}: no complete answer within the 1.5 s "
                                 "deadline (http.deadline)")


def test_the_deadline_covers_every_attempt(server: LoopbackServer) -> None:
    def silent(handler: BaseHTTPRequestHandler) -> None:
        server.release.wait(3)

    server.routes["/silent"] = silent
    options = HttpOptions(timeout=0.6, deadline=1.0, retries=5, backoff=0.01)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"within the 1 s deadline \(http.deadline\)"):
        HttpClient(options).fetch(server.url("/silent"), trust=[server.base])
    assert time.monotonic() - started < 2.0  # not 6 attempts of 0.6 s


def test_the_deadline_covers_redirects(server: LoopbackServer) -> None:
    server.routes["/start"] = Route(status=302, headers={"Location": "/slow"})
    server.routes["/slow"] = dribble(12)
    options = HttpOptions(timeout=1.0, deadline=1.0, retries=0)
    started = time.monotonic()
    with pytest.raises(InputError, match="deadline"):
        HttpClient(options).fetch(server.url("/start"), trust=[server.base])
    assert time.monotonic() - started < 2.5


def test_a_url_source_on_a_dribbling_server_is_one_named_failure(server: LoopbackServer,
                                                                 collected: Collected) -> None:
    server.routes["/page"] = dribble(12)
    http = HttpOptions(timeout=1.0, deadline=1.0, retries=1)
    started = time.monotonic()
    articles = list(UrlSource(UrlOptions(urls=[server.url("/page")], http=http)).collect(collected.context))
    assert time.monotonic() - started < 3.0
    assert articles == []
    [error] = collected.errors
    assert str(error).startswith(f"{server.url('/page')}: no complete answer within the 1 s deadline")


# Private addresses.


def hostile_feed(server: LoopbackServer, *links: str) -> RssSource:
    items = "".join(item(f"Item {i}", link, "A teaser.") for i, link in enumerate(links))
    server.routes["/feed.xml"] = Route(rss(items), content_type=RSS_TYPE)
    return RssSource(RssOptions(urls=[server.url("/feed.xml")],
                                http=HttpOptions(timeout=1.0, retries=0, deadline=5)))


def test_a_feed_cannot_make_us_fetch_an_internal_page(server: LoopbackServer, internal: LoopbackServer,
                                                      collected: Collected) -> None:
    source = hostile_feed(server, internal.url("/admin"))
    [article] = source.collect(collected.context)
    assert internal.requests == []  # never asked
    assert "hunter2" not in article.text and article.text == "A teaser."
    [error] = collected.errors
    assert str(error) == (f"{internal.url('/admin')}: not fetched: 127.0.0.1 is a private address "
                          "(loopback); set http.allow_private: true to allow; kept the feed's snippet")


def test_names_are_checked_after_dns_resolution(server: LoopbackServer, internal: LoopbackServer,
                                                collected: Collected) -> None:
    link = internal.url("/admin").replace("127.0.0.1", "localhost")
    [article] = hostile_feed(server, link).collect(collected.context)
    assert internal.requests == [] and "hunter2" not in article.text
    [error] = collected.errors
    assert str(error).startswith(f"{link}: not fetched: localhost resolves to ")
    assert ", a private address (loopback); set http.allow_private: true to allow" in str(error)


@pytest.mark.parametrize(("address", "kind"), [
    ("169.254.169.254", "link-local"), ("10.0.0.7", "private"), ("192.168.1.1", "private"),
    ("[::1]", "loopback"), ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"),
    ("[::ffff:127.0.0.1]", "loopback"), ("240.0.0.1", "reserved"),
])
def test_every_kind_of_private_address_is_refused_without_a_request(address: str, kind: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError) as raised:
        HttpClient(HttpOptions(timeout=5, retries=0)).fetch(f"http://{address}/latest/meta-data/")
    assert time.monotonic() - started < 1.0  # refused before any connection is tried
    assert f"is a private address ({kind})" in str(raised.value)


def test_a_redirect_to_an_internal_page_is_refused(server: LoopbackServer, internal: LoopbackServer,
                                                   collected: Collected) -> None:
    server.routes["/news"] = Route(status=302, headers={"Location": internal.url("/admin")})
    http = HttpOptions(timeout=1.0, retries=0)
    articles = list(UrlSource(UrlOptions(urls=[server.url("/news")], http=http)).collect(collected.context))
    assert articles == [] and internal.requests == []
    [error] = collected.errors
    assert str(error).startswith(f"{server.url('/news')}: redirected to {internal.url('/admin')}: "
                                 "not fetched: 127.0.0.1 is a private address (loopback)")


def test_allow_private_lets_an_intranet_feed_link_inward(server: LoopbackServer,
                                                         internal: LoopbackServer,
                                                         collected: Collected) -> None:
    source = hostile_feed(server, internal.url("/admin"))
    source = RssSource(RssOptions(urls=source.options.urls,
                                  http=HttpOptions(timeout=1.0, retries=0, allow_private=True)))
    [article] = source.collect(collected.context)
    assert len(internal.requests) == 1 and "hunter2" in article.text
    assert collected.errors == []


def test_links_to_the_feeds_own_server_stay_allowed(server: LoopbackServer,
                                                    collected: Collected) -> None:
    server.routes["/story"] = Route(page("Bridge", BRIDGE))
    [article] = hostile_feed(server, server.url("/story")).collect(collected.context)
    assert article.text.startswith("The town council of Lowmoor") and collected.errors == []


# Schemes.


def test_a_feed_link_that_is_not_http_is_not_fetched_and_shown_as_written(
        server: LoopbackServer, collected: Collected) -> None:
    [article] = hostile_feed(server, "file:///etc/passwd").collect(collected.context)
    assert article.text == "A teaser." and article.url is None
    [error] = collected.errors
    assert str(error) == ("file:///etc/passwd: not an http(s) URL; only http and https are "
                          "fetched; kept the feed's snippet")


def test_a_redirect_to_another_scheme_is_refused(server: LoopbackServer) -> None:
    server.routes["/x"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(InputError) as raised:
        HttpClient(HttpOptions(retries=0)).fetch(server.url("/x"), trust=[server.base])
    assert str(raised.value) == (f"{server.url('/x')}: redirected to file:///etc/passwd: not an "
                                 "http(s) URL; only http and https are fetched")


def test_behind_a_proxy_a_name_only_the_proxy_can_resolve_is_left_to_it(monkeypatch) -> None:
    from briefing.plugins.sources.address_guard import Policy, Refused

    with pytest.raises(Refused, match="cannot resolve"):
        Policy().check("https://news.invalid/story")
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    Policy().check("https://news.invalid/story")  # the proxy resolves it
    with pytest.raises(Refused, match=r"127\.0\.0\.1 is a private address"):
        Policy().check("https://127.0.0.1/admin")  # an address is checked all the same


def test_an_entity_bomb_in_a_feed_is_not_expanded(server: LoopbackServer, collected: Collected) -> None:
    """A guard, not a fix: expat (2.4+) refuses nested entity expansion and feedparser's loose
    parser does not expand entities, so a "billion laughs" feed costs nothing."""
    entities = '<!ENTITY a0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
            "<title>t</title><item><title>Bomb</title><description>&a9;</description></item>"
            "</channel></rss>")
    server.routes["/bomb.xml"] = Route(feed, content_type=RSS_TYPE)
    source = RssSource(RssOptions(urls=[server.url("/bomb.xml")], full_text=False))
    started = time.monotonic()
    articles = list(source.collect(collected.context))
    assert time.monotonic() - started < 5
    assert all(len(article.text) < 1000 for article in articles)
