"""Ingest scaling: the same corpus into fresh stores with 1, 2 … worker processes.

    python -m eval.scaling --n 1000 --workers 0,1,2 --repeats 1

Each run ingests ``--n`` generated sample conversations into a new temporary store with
the real embedder and Chroma (``convoscope ingest --workers W``; 0 is the one-process
ingest with ONNX Runtime's own threads). Runs alternate between the worker counts, so a
machine whose load changes slows each alike; the load average is printed before each run,
because a scaling figure means little on a busy machine. CPU time per conversation (this
process and its workers) is printed too: it does not depend on the load, and equal CPU per
conversation at 1 and 2 workers means the work divides without overhead. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from pydantic import BaseModel

from eval.bench import machine
from eval.sample import generate, write_jsonl
from ingest import ingest_paths
from vectorstore import Store


class ScalingRun(BaseModel):
    workers: int
    seconds: float
    conversations: int
    chunks: int
    load_before: float
    cpu_seconds: float  # user + system, this process and its (joined) workers: what the work costs, whatever the load

    @property
    def rate(self) -> float:
        return self.conversations / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_conversation(self) -> float:
        return 1000 * self.cpu_seconds / self.conversations if self.conversations else 0.0


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def one_run(corpus: Path, workers: int, scratch: Path) -> ScalingRun:
    load = os.getloadavg()[0]
    store = Store(Path(tempfile.mkdtemp(dir=scratch)) / "store")
    started, cpu = time.perf_counter(), _cpu()
    report = ingest_paths(store, [corpus], workers=workers)
    seconds = time.perf_counter() - started
    store.close()
    return ScalingRun(workers=workers, seconds=round(seconds, 1), conversations=report.added, chunks=report.chunks,
                      load_before=load, cpu_seconds=round(_cpu() - cpu, 1))


def table(runs: list[ScalingRun]) -> str:
    by: dict[int, list[ScalingRun]] = {}
    for run in runs:
        by.setdefault(run.workers, []).append(run)
    base = statistics.mean(r.rate for r in by.get(1, by[min(by)]))
    lines = ["| workers | runs | seconds | conv/s | vs 1 worker | CPU ms / conversation | load average before |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for workers, group in sorted(by.items()):
        rate = statistics.mean(r.rate for r in group)
        label = f"{workers} (one process, all cores)" if workers == 0 else str(workers)
        cpu = statistics.mean(r.cpu_ms_per_conversation for r in group)
        lines.append(f"| {label} | {len(group)} | {', '.join(f'{r.seconds:.1f}' for r in group)} | {rate:.1f} | "
                     f"{rate / base:.2f}× | {cpu:.0f} | {', '.join(f'{r.load_before:.1f}' for r in group)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    host = machine()
    with tempfile.TemporaryDirectory(prefix="convoscope-scaling-") as folder:
        scratch = Path(folder)
        corpus = scratch / "corpus.jsonl"
        write_jsonl(generate(n=args.n, seed=args.seed).conversations, corpus)
        runs = []
        for repeat in range(args.repeats):
            for workers in counts if repeat % 2 == 0 else list(reversed(counts)):
                run = one_run(corpus, workers, scratch)
                print(f"workers={run.workers}: {run.seconds:.1f} s, {run.rate:.1f} conv/s, "
                      f"{run.cpu_ms_per_conversation:.0f} CPU ms/conversation "
                      f"(load {run.load_before:.1f} before)", flush=True)
                runs.append(run)
    print(f"\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · {host.cpu}, {host.cores} cores, "
          f"{host.memory_gib} GiB · Python {host.python} · load average {os.getloadavg()[0]:.1f} after\n")
    print(table(runs))


if __name__ == "__main__":
    main()
