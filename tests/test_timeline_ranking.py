"""The timeline on a small story told over a week: which days matter, and what is said for each."""

from __future__ import annotations

import re
from datetime import date

from briefing import Article, Sentence, make_article
from briefing.plugins.timeline.corpus import DatedArticle, dated_sentences
from briefing.plugins.timeline.ranking import DateWeights, rank_dates
from briefing.plugins.timeline.timeline import TimelineSettings, build_timeline

WALKOUT, STRANDED, DEAL = date(2024, 3, 4), date(2024, 3, 6), date(2024, 3, 8)


def article(text: str, day: date) -> DatedArticle:
    """An article whose sentences are split at full stops (as the analyser would store them)."""
    sentences = tuple(Sentence(i, m.start(), m.end(), m.group())
                      for i, m in enumerate(re.finditer(r"[^.]+\.", text)) if m.group().strip())
    sentences = tuple(Sentence(i, s.start + len(s.text) - len(s.text.lstrip()), s.end, s.text.strip())
                      for i, s in enumerate(sentences))
    plain = make_article(text, title=text.split(".")[0], source=f"paper-{day.isoformat()}")
    return DatedArticle(Article(plain.id, None, plain.title, plain.source, None, text, sentences), day)


STORY = [
    article("Dock workers in Rotterdam walked out on Monday after pay talks with the port operators "
            "collapsed. The union said the strike would go on until wages rose. Ships began to queue "
            "outside the harbour.", WALKOUT),
    article("More than forty ships were stranded outside Rotterdam on Wednesday as the dock strike "
            "went on. The strike began on Monday when pay talks collapsed. The port authority warned "
            "of a backlog lasting weeks.", STRANDED),
    article("Shipping lines rerouted cargo to Antwerp as the Rotterdam strike stranded ships. "
            "Dock workers have been on strike since Monday, 4 March. Freight rates rose.", STRANDED),
    article("The Rotterdam dock strike ended on Friday after the union accepted a pay rise of six per "
            "cent. The walkout, which began on 4 March, stranded more than forty ships on Wednesday. "
            "Workers return to the quays on Monday.", date(2024, 3, 9)),
    article("Port operators counted the cost of the strike that began on 4 March and ended on "
            "Friday. The harbour expects the backlog of ships to clear within a fortnight.",
            date(2024, 3, 11)),
]


def test_each_sentence_knows_the_days_it_names():
    sentences = dated_sentences(STORY)
    first = sentences[0]
    assert first.text.startswith("Dock workers in Rotterdam walked out on Monday")
    assert first.days == (WALKOUT,)
    later = [s for s in sentences if s.text.startswith("Dock workers have been on strike since Monday")]
    assert later[0].days == (WALKOUT,)
    assert all(s.days == () for s in sentences if s.text.startswith("Freight rates rose"))


def test_the_day_later_articles_keep_naming_ranks_first():
    ranked = rank_dates(dated_sentences(STORY), DateWeights())
    assert ranked[0].day == WALKOUT
    assert ranked[0].mentions == 5
    assert ranked[0].published == 1
    assert {r.day for r in ranked[:3]} == {WALKOUT, STRANDED, DEAL}


def test_publication_counts_alone_rank_the_busiest_day_first():
    ranked = rank_dates(dated_sentences(STORY), DateWeights(later=0, same_day=0, earlier=0, published=1))
    assert ranked[0].day == STRANDED and ranked[0].published == 2


def test_days_outside_the_span_are_not_ranked():
    ranked = rank_dates(dated_sentences(STORY), DateWeights(), start=date(2024, 3, 5), end=date(2024, 3, 9))
    assert WALKOUT not in {r.day for r in ranked}
    assert ranked[0].day in (STRANDED, DEAL)


def test_the_timeline_says_what_happened_each_day_with_evidence():
    entries = build_timeline(STORY, TimelineSettings(dates=3, sentences=1))
    assert [e.day for e in entries] == [WALKOUT, STRANDED, DEAL]
    by_day = {e.day: e for e in entries}
    assert "walked out" in by_day[WALKOUT].sentences[0] or "began" in by_day[WALKOUT].sentences[0]
    assert "stranded" in by_day[STRANDED].sentences[0]
    assert "ended on Friday" in by_day[DEAL].sentences[0]
    texts = {a.article.id: a.article for a in STORY}
    for entry in entries:
        assert len(entry.evidence) == len(entry.sentences)
        for sentence, evidence in zip(entry.sentences, entry.evidence, strict=True):
            stored = texts[evidence.article_id].sentences[evidence.sentence_index]
            assert stored.text == sentence == evidence.quote


def test_no_sentence_is_used_for_two_days_and_copies_are_not_repeated():
    copy = article("More than forty ships were stranded outside Rotterdam on Wednesday as the dock "
                   "strike went on. Traders watched freight rates.", STRANDED)
    entries = build_timeline([*STORY, copy], TimelineSettings(dates=5, sentences=2))
    used = [(e.article_id, e.sentence_index) for entry in entries for e in entry.evidence]
    assert len(used) == len(set(used))
    for entry in entries:
        assert len({s.lower() for s in entry.sentences}) == len(entry.sentences)


def test_from_and_to_limit_articles_and_days():
    entries = build_timeline(STORY, TimelineSettings(dates=5, sentences=1, start=date(2024, 3, 6),
                                                     end=date(2024, 3, 9)))
    assert entries and all(date(2024, 3, 6) <= e.day <= date(2024, 3, 9) for e in entries)
    published = {a.article.id: a.published for a in STORY}
    assert all(date(2024, 3, 6) <= published[ev.article_id] <= date(2024, 3, 9)
               for e in entries for ev in e.evidence)


def test_no_articles_no_timeline():
    assert build_timeline([], TimelineSettings()) == []
