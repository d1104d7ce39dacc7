"""The webhook publisher against a real HTTP receiver on 127.0.0.1 (the http_receiver fixture)."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from briefing import Store
from briefing.testing import HttpReceiver, make_article, run_briefing

import briefing_watchlist

NOW = datetime(2025, 3, 1, 7, 0, tzinfo=UTC)
ARTICLES = [
    make_article("Mara Quist said the ferry fares will rise. A strike is planned for March.",
                 title="Harbour meeting", url="https://news.example/harbour"),
    make_article("Rain is expected in the hills. The reservoir is full.", title="Weather"),
]


def config(output: dict[str, Any]) -> dict[str, Any]:
    return {"title": "Harbour watch", "cleaners": [], "analyser": "sentences", "summariser": None,
            "extractors": [{"type": "watchlist", "people": [{"name": "Mara Quist", "level": "high"}],
                            "terms": ["strike"], "level": "low"}],
            "outputs": [{"type": "webhook", **output}]}


def publish(tmp_path: Path, output: dict[str, Any]) -> Any:
    return run_briefing(config(output), plugins=[briefing_watchlist], articles=ARTICLES,
                        tmp_path=tmp_path, publish=True, now=NOW)


def deliveries(tmp_path: Path) -> list[tuple[str, str, int, str | None]]:
    store = Store(tmp_path / "state.db")
    rows = store.db.execute("SELECT target, status, attempts, error FROM deliveries ORDER BY id")
    found = [(r["target"], r["status"], r["attempts"], r["error"]) for r in rows]
    store.close()
    return found


def test_posts_the_briefing_json(tmp_path: Path, http_receiver: HttpReceiver) -> None:
    briefing = publish(tmp_path, {"url": http_receiver.url + "/hook?key=abc"})
    assert briefing.failures == ()
    (request,) = http_receiver.requests
    assert (request.method, request.path) == ("POST", "/hook?key=abc")
    assert request.headers["content-type"] == "application/json"
    sent = request.json()
    assert sent["title"] == "Harbour watch"
    assert {tuple(r["actors"]) for r in sent["risks"]} == {("Mara Quist",), ("strike",)}
    # The delivery is recorded without the query string, where webhook tokens live.
    assert deliveries(tmp_path) == [(http_receiver.url + "/hook", "sent", 1, None)]


def test_posts_a_slack_or_mattermost_message(tmp_path: Path, http_receiver: HttpReceiver) -> None:
    publish(tmp_path, {"url": http_receiver.url, "format": "slack", "min_level": "high"})
    message = http_receiver.requests[0].json()
    assert list(message) == ["text"]
    text = message["text"]
    assert text.startswith("*Harbour watch* (2025-03-01)")
    assert "• [HIGH] Mara Quist said the ferry fares will rise. [1]" in text
    assert "strike" not in text  # a low alert, under min_level
    assert "1. Harbour meeting (https://news.example/harbour)" in text
    assert "2. Weather" in text


def test_a_briefing_is_posted_once_a_day(tmp_path: Path, http_receiver: HttpReceiver) -> None:
    publish(tmp_path, {"url": http_receiver.url})
    publish(tmp_path, {"url": http_receiver.url})
    assert len(http_receiver.requests) == 1


def test_a_failing_receiver_is_a_failure_and_the_next_run_retries(
        tmp_path: Path, http_receiver: HttpReceiver) -> None:
    http_receiver.status, http_receiver.body = 503, b"down for maintenance"
    briefing = publish(tmp_path, {"url": http_receiver.url})
    assert briefing.risks  # the briefing itself was made
    (failure,) = briefing.failures
    assert (failure.stage, failure.component, failure.plugin) == ("publish", "webhook",
                                                                   "briefing_watchlist")
    assert failure.error == f"webhook {http_receiver.url}: HTTP 503: down for maintenance"
    assert deliveries(tmp_path)[0][1:3] == ("failed", 1)
    http_receiver.status = 200
    assert publish(tmp_path, {"url": http_receiver.url}).failures == ()
    assert deliveries(tmp_path)[0][1:3] == ("sent", 2)
    assert len(http_receiver.requests) == 2


def test_a_secret_url_never_shows(tmp_path: Path, http_receiver: HttpReceiver,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    secret_url = http_receiver.url + "/services/T000/B000/very-secret-token"
    monkeypatch.setenv("HARBOUR_WEBHOOK", secret_url)
    http_receiver.status, http_receiver.body = 500, b"no such hook: /services/T000/B000/very-secret-token"
    briefing = publish(tmp_path, {"url": {"$env": "HARBOUR_WEBHOOK"},
                                  "headers": {"Authorization": {"$env": "HARBOUR_WEBHOOK"}}})
    assert http_receiver.requests[0].path == "/services/T000/B000/very-secret-token"
    (failure,) = briefing.failures
    assert "very-secret-token" not in failure.error
    assert failure.error.startswith("webhook $HARBOUR_WEBHOOK: HTTP 500")
    assert deliveries(tmp_path)[0][0] == "$HARBOUR_WEBHOOK"
    assert "very-secret-token" not in str(deliveries(tmp_path))


def test_a_receiver_that_is_down_is_a_failure(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    briefing = publish(tmp_path, {"url": f"http://127.0.0.1:{port}/hook", "timeout": 2})
    (failure,) = briefing.failures
    assert failure.error.startswith(f"webhook http://127.0.0.1:{port}/hook: ")
    assert deliveries(tmp_path)[0][1] == "failed"
