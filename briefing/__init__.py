"""briefing: news articles in, an analyst's briefing out.

This module is the public plugin API. A plugin needs nothing else::

    from briefing import Extractor, Fact, Evidence, hookimpl

    class Headlines(Extractor):
        def extract(self, analysed):
            ...

    @hookimpl
    def register_extractors(register):
        register("headlines", Headlines)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing.core.components import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    Analyser,
    BotCommand,
    ChatRequest,
    Cleaner,
    Component,
    Executor,
    ExecutorContext,
    Extractor,
    NoOptions,
    PublishContext,
    Publisher,
    RunContext,
    Source,
    Summariser,
)
from briefing.core.errors import (
    BriefingError,
    ConfigError,
    InputError,
    PluginError,
    ProvenanceError,
    PublishError,
    TemplateError,
)
from briefing.core.files import write_atomic
from briefing.core.hookspecs import hookimpl
from briefing.core.models import (
    AnalysedArticle,
    Answer,
    Article,
    Briefing,
    Evidence,
    Fact,
    Item,
    Mention,
    Place,
    Quote,
    Risk,
    Sentence,
    StageFailure,
    Stakeholder,
    StakeholderKind,
    Story,
    Summary,
    make_article,
    stakeholder_kind,
    story_id_for,
)
from briefing.core.options import PathPattern
from briefing.core.outbox import Delivery, DeliveryStatus, DeliveryUncertain, Outbox
from briefing.core.per_article import ArticleWork, BatchResult
from briefing.core.redaction import configure_logging, remember_shape
from briefing.core.redaction import remember as remember_secret
from briefing.core.rendering import percent_range, unstated_speaker
from briefing.core.schedule import Scheduler, Slot, SlotLog
from briefing.core.secrets import Secret, redact
from briefing.core.serialize import briefing_from_dict, briefing_to_dict
from briefing.core.service import Service, StoredBriefing
from briefing.core.store import Store
from briefing.core.story_homes import items_at_home, story_briefing

if TYPE_CHECKING:
    from briefing.core.cli import CliState, user_errors
    from briefing.core.config import BriefingSpec, Config

# Imported on first use: they bring YAML and the command line, which most plugins never touch and
# ``briefing --help`` must not wait for.
_LAZY = {
    "BriefingSpec": "briefing.core.config",
    "Config": "briefing.core.config",
    "CliState": "briefing.core.cli",
    "user_errors": "briefing.core.cli",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")


__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "AnalysedArticle",
    "Analyser",
    "Answer",
    "Article",
    "ArticleWork",
    "BatchResult",
    "BotCommand",
    "Briefing",
    "BriefingError",
    "BriefingSpec",
    "ChatRequest",
    "Cleaner",
    "CliState",
    "Component",
    "Config",
    "ConfigError",
    "Delivery",
    "DeliveryStatus",
    "DeliveryUncertain",
    "Evidence",
    "Executor",
    "ExecutorContext",
    "Extractor",
    "Fact",
    "InputError",
    "Item",
    "Mention",
    "NoOptions",
    "Outbox",
    "PathPattern",
    "Place",
    "PluginError",
    "ProvenanceError",
    "PublishContext",
    "PublishError",
    "Publisher",
    "Quote",
    "Risk",
    "RunContext",
    "Scheduler",
    "Secret",
    "Sentence",
    "Service",
    "Slot",
    "SlotLog",
    "Source",
    "StageFailure",
    "Stakeholder",
    "StakeholderKind",
    "Store",
    "StoredBriefing",
    "Story",
    "Summariser",
    "Summary",
    "TemplateError",
    "briefing_from_dict",
    "briefing_to_dict",
    "configure_logging",
    "hookimpl",
    "items_at_home",
    "make_article",
    "percent_range",
    "redact",
    "remember_secret",
    "remember_shape",
    "stakeholder_kind",
    "story_briefing",
    "story_id_for",
    "unstated_speaker",
    "user_errors",
    "write_atomic",
]
