"""Secrets from the environment that never show themselves.

``{$env: NAME}`` in briefings.yaml becomes a `Secret`. Its repr and str name the variable, not
the value, so a secret that ends up in a log line, an exception or a dataclass repr stays hidden.
Only ``reveal()`` gives the value, at the moment a client needs it; from then on the value is
redacted wherever a library might quote it (see redaction.py).
"""

from __future__ import annotations

import os

from briefing.core.redaction import redact as redact_remembered
from briefing.core.redaction import remember


class Secret:
    __slots__ = ("_value", "env")

    def __init__(self, env: str, value: str | None = None) -> None:
        self.env = env
        self._value = value

    @property
    def is_set(self) -> bool:
        return self._value is not None or bool(os.environ.get(self.env))

    def reveal(self) -> str:
        value = self._value if self._value is not None else os.environ.get(self.env)
        if not value:
            raise LookupError(f"environment variable {self.env} is not set")
        remember(value)
        return value

    def __repr__(self) -> str:
        return f"Secret(env={self.env!r})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other.env == self.env

    def __hash__(self) -> int:
        return hash(("Secret", self.env))


def redact(text: str, *secrets: Secret) -> str:
    """``text`` with every secret value this process has revealed, and those of ``secrets``,
    replaced by ``***``: call it on any message a library wrote before it leaves the plugin."""
    for secret in secrets:
        try:
            secret.reveal()  # remembered from now on
        except LookupError:
            continue
    return redact_remembered(text)
