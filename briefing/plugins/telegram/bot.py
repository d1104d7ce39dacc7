"""``briefing bot``: the python-telegram-bot Application that answers commands and runs schedules.

Long polling by default; webhook mode when ``bot.webhook`` is set. PTB's run loop handles SIGINT
and SIGTERM: it stops taking updates, lets running handlers and jobs finish, and shuts the bot
down, after which the store is closed. At start the command menu is registered
(setMyCommands: everyone sees the public commands, admins also see theirs), schedules are rebuilt
from SQLite and missed deliveries within the grace period are caught up.
"""

from __future__ import annotations

import logging
import re
import signal
from datetime import timedelta
from typing import Any

from telegram import BotCommand as MenuEntry
from telegram import BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, CommandHandler, MessageHandler, filters
from telegram.request import HTTPXRequest

from briefing import BriefingError, Service
from briefing.plugins.telegram.commands import BotCommand, TelegramRequest
from briefing.plugins.telegram.delivery import sender_for
from briefing.plugins.telegram.redaction import protect, redact_text
from briefing.plugins.telegram.schedule import Scheduler
from briefing.plugins.telegram.sender import explain, make_rate_limiter, make_request
from briefing.plugins.telegram.service import BotService
from briefing.plugins.telegram.settings import BotSettings, WebhookSettings

log = logging.getLogger(__name__)
_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_STOP = (signal.SIGINT, signal.SIGTERM)


def load_commands(plugins: Any) -> dict[str, BotCommand[Any]]:
    """Every registered bot command whose name Telegram accepts, created with default options."""
    commands: dict[str, BotCommand[Any]] = {}
    for name, registered in sorted(plugins.components["bot_command"].items()):
        if not _NAME.match(name):
            log.warning("bot command %r from %s skipped: Telegram commands are 1-32 of a-z, 0-9, _",
                        name, registered.plugin)
            continue
        try:
            commands[name] = registered.factory(registered.factory.options_class())
        except Exception as error:  # a broken plugin command must not stop the bot
            log.warning("bot command %r from %s could not be created: %s", name, registered.plugin,
                        error)
    return commands


def build_application(service: Service,
                      settings: BotSettings) -> Application[Any, Any, Any, Any, Any, Any]:
    protect(settings.token.reveal())
    app = (ApplicationBuilder()
           .token(settings.token.reveal())
           .base_url(settings.api_url)
           .request(make_request(settings))
           .get_updates_request(HTTPXRequest(read_timeout=settings.poll_timeout + 10.0,
                                             connect_timeout=settings.connect_timeout))
           .rate_limiter(make_rate_limiter(settings))
           .post_init(start_up)
           .build())
    bot = BotService(service, settings, sender_for(app.bot, settings, service.store))
    bot.commands = load_commands(service.plugins)
    bot.scheduler = Scheduler(bot, app.job_queue)
    app.bot_data["service"] = bot
    for name in bot.commands:
        app.add_handler(CommandHandler(name, on_message))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_message))
    app.add_handler(MessageHandler(filters.COMMAND, on_unknown))
    app.add_error_handler(on_error)
    return app


def service_of(app: Any) -> BotService:
    service = app.bot_data["service"]
    assert isinstance(service, BotService)
    return service


async def start_up(app: Any) -> None:
    service = service_of(app)
    await register_menu(app, service)
    service.scheduler.rebuild()
    await service.scheduler.catch_up()


async def register_menu(app: Any, service: BotService) -> None:
    def entries(admin: bool) -> list[MenuEntry]:
        return [MenuEntry(name, (command.description or name)[:256])
                for name, command in service.commands.items() if admin or not command.admin_only]

    await app.bot.set_my_commands(entries(admin=False))
    for admin in service.settings.admins:
        try:
            await app.bot.set_my_commands(entries(admin=True), scope=BotCommandScopeChat(admin))
        except TelegramError as error:  # an admin who never wrote to the bot: not fatal
            log.info("admin menu for %s not set: %s", admin, error)


async def on_message(update: Update, context: Any) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or not message.text:
        return
    service = service_of(context.application)
    words = message.text.split()
    if message.text.startswith("/"):
        name, args = words[0][1:].split("@")[0].lower(), words[1:]
    else:
        name, args = "ask", words
    command = service.commands.get(name)
    if command is None:
        return
    user = update.effective_user
    request = TelegramRequest(service, chat_id=str(chat.id), user_id=user.id if user else None,
                              command=name, args=args, text=message.text)
    if command.admin_only and not request.is_admin:
        log.info("refused /%s from chat %s: not an admin", name, chat.id)
        await request.reply(f"Sorry, /{name} is only for this bot's admins.")
        return
    try:
        await command.run(request)
    except Exception:
        log.exception("/%s failed", name)
        await request.reply("Sorry, something went wrong there. The admins can see what in the log.")


async def on_unknown(update: Update, context: Any) -> None:
    if update.effective_chat is not None and update.effective_chat.type == "private":
        await service_of(context.application).reply(
            str(update.effective_chat.id), "I don't know that command; /help lists what I can do.")


async def on_error(update: object, context: Any) -> None:
    log.error("error while handling an update: %s", type(context.error).__name__,
              exc_info=context.error)


def run_bot(service: Service, settings: BotSettings) -> None:
    """Run until SIGINT or SIGTERM; polling, or a webhook when configured."""
    try:
        app = build_application(service, settings)
        if settings.webhook is None:
            app.run_polling(timeout=timedelta(seconds=settings.poll_timeout), stop_signals=_STOP,
                            allowed_updates=Update.ALL_TYPES)
        else:
            run_webhook(app, settings.webhook)
    except TelegramError as error:  # at start: a refused token, a webhook Telegram will not set
        raise BriefingError(f"Telegram refused to start the bot: "
                            f"{redact_text(explain(error, settings))}") from None
    finally:
        service.close()


def run_webhook(app: Any, hook: WebhookSettings) -> None:
    """Serve ``hook.url_path`` on ``listen:port`` after setWebhook(url, secret_token).

    The URL and the secret go into the redaction set first: PTB logs setWebhook's parameters at
    DEBUG. On SIGTERM PTB stops its server and the Application but does not call deleteWebhook,
    so Telegram keeps the webhook and holds updates (for up to a day) until the bot is back;
    starting in polling mode deletes it.
    """
    secret = hook.secret_token.reveal()
    protect(secret)
    protect(hook.url)
    log.info("webhook mode: listening on %s:%d", hook.listen, hook.port)
    try:
        app.run_webhook(listen=hook.listen, port=hook.port, url_path=hook.url_path,
                        webhook_url=hook.url, secret_token=secret, stop_signals=_STOP,
                        allowed_updates=Update.ALL_TYPES)
    except RuntimeError as error:
        if "webhooks" in str(error):
            raise BriefingError("bot.webhook needs the webhook extra: "
                                "pip install 'python-telegram-bot[webhooks]'") from None
        raise
    except OSError as error:  # the port is taken, or the address is not this machine's
        raise BriefingError(f"bot.webhook: cannot listen on {hook.listen}:{hook.port}: "
                            f"{error.strerror or error}") from None
