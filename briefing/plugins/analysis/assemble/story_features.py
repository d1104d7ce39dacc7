"""What an article says about its event, as weighted term vectors, one per kind of evidence.

Two reports of one event share more than words: the same people, the same places, the same
figures (a death toll, an address, an age), the same day. Two reports of *similar* events (two
earthquakes, two shootings in one city) share the words of the event type and differ exactly in
those details. So, following Miranda et al. (2018, "Multilingual clustering of streaming news"),
who compare a document with a story by several TF-IDF similarities at once (tokens, lemmas and
entities, each over title and body), an article is described by channels:

- ``body``: content words of the text (stemmed, function words out), its lead weighing most;
- ``title``: content words of the headline (none for a title that several articles of the run
  share: a site's banner, text/headlines.repeated_titles);
- ``people``, ``bodies``, ``places``: the names of the merged stakeholders (persons; organisations
  and groups; places and states) whose evidence lies in the article, so "Merkel" and "Angela
  Merkel" are one term;
- ``details``: who/where/when written as figures: numbers, times, and day and month names. A
  weekday in a dated article stands for the date it names, counted back from publication as
  story_dates does ("Monday" in two articles a fortnight apart is two days, not one detail), and
  "may" and "march" are months only when capitalised (most are the verbs).

Each channel is weighted by rarity (sublinear term frequency times smoothed inverse document
frequency over the articles being grouped), cut to its ``keep`` heaviest terms (Miranda et al.
keep a few hundred per channel; the tail adds cost and noise, not evidence) and scaled to unit
length, so the similarity of two articles in a channel is a cosine.

The document frequencies count, beside the run's articles, ``background`` documents of ordinary
English (text/background): a word's count among them is its background share, so "flu" stays
rarer than "people" on a day when every report is about the flu. Names count against the
``names_background`` documents as absent from all of them (a person's name is rare in text at
large), and the details channel (figures, days) against the run alone: "2" and "Monday" are
everywhere, and how often is a matter of the day's news.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from briefing import Article, Place, Stakeholder
from briefing.plugins.analysis.assemble.story_dates import WEEKDAY_NUMBER, is_month, last_weekday
from briefing.plugins.text.background import document_share
from briefing.plugins.text.headlines import repeated_titles, title_key
from briefing.plugins.text.words import FUNCTION_WORDS, stem

CHANNELS = ("body", "title", "people", "bodies", "places", "details")
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W_]+)*")
_FIGURE = re.compile(r"(?<![\w.])\d[\d,.:]*\d(?![\w])|(?<![\w.,:])\d(?![\w.,:])")
# One article's weighted terms, channel -> term -> weight (``weigh``).
Channels = Mapping[str, Mapping[str, float]]
KIND_CHANNEL = {"person": "people", "organization": "bodies", "group": "bodies", "country": "places"}


@dataclass(frozen=True, slots=True)
class ArticleTerms:
    """One article's raw term counts per channel, and its publication time (epoch seconds)."""

    id: str
    when: float | None
    counts: Mapping[str, Counter[str]]


def text_terms(text: str, max_words: int, lead_words: int, published: datetime | None = None
               ) -> tuple[Counter[str], Counter[str]]:
    """Content-word counts of the first ``max_words`` words (the first ``lead_words`` count
    twice: news says who, what and where first) and the figures and day/month names (a weekday
    as its date when the publication date is known)."""
    head = text[: max_words * 12]  # room for max_words words, with spaced punctuation
    written = _WORD.findall(head.replace("’", "'"))
    if len(written) > max_words:  # figures only from the words kept
        head = head[: next(m.start() for k, m in enumerate(_WORD.finditer(head)) if k == max_words)]
        written = written[:max_words]
    tokens = [token.casefold() for token in written]
    seen = Counter(tokens)
    lead = Counter(tokens[:lead_words])
    words: Counter[str] = Counter()
    details: Counter[str] = Counter()
    for token, raw in zip(tokens, written, strict=True):
        word, raw = (token[:-2], raw[:-2]) if token.endswith("'s") else (token, raw)
        if word in WEEKDAY_NUMBER and published is not None:
            details["@" + last_weekday(published.date(), WEEKDAY_NUMBER[word]).isoformat()] += 1
        elif word in WEEKDAY_NUMBER or is_month(raw, short=False):
            details[word] += 1
    for token, count in seen.items():
        word = token[:-2] if token.endswith("'s") else token
        if len(word) > 1 and word not in FUNCTION_WORDS:
            words[stem(word)] += count + lead[token]
    for figure in _FIGURE.findall(head):
        details["#" + figure.replace(",", "").rstrip(".")] += 1
    return words, details


def entity_counts(stakeholders: Iterable[Stakeholder], places: Iterable[Place]
                  ) -> dict[str, dict[str, Counter[str]]]:
    """article id -> channel -> merged entity name -> number of sentences naming it."""
    found: dict[str, dict[str, Counter[str]]] = {}
    named: list[tuple[str, str, Iterable[str]]] = [
        (KIND_CHANNEL.get(s.kind, "bodies"), s.name, (e.article_id for e in s.evidence))
        for s in stakeholders]
    named += [("places", p.name, (e.article_id for e in p.evidence)) for p in places]
    for channel, name, article_ids in named:
        key = name.casefold()
        for article_id in article_ids:
            found.setdefault(article_id, {}).setdefault(channel, Counter())[key] += 1
    return found


def article_terms(articles: Sequence[Article], entities: Mapping[str, Mapping[str, Counter[str]]],
                  max_words: int = 400, lead_words: int = 60) -> list[ArticleTerms]:
    out = []
    banners = repeated_titles(a.title for a in articles)  # a site's, not a story's: no evidence
    for article in articles:
        body, details = text_terms(article.text, max_words, lead_words, article.published_at)
        title, _ = text_terms("" if title_key(article.title) in banners else article.title, 40, 0)
        counts: dict[str, Counter[str]] = {"body": body, "title": title, "details": details}
        counts.update(entities.get(article.id, {}))
        when = article.published_at
        stamp = None if when is None else (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()
        out.append(ArticleTerms(article.id, stamp, counts))
    return out


def _absent(term: str) -> float:
    return 0.0


def weigh(terms: Sequence[ArticleTerms], keep: int = 60, background: float = 0.0,
          names_background: float = 0.0, details_floor: int = 1) -> list[dict[str, dict[str, float]]]:
    """Per article, channel -> term -> weight: (1 + log tf) * idf, the ``keep`` heaviest, unit
    length; the idf counts the background documents of the module doc.

    A details vector of one or two terms would be a unit vector all the same, and two reports
    sharing nothing but "Tuesday" would be as alike in that channel as two sharing a toll, an age
    and a time. So a details vector is scaled as if it held at least ``details_floor`` terms of
    its mean weight: a lone shared weekday counts a third, not all, at the default of three."""
    frequency: dict[str, Counter[str]] = {channel: Counter() for channel in CHANNELS}
    for article in terms:
        for channel, counts in article.counts.items():
            frequency[channel].update(counts.keys())
    total = len(terms)
    idf: dict[str, dict[str, float]] = {}
    for channel, counts in frequency.items():
        if channel in ("body", "title"):
            extra, share = background, document_share
        else:  # names are absent from ordinary text; figures and days count against the run alone
            extra, share = (0.0 if channel == "details" else names_background), _absent
        idf[channel] = {term: math.log((1 + total + extra) / (1 + n + extra * share(term))) + 1.0
                        for term, n in counts.items()}
    vectors = []
    for article in terms:
        channels: dict[str, dict[str, float]] = {}
        for channel, counts in article.counts.items():
            weights = idf[channel]
            row = sorted(((term, (1.0 + math.log(n)) * weights[term]) for term, n in counts.items()),
                         key=lambda pair: -pair[1])[:keep]
            norm = math.sqrt(sum(w * w for _, w in row))
            if channel == "details" and row:
                norm = max(norm, math.sqrt(details_floor) * sum(w for _, w in row) / len(row))
            if norm:
                channels[channel] = {term: w / norm for term, w in row}
        vectors.append(channels)
    return vectors


def combined(channels: Sequence[Mapping[str, Mapping[str, float]]], weights: Mapping[str, float]
             ) -> list[dict[int, float]]:
    """One sparse vector per article whose dot products are the weighted mean of the channel
    cosines: each channel scaled by the square root of its share of the weights."""
    total = sum(weights.values()) or 1.0
    scale = {channel: math.sqrt(weight / total) for channel, weight in weights.items() if weight > 0}
    ids: dict[tuple[str, str], int] = {}
    out = []
    for article in channels:
        vector: dict[int, float] = {}
        for channel, row in article.items():
            factor = scale.get(channel)
            if factor is None:
                continue
            for term, value in row.items():
                vector[ids.setdefault((channel, term), len(ids))] = value * factor
        out.append(vector)
    return out


def channel_part(a: Channels, b: Channels, channel: str, weights: Mapping[str, float]) -> float:
    """What one channel adds to two articles' combined similarity (``combined``): its cosine
    times its share of the weights."""
    mine, theirs = a.get(channel), b.get(channel)
    if not mine or not theirs:
        return 0.0
    share = weights.get(channel, 0.0) / (sum(weights.values()) or 1.0)
    return share * sum(value * theirs.get(term, 0.0) for term, value in mine.items())


def dot(a: Mapping[int, float], b: Mapping[int, float]) -> float:
    """The dot product of two sparse vectors (the smaller one is walked)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(term, 0.0) for term, value in a.items())
