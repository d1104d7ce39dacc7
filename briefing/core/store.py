"""SQLite state: what was seen, what was briefed, what was delivered, who subscribed.

One file, opened per process. Each write commits at once, so a process killed between two writes
leaves a consistent file: that is what makes the outbox exactly-once (see outbox.py).

A file that is not a state file (random bytes, a text file, a folder, one cut short) is one line
naming it and saying what to do, not a SQLite traceback. A state file deleted or replaced while
a run has it open would silently take the run's records with it (SQLite goes on writing to the
deleted file), and the next run would send everything again; `check` notices, and the outbox
asks it before every send.

``sqlite3`` is imported when a store is opened: the public API imports this module, and
``briefing --help`` never opens one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.core.errors import StateError

if TYPE_CHECKING:
    import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS seen_articles (
    article_id TEXT NOT NULL,
    briefing TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    url TEXT,
    PRIMARY KEY (article_id, briefing)
);
CREATE INDEX IF NOT EXISTS seen_by_run ON seen_articles (briefing, first_seen);
CREATE TABLE IF NOT EXISTS briefings (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    day TEXT NOT NULL,
    generated_at TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS briefings_by_name ON briefings (name, generated_at);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY,
    briefing TEXT NOT NULL,
    day TEXT NOT NULL,
    channel TEXT NOT NULL,
    target TEXT NOT NULL,
    part INTEGER NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    message_id TEXT,
    error TEXT,
    payload TEXT,
    updated_at TEXT NOT NULL,
    claimed_by TEXT,
    claimed_at REAL,
    UNIQUE (briefing, day, channel, target, part)
);
CREATE TABLE IF NOT EXISTS subscriptions (
    chat_id TEXT NOT NULL,
    briefing TEXT NOT NULL,
    time TEXT,
    timezone TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, briefing)
);
CREATE TABLE IF NOT EXISTS analysis_cache (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS kv (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
);
"""

# Whether an item of a stored briefing carries a "new" flag, and whether it is set.
# A story may say so by its status instead.
_FLAGGED = "(json_type(value, '$.new') IS NOT NULL OR json_type(value, '$.status') = 'text')"
_NEW = "(json_type(value, '$.new') = 'true' OR json_extract(value, '$.status') = 'new')"


def state_error(path: str, error: Exception) -> StateError:
    """A SQLite error on opening ``path`` as one line: what it means and what to do."""
    reason = str(error)
    if "not a database" in reason:
        return StateError(f"{path}: not a briefing state file ({reason}); move it away (a new one is "
                          "made on the next run) or set 'state:' in the config to another path")
    if "malformed" in reason or "cut short" in reason:
        return StateError(f"{path}: the state file is damaged ({reason}); restore it from a backup, "
                          "or move it away to start afresh (today's deliveries would be sent again)")
    return StateError(f"{path}: cannot open the state file ({reason}); check the path and its "
                      "permissions, or set 'state:' in the config to another path")


def _identity(path: str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """The project's state file. ``Store(":memory:")`` gives a throwaway store for tests."""

    def __init__(self, path: str | Path) -> None:
        import sqlite3

        self.path = str(path)
        self._identity: tuple[int, int] | None = None
        if self.path != ":memory:":
            if Path(self.path).is_dir():
                raise StateError(f"{self.path}: a folder, not a state file; set 'state:' in the "
                                 "config to a file's path")
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            if self.path != ":memory:":
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self._check_size()
            self.db.executescript(SCHEMA)
            self._migrate()
        except sqlite3.Error as error:
            raise state_error(self.path, error) from None
        if self.path != ":memory:":
            self._identity = _identity(self.path)

    def _check_size(self) -> None:
        """A file cut short (a full disk, a partial copy) reads fine until a query reaches the
        missing pages; its header says how long it should be."""
        import sqlite3

        pages = self.db.execute("PRAGMA page_count").fetchone()[0]
        size = self.db.execute("PRAGMA page_size").fetchone()[0]
        wal = Path(f"{self.path}-wal")
        if os.path.getsize(self.path) < pages * size and not (wal.exists() and wal.stat().st_size):
            raise sqlite3.DatabaseError("shorter than its header says: cut short")

    def check(self) -> None:
        """Raise `StateError` if the state file is no longer the one this store opened."""
        if self._identity is not None and _identity(self.path) != self._identity:
            raise StateError(f"{self.path}: the state file was deleted or replaced during the run; "
                             "what was sent since it went is not recorded, and the next run "
                             "will send it again")

    @property
    def gone(self) -> bool:
        try:
            self.check()
        except StateError:
            return True
        return False

    def _migrate(self) -> None:
        """Columns added since a state file was made (CREATE TABLE IF NOT EXISTS leaves it be)."""
        import sqlite3

        columns = {row[1] for row in self.db.execute("PRAGMA table_info(deliveries)")}
        for name, kind in (("claimed_by", "TEXT"), ("claimed_at", "REAL")):
            if name not in columns:
                try:
                    self.db.execute(f"ALTER TABLE deliveries ADD COLUMN {name} {kind}")
                except sqlite3.OperationalError as error:  # another process added it just now
                    if "duplicate column" not in str(error):
                        raise

    def close(self) -> None:
        self.db.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # Seen articles: what earlier briefings already covered.

    def mark_seen(self, briefing: str, articles: Iterable[tuple[str, str | None]],
                  when: str | None = None) -> None:
        """Record that ``briefing`` covered these (id, url) articles, at ``when`` (the run's time)."""
        now = when or utcnow()
        with self.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO seen_articles VALUES (?, ?, ?, ?)",
                [(article_id, briefing, now, url) for article_id, url in articles],
            )

    def first_seen(self, briefing: str, article_id: str) -> str | None:
        row = self.db.execute(
            "SELECT first_seen FROM seen_articles WHERE article_id = ? AND briefing = ?",
            (article_id, briefing),
        ).fetchone()
        return None if row is None else str(row[0])

    # Briefings: the assembled JSON, read back by chat commands and `briefing render`.

    def save_briefing(self, name: str, day: str, generated_at: str, body: dict[str, Any]) -> int:
        cursor = self.db.execute(
            "INSERT INTO briefings (name, day, generated_at, body) VALUES (?, ?, ?, ?)",
            (name, day, generated_at, json.dumps(body, ensure_ascii=False)),
        )
        return int(cursor.lastrowid or 0)

    def latest_briefing(self, name: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT body FROM briefings WHERE name = ? ORDER BY generated_at DESC, id DESC LIMIT 1",
            (name,),
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def briefings(self, name: str, *, since: str | None = None,
                  before: str | None = None) -> Iterator[dict[str, Any]]:
        """Every stored briefing of ``name``, oldest first, as its JSON; ``since`` and ``before``
        bound ``generated_at`` (ISO 8601 text). Times are compared as instants: a run replayed
        ``--as-of`` a local time is stored with its zone's offset, a scheduled one in UTC."""
        query = "SELECT body FROM briefings WHERE name = ?"
        args: list[str] = [name]
        if since is not None:
            query, args = query + " AND julianday(generated_at) >= julianday(?)", [*args, since]
        if before is not None:
            query, args = query + " AND julianday(generated_at) < julianday(?)", [*args, before]
        order = " ORDER BY julianday(generated_at), id"
        for row in self.db.execute(query + order, args).fetchall():
            yield dict(json.loads(row[0]))

    def briefing_of_day(self, name: str, day: str) -> dict[str, Any] | None:
        """The last briefing ``name`` stored for ``day`` (its time zone's calendar day)."""
        row = self.db.execute(
            "SELECT body FROM briefings WHERE name = ? AND day = ? ORDER BY generated_at DESC, "
            "id DESC LIMIT 1", (name, day)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def stored_briefings(self, name: str | None = None) -> list[sqlite3.Row]:
        """Every stored briefing (of ``name``, or all), newest first, without its body: id, name,
        day, generated_at, and counted from the JSON by SQLite (so a year of briefings is listed
        without parsing them here): ``articles``; ``new_articles``, the articles this run was the
        first to cover; ``stories``; ``flagged``, the facts, risks, quotes and stories that say
        whether they are new (a ``new`` flag, or a story's ``status``), and ``new_items``, those
        that are."""
        def count(test: str) -> str:
            return " + ".join(f"(SELECT count(*) FROM json_each(b.body, '$.{part}') WHERE {test})"
                              for part in ("facts", "risks", "quotes", "stories"))

        query = (
            "SELECT b.id, b.name, b.day, b.generated_at, "
            "json_array_length(b.body, '$.articles') AS articles, "
            "coalesce(json_array_length(b.body, '$.stories'), 0) AS stories, "
            "(SELECT count(*) FROM seen_articles s WHERE s.briefing = b.name "
            "AND s.first_seen = b.generated_at) AS new_articles, "
            f"{count(_FLAGGED)} AS flagged, {count(_NEW)} AS new_items FROM briefings b")
        args: tuple[str, ...] = ()
        if name is not None:
            query, args = query + " WHERE b.name = ?", (name,)
        return list(self.db.execute(query + " ORDER BY b.generated_at DESC, b.id DESC", args))

    def recent_runs(self, limit: int = 10) -> list[sqlite3.Row]:
        return list(
            self.db.execute(
                "SELECT id, name, day, generated_at FROM briefings ORDER BY id DESC LIMIT ?",
                (limit,),
            )
        )

    # Subscriptions: who gets which briefing, when.

    def subscribe(
        self, chat_id: str, briefing: str, time: str | None = None, tz: str | None = None
    ) -> None:
        self.db.execute(
            "INSERT INTO subscriptions VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, briefing) "
            "DO UPDATE SET time = excluded.time, timezone = excluded.timezone",
            (str(chat_id), briefing, time, tz, utcnow()),
        )

    def unsubscribe(self, chat_id: str, briefing: str | None = None) -> int:
        if briefing is None:
            cursor = self.db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (str(chat_id),))
        else:
            cursor = self.db.execute(
                "DELETE FROM subscriptions WHERE chat_id = ? AND briefing = ?",
                (str(chat_id), briefing),
            )
        return cursor.rowcount

    def subscriptions(
        self, *, chat_id: str | None = None, briefing: str | None = None
    ) -> list[sqlite3.Row]:
        query, args = "SELECT * FROM subscriptions WHERE 1 = 1", list[str]()
        if chat_id is not None:
            query, args = query + " AND chat_id = ?", [*args, str(chat_id)]
        if briefing is not None:
            query, args = query + " AND briefing = ?", [*args, briefing]
        return list(self.db.execute(query + " ORDER BY briefing, chat_id", args))

    # The analysis cache: per-article results keyed by content and components (see per_article.py).
    # Values are pickles written by this program into the user's own state file.

    def cached_analyses(self, keys: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            for row in self.db.execute(
                    f"SELECT key, value FROM analysis_cache WHERE key IN ({marks})", chunk):
                found[row[0]] = bytes(row[1])
        return found

    def cache_analysis(self, key: str, value: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO analysis_cache VALUES (?, ?, ?)", (key, value, utcnow()))

    # A small key-value space for plugins (feed ETags, bot offsets, caches).

    def get_value(self, namespace: str, key: str) -> str | None:
        row = self.db.execute(
            "SELECT value FROM kv WHERE namespace = ? AND key = ?", (namespace, key)
        ).fetchone()
        return None if row is None else str(row[0])

    def set_value(self, namespace: str, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO kv VALUES (?, ?, ?) ON CONFLICT (namespace, key) "
            "DO UPDATE SET value = excluded.value",
            (namespace, key, value),
        )
