"""Keep the bot token out of every log record, whoever logs it.

python-telegram-bot logs its API URL (which holds the token) at DEBUG, httpx logs request URLs at
INFO, and a traceback can quote a URL. Rather than chase each logger, a log record factory
rewrites every record as it is created: the message is formatted, any token (the exact value, and
anything shaped like ``<digits>:<secret>`` after ``/bot``) replaced with ``***``, and a traceback
formatted and redacted the same way.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

from briefing import redact

_SHAPED = re.compile(r"(?<=bot)\d{3,}:[A-Za-z0-9_-]{10,}")
_secrets: set[str] = set()
_installed = False


def redact_text(text: str) -> str:
    """``text`` without the token: every secret revealed in this process (the core's list), the
    values registered here, and anything shaped like a token after ``/bot``."""
    for value in _secrets:
        text = text.replace(value, "***")
    return _SHAPED.sub("***", redact(text))


def protect(token: str) -> None:
    """Register a secret value and make sure the record factory is installed (idempotent)."""
    global _installed
    if token:
        _secrets.add(token)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to the handler to report
            return record
        record.msg, record.args = redact_text(message), ()
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact_text("".join(traceback.format_exception(*record.exc_info)))
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
