"""Exactly-once delivery through the store.

A delivery is one part of one briefing for one target on one day. It is written as ``pending``
before it is sent and as ``sent`` (with the message id) after. A process that dies in between
leaves it pending, and the next run sends it; a delivery already sent is never sent again unless
the caller asks to resend. A send that may or may not have arrived (a timeout after the request
went out) is marked ``unknown`` and reported rather than repeated blindly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from briefing.core.store import Store, utcnow


class DeliveryStatus(StrEnum):
    """Where a delivery stands. Stored as its plain string, so it compares equal to one."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"


PENDING, SENT, FAILED, UNKNOWN = (DeliveryStatus.PENDING, DeliveryStatus.SENT, DeliveryStatus.FAILED,
                                  DeliveryStatus.UNKNOWN)


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    briefing: str
    day: str
    channel: str
    target: str
    part: int
    status: str
    attempts: int
    message_id: str | None = None
    error: str | None = None


class DeliveryUncertain(Exception):
    """Raised by a send function when the message may have been delivered (e.g. a timeout)."""


class Outbox:
    def __init__(self, store: Store, briefing: str, day: str,
                 on_finished: Callable[[Delivery], None] | None = None) -> None:
        self.store = store
        self.briefing = briefing
        self.day = day
        self.on_finished = on_finished or (lambda delivery: None)
        self.skipped: list[Delivery] = []  # already sent (or of unknown outcome): not sent again
        # Every delivery this outbox attempted or skipped, as it ended, in the order first seen.
        self.outcomes: dict[int, Delivery] = {}

    def get(self, channel: str, target: str, part: int = 0) -> Delivery | None:
        row = self.store.db.execute(
            "SELECT * FROM deliveries WHERE briefing = ? AND day = ? AND channel = ? "
            "AND target = ? AND part = ?",
            (self.briefing, self.day, channel, target, part),
        ).fetchone()
        return None if row is None else _delivery(row)

    def enqueue(self, channel: str, target: str, part: int = 0, payload: str | None = None) -> Delivery:
        """Record a delivery as pending unless it exists; return its current state."""
        self.store.db.execute(
            "INSERT OR IGNORE INTO deliveries "
            "(briefing, day, channel, target, part, status, payload, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (self.briefing, self.day, channel, target, part, PENDING, payload, utcnow()),
        )
        found = self.get(channel, target, part)
        assert found is not None
        return found

    def deliver(
        self,
        channel: str,
        target: str,
        send: Callable[[], str | None],
        *,
        part: int = 0,
        resend: bool = False,
    ) -> Delivery:
        """Send once: skip if already sent or of unknown outcome (unless ``resend``), record the
        outcome either way.

        ``send`` returns the message id (or None) and raises on failure. The exception is
        re-raised after the failure is recorded, so the caller decides what a failure means.
        Asynchronous senders use `begin` and `finish`, the two halves of this method.
        """
        delivery = self.begin(channel, target, part, resend=resend)
        if delivery.status != PENDING:
            return delivery
        try:
            message_id = send()
        except DeliveryUncertain as error:
            self.finish(delivery, UNKNOWN, error=str(error))
            raise
        except Exception as error:
            self.finish(delivery, FAILED, error=str(error))
            raise
        return self.finish(delivery, SENT, message_id=message_id)

    def begin(self, channel: str, target: str, part: int = 0, *, resend: bool = False) -> Delivery:
        """Record an attempt as pending and return it; or return the delivery as it stands (sent
        or unknown) when it must not be sent again. Send only when the status is pending."""
        delivery = self.enqueue(channel, target, part)
        if delivery.status in (SENT, UNKNOWN) and not resend:
            self.skipped.append(delivery)
            self.outcomes[delivery.id] = delivery
            return delivery
        self._update(delivery.id, PENDING, attempts=delivery.attempts + 1)
        found = self.get(channel, target, part)
        assert found is not None
        return found

    def finish(self, delivery: Delivery, status: str, *, message_id: str | None = None,
               error: str | None = None) -> Delivery:
        """Record how an attempt ended and tell ``on_finished``."""
        self._update(delivery.id, status, message_id=message_id, error=error)
        found = self.get(delivery.channel, delivery.target, delivery.part)
        assert found is not None
        self.outcomes[found.id] = found
        self.on_finished(found)
        return found

    def _update(
        self,
        delivery_id: int,
        status: str,
        *,
        attempts: int | None = None,
        message_id: str | None = None,
        error: str | None = None,
    ) -> None:
        self.store.db.execute(
            "UPDATE deliveries SET status = ?, attempts = COALESCE(?, attempts), "
            "message_id = COALESCE(?, message_id), error = ?, updated_at = ? WHERE id = ?",
            (status, attempts, message_id, error, utcnow(), delivery_id),
        )


def unfinished_deliveries(store: Store) -> list[Delivery]:
    """Deliveries that are not sent: pending, failed or of unknown outcome."""
    rows = store.db.execute(
        "SELECT * FROM deliveries WHERE status != ? ORDER BY id", (SENT,)
    ).fetchall()
    return [_delivery(row) for row in rows]


def deliveries_of(store: Store, briefing: str, day: str) -> list[Delivery]:
    """Every delivery of one briefing on one day, in the order they were first recorded."""
    rows = store.db.execute(
        "SELECT * FROM deliveries WHERE briefing = ? AND day = ? ORDER BY id", (briefing, day)
    ).fetchall()
    return [_delivery(row) for row in rows]


def _delivery(row: object) -> Delivery:
    keys = Delivery.__dataclass_fields__
    return Delivery(**{key: row[key] for key in keys})  # type: ignore[index]
