"""Load plugins one at a time, so one broken plugin never breaks the others.

Builtins are module names in ``DEFAULT_PLUGINS`` and take the same path as third-party plugins
(entry point group ``briefing``): import, register with pluggy, check every hook implementation
against the specs, then ask it for its components. A plugin that fails any step is unregistered
and recorded in ``Plugins.failures``; with ``strict=True`` the first failure raises instead.

Every command loads the plugins, so this is on the path of ``briefing --help``: entry points are
read from the installed distributions' ``entry_points.txt`` by `find_entry_points` rather than
through `importlib.metadata`, and builtins whose components import heavy modules register them by
reference (``"module:Class"``, see `Registered`), so loading a plugin stays cheap.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pluggy

from briefing.core import hookspecs
from briefing.core.components import KINDS, SECTION
from briefing.core.errors import PluginError

DEFAULT_PLUGINS: tuple[str, ...] = (
    "briefing.plugins.sources.folder",
    "briefing.plugins.sources.rss",
    "briefing.plugins.sources.web",
    "briefing.plugins.sources.jsonl",
    "briefing.plugins.dedupe.canonical_urls",
    "briefing.plugins.dedupe.near_duplicates",
    "briefing.plugins.cleaners.boilerplate",
    "briefing.plugins.analysis",
    "briefing.plugins.executors",
    "briefing.plugins.outputs.file",
    "briefing.plugins.outputs.email.publisher",
    "briefing.plugins.outputs.stdout",
    "briefing.plugins.telegram",
    "briefing.plugins.web",
    "briefing.plugins.scaffold",
    "briefing.plugins.llm",
    "briefing.plugins.timeline",
)

REGISTER_HOOKS = {
    "source": "register_sources",
    "cleaner": "register_cleaners",
    "analyser": "register_analysers",
    "extractor": "register_extractors",
    "summariser": "register_summarisers",
    "publisher": "register_publishers",
    "bot_command": "register_bot_commands",
    SECTION: "register_config_sections",
    "executor": "register_executors",
}
assert set(REGISTER_HOOKS) == {*KINDS, SECTION}


@dataclass
class Registered:
    """A component: its class, or ``"module:Class"`` to import the first time it is needed.

    A reference keeps a plugin cheap to load (``briefing --help`` loads every plugin) when its
    components import heavy libraries; `factory` imports it on first use."""

    kind: str
    name: str
    target: Any
    plugin: str
    _loaded: Any = field(default=None, repr=False, compare=False)

    @property
    def factory(self) -> Any:
        if not isinstance(self.target, str):
            return self.target
        if self._loaded is None:
            module, _, attribute = self.target.partition(":")
            try:
                self._loaded = getattr(importlib.import_module(module), attribute)
            except Exception as error:
                raise PluginError(f"{self.kind} {self.name!r} of plugin {self.plugin!r} cannot be "
                                  f"loaded from {self.target}: {type(error).__name__}: {error}") from None
        return self._loaded


@dataclass(frozen=True)
class LoadFailure:
    plugin: str
    error: str


@dataclass
class Plugins:
    """The loaded plugins: the pluggy manager, the components by kind and name, the failures."""

    pm: pluggy.PluginManager
    components: dict[str, dict[str, Registered]] = field(
        default_factory=lambda: {kind: {} for kind in REGISTER_HOOKS}
    )
    failures: list[LoadFailure] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def hook(self) -> Any:
        return self.pm.hook

    def component(self, kind: str, name: str) -> Registered | None:
        return self.components[kind].get(name)

    def create(self, kind: str, name: str) -> Any:
        """A new component of this kind and name with its default options."""
        registered = self.component(kind, name)
        if registered is None:
            known = ", ".join(sorted(self.components[kind])) or "none"
            raise PluginError(f"no {kind} called {name!r} is registered (known: {known})")
        factory = registered.factory
        return factory(factory.options_class())

    def plugin_name(self, plugin: object) -> str:
        return self.pm.get_name(plugin) or repr(plugin)


def make_plugin_manager(
    *, strict: bool = False, extra: Iterable[object] = (), entry_points: bool = True
) -> Plugins:
    """A fresh manager with builtins, entry points (unless disabled) and ``extra`` plugins.

    ``BRIEFING_LOAD_PLUGINS=a,b`` limits the entry points loaded to those names (an empty value
    loads none), which is how to rule out a third-party plugin when something goes wrong.
    """
    pm = pluggy.PluginManager("briefing")
    pm.add_hookspecs(hookspecs)
    if os.environ.get("BRIEFING_TRACE"):
        pm.trace.root.setwriter(print)
        pm.enable_tracing()
    plugins = Plugins(pm)
    loader = _Loader(plugins, strict)
    for module_name in DEFAULT_PLUGINS:
        loader.add(module_name, lambda name=module_name: importlib.import_module(name))
    if entry_points:
        allowed = os.environ.get("BRIEFING_LOAD_PLUGINS")
        names = None if allowed is None else {n.strip() for n in allowed.split(",") if n.strip()}
        for ep in find_entry_points("briefing"):
            if names is None or ep.name in names:
                version = ep.version()
                if version is not None:
                    plugins.versions[ep.name] = version
                loader.add(ep.name, ep.load)
    for index, plugin in enumerate(extra):
        name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}-{index}"
        loader.add(name, lambda plugin=plugin: plugin)
    return plugins


@dataclass(frozen=True)
class EntryPoint:
    """One entry point of an installed distribution: ``name = module[:attribute]``."""

    name: str
    value: str
    info: str  # the distribution's .dist-info or .egg-info folder

    def load(self) -> Any:
        module, _, attribute = self.value.partition(":")
        loaded: Any = importlib.import_module(module.strip())
        for part in attribute.strip().split(".") if attribute.strip() else ():
            loaded = getattr(loaded, part)
        return loaded

    def version(self) -> str | None:
        """The ``Version:`` of the distribution's metadata, or None if it cannot be read."""
        for metadata in ("METADATA", "PKG-INFO"):
            try:
                with open(os.path.join(self.info, metadata), encoding="utf-8") as file:
                    for line in file:
                        if not line.strip():
                            return None  # the headers end at the first blank line
                        key, _, value = line.partition(":")
                        if key.strip().lower() == "version":
                            return value.strip()
            except OSError:
                continue
        return None


_EXTRAS = re.compile(r"\s*\[.*\]\s*$")


def find_entry_points(group: str, path: Iterable[str] | None = None) -> Iterator[EntryPoint]:
    """The entry points in ``group`` of the distributions installed on ``path`` (``sys.path``).

    Why not `importlib.metadata.entry_points`: it finds the same ones, but importing it (zipfile,
    email, csv) and building its objects costs about 40 ms on every command, a sixth of ``briefing
    --help``. This reads what it reads: each ``*.dist-info`` / ``*.egg-info`` folder's
    ``entry_points.txt``, in ``sys.path`` order, the first distribution of a name winning. Archives
    (zip files) on ``sys.path`` are left to `importlib.metadata`.
    """
    seen: set[str] = set()
    for entry in sys.path if path is None else path:
        folder = entry or "."
        if os.path.isfile(folder):
            yield from _from_importlib_metadata(group, folder, seen)
            continue
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            stem, ext = os.path.splitext(name)
            if ext not in (".dist-info", ".egg-info"):
                continue
            distribution = re.sub(r"[-_.]+", "_", stem.partition("-")[0]).lower()
            if distribution in seen:
                continue
            seen.add(distribution)
            info = os.path.join(folder, name)
            try:
                with open(os.path.join(info, "entry_points.txt"), encoding="utf-8") as file:
                    text = file.read()
            except OSError:
                continue
            for ep_name, value in _section(text, group):
                yield EntryPoint(ep_name, value, info)


def _section(text: str, group: str) -> Iterator[tuple[str, str]]:
    """The ``name = value`` lines of section ``[group]`` of an entry_points.txt."""
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current == group and "=" in line:
            name, _, value = line.partition("=")
            yield name.strip(), _EXTRAS.sub("", value.strip())


def _from_importlib_metadata(group: str, archive: str, seen: set[str]) -> Iterator[EntryPoint]:
    import importlib.metadata

    for dist in importlib.metadata.distributions(path=[archive]):
        name = re.sub(r"[-_.]+", "_", dist.metadata["Name"] or "").lower()
        if name in seen:
            continue
        seen.add(name)
        for ep in dist.entry_points.select(group=group):
            yield _ArchivedEntryPoint(ep.name, ep.value, archive, dist.version)


@dataclass(frozen=True)
class _ArchivedEntryPoint(EntryPoint):
    known_version: str | None = None

    def version(self) -> str | None:
        return self.known_version


@dataclass
class _Loader:
    plugins: Plugins
    strict: bool

    def add(self, name: str, load: Any) -> None:
        pm = self.plugins.pm
        try:
            plugin = load()
            pm.register(plugin, name=name)
        except Exception as error:  # a plugin may fail in any way; record it and go on
            self._fail(name, f"cannot load: {type(error).__name__}: {error}")
            return
        unknown = [hc.name for hc in pm.get_hookcallers(plugin) or [] if hc.spec is None]
        if unknown:
            pm.unregister(plugin)
            self._fail(name, f"implements unknown hook(s): {', '.join(sorted(unknown))}")
            return
        staged: list[Registered] = []
        try:
            for kind, hook_name in REGISTER_HOOKS.items():
                for impl in getattr(pm.hook, hook_name).get_hookimpls():
                    if impl.plugin is plugin:
                        impl.function(register=self._collector(kind, name, staged))
            self._commit(staged)
        except Exception as error:
            pm.unregister(plugin)
            self._fail(name, f"cannot register: {type(error).__name__}: {error}")

    def _collector(self, kind: str, plugin_name: str, staged: list[Registered]) -> Any:
        def register(name: str, factory: Any) -> None:
            if not isinstance(name, str) or not name:
                raise PluginError(f"a {kind} needs a non-empty name, got {name!r}")
            if isinstance(factory, str) and ":" not in factory:
                raise PluginError(f"{kind} {name!r}: a reference is written 'module:Class', got {factory!r}")
            staged.append(Registered(kind, name, factory, plugin_name))

        return register

    def _commit(self, staged: list[Registered]) -> None:
        """Add a plugin's components all together, or none if any name is taken."""
        registry = self.plugins.components
        for item in staged:
            taken = registry[item.kind].get(item.name)
            if taken is not None:
                raise PluginError(
                    f"{item.kind} {item.name!r} is registered by both "
                    f"{taken.plugin!r} and {item.plugin!r}"
                )
        for item in staged:
            registry[item.kind][item.name] = item

    def _fail(self, name: str, message: str) -> None:
        if self.strict:
            raise PluginError(f"plugin {name!r}: {message}")
        self.plugins.failures.append(LoadFailure(name, message))


def describe_plugins(plugins: Plugins, *, include_builtins: bool) -> list[dict[str, Any]]:
    """What ``briefing plugins`` prints: each plugin's version, hooks and components."""
    described = []
    for name, plugin in plugins.pm.list_name_plugin():
        builtin = name in DEFAULT_PLUGINS
        if builtin and not include_builtins:
            continue
        version = plugins.versions.get(name)
        hooks = sorted(hc.name for hc in plugins.pm.get_hookcallers(plugin) or [])
        components = sorted(
            f"{item.kind}:{item.name}"
            for kind in plugins.components.values()
            for item in kind.values()
            if item.plugin == name
        )
        described.append(
            {"name": name, "builtin": builtin, "version": version, "hooks": hooks,
             "components": components}
        )
    return described


def describe_failures(plugins: Plugins) -> list[dict[str, str]]:
    return [{"plugin": failure.plugin, "error": failure.error} for failure in plugins.failures]
