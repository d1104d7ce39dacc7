"""The email publisher against a real SMTP server (aiosmtpd) on loopback.

The server offers STARTTLS with a certificate from a throwaway CA (trustme), requires TLS before
AUTH, accepts one user/password, can refuse chosen recipients and can be slow to answer DATA.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from briefing import (
    Briefing,
    Evidence,
    Fact,
    PublishContext,
    PublishError,
    Risk,
    RunContext,
    Secret,
    Sentence,
    Summary,
    make_article,
)
from briefing.core.options import OptionsBuilder
from briefing.core.outbox import Outbox
from briefing.core.rendering import make_environment, render
from briefing.core.store import Store
from briefing.plugins.outputs.email.publisher import EmailOptions, EmailPublisher
from briefing.testing import free_port

USER, PASSWORD = "briefing", "correct horse battery"
DAY = "2024-05-02"


@dataclass
class MailServer:
    port: int
    ca_file: Path
    messages: list[tuple[str, tuple[str, ...], bytes]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    data_delay: float = 0.0
    logins: int = 0

    def parsed(self, index: int = -1) -> email.message.EmailMessage:
        message = email.message_from_bytes(self.messages[index][2], policy=email.policy.default)
        assert isinstance(message, email.message.EmailMessage)
        return message


def _serve(tmp_path: Path, *, implicit_tls: bool = False) -> Iterator[MailServer]:
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(server_context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    state = MailServer(free_port(), ca_file)

    class Handler:
        async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                              options: Any) -> str:
            if address in state.refuse:
                return "550 5.1.1 mailbox unavailable"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            if state.data_delay:
                await asyncio.sleep(state.data_delay)
            state.messages.append((envelope.mail_from, tuple(envelope.rcpt_tos), envelope.content))
            return "250 2.0.0 queued"

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        state.logins += 1
        valid = data.login == USER.encode() and data.password == PASSWORD.encode()
        return AuthResult(success=valid, handled=False)  # handled=False: the server answers 535

    # aiosmtpd counts only STARTTLS as TLS; with implicit TLS the whole connection is encrypted,
    # so AUTH is allowed without it.
    tls: dict[str, Any] = {"ssl_context": server_context, "auth_require_tls": False} if implicit_tls else {
        "tls_context": server_context, "require_starttls": True, "auth_require_tls": True}
    controller = Controller(Handler(), hostname="127.0.0.1", port=state.port, authenticator=authenticate,
                            auth_required=True, **tls)
    controller.start()
    try:
        yield state
    finally:
        controller.stop()


@pytest.fixture
def mail_server(tmp_path: Path) -> Iterator[MailServer]:
    yield from _serve(tmp_path)


def make_briefing() -> Briefing:
    text = "The harbour board approved a new quay. Dredging will start in June."
    article = make_article(text, title="Harbour <b>quay</b> approved", url="https://news.example/quay",
                           source="Port Gazette")
    sentences = (Sentence(0, 0, 38, text[:38]), Sentence(1, 39, len(text), text[39:]))
    article = replace(article, sentences=sentences)
    evidence = (Evidence(article.id, 0, "approved a new quay"),)
    return Briefing(
        "harbour", "Harbour watch", datetime(2024, 5, 2, 7, 0, tzinfo=UTC), (article,),
        summary=Summary("The board approved a new quay.", evidence),
        facts=(Fact("Dredging will start in June.", (Evidence(article.id, 1, "Dredging"),)),),
        risks=(Risk("Dredging is likely to be delayed.", evidence, likelihood="likely",
                    probability=(0.55, 0.75)),),
    )


def options(server: MailServer, **overrides: Any) -> EmailOptions:
    """Options built the way briefings.yaml builds them (so `from:` and `{$env: ...}` are real)."""
    raw: dict[str, Any] = {
        "to": ["ana@example.org", "ben@example.org"],
        "from": "Harbour Briefing <briefing@example.org>",
        "subject": "{title}: {date}",
        "unsubscribe": ["mailto:leave@example.org?subject=unsubscribe%20{to}"],
        "smtp": {"host": "127.0.0.1", "port": server.port, "security": "starttls", "username": USER,
                 "password": Secret("TEST_SMTP_PASSWORD"), "ca_file": str(server.ca_file),
                 "timeout": 5},
    }
    raw.update(overrides)
    builder = OptionsBuilder(server.ca_file.parent, lambda at: ".".join(map(str, at)))
    built = builder.build(EmailOptions, raw, ("outputs", 0))
    assert not builder.problems, builder.problems
    assert isinstance(built, EmailOptions)
    return built


def publish(tmp_path: Path, opts: EmailOptions, briefing: Briefing, *, resend: bool = False) -> Outbox:
    store = Store(tmp_path / "state.db")
    outbox = Outbox(store, briefing.name, DAY)
    env = make_environment(None, None)
    context = PublishContext(RunContext(briefing.name, briefing.generated_at, tmp_path, store), DAY,
                             lambda template: render(env, template, briefing), outbox, resend)
    EmailPublisher(opts).publish(briefing, context)
    return outbox


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_SMTP_PASSWORD", PASSWORD)


def test_message_arrives_over_starttls_with_both_parts_and_headers(mail_server: MailServer,
                                                                   tmp_path: Path) -> None:
    outbox = publish(tmp_path, options(mail_server), make_briefing())

    assert [m[1] for m in mail_server.messages] == [("ana@example.org",), ("ben@example.org",)]
    assert mail_server.messages[0][0] == "briefing@example.org"
    message = mail_server.parsed(0)
    assert message["Subject"] == "Harbour watch: 2024-05-02"
    assert message["To"] == "ana@example.org"
    assert message["From"] == "Harbour Briefing <briefing@example.org>"
    assert message["Date"] == "Thu, 02 May 2024 07:00:00 +0000"
    assert message["Message-ID"].startswith("<2024-05-02.") and message["Message-ID"].endswith(
        "@example.org>")
    assert message["List-Unsubscribe"].strip() == (
        "<mailto:leave@example.org?subject=unsubscribe%20ana@example.org>")
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    assert "The board approved a new quay. [1]" in text.get_content()
    assert "LIKELY (55-75%)" in text.get_content()
    assert "Harbour &lt;b&gt;quay&lt;/b&gt; approved" in html.get_content()
    assert '<a href="https://news.example/quay"' in html.get_content()
    delivery = outbox.get("email", "ana@example.org")
    assert delivery is not None and delivery.status == "sent"
    assert delivery.message_id == message["Message-ID"]


def test_message_id_is_stable_per_recipient_and_resend_keeps_it(mail_server: MailServer,
                                                                tmp_path: Path) -> None:
    briefing = make_briefing()
    publish(tmp_path, options(mail_server), briefing)
    publish(tmp_path, options(mail_server), briefing, resend=True)
    ids = [mail_server.parsed(i)["Message-ID"] for i in range(4)]
    assert ids[0] == ids[2] and ids[1] == ids[3] and ids[0] != ids[1]


def test_running_twice_sends_nothing_twice(mail_server: MailServer, tmp_path: Path) -> None:
    briefing = make_briefing()
    publish(tmp_path, options(mail_server), briefing)
    logins = mail_server.logins
    publish(tmp_path, options(mail_server), briefing)
    assert len(mail_server.messages) == 2
    assert mail_server.logins == logins  # nothing to send: no connection at all


def test_wrong_password_is_one_clear_line_and_stays_for_retry(mail_server: MailServer, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "wrong-secret-value")
    with pytest.raises(PublishError) as raised:
        publish(tmp_path, options(mail_server), make_briefing())
    message = str(raised.value)
    assert "\n" not in message
    assert f"127.0.0.1:{mail_server.port}" in message and "login as 'briefing' refused" in message
    assert "TEST_SMTP_PASSWORD" in message and "wrong-secret-value" not in message
    assert mail_server.logins == 1  # tried once, not once per recipient
    assert mail_server.messages == []

    monkeypatch.setenv("TEST_SMTP_PASSWORD", PASSWORD)
    outbox = publish(tmp_path, options(mail_server), make_briefing())
    assert len(mail_server.messages) == 2
    delivery = outbox.get("email", "ben@example.org")
    assert delivery is not None and delivery.status == "sent" and delivery.attempts == 2


def test_refused_recipient_does_not_stop_the_others(mail_server: MailServer, tmp_path: Path) -> None:
    mail_server.refuse = {"ana@example.org"}
    opts = options(mail_server, to=["ana@example.org", "ben@example.org", "cy@example.org"])
    with pytest.raises(PublishError, match=r"email to ana@example.org: .*refused recipient .*550"):
        publish(tmp_path, opts, make_briefing())
    assert [m[1] for m in mail_server.messages] == [("ben@example.org",), ("cy@example.org",)]
    outbox = Outbox(Store(tmp_path / "state.db"), "harbour", DAY)
    failed = outbox.get("email", "ana@example.org")
    assert failed is not None and failed.status == "failed" and "550" in (failed.error or "")


def test_bcc_sends_one_message_that_names_no_one(mail_server: MailServer, tmp_path: Path) -> None:
    publish(tmp_path, options(mail_server, bcc=True), make_briefing())
    assert len(mail_server.messages) == 1
    assert mail_server.messages[0][1] == ("ana@example.org", "ben@example.org")
    message = mail_server.parsed()
    assert "ana@" not in str(message["To"]) and "undisclosed-recipients" in str(message["To"])


def test_timeout_after_data_is_unknown_and_not_sent_again(mail_server: MailServer,
                                                          tmp_path: Path) -> None:
    mail_server.data_delay = 1.0
    opts = options(mail_server, to=["ana@example.org"])
    assert opts.smtp is not None
    opts = replace(opts, smtp=replace(opts.smtp, timeout=0.3))
    with pytest.raises(PublishError, match="may have arrived"):
        publish(tmp_path, opts, make_briefing())
    outbox = Outbox(Store(tmp_path / "state.db"), "harbour", DAY)
    delivery = outbox.get("email", "ana@example.org")
    assert delivery is not None and delivery.status == "unknown"
    mail_server.data_delay = 0
    with pytest.raises(PublishError, match="not sent again"):
        publish(tmp_path, opts, make_briefing())
    delivery = outbox.get("email", "ana@example.org")
    assert delivery is not None and delivery.attempts == 1


def test_untrusted_certificate_is_named(mail_server: MailServer, tmp_path: Path) -> None:
    opts = options(mail_server, to=["ana@example.org"])
    assert opts.smtp is not None
    opts = replace(opts, smtp=replace(opts.smtp, ca_file=None))  # system CAs lack the test CA
    with pytest.raises(PublishError, match=r"certificate not trusted .*smtp.ca_file"):
        publish(tmp_path, opts, make_briefing())
    assert mail_server.messages == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_tls(tmp_path: Path) -> None:
    for server in _serve(tmp_path, implicit_tls=True):
        smtp = {"host": "127.0.0.1", "port": server.port, "security": "ssl", "username": USER,
                "password": Secret("TEST_SMTP_PASSWORD"), "ca_file": str(server.ca_file)}
        publish(tmp_path, options(server, smtp=smtp, to=["ana@example.org"]), make_briefing())
        assert len(server.messages) == 1


def test_secret_never_shows_in_repr(mail_server: MailServer) -> None:
    assert PASSWORD not in repr(options(mail_server))
