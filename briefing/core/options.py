"""Build a component's options dataclass from its YAML block, collecting every problem.

The types a field may have: str, int, float, bool, Path (relative to the config file's folder),
Secret (written ``{$env: NAME}``), Literal choices, ``X | None``, ``list[X]``, ``dict[str, X]``,
another dataclass, and Any. That covers what a component needs and keeps the messages plain:
each names the key and says what was expected.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import inspect
import itertools
import keyword
import string
import textwrap
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, NewType, Union

from briefing.core.secrets import Secret

Locate = Callable[[tuple[Any, ...]], str]
_MISSING = object()

# A path a publisher fills in per run (``out/{name}-{date}.md``): a Path whose placeholders are
# checked when the config is read, so a typo fails ``briefing validate``, not the run.
PathPattern = NewType("PathPattern", Path)
PLACEHOLDERS = ("date", "name")


def placeholder_problem(pattern: str) -> str | None:
    """What is wrong with the ``{...}`` placeholders of a path pattern, or None.

    Only bare ``{name}`` and ``{date}``: ``str.format`` would also follow ``{name.__class__}``
    or ``{name[0]}`` and fail at run time on ``{nme}``."""
    known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        return "unbalanced { or } (write {{ or }} for a brace itself)"
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        written = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if field in PLACEHOLDERS and not spec and not conversion:
            continue
        if field.split(".")[0].split("[")[0] in PLACEHOLDERS:
            return (f"placeholder {written}: only {{name}} and {{date}}, without attributes, "
                    "indexes or formats")
        return f"unknown placeholder {written} (known: {known})"
    return None


@dataclasses.dataclass
class OptionsBuilder:
    """Turns raw YAML values into typed values; ``problems`` collects what did not fit."""

    base_dir: Path
    locate: Locate
    problems: list[str] = dataclasses.field(default_factory=list)

    def build(self, cls: type, raw: Any, path: tuple[Any, ...]) -> Any:
        if not isinstance(raw, dict):
            self._problem(path, f"expected a mapping of options, got {_describe(raw)}")
            return None
        hints = typing.get_type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
        values: dict[str, Any] = {}
        for key, value in raw.items():
            name = str(key).replace("-", "_")
            if keyword.iskeyword(name):  # `from:` in YAML fills a field named `from_`
                name += "_"
            if name not in fields:
                self._problem((*path, key), unknown_option(str(key), [f.removesuffix("_") for f in fields]))
                continue
            values[name] = self.convert(hints[name], value, (*path, key))
        missing = False
        for name, f in fields.items():
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            if required and name not in values:
                shown = name.removesuffix("_")
                self._problem(path, f"missing required option {shown!r} ({type_label(hints[name])})")
                missing = True
        if missing or any(v is _MISSING for v in values.values()):
            return None  # said above; building the dataclass would only repeat it as a signature
        try:
            return cls(**values)
        except (TypeError, ValueError) as error:
            self._problem(path, str(error))
            return None

    def convert(self, hint: Any, value: Any, path: tuple[Any, ...]) -> Any:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if hint is Any:
            return value
        if origin in (Union, types.UnionType):
            if value is None and type(None) in args:
                return None
            options = [a for a in args if a is not type(None)]
            if len(options) == 1:
                return self.convert(options[0], value, path)
            return self._first_fit(options, value, path)
        if origin is Literal:
            if value in args:
                return value
            choices = ", ".join(repr(a) for a in args)
            return self._fail(path, f"expected one of {choices}, got {value!r}")
        if origin in (list, tuple) or hint in (list, tuple):
            item = args[0] if args else Any
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) and item is not Any:
                value = [value]  # a single value where a list is expected: be forgiving
            if not isinstance(value, list):
                return self._fail(path, f"expected a list, got {_describe(value)}")
            converted = [self.convert(item, v, (*path, i)) for i, v in enumerate(value)]
            return tuple(converted) if origin is tuple or hint is tuple else converted
        if origin is dict or hint is dict:
            item = args[1] if len(args) == 2 else Any
            if not isinstance(value, dict):
                return self._fail(path, f"expected a mapping, got {_describe(value)}")
            return {str(k): self.convert(item, v, (*path, k)) for k, v in value.items()}
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            built = self.build(hint, value, path)
            return _MISSING if built is None else built  # the block's own problems are reported
        if hint is Secret:
            if isinstance(value, Secret):
                return value
            return self._fail(path, "expected a secret from the environment, written {$env: NAME}")
        if isinstance(value, Secret):
            return self._fail(path, f"{{$env: ...}} is only for secrets; expected {_type_name(hint)}")
        if hint is Path or hint is PathPattern:
            if not isinstance(value, str) or not value:
                return self._fail(path, f"expected a path, got {_describe(value)}")
            problem = placeholder_problem(value) if hint is PathPattern else None
            if problem:
                return self._fail(path, problem)
            candidate = Path(value).expanduser()
            return candidate if candidate.is_absolute() else self.base_dir / candidate
        if hint is bool:
            if isinstance(value, bool):
                return value
            return self._fail(path, f"expected true or false, got {_describe(value)}")
        if hint is float:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
            return self._fail(path, f"expected a number, got {_describe(value)}")
        if hint is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            return self._fail(path, f"expected a whole number, got {_describe(value)}")
        if hint is str:
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                return str(value)
            return self._fail(path, f"expected text, got {_describe(value)}")
        return value

    def _first_fit(self, options: list[Any], value: Any, path: tuple[Any, ...]) -> Any:
        for option in options:
            trial = OptionsBuilder(self.base_dir, self.locate)
            result = trial.convert(option, value, path)
            if not trial.problems:
                return result
        expected = " or ".join(_type_name(o) for o in options)
        return self._fail(path, f"expected {expected}, got {_describe(value)}")

    def _fail(self, path: tuple[Any, ...], message: str) -> Any:
        self._problem(path, message)
        return _MISSING

    def _problem(self, path: tuple[Any, ...], message: str) -> None:
        self.problems.append(f"{self.locate(path)}: {message}")


def unknown_option(key: str, known: list[str]) -> str:
    """``unknown option 'url' (did you mean 'urls'? known options: ...)``."""
    import difflib

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"unknown option {key!r} ({hint}known options: {', '.join(sorted(known)) or 'none'})"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _type_name(hint: Any) -> str:
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
             Path: "a path", Secret: "{$env: NAME}"}
    if hint in names:
        return names[hint]
    return getattr(hint, "__name__", str(hint))


def describe_options(cls: type) -> list[dict[str, Any]]:
    """Each option's YAML name, type, default and description, for ``briefing plugins --options``
    and docs.

    A nested dataclass option is described by its own options under ``options``."""
    hints = typing.get_type_hints(cls)
    described = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        entry: dict[str, Any] = {"name": f.name.removesuffix("_"), "type": type_label(hint),
                                 "description": option_description(cls, f)}
        if f.default is not dataclasses.MISSING:
            entry["default"] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            entry["default"] = f.default_factory()
        else:
            entry["required"] = True
        nested = [a for a in (hint, *typing.get_args(hint))
                  if dataclasses.is_dataclass(a) and isinstance(a, type)]
        if nested:
            if dataclasses.is_dataclass(entry.get("default")):
                entry.pop("default")
            entry["options"] = describe_options(nested[0])
        elif isinstance(entry.get("default"), Path):
            entry["default"] = str(entry["default"])
        described.append(entry)
    return described


def type_label(hint: Any) -> str:
    """A type as a user writes it in YAML: ``text``, ``list of text``, ``'a' or 'b'``."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):
        options = [type_label(a) for a in args if a is not type(None)]
        suffix = " (optional)" if type(None) in args else ""
        return " or ".join(options) + suffix
    if origin is Literal:
        return " or ".join(repr(a) for a in args)
    if origin in (list, tuple):
        return f"list of {type_label(args[0]) if args else 'values'}"
    if origin is dict:
        return f"mapping of {type_label(args[1]) if len(args) == 2 else 'values'}"
    labels = {str: "text", int: "whole number", float: "number", bool: "true/false", Path: "path",
              PathPattern: "path; may use {name} and {date}", Secret: "{$env: NAME}", Any: "any"}
    if hint in labels:
        return labels[hint]
    if dataclasses.is_dataclass(hint):
        return "mapping"
    return getattr(hint, "__name__", str(hint))



def option_description(cls: type, option: dataclasses.Field[Any]) -> str:
    """What an option is for: ``field(metadata={"description": ...})``, or else the string
    written right under the field (an attribute docstring, as Sphinx reads them)::

        @dataclass(frozen=True)
        class FolderOptions:
            path: Path
            '''The folder the articles are in.'''

    Empty when the option has neither."""
    described = option.metadata.get("description")
    if described:
        return str(described)
    for owner in cls.__mro__:
        if option.name in getattr(owner, "__annotations__", {}):
            return attribute_docstrings(owner).get(option.name, "")
    return ""


@functools.cache
def attribute_docstrings(cls: type) -> dict[str, str]:
    """The attribute docstrings of a class's own fields, read from its source; empty when the
    source cannot be read (a class made at run time, a module shipped without sources)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    found: dict[str, str] = {}
    for statement, following in itertools.pairwise(body):
        if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            found[statement.target.id] = " ".join(inspect.cleandoc(following.value.value).split())
    return found
