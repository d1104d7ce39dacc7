"""What a model call may cost and take, as options: the ``llm`` summariser's and the ``llm:`` section's.

The summariser's options are its block under ``summariser:``; the bot's answerer is configured
once, in the top-level ``llm:`` section (``llm: {answerer: {model: ...}}``), a section this plugin
registers: the core builds it when it reads the file, so a typo fails every command with
``file:line: key``.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing import Secret


@dataclass(frozen=True)
class ModelOptions:
    """One model and the limits on asking it.

    ``model`` is an ``llm`` model id or alias (``llm models`` lists them; an OpenAI-compatible
    server such as Ollama or vLLM is added in llm's ``extra-openai-models.yaml``). ``key`` is
    passed to models that need one; without it llm looks in its own key store and environment.
    ``token_budget`` caps the prompt (about four characters a token): the evidence is cut to fit.
    """

    model: str
    """The llm model id or alias ('llm models' lists them; local servers are added in llm's
    extra-openai-models.yaml)."""
    key: Secret | None = None
    """The API key, as {$env: NAME}; without it llm looks in its own key store and environment."""
    token_budget: int = 3000
    """The most the prompt may take, in tokens (about four characters each): the evidence is cut to fit."""
    max_output_tokens: int = 800
    """The most the model may answer, in tokens, where the model takes that option."""
    timeout: float = 60.0
    """Seconds to wait for the model's answer."""
    temperature: float | None = 0.0
    """Sampling temperature where the model takes it; none: the model's own default."""
    json_mode: bool = True  # ask for a JSON object where the model offers that option
    """Ask for a JSON object where the model offers that option."""
    template: str = "llm_summary.j2"
    """The prompt's Jinja template (overridable from the templates folder)."""
    analyser: str = "spacy"  # finds the names and dates in what the model wrote
    """The analyser that finds the names and dates in what the model wrote, to check them."""
    # The share of a point's content words its cited sentences must hold; 0.2 was best on the
    # tuning half of bench/eval_llm_grounding.py (docs/quality.md), where faithful rewording meets it.
    min_overlap: float = 0.2
    """The share of a point's content words its cited sentences must hold (0..1), or the point is dropped."""

    def __post_init__(self) -> None:
        if not self.model.strip():
            raise ValueError("model: expected a model id, e.g. gpt-4o-mini (llm models lists them)")
        if self.token_budget < 100:
            raise ValueError(f"token_budget: expected at least 100, got {self.token_budget}")
        if self.timeout <= 0:
            raise ValueError(f"timeout: expected a number of seconds above 0, got {self.timeout}")
        if not 0.0 <= self.min_overlap <= 1.0:
            raise ValueError(f"min_overlap: expected a share from 0 to 1, got {self.min_overlap}")


@dataclass(frozen=True)
class SummariserOptions(ModelOptions):
    max_bullets: int = 5
    """At most this many bullets in the summary."""
    fallback: str = "centrality"  # the extractive summariser used when no bullet survives
    """The extractive summariser used when no bullet survives the checks (or the model fails)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.fallback == "llm":
            raise ValueError("fallback: expected an extractive summariser such as centrality, not llm")


@dataclass(frozen=True)
class AnswererOptions(ModelOptions):
    template: str = "llm_answer.j2"
    """The prompt's Jinja template (overridable from the templates folder)."""
    max_points: int = 4
    """At most this many points in an answer."""


@dataclass(frozen=True)
class LLMSection:
    """The top-level ``llm:`` section of briefings.yaml."""

    answerer: AnswererOptions | None = None
    """The model that answers the bot's /ask; none: the bot answers by its own sentence search."""
