"""Fixtures for the Telegram tests: a fake Bot API server on 127.0.0.1 and the token in the env.

Helpers live in tgfixtures.py and the server in fakebot.py (unique module names: this folder is
put on sys.path by pytest, and a package here named ``telegram`` would shadow the library).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from briefing.testing.fakebot import TOKEN, FakeBotAPI


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
def token_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TEST_TELEGRAM_TOKEN", TOKEN)
    return TOKEN
