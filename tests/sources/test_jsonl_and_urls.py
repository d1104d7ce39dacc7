"""The ``jsonl`` source and the builtin ``canonical_url`` hook."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing import InputError
from briefing.core.plugins import make_plugin_manager
from briefing.plugins.cleaners.boilerplate import BoilerplateCleaner, CleanerOptions
from briefing.plugins.dedupe.canonical_urls import canonicalise
from briefing.plugins.sources.jsonl import JsonlOptions, JsonlSource

from .conftest import BRIDGE, ORCHARD, Collected


def test_jsonl_reads_good_lines_and_reports_bad_ones(tmp_path: Path, collected: Collected) -> None:
    lines = [
        json.dumps({"title": "Bridge", "text": BRIDGE, "url": "https://example.org/b",
                    "published": "2024-05-01T08:00:00Z", "source": "Lowmoor Post", "section": "local"}),
        "{not json",
        json.dumps(["a", "list"]),
        "",
        json.dumps({"title": "No text"}),
        json.dumps({"title": "Bad date", "text": "Some words.", "published": "yesterday"}),
        json.dumps({"text": ORCHARD}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles = list(JsonlSource(JsonlOptions(tmp_path / "feed.jsonl")).collect(collected.context))
    bridge, orchard = articles
    assert (bridge.title, bridge.source, bridge.url) == ("Bridge", "Lowmoor Post", "https://example.org/b")
    assert bridge.published_at == datetime(2024, 5, 1, 8, tzinfo=UTC)
    assert bridge.meta == {"section": "local"}
    assert orchard.title.startswith("Apple growers")  # no title: the text's first sentence
    assert orchard.source == "feed.jsonl"
    assert [str(e) for e in collected.errors] == [
        "feed.jsonl:2: not valid JSON: Expecting property name enclosed in double quotes (column 2)",
        "feed.jsonl:3: expected a JSON object, got list",
        "feed.jsonl:5: missing 'text' (a non-empty string)",
        "feed.jsonl:6: 'published' is not an ISO 8601 date: 'yesterday'",
    ]


@pytest.mark.parametrize(("record", "title", "text"), [
    # web exports keep HTML references as written; a headline shows "&", not "&amp;"
    ({"title": "Mobile &amp; Apps: the &#8216;safe&#8217; update",
      "text": "Rain &amp; wind closed the harbour. Prices rose 5&nbsp;% &lt;again&gt;."},
     "Mobile & Apps: the ‘safe’ update", "Rain & wind closed the harbour. Prices rose 5\xa0% <again>."),
    # a feed that escaped already escaped text ("&amp;apos;") still shows the apostrophe; a
    # reference escaped once, or an ampersand before no reference ("AT&amp;T"), is read once
    ({"title": "Leaks&amp;apos; dump looks like a dud",
      "text": "AT&amp;T said &amp;quot;no comment&amp;quot;. Write &lt;b&gt; for bold."},
     "Leaks' dump looks like a dud", 'AT&T said "no comment". Write <b> for bold.'),
])
def test_jsonl_character_references_are_the_characters(tmp_path: Path, collected: Collected,
                                                       record: dict[str, str], title: str, text: str) -> None:
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article] = JsonlSource(JsonlOptions(tmp_path / "feed.jsonl")).collect(collected.context)
    assert (article.title, article.text) == (title, text)


def test_jsonl_without_a_title_reads_the_text_as_the_folder_source_reads_a_file(
        tmp_path: Path, collected: Collected) -> None:
    """No title: a headline line opening the text is the title (the text stays whole: its id is
    the text's), and a lead paragraph lends its first sentence, once the cleaner has taken the
    dateline off it; before, the whole paragraph
    was the title and a story was headed "WASHINGTON (CNN) -- The U.S. Navy has charged six ..."."""
    lead = ("WASHINGTON (CNN) -- The Navy has charged six guards accused of assaulting detainees "
            "at Camp Harrow, officials said Thursday. The courts-martial are expected within 30 days.")
    headline = "Navy charges six guards\n\n" + lead.split("-- ")[1]
    lines = [json.dumps({"text": headline}), json.dumps({"text": lead})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    headed, lent = JsonlSource(JsonlOptions(tmp_path / "feed.jsonl")).collect(collected.context)
    assert (headed.title, headed.text) == ("Navy charges six guards", headline)
    assert lent.text == lead and lent.meta["title_from_text"] is True
    cleaned = BoilerplateCleaner(CleanerOptions()).clean(lent)
    assert cleaned.title == lead.split("-- ")[1].split(" The courts")[0]


def test_jsonl_missing_file_and_wrong_encoding(tmp_path: Path, collected: Collected) -> None:
    with pytest.raises(InputError, match=r"nope\.jsonl: no such file"):
        list(JsonlSource(JsonlOptions(tmp_path / "nope.jsonl")).collect(collected.context))
    (tmp_path / "latin.jsonl").write_bytes('{"text": "caf\xe9"}\n'.encode("latin-1"))
    with pytest.raises(InputError, match=r"latin\.jsonl: not valid utf-8 text"):
        list(JsonlSource(JsonlOptions(tmp_path / "latin.jsonl")).collect(collected.context))


@pytest.mark.parametrize(("given", "expected"), [
    ("https://Example.COM:443/News/Story?utm_source=x&utm_medium=email#comments",
     "https://example.com/News/Story"),
    ("http://example.com:80", "http://example.com/"),
    ("http://example.com:8080/a?b=2&a=1&fbclid=XYZ&gclid=1", "http://example.com:8080/a?a=1&b=2"),
    ("https://example.com/a?id=7&mc_cid=abc&UTM_Campaign=spring", "https://example.com/a?id=7"),
    ("https://example.com/search?q=flood+defences", "https://example.com/search?q=flood+defences"),
    ("mailto:desk@example.com", "mailto:desk@example.com"),
    ("not a url", "not a url"),
])
def test_canonicalise(given: str, expected: str) -> None:
    assert canonicalise(given) == expected


def test_builtin_canonical_url_is_the_fallback() -> None:
    plugins = make_plugin_manager(entry_points=False)
    assert plugins.hook.canonical_url(url="HTTPS://A.example/x?utm_term=1#y") == "https://a.example/x"
    [impl] = [i for i in plugins.hook.canonical_url.get_hookimpls()
              if i.plugin_name == "briefing.plugins.dedupe.canonical_urls"]
    assert impl.trylast
