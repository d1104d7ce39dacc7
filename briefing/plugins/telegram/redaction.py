"""Keep the bot token out of every log record, whoever logs it.

python-telegram-bot logs its API URL (which holds the token) at DEBUG, httpx logs request URLs at
INFO, and a traceback can quote a URL. The core already redacts every revealed secret from log
records and messages; the bot adds the token's shape (``<digits>:<secret>`` after ``/bot``), so a
token that was never revealed in this process (another bot's, in a URL a library quotes) is
hidden too, and keeps the HTTP libraries' request lines out of the log.
"""

from __future__ import annotations

import logging
import re

from briefing import redact, remember_secret, remember_shape

_SHAPED = re.compile(r"(?<=bot)\d{3,}:[A-Za-z0-9_-]{10,}")


def redact_text(text: str) -> str:
    """``text`` without the token: every secret revealed in this process and anything shaped like
    a token after ``/bot``."""
    return _SHAPED.sub("***", redact(text))


def protect(value: str) -> None:
    """Hide ``value`` (a token, a webhook's secret or URL) and anything shaped like a token from
    now on, in log records and in everything the core redacts."""
    remember_secret(value)
    remember_shape(_SHAPED)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
