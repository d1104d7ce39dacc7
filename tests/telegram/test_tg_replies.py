"""Chat replies are rendered through templates, so a user's override reaches the chat.

The commands run on `briefing.testing.RecordedChat`, the kit's chat request that keeps replies:
no Bot API needed to see what a command answers.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tgfixtures import harbour_briefing, store_briefing, write_config

from briefing import NoOptions, Service
from briefing.core.config import load_config
from briefing.core.plugins import make_plugin_manager
from briefing.plugins.telegram.reading import Risks, Sources, Who
from briefing.testing import RecordedChat


def service_with_briefing(folder: Path) -> Service:
    config_path = write_config(folder, "http://127.0.0.1:9/bot")
    plugins = make_plugin_manager(entry_points=False)
    service = Service(load_config(config_path, plugins), plugins)
    store_briefing(service.store, harbour_briefing())
    return service


def answer(command: object, service: Service, *args: str) -> str:
    request = RecordedChat("x", list(args), service=service)
    asyncio.run(command.run(request))  # type: ignore[attr-defined]
    [reply] = request.replies
    return reply


def test_risks_and_sources_are_blocks_of_the_telegram_template(tmp_path: Path) -> None:
    service = service_with_briefing(tmp_path)
    risks = answer(Risks(NoOptions()), service, "harbour")
    assert "<b>Risks</b>" in risks and "steel prices" in risks and "(55-75%)" in risks
    sources = answer(Sources(NoOptions()), service)
    assert 'href="https://news.example/bridge?a=1&amp;b=2"' in sources
    service.close()


def test_an_override_of_the_telegram_template_reaches_the_replies(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "briefing.tg.html.j2").write_text(
        '{% extends "default:briefing.tg.html.j2" %}\n'
        "{% block risks %}<b>Watch list</b> ({{ briefing.risks | length }}){% endblock %}\n",
        encoding="utf-8")
    (tmp_path / "templates" / "briefing.tg.who.j2").write_text(
        "{{ person.name | e }}: {{ person.roles | join(', ') | e }}\n", encoding="utf-8")
    service = service_with_briefing(tmp_path)
    assert answer(Risks(NoOptions()), service, "harbour") == "<b>Watch list</b> (2)"
    assert answer(Who(NoOptions()), service, "ortiz").startswith("Lena Ortiz: mayor")
    service.close()
