"""Read YAML and remember the line of every key, so config errors can say ``file:line``.

``{$env: NAME}`` mappings become `Secret` objects here, at the one place YAML is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.core.errors import ConfigError
from briefing.core.secrets import Secret

if TYPE_CHECKING:  # PyYAML is imported when a file is read, not when the CLI starts
    import yaml

Lines = dict[tuple[Any, ...], int]


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
    if node is None:
        return {}, {}
    lines: Lines = {}
    problems: list[str] = []
    data = _convert(node, (), lines, problems, path)
    if problems:
        raise ConfigError(problems)
    return data, lines


def _convert(node: yaml.Node, at: tuple[Any, ...], lines: Lines, problems: list[str], path: Path) -> Any:
    import yaml

    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if key in result:
                problems.append(f"{path}:{key_node.start_mark.line + 1}: duplicate key {key!r}")
            lines[(*at, key)] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, (*at, key), lines, problems, path)
            lines[(*at, key)] = key_node.start_mark.line + 1
        if set(result) == {"$env"}:
            name = result["$env"]
            if not isinstance(name, str) or not name:
                problems.append(f"{path}:{lines[at]}: $env needs the name of an environment variable")
                return None
            return Secret(name)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*at, i), lines, problems, path) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    import yaml

    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()
