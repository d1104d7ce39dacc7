"""Building the briefing email: addresses, subject, headers and the text + HTML parts.

Kept apart from sending so the same message goes to an SMTP server, a Maildir or an .eml file,
and so tests can look at a message without a server. Everything here is deterministic for a given
briefing, day and recipient: the Message-ID in particular, so a message sent again after an
uncertain outcome is recognised by mail clients as the same message, not a second one.
"""

from __future__ import annotations

import hashlib
import re
import string
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import quote

from briefing import Briefing

if TYPE_CHECKING:  # the email package is imported when it is used: `briefing --help` loads this
    from email.message import EmailMessage

SUBJECT_FIELDS = ("title", "name", "date", "articles")
UNSUBSCRIBE_FIELDS = ("to", "name")
DEFAULT_SENDER = "Briefing <briefing@localhost>"
# The To header of a Bcc message: an empty group, so no recipient sees another.
UNDISCLOSED = "undisclosed-recipients:;"
_SPACE = re.compile(r"\s+")
# Simple on purpose: a local part and a domain with a dot or "localhost". Catches typos in the
# config; the server has the last word on what it accepts.
_ADDRESS = re.compile(r"^[^@\s<>(),;:\"\[\]]+@([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+|localhost)$")


def check_address(value: str, what: str) -> str:
    """The bare address in ``value`` ("Name <a@b.org>" or "a@b.org"); ValueError if it is not one."""
    if "\n" in value or "\r" in value:
        raise ValueError(f"{what}: an address may not contain a line break")
    from email.utils import parseaddr

    _, address = parseaddr(value)
    if not address or not _ADDRESS.match(address):
        raise ValueError(f"{what}: {value!r} is not an email address (expected name@example.org)")
    return address


def check_pattern(pattern: str, fields: tuple[str, ...], what: str) -> None:
    """Fail at config time on a placeholder the pattern cannot be filled with."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as error:
        raise ValueError(f"{what}: {error} in {pattern!r} (write {{{{ and }}}} for braces)") from None
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in fields or spec or conversion:
            known = ", ".join("{" + f + "}" for f in fields)
            raise ValueError(f"{what}: unknown placeholder {{{field}}} in {pattern!r} (known: {known})")


def format_subject(pattern: str, briefing: Briefing, day: str) -> str:
    """The subject line; whitespace (line breaks from a title included) collapsed to one space."""
    subject = pattern.format(title=briefing.title, name=briefing.name, date=day,
                             articles=len(briefing.articles))
    return _SPACE.sub(" ", subject).strip()


def message_id(briefing: str, day: str, recipient: str, sender: str) -> str:
    """A Message-ID stable for (briefing, day, recipient), in the sender's domain."""
    key = "\n".join((briefing, day, recipient.strip().lower()))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    domain = sender.rpartition("@")[2] or "localhost"
    return f"<{day}.{digest}@{domain}>"


def unsubscribe_header(links: list[str], recipient: str, briefing: str) -> str | None:
    """``List-Unsubscribe`` (RFC 2369): each link in angle brackets, the recipient filled in."""
    if not links:
        return None
    filled = [link.format(to=quote(recipient, safe="@"), name=quote(briefing, safe="")) for link in links]
    return ", ".join(f"<{link}>" for link in filled)


@dataclass(frozen=True)
class MessageParts:
    """What every copy of one briefing email shares; only the recipient headers differ."""

    sender: str
    subject: str
    text: str
    html: str
    date: datetime
    reply_to: str | None = None
    unsubscribe: tuple[str, ...] = ()
    one_click: bool = False


def build_message(parts: MessageParts, *, to: str, msgid: str, briefing: str) -> EmailMessage:
    """A multipart/alternative message: plain text first, HTML last (the preferred part)."""
    from email.message import EmailMessage
    from email.utils import format_datetime

    message = EmailMessage()
    message["From"] = parts.sender
    message["To"] = to
    message["Subject"] = parts.subject
    message["Date"] = format_datetime(_aware(parts.date))
    message["Message-ID"] = msgid
    if parts.reply_to:
        message["Reply-To"] = parts.reply_to
    unsubscribe = unsubscribe_header(list(parts.unsubscribe), to, briefing)
    if unsubscribe:
        message["List-Unsubscribe"] = unsubscribe
        if parts.one_click:
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a digest
    message.set_content(parts.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(parts.html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
