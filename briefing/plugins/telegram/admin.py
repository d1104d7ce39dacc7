"""Admin commands: /run NAME (make and deliver a briefing now) and /status.

Only chats and users listed in ``bot.admins`` may use them; anyone else gets a polite refusal
and nothing runs (the check is made before the command is called, in bot.py).
"""

from __future__ import annotations

from briefing import ChatRequest
from briefing.plugins.telegram.commands import BotCommand, TelegramRequest, escape, explain_choice


class Run(BotCommand):
    description = "make a briefing now and deliver it to its chats and subscribers"
    usage = "NAME"
    admin_only = True

    async def run(self, request: ChatRequest) -> None:
        if not isinstance(request, TelegramRequest):  # it delivers through this bot's sender
            await request.reply("/run works in the Telegram bot only.")
            return
        name = request.args[0] if request.args else None
        if name not in request.service.names():
            await explain_choice(request, name)
            return
        assert name is not None
        await request.reply(f"Making <b>{escape(name)}</b> now…")
        error = await request.bot.make_briefing(name)
        briefing = request.service.latest(name)
        if briefing is None:
            await request.reply(f"<b>{escape(name)}</b> failed: {escape(error or 'no briefing')}")
            return
        chats = [str(r["chat_id"]) for r in request.service.store.subscriptions(briefing=name)]
        report = await request.bot.deliver(briefing, chats)
        lines = [f"<b>{escape(name)}</b>: {len(briefing.articles)} articles; "
                 f"{report.sent} messages sent to {len(chats)} subscribers, {report.skipped} "
                 "already had it."]
        if error:
            lines.append(f"Problems: {escape(error)}")
        lines += [f"• {escape(problem)}" for problem in report.problems[:5]]
        await request.reply("\n".join(lines))


class Status(BotCommand):
    description = "last runs, pending deliveries, failures"
    admin_only = True

    async def run(self, request: ChatRequest) -> None:
        store = request.service.store
        lines = ["<b>Last runs</b>"]
        runs = store.recent_runs(5)
        lines += [f"• {escape(r['name'])} {escape(r['generated_at'])}" for r in runs] or ["• none yet"]
        for name in request.service.names():
            briefing = request.service.latest(name)
            if briefing is not None and briefing.failures:
                lines.append(f"<b>{escape(name)}</b>: {len(briefing.failures)} failure(s), e.g. "
                             f"{escape(briefing.failures[0].error)}")
        pending = request.service.unfinished_deliveries()
        lines.append(f"\n<b>Unfinished deliveries</b>: {len(pending)}")
        for delivery in pending[:10]:
            lines.append(f"• {escape(delivery.briefing)} {delivery.day} {escape(delivery.channel)} "
                         f"{escape(delivery.target)} part {delivery.part + 1}: {delivery.status}"
                         + (f" ({escape(delivery.error)})" if delivery.error else ""))
        subscribers = len(store.subscriptions())
        lines.append(f"\n<b>Subscriptions</b>: {subscribers}")
        await request.reply("\n".join(lines))

