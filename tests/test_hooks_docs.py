"""docs/hooks.md and the hookspecs agree, and every hook has a test (after datasette's meta-tests).

Everything is derived from briefing.core.hookspecs, so a hook or argument added there fails
these tests until it is documented and tested.
"""

from __future__ import annotations

import ast
import inspect
import re
import sys
import types
from pathlib import Path

import pytest

from briefing.core import hookspecs
from briefing.core.plugins import make_plugin_manager

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "hooks.md"
HEADING = re.compile(r"^#{2,4} `(?P<name>\w+)\((?P<args>[^)]*)\)`\s*$", re.MULTILINE)
CODE = re.compile(r"^```python\n(?P<code>.*?)^```", re.MULTILINE | re.DOTALL)


def hook_specs() -> dict[str, list[str]]:
    """Every hookspec's name and argument names, in order."""
    found = {}
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction):
        if getattr(function, "briefing_spec", None) is not None:
            found[name] = list(inspect.signature(function).parameters)
    return found


def doc_sections() -> dict[str, tuple[list[str], str]]:
    """Each documented hook: the arguments in its heading and the text of its section."""
    text = DOCS.read_text(encoding="utf-8")
    matches = list(HEADING.finditer(text))
    sections = {}
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(text)
        body = text[match.end():end]
        body = re.split(r"^## ", body, flags=re.MULTILINE)[0]  # stop at the next chapter
        args = [arg.strip() for arg in match["args"].split(",") if arg.strip()]
        sections[match["name"]] = (args, body)
    return sections


SPECS = hook_specs()


def test_the_specs_are_found() -> None:
    assert {"register_sources", "stage_failed", "assemble_briefing"} <= set(SPECS)


@pytest.mark.parametrize("hook", sorted(SPECS))
def test_hook_is_documented_under_its_signature(hook: str) -> None:
    sections = doc_sections()
    assert hook in sections, f"docs/hooks.md has no section headed `{hook}({', '.join(SPECS[hook])})`"
    args, _ = sections[hook]
    assert args == SPECS[hook], \
        f"docs/hooks.md heading for {hook} has arguments {args}, spec has {SPECS[hook]}"


def test_no_section_documents_a_hook_that_does_not_exist() -> None:
    assert set(doc_sections()) - set(SPECS) == set()


@pytest.mark.parametrize("hook", sorted(SPECS))
def test_hook_example_is_a_working_plugin(hook: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The section's example implements the hook with a subset of its arguments and loads."""
    _, body = doc_sections()[hook]
    blocks = [m["code"] for m in CODE.finditer(body)]
    assert blocks, f"docs/hooks.md section {hook} has no ```python example"
    code = "\n".join(blocks)
    implemented = {
        node.name: [a.arg for a in node.args.args]
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.FunctionDef)
        and any("hookimpl" in ast.unparse(d) for d in node.decorator_list)
    }
    assert hook in implemented, f"the {hook} example has no @hookimpl def {hook}(...)"
    extra = set(implemented[hook]) - set(SPECS[hook])
    assert not extra, f"the {hook} example takes arguments the hook does not offer: {extra}"
    module = types.ModuleType(f"docs_example_{hook}")
    monkeypatch.setitem(sys.modules, module.__name__, module)  # dataclasses look their module up
    exec(compile(code, f"docs/hooks.md#{hook}", "exec"), module.__dict__)
    plugins = make_plugin_manager(extra=[module], entry_points=False)
    failures = [f.error for f in plugins.failures if f.plugin == module.__name__]
    assert failures == []


@pytest.mark.parametrize("hook", sorted(SPECS))
def test_hook_has_a_test(hook: str) -> None:
    pattern = re.compile(rf"^\s*(async\s+)?def test_hook_{hook}\(", re.MULTILINE)
    tests = (ROOT / "tests").rglob("*.py")
    assert any(pattern.search(path.read_text(encoding="utf-8")) for path in tests), \
        f"no test_hook_{hook} test under tests/"


def test_lifecycle_diagram_names_every_notification_and_step() -> None:
    text = DOCS.read_text(encoding="utf-8")
    diagram = re.search(r"```mermaid\n(.*?)```", text, re.DOTALL)
    assert diagram is not None, "docs/hooks.md has no mermaid lifecycle diagram"
    for hook in SPECS:
        if not hook.startswith("register_") or hook == "register_commands":
            assert hook in diagram.group(1), f"the lifecycle diagram does not show {hook}"
