"""`group_stories`: same event and actors close in time is one story; else apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from briefing import make_article
from briefing.plugins.analysis.assemble.stories import group_stories

DAY = datetime(2024, 5, 1, 9, tzinfo=UTC)


def test_groups_by_shared_rare_entities_and_time() -> None:
    a = make_article("Bridge vote one.", url="u:a", published_at=DAY)
    b = make_article("Bridge vote two.", url="u:b", published_at=DAY + timedelta(hours=5))
    c = make_article("Frost in orchards.", url="u:c", published_at=DAY + timedelta(hours=2))
    d = make_article("Bridge vote, a week on.", url="u:d", published_at=DAY + timedelta(days=7))
    e = make_article("Undated bridge note.", url="u:e")
    entities = {
        a.id: ["Lowmoor", "River Wend", "Lowmoor Council", "England"],
        b.id: ["lowmoor", "the River Wend", "England"],
        c.id: ["Vale of Ashby", "England"],
        d.id: ["Lowmoor", "River Wend", "Lowmoor Council", "England"],
        e.id: ["Lowmoor", "River Wend"],
    }
    stories = group_stories([a, b, c, d, e], entities)
    # e has no date: it sits at the latest date (d's) and joins d; a week apart stays apart.
    assert stories == [[a.id, b.id], [d.id, e.id], [c.id]]


def test_common_entities_alone_do_not_join() -> None:
    articles = [make_article(f"Story {n}.", url=f"u:{n}", published_at=DAY) for n in range(6)]
    entities = {a.id: ["England", f"Town {n}", f"Person {n}"] for n, a in enumerate(articles)}
    assert len(group_stories(articles, entities)) == 6


def test_empty_and_no_entities() -> None:
    assert group_stories([], {}) == []
    one = make_article("Alone.", url="u:1", published_at=DAY)
    assert group_stories([one], {}) == [[one.id]]
