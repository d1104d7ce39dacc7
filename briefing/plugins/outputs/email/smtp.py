"""Sending through SMTP: one connection per run, each step's failure told apart.

The steps are done one by one (MAIL, RCPT, DATA) rather than with ``sendmail`` because what a
failure means depends on when it happens. Before DATA, nothing was accepted: the delivery failed
and a later run may retry it. While waiting for the answer to DATA, the server may already have
the message: that is raised as `DeliveryUncertain` so the outbox marks it unknown instead of
sending it twice. A failure to connect or log in is remembered for the rest of the run, so a wrong
password is tried once, not once per recipient (servers lock accounts that guess).

``smtplib`` and ``ssl`` are imported by the session, when it first sends: `SmtpOptions` is read by
every ``briefing validate``, which should not pay for them.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefing import DeliveryUncertain, PublishError, Secret, redact

if TYPE_CHECKING:
    import smtplib
    import ssl

DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
LOOPBACK = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class SmtpOptions:
    host: str
    """The SMTP server's name."""
    port: int | None = None
    """The server's port; none: 587 for starttls, 465 for ssl, 25 for none."""
    security: Literal["starttls", "ssl", "none"] = "starttls"
    """starttls (upgrade after connecting), ssl (TLS from the start) or none (loopback only with a
    password)."""
    username: str | None = None
    """The login name (with password)."""
    password: Secret | None = None
    """The login password, as {$env: NAME}."""
    ca_file: Path | None = None
    """Certificates to trust for the server instead of the system's (a private CA)."""
    timeout: float = 30.0
    """Seconds to wait on the server at each step."""

    def __post_init__(self) -> None:
        if not self.host.strip():
            raise ValueError("host: expected the SMTP server's name")
        if self.port is not None and not 0 < self.port < 65536:
            raise ValueError(f"port: expected 1-65535, got {self.port}")
        if self.timeout <= 0:
            raise ValueError(f"timeout: expected seconds above 0, got {self.timeout}")
        if (self.username is None) != (self.password is None):
            raise ValueError("username and password go together (password: {$env: NAME})")
        if self.password is not None and self.security == "none" and self.host not in LOOPBACK:
            raise ValueError("a password would travel unencrypted: use security: starttls or ssl")

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port or DEFAULT_PORTS[self.security]}"


class SmtpSession:
    """A connection opened on the first send and reused; ``close`` ends it politely."""

    def __init__(self, options: SmtpOptions) -> None:
        self.options = options
        self._connection: smtplib.SMTP | None = None
        self._fatal: PublishError | None = None

    def send(self, sender: str, recipients: list[str], payload: bytes) -> list[str]:
        """Send one message; return the recipients the server refused (some, not all)."""
        import smtplib

        connection = self._connect()
        where = self.options.where
        try:
            code, answer = connection.mail(sender)
            if code != 250:
                self._reset()
                raise self._error(f"refused sender {sender}", code, answer)
            refused: list[tuple[str, int, bytes]] = []
            for recipient in recipients:
                code, answer = connection.rcpt(recipient)
                if code not in (250, 251):
                    refused.append((recipient, code, answer))
            if len(refused) == len(recipients):
                self._reset()
                recipient, code, answer = refused[0]
                raise self._error(f"refused recipient {recipient}", code, answer)
        except (OSError, smtplib.SMTPException) as error:  # nothing was accepted yet
            self._drop()
            raise PublishError(self._clean(f"SMTP {where}: connection lost before sending "
                                           f"({_describe(error)})")) from None
        try:
            code, answer = connection.data(payload)
        except smtplib.SMTPDataError as error:  # DATA itself refused: the message was not sent
            self._reset()
            raise self._error("refused the message", error.smtp_code, error.smtp_error) from None
        except (OSError, smtplib.SMTPServerDisconnected) as error:
            self._drop()
            raise DeliveryUncertain(self._clean(
                f"SMTP {where}: no answer after the message was sent ({_describe(error)}); "
                "it may have arrived, so it is not sent again automatically")) from None
        if code != 250:
            self._reset()
            raise self._error("refused the message", code, answer)
        return [recipient for recipient, _, _ in refused]

    def close(self) -> None:
        if self._connection is None:
            return
        import smtplib

        try:
            self._connection.quit()
        except (OSError, smtplib.SMTPException):
            self._connection.close()
        self._connection = None

    def _connect(self) -> smtplib.SMTP:
        if self._fatal is not None:
            raise self._fatal
        if self._connection is not None:
            return self._connection
        try:
            self._connection = self._open()
        except PublishError as error:
            self._fatal = error
            raise
        return self._connection

    def _open(self) -> smtplib.SMTP:
        import smtplib
        import ssl

        options, where = self.options, self.options.where
        port = options.port or DEFAULT_PORTS[options.security]
        context = self._tls_context() if options.security != "none" else None
        connection: smtplib.SMTP | None = None
        try:
            if options.security == "ssl":
                connection = smtplib.SMTP_SSL(options.host, port, timeout=options.timeout,
                                              context=context)
            else:
                connection = smtplib.SMTP(options.host, port, timeout=options.timeout)
            connection.ehlo()
            if options.security == "starttls":
                if not connection.has_extn("starttls"):
                    raise PublishError(f"SMTP {where}: the server does not offer STARTTLS "
                                       "(use security: ssl, or none on a trusted network)")
                connection.starttls(context=context)
                connection.ehlo()
            if options.username is not None and options.password is not None:
                self._login(connection)
            return connection
        except PublishError:
            _abandon(connection)
            raise
        except ssl.SSLCertVerificationError as error:
            _abandon(connection)
            raise PublishError(f"SMTP {where}: certificate not trusted ({error.verify_message}); "
                               "name the server's CA with smtp.ca_file") from None
        except (OSError, smtplib.SMTPException) as error:
            _abandon(connection)
            raise PublishError(self._clean(f"SMTP {where}: cannot connect ({_describe(error)})")) from None

    def _login(self, connection: smtplib.SMTP) -> None:
        options, where = self.options, self.options.where
        assert options.username is not None and options.password is not None
        import smtplib

        try:
            password = options.password.reveal()
        except LookupError as error:
            raise PublishError(f"SMTP {where}: {error}") from None
        offered = connection.esmtp_features.get("auth", "").upper().split()
        # One mechanism, one try: `SMTP.login` would go on to the next mechanism after a refusal,
        # which counts as several failed logins against the account.
        mechanism = next((m for m in ("PLAIN", "LOGIN") if m in offered), None)
        if mechanism is None:
            raise PublishError(f"SMTP {where}: the server offers no PLAIN or LOGIN authentication "
                               f"on this connection (offered: {' '.join(offered) or 'none'})")
        connection.user, connection.password = options.username, password
        authenticate = connection.auth_plain if mechanism == "PLAIN" else connection.auth_login
        try:
            connection.auth(mechanism, authenticate, initial_response_ok=mechanism == "PLAIN")
        except smtplib.SMTPAuthenticationError as error:
            raise PublishError(self._clean(
                f"SMTP {where}: login as {options.username!r} refused "
                f"({_answer(error.smtp_code, error.smtp_error)}); check {options.password.env}"
            )) from None
        finally:
            connection.password = ""  # smtplib keeps it on the object; do not let it linger

    def _tls_context(self) -> ssl.SSLContext:
        ca_file = self.options.ca_file
        if ca_file is not None and not ca_file.is_file():
            raise PublishError(f"{ca_file}: CA file not found (smtp.ca_file)")
        import ssl

        try:
            return ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
        except ssl.SSLError as error:
            raise PublishError(f"{ca_file}: not a CA certificate file ({error.reason})") from None

    def _error(self, what: str, code: int, answer: bytes | str) -> PublishError:
        return PublishError(self._clean(f"SMTP {self.options.where}: {what} ({_answer(code, answer)})"))

    def _clean(self, message: str) -> str:
        return redact(message, self.options.password) if self.options.password else message

    def _reset(self) -> None:
        import smtplib

        try:
            if self._connection is not None:
                self._connection.rset()
        except (OSError, smtplib.SMTPException):
            self._drop()

    def _drop(self) -> None:
        _abandon(self._connection)
        self._connection = None


def _abandon(connection: smtplib.SMTP | None) -> None:
    if connection is not None:
        with contextlib.suppress(OSError):
            connection.close()


def _answer(code: int, answer: bytes | str) -> str:
    text = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else str(answer)
    return f"{code} {' '.join(text.split())}".strip()


def _describe(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return "timed out"
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
