"""Big exports stream: loading a file needs memory for a few records, not for the file.

Each canonical format (and a mapped export) is written at ~16 MB and loaded with
tracemalloc watching; the peak must stay a small fraction of the file. The 2 GB figure,
with the whole ingest and its RSS, is in BENCHMARKS.md (`python -m eval.bigfile`).
"""

from __future__ import annotations

import csv
import json
import tracemalloc
from pathlib import Path

import pytest

from ingest import Loaded, load
from ingest.formats import turns_csv
from ingest.formats.streaming import Groups

TURNS = 6


def record(i: int) -> dict:
    return {
        "id": f"big-{i:07d}", "channel": "chat", "started_at": "2026-09-01T10:00:00Z",
        "agent": {"id": f"a-{i % 40}", "type": "human"}, "metadata": {"product": "Fibre 500"},
        "turns": [{"speaker": "customer" if t % 2 else "agent",
                   "text": f"Turn {t} of conversation {i}: my router keeps dropping the connection every evening."}
                  for t in range(TURNS)],
    }


def write(path: Path, n: int) -> Path:
    if path.suffix == ".jsonl":
        with path.open("w") as handle:
            for i in range(n):
                handle.write(json.dumps(record(i)) + "\n")
    elif path.suffix == ".json":
        with path.open("w") as handle:
            handle.write("[\n")
            for i in range(n):
                handle.write(("," if i else "") + json.dumps(record(i)) + "\n")
            handle.write("]\n")
    else:
        with path.open("w", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["conversation_id", "started_at", "speaker", "text", "channel", "product"])
            for t in range(TURNS):  # turn-major: every conversation's rows are spread over the whole file
                for i in range(n):
                    r = record(i)
                    out.writerow([r["id"], r["started_at"], r["turns"][t]["speaker"], r["turns"][t]["text"], "chat",
                                  "Fibre 500"])
    return path


def peak_while_loading(path: Path, loader) -> tuple[int, int]:
    tracemalloc.start()
    try:
        loaded = sum(1 for item in loader(path) if isinstance(item, Loaded))
        return loaded, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


N = 20_000  # ~16 MB of JSON


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_json_exports_stream_in_bounded_memory(tmp_path, suffix):
    path = write(tmp_path / f"big{suffix}", N)
    loaded, peak = peak_while_loading(path, load)
    assert loaded == N
    assert peak < path.stat().st_size / 8, f"peak {peak / 1e6:.1f} MB for a {path.stat().st_size / 1e6:.0f} MB file"


def test_a_turns_csv_larger_than_the_memory_bound_spills_to_disk_and_loses_nothing(tmp_path):
    path = write(tmp_path / "big.csv", N)
    loaded, peak = peak_while_loading(path, lambda p: turns_csv.load_csv(p, spill_rows=1_000))
    assert loaded == N
    assert peak < path.stat().st_size / 8, f"peak {peak / 1e6:.1f} MB for a {path.stat().st_size / 1e6:.0f} MB file"
    conversation = next(i.conversation for i in turns_csv.load_csv(path, spill_rows=1_000) if isinstance(i, Loaded))
    assert conversation.id == "big-0000000" and len(conversation.turns) == TURNS  # rows from all over the file
    assert [t.text.split(":")[0] for t in conversation.turns] == [f"Turn {t} of conversation 0" for t in range(TURNS)]


def test_groups_give_the_same_result_in_memory_and_spilled():
    rows = [(f"k{i % 7}", i) for i in range(100)]
    expected = None
    for bound in (1_000, 10):
        with Groups[int](bound) as groups:
            for key, row in rows:
                groups.add(key, row)
            assert groups.spilled == (bound == 10)
            got = [(k, list(v)) for k, v in groups]
        expected = expected or got
        assert got == expected and [k for k, _ in got] == [f"k{i}" for i in range(7)]


def test_the_big_file_benchmark_runs_and_reports_peak_memory(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "eval.bigfile", "--gb", "0.002", "--n", "50", "--loader-only",
                           "--dir", str(tmp_path), "--every", "0.2"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "peak RSS" in done.stdout and "added (loader only), 0 rejected" in done.stdout
