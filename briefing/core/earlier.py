"""The earlier briefings a run builds on: what this briefing already told its readers.

A daily briefing is read every day, so a run is told what the same briefing said on the days
before, within its ``horizon`` (``horizon: 7d`` by default), and the assembler can link today's
stories to the ones already told and say which facts are new. Only earlier *days* count: a
re-run on the same day replaces that day's briefing (its deliveries are the day's), so it is
compared with the days before, as the first run was, and does not find itself already told.
A replay (``run --as-of``) sees only what was made before its moment.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from briefing.core.models import Briefing
from briefing.core.serialize import briefing_from_dict
from briefing.core.service import day_of

if TYPE_CHECKING:
    from briefing.core.config import BriefingSpec
    from briefing.core.store import Store

log = logging.getLogger(__name__)


def earlier_briefings(store: Store, spec: BriefingSpec, now: datetime) -> list[Briefing]:
    """The briefings of ``spec`` made on earlier days, no longer ago than its horizon, oldest first."""
    if spec.horizon <= timedelta(0):
        return []
    today = day_of(spec, now)
    found = []
    for body in store.briefings(spec.name, since=(now - spec.horizon).isoformat(),
                                before=now.isoformat()):
        try:
            briefing = briefing_from_dict(body)
        except (KeyError, TypeError, ValueError) as error:  # one unreadable day costs its news only
            log.warning("%s: a stored briefing of %s could not be read back (%s: %s); what it "
                        "told counts as not told", spec.name, body.get("generated_at", "?"),
                        type(error).__name__, error)
            continue
        if day_of(spec, briefing.generated_at) < today:
            found.append(briefing)
    return found


def duration_text(span: timedelta) -> str:
    """``7d``, ``36h``, ``90m``: a horizon as it is written in briefings.yaml."""
    minutes = int(span.total_seconds() // 60)
    if minutes % (24 * 60) == 0:
        return f"{minutes // (24 * 60)}d"
    return f"{minutes // 60}h" if minutes % 60 == 0 else f"{minutes}m"
