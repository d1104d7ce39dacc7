"""The rooms of `briefing/plugins/` talk to the core only through the public API.

A builtin is a plugin like any third-party one: it imports ``briefing`` (what its ``__all__``
exports), its own room (``briefing.plugins.<room>``) and the shared ``briefing.plugins.text``,
and nothing else of this distribution. That keeps the public API honest (whatever a builtin needs,
a third-party plugin can have too) and lets a reader understand one room without the others. The
testing kit (`briefing.testing`) likewise imports no builtin.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import briefing

PACKAGE = Path(briefing.__file__).parent
PLUGINS = PACKAGE / "plugins"
SHARED = "briefing.plugins.text"


def imported_names(path: Path) -> Iterator[tuple[int, str]]:
    """Every module an import statement in the file names, with its line, nested ones included."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            if node.module == "briefing.plugins":
                for alias in node.names:
                    yield node.lineno, f"briefing.plugins.{alias.name}"


def room_of(path: Path) -> str:
    """``briefing.plugins.<room>`` for a module in a room; the module itself when it is loose."""
    relative = path.relative_to(PLUGINS).with_suffix("")
    return "briefing.plugins." + relative.parts[0]


def inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def crossings() -> list[str]:
    found = []
    for path in sorted(PLUGINS.rglob("*.py")):
        if path.parent == PLUGINS and path.name == "__init__.py":
            continue
        room = room_of(path)
        for line, module in imported_names(path):
            if not inside(module, "briefing") or module == "briefing":
                continue
            if inside(module, room) or inside(module, SHARED):
                continue
            found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: imports {module}")
    for path in sorted((PACKAGE / "testing").rglob("*.py")):
        for line, module in imported_names(path):
            if inside(module, "briefing.plugins"):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: imports {module}")
    return found


def test_builtins_import_only_the_public_api_their_room_and_text() -> None:
    assert crossings() == []


def test_the_boundary_check_sees_nested_and_from_imports(tmp_path: Path) -> None:
    module = tmp_path / "probe.py"
    module.write_text("from briefing.core.store import Store\n"
                      "def later():\n    import briefing.plugins.sources.rss\n"
                      "from briefing.plugins import telegram\n")
    assert sorted(name for _, name in imported_names(module)) == [
        "briefing.core.store", "briefing.plugins", "briefing.plugins.sources.rss",
        "briefing.plugins.telegram"]


def test_at_most_two_loose_modules_in_plugins() -> None:
    loose = [p.name for p in PLUGINS.glob("*.py") if p.name != "__init__.py"]
    assert len(loose) <= 2, loose


def test_the_example_plugin_uses_only_the_public_api_and_the_testing_kit() -> None:
    """What a third-party plugin needs is public: the example imports nothing else of ours."""
    example = PACKAGE.parent / "examples" / "briefing-watchlist"
    found = []
    for path in sorted(example.rglob("*.py")):
        allowed = {"briefing", "briefing.testing"} if "tests" in path.parts else {"briefing"}
        for line, module in imported_names(path):
            if inside(module, "briefing") and module not in allowed:
                found.append(f"{path.relative_to(example)}:{line}: imports {module}")
    assert found == []
