"""A parse's token attributes as plain Python lists, read once per parse and shared by extractors.

A spaCy ``Doc[i]`` builds a new Token object on every access, and ``Doc.ents`` and ``Doc.text``
rebuild theirs on every call. The extractors look at every token of an article several times
(entity runs, finite verbs, reporting verbs, risk words, numbers), and building those objects
again each time was most of what their Python cost over the model's own. Here each attribute is
one ``Doc.to_array`` column, each distinct string looked up once; the columns only some rules read
(lemmas, dependencies) are read when first asked for. `plain_tokens` hands every extractor the
same table for a parse, so the work is done once per article, not once per extractor.

Token objects are still the right tool for the few places a rule walks the tree around one token
(a subject's subtree, a verb's auxiliaries); ``doc`` gives the parse for those. The table holds
the parse only weakly: it lives in a cache keyed weakly by the parse, and a strong reference back
would keep every parse of a run alive, which is the memory the streaming exists to give back.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left
from typing import Any

_TABLES: weakref.WeakKeyDictionary[Any, PlainTokens] = weakref.WeakKeyDictionary()


def plain_tokens(doc: Any) -> PlainTokens:
    """The table of ``doc``, built on the first call for that parse and shared after."""
    table = _TABLES.get(doc)
    if table is None or len(table) != len(doc):
        table = _TABLES[doc] = PlainTokens(doc)
    return table


class PlainTokens:
    """Columns of token attributes: ``text[i]``, ``lower[i]``, ``pos[i]`` ... of token ``i``."""

    def __init__(self, doc: Any) -> None:
        from spacy.attrs import ENT_TYPE, IDX, ORTH, POS, SENT_START, SPACY, TAG

        self._doc = weakref.ref(doc)
        self._names: dict[int, str] = {}
        attrs = [ORTH, POS, TAG, ENT_TYPE, IDX, SPACY, SENT_START]
        columns = self._columns(attrs)
        self.text, self.pos, self.tag, self.ent_type = (self._read(c) for c in columns[:4])
        self.lower = [t.lower() for t in self.text]  # spaCy's LOWER is the text's str.lower()
        self.idx: list[int] = columns[4]
        self.ws = [" " if space else "" for space in columns[5]]
        self.sent_start = [start == 1 for start in columns[6]]  # -1 (not a start) is stored unsigned
        # capitalised: an upper-case first character and a letter somewhere (the first, nearly always)
        self.caps = [t[:1].isupper() and (t[0].isalpha() or any(ch.isalpha() for ch in t)) for t in self.text]
        self._full_text: str | None = None
        self._acronyms: frozenset[str] | None = None
        self._parse: tuple[list[str], list[str], list[int], list[bool]] | None = None
        self._like_num: list[bool] | None = None
        self.ents = [(e.start, e.end, e.label_) for e in doc.ents]
        self._ent_starts = [start for start, _, _ in self.ents]

    @property
    def doc(self) -> Any:
        """The parse the table was read from (alive as long as whoever handed it over holds it)."""
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the parse of this token table is gone")
        return doc

    def _columns(self, attrs: list[int]) -> list[list[int]]:
        if not len(self.doc):
            return [[] for _ in attrs]
        array = self.doc.to_array(attrs)
        if array.ndim == 1:  # spaCy gives one attribute as a flat array
            array = array.reshape(-1, 1)
        return list(array.T.tolist())

    def _read(self, ids: list[int]) -> list[str]:
        """Strings of hash ids, each distinct one looked up in the string store once."""
        names, strings = self._names, self.doc.vocab.strings
        for key in set(ids).difference(names):
            names[key] = strings[key] if key else ""
        return [names[key] for key in ids]

    def __len__(self) -> int:
        return len(self.text)

    @property
    def full_text(self) -> str:
        """``Doc.text``, joined from the columns when first asked for."""
        if self._full_text is None:
            self._full_text = "".join(t + w for t, w in zip(self.text, self.ws, strict=True))
        return self._full_text

    @property
    def acronyms(self) -> frozenset[str]:
        """The all-capital words of 3 to 6 letters the article uses, casefolded."""
        if self._acronyms is None:
            self._acronyms = frozenset(w.casefold() for w in self.text
                                       if 3 <= len(w) <= 6 and w.isalpha() and w.isupper())
        return self._acronyms

    def char_end(self, token: int) -> int:
        """The character offset just past a token (``token.idx + len(token)``)."""
        return self.idx[token] + len(self.text[token])

    def span_text(self, first: int, end: int) -> str:
        """The text of tokens ``first`` up to ``end`` (exclusive), as ``doc[first:end].text``."""
        if end <= first:
            return ""
        return self.full_text[self.idx[first]: self.char_end(end - 1)]

    # Columns of the parse, read when a rule first needs them.

    def _parse_columns(self) -> tuple[list[str], list[str], list[int], list[bool]]:
        if self._parse is None:
            from spacy.attrs import DEP, HEAD, LEMMA, MORPH

            lemma_ids, dep_ids, head_offsets, morph_ids = self._columns([LEMMA, DEP, HEAD, MORPH])
            lemma = [name.lower() for name in self._read(lemma_ids)]
            dep = self._read(dep_ids)
            # HEAD is the offset to the head, stored unsigned: read it back as a signed number
            head = [i + (offset - (1 << 64) if offset >= 1 << 63 else offset)
                    for i, offset in enumerate(head_offsets)]
            finite = {key: "VerbForm=Fin" in name for key, name in
                      zip(set(morph_ids), self._read(list(set(morph_ids))), strict=True)}
            self._parse = lemma, dep, head, [finite[key] for key in morph_ids]
        return self._parse

    @property
    def lemma(self) -> list[str]:
        """Lower-cased lemmas (``token.lemma_.lower()``)."""
        return self._parse_columns()[0]

    @property
    def dep(self) -> list[str]:
        return self._parse_columns()[1]

    @property
    def head(self) -> list[int]:
        """The index of each token's head (a root is its own head)."""
        return self._parse_columns()[2]

    @property
    def finite(self) -> list[bool]:
        """Whether the morphology marks the token as a finite verb form (VerbForm=Fin)."""
        return self._parse_columns()[3]

    @property
    def like_num(self) -> list[bool]:
        if self._like_num is None:
            from spacy.attrs import LIKE_NUM

            self._like_num = [bool(flag) for flag in self._columns([LIKE_NUM])[0]]
        return self._like_num

    def ents_starting_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, label) of the entities that start at a token in [start, end), in order."""
        first = bisect_left(self._ent_starts, start)
        last = bisect_left(self._ent_starts, end, lo=first)
        return self.ents[first:last]
