"""Ingest throughput of several writer processes against one server store.

    python -m eval.writers --n 20000 --writers 1,2,4 [--embedder hash:384]

For each writer count W: a fresh schema of ``CONVOSCOPE_DATABASE_URL``, then W ``convoscope
ingest --shard i/W`` processes started at once on the same generated corpus (as W machines
would run them), timed from the first start to the last exit. The embedded store (SQLite, one
writer) is measured the same way for comparison. The stand-in embedder (``hash:384``) leaves
the store's own cost: reading, redaction, enrichment, chunking and the writes. Chunk vectors go
to an embedded Chroma per writer folder unless ``CONVOSCOPE_CHROMA_URL`` is set. Prints a
Markdown table.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eval.bench import machine
from eval.sample import generate, write_jsonl


def run(corpus: Path, writers: int, scratch: Path, env: dict[str, str]) -> float:
    """Seconds for ``writers`` ingest processes, one shard each, to ingest ``corpus``."""
    started = time.perf_counter()
    processes = [
        subprocess.Popen([sys.executable, "-m", "ui.cli", "ingest", str(corpus), "--store", str(scratch / f"w{i}"),
                          *(["--shard", f"{i}/{writers}"] if writers > 1 else [])],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for i in range(writers)
    ]
    for process in processes:
        _, err = process.communicate()
        if process.returncode:
            raise SystemExit(f"an ingest failed: {err.strip().splitlines()[-1] if err.strip() else process.returncode}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--writers", default="1,2,4")
    parser.add_argument("--embedder", default="hash:384")
    args = parser.parse_args()
    from convoscope.settings import current

    url = current().database_url
    if not url:
        raise SystemExit("set CONVOSCOPE_DATABASE_URL to the server to measure")
    import psycopg

    rows = []
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        corpus = scratch / "corpus.jsonl"
        write_jsonl(generate(n=args.n).conversations, corpus)
        base = {**os.environ, "CONVOSCOPE_EMBEDDER_BACKEND": args.embedder}
        for label, writers, env in [("embedded (SQLite)", 1, {**base, "CONVOSCOPE_DATABASE_URL": ""}),
                                    *((f"PostgreSQL, {w} writer{'s' * (w > 1)}", w, base)
                                      for w in map(int, args.writers.split(",")))]:
            schema = f"writers_{writers}_{int(time.time())}"
            env = {**env, "CONVOSCOPE_DATABASE_SCHEMA": schema}
            seconds = run(corpus, writers, scratch / schema, env)
            if env["CONVOSCOPE_DATABASE_URL"]:
                with psycopg.connect(url, autocommit=True) as db:
                    stored = db.execute(f"SELECT COUNT(*) FROM {schema}.conversations").fetchone()[0]
                    db.execute(f"DROP SCHEMA {schema} CASCADE")
            else:
                stored = args.n
            rows.append(f"| {label} | {seconds:.0f} s | {stored / seconds:.0f} conv/s | {stored:,} |")
            print(rows[-1], flush=True)
    m = machine()
    print(f"\n{args.n:,} generated conversations, embedder {args.embedder}; {m.cpu}, {m.cores} cores, "
          f"{m.memory_gib} GiB\n")
    print("| store | wall time | throughput | stored |\n| --- | --- | --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
