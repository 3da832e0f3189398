"""Chroma access: embedded ``PersistentClient`` by default, ``HttpClient`` for a server.

Chroma types never leave this module. We always pass our own embeddings, so Chroma's
default embedding function is never asked to fetch a model.
"""

from __future__ import annotations

import atexit
import errno
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from convoscope import settings  # also: telemetry off before chromadb is imported
from convoscope.errors import ConvoscopeError, StoreError
from convoscope.models import Chunk
from vectorstore.base import VectorHit, Where, batches
from vectorstore.chroma_server import ChromaServer
from vectorstore.hygiene import overwrite_freed_memory

COLLECTION = "convoscope_chunks"
LOW_SPACE = 16 * 1024 * 1024  # bytes free under which a failed Chroma write is taken for a full disk


def collection_name() -> str:
    """``CONVOSCOPE_CHROMA_COLLECTION``, so several stores can share one Chroma server."""
    return settings.current().chroma_collection or COLLECTION


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return f"{err.__class__.__name__}: {text[0]}" if text else err.__class__.__name__
_CHUNK_KEYS = ("conversation_id", "turn_start", "turn_end")


def _settings():
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


def chroma_where(where: Where | None) -> dict[str, Any] | None:
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


def _private_copy(path: Path) -> Path:
    """A copy of an embedded Chroma folder, removed when the process exits.

    Chroma's embedded client writes to its folder whenever it opens it (it replays its log
    into the index and re-saves it), even for reads, and cannot open read-only files at all.
    A read-only store therefore searches a private copy taken once per process: the store's
    files are never touched. The copy costs the Chroma folder's size in the temp folder
    (``TMPDIR``) and sees ingests made after it was taken only once the app restarts; a
    Chroma server avoids both.
    """
    if not (path / "chroma.sqlite3").is_file():
        raise FileNotFoundError(errno.ENOENT, "no Chroma store here", str(path))
    target = Path(tempfile.mkdtemp(prefix="convoscope-chroma-"))
    atexit.register(shutil.rmtree, target, True)
    copy = target / "chroma"
    shutil.copytree(path, copy, copy_function=shutil.copyfile)  # contents, not the read-only modes
    for folder in [copy, *(p for p in copy.rglob("*") if p.is_dir())]:
        folder.chmod(0o700)
    return copy


class ChromaVectorStore:
    """Chunk vectors in a Chroma collection (cosine space). ``read_only`` never creates the
    collection (the app opens the store this way)."""

    def __init__(
        self, path: str | Path | None = None, url: str | None = None, embedder_name: str = "",
        read_only: bool = False,
    ) -> None:
        self.path = Path(path) if path else None
        self.server = ChromaServer.from_env(url) if url else None
        self.url = self.server.url if self.server else None
        self.embedder_name = embedder_name
        self.read_only = read_only
        self.collection_name = collection_name()
        self.name = f"chroma-server {self.url}" if self.url else f"chroma {path}"
        self._collection = None
        self._copy: Path | None = None

    def _client(self):
        import chromadb

        if self.server is not None:
            self.server.check()
            with self._guard("connect to"):
                return self.server.client(_settings())
        assert self.path is not None
        path = self.path
        try:
            if self.read_only:
                self._copy = self._copy or _private_copy(self.path)  # one copy per store object
                path = self._copy
            else:
                self.path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise self._error(err, "read" if self.read_only else "create") from err
        overwrite_freed_memory()  # hnswlib writes slots it never filled: zeros, not a freed transcript
        try:
            return chromadb.PersistentClient(path=str(path), settings=_settings())
        except Exception as err:
            raise self._error(err, "open", damaged=(
                f"if it is damaged, move the store folder {self.path.parent} aside "
                "and ingest your files again")) from err

    def _error(self, err: BaseException, doing: str, damaged: str | None = None) -> StoreError:
        """Our one-line error for a failure of Chroma ``doing`` something: the cause and the fix."""
        text = _first_line(err)
        where = f"the Chroma server at {self.url}" if self.url else f"the Chroma store at {self.path}"
        code = getattr(err, "errno", None)
        lowered = text.lower()
        if code == errno.ENOSPC or "disk is full" in lowered or "no space" in lowered or self._disk_nearly_full():
            return StoreError(f"{where} is out of disk space ({text})",
                              "free space there, then re-run: the ingest resumes where it stopped")
        if (isinstance(err, PermissionError) or "permission denied" in lowered or "readonly" in lowered
                or "read-only" in lowered):
            return StoreError(f"cannot {doing} {where}: not allowed ({text})",
                              "check that this user may read (and, to ingest, write) the store folder")
        if self.url:
            import httpx

            if isinstance(err, (httpx.TransportError, ConnectionError)):
                return StoreError(f"the Chroma server at {self.url} stopped answering ({text})",
                                  "start it again (`chroma run --path DIR --host HOST --port PORT`), then re-run: "
                                  "an ingest completes without duplicates")
        return StoreError(f"cannot {doing} {where} ({text})",
                          damaged or "check it and re-run; if the store is damaged, move its folder aside "
                                     "and ingest your files again")

    def _disk_nearly_full(self) -> bool:
        """Chroma's Rust layer reports a full disk as e.g. a failed compaction: look at the disk."""
        if self.url or self.path is None:
            return False
        try:
            return shutil.disk_usage(self.path if self.path.exists() else self.path.parent).free < LOW_SPACE
        except OSError:
            return False

    @contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        try:
            yield
        except ConvoscopeError:
            raise
        except Exception as err:  # chromadb raises httpx, Rust binding and ValueError kinds
            raise self._error(err, doing) from err

    def open_client(self):
        """The Chroma client for this store (for the LangChain wrapper in ``vectorstore/langchain.py``)."""
        return self._client()

    @property
    def collection(self):
        if self._collection is None:
            client = self._client()
            with self._guard("read"):
                if self.read_only:
                    existing = {getattr(c, "name", c) for c in client.list_collections()}
                    if self.collection_name not in existing:
                        raise StoreError(f"{self.name} holds no collection {self.collection_name}",
                                         "ingest into it first (`convoscope ingest PATH`), "
                                         "or check CONVOSCOPE_CHROMA_COLLECTION")
                    collection = client.get_collection(self.collection_name, embedding_function=None)
                else:
                    metadata = {"hnsw:space": "cosine"}
                    if self.embedder_name:
                        metadata["embedder"] = self.embedder_name
                    collection = client.get_or_create_collection(
                        self.collection_name, metadata=metadata, embedding_function=None
                    )
            stored = (collection.metadata or {}).get("embedder")
            if self.embedder_name and stored and stored != self.embedder_name:
                raise StoreError(
                    f"the store was built with the embedder {stored}, not {self.embedder_name}",
                    "use the same embedder (CONVOSCOPE_EMBEDDER_BACKEND), or ingest into a new --store",
                )
            self._collection = collection
        return self._collection

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.name} is open read-only", "write through `convoscope ingest`, not the app")

    def upsert(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        self._writable()
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        collection = self.collection
        for start, end in batches(len(chunks)):
            part = chunks[start:end]
            with self._guard("write to"):
                collection.upsert(
                    ids=[c.id for c in part],
                    embeddings=np.asarray(vectors[start:end], dtype=np.float32),
                    documents=[c.text for c in part],
                    metadatas=[{**c.metadata, "turn_start": c.turn_start, "turn_end": c.turn_end} for c in part],
                )

    def delete(self, ids: list[str]) -> None:
        self._writable()
        collection = self.collection
        for start, end in batches(len(ids)):
            with self._guard("delete from"):
                collection.delete(ids=ids[start:end])

    def existing(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        collection = self.collection
        for start, end in batches(len(ids)):
            with self._guard("read"):
                found.update(collection.get(ids=ids[start:end], include=[])["ids"])
        return found

    def query(self, vector: np.ndarray, k: int, where: Where | None = None) -> list[VectorHit]:
        if k <= 0:
            return []
        collection = self.collection
        with self._guard("search"):
            result = collection.query(
                query_embeddings=[np.asarray(vector, dtype=np.float32)],
                n_results=k,
                where=chroma_where(where),
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
        collection = self.collection
        with self._guard("read"):
            return collection.count()
