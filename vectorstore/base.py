"""The vector-store role: a Protocol every store implements, and the types it speaks."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np
from pydantic import BaseModel, Field

from convoscope.models import Chunk, Scalar

MAX_BATCH = 5000  # Chroma refuses more than 5,461 records in one add


class Where(BaseModel):
    """Which chunks a query may return: metadata equality (any of the values) and a day range."""

    equals: dict[str, list[Scalar]] = Field(default_factory=dict)
    day_from: int | None = None  # inclusive, days since epoch
    day_to: int | None = None  # exclusive

    def is_empty(self) -> bool:
        return not self.equals and self.day_from is None and self.day_to is None

    def matches(self, metadata: dict[str, Scalar]) -> bool:
        for key, values in self.equals.items():
            if metadata.get(key) not in values:
                return False
        day = metadata.get("day")
        if self.day_from is not None and (not isinstance(day, int) or day < self.day_from):
            return False
        if self.day_to is not None and (not isinstance(day, int) or day >= self.day_to):
            return False
        return True


class VectorHit(BaseModel):
    id: str
    conversation_id: str
    turn_start: int
    turn_end: int
    text: str
    score: float  # cosine similarity, higher is closer
    metadata: dict[str, Scalar] = Field(default_factory=dict)


@runtime_checkable
class VectorStore(Protocol):
    """Chunk vectors with their metadata. Ids are content hashes, so upserts are idempotent."""

    name: str

    def upsert(self, chunks: list[Chunk], vectors: np.ndarray) -> None: ...

    def delete(self, ids: list[str]) -> None: ...

    def query(self, vector: np.ndarray, k: int, where: Where | None = None) -> list[VectorHit]: ...

    def count(self) -> int: ...

    def existing(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` are stored (consistency checks after a crash)."""
        ...


def batches(n: int, size: int = MAX_BATCH):
    for start in range(0, n, size):
        yield start, min(n, start + size)
