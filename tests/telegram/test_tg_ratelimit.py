"""One pace per bot token: the bot's own sends and a worker thread's publishing share 30/s.

``/run`` and scheduled runs make the briefing on a worker thread, whose ``telegram`` publisher
opens a bot (and an event loop) of its own. Both must draw on one limiter, or together they send
twice as fast as Telegram allows. The fake Bot API enforces the overall limit and answers 429 to
anything faster, so a single 429 here means the two did not share.
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

from tgfixtures import harbour_briefing, store_briefing, write_config

from briefing import Service
from briefing.core.config import load_config
from briefing.core.store import Store
from briefing.plugins.telegram.bot import build_application, service_of
from briefing.plugins.telegram.ratelimit import PacedRateLimiter, shared_rate_limiter
from briefing.plugins.telegram.settings import bot_settings
from briefing.testing import make_plugins
from briefing.testing.fakebot import FakeBotAPI, Limits

RATE = 30.0  # what the bot paces at (the default) and the fake allows
SUBSCRIBERS = [str(2000 + i) for i in range(24)]
FIXED = [str(3000 + i) for i in range(24)]


async def test_bot_fan_out_and_a_worker_thread_run_together_keep_the_overall_rate(
        tmp_path: Path, token_env: str) -> None:
    first_fixed = threading.Event()

    def note(count: int) -> bool:
        if count == 1:
            first_fixed.set()
        return True

    with FakeBotAPI(limits=Limits(per_second=RATE, chat_interval=0.01), on_send=note) as fake:
        outputs = "[{type: telegram, chat_id: [" + ", ".join(FIXED) + "]}]"
        config_path = write_config(tmp_path, fake.base_url, outputs=outputs, analyser="sentences",
                                   extra_bot="  chat_interval: 0.01",
                                   schedule="{timezone: Europe/London}")
        plugins = make_plugins()
        config = load_config(config_path, plugins)
        store = Store(config.state_path)
        briefing = harbour_briefing()
        store_briefing(store, briefing)
        app = build_application(Service(config, plugins, store), bot_settings(config.sections))
        service = service_of(app)
        async with app:
            # What /run does: the briefing made and published to FIXED on a worker thread; once
            # its first message is out, the bot starts serving its subscribers on its own loop.
            run = asyncio.create_task(service.make_briefing("harbour"))
            assert await asyncio.to_thread(first_fixed.wait, 30)
            asked = time.monotonic()
            report = await service.deliver(briefing, SUBSCRIBERS)
            error = await run
        store.close()
    assert error is None and not report.problems
    for chat in [*FIXED, *SUBSCRIBERS]:
        assert len(fake.texts(chat)) == len(fake.texts(FIXED[0])) >= 1
    fixed = [m["at"] for m in fake.messages if m["chat_id"] in FIXED]
    assert asked < max(fixed)  # the bot's fan-out was asked for while the run was still sending
    assert fake.stats["flood"] == 0  # together they never went faster than the fake allows
    times = sorted(m["at"] for m in fake.messages)
    burst = Limits().burst  # the fake lets this many through at once, for jitter
    assert times[-1] - times[0] >= (len(times) - burst) / RATE  # the pace is overall


def test_one_limiter_per_token_and_api_address() -> None:
    first = shared_rate_limiter("1:aaaa", "http://127.0.0.1:1/bot", per_second=30.0)
    assert shared_rate_limiter("1:aaaa", "http://127.0.0.1:1/bot", per_second=30.0) is first
    assert shared_rate_limiter("2:bbbb", "http://127.0.0.1:1/bot", per_second=30.0) is not first
    assert shared_rate_limiter("1:aaaa", "http://127.0.0.1:2/bot", per_second=30.0) is not first
    assert "aaaa" not in repr(first)


def test_a_shared_limiter_paces_requests_from_two_event_loops_as_one() -> None:
    limiter = PacedRateLimiter(per_second=100.0, chat_interval=0.0)
    sent: list[float] = []
    lock = threading.Lock()

    async def send() -> bool:
        with lock:
            sent.append(time.monotonic())
        return True

    async def fan_out(first_chat: int) -> None:
        async def one(chat: int) -> Any:
            return await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": chat},
                                                 None)
        await asyncio.gather(*(one(first_chat + i) for i in range(10)))

    threads = [threading.Thread(target=asyncio.run, args=(fan_out(start),)) for start in (1, 100)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sent.sort()
    assert len(sent) == 20
    for k, moment in enumerate(sent):  # the k-th message no sooner than k intervals after the first
        assert moment - sent[0] >= k * 0.01 - 0.003
