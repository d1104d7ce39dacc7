"""The bot in-process: commands answered from the stored briefing, schedules, admin checks.

Updates are handed to the Application as Telegram would send them; every reply goes over real
HTTP to the fake Bot API. Scheduled jobs are run through the JobQueue's own Job objects.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from tgfixtures import harbour_briefing, store_briefing, write_config

from briefing import Service, StageFailure
from briefing.core.config import load_config
from briefing.core.plugins import make_plugin_manager
from briefing.core.store import Store
from briefing.plugins.telegram.bot import build_application, register_menu, service_of
from briefing.plugins.telegram.schedule import Slot
from briefing.plugins.telegram.service import BotService
from briefing.plugins.telegram.settings import bot_settings
from briefing.testing.fakebot import FakeBotAPI, html_problem

FAST = "  chat_interval: 0.01\n  grace_hours: 6"


@pytest.fixture
async def app(tmp_path: Path, fake: FakeBotAPI, token_env: str) -> AsyncIterator[Any]:
    # No daily time of its own: a fixed slot would run the (spaCy) pipeline when caught up.
    config_path = write_config(tmp_path, fake.base_url, extra_bot=FAST,
                               schedule="{timezone: Europe/London}")
    plugins = make_plugin_manager(entry_points=False)
    config = load_config(config_path, plugins)
    store = Store(config.state_path)
    store_briefing(store, harbour_briefing())
    application = build_application(Service(config, plugins, store), bot_settings(config.sections))
    async with application:
        await application.start()
        yield application
        await application.stop()
    store.close()


def update(chat_id: int, text: str, *, user_id: int | None = None) -> dict[str, Any]:
    entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] \
        if text.startswith("/") else []
    return {"update_id": int(time.time() * 1000) % 10**9, "message": {
        "message_id": 1, "date": int(time.time()), "chat": {"id": chat_id, "type": "private"},
        "from": {"id": user_id or chat_id, "is_bot": False, "first_name": "Reader"},
        "text": text, "entities": entities}}


async def say(app: Any, fake: FakeBotAPI, chat_id: int, text: str, *, user_id: int | None = None
              ) -> list[str]:
    before = len(fake.texts(chat_id))
    await app.process_update(Update.de_json(update(chat_id, text, user_id=user_id), app.bot))
    return fake.texts(chat_id)[before:]


async def test_subscribe_then_the_scheduled_job_delivers_valid_parts(app: Any, fake: FakeBotAPI) -> None:
    [reply] = await say(app, fake, 11, "/subscribe harbour 08:30 Asia/Tokyo")
    assert "Subscribed" in reply and "08:30" in reply and "Asia/Tokyo" in reply
    [job] = app.job_queue.get_jobs_by_name("slot:harbour@08:30@Asia/Tokyo")
    assert job.next_t.utcoffset() == timedelta(hours=9)
    assert (job.next_t.hour, job.next_t.minute) == (8, 30)
    await job.run(app)
    parts = fake.texts(11)[1:]
    assert parts and "Harbour &amp; bridge" in parts[0]
    assert all(html_problem(p) is None and len(p) <= 4096 for p in parts)
    await job.run(app)  # the same day again: the outbox already has it
    assert len(fake.texts(11)) == 1 + len(parts)


async def test_time_without_zone_uses_the_briefings_zone(app: Any, fake: FakeBotAPI) -> None:
    [reply] = await say(app, fake, 12, "/subscribe harbour 9:15")
    assert "09:15" in reply and "Europe/London" in reply
    [job] = app.job_queue.get_jobs_by_name("slot:harbour@09:15@Europe/London")
    assert str(job.next_t.tzinfo) == "Europe/London"
    assert "harbour" in (await say(app, fake, 12, "/subscriptions"))[0]
    assert "Unsubscribed" in (await say(app, fake, 12, "/unsubscribe harbour"))[0]
    assert "No subscriptions" in (await say(app, fake, 12, "/subscriptions"))[0]


async def test_reading_commands_answer_from_the_stored_briefing(app: Any, fake: FakeBotAPI) -> None:
    brief = await say(app, fake, 13, "/brief")
    assert "Key facts" in brief[0] and "Lena Ortiz" in "".join(brief)
    [risks] = await say(app, fake, 13, "/risks harbour")
    assert "steel prices" in risks and "55-75%" in risks and "[1]" in risks
    assert "<i>(according to the city&#39;s engineers)</i>" in risks  # escaped as in the posts
    [who] = await say(app, fake, 13, "/who ortiz")
    assert "Lena Ortiz" in who and "mayor" in who and "2027" in who and "[1, 2]" in who
    [sources] = await say(app, fake, 13, "/sources")
    assert 'href="https://news.example/bridge?a=1&amp;b=2"' in sources
    assert all(html_problem(t) is None for t in [*brief, risks, who, sources])


async def test_ask_cites_sentences_or_says_the_articles_do_not_say(app: Any, fake: FakeBotAPI) -> None:
    [answer] = await say(app, fake, 14, "/ask When will the bridge open?")
    assert answer.splitlines()[1].startswith("• “Mayor Lena Ortiz said the bridge would open in 2027.”")
    assert "[1: Harbour Times" in answer
    [plain] = await say(app, fake, 14, "who opposes the plan")  # a plain message is a question
    assert "ferry company opposes the plan" in plain
    [none] = await say(app, fake, 14, "/ask what about the bananas?")
    assert "do not say" in none


async def test_admin_commands_refuse_others_and_nothing_runs(app: Any, fake: FakeBotAPI) -> None:
    service: BotService = service_of(app)
    runs = len(service.store.recent_runs(100))
    [refusal] = await say(app, fake, 15, "/run harbour")
    assert "only for this bot's admins" in refusal
    [refusal] = await say(app, fake, 15, "/status")
    assert "only for this bot's admins" in refusal
    assert len(service.store.recent_runs(100)) == runs
    [status] = await say(app, fake, 42, "/status")
    assert "Last runs" in status and "harbour" in status
    # A plugin that failed during the last run shows in /status.
    broken = replace(harbour_briefing(), failures=(
        StageFailure("extract", "watchlist", "briefing-watchlist", "KeyError: 'terms'"),))
    store_briefing(service.store, broken)
    [status] = await say(app, fake, 42, "/status")
    assert "1 failure(s), e.g. KeyError: 'terms'" in status
    assert "/run" not in (await say(app, fake, 15, "/help"))[0]
    assert "/run" in (await say(app, fake, 42, "/help"))[0]


async def test_menu_lists_public_commands_and_admin_commands_for_admins(app: Any,
                                                                        fake: FakeBotAPI) -> None:
    await register_menu(app, service_of(app))
    public = {c["command"] for c in fake.commands["default"]}
    assert {"start", "help", "subscribe", "brief", "ask", "who"} <= public and "run" not in public
    assert {"run", "status"} <= {c["command"] for c in fake.commands["chat:42"]}


async def test_missed_run_is_delivered_once_within_the_grace_period(app: Any, fake: FakeBotAPI) -> None:
    service = service_of(app)
    service.store.subscribe("16", "harbour", "06:00", "UTC")
    service.store.db.execute("UPDATE subscriptions SET created_at = ?",
                             ((datetime.now(UTC) - timedelta(days=3)).isoformat(),))
    scheduler = service.scheduler
    slot = Slot("harbour", "06:00", "UTC")
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    assert slot not in scheduler.missed(today + timedelta(hours=13))  # 7 h late: too late
    briefing = harbour_briefing(when=today + timedelta(hours=5))
    store_briefing(service.store, briefing)
    assert slot in scheduler.missed(today + timedelta(hours=8))  # 2 h late: due
    await scheduler.catch_up(today + timedelta(hours=8))
    assert len(fake.texts(16)) >= 1
    sent = len(fake.texts(16))
    assert slot not in scheduler.missed(today + timedelta(hours=9))  # once
    await scheduler.catch_up(today + timedelta(hours=9))
    assert len(fake.texts(16)) == sent


async def test_brief_opens_with_what_is_new_from_the_stored_briefing(app: Any, fake: FakeBotAPI) -> None:
    """A stored briefing whose bridge story continues yesterday's: /brief says so first, from the
    state alone (the JSON round-trips each story's status and each fact's new flag)."""
    from briefing import Story

    service: BotService = service_of(app)
    plain = harbour_briefing()
    one, two = plain.articles
    told, fresh = plain.facts
    briefing = replace(
        plain, generated_at=datetime.now(UTC) + timedelta(minutes=1),
        facts=(replace(told, new=False), fresh),
        stories=(Story("Harbour bridge: <costs> rise", (one.id, two.id), 2.0, "s-bridge", status="developing",
                       first_briefed=datetime(2025, 3, 3, 7, tzinfo=UTC), new_article_ids=(two.id,)),))
    store_briefing(service.store, briefing)
    brief = await say(app, fake, 17, "/brief")
    first = brief[0]
    assert first.index("<b>What's new</b>") < first.index(plain.summary.text)
    assert ("• <b>Developing</b> <i>(first briefed 03 Mar)</i>: Harbour bridge: &lt;costs&gt; rise [2]"
            in first)
    assert f"   – {fresh.text} [2]" in first and f"– {told.text}" not in first
    assert all(html_problem(text) is None for text in brief)
