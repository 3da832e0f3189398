"""A store directory: the Chroma chunk vectors, the SQLite conversations, and the embedder."""

from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path

import numpy as np

from convoscope import settings
from convoscope.errors import StoreError
from embedding.embedders import Embedder, HashEmbedder, make_embedder
from vectorstore.base import VectorHit, VectorStore, Where
from vectorstore.chroma import ChromaVectorStore
from vectorstore.conversations import DATABASE, ConversationStore
from vectorstore.memory import MemoryVectorStore

PHRASE_CACHE = 50_000  # short texts whose vectors are kept between questions (~80 MB at 384 dims)


class Store:
    """Everything ingest writes and the assistant reads. Construction is cheap; models and
    clients load on first use."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        chroma_url: str | None = None,
        embedder: Embedder | None = None,
        vectors: VectorStore | None = None,
        read_only: bool = False,
        database_url: str | None = None,
    ) -> None:
        """``read_only`` (the app): the conversation store is opened read-only and nothing is
        created or written. ``database_url`` (else ``CONVOSCOPE_DATABASE_URL``): the conversation
        store on a PostgreSQL server rather than in the folder's SQLite file."""
        self.path = settings.store_path(path)
        self.read_only = read_only
        self.chroma_url = settings.chroma_url(chroma_url)
        self.database_url = settings.database_url(database_url)
        self.embedder: Embedder = embedder or make_embedder()
        self._vectors = vectors
        self._phrase_vectors: dict[str, np.ndarray] = {}
        self._phrase_lock = threading.Lock()

    @cached_property
    def conversations(self) -> ConversationStore:
        return open_conversations(self.path, self.database_url, read_only=self.read_only)

    @property
    def vectors(self) -> VectorStore:
        if self._vectors is None:
            self._vectors = ChromaVectorStore(
                self.path / "chroma", url=self.chroma_url, embedder_name=self.embedder.name, read_only=self.read_only
            )
        return self._vectors

    def exists(self) -> bool:
        if self.database_url:
            return self.conversations.exists()
        try:
            return (self.path / DATABASE).exists()
        except OSError as err:  # e.g. a folder this user may not enter
            raise StoreError(f"cannot look into the store {self.path} ({err.strerror})",
                             "check that this user may read the store folder (and, to ingest, write it)") from err

    def embed_query(self, text: str) -> np.ndarray:
        return self.embedder.embed([text])[0]

    def embed_cached(self, texts: list[str]) -> np.ndarray:
        """Vectors of short texts that come back question after question (candidate phrases,
        topic prototypes): each is embedded once per process, the rest come from a bounded cache."""
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        with self._phrase_lock:  # askers on threads share the cache
            missing = [t for t in dict.fromkeys(texts) if t not in self._phrase_vectors]
            if missing:
                for text, vector in zip(missing, self.embedder.embed(missing)):
                    self._phrase_vectors[text] = vector
                while len(self._phrase_vectors) > PHRASE_CACHE:
                    self._phrase_vectors.pop(next(iter(self._phrase_vectors)))
            return np.stack([self._phrase_vectors[t] for t in texts])

    def search(self, query: str, k: int = 10, where: Where | None = None) -> list[VectorHit]:
        """Dense retrieval of chunks for ``query``."""
        return self.vectors.query(self.embed_query(query), k, where)

    def describe(self) -> str:
        backend = getattr(self.embedder, "backend", None)
        where = f" · {self.conversations.path}" if self.database_url else ""
        return f"{self.embedder.name}{f' ({backend})' if backend else ''} · {self.vectors.name}{where}"

    def close(self) -> None:
        self.conversations.close()


def open_conversations(folder: Path, database_url: str | None = None, read_only: bool = False) -> ConversationStore:
    """The conversation store: on the PostgreSQL server of ``database_url`` (else
    ``CONVOSCOPE_DATABASE_URL``) when one is set, else the SQLite file in ``folder``."""
    url = settings.database_url(database_url)
    if url:
        from vectorstore.postgres import PostgresConversationStore  # psycopg only where a server is used

        return PostgresConversationStore(url, read_only=read_only, schema=settings.current().database_schema)
    return ConversationStore(folder / DATABASE, read_only=read_only)


def fake_store(path: str | Path) -> Store:
    """A store with the deterministic fakes (hash embedder, in-memory vectors) for unit tests."""
    return Store(path, embedder=HashEmbedder(), vectors=MemoryVectorStore())
