"""Stored briefings for the web tests, written by hand (no spaCy) about a made-up river port.

Three days of the ``river`` briefing and one of ``grid``; one article's title and source carry
markup and its link a ``javascript:`` URL, as a hostile feed could, so the tests can check that
the pages escape and never link them.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from briefing import (
    Article,
    Briefing,
    Evidence,
    Fact,
    Place,
    Quote,
    Risk,
    Sentence,
    Service,
    Stakeholder,
    Store,
    Story,
    Summary,
    briefing_to_dict,
)

DOCKS = ("The river port of Halden reopened its northern dock on Tuesday. "
         "Harbour master Ines Varga said the dock would handle grain first. "
         "Shippers warned that fees will likely rise if the dredging runs late. "
         "The port authority expects traffic to grow by a third.")
LOCKS = ("Engineers closed the Maren lock for repairs after a barge struck its gate. "
         "Ines Varga told reporters that the repairs could take two weeks. "
         "Farmers fear that grain exports may stall during the harvest.")
HOSTILE = ("A <b>bold</b> claim & more: the canal board met in secret. "
           "Critics said the board had ignored the floods.")
OUTAGE = ("A fire at the Osk substation cut power to 40,000 homes. "
          "Grid operator Tomas Brel said supply would return by Friday.")
FEES = "fees will likely rise if the dredging runs late"
STALL = "grain exports may stall during the harvest"
CONFIG = """
state: state.db
briefings:
  river:
    title: River & port
    sources: [{type: folder, path: articles}]
    analyser: spacy
    schedule: {daily: "07:00", timezone: Europe/London}
    outputs: [{type: file, path: "out/{name}-{date}.md"}]
  grid:
    title: Power grid
    sources: [{type: folder, path: articles}]
    analyser: spacy
    outputs: [{type: file, path: "out/{name}-{date}.md"}]
  quiet:
    title: Never made
    sources: [{type: folder, path: articles}]
    analyser: spacy
    outputs: [{type: file, path: "out/{name}-{date}.md"}]
"""


def sentences_of(text: str) -> tuple[Sentence, ...]:
    found = []
    for index, match in enumerate(re.finditer(r"[^.]+\.", text)):
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        found.append(Sentence(index, start, match.end(), text[start:match.end()]))
    return tuple(found)


def article(article_id: str, title: str, text: str, url: str, source: str) -> Article:
    return Article(article_id, url, title, source, datetime(2025, 3, 3, 6, tzinfo=UTC), text,
                   sentences_of(text))


def ev(of: Article, index: int, quote: str | None = None) -> tuple[Evidence, ...]:
    return (Evidence(of.id, index, quote or of.sentences[index].text),)


def river(day: int, *, extra_fact: str | None = None) -> Briefing:
    docks = article(f"docks{day}", "Northern dock reopens", DOCKS, "https://news.example/docks",
                    "Halden Post")
    locks = article(f"locks{day}", "Maren lock shut after barge strike", LOCKS,
                    "https://news.example/locks?x=1&y=2", "River Wire")
    hostile = article(f"hostile{day}", "<script>alert('title')</script> Canal board", HOSTILE,
                      "javascript:alert('link')", "<img src=x onerror=alert(1)>")
    grain_first = "the dock would handle grain first"
    varga_quote = Quote("Ines Varga", grain_first, ev(docks, 1, grain_first))
    facts = [Fact(docks.sentences[0].text, ev(docks, 0), ("Halden Post",), 1.0),
             Fact(locks.sentences[0].text, ev(locks, 0), ("River Wire",), 0.9),
             Fact(hostile.sentences[0].text, ev(hostile, 0), ("canal",), 0.5)]
    if extra_fact:
        facts.append(Fact(docks.sentences[3].text, ev(docks, 3), ("Halden Post",), 0.4))
    return Briefing(
        name="river", title="River & port", generated_at=datetime(2025, 3, day, 7, tzinfo=UTC),
        articles=(docks, locks, hostile),
        summary=Summary(docks.sentences[0].text, ev(docks, 0)),
        facts=tuple(facts),
        stakeholders=(
            Stakeholder("Ines Varga", "person", ev(docks, 1) + ev(locks, 1), ("Varga",),
                        ("harbour master",), (varga_quote,), 0.9),
            Stakeholder("Canal board", "organization", ev(hostile, 0), (), (), (), 0.4),
        ),
        places=(Place("Halden", ev(docks, 0, "Halden"), ()),
                Place("Maren lock", ev(locks, 0, "Maren lock"))),
        risks=(
            Risk(FEES, ev(docks, 2, FEES), "likely", (0.55, 0.75), "medium", ("Shippers",), "shippers"),
            Risk(STALL, ev(locks, 2, STALL), "may", None, "low", ("Farmers",)),
        ),
        quotes=(varga_quote,),
        stories=(Story("Halden dock and Maren lock", (docks.id, locks.id), 1.0),
                 Story("Canal board under fire", (hostile.id,), 0.3)),
    )


def grid() -> Briefing:
    outage = article("outage", "Substation fire cuts power", OUTAGE, "https://news.example/grid",
                     "Grid Daily")
    return Briefing(name="grid", title="Power grid", generated_at=datetime(2025, 3, 4, 9, tzinfo=UTC),
                    articles=(outage,), summary=Summary(outage.sentences[0].text, ev(outage, 0)),
                    facts=(Fact(outage.sentences[0].text, ev(outage, 0), ("Grid Daily",), 1.0),),
                    stakeholders=(Stakeholder("Tomas Brel", "person", ev(outage, 1), (),
                                              ("grid operator",), (), 0.8),))


def write_state(folder: Path) -> Path:
    """A briefings.yaml and its state with three days of ``river`` and one of ``grid``."""
    (folder / "articles").mkdir(exist_ok=True)
    config = folder / "briefings.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    store = Store(folder / "state.db")
    for day, briefing in ((3, river(3)), (4, river(4)), (5, river(5, extra_fact="more"))):
        store.save_briefing("river", f"2025-03-0{day}", briefing.generated_at.isoformat(),
                            briefing_to_dict(briefing, with_text=True))
    store.save_briefing("grid", "2025-03-04", grid().generated_at.isoformat(),
                        briefing_to_dict(grid(), with_text=True))
    store.db.execute("INSERT INTO deliveries (briefing, day, channel, target, part, status, updated_at) "
                     "VALUES ('river', '2025-03-05', 'file', 'out/river.md', 0, 'sent', 'now')")
    store.close()
    return config


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(service: Service, **options: object) -> Iterator[str]:
    """The app on a real uvicorn server on loopback, in a thread; yields its base URL."""
    import uvicorn

    from briefing.plugins.web.app import LOOPBACK_HOSTS, make_app

    port = free_port()
    options.setdefault("allowed_hosts", LOOPBACK_HOSTS)
    config = uvicorn.Config(make_app(service, **options), host="127.0.0.1", port=port,  # type: ignore[arg-type]
                            log_level="warning", server_header=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
