"""The ``bot:`` section of briefings.yaml: a section the telegram plugin registers, which the
core builds once when it reads the file, checked like a component's options.

The section is shared: the ``telegram`` publisher needs the token and API address to deliver
fixed targets during ``briefing run``, and ``briefing bot`` needs all of it. Both read the one
`BotSettings` the core built, so a typo fails the same way, with ``file:line: key: what was
expected``, for every command.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from briefing import ConfigError, Secret

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
    """The public https:// URL Telegram posts updates to."""
    secret_token: Secret
    """A secret, {$env: NAME}, Telegram sends with every update, so no one else can post as it."""
    listen: str = "0.0.0.0"
    """The address the bot's own server listens on."""
    port: int = 8443
    """The port the bot's own server listens on."""
    path: str | None = None
    """The path the bot's server answers; none: the path of url (right behind a proxy that passes it
    unchanged)."""

    @property
    def url_path(self) -> str:
        path = self.path if self.path is not None else urlsplit(self.url).path
        return "/" + path.lstrip("/")


@dataclass(frozen=True)
class BotSettings:
    token: Secret
    """The bot's token from @BotFather, as {$env: NAME}."""
    api_url: str = DEFAULT_API_URL
    """The Bot API's address, ending in /bot (a local Bot API server, or a test double)."""
    admins: list[int] = field(default_factory=list)
    """Telegram user or chat ids that may use the admin commands (/run, /status)."""
    webhook: WebhookSettings | None = None
    """Receive updates by webhook instead of long polling."""
    # A scheduled delivery missed while the bot was down is sent at start if it is at most this late.
    grace_hours: float = 6.0
    """A scheduled delivery missed while the bot was down is sent at start if at most this many hours late."""
    # Flood limits (Telegram's published guidance): overall, per private chat, per group/channel.
    messages_per_second: float = 30.0
    """The most messages sent per second in all (Telegram's overall limit)."""
    chat_interval: float = 1.0
    """Seconds between two messages to one private chat."""
    group_per_minute: float = 20.0
    """The most messages per minute to one group or channel."""
    # How many chats a fan-out serves at once; more than ``messages_per_second`` keeps the pipe full.
    concurrency: int = 64
    """How many chats one fan-out serves at once."""
    max_retries: int = 5
    """Attempts after the first on a network error, a 5xx or a flood wait."""
    backoff: float = 0.5
    """Seconds before the first retry, roughly doubling for each next one."""
    read_timeout: float = 20.0
    """Seconds to wait for the Bot API's answer to a send."""
    connect_timeout: float = 10.0
    """Seconds to connect to the Bot API."""
    poll_timeout: int = 10
    """Seconds a long poll for updates waits at Telegram."""
    disable_previews: bool = True
    """Send messages without link previews."""

    def __repr__(self) -> str:
        # The dataclass repr would be safe (Secret hides itself); keep it short anyway.
        return f"BotSettings(api_url={self.api_url!r}, admins={self.admins!r})"

    def is_admin(self, *ids: int | None) -> bool:
        return any(i is not None and i in self.admins for i in ids)

    def problems(self) -> list[tuple[tuple[str, ...], str]]:
        """What Telegram would refuse, said when the file is read (never quoting a secret)."""
        found: list[tuple[tuple[str, ...], str]] = []
        if not self.api_url.startswith(("http://", "https://")):
            found.append((("api_url",), "expected an http(s) URL ending in /bot"))
        hook = self.webhook
        if hook is not None:
            if not hook.url.startswith(("https://", "http://")):
                found.append((("webhook", "url"), "expected the public https:// URL Telegram posts to"))
            if not 0 < hook.port < 65536:
                found.append((("webhook", "port"), "expected a port from 1 to 65535"))
            secret = hook.secret_token
            if secret.is_set and not _SECRET_TOKEN.match(secret.reveal()):
                found.append((("webhook", "secret_token"), f"the value of {secret.env} must be 1-256 "
                               "characters from A-Z, a-z, 0-9, _ and -"))
        return found

    def secrets(self, *, for_bot: bool) -> list[tuple[tuple[str, ...], Secret]]:
        """The secrets a sender needs (the token), and the bot in webhook mode (its secret), each
        with its key."""
        needed: list[tuple[tuple[str, ...], Secret]] = [(("token",), self.token)]
        if for_bot and self.webhook is not None:
            needed.append((("webhook", "secret_token"), self.webhook.secret_token))
        return needed


def bot_settings(sections: dict[str, Any], *, for_bot: bool = False,
                 locate: Callable[..., str] | None = None) -> BotSettings:
    """The ``bot:`` section the core built when it read the file; ConfigError when it is missing
    or its secrets are not in the environment.

    ``for_bot``: the caller is ``briefing bot``, so the webhook's secret must be set too;
    ``briefing run`` (which only sends) does not need it. ``locate`` is `Config.locate`, for
    messages that name the file and line.
    """
    where = locate or (lambda *at: ".".join(at))
    settings = sections.get("bot")
    if not isinstance(settings, BotSettings):
        raise ConfigError([f"{where('bot')}: missing; add a 'bot:' section with "
                           "token: {$env: TELEGRAM_BOT_TOKEN}"])
    unset = [(at, secret) for at, secret in settings.secrets(for_bot=for_bot) if not secret.is_set]
    if unset:
        raise ConfigError([f"{where('bot', *at)}: environment variable {secret.env} is not set"
                           for at, secret in unset])
    return settings
