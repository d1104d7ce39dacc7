"""Threat events of WikiEvents and RAMS (DEV parts): do the risks name the right actors and places?

Used by bench/eval_risks.py. In scope are the gold events of attack, threat, killing and injury
(WikiEvents ``Conflict.Attack.*``, ``Contact.ThreatenCoerce.*``, ``Life.Die.*``, ``Life.Injure.*``;
RAMS ``conflict.attack.*``, ``contact.threatencoerce.*``, ``life.die.*``, ``life.injure.*``)
and their arguments in five role groups: attacker (also killer, injurer, a threat's
communicator), target (also a threat's recipient), victim, instrument (also explosive device),
place. An argument is matched by its head: WikiEvents gives the head as the argument's text; for
a RAMS span the head is its last word.

Two systems make *items* (a sentence with names in it):

- ``risks``: the product path (spaCy analyser, ``risks`` extractor); an item is a risk, its actor
  names are ``Risk.actors``, its place names the places the ``places`` extractor found in the
  article that occur in the risk's text, its text the risk's text;
- ``trigger baseline``: every sentence with an attack or threat word (TRIGGERS, by lemma); its
  actor names are the spaCy PERSON, ORG, NORP and GPE entities in it, its place names the GPE,
  LOC and FAC entities, its text the sentence.

A gold event is covered by an item whose sentence holds its trigger. A gold argument is found
when a covered item names it: attacker and victim among the actor names, target among the actor
or place names, place among the place names, instrument in the item's text (a word of a name or
text equal to the head, case folded). Name precision: the names of all items that are the head
of an argument of an in-scope event in that sentence, over all names the items give.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.plugins.text.words import word_set

ROLE_GROUP = {
    "attacker": "attacker", "killer": "attacker", "injurer": "attacker", "communicator": "attacker",
    "target": "target", "recipient": "target", "victim": "victim",
    "instrument": "instrument", "explosivedevice": "instrument", "place": "place",
}
GROUPS = ("attacker", "target", "victim", "instrument", "place")
IN_SCOPE = re.compile(r"^(?:conflict\.attack|contact\.threatencoerce|life\.die|life\.injure)\b", re.I)
TRIGGERS = word_set("""
attack assault bomb bombing blast explode explosion detonate shoot shooting gunfire fire shell
shelling strike airstrike raid ambush stab hijack invade invasion kill killing murder wound injure
threaten threat massacre execute
""")
_WORD = re.compile(r"\w+")


@dataclass
class Event:
    trigger_char: int  # character offset of the trigger in the document text
    arguments: list[tuple[str, str]]  # (role group, head word, case folded)


@dataclass
class Document:
    text: str
    events: list[Event] = field(default_factory=list)


@dataclass
class Item:
    start: int  # character range of the item's sentence
    end: int
    actors: tuple[str, ...]
    places: tuple[str, ...]
    text: str


def _join(sentences: list[list[str]]) -> tuple[str, list[int]]:
    """Text of tokens joined by spaces, sentences by line breaks; the offset of each token."""
    offsets: list[int] = []
    parts: list[str] = []
    position = 0
    for sentence in sentences:
        line = []
        for token in sentence:
            offsets.append(position)
            line.append(token)
            position += len(token) + 1
        parts.append(" ".join(line))
    return "\n".join(parts), offsets


def wikievents(root: Path) -> Iterator[Document]:
    path = root / "multidoc" / "wikievents" / "dev" / "dev.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text, offsets = _join([[t[0] for t in sentence[0]] for sentence in item["sentences"]])
        doc = Document(text)
        for event in item["event_mentions"]:
            if not IN_SCOPE.match(event["event_type"]):
                continue
            args = [(ROLE_GROUP[a["role"].lower()], a["text"].split()[-1].casefold())
                    for a in event["arguments"] if a["role"].lower() in ROLE_GROUP]
            doc.events.append(Event(offsets[event["trigger"]["start"]], args))
        yield doc


def rams(root: Path) -> Iterator[Document]:
    path = root / "multidoc" / "rams" / "dev" / "dev.jsonlines"
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        tokens = [t for sentence in item["sentences"] for t in sentence]
        text, offsets = _join(item["sentences"])
        doc = Document(text)
        for start, _end, ((kind, _),) in item["evt_triggers"]:
            if not IN_SCOPE.match(kind):
                continue
            args = []
            for (trigger, _), (_s, arg_end), role in item["gold_evt_links"]:
                group = ROLE_GROUP.get(re.sub(r"^evt\d+arg\d+", "", role).lower())
                if trigger == start and group:
                    args.append((group, tokens[arg_end].casefold()))
            doc.events.append(Event(offsets[start], args))
        yield doc


def _words(name: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(name)}


def _found(group: str, head: str, item: Item) -> bool:
    if group == "instrument":
        return head in _words(item.text)
    names = {"attacker": item.actors, "victim": item.actors, "place": item.places,
             "target": item.actors + item.places}[group]
    return any(head in _words(name) for name in names)


def score(docs: list[Document], items: list[list[Item]]) -> dict[str, Any]:
    """Coverage, per-group argument recall and name precision (see module doc)."""
    counts: Counter[str] = Counter()
    for doc, found in zip(docs, items, strict=True):
        counts["items"] += len(found)
        for event in doc.events:
            counts["events"] += 1
            covering = [i for i in found if i.start <= event.trigger_char < i.end]
            counts["covered"] += bool(covering)
            for group, head in event.arguments:
                counts[f"{group}:gold"] += 1
                counts[f"{group}:found"] += any(_found(group, head, i) for i in covering)
        for item in found:
            heads = {h for e in doc.events if item.start <= e.trigger_char < item.end for _, h in e.arguments}
            for name in (*item.actors, *item.places):
                counts["names"] += 1
                counts["names:right"] += bool(_words(name) & heads)
    table: dict[str, Any] = {"events": counts["events"], "items": counts["items"],
                             "covered": counts["covered"]}
    for group in GROUPS:
        gold = counts[f"{group}:gold"]
        table[group] = {"gold": gold, "recall": round(counts[f"{group}:found"] / gold, 3) if gold else 0.0}
    table["name_precision"] = round(counts["names:right"] / counts["names"], 3) if counts["names"] else 0.0
    table["names"] = counts["names"]
    return table


def baseline_items(doc: Any) -> list[Item]:
    actor_labels = {"PERSON", "ORG", "NORP", "GPE"}
    place_labels = {"GPE", "LOC", "FAC"}
    found = []
    for sent in doc.sents:
        if not any(t.lemma_.lower() in TRIGGERS or t.lower_ in TRIGGERS for t in sent):
            continue
        ents = [e for e in doc.ents if sent.start <= e.start and e.end <= sent.end]
        found.append(Item(sent.start_char, sent.end_char,
                          tuple(e.text for e in ents if e.label_ in actor_labels),
                          tuple(e.text for e in ents if e.label_ in place_labels), sent.text))
    return found


def risk_items(analysed: Any, risks: list[Any], places: list[Any]) -> list[Item]:
    sentences = analysed.article.sentences
    names = [n for p in places for n in (p.name, *p.aliases)]
    found = []
    for risk in risks:
        sentence = sentences[risk.evidence[0].sentence_index]
        found.append(Item(sentence.start, sentence.end, tuple(risk.actors),
                          tuple(n for n in names if n in risk.text), risk.text))
    return found


Reader = Callable[[Path], Iterator[Document]]
SETS: dict[str, Reader] = {"wikievents": wikievents, "rams": rams}
