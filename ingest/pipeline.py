"""Ingest: load → validate → chunk → embed → write both stores, idempotently.

Ids are content hashes: a conversation whose hash is already stored is skipped, an
edited one has its chunks replaced, and re-running after a crash repeats only the
batch that was in flight (Chroma upserts by id, SQLite commits a batch at once, and
SQLite is written last, so a conversation counts as stored only once both hold it).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from convoscope.errors import StoreError
from convoscope.models import Conversation
from embedding.embedders import Embedder
from embedding.repeats import Repeats
from ingest.chunking import chunk_conversation, chunk_metadata, content_hash, statements
from ingest.enrich import Taxonomy, enriched, with_sentiment
from ingest.formats.common import IF_TAKEN, FileIds
from ingest.pii import RedactionReport, Redactor
from ingest.records import Rejected
from ingest.topics import maintain
from vectorstore import Store
from vectorstore.conversations import Statement, StoredConversation

BATCH = 128
Progress = Callable[[int], None]


class IngestReport(BaseModel):
    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    chunks: int = 0
    rejected: list[Rejected] = Field(default_factory=list)
    duplicates: list[str] = Field(default_factory=list)
    seconds: float = 0.0
    rejects_file: str | None = None  # every rejected record, one JSON object per line
    redacted: RedactionReport = Field(default_factory=RedactionReport)
    orphans_removed: int = 0  # chunks an interrupted earlier ingest left in the vector store only
    notes: list[str] = Field(default_factory=list)  # warnings that are not rejects (e.g. a call.json that is data)
    ids_made_up: int = 0  # conversations with no id, named after their files
    ids_suffixed: int = 0  # of those, the ones whose name another file of the ingest took first
    topics: str = ""  # the store's topic model after this ingest, when one was (re-)fitted

    def summary(self) -> str:
        line = (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.rejected)} rejected ({self.chunks} chunks written from {self.files} file(s) "
            f"in {self.seconds:.1f} s)"
        )
        if self.duplicates:
            line += f"; {len(self.duplicates)} id(s) appeared more than once, the last one wins"
        if self.orphans_removed:
            line += f"; removed {self.orphans_removed} chunk(s) an interrupted ingest left behind"
        if self.ids_made_up:
            line += f"; {self.made_up_line()}"
        if self.redacted.total:
            line += f"; {self.redacted.line()}"
        if self.rejects_file:
            line += f"; rejects listed in {self.rejects_file}"
        if self.topics:
            line += f"; {self.topics}"
        return line

    def made_up_line(self) -> str:
        """``3 conversation(s) had no id; their file names were used (1 with a suffix: …)``."""
        line = f"{self.ids_made_up} conversation(s) had no id; their file names were used"
        if self.ids_suffixed:
            line += f" ({self.ids_suffixed} with a suffix: another file of this ingest had the same name)"
        return line


class PreparedBatch(BaseModel):
    """One batch, embedded and enriched, ready to write: what an ingest worker hands the
    single writer (``ingest/parallel.py``)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    items: list[StoredConversation] = Field(default_factory=list)
    chunk_vectors: np.ndarray | None = None  # row-aligned with the items' chunks, in order
    updated: list[str] = Field(default_factory=list)  # ids stored before, with other content
    unchanged: int = 0

    @property
    def size(self) -> int:
        return len(self.items) + self.unchanged


def prepare_batch(
    embedder: Embedder, stored: dict[str, str], batch: list[Conversation], taxonomy: Taxonomy | None
) -> PreparedBatch:
    """Hash, chunk, embed and enrich ``batch``; ``stored`` maps ids already stored to their hash."""
    prepared = PreparedBatch()
    for conversation in batch:
        digest = content_hash(conversation)
        if stored.get(conversation.id) == digest:
            prepared.unchanged += 1
            continue
        conversation = with_sentiment(conversation)
        prepared.items.append(
            StoredConversation(conversation=conversation, content_hash=digest, chunks=chunk_conversation(conversation))
        )
    todo = prepared.items
    if not todo:
        return prepared
    chunks = [chunk for item in todo for chunk in item.chunks]
    said = [(item, Statement(turn=turn, text=text)) for item in todo for turn, text in statements(item.conversation)]
    vectors = embedder.embed([chunk.text for chunk in chunks] + [st.text for _, st in said])
    for (item, st), vector in zip(said, vectors[len(chunks) :]):
        st.vector = vector
        item.statements.append(st)
    for item in todo:  # enrichment needs the statements' vectors: topic, voice metrics, sentiment ends
        topic = None
        if taxonomy is not None:
            topic, _ = taxonomy.classify([st.vector for st in item.statements], embedder.embed)
        item.conversation = enriched(item.conversation, topic)
        metadata = chunk_metadata(item.conversation)
        for chunk in item.chunks:
            chunk.metadata = metadata
    prepared.chunk_vectors = vectors[: len(chunks)]
    prepared.updated = [item.conversation.id for item in todo if item.conversation.id in stored]
    return prepared


def write_prepared(store: Store, prepared: PreparedBatch, report: IngestReport) -> None:
    """Journal, Chroma, SQLite, then the stale chunks: a crash anywhere leaves ids that
    ``recover`` clears, and a conversation counts as stored once SQLite holds it."""
    report.unchanged += prepared.unchanged
    if not prepared.items:
        return
    chunks = [chunk for item in prepared.items for chunk in item.chunks]
    ensure_room(store.path, prepared)
    new = {chunk.id for chunk in chunks}
    stale = sorted(i for ids in store.conversations.chunk_ids(prepared.updated).values() for i in ids if i not in new)
    store.conversations.intend([*new, *stale])
    try:
        store.vectors.upsert(chunks, prepared.chunk_vectors)
        store.conversations.write(prepared.items)  # from here the conversations count as stored
    except Exception:
        _undo(store)
        raise
    if stale:  # only now: until SQLite moved on, the old chunks were still its conversations'
        store.vectors.delete(stale)
    store.conversations.settle([*new, *stale])
    report.added += len(prepared.items) - len(prepared.updated)
    report.updated += len(prepared.updated)
    report.chunks += len(chunks)


MIN_FREE = 64 * 1024 * 1024  # bytes a write must leave free on the store's disk
ROOM_FACTOR = 4  # SQLite and Chroma each journal what they write, and Chroma grows its index files in steps


def ensure_room(folder: Path, prepared: PreparedBatch) -> None:
    """Stop before a batch that could fill the store's disk. A write that runs out of room
    midway is undone, but after a disk filled mid-batch embedded Chroma's delete that undoes
    it was seen to wait forever (on a lock in its Rust core), so the batch is not started:
    what is stored stays whole and the next ingest, with space freed, carries on from here."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # the store's own writes will say what is wrong
    size = sum(len(item.conversation.model_dump_json()) for item in prepared.items)
    vectors = 0 if prepared.chunk_vectors is None else np.asarray(prepared.chunk_vectors).nbytes
    need = MIN_FREE + ROOM_FACTOR * (size + 2 * vectors)  # chunk vectors, and about as many for statements
    if free < need:
        raise StoreError(
            f"the disk holding the store {folder} is nearly full ({free / 2**20:.0f} MB free; the next batch "
            f"needs about {need / 2**20:.0f} MB with room to spare); nothing of that batch was written",
            "free space on that disk, then re-run: the ingest resumes where it stopped")


def _write_batch(store: Store, batch: list[Conversation], report: IngestReport, taxonomy: Taxonomy | None,
                 embedder: Embedder) -> None:
    stored = store.conversations.hashes(c.id for c in batch)
    write_prepared(store, prepare_batch(embedder, stored, batch, taxonomy), report)


def recover(store: Store) -> int:
    """Delete from the vector store the chunks an interrupted ingest left there without their
    conversation reaching SQLite; returns how many. Cheap when nothing was interrupted."""
    orphans = store.conversations.orphans()
    if orphans:
        store.vectors.delete(orphans)
    store.conversations.settle()
    return len(orphans)


def _undo(store: Store) -> None:
    """A batch failed (a full disk, a stopped server) before SQLite committed it: take its
    chunks back out of Chroma now, so the store holds what it held before. Best effort — when
    Chroma or SQLite is what failed, the journal keeps the ids and the next ingest's
    ``recover`` removes them."""
    try:
        recover(store)
    except Exception:  # noqa: BLE001 — the original error is the one to report
        pass


def batches(
    conversations: Iterable[Conversation], report: IngestReport, redactor: Redactor
) -> Iterator[list[Conversation]]:
    """Redacted conversations in batches of ``BATCH`` unique ids; the last of duplicate ids
    wins within a batch, and every repeated id is listed once in ``report.duplicates``. Ids
    the loaders made up from file names are settled first (``FileIds``) and counted."""
    pending: dict[str, Conversation] = {}
    seen: set[str] = set()
    duplicated: set[str] = set()
    file_ids = FileIds()
    for conversation in conversations:
        if IF_TAKEN in conversation.metadata:
            settled = file_ids.settle(conversation, seen)
            report.ids_made_up += 1
            report.ids_suffixed += settled.id != conversation.id
            conversation = settled
        if redactor.enabled:
            conversation, found = redactor.redact_conversation(conversation)
            report.redacted.add(found)
        if conversation.id in seen:
            if conversation.id not in duplicated:  # listed once, however many copies (bounded memory)
                duplicated.add(conversation.id)
                report.duplicates.append(conversation.id)
            if conversation.id in pending:  # a later copy replaces an earlier one in the same batch
                pending.pop(conversation.id)
        seen.add(conversation.id)
        pending[conversation.id] = conversation
        if len(pending) >= BATCH:
            yield list(pending.values())
            pending.clear()
    if pending:
        yield list(pending.values())


def ingest_conversations(
    store: Store, conversations: Iterable[Conversation], report: IngestReport | None = None,
    progress: Progress | None = None, taxonomy: Taxonomy | None = None, redactor: Redactor | None = None,
) -> IngestReport:
    """Write conversations into the store; the last of duplicate ids wins. Personal data is
    redacted first (``redactor``, default ``CONVOSCOPE_REDACT``: all entities), so no
    original text reaches Chroma or SQLite. Topics come from ``taxonomy`` (default:
    ``CONVOSCOPE_TAXONOMY`` or the bundled one)."""
    report = report or IngestReport()
    report.orphans_removed += recover(store)
    taxonomy = taxonomy or Taxonomy.load()
    redactor = redactor or Redactor.from_env()
    embedder = Repeats(store.embedder)  # a statement said again is not embedded again
    for batch in batches(conversations, report, redactor):
        _write_batch(store, batch, report, taxonomy, embedder)
        if progress:
            progress(len(batch))
    learn_topics(store, report)
    return report


def learn_topics(store: Store, report: IngestReport) -> None:
    """Fit or re-fit the store's topics when the ingest made it due (``ingest/topics.py``)."""
    before = store.conversations.topic_model()
    after = maintain(store)
    if after is not None and (before is None or after.version != before.version):
        report.topics = f"learned {after.describe(when=False)}"
