"""Mail without a server: a Maildir folder, or one .eml file per recipient.

A Maildir is what most mail clients and tools (mutt, Thunderbird with a plug-in, Python's
`mailbox`) open directly; each message is written to ``tmp/`` and renamed into ``new/``, so a
reader never sees half a message. An .eml file opens in any desktop mail client with a double
click; it is written atomically too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import PublishError, write_atomic

if TYPE_CHECKING:  # the mail modules are imported when a message is written, not at start-up
    from email.message import EmailMessage

_UNSAFE = re.compile(r"[^A-Za-z0-9@._+-]+")


def add_to_maildir(folder: Path, message: EmailMessage) -> str:
    """Store the message as new mail in ``folder`` (created with cur/new/tmp if missing)."""
    import mailbox

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)  # Maildir creates only the last level
        box = mailbox.Maildir(str(folder), create=True)
        box.add(message)
    except OSError as error:
        raise PublishError(f"{folder}: cannot write to the Maildir ({error.strerror or error})") from None
    return str(message["Message-ID"])


def eml_path(folder: Path, name: str, day: str, recipient: str) -> Path:
    """``<folder>/<name>-<day>-<recipient>.eml``, with anything odd in the address replaced."""
    return folder / f"{name}-{day}-{_UNSAFE.sub('_', recipient)}.eml"


def write_eml(path: Path, message: EmailMessage) -> str:
    """Write the message with CRLF line ends, as mail clients expect of an .eml file."""
    from email.policy import SMTP

    try:
        write_atomic(path, message.as_bytes(policy=SMTP))
    except OSError as error:
        raise PublishError(f"{path}: cannot write the message ({error.strerror or error})") from None
    return str(message["Message-ID"])
