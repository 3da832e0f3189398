from datetime import timezone

import pytest
from pydantic import ValidationError

from convoscope.models import Conversation, Turn
from ingest.records import explain


def record(**overrides):
    base = {
        "id": "c-1",
        "channel": "Chat",
        "started_at": "2026-10-03T14:22:05+02:00",
        "agent": {"id": "a-1", "type": "AI"},
        "turns": [{"speaker": "Customer", "text": "I want to cancel"}],
    }
    base.update(overrides)
    return base


def test_conversation_normalises_case_and_timezone():
    c = Conversation.model_validate(record())
    assert c.channel == "chat" and c.agent.type == "ai" and c.turns[0].speaker == "customer"
    assert c.started_at.tzinfo == timezone.utc and c.started_at.hour == 12


@pytest.mark.parametrize(
    ("override", "field", "words"),
    [
        ({"started_at": "2026-10-03T14:22:05"}, "started_at", "no timezone"),
        ({"turns": []}, "turns", "at least 1"),
        ({"turns": [{"speaker": "robot", "text": "hi"}]}, "turns.0.speaker", "customer"),
        ({"turns": [{"speaker": "agent", "text": "   "}]}, "turns.0.text", "blank"),
        ({"turns": [{"speaker": "agent", "text": "hi", "start": 5, "end": 2}]}, "turns.0", "before it starts"),
        ({"metadata": {"csat": {"score": 2}}}, "metadata.csat", "valid"),
        ({"agent": {"id": "a-1", "type": "alien"}}, "agent.type", "human"),
    ],
)
def test_invalid_records_say_which_field_and_why(override, field, words):
    with pytest.raises(ValidationError) as info:
        Conversation.model_validate(record(**override))
    message = explain(info.value)
    assert message.startswith(field) and words in message


def test_transcript_labels_speakers():
    c = Conversation.model_validate(
        record(turns=[{"speaker": "agent", "text": "Hello"}, {"speaker": "customer", "text": "Hi there"}])
    )
    assert c.transcript() == "Agent: Hello\nCustomer: Hi there"
    assert c.transcript(1, 1) == "Customer: Hi there"


def test_turn_sentiment_is_bounded():
    with pytest.raises(ValidationError):
        Turn(speaker="customer", text="x", sentiment=2)
