"""The errors a user sees. Each renders as one line that names the input it is about."""

from __future__ import annotations


class BriefingError(Exception):
    """Base class: the CLI prints these as one line and exits non-zero, without a traceback."""


class InputError(BriefingError):
    """An input (file, feed, page) that cannot be read. `where` names it; `line` when known."""

    def __init__(self, where: str, message: str, line: int | None = None) -> None:
        self.where = where
        self.message = message
        self.line = line
        location = f"{where}:{line}" if line else where
        super().__init__(f"{location}: {message}")


class ConfigError(BriefingError):
    """One or more problems in the configuration; all are reported at once."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class PluginError(BriefingError):
    """A plugin that could not load or register, or two plugins that claim one name."""


class ProvenanceError(BriefingError):
    """An item whose evidence does not point at a real sentence (raised under --strict)."""


class PublishError(BriefingError):
    """A delivery that failed; the delivery stays pending so a later run can retry it."""


class StateError(BriefingError):
    """The state file cannot be read, or went away during a run; names the file and what to do."""


class TemplateError(BriefingError):
    """A briefing template that cannot be loaded or rendered; names the file and line."""
