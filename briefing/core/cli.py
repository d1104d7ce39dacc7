"""The ``briefing`` command line. Plugins add commands through ``register_commands``.

Nothing heavy is imported here: ``briefing --help`` must answer at once, so NLP, Jinja and HTTP
libraries are imported by the components that need them, when they run, and the configuration
modules (YAML, options) by the commands that read the configuration.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from briefing.core.errors import BriefingError, ConfigError
from briefing.core.plugins import Plugins, describe_failures, describe_plugins, make_plugin_manager
from briefing.core.redaction import configure_logging, describe, is_verbose, printable, redact

if TYPE_CHECKING:
    from briefing.core.config import Config

EXIT_FAILED, EXIT_CONFIG = 1, 2


@dataclass
class CliState:
    config_path: Path
    plugins: Plugins

    def config(self) -> Config:
        from briefing.core.config import load_config

        return load_config(self.config_path, self.plugins)


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    click.echo(f"error: {printable(message)}", err=True)
    sys.exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Show domain errors as one line each, without a traceback."""
    try:
        yield
    except ConfigError as error:
        for problem in error.problems:
            click.echo(f"error: {printable(problem)}", err=True)
        sys.exit(EXIT_CONFIG)
    except BriefingError as error:
        fail(str(error))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The briefings file (default: $BRIEFING_CONFIG or ./briefings.yaml).")
@click.option("-v", "--verbose", is_flag=True, help="Show debug logs, and tracebacks of unexpected errors.")
@click.version_option(package_name="briefing")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, verbose: bool) -> None:
    """Turn news articles into briefings: key facts, stakeholders, risks, and their sources."""
    from briefing.core.config import find_config

    configure_logging(verbose)
    plugins = ctx.obj if isinstance(ctx.obj, Plugins) else make_plugin_manager()
    ctx.obj = CliState(find_config(config_path), plugins)


def _select(config: Config, names: tuple[str, ...]) -> list[str]:
    unknown = [name for name in names if name not in config.briefings]
    if unknown:
        known = ", ".join(config.briefings)
        fail(f"{config.path}: no briefing named {', '.join(unknown)} (known: {known})", EXIT_CONFIG)
    return list(names) or list(config.briefings)


@cli.command()
@click.argument("names", nargs=-1)
@click.option("--no-publish", is_flag=True, help="Assemble the briefing but deliver nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print each briefing as one JSON line.")
@click.option("--strict", is_flag=True, help="Fail on any plugin, provenance or component error.")
@click.option("--resend", is_flag=True, help="Deliver again to targets that already have today's.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes for the per-article stages (analysis and extraction).")
@click.option("--no-cache", is_flag=True, help="Analyse every article again, ignoring the cache.")
@click.pass_obj
def run(state: CliState, names: tuple[str, ...], no_publish: bool, as_json: bool, strict: bool,
        resend: bool, workers: int, no_cache: bool) -> None:
    """Make the named briefings (all by default) and publish them."""
    from briefing.core.config import check_secrets
    from briefing.core.pipeline import Pipeline
    from briefing.core.serialize import briefing_to_dict
    from briefing.core.store import Store

    with user_errors():
        if strict and state.plugins.failures:
            broken = state.plugins.failures[0]
            fail(f"plugin {broken.plugin!r}: {broken.error}")
        config = state.config()
        chosen = _select(config, names)
        problems = check_secrets(config, chosen) if not no_publish else []
        if problems:
            raise ConfigError(problems)
        store = Store(config.state_path)
        failed = False
        with progress_display() as progress:
            pipeline = Pipeline(config, state.plugins, store, strict=strict, progress=progress,
                                workers=workers, cache=not no_cache, on_wait=_waiting)
            for name in chosen:
                result = pipeline.run(name, publish=not no_publish, resend=resend)
                for failure in result.failures:
                    click.echo(f"error: {printable(failure.error)} [{failure.stage}: "
                               f"{failure.component}]", err=True)
                if result.error:
                    click.echo(f"error: {printable(result.error)}", err=True)
                failed = failed or not result.ok
                if result.briefing is None:
                    continue
                if as_json:
                    click.echo(json.dumps(briefing_to_dict(result.briefing), ensure_ascii=False))
                elif not no_publish and not store.gone:  # else its records went with the file
                    _report_deliveries(store, name, pipeline.day_of(config.briefings[name],
                                                                    result.briefing.generated_at),
                                       {d.id for d in result.already_delivered})
        store.close()
        if failed:
            sys.exit(EXIT_FAILED)


def _waiting(name: str, holder: str) -> None:
    click.echo(f"{name}: another run ({holder}) is making this briefing; waiting for it", err=True)


def _report_deliveries(store: Any, name: str, day: str, skipped: set[int]) -> None:
    rows = store.db.execute(
        "SELECT id, channel, target, part, status, error FROM deliveries WHERE briefing = ? "
        "AND day = ? ORDER BY id", (name, day)).fetchall()
    for row in rows:
        if row["channel"] == "stdout":
            continue
        status = "already delivered" if row["status"] == "sent" and row["id"] in skipped else row["status"]
        suffix = f" ({row['error']})" if row["error"] and row["status"] != "sent" else ""
        click.echo(f"{name}: {row['channel']} {row['target']}: {status}{suffix}", err=True)


@contextmanager
def progress_display() -> Iterator[Any]:
    """A progress bar on a terminal; nothing at all when stderr is piped."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=None) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


@cli.command()
@click.pass_obj
def validate(state: CliState) -> None:
    """Check the briefings file: components, options, schedules, secrets."""
    from briefing.core.config import check_secrets

    with user_errors():
        config = state.config()
        problems = check_secrets(config, list(config.briefings))
        for found in state.plugins.hook.validate_config(config=config):
            problems.extend(found or [])
        if problems:
            raise ConfigError(problems)
    for failure in state.plugins.failures:
        click.echo(f"warning: plugin {failure.plugin!r}: {failure.error}", err=True)
    click.echo(f"{config.path}: ok ({len(config.briefings)} briefings)")


@cli.command(name="list")
@click.pass_obj
def list_briefings(state: CliState) -> None:
    """List the briefings in the config, with their sources and outputs."""
    with user_errors():
        config = state.config()
    for name, spec in config.briefings.items():
        sources = ", ".join(s.type for s in spec.sources)
        outputs = ", ".join(o.type for o in spec.outputs)
        schedule = f" daily {spec.schedule.daily} {spec.schedule.timezone}" if spec.schedule.daily else ""
        click.echo(f"{name}\t{spec.title}\tsources: {sources}\toutputs: {outputs}{schedule}")


@cli.command()
@click.option("--all", "include_builtins", is_flag=True, help="Include the builtin plugins.")
@click.option("--options", "with_options", is_flag=True, help="List every component's options.")
@click.pass_obj
def plugins(state: CliState, include_builtins: bool, with_options: bool) -> None:
    """Show installed plugins, their hooks and components, and any that failed to load (JSON)."""
    from briefing.core.options import describe_options

    described: dict[str, Any] = {
        "plugins": describe_plugins(state.plugins, include_builtins=include_builtins),
        "failures": describe_failures(state.plugins),
    }
    if with_options:
        described["components"] = [
            {"kind": kind, "name": name, "plugin": item.plugin,
             "options": describe_options(item.factory.options_class)}
            for kind, registered in state.plugins.components.items()
            for name, item in sorted(registered.items())
        ]
    click.echo(json.dumps(described, indent=2, default=str))


@cli.command()
@click.argument("name")
@click.option("--template", "-t", default="briefing.md.j2", show_default=True,
              help="Template name (from ./templates or the builtins).")
@click.pass_obj
def render(state: CliState, name: str, template: str) -> None:
    """Render the latest stored briefing NAME with a template, to stdout."""
    from briefing.core.rendering import make_environment
    from briefing.core.rendering import render as render_template
    from briefing.core.serialize import briefing_from_dict
    from briefing.core.store import Store

    with user_errors():
        config = state.config()
        _select(config, (name,))
        store = Store(config.state_path)
        stored = store.latest_briefing(name)
        store.close()
        if stored is None:
            fail(f"{name}: no briefing made yet; run 'briefing run {name}' first")
        env = make_environment(state.plugins, config.templates_dir)
        click.echo(render_template(env, template, briefing_from_dict(stored)), nl=False)


def main(plugins: Plugins | None = None) -> None:
    """The ``briefing`` command. An error nobody anticipated is one line, its secrets redacted;
    ``-v`` adds the traceback (redacted too)."""
    plugins = plugins or make_plugin_manager()
    plugins.hook.register_commands(cli=cli)
    try:
        cli.main(obj=plugins)
    except Exception as error:
        if is_verbose():
            import traceback

            click.echo(redact(traceback.format_exc()).rstrip(), err=True)
        click.echo(f"error: {printable(describe(error))} (an unexpected error; run with -v to see "
                   "where)", err=True)
        sys.exit(EXIT_FAILED)
