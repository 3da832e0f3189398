"""Chroma access: embedded ``PersistentClient`` by default, ``HttpClient`` for a server.

Chroma types never leave this module. We always pass our own embeddings, so Chroma's
default embedding function is never asked to fetch a model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from convoscope import config  # noqa: F401  (telemetry off before chromadb is imported)
from convoscope.errors import StoreError
from convoscope.models import Chunk
from vectorstore.base import Where, VectorHit, batches

COLLECTION = "convoscope_chunks"
_CHUNK_KEYS = ("conversation_id", "turn_start", "turn_end")


def _settings():
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


def to_where(where: Where | None) -> dict[str, Any] | None:
    """Our filter as a Chroma ``where`` clause."""
    if where is None or where.is_empty():
        return None
    clauses: list[dict[str, Any]] = []
    for key, values in where.equals.items():
        clauses.append({key: values[0]} if len(values) == 1 else {key: {"$in": list(values)}})
    if where.day_from is not None:
        clauses.append({"day": {"$gte": where.day_from}})
    if where.day_to is not None:
        clauses.append({"day": {"$lt": where.day_to}})
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class ChromaVectorStore:
    """Chunk vectors in a Chroma collection (cosine space)."""

    def __init__(self, path: str | Path | None = None, url: str | None = None, embedder_name: str = "") -> None:
        self.path = Path(path) if path else None
        self.url = url
        self.embedder_name = embedder_name
        self.name = f"chroma-server {url}" if url else f"chroma {path}"
        self._collection = None

    def _client(self):
        import chromadb

        if self.url:
            parsed = urlparse(self.url if "://" in self.url else f"http://{self.url}")
            try:
                return chromadb.HttpClient(
                    host=parsed.hostname or "localhost",
                    port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                    ssl=parsed.scheme == "https",
                    settings=_settings(),
                )
            except Exception as err:  # chromadb raises plain ValueError/ConnectionError here
                raise StoreError(
                    f"cannot reach the Chroma server at {self.url} ({err.__class__.__name__})",
                    "start it (`chroma run --path DIR`) or unset CONVOSCOPE_CHROMA_URL to use the embedded store",
                ) from err
        assert self.path is not None
        self.path.mkdir(parents=True, exist_ok=True)
        try:
            return chromadb.PersistentClient(path=str(self.path), settings=_settings())
        except Exception as err:
            raise StoreError(
                f"cannot open the Chroma store at {self.path} ({err})",
                "check its permissions, or move it aside and re-run `convoscope ingest`",
            ) from err

    def open_client(self):
        """The Chroma client for this store (for the LangChain wrapper in ``vectorstore/langchain.py``)."""
        return self._client()

    @property
    def collection(self):
        if self._collection is None:
            client = self._client()
            metadata = {"hnsw:space": "cosine"}
            if self.embedder_name:
                metadata["embedder"] = self.embedder_name
            collection = client.get_or_create_collection(COLLECTION, metadata=metadata, embedding_function=None)
            stored = (collection.metadata or {}).get("embedder")
            if self.embedder_name and stored and stored != self.embedder_name:
                raise StoreError(
                    f"the store was built with the embedder {stored}, not {self.embedder_name}",
                    "use the same embedder (CONVOSCOPE_EMBEDDER_BACKEND), or ingest into a new --store",
                )
            self._collection = collection
        return self._collection

    def upsert(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        for start, end in batches(len(chunks)):
            part = chunks[start:end]
            self.collection.upsert(
                ids=[c.id for c in part],
                embeddings=np.asarray(vectors[start:end], dtype=np.float32),
                documents=[c.text for c in part],
                metadatas=[{**c.metadata, "turn_start": c.turn_start, "turn_end": c.turn_end} for c in part],
            )

    def delete(self, ids: list[str]) -> None:
        for start, end in batches(len(ids)):
            self.collection.delete(ids=ids[start:end])

    def existing(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start, end in batches(len(ids)):
            found.update(self.collection.get(ids=ids[start:end], include=[])["ids"])
        return found

    def query(self, vector: np.ndarray, k: int, where: Where | None = None) -> list[VectorHit]:
        if k <= 0:
            return []
        result = self.collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)],
            n_results=k,
            where=to_where(where),
            include=["documents", "metadatas", "distances"],
        )
        hits = []
        for chunk_id, text, meta, distance in zip(
            result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0]
        ):
            meta = dict(meta or {})
            hits.append(
                VectorHit(
                    id=chunk_id,
                    conversation_id=str(meta.get("conversation_id", "")),
                    turn_start=int(meta.get("turn_start", 0)),
                    turn_end=int(meta.get("turn_end", 0)),
                    text=text or "",
                    score=1.0 - float(distance),
                    metadata={k: v for k, v in meta.items() if k not in _CHUNK_KEYS},
                )
            )
        return hits

    def count(self) -> int:
        return self.collection.count()
