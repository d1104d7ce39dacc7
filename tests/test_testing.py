"""The testing kit plugin authors get (briefing.testing), used the way they would use it."""

from __future__ import annotations

import smtplib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx
import pytest

from briefing import AnalysedArticle, Briefing, Evidence, Extractor, Fact, hookimpl
from briefing.testing import (
    analyse,
    assert_provenance,
    make_article,
    run_briefing,
    run_pipeline,
    split_sentences,
)

TEXT = "Rain fell in the hills. Rivers rose!\nThe ferry stopped? Crews waited"


class Lead(Extractor[Any]):
    def extract(self, analysed: AnalysedArticle) -> Iterable[Fact]:
        article = analysed.article
        first = article.sentences[0].text
        yield Fact(first, (Evidence(article.id, 0, first),))


class LeadPlugin:
    @hookimpl
    def register_extractors(self, register: Any) -> None:
        register("lead-fact", Lead)


CONFIG = {"cleaners": [], "analyser": "sentences", "extractors": ["lead-fact"], "summariser": None}


def test_sentences_are_split_with_offsets_into_the_text() -> None:
    sentences = split_sentences(TEXT)
    assert [s.text for s in sentences] == ["Rain fell in the hills.", "Rivers rose!", "The ferry stopped?",
                                           "Crews waited"]
    assert all(TEXT[s.start:s.end] == s.text for s in sentences)
    assert analyse(TEXT).article.sentences == sentences


def test_briefing_plugins_gives_a_fresh_manager_with_the_extras(briefing_plugins: Any) -> None:
    first = briefing_plugins(LeadPlugin())
    assert first.component("extractor", "lead-fact") is not None
    assert first.component("analyser", "sentences") is not None
    assert briefing_plugins().component("extractor", "lead-fact") is None


def test_run_briefing_with_given_articles(tmp_path: Path) -> None:
    briefing = run_briefing(CONFIG, plugins=[LeadPlugin()], articles=[make_article(TEXT)],
                            tmp_path=tmp_path)
    assert [f.text for f in briefing.facts] == ["Rain fell in the hills."]
    assert (tmp_path / "briefings.yaml").is_file() and (tmp_path / "state.db").is_file()
    assert_provenance(briefing)


def test_run_briefing_takes_a_whole_config_and_a_temporary_folder_by_default(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Headline\nThe dam held. Water receded.")
    folder = {"type": "folder", "path": str(tmp_path / "news")}
    config = {"briefings": {"one": {**CONFIG, "sources": [folder]},
                            "two": {**CONFIG, "sources": ["given"]}}}
    briefing = run_briefing(config, plugins=[LeadPlugin()], name="one")
    assert briefing.name == "one"
    assert [f.text for f in briefing.facts] == ["The dam held."]


def test_run_briefing_fails_the_test_when_no_briefing_is_made(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="no briefing was made: test: no articles to brief"):
        run_briefing(CONFIG, plugins=[LeadPlugin()], articles=[], tmp_path=tmp_path)
    result = run_pipeline(CONFIG, plugins=[LeadPlugin()], articles=[], tmp_path=tmp_path)
    assert result.briefing is None


def test_assert_provenance_names_what_does_not_resolve(tmp_path: Path) -> None:
    briefing = run_briefing(CONFIG, plugins=[LeadPlugin()], articles=[make_article(TEXT)],
                            tmp_path=tmp_path)
    article = briefing.articles[0]
    broken = Briefing(briefing.name, briefing.title, briefing.generated_at, briefing.articles,
                      facts=(Fact("Snow fell.", (Evidence(article.id, 0, "Snow fell."),)),))
    with pytest.raises(AssertionError, match=r"quote 'Snow fell\.' is not in sentence 0"):
        assert_provenance(broken)


def test_smtp_server_collects_messages(smtp_server: Any) -> None:
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=5) as client:
        client.login("reader", "pass-word")
        client.sendmail("briefing@example.org", ["reader@example.org"],
                        "Subject: Morning briefing\n\nRain fell.")
    (mail,) = smtp_server.messages
    assert mail.rcpt_tos == ("reader@example.org",)
    assert mail.message["Subject"] == "Morning briefing"
    assert smtp_server.logins == [("reader", "pass-word")]


def test_http_receiver_records_and_answers(http_receiver: Any) -> None:
    http_receiver.status = 418
    answer = httpx.post(http_receiver.url + "/hook", json={"title": "Rain"}, timeout=5)
    assert answer.status_code == 418
    assert http_receiver.requests[0].json() == {"title": "Rain"}


def test_fake_bot_api_speaks_the_bot_api(fake_bot_api: Any) -> None:
    url = f"{fake_bot_api.base_url}{fake_bot_api.token}/sendMessage"
    answer = httpx.post(url, data={"chat_id": "42", "text": "<b>Rain</b> fell", "parse_mode": "HTML"},
                        timeout=5)
    assert answer.json()["ok"] is True
    assert fake_bot_api.texts(42) == ["<b>Rain</b> fell"]
