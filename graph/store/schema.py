"""The workspace's schema: its migrations, in order, and the connection set-up they need.

The version is SQLite's ``PRAGMA user_version``; :class:`graph.store.workspace.Workspace`
runs the steps a file lacks, each in one write transaction, and refuses a newer file.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from graph.store import sentence_index

# Each step is SQL statements or a function of the connection, run in one transaction.
MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    # 1: documents of the corpus and the extraction of each (digest, pipeline)
    """
    CREATE TABLE documents (
        id BLOB PRIMARY KEY,  -- UTF-8 with lone surrogates kept (names that were not UTF-8)
        path BLOB NOT NULL,
        digest TEXT NOT NULL
    );
    CREATE TABLE pipelines (
        fingerprint TEXT PRIMARY KEY,
        info TEXT NOT NULL
    );
    CREATE TABLE extractions (
        digest TEXT NOT NULL,
        fingerprint TEXT NOT NULL REFERENCES pipelines(fingerprint) ON DELETE CASCADE,
        words INTEGER NOT NULL,
        result BLOB NOT NULL,
        PRIMARY KEY (digest, fingerprint)
    );
    """,
    # 2: the user's edit log (graph.build.edits), replayed over every rebuild
    """
    CREATE TABLE edits (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created TEXT NOT NULL DEFAULT (datetime('now')),
        edit TEXT NOT NULL,
        reverted INTEGER NOT NULL DEFAULT 0
    );
    """,
    # 3: every sentence of the documents, for the window's full-text search
    """
    CREATE VIRTUAL TABLE sentences USING fts5(
        text, digest UNINDEXED, start UNINDEXED, end UNINDEXED
    );
    """,
    # 4: explorations: the last one (name "") and the views the person named
    """
    CREATE TABLE sessions (
        name TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        updated TEXT NOT NULL DEFAULT (datetime('now'))
    );
    """,
    # 5: what was opened (the folders and files a .threadline file reopens)
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 6: the sentences' words indexed without their text, which the documents keep
    # (the sentences of 3 repeated the text and the 64-character digest on every row)
    sentence_index.migrate,
)
SCHEMA_VERSION = len(MIGRATIONS)


def enable_wal(db: sqlite3.Connection, patience: float = 30.0) -> None:
    """Switch to write-ahead logging, waiting for another process doing the same.

    Two processes creating one workspace can both hold a read lock when each asks for the
    exclusive lock the switch needs; SQLite then fails one of them at once ("database is
    locked") without the busy timeout, since waiting would deadlock. The failed statement
    has given its read lock back, so trying again lets the other finish first.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def migrate(db: sqlite3.Connection, step: str | Callable[[sqlite3.Connection], None]) -> None:
    if callable(step):
        step(db)
        return
    for statement in filter(str.strip, step.split(";")):
        db.execute(statement)
