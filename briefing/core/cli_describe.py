"""``briefing list`` and ``briefing plugins``: what is configured, what is installed, for a person
(tables) or a program (``--json``).

A listing shows paths, feed URLs and targets, because "where does this read from and send to" is
what someone debugging a cron job asks; secrets never show: a ``{$env: NAME}`` is shown as
``$NAME``, and a URL's password and secret-looking query values as ``***``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import click

if TYPE_CHECKING:
    from briefing.core.cli import CliState
    from briefing.core.config import BriefingSpec, ComponentSpec
    from briefing.core.service import Service

_SECRET_KEY = re.compile(r"(?i)(token|key|secret|passw|auth|sig)")


def redact_url(url: str) -> str:
    """``url`` without its password and with secret-looking query values as ``***``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    netloc = parts.netloc
    if parts.password is not None:
        netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    query = urlencode([(key, "***" if _SECRET_KEY.search(key) else value)
                       for key, value in parse_qsl(parts.query, keep_blank_values=True)], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def show_value(value: Any) -> str:
    """An option's value as the listing shows it: secrets by name, URLs redacted."""
    from briefing.core.secrets import Secret

    if isinstance(value, Secret):
        return f"${value.env}"
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(show_value(item) for item in value)
    if isinstance(value, str):
        return redact_url(value) if "://" in value else value
    return str(value)


def changed_options(options: Any, prefix: str = "") -> list[tuple[str, str]]:
    """The options set to something other than their default, nested ones as ``smtp.host``."""
    if options is None or not dataclasses.is_dataclass(options):
        return []
    found: list[tuple[str, str]] = []
    for f in dataclasses.fields(options):
        value = getattr(options, f.name)
        name = prefix + f.name.removesuffix("_")
        if dataclasses.is_dataclass(value):
            found += changed_options(value, name + ".")
            continue
        default = f.default if f.default is not dataclasses.MISSING else (
            f.default_factory() if f.default_factory is not dataclasses.MISSING else dataclasses.MISSING)
        if value != default and value is not None:
            found.append((name, show_value(value)))
    return found


def component_line(spec: ComponentSpec) -> str:
    shown = "; ".join(f"{name}={value}" for name, value in changed_options(spec.options))
    return f"{spec.type}: {shown}" if shown else spec.type


def briefing_lines(service: Service, spec: BriefingSpec) -> list[str]:
    from briefing.core.reporting import counted, delivery_status

    lines = [f"{spec.name}: {spec.title}"]

    def block(label: str, items: list[str]) -> None:
        for index, item in enumerate(items or ["none"]):
            lines.append(f"  {label if index == 0 else '':<10}{item}")

    block("sources", [component_line(s) for s in spec.sources])
    block("outputs", [component_line(o) for o in spec.outputs])
    schedule = spec.schedule
    block("schedule", [f"daily {schedule.daily} {schedule.timezone}" if schedule.daily
                       else "none (run it with 'briefing run', cron or a timer)"])
    block("new since", [_news(spec)])
    history = service.history(spec.name)
    if not history:
        block("last run", ["never"])
        return lines
    last = history[0]
    local = last.generated_at.astimezone(service.zone(spec.name))
    runs = [f"{local:%Y-%m-%d %H:%M %Z}: {counted(last.articles, ('article', 'articles'))}, "
            f"{counted(last.stories, ('story', 'stories'))}"]
    runs += [f"{d.channel} {d.target}: {delivery_status(d, set())}"
             for d in last.deliveries if d.channel != "stdout"]
    block("last run", runs)
    return lines


def _news(spec: BriefingSpec) -> str:
    """What a run compares with to say what is new: the horizon, and the window if one is set."""
    from briefing.core.earlier import duration_text

    window = f"; articles of the last {duration_text(spec.window)} (window)" if spec.window else ""
    if not spec.horizon:
        return f"nothing (horizon 0d: each run on its own){window}"
    return f"the briefings of the last {duration_text(spec.horizon)} (horizon){window}"


@click.command(name="list")
@click.pass_obj
def list_briefings(state: CliState) -> None:
    """List the briefings: sources, outputs (secrets hidden), schedule, last run and deliveries."""
    from briefing.core.cli import user_errors

    with user_errors():
        service = state.service()
        for number, spec in enumerate(service.config.briefings.values()):
            if number:
                click.echo("")
            click.echo("\n".join(briefing_lines(service, spec)))
        service.close()


@click.command()
@click.option("--all", "include_builtins", is_flag=True, help="Include the builtin plugins.")
@click.option("--options", "with_options", is_flag=True,
              help="Every component's options: name, type, default and description.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, for programs.")
@click.pass_obj
def plugins(state: CliState, include_builtins: bool, with_options: bool, as_json: bool) -> None:
    """Show installed plugins, their hooks and components, and any that failed to load."""
    from briefing.core.plugins import describe_failures, describe_plugins

    described: dict[str, Any] = {
        "plugins": describe_plugins(state.plugins, include_builtins=include_builtins),
        "failures": describe_failures(state.plugins),
    }
    if with_options:
        described["components"] = describe_components(state)
    if as_json:
        click.echo(json.dumps(described, indent=2, default=str))
        return
    from rich.console import Console

    console = Console(soft_wrap=False, highlight=False, width=None if _tty() else 120)
    if with_options:
        print_options(console, described["components"])
    else:
        for plugin in described["plugins"]:
            version = f" {plugin['version']}" if plugin["version"] else ""
            console.print(f"{plugin['name']}{version}: {', '.join(plugin['components']) or 'no components'}"
                          f" (hooks: {', '.join(plugin['hooks'])})", markup=False)
    for failure in described["failures"]:
        console.print(f"failed: {failure['plugin']}: {failure['error']}", markup=False)


def describe_components(state: CliState) -> list[dict[str, Any]]:
    """Every registered component and config section with its options, in kind order."""
    from briefing.core.components import SECTION
    from briefing.core.errors import PluginError
    from briefing.core.options import describe_options

    found = []
    for kind, registered in state.plugins.components.items():
        for name, item in sorted(registered.items()):
            entry: dict[str, Any] = {"kind": "section" if kind == SECTION else kind, "name": name,
                                     "plugin": item.plugin}
            try:
                options_class = item.factory if kind == SECTION else item.factory.options_class
                entry["options"] = describe_options(options_class)
            except PluginError as error:
                entry["error"] = str(error)
            found.append(entry)
    return found


def flatten(options: list[dict[str, Any]], prefix: str = "") -> list[dict[str, Any]]:
    rows = []
    for option in options:
        rows.append({**option, "name": prefix + option["name"]})
        rows += flatten(option.get("options", []), prefix + option["name"] + ".")
    return rows


def print_options(console: Any, components: list[dict[str, Any]]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    for number, component in enumerate(components):
        if number:
            console.print()
        title = f"{component['kind']} {component['name']} ({component['plugin']})"
        if "error" in component:
            console.print(f"{title}: {component['error']}", markup=False)
            continue
        rows = flatten(component["options"])
        if not rows:
            console.print(f"{title}: no options", markup=False)
            continue
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
                      pad_edge=False)
        for column in ("option", "type", "default", "description"):
            table.add_column(column, overflow="fold")
        for row in rows:
            default = "required" if row.get("required") else (
                "" if "options" in row else _default(row.get("default")))
            table.add_row(*(Text(cell) for cell in (row["name"], row["type"], default,
                                                     row["description"])))
        console.print(table)


def _default(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(value)


def _tty() -> bool:
    import sys

    return sys.stdout.isatty()
