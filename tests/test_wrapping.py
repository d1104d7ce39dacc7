"""Hard-wrapped plain text is put back into its paragraphs' lines before it is read."""

from __future__ import annotations

import textwrap

from briefing.plugins.text.wrapping import unwrapped, wrap_width

PARAGRAPHS = [
    "Harbour officials in Port Elsa warned on Monday that the storm surge could flood the old town "
    "before dawn, and ordered the ferries to stay in port until the wind drops below gale force.",
    "The mayor, Ana Brik, said the sea wall built after the last flood was designed for exactly this "
    "kind of night, but engineers have long doubted that its eastern end would hold.",
    "Schools will stay closed on Tuesday.",
    "Residents of the lower streets were told to move their cars to higher ground and to keep a "
    "well-stocked bag ready in case the evacuation order is extended to the whole district.",
]


def wrapped(paragraphs: list[str], width: int, blank: bool = False) -> str:
    return ("\n\n" if blank else "\n").join(textwrap.fill(p, width) for p in paragraphs)


def test_each_paragraph_comes_back_whole_at_common_widths():
    for width in (60, 72, 80):
        for blank in (False, True):
            text = wrapped(PARAGRAPHS, width, blank)
            assert [line for line in unwrapped(text).split("\n") if line] == PARAGRAPHS, (width, blank)


def test_a_compound_broken_at_its_hyphen_is_one_word_again():
    # the fourth paragraph wrapped at 48 columns, as textwrap breaks it: after "well-"
    lines = textwrap.wrap(PARAGRAPHS[3], 48)
    assert any(line.endswith("well-") for line in lines)
    text = "\n".join([*textwrap.wrap(PARAGRAPHS[0], 48), *lines])
    assert unwrapped(text).split("\n") == [PARAGRAPHS[0], PARAGRAPHS[3]]


def test_text_that_was_not_wrapped_is_left_as_it_is():
    one_per_line = "\n".join(PARAGRAPHS)
    assert wrap_width(one_per_line.split("\n")) is None
    assert unwrapped(one_per_line) == one_per_line
    short_lines = "Storm warning\nFerries stay in port\nSchools closed\nCars to higher ground\nBags ready\n"
    assert unwrapped(short_lines) == short_lines


def test_list_items_and_headings_keep_their_own_lines():
    items = [f"- {textwrap.shorten(p, 70)}" for p in PARAGRAPHS]
    text = "# Storm night in Port Elsa\n" + wrapped(PARAGRAPHS[:2], 72) + "\n" + "\n".join(items)
    lines = unwrapped(text).split("\n")
    assert lines[0] == "# Storm night in Port Elsa"
    assert lines[1:3] == PARAGRAPHS[:2]
    assert lines[3:] == items


def test_a_wrapped_file_briefs_as_the_same_file_unwrapped(tmp_path):
    """Read from a folder, the wrapped article gives the same risks and facts as the original."""
    from briefing.testing import run_briefing

    headline = "Storm surge threatens the old town of Port Elsa as ferries are ordered to stay in port"
    briefs = {}
    for name, body in (("plain", "\n".join(PARAGRAPHS)), ("wrapped", wrapped(PARAGRAPHS, 72, blank=True))):
        folder = tmp_path / name
        folder.mkdir()
        head = headline if name == "plain" else textwrap.fill(headline, 72)
        (folder / "storm.txt").write_text(f"{head}\n\n{body}\n")
        config = {"sources": [{"type": "folder", "path": str(folder)}],
                  "extractors": ["stakeholders", "facts", "risks"], "summariser": "centrality"}
        briefs[name] = run_briefing(config, tmp_path=tmp_path / f"{name}-run")
    plain, wrapped_brief = briefs["plain"], briefs["wrapped"]
    assert plain.risks and [r.text for r in wrapped_brief.risks] == [r.text for r in plain.risks]
    assert [f.text for f in wrapped_brief.facts] == [f.text for f in plain.facts]
    assert wrapped_brief.articles[0].title == headline
