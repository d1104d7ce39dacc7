"""Helpers for the Telegram tests: a hand-built stored briefing and a config.

The briefing is written by hand (no spaCy) about a made-up harbour bridge, so tests are fast and
every answer can be checked against sentences we know.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from briefing.core.components import PublishContext, RunContext
from briefing.core.models import (
    Article,
    Briefing,
    Evidence,
    Fact,
    Quote,
    Risk,
    Sentence,
    Stakeholder,
    Summary,
)
from briefing.core.outbox import Outbox
from briefing.core.rendering import make_environment, render
from briefing.core.secrets import Secret
from briefing.core.serialize import briefing_to_dict
from briefing.core.store import Store
from briefing.plugins.telegram.publisher import TelegramOptions, TelegramPublisher
from briefing.plugins.telegram.settings import BotSettings
from briefing.testing.fakebot import TOKEN

sys.path.insert(0, str(Path(__file__).parent))

ARTICLE_ONE = (
    "The harbour council approved a new bridge on Monday. "
    "Mayor Lena Ortiz said the bridge would open in 2027. "
    "Engineers warned that costs will likely rise if steel prices climb. "
    "The ferry company opposes the plan because it fears losing passengers."
)
ARTICLE_TWO = (
    "Residents of the old town asked for a noise study before construction starts. "
    "The port authority expects traffic to double within ten years. "
    "Lena Ortiz told reporters that the council had listened to residents. "
    "Environmental groups could sue over the dredging of the bay."
)


def sentences_of(text: str) -> tuple[Sentence, ...]:
    found = []
    for index, match in enumerate(re.finditer(r"[^.]+\.", text)):
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        found.append(Sentence(index, start, match.end(), text[start:match.end()]))
    return tuple(found)


def make_article(article_id: str, title: str, text: str, url: str, source: str) -> Article:
    return Article(article_id, url, title, source, None, text, sentences_of(text))


def ev(article: Article, index: int) -> tuple[Evidence, ...]:
    return (Evidence(article.id, index, article.sentences[index].text),)


def harbour_briefing(name: str = "harbour", *, when: datetime | None = None,
                     padding: int = 0) -> Briefing:
    one = make_article("a1", "Council backs harbour bridge", ARTICLE_ONE,
                       "https://news.example/bridge?a=1&b=2", "Harbour Times")
    two = make_article("a2", "Old town wants <quiet> building", ARTICLE_TWO,
                       "https://news.example/old-town", "Bay Post")
    facts = [Fact(one.sentences[0].text, ev(one, 0), ("Harbour Times",), 1.0),
             Fact(two.sentences[1].text, ev(two, 1), ("Bay Post",), 0.8)]
    facts += [Fact(f"Filler fact number {i} about tides & <currents>.", ev(one, 0), (), 0.1)
              for i in range(padding)]
    ortiz_quote = Quote("Lena Ortiz", "the bridge would open in 2027", ev(one, 1))
    return Briefing(
        name=name, title="Harbour & bridge", generated_at=when or datetime.now(UTC),
        articles=(one, two),
        summary=Summary(one.sentences[0].text, ev(one, 0)),
        facts=tuple(facts),
        stakeholders=(
            Stakeholder("Lena Ortiz", "person", ev(one, 1) + ev(two, 2), ("Ortiz",), ("mayor",),
                        (ortiz_quote,), 0.9),
            Stakeholder("Harbour council", "organization", ev(one, 0), (), (), (), 0.5),
        ),
        risks=(
            Risk("costs will likely rise if steel prices climb", ev(one, 2), "likely", (0.55, 0.75),
                 "medium", ("Engineers",), "the city's engineers"),
            Risk("Environmental groups could sue over the dredging of the bay", ev(two, 3), "could",
                 None, "low", ("Environmental groups",)),
        ),
        quotes=(ortiz_quote,),
    )


def store_briefing(store: Store, briefing: Briefing, day: str | None = None) -> None:
    day = day or briefing.generated_at.date().isoformat()
    store.save_briefing(briefing.name, day, briefing.generated_at.isoformat(),
                        briefing_to_dict(briefing, with_text=True))


def write_config(folder: Path, api_url: str, *, outputs: str = "[]", admins: str = "[42]",
                 extra_bot: str = "", analyser: str = "spacy",
                 schedule: str = '{daily: "07:00", timezone: Europe/London}') -> Path:
    (folder / "articles").mkdir(exist_ok=True)
    (folder / "articles" / "one.txt").write_text("Bridge news.\n\n" + ARTICLE_ONE, encoding="utf-8")
    config = folder / "briefings.yaml"
    config.write_text(f"""
state: state.db
bot:
  token: {{$env: TEST_TELEGRAM_TOKEN}}
  api_url: {api_url}
  admins: {admins}
  poll_timeout: 1
  backoff: 0.01
  read_timeout: 2
{extra_bot}
briefings:
  harbour:
    title: Harbour & bridge
    sources: [{{type: folder, path: articles}}]
    cleaners: []
    analyser: {analyser}
    extractors: []
    summariser: null
    schedule: {schedule}
    outputs: {outputs}
""", encoding="utf-8")
    return config


LONG_TEMPLATE = """{% extends "default:briefing.tg.html.j2" %}
{% block facts %}

<b>Every fact</b>
{% for fact in briefing.facts %}
• {{ fact.text | e }} {{ cite(fact) }}

{% endfor %}
{% endblock %}
"""


def publish_briefing(tmp_path: Path, api_url: str, targets: list[str], *, resend: bool = False,
                     padding: int = 0, template: str = "briefing.tg.html.j2",
                     store: Store | None = None, chat_interval: float = 0.05) -> None:
    """What the pipeline does at publish time, for a hand-built briefing (no spaCy)."""
    (tmp_path / "templates").mkdir(exist_ok=True)
    (tmp_path / "templates" / "long.tg.html.j2").write_text(LONG_TEMPLATE, encoding="utf-8")
    briefing = harbour_briefing(padding=padding, when=datetime(2025, 1, 2, 6, 0, tzinfo=UTC))
    store = store or Store(tmp_path / "state.db")
    sections = {"bot": BotSettings(token=Secret("TEST_TELEGRAM_TOKEN", TOKEN), api_url=api_url,
                                   backoff=0.01, read_timeout=1.0, chat_interval=chat_interval,
                                   group_per_minute=1200)}
    run = RunContext("harbour", briefing.generated_at, tmp_path, store, sections=sections)
    env = make_environment(None, tmp_path / "templates")
    context = PublishContext(run, "2025-01-02", lambda name: render(env, name, briefing),
                             Outbox(store, "harbour", "2025-01-02"), resend)
    TelegramPublisher(TelegramOptions(chat_id=targets, template=template)).publish(briefing, context)
