"""Deterministic language models for the tests, registered through llm's own plugin hook.

Each `Scripted` model answers by a function of the prompt it is given (no network, no weights);
`registered(...)` adds them to llm's plugin manager for the length of a test, as llm's own test
suite registers its mock models, and removes them after.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import llm

_NUMBERED = re.compile(r"^\[(\d+)\] (.*?)(?: \([^()]*\))?$", re.MULTILINE)


def numbered(prompt: str) -> list[tuple[int, str]]:
    """The numbered sentences a prompt shows, as (id, text)."""
    return [(int(number), text) for number, text in _NUMBERED.findall(prompt)]


def bullets(*points: tuple[str, list[int]]) -> str:
    return json.dumps({"bullets": [{"text": text, "cites": cites} for text, cites in points]})


class Scripted(llm.Model):
    """A model whose reply is ``write(prompt)``; it keeps every prompt it was asked."""

    can_stream = False

    def __init__(self, model_id: str, write: Callable[[str], str]) -> None:
        self.model_id = model_id
        self.write = write
        self.prompts: list[str] = []

    def execute(self, prompt: Any, stream: bool, response: Any, conversation: Any = None) -> Iterator[str]:
        self.prompts.append(prompt.prompt)
        yield self.write(prompt.prompt)


class Hanging(Scripted):
    """A model that answers only once released (at the end of the test)."""

    def __init__(self, model_id: str) -> None:
        self.release = threading.Event()
        super().__init__(model_id, self._wait)

    def _wait(self, prompt: str) -> str:
        self.release.wait(30)
        return bullets()


class _Plugin:
    def __init__(self, models: tuple[Any, ...]) -> None:
        self.models = models

    @llm.hookimpl
    def register_models(self, register: Any) -> None:
        for model in self.models:
            register(model)


@contextmanager
def registered(*models: Any) -> Iterator[tuple[Any, ...]]:
    plugin = _Plugin(models)
    llm.plugins.pm.register(plugin, name=f"briefing-tests-{id(plugin)}")
    try:
        yield models
    finally:
        llm.plugins.pm.unregister(plugin)
        for model in models:
            if isinstance(model, Hanging):
                model.release.set()
