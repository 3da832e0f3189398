"""An in-memory vector store: the deterministic fake for unit tests and demos."""

from __future__ import annotations

import numpy as np

from convoscope.models import Chunk
from vectorstore.base import VectorHit, Where


class MemoryVectorStore:
    name = "memory"

    def __init__(self) -> None:
        self._rows: dict[str, tuple[Chunk, np.ndarray]] = {}

    def upsert(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        for chunk, vector in zip(chunks, vectors):
            self._rows[chunk.id] = (chunk, np.asarray(vector, dtype=np.float32))

    def delete(self, ids: list[str]) -> None:
        for chunk_id in ids:
            self._rows.pop(chunk_id, None)

    def existing(self, ids: list[str]) -> set[str]:
        return {i for i in ids if i in self._rows}

    def query(self, vector: np.ndarray, k: int, where: Where | None = None) -> list[VectorHit]:
        rows = [(c, v) for c, v in self._rows.values() if where is None or where.matches(c.metadata)]
        if not rows or k <= 0:
            return []
        matrix = np.stack([v for _, v in rows])
        scores = matrix @ np.asarray(vector, dtype=np.float32)
        order = np.argsort(-scores, kind="stable")[:k]
        return [
            VectorHit(
                id=rows[i][0].id,
                conversation_id=rows[i][0].conversation_id,
                turn_start=rows[i][0].turn_start,
                turn_end=rows[i][0].turn_end,
                text=rows[i][0].text,
                score=float(scores[i]),
                metadata=rows[i][0].metadata,
            )
            for i in order
        ]

    def count(self) -> int:
        return len(self._rows)
