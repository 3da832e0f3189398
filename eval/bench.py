"""`convoscope bench`: throughput and latency figures, in one run.

On ``n`` generated sample conversations and a fresh store it measures

- ingest throughput of the real pipeline (redact, chunk, enrich, embed chunks and customer
  statements, write Chroma and SQLite, fit the topics), one ingest as `convoscope ingest`
  runs it, and right after each batch it writes the embedder alone on the same texts —
  interleaved, so a busy machine slows both alike;
- question latency per kind with the extractive writer, embedder warm (first call dropped);
- store size on disk and the process's peak resident memory;
- optionally the embedder backends (torch, onnx, onnx-int8) on the benchmark's texts:
  throughput and cosine agreement with the PyTorch vectors.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import resource
import statistics
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from convoscope.models import Conversation
from embedding.embedders import Embedder
from eval.bench_report import (  # noqa: F401
    TARGET_P95_MS,
    TARGET_RATIO,
    BackendFigures,
    BenchReport,
    KindLatency,
    Machine,
    Throughput,
    WriterFigures,
)
from ingest.chunking import chunk_conversation, statements
from ingest.pipeline import ingest_conversations
from vectorstore import Store

if TYPE_CHECKING:
    from assistant.llm.base import LLM

QUESTIONS: dict[str, tuple[str, ...]] = {
    "why": ("Why did cancellations rise in October?", "Why did login problems spike in August?",
            "Why did refund requests rise last month?"),
    "count": ("How many customers wanted to cancel in October?", "How many refund requests did we get in October?",
              "How many login problems were there in August?"),
    "summary": ("What are customers saying about the student offer?", "Summarise the refund requests in October",
                "What are customers saying about buffering?"),
    "search": ("Show me customers complaining about buffering in the TV app",
               "Find examples of customers surprised by the annual renewal charge in October",
               "show me customers who want to cancel on chat last month"),
    "compare": ("How do AI agents compare with human agents on refunds?",
                "How does chat compare with voice on cancellations?",
                "Compare AI and human agents on login problems"),
}
class TimedEmbedder:
    """Wraps an embedder and adds up the time spent inside ``embed``."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.backend = getattr(inner, "backend", None)
        self.seconds = 0.0
        self.texts = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        started = time.perf_counter()
        try:
            return self.inner.embed(texts)
        finally:
            self.seconds += time.perf_counter() - started
            self.texts += len(texts)


class Phase:
    """What a phase reports as it goes; the command line draws it as a progress bar."""

    def start(self, description: str, total: int) -> None: ...

    def advance(self, steps: int = 1) -> None: ...


def rss_mb() -> float:
    """The process's resident-memory high-water mark so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


def machine() -> Machine:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30 if hasattr(os, "sysconf") else 0.0
    return Machine(cpu=cpu, cores=os.cpu_count() or 0, memory_gib=round(memory, 1), python=platform.python_version(),
                   system=platform.platform(terse=True), load_before=os.getloadavg()[0])


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..1)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(np.ceil(p * len(ordered))) - 1))] if ordered else 0.0


def texts_of(conversations: Sequence[Conversation]) -> tuple[list[str], int]:
    """What the pipeline embeds for these conversations, in its order: chunk texts, then
    customer statements (after the same PII redaction); and how many of them are chunks."""
    from ingest.pii import Redactor

    redactor = Redactor.from_env()
    conversations = [redactor.redact_conversation(conv)[0] for conv in conversations]
    chunks = [c.text for conv in conversations for c in chunk_conversation(conv)]
    said = [text for conv in conversations for _, text in statements(conv)]
    return chunks + said, len(chunks)


def corpus_conversations(path: Path) -> list[Conversation]:
    """The conversations of a file, one per id (the bench's batches follow the file's order)."""
    from ingest.loaders import load
    from ingest.records import Loaded

    found: dict[str, Conversation] = {}
    for item in load(path):
        if isinstance(item, Loaded):
            found.setdefault(item.conversation.id, item.conversation)
    return list(found.values())


def measure_ingest(
    store: Store, conversations: Sequence[Conversation], phase: Phase, raw_every: int = 1
) -> tuple[Throughput, Throughput, float]:
    """(the pipeline, the embedder alone on the same texts, seconds spent embedding inside the pipeline).

    The pipeline is one ingest of all ``conversations``, as ``convoscope ingest`` runs it (one
    redactor, one topic fit at its end, texts said again embedded once). After each batch it
    writes, the embedder alone embeds that batch's texts (every one of them, repeats too), so a
    busy machine slows both alike; that time is taken out of the pipeline's."""
    inner = store.embedder
    timed = TimedEmbedder(inner)
    store.embedder = timed
    inner.embed(["warm up"])  # model load is not throughput
    raw_s = aside = 0.0
    done = number = said = 0
    raw_convs = raw_chunks = raw_said = 0
    phase.start("ingest + embedder alone", len(conversations))

    def after_batch(size: int) -> None:  # the conversations are unique: batches are their runs of ``BATCH``
        nonlocal raw_s, aside, done, number, said, raw_convs, raw_chunks, raw_said
        began = time.perf_counter()
        batch = conversations[done : done + size]
        texts, n_chunks = texts_of(batch)
        said += len(texts) - n_chunks
        if number % raw_every == 0:
            started = time.perf_counter()
            inner.embed(texts)
            raw_s += time.perf_counter() - started
            raw_convs, raw_chunks, raw_said = (raw_convs + len(batch), raw_chunks + n_chunks,
                                               raw_said + len(texts) - n_chunks)
        done, number = done + size, number + 1
        phase.advance(size)
        aside += time.perf_counter() - began

    started = time.perf_counter()
    try:
        report = ingest_conversations(store, conversations, progress=after_batch)
    finally:
        store.embedder = inner
    ingest_s = time.perf_counter() - started - aside
    pipeline = Throughput(seconds=ingest_s, conversations=len(conversations), chunks=report.chunks, statements=said)
    alone = Throughput(seconds=raw_s, conversations=raw_convs, chunks=raw_chunks, statements=raw_said)
    return pipeline, alone, timed.seconds


def measure_latency(
    store: Store, phase: Phase, questions: dict[str, Sequence[str]] = QUESTIONS, repeats: int = 2
) -> list[KindLatency]:
    from assistant import ask

    store.embedder.embed(["warm up"])
    ask(next(iter(questions.values()))[0], store)  # the first question pays one-off costs; not counted
    samples: dict[str, list[float]] = {kind: [] for kind in questions}
    other: dict[str, dict[str, str]] = {kind: {} for kind in questions}
    phase.start("questions", repeats * sum(len(q) for q in questions.values()))
    for _ in range(repeats):
        for kind, asked in questions.items():
            for question in asked:
                started = time.perf_counter()
                answer = ask(question, store)
                samples[kind].append((time.perf_counter() - started) * 1000)
                if answer.kind != kind:
                    other[kind][question] = answer.kind
                phase.advance()
    return [
        KindLatency(kind=kind, questions=len(questions[kind]), samples=len(ms), p50_ms=statistics.median(ms),
                    p95_ms=percentile(ms, 0.95), max_ms=max(ms), understood_as=other[kind])
        for kind, ms in samples.items() if ms
    ]


def compare_backends(
    texts: list[str], backends: Sequence[str], phase: Phase, slice_size: int = 256
) -> list[BackendFigures]:
    """Each backend on the same texts, slice by slice in turn (a busy machine slows all alike);
    cosine agreement is measured against ``torch``, which always runs."""
    from embedding.embedders import make_embedder

    names = ["torch", *[b for b in backends if b != "torch"]]
    embedders = {b: make_embedder(b) for b in names}
    load: dict[str, float] = {}
    for b, embedder in embedders.items():
        started = time.perf_counter()
        embedder.embed(["warm up"])
        load[b] = time.perf_counter() - started
    seconds = dict.fromkeys(names, 0.0)
    vectors: dict[str, list[np.ndarray]] = {b: [] for b in names}
    phase.start("embedder backends", len(texts))
    for start in range(0, len(texts), slice_size):
        part = texts[start : start + slice_size]
        for b, embedder in embedders.items():
            started = time.perf_counter()
            vectors[b].append(embedder.embed(part))
            seconds[b] += time.perf_counter() - started
        phase.advance(len(part))
    reference = np.vstack(vectors["torch"])
    out = []
    for b in names:
        cosine = (np.vstack(vectors[b]) * reference).sum(axis=1)
        out.append(BackendFigures(
            backend=b, name=embedders[b].name, texts=len(texts), load_s=load[b], seconds=seconds[b],
            texts_per_s=len(texts) / seconds[b] if seconds[b] else 0.0,
            mean_cosine=float(cosine.mean()), min_cosine=float(cosine.min()),
        ))
    return out


WRITER_QUESTIONS = ("Why did cancellations rise in October?", "Why did login problems spike in August?",
                    "Why did refund requests rise last month?")


def measure_writer(store: Store, llm: "str | LLM", phase: Phase, repeats: int = 2) -> list[WriterFigures]:
    """Why-questions written by ``llm`` (loaded and warmed first, as in a running app)."""
    from assistant import ask
    from assistant.llm.base import generate
    from assistant.llm.registry import get_llm

    model = get_llm(llm) if isinstance(llm, str) else llm
    if model is None:
        return []
    generate(model, "Say hello.", max_tokens=4)  # loading is not answering
    figures = []
    phase.start(f"questions written by {llm}", repeats * len(WRITER_QUESTIONS))
    for _ in range(repeats):
        for question in WRITER_QUESTIONS:
            b = ask(question, store, llm=model).backend
            phase.advance()
            if b.model_text is None:  # nothing to cite, so nothing was written
                continue
            figures.append(WriterFigures(
                llm=model.name, question=question, prompt_tokens=b.prompt_tokens or 0,
                completion_tokens=b.completion_tokens or 0, first_token_ms=b.first_token_ms or 0.0,
                total_ms=b.generation_ms or 0.0, excerpts_trimmed=b.excerpts_trimmed, shown=b.llm == model.name,
            ))
    return figures


@contextmanager
def bench_store(path: Path | None, keep: bool = False) -> Iterator[Path]:
    """``path`` (which must not hold a store yet), else a temporary folder removed afterwards."""
    if path is not None:
        if (path / "conversations.sqlite").exists():
            from convoscope.errors import StoreError

            raise StoreError(f"{path} already holds a store", "bench into a new --store, or leave --store out")
        yield path
        return
    folder = Path(tempfile.mkdtemp(prefix="convoscope-bench-"))
    try:
        yield folder / "store"
    finally:
        if not keep:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)


def run(
    n: int, store: Store, *, seed: int = 7, repeats: int = 2, raw_every: int = 1, backends: Sequence[str] = (),
    backend_texts: int = 2000, phase: Phase | None = None, command: str = "", llm: "str | LLM" = "",
    corpus: Path | None = None,
) -> BenchReport:
    """Everything in one run, on ``store`` (which must be empty). With ``corpus`` (a file of
    conversations), ingest is measured on its conversations and no question is asked (the
    benchmark's questions are about the sample)."""
    from eval.sample import generate

    phase = phase or Phase()
    host = machine()
    conversations = corpus_conversations(corpus) if corpus else generate(n=n, seed=seed).conversations
    n = len(conversations)
    rss: dict[str, float] = {"corpus read" if corpus else "corpus generated": rss_mb()}
    pipeline, alone, embed_s = measure_ingest(store, conversations, phase, raw_every)
    rss["ingest"] = rss_mb()
    latency = [] if corpus else measure_latency(store, phase, repeats=repeats)
    if not corpus:
        rss["questions"] = rss_mb()
    writer = measure_writer(store, llm, phase, repeats) if llm else []
    peak = rss_mb()
    size = folder_bytes(store.path)
    figures: list[BackendFigures] = []
    if backends:
        texts, _ = texts_of(conversations)
        step = max(1, len(texts) // backend_texts)  # spread over the corpus, not its first conversations
        figures = compare_backends(texts[::step][:backend_texts], backends, phase)
        rss["backends"] = rss_mb()
    host.load_after = os.getloadavg()[0]
    return BenchReport(
        n=n, seed=seed, corpus=corpus.name if corpus else None,
        date=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), command=command,
        machine=host, embedder=store.describe(), ingest=pipeline, embedder_alone=alone,
        embed_seconds_in_ingest=embed_s, latency=latency, store_bytes=size, peak_rss_mb=peak,
        rss_mb_after=rss, backends=figures, writer=writer,
    )
