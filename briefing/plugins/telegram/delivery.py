"""Fan one briefing out to many chats through the outbox, exactly once per chat, part and day.

Each part follows the outbox protocol (briefing/core/outbox.py): recorded ``pending`` before it
is sent, ``sent`` with its message id after. The outbox's own ``deliver`` takes a blocking send
function; here sends are coroutines and many chats are served at once, so the same steps are
taken around an ``await``. Parts of one chat go in order; chats go side by side, up to
``concurrency`` at a time, which keeps the rate limiter's overall pace full even though each
chat may only get one message a second.

A chat that blocked the bot (403) loses its subscriptions; a chat that moved (a group upgraded
to a supergroup) keeps them under its new id, and later sends go straight there.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from briefing import Delivery, DeliveryStatus, DeliveryUncertain, Outbox, Store
from briefing.plugins.telegram.sender import ChatGone, TelegramSender
from briefing.plugins.telegram.settings import BotSettings

log = logging.getLogger(__name__)
CHANNEL = "telegram"
MIGRATED = "telegram.migrated"


@dataclass
class FanoutReport:
    sent: int = 0
    skipped: int = 0
    plain: int = 0
    failed: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [*self.failed, *self.uncertain, *(f"chat {c}: bot blocked or removed" for c in self.gone)]


class ChatDirectory:
    """Where a chat id points now, kept in the store so restarts remember migrations."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def resolve(self, chat_id: str) -> str:
        seen = {chat_id}
        while (moved := self.store.get_value(MIGRATED, chat_id)) is not None and moved not in seen:
            seen.add(moved)
            chat_id = moved
        return chat_id

    def migrated(self, old: str, new: str) -> None:
        self.store.set_value(MIGRATED, old, new)
        for row in self.store.subscriptions(chat_id=old):
            self.store.subscribe(new, row["briefing"], row["time"], row["timezone"])
        self.store.unsubscribe(old)

    def gone(self, chat_id: str) -> int:
        """End every subscription of a chat that blocked or removed the bot."""
        ended = self.store.unsubscribe(chat_id)
        if ended:
            log.warning("chat %s blocked or removed the bot: %d subscription(s) ended", chat_id, ended)
        return ended


def sender_for(bot: object, settings: BotSettings, store: Store) -> TelegramSender:
    directory = ChatDirectory(store)
    return TelegramSender(bot, settings, resolve=directory.resolve, on_migrated=directory.migrated)


async def fan_out(outbox: Outbox, sender: TelegramSender, targets: Iterable[str],
                  parts: Sequence[str], *, resend: bool = False, concurrency: int = 64) -> FanoutReport:
    """Deliver every part to every target once; see the module docstring."""
    report = FanoutReport()
    directory = ChatDirectory(outbox.store)
    gate = asyncio.Semaphore(max(1, concurrency))
    unique = list(dict.fromkeys(str(t) for t in targets))

    async def one_chat(target: str) -> None:
        async with gate:
            for index, text in enumerate(parts):
                delivery = outbox.begin(CHANNEL, target, index, resend=resend)
                # Sent, or of unknown outcome: never blindly again.
                if delivery.status != DeliveryStatus.PENDING:
                    report.skipped += 1
                    continue
                try:
                    sent = await sender.send(target, text)
                except ChatGone as error:
                    _finish(outbox, delivery, DeliveryStatus.FAILED, error=str(error))
                    report.gone.append(target)
                    directory.gone(target)
                    return
                except DeliveryUncertain as error:
                    _finish(outbox, delivery, DeliveryStatus.UNKNOWN, error=str(error))
                    report.uncertain.append(f"{target} part {index + 1}: {error}")
                    continue
                except Exception as error:  # recorded; the next run retries from this part
                    _finish(outbox, delivery, DeliveryStatus.FAILED, error=str(error))
                    report.failed.append(f"{target} part {index + 1}: {error}")
                    return
                _finish(outbox, delivery, DeliveryStatus.SENT, message_id=sent.message_id)
                report.sent += 1
                report.plain += sent.plain

    await asyncio.gather(*(one_chat(target) for target in unique))
    return report


def _finish(outbox: Outbox, delivery: Delivery, status: str, *, message_id: str | None = None,
            error: str | None = None) -> None:
    outbox.finish(delivery, status, message_id=message_id, error=error)
