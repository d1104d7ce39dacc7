"""A fake Telegram Bot API server on 127.0.0.1, for tests and bench/fanout.py.

It speaks the real wire protocol (POST /bot<token>/<method>, form-encoded parameters, JSON
answers with ok/result or ok/error_code/description/parameters), so python-telegram-bot talks to it
through ``base_url`` exactly as it talks to Telegram. It checks what Telegram checks and the tests
rely on: the token, message length in UTF-16 units, Telegram's HTML subset, flood limits (when
enabled), and it injects the faults a bot must survive: 429 with retry_after, 5xx, slow answers,
403 for blocked chats, migration to a supergroup, and "can't parse entities". The message
checks themselves (length, HTML) are in fakehtml.py.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from briefing.testing.fakehtml import html_problem, utf16_len

TOKEN = "123456:TEST-token-never-logged"
__all__ = ["TOKEN", "FakeBotAPI", "Fault", "Limits", "html_problem", "make_update", "utf16_len"]


def make_update(update_id: int, chat_id: int, text: str, *, user_id: int | None = None,
                chat_type: str = "private") -> dict[str, Any]:
    """A text message as Telegram's Update JSON, the same for getUpdates and a webhook POST."""
    entities = []
    if text.startswith("/"):
        entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": {
        "message_id": 1000 + update_id, "date": int(time.time()),
        "chat": {"id": chat_id, "type": chat_type},
        "from": {"id": user_id or chat_id, "is_bot": False, "first_name": "Reader"},
        "text": text, "entities": entities}}


@dataclass
class Fault:
    """Answer the next matching request(s) with this instead of delivering."""

    status: int = 500
    description: str = "Internal Server Error"
    retry_after: int | None = None
    migrate_to: int | None = None
    delay: float = 0.0  # answer late (a client timeout); with deliver=True it still arrives
    deliver: bool = False
    chat_id: str | None = None
    times: int = 1
    method: str = "sendMessage"


@dataclass
class Limits:
    per_second: float = 30.0
    chat_interval: float = 1.0
    group_interval: float = 3.0
    burst: float = 6.0  # the overall bucket's capacity: a little jitter is not a flood
    tolerance: float = 0.9  # a chat's messages may come this fraction of the interval apart


@dataclass
class FakeBotAPI:
    token: str = TOKEN
    limits: Limits | None = None
    fault_rate: float = 0.0
    seed: int = 1
    messages: list[dict[str, Any]] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)
    migrations: dict[str, int] = field(default_factory=dict)
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    on_send: Callable[[int], bool] | None = None  # sees the count; False drops the connection
    stats: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.updated = threading.Condition(self.lock)
        self.updates: list[dict[str, Any]] = []
        self._random = random.Random(self.seed)
        self._bucket = (self.limits.burst if self.limits else 0.0, time.monotonic())
        self._last_for_chat: dict[str, float] = {}
        self._next_message_id: dict[str, int] = defaultdict(int)
        self._server: ThreadingHTTPServer | None = None

    # Life cycle.

    def __enter__(self) -> FakeBotAPI:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                fake._handle(self)

            do_GET = do_POST

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client killed or timed out mid-request is what some tests do

        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        with self.lock:
            self.updated.notify_all()
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    # What tests do.

    def push_text(self, chat_id: int, text: str, *, user_id: int | None = None,
                  chat_type: str = "private") -> None:
        """A user writes to the bot: the update is served to the next getUpdates."""
        with self.lock:
            self.updates.append(make_update(len(self.updates) + 1, chat_id, text, user_id=user_id,
                                            chat_type=chat_type))
            self.updated.notify_all()

    def texts(self, chat_id: int | str) -> list[str]:
        with self.lock:
            return [m["text"] for m in self.messages if m["chat_id"] == str(chat_id)]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if predicate():
                return True
            time.sleep(0.02)
        return predicate()

    # The server.

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        match = re.match(r"^/bot([^/]+)/(\w+)$", request.path)
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length).decode("utf-8") if length else ""
        params: dict[str, Any] = dict(parse_qsl(body, keep_blank_values=True))
        if request.headers.get("Content-Type", "").startswith("application/json") and body:
            params = json.loads(body)
        if match is None:
            return self._answer(request, *self._error(404, "Not Found"))
        token, method = match.groups()
        if token != self.token:
            return self._answer(request, *self._error(401, "Unauthorized"))
        with self.lock:
            self.calls.append((method, params))
            self.stats[method] += 1
            fault = None if method == "sendMessage" else self._take_fault("", method)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return self._answer(request, *self._error(404, "Not Found"))
        if fault is not None:  # any other method just fails as told (sendMessage: see below)
            return self._answer(request, *self._error(fault.status, fault.description))
        status, payload = handler(params, request)
        if status:
            self._answer(request, status, payload)

    def _answer(self, request: BaseHTTPRequestHandler, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        try:
            request.send_response(status)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)
        except OSError:  # the client gave up (a timeout test): nothing to answer
            pass

    @staticmethod
    def _error(status: int, description: str, **parameters: Any) -> tuple[int, dict[str, Any]]:
        payload: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if parameters:
            payload["parameters"] = parameters
        return status, payload

    def _api_getMe(self, params: dict[str, Any], request: Any) -> tuple[int, dict[str, Any]]:
        return 200, {"ok": True, "result": {"id": 123456, "is_bot": True, "first_name": "Briefing",
                                             "username": "briefing_test_bot"}}

    def _api_deleteWebhook(self, params: dict[str, Any], request: Any) -> tuple[int, dict[str, Any]]:
        return 200, {"ok": True, "result": True}

    _api_setWebhook = _api_deleteWebhook
    _api_close = _api_deleteWebhook
    _api_sendChatAction = _api_deleteWebhook

    def _api_setMyCommands(self, params: dict[str, Any], request: Any) -> tuple[int, dict[str, Any]]:
        scope = json.loads(params.get("scope") or '{"type": "default"}')
        key = scope["type"] + (f":{scope['chat_id']}" if "chat_id" in scope else "")
        with self.lock:
            self.commands[key] = json.loads(params["commands"])
        return 200, {"ok": True, "result": True}

    def _api_getUpdates(self, params: dict[str, Any], request: Any) -> tuple[int, dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        end = time.monotonic() + float(params.get("timeout") or 0)
        with self.lock:
            while True:
                ready = [u for u in self.updates if u["update_id"] >= offset]
                remaining = end - time.monotonic()
                if ready or remaining <= 0 or self._server is None:
                    return 200, {"ok": True, "result": ready}
                self.updated.wait(min(remaining, 0.2))

    def _api_sendMessage(self, params: dict[str, Any], request: Any) -> tuple[int, dict[str, Any]]:
        chat = str(params.get("chat_id", ""))
        text = str(params.get("text", ""))
        with self.lock:
            fault = self._take_fault(chat, "sendMessage")
            if fault is None and self.fault_rate and self._random.random() < self.fault_rate:
                fault = (Fault(429, "Too Many Requests: retry after 1", retry_after=1)
                         if self._random.random() < 0.5 else Fault(502, "Bad Gateway"))
                self.stats["injected"] += 1
        if fault is not None and fault.delay:
            time.sleep(fault.delay)
        if fault is not None and not fault.deliver:
            extra: dict[str, Any] = {}
            if fault.retry_after is not None:
                extra["retry_after"] = fault.retry_after
            if fault.migrate_to is not None:
                extra["migrate_to_chat_id"] = fault.migrate_to
            return self._error(fault.status, fault.description, **extra)
        if chat in self.blocked:
            return self._error(403, "Forbidden: bot was blocked by the user")
        if chat in self.migrations:
            return self._error(400, "Bad Request: group chat was upgraded to a supergroup chat",
                               migrate_to_chat_id=self.migrations[chat])
        if not text.strip():
            return self._error(400, "Bad Request: message text is empty")
        if utf16_len(text) > 4096:
            return self._error(400, "Bad Request: message is too long")
        if params.get("parse_mode") == "HTML":
            problem = html_problem(text)
            if problem:
                return self._error(400, f"Bad Request: can't parse entities: {problem}")
        with self.lock:
            if self.limits is not None:
                wait = self._flood_wait(chat)
                if wait:
                    self.stats["flood"] += 1
                    return self._error(429, f"Too Many Requests: retry after {wait}", retry_after=wait)
            if self.on_send is not None and not self.on_send(len(self.messages) + 1):
                return 0, {}  # the process was killed before this message was accepted
            self._next_message_id[chat] += 1
            message_id = self._next_message_id[chat]
            preview = json.loads(params.get("link_preview_options") or "{}")
            self.messages.append({"chat_id": chat, "text": text, "message_id": message_id,
                                  "parse_mode": params.get("parse_mode"),
                                  "preview_disabled": bool(preview.get("is_disabled")),
                                  "at": time.monotonic()})
        chat_id = int(chat) if re.fullmatch(r"-?\d+", chat) else -1000000000000 - len(chat)
        return 200, {"ok": True, "result": {
            "message_id": message_id, "date": int(time.time()), "text": text,
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}}}

    def _take_fault(self, chat: str, method: str) -> Fault | None:
        for fault in self.faults:
            if fault.times > 0 and fault.method == method and fault.chat_id in (None, chat):
                fault.times -= 1
                return fault
        return None

    def _flood_wait(self, chat: str) -> int:
        """Seconds to wait if this message breaks a limit; 0 if it may go (and it is counted)."""
        assert self.limits is not None
        limits, now = self.limits, time.monotonic()
        tokens, last = self._bucket
        tokens = min(limits.burst, tokens + (now - last) * limits.per_second)
        group = chat.startswith(("-", "@"))
        gap = (limits.group_interval if group else limits.chat_interval) * limits.tolerance
        previous = self._last_for_chat.get(chat)
        if tokens < 1.0 or (previous is not None and now - previous < gap):
            self._bucket = (tokens, now)
            return 1
        self._bucket = (tokens - 1.0, now)
        self._last_for_chat[chat] = now
        return 0
