"""Two more entity sets for bench/eval_entities.py: GUM news and a wire-copy set made from FA-KES.

Each reader yields (text, gold pairs, ignored names): gold pairs are (normalised name, type), and
a found name in ``ignored`` that is not gold is neither right nor wrong (see gum_news).

- ``ner/gum_news/news/*.tsv`` (21 Wikinews articles, GUM): one token and its entity type a line,
  no IOB, a run of tokens of one type is one mention, nested mentions flattened, nominal and
  pronominal mentions included ("the country's military", "he"). Only names are scored: a
  person, place or organization mention (split at commas: "Clearwater, Florida" is two) counts
  when, after a leading determiner, every word is capitalised or a connector between capitalised
  words ("of", "for", "and", "&", "de", "the", "-"; in a person's name only particles such as
  "al", "de", "-", so "<Name> of <Party>" is a description; nor a possessive: "Mecca's Grand
  Mosque" is a description). A sentence's first word counts as
  capitalised only when its lower-case form never occurs in the document ("Police said" is not a
  name, "Obama said" is). A mention that is not wholly a name ("Facebook co-founder Mark
  Zuckerberg") is not scored, and a found name inside such a mention is ignored rather than
  counted wrong, since the flattened format hides which part of it was a name. Documents are
  rebuilt by joining tokens with spaces and sentences with line breaks.
- wire copy: ``news/fakes_syria/fakes.csv`` rows 5, 25, ..., 785, the opening of each body
  (``wire_opening``), gold names from ``bench/gold/wire_entities.json`` (how they were labelled:
  bench/gold/README.md).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

Pairs = set[tuple[str, str]]
Doc = tuple[str, Pairs, list[str]]
GUM_TYPES = {"person": "person", "place": "location", "organization": "organization"}
CONNECTORS = frozenset({"of", "for", "and", "&", "de", "the", "-", "al", "el", "du", "la"})
NAME_PARTICLES = frozenset({"-", "al", "el", "de", "du", "la", "van", "von", "bin"})  # inside a person's name
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their"})
PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they", "me", "him", "us", "them", "his", "her",
                      "its", "our", "their", "my", "your", "who", "whom", "this", "that", "these", "those"})
WIRE_GOLD = Path(__file__).resolve().parent / "gold" / "wire_entities.json"


def _sentences(path: Path) -> list[list[tuple[str, str]]]:
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, kind = line.split("\t")
        current.append((token, kind))
    if current:
        sentences.append(current)
    return sentences


def _name_parts(tokens: list[str], capitalised: list[bool], person: bool) -> list[str] | None:
    """The names a mention consists of, or None when it is not wholly names."""
    connectors = NAME_PARTICLES if person else CONNECTORS
    parts: list[list[int]] = [[]]
    for i, token in enumerate(tokens):
        if token == ",":
            parts.append([])
        else:
            parts[-1].append(i)
    names = []
    for part in parts:
        while part and tokens[part[0]].lower() in DETERMINERS and not capitalised[part[0]]:
            part = part[1:]
        if part and tokens[part[0]].lower() in DETERMINERS and len(part) > 1:
            part = part[1:]  # "The Ontario Ghostbusters": the article, not the name
        if not part:
            return None
        if not (capitalised[part[0]] and capitalised[part[-1]]):
            return None
        if any(not capitalised[i] and tokens[i].lower() not in connectors for i in part):
            return None
        names.append(" ".join(tokens[i] for i in part))
    return names


def gum_news(root: Path, normalise: Callable[[str], str]) -> Iterator[Doc]:
    for path in sorted((root / "ner" / "gum_news" / "news").glob("*.tsv")):
        sentences = _sentences(path)
        lower = {t for s in sentences for t, _ in s[1:] if t.islower()}
        gold: Pairs = set()
        ignored: list[str] = []
        for sentence in sentences:
            caps = [bool(t[:1].isupper()) and t.lower() not in PRONOUNS and (i > 0 or t.lower() not in lower)
                    for i, (t, _) in enumerate(sentence)]
            start = 0
            for i in range(1, len(sentence) + 1):
                if i < len(sentence) and sentence[i][1] == sentence[start][1]:
                    continue
                kind = sentence[start][1]
                if kind in GUM_TYPES:
                    tokens = [t for t, _ in sentence[start:i]]
                    names = _name_parts(tokens, caps[start:i], kind == "person")
                    if names is None:
                        ignored.append(normalise(" ".join(tokens)))
                    else:
                        gold.update((normalise(n), GUM_TYPES[kind]) for n in names)
                start = i
        text = "\n".join(" ".join(t for t, _ in s) for s in sentences)
        yield text, gold, ignored


def wire_opening(body: str, low: int = 40, high: int = 90) -> str:
    """The body up to the first word ending in '.' at or after word ``low``, or to word ``high``."""
    words = body.split()
    kept: list[str] = []
    for word in words:
        kept.append(word)
        if (len(kept) >= low and word.endswith(".")) or len(kept) >= high:
            break
    return " ".join(kept)


def wire(root: Path, normalise: Callable[[str], str]) -> Iterator[Doc]:
    with (root / "news" / "fakes_syria" / "fakes.csv").open(encoding="latin-1", newline="") as handle:
        rows = list(csv.DictReader(handle))
    gold = json.loads(WIRE_GOLD.read_text(encoding="utf-8"))
    for key in sorted(gold, key=lambda k: gold[k]["position"]):
        text = wire_opening(rows[int(key.split(":")[1])]["article_content"])
        yield text, {(normalise(n), t) for n, t in gold[key]["names"]}, []


def inside_ignored(name: str, ignored: list[str]) -> bool:
    """True when the name is a run of whole words of a mention that is not scored."""
    return any(re.search(rf"(?:^| ){re.escape(name)}(?: |$)", mention) for mention in ignored)
