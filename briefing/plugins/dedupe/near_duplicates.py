"""Near-duplicate articles (wire copies, light rewrites) by MinHash over word shingles.

Exact duplicates are caught by the pipeline's content hash; this catches the next case: the same
agency story republished by several outlets with a changed headline, an added dateline, a trimmed
last paragraph. Two texts are compared by the Jaccard similarity of their sets of word 3-grams
(shingles): a wire copy with a few edits keeps 0.6-0.9 of them, the same event retold in other
words keeps almost none.

MinHash (Broder 1997, "On the resemblance and containment of documents") estimates that
similarity from 128 numbers per text; locality-sensitive hashing (bands of 3 of those numbers,
Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3) finds the candidates, so
adding N articles stays close to linear instead of comparing every pair. SimHash was tried first
and dropped: on 200-word stories a dateline and three changed words already moved the 64-bit
fingerprint by 13 bits, as far as its index can look, while MinHash's estimate is within about
0.05 of the true similarity.

The builtin ``dedupe_articles`` hook (``trylast``) keeps the first of each group of near
duplicates among a run's collected articles, and the kept article lists the copies it stands for
in ``meta["copies"]`` (id, url, title, source and publication time of each): a copy carried by
another outlet is one more report of the same event, which the reader should be told and a
story should count, even though its text is not analysed twice. `NearDuplicateIndex` is there for
code of your own. numpy is imported on first use, so loading the plugin costs nothing.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from briefing import Article, hookimpl

if TYPE_CHECKING:
    import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_PERMUTATIONS = 128
_ROWS = 3


@functools.cache
def _hashing() -> tuple[Any, Any, Any]:
    """numpy and the 128 hash functions' parameters, fixed so signatures agree across runs."""
    import numpy

    rng = numpy.random.default_rng(20240501)
    a = rng.integers(1, 1 << 63, size=(_PERMUTATIONS, 1), dtype=numpy.uint64) | numpy.uint64(1)
    b = rng.integers(0, 1 << 63, size=(_PERMUTATIONS, 1), dtype=numpy.uint64)
    return numpy, a, b


def shingles(text: str, size: int = 3) -> set[str]:
    """Overlapping word n-grams, lowercased: word order counts, case and punctuation do not."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def signature(text: str, size: int = 3) -> np.ndarray:
    """The MinHash signature: for each of 128 hash functions, the least hash of any shingle."""
    np, a, b = _hashing()
    found = shingles(text, size)
    if not found:
        return np.full(_PERMUTATIONS, np.uint64(1 << 32), dtype=np.uint64)
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "big")
         for s in found), dtype=np.uint64, count=len(found))
    # Multiply-shift hashing (Dietzfelbinger et al. 1997): ((a * x + b) mod 2**64) >> 32 for
    # odd random a is a universal family on 32-bit x; numpy's uint64 arithmetic wraps mod 2**64.
    with np.errstate(over="ignore"):
        mixed = (a * hashes + b) >> np.uint64(32)
    return np.asarray(mixed.min(axis=1), dtype=np.uint64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float((a == b).sum()) / len(a)


class NearDuplicateIndex:
    """Signatures of the articles seen so far; `add` says which earlier one an article repeats.

    ``threshold`` is the estimated share of shingles two texts must have in common to be called
    near duplicates: 0.5 catches a copy with a new headline, a dateline, a footer and a few words
    changed, and never joins two tellings of the same event (they share under 0.1). Texts shorter
    than ``min_words`` are never near duplicates: too few shingles to judge."""

    def __init__(self, threshold: float = 0.5, shingle_size: int = 3, min_words: int = 30) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be above 0 and at most 1")
        self.threshold = threshold
        self.shingle_size = shingle_size
        self.min_words = min_words
        self._signatures: dict[str, np.ndarray] = {}
        self._buckets: dict[bytes, list[str]] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def find(self, text: str) -> str | None:
        """The id of an indexed article that ``text`` near-duplicates, or None."""
        if len(_WORD.findall(text)) < self.min_words:
            return None
        return self._find(signature(text, self.shingle_size))[0]

    def add(self, article: Article) -> str | None:
        """Index ``article``; return the id of the earlier article it near-duplicates, or None.

        A near duplicate is not indexed itself, so a chain of small edits is judged against the
        first copy, never drifting away from it one edit at a time."""
        return self.add_text(article.id, article.text)

    def add_text(self, article_id: str, text: str) -> str | None:
        if len(_WORD.findall(text)) < self.min_words:
            return None
        sig = signature(text, self.shingle_size)
        found, keys = self._find(sig)
        if found is None:
            self._signatures[article_id] = sig
            for key in keys:
                self._buckets.setdefault(key, []).append(article_id)
        return found

    def _find(self, sig: np.ndarray) -> tuple[str | None, list[bytes]]:
        keys = [bytes([band]) + sig[start:start + _ROWS].tobytes()
                for band, start in enumerate(range(0, _PERMUTATIONS - _ROWS + 1, _ROWS))]
        best: tuple[float, str] | None = None
        checked: set[str] = set()
        for key in keys:
            for other_id in self._buckets.get(key, ()):
                if other_id in checked:
                    continue
                checked.add(other_id)
                score = similarity(sig, self._signatures[other_id])
                if score >= self.threshold and (best is None or score > best[0]):
                    best = (score, other_id)
        return (None if best is None else best[1]), keys


def drop_near_duplicates(articles: list[Article], threshold: float = 0.5) -> tuple[list[Article],
                                                                                 dict[str, str]]:
    """The articles without near duplicates, and for each dropped id the id it repeats."""
    index = NearDuplicateIndex(threshold)
    kept, dropped = [], {}
    for article in articles:
        original = index.add(article)
        if original is None:
            kept.append(article)
        else:
            dropped[article.id] = original
    return kept, dropped


def copy_record(article: Article) -> dict[str, Any]:
    """What a reader needs to know of a copy that was not kept: where it ran and when. Plain JSON
    values, so the record survives the analysis cache and the stored briefing."""
    when = article.published_at
    return {"id": article.id, "url": article.url, "title": article.title, "source": article.source,
            "published_at": when.isoformat() if when is not None else None}


def with_copies(kept: Sequence[Article], dropped: dict[str, str], articles: Sequence[Article]
                ) -> list[Article]:
    """``kept``, each article that others repeat carrying their records in ``meta["copies"]``
    (after any copies an earlier step recorded), in the order the copies came."""
    copies: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in articles:
        original = dropped.get(article.id)
        if original is not None:
            copies[original].append(copy_record(article))
    return [replace(a, meta={**a.meta, "copies": [*a.meta.get("copies", ()), *copies[a.id]]})
            if a.id in copies else a for a in kept]


@hookimpl(trylast=True)
def dedupe_articles(briefing: str, articles: Sequence[Article]) -> list[Article]:
    kept, dropped = drop_near_duplicates(list(articles))
    return with_copies(kept, dropped, articles)
