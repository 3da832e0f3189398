"""Eight askers on one store while `convoscope ingest` writes to it: no errors, no lock
waits that fail, every answer complete and the same as on a quiet store (`eval/load.py`)."""

from __future__ import annotations

import pytest

from eval.load import run_load, shifted_corpus
from eval.sample import generate, write_jsonl
from ingest import ingest_paths
from vectorstore import Store

pytestmark = pytest.mark.e2e


def test_eight_askers_while_an_ingest_writes(tmp_path):
    write_jsonl(generate(n=120).conversations, tmp_path / "base.jsonl")
    store = Store(tmp_path / "store")
    ingest_paths(store, [tmp_path / "base.jsonl"])
    store.close()
    extra = shifted_corpus(tmp_path / "extra.jsonl", 130)  # two batches (128 + 2): askers see writes land
    report = run_load(tmp_path / "store", extra, askers=8, max_answers=1000, seconds=240)
    print(report.model_dump_json(indent=1))
    assert report.errors == [] and report.ingest_error is None
    assert report.inconsistent == [] and report.incomplete == []  # an answer may change only with a topic re-fit
    assert report.ingested == 130 and report.answers >= 16 and report.answers_during_writes > 0
