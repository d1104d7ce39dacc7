"""The email without a server: message shape, options checking, Maildir and .eml output."""

from __future__ import annotations

import email
import email.policy
import mailbox
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from briefing import (
    Briefing,
    Evidence,
    Fact,
    PublishContext,
    RunContext,
    Secret,
    Sentence,
    Stakeholder,
    Summary,
    make_article,
)
from briefing.core.options import OptionsBuilder
from briefing.core.outbox import Outbox
from briefing.core.rendering import make_environment, render
from briefing.core.store import Store
from briefing.plugins.outputs.email.message import message_id
from briefing.plugins.outputs.email.publisher import EmailOptions, EmailPublisher
from briefing.testing import run_pipeline

DAY = "2024-03-09"


def make_briefing() -> Briefing:
    text = "The library will open on Sundays. Volunteers offered to staff the desk."
    article = make_article(text, title="Library opens on Sundays", source="Town Crier")
    sentences = (Sentence(0, 0, 33, text[:33]), Sentence(1, 34, len(text), text[34:]))
    article = replace(article, sentences=sentences)
    first = (Evidence(article.id, 0, "open on Sundays"),)
    return Briefing(
        "town", "Town news\nweekly", datetime(2024, 3, 9, 8, 30, tzinfo=UTC), (article,),
        summary=Summary("The library will open on Sundays.", first),
        facts=(Fact("Volunteers offered to staff the desk.", (Evidence(article.id, 1, "Volunteers"),)),),
        stakeholders=(Stakeholder("Town library", "organization", first),),
    )


def build(raw: dict[str, Any], base: Path) -> tuple[EmailOptions | None, list[str]]:
    builder = OptionsBuilder(base, lambda at: ".".join(map(str, at)))
    built = builder.build(EmailOptions, raw, ("outputs", 0))
    return built, builder.problems


def publish(tmp_path: Path, raw: dict[str, Any], briefing: Briefing | None = None) -> Outbox:
    opts, problems = build(raw, tmp_path)
    assert opts is not None, problems
    briefing = briefing or make_briefing()
    store = Store(tmp_path / "state.db")
    outbox = Outbox(store, briefing.name, DAY)
    env = make_environment(None, None)
    context = PublishContext(RunContext(briefing.name, briefing.generated_at, tmp_path, store), DAY,
                             lambda template: render(env, template, briefing), outbox)
    EmailPublisher(opts).publish(briefing, context)
    return outbox


def test_maildir_output_opens_with_python_mailbox(tmp_path: Path) -> None:
    publish(tmp_path, {"to": ["ana@example.org", "ben@example.org"], "maildir": "out/{name}-mail",
                       "unsubscribe": ["https://news.example/leave?who={to}"],
                       "one_click_unsubscribe": True})
    box = mailbox.Maildir(str(tmp_path / "out" / "town-mail"), factory=None, create=False)
    messages = sorted((m for m in box), key=lambda m: str(m["To"]))
    assert [m["To"] for m in messages] == ["ana@example.org", "ben@example.org"]
    parsed = email.message_from_bytes(messages[0].as_bytes(), policy=email.policy.default)
    assert isinstance(parsed, email.message.EmailMessage)
    assert parsed["Subject"] == "Town news weekly: 2024-03-09"  # line break in a title collapsed
    assert parsed["From"] == "Briefing <briefing@localhost>"
    assert parsed["List-Unsubscribe"].strip() == "<https://news.example/leave?who=ana@example.org>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Auto-Submitted"] == "auto-generated"
    plain, html = parsed.get_body(("plain",)), parsed.get_body(("html",))
    assert plain is not None and html is not None
    assert "Volunteers offered to staff the desk. [1]" in plain.get_content()
    assert "Town library" in html.get_content()


def test_maildir_twice_is_once(tmp_path: Path) -> None:
    raw = {"to": ["ana@example.org"], "maildir": "mail"}
    publish(tmp_path, raw)
    outbox = publish(tmp_path, raw)
    assert len(mailbox.Maildir(str(tmp_path / "mail"), create=False)) == 1
    delivery = outbox.get(f"maildir:{tmp_path / 'mail'}", "ana@example.org")
    assert delivery is not None and delivery.status == "sent"
    assert delivery.message_id == message_id("town", DAY, "ana@example.org", "briefing@localhost")


def test_eml_files_open_as_mail(tmp_path: Path) -> None:
    publish(tmp_path, {"to": ["ana@example.org"], "eml": "eml/{date}", "from": "News <news@example.org>"})
    path = tmp_path / "eml" / DAY / f"town-{DAY}-ana@example.org.eml"
    data = path.read_bytes()
    assert b"\r\n" in data
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert parsed["From"] == "News <news@example.org>"
    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temporary left


def test_message_id_differs_by_recipient_day_and_briefing() -> None:
    base = message_id("town", DAY, "ana@example.org", "b@example.org")
    assert base == message_id("town", DAY, "ANA@example.org ", "b@example.org")
    assert base != message_id("town", DAY, "ben@example.org", "b@example.org")
    assert base != message_id("town", "2024-03-10", "ana@example.org", "b@example.org")
    assert base != message_id("city", DAY, "ana@example.org", "b@example.org")
    assert base.endswith("@example.org>")


@pytest.mark.parametrize(("raw", "expected"), [
    ({"to": [], "maildir": "m"}, "to: expected at least one recipient"),
    ({"to": ["not-an-address"], "maildir": "m"}, "to[0]: 'not-an-address' is not an email address"),
    ({"to": ["a@example.org"]}, "expected exactly one of smtp (a server), maildir or eml"),
    ({"to": ["a@example.org"], "maildir": "m", "eml": "e"}, "got maildir and eml"),
    ({"to": ["a@example.org"], "smtp": {"host": "mail.example.org"}}, "from: required to send"),
    ({"to": ["a@example.org"], "maildir": "m", "subject": "{title} {day}"},
     "subject: unknown placeholder {day}"),
    ({"to": ["a@example.org"], "maildir": "m", "unsubscribe": ["javascript:x"]},
     "expected a mailto: or https: link"),
    ({"to": ["a@example.org"], "from": "a@example.org", "smtp": {"host": "mail.example.org",
      "security": "none", "username": "u", "password": Secret("X")}}, "password would travel unencrypted"),
    ({"to": ["a@example.org"], "from": "a@example.org", "smtp": {"host": "mail.example.org",
      "username": "u"}}, "username and password go together"),
    ({"to": ["a@example.org"], "from": "a@example.org", "smtp": {"host": "h", "security": "tls"}},
     "expected one of 'starttls', 'ssl', 'none'"),
])
def test_bad_options_are_named(tmp_path: Path, raw: dict[str, Any], expected: str) -> None:
    built, problems = build(raw, tmp_path)
    assert built is None
    assert any(expected in problem for problem in problems), problems


def test_password_must_come_from_the_environment(tmp_path: Path) -> None:
    _, problems = build({"to": ["a@example.org"], "from": "a@example.org",
                         "smtp": {"host": "h", "username": "u", "password": "hunter2"}}, tmp_path)
    assert any("expected a secret from the environment" in p for p in problems)
    assert not any("hunter2" in p for p in problems)


def test_whole_run_from_briefings_yaml_writes_the_maildir(tmp_path: Path) -> None:
    """The publisher as a user configures it: YAML, the real loader, the pipeline, the outbox."""
    article = make_article("The ferry will run every hour. Tickets cost two euros.",
                           title="Hourly ferry <from> May", source="Harbour Post")
    config = {"title": "Ferry news", "analyser": "sentences", "extractors": [],
              "outputs": [{"type": "email", "to": ["crew@example.org"], "from": "Ferry <f@example.org>",
                           "subject": "{title} ({articles} article)", "maildir": "mail"}]}
    result = run_pipeline(config, tmp_path=tmp_path, articles=[article], publish=True,
                          now=datetime(2024, 5, 1, 6, 0, tzinfo=UTC))
    assert result.briefing is not None and not result.failures, result.failures
    box = mailbox.Maildir(str(tmp_path / "mail"), create=False)
    (message,) = list(box)
    assert message["Subject"] == "Ferry news (1 article)"
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    html = parsed.get_body(("html",))
    assert html is not None and "Hourly ferry &lt;from&gt; May" in html.get_content()
