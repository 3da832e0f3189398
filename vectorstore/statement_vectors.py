"""The customer statements' vectors a question reads: all in memory when they fit the budget,
else fetched from the conversation store as questions need them.

A store whose statement vectors fit ``CONVOSCOPE_VECTOR_CACHE_MB`` (float16, as stored) keeps
them all (``HeldVectors``). A larger one (a server store of a million conversations holds
~3.6 GB of them) keeps none up front (``FetchedVectors``): a question's rows are fetched by
topic — the topics nearest a question's meaning are what it scores, so a topic's vectors are
read whole and kept, least recently used first out, within the budget — or, for a few rows
of a topic, by id. Either way a row's vector is the stored one widened to float32, so every
score is the same as with the whole table in memory.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

import numpy as np

BLOCK = 65536  # rows scored at a time
# asked for this share of a topic's rows, its vectors are read whole (and kept); fewer are read by id: at a
# million conversations a question's 250,000 statements are a tenth of most topics, and reading those
# topics whole took 32 s of a 36 s question (12 s by id)
WHOLE_TOPIC_SHARE = 0.2

Fetch = Callable[[str, object], Iterable[tuple[int, bytes]]]  # ("topic", id) | ("ids", [ids]) | ("all", None)


class StatementVectors(Protocol):
    """Vectors by statement-table row."""

    dim: int

    def rows_of(self, rows: np.ndarray | None = None) -> np.ndarray:
        """float32 vectors of table ``rows`` (all when None)."""
        ...

    def best_cosine(self, prototypes: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Per row of ``rows`` (all when None): its cosine with the closest of ``prototypes``."""
        ...


class HeldVectors:
    """Every row's vector in memory (float16, as stored)."""

    def __init__(self, matrix: np.ndarray) -> None:
        self.matrix = matrix
        self.dim = matrix.shape[1] if matrix.ndim == 2 else 0

    def rows_of(self, rows: np.ndarray | None = None) -> np.ndarray:
        return (self.matrix if rows is None else self.matrix[rows]).astype(np.float32)

    def best_cosine(self, prototypes: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        rows = np.arange(len(self.matrix)) if rows is None else rows
        out = np.empty(len(rows), dtype=np.float32)
        for start in range(0, len(rows), BLOCK):
            out[start:start + BLOCK] = (self.rows_of(rows[start:start + BLOCK]) @ prototypes.T).max(axis=1)
        return out


class FetchedVectors:
    """Rows' vectors read from the store when asked for, whole topics kept within ``budget`` bytes."""

    def __init__(self, fetch: Fetch, row_ids: np.ndarray, topics: np.ndarray, dim: int, budget: int) -> None:
        self.fetch = fetch
        self.row_ids = row_ids
        self._lock = threading.RLock()  # askers on threads share the kept topics
        self.dim = dim
        self.budget = budget
        self.topics = topics
        self._order = np.argsort(row_ids, kind="stable")
        self._sorted_ids = row_ids[self._order]
        self._topic_sizes = dict(zip(*np.unique(topics, return_counts=True)))
        self._kept: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = OrderedDict()  # topic -> (rows, float16)
        self._kept_bytes = 0

    def _rows_for(self, pairs: Iterable[tuple[int, bytes]]) -> tuple[np.ndarray, np.ndarray]:
        """Table rows and float16 vectors of fetched (id, vector) pairs; ids this table does not
        hold (written after it was read) are left out."""
        ids, blobs = [], []
        for row_id, blob in pairs:
            ids.append(row_id)
            blobs.append(blob)
        if not ids:
            return np.zeros(0, np.int64), np.zeros((0, self.dim), np.float16)
        found = np.asarray(ids, dtype=np.int64)
        at = np.minimum(np.searchsorted(self._sorted_ids, found), len(self._sorted_ids) - 1)
        known = self._sorted_ids[at] == found
        matrix = np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(blobs), -1)[known]
        rows = self._order[at[known]]
        keep = np.argsort(rows, kind="stable")
        return rows[keep], matrix[keep]

    def _topic(self, topic: int) -> tuple[np.ndarray, np.ndarray]:
        """A topic's rows (sorted) and vectors, read whole and kept."""
        if topic in self._kept:
            self._kept.move_to_end(topic)
            return self._kept[topic]
        rows, matrix = self._rows_for(self.fetch("topic", topic))
        self._kept[topic] = (rows, matrix)
        self._kept_bytes += matrix.nbytes
        while self._kept_bytes > self.budget and len(self._kept) > 1:
            _, (_, dropped) = self._kept.popitem(last=False)
            self._kept_bytes -= dropped.nbytes
        return rows, matrix

    def rows_of(self, rows: np.ndarray | None = None) -> np.ndarray:
        if rows is None:  # every row (a topic fit): streamed once from the store, nothing kept
            out = np.zeros((len(self.topics), self.dim), dtype=np.float32)
            for part_rows, matrix in self._all():
                out[part_rows] = matrix
            return out
        with self._lock:
            return self._rows_of(np.asarray(rows, dtype=np.int64))

    def _rows_of(self, rows: np.ndarray) -> np.ndarray:
        out = np.zeros((len(rows), self.dim), dtype=np.float32)
        missing: list[np.ndarray] = []
        of_topic = self.topics[rows]
        for topic in np.unique(of_topic).tolist():
            positions = np.flatnonzero(of_topic == topic)
            wanted = rows[positions]
            whole = len(positions) >= WHOLE_TOPIC_SHARE * self._topic_sizes.get(topic, 0)
            if topic in self._kept or whole:
                held_rows, matrix = self._topic(topic)
                at = np.minimum(np.searchsorted(held_rows, wanted), max(len(held_rows) - 1, 0))
                hit = held_rows[at] == wanted if len(held_rows) else np.zeros(len(wanted), bool)
                out[positions[hit]] = matrix[at[hit]]
                positions = positions[~hit]  # re-assigned by a re-fit since the table was read: by id
            if len(positions):
                missing.append(positions)
        if missing:
            positions = np.concatenate(missing)
            order = np.argsort(rows[positions])
            positions = positions[order]
            fetched_rows, matrix = self._rows_for(self.fetch("ids", self.row_ids[rows[positions]].tolist()))
            at = np.searchsorted(fetched_rows, rows[positions])
            at = np.minimum(at, max(len(fetched_rows) - 1, 0))
            hit = fetched_rows[at] == rows[positions] if len(fetched_rows) else np.zeros(len(positions), bool)
            out[positions[hit]] = matrix[at[hit]]
        return out

    def best_cosine(self, prototypes: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        if rows is None:  # every row: streamed once from the store, nothing kept
            out = np.full(len(self.topics), -1.0, dtype=np.float32)
            for part_rows, matrix in self._all():
                out[part_rows] = (matrix.astype(np.float32) @ prototypes.T).max(axis=1)
            return out
        out = np.empty(len(rows), dtype=np.float32)
        for start in range(0, len(rows), BLOCK):
            out[start:start + BLOCK] = (self.rows_of(rows[start:start + BLOCK]) @ prototypes.T).max(axis=1)
        return out

    def _all(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Every row's vector, a block at a time (rows, float16)."""
        pairs: list[tuple[int, bytes]] = []
        for pair in self.fetch("all", None):
            pairs.append(pair)
            if len(pairs) == BLOCK:
                yield self._rows_for(pairs)
                pairs = []
        if pairs:
            yield self._rows_for(pairs)
