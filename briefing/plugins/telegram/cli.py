"""The ``briefing bot`` command. python-telegram-bot is imported only when the bot starts."""

from __future__ import annotations

import logging
from typing import Any

import click


@click.command("bot")
@click.option("-v", "--verbose", is_flag=True, help="Log every update and delivery.")
@click.pass_obj
def bot_command(state: Any, verbose: bool) -> None:
    """Run the Telegram bot: commands, subscriptions and daily briefings, until Ctrl-C or SIGTERM."""
    from briefing import Service, configure_logging, user_errors
    from briefing.plugins.telegram.redaction import protect
    from briefing.plugins.telegram.settings import bot_settings

    with user_errors():
        config = state.config()
        settings = bot_settings(config.sections, for_bot=True, locate=config.locate)
        protect(settings.token.reveal())
        configure_logging(verbose, level=logging.INFO, timestamps=True)
        from briefing.plugins.telegram.bot import run_bot

        click.echo(f"briefing bot: {len(config.briefings)} briefing(s); Ctrl-C stops", err=True)
        run_bot(Service(config, state.plugins), settings)
        click.echo("briefing bot: stopped", err=True)
