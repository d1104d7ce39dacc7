"""The ``rss`` source against feeds served on loopback: formats, full text, errors, conditional GET."""

from __future__ import annotations

from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from briefing.core.store import Store
from briefing.plugins.sources.http_client import HttpOptions
from briefing.plugins.sources.rss import RssOptions, RssSource

from .conftest import BRIDGE, ORCHARD, Collected, LoopbackServer, Route, page

RSS_TYPE = "application/rss+xml; charset=utf-8"


def rss(items: str, title: str = "Valley Gazette") -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>{title}</title><link>http://example.org/</link><description>News</description>
{items}</channel></rss>"""


def item(title: str, link: str, summary: str, content: str = "",
         date: str = "Wed, 01 May 2024 08:00:00 GMT") -> str:
    encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
            f"<description><![CDATA[{summary}]]></description>{encoded}</item>")


def source(server: LoopbackServer, http: HttpOptions, *paths: str, **options: object) -> RssSource:
    return RssSource(RssOptions(urls=[server.url(p) for p in paths], http=http, **options))  # type: ignore[arg-type]


def test_rss2_with_full_content(server: LoopbackServer, fast_http: HttpOptions,
                                collected: Collected) -> None:
    body = "".join(f"<p>{s}.</p>" for s in BRIDGE.split(". "))
    server.routes["/feed.xml"] = Route(rss(item("Bridge to be rebuilt", server.url("/bridge"),
                                                "Council votes.", body)), content_type=RSS_TYPE)
    [article] = source(server, fast_http, "/feed.xml").collect(collected.context)
    assert article.title == "Bridge to be rebuilt"
    assert article.text.startswith("The town council of Lowmoor voted")
    assert "\n" in article.text  # paragraphs kept as lines
    assert article.source == "Valley Gazette"
    assert article.url == server.url("/bridge")
    assert article.published_at == datetime(2024, 5, 1, 8, tzinfo=UTC)
    assert article.meta["full_text"] == "feed"
    assert not server.hits("/bridge")  # the feed had the full text: no page fetched
    assert collected.errors == []


def test_snippet_only_fetches_the_page(server: LoopbackServer, fast_http: HttpOptions,
                                       collected: Collected) -> None:
    server.routes["/feed.xml"] = Route(rss(
        item("Frost hits orchards", server.url("/orchard"), "Growers expect a small harvest...")
        + item("Bridge vote", server.url("/gone"), "The council voted on the bridge.")),
        content_type=RSS_TYPE)
    server.routes["/orchard"] = Route(page("Frost hits orchards", ORCHARD, author="Sam Reed"))
    orchard, bridge = source(server, fast_http, "/feed.xml").collect(collected.context)
    assert orchard.text.startswith("Apple growers in the Vale of Ashby")
    assert "Privacy" not in orchard.text and "Sport" not in orchard.text
    assert orchard.meta["full_text"] == "page"
    assert orchard.meta["author"] == "Sam Reed"
    assert bridge.text == "The council voted on the bridge."  # page 404: the snippet is kept
    [error] = collected.errors
    assert str(error) == f"{server.url('/gone')}: HTTP 404 Not Found; kept the feed's snippet"


def test_full_text_off_never_fetches(server: LoopbackServer, fast_http: HttpOptions,
                                     collected: Collected) -> None:
    server.routes["/feed.xml"] = Route(rss(item("Frost", server.url("/orchard"), "Short.")),
                                       content_type=RSS_TYPE)
    [article] = source(server, fast_http, "/feed.xml", full_text=False).collect(collected.context)
    assert article.text == "Short."
    assert not server.hits("/orchard")


def test_atom(server: LoopbackServer, fast_http: HttpOptions, collected: Collected) -> None:
    server.routes["/atom"] = Route(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Orchard Weekly</title><id>urn:x</id>
<updated>2024-05-02T06:00:00Z</updated>
<entry><title>Frost hits orchards</title><id>urn:1</id><link href="{server.url('/o')}"/>
<updated>2024-05-02T06:00:00+02:00</updated><author><name>Sam Reed</name></author>
<content type="html">&lt;p&gt;{ORCHARD}&lt;/p&gt;</content></entry></feed>""",
        content_type="application/atom+xml")
    [article] = source(server, fast_http, "/atom").collect(collected.context)
    assert article.source == "Orchard Weekly"
    assert article.text == ORCHARD
    assert article.published_at == datetime(2024, 5, 2, 4, tzinfo=UTC)
    assert article.meta["author"] == "Sam Reed"


def test_rss1_rdf(server: LoopbackServer, fast_http: HttpOptions, collected: Collected) -> None:
    server.routes["/rdf"] = Route(f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://example.org/"><title>Old Feed</title><link>http://example.org/</link>
<description>x</description></channel>
<item rdf:about="{server.url('/b')}"><title>Bridge</title><link>{server.url('/b')}</link>
<description>{BRIDGE}</description><dc:date>2024-05-01T10:00:00Z</dc:date></item></rdf:RDF>""",
        content_type="application/rdf+xml")
    [article] = source(server, fast_http, "/rdf").collect(collected.context)
    assert (article.source, article.title, article.text) == ("Old Feed", "Bridge", BRIDGE)


def test_malformed_feed_reports_and_keeps_entries(server: LoopbackServer, fast_http: HttpOptions,
                                                  collected: Collected) -> None:
    broken = rss(item("Bridge", server.url("/b"), BRIDGE) + item("Orchard", server.url("/o"), ORCHARD))
    broken = broken.replace("</channel></rss>", "<item><title>Cut off & unescaped")
    server.routes["/bad.xml"] = Route(broken, content_type=RSS_TYPE)
    articles = list(source(server, fast_http, "/bad.xml").collect(collected.context))
    assert [a.title for a in articles][:2] == ["Bridge", "Orchard"]
    [error] = collected.errors
    assert str(error).startswith(f"{server.url('/bad.xml')}: malformed feed (")
    assert "entries that could be read" in str(error)


def test_not_a_feed_and_missing_feed(server: LoopbackServer, fast_http: HttpOptions,
                                     collected: Collected) -> None:
    server.routes["/page"] = Route("this is plain text, not a feed at all",
                                   content_type="text/plain")
    server.routes["/ok.xml"] = Route(rss(item("Orchard", server.url("/o"), ORCHARD)),
                                     content_type=RSS_TYPE)
    articles = list(source(server, fast_http, "/page", "/missing.xml", "/ok.xml")
                    .collect(collected.context))
    assert [a.title for a in articles] == ["Orchard"]  # the third feed still counts
    messages = [str(e) for e in collected.errors]
    assert messages[0].startswith(f"{server.url('/page')}: not a readable feed")
    assert messages[1] == f"{server.url('/missing.xml')}: HTTP 404 Not Found"


def test_conditional_get_keeps_validators_in_state(server: LoopbackServer, fast_http: HttpOptions,
                                                   collected: Collected, tmp_path: Path) -> None:
    feed = rss(item("Orchard", server.url("/o"), ORCHARD))

    def answer(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == '"v7"':
            handler.send_response(304)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        payload = feed.encode()
        handler.send_response(200)
        handler.send_header("Content-Type", RSS_TYPE)
        handler.send_header("ETag", '"v7"')
        handler.send_header("Last-Modified", "Wed, 01 May 2024 08:00:00 GMT")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    server.routes["/feed.xml"] = answer
    store = Store(tmp_path / "state.db")
    collected.context.store = store
    first = list(source(server, fast_http, "/feed.xml").collect(collected.context))
    store.close()
    store = Store(tmp_path / "state.db")  # a later run, a fresh connection to the same file
    collected.context.store = store
    second = list(source(server, fast_http, "/feed.xml").collect(collected.context))
    first_request, second_request = server.hits("/feed.xml")
    assert "If-None-Match" not in first_request.headers
    assert second_request.headers["If-None-Match"] == '"v7"'
    assert second_request.headers["If-Modified-Since"] == "Wed, 01 May 2024 08:00:00 GMT"
    assert [a.id for a in second] == [a.id for a in first]  # 304: the kept copy is re-read
    assert collected.errors == []
    store.close()
