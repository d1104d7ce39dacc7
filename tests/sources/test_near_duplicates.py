"""MinHash near duplicates: wire copies with small edits are caught, different stories are not."""

from __future__ import annotations

from briefing import make_article
from briefing.plugins.dedupe.near_duplicates import (
    NearDuplicateIndex,
    drop_near_duplicates,
    signature,
    similarity,
)

from .conftest import BRIDGE, ORCHARD

# The same story about the bridge, told by another writer: same event, different words.
BRIDGE_RETOLD = (
    "Lowmoor's councillors have approved plans for a new crossing of the Wend after the old "
    "bridge was shut in the spring. Repairs had been judged impossible once the floods split two "
    "arches, the meeting heard. The project is to be paid for mainly by a regional fund for "
    "transport and could take more than a year. Traders on the eastern side of the river welcomed "
    "the news, saying that business had fallen sharply since traffic was diverted. Children will "
    "be able to cross on foot from next month using a temporary structure. Critics on the council "
    "said flood protection upstream should have come first."
)


def wire_copy(text: str) -> str:
    """What a second outlet does to an agency story: a dateline, two words changed, a footer."""
    edited = text.replace("Tuesday", "Tuesday evening").replace("about", "roughly")
    edited = edited.replace("close to nine million", "nearly nine million")
    return "LOWMOOR (Agency) - " + edited + " Reporting by the agency desk."


def test_wire_copies_are_caught_and_other_stories_are_not() -> None:
    original = make_article(BRIDGE, title="Bridge", source="Agency")
    copy = make_article(wire_copy(BRIDGE), title="Council backs bridge", source="Post")
    trimmed = make_article(BRIDGE.rsplit(". ", 1)[0] + ".", title="Bridge", source="Daily")
    other = make_article(ORCHARD, title="Orchards", source="Agency")
    retold = make_article(BRIDGE_RETOLD, title="Crossing approved", source="Herald")
    index = NearDuplicateIndex()
    assert index.add(original) is None
    assert index.add(other) is None
    assert index.add(copy) == original.id
    assert index.add(trimmed) == original.id
    assert index.add(retold) is None  # the same event in other words is a story, not a copy
    assert len(index) == 3


def test_similarities_are_far_apart() -> None:
    base = signature(BRIDGE)
    assert similarity(base, signature(wire_copy(BRIDGE))) > 0.6
    assert similarity(base, signature(BRIDGE.upper())) == 1.0  # case does not count
    assert similarity(base, signature(ORCHARD)) < 0.1
    assert similarity(base, signature(BRIDGE_RETOLD)) < 0.1


def test_short_texts_are_never_near_duplicates() -> None:
    index = NearDuplicateIndex()
    assert index.add_text("a", "Markets closed higher.") is None
    assert index.add_text("b", "Markets closed higher.") is None


def test_drop_near_duplicates_keeps_the_first() -> None:
    articles = [make_article(BRIDGE, source="a"), make_article(ORCHARD, source="b"),
                make_article(wire_copy(BRIDGE), source="c")]
    kept, dropped = drop_near_duplicates(articles)
    assert kept == articles[:2]
    assert dropped == {articles[2].id: articles[0].id}


def test_the_builtin_dedupe_hook_keeps_the_first_of_each_group() -> None:
    from briefing.core.plugins import make_plugin_manager

    articles = [make_article(BRIDGE, source="a"), make_article(wire_copy(BRIDGE), source="b"),
                make_article(ORCHARD, source="c")]
    plugins = make_plugin_manager(entry_points=False)
    kept = plugins.hook.dedupe_articles(briefing="b", articles=articles)
    assert [a.source for a in kept] == ["a", "c"]


def test_the_kept_article_lists_the_copies_it_stands_for() -> None:
    from datetime import UTC, datetime

    from briefing.plugins.dedupe.near_duplicates import dedupe_articles

    original = make_article(BRIDGE, title="Bridge", source="Agency", url="https://agency.example/b",
                            meta={"copies": [{"id": "earlier", "url": None, "title": "", "source": "Feed",
                                              "published_at": None}]})
    copy = make_article(wire_copy(BRIDGE), title="Council backs bridge", source="Post",
                        url="https://post.example/bridge", published_at=datetime(2024, 5, 2, 9, tzinfo=UTC))
    other = make_article(ORCHARD, title="Orchards", source="Agency")
    kept = dedupe_articles(briefing="b", articles=[original, other, copy])
    assert [a.id for a in kept] == [original.id, other.id]
    assert kept[0].meta["copies"] == [
        {"id": "earlier", "url": None, "title": "", "source": "Feed", "published_at": None},
        {"id": copy.id, "url": "https://post.example/bridge", "title": "Council backs bridge",
         "source": "Post", "published_at": "2024-05-02T09:00:00+00:00"}]
    assert "copies" not in kept[1].meta
