"""The folder source reads text files; an unreadable file is named in a one-line error."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from briefing import InputError, RunContext
from briefing.plugins.sources.folder import FolderOptions, FolderSource


def collect(folder: Path, **options) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    context = RunContext("test", datetime.now(UTC), folder.parent, report=errors.append)
    articles = list(FolderSource(FolderOptions(path=folder, **options)).collect(context))
    return articles, errors


def test_headline_is_the_first_non_empty_line(tmp_path):
    (tmp_path / "one.txt").write_text("\n\n  Rates held at 4%  \n\nThe bank held rates.\nIt said so.\n")
    (tmp_path / "two.md").write_text("# Markdown headline\nBody text here.\n")
    (tmp_path / "skip.csv").write_text("a,b\n")
    articles, errors = collect(tmp_path)
    assert errors == []
    assert [a.title for a in articles] == ["Rates held at 4%", "Markdown headline"]
    assert articles[0].text == "The bank held rates.\nIt said so."
    assert articles[0].source.endswith("one.txt")


def test_bad_files_are_named_and_the_rest_still_read(tmp_path):
    (tmp_path / "good.txt").write_text("Headline\nA real article.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n\n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Headline\nCaf\xe9 society\n".encode("latin-1"))
    (tmp_path / "title-only.txt").write_text("Just a headline\n")
    articles, errors = collect(tmp_path)
    assert [a.title for a in articles] == ["Headline"]
    messages = sorted(str(e) for e in errors)
    assert len(messages) == 4
    assert any(m.endswith("binary.txt: binary file, not text") for m in messages)
    assert any(m.endswith("empty.txt: file is empty") for m in messages)
    assert any("latin1.txt:2: not valid utf-8 text (byte 0xe9" in m for m in messages)
    assert any("title-only.txt: file has a headline but no article text" in m for m in messages)
    assert all("\n" not in m for m in messages)


def test_declared_encoding_and_size_cap(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Headline\nCaf\xe9 society\n".encode("latin-1"))
    articles, errors = collect(tmp_path, encoding="latin-1")
    assert articles[0].text == "Café society" and errors == []
    (tmp_path / "big.txt").write_text("Big\n" + "word " * 400)
    articles, errors = collect(tmp_path, encoding="latin-1", max_bytes=1000)
    assert "over the 1,000-byte limit" in str(errors[0])


def test_a_missing_folder_is_an_error_naming_it(tmp_path):
    import pytest

    errors: list[InputError] = []
    context = RunContext("test", datetime.now(UTC), tmp_path, report=errors.append)
    with pytest.raises(InputError, match="nowhere: no such folder"):
        list(FolderSource(FolderOptions(path=tmp_path / "nowhere")).collect(context))


def test_a_file_that_opens_with_its_lead_paragraph_keeps_it_as_text(tmp_path):
    lead = ("Dock workers in Rotterdam extended their strike on Wednesday, the union said, as ships "
            "queued outside the harbour for a second day. Talks are due on Friday.")
    (tmp_path / "lead.txt").write_text(lead + "\nThe port authority said talks had failed.\n")
    (tmp_path / "one-paragraph.txt").write_text(lead + "\n")
    (tmp_path / "headline.txt").write_text("Strike spreads to Rotterdam.\nDock workers walked out.\n")
    articles, errors = collect(tmp_path)
    assert errors == []
    by_name = {a.source.rsplit("/", 1)[-1]: a for a in articles}
    article = by_name["lead.txt"]
    assert article.text.startswith(lead)  # the lead is analysed, not lost to the title
    assert article.title == ("Dock workers in Rotterdam extended their strike on Wednesday, the union "
                             "said, as ships queued outside the harbour for a second day.")
    assert article.meta["title_from_text"] is True
    assert by_name["one-paragraph.txt"].text == lead  # no longer "a headline but no text"
    assert by_name["headline.txt"].title == "Strike spreads to Rotterdam."  # a short line stays a headline
    assert "title_from_text" not in by_name["headline.txt"].meta


def test_a_hard_wrapped_file_is_read_in_whole_sentences(tmp_path):
    import textwrap

    headline = "Port Elsa orders ferries to stay in harbour as the storm surge threatens the old town"
    lead = ("Harbour officials in Port Elsa warned on Monday that the storm surge could flood the old "
            "town before dawn, and ordered the ferries to stay in port until the wind drops.")
    (tmp_path / "storm.txt").write_text(textwrap.fill(headline, 60) + "\n\n" + textwrap.fill(lead, 60) + "\n")
    articles, errors = collect(tmp_path)
    assert errors == []
    assert articles[0].title == headline
    assert articles[0].text == lead
