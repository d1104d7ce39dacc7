"""Keep secret values out of everything a user or a log sees.

A `Secret` hides itself, but once revealed its value goes to a library (a token in an API URL, a
password to an SMTP server), and libraries quote what they were given: "The token `123:AA…` was
rejected", "authentication failed for user:password". Rather than trust every library's
messages, every value revealed in this process is remembered here, and each boundary where a
message leaves the program passes it through `redact`: stage failures (and so ``run --json`` and
the briefing's "what could not be read"), the outbox's error column, the command line's error
lines, and every log record (a record factory, so it holds whoever configured logging).

Tracebacks are for developers: the command line shows one line per problem, and a traceback,
redacted too, only with ``-v``.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any
from urllib.parse import quote

MASK = "***"
MIN_LENGTH = 4  # shorter values would mangle ordinary words and are no secret anyway
_values: set[str] = set()
_shapes: list[re.Pattern[str]] = []
_installed = False
_verbose = False


def remember(value: str) -> None:
    """Redact ``value`` (and its URL-encoded form) from now on; installs the log redaction."""
    if len(value) < MIN_LENGTH:
        return
    _values.add(value)
    encoded = quote(value, safe="")
    if encoded != value:
        _values.add(encoded)
    install_log_redaction()


def remember_shape(shape: re.Pattern[str]) -> None:
    """Redact whatever matches ``shape`` from now on; installs the log redaction.

    For secrets with a recognisable form that a library may quote before (or without) the value
    being revealed here: a Telegram bot token in an API URL, say."""
    if shape not in _shapes:
        _shapes.append(shape)
    install_log_redaction()


def redact(text: str) -> str:
    """``text`` with every remembered secret value (longest first) and everything of a remembered
    shape replaced by ``***``."""
    for value in sorted(_values, key=len, reverse=True):
        if value in text:
            text = text.replace(value, MASK)
    for shape in _shapes:
        text = shape.sub(MASK, text)
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` redacted and without control characters, for a terminal: a file name or a URL
    from a feed may carry an escape sequence that a terminal would obey."""
    return _CONTROL.sub("", redact(text))


def describe(error: BaseException) -> str:
    """``Type: message``, redacted: an exception as one line."""
    return redact(f"{type(error).__name__}: {error}".replace("\n", " "))


def set_verbose(verbose: bool) -> None:
    global _verbose
    _verbose = verbose or _verbose


def is_verbose() -> bool:
    return _verbose


def install_log_redaction() -> None:
    """Rewrite every log record as it is made: message and traceback redacted (idempotent)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to the handler to report
            return record
        record.msg, record.args = redact(message), ()
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip())
        return record

    logging.setLogRecordFactory(factory)
    _installed = True


class OneLineFormatter(logging.Formatter):
    """``warning: logger: message (ExcType: why)``: one line; the traceback only when verbose."""

    LIMIT = 500

    def __init__(self, verbose: bool, timestamps: bool = False) -> None:
        fmt = "%(asctime)s %(levelname)s %(name)s: %(message)s" if timestamps else None
        super().__init__(fmt)
        self.verbose = verbose
        self.timestamps = timestamps

    def format(self, record: logging.LogRecord) -> str:
        if self.verbose:
            return _CONTROL.sub("", redact(super().format(record)))
        message = printable(record.getMessage().replace("\n", " "))
        if record.exc_info and record.exc_info[1] is not None:
            message += f" ({describe(record.exc_info[1])})"
        if len(message) > self.LIMIT:
            message = message[: self.LIMIT - 1] + "…"
        if self.timestamps:
            return f"{self.formatTime(record)} {record.levelname} {record.name}: {message}"
        return f"{record.levelname.lower()}: {record.name}: {message}"


def configure_logging(verbose: bool, *, level: int = logging.WARNING, timestamps: bool = False) -> None:
    """Log to stderr through `OneLineFormatter`, replacing handlers set up before."""
    import sys

    set_verbose(verbose)
    install_log_redaction()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter(verbose, timestamps))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else level)
    for name in ("httpx", "httpcore"):  # they log every request URL, which may carry a token
        logging.getLogger(name).setLevel(logging.WARNING)
