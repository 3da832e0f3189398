"""Ingest files and folders of any supported format: the entry point of an ingest.

Reads each file with its loader (``ingest/loaders.py``), writes through the pipeline
(``ingest/pipeline.py``) in this process, or embeds in worker processes while this one writes
(``ingest/parallel.py``), then learns the store's topics when they are due.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from ingest.audio import cache
from ingest.audio.sidecar import clash_note
from ingest.loaders import discover
from ingest.parallel import ingest_parallel
from ingest.pipeline import IngestReport, Progress, ingest_conversations, learn_topics
from ingest.records import Rejected
from ingest.shard import Rejects, Shard, shard_records
from vectorstore import Store


def ingest_paths(
    store: Store, paths: Iterable[str | Path], progress: Progress | None = None,
    workers: int = 0, shard: Shard | None = None,
) -> IngestReport:
    """Ingest files and folders of any supported format into ``store``. ``shard`` (``i/N``)
    takes only that shard's conversations; ``workers`` > 0 embeds in that many processes,
    one embedding thread each, while this process writes (``ingest/parallel.py``)."""
    started = time.perf_counter()
    files = discover(paths)
    shard = shard or Shard()
    if workers > 0:
        report = ingest_parallel(store, files, shard, workers, progress)
        learn_topics(store, report)
    else:
        report = IngestReport(files=len(files))
        rejects = Rejects()
        with cache.using(store.path):  # recordings' transcripts kept in the store folder
            ingest_conversations(store, shard_records(files, shard, rejects), report, progress)
        report.rejected = rejects.records()
    report.notes = [note for path in files if (note := clash_note(path))]
    report.duplicates = sorted(set(report.duplicates))
    report.seconds = time.perf_counter() - started
    if report.rejected:
        report.rejects_file = str(write_rejects(store.path, report.rejected))
    return report


def write_rejects(folder: Path, rejected: list[Rejected]) -> Path:
    """``rejects/<time>.jsonl`` in the store folder: file, location, id and reason of each."""
    target = Path(folder) / "rejects" / f"{time.strftime('%Y%m%d-%H%M%S')}.jsonl"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as handle:
        for item in rejected:
            handle.write(item.model_dump_json() + "\n")
    return target


def estimate_records(paths: Iterable[str | Path]) -> int | None:
    """A cheap count of records for the progress bar (JSON Lines only), else ``None``."""
    total = 0
    for path in discover(paths):
        if path.suffix.lower() not in (".jsonl", ".ndjson"):
            return None
        with path.open("rb") as handle:
            total += sum(1 for line in handle if line.strip())
    return total
