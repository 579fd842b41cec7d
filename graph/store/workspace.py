"""The workspace: one SQLite file that keeps a corpus's per-document extraction results.

Opening a corpus extracts only the documents whose results the workspace does not hold yet
(new or changed files, or a changed pipeline); every other document's mentions and
relations are read back, and the graph is assembled from all of them. A folder's workspace
lives in the user data directory under a name derived from the folder
(:func:`default_workspace`); ``threadline extract --workspace FILE`` names one.

The sentences are indexed for Find in Documents (:mod:`graph.store.sentence_index`) without
a copy of their text, which the documents keep.

Results are keyed by the document's digest and the pipeline's fingerprint, so a renamed
file is not extracted again and two pipelines can share one workspace. The schema is
versioned (``PRAGMA user_version``) and upgraded by the migrations below, in order; a
workspace written by a newer Threadline is refused, never changed.

A connection belongs to the thread that opened it: the jobs open the workspace inside the
generator that uses it (the window runs that in a worker thread).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import stat
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path

from graph import messages
from graph.errors import WorkspaceError, WorkspaceTooNew
from graph.ingest.documents import Document
from graph.nlp.records import DocumentResult, Mention, PipelineInfo, TypedRelation
from graph.paths import user_data_dir
from graph.store import sentence_index
from graph.store.schema import MIGRATIONS, SCHEMA_VERSION, enable_wal, migrate

SUFFIX = ".threadline"
MEMORY = ":memory:"  # SQLite's name for a database that lives only while it is open



def default_workspace(paths: Sequence[str]) -> Path:
    """The workspace of the corpus opened from ``paths``: one per folder (or set of paths)."""
    resolved = sorted(str(Path(p).resolve()) for p in paths)
    key = hashlib.sha256("\n".join(resolved).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in Path(resolved[0]).name)[:40]
    return user_data_dir() / "workspaces" / f"{stem or 'corpus'}-{key}{SUFFIX}"


def open_default(path: Path) -> tuple[Workspace, str]:
    """A folder's own workspace, and a warning when it could not be used as it was.

    The folder's workspace is Threadline's to manage, so an unusable one does not stop the
    corpus from opening: a damaged one is renamed (kept, never deleted) and a new one
    started; one from a newer version is left alone and a workspace in memory used instead.
    """
    try:
        return Workspace(path), ""
    except WorkspaceTooNew as exc:
        return Workspace(MEMORY), messages.WORKSPACE_NOT_KEPT.format(error=exc)
    except WorkspaceError as exc:
        aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        for suffix in ("", "-wal", "-shm"):
            companion = Path(f"{path}{suffix}")
            if companion.exists() and not companion.is_symlink():
                companion.rename(f"{aside}{suffix}")
        return Workspace(path), messages.WORKSPACE_SET_ASIDE.format(error=exc, aside=aside.name)


class Workspace:
    """An open workspace file (use as a context manager; see the module docstring).

    Parameters
    ----------
    path
        The SQLite file; created with the current schema when it does not exist.

    Raises
    ------
    WorkspaceError
        The path is not a regular file, not a Threadline workspace, damaged, or written by a
        newer version.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        if str(path) != MEMORY:
            _check_target(self.path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # autocommit; a writer waits up to 30 s for another (two windows, a CLI run)
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            raise WorkspaceError(messages.WORKSPACE_UNREADABLE.format(
                path=self.path, error=exc)) from exc
        try:
            self._prepare()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise WorkspaceError(messages.WORKSPACE_UNREADABLE.format(
                path=self.path, error=exc)) from exc
        except WorkspaceError:
            self._db.close()
            raise

    def _prepare(self) -> None:
        db = self._db
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("BEGIN")  # one snapshot: another process may be creating it right now
        try:
            self._check_version(db.execute("PRAGMA user_version").fetchone()[0])
        finally:
            db.execute("COMMIT")
        enable_wal(db)
        version = start = db.execute("PRAGMA user_version").fetchone()[0]
        while version < SCHEMA_VERSION:
            # Read the version inside the write lock: another process may be migrating too.
            with self._transaction() as db:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                self._check_version(version)
                if version < SCHEMA_VERSION:
                    migrate(db, MIGRATIONS[version])
                    version += 1
                    db.execute(f"PRAGMA user_version = {version}")
        if 0 < start < version:  # an upgrade: give back what the old tables took
            with contextlib.suppress(sqlite3.OperationalError):  # busy: next time
                db.execute("VACUUM")

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise WorkspaceTooNew(messages.WORKSPACE_TOO_NEW.format(path=self.path))
        if version == 0 and self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise WorkspaceError(messages.WORKSPACE_FOREIGN.format(path=self.path))

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @property
    def in_memory(self) -> bool:
        """A stand-in that keeps nothing once closed (see :func:`open_default`)."""
        return str(self.path) == MEMORY

    @property
    def version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # -- extraction results ------------------------------------------------------------
    def results(self, documents: Iterable[Document], fingerprint: str
                ) -> dict[str, DocumentResult]:
        """The stored results of ``documents`` under the pipeline ``fingerprint``, by id.

        Documents without a result (new, changed, or never extracted by this pipeline) are
        absent; a stored result that cannot be decoded counts as absent too.
        """
        found: dict[str, DocumentResult] = {}
        documents = list(documents)
        by_digest: dict[str, list[Document]] = {}
        for doc in documents:
            by_digest.setdefault(doc.digest, []).append(doc)
        rows = self._db.execute(
            "SELECT digest, words, result FROM extractions WHERE fingerprint = ?",
            (fingerprint,))
        for digest, words, blob in rows:
            for doc in by_digest.get(digest, ()):
                try:
                    found[doc.id] = _decode(blob, doc, words)
                except (ValueError, TypeError, KeyError, zlib.error):
                    continue
        total = len(documents)
        for index, doc in enumerate(documents):
            if doc.id in found:
                found[doc.id].index, found[doc.id].total = index, total
        return found

    def store(self, result: DocumentResult, fingerprint: str) -> None:
        """Keep one document's result and index its sentences (committed at once: a
        cancelled run keeps it)."""
        digest = result.doc.digest
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO extractions (digest, fingerprint, words, result) "
                       "VALUES (?, ?, ?, ?)", (digest, fingerprint, result.words, _encode(result)))
            sentence_index.index_document(db, result.doc, result.sentences)

    def search(self, query: str, documents: Mapping[str, Document], limit: int = 200
               ) -> list[tuple[str, int, int, str]]:
        """Sentences of the corpus with the words of ``query`` in a row (the last one may be
        the start of a word): ``(document id, start, end, sentence)``, in document order.

        A full-text index (SQLite FTS5), so it costs milliseconds however big the corpus.
        The sentence is cut from ``documents`` (the corpus as opened: id -> document); a
        document missing there, or changed since it was indexed, has no hits.
        """
        words = re.findall(r"\w+", query)
        if not words:
            return []
        phrase = '"' + " ".join(words) + '" *'
        hits = []
        for doc_id, digest, (start, end) in sentence_index.search(self._db, phrase, limit):
            doc = documents.get(_text(doc_id))
            if doc is not None and doc.digest == digest:
                hits.append((doc.id, start, end, sentence_index.clean(doc.text[start:end])))
        return hits

    def _write(self, statement: str, parameters: tuple) -> int:
        """Run one writing statement in its own transaction; returns the last row id."""
        with self._transaction() as db:
            return db.execute(statement, parameters).lastrowid

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock first (``BEGIN IMMEDIATE``): a writer
        then waits its turn (the busy timeout) instead of failing on a stale snapshot."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def pipeline(self, fingerprint: str) -> PipelineInfo | None:
        """The pipeline that wrote the results under ``fingerprint``, if it wrote any."""
        row = self._db.execute("SELECT info FROM pipelines WHERE fingerprint = ?",
                               (fingerprint,)).fetchone()
        if row is None:
            return None
        data = json.loads(row[0])
        return PipelineInfo(**{**data, "components": tuple(data["components"])})

    def set_pipeline(self, fingerprint: str, info: PipelineInfo) -> None:
        # An upsert, not INSERT OR REPLACE: replacing the row would delete, by the foreign
        # key's cascade, every result that pipeline stored.
        self._write("INSERT INTO pipelines (fingerprint, info) VALUES (?, ?) "
                    "ON CONFLICT (fingerprint) DO UPDATE SET info = excluded.info",
                         (fingerprint, json.dumps(asdict(info))))

    # -- documents ---------------------------------------------------------------------
    def documents(self) -> dict[str, str]:
        """The corpus as last opened: document id -> digest."""
        return {_text(doc_id): digest
                for doc_id, digest in self._db.execute("SELECT id, digest FROM documents")}

    def set_documents(self, documents: Iterable[Document]) -> None:
        """Record the corpus as opened now and drop the results no document needs any more.

        Results of other pipelines are kept for the documents still present, so switching
        models back and forth does not extract twice.
        """
        documents = list(documents)
        with self._transaction() as db:
            db.execute("DELETE FROM documents")
            db.executemany("INSERT INTO documents (id, path, digest) VALUES (?, ?, ?)",
                           [(_bytes(d.id), _bytes(d.path), d.digest) for d in documents])
            db.execute("DELETE FROM extractions WHERE digest NOT IN "
                       "(SELECT digest FROM documents)")
            sentence_index.drop_absent(db)
            sentence_index.rebuild_when_stale(db, documents)

    # -- the edit log --------------------------------------------------------------------
    def add_edit(self, edit: str) -> int:
        """Append an edit (its JSON, :meth:`graph.build.edits.Edit.to_json`) to the log,
        committed at once; returns its id."""
        return self._write("INSERT INTO edits (edit) VALUES (?)", (edit,))

    def set_reverted(self, edit_id: int, reverted: bool = True) -> None:
        """Take an edit out of the log (or put it back): it stays in the history."""
        self._write("UPDATE edits SET reverted = ? WHERE id = ?", (int(reverted), edit_id))

    def edits(self, include_reverted: bool = False) -> list[tuple[int, str]]:
        """The edit log, oldest first: ``(id, JSON)`` (:func:`graph.build.edits.read_log`)."""
        return list(self._db.execute("SELECT id, edit FROM edits" +
                                     ("" if include_reverted else " WHERE reverted = 0") +
                                     " ORDER BY id"))

    # -- sessions ------------------------------------------------------------------------
    def save_session(self, name: str, state: str) -> None:
        """Keep an exploration (:meth:`graph.explore.session.Session.to_json`) as ``name``."""
        self._write("INSERT OR REPLACE INTO sessions (name, state) VALUES (?, ?)",
                         (name, state))

    def session(self, name: str) -> str | None:
        row = self._db.execute("SELECT state FROM sessions WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def session_names(self) -> list[str]:
        """The named views, alphabetically (the last exploration, ``""``, is not one)."""
        return [n for (n,) in self._db.execute(
            "SELECT name FROM sessions WHERE name != '' ORDER BY name COLLATE NOCASE")]

    def delete_session(self, name: str) -> None:
        self._write("DELETE FROM sessions WHERE name = ?", (name,))

    # -- the corpus it belongs to ----------------------------------------------------------
    def set_corpus_paths(self, paths: Sequence[str]) -> None:
        """Record the folders and files opened (a ``.threadline`` file opens them again)."""
        self._write("INSERT OR REPLACE INTO meta (key, value) VALUES ('corpus_paths', ?)",
                    (json.dumps([str(Path(p).resolve()) for p in paths]),))

    def corpus_paths(self) -> list[str]:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'corpus_paths'").fetchone()
        try:
            paths = json.loads(row[0]) if row else []
        except ValueError:
            return []
        return [p for p in paths if isinstance(p, str)] if isinstance(paths, list) else []

    def save_as(self, target: str | os.PathLike) -> None:
        """Write a copy of the whole workspace to ``target`` (a portable ``.threadline``
        file: results, edits, sessions, the documents' paths), consistent even while
        another process writes (SQLite's online backup)."""
        target = Path(target)
        _check_target(target)
        partial = target.with_name(f".{target.name}.partial")
        try:
            partial.unlink(missing_ok=True)
            with contextlib.closing(sqlite3.connect(partial)) as copy:
                self._db.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one file, nothing beside it
            os.replace(partial, target)
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            raise WorkspaceError(messages.WORKSPACE_NOT_SAVED.format(error=exc)) from exc

    def stored_results(self) -> int:
        return self._db.execute("SELECT count(*) FROM extractions").fetchone()[0]


def _check_target(path: Path) -> None:
    """Refuse what cannot be a workspace file before SQLite creates or opens anything."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WorkspaceError(messages.WORKSPACE_UNREADABLE.format(path=path, error=exc)) from exc
    if not stat.S_ISREG(mode):
        raise WorkspaceError(messages.WORKSPACE_NOT_FILE.format(path=path))


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


# -- one document's result as a compact blob -----------------------------------------------
def _encode(result: DocumentResult) -> bytes:
    """Mentions and relations; a mention's text only where it is not the document's text
    at its span, and no sentence spans (the sentence index keeps them, schema 6)."""
    text = result.doc.text
    data = {
        "mentions": [[m.start, m.end, None if text[m.start:m.end] == m.text else m.text,
                      m.label, m.sent_start, m.sent_end, m.key] for m in result.mentions],
        "relations": [[*r.source, *r.target, r.relation, r.sent_start, r.sent_end, r.via,
                       r.predicate] for r in result.relations],
    }
    return zlib.compress(_bytes(json.dumps(data, ensure_ascii=False, separators=(",", ":"))))


def _decode(blob: bytes, doc: Document, words: int) -> DocumentResult:
    data = json.loads(_text(zlib.decompress(blob)))
    mentions = [Mention(doc.id, int(s), int(e), doc.text[int(s):int(e)] if t is None else str(t),
                        str(label), int(ss), int(se), str(k))
                for s, e, t, label, ss, se, k in data["mentions"]]
    relations = [TypedRelation(doc.id, (int(s0), int(s1)), (int(t0), int(t1)), str(rel),
                               int(ss), int(se), str(via), str(pred))
                 for s0, s1, t0, t1, rel, ss, se, via, pred in data["relations"]]
    sentences = [(int(s), int(e)) for s, e in data.get("sentences", ())]
    return DocumentResult(doc, 0, 0, mentions, relations, int(words), sentences)
