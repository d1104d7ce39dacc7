"""A second learned reader of risk sentences: word n-grams, weighed by a logistic model.

Why a second one beside the encoder (risk_model): the two read differently and err on different
sentences. The encoder reads a sentence's meaning as a whole and generalises from it, so a hedged
"could" about a neutral future ("the plan could stop the slide in home prices": 0.82) reads to it
nearly like one about a harm ("the cuts could cost 8,000 jobs": 0.99); words and pairs such as
"could stop", "slide" or "home" carry, across thousands of labelled sentences, how often they
stated a risk (the n-grams give the two log-odds of -0.2 and 2.9). Weighed together, out of fold on the tuning
rounds, the two with the rules' reading found as many gold risks as the encoder and the rules
alone with fewer false ones, most of the gain on general news (docs/quality.md,
"Rounds 87-92: two readers combined").

The scoring is the TF-IDF recipe of scikit-learn's ``TfidfVectorizer`` (lower case, words of two
or more word characters, single words and pairs, sublinear counts, smoothed inverse document
frequency, unit length) followed by a linear map, written out in NumPy so that the product needs
no scikit-learn: bench/train_risk_model.py fits it with scikit-learn and checks that this module
gives the same scores before it saves them (``risk_ngrams.npz``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from pathlib import Path

import numpy as np

NGRAMS = Path(__file__).parent / "risk_ngrams.npz"
TOKEN = re.compile(r"\b\w\w+\b")


def grams(text: str) -> Counter[str]:
    """The words of two or more characters and the pairs of consecutive ones, counted."""
    words = TOKEN.findall(text.lower())
    return Counter(words + [f"{a} {b}" for a, b in pairwise(words)])


@dataclass(frozen=True)
class NgramModel:
    """The vocabulary (one term per line, in column order), each term's inverse document frequency
    and weight, and the intercept."""

    terms: tuple[str, ...]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float

    @cached_property
    def column(self) -> dict[str, int]:
        return {term: i for i, term in enumerate(self.terms)}

    @classmethod
    def load(cls, path: Path = NGRAMS) -> NgramModel:
        arrays = np.load(path)
        terms = tuple(arrays["terms"].tobytes().decode("utf-8").split("\n"))
        return cls(terms, arrays["idf"].astype(np.float64), arrays["coef"].astype(np.float64),
                   float(arrays["intercept"][0]))

    def save(self, path: Path) -> None:
        # terms joined as UTF-8 bytes: a fixed-width string array would be several times larger
        np.savez_compressed(path, terms=np.frombuffer("\n".join(self.terms).encode("utf-8"), dtype=np.uint8),
                            idf=self.idf.astype(np.float32), coef=self.coef.astype(np.float32),
                            intercept=np.array([self.intercept]))

    def logits(self, texts: list[str]) -> list[float]:
        """The model's log-odds that each text is of the class it was fitted for (a risk here; an
        assessment for assessment_model); a text with no known term gets the intercept."""
        out = []
        for text in texts:
            counted = [(self.column[g], n) for g, n in grams(text).items() if g in self.column]
            if not counted:
                out.append(self.intercept)
                continue
            columns = np.array([c for c, _ in counted])
            weights = (1.0 + np.log([n for _, n in counted])) * self.idf[columns]
            out.append(float(weights @ self.coef[columns] / np.linalg.norm(weights)) + self.intercept)
        return out
