"""Fan-out benchmark: one briefing to many subscribers through a fake Bot API with flood limits.

The fake server (briefing/testing/fakebot.py) enforces Telegram's limits (30 messages/s overall,
1/s per chat) by answering 429, and injects faults into a share of sends (half 429 with
retry_after=1, half 502). The bot side is the real code: paced rate limiter, retries, outbox.

Reports the time taken against the minimum the 30 messages/s limit allows (goal: within 10 %),
and checks that no part was lost or duplicated. Run it from the repository root:

    .venv/bin/python bench/fanout.py                     # 200 subscribers x 2 parts (~14 s)
    .venv/bin/python bench/fanout.py --subscribers 1000  # the full run (~70 s)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing import Outbox, Secret  # noqa: E402
from briefing.core.store import Store  # noqa: E402
from briefing.plugins.telegram.delivery import fan_out, sender_for  # noqa: E402
from briefing.plugins.telegram.sender import make_bot  # noqa: E402
from briefing.plugins.telegram.settings import BotSettings  # noqa: E402
from briefing.plugins.telegram.split import split_html  # noqa: E402
from briefing.testing.fakebot import TOKEN, FakeBotAPI, Limits  # noqa: E402


def briefing_parts(count: int) -> list[str]:
    """A briefing-shaped text that splits into ``count`` messages."""
    paragraphs = [f"<b>Item {i}</b>\n" + "A sentence about the harbour &amp; the bridge. " * 8
                  for i in range(count * 9)]
    parts = split_html("\n\n".join(paragraphs))
    return parts[:count]


async def run(subscribers: int, parts_per_chat: int, fault_rate: float, seed: int) -> dict[str, object]:
    parts = briefing_parts(parts_per_chat)
    chats = [str(10_000 + i) for i in range(subscribers)]
    with FakeBotAPI(limits=Limits(), fault_rate=fault_rate, seed=seed) as fake, \
            tempfile.TemporaryDirectory() as folder:
        settings = BotSettings(token=Secret("BENCH_TOKEN", TOKEN), api_url=fake.base_url,
                               backoff=0.2, max_retries=8)
        store = Store(Path(folder) / "state.db")
        bot = make_bot(settings)
        async with bot:
            sender = sender_for(bot, settings, store)
            outbox = Outbox(store, "bench", "2025-01-02")
            started = time.monotonic()
            report = await fan_out(outbox, sender, chats, parts, concurrency=settings.concurrency)
            elapsed = time.monotonic() - started
        delivered = Counter((m["chat_id"], m["text"]) for m in fake.messages)
        expected = {(chat, part) for chat in chats for part in parts}
        total = len(expected)
        minimum = total / settings.messages_per_second
        return {
            "subscribers": subscribers, "parts_per_chat": len(parts), "messages": total,
            "seconds": round(elapsed, 2), "minimum_seconds": round(minimum, 2),
            "over_minimum_percent": round(100 * (elapsed / minimum - 1), 1),
            "lost": len(expected - set(delivered)),
            "duplicated": sum(n - 1 for n in delivered.values() if n > 1),
            "faults_injected": fake.stats["injected"], "flood_429_from_server": fake.stats["flood"],
            "send_requests": fake.stats["sendMessage"], "failed": len(report.problems),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=200)
    parser.add_argument("--parts", type=int, default=2, help="messages per subscriber")
    parser.add_argument("--fault-rate", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    result = asyncio.run(run(args.subscribers, args.parts, args.fault_rate, args.seed))
    print(json.dumps(result, indent=2))
    ok = result["lost"] == 0 and result["duplicated"] == 0
    print(f"{'ok' if ok else 'FAILED'}: {result['messages']} messages in {result['seconds']} s, "
          f"minimum {result['minimum_seconds']} s (+{result['over_minimum_percent']} %), "
          f"lost {result['lost']}, duplicated {result['duplicated']}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
