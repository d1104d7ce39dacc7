"""``briefing new-plugin`` writes packages whose own tests pass as written, for every kind."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from briefing.core.cli import cli
from briefing.core.plugins import make_plugin_manager
from briefing.plugins.scaffold import KINDS, PluginNames, write_plugin

ROOT = Path(__file__).resolve().parent.parent


def briefing_cli() -> tuple[click.Group, object]:
    """The ``briefing`` group with plugin commands added, as ``main()`` does, on a copy."""
    group = copy.copy(cli)
    group.commands = dict(cli.commands)
    plugins = make_plugin_manager(entry_points=False)
    plugins.hook.register_commands(cli=group)
    return group, plugins


def test_new_plugin_is_a_briefing_command(tmp_path: Path) -> None:
    group, plugins = briefing_cli()
    runner = CliRunner()
    assert "new-plugin" in runner.invoke(group, ["--help"], obj=plugins).output
    target = tmp_path / "briefing-headlines"
    outcome = runner.invoke(group, ["new-plugin", "headlines", "--kind", "extractor", "-d", str(target)],
                            obj=plugins)
    assert outcome.exit_code == 0, outcome.output
    assert f"created {target / 'briefing_headlines.py'}" in outcome.output
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == [
        ".gitignore", "README.md", "briefing_headlines.py", "pyproject.toml",
        "tests/test_briefing_headlines.py"]
    pyproject = tomllib.loads((target / "pyproject.toml").read_text())
    assert pyproject["project"]["name"] == "briefing-headlines"
    assert pyproject["project"]["entry-points"]["briefing"] == {"headlines": "briefing_headlines"}


def test_names_are_derived_from_what_the_user_typed() -> None:
    names = PluginNames.parse("briefing-Port-Watch")
    assert (names.name, names.dist, names.module, names.cls) == \
        ("port-watch", "briefing-port-watch", "briefing_port_watch", "PortWatch")


@pytest.mark.parametrize("bad", ["", "9lives", "has space", "dots.in.name", "_x"])
def test_a_bad_name_is_one_clear_error(bad: str, tmp_path: Path) -> None:
    group, plugins = briefing_cli()
    outcome = CliRunner().invoke(group, ["new-plugin", bad, "-d", str(tmp_path / "x")], obj=plugins)
    assert outcome.exit_code != 0
    lines = outcome.output.strip().splitlines()
    assert len(lines) == 1 and "a plugin name is letters, digits and hyphens" in lines[0]
    assert not (tmp_path / "x").exists()


def test_an_existing_folder_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    group, plugins = briefing_cli()
    outcome = CliRunner().invoke(group, ["new-plugin", "taken", "-d", str(tmp_path / "taken")], obj=plugins)
    assert outcome.exit_code == 1
    assert "already exists and is not empty" in outcome.output
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]


def test_every_kind_generates_a_package_whose_tests_pass(tmp_path: Path) -> None:
    """One pytest run over the generated packages of all kinds (they are not installed: the
    packages' folders go on PYTHONPATH), then ruff with this project's rules over each."""
    roots = []
    for kind in KINDS:
        root, _ = write_plugin(f"my-{kind}", kind, tmp_path / kind)
        roots.append(root)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(r) for r in roots)}
    tests = [str(path) for root in roots for path in (root / "tests").glob("test_*.py")]
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--rootdir", str(tmp_path), *tests],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{2 * len(KINDS) + 1} passed" in done.stdout, done.stdout
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    assert Path(ruff).exists(), "ruff is a test dependency: pip install -e '.[test]'"
    for root in roots:  # from the package's own folder, so its module counts as first-party
        linted = subprocess.run([ruff, "check", "--no-cache", "--isolated", "--line-length", "110",
                                 "--select", "E,F,W,I,B,UP,SIM,RUF", "."],
                                cwd=root, capture_output=True, text=True, timeout=60)
        assert linted.returncode == 0, linted.stdout


def test_a_generated_package_tests_from_its_own_folder(tmp_path: Path) -> None:
    """Its pyproject puts the module on the path, so ``pytest`` in the folder works uninstalled."""
    root, _ = write_plugin("weather", "source", tmp_path / "briefing-weather")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                          cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout
