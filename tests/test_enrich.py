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
