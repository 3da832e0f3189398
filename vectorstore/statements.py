"""The customer statements every question reads: kept in memory per store state.

Each question needs every customer statement of its window (text and vector); reading them
from SQLite each time costs seconds at 100,000 conversations, so the whole table is read
once per store state (conversation count, last ingest) and kept, with a memo where questions
keep what they derive from all statements (``TableMemo``). Vectors stay float16, as stored
(half the memory of float32); the rows a question uses are widened to float32 when it takes
them, which is exact, so every score is what a float32 table gives.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from convoscope import settings
from convoscope.english import without_redactions
from vectorstore.base import Where
from vectorstore.statement_vectors import FetchedVectors, HeldVectors, StatementVectors
from vectorstore.topics import UNASSIGNED, latest_version


class Statement(BaseModel):
    """A clause a customer said, with its vector: the unit analysis reads."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    turn: int
    text: str
    vector: np.ndarray | None = None


class DenseKey(NamedTuple):
    """What a topic's dense scores over the table depend on."""

    topic: str
    model_version: int | None  # the topic model's version (None: no topic model)
    topic_ids: tuple[int, ...]  # the topics the question's words were resolved to
    terms: tuple[str, ...]  # the glossary terms whose meanings are the prototypes


class TableMemo:
    """Kept with the statement table for as long as the store is unchanged: every statement's
    text and vector (by table row), and what questions derive from them, each in its own cache
    (per table row, or table rows; a question picks its rows from them)."""

    def __init__(self, texts: list[str], vectors: StatementVectors | np.ndarray,
                 topics: np.ndarray | None = None) -> None:
        self.texts = texts
        self.vectors = HeldVectors(vectors) if isinstance(vectors, np.ndarray) else vectors
        self.topics = topics  # per row: its topic id (-1: none), the index a question probes
        self.plain: Any = None  # every text in the form lexical search reads (``assistant.text.lexical``), once built
        self.cue_hits: dict[str, np.ndarray] = {}  # cue pattern -> per row: whether it matches
        self.stem_rows: dict[str, np.ndarray] = {}  # stem -> rows (sorted) with a word that starts with it
        self.phrase_rows: dict[str, np.ndarray] = {}  # phrase -> rows that hold it as whole words
        self.dense: dict[DenseKey, np.ndarray] = {}  # per row: cosine with the closest prototype (-1: not probed)
        self.routing: dict[str, Any] = {}  # field -> its catch-alls and their statements' neighbours (``routing.py``)

    def rows_of(self, rows: np.ndarray | None = None) -> np.ndarray:
        """The vectors of table ``rows`` (all when None) as float32."""
        return self.vectors.rows_of(rows)

    def best_cosine(self, prototypes: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Per row of ``rows`` (all when None): its cosine with the closest of ``prototypes``."""
        return self.vectors.best_cosine(prototypes, rows)


class Statements(BaseModel):
    """Customer statements of some conversations, row-aligned with ``matrix``.

    Taken from the store's statement table, they also carry ``owner`` (a number per
    conversation, equal for statements of one conversation), ``rows`` (their rows in that
    table) and ``memo``: kept for as long as the store is unchanged, where indexes derived
    from all statements (text search, cue-word matches) are kept for every later question."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    conversation_ids: list[str]
    turns: list[int]
    texts: list[str]
    matrix: np.ndarray | None = None  # None: the vectors stay with the table (``memo``) until asked for
    owner: np.ndarray | None = None
    rows: np.ndarray | None = None
    memo: TableMemo | None = Field(default=None, repr=False)
    topics: np.ndarray | None = None  # per row: its topic id (-1 before the store's first topic fit)

    def vectors(self, positions: list[int] | np.ndarray | None = None) -> np.ndarray:
        """The vectors of the statements at ``positions`` (all when None), copied from the
        table only now: a window's question often needs only its population's."""
        if self.matrix is not None:
            return self.matrix if positions is None else self.matrix[positions]
        assert self.memo is not None and self.rows is not None, "statements without vectors"
        rows = self.rows if positions is None else self.rows[np.asarray(positions, dtype=np.int64)]
        return self.memo.rows_of(rows)

    def subset(self, conversations: set[str]) -> "Statements":
        """The statements of these ``conversations`` (the same rows of the same table)."""
        keep = np.asarray([i for i, c in enumerate(self.conversation_ids) if c in conversations], dtype=np.int64)
        return Statements(
            conversation_ids=[self.conversation_ids[i] for i in keep.tolist()],
            turns=[self.turns[i] for i in keep.tolist()], texts=[self.texts[i] for i in keep.tolist()],
            matrix=None if self.matrix is None or self.rows is not None else self.matrix[keep],
            owner=None if self.owner is None else self.owner[keep],
            rows=None if self.rows is None else self.rows[keep], memo=self.memo,
            topics=None if self.topics is None else self.topics[keep])

    def owners(self) -> np.ndarray:
        """Per row, a number per conversation (the table's, or numbered here)."""
        if self.owner is not None:
            return self.owner
        codes: dict[str, int] = {}
        return np.asarray([codes.setdefault(c, len(codes)) for c in self.conversation_ids], dtype=np.int64)

class _StatementTable(NamedTuple):
    """Every customer statement of the store as of ``state`` (conversation count, last ingest)."""

    state: tuple
    codes: dict[str, int]  # conversation id -> its number in ``conversation_ids``
    conversation_ids: list[str]
    owner: np.ndarray  # per row: the number of its conversation
    turns: np.ndarray
    texts: list[str]
    memo: TableMemo  # indexes derived from this table by the questions asked of it
    topics: np.ndarray  # per row: its topic id under the latest topic model (-1: none yet)
    rowids: np.ndarray  # per row: its SQLite rowid (what a re-fit reassigns)


class StatementRows(NamedTuple):
    conversation_ids: list[str]
    turns: list[int]
    texts: list[str]
    vectors: np.ndarray
    rowids: np.ndarray
    topics: np.ndarray


BLOCK = 65536  # statement vectors joined at a time while the table is read

_WORD = re.compile(r"[a-z][a-z']+")


def _state(cur: sqlite3.Cursor) -> tuple:
    """What changes whenever the store does: the conversation count, the last ingest time
    (both read from indexes) and the topic model's version."""
    counted = tuple(cur.execute(  # one aggregate per SELECT, or SQLite scans the table instead of the index
        "SELECT (SELECT COUNT(*) FROM conversations), (SELECT MAX(ingested_at) FROM conversations)"
    ).fetchone())
    return (*counted, latest_version(cur))


class StatementReads:
    """What ConversationStore reads of the statements (a mixin: it needs ``_cursor``,
    ``_lock`` and ``ids``)."""

    _lock: threading.RLock
    _statement_cache: _StatementTable | None
    _vocabulary: tuple[tuple, dict[str, int]] | None

    _row_id: str

    if TYPE_CHECKING:
        def ids(self, where: Where | None = None) -> list[str]: ...
        def _has_topic_column(self, cur: Any) -> bool: ...
        def _stream(self, sql: str) -> AbstractContextManager[Iterable[tuple]]: ...
        def _cursor(self) -> AbstractContextManager[sqlite3.Cursor]: ...
        def _select_in(self, sql: str, ids: list) -> list[tuple]: ...

    def statements(self, where: Where | None = None) -> Statements:
        """Customer statements (text and vector) of the conversations matching ``where``.

        Every question reads them, so the whole table is read once per store state and kept
        (vectors as float32, stored as float16); a question takes its rows by conversation."""
        table = self._statement_table()
        empty = Statements(conversation_ids=[], turns=[], texts=[], matrix=np.zeros((0, 0), dtype=np.float32),
                           owner=np.zeros(0, np.int64), rows=np.zeros(0, np.int64), memo=table.memo,
                           topics=np.zeros(0, np.int64))
        if not len(table.turns):
            return empty
        ids = table.conversation_ids
        if where is None or where.is_empty():  # all of it: the table's own (read-only) matrix, no copy
            return Statements(conversation_ids=[ids[o] for o in table.owner.tolist()], turns=table.turns.tolist(),
                              texts=list(table.texts), owner=table.owner,
                              rows=np.arange(len(table.texts)), memo=table.memo, topics=table.topics)
        wanted = [table.codes[cid] for cid in self.ids(where) if cid in table.codes]
        rows = np.flatnonzero(np.isin(table.owner, np.asarray(wanted, dtype=np.int64)))
        if not len(rows):
            return empty
        owner = table.owner[rows]
        return Statements(
            conversation_ids=[ids[o] for o in owner.tolist()], turns=table.turns[rows].tolist(),
            texts=[table.texts[r] for r in rows.tolist()], owner=owner, rows=rows, memo=table.memo,
            topics=table.topics[rows],
        )

    def _statement_table(self) -> "_StatementTable":
        with self._lock, self._cursor() as cur:
            state = _state(cur)
            if self._statement_cache is not None and self._statement_cache.state == state:
                return self._statement_cache
            self._statement_cache = None  # let the old table go before the new one is read
            topic = "topic" if self._has_topic_column(cur) else str(UNASSIGNED)
            count = cur.execute("SELECT COUNT(*) FROM statements").fetchone()[0]
            width = cur.execute("SELECT length(vector) FROM statements LIMIT 1").fetchone()
            width = int(width[0]) if width else 0
        budget = settings.current().vector_cache_mb * 2**20
        held = count * width <= budget  # all of them in memory; else read as questions need them
        codes: dict[str, int] = {}
        owner: list[int] = []
        turns: list[int] = []
        texts: list[str] = []
        blobs: list[bytes] = []
        parts: list[np.ndarray] = []  # the vectors, joined a block at a time (never all as bytes at once)
        topics: list[int] = []
        rowids: list[int] = []
        with self._lock, self._stream(
            f"SELECT conversation_id, turn, text, {'vector' if held else 'NULL'}, {topic}, {self._row_id} "
            f"FROM statements ORDER BY conversation_id, {self._row_id}"
        ) as rows:
            for cid, turn, text, vector, tid, rowid in rows:
                owner.append(codes.setdefault(cid, len(codes)))
                turns.append(turn)
                texts.append(text)
                topics.append(tid)
                rowids.append(rowid)
                if held:
                    blobs.append(vector)
                    if len(blobs) == BLOCK:
                        parts.append(np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(BLOCK, -1))
                        blobs = []
        if blobs:
            parts.append(np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(blobs), -1))
        topic_ids = np.asarray(topics, dtype=np.int64)
        row_ids = np.asarray(rowids, dtype=np.int64)
        vectors: StatementVectors
        if held:
            matrix = np.concatenate(parts) if parts else np.zeros((0, width // 2), np.float16)
            matrix.flags.writeable = False  # shared by every question until the store changes
            vectors = HeldVectors(matrix)
        else:
            vectors = FetchedVectors(self._fetch_vectors, row_ids, topic_ids, width // 2, budget)
        table = _StatementTable(state=state, codes=codes, conversation_ids=list(codes),
                                owner=np.asarray(owner, dtype=np.int64), turns=np.asarray(turns, dtype=np.int64),
                                texts=texts, memo=TableMemo(texts, vectors, topic_ids), topics=topic_ids,
                                rowids=row_ids)
        with self._lock:
            self._statement_cache = table
        return table

    def _fetch_vectors(self, kind: str, arg: Any) -> Iterable[tuple[int, bytes]]:
        """(row id, vector) pairs of one topic's statements, of some ids, or of all ("all", streamed)."""
        if kind == "topic":
            with self._cursor() as cur:
                return cur.execute(f"SELECT {self._row_id}, vector FROM statements WHERE topic = ?", (arg,)).fetchall()
        if kind == "ids":
            return self._select_in(f"SELECT {self._row_id}, vector FROM statements "
                                   f"WHERE {self._row_id} IN ({{placeholders}})", arg)
        return self._stream_all()

    def _stream_all(self) -> Iterator[tuple[int, bytes]]:
        with self._lock, self._stream(f"SELECT {self._row_id}, vector FROM statements") as rows:
            yield from rows

    def statement_rows(self) -> "StatementRows":
        """Every statement: conversation ids, turns, texts, vectors, rowids and topic ids (for a topic fit)."""
        table = self._statement_table()
        ids = table.conversation_ids
        return StatementRows([ids[o] for o in table.owner.tolist()], table.turns.tolist(), table.texts,
                             table.memo.rows_of(), table.rowids, table.topics)

    def vocabulary(self) -> dict[str, int]:
        """How many customer statements use each word (lowercase), for spelling correction.
        Computed from the statement table, once per store state."""
        table = self._statement_table()
        if self._vocabulary is not None and self._vocabulary[0] == table.state:
            return self._vocabulary[1]
        counts: dict[str, int] = {}
        for text in table.texts:
            for word in set(_WORD.findall(without_redactions(text).lower())):
                counts[word] = counts.get(word, 0) + 1
        self._vocabulary = (table.state, counts)
        return counts
