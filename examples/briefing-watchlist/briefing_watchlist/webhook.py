"""Publisher ``webhook``: the briefing POSTed to a URL, as JSON or as a chat message.

``format: json`` sends the briefing's JSON (the same document ``briefing run --json`` prints);
``format: slack`` sends ``{"text": ...}``, which Slack and Mattermost incoming webhooks both
accept, with the title, the summary, the alerts (risks at or above ``min_level``) and the top
facts. The POST goes through the outbox: a briefing already delivered today is not posted twice,
and a failed post is retried by the next run. A webhook URL is a credential (anyone holding it can
post), so write it ``{$env: NAME}``; it never appears in errors or in the delivery records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from briefing import (
    Briefing,
    DeliveryUncertain,
    PublishContext,
    Publisher,
    PublishError,
    Secret,
    briefing_to_dict,
)

from briefing_watchlist.watchlist import LEVELS, Level


@dataclass(frozen=True)
class WebhookOptions:
    url: str | Secret
    format: Literal["json", "slack"] = "json"
    headers: dict[str, str | Secret] = field(default_factory=dict)
    timeout: float = 10.0
    max_items: int = 5
    min_level: Level = "low"


class Webhook(Publisher[WebhookOptions]):
    options_class = WebhookOptions

    def publish(self, briefing: Briefing, context: PublishContext) -> None:
        target = shown_target(self.options.url)
        if self.options.format == "json":
            payload: dict[str, Any] = briefing_to_dict(briefing)
        else:
            payload = {"text": chat_message(briefing, self.options.max_items, self.options.min_level)}
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        context.outbox.deliver("webhook", target, lambda: self.post(body, target),
                               resend=context.resend)

    def post(self, body: bytes, target: str) -> str | None:
        import httpx

        url = reveal(self.options.url)
        hidden = secret_parts(self.options.url, *self.options.headers.values())
        headers = {"Content-Type": "application/json",
                   **{key: reveal(value) for key, value in self.options.headers.items()}}
        try:
            response = httpx.post(url, content=body, headers=headers, timeout=self.options.timeout)
        except httpx.TimeoutException:
            raise DeliveryUncertain(f"webhook {target}: no answer within {self.options.timeout:g} s; "
                                    "the post may have arrived") from None
        except httpx.HTTPError as error:
            reason = hide(str(error) or type(error).__name__, hidden).replace(url, target)
            raise PublishError(f"webhook {target}: {reason}") from None
        if response.status_code >= 300:
            detail = hide(response.text[:200].strip(), hidden)
            raise PublishError(f"webhook {target}: HTTP {response.status_code}"
                               + (f": {detail}" if detail else ""))
        return response.headers.get("x-request-id")


def reveal(value: str | Secret) -> str:
    return value.reveal() if isinstance(value, Secret) else value


def secret_parts(*values: str | Secret) -> list[str]:
    """What must never be shown: each secret, and the path and query of a secret URL (a
    receiver may echo the path back in its error page)."""
    hidden: list[str] = []
    for value in values:
        if isinstance(value, Secret) and value.is_set:
            revealed = value.reveal()
            parts = urlsplit(revealed)
            hidden += [revealed, parts.query, parts.path if len(parts.path) > 1 else ""]
    return sorted((part for part in hidden if part), key=len, reverse=True)


def hide(text: str, hidden: list[str]) -> str:
    for part in hidden:
        text = text.replace(part, "***")
    return text


def shown_target(url: str | Secret) -> str:
    """How the delivery is named in records and errors: the variable for a secret URL, and
    otherwise the URL without its query (where tokens tend to live)."""
    if isinstance(url, Secret):
        return f"${url.env}"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def chat_message(briefing: Briefing, max_items: int, min_level: str) -> str:
    """The briefing as one short chat message (Slack/Mattermost markdown subset)."""
    numbers = {article.id: n for n, article in enumerate(briefing.articles, start=1)}

    def cite(evidence: Any) -> str:
        found = sorted({numbers[e.article_id] for e in evidence if e.article_id in numbers})
        return f" [{', '.join(map(str, found))}]" if found else ""

    lines = [f"*{briefing.title}* ({briefing.generated_at:%Y-%m-%d})"]
    if briefing.summary is not None:
        lines += ["", briefing.summary.text]
    threshold = LEVELS.index(min_level)
    alerts = [r for r in briefing.risks
              if r.severity in LEVELS and LEVELS.index(r.severity) >= threshold]
    alerts.sort(key=lambda r: -LEVELS.index(r.severity))
    if alerts:
        lines += ["", "*Alerts*"]
        lines += [f"• [{r.severity.upper()}] {r.text}{cite(r.evidence)}" for r in alerts[:max_items]]
    if briefing.facts:
        lines += ["", "*Key facts*"]
        lines += [f"• {f.text}{cite(f.evidence)}" for f in briefing.facts[:max_items]]
    lines += ["", "*Sources*"]
    for article in briefing.articles:
        where = f" ({article.url})" if article.url else ""
        lines.append(f"{numbers[article.id]}. {article.title}{where}")
    failed = len(briefing.failures)
    if failed:
        lines += ["", f"_{failed} step(s) failed while making this briefing._"]
    return "\n".join(lines)
