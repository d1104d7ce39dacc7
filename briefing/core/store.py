"""SQLite state: what was seen, what was briefed, what was delivered, who subscribed.

One file, opened per process. Each write commits at once, so a process killed between two writes
leaves a consistent file: that is what makes the outbox exactly-once (see outbox.py).

``sqlite3`` is imported when a store is opened: the public API imports this module, and
``briefing --help`` never opens one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """The project's state file. ``Store(":memory:")`` gives a throwaway store for tests."""

    def __init__(self, path: str | Path) -> None:
        import sqlite3

        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        if self.path != ":memory:":
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

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
