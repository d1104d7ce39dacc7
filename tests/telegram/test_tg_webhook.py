"""``briefing bot`` in webhook mode, as a process: setWebhook, real POSTs, secret check, SIGTERM.

The fake Bot API stands in for Telegram on both sides of the conversation it has with the bot:
it answers setWebhook and sendMessage, and the test posts updates to the bot's own webhook
server the way Telegram would (JSON body, ``X-Telegram-Bot-Api-Secret-Token`` header).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from tgfixtures import write_config

from briefing import Config, ConfigError
from briefing.core.config import load_config
from briefing.core.plugins import make_plugin_manager
from briefing.plugins.telegram.settings import BotSettings, bot_settings
from briefing.testing import free_port
from briefing.testing.fakebot import TOKEN, FakeBotAPI, Fault, make_update

BRIEFING = [sys.executable, "-c", "from briefing.core.cli import main; main()"]
SECRET = "webhook-Secret_42"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


def post(url: str, update: dict[str, object], secret: str | None) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[HEADER] = secret
    return httpx.post(url, content=json.dumps(update), headers=headers, timeout=5)


def first_answer(url: str, update: dict[str, object], secret: str | None,
                 timeout: float = 30.0) -> httpx.Response:
    """POST once the bot's server is up (it starts listening just after setWebhook)."""
    end = time.monotonic() + timeout
    while True:
        try:
            return post(url, update, secret)
        except httpx.ConnectError:
            if time.monotonic() > end:
                raise
            time.sleep(0.05)


def test_webhook_mode_sets_the_hook_answers_posts_and_stops_on_sigterm(tmp_path: Path,
                                                                        fake: FakeBotAPI) -> None:
    port = free_port()
    public_url = f"https://briefing.example.test/tg-hook-{port}"  # what Telegram would post to
    hook = (f"  webhook: {{url: '{public_url}', listen: 127.0.0.1, port: {port}, "
            "secret_token: {$env: TEST_WEBHOOK_SECRET}}\n  grace_hours: 0")
    config = write_config(tmp_path, fake.base_url, extra_bot=hook,
                          schedule="{timezone: Europe/London}")
    env = {**os.environ, "TEST_TELEGRAM_TOKEN": TOKEN, "TEST_WEBHOOK_SECRET": SECRET}
    local = f"http://127.0.0.1:{port}/tg-hook-{port}"  # the URL's path is served by default
    process = subprocess.Popen([*BRIEFING, "--config", str(config), "bot", "--verbose"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        refused = first_answer(local, make_update(1, 77, "/briefings"), "wrong-secret")
        assert refused.status_code == 403
        assert post(local, make_update(2, 77, "/briefings"), None).status_code == 403
        [(_, params)] = [call for call in fake.calls if call[0] == "setWebhook"]
        assert params["url"] == public_url and params["secret_token"] == SECRET
        assert fake.commands.get("default")  # setMyCommands ran at start, as with polling

        assert post(local, make_update(3, 77, "/briefings"), SECRET).status_code == 200
        assert fake.wait_for(lambda: bool(fake.texts(77)), timeout=10)
        assert "harbour" in fake.texts(77)[0]
        assert post(local, make_update(4, 78, "/help"), SECRET).status_code == 200
        assert fake.wait_for(lambda: bool(fake.texts(78)), timeout=10)
        assert len(fake.texts(77)) == 1  # the refused posts were never handled
        assert fake.stats["getUpdates"] == 0
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=20)
    log = stderr.decode()
    assert process.returncode == 0, log[-2000:]
    assert "webhook mode: listening on 127.0.0.1" in log and "stopped" in log
    assert "setWebhook" in log  # PTB's DEBUG line with its parameters was written, redacted
    for secret in (TOKEN, TOKEN.split(":")[1], SECRET, public_url):
        assert secret not in log
    # PTB leaves the webhook set on stop: Telegram holds updates until the bot is back.
    assert fake.stats["deleteWebhook"] == 0
    with pytest.raises(httpx.ConnectError):
        post(local, make_update(5, 77, "/briefings"), SECRET)


def webhook_settings(folder: Path, hook: str, *, for_bot: bool = True) -> BotSettings:
    """The ``bot:`` section with this webhook block, read from a file as every command reads it."""
    path = folder / "briefings.yaml"
    path.write_text("briefings:\n  x: {sources: [{type: folder, path: .}]}\n"
                    "bot:\n  token: {$env: TEST_TELEGRAM_TOKEN}\n"
                    f"  webhook: {hook}\n", encoding="utf-8")
    config: Config = load_config(path, make_plugin_manager(entry_points=False))
    return bot_settings(config.sections, for_bot=for_bot, locate=config.locate)


def test_webhook_settings_need_a_valid_secret_and_never_show_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_TELEGRAM_TOKEN", TOKEN)
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", "has spaces!")
    monkeypatch.delenv("TEST_UNSET_SECRET", raising=False)
    with pytest.raises(ConfigError, match=r"bot\.webhook: missing required option 'secret_token'"):
        webhook_settings(tmp_path, "{url: 'https://bot.example.test/hook'}")
    with pytest.raises(ConfigError) as error:
        webhook_settings(tmp_path, "{url: bot.example.test/hook, port: 70000, "
                                   "secret_token: {$env: TEST_WEBHOOK_SECRET}}")
    problems = "\n".join(error.value.problems)
    assert ":5: bot.webhook.url: expected the public https:// URL" in problems  # file:line: key
    assert "webhook.port: expected a port from 1 to 65535" in problems
    assert "TEST_WEBHOOK_SECRET must be 1-256 characters" in problems
    assert "has spaces" not in problems
    unset = "{url: 'https://bot.example.test/hook', secret_token: {$env: TEST_UNSET_SECRET}}"
    with pytest.raises(ConfigError, match=r"bot\.webhook\.secret_token: environment variable "
                                          r"TEST_UNSET_SECRET is not set"):
        webhook_settings(tmp_path, unset)
    webhook_settings(tmp_path, unset, for_bot=False)  # briefing run only sends: no webhook secret


def test_a_webhook_telegram_refuses_is_a_one_line_error(tmp_path: Path, fake: FakeBotAPI) -> None:
    fake.faults.append(Fault(400, "Bad Request: bad webhook: HTTPS url must be provided for webhook",
                             method="setWebhook"))
    hook = (f"  webhook: {{url: 'http://briefing.example.test/hook', listen: 127.0.0.1, "
            f"port: {free_port()}, secret_token: {{$env: TEST_WEBHOOK_SECRET}}}}")
    config = write_config(tmp_path, fake.base_url, extra_bot=hook,
                          schedule="{timezone: Europe/London}")
    env = {**os.environ, "TEST_TELEGRAM_TOKEN": TOKEN, "TEST_WEBHOOK_SECRET": SECRET}
    result = subprocess.run([*BRIEFING, "--config", str(config), "bot"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]  # PTB logs the failed call above it
    assert last.startswith("error: Telegram refused to start the bot: BadRequest: Bad webhook")
    assert SECRET not in result.stderr and TOKEN not in result.stderr
