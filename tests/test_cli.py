"""The command line as a user meets it: one-line errors naming the input, and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

CONFIG = """
state: state.db
briefings:
  harbour:
    title: Harbour
    sources: [{type: folder, path: articles}]
    cleaners: []
    analyser: split
    extractors: [first-sentence]
    summariser: null
    outputs:
      - {type: file, path: "out/{name}-{date}.md"}
      - {type: file, path: "out/{name}-{date}.json", format: json}
"""



def test_run_writes_markdown_and_json(invoke, write_config, articles_dir, tmp_path):
    config = write_config(CONFIG)
    result = invoke("--config", str(config), "run")
    assert result.exit_code == 0, result.output
    (markdown,) = (tmp_path / "out").glob("harbour-*.md")
    (data,) = (tmp_path / "out").glob("harbour-*.json")
    assert f"harbour: file {markdown}: sent" in result.output
    text = markdown.read_text()
    assert text.startswith("# Harbour\n")
    assert "- Dock workers in Rotterdam extended their strike on Monday. [1]" in text
    assert "1. Harbour strike enters second week (articles/a.txt)" in text
    assert json.loads(data.read_text())["facts"][1]["sources"] == ["articles/b.txt"]


def test_run_json_prints_one_object_per_briefing(invoke, write_config, articles_dir):
    config = write_config(CONFIG)
    result = invoke("--config", str(config), "run", "--no-publish", "--json")
    assert result.exit_code == 0
    (line,) = result.stdout.strip().splitlines()
    assert json.loads(line)["name"] == "harbour"


def test_bad_files_are_named_and_the_rest_still_brief(invoke, write_config, articles_dir):
    (articles_dir / "empty.txt").write_text("")
    (articles_dir / "binary.txt").write_bytes(b"\x00\x01\x02PK")
    (articles_dir / "cp1252.txt").write_bytes("Title\nQuotes \x93like this\x94\n".encode("latin-1"))
    config = write_config(CONFIG)
    result = invoke("--config", str(config), "run", "--no-publish", "--json")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert any("articles/empty.txt: file is empty" in e for e in errors)
    assert any("articles/binary.txt: binary file, not text" in e for e in errors)
    assert any("articles/cp1252.txt:2: not valid utf-8 text" in e for e in errors)
    briefing = json.loads(result.stdout)
    assert len(briefing["articles"]) == 2
    assert len(briefing["failures"]) == 3


def test_config_errors_exit_2_with_file_and_line(invoke, write_config):
    config = write_config("briefings:\n  x:\n    sources: [{type: rss2, url: x}]\n")
    result = invoke("--config", str(config), "validate")
    assert result.exit_code == 2
    assert f"error: {config}:3: briefings.x.sources.0.type: unknown source 'rss2'" in result.stderr
    config.write_text("briefings: [\n")
    result = invoke("--config", str(config), "run")
    assert result.exit_code == 2
    assert f"{config}:2: YAML syntax error" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_template_syntax_error_names_template_and_line(invoke, write_config, articles_dir, tmp_path):
    config = write_config(CONFIG)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "briefing.md.j2").write_text("# {{ briefing.title }}\n{% for x in %}\n")
    result = invoke("--config", str(config), "run")
    assert result.exit_code == 1
    (line,) = [e for e in result.stderr.splitlines() if e.startswith("error:")]
    assert "briefing.md.j2:2: template syntax error" in line


def test_user_template_extends_the_builtin(invoke, write_config, articles_dir, tmp_path):
    config = write_config(CONFIG)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "briefing.md.j2").write_text(
        '{% extends "default:briefing.md.j2" %}{% block sources %}\nSOURCES HIDDEN\n{% endblock %}')
    assert invoke("--config", str(config), "run").exit_code == 0
    (markdown,) = (tmp_path / "out").glob("*.md")
    assert "SOURCES HIDDEN" in markdown.read_text() and "# Harbour" in markdown.read_text()
    rendered = invoke("--config", str(config), "render", "harbour", "--template", "briefing.md.j2")
    assert "SOURCES HIDDEN" in rendered.output


def test_list_and_unknown_briefing(invoke, write_config, articles_dir):
    config = write_config(CONFIG)
    listed = invoke("--config", str(config), "list").output.splitlines()
    assert listed[:2] == ["harbour: Harbour", f"  sources   folder: path={articles_dir}"]
    result = invoke("--config", str(config), "run", "nope")
    assert result.exit_code == 2 and "no briefing named nope (known: harbour)" in result.stderr


def test_config_from_environment(invoke, write_config, articles_dir, monkeypatch):
    config = write_config(CONFIG)
    monkeypatch.setenv("BRIEFING_CONFIG", str(config))
    assert invoke("validate").stdout.strip() == f"{config}: ok (1 briefings)"


def test_config_is_accepted_after_the_subcommand(invoke, write_config, articles_dir, tmp_path,
                                                 monkeypatch):
    config = write_config(CONFIG)
    monkeypatch.chdir(tmp_path / "articles")  # no briefings.yaml here: only --config can find it
    assert invoke("validate", "--config", str(config)).stdout.strip() == f"{config}: ok (1 briefings)"
    result = invoke("run", "--no-publish", "--json", "--config", str(config))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["name"] == "harbour"
    assert "--config" in invoke("render", "--help").stdout  # every subcommand, plugins' too


def test_help_imports_no_nlp():
    probe = textwrap.dedent("""
        import sys
        from briefing.core.cli import main
        sys.argv = ["briefing", "--help"]
        try:
            main()
        except SystemExit:
            pass
        libraries = ("spacy", "jinja2", "httpx", "telegram", "trafilatura", "numpy", "llm", "openai",
                     "dask", "distributed", "starlette", "uvicorn", "rich")
        # The analysis, llm and dask builtins register their components by reference: none of their
        # modules loads.
        rooms = ("briefing.plugins.analysis.", "briefing.plugins.llm.",
                 "briefing.plugins.executors.dask_cluster", "briefing.plugins.web.app")
        heavy = sorted(m for m in sys.modules if m in libraries or m.startswith(rooms))
        print("HEAVY", heavy)
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out
    assert "run" in out and "validate" in out
