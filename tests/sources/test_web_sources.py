"""The ``url`` and ``html`` sources: main text and metadata from real pages, clear errors otherwise."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from briefing.plugins.sources.http_client import HttpOptions
from briefing.plugins.sources.web import HtmlOptions, HtmlSource, UrlOptions, UrlSource, fragment_text

from .conftest import BRIDGE, ORCHARD, Collected, LoopbackServer, Route, page


def test_url_source_text_and_metadata(server: LoopbackServer, fast_http: HttpOptions,
                                      collected: Collected) -> None:
    server.routes["/bridge"] = Route(page("Bridge to be rebuilt", BRIDGE, author="Ann Lee",
                                          date="2024-04-30", site="Lowmoor Post"))
    [article] = UrlSource(UrlOptions([server.url("/bridge")], fast_http)).collect(collected.context)
    assert article.title == "Bridge to be rebuilt"
    assert article.text.startswith("The town council of Lowmoor voted")
    assert article.text.rstrip(".").endswith("weather permitting")
    for clutter in ("Home", "Sport", "Privacy", "All rights reserved"):
        assert clutter not in article.text
    assert article.source == "Lowmoor Post"
    assert article.meta["author"] == "Ann Lee"
    assert article.published_at is not None
    assert article.published_at.date() == datetime(2024, 4, 30, tzinfo=UTC).date()
    assert article.url == server.url("/bridge")
    assert collected.errors == []


def test_url_source_reports_each_bad_page_and_goes_on(server: LoopbackServer, fast_http: HttpOptions,
                                                      collected: Collected) -> None:
    server.routes["/chart.png"] = Route(b"\x89PNG\r\n\x1a\n", content_type="image/png")
    server.routes["/empty"] = Route("<html><body><nav>Home</nav></body></html>")
    server.routes["/orchard"] = Route(page("Frost", ORCHARD))
    urls = [server.url(p) for p in ("/chart.png", "/missing", "/empty", "/orchard")]
    articles = list(UrlSource(UrlOptions(urls, fast_http)).collect(collected.context))
    assert [a.title for a in articles] == ["Frost"]
    assert [str(e) for e in collected.errors] == [
        f"{urls[0]}: content type is image/png, not text/html, application/xhtml+xml",
        f"{urls[1]}: HTTP 404 Not Found",
        f"{urls[2]}: no main text found in the page",
    ]


def test_url_source_charset_from_header(server: LoopbackServer, fast_http: HttpOptions,
                                        collected: Collected) -> None:
    text = BRIDGE.replace("council", "cafè council")
    html = page("Café", text, charset="windows-1252").encode("cp1252")
    server.routes["/latin"] = Route(html, content_type="text/html; charset=windows-1252")
    [article] = UrlSource(UrlOptions([server.url("/latin")], fast_http)).collect(collected.context)
    assert "cafè council" in article.text and article.title == "Café"


def test_html_source_folder(tmp_path: Path, collected: Collected) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(page("Bridge", BRIDGE), encoding="utf-8")
    (folder / "b.htm").write_bytes(page("Café crème", ORCHARD, charset="iso-8859-1").encode("latin-1"))
    (folder / "c.html").write_bytes(b"")
    (folder / "d.html").write_bytes(b"\x00\x01binary\x00" * 20)
    (folder / "notes.txt").write_text("not matched")
    articles = list(HtmlSource(HtmlOptions(folder)).collect(collected.context))
    assert [a.title for a in articles] == ["Bridge", "Café crème"]
    assert articles[0].source == "Valley Gazette"
    assert [str(e) for e in collected.errors] == ["pages/c.html: file is empty",
                                                   "pages/d.html: binary file, not HTML"]


def test_html_source_single_file_and_missing(tmp_path: Path, collected: Collected) -> None:
    (tmp_path / "one.html").write_text(page("Orchard", ORCHARD))
    [article] = HtmlSource(HtmlOptions(tmp_path / "one.html")).collect(collected.context)
    assert article.text.startswith("Apple growers")
    missing = HtmlSource(HtmlOptions(tmp_path / "nope"))
    try:
        list(missing.collect(collected.context))
    except Exception as error:
        assert str(error).endswith("nope: no such file or folder")
    else:
        raise AssertionError("a missing path must fail")


def test_fragment_text() -> None:
    assert fragment_text("<p>One <b>bold</b> line.</p><p>Two</p><script>x()</script>") == \
        "One bold line.\nTwo"
    assert fragment_text("plain   words") == "plain words"
