"""A real HTTP server on 127.0.0.1 for the source tests, and small texts written for them.

Routes map a path to a `Route` (status, body, headers) or to a function that answers the request
itself; every request is recorded, so tests can check the headers a source sent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefing import InputError, RunContext
from briefing.plugins.sources.http_client import HttpOptions


@dataclass
class Route:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    def payload(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


Answer = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class LoopbackServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route | Answer] = {}
        self.requests: list[Seen] = []
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.requests.append(Seen(self.path, dict(self.headers)))
                route = server.routes.get(self.path) or server.routes.get(self.path.split("?")[0])
                if route is None:
                    route = Route("<h1>not found</h1>", status=404)
                if callable(route):
                    route(self)
                    return
                payload = route.payload()
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in route.headers:
                    self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path == path]


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    loopback = LoopbackServer()
    loopback.thread.start()
    yield loopback
    loopback.release.set()
    loopback.httpd.shutdown()
    loopback.httpd.server_close()


@pytest.fixture
def fast_http() -> HttpOptions:
    """Short timeouts and backoff, so failure paths take milliseconds; a fresh key per test."""
    return HttpOptions(timeout=0.5, retries=1, backoff=0.01, max_bytes=200_000,
                       user_agent=f"briefing-test/{datetime.now().timestamp()}")


@dataclass
class Collected:
    context: RunContext
    errors: list[InputError]


@pytest.fixture
def collected(tmp_path: Path) -> Collected:
    errors: list[InputError] = []

    def report(error: Exception) -> None:
        assert isinstance(error, InputError), error
        errors.append(error)

    context = RunContext("test", datetime(2024, 5, 2, 7, tzinfo=UTC), tmp_path, None, report)
    return Collected(context, errors)


BRIDGE = (
    "The town council of Lowmoor voted on Tuesday to rebuild the old stone bridge over the river "
    "Wend, closed since spring floods cracked two of its arches. Engineers told the meeting that "
    "the repairs would take about fourteen months and cost close to nine million pounds, most of "
    "it from a regional transport fund. Shopkeepers on the east bank said the closure had cut "
    "their trade by a third, because drivers now take the ring road and never pass the market. "
    "A temporary footbridge will open next month so that pupils can walk to the secondary school "
    "without a detour of three miles. The council leader said the vote was the easiest decision "
    "of her term, and that the new deck would carry buses as well as cars. Opponents argued that "
    "the money would be better spent on flood defences upstream, warning that another wet winter "
    "could damage the new bridge before it opens. The contract will be put out to tender in June "
    "and work is expected to start in the autumn, weather permitting."
)

ORCHARD = (
    "Apple growers in the Vale of Ashby expect their smallest harvest in a decade after a late "
    "frost in April killed most of the blossom on the higher slopes. The growers' association "
    "said yields could fall by half on farms above the valley floor, while orchards near the "
    "river were mostly spared. Cider makers, who buy about a third of the crop, have started to "
    "look for fruit from other counties and warned that prices for their drinks will rise this "
    "winter. Several farmers said they would apply for emergency grants, and some are thinking "
    "about planting hardier varieties that flower later in the season. Pickers who come every "
    "year from abroad have been told there will be fewer weeks of work. An agronomist at the "
    "county college said frost nets and wind machines could protect blossom in future, but that "
    "the cost was beyond most small family farms without help from the government."
)


def page(title: str, text: str, *, author: str = "Jane Doe", date: str = "2024-05-01",
         site: str = "Valley Gazette", charset: str = "utf-8") -> str:
    """A news page with a menu, a byline and a footer around the story."""
    sentences = [s.strip().rstrip(".") for s in text.split(". ") if s.strip()]
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in sentences)
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title} | {site}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">
<meta name="author" content="{author}"><meta property="article:published_time" content="{date}T08:00:00Z">
</head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav>
<main><article><h1>{title}</h1><p class="byline">By {author}</p>{paragraphs}</article></main>
<footer><p>Copyright {site}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""
