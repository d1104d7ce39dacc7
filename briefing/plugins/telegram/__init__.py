"""Telegram: the ``telegram`` publisher, the ``briefing bot`` command and the builtin bot commands.

Modules: settings (the ``bot:`` section), split (HTML-safe splitting), ratelimit (pacing within
Telegram's flood limits, one limiter per token in a process), sender (one part, with retries and
fallbacks), delivery (fan-out through the outbox), publisher, bot (the Application, polling or
webhook), schedule (daily jobs from SQLite), commands, reading, admin (the builtin commands),
answer (BM25 answers for /ask); fakebot and fakehtml are a fake Bot API server for the tests and
bench/fanout.py.
"""

from __future__ import annotations

from typing import Any

from briefing import hookimpl

# Components by reference ("module:Class"): the Telegram library and asyncio are imported only
# when a briefing publishes to Telegram or the bot starts, not whenever `briefing` runs.
BOT_COMMANDS = {
    "start": "commands:Start", "help": "commands:Help", "briefings": "commands:Briefings",
    "subscribe": "commands:Subscribe", "unsubscribe": "commands:Unsubscribe",
    "subscriptions": "commands:Subscriptions", "brief": "reading:Brief", "risks": "reading:Risks",
    "who": "reading:Who", "sources": "reading:Sources", "ask": "reading:Ask", "run": "admin:Run",
    "status": "admin:Status",
}


@hookimpl
def register_publishers(register: Any) -> None:
    register("telegram", "briefing.plugins.telegram.publisher:TelegramPublisher")


@hookimpl
def register_bot_commands(register: Any) -> None:
    for name, reference in BOT_COMMANDS.items():
        register(name, f"briefing.plugins.telegram.{reference}")


@hookimpl
def register_commands(cli: Any) -> None:
    from briefing.plugins.telegram.cli import bot_command

    cli.add_command(bot_command)


@hookimpl
def register_config_sections(register: Any) -> None:
    register("bot", "briefing.plugins.telegram.settings:BotSettings")


@hookimpl
def validate_config(config: Any) -> list[str]:
    """That briefings publishing to Telegram have a ``bot:`` section whose token is set."""
    from briefing import ConfigError
    from briefing.plugins.telegram.settings import bot_settings

    uses_telegram = [spec.name for spec in config.briefings.values()
                     if any(output.type == "telegram" for output in spec.outputs)]
    if "bot" not in config.sections:
        return [f"{config.locate('briefings', name)}: publishes to Telegram but the file has no "
                "'bot:' section with token: {$env: TELEGRAM_BOT_TOKEN}" for name in uses_telegram]
    try:
        bot_settings(config.sections, locate=config.locate)
    except ConfigError as error:
        return list(error.problems)
    return []
