"""Nothing lost: an ingest killed mid-way (SIGKILL, as a crash or a closed laptop) leaves a
consistent store, and a re-run completes it with no duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from eval.sample import generate, write_jsonl
from vectorstore import Store

pytestmark = pytest.mark.e2e
N = 500


def stored(path) -> int:
    try:
        with sqlite3.connect(path / "conversations.sqlite") as db:
            return db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_killed_ingest_leaves_a_consistent_store_and_a_rerun_completes_it(tmp_path):
    corpus = tmp_path / "calls.jsonl"
    write_jsonl(generate(n=N, seed=11).conversations, corpus)
    store_path = tmp_path / "store"
    command = [sys.executable, "-m", "ui.cli", "ingest", str(corpus), "--store", str(store_path)]
    env = dict(os.environ, CONVOSCOPE_ALLOW_MODELS="1")
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while stored(store_path) == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)  # mid-ingest: at least one batch in, more in flight
    process.wait(timeout=30)
    partial = stored(store_path)
    assert 0 < partial < N

    store = Store(store_path)
    try:  # consistent: every stored conversation has all its chunks in Chroma
        chunk_ids = {c.id for c in store.conversations.chunks()}
        assert store.vectors.existing(sorted(chunk_ids)) == chunk_ids
        assert store.vectors.count() >= len(chunk_ids)  # a batch in flight may have reached Chroma only
    finally:
        store.close()

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    store = Store(store_path)
    try:
        assert store.conversations.count() == N
        chunks = store.conversations.chunks()
        assert store.vectors.count() == len(chunks) == len({c.id for c in chunks})  # no duplicates, no orphans
    finally:
        store.close()
    assert f"{N - partial} added" in rerun.stderr and f"{partial} unchanged" in rerun.stderr
