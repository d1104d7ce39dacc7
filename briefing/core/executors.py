"""Which executor a run uses: ``--executor`` and ``--scheduler`` over the config's ``executor:``.

The builtin default is named, never imported (``local``: the driver's process, or forked
processes with ``--workers``); a plugin that registers an executor makes its name a choice.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from briefing.core.config import ComponentSpec, Config
from briefing.core.errors import ConfigError, PluginError
from briefing.core.options import OptionsBuilder
from briefing.core.plugins import Plugins

DEFAULT_EXECUTOR = "local"


def choose_executor(config: Config, plugins: Plugins, name: str | None = None,
                    address: str | None = None) -> ComponentSpec | None:
    """The executor's spec: the one named on the command line, else the config's, else ``local``.

    ``address`` (``--scheduler``) replaces the ``address`` option of the chosen executor. None
    when no executor is registered at all (the run then analyses in its own process)."""
    spec = config.executor
    if name is not None and (spec is None or spec.type != name):
        spec = _spec(config, plugins, name, "--executor")
    if spec is None:
        if plugins.component("executor", DEFAULT_EXECUTOR) is None:
            return None
        spec = _spec(config, plugins, DEFAULT_EXECUTOR, "executor")
    if address is not None:
        fields = {f.name for f in dataclasses.fields(spec.options)} \
            if dataclasses.is_dataclass(spec.options) else set()
        if "address" not in fields:
            raise ConfigError([f"--scheduler: executor {spec.type!r} takes no scheduler address "
                               "(--executor dask does)"])
        spec = dataclasses.replace(spec, options=dataclasses.replace(spec.options, address=address))
    return spec


def _spec(config: Config, plugins: Plugins, name: str, where: str) -> ComponentSpec:
    registered = plugins.component("executor", name)
    if registered is None:
        known = ", ".join(sorted(plugins.components["executor"])) or "none"
        raise ConfigError([f"{where}: unknown executor {name!r} (known: {known})"])
    try:
        options_class: Any = registered.factory.options_class
    except PluginError as error:
        raise ConfigError([f"{where}: {error}"]) from None
    builder = OptionsBuilder(config.base_dir, lambda at: where)
    options = builder.build(options_class, {}, (where,))
    if builder.problems:
        raise ConfigError(builder.problems)
    return ComponentSpec("executor", name, options, registered, where)
