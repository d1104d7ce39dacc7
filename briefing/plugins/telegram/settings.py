"""The ``bot:`` section of briefings.yaml, checked like a component's options.

The section is shared: the ``telegram`` publisher needs the token and API address to deliver
fixed targets during ``briefing run``, and ``briefing bot`` needs all of it. Both read it here, so
a typo fails the same way, with ``file:line: key: what was expected``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from briefing import ConfigError, Secret
from briefing.core.options import OptionsBuilder

DEFAULT_API_URL = "https://api.telegram.org/bot"
# What the Bot API accepts as setWebhook's secret_token.
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@dataclass(frozen=True)
class WebhookSettings:
    """Webhook mode: Telegram posts updates to ``url``; the bot listens on ``listen:port``.

    ``path`` is where the bot's own server answers; by default the path of ``url``, which is
    right when a reverse proxy passes requests on unchanged. ``secret_token`` is required:
    Telegram sends it with every update, and without it anyone who finds the URL could post
    updates that claim to come from an admin.
    """

    url: str
    secret_token: Secret
    listen: str = "0.0.0.0"
    port: int = 8443
    path: str | None = None

    @property
    def url_path(self) -> str:
        path = self.path if self.path is not None else urlsplit(self.url).path
        return "/" + path.lstrip("/")


@dataclass(frozen=True)
class BotSettings:
    token: Secret
    api_url: str = DEFAULT_API_URL
    admins: list[int] = field(default_factory=list)
    webhook: WebhookSettings | None = None
    # A scheduled delivery missed while the bot was down is sent at start if it is at most this late.
    grace_hours: float = 6.0
    # Flood limits (Telegram's published guidance): overall, per private chat, per group/channel.
    messages_per_second: float = 30.0
    chat_interval: float = 1.0
    group_per_minute: float = 20.0
    # How many chats a fan-out serves at once; more than ``messages_per_second`` keeps the pipe full.
    concurrency: int = 64
    max_retries: int = 5
    backoff: float = 0.5
    read_timeout: float = 20.0
    connect_timeout: float = 10.0
    poll_timeout: int = 10
    disable_previews: bool = True

    def __repr__(self) -> str:
        # The dataclass repr would be safe (Secret hides itself); keep it short anyway.
        return f"BotSettings(api_url={self.api_url!r}, admins={self.admins!r})"

    def is_admin(self, *ids: int | None) -> bool:
        return any(i is not None and i in self.admins for i in ids)


def read_bot_settings(sections: dict[str, Any], *, base_dir: Path | None = None,
                      where: str = "briefings.yaml", lines: dict[tuple[Any, ...], int] | None = None,
                      for_bot: bool = False) -> BotSettings:
    """Build `BotSettings` from the raw ``bot`` section; raise ConfigError naming each problem.

    ``for_bot``: the caller is ``briefing bot``, so the webhook's secret must be in the
    environment too; ``briefing run`` (which only sends) does not need it.
    """
    raw = sections.get("bot")
    if raw is None:
        raise ConfigError([f"{where}: bot: missing; add a 'bot:' section with "
                           "token: {$env: TELEGRAM_BOT_TOKEN}"])

    def locate(at: tuple[Any, ...]) -> str:
        probe = at
        while lines is not None and probe and probe not in lines:
            probe = probe[:-1]
        line = lines.get(probe) if lines is not None else None
        key = ".".join(str(part) for part in at)
        return f"{where}:{line}: {key}" if line else f"{where}: {key}"

    builder = OptionsBuilder(base_dir or Path.cwd(), locate)
    settings = builder.build(BotSettings, raw, ("bot",))
    problems = list(builder.problems)
    if settings is not None and not settings.api_url.startswith(("http://", "https://")):
        problems.append(f"{locate(('bot', 'api_url'))}: expected an http(s) URL ending in /bot")
    if settings is not None and settings.webhook is not None:
        problems += _webhook_problems(settings.webhook, locate, for_bot)
    if problems or settings is None:
        raise ConfigError(problems or [f"{where}: bot: invalid section"])
    if not settings.token.is_set:
        raise ConfigError([f"{locate(('bot', 'token'))}: environment variable "
                           f"{settings.token.env} is not set"])
    return settings


def _webhook_problems(hook: WebhookSettings, locate: Any, for_bot: bool) -> list[str]:
    """What Telegram would refuse, said before the bot starts (never quoting the secret)."""
    problems = []
    at = ("bot", "webhook")
    if not hook.url.startswith(("https://", "http://")):
        problems.append(f"{locate((*at, 'url'))}: expected the public https:// URL Telegram posts to")
    if not 0 < hook.port < 65536:
        problems.append(f"{locate((*at, 'port'))}: expected a port from 1 to 65535")
    secret = hook.secret_token
    if secret.is_set and not _SECRET_TOKEN.match(secret.reveal()):
        problems.append(f"{locate((*at, 'secret_token'))}: the value of {secret.env} must be 1-256 "
                        "characters from A-Z, a-z, 0-9, _ and -")
    elif for_bot and not secret.is_set:
        problems.append(f"{locate((*at, 'secret_token'))}: environment variable {secret.env} is "
                        "not set")
    return problems


def settings_for_config(config: Any) -> BotSettings:
    """`read_bot_settings` for ``briefing bot`` and a loaded Config, with its file's line numbers."""
    from briefing.core.yamlfile import load_yaml

    try:
        _, lines = load_yaml(config.path)
    except ConfigError:
        lines = None
    return read_bot_settings(config.sections, base_dir=config.base_dir, where=str(config.path),
                             lines=lines, for_bot=True)
