"""briefing-watchlist: flag what you watch, and post briefings to a webhook.

An external plugin for ``briefing``, packaged on its own and found through the ``briefing``
entry point group. It offers two components:

* the ``watchlist`` extractor (briefing_watchlist.watchlist), and
* the ``webhook`` publisher (briefing_watchlist.webhook).
"""

from __future__ import annotations

from typing import Any

from briefing import hookimpl

from briefing_watchlist.watchlist import Watchlist
from briefing_watchlist.webhook import Webhook

__all__ = ["Watchlist", "Webhook"]


@hookimpl
def register_extractors(register: Any) -> None:
    register("watchlist", Watchlist)


@hookimpl
def register_publishers(register: Any) -> None:
    register("webhook", Webhook)
