"""The conversation store's SQLite file: its schema, filters as SQL, rows read back as
conversations without validating them again, and failures said in one line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from convoscope.errors import StoreError
from convoscope.models import Agent, ConversationMeta, Scalar
from vectorstore.base import Where

DATABASE = "conversations.sqlite"  # the conversation store's SQLite file inside a store folder

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    channel TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ts INTEGER NOT NULL,
    day INTEGER NOT NULL,
    agent_id TEXT NOT NULL,
    agent_type TEXT NOT NULL,
    customer_id TEXT,
    metadata TEXT NOT NULL,
    data TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_day ON conversations(day);
CREATE INDEX IF NOT EXISTS conversations_channel ON conversations(channel, day);
CREATE INDEX IF NOT EXISTS conversations_agent_type ON conversations(agent_type, day);
CREATE INDEX IF NOT EXISTS conversations_ts ON conversations(ts, id);  -- covers ids() in time order
CREATE INDEX IF NOT EXISTS conversations_ingested ON conversations(ingested_at);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    turn_start INTEGER NOT NULL,
    turn_end INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_conversation ON chunks(conversation_id);
CREATE TABLE IF NOT EXISTS statements (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    turn INTEGER NOT NULL,
    text TEXT NOT NULL,
    vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_conversation ON statements(conversation_id);
CREATE TABLE IF NOT EXISTS pending_chunks (
    id TEXT PRIMARY KEY
);
"""

CONVERSATION_COLUMNS = ("id", "content_hash", "channel", "started_at", "ts", "day", "agent_id", "agent_type",
                        "customer_id", "metadata", "data", "ingested_at")
# Written the same way by SQLite (3.24+) and PostgreSQL: a conversation's row is updated in
# place, so a server engine locks it for the rest of the writer's transaction.
UPSERT_CONVERSATION = (
    f"INSERT INTO conversations ({', '.join(CONVERSATION_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(CONVERSATION_COLUMNS))}) "
    f"ON CONFLICT (id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in CONVERSATION_COLUMNS[1:])}"
)
UPSERT_CHUNK = (
    "INSERT INTO chunks (id, conversation_id, turn_start, turn_end, text) VALUES (?,?,?,?,?) "
    "ON CONFLICT (id) DO UPDATE SET conversation_id = excluded.conversation_id, turn_start = excluded.turn_start, "
    "turn_end = excluded.turn_end, text = excluded.text"
)
METADATA_COUNTS = (  # every metadata key and scalar value with its conversation count
    "SELECT j.key, j.value, COUNT(*) FROM conversations, json_each(conversations.metadata) j "
    "WHERE j.type IN ('text', 'integer', 'true', 'false') GROUP BY j.key, j.value"
)

FIELD_VALUES = (  # every conversation's scalar value of one metadata key, as METADATA_COUNTS counts them
    "SELECT c.id, j.value FROM conversations c, json_each(c.metadata) j "
    "WHERE j.key = ? AND j.type IN ('text', 'integer', 'true', 'false')"
)

MAX_DISTINCT = 100  # fields with more distinct values (ids, handle times) are not offered as filters
COLUMNS = {"channel", "agent_id", "agent_type", "customer_id", "day", "ts"}


def _json_field(key: str, values: list[Scalar]) -> tuple[str, list[object]]:
    """SQLite's test of a metadata field against ``values``."""
    return f"json_extract(metadata, ?) IN ({', '.join('?' for _ in values)})", [f'$."{key}"', *values]


def _sql_where(
    where: Where | None, json_field: Callable[[str, list[Scalar]], tuple[str, list[object]]] = _json_field,
) -> tuple[str, list[object]]:
    """``where`` as SQL and its parameters; ``json_field`` writes a metadata field's test (the engine's JSON)."""
    if where is None or where.is_empty():
        return "TRUE", []
    clauses: list[str] = []
    params: list[object] = []
    for key, values in where.equals.items():
        if key in COLUMNS:
            clauses.append(f"{key} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
        elif key.startswith("meta_"):
            clause, more = json_field(key[5:], list(values))
            clauses.append(clause)
            params.extend(more)
        else:
            raise ValueError(f"unknown filter key {key!r}")
    if where.day_from is not None:
        clauses.append("day >= ?")
        params.append(where.day_from)
    if where.day_to is not None:
        clauses.append("day < ?")
        params.append(where.day_to)
    return " AND ".join(clauses), params


def _meta(cid: str, channel: str, started: str, agent_id: str, agent_type: str, customer: str | None,
          metadata: dict) -> ConversationMeta:
    """A ConversationMeta from columns written from a validated Conversation, without
    validating again: set up as pydantic's ``model_construct`` does, at a third of its cost
    (compare questions at 100k read tens of thousands; tested equal to the validated model)."""
    agent = _constructed(Agent, {"id": agent_id, "type": agent_type})
    return _constructed(ConversationMeta, {
        "id": cid, "channel": channel, "started_at": datetime.fromisoformat(started), "agent": agent,
        "customer_id": customer, "metadata": metadata,
    })


def _constructed(cls, fields: dict):
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", fields)
    object.__setattr__(obj, "__pydantic_fields_set__", set(fields))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def _store_error(err: BaseException, path: Path, doing: str) -> StoreError:
    """One line for a SQLite failure: what happened to which file, and what to do."""
    text = str(err).strip().splitlines()[0] if str(err).strip() else err.__class__.__name__
    lowered = text.lower()
    if "disk is full" in lowered or "no space" in lowered:
        fix = "free space on that disk, then re-run: the ingest resumes where it stopped"
    elif "readonly" in lowered or "read-only" in lowered or "permission" in lowered or "unable to open" in lowered:
        fix = f"check that this user may read (and, to ingest, write) {path.parent} and the files in it"
    elif "malformed" in lowered or "not a database" in lowered:
        fix = f"the file is damaged: move {path.parent} aside and re-ingest into a new store"
    else:
        fix = "check the folder's permissions and free space, then re-run"
    return StoreError(f"cannot {doing} the conversation store {path} ({text})", fix)
