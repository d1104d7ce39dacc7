"""Bot commands are components: a plugin adds ``/name`` by registering a `BotCommand` subclass.

    class Weather(BotCommand):
        description = "the weather where a briefing's stories happen"

        async def run(self, request):
            await request.reply("Sunny.")

    @hookimpl
    def register_bot_commands(register):
        register("weather", Weather)

The registered name is the command (``/weather``). ``description`` goes to Telegram's command
menu (setMyCommands); ``admin_only`` commands are refused politely to anyone not in
``bot.admins`` and only listed in the admins' own menus. The base class is ``briefing.BotCommand``
and a command receives a ``briefing.ChatRequest``; this module holds Telegram's request
(`TelegramRequest`) and the commands about subscribing; reading.py has the ones that read
briefings, admin.py the rest.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from briefing import BotCommand, ChatRequest

if TYPE_CHECKING:
    from briefing.plugins.telegram.service import BotService

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
DEFAULT_TIME = "07:00"


class TelegramRequest(ChatRequest):
    """A Telegram message to the bot; ``bot`` is what only a Telegram bot has (sender, schedule)."""

    def __init__(self, bot: BotService, *, chat_id: str, user_id: int | None, command: str,
                 args: list[str], text: str) -> None:
        super().__init__(bot.core, chat_id=chat_id, user_id=user_id, command=command, args=args,
                         text=text)
        self.bot = bot

    async def reply(self, html_text: str) -> None:
        await self.bot.reply(self.chat_id, html_text)

    @property
    def is_admin(self) -> bool:
        chat = int(self.chat_id) if self.chat_id.lstrip("-").isdigit() else None
        return self.bot.settings.is_admin(self.user_id, chat)

    @property
    def commands(self) -> dict[str, BotCommand[Any]]:
        return self.bot.commands

    def subscriptions_changed(self, briefing: str) -> None:
        if self.bot.scheduler is None:
            return
        for row in self.service.store.subscriptions(chat_id=self.chat_id, briefing=briefing):
            self.bot.scheduler.add_subscription(briefing, row["time"], row["timezone"])


def escape(text: object) -> str:
    return html.escape(str(text), quote=False)


async def explain_choice(request: ChatRequest, name: str | None) -> None:
    names = ", ".join(request.service.names())
    if name:
        await request.reply(f"There is no briefing called <b>{escape(name)}</b>. Try one of: "
                            f"{escape(names)}.")
    else:
        await request.reply(f"Which briefing? Add its name, e.g. <code>/{request.command} "
                            f"{escape(request.service.names()[0])}</code>. Briefings: {escape(names)}.")


class Start(BotCommand):
    description = "what this bot does"

    async def run(self, request: ChatRequest) -> None:
        await request.reply(
            "Hello! I send news briefings: the key facts, who is involved, the risks, and the "
            "articles they come from.\n\n/briefings lists what you can subscribe to, "
            "/subscribe NAME sends one every morning, and you can ask me questions about the "
            "latest briefings in plain words.\n\n/help lists every command.")


class Help(BotCommand):
    description = "list the commands"

    async def run(self, request: ChatRequest) -> None:
        lines = ["<b>Commands</b>"]
        for name, command in request.commands.items():
            if command.admin_only and not request.is_admin:
                continue
            usage = f" {escape(command.usage)}" if command.usage else ""
            lines.append(f"/{name}{usage} – {escape(command.description)}")
        lines.append("\nAny other message is a question about the latest briefings.")
        await request.reply("\n".join(lines))


class Briefings(BotCommand):
    description = "the briefings you can subscribe to"

    async def run(self, request: ChatRequest) -> None:
        lines = ["<b>Briefings</b>"]
        for name, spec in request.service.config.briefings.items():
            when = (f", daily at {spec.schedule.daily} ({spec.schedule.timezone})"
                    if spec.schedule.daily else "")
            lines.append(f"• <code>{escape(name)}</code>: {escape(spec.title)}{escape(when)}")
        await request.reply("\n".join(lines))


class Subscribe(BotCommand):
    description = "get a briefing every day"
    usage = "NAME [HH:MM] [Area/City]"

    async def run(self, request: ChatRequest) -> None:
        args = list(request.args)
        name = request.choose_briefing(args.pop(0) if args else None)
        if name is None:
            await explain_choice(request, request.args[0] if request.args else None)
            return
        spec = request.service.config.briefings[name]
        time = zone = None
        for arg in args:
            if (match := _TIME.match(arg)) is not None:
                time = f"{int(match.group(1)):02d}:{match.group(2)}"
                continue
            try:
                ZoneInfo(arg)
            except (ZoneInfoNotFoundError, ValueError):
                await request.reply(f"I don't understand <b>{escape(arg)}</b>: give a time as HH:MM "
                                    "and a time zone as Area/City, e.g. <code>07:30 Europe/Paris</code>.")
                return
            zone = arg
        request.service.store.subscribe(request.chat_id, name, time, zone)
        request.subscriptions_changed(name)
        at = time or spec.schedule.daily or DEFAULT_TIME
        await request.reply(f"Subscribed to <b>{escape(spec.title)}</b>: every day at {at} "
                            f"({escape(zone or spec.schedule.timezone)}).")


class Unsubscribe(BotCommand):
    description = "stop a daily briefing"
    usage = "NAME"

    async def run(self, request: ChatRequest) -> None:
        name = request.args[0] if request.args else None
        name = request.choose_briefing(name)
        if name is None:
            await explain_choice(request, request.args[0] if request.args else None)
            return
        ended = request.service.store.unsubscribe(request.chat_id, name)
        await request.reply(f"Unsubscribed from <b>{escape(name)}</b>." if ended
                            else f"You were not subscribed to <b>{escape(name)}</b>.")


class Subscriptions(BotCommand):
    description = "your daily briefings"

    async def run(self, request: ChatRequest) -> None:
        rows = request.service.store.subscriptions(chat_id=request.chat_id)
        if not rows:
            await request.reply("No subscriptions yet. /briefings shows what you can subscribe to.")
            return
        lines = ["<b>Your briefings</b>"]
        for row in rows:
            spec = request.service.config.briefings.get(row["briefing"])
            default_time = spec.schedule.daily if spec and spec.schedule.daily else DEFAULT_TIME
            default_zone = spec.schedule.timezone if spec else "UTC"
            lines.append(f"• <code>{escape(row['briefing'])}</code> at {row['time'] or default_time}"
                         f" ({escape(row['timezone'] or default_zone)})")
        await request.reply("\n".join(lines))

