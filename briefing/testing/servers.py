"""Loopback servers for plugin tests: SMTP (aiosmtpd), an HTTP receiver for webhooks, and the
fake Telegram Bot API. Fixtures of the ``briefing.testing`` pytest plugin, which re-exports them.
Everything listens on 127.0.0.1 only."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class ReceivedMail:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes

    @property
    def message(self) -> Message:
        import email
        import email.policy

        return email.message_from_bytes(self.data, policy=email.policy.default)


@dataclass
class SmtpServer:
    host: str
    port: int
    messages: list[ReceivedMail] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """An SMTP server on 127.0.0.1 (aiosmtpd); ``messages`` collects what it received.

    AUTH is offered without TLS and accepts any login, recording it in ``logins``."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    server = SmtpServer("127.0.0.1", free_port())

    class Handler:
        async def handle_DATA(self, smtp: Any, session: Any, envelope: Any) -> str:
            content = envelope.original_content or envelope.content
            data = content if isinstance(content, bytes) else str(content).encode("utf-8")
            server.messages.append(ReceivedMail(envelope.mail_from, tuple(envelope.rcpt_tos), data))
            return "250 Message accepted for delivery"

    def authenticate(smtp: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> Any:
        login = getattr(auth_data, "login", b"") or b""
        password = getattr(auth_data, "password", b"") or b""
        server.logins.append((login.decode(errors="replace"), password.decode(errors="replace")))
        return AuthResult(success=True)

    controller = Controller(Handler(), hostname=server.host, port=server.port,
                            authenticator=authenticate, auth_require_tls=False)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


@dataclass(frozen=True)
class ReceivedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class HttpReceiver:
    """A loopback HTTP server that records requests and answers with ``status``/``body``."""

    url: str
    requests: list[ReceivedRequest] = field(default_factory=list)
    status: int = 200
    body: bytes = b"ok"
    content_type: str = "text/plain"


@pytest.fixture
def http_receiver() -> Iterator[HttpReceiver]:
    """A webhook receiver on 127.0.0.1: set ``status`` to make it fail, read ``requests``."""
    receiver: HttpReceiver

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            receiver.requests.append(ReceivedRequest(
                self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(receiver.status)
            self.send_header("Content-Type", receiver.content_type)
            self.send_header("Content-Length", str(len(receiver.body)))
            self.end_headers()
            self.wfile.write(receiver.body)

        do_GET = do_POST = do_PUT = _answer

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: tests read ``requests`` instead."""

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver = HttpReceiver(f"http://127.0.0.1:{httpd.server_address[1]}")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def _load_fake_bot_api() -> Any:
    """The fake Bot API server class (imported late: it is only needed by tests that use it)."""
    from briefing.testing.fakebot import FakeBotAPI

    return FakeBotAPI


@pytest.fixture
def fake_bot_api() -> Iterator[Any]:
    """A fake Telegram Bot API server on 127.0.0.1 speaking the real wire protocol.

    Point python-telegram-bot at it with ``Bot(fake_bot_api.token, base_url=fake_bot_api.base_url)``;
    ``messages`` holds what was sent, ``push_text(chat_id, text)`` makes a user write to the bot,
    and ``faults`` injects 429/5xx/timeouts."""
    with _load_fake_bot_api()() as fake:
        yield fake
