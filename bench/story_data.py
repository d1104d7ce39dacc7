"""The story-clustering gold of ``multidoc/`` read into documents, and its two deterministic halves.

ECB+ (``ecbplus_story_clusters/dev/docs.jsonl``): gold story ``cluster_id`` (topic and sub-topic).
The halves split by topic, alternating over the topics in numeric order, so no topic is in both
halves: each topic holds two similar events (two earthquakes), and a half that saw one of them
while tuning would have learnt the very vocabulary that tells them apart.

GVC (``gvc_incident_clusters/dev/docs.jsonl``): gold ``incident_id``; every document is about a
shooting, with its publication date (``dct``). The halves split by incident, so no incident is in
both, alternating over the incidents ordered by their first report's date: both halves then span
the same months with about the same density of similar incidents, which is what a time-decay
parameter chosen on one half has to transfer to the other.

The documents are written as the JSON lines a user's export would be (``title``, ``text``,
``url``, ``published``), with nothing of the gold in them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.core.models import article_id_for

ECBPLUS = Path("multidoc/ecbplus_story_clusters/dev/docs.jsonl")
GVC = Path("multidoc/gvc_incident_clusters/dev/docs.jsonl")


@dataclass(frozen=True)
class Doc:
    id: str          # the article id the product gives this document
    gold: str
    group: str       # the unit the halves split by (topic, incident)
    record: dict[str, Any]


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _doc(record: dict[str, Any], gold: str, group: str) -> Doc:
    record = {key: value for key, value in record.items() if value not in (None, "")}
    record["text"] = record["text"].strip()
    return Doc(article_id_for(record["text"], record.get("url")), gold, group, record)


def ecbplus(data: Path) -> list[Doc]:
    return [_doc({"text": row["text"], "url": row.get("url")}, row["cluster_id"], str(row["topic"]))
            for row in _read(data / ECBPLUS)]


def gvc(data: Path, dated: bool = True) -> list[Doc]:
    return [_doc({"title": row.get("title"), "text": row["text"],
                  "published": row.get("dct") if dated else None},
                 row["incident_id"], row["incident_id"]) for row in _read(data / GVC)]


def halves(docs: list[Doc], by_date: bool = False) -> tuple[list[Doc], list[Doc]]:
    """Half A and half B: the groups in order (numeric, or by their first date), alternating."""
    first: dict[str, tuple[Any, ...]] = {}
    for doc in docs:
        key: tuple[Any, ...] = (doc.record.get("published", ""),) if by_date else ()
        key += (int(doc.group),) if doc.group.isdigit() else (doc.group,)
        first[doc.group] = min(first.get(doc.group, key), key)
    order = sorted(first, key=lambda group: first[group])
    in_a = {group for index, group in enumerate(order) if index % 2 == 0}
    return [d for d in docs if d.group in in_a], [d for d in docs if d.group not in in_a]


def write_jsonl(docs: list[Doc], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc.record, ensure_ascii=False) + "\n")
