"""Send one message part, surviving what Telegram and networks do to a bot.

* 429 ``RetryAfter``: the rate limiter waits the time asked and retries (see ratelimit.py).
* Network errors and 5xx: retried with exponential backoff, up to ``max_retries``.
* A timeout after the request went out (read/write timeout): the message may have arrived, so it
  is not sent again blindly; `DeliveryUncertain` lets the outbox mark it ``unknown``.
* 403 (bot blocked, kicked from the group): `ChatGone`, so the caller ends the subscription.
* A group that became a supergroup: ``migrate_to_chat_id`` is followed and remembered.
* 400 "can't parse entities": that part is sent again as plain text.

Every error message is passed through `redact` so the token never reaches a log or the store.
"""

from __future__ import annotations

import asyncio
import logging
import random
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from briefing import DeliveryUncertain, PublishError, redact
from briefing.plugins.telegram.ratelimit import PacedRateLimiter, shared_rate_limiter
from briefing.plugins.telegram.redaction import protect
from briefing.plugins.telegram.settings import BotSettings
from briefing.plugins.telegram.split import html_to_text

log = logging.getLogger(__name__)


class ChatGone(PublishError):
    """403: the user blocked the bot, or the bot was removed from the group or channel."""


@dataclass(frozen=True)
class Sent:
    message_id: str
    chat_id: str  # where it went: differs from the target after a migration
    plain: bool = False  # sent as plain text after Telegram refused the HTML


def retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the type will become timedelta
        warnings.simplefilter("ignore")
        wait = error.retry_after
    return wait.total_seconds() if hasattr(wait, "total_seconds") else float(wait)


def explain(error: TelegramError, settings: BotSettings) -> str:
    """What went wrong, in words a user can act on, without the token.

    python-telegram-bot puts the token itself in InvalidToken's message, and says only "Invalid
    server response" when the answer was not JSON (a proxy's or a wrong host's HTML page)."""
    if isinstance(error, InvalidToken):
        return f"the Bot API refused the token in {settings.token.env}"
    if str(error) == "Invalid server response":
        return (f"the Bot API at {settings.api_url} answered with something other than JSON "
                "(an HTML page?); is bot.api_url right?")
    return redact(f"{type(error).__name__}: {error}", settings.token)


def make_rate_limiter(settings: BotSettings) -> PacedRateLimiter:
    """The one limiter of this process for the bot's token and API address (see ratelimit.py)."""
    return shared_rate_limiter(settings.token.reveal(), settings.api_url,
                               per_second=settings.messages_per_second,
                               chat_interval=settings.chat_interval,
                               group_per_minute=settings.group_per_minute,
                               max_retries=settings.max_retries)


def make_request(settings: BotSettings, *, pool: int | None = None) -> HTTPXRequest:
    return HTTPXRequest(connection_pool_size=pool or max(8, settings.concurrency),
                        read_timeout=settings.read_timeout, write_timeout=settings.read_timeout,
                        connect_timeout=settings.connect_timeout, pool_timeout=30.0)


def make_bot(settings: BotSettings) -> ExtBot[Any]:
    """A bot for sending only (the publisher's); it paces with the same limiter as the bot's."""
    protect(settings.token.reveal())
    return ExtBot(settings.token.reveal(), base_url=settings.api_url,
                  request=make_request(settings), rate_limiter=make_rate_limiter(settings))


class TelegramSender:
    """Sends parts through one bot; ``resolve`` and ``on_migrated`` keep chat ids current."""

    def __init__(self, bot: Any, settings: BotSettings, *,
                 resolve: Callable[[str], str] = lambda chat: chat,
                 on_migrated: Callable[[str, str], None] = lambda old, new: None,
                 sleep: Callable[[float], Any] = asyncio.sleep) -> None:
        self.bot = bot
        self.settings = settings
        self.resolve = resolve
        self.on_migrated = on_migrated
        self.sleep = sleep

    def __repr__(self) -> str:
        return f"TelegramSender(api_url={self.settings.api_url!r})"

    def _clean(self, error: BaseException) -> str:
        return redact(f"{type(error).__name__}: {error}", self.settings.token)

    async def send(self, chat_id: str, text: str, *, html: bool = True) -> Sent:
        target = self.resolve(chat_id)
        plain = not html
        attempts = 0
        migrations = 0
        while True:
            try:
                message = await self.bot.send_message(
                    chat_id=target,
                    text=html_to_text(text) if plain else text,
                    parse_mode=None if plain else ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(
                        is_disabled=self.settings.disable_previews),
                )
                return Sent(str(message.message_id), str(target), plain)
            except ChatMigrated as error:
                migrations += 1
                if migrations > 3:
                    raise PublishError(f"chat {chat_id}: migrated too many times") from None
                new = str(error.new_chat_id)
                log.warning("chat %s moved to %s; following it", target, new)
                self.on_migrated(target, new)
                target = new
            except Forbidden as error:
                raise ChatGone(f"chat {target}: {self._clean(error)}") from None
            except InvalidToken as error:
                raise PublishError(explain(error, self.settings)) from None
            except BadRequest as error:
                if not plain and "can't parse entities" in str(error).lower():
                    log.warning("chat %s: Telegram refused the HTML (%s); sending plain text",
                                target, self._clean(error))
                    plain = True
                    continue
                raise PublishError(f"chat {target}: {self._clean(error)}") from None
            except TimedOut as error:
                if isinstance(error.__cause__, (httpx.ReadTimeout, httpx.WriteTimeout)):
                    raise DeliveryUncertain(
                        f"chat {target}: no answer in time; the message may have arrived") from None
                attempts = await self._backoff(attempts, target, error)
            except (NetworkError, RetryAfter) as error:
                attempts = await self._backoff(attempts, target, error)
            except TelegramError as error:
                raise PublishError(f"chat {target}: {explain(error, self.settings)}") from None

    async def _backoff(self, attempts: int, target: str, error: TelegramError) -> int:
        attempts += 1
        if attempts > self.settings.max_retries:
            raise PublishError(f"chat {target}: gave up after {attempts} attempts: "
                               f"{self._clean(error)}") from None
        if isinstance(error, RetryAfter):
            delay = retry_after_seconds(error)
        else:
            delay = self.settings.backoff * (2 ** (attempts - 1)) * (0.5 + random.random())
        log.info("chat %s: %s; retry %d in %.2fs", target, self._clean(error), attempts, delay)
        await self.sleep(delay)
        return attempts

