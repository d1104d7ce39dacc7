"""Fixtures for the web tests: a state file with stored briefings, and the app served on loopback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from webfixtures import serving, write_state

from briefing import Service
from briefing.core.plugins import make_plugin_manager


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return write_state(tmp_path)


@pytest.fixture
def service(config: Path) -> Iterator[Service]:
    found = Service.open(config, make_plugin_manager(entry_points=False))
    yield found
    found.close()


@pytest.fixture
def site(service: Service) -> Iterator[str]:
    with serving(service) as url:
        yield url
