"""Benchmark results in a SQLite file: runs, their clusters, one row per summary, its scores.

Why SQLite: a benchmark must survive being killed. Each finished summary is written in its
own transaction by the single parent process, so whatever was committed before a ``kill -9``
is on disk and a rerun with the same options skips it (resume). WAL mode lets the TUI read
while a benchmark writes.

A database may hold several runs. A run is identified by a hash of everything that changes
its results (data content, methods, budget, ROUGE and method options, seed), so running
different options against the same ``--db`` adds a new run and never overwrites another.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    methods TEXT NOT NULL,
    words INTEGER,
    options TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS clusters (
    run_id TEXT NOT NULL REFERENCES runs(id),
    position INTEGER NOT NULL,
    cluster_id TEXT NOT NULL,
    refs TEXT NOT NULL,
    documents TEXT NOT NULL,
    PRIMARY KEY (run_id, cluster_id)
);
CREATE TABLE IF NOT EXISTS summaries (
    run_id TEXT NOT NULL REFERENCES runs(id),
    method TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    text TEXT NOT NULL,
    sentences TEXT NOT NULL,
    seconds REAL NOT NULL,
    peak_memory INTEGER NOT NULL,
    error TEXT,
    PRIMARY KEY (run_id, method, cluster_id)
);
CREATE TABLE IF NOT EXISTS scores (
    run_id TEXT NOT NULL,
    method TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    rouge_type TEXT NOT NULL,
    precision REAL NOT NULL,
    recall REAL NOT NULL,
    fmeasure REAL NOT NULL,
    PRIMARY KEY (run_id, method, cluster_id, rouge_type)
);
"""


@dataclass(frozen=True)
class RunInfo:
    """One benchmark run: what was asked for. ``id`` is the hash of its options."""

    id: str
    data: str
    methods: tuple[str, ...]
    words: int | None
    options: dict[str, Any] = field(hash=False, compare=True)
    created: str = ""


@dataclass(frozen=True)
class StoredSummary:
    """One method's summary of one cluster, as stored, with its scores and cost."""

    method: str
    cluster_id: str
    text: str
    sentences: list[dict[str, Any]] = field(hash=False)
    """Each with text, doc_id, index, start, end, support (and sources, generated)."""
    scores: dict[str, dict[str, float]] = field(hash=False)
    """ROUGE type -> {"precision", "recall", "fmeasure"}."""
    seconds: float = 0.0
    peak_memory: int = 0
    """Peak bytes allocated by Python during the method call (tracemalloc), 0 if not traced."""
    error: str | None = None


@dataclass(frozen=True)
class ClusterRow:
    """What a run stores about a cluster: enough for the TUI to show sources and references."""

    id: str
    documents: tuple[dict[str, str], ...]
    references: tuple[str, ...]


APPLICATION_ID = 0x4D445331
"""``PRAGMA application_id`` of our databases ("MDS1"): how a file says it is one of ours."""

_TABLES = frozenset({"runs", "clusters", "summaries", "scores"})
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _refuse(path: Path, why: str) -> NoReturn:
    from summarize.errors import InputError

    raise InputError(f"{path}: {why}; give --db a new file or one `summarize bench` made")


def check_foreign(path: Path) -> None:
    """Refuse, before anything is written, a file that is not a benchmark database.

    A database of another program must stay byte-identical: no tables added, no switch to
    WAL. So an existing file is read first, read-only: it must be SQLite, and hold no
    tables but ours (an empty database is fine: ``sqlite3 new.db ""`` makes those).
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        _refuse(path, "is a directory")
    except OSError as exc:
        _refuse(path, f"cannot read ({exc.strerror or exc})")
    if not head:
        return  # an empty file: SQLite treats it as a new database
    if head != _SQLITE_MAGIC:
        _refuse(path, "not a SQLite database")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app = db.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            db.close()
    except sqlite3.Error as exc:
        _refuse(path, f"cannot be read as a database ({exc})")
    foreign = sorted(tables - _TABLES)
    if app not in (0, APPLICATION_ID) or foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        _refuse(path, f"a database of another program (tables: {shown or 'none of ours'})")


class Store:
    """A benchmark database. Reads are safe at any time; write from a single process.

    ``readonly`` opens it for reading only (``report``, the TUI): nothing about the file
    changes, and a database on a read-only disk can still be read.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self._claim: BinaryIO | None = None
        check_foreign(self.path)
        try:
            if readonly:
                self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                           timeout=60, isolation_level=None)
                tables = {r[0] for r in self._db.execute(
                    "SELECT name FROM sqlite_master WHERE type='table'")}
                if not tables >= _TABLES:
                    self._db.close()
                    _refuse(self.path, "holds no benchmark results (run `summarize bench`)")
                return
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=60, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            _refuse(self.path, f"cannot open ({getattr(exc, 'strerror', None) or exc})")
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL with WAL: a committed transaction survives a killed process (not a power
            # cut), and each summary commit stays cheap.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            # Marks the file as ours, and is the write test: a read-only database fails
            # here, before any work, not at the first summary stored.
            self._db.execute(f"PRAGMA application_id={APPLICATION_ID}")
        except sqlite3.DatabaseError as exc:
            self._db.close()
            _refuse(self.path, f"cannot be written ({exc})")

    def claim(self) -> bool:
        """Mark this database as being written by this process; False if another process
        (another ``summarize bench``) holds it already.

        An advisory ``flock`` on the file, which the kernel drops when the process dies,
        however it dies; SQLite's own locks are ``fcntl`` locks, which it does not touch.
        """
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            return True
        if self._claim is None:
            self._claim = self.path.open("rb")
        try:
            fcntl.flock(self._claim.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def close(self) -> None:
        if self._claim is not None:
            self._claim.close()
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- reading -----------------------------------------------------------------------

    def runs(self) -> list[RunInfo]:
        """Every run, oldest first (``created`` is to the second: ties go by insertion)."""
        rows = self._db.execute(
            "SELECT id, data, methods, words, options, created FROM runs ORDER BY created, rowid"
        ).fetchall()
        return [RunInfo(id=r[0], data=r[1], methods=tuple(json.loads(r[2])), words=r[3],
                        options=json.loads(r[4]), created=r[5]) for r in rows]

    def run(self, run_id: str) -> RunInfo | None:
        """The run with this id, or with this unique id prefix; None if there is none."""
        matches = [r for r in self.runs() if r.id == run_id] or [
            r for r in self.runs() if r.id.startswith(run_id)]
        return matches[0] if len(matches) == 1 else None

    def clusters(self, run_id: str) -> list[str]:
        """Cluster ids of a run, in data order."""
        rows = self._db.execute(
            "SELECT cluster_id FROM clusters WHERE run_id=? ORDER BY position", (run_id,))
        return [r[0] for r in rows]

    def cluster(self, run_id: str, cluster_id: str) -> ClusterRow | None:
        row = self._db.execute(
            "SELECT documents, refs FROM clusters WHERE run_id=? AND cluster_id=?",
            (run_id, cluster_id)).fetchone()
        if row is None:
            return None
        return ClusterRow(id=cluster_id, documents=tuple(json.loads(row[0])),
                          references=tuple(json.loads(row[1])))

    def references(self, run_id: str, cluster_id: str) -> list[str]:
        row = self.cluster(run_id, cluster_id)
        return list(row.references) if row else []

    def documents(self, run_id: str, cluster_id: str) -> list[dict]:
        """``{"id", "title", "text"}`` of each source document, in input order."""
        row = self.cluster(run_id, cluster_id)
        return [dict(d) for d in row.documents] if row else []

    def summaries(self, run_id: str, cluster_id: str | None = None) -> list[StoredSummary]:
        """Stored summaries of one cluster (or of all), in the run's method order."""
        query = ("SELECT method, cluster_id, text, sentences, seconds, peak_memory, error "
                 "FROM summaries WHERE run_id=?")
        params: tuple = (run_id,)
        if cluster_id is not None:
            query += " AND cluster_id=?"
            params += (cluster_id,)
        rows = self._db.execute(query, params).fetchall()
        scores = self._scores(run_id, cluster_id)
        info = self.run(run_id)
        method_rank = {m: i for i, m in enumerate(info.methods)} if info else {}
        cluster_rank = {c: i for i, c in enumerate(self.clusters(run_id))}
        out = [StoredSummary(method=r[0], cluster_id=r[1], text=r[2],
                             sentences=json.loads(r[3]), scores=scores.get((r[0], r[1]), {}),
                             seconds=r[4], peak_memory=r[5], error=r[6]) for r in rows]
        return sorted(out, key=lambda s: (cluster_rank.get(s.cluster_id, len(cluster_rank)),
                                          s.cluster_id,
                                          method_rank.get(s.method, len(method_rank)), s.method))

    def _scores(self, run_id: str, cluster_id: str | None) -> dict:
        query = ("SELECT method, cluster_id, rouge_type, precision, recall, fmeasure FROM scores "
                 "WHERE run_id=?")
        params: tuple = (run_id,)
        if cluster_id is not None:
            query += " AND cluster_id=?"
            params += (cluster_id,)
        out: dict[tuple[str, str], dict[str, dict[str, float]]] = {}
        for method, cid, rtype, p, r, f in self._db.execute(query, params):
            out.setdefault((method, cid), {})[rtype] = {
                "precision": p, "recall": r, "fmeasure": f}
        return out

    def done(self, run_id: str) -> set[tuple[str, str]]:
        """``(method, cluster_id)`` pairs already stored: the work a resumed run skips."""
        rows = self._db.execute(
            "SELECT method, cluster_id FROM summaries WHERE run_id=?", (run_id,))
        return {(r[0], r[1]) for r in rows}

    def count(self, run_id: str) -> int:
        return self._db.execute(
            "SELECT COUNT(*) FROM summaries WHERE run_id=?", (run_id,)).fetchone()[0]

    # ----- writing -----------------------------------------------------------------------

    def start_run(self, info: RunInfo, clusters: Sequence[ClusterRow]) -> bool:
        """Record a run and its clusters unless it exists; True when it was new.

        One transaction: a run killed while starting leaves nothing half-written.
        """
        with self._transaction():
            if self._db.execute("SELECT 1 FROM runs WHERE id=?", (info.id,)).fetchone():
                return False
            self._db.execute(
                "INSERT INTO runs (id, data, methods, words, options, created) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (info.id, info.data, json.dumps(list(info.methods)), info.words,
                 json.dumps(info.options, sort_keys=True), info.created))
            self._db.executemany(
                "INSERT INTO clusters (run_id, position, cluster_id, refs, documents) "
                "VALUES (?, ?, ?, ?, ?)",
                [(info.id, i, c.id, json.dumps(list(c.references)), json.dumps(list(c.documents)))
                 for i, c in enumerate(clusters)])
        return True

    def put(self, run_id: str, summary: StoredSummary) -> None:
        """Store one summary and its scores in one transaction (replacing an earlier one)."""
        key = (run_id, summary.method, summary.cluster_id)
        with self._transaction():
            self._db.execute("DELETE FROM scores WHERE run_id=? AND method=? AND cluster_id=?", key)
            self._db.execute(
                "INSERT OR REPLACE INTO summaries (run_id, method, cluster_id, text, sentences, "
                "seconds, peak_memory, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (*key, summary.text, json.dumps(summary.sentences), float(summary.seconds),
                 int(summary.peak_memory), summary.error))
            self._db.executemany(
                "INSERT INTO scores (run_id, method, cluster_id, rouge_type, precision, recall, "
                "fmeasure) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(*key, rtype, s["precision"], s["recall"], s["fmeasure"])
                 for rtype, s in sorted(summary.scores.items())])

    def clear(self, run_id: str) -> None:
        """Forget a run's summaries and scores (``--force``), keeping the run itself."""
        with self._transaction():
            self._db.execute("DELETE FROM scores WHERE run_id=?", (run_id,))
            self._db.execute("DELETE FROM summaries WHERE run_id=?", (run_id,))

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error (autocommit connection)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def summaries_equal(a: Iterable[StoredSummary], b: Iterable[StoredSummary]) -> bool:
    """Same results, ignoring time and memory (which differ from run to run)."""
    def key(s: StoredSummary) -> tuple:
        return (s.method, s.cluster_id, s.text, json.dumps(s.sentences, sort_keys=True),
                json.dumps(s.scores, sort_keys=True), s.error)
    return sorted(map(key, a)) == sorted(map(key, b))
