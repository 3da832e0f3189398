"""`convoscope load`: concurrent askers against one store while an ingest writes to it.

The askers are threads sharing one ``Store``, as the Streamlit app's sessions share its
cached store; the ingest is a separate ``convoscope ingest`` process, as in production.
The ingested conversations are a second generated sample moved two years back with ids of
their own, so every question asked (each about a window of the base data) has the answer
it has on a quiet store: each answer is compared with the quiet run's — kind, the counts
per window or segment, drivers and citations — and its citations are checked verbatim
against the stored turns. Any exception (a "database is locked", a Chroma error) counts.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from pydantic import BaseModel, Field

from assistant import ask
from convoscope.models import Answer
from eval.bench import percentile
from eval.metrics import verbatim
from eval.sample import generate, write_jsonl
from vectorstore import Store

QUESTIONS = (
    "How many customers wanted to cancel in October?",
    "Why did cancellations rise in October?",
    "Show me customers complaining about buffering in October",
    "How does chat compare with voice on cancellations in October?",
    "Summarise the refund requests in October",
    "How many login problems were there in August?",
    "Why did login problems spike in August?",
    "How many refund requests did we get in September?",
)
SHIFT = timedelta(days=730)


class LoadReport(BaseModel):
    askers: int
    questions: int
    answers: int = 0
    answers_during_writes: int = 0  # started after the ingest's first write and before its end
    errors: list[str] = Field(default_factory=list)  # exceptions, e.g. "database is locked"
    inconsistent: list[str] = Field(default_factory=list)  # kind or counts differ from the quiet run
    # … differ, but the store's topics were re-fitted by the ingest in between (a new topic model
    # version): a different reading of the store, not a torn one; reported, not an inconsistency
    refitted: list[str] = Field(default_factory=list)
    incomplete: list[str] = Field(default_factory=list)  # empty text, unknown marker, non-verbatim quote
    identical: int = 0  # answers identical to the quiet run's, text included
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    quiet_p50_ms: float = 0.0
    quiet_p95_ms: float = 0.0
    ingested: int = 0
    ingest_seconds: float = 0.0
    ingest_error: str | None = None
    load_before: float = 0.0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.errors or self.inconsistent or self.incomplete or self.ingest_error) and self.answers > 0


def shifted_corpus(path: Path, n: int, seed: int = 99) -> Path:
    """``n`` sample conversations two years earlier, ids prefixed ``load-``: nothing a question asks about."""
    moved = [c.model_copy(update={"id": f"load-{c.id}", "started_at": c.started_at - SHIFT})
             for c in generate(n=n, seed=seed).conversations]
    write_jsonl(moved, path)
    return path


def signature(answer: Answer) -> tuple:
    """What must not change while an ingest adds unrelated conversations: kind and counts."""
    c = answer.comparison
    segments = [c.current, *([c.baseline] if c.baseline else []), *c.segments]
    return (answer.kind, tuple((s.label, s.conversations, s.matching) for s in segments))


def detail(answer: Answer) -> tuple:
    return (signature(answer), answer.answer, tuple(d.label for d in answer.drivers),
            tuple((x.conversation_id, x.turn_start, x.turn_end, x.text) for x in answer.citations))


def complete(answer: Answer, store: Store) -> str | None:
    """Why ``answer`` is not whole (no text, a marker without a citation, a quote not verbatim), or None."""
    if not answer.answer.strip():
        return "empty answer"
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    if markers - {c.n for c in answer.citations}:
        return f"markers {sorted(markers - {c.n for c in answer.citations})} have no citation"
    stored = store.conversations.get_many(c.conversation_id for c in answer.citations)
    for c in answer.citations:
        if not verbatim(c.text, stored.get(c.conversation_id), c.turn_start, c.turn_end):
            return f"citation [{c.n}] is not verbatim"
    return None


def run_load(
    store_path: Path, extra: Path, askers: int = 8, max_answers: int = 1000, seconds: float = 300.0,
    workers: int = 0, think_s: float = 0.5, questions: tuple[str, ...] = QUESTIONS,
) -> LoadReport:
    """Quiet answers first, then ``askers`` threads ask while ``convoscope ingest extra`` runs;
    each asker pauses ``think_s`` between answers, as a person reading them does."""
    report = LoadReport(askers=askers, questions=len(questions), load_before=os.getloadavg()[0])
    store = Store(store_path)
    base = store.conversations.count()
    quiet: dict[str, tuple] = {}
    quiet_topics: dict[str, str | None] = {}
    quiet_ms: list[float] = []
    ask(questions[0], store)  # warm: the embedder and per-store caches, as a running app has them
    for repeat in range(2):
        for q in questions:
            started = time.perf_counter()
            quiet_answer = ask(q, store)
            quiet[q], quiet_topics[q] = detail(quiet_answer), quiet_answer.topic_model
            quiet_ms.append((time.perf_counter() - started) * 1000)
    report.quiet_p50_ms, report.quiet_p95_ms = round(percentile(quiet_ms, 0.5)), round(percentile(quiet_ms, 0.95))

    command = [sys.executable, "-m", "ui.cli", "ingest", str(extra), "--store", str(store_path)]
    command += ["--workers", str(workers)] if workers else []
    began = time.perf_counter()
    ingest = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    window: dict[str, float] = {}
    latencies: list[tuple[float, float]] = []  # (start, milliseconds)
    lock = threading.Lock()
    deadline = began + seconds

    def asker(k: int) -> None:
        for i in range(max_answers):
            if time.perf_counter() > deadline or (i >= 2 and "end" in window):
                return
            q = questions[(k + i) % len(questions)]
            time.sleep(think_s * (0.5 + (k % 4) / 4))  # staggered, so the askers do not move in step
            started = time.perf_counter()
            try:
                answer = ask(q, store)
            except Exception as err:  # noqa: BLE001 — every failure is a finding
                with lock:
                    report.errors.append(
                        f"{q}: {err.__class__.__name__}: {str(err).splitlines()[0] if str(err) else ''}")
                continue
            took = (time.perf_counter() - started) * 1000
            got = detail(answer)
            with lock:
                latencies.append((started, took))
                report.identical += got == quiet[q]
                if got[0] != quiet[q][0]:
                    differ = f"{q}: {got[0]} vs quiet {quiet[q][0]}"
                    same_topics = answer.topic_model == quiet_topics[q]
                    (report.inconsistent if same_topics else report.refitted).append(differ)
                why = complete(answer, store)
                if why:
                    report.incomplete.append(f"{q}: {why}")

    threads = [threading.Thread(target=asker, args=(k,), daemon=True) for k in range(askers)]
    for t in threads:
        t.start()
    while ingest.poll() is None and time.perf_counter() < deadline:
        if "first" not in window and store.conversations.count() > base:
            window["first"] = time.perf_counter()
        time.sleep(0.2)
    if ingest.poll() is None:
        ingest.kill()
        report.ingest_error = f"the ingest did not finish within {seconds:.0f} s"
    window["end"] = time.perf_counter()
    stderr = ingest.communicate()[1] or ""
    report.ingest_seconds = round(window["end"] - began, 1)
    if ingest.returncode and not report.ingest_error:
        report.ingest_error = (stderr.strip().splitlines() or ["exit code %d" % ingest.returncode])[-1]
    for t in threads:
        t.join()
    report.ingested = store.conversations.count() - base
    report.seconds = round(time.perf_counter() - began, 1)
    ms = [m for _, m in latencies]
    report.answers = len(ms)
    first = window.get("first", window["end"])
    report.answers_during_writes = sum(first <= s <= window["end"] for s, _ in latencies)
    report.p50_ms, report.p95_ms = round(percentile(ms, 0.5)), round(percentile(ms, 0.95))
    report.max_ms = round(max(ms, default=0.0))
    store.close()
    return report
