"""Contract tests every VectorStore must pass: the in-memory fake and real Chroma alike."""

import numpy as np
import pytest

from convoscope.models import Chunk
from vectorstore import ChromaVectorStore, MemoryVectorStore, VectorStore, Where


def chunk(i: int, channel: str = "chat", day: int = 20000) -> Chunk:
    return Chunk(
        id=f"c-{i}:0-0:{i:012d}", conversation_id=f"c-{i}", turn_start=0, turn_end=0, text=f"text {i}",
        metadata={"conversation_id": f"c-{i}", "channel": channel, "day": day + i % 10, "meta_product": "Basic"},
    )


def unit(rng, n, dim=16):
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.fixture(params=["memory", "chroma"])
def store(request, tmp_path) -> VectorStore:
    return (MemoryVectorStore() if request.param == "memory"
            else ChromaVectorStore(tmp_path / "chroma", embedder_name="t"))


def test_is_a_vector_store(store):
    assert isinstance(store, VectorStore)


def test_upsert_is_idempotent_and_query_finds_nearest(store):
    rng = np.random.default_rng(0)
    chunks, vectors = [chunk(i) for i in range(50)], unit(rng, 50)
    store.upsert(chunks, vectors)
    store.upsert(chunks, vectors)
    assert store.count() == 50
    hits = store.query(vectors[7], k=3)
    assert hits[0].id == chunks[7].id and hits[0].score == pytest.approx(1.0, abs=1e-4)
    assert hits[0].conversation_id == "c-7" and hits[0].text == "text 7"
    assert hits[0].score >= hits[1].score >= hits[2].score


def test_filters_by_metadata_and_day_range(store):
    rng = np.random.default_rng(1)
    chunks = [chunk(i, "chat" if i % 2 else "voice") for i in range(40)]
    store.upsert(chunks, unit(rng, 40))
    where = Where(equals={"channel": ["voice"]}, day_from=20002, day_to=20005)
    hits = store.query(unit(rng, 1)[0], k=40, where=where)
    assert hits and all(h.metadata["channel"] == "voice" and 20002 <= h.metadata["day"] < 20005 for h in hits)
    assert len(hits) == sum(1 for c in chunks if where.matches(c.metadata))


def test_delete_removes(store):
    rng = np.random.default_rng(2)
    chunks, vectors = [chunk(i) for i in range(10)], unit(rng, 10)
    store.upsert(chunks, vectors)
    store.delete([chunks[0].id, "no-such-id"])
    assert store.count() == 9
    assert store.existing([chunks[0].id, chunks[1].id, "no-such-id"]) == {chunks[1].id}
    assert all(h.id != chunks[0].id for h in store.query(vectors[0], k=10))


def test_more_than_one_chroma_add_batch(store):
    rng = np.random.default_rng(3)
    n = 6000  # over Chroma's 5,461 records per add
    store.upsert([chunk(i) for i in range(n)], unit(rng, n, dim=8))
    assert store.count() == n


def test_cached_phrase_vectors_are_the_embedders_and_each_text_is_embedded_once(tmp_path):
    from vectorstore import HashEmbedder, Store

    calls: list[list[str]] = []

    class Counting(HashEmbedder):
        def embed(self, texts):
            calls.append(list(texts))
            return super().embed(texts)

    store = Store(tmp_path / "s", embedder=Counting(64))
    first = store.embed_cached(["slow wifi", "refund please", "slow wifi"])
    again = store.embed_cached(["refund please", "new phrase"])
    assert calls == [["slow wifi", "refund please"], ["new phrase"]]
    reference = HashEmbedder(64).embed(["slow wifi", "refund please", "new phrase"])
    assert np.allclose(first, reference[[0, 1, 0]]) and np.allclose(again, reference[[1, 2]])
    assert store.embed_cached([]).shape == (0, 64)
