"""Pace every message so the bot stays inside Telegram's flood limits instead of hitting them.

Telegram asks bots to send at most about 30 messages a second overall, one a second to a private
chat, and 20 a minute to a group or channel. python-telegram-bot's bundled limiter lets bursts
through and reacts afterwards; for a fan-out to many chats an even pace is faster overall, because
a burst that trips a 429 costs seconds of waiting. So each request first waits for its chat's next
free moment (without holding up other chats), then takes the next free overall slot.

A 429 that gets through anyway (another client on the same token, a stricter server) is honoured:
the request waits ``retry_after`` seconds, and that chat is held back as long, then it retries.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)


def is_group(chat_id: object) -> bool:
    """Groups, supergroups and channels have negative ids or an @username; users are positive."""
    text = str(chat_id)
    return text.startswith(("-", "@"))


class PacedRateLimiter(BaseRateLimiter[int]):
    def __init__(self, *, per_second: float = 30.0, chat_interval: float = 1.0,
                 group_per_minute: float = 20.0, max_retries: int = 5,
                 clock: Callable[[], float] | None = None) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.chat_interval = chat_interval
        self.group_interval = 60.0 / group_per_minute if group_per_minute > 0 else 0.0
        self.max_retries = max_retries
        self._clock = clock
        self._next_slot = 0.0
        self._next_for_chat: dict[str, float] = {}
        self.retries_after = 0

    def _now(self) -> float:
        return self._clock() if self._clock else asyncio.get_running_loop().time()

    async def initialize(self) -> None:
        self._next_slot = 0.0

    async def shutdown(self) -> None:
        self._next_for_chat.clear()

    async def _wait_turn(self, chat_id: object | None) -> None:
        if chat_id is not None:
            key = str(chat_id)
            gap = self.group_interval if is_group(chat_id) else self.chat_interval
            while True:  # another request for the same chat may have taken our turn meanwhile
                now = self._now()
                ready = self._next_for_chat.get(key, 0.0)
                if ready <= now:
                    self._next_for_chat[key] = now + gap
                    break
                await asyncio.sleep(ready - now)
        now = self._now()
        slot = max(now, self._next_slot)
        self._next_slot = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)
        if chat_id is not None:  # the chat's gap counts from when the message really goes out
            key = str(chat_id)
            gap = self.group_interval if is_group(chat_id) else self.chat_interval
            self._next_for_chat[key] = max(self._next_for_chat.get(key, 0.0), self._now() + gap)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        chat_id = data.get("chat_id")
        paced = chat_id is not None or endpoint.startswith(("send", "copy", "forward"))
        attempt = 0
        while True:
            if paced:
                await self._wait_turn(chat_id)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                attempt += 1
                self.retries_after += 1
                if attempt > self.max_retries:
                    raise
                with warnings.catch_warnings():  # PTB 22: the type will become timedelta
                    warnings.simplefilter("ignore")
                    wait = error.retry_after
                seconds = wait.total_seconds() if hasattr(wait, "total_seconds") else float(wait)
                log.info("Telegram asked to wait %.1fs (%s); waiting", seconds, endpoint)
                if chat_id is not None:
                    key = str(chat_id)
                    self._next_for_chat[key] = max(self._next_for_chat.get(key, 0.0),
                                                   self._now() + seconds)
                else:
                    await asyncio.sleep(seconds)
