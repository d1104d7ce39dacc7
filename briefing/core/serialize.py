"""The briefing as JSON (docs/briefing.schema.json) and back.

The store keeps this JSON, so chat commands and ``briefing render`` read a briefing back without
running the pipeline again. Article texts are kept (with sentence offsets) so that every piece of
evidence can still be resolved after a restart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from briefing.core.models import (
    Article,
    Briefing,
    Evidence,
    Fact,
    Place,
    Quote,
    Risk,
    Sentence,
    StageFailure,
    Stakeholder,
    Story,
    Summary,
    stakeholder_kind,
)


def _evidence(evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [{"article_id": e.article_id, "sentence_index": e.sentence_index, "quote": e.quote}
            for e in evidence]


def _quote(quote: Quote, *, speaker: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {"speaker": quote.speaker} if speaker else {}
    data.update(text=quote.text, evidence=_evidence(quote.evidence))
    return data


def briefing_to_dict(briefing: Briefing, *, with_text: bool = False) -> dict[str, Any]:
    """The JSON contract; ``with_text`` adds article texts and sentences (used by the store)."""
    articles = []
    for article in briefing.articles:
        entry: dict[str, Any] = {
            "id": article.id, "title": article.title, "url": article.url, "source": article.source,
            "published_at": article.published_at.isoformat() if article.published_at else None,
            "copies": [dict(copy) for copy in article.meta.get("copies", ())],
        }
        if with_text:
            entry["text"] = article.text
            entry["sentences"] = [[s.start, s.end] for s in article.sentences]
        articles.append(entry)
    summary = briefing.summary
    return {
        "name": briefing.name,
        "title": briefing.title,
        "generated_at": briefing.generated_at.isoformat(),
        "articles": articles,
        "summary": {"text": summary.text, "evidence": _evidence(summary.evidence)} if summary else None,
        "facts": [{"text": f.text, "score": round(f.score, 4), "sources": list(f.sources),
                   "new": f.new, "evidence": _evidence(f.evidence)} for f in briefing.facts],
        "stakeholders": [
            {"name": s.name, "kind": s.kind, "aliases": list(s.aliases), "roles": list(s.roles),
             "salience": round(s.salience, 4), "evidence": _evidence(s.evidence),
             "quotes": [_quote(q, speaker=False) for q in s.quotes]}
            for s in briefing.stakeholders
        ],
        "places": [{"name": p.name, "aliases": list(p.aliases), "evidence": _evidence(p.evidence)}
                   for p in briefing.places],
        "risks": [
            {"text": r.text, "kind": r.kind, "likelihood": r.likelihood,
             "probability": list(r.probability) if r.probability else None,
             "severity": r.severity, "actors": list(r.actors), "speaker": r.speaker, "context": r.context,
             "new": r.new, "confidence": None if r.confidence is None else round(r.confidence, 4),
             "evidence": _evidence(r.evidence)}
            for r in briefing.risks
        ],
        "quotes": [_quote(q) for q in briefing.quotes],
        "failures": [{"stage": f.stage, "component": f.component, "plugin": f.plugin,
                      "error": f.error} for f in briefing.failures],
        "stories": [_story(s) for s in briefing.stories],
    }


def _story(story: Story) -> dict[str, Any]:
    summary = story.summary
    return {"id": story.id, "title": story.title, "article_ids": list(story.article_ids),
            "score": round(story.score, 4),
            "first_published": story.first_published.isoformat() if story.first_published else None,
            "last_published": story.last_published.isoformat() if story.last_published else None,
            "actors": list(story.actors), "places": list(story.places),
            "summary": {"text": summary.text, "evidence": _evidence(summary.evidence)} if summary else None,
            "status": story.status,
            "first_briefed": story.first_briefed.isoformat() if story.first_briefed else None,
            "new_article_ids": list(story.new_article_ids),
            "copy_ids": list(story.copy_ids)}


def _story_from(data: dict[str, Any]) -> Story:
    """A stored story; one stored before stories carried a status reads as new, with all its
    articles new."""
    summary = data.get("summary")
    return Story(data["title"], tuple(data["article_ids"]), data.get("score", 0.0), data.get("id", ""),
                 _when(data.get("first_published")), _when(data.get("last_published")),
                 tuple(data.get("actors", ())), tuple(data.get("places", ())),
                 Summary(summary["text"], _evidence_from(summary["evidence"])) if summary else None,
                 data.get("status", "new"), _when(data.get("first_briefed")),
                 tuple(data.get("new_article_ids", data["article_ids"])),
                 tuple(data.get("copy_ids", ())))


def _evidence_from(data: list[dict[str, Any]]) -> tuple[Evidence, ...]:
    return tuple(Evidence(e["article_id"], int(e["sentence_index"]), e["quote"]) for e in data)


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def briefing_from_dict(data: dict[str, Any]) -> Briefing:
    """Rebuild a Briefing from its JSON (texts and sentences only if they were kept)."""
    articles = []
    for a in data["articles"]:
        text = a.get("text", "")
        sentences = tuple(Sentence(i, start, end, text[start:end])
                          for i, (start, end) in enumerate(a.get("sentences", [])))
        articles.append(Article(a["id"], a.get("url"), a.get("title", ""), a.get("source", ""),
                                _when(a.get("published_at")), text, sentences,
                                {"copies": a["copies"]} if a.get("copies") else {}))
    summary = data.get("summary")
    return Briefing(
        name=data["name"],
        title=data["title"],
        generated_at=datetime.fromisoformat(data["generated_at"]),
        articles=tuple(articles),
        summary=Summary(summary["text"], _evidence_from(summary["evidence"])) if summary else None,
        facts=tuple(Fact(f["text"], _evidence_from(f["evidence"]), tuple(f["sources"]), f["score"],
                         bool(f.get("new", True)))
                    for f in data.get("facts", [])),
        stakeholders=tuple(
            Stakeholder(s["name"], stakeholder_kind(s["kind"]), _evidence_from(s["evidence"]),
                        tuple(s["aliases"]), tuple(s["roles"]),
                        tuple(Quote(s["name"], q["text"], _evidence_from(q["evidence"]))
                              for q in s.get("quotes", [])),
                        s["salience"])
            for s in data.get("stakeholders", [])
        ),
        places=tuple(Place(p["name"], _evidence_from(p["evidence"]), tuple(p["aliases"]))
                     for p in data.get("places", [])),
        risks=tuple(
            Risk(r["text"], _evidence_from(r["evidence"]), r.get("likelihood"),
                 (r["probability"][0], r["probability"][1]) if r.get("probability") else None,
                 r.get("severity", "medium"), tuple(r.get("actors", [])), r.get("speaker"),
                 r.get("context"), r.get("kind", "risk"), bool(r.get("new", True)), r.get("confidence"))
            for r in data.get("risks", [])
        ),
        quotes=tuple(Quote(q.get("speaker"), q["text"], _evidence_from(q["evidence"]))
                     for q in data.get("quotes", [])),
        failures=tuple(StageFailure(f["stage"], f["component"], f["plugin"], f["error"])
                       for f in data.get("failures", [])),
        stories=tuple(_story_from(s) for s in data.get("stories", [])),
    )
