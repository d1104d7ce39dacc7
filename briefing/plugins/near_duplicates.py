"""Near-duplicate articles (wire copies, light rewrites) by SimHash over word shingles.

Exact duplicates are caught by the pipeline's content hash; this catches the next case: the same
agency story republished by several outlets with a changed headline, an added dateline, a trimmed
last paragraph. SimHash (Charikar 2002; Manku, Jain & Das Sarma, WWW 2007, "Detecting
near-duplicates for web crawling") gives each text a 64-bit fingerprint such that similar texts
differ in few bits. With a limit of k differing bits, fingerprints are indexed in k + 1 tables,
one per block of 64 / (k + 1) bits: two fingerprints within k bits agree exactly on at least one
block (pigeonhole), so a lookup checks only the fingerprints that share a block, and adding N
articles stays close to linear.

Use it from code (`NearDuplicateIndex`), or as the ``near_duplicates`` cleaner until the pipeline
has a dedupe step of its own: the cleaner empties the text of an article that repeats an earlier
one in the same run, and the pipeline drops articles whose text is empty.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from briefing import Article, Cleaner, hookimpl

BITS = 64
_WORD = re.compile(r"\w+", re.UNICODE)


def _hash(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "big")


def shingles(text: str, size: int = 3) -> Counter[str]:
    """Overlapping word n-grams, lowercased: word order counts, case and punctuation do not."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return Counter([" ".join(words)]) if words else Counter()
    return Counter(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))


def simhash(text: str, size: int = 3) -> int:
    """The 64-bit SimHash of ``text``'s shingles, each weighted by how often it occurs."""
    weights = [0] * BITS
    for shingle, count in shingles(text, size).items():
        value = _hash(shingle)
        for bit in range(BITS):
            weights[bit] += count if value >> bit & 1 else -count
    return sum(1 << bit for bit in range(BITS) if weights[bit] > 0)


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


class NearDuplicateIndex:
    """Fingerprints of the articles seen so far; `add` says which earlier one an article repeats.

    ``max_distance`` is the number of differing bits still called a near duplicate (0 to 12).
    Unrelated texts differ in about 32 bits, and two random fingerprints fall within 8 bits of
    each other with odds under 1e-9; a 250-word wire copy with a new headline, a dateline and a
    few words changed lands within 3 to 8 bits (tests/sources/test_near_duplicates.py). Texts
    shorter than ``min_words`` are never called near duplicates: a few words share too few
    shingles for the fingerprint to mean anything."""

    def __init__(self, max_distance: int = 8, shingle_size: int = 3, min_words: int = 30) -> None:
        if not 0 <= max_distance <= 12:
            raise ValueError("max_distance must be between 0 and 12 bits")
        self.max_distance = max_distance
        self.shingle_size = shingle_size
        self.min_words = min_words
        self._blocks = _blocks(max_distance + 1)
        self._tables: list[dict[int, list[tuple[int, str]]]] = [{} for _ in self._blocks]

    def __len__(self) -> int:
        return sum(len(ids) for ids in self._tables[0].values())

    def find(self, text: str) -> str | None:
        """The id of an indexed article within ``max_distance`` of ``text``, or None."""
        if len(_WORD.findall(text)) < self.min_words:
            return None
        return self._find(simhash(text, self.shingle_size))

    def add(self, article: Article) -> str | None:
        """Index ``article``; return the id of the earlier article it near-duplicates, or None.

        A near duplicate is not indexed itself, so a chain of small edits is judged against the
        first copy, never drifting away from it one edit at a time."""
        return self.add_text(article.id, article.text)

    def add_text(self, article_id: str, text: str) -> str | None:
        if len(_WORD.findall(text)) < self.min_words:
            return None
        fingerprint = simhash(text, self.shingle_size)
        found = self._find(fingerprint)
        if found is None:
            for (shift, mask), table in zip(self._blocks, self._tables, strict=True):
                table.setdefault(fingerprint >> shift & mask, []).append((fingerprint, article_id))
        return found

    def _find(self, fingerprint: int) -> str | None:
        best: tuple[int, str] | None = None
        for (shift, mask), table in zip(self._blocks, self._tables, strict=True):
            for other, other_id in table.get(fingerprint >> shift & mask, ()):
                apart = distance(fingerprint, other)
                if apart <= self.max_distance and (best is None or apart < best[0]):
                    best = (apart, other_id)
        return None if best is None else best[1]


def _blocks(count: int) -> list[tuple[int, int]]:
    """(shift, mask) of ``count`` blocks that together cover the 64 bits."""
    edges = [round(i * BITS / count) for i in range(count + 1)]
    return [(start, (1 << (end - start)) - 1) for start, end in itertools.pairwise(edges)]


def drop_near_duplicates(articles: list[Article], max_distance: int = 8) -> tuple[list[Article],
                                                                                 dict[str, str]]:
    """The articles without near duplicates, and for each dropped id the id it repeats."""
    index = NearDuplicateIndex(max_distance)
    kept, dropped = [], {}
    for article in articles:
        original = index.add(article)
        if original is None:
            kept.append(article)
        else:
            dropped[article.id] = original
    return kept, dropped


@dataclass(frozen=True)
class NearDuplicateOptions:
    max_distance: int = 8
    shingle_size: int = 3
    min_words: int = 30


class NearDuplicateCleaner(Cleaner[NearDuplicateOptions]):
    """Empties the text of a near duplicate of an earlier article of the same run.

    The pipeline drops articles with no text after cleaning, so the repeat is left out; its id
    and the id it repeats are noted in ``meta['near_duplicate_of']``. One instance per run."""

    options_class = NearDuplicateOptions

    def __init__(self, options: NearDuplicateOptions) -> None:
        super().__init__(options)
        self.index = NearDuplicateIndex(options.max_distance, options.shingle_size, options.min_words)

    def clean(self, article: Article) -> Article:
        original = self.index.add(article)
        if original is None or original == article.id:
            return article
        return replace(article, text="", meta={**article.meta, "near_duplicate_of": original})


@hookimpl
def register_cleaners(register: Callable[[str, Any], None]) -> None:
    register("near_duplicates", NearDuplicateCleaner)

