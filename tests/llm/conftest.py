"""Fixtures for the llm plugin's tests: llm's user folder in a temporary directory.

llm reads its keys, aliases and extra-openai-models.yaml from ``LLM_USER_PATH``; pointing it at
a fresh folder keeps the tests from reading or writing the user's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def llm_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("llm-home")
    monkeypatch.setenv("LLM_USER_PATH", str(folder))
    return folder
