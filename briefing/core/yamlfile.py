"""Read YAML and remember the line of every key, so config errors can say ``file:line``.

``{$env: NAME}`` mappings become `Secret` objects here, at the one place YAML is read.

YAML aliases (``&a`` ... ``*a``) are expanded here too, and that is where a hostile or careless
file can hurt: nine levels of nine aliases ("billion laughs") is a few hundred bytes that expand
to 387 million values, and ``x: &x [*x]`` is a value that contains itself. So the expansion counts
the values it builds and stops past `MAX_VALUES` (a real briefings file has a few hundred), and an
alias met inside the value it names is an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.core.errors import ConfigError
from briefing.core.secrets import Secret

if TYPE_CHECKING:  # PyYAML is imported when a file is read, not when the CLI starts
    import yaml

Lines = dict[tuple[Any, ...], int]
MAX_VALUES = 100_000


class _Expansion:
    """What one file's expansion has built so far: a count, and the values being built."""

    def __init__(self, path: Path) -> None:
        import yaml

        self.path = path
        self.count = 0
        self.open: set[int] = set()  # ids of the nodes whose value is being built
        self.loader = yaml.SafeLoader("")  # builds scalars: one for the file, not one per value

    def scalar(self, node: yaml.Node) -> Any:
        value = self.loader.construct_object(node, deep=True)
        self.loader.constructed_objects.clear()
        return value


def load_yaml(path: Path) -> tuple[Any, Lines]:
    """Parse ``path``; return the data and a map from key path to 1-based line number."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([f"{path}: no such file (use --config PATH or BRIEFING_CONFIG)"]) from None
    except UnicodeDecodeError as error:
        raise ConfigError([f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"]) from None
    except OSError as error:
        raise ConfigError([f"{path}: cannot read ({error.strerror})"]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = error.problem or error.context or "invalid YAML"
        raise ConfigError([f"{path}{line}: YAML syntax error: {problem}"]) from None
    except yaml.YAMLError as error:
        raise ConfigError([f"{path}: YAML error: {error}"]) from None
    except RecursionError:
        raise ConfigError([f"{path}: YAML nested too deeply to read"]) from None
    if node is None:
        return {}, {}
    lines: Lines = {}
    problems: list[str] = []
    expansion = _Expansion(path)
    try:
        data = _convert(node, (), lines, problems, expansion)
    except RecursionError:
        raise ConfigError([f"{path}: YAML nested too deeply to read"]) from None
    finally:
        expansion.loader.dispose()
    if problems:
        raise ConfigError(problems)
    return data, lines


def _convert(node: yaml.Node, at: tuple[Any, ...], lines: Lines, problems: list[str],
             expansion: _Expansion) -> Any:
    import yaml

    path = expansion.path
    expansion.count += 1
    if expansion.count > MAX_VALUES:
        raise ConfigError([f"{path}: the file expands to more than {MAX_VALUES:,} values; "
                           "are aliases (*name) repeated inside aliases?"])
    lines[at] = node.start_mark.line + 1
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in expansion.open:
            key = ".".join(str(part) for part in at[:-1])
            raise ConfigError([f"{path}:{node.start_mark.line + 1}: {key}: an alias refers to the "
                               "value that contains it (&x ... *x)"])
        expansion.open.add(id(node))
        try:
            return _collection(node, at, lines, problems, expansion)
        finally:
            expansion.open.discard(id(node))
    return expansion.scalar(node)


def _collection(node: yaml.Node, at: tuple[Any, ...], lines: Lines, problems: list[str],
                expansion: _Expansion) -> Any:
    import yaml

    path = expansion.path
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # a list or mapping as a key: never ours
                raise ConfigError([f"{path}:{key_node.start_mark.line + 1}: a key must be plain "
                                   "text, not a list or mapping"])
            key = expansion.scalar(key_node)
            if key in result:
                problems.append(f"{path}:{key_node.start_mark.line + 1}: duplicate key {key!r}")
            lines[(*at, key)] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, (*at, key), lines, problems, expansion)
            lines[(*at, key)] = key_node.start_mark.line + 1
        if set(result) == {"$env"}:
            name = result["$env"]
            if not isinstance(name, str) or not name:
                problems.append(f"{path}:{lines[at]}: $env needs the name of an environment variable")
                return None
            return Secret(name)
        return result
    return [_convert(item, (*at, i), lines, problems, expansion) for i, item in enumerate(node.value)]

