"""Plugins load one at a time: a broken one is recorded and skipped, never fatal unless strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import Source, hookimpl
from briefing.core.cli import cli
from briefing.core.errors import PluginError
from briefing.core.plugins import make_plugin_manager


def install_entry_point(root: Path, dist: str, module: str, source: str) -> None:
    """A real installed distribution with a ``briefing`` entry point, on a temporary sys.path."""
    (root / f"{module}.py").write_text(source, encoding="utf-8")
    info = root / f"{dist.replace('-', '_')}-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.2.3\n")
    (info / "entry_points.txt").write_text(f"[briefing]\n{dist} = {module}\n")


def outside(plugins) -> list:
    """Load failures of plugins other than the builtins (test_every_builtin_loads covers those)."""
    return [f for f in plugins.failures if not f.plugin.startswith("briefing.plugins.")]


@pytest.fixture
def site(tmp_path, monkeypatch):
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    return root


def test_every_builtin_loads():
    plugins = make_plugin_manager(entry_points=False)
    assert plugins.failures == []


def test_builtins_register_their_components():
    plugins = make_plugin_manager(entry_points=False)
    assert plugins.component("source", "folder").plugin == "briefing.plugins.sources.folder"
    assert {"file", "stdout"} <= set(plugins.components["publisher"])
    assert "spacy" in plugins.components["analyser"]


def test_broken_entry_point_is_recorded_and_the_rest_load(site):
    install_entry_point(site, "briefing-broken", "broken_mod", "raise ImportError('no module named x')\n")
    install_entry_point(site, "briefing-good", "good_mod", (
        "from briefing import Source, hookimpl\n"
        "class Nothing(Source):\n"
        "    def collect(self, context):\n"
        "        return []\n"
        "@hookimpl\n"
        "def register_sources(register):\n"
        "    register('nothing', Nothing)\n"))
    plugins = make_plugin_manager()
    (failure,) = outside(plugins)
    assert "cannot load: ImportError: no module named x" in failure.error
    assert plugins.component("source", "nothing").plugin == "briefing-good"
    assert plugins.versions["briefing-good"] == "1.2.3"

    result = CliRunner().invoke(cli, ["plugins", "--json"], obj=plugins)
    shown = json.loads(result.output)
    assert {"plugin": "briefing-broken", "error": failure.error} in shown["failures"]
    (good,) = [p for p in shown["plugins"] if p["name"] == "briefing-good"]
    assert good["version"] == "1.2.3" and good["components"] == ["source:nothing"]

    with pytest.raises(PluginError, match="briefing-broken"):
        make_plugin_manager(strict=True)


def test_entry_points_are_read_in_path_order_first_distribution_wins(tmp_path):
    from briefing.core.plugins import find_entry_points

    first, second = tmp_path / "first", tmp_path / "second"
    for root, module in ((first, "ep_first"), (second, "ep_second")):
        root.mkdir()
        install_entry_point(root, "briefing-twice", module, "")
    legacy = second / "briefing_legacy.egg-info"
    legacy.mkdir()
    (legacy / "PKG-INFO").write_text("Metadata-Version: 1.1\nName: briefing-legacy\nVersion: 0.9\n")
    (legacy / "entry_points.txt").write_text(
        "[console_scripts]\nx = y:z\n\n[briefing]\n# a comment\nlegacy = legacy_mod:plugin [extra]\n")

    path = [str(first), str(second)]
    found = {(ep.name, ep.value, ep.version()) for ep in find_entry_points("briefing", path)}
    assert found == {("briefing-twice", "ep_first", "1.2.3"), ("legacy", "legacy_mod:plugin", "0.9")}


def test_misspelled_hook_is_rejected():
    class Typo:
        @hookimpl
        def register_source(self, register):  # missing the final "s"
            register("x", Source)

    plugins = make_plugin_manager(extra=[Typo()], entry_points=False)
    (failure,) = outside(plugins)
    assert "unknown hook(s): register_source" in failure.error
    assert plugins.component("source", "x") is None


def test_two_plugins_claiming_one_name_is_an_error_naming_both():
    class Copy:
        __name__ = "copycat"

        @hookimpl
        def register_sources(self, register):
            register("folder", Source)

    plugins = make_plugin_manager(extra=[Copy()], entry_points=False)
    (failure,) = outside(plugins)
    assert failure.plugin == "copycat"
    assert "'briefing.plugins.sources.folder' and 'copycat'" in failure.error
    assert plugins.component("source", "folder").plugin == "briefing.plugins.sources.folder"


def test_a_plugin_that_raises_while_registering_registers_nothing():
    class HalfWay:
        @hookimpl
        def register_sources(self, register):
            register("half", Source)
            raise RuntimeError("database unavailable")

    plugins = make_plugin_manager(extra=[HalfWay()], entry_points=False)
    (failure,) = outside(plugins)
    assert "cannot register: RuntimeError: database unavailable" in failure.error
    assert plugins.component("source", "half") is None
    assert not any(impl.plugin_name == "HalfWay-0"
                   for impl in plugins.pm.hook.register_sources.get_hookimpls())


def test_load_plugins_env_limits_entry_points(site, monkeypatch):
    install_entry_point(site, "briefing-broken", "broken_mod2", "raise ImportError('boom')\n")
    monkeypatch.setenv("BRIEFING_LOAD_PLUGINS", "")
    assert outside(make_plugin_manager()) == []


def test_components_by_reference_are_imported_when_first_needed(tmp_path):
    import sys

    (tmp_path / "lazy_components_mod.py").write_text(
        "from briefing import Source\n"
        "class Quiet(Source):\n"
        "    def collect(self, context):\n"
        "        return []\n")

    class Lazy:
        __name__ = "lazy-plugin"

        @hookimpl
        def register_sources(self, register):
            register("quiet", "lazy_components_mod:Quiet")
            register("missing", "no_such_module_anywhere:Thing")

    sys.path.insert(0, str(tmp_path))
    try:
        plugins = make_plugin_manager(extra=[Lazy()], entry_points=False)
        assert "lazy_components_mod" not in sys.modules  # loading the plugin imported nothing
        assert plugins.component("source", "quiet").factory.__name__ == "Quiet"
        assert "lazy_components_mod" in sys.modules
        with pytest.raises(PluginError, match=r"source 'missing' of plugin 'lazy-plugin' cannot be "
                                              r"loaded from no_such_module_anywhere:Thing"):
            _ = plugins.component("source", "missing").factory
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("lazy_components_mod", None)


def test_telegram_registers_every_builtin_command_by_reference():
    import inspect

    from briefing import BotCommand
    from briefing.plugins.telegram import admin, commands, reading

    plugins = make_plugin_manager(entry_points=False)
    registered = {name: item.factory for name, item in plugins.components["bot_command"].items()
                  if item.plugin == "briefing.plugins.telegram"}
    defined = {cls for module in (admin, commands, reading)
               for _, cls in inspect.getmembers(module, inspect.isclass)
               if issubclass(cls, BotCommand) and cls.__module__ == module.__name__}
    assert set(registered.values()) == defined


@pytest.mark.parametrize("group", ["briefing", "console_scripts", "pytest11"])
def test_entry_points_agree_with_importlib_metadata(group):
    """The fast reader finds what the standard library finds in this very environment."""
    import importlib.metadata

    from briefing.core.plugins import find_entry_points

    standard = {(ep.name, ep.value) for ep in importlib.metadata.entry_points(group=group)}
    assert {(ep.name, ep.value) for ep in find_entry_points(group)} == standard
