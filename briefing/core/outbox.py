"""Exactly-once delivery through the store.

A delivery is one part of one briefing for one target on one day. It is written as ``pending``
before it is sent and as ``sent`` (with the message id) after. A process that dies in between
leaves it pending, and the next run sends it; a delivery already sent is never sent again unless
the caller asks to resend. A send that may or may not have arrived (a timeout after the request
went out) is marked ``unknown`` and reported rather than repeated blindly.

Two senders at once (two runs, or the bot's fan-out beside a run) must not both send a pending
delivery, so `Outbox.begin` claims it: one conditional UPDATE that succeeds only if the row is
still as it was read and no live sender holds it. The claim names its owner (host, pid and this
outbox), so a claim left by a process that died is taken over at once by the next run on the same
host, and one from elsewhere after `LEASE` seconds. A delivery another sender holds comes back
as `BUSY` and is not sent.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from briefing.core.redaction import redact
from briefing.core.store import Store, utcnow


class DeliveryStatus(StrEnum):
    """Where a delivery stands. Stored as its plain string, so it compares equal to one."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"


PENDING, SENT, FAILED, UNKNOWN = (DeliveryStatus.PENDING, DeliveryStatus.SENT, DeliveryStatus.FAILED,
                                  DeliveryStatus.UNKNOWN)
BUSY = "in progress elsewhere"  # never stored: what `begin` says of a delivery another sender holds
LEASE = 600.0  # seconds after which a claim whose owner cannot be checked is taken over


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
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
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
        """Claim an attempt, recorded as pending, and return it; or return the delivery as it
        stands (sent or unknown) when it must not be sent again, or with status `BUSY` when
        another sender holds it. Send only when the status is pending."""
        self.store.check()  # a state file deleted mid-run could not keep what is sent now
        for _ in range(10):
            delivery = self.enqueue(channel, target, part)
            if delivery.status in (SENT, UNKNOWN) and not resend:
                self.skipped.append(delivery)
                self.outcomes[delivery.id] = delivery
                return delivery
            holder, since = self._claim(delivery.id)
            if holder not in (None, self.owner) and not _abandoned(holder, since):
                return replace(delivery, status=BUSY)
            claimed = self.store.db.execute(
                "UPDATE deliveries SET status = ?, attempts = attempts + 1, claimed_by = ?, "
                "claimed_at = ?, updated_at = ? WHERE id = ? AND status = ? AND claimed_by IS ?",
                (PENDING, self.owner, time.time(), utcnow(), delivery.id, delivery.status, holder))
            if claimed.rowcount == 1:
                found = self.get(channel, target, part)
                assert found is not None
                return found
            # Someone changed the row between our read and our claim: read it again.
        return replace(delivery, status=BUSY)

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
        if error is not None:  # a library's message may quote a secret it was given
            error = redact(error)
        self.store.db.execute(
            "UPDATE deliveries SET status = ?, attempts = COALESCE(?, attempts), "
            "message_id = COALESCE(?, message_id), error = ?, updated_at = ?, claimed_by = NULL "
            "WHERE id = ?",
            (status, attempts, message_id, error, utcnow(), delivery_id),
        )

    def _claim(self, delivery_id: int) -> tuple[str | None, float]:
        row = self.store.db.execute("SELECT claimed_by, claimed_at FROM deliveries WHERE id = ?",
                                    (delivery_id,)).fetchone()
        if row is None or row[0] is None:
            return None, 0.0
        return str(row[0]), float(row[1] or 0.0)


def _abandoned(owner: str, since: float) -> bool:
    """Whether a claim's owner is gone: a dead process on this host, or a claim past its lease."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:  # alive, another user's
            pass
    return time.time() - since > LEASE


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
