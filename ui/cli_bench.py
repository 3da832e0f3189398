"""``convoscope bench`` and ``convoscope load``: throughput, latency and load figures
(registered on the app in ``ui/cli.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ui.cli_shared import _ingest, _store, err


def bench(
    n: Annotated[int, typer.Option(help="Sample conversations to generate (1000, 10000, 100000 …).")] = 1000,
    store: Annotated[Optional[Path], typer.Option(
        "--store", help="A new store folder to bench into (default: a temporary one, removed after).")] = None,
    out: Annotated[Path, typer.Option(help="Folder for bench-n<N>.json.")] = Path("convoscope-bench"),
    markdown: Annotated[Optional[Path], typer.Option(
        help="Append or refresh this n's section of a Markdown file (e.g. BENCHMARKS.md).")] = None,
    backends: Annotated[str, typer.Option(help="Embedder backends to compare on the benchmark's texts, comma-separated "
                                               "(torch,onnx,onnx-int8); empty: none.")] = "",
    backend_texts: Annotated[int, typer.Option(
        help="How many of the benchmark's texts the backend comparison embeds.")] = 2000,
    repeats: Annotated[int, typer.Option(help="Times each benchmark question is asked.")] = 2,
    raw_every: Annotated[int, typer.Option(
        help="Embed every k-th batch again alone (1: all; larger saves time at big n).")] = 1,
    seed: Annotated[int, typer.Option(help="Sample corpus seed.")] = 7,
    embedder: Annotated[str, typer.Option(help="Embedder for the run: torch | onnx | onnx-int8 | hash (a stand-in, "
                                               "no model); default: $CONVOSCOPE_EMBEDDER_BACKEND or onnx.")] = "",
    llm: Annotated[str, typer.Option(
        help="Also time why-questions written by this backend (local | openai): first token, total, tokens/s.")] = "",
    corpus: Annotated[Optional[Path], typer.Option(
        help="Measure ingest on this file of your conversations instead of --n generated ones (no questions: "
             "the benchmark's are about the sample).")] = None,
) -> None:
    """Throughput and latency: ingest vs the embedder alone, question latency per kind, store size, peak memory."""
    from eval.bench_cli import main as run_bench

    run_bench(n=n, store=store, out=out, markdown=markdown, backends=backends, backend_texts=backend_texts,
              repeats=repeats, raw_every=raw_every, seed=seed, embedder=embedder, llm=llm, console=err,
              corpus=corpus)


def load(
    store: Annotated[Optional[Path], typer.Option("--store", help="A store to load (it receives the extra "
        "conversations); default: a new temporary one of --n sample conversations.")] = None,
    n: Annotated[int, typer.Option(help="Sample conversations in the temporary store.")] = 1000,
    askers: Annotated[int, typer.Option(
        help="Concurrent askers (threads sharing one store, as the app's sessions do).")] = 8,
    ingest_n: Annotated[int, typer.Option(
        "--ingest", help="Conversations the concurrent `convoscope ingest` adds (dated two years back).")] = 300,
    workers: Annotated[int, typer.Option(help="--workers of that ingest.")] = 0,
    max_answers: Annotated[int, typer.Option(
        help="At most this many answers per asker (they ask until the ingest ends).")] = 1000,
    seconds: Annotated[float, typer.Option(help="At most this long, ingest and askers together.")] = 600.0,
    think: Annotated[float, typer.Option(help="Seconds each asker pauses between answers (on average).")] = 0.5,
) -> None:
    """Load test: concurrent askers on one store while an ingest writes; every answer checked against a quiet run."""
    import tempfile

    from eval.load import run_load, shifted_corpus

    with tempfile.TemporaryDirectory(prefix="convoscope-load-") as folder:
        scratch = Path(folder)
        path = store or scratch / "store"
        if store is None:
            from eval.sample import generate, write_jsonl

            write_jsonl(generate(n=n).conversations, scratch / "base.jsonl")
            err.print(f"building a store of {n} sample conversations in {path}")
            _ingest(_store(path), [scratch / "base.jsonl"])
        extra = shifted_corpus(scratch / "extra.jsonl", ingest_n)
        with err.status(f"{askers} askers while `convoscope ingest` adds {ingest_n} conversations…"):
            report = run_load(path, extra, askers=askers, max_answers=max_answers, seconds=seconds, workers=workers,
                              think_s=think)
    typer.echo(report.model_dump_json(indent=2))
    err.print(f"{report.answers} answers by {askers} askers ({report.answers_during_writes} while the ingest wrote "
              f"{report.ingested} conversations in {report.ingest_seconds} s): {len(report.errors)} errors, "
              f"{len(report.inconsistent)} inconsistent, {len(report.refitted)} changed with a topic re-fit, "
              f"{len(report.incomplete)} incomplete, "
              f"{report.identical} identical to the quiet run; p50 {report.p50_ms:.0f} ms, p95 {report.p95_ms:.0f} ms "
              f"(quiet: {report.quiet_p50_ms:.0f} / {report.quiet_p95_ms:.0f} ms); "
              f"load average {report.load_before:.1f} before")
    if not report.ok:
        raise typer.Exit(1)
