"""The conversation store: SQLite, for whole transcripts and exact counts.

Why SQLite rather than DuckDB: it ships with Python, commits each ingest batch as one
ACID transaction, and in WAL mode lets many readers (the app, concurrent askers) read
while one ingest writes; DuckDB allows only one process to hold a file open for
writing, which rules out asking while ingesting. Counts by day, channel, agent type and
metadata over a few million rows take milliseconds with the indexes below.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import urllib.parse
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from convoscope.errors import StoreError
from convoscope.models import Chunk, Conversation, ConversationMeta, Scalar
from vectorstore.base import Where
from vectorstore.sqlite import (  # noqa: F401 (DATABASE re-exported)
    DATABASE,
    FIELD_VALUES,
    MAX_DISTINCT,
    METADATA_COUNTS,
    SCHEMA,
    UPSERT_CHUNK,
    UPSERT_CONVERSATION,
    _meta,
    _sql_where,
    _store_error,
)
from vectorstore.statements import Statement, StatementReads, _state, _StatementTable
from vectorstore.topics import (
    StatementStats,
    TopicModel,
    ensure_topic_schema,
    has_topic_column,
    latest_version,
    load_model,
    save_model,
    statement_stats,
)

KEPT_FIELDS = 4  # fields whose every conversation's value is kept (``field_values``)


def _assigned(model: TopicModel | None, statements: list[Statement]) -> list[int]:
    """Each new statement's topic under ``model`` (-1 before the first fit)."""
    if model is None or not statements:
        return [-1] * len(statements)
    ids, _ = model.assign(np.stack([np.asarray(st.vector, dtype=np.float32) for st in statements]))
    return ids.tolist()


class StoredConversation(BaseModel):
    """What ingest hands the conversation store for one conversation."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    conversation: Conversation
    content_hash: str
    chunks: list[Chunk]
    statements: list[Statement] = Field(default_factory=list)


class ConversationStore(StatementReads):
    """Whole conversations and their chunk texts, keyed by id, in one SQLite file.

    ``read_only`` (the app) opens the file with SQLite's ``mode=ro`` and ``query_only``: no
    schema is created, nothing can be written, and a missing file is an error, not a new store.
    """

    _row_id = "rowid"  # the statement table's row number (what a topic re-fit reassigns by)
    _db_errors: tuple[type[BaseException], ...] = (sqlite3.Error,)

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None
        self._vocabulary: tuple[tuple, dict[str, int]] | None = None  # as of the statement table's state
        self._values: tuple[tuple, dict] | None = None  # values() as of (conversation count, last ingest)
        self._fields: OrderedDict[str, tuple[tuple, dict[str, Scalar]]] = OrderedDict()  # field_values(), kept
        self._statement_cache: _StatementTable | None = None
        self._topic_model: TopicModel | None = None  # the latest fitted version, as last read

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self._db = self._open_read_only() if self.read_only else self._open()
            except (*self._db_errors, OSError) as err:
                raise self._error(err, "open") from err
        return self._db

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        # a conversation ingested again (say after a better redactor) leaves no trace of its old
        # text in the file's free pages
        db.execute("PRAGMA secure_delete=ON")
        db.executescript(SCHEMA)
        ensure_topic_schema(db)
        return db

    def _open_read_only(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise sqlite3.OperationalError("unable to open database file: it does not exist")
        uri = f"file:{urllib.parse.quote(str(self.path))}?mode=ro"
        try:
            return self._connect(uri)
        except sqlite3.OperationalError:
            # A WAL database needs its -shm file, which SQLite cannot create in a folder we may
            # not write. With no writer active (no -shm left), read it as immutable instead.
            if os.access(self.path.parent, os.W_OK) or self.path.with_name(self.path.name + "-shm").exists():
                raise
            return self._connect(uri + "&immutable=1")

    @staticmethod
    def _connect(uri: str) -> sqlite3.Connection:
        db = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)
        try:
            db.execute("PRAGMA query_only=ON")
            db.execute("SELECT COUNT(*) FROM conversations").fetchone()  # unreadable or damaged: fail here
        except sqlite3.Error:
            db.close()
            raise
        return db

    def exists(self) -> bool:
        return self.path.is_file()

    def _transaction(self) -> AbstractContextManager:
        """One transaction on the connection: committed at the end, rolled back on error."""
        return self.db

    def _where(self, where: Where | None) -> tuple[str, list[object]]:
        return _sql_where(where)

    def _metadata_counts(self, cur) -> list[tuple[str, Scalar, int]]:
        """Every metadata key and scalar value (text or integer; booleans as 1/0) with its count."""
        return cur.execute(METADATA_COUNTS).fetchall()

    def _field_rows(self, cur, field: str) -> list[tuple[str, Scalar]]:
        """(conversation id, value) of every conversation with a scalar value of ``field``."""
        return cur.execute(FIELD_VALUES, (field,)).fetchall()

    def _has_topic_column(self, cur) -> bool:
        return has_topic_column(cur)

    def _error(self, err: BaseException, doing: str) -> StoreError:
        return _store_error(err, self.path, doing)

    @contextmanager
    def _stream(self, sql: str) -> Iterator[Iterable[tuple]]:
        """The rows of a large read, as they come (not all held by the driver at once)."""
        with self._cursor() as cur:
            yield cur.execute(sql)

    @contextmanager
    def _cursor(self) -> Iterator[sqlite3.Cursor]:
        with self._lock:
            cursor = self.db.cursor()
            try:
                yield cursor
            finally:
                cursor.close()

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # -- writing -------------------------------------------------------------------------

    def _select_in(self, sql: str, ids: list[str]) -> list[tuple]:
        """Rows of ``sql`` (with one ``{in}`` placeholder for the id list), in batches of 500."""
        rows: list[tuple] = []
        with self._cursor() as cur:
            for start in range(0, len(ids), 500):
                part = ids[start : start + 500]
                rows.extend(cur.execute(sql.format(placeholders=", ".join("?" for _ in part)), part).fetchall())
        return rows

    def hashes(self, ids: Iterable[str]) -> dict[str, str]:
        return dict(self._select_in("SELECT id, content_hash FROM conversations WHERE id IN ({placeholders})",
                                    list(ids)))

    def chunk_ids(self, conversation_ids: Iterable[str]) -> dict[str, set[str]]:
        ids = list(conversation_ids)
        found: dict[str, set[str]] = {cid: set() for cid in ids}
        for cid, chunk_id in self._select_in(
            "SELECT conversation_id, id FROM chunks WHERE conversation_id IN ({placeholders})", ids
        ):
            found[cid].add(chunk_id)
        return found

    # The chunk journal: Chroma and SQLite cannot share a transaction, so every chunk id a
    # batch will add to (or delete from) Chroma is written here first and cleared once both
    # stores agree. After a crash, a journalled id that SQLite does not hold is an orphan
    # in Chroma (a batch that never reached SQLite, or a stale chunk whose deletion was cut
    # short) and ``orphans`` names it for deletion.

    def intend(self, chunk_ids: Iterable[str]) -> None:
        """Journal chunk ids about to be written to or deleted from the vector store."""
        with self._lock, self._writing(), self._transaction(), self._cursor() as cur:
            cur.executemany("INSERT INTO pending_chunks VALUES (?) ON CONFLICT DO NOTHING", [(i,) for i in chunk_ids])

    def settle(self, chunk_ids: Iterable[str] | None = None) -> None:
        """Clear journalled ids (all of them when ``chunk_ids`` is None): both stores agree."""
        with self._lock, self._writing(), self._transaction(), self._cursor() as cur:
            if chunk_ids is None:
                cur.execute("DELETE FROM pending_chunks")
            else:
                cur.executemany("DELETE FROM pending_chunks WHERE id = ?", [(i,) for i in chunk_ids])

    def orphans(self) -> list[str]:
        """Journalled chunk ids SQLite does not hold: left in the vector store by an interrupted ingest."""
        with self._cursor() as cur:
            return [r[0] for r in cur.execute(
                "SELECT p.id FROM pending_chunks p LEFT JOIN chunks c ON c.id = p.id WHERE c.id IS NULL ORDER BY p.id"
            )]

    @contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            yield
        except self._db_errors as err:
            raise self._error(err, "write to") from err

    def write(self, items: list[StoredConversation]) -> None:
        """Store conversations, their chunks and turn vectors in one transaction.

        Each conversation's row is written first: on a server engine that locks it, so two
        writers of one conversation take turns and the second replaces the first's chunks and
        statements rather than adding to them. Items go in id order, so writers never deadlock."""
        now = datetime.now(UTC).isoformat()
        with self._lock, self._writing(), self._transaction(), self._cursor() as cur:
            self._before_statements(cur)
            model = self.topic_model()  # read inside the transaction: a re-fit committed before it counts
            for item in sorted(items, key=lambda i: i.conversation.id):
                conversation = item.conversation
                cur.execute(UPSERT_CONVERSATION, (
                    conversation.id, item.content_hash, conversation.channel, conversation.started_at.isoformat(),
                    int(conversation.started_at.timestamp()), conversation.day, conversation.agent.id,
                    conversation.agent.type, conversation.customer_id,
                    json.dumps(conversation.metadata, sort_keys=True), conversation.model_dump_json(), now,
                ))
                cur.execute("DELETE FROM chunks WHERE conversation_id = ?", (conversation.id,))
                cur.execute("DELETE FROM statements WHERE conversation_id = ?", (conversation.id,))
                cur.executemany(UPSERT_CHUNK, [(c.id, c.conversation_id, c.turn_start, c.turn_end, c.text)
                                               for c in item.chunks])
                topics = _assigned(model, item.statements)
                cur.executemany(
                    "INSERT INTO statements (conversation_id, turn, text, vector, topic) VALUES (?,?,?,?,?)",
                    [(conversation.id, st.turn, st.text, np.asarray(st.vector, dtype=np.float16).tobytes(), t)
                     for st, t in zip(item.statements, topics)],
                )

    def _before_statements(self, cur) -> None:
        """Hook: what a server engine does before a writer reads the topic model (lock out a re-fit)."""

    # -- topics --------------------------------------------------------------------------

    def topic_model(self, version: int | None = None) -> TopicModel | None:
        """The store's topic model (the latest version when ``version`` is None), or None
        before the first fit. The latest is re-read only when a newer version exists."""
        with self._lock, self._cursor() as cur:
            latest = latest_version(cur)
            if version is not None and version != latest:
                return load_model(cur, version)
            if latest is None:
                return None
            if self._topic_model is None or self._topic_model.version != latest:
                self._topic_model = load_model(cur, latest)
            return self._topic_model

    def statement_stats(self) -> StatementStats:
        """Statement count, how many have no topic, and the newest ones' vectors."""
        with self._lock, self._cursor() as cur:
            return statement_stats(cur, row_id=self._row_id)

    def save_topics(self, model: TopicModel, assignments: list[tuple[int, int]]) -> None:
        """Write a new topic model version and every statement's topic under it."""
        with self._lock, self._writing():
            with self._transaction(), self._cursor() as cur:
                save_model(cur, model, assignments, self._row_id)
            self._topic_model = None

    # -- reading -------------------------------------------------------------------------

    def get(self, conversation_id: str) -> Conversation | None:
        with self._cursor() as cur:
            row = cur.execute("SELECT data FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        return Conversation.model_validate_json(row[0]) if row else None

    def meta_many(self, ids: Iterable[str]) -> dict[str, ConversationMeta]:
        """Conversations without their turns (id, channel, time, agent, metadata): what
        segments need, at a fraction of the cost of reading whole transcripts."""
        rows = self._select_in(
            "SELECT id, channel, started_at, agent_id, agent_type, customer_id, metadata FROM conversations "
            "WHERE id IN ({placeholders})", list(dict.fromkeys(ids)),
        )
        return {cid: _meta(cid, channel, started, agent_id, agent_type, customer, json.loads(metadata))
                for cid, channel, started, agent_id, agent_type, customer, metadata in rows}

    def started(self, ids: Iterable[str]) -> dict[str, datetime]:
        """When each of ``ids`` started (UTC)."""
        rows = self._select_in("SELECT id, started_at FROM conversations WHERE id IN ({placeholders})",
                               list(dict.fromkeys(ids)))
        return {cid: datetime.fromisoformat(at) for cid, at in rows}

    def get_many(self, ids: Iterable[str]) -> dict[str, Conversation]:
        rows = self._select_in("SELECT id, data FROM conversations WHERE id IN ({placeholders})",
                               list(dict.fromkeys(ids)))
        return {cid: Conversation.model_validate_json(data) for cid, data in rows}

    def count(self, where: Where | None = None) -> int:
        clause, params = self._where(where)
        with self._cursor() as cur:
            return int(cur.execute(f"SELECT COUNT(*) FROM conversations WHERE {clause}", params).fetchone()[0])

    def ids(self, where: Where | None = None) -> list[str]:
        clause, params = self._where(where)
        with self._cursor() as cur:
            return [r[0] for r in cur.execute(f"SELECT id FROM conversations WHERE {clause} ORDER BY ts", params)]

    def chunks(self, where: Where | None = None) -> list[Chunk]:
        """Chunk texts (without metadata) of the conversations matching ``where``."""
        clause, params = self._where(where)
        with self._cursor() as cur:
            rows = cur.execute(
                "SELECT c.id, c.conversation_id, c.turn_start, c.turn_end, c.text FROM chunks c "
                f"WHERE c.conversation_id IN (SELECT id FROM conversations WHERE {clause})",
                params,
            ).fetchall()
        return [Chunk(id=r[0], conversation_id=r[1], turn_start=r[2], turn_end=r[3], text=r[4]) for r in rows]

    def day_range(self) -> tuple[datetime, datetime] | None:
        with self._cursor() as cur:
            row = cur.execute(
                "SELECT (SELECT MIN(ts) FROM conversations), (SELECT MAX(ts) FROM conversations)").fetchone()
        if not row or row[0] is None:
            return None
        return (datetime.fromtimestamp(row[0], UTC), datetime.fromtimestamp(row[1], UTC))

    def field_values(self, field: str) -> dict[str, Scalar]:
        """Every conversation's value of the metadata ``field``, as ``values`` counts them (booleans
        as 1 / 0; a conversation with none, or with a list or an object there, left out): one read, the
        last ``KEPT_FIELDS`` fields asked for kept until the store changes."""
        with self._cursor() as cur:
            state = _state(cur)
            kept = self._fields.get(field)
            if kept is not None and kept[0] == state:
                self._fields.move_to_end(field)
                return kept[1]
            found = dict(self._field_rows(cur, field))
        self._fields[field] = (state, found)
        while len(self._fields) > KEPT_FIELDS:
            self._fields.popitem(last=False)
        return found

    def values(self) -> dict[str, dict[Scalar, int]]:
        """Every filterable field with its distinct values and how many conversations have each.

        Keys are chunk-metadata names (``channel``, ``agent_type``, ``meta_product`` …);
        fields with more than ``MAX_DISTINCT`` values (ids, handle times) and real-valued
        fields (the enrichment's ratios and scores) are left out.
        """
        out: dict[str, dict[Scalar, int]] = {}
        with self._cursor() as cur:
            state = _state(cur)
            if self._values is not None and self._values[0] == state:  # unchanged since the last question
                return self._values[1]
            for column in ("channel", "agent_type"):
                out[column] = dict(cur.execute(f"SELECT {column}, COUNT(*) FROM conversations GROUP BY {column}"))
            rows = self._metadata_counts(cur)
        for key, value, n in rows:
            out.setdefault(f"meta_{key}", {})[value] = n
        found = {k: v for k, v in out.items() if len(v) <= MAX_DISTINCT}
        self._values = (state, found)
        return found
