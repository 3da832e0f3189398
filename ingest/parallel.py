"""Parallel ingest: worker processes load, redact, chunk and embed; one process writes.

Embedding is nearly all of an ingest's time, so it is what runs in parallel: each worker
takes one sub-shard of the input (``Shard.split``: a stable hash of the conversation id,
so a single big file spreads as well as many small ones) and embeds with one compute
thread. Chroma's embedded ``PersistentClient`` keeps its HNSW index in the memory of the
process that opened it, so two processes writing one store would each persist their own
index over the other's — no file lock makes that safe. Workers therefore only read
(SQLite, in WAL mode, to skip conversations stored unchanged) and hand each embedded batch
(``PreparedBatch``) to the parent, the single writer, which writes Chroma then SQLite
exactly as a one-process ingest does. The summary is the same as a one-process run's.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue as queues
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from convoscope import settings
from convoscope.errors import ConvoscopeError
from embedding.embedders import embedder_spec, make_embedder
from embedding.repeats import Repeats
from ingest.audio import cache
from ingest.enrich import Taxonomy
from ingest.pii import RedactionReport, Redactor
from ingest.pipeline import IngestReport, Progress, batches, prepare_batch, recover, write_prepared
from ingest.shard import Rejects, Shard, shard_records
from vectorstore import Store
from vectorstore.store import open_conversations

ONE_THREAD = {  # read by the numeric libraries when a worker starts: one compute thread each
    "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
    "RAYON_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false",
}
POLL_S = 1.0


class WorkerJob(BaseModel):
    worker: int
    files: list[Path]
    shard: Shard
    # its SQLite file is read to skip unchanged conversations; recordings' transcripts are kept there
    store_folder: Path
    embedder: str  # ``make_embedder`` spec


class WorkerDone(BaseModel):
    rejects: Rejects = Field(default_factory=Rejects)
    duplicates: list[str] = Field(default_factory=list)
    redacted: RedactionReport = Field(default_factory=RedactionReport)
    ids_made_up: int = 0
    ids_suffixed: int = 0


def run_worker(job: WorkerJob, out: Any) -> None:
    """A worker's life: its shard's batches, prepared, onto ``out``; then its rejects and tallies."""
    try:
        embedder = Repeats(make_embedder(job.embedder, threads=1))  # a statement said again is embedded once
        store = open_conversations(job.store_folder)
        taxonomy, redactor = Taxonomy.load(), Redactor.from_env()
        report, rejects = IngestReport(), Rejects()
        sent: dict[str, str] = {}  # ids this worker handed the writer, which may not have written them yet
        with cache.using(job.store_folder):  # recordings' transcripts kept in the store folder
            for batch in batches(shard_records(job.files, job.shard, rejects), report, redactor):
                stored = store.hashes(c.id for c in batch)
                stored.update({c.id: sent[c.id] for c in batch if c.id in sent})
                prepared = prepare_batch(embedder, stored, batch, taxonomy)
                sent.update({item.conversation.id: item.content_hash for item in prepared.items})
                out.put(("batch", job.worker, prepared))
        store.close()
        out.put(("done", job.worker,
                 WorkerDone(rejects=rejects, duplicates=report.duplicates, redacted=report.redacted,
                            ids_made_up=report.ids_made_up, ids_suffixed=report.ids_suffixed)))
    except BaseException as err:  # noqa: BLE001 — reported to the parent as one line, then re-raised
        lines = str(err).strip().splitlines()
        out.put(("error", job.worker, f"{err.__class__.__name__}: {lines[0] if lines else ''}"))
        raise


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """``values`` in os.environ while workers start (a spawned child copies it then)."""
    before = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def ingest_parallel(
    store: Store, files: list[Path], shard: Shard, workers: int, progress: Progress | None = None
) -> IngestReport:
    """Ingest ``shard`` of ``files`` with ``workers`` embedding processes; this process writes."""
    spec = embedder_spec(store.embedder)
    _build_model_once(spec)
    report, rejects = IngestReport(files=len(files)), Rejects()
    report.orphans_removed += recover(store)  # also creates the SQLite schema (WAL) before any worker reads it
    jobs = [
        WorkerJob(worker=j, files=files, shard=shard.split(workers, j), store_folder=store.path, embedder=spec)
        for j in range(workers)
    ]
    context = mp.get_context("spawn")  # no fork of a process holding Chroma's and ONNX Runtime's threads
    inbox = context.Queue(maxsize=2 * workers)  # bounded: workers wait for the writer, memory stays flat
    processes = [context.Process(target=run_worker, args=(job, inbox), daemon=True) for job in jobs]
    try:
        with _environment(ONE_THREAD):
            for process in processes:
                process.start()
        finished: set[int] = set()
        while len(finished) < workers:
            try:
                kind, worker, payload = inbox.get(timeout=POLL_S)
            except queues.Empty:
                for j, process in enumerate(processes):
                    if j not in finished and process.exitcode not in (None, 0):
                        _fail(jobs[j], f"the process ended with exit code {process.exitcode}")
                continue
            if kind == "batch":
                write_prepared(store, payload, report)
                if progress:
                    progress(payload.size)
            elif kind == "done":
                rejects.merge(payload.rejects)
                report.duplicates.extend(payload.duplicates)
                report.redacted.add(payload.redacted.counts)
                report.ids_made_up += payload.ids_made_up
                report.ids_suffixed += payload.ids_suffixed
                finished.add(worker)
            else:
                _fail(jobs[worker], payload)
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join(timeout=10)
        inbox.close()
    report.rejected = rejects.records()
    return report


def _build_model_once(spec: str) -> None:
    """The ONNX export is cached on first use; build it here once rather than in every worker."""
    if spec in ("onnx", "onnx-int8") and settings.models_allowed():
        from embedding.embedders import bundled_model_path
        from embedding.onnx_export import model_file

        model_file(bundled_model_path(), "int8" if spec == "onnx-int8" else "fp32", None)


def _fail(job: WorkerJob, why: str) -> None:
    raise ConvoscopeError(
        f"ingest worker for shard {job.shard.label} failed ({why}); every batch written before stays",
        f"re-run the ingest (unchanged conversations are skipped), or only that shard: --shard {job.shard.label}",
    )
