"""A language model as a plugin that cannot make things up: the ``llm`` summariser and the bot's answerer.

Built on simonw's ``llm`` library (the optional extra ``briefing[llm]``), which reaches hosted
models through its plugins and local ones through Ollama, llama.cpp or any OpenAI-compatible
server. Whatever a model writes is kept only when the sentences it cites say it (verify.py).
Modules: settings (options and the ``llm:`` section), evidence (the numbered sentences shown),
calling (the model, its cache and time limit), numbers and words (what a claim must share with
its sources), verify (the checks), grounded (one checked request), summariser, answerer.

Like the other builtins, components are registered by reference and the hooks import their
modules when called, so ``briefing --help`` never imports ``llm`` or spaCy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from briefing import Answer, Briefing, RunContext, hookimpl


@hookimpl
def register_summarisers(register: Any) -> None:
    register("llm", "briefing.plugins.llm.summariser:LLMSummariser")


@hookimpl
def register_config_sections(register: Any) -> None:
    register("llm", "briefing.plugins.llm.settings:LLMSection")


@hookimpl
def answer_question(question: str, briefings: Sequence[Briefing], context: RunContext) -> Answer | None:
    if "llm" not in context.sections:
        return None
    from briefing.plugins.llm.answerer import answer_question as answer

    return answer(question, briefings, context)
