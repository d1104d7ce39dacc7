from __future__ import annotations

from briefing.plugins.telegram.split import html_to_text, split_html, utf16_len
from briefing.testing.fakebot import html_problem


def test_short_text_is_one_part() -> None:
    assert split_html("<b>Hi</b> there\n\n") == ["<b>Hi</b> there"]
    assert split_html("  \n ") == []


def test_cuts_on_paragraph_boundaries() -> None:
    paragraphs = [f"<b>Section {i}</b>\n" + "word " * 30 for i in range(20)]
    parts = split_html("\n\n".join(p.strip() for p in paragraphs), limit=500)
    assert len(parts) > 1
    for part in parts:
        assert utf16_len(part) <= 500
        assert part.startswith("<b>Section")  # each part starts a paragraph
        assert html_problem(part) is None
    assert html_to_text("".join(parts)).count("word") == 600


def test_never_breaks_a_tag_or_entity_and_reopens_open_tags() -> None:
    text = '<blockquote><a href="https://x.example/?a=1&amp;b=2">' + "caf&eacute; &amp; tea " * 200 \
        + "</a></blockquote>"
    parts = split_html(text.replace("&eacute;", "&#233;"), limit=300)
    assert len(parts) > 5
    for part in parts:
        assert utf16_len(part) <= 300
        assert html_problem(part) is None, part
        assert part.startswith('<blockquote><a href="https://x.example/?a=1&amp;b=2">')
        assert part.endswith("</a></blockquote>")
    joined = "".join(html_to_text(p) for p in parts).replace(" ", "")
    assert joined == ("café&tea" * 200)


def test_counts_utf16_code_units() -> None:
    emoji = "😀" * 3000  # 6,000 UTF-16 units though only 3,000 characters
    parts = split_html(emoji)
    assert len(parts) == 2
    assert all(utf16_len(p) <= 4096 for p in parts)
    assert "".join(parts) == emoji


def test_plain_text_fallback_decodes_entities() -> None:
    assert html_to_text("<b>a &lt;b&gt; &amp; &#233;</b>") == "a <b> & é"
