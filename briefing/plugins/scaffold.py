"""``briefing new-plugin NAME``: a ready plugin package, written from Jinja templates.

The package has a pyproject with the ``briefing`` entry point, a module with one component of the
chosen kind registered through ``@hookimpl``, tests that pass as written (they use the
``briefing.testing`` fixtures), and a README. The templates live in
``briefing/templates/scaffold/``; this module only names things and writes files.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from briefing import InputError, hookimpl

KINDS = ("source", "extractor", "summariser", "publisher", "bot-command")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")

# How each kind is switched on in briefings.yaml, for the generated README.
USAGE = {
    "source": "briefings:\n  example:\n    sources:\n"
              "      - {{type: {name}, messages: [\"Rain fell. Rivers rose.\"]}}",
    "extractor": "briefings:\n  example:\n    sources: [{{type: folder, path: articles}}]\n"
                 "    extractors:\n      - {{type: {name}, keywords: [flood]}}",
    "summariser": "briefings:\n  example:\n    sources: [{{type: folder, path: articles}}]\n"
                  "    summariser: {{type: {name}, articles: 3}}",
    "publisher": "briefings:\n  example:\n    sources: [{{type: folder, path: articles}}]\n"
                 "    outputs:\n      - {{type: {name}, path: \"out/{{name}}-{{date}}.txt\"}}",
    "bot-command": "# The bot answers /{command} once the plugin is installed; no configuration needed.",
}


@dataclass(frozen=True)
class PluginNames:
    """Every name the generated package uses, derived from the one the user typed."""

    name: str  # the component's name in briefings.yaml
    dist: str  # the distribution: pip install <dist>
    module: str  # the importable module
    cls: str  # the component class

    @classmethod
    def parse(cls, raw: str) -> PluginNames:
        text = raw.strip().lower()
        name = text.removeprefix("briefing-").removeprefix("briefing_")
        if not _NAME.match(name):
            raise InputError(raw, "a plugin name is letters, digits and hyphens, starting with a "
                                  "letter (e.g. 'headlines' or 'briefing-headlines')")
        module = "briefing_" + name.replace("-", "_")
        class_name = "".join(part.capitalize() for part in re.split(r"[-_]", name))
        if keyword.iskeyword(module):
            raise InputError(raw, "that name is a Python keyword")
        return cls(name=name, dist="briefing-" + name.replace("_", "-"), module=module, cls=class_name)


def plan_files(names: PluginNames, kind: str) -> dict[str, str]:
    """Relative path -> rendered content of every file of the new package."""
    import jinja2

    if kind not in KINDS:
        raise InputError(kind, f"unknown kind (expected one of {', '.join(KINDS)})")
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("briefing", "templates/scaffold"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    slug = kind.replace("-", "_")
    import importlib.metadata  # here, not at the top: every command loads this plugin

    try:
        version = importlib.metadata.version("briefing")
    except importlib.metadata.PackageNotFoundError:
        version = "0.1"
    values: dict[str, Any] = {
        "name": names.name, "dist": names.dist, "module": names.module, "cls": names.cls,
        "kind": slug, "kind_label": kind.replace("-", " "), "briefing_version": version,
        "command": names.name.replace("-", "_"),
    }
    values["usage"] = USAGE[kind].format(**values)
    return {
        "pyproject.toml": env.get_template("pyproject.toml.j2").render(values),
        "README.md": env.get_template("README.md.j2").render(values),
        ".gitignore": env.get_template("gitignore.j2").render(values),
        f"{names.module}.py": env.get_template(f"module_{slug}.py.j2").render(values),
        f"tests/test_{names.module}.py": env.get_template(f"test_{slug}.py.j2").render(values),
    }


def write_plugin(raw_name: str, kind: str, directory: Path | None = None) -> tuple[Path, list[Path]]:
    """Write the package; refuses to touch a folder that already has files in it."""
    names = PluginNames.parse(raw_name)
    files = plan_files(names, kind)
    root = directory if directory is not None else Path(names.dist)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise InputError(str(root), "already exists and is not empty; choose another --directory")
    written = []
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return root, written


@hookimpl
def register_commands(cli: click.Group) -> None:
    @cli.command(name="new-plugin")
    @click.argument("name")
    @click.option("--kind", type=click.Choice(KINDS), default="extractor", show_default=True,
                  help="The kind of component the plugin offers.")
    @click.option("--directory", "-d", type=click.Path(file_okay=False, path_type=Path),
                  help="Where to write the package (default: ./briefing-NAME).")
    def new_plugin(name: str, kind: str, directory: Path | None) -> None:
        """Write a ready plugin package NAME: pyproject, module, tests and README."""
        try:
            root, written = write_plugin(name, kind, directory)
        except InputError as error:
            raise click.ClickException(str(error)) from None
        for path in written:
            click.echo(f"created {path}")
        click.echo(f"\nNext:\n  cd {root}\n  pip install -e '.[test]'\n  pytest\n  briefing plugins")
