"""Pace every message so the bot stays inside Telegram's flood limits instead of hitting them.

Telegram asks bots to send at most about 30 messages a second overall, one a second to a private
chat, and 20 a minute to a group or channel. python-telegram-bot's bundled limiter lets bursts
through and reacts afterwards; for a fan-out to many chats an even pace is faster overall, because
a burst that trips a 429 costs seconds of waiting. So each request first waits for its chat's next
free moment (without holding up other chats), then takes the next free overall slot.

The limits are per bot token, so one process keeps one limiter per token and API address
(`shared_rate_limiter`): ``briefing bot`` answers chats on its event loop while ``/run`` and
scheduled runs publish to fixed targets from a worker thread with a bot (and event loop) of their
own, and both must share the 30 a second. The limiter is therefore safe across threads and event
loops: each request reserves its slot under a thread lock (reading the monotonic clock, which
every event loop shares) and sleeps on its own loop.

A 429 that gets through anyway (another process on the same token, a stricter server) is honoured:
the request waits ``retry_after`` seconds, and that chat is held back as long, then it retries.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import time
import warnings
import weakref
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)
_registry: weakref.WeakValueDictionary[tuple[object, ...], PacedRateLimiter] = (
    weakref.WeakValueDictionary())
_registry_lock = threading.Lock()


def is_group(chat_id: object) -> bool:
    """Groups, supergroups and channels have negative ids or an @username; users are positive."""
    text = str(chat_id)
    return text.startswith(("-", "@"))


def shared_rate_limiter(token: str, api_url: str, **limits: Any) -> PacedRateLimiter:
    """The process's limiter for this bot token and API address, made on first use.

    ``limits`` are `PacedRateLimiter`'s keyword arguments; they are part of the key (one config
    gives one set, so in a deployment that changes nothing, and tests with other paces stay
    apart). The registry holds limiters weakly: one lives as long as a bot uses it. The token is
    kept only as a hash, so the registry's repr shows nothing secret.
    """
    key = (hashlib.sha256(token.encode()).hexdigest(), api_url, *sorted(limits.items()))
    with _registry_lock:
        limiter = _registry.get(key)
        if limiter is None:
            limiter = PacedRateLimiter(**limits)
            _registry[key] = limiter
        return limiter


class PacedRateLimiter(BaseRateLimiter[int]):
    def __init__(self, *, per_second: float = 30.0, chat_interval: float = 1.0,
                 group_per_minute: float = 20.0, max_retries: int = 5,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.chat_interval = chat_interval
        self.group_interval = 60.0 / group_per_minute if group_per_minute > 0 else 0.0
        self.max_retries = max_retries
        self._now = clock
        self._lock = threading.Lock()  # held only between awaits, never across one
        self._next_slot = 0.0
        self._next_for_chat: dict[str, float] = {}
        self.retries_after = 0

    def __repr__(self) -> str:
        return f"PacedRateLimiter(interval={self.interval:.4f}s)"

    async def initialize(self) -> None:
        """Nothing to reset: a bot that starts while another one sends must keep to the pace."""

    async def shutdown(self) -> None:
        """Forget chats whose hold has passed (a shared limiter outlives each bot's session)."""
        with self._lock:
            now = self._now()
            for key in [k for k, ready in self._next_for_chat.items() if ready <= now]:
                del self._next_for_chat[key]

    def _gap(self, chat_id: object) -> float:
        return self.group_interval if is_group(chat_id) else self.chat_interval

    async def _wait_turn(self, chat_id: object | None) -> None:
        key = None if chat_id is None else str(chat_id)
        if key is not None:
            while True:  # another request for the same chat may have taken our turn meanwhile
                with self._lock:
                    now = self._now()
                    ready = self._next_for_chat.get(key, 0.0)
                    if ready <= now:
                        self._next_for_chat[key] = now + self._gap(chat_id)
                        break
                await asyncio.sleep(ready - now)
        with self._lock:
            now = self._now()
            slot = max(now, self._next_slot)
            self._next_slot = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)
        if key is not None:  # the chat's gap counts from when the message really goes out
            self._hold(key, self._gap(chat_id))

    def _hold(self, key: str, seconds: float) -> None:
        with self._lock:
            self._next_for_chat[key] = max(self._next_for_chat.get(key, 0.0), self._now() + seconds)

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
                with self._lock:
                    self.retries_after += 1
                if attempt > self.max_retries:
                    raise
                with warnings.catch_warnings():  # PTB 22: the type will become timedelta
                    warnings.simplefilter("ignore")
                    wait = error.retry_after
                seconds = wait.total_seconds() if hasattr(wait, "total_seconds") else float(wait)
                log.info("Telegram asked to wait %.1fs (%s); waiting", seconds, endpoint)
                if chat_id is not None:
                    self._hold(str(chat_id), seconds)
                else:
                    await asyncio.sleep(seconds)
