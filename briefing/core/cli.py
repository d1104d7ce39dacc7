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

from briefing.core.cli_describe import list_briefings, plugins
from briefing.core.cli_history import history, show
from briefing.core.cli_schedule import schedule
from briefing.core.errors import BriefingError, ConfigError
from briefing.core.plugins import Plugins, make_plugin_manager
from briefing.core.redaction import configure_logging, describe, is_verbose, printable, redact

if TYPE_CHECKING:
    from datetime import datetime

    from briefing.core.config import Config
    from briefing.core.service import Service

EXIT_FAILED, EXIT_CONFIG = 1, 2


@dataclass
class CliState:
    """What every subcommand gets from ``click.pass_obj``: the configuration file and the plugins."""

    config_path: Path
    plugins: Plugins

    def config(self) -> Config:
        from briefing.core.config import load_config

        return load_config(self.config_path, self.plugins)

    def service(self) -> Service:
        """A `Service` over the configuration (raises ConfigError for an invalid one)."""
        from briefing.core.service import Service

        return Service(self.config(), self.plugins)


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


CONFIG_HELP = "The briefings file (default: $BRIEFING_CONFIG or ./briefings.yaml)."


def _config_after_subcommand(ctx: click.Context, _: click.Parameter, value: Path | None) -> None:
    if value is not None:
        from briefing.core.config import find_config

        state = ctx.find_object(CliState)
        assert state is not None, "the briefing group sets its state before any subcommand"
        state.config_path = find_config(value)


class BriefingGroup(click.Group):
    """Every subcommand, a plugin's included, also takes ``--config``: people type it after the
    subcommand (``briefing run --config FILE``) as often as before it."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not any("--config" in getattr(param, "opts", ()) for param in cmd.params):
            cmd.params.append(click.Option(
                ["--config"], type=click.Path(dir_okay=False, path_type=Path), expose_value=False,
                callback=_config_after_subcommand, help=CONFIG_HELP))
        super().add_command(cmd, name)


@click.group(cls=BriefingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help=CONFIG_HELP)
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
@click.option("--as-of", "as_of", metavar="DATETIME",
              help="Run as if it were this moment (a date alone: the end of that day, in the "
                   "briefing's time zone): window, dates, and no article published after it.")
@click.option("--executor", "executor_name", metavar="NAME",
              help="Where the per-article stages run: local (this machine, the default) or dask.")
@click.option("--scheduler", metavar="ADDRESS",
              help="The Dask scheduler (tcp://host:8786); without it dask starts --workers processes.")
@click.option("-q", "--quiet", is_flag=True,
              help="Print nothing but errors (no progress, no stage or delivery lines).")
@click.pass_obj
def run(state: CliState, names: tuple[str, ...], no_publish: bool, as_json: bool, strict: bool,
        resend: bool, workers: int, no_cache: bool, as_of: str | None, executor_name: str | None,
        scheduler: str | None, quiet: bool) -> None:
    """Make the named briefings (all by default) and publish them.

    On a terminal a progress bar; on a pipe or under cron one line per stage (count and seconds)
    on stderr; then one line per delivery: sent, already delivered, or failed: why."""
    from briefing.core.config import check_secrets
    from briefing.core.executors import choose_executor
    from briefing.core.reporting import (
        delivery_lines,
        failure_lines,
        notice_lines,
        output_mode,
        progress_for,
    )
    from briefing.core.serialize import briefing_to_dict
    from briefing.core.service import Service

    def say(line: str) -> None:
        click.echo(line, err=True)

    with user_errors():
        if strict and state.plugins.failures:
            broken = state.plugins.failures[0]
            fail(f"plugin {broken.plugin!r}: {broken.error}")
        config = state.config()
        chosen = _select(config, names)
        problems = check_secrets(config, chosen) if not no_publish else []
        moments = _moments(config, chosen, as_of)
        if problems:
            raise ConfigError(problems)
        executor_spec = choose_executor(config, state.plugins, executor_name, scheduler)
        executor = executor_spec.create() if executor_spec is not None else None
        service = Service(config, state.plugins)
        mode = output_mode(quiet)
        failed = False
        with _closing(executor):
            for name in chosen:
                with progress_for(mode, name, say) as progress:
                    result = service.run(name, publish=not no_publish, resend=resend, strict=strict,
                                         workers=workers, cache=not no_cache, progress=progress,
                                         executor=executor, now=moments.get(name), on_wait=_waiting)
                for line in failure_lines(result):
                    say(line)
                if mode != "quiet":
                    for line in notice_lines(result):
                        say(line)
                failed = failed or not result.ok
                if result.briefing is None:
                    continue
                if as_json:
                    click.echo(json.dumps(briefing_to_dict(result.briefing), ensure_ascii=False))
                elif not no_publish and mode != "quiet" and not service.store.gone:
                    for line in delivery_lines(result):  # (a lost state file took its records)
                        say(line)
        service.close()
        if failed:
            sys.exit(EXIT_FAILED)


def _moments(config: Config, names: list[str], as_of: str | None) -> dict[str, datetime]:
    """``--as-of`` for each briefing, read in its own time zone."""
    from briefing.core.selection import parse_moment

    if as_of is None:
        return {}
    try:
        return {name: parse_moment(as_of, config.briefings[name].schedule.timezone) for name in names}
    except ValueError as error:
        fail(f"--as-of: {error}", EXIT_CONFIG)


@contextmanager
def _closing(executor: Any) -> Iterator[None]:
    """The executor's workers or cluster end with the run, however it ends."""
    try:
        yield
    finally:
        if executor is not None:
            executor.close()


def _waiting(name: str, holder: str) -> None:
    click.echo(f"{name}: another run ({holder}) is making this briefing; waiting for it", err=True)


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


@cli.command()
@click.argument("name")
@click.option("--template", "-t", default="briefing.md.j2", show_default=True,
              help="Template name (from ./templates or the builtins).")
@click.pass_obj
def render(state: CliState, name: str, template: str) -> None:
    """Render the latest stored briefing NAME with a template, to stdout."""
    with user_errors():
        service = state.service()
        _select(service.config, (name,))
        briefing = service.latest(name)
        if briefing is None:
            service.close()
            fail(f"{name}: no briefing made yet; run 'briefing run {name}' first")
        text = service.render(template, briefing)
        service.close()
        click.echo(text, nl=False)


for command in (list_briefings, plugins, history, show, schedule):
    cli.add_command(command)


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
