"""An error code in a question: a name that decides alone, however customers write or say it,
and never a year (the real embedder and store)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest

from assistant import ask
from assistant.understanding.timewindows import resolve as windows
from convoscope.models import Conversation
from ingest import ingest_conversations
from vectorstore import Store

pytestmark = pytest.mark.e2e

WRITTEN = "the app said error HB-2093 when i sent the payment"
SPOKEN = "so the screen said h b two zero nine three and then it froze"
OTHER = ["my card was declined at the shop", "i was charged twice for one coffee", "the app logs me out",
         "i need a copy of my statement", "the error on the website stops me paying my bill"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    os.environ["CONVOSCOPE_ALLOW_MODELS"] = "1"
    day = datetime(2026, 5, 1, tzinfo=timezone.utc)
    said = [WRITTEN] * 6 + [SPOKEN] * 4 + OTHER * 24
    conversations = [Conversation.model_validate({
        "id": f"k-{i:03d}", "channel": "voice" if text == SPOKEN else "chat",
        "started_at": (day + timedelta(hours=5 * i)).isoformat(), "agent": {"id": "a1", "type": "human"},
        "turns": [{"speaker": "agent", "text": "how can i help"}, {"speaker": "customer", "text": text}],
    }) for i, text in enumerate(said)]
    s = Store(tmp_path_factory.mktemp("codes"))
    ingest_conversations(s, conversations)
    yield s
    s.close()


def test_a_code_joined_to_its_letters_is_not_a_year():
    latest = datetime(2026, 6, 30, tzinfo=timezone.utc)
    assert windows("How many customers mentioned error HB-2093?", latest).window is None
    assert windows("complaints in 2025", latest).window.label == "2025"


def test_a_code_counts_every_customer_who_writes_it_or_reads_it_out(store):
    answer = ask("How many customers mentioned error HB-2093?", store)
    assert answer.filters.window is None
    assert answer.comparison.current.matching == 10
    assert "h b two zero nine three" in answer.population


def test_words_beside_a_code_do_not_narrow_it_and_reported_is_how_the_question_asks(store):
    answer = ask("Which customers reported error HB-2093?", store)
    assert "report" not in answer.topic
    assert answer.comparison.current.matching == 10
