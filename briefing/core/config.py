"""briefings.yaml -> validated specs, with every problem reported at once.

A component block is a name (``boilerplate``) or a mapping with ``type`` and the component's
options. Each block is checked against the options dataclass its component declares, before any
network call or model load, so a typo fails fast with ``file:line: key: what was expected``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from briefing.core.components import SECTION
from briefing.core.errors import ConfigError, PluginError
from briefing.core.options import OptionsBuilder
from briefing.core.plugins import Plugins, Registered
from briefing.core.secrets import Secret
from briefing.core.selection import parse_duration
from briefing.core.yamlfile import Lines, load_yaml

CONFIG_ENV = "BRIEFING_CONFIG"
DEFAULT_CONFIG = "briefings.yaml"

# What a briefing uses when its block does not say; names of builtin components, never imports.
DEFAULTS: dict[str, Any] = {
    "cleaners": ["boilerplate"],
    "analyser": "spacy",
    "extractors": ["stakeholders", "places", "facts", "risks", "quotes"],
    "summariser": "centrality",
    "outputs": [{"type": "stdout"}],
}
TOP_LEVEL_KEYS = {"state", "templates", "briefings", "executor"}  # and the sections plugins register
BRIEFING_KEYS = {"title", "sources", "cleaners", "analyser", "extractors", "summariser",
                 "outputs", "schedule", "window", "window_mode", "horizon"}
# How far back a briefing looks for the stories it already told and the facts it already gave.
DEFAULT_HORIZON = timedelta(days=7)
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
# A briefing's name becomes part of file names ({name} in output paths, lock files), so it may
# not hold a path separator or start with a dot: "../../x" would write outside the output folder.
_SAFE_NAME = re.compile(r"^(?!\.)[\w.-]{1,100}$")


@dataclass(frozen=True)
class ComponentSpec:
    kind: str
    type: str
    options: Any
    registered: Registered
    where: str

    def create(self) -> Any:
        return self.registered.factory(self.options)


@dataclass(frozen=True)
class Schedule:
    daily: str | None = None
    timezone: str = "UTC"


@dataclass(frozen=True)
class BriefingSpec:
    name: str
    title: str
    sources: tuple[ComponentSpec, ...]
    cleaners: tuple[ComponentSpec, ...]
    analyser: ComponentSpec
    extractors: tuple[ComponentSpec, ...]
    summariser: ComponentSpec | None
    outputs: tuple[ComponentSpec, ...]
    schedule: Schedule = Schedule()
    window: timedelta | None = None
    window_mode: str = "skip"
    horizon: timedelta = DEFAULT_HORIZON


@dataclass(frozen=True)
class Config:
    path: Path
    state_path: Path
    templates_dir: Path | None
    briefings: dict[str, BriefingSpec]
    # The plugin-owned sections present in the file, each built as its registered dataclass.
    sections: dict[str, Any] = field(default_factory=dict)
    lines: Lines = field(default_factory=dict, repr=False)
    executor: ComponentSpec | None = None  # where the per-article stages run (`executor:`)

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    def locate(self, *at: Any) -> str:
        """``file:line: key.path`` for a key of the file, for messages about it."""
        return locate_in(self.path, self.lines, at)


def locate_in(path: Path, lines: Lines, at: tuple[Any, ...]) -> str:
    probe = at
    while probe and probe not in lines:
        probe = probe[:-1]
    line = lines.get(probe)
    key = ".".join(str(part) for part in at)
    where = f"{path}:{line}" if line else str(path)
    return f"{where}: {key}" if key else where


def find_config(path: str | Path | None = None) -> Path:
    """``--config`` wins, then ``BRIEFING_CONFIG``, then ./briefings.yaml."""
    chosen = path or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG
    return Path(chosen).expanduser().resolve()


def load_config(path: Path, plugins: Plugins) -> Config:
    data, lines = load_yaml(path)
    return ConfigReader(path, lines, plugins).read(data)


@dataclass
class ConfigReader:
    path: Path
    lines: Lines
    plugins: Plugins
    problems: list[str] = field(default_factory=list)

    def locate(self, at: tuple[Any, ...]) -> str:
        return locate_in(self.path, self.lines, at)

    def problem(self, at: tuple[Any, ...], message: str) -> None:
        self.problems.append(f"{self.locate(at)}: {message}")

    def read(self, data: Any) -> Config:
        if not isinstance(data, dict):
            raise ConfigError([f"{self.path}: expected a mapping with a 'briefings' key"])
        known_sections = self.plugins.components[SECTION]
        sections: dict[str, Any] = {}
        for key, value in data.items():
            if key in TOP_LEVEL_KEYS:
                continue
            if key not in known_sections:
                known = ", ".join(sorted({*TOP_LEVEL_KEYS, *known_sections}))
                self.problem((key,), f"unknown key (expected one of {known})")
                continue
            built = self.section(str(key), known_sections[key], value)
            if built is not None:
                sections[str(key)] = built
        base = self.path.parent
        state = data.get("state", ".briefing/state.db")
        if not isinstance(state, str):
            self.problem(("state",), "expected the path of the SQLite state file")
            state = ".briefing/state.db"
        templates = data.get("templates")
        templates_dir = base / templates if isinstance(templates, str) else None
        if templates_dir is None and (base / "templates").is_dir():
            templates_dir = base / "templates"
        briefings: dict[str, BriefingSpec] = {}
        raw_briefings = data.get("briefings")
        if not isinstance(raw_briefings, dict) or not raw_briefings:
            self.problem(("briefings",), "expected a mapping of briefing names to their settings")
            raw_briefings = {}
        for name, raw in raw_briefings.items():
            if not _SAFE_NAME.match(str(name)):
                self.problem(("briefings", name), f"{str(name)!r}: briefing names may use letters, "
                             "digits, '-', '_' and '.' (up to 100), and may not start with '.'")
                continue
            spec = self.briefing(str(name), raw)
            if spec is not None:
                briefings[str(name)] = spec
        executor = None
        if data.get("executor") is not None:
            executor = self.component("executor", data["executor"], ("executor",))
        if self.problems:
            raise ConfigError(self.problems)
        return Config(self.path, base / state, templates_dir, briefings, sections, self.lines,
                      executor)

    def briefing(self, name: str, raw: Any) -> BriefingSpec | None:
        at: tuple[Any, ...] = ("briefings", name)
        if not isinstance(raw, dict):
            self.problem(at, "expected a mapping with sources and outputs")
            return None
        for key in raw:
            if key not in BRIEFING_KEYS:
                self.problem((*at, key), f"unknown key (expected one of {', '.join(sorted(BRIEFING_KEYS))})")
        if not raw.get("sources"):
            self.problem(at, "missing 'sources': where the articles come from")
        values = {key: raw.get(key, DEFAULTS.get(key)) for key in BRIEFING_KEYS}
        sources = self.components("source", values["sources"] or [], (*at, "sources"))
        cleaners = self.components("cleaner", values["cleaners"] or [], (*at, "cleaners"))
        analyser = self.component("analyser", values["analyser"], (*at, "analyser"))
        extractors = self.components("extractor", values["extractors"] or [], (*at, "extractors"))
        summariser = None
        if values["summariser"] is not None:
            summariser = self.component("summariser", values["summariser"], (*at, "summariser"))
        outputs = self.components("publisher", values["outputs"] or [], (*at, "outputs"))
        schedule = self.schedule(raw.get("schedule"), (*at, "schedule"))
        window = None
        if raw.get("window") is not None:
            window = parse_duration(str(raw["window"]))
            if window is None:
                self.problem((*at, "window"), f"expected a duration such as 24h, 2d or 90m, "
                                              f"got {raw['window']!r}")
        horizon = DEFAULT_HORIZON
        if raw.get("horizon") is not None:
            parsed = parse_duration(str(raw["horizon"]))
            if parsed is not None:
                horizon = parsed
            else:
                self.problem((*at, "horizon"), f"expected a duration such as 7d, 2w or 0d (every "
                                               f"run on its own), got {raw['horizon']!r}")
        window_mode = raw.get("window_mode", "skip")
        if window_mode not in ("skip", "mark"):
            self.problem((*at, "window_mode"), f"expected 'skip' or 'mark', got {window_mode!r}")
        title = raw.get("title") or name.replace("-", " ").replace("_", " ").capitalize()
        if analyser is None:
            return None
        return BriefingSpec(name, str(title), sources, cleaners, analyser, extractors, summariser,
                            outputs, schedule, window, str(window_mode), horizon)

    def components(self, kind: str, raw: Any, at: tuple[Any, ...]) -> tuple[ComponentSpec, ...]:
        if not isinstance(raw, list):
            raw = [raw]
        found = [self.component(kind, item, (*at, i)) for i, item in enumerate(raw)]
        return tuple(spec for spec in found if spec is not None)

    def component(self, kind: str, raw: Any, at: tuple[Any, ...]) -> ComponentSpec | None:
        if isinstance(raw, str):
            raw = {"type": raw}
        if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
            self.problem(at, f"expected a {kind} name or a mapping with 'type'")
            return None
        options = {k: v for k, v in raw.items() if k != "type"}
        name = raw["type"]
        registered = self.plugins.component(kind, name)
        if registered is None:
            known = ", ".join(sorted(self.plugins.components[kind])) or "none"
            broken = len(self.plugins.failures)
            hint = f"; {broken} plugin(s) failed to load: see 'briefing plugins'" if broken else ""
            self.problem((*at, "type"), f"unknown {kind} {name!r} (known: {known}{hint})")
            return None
        try:
            options_class = registered.factory.options_class
        except PluginError as error:
            self.problem((*at, "type"), str(error))
            return None
        builder = OptionsBuilder(self.path.parent, self.locate)
        built = builder.build(options_class, options, at)
        self.problems.extend(builder.problems)
        if builder.problems:
            return None
        return ComponentSpec(kind, name, built, registered, self.locate(at))

    def section(self, name: str, registered: Registered, raw: Any) -> Any:
        """A plugin's section built as its dataclass; a class may add checks its field types
        cannot express in ``problems()``: (key path inside the section, message) pairs."""
        try:
            section_class = registered.factory
        except PluginError as error:
            self.problem((name,), str(error))
            return None
        builder = OptionsBuilder(self.path.parent, self.locate)
        built = builder.build(section_class, raw, (name,))
        self.problems.extend(builder.problems)
        if built is None or builder.problems:
            return None
        found = built.problems() if hasattr(built, "problems") else []
        for at, message in found:
            self.problem((name, *at), message)
        return None if found else built

    def schedule(self, raw: Any, at: tuple[Any, ...]) -> Schedule:
        if raw is None:
            return Schedule()
        builder = OptionsBuilder(self.path.parent, self.locate)
        built = builder.build(Schedule, raw, at)
        self.problems.extend(builder.problems)
        if built is None:
            return Schedule()
        if built.daily is not None and not _TIME.match(built.daily):
            self.problem((*at, "daily"), f"expected a time of day as HH:MM, got {built.daily!r}")
        try:
            from zoneinfo import ZoneInfo

            ZoneInfo(built.timezone)
        except (ValueError, KeyError, OSError):
            self.problem((*at, "timezone"), f"unknown time zone {built.timezone!r} (e.g. Europe/London)")
        return built


def missing_secrets(value: Any) -> list[str]:
    """Names of environment variables that options refer to but that are not set."""
    found: list[str] = []
    if isinstance(value, Secret):
        return [] if value.is_set else [value.env]
    if isinstance(value, dict):
        for item in value.values():
            found += missing_secrets(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            found += missing_secrets(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            found += missing_secrets(getattr(value, name))
    return found


def check_secrets(config: Config, names: list[str]) -> list[str]:
    """Problems for secrets the chosen briefings need but the environment lacks."""
    problems = []
    for name in names:
        spec = config.briefings[name]
        summariser = (spec.summariser,) if spec.summariser is not None else ()
        for component in (*spec.sources, *summariser, *spec.outputs):
            for env in missing_secrets(component.options):
                problems.append(f"{component.where}: environment variable {env} is not set")
    return problems
