"""Asking a model through simonw's ``llm`` library: once per prompt, within a time limit.

Every reply is kept in the state file's ``kv`` table under the SHA-256 of the model id, the
options and the prompt, so a re-run with the same evidence asks nothing (and pays nothing) twice.
The call runs on a daemon thread: a model that does not answer within ``timeout`` seconds is left
behind and reported, and the briefing goes on; the thread ends when the model's own client gives
up. ``llm`` is imported only here, the first time a model is asked.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from briefing import BriefingError
from briefing.plugins.llm.settings import ModelOptions

CACHE_NAMESPACE = "llm-replies"
T = TypeVar("T")


class ModelFailed(BriefingError):
    """The model could not be asked, or gave no answer in time; the message names the model."""


@dataclass(frozen=True)
class Reply:
    text: str
    model: str  # the model's id, resolved from an alias
    cached: bool
    input_tokens: int | None = None
    output_tokens: int | None = None


def prompt_key(model_id: str, options: ModelOptions, prompt: str) -> str:
    """What identifies a question to a model: everything that could change its answer."""
    basis = json.dumps({"model": model_id, "temperature": options.temperature,
                        "max_output_tokens": options.max_output_tokens,
                        "json_mode": options.json_mode, "prompt": prompt}, sort_keys=True)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def ask(options: ModelOptions, prompt: str, store: Any = None) -> Reply:
    """The model's reply to ``prompt``, from the cache when it was asked before."""
    model = find_model(options.model)
    key = prompt_key(model.model_id, options, prompt)
    if store is not None:
        cached = store.get_value(CACHE_NAMESPACE, key)
        if cached is not None:
            return Reply(cached, model.model_id, cached=True)
    text, usage = within(options.timeout, lambda: _prompt(model, options, prompt),
                         f"model {options.model!r}")
    if store is not None:
        store.set_value(CACHE_NAMESPACE, key, text)
    return Reply(text, model.model_id, False, *usage)


def find_model(name: str) -> Any:
    try:
        import llm
    except ImportError:
        raise ModelFailed("the llm summariser and answerer need the llm library: "
                          "pip install 'briefing[llm]'") from None
    try:
        return llm.get_model(name)
    except llm.UnknownModelError:
        raise ModelFailed(f"model {name!r} is unknown: 'llm models' lists the installed ones (add "
                          "an Ollama or vLLM server in llm's extra-openai-models.yaml)") from None


def _prompt(model: Any, options: ModelOptions, prompt: str) -> tuple[str, tuple[int | None, int | None]]:
    import llm

    offered = set(getattr(model.Options, "model_fields", {}))
    chosen: dict[str, Any] = {}
    if options.temperature is not None and "temperature" in offered:
        chosen["temperature"] = options.temperature
    if "max_tokens" in offered:
        chosen["max_tokens"] = options.max_output_tokens
    if options.json_mode and "json_object" in offered:
        chosen["json_object"] = True
    if options.key is not None and isinstance(model, llm.KeyModel):
        chosen["key"] = options.key.reveal()
    try:
        response = model.prompt(prompt, stream=False, **chosen)
        text = response.text()
        usage = response.usage()
    except Exception as error:
        raise ModelFailed(f"model {options.model!r} failed: {_redacted(error, options)}") from None
    return text, (usage.input, usage.output)


def _redacted(error: Exception, options: ModelOptions) -> str:
    message = f"{type(error).__name__}: {error}"
    if options.key is not None and options.key.is_set:
        message = message.replace(options.key.reveal(), "***")
    return message[:300]


def within(seconds: float, call: Callable[[], T], what: str) -> T:
    """``call()``'s result, or ModelFailed if it takes longer than ``seconds``."""
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error
        finally:
            done.set()

    threading.Thread(target=run, name="llm-call", daemon=True).start()
    if not done.wait(seconds):
        raise ModelFailed(f"{what} did not answer within {seconds:g} s")
    if "error" in outcome:
        raise outcome["error"]
    value: T = outcome["value"]
    return value
