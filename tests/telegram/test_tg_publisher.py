"""The ``telegram`` publisher against the fake Bot API: parts, exactly-once, faults, secrets."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from tgfixtures import publish_briefing

from briefing import PublishError
from briefing.core.store import Store
from briefing.plugins.telegram.split import utf16_len
from briefing.testing.fakebot import TOKEN, FakeBotAPI, Fault, html_problem


def publish(tmp_path: Path, fake: FakeBotAPI, targets: list[str], **options: object) -> None:
    publish_briefing(tmp_path, fake.base_url, targets, **options)  # type: ignore[arg-type]


def statuses(tmp_path: Path) -> list[tuple[str, int, str]]:
    store = Store(tmp_path / "state.db")
    rows = store.db.execute("SELECT target, part, status FROM deliveries ORDER BY target, part")
    return [(r[0], r[1], r[2]) for r in rows]


def test_delivers_valid_parts_once_and_again_only_on_resend(tmp_path: Path, fake: FakeBotAPI) -> None:
    publish(tmp_path, fake, ["101", "@harbour_news"], padding=150, template="long.tg.html.j2")
    parts = fake.texts("101")
    assert len(parts) >= 2 and parts == fake.texts("@harbour_news")
    for part in parts:
        assert utf16_len(part) <= 4096 and html_problem(part) is None
    assert "Harbour &amp; bridge" in parts[0]
    assert "Old town wants &lt;quiet&gt; building" in parts[-1]  # article text escaped
    assert all(m["preview_disabled"] and m["parse_mode"] == "HTML" for m in fake.messages)
    sent = len(fake.messages)
    publish(tmp_path, fake, ["101", "@harbour_news"], padding=150, template="long.tg.html.j2")
    assert len(fake.messages) == sent  # the same day again: nothing
    publish(tmp_path, fake, ["101"], padding=150, template="long.tg.html.j2", resend=True)
    assert len(fake.messages) == sent + len(parts)
    assert {s for _, _, s in statuses(tmp_path)} == {"sent"}


def test_survives_429_500_and_network_errors(tmp_path: Path, fake: FakeBotAPI) -> None:
    fake.faults += [Fault(429, "Too Many Requests: retry after 1", retry_after=1),
                    Fault(500, "Internal Server Error"), Fault(502, "Bad Gateway", times=2)]
    publish(tmp_path, fake, ["201", "202"])
    assert len(fake.texts("201")) == 1 and len(fake.texts("202")) == 1
    assert fake.stats["sendMessage"] == 6


def test_cant_parse_entities_falls_back_to_plain_text(tmp_path: Path, fake: FakeBotAPI) -> None:
    fake.faults.append(Fault(400, "Bad Request: can't parse entities: Unsupported start tag",
                             chat_id="301"))
    publish(tmp_path, fake, ["301"])
    [message] = [m for m in fake.messages if m["chat_id"] == "301"]
    assert message["parse_mode"] is None
    assert "Harbour & bridge" in message["text"] and "<b>" not in message["text"]


def test_blocked_chat_ends_its_subscriptions_and_others_go_on(tmp_path: Path, fake: FakeBotAPI) -> None:
    store = Store(tmp_path / "state.db")
    store.subscribe("401", "harbour")
    store.subscribe("402", "harbour")
    fake.blocked.add("401")
    with pytest.raises(PublishError, match="401"):
        publish(tmp_path, fake, ["401", "402"], store=store)
    assert fake.texts("402") and not fake.texts("401")
    assert [r["chat_id"] for r in store.subscriptions()] == ["402"]


def test_migrated_group_is_followed_and_remembered(tmp_path: Path, fake: FakeBotAPI) -> None:
    store = Store(tmp_path / "state.db")
    store.subscribe("-501", "harbour", "08:00", None)
    fake.migrations["-501"] = -100501
    publish(tmp_path, fake, ["-501"], store=store)
    assert fake.texts("-100501") and not fake.texts("-501")
    assert [(r["chat_id"], r["time"]) for r in store.subscriptions()] == [("-100501", "08:00")]
    publish(tmp_path, fake, ["-501"], store=store, resend=True)
    migrated = [m for m, p in fake.calls if m == "sendMessage" and p["chat_id"] == "-501"]
    assert len(migrated) == 1  # the second time it went straight to the new id


def test_timeout_is_reported_not_repeated_blindly(tmp_path: Path, fake: FakeBotAPI) -> None:
    fake.faults.append(Fault(200, delay=1.5, deliver=True, chat_id="601"))
    with pytest.raises(PublishError, match="may have arrived"):
        publish(tmp_path, fake, ["601", "602"])
    assert fake.wait_for(lambda: len(fake.texts("601")) == 1)
    assert len(fake.texts("602")) == 1
    assert ("601", 0, "unknown") in statuses(tmp_path)


def test_token_never_in_logs_or_errors(tmp_path: Path, fake: FakeBotAPI,
                                       caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake.faults.append(Fault(500, "Internal Server Error", times=10, chat_id="701"))
    with pytest.raises(PublishError) as error:
        publish(tmp_path, fake, ["701"])
    assert TOKEN not in str(error.value)
    assert TOKEN not in caplog.text
    store = Store(tmp_path / "state.db")
    assert all(TOKEN not in (row[0] or "") for row in store.db.execute("SELECT error FROM deliveries"))
