"""Publisher ``email``: the briefing as a text + HTML email, by SMTP or into a Maildir / .eml files.

Each recipient is its own delivery in the outbox, so a refused address does not stop the others,
a second run sends nothing twice, and a failed one is retried by the next run. With ``bcc: true``
one message goes to everyone (To shows no one) and is one delivery. A send whose outcome is
unknown (the server went quiet after it had the message) is reported and left alone until the
user checks and runs with ``--resend``: sending it blindly could deliver it twice.

    outputs:
      - type: email
        to: [analyst@example.org]
        from: "Briefing <briefing@example.org>"
        subject: "{title}: {date}"
        smtp: {host: smtp.example.org, port: 587, security: starttls, username: briefing,
               password: {$env: SMTP_PASSWORD}}
      - {type: email, to: [analyst@example.org], maildir: out/mail}
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import (
    Briefing,
    DeliveryStatus,
    DeliveryUncertain,
    PathPattern,
    PublishContext,
    Publisher,
    PublishError,
    hookimpl,
)
from briefing.plugins.outputs.email.maildir import add_to_maildir, eml_path, write_eml
from briefing.plugins.outputs.email.message import (
    DEFAULT_SENDER,
    SUBJECT_FIELDS,
    UNDISCLOSED,
    UNSUBSCRIBE_FIELDS,
    MessageParts,
    build_message,
    check_address,
    check_pattern,
    format_subject,
    message_id,
)
from briefing.plugins.outputs.email.smtp import SmtpOptions, SmtpSession

if TYPE_CHECKING:  # the mail modules are imported when a message is built, not at start-up
    from email.message import EmailMessage


@dataclass(frozen=True)
class EmailOptions:
    """``from`` in briefings.yaml is ``from_`` here (a Python keyword cannot be a field name)."""

    to: list[str]
    """The recipients' addresses; each is its own delivery (unless bcc)."""
    from_: str | None = None
    """The sender, e.g. "Briefing <briefing@example.org>" (required with smtp)."""
    subject: str = "{title}: {date}"
    """The subject, with {title}, {name}, {date} and {articles}."""
    smtp: SmtpOptions | None = None
    """Send through this SMTP server (one of smtp, maildir, eml)."""
    maildir: PathPattern | None = None
    """Write each message into this Maildir folder instead of sending it ({name}, {date} allowed)."""
    eml: PathPattern | None = None
    """Write each message as an .eml file into this folder instead of sending it ({name}, {date} allowed)."""
    bcc: bool = False
    """One message to every recipient at once, none of them shown in To (one delivery)."""
    reply_to: str | None = None
    """The Reply-To address."""
    unsubscribe: list[str] = field(default_factory=list)
    """List-Unsubscribe links (mailto: or https:), with {to} and {name}."""
    one_click_unsubscribe: bool = False
    """Add List-Unsubscribe-Post for one-click unsubscribing (RFC 8058; needs an https link)."""
    text_template: str = "briefing.email.txt.j2"
    """The template of the plain-text part."""
    html_template: str = "briefing.email.html.j2"
    """The template of the HTML part."""

    def __post_init__(self) -> None:
        if not self.to:
            raise ValueError("to: expected at least one recipient")
        for index, recipient in enumerate(self.to):
            check_address(recipient, f"to[{index}]")
        chosen = [name for name in ("smtp", "maildir", "eml") if getattr(self, name) is not None]
        if len(chosen) != 1:
            raise ValueError("expected exactly one of smtp (a server), maildir or eml (a folder), got "
                             + (" and ".join(chosen) if chosen else "none"))
        if self.smtp is not None and self.from_ is None:
            raise ValueError("from: required to send through SMTP (e.g. \"Briefing <briefing@example.org>\")")
        check_address(self.sender, "from")
        if self.reply_to is not None:
            check_address(self.reply_to, "reply_to")
        check_pattern(self.subject, SUBJECT_FIELDS, "subject")
        for index, link in enumerate(self.unsubscribe):
            check_pattern(link, UNSUBSCRIBE_FIELDS, f"unsubscribe[{index}]")
            if not link.lower().startswith(("mailto:", "https:", "http:")):
                raise ValueError(f"unsubscribe[{index}]: expected a mailto: or https: link, got {link!r}")
        if self.one_click_unsubscribe and not any(u.lower().startswith("https:") for u in self.unsubscribe):
            raise ValueError("one_click_unsubscribe: needs an https: link in unsubscribe (RFC 8058)")

    @property
    def sender(self) -> str:
        return self.from_ or DEFAULT_SENDER


class EmailPublisher(Publisher[EmailOptions]):
    options_class = EmailOptions

    def publish(self, briefing: Briefing, context: PublishContext) -> None:
        options = self.options
        parts = MessageParts(
            sender=options.sender,
            subject=format_subject(options.subject, briefing, context.day),
            text=context.render(options.text_template),
            html=context.render(options.html_template),
            date=briefing.generated_at,
            reply_to=options.reply_to,
            unsubscribe=tuple(options.unsubscribe),
            one_click=options.one_click_unsubscribe,
        )
        channel, send = self._destination(briefing.name, context)
        envelope_from = check_address(options.sender, "from")
        if options.bcc:
            groups = [("bcc:" + ",".join(options.to), UNDISCLOSED, list(options.to))]
        else:
            groups = [(recipient, recipient, [recipient]) for recipient in options.to]
        problems: Problems = {}
        try:
            for target, to_header, recipients in groups:
                msgid = message_id(briefing.name, context.day, target, envelope_from)
                message = build_message(parts, to=to_header, msgid=msgid, briefing=briefing.name)
                previous = context.outbox.get(channel, target)
                if previous is not None and previous.status == DeliveryStatus.UNKNOWN and not context.resend:
                    problems.setdefault("an earlier send may or may not have arrived; not sent "
                                        "again (check, then run with --resend)", []).append(target)
                    continue
                attempt = partial(send, message, envelope_from, recipients, msgid, problems)
                try:
                    context.outbox.deliver(channel, target, attempt, resend=context.resend)
                except (PublishError, DeliveryUncertain) as error:
                    problems.setdefault(str(error), []).append(target)
        finally:
            close = getattr(send, "close", None)
            if close is not None:
                close()
        if problems:
            raise PublishError("; ".join(f"email to {', '.join(targets)}: {problem}"
                                         for problem, targets in problems.items()))

    def _destination(self, name: str, context: PublishContext) -> tuple[str, Sender]:
        options = self.options
        if options.smtp is not None:
            return "email", SmtpSender(SmtpSession(options.smtp))
        if options.maildir is not None:
            folder = context.format_path(options.maildir)
            return f"maildir:{folder}", _to_maildir(folder)
        assert options.eml is not None
        return f"eml:{context.format_path(options.eml)}", _to_eml(context.format_path(options.eml),
                                                                  name, context.day)


Problems = dict[str, list[str]]
# A destination: (message, envelope sender, recipients, message id, problems) -> message id.
Sender = Callable[["EmailMessage", str, list[str], str, Problems], str]


class SmtpSender:
    """Sends through one SMTP session; recipients refused in a Bcc send are noted, not retried."""

    def __init__(self, session: SmtpSession) -> None:
        self.session = session

    def __call__(self, message: EmailMessage, sender: str, recipients: list[str], msgid: str,
                 problems: Problems) -> str:
        from email.policy import SMTP

        refused = self.session.send(sender, recipients, message.as_bytes(policy=SMTP))
        if refused:
            problems.setdefault("refused by the server (the others got the message)", []).extend(refused)
        return msgid

    def close(self) -> None:
        self.session.close()


def _to_maildir(folder: Path) -> Sender:
    def send(message: EmailMessage, sender: str, recipients: list[str], msgid: str,
             problems: Problems) -> str:
        return add_to_maildir(folder, message)

    return send


def _to_eml(folder: Path, name: str, day: str) -> Sender:
    def send(message: EmailMessage, sender: str, recipients: list[str], msgid: str,
             problems: Problems) -> str:
        target = "bcc" if len(recipients) > 1 else recipients[0]
        return write_eml(eml_path(folder, name, day, target), message)

    return send


@hookimpl
def register_publishers(register):
    register("email", EmailPublisher)
