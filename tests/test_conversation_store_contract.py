"""Contract tests every conversation store must pass: the embedded SQLite file and a real
PostgreSQL server on 127.0.0.1 alike (what counts, segments and statements are read from)."""

from __future__ import annotations

import multiprocessing
import urllib.parse
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from convoscope.errors import StoreError
from convoscope.models import Agent, Chunk, Conversation, Turn
from vectorstore.base import Where
from vectorstore.conversations import ConversationStore, StoredConversation
from vectorstore.statements import Statement
from vectorstore.store import open_conversations
from vectorstore.topics import Topic, TopicModel

DIM = 8
START = datetime(2026, 5, 1, 9, tzinfo=UTC)


def unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def item(i: int, *, text: str = "my parcel never arrived", channel: str = "chat", product: str = "Basic",
         version: int = 0) -> StoredConversation:
    conversation = Conversation(
        id=f"c-{i:03d}", channel=channel, started_at=START + timedelta(days=i % 20, minutes=i),
        agent=Agent(id=f"a-{i % 3}", type="ai" if i % 2 else "human"), customer_id=f"u-{i}",
        metadata={"product": product, "priority": i % 4, "vip": i % 5 == 0, "handle_time": 61.5 + i},
        turns=[Turn(speaker="customer", text=f"{text} (v{version})"), Turn(speaker="agent", text="sorry to hear")],
    )
    chunk = Chunk(id=f"c-{i:03d}:0-1:v{version}", conversation_id=conversation.id, turn_start=0, turn_end=1,
                  text=conversation.transcript())
    statements = [Statement(turn=0, text=f"{text} (v{version})", vector=unit(i))]
    return StoredConversation(conversation=conversation, content_hash=f"h{i}-{version}", chunks=[chunk],
                              statements=statements)


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request, tmp_path):
    """Which engine: a function that opens the store (``read_only`` as the app does)."""
    if request.param == "postgres":
        request.getfixturevalue("postgres")  # CONVOSCOPE_DATABASE_URL and a schema of this test's own
    opened: list[ConversationStore] = []

    def open_(read_only: bool = False) -> ConversationStore:
        store = open_conversations(tmp_path / "store", read_only=read_only)
        opened.append(store)
        return store

    open_.name = request.param
    yield open_
    for store in opened:
        store.close()


def test_written_conversations_read_back_whole_and_counted(engine):
    store = engine()
    store.write([item(i) for i in range(30)])
    assert store.count() == 30
    assert store.get("c-007").turns[0].text == "my parcel never arrived (v0)"
    assert set(store.get_many(["c-001", "c-002", "nope"])) == {"c-001", "c-002"}
    assert store.hashes(["c-001", "c-999"]) == {"c-001": "h1-0"}
    ids = store.ids()
    assert len(ids) == 30 and ids == sorted(ids, key=lambda c: store.started([c])[c])  # in time order
    meta = store.meta_many(["c-004"])["c-004"]
    assert meta.metadata["product"] == "Basic" and meta.agent.type == "human" and meta.started_at.tzinfo
    first, last = store.day_range()
    assert first == START and last == START + timedelta(days=19, minutes=19)
    assert [c.text.startswith("Customer") or c.text for c in store.chunks(Where(equals={"channel": ["chat"]}))]


def test_writing_a_conversation_again_replaces_it_never_duplicates(engine):
    store = engine()
    store.write([item(i) for i in range(5)])
    store.write([item(i, text="the app crashes", version=1) for i in range(3)])
    assert store.count() == 5
    assert store.get("c-001").turns[0].text == "the app crashes (v1)"
    texts = store.statements().texts
    assert len(texts) == 5 and texts.count("the app crashes (v1)") == 3
    assert [c.id for c in store.chunks() if c.conversation_id == "c-001"] == ["c-001:0-1:v1"]


def test_filters_on_columns_metadata_and_days_count_the_same(engine):
    store = engine()
    store.write([item(i, channel="voice" if i < 12 else "chat", product="Plus" if i % 3 == 0 else "Basic")
                 for i in range(40)])
    assert store.count(Where(equals={"channel": ["voice"]})) == 12
    assert store.count(Where(equals={"meta_product": ["Plus"]})) == 14
    assert store.count(Where(equals={"meta_priority": [0, 1]})) == 20
    assert store.count(Where(equals={"meta_vip": [1]})) == 8
    assert store.count(Where(equals={"agent_type": ["ai"], "meta_product": ["Basic"]})) == 13
    day = store.meta_many(["c-000"])["c-000"].started_at.date().toordinal() - datetime(1970, 1, 1).toordinal()
    assert store.count(Where(day_from=day, day_to=day + 5)) == 10
    assert len(store.ids(Where(equals={"meta_product": ["Plus"]}, day_from=day))) == 14


def test_values_offer_the_filterable_fields_with_their_counts(engine):
    store = engine()
    store.write([item(i, product="Plus" if i % 3 == 0 else "Basic") for i in range(30)])
    values = store.values()
    assert values["channel"] == {"chat": 30}
    assert values["agent_type"] == {"ai": 15, "human": 15}
    assert values["meta_product"] == {"Plus": 10, "Basic": 20}
    assert values["meta_priority"] == {0: 8, 1: 8, 2: 7, 3: 7}
    assert values["meta_vip"] == {1: 6, 0: 24}
    assert "meta_handle_time" not in values  # real-valued: not a segment


def test_a_fields_value_per_conversation_is_what_values_counts(engine):
    store = engine()
    store.write([item(i, product="Plus" if i % 3 == 0 else "Basic") for i in range(30)])
    products = store.field_values("product")
    assert products["c-000"] == "Plus" and products["c-001"] == "Basic" and len(products) == 30
    assert store.field_values("vip")["c-005"] == 1 and store.field_values("vip")["c-001"] == 0  # as values counts
    assert store.field_values("priority")["c-007"] == 3
    assert store.field_values("nothing") == {}
    store.write([item(i, product="Premium") for i in range(3)])  # a changed store is read again
    assert store.field_values("product")["c-000"] == "Premium"


def test_statements_by_window_with_vectors_and_vocabulary(engine):
    store = engine()
    store.write([item(i, text="refund please" if i % 2 else "my parcel never arrived") for i in range(10)])
    everything = store.statements()
    assert len(everything.texts) == 10
    chat = store.statements(Where(equals={"agent_type": ["ai"]}))
    assert sorted(set(chat.texts)) == ["refund please (v0)"] and len(chat.conversation_ids) == 5
    vectors = chat.vectors()
    assert vectors.shape == (5, DIM)
    row = chat.conversation_ids.index("c-003")
    assert np.allclose(vectors[row], unit(3), atol=2e-3)  # stored as float16
    assert store.vocabulary()["refund"] == 5 and store.vocabulary()["parcel"] == 5


def test_vectors_read_as_questions_need_them_are_the_stored_ones(engine, monkeypatch):
    store = engine()
    store.write([item(i) for i in range(12)])
    held = store.statements().vectors()
    monkeypatch.setenv("CONVOSCOPE_VECTOR_CACHE_MB", "0")  # none held: read from the store by topic or id
    store.write([item(50)])  # a new store state: the table is read again, without its vectors
    lazy = store.statements()
    assert np.array_equal(lazy.vectors()[: len(held)], held)
    assert np.allclose(lazy.vectors([lazy.conversation_ids.index("c-050")])[0], unit(50), atol=2e-3)


def test_topics_are_saved_versioned_and_assigned_to_new_statements(engine):
    store = engine()
    store.write([item(i) for i in range(6)])
    assert store.topic_model() is None and store.statements().topics.tolist() == [-1] * 6
    centroids = [unit(1), unit(2)]
    model = TopicModel(version=1, fitted_at=START, statements=6, conversations=6, method="test", fit_similarity=0.5,
                       topics=[Topic(id=t, label=f"topic {t}", keywords=["parcel"], size=3, conversations=3,
                                     centroid=c) for t, c in enumerate(centroids)])
    rows = store.statement_rows()
    store.save_topics(model, [(int(r), i % 2) for i, r in enumerate(rows.rowids.tolist())])
    assert store.topic_model().version == 1 and store.topic_model().topics[1].label == "topic 1"
    assert sorted(store.statements().topics.tolist()) == [0, 0, 0, 1, 1, 1]
    store.write([item(101)])  # not yet fitted: the nearest centroid's topic
    nearest = int(np.argmax(np.stack(centroids) @ unit(101)))
    after = store.statements()
    assert after.topics[after.conversation_ids.index("c-101")] == nearest
    stats = store.statement_stats()
    assert stats.statements == 7 and stats.unassigned == 0 and stats.recent.shape == (7, DIM)


def test_the_chunk_journal_names_orphans_until_settled(engine):
    store = engine()
    store.write([item(1)])
    store.intend(["c-001:0-1:v0", "ghost"])
    store.intend(["ghost"])  # journalled twice: still one
    assert store.orphans() == ["ghost"]
    store.settle(["ghost"])
    assert store.orphans() == []


def test_read_only_opens_what_was_written_and_writes_nothing(engine):
    writer = engine()
    writer.write([item(i) for i in range(3)])
    reader = engine(read_only=True)
    assert reader.count() == 3 and reader.get("c-002") is not None
    with pytest.raises(StoreError):
        reader.write([item(9)])
    assert writer.count() == 3


def test_a_missing_store_is_an_error_when_read_only(engine):
    with pytest.raises(StoreError) as raised:
        engine(read_only=True).count()
    assert "\n" not in str(raised.value)


# -- the server engine only --------------------------------------------------------------


def _writer(url: str, schema: str, first: int, last: int, version: int) -> None:
    import os

    os.environ["CONVOSCOPE_DATABASE_URL"], os.environ["CONVOSCOPE_DATABASE_SCHEMA"] = url, schema
    store = open_conversations(None)  # the folder is not used on a server
    for start in range(first, last, 7):
        store.write([item(i, version=version) for i in range(start, min(last, start + 7))])
    store.close()


def test_writers_in_several_processes_store_each_conversation_once(postgres, postgres_url):
    """Four ingest processes with overlapping ranges write the one store at once."""
    context = multiprocessing.get_context("spawn")
    ranges = [(0, 60, 0), (30, 90, 1), (0, 90, 2), (45, 120, 3)]
    workers = [context.Process(target=_writer, args=(postgres_url, postgres, *r)) for r in ranges]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    store = open_conversations(None)
    assert store.count() == 120
    statements = store.statements()
    assert len(statements.texts) == 120 and len(set(statements.conversation_ids)) == 120  # one each, none twice
    chunks = store.chunks()
    assert len(chunks) == 120 and len({c.conversation_id for c in chunks}) == 120
    store.close()


def test_an_unreachable_server_or_wrong_password_is_one_line(postgres, postgres_url, monkeypatch):
    from chroma_proc import free_port

    store = open_conversations(None)
    store.write([item(1)])
    store.close()
    parts = urllib.parse.urlsplit(postgres_url)
    down = parts._replace(netloc=f"{parts.username}:{parts.password}@127.0.0.1:{free_port()}").geturl()
    refused = parts._replace(netloc=f"{parts.username}:wrong-{parts.password}@{parts.hostname}:{parts.port}").geturl()
    for url, fix in ((down, "start the database server"), (refused, "check the user and password")):
        monkeypatch.setenv("CONVOSCOPE_DATABASE_URL", url)
        with pytest.raises(StoreError) as raised:
            open_conversations(None).count()
        line = str(raised.value)
        assert "\n" not in line and fix in line, line
        assert f":{parts.password}@" not in line and f"wrong-{parts.password}" not in line  # never the password
    monkeypatch.setenv("CONVOSCOPE_DATABASE_URL", postgres_url)
    assert open_conversations(None).count() == 1  # nothing already stored is lost
