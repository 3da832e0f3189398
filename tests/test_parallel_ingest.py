"""Parallel ingest (`--workers N`, `--shard i/N`): the same store and the same summary as a
one-process ingest, idempotent re-runs, and a shard that can be re-run alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convoscope.errors import ConvoscopeError
from eval.sample import generate, write_jsonl
from ingest import ingest_paths
from ingest.shard import Shard
from vectorstore import fake_store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Sample conversations (with e-mails, phones, addresses to redact), bad records, and an
    id repeated in a later batch with other content (so it counts as updated)."""
    folder = tmp_path_factory.mktemp("parallel")
    conversations = generate(n=300, seed=5).conversations
    write_jsonl(conversations, folder / "a.jsonl")
    again = conversations[3].model_copy(update={"customer_id": "changed"})
    lines = [again.model_dump_json(), "{not json", json.dumps({"id": "x-1", "turns": []})]
    (folder / "b.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "c.json").write_text('[{"id": "broken"')
    (folder / "d.jsonl").write_text((Path(__file__).parent / "data" / "bad.jsonl").read_text())
    return folder


def _state(store) -> tuple[dict[str, str], set[str]]:
    rows = store.conversations.db.execute("SELECT id, content_hash FROM conversations").fetchall()
    return dict(rows), set(store.vectors.existing(sorted(c.id for c in store.conversations.chunks())))


def _summary(report) -> dict:
    return report.model_dump(exclude={"seconds", "rejects_file"})


def test_workers_give_the_one_process_store_and_summary(corpus, tmp_path):
    one, two = fake_store(tmp_path / "one"), fake_store(tmp_path / "two")
    single = ingest_paths(one, [corpus])
    seen: list[int] = []
    parallel = ingest_paths(two, [corpus], workers=2, progress=seen.append)
    assert single.added == 302 and single.updated == 1 and len(single.rejected) == 6 and single.redacted.total
    assert _summary(parallel) == _summary(single)
    assert Path(parallel.rejects_file).read_text() == Path(single.rejects_file).read_text()
    assert sum(seen) == single.added + single.updated + single.unchanged
    assert _state(two) == _state(one) and two.vectors.count() == one.vectors.count()
    # a re-run equals the one-process re-run (the id given twice with other content flips each time)
    assert _summary(ingest_paths(two, [corpus], workers=2)) == _summary(ingest_paths(one, [corpus]))
    one.close(), two.close()


def test_a_parallel_rerun_writes_nothing(corpus, tmp_path):
    store = fake_store(tmp_path / "store")
    first = ingest_paths(store, [corpus / "a.jsonl"], workers=2)
    again = ingest_paths(store, [corpus / "a.jsonl"], workers=2)
    assert (first.added, again.added, again.updated, again.chunks, again.unchanged) == (300, 0, 0, 0, 300)
    store.close()


def test_a_shard_reruns_alone_and_the_shards_make_the_whole(corpus, tmp_path):
    store = fake_store(tmp_path / "store")
    files = [corpus / "a.jsonl", corpus / "c.json", corpus / "d.jsonl"]  # no id given twice
    first = ingest_paths(store, files, shard=Shard.parse("1/2"))
    assert 0 < first.added < 300
    rest = ingest_paths(store, files, workers=2, shard=Shard.parse("0/2"))
    assert first.added + rest.added == 302 and first.updated == rest.updated == 0
    assert len(first.rejected) + len(rest.rejected) == 4  # every reject reported by exactly one shard
    whole = ingest_paths(store, files, workers=2)
    assert (whole.added, whole.updated, whole.unchanged, len(whole.rejected)) == (0, 0, 302, 4)
    store.close()


def test_a_failing_worker_names_its_shard_in_one_line(corpus, tmp_path, monkeypatch):
    (tmp_path / "broken.yaml").write_text("labels: [oops")
    monkeypatch.setenv("CONVOSCOPE_TAXONOMY", str(tmp_path / "broken.yaml"))
    store = fake_store(tmp_path / "store")
    with pytest.raises(ConvoscopeError) as caught:
        ingest_paths(store, [corpus / "a.jsonl"], workers=2)
    message = str(caught.value)
    assert "\n" not in message and "--shard" in message and "failed" in message
    store.close()


def test_shard_labels():
    assert Shard.parse("2/3").split(2, 1).label == "5/6"
    with pytest.raises(ConvoscopeError):
        Shard.parse("3/3")


def test_shard_stores_merge_into_the_one_store_a_single_ingest_builds(corpus, tmp_path):
    from vectorstore.merge import merge_store

    files = [corpus / "a.jsonl", corpus / "d.jsonl"]
    whole = fake_store(tmp_path / "whole")
    ingest_paths(whole, files)
    shards = [fake_store(tmp_path / f"shard-{i}") for i in range(2)]  # one per machine
    for i, shard in enumerate(shards):
        ingest_paths(shard, files, shard=Shard(index=i, count=2))
    merged = fake_store(tmp_path / "merged")
    assert sum(merge_store(merged.conversations, tmp_path / f"shard-{i}") for i in range(2)) == 302
    merge_store(merged.conversations, tmp_path / "shard-0")  # again: nothing changes
    tables = ("SELECT id, content_hash, data FROM conversations ORDER BY id",
              "SELECT id, text FROM chunks ORDER BY id",
              "SELECT conversation_id, turn, text, vector FROM statements ORDER BY conversation_id, turn, text")
    for sql in tables:
        assert merged.conversations.db.execute(sql).fetchall() == whole.conversations.db.execute(sql).fetchall()
    for store in (whole, merged, *shards):
        store.close()


@pytest.mark.e2e
def test_workers_with_the_real_embedder_and_chroma(tmp_path):
    import numpy as np

    from vectorstore import Store

    write_jsonl(generate(n=60, seed=8).conversations, tmp_path / "c.jsonl")
    one, two = Store(tmp_path / "one"), Store(tmp_path / "two")
    single, parallel = ingest_paths(one, [tmp_path / "c.jsonl"]), ingest_paths(two, [tmp_path / "c.jsonl"], workers=2)
    assert _summary(parallel) == _summary(single) and single.added == 60
    ids = sorted(c.id for c in one.conversations.chunks())
    assert two.vectors.existing(ids) == set(ids) and two.vectors.count() == one.vectors.count() == len(ids)
    def vectors(store):
        got = store.vectors.collection.get(ids=ids[:20], include=["embeddings"])
        return np.asarray([v for _, v in sorted(zip(got["ids"], got["embeddings"]), key=lambda pair: pair[0])])

    assert np.allclose(vectors(one), vectors(two), atol=1e-4)  # one compute thread or two: the same vectors
    one.close(), two.close()
