"""Shared fixtures for the core tests."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from simple_plugin import SimplePlugin

from briefing.core.cli import cli
from briefing.core.plugins import make_plugin_manager


@pytest.fixture
def simple_plugin() -> SimplePlugin:
    return SimplePlugin()


@pytest.fixture
def invoke(simple_plugin: SimplePlugin) -> Callable[..., Result]:
    """Run the command line in this process with the builtins and the simple plugin:
    ``invoke("--config", path, "run")``."""

    def run(*args: str) -> Result:
        plugins = make_plugin_manager(extra=[simple_plugin], entry_points=False)
        return CliRunner().invoke(cli, list(args), obj=plugins)

    return run


@pytest.fixture
def write_config(tmp_path: Path) -> Callable[[str], Path]:
    """Write a briefings.yaml into tmp_path (dedented) and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / "briefings.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harbour strike enters second week\n\nDock workers in Rotterdam extended their strike on "
        "Monday. The union said talks had failed.\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Shipping lines reroute cargo\n\nSeveral shipping lines said they would reroute cargo to "
        "Antwerp. Delays could last a month.\n", encoding="utf-8")
    return folder
