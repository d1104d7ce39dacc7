"""The path Ollama and vLLM users take: an OpenAI-compatible server named in llm's
extra-openai-models.yaml. Here the server is a small real one on 127.0.0.1 that speaks
``/v1/chat/completions`` and answers from the numbered sentences it is sent."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from llm_scripted import bullets, numbered

from briefing import make_article
from briefing.testing import assert_provenance, run_briefing


class ChatServer(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, dict[str, str], dict[str, Any]]] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _Handler(BaseHTTPRequestHandler):
    server: ChatServer

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
        if self.path != "/v1/chat/completions":
            self.send_error(404)
            return
        prompt = body["messages"][-1]["content"]
        first, second = numbered(prompt)[:2]
        content = bullets((first[1], [first[0]]), (second[1].replace("three", "four"), [second[0]]))
        answer = {"id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": body["model"],
                  "choices": [{"index": 0, "finish_reason": "stop",
                               "message": {"role": "assistant", "content": content}}],
                  "usage": {"prompt_tokens": len(prompt) // 4, "completion_tokens": 40,
                            "total_tokens": len(prompt) // 4 + 40}}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def chat_server() -> Iterator[ChatServer]:
    server = ChatServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_local_openai_compatible_server_writes_the_checked_summary(
        tmp_path: Path, llm_home: Path, chat_server: ChatServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-a-real-key-for-openai-only")
    (llm_home / "extra-openai-models.yaml").write_text(
        f"- model_id: local-news\n  model_name: news-7b\n  api_base: \"{chat_server.base_url}\"\n",
        encoding="utf-8")
    article = make_article(
        "Dock workers in Rotterdam extended their strike on Tuesday. "
        "The union said talks with the port authority had failed after three rounds. "
        "Shipping lines said they would reroute cargo to Antwerp.", title="Dock strike goes on")
    briefing = run_briefing({"analyser": "spacy", "cleaners": [],
                             "summariser": {"type": "llm", "model": "local-news", "timeout": 20}},
                            articles=[article], tmp_path=tmp_path)
    assert briefing.summary is not None
    assert briefing.summary.text == "Dock workers in Rotterdam extended their strike on Tuesday."
    [dropped] = [f.error for f in briefing.failures]
    assert "after four rounds" in dropped and "says 'four'" in dropped
    assert_provenance(briefing)
    [(path, headers, body)] = chat_server.requests
    assert path == "/v1/chat/completions" and body["model"] == "news-7b"
    assert body["response_format"] == {"type": "json_object"} and body["temperature"] == 0
    assert "[1] Dock workers in Rotterdam" in body["messages"][-1]["content"]
    assert headers["authorization"] == "Bearer DUMMY_KEY"  # the user's OpenAI key stays home
