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

from briefing.core.components import (
    Analyser,
    BotCommand,
    Cleaner,
    Component,
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
from briefing.core.hookspecs import hookimpl
from briefing.core.models import (
    AnalysedArticle,
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
    Story,
    Summary,
    make_article,
    story_id_for,
)
from briefing.core.outbox import Delivery, DeliveryUncertain, Outbox
from briefing.core.secrets import Secret
from briefing.core.serialize import briefing_from_dict, briefing_to_dict
from briefing.core.story_homes import items_at_home, story_briefing

__all__ = [
    "AnalysedArticle",
    "Analyser",
    "Article",
    "BotCommand",
    "Briefing",
    "BriefingError",
    "Cleaner",
    "Component",
    "ConfigError",
    "Delivery",
    "DeliveryUncertain",
    "Evidence",
    "Extractor",
    "Fact",
    "InputError",
    "Item",
    "Mention",
    "NoOptions",
    "Outbox",
    "Place",
    "PluginError",
    "ProvenanceError",
    "PublishContext",
    "PublishError",
    "Publisher",
    "Quote",
    "Risk",
    "RunContext",
    "Secret",
    "Sentence",
    "Source",
    "StageFailure",
    "Stakeholder",
    "Story",
    "Summariser",
    "Summary",
    "TemplateError",
    "briefing_from_dict",
    "briefing_to_dict",
    "hookimpl",
    "items_at_home",
    "make_article",
    "story_briefing",
    "story_id_for",
]
