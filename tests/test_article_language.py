"""An article not in the analyser's language is left out with a line naming it, not parsed into
invented names and sentences; the other articles still make the briefing."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from briefing.plugins.text.language import language_share
from briefing.testing import run_pipeline

ENGLISH = ("The port authority said on Monday that ferries would stay in harbour until the storm had "
           "passed, and that the old town could flood before dawn if the sea wall failed. Residents of "
           "the lower streets were told to move their cars to higher ground and keep a bag ready.")
SPANISH = ("La autoridad portuaria dijo el lunes que los transbordadores se quedarán en el puerto hasta "
           "que pase la tormenta, y que el casco antiguo podría inundarse antes del amanecer si el dique "
           "falla. Los vecinos de las calles bajas deben llevar sus coches a zonas altas.")
VIETNAMESE = ("Chính quyền cảng cho biết hôm thứ Hai rằng các chuyến phà sẽ ở lại trong cảng cho đến khi "
              "cơn bão đi qua, và khu phố cổ có thể bị ngập trước bình minh nếu đê chắn sóng bị vỡ. Người "
              "dân ở các con phố thấp được yêu cầu di chuyển xe lên vùng cao.")


def stripped(text: str) -> str:
    """The text as a careless scraper leaves it: every letter with a mark dropped."""
    return "".join(c if c.isascii() else " " for c in unicodedata.normalize("NFC", text))


def test_english_reads_as_english_and_other_languages_and_stripped_text_do_not():
    assert language_share(ENGLISH, "en") > 0.7
    assert language_share(SPANISH, "en") < 0.45
    assert language_share(stripped(VIETNAMESE), "en") < 0.45
    assert language_share(SPANISH, "es") > 0.7
    assert language_share("Storm closes port", "en") is None  # too short to judge


def run(tmp_path: Path, **analyser: object):
    (tmp_path / "a.jsonl").write_text("".join(
        json.dumps({"title": title, "text": text}) + "\n"
        for title, text in (("Storm", ENGLISH), ("Tormenta", SPANISH), ("Bao", stripped(VIETNAMESE)))))
    return run_pipeline({"sources": [{"type": "jsonl", "path": "a.jsonl"}], "cleaners": [],
                         "analyser": {"type": "spacy", **analyser}, "extractors": ["stakeholders"],
                         "summariser": None}, tmp_path=tmp_path)


def test_articles_in_another_language_are_named_and_left_out(tmp_path: Path) -> None:
    result = run(tmp_path)
    assert [a.title for a in result.briefing.articles] == ["Storm"]
    assert [f.stage for f in result.failures] == ["analyse", "analyse"]
    first, second = (f.error for f in result.failures)
    assert first.startswith("a.jsonl: article 'Tormenta': its text does not read as the model's "
                            "language ('en'): ")
    assert first.endswith("under the 45% asked (min_language_share); not analysed")
    assert second.startswith("a.jsonl: article 'Bao': its text does not read as the model's language")


def test_a_share_of_zero_analyses_every_article(tmp_path: Path) -> None:
    result = run(tmp_path, min_language_share=0)
    assert [a.title for a in result.briefing.articles] == ["Storm", "Tormenta", "Bao"]
    assert result.failures == []


def test_a_page_read_from_a_file_is_named_by_its_file_not_its_site(tmp_path: Path) -> None:
    """An html file's article has no address; its site's name ("Harbour News | Sport | Weather")
    named it in the line about it, and no one could tell which file to look at."""
    (tmp_path / "pages").mkdir()
    head = '<meta property="og:site_name" content="Harbour News | Sport | Weather">'
    (tmp_path / "pages" / "tormenta.html").write_text(
        f"<html><head><title>Tormenta</title>{head}</head><body><article><h1>Tormenta</h1>"
        f"<p>{SPANISH}</p><p>{SPANISH}</p></article></body></html>", encoding="utf-8")
    (tmp_path / "pages" / "storm.html").write_text(
        f"<html><head><title>Storm</title>{head}</head><body><article><h1>Storm</h1>"
        f"<p>{ENGLISH}</p><p>{ENGLISH}</p></article></body></html>", encoding="utf-8")
    result = run_pipeline({"sources": [{"type": "html", "path": "pages"}], "cleaners": [],
                           "analyser": "spacy", "extractors": [], "summariser": None}, tmp_path=tmp_path)
    (failure,) = result.failures
    assert failure.error.startswith("pages/tormenta.html: article 'Tormenta': its text does not read")
