"""``briefing serve`` over HTTP, as a browser or an attacker would talk to it: a real uvicorn
server on 127.0.0.1 over a real state file; raw requests for the paths a client would normalise."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from briefing import Service
from briefing.plugins.web.app import CSP

from webfixtures import serving  # isort: skip


def get(site: str, path: str, **options: object) -> httpx.Response:
    return httpx.get(site + path, timeout=10, **options)  # type: ignore[arg-type]


def raw(site: str, target: str, host: str = "127.0.0.1") -> tuple[int, bytes]:
    """Send ``GET target`` exactly as written (no client normalises it); the status and body."""
    address = urlsplit(site)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_the_index_lists_briefings_by_name_and_day(site):
    page = get(site, "/").text
    assert 'href="/b/river/2025-03-05"' in page and 'href="/b/river/2025-03-03"' in page
    assert 'href="/b/grid/2025-03-04"' in page
    assert "River &amp; port" in page and "River & port" not in page
    assert "Never made" in page and "briefing run quiet" in page
    assert page.index("2025-03-05") < page.index("2025-03-04") < page.index("2025-03-03")


def test_a_briefing_page_shows_every_section_with_evidence(site):
    page = get(site, "/b/river/2025-03-04").text
    for section in ("summary", "stories", "facts", "stakeholders", "risks", "places", "quotes", "sources"):
        assert f'id="{section}"' in page, section
    # A line and its evidence: the sentence, the quoted words marked, the article linked.
    assert ("<blockquote>Harbour master Ines Varga said <mark>the dock would handle grain first</mark>."
            "</blockquote>") in page
    assert ('<a href="https://news.example/locks?x=1&amp;y=2" rel="noopener noreferrer" '
            'target="_blank">') in page
    assert 'href="/who?name=Ines%20Varga"' in page
    assert "likely · 55-75%" in page
    # The latest day is the briefing's own address.
    assert "2025-03-05" in get(site, "/b/river").text.split("<h1>")[1]


def test_everything_a_feed_wrote_is_escaped_and_a_script_url_never_linked(site):
    page = get(site, "/b/river/2025-03-04").text
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "A &lt;b&gt;bold&lt;/b&gt; claim &amp; more" in page
    assert "javascript:" not in page
    assert "<script" not in page.replace('<script src="/static/app.js" defer></script>', "")


def test_every_response_carries_the_security_headers(site):
    for path in ("/", "/b/river/2025-03-04", "/static/app.css", "/nope", "/b/river/2099-01-01",
                 "/search?q=grain", "/who?name=Varga"):
        response = get(site, path)
        assert response.headers["content-security-policy"] == CSP, path
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "server" not in response.headers
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP and "default-src 'none'" in CSP


@pytest.mark.parametrize("target", [
    "/../state.db", "/static/../../state.db", "/static/..%2f..%2fstate.db", "/static/%2e%2e/%2e%2e/state.db",
    "/static/..%5c..%5cstate.db", "/%2e%2e/state.db", "/static/", "/static/..", "/static/%2e%2e",
    "/static/app.css/../../state.db", "/b/river/..%2f..%2fstate.db", "/b/..%2fstate.db/2025-03-04",
    "/state.db", "/briefings.yaml", "/static/../briefings.yaml", "//etc/passwd", "/static//etc/passwd",
    "/static/%2fetc%2fpasswd", "/static/webfixtures.py", "/static/app.py",
])
def test_requests_outside_the_app_are_refused(site, config: Path, target):
    status, body = raw(site, target)
    assert status in (400, 404), (target, status)
    state = (config.parent / "state.db").read_bytes()[:16]
    assert b"SQLite format" not in body and state not in body
    assert b"briefings:" not in body and b"root:" not in body


def test_only_the_listed_static_files_are_served(site):
    assert get(site, "/static/app.js").headers["content-type"].startswith("text/javascript")
    assert get(site, "/static/app.css").text.startswith("/* The briefing pages")
    assert get(site, "/static/__init__.py").status_code == 404


def test_it_is_read_only_and_answers_only_to_loopback_names(site):
    assert httpx.post(site + "/", timeout=10).status_code == 405
    assert httpx.post(site + "/search", data={"q": "x"}, timeout=10).status_code == 405
    status, _ = raw(site, "/", host="evil.example")
    assert status == 400
    assert raw(site, "/", host="localhost:8000")[0] == 200


def test_search_finds_lines_of_every_day_and_marks_the_words(site):
    page = get(site, "/search", params={"q": "grain"}).text
    assert page.count('<a href="/b/river/2025-03-0') >= 6  # the quote and the risk, three days
    assert "<mark>grain</mark>" in page
    assert page.index("river · 2025-03-05") < page.index("river · 2025-03-03")
    narrowed = get(site, "/search", params={"q": "traffic third"}).text
    assert "river · 2025-03-05" in narrowed and "river · 2025-03-04" not in narrowed  # only day 5 has it
    assert "Nothing in the stored briefings contains" in get(site, "/search", params={"q": "zeppelin"}).text
    hostile = get(site, "/search", params={"q": "<script>x</script>"}).text
    assert "<script>x" not in hostile and "&lt;script&gt;x&lt;/script&gt;" in hostile


def test_a_stakeholder_page_spans_days_with_roles_quotes_and_stories(site):
    page = get(site, "/who", params={"name": "varga"}).text  # an alias, any case
    assert "<h1>Ines Varga</h1>" in page
    assert page.count('class="card appearance"') == 3
    assert "harbour master" in page and "“the dock would handle grain first”" in page
    assert "Stories: Halden dock and Maren lock" in page
    assert 'href="/b/river/2025-03-03"' in page
    assert get(site, "/who", params={"name": "Nobody Here"}).status_code == 404


def test_unknown_briefings_and_days_are_plain_404_pages(site):
    for path in ("/b/nope", "/b/river/2099-01-01", "/b/river/2025-13-45", "/b/river/yesterday", "/who"):
        response = get(site, path)
        assert response.status_code == 404, path
        assert "<h1>Not found</h1>" in response.text
    picked = get(site, "/b/river", params={"day": "2025-03-03"}, follow_redirects=True)
    assert picked.url.path == "/b/river/2025-03-03"


def test_a_template_next_to_the_config_overrides_a_page(config: Path, service: Service):
    folder = config.parent / "templates" / "web"
    folder.mkdir(parents=True)
    (folder / "index.html.j2").write_text(
        '{% extends "default:web/index.html.j2" %}{% block title %}Our desk{% endblock %}')
    overridden = Service.open(config, service.plugins)  # the templates folder is found at load
    with serving(overridden) as url:
        page = get(url, "/").text
    overridden.close()
    assert "<title>Our desk</title>" in page and 'href="/b/river/2025-03-05"' in page


def test_health_answers_for_a_container_check(site):
    assert get(site, "/health").json() == {"ok": True, "briefings": 3}


def test_story_ids_statuses_and_new_flags_show_when_the_briefing_carries_them(service: Service):
    """What's new: a developing story with its new facts, a new story; the facts' "new" marks
    show only when the briefing knows older facts (on a first briefing everything is new)."""
    from dataclasses import replace

    from webfixtures import river

    from briefing.plugins.web.reading import evidence_lines

    plain = river(4)
    docks_fact, locks_fact, hostile_fact = plain.facts
    first, second = plain.stories
    later = replace(
        plain, facts=(docks_fact, replace(locks_fact, new=False), hostile_fact),
        stories=(replace(first, id="s1a2b3", status="developing",
                         first_briefed=datetime(2025, 3, 3, 7, tzinfo=UTC),
                         new_article_ids=first.article_ids[:1]),
                 replace(second, id="s4d5e6", status="new")))

    def page(briefing):
        return service.render("web/briefing.html.j2", briefing, autoescape=True, root="", query="",
                              evidence=lambda item: evidence_lines(briefing, item), day="2025-03-04",
                              days=["2025-03-04"], newer=None, older=None, run=None, made="07:00 GMT")

    shown = page(later)
    news = shown.split('<section id="new">')[1].split("</section>")[0]
    assert "<h2>What's new</h2>" in news
    assert '<span class="badge status-developing">developing</span>' in news
    assert "first briefed 03 Mar" in news
    assert docks_fact.text in news and locks_fact.text not in news  # the developing story's new fact
    assert '<span class="badge status-new">new</span>' in news  # the canal story: new, no facts listed
    assert hostile_fact.text not in news
    assert 'data-story="s1a2b3"' in shown and 'data-story="s4d5e6"' in shown
    facts = shown.split('<section id="facts">')[1].split("</section>")[0]
    assert facts.count('class="badge status-new"') == 2  # the docks and canal facts; not the lock's
    first_day = page(plain)  # no earlier briefing: every story new, no fact marked
    assert first_day.split('<section id="new">')[1].split("</section>")[0].count(
        '<span class="badge status-new">new</span>') == 2
    assert 'class="badge status-new"' not in first_day.split('<section id="facts">')[1]
    assert '<section id="new">' not in page(replace(plain, stories=()))
