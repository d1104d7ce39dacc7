"""Publisher ``telegram``: the briefing as Telegram HTML messages to fixed chats and channels.

``briefing run`` delivers to the targets named here; subscribers are served by ``briefing bot``,
which uses the same rendering, splitting and fan-out. The token and API address come from the
shared ``bot:`` section. Delivery goes through the outbox, so running the same briefing again on
the same day sends nothing to a chat that already has it, unless ``--resend`` is given.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from briefing import Briefing, Outbox, PublishContext, Publisher, PublishError
from briefing.plugins.telegram.settings import BotSettings, bot_settings
from briefing.plugins.telegram.split import split_html

if TYPE_CHECKING:
    from briefing.plugins.telegram.delivery import FanoutReport

T = TypeVar("T")
DEFAULT_TEMPLATE = "briefing.tg.html.j2"


@dataclass(frozen=True)
class TelegramOptions:
    # Chat ids (numbers) or @channel names; one or a list.
    chat_id: list[str]
    """The chats to send to: chat ids (numbers) or @channel names, one or a list."""
    template: str = DEFAULT_TEMPLATE
    """The Telegram HTML template of the message."""


class TelegramPublisher(Publisher[TelegramOptions]):
    options_class = TelegramOptions

    def publish(self, briefing: Briefing, context: PublishContext) -> None:
        settings = bot_settings(context.run.sections)
        parts = split_html(context.render(self.options.template))
        if not parts:
            raise PublishError(f"telegram: template {self.options.template} rendered nothing")
        report = run_blocking(deliver(settings, context.outbox, self.options.chat_id, parts,
                                      resend=context.resend))
        if report.problems:
            raise PublishError(f"telegram: {len(report.problems)} delivery problem(s): "
                               + "; ".join(report.problems[:3]))


async def deliver(settings: BotSettings, outbox: Outbox, targets: Sequence[str],
                  parts: Sequence[str], *, resend: bool = False) -> FanoutReport:
    """Open a bot just for this delivery and fan the parts out to the targets."""
    # python-telegram-bot takes a second to import: only when something is sent, not for --help.
    from telegram.error import TelegramError

    from briefing.plugins.telegram.delivery import fan_out, sender_for
    from briefing.plugins.telegram.sender import explain, make_bot

    bot = make_bot(settings)
    try:
        async with bot:  # starts with getMe: a refused token or a wrong api_url shows here
            sender = sender_for(bot, settings, outbox.store)
            return await fan_out(outbox, sender, targets, parts, resend=resend,
                                 concurrency=settings.concurrency)
    except TelegramError as error:
        raise PublishError(f"telegram: {explain(error, settings)}") from None


def run_blocking(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine from blocking code (publishers are called from the blocking pipeline).

    Inside a running event loop (a caller that is itself async) the coroutine gets its own loop
    on a helper thread; the caller then must not share a SQLite connection with that thread, which
    is why ``briefing bot`` runs the pipeline on a worker thread with its own store.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coroutine)
        except BaseException as error:
            box["error"] = error

    thread = threading.Thread(target=target, name="telegram-publish")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]
