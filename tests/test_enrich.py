from convoscope.models import Conversation
from ingest import ingest_paths
from ingest.enrich import customer_sentiment_change, with_sentiment


def conv(turns):
    return Conversation.model_validate({"id": "e-1", "channel": "chat", "started_at": "2026-10-01T00:00:00Z",
                                        "agent": {"id": "a"}, "turns": turns})


def test_every_turn_gets_a_sentiment_and_source_scores_are_kept():
    c = with_sentiment(conv([
        {"speaker": "customer", "text": "This is terrible, I am furious and fed up."},
        {"speaker": "agent", "text": "Sorry about that.", "sentiment": 0.9},
        {"speaker": "customer", "text": "Great, thank you so much, that fixed it!"},
    ]))
    assert c.turns[0].sentiment < -0.4 and c.turns[2].sentiment > 0.4
    assert c.turns[1].sentiment == 0.9
    assert customer_sentiment_change(c) > 0.8


def test_ingest_stores_sentiment_without_touching_the_text(fake, data_dir):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    stored = fake.conversations.get("m-001")
    assert all(t.sentiment is not None for t in stored.turns)
    assert stored.turns[1].text == "i want to cancel my plan because you charged me for a whole year without asking"


def test_segment_measures_need_no_turns_once_enriched_and_read_them_for_older_stores(fake, data_dir):
    """Compare questions measure segments from the stored metadata alone (no transcripts read);
    a conversation stored before the enrichment is measured from its turns, as before."""
    from assistant.analysis.measures import measure, needs_turns

    ingest_paths(fake, [data_dir / "mini.jsonl"])
    ids = fake.conversations.ids()
    whole = fake.conversations.get_many(ids)
    meta = fake.conversations.meta_many(ids)
    assert set(meta) == set(whole) and not any(needs_turns(m) for m in meta.values())
    assert measure(meta.values()) == measure(whole.values())
    for cid, c in whole.items():
        assert meta[cid].model_dump() == c.model_dump(exclude={"turns"})
    # as stored before the enrichment: no topic, no sentiment ends in the metadata
    bare = {"topic", "customer_sentiment_start", "customer_sentiment_end", "customer_sentiment"}
    old = [c.model_copy(update={"metadata": {k: v for k, v in c.metadata.items() if k not in bare}})
           for c in whole.values()]
    old_meta = [m.model_copy(update={"metadata": {k: v for k, v in m.metadata.items() if k not in bare}})
                for m in meta.values()]
    assert any(needs_turns(m) for m in old_meta)
    assert measure(old)["sentiment_change"] == measure(whole.values())["sentiment_change"] is not None
    assert measure(old_meta)["sentiment_change"] is None  # without turns it cannot be known


def test_the_overview_reads_the_stored_mean_sentiment_and_the_turns_only_without_it(fake, data_dir):
    from assistant.dashboards.overview import customer_sentiment, overview

    ingest_paths(fake, [data_dir / "mini.jsonl"])
    whole = fake.conversations.get_many(fake.conversations.ids())
    meta = fake.conversations.meta_many(whole)
    for cid, c in whole.items():
        assert customer_sentiment(meta[cid]) == customer_sentiment(c.model_copy(update={"metadata": {}})) is not None
    weeks = overview(fake).weeks
    assert sum(w.conversations for w in weeks) == len(whole) and any(w.sentiment is not None for w in weeks)
