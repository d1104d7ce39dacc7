"""Telegram: the ``telegram`` publisher, the ``briefing bot`` command and the builtin bot commands.

Modules: settings (the ``bot:`` section), split (HTML-safe splitting), ratelimit (pacing within
Telegram's flood limits), sender (one part, with retries and fallbacks), delivery (fan-out through
the outbox), publisher, bot (the Application), schedule (daily jobs from SQLite), commands,
reading, admin (the builtin commands), answer (BM25 answers for /ask).
"""

from __future__ import annotations

from typing import Any

from briefing import hookimpl


@hookimpl
def register_publishers(register: Any) -> None:
    from briefing.plugins.telegram.publisher import TelegramPublisher

    register("telegram", TelegramPublisher)


@hookimpl
def register_bot_commands(register: Any) -> None:
    from briefing.plugins.telegram import admin, commands, reading

    for module in (commands, reading, admin):
        for name, command in module.BUILTIN.items():
            register(name, command)


@hookimpl
def register_commands(cli: Any) -> None:
    from briefing.plugins.telegram.cli import bot_command

    cli.add_command(bot_command)
