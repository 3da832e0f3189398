"""The excerpts a summary shows when no theme stands out: each says something the others do not
(the real embedder and store: what a repeat is, is the product's)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest

from assistant import ask
from assistant.text.words import gist
from convoscope.models import Conversation
from ingest import ingest_conversations
from vectorstore import Store

pytestmark = pytest.mark.e2e

# one thing said by many customers in their own openings and slips, one said by a few, the rest other topics
SAME = ["Voltera never turned up for the installation", "hiya. Voltera never turned up for the installation",
        "um, Voltera neever turned up for the installation", "alright, Voltera never turned up for the installation!"]
OTHER = "the Voltera engineer said my meter cupboard is too small"
ELSE = ["my bill is higher than last month", "can i move my payment date", "the app logs me out", "i am moving house",
        "how do i read my meter", "i want to switch to a fixed tariff", "my direct debit went out twice",
        "the website is down again"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    os.environ["CONVOSCOPE_ALLOW_MODELS"] = "1"  # module-scoped: set before the per-test switch runs
    day = datetime(2026, 5, 1, tzinfo=timezone.utc)
    said = [SAME[i % len(SAME)] for i in range(24)] + [OTHER] * 3 + [ELSE[i % len(ELSE)] for i in range(80)]
    conversations = [Conversation.model_validate({
        "id": f"x-{i:03d}", "channel": "chat", "started_at": (day + timedelta(hours=5 * i)).isoformat(),
        "agent": {"id": "a1", "type": "human"},
        "turns": [{"speaker": "agent", "text": "how can i help"}, {"speaker": "customer", "text": text}]})
        for i, text in enumerate(said)]
    store = Store(tmp_path_factory.mktemp("examples") / "store")
    ingest_conversations(store, conversations)
    yield store
    store.close()


def test_a_summary_shows_each_thing_said_once_not_one_sentence_eight_times(store):
    answer = ask("What are customers saying about Voltera?", store)
    quoted = [c.text for c in answer.citations]
    assert len({gist(t) for t in quoted}) == len(quoted) >= 2
    assert any("cupboard" in t for t in quoted) and any("turned up" in t for t in quoted)


def test_a_search_still_lists_every_customer_who_said_it(store):
    """A search asks who: the same sentence from different customers is different conversations."""
    answer = ask("Show me conversations that mention Voltera", store)
    assert len({c.conversation_id for c in answer.citations}) > len({gist(c.text) for c in answer.citations})
