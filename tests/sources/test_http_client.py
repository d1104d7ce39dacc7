"""The shared HTTP client against a real server on loopback: every failure is one clear error."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

import pytest

from briefing import InputError
from briefing.plugins.sources.http_client import (
    HTML_TYPES,
    HttpClient,
    HttpOptions,
    decode_body,
    default_user_agent,
    parse_content_type,
    safe_url,
    shared_client,
)

from .conftest import LoopbackServer, Route


def test_user_agent_names_the_project(server: LoopbackServer, fast_http: HttpOptions) -> None:
    server.routes["/"] = Route("<p>hello</p>")
    HttpClient(HttpOptions()).fetch(server.url("/"), trust=[server.base])
    sent = server.hits("/")[0].headers["User-Agent"]
    assert sent == default_user_agent()
    assert sent.startswith("briefing/") and "(+https://" in sent


def test_not_found_is_one_line_naming_the_url(server: LoopbackServer, fast_http: HttpOptions) -> None:
    with pytest.raises(InputError) as raised:
        HttpClient(fast_http).fetch(server.url("/missing"), trust=[server.base])
    assert str(raised.value) == f"{server.url('/missing')}: HTTP 404 Not Found"
    assert len(server.hits("/missing")) == 1  # a 4xx is not retried


def test_server_error_is_retried_then_succeeds(server: LoopbackServer, fast_http: HttpOptions) -> None:
    answers = iter([Route("busy", status=503), Route("<p>fine</p>")])
    server.routes["/flaky"] = lambda handler: _answer(handler, next(answers))
    fetched = HttpClient(fast_http).fetch(server.url("/flaky"), trust=[server.base])
    assert fetched.text() == "<p>fine</p>"
    assert len(server.hits("/flaky")) == 2


def test_server_error_gives_up_after_retries(server: LoopbackServer, fast_http: HttpOptions) -> None:
    server.routes["/down"] = Route("down", status=500)
    with pytest.raises(InputError, match=r"server error HTTP 500 \(after 2 attempts\)"):
        HttpClient(fast_http).fetch(server.url("/down"), trust=[server.base])


def test_timeout(server: LoopbackServer) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        server.release.wait(2)

    server.routes["/slow"] = slow
    options = HttpOptions(timeout=0.2, retries=0)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"/slow: timed out after 0.2 s"):
        HttpClient(options).fetch(server.url("/slow"), trust=[server.base])
    assert time.monotonic() - started < 1.5


def test_redirect_loop_is_stopped(server: LoopbackServer, fast_http: HttpOptions) -> None:
    server.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    server.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    with pytest.raises(InputError, match="too many redirects"):
        HttpClient(fast_http).fetch(server.url("/a"), trust=[server.base])
    assert len(server.requests) <= fast_http.max_redirects + 1


def test_redirect_is_followed_and_final_url_kept(server: LoopbackServer, fast_http: HttpOptions) -> None:
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route("<p>moved</p>")
    fetched = HttpClient(fast_http).fetch(server.url("/old"), trust=[server.base])
    assert fetched.url == server.url("/new")


def test_size_cap_declared_length(server: LoopbackServer, fast_http: HttpOptions) -> None:
    server.routes["/big"] = Route("x" * (fast_http.max_bytes + 1))
    with pytest.raises(InputError, match=r"over the 200,000-byte limit \(http.max_bytes\)"):
        HttpClient(fast_http).fetch(server.url("/big"), trust=[server.base])


def test_size_cap_while_streaming_without_length(server: LoopbackServer,
                                                 fast_http: HttpOptions) -> None:
    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        for _ in range(100):
            handler.wfile.write(b"y" * 10_000)

    server.routes["/stream"] = endless
    with pytest.raises(InputError, match="over the 200,000-byte limit"):
        HttpClient(fast_http).fetch(server.url("/stream"), trust=[server.base])


def test_wrong_content_type(server: LoopbackServer, fast_http: HttpOptions) -> None:
    server.routes["/doc.pdf"] = Route(b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(InputError, match="content type is application/pdf, not text/html"):
        HttpClient(fast_http).fetch(server.url("/doc.pdf"), trust=[server.base], accept=HTML_TYPES)


def test_conditional_get_headers(server: LoopbackServer, fast_http: HttpOptions) -> None:
    server.routes["/feed"] = Route(status=304, content_type="")
    fetched = HttpClient(fast_http).fetch(server.url("/feed"), trust=[server.base], etag='"v1"',
                                          last_modified="Wed, 01 May 2024 08:00:00 GMT")
    assert fetched.not_modified
    headers = server.hits("/feed")[0].headers
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Wed, 01 May 2024 08:00:00 GMT"


def test_not_http_url() -> None:
    with pytest.raises(InputError, match="file:///etc/passwd: not an http"):
        HttpClient().fetch("file:///etc/passwd")


def test_charsets() -> None:
    assert parse_content_type('text/html; Charset="ISO-8859-1"') == ("text/html", "iso-8859-1")
    latin = "Café crème".encode("cp1252")
    assert decode_body(latin, "windows-1252") == "Café crème"
    assert decode_body(b'<meta charset="windows-1252"><p>' + latin) .endswith("Café crème")
    assert decode_body(b'<?xml version="1.0" encoding="iso-8859-1"?><a>' + latin).endswith("crème")
    assert decode_body("naïve".encode()) == "naïve"
    assert decode_body(latin, "no-such-charset") .startswith("Caf")  # a bogus header is ignored


def test_shared_client_is_reused() -> None:
    options = HttpOptions(timeout=3.0)
    assert shared_client(options) is shared_client(HttpOptions(timeout=3.0))


def _answer(handler: BaseHTTPRequestHandler, route: Route) -> None:
    payload = route.payload()
    handler.send_response(route.status)
    handler.send_header("Content-Type", route.content_type)
    handler.send_header("Content-Length", str(len(payload)))
    handler.end_headers()
    handler.wfile.write(payload)


def test_errors_never_show_passwords_or_tokens(server: LoopbackServer, fast_http: HttpOptions) -> None:
    url = server.url("/private?api_key=s3cr3t&page=2").replace("http://", "http://ann:hunter2@")
    with pytest.raises(InputError) as raised:
        HttpClient(fast_http).fetch(url, trust=[url])
    assert "s3cr3t" not in str(raised.value) and "hunter2" not in str(raised.value)
    assert safe_url("https://ann:pw@example.org/f?token=abc&page=2") == \
        "https://ann:***@example.org/f?token=***&page=2"
