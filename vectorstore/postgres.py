"""The conversation store on a PostgreSQL server: one store that app, CLI and ingest processes
on several machines share (``CONVOSCOPE_DATABASE_URL``).

Why PostgreSQL for this workload (README, "Running on a server"): many ingest processes write
the same tables at once, each conversation exactly once, with row locks and ``ON CONFLICT``
upserts; askers read while they write (MVCC: a question sees whole batches only); counts are
indexed aggregates over a few tables; and Debian ships it. ClickHouse answers aggregates
faster but has no transactions or row-level upserts, so "each conversation once, safe to re-run"
and "a question sees the old topic model or the new one" would be ours to build; DuckDB lets
only one process write a file. The vectors questions search stay in the Chroma server.

It is the SQLite store (``vectorstore/conversations.py``) with the same SQL, spoken through a
cursor that turns SQLite's ``?`` into ``%s``; what differs is here: the schema (a ``BIGSERIAL``
statement id for SQLite's rowid, ``BYTEA`` vectors), JSON filters, connection and errors, and
the locks that let writers and a topic re-fit run side by side.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from convoscope.errors import StoreError
from convoscope.models import Scalar
from vectorstore.base import Where
from vectorstore.conversations import ConversationStore, StoredConversation
from vectorstore.sqlite import SCHEMA as SQLITE_SCHEMA
from vectorstore.sqlite import _sql_where
from vectorstore.topics import TOPIC_SCHEMA, UNASSIGNED, TopicModel, forget_old, insert_model, latest_version


def _server_schema() -> str:
    """The SQLite schema in PostgreSQL's types: a BIGSERIAL statement id for SQLite's rowid,
    BYTEA for BLOB, BIGINT times, and the statements' topic column from the start."""
    schema = SQLITE_SCHEMA
    for old, new in (
        ("ts INTEGER NOT NULL", "ts BIGINT NOT NULL"),
        ("statements (\n", "statements (\n    id BIGSERIAL PRIMARY KEY,\n"),
        ("vector BLOB NOT NULL\n", f"vector BYTEA NOT NULL,\n    topic INTEGER NOT NULL DEFAULT {UNASSIGNED}\n"),
    ):
        assert old in schema, f"the SQLite schema changed: {old!r}"
        schema = schema.replace(old, new)
    return (schema + "CREATE INDEX IF NOT EXISTS statements_topic ON statements(topic);\n"
            + TOPIC_SCHEMA.replace("BLOB", "BYTEA"))


SCHEMA = _server_schema()

ANY_BATCH = 20_000  # ids a lookup sends at once, as one array
RETRIES = 3  # writes of a batch the server aborted to break a deadlock
TABLES = ("conversations", "chunks", "statements", "pending_chunks", "topic_models", "topics")
STREAM_BLOCK = 20_000  # rows a large read fetches from the server at a time
SCHEMA_LOCK = 7_204_001  # advisory lock ids: creating the schema, and a topic re-fit's save
METADATA_COUNTS = (
    "SELECT j.key, j.value, COUNT(*) FROM conversations, jsonb_each(conversations.metadata::jsonb) j "
    "WHERE jsonb_typeof(j.value) IN ('string', 'boolean') "
    "OR (jsonb_typeof(j.value) = 'number' AND j.value::text ~ '^-{0,1}[0-9]+$') GROUP BY j.key, j.value"
)

FIELD_VALUES = (  # as METADATA_COUNTS reads one key: strings, booleans and whole numbers, as text and type
    "SELECT id, v #>> '{}', jsonb_typeof(v) FROM (SELECT id, metadata::jsonb -> ? AS v FROM conversations) t "
    "WHERE jsonb_typeof(v) IN ('string', 'boolean') OR (jsonb_typeof(v) = 'number' AND v::text ~ '^-{0,1}[0-9]+$')"
)


class _Cursor:
    """A psycopg cursor that takes the SQLite store's SQL: ``?`` placeholders become ``%s``."""

    def __init__(self, cursor: Any) -> None:
        self.raw = cursor

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Any = ()) -> _Cursor:
        if params:
            self.raw.execute(self._sql(sql), tuple(params))
        else:  # no placeholders: sent as written
            self.raw.execute(sql)
        return self

    def executemany(self, sql: str, rows: Any) -> None:
        rows = list(rows)
        if rows:
            self.raw.executemany(self._sql(sql), rows)

    def fetchone(self) -> tuple | None:
        return self.raw.fetchone()

    def fetchall(self) -> list[tuple]:
        return self.raw.fetchall()

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.raw)

    def close(self) -> None:
        self.raw.close()


def shown(url: str) -> str:
    """The URL without its password (for messages and ``describe``)."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def _driver() -> Any:
    try:
        import psycopg
    except ImportError as err:  # the optional `server` extra
        raise StoreError("CONVOSCOPE_DATABASE_URL is set but the PostgreSQL driver is not installed",
                         "pip install 'convoscope[server]' (psycopg), or unset CONVOSCOPE_DATABASE_URL") from err
    return psycopg


class PostgresConversationStore(ConversationStore):
    """Whole conversations, chunk texts, statements and topics in a PostgreSQL database
    (``schema``: a schema of its own, so several stores may share one database)."""

    _row_id = "id"

    def __init__(self, url: str, read_only: bool = False, schema: str | None = None) -> None:
        super().__init__(Path("."), read_only=read_only)
        self.url = url
        self.schema = schema
        self.path = Path(shown(url))  # what messages name (never the password)
        self._db_errors = (_driver().Error,)

    def _open(self) -> Any:
        psycopg = _driver()
        db = psycopg.connect(self.url, autocommit=True, connect_timeout=10, application_name="convoscope")
        try:
            if self.schema:
                if not re.fullmatch(r"[a-z_][a-z0-9_]*", self.schema):
                    raise StoreError(f"CONVOSCOPE_DATABASE_SCHEMA {self.schema!r} is not a plain lowercase name",
                                     "use letters, digits and underscores")
                db.execute(f"SET search_path TO {self.schema}")
            if self.read_only:
                if db.execute("SELECT to_regclass('conversations')").fetchone()[0] is None:
                    raise StoreError(f"no Convoscope store in the database {shown(self.url)}"
                                     f"{f' (schema {self.schema})' if self.schema else ''}",
                                     "ingest into it first: convoscope ingest FILE, with the same "
                                     "CONVOSCOPE_DATABASE_URL")
                db.execute("SET default_transaction_read_only = on")
            else:
                # Several writers may start at once: one creates the tables. Where they exist no DDL
                # runs at all (CREATE INDEX IF NOT EXISTS would still lock a table other writers write).
                with db.transaction():
                    db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                    if not all(db.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()[0]
                               for table in TABLES):
                        if self.schema:
                            db.execute(f"CREATE SCHEMA IF NOT EXISTS {self.schema}")
                        db.execute(SCHEMA)
        except BaseException:
            db.close()
            raise
        return db

    def _open_read_only(self) -> Any:
        return self._open()

    def exists(self) -> bool:
        """Whether the database holds a store (its tables), asked on a connection of its own."""
        psycopg = _driver()
        try:
            with psycopg.connect(self.url, autocommit=True, connect_timeout=10) as db:
                if self.schema:
                    db.execute(f"SET search_path TO {self.schema}")
                return db.execute("SELECT to_regclass('conversations')").fetchone()[0] is not None
        except psycopg.Error as err:
            raise self._error(err, "open") from err

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        with self._lock:
            cursor = _Cursor(self.db.cursor())
            try:
                yield cursor
            finally:
                cursor.close()

    @contextmanager
    def _stream(self, sql: str) -> Iterator[Iterator[tuple]]:
        """A server-side cursor, fetched in blocks: the client never holds the whole result."""
        with self._lock, self.db.transaction(), self.db.cursor(name="convoscope_stream") as cur:
            cur.itersize = STREAM_BLOCK
            cur.execute(sql)
            yield iter(cur)

    def _select_in(self, sql: str, ids: list) -> list[tuple]:
        """As on SQLite, but each batch one array parameter (``= ANY``) of up to ``ANY_BATCH`` ids."""
        rows: list[tuple] = []
        with self._cursor() as cur:
            for start in range(0, len(ids), ANY_BATCH):
                part = list(ids[start : start + ANY_BATCH])
                query = sql.replace(" IN ({placeholders})", " = ANY(?)")
                rows.extend(cur.execute(query, (part,)).fetchall())
        return rows

    def _transaction(self) -> AbstractContextManager:
        return self.db.transaction()

    def _has_topic_column(self, cur: Any) -> bool:
        return True

    def _where(self, where: Where | None) -> tuple[str, list[object]]:
        return _sql_where(where, _json_field)

    def _metadata_counts(self, cur: Any) -> list[tuple[str, Scalar, int]]:
        # as SQLite's json_each gives them: booleans as 1 / 0
        return [(key, int(value) if isinstance(value, bool) else value, n)
                for key, value, n in cur.execute(METADATA_COUNTS).fetchall()]

    def _field_rows(self, cur: Any, field: str) -> list[tuple[str, Scalar]]:
        typed = {"string": str, "number": int, "boolean": lambda text: int(text == "true")}  # booleans as 1 / 0
        return [(cid, typed[kind](text)) for cid, text, kind in cur.execute(FIELD_VALUES, (field,)).fetchall()]

    def write(self, items: list[StoredConversation]) -> None:
        """As on SQLite; a batch the server chose as a deadlock's victim is written again."""
        for attempt in range(RETRIES):
            try:
                return super().write(items)
            except StoreError as err:
                if attempt == RETRIES - 1 or not isinstance(err.__cause__, _driver().errors.DeadlockDetected):
                    raise

    def _before_statements(self, cur: Any) -> None:
        # Conflicts with a re-fit's save (below) only: writers run side by side, and the topic
        # model a writer then reads is the one its statements are assigned under.
        cur.execute("LOCK TABLE statements IN ROW EXCLUSIVE MODE")

    def save_topics(self, model: TopicModel, assignments: list[tuple[int, int]]) -> None:
        """Write a new topic model version and every statement's topic under it.

        Writers may have added statements since the fit read the table: with writers held off
        for the length of this transaction, those are assigned to the new model's nearest topic
        here. When another process saved this version first, its fit stands and this one is dropped."""
        with self._lock, self._writing(), self._transaction(), self._cursor() as cur:
            cur.execute("LOCK TABLE statements IN SHARE ROW EXCLUSIVE MODE")
            latest = latest_version(cur)
            if latest is not None and latest >= model.version:
                return
            insert_model(cur, model)
            cur.execute("CREATE TEMPORARY TABLE fit_assign (id BIGINT PRIMARY KEY, topic INTEGER) ON COMMIT DROP")
            with cur.raw.copy("COPY fit_assign (id, topic) FROM STDIN") as copy:
                for row, topic in assignments:
                    copy.write_row((row, topic))
            cur.execute("UPDATE statements s SET topic = f.topic FROM fit_assign f "
                        "WHERE s.id = f.id AND s.topic <> f.topic")
            late = cur.execute("SELECT s.id, s.vector FROM statements s "
                               "WHERE NOT EXISTS (SELECT 1 FROM fit_assign f WHERE f.id = s.id)").fetchall()
            if late:
                vectors = np.stack([np.frombuffer(v, dtype=np.float16) for _, v in late]).astype(np.float32)
                topics, _ = model.assign(vectors)
                cur.executemany("UPDATE statements SET topic = ? WHERE id = ?",
                                [(int(t), int(i)) for (i, _), t in zip(late, topics)])
            forget_old(cur, model.version)
        self._topic_model = None

    def _error(self, err: BaseException, doing: str) -> StoreError:
        """One line for a database failure: what happened, and what to do."""
        if isinstance(err, StoreError):
            return err
        text = next((line.strip() for line in str(err).splitlines() if line.strip()), err.__class__.__name__)
        text = re.sub(r"^connection failed: ", "", text)
        lowered = text.lower()
        where = shown(self.url)
        if "password authentication failed" in lowered or "no password supplied" in lowered:
            fix = "check the user and password in CONVOSCOPE_DATABASE_URL"
        elif "does not exist" in lowered and "database" in lowered:
            fix = "create the database (createdb) or name an existing one in CONVOSCOPE_DATABASE_URL"
        elif any(w in lowered for w in ("connection refused", "could not connect", "timeout", "timed out",
                                        "no route", "name or service", "server closed", "terminating connection")):
            fix = "start the database server, or point CONVOSCOPE_DATABASE_URL at one that is running"
        elif "read-only" in lowered or "permission denied" in lowered:
            fix = "give this database user the rights it needs (to ingest: CREATE and write on the schema)"
        elif "no space" in lowered or "disk full" in lowered:
            fix = "free space on the database server, then re-run: the ingest resumes where it stopped"
        else:
            fix = "check the database server and CONVOSCOPE_DATABASE_URL, then re-run"
        return StoreError(f"cannot {doing} the conversation store at {where} ({text})", fix)


def _json_field(key: str, values: list[Scalar]) -> tuple[str, list[object]]:
    """PostgreSQL's test of a metadata field against ``values`` (as JSON values)."""
    wanted = [json.dumps(v) for v in _json_forms(values)]
    return f"(metadata::jsonb -> ?) IN ({', '.join('?::jsonb' for _ in wanted)})", [key, *wanted]


def _json_forms(values: list[Scalar]) -> list[Any]:
    """The JSON values a metadata filter matches: SQLite compares ``true`` and ``1`` as equal."""
    out: list[Any] = []
    for value in values:
        out.append(value)
        if isinstance(value, bool):
            out.append(int(value))
        elif isinstance(value, int) and value in (0, 1):
            out.append(bool(value))
    return out
