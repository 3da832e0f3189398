"""Amazon Transcribe loader: standard output (speaker labels, channels), Call Analytics and
Contact Lens output, and what is rejected and why."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fuzzing import loads_or_refuses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convoscope.errors import ConvoscopeError, InputError
from ingest.formats.common import IF_TAKEN
from ingest.formats.transcribe import load_transcribe, sniff
from ingest.records import Loaded, Rejected

FORMATS = Path(__file__).parent / "data" / "formats"
SPEAKERS = FORMATS / "transcribe_speakers.json"
CHANNELS = FORMATS / "transcribe_channels.json"
ANALYTICS = FORMATS / "transcribe_call_analytics.json"
MTIME = datetime(2026, 10, 3, 9, 17, 42, tzinfo=timezone.utc)


def _copy(tmp_path: Path, data: object, name: str = "call.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    os.utime(path, (MTIME.timestamp(), MTIME.timestamp()))
    return path


def _one(path: Path) -> Loaded | Rejected:
    items = list(load_transcribe(path))
    assert len(items) == 1
    return items[0]


def _loaded(path: Path):
    item = _one(path)
    assert isinstance(item, Loaded), item
    return item.conversation


def test_speaker_labels_become_alternating_turns_with_punctuation_and_times(tmp_path):
    conversation = _loaded(_copy(tmp_path, json.loads(SPEAKERS.read_text())))
    assert conversation.id == "lumora-call-2026-10-03-0917"
    assert conversation.channel == "voice"
    assert conversation.agent.id == "unknown" and conversation.customer_id is None
    assert conversation.started_at == MTIME
    assert conversation.metadata["started_at_source"] == "file mtime"
    assert conversation.metadata["speakers_from"] == "speaker labels"
    assert conversation.metadata["agent_speaker"] == "spk_0"
    turns = conversation.turns
    assert len(turns) == 12
    assert [t.speaker for t in turns] == ["agent", "customer"] * 6
    assert turns[0].text == "Thank you for calling Lumora, my name is Priya. How can I help you today?"
    assert turns[3].text == "It's L M five five nine four six nine six."
    assert turns[-1].text == "No, that's all. Bye."
    assert (turns[0].start, turns[0].end) == (0.54, 5.42)
    assert all(a.end <= b.start for a, b in zip(turns, turns[1:]))
    assert all(t.sentiment is None for t in turns)


def test_words_labelled_one_by_one_need_no_segments(tmp_path):
    """Newer output puts ``speaker_label`` on each word; older output only in the segments."""
    data = json.loads(SPEAKERS.read_text())
    by_start = {w["start_time"]: s["speaker_label"] for s in data["results"]["speaker_labels"]["segments"]
                for w in s["items"]}
    for item in data["results"]["items"]:
        if item["type"] == "pronunciation":
            item["speaker_label"] = by_start[item["start_time"]]
    del data["results"]["speaker_labels"]
    reference = _loaded(SPEAKERS)
    conversation = _loaded(_copy(tmp_path, data))
    assert [(t.speaker, t.text) for t in conversation.turns] == [(t.speaker, t.text) for t in reference.turns]


def test_agent_speaker_is_configurable(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_AGENT_SPEAKER", "spk_1")
    conversation = _loaded(SPEAKERS)
    assert [t.speaker for t in conversation.turns][:2] == ["customer", "agent"]
    assert conversation.metadata["agent_speaker"] == "spk_1"


def test_a_bad_agent_speaker_setting_says_what_to_use(monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_AGENT_SPEAKER", "the agent")
    with pytest.raises(ConvoscopeError, match="spk_0"):
        list(load_transcribe(SPEAKERS))


def test_channel_identification_orders_turns_and_keeps_talk_over_whole():
    conversation = _loaded(CHANNELS)
    assert conversation.id == "billing-line-7-20261004-1402"
    assert conversation.metadata["speakers_from"] == "channels"
    assert conversation.metadata["agent_speaker"] == "ch_0"
    assert [t.speaker for t in conversation.turns] == ["agent", "customer"] * 3
    texts = [t.text for t in conversation.turns]
    assert texts[0] == "Lumora billing, this is Tom speaking."
    # the caller starts before the agent has finished: neither turn is chopped into pieces
    assert texts[2] == "Let me check that for you. Yes, I can see two payments of sixteen ninety nine."
    assert texts[3] == "So can I get one of them back?"
    assert conversation.turns[3].start < conversation.turns[2].end


def test_channel_agent_follows_the_configured_number(monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_AGENT_SPEAKER", "ch_1")
    conversation = _loaded(CHANNELS)
    assert conversation.turns[0].speaker == "customer"
    assert conversation.turns[0].text == "Lumora billing, this is Tom speaking."


def test_call_analytics_keeps_roles_sentiment_issues_and_characteristics():
    conversation = _loaded(ANALYTICS)
    meta = conversation.metadata
    assert conversation.id == "ca-billing-20261005-0811"
    assert conversation.channel == "voice"
    assert [t.speaker for t in conversation.turns] == ["agent", "customer"] * 3
    assert [t.sentiment for t in conversation.turns] == [0.0, -0.6, 0.0, 0.0, 0.6, 0.6]  # NEUTRAL NEGATIVE … MIXED
    assert conversation.turns[1].text.startswith("Hi. I was charged sixteen ninety nine")
    assert (conversation.turns[0].start, conversation.turns[0].end) == (1.2, 3.36)
    assert meta["issues"] == "I was charged sixteen ninety nine this month instead of twelve ninety nine"
    assert meta["issues_count"] == 1
    assert meta["outcomes"] == "I've put it back on"
    assert meta["action_items"] == "I'll refund the four pounds difference"
    assert meta["categories"] == "billing-dispute"
    assert meta["interruptions_count"] == 1 and meta["non_talk_time_ms"] == 0
    assert meta["talk_time_agent_ms"] == 8280 and meta["talk_time_customer_ms"] == 6480
    assert meta["overall_sentiment_customer"] == -0.8 and meta["overall_sentiment_agent"] == 1.7
    assert meta["language_code"] == "en-GB"
    assert meta["started_at_source"] == "file mtime"


def test_contact_lens_participant_ids_and_contact_id(tmp_path):
    data = {
        "Version": "1.1.0", "AccountId": "111122223333", "Channel": "VOICE",
        "CustomerMetadata": {"ContactId": "a1b2c3d4-5678-90ab-cdef-111111111111", "InstanceId": "i-1"},
        "Participants": [{"ParticipantId": "AGENT", "ParticipantRole": "AGENT"},
                         {"ParticipantId": "CUSTOMER", "ParticipantRole": "CUSTOMER"}],
        "ConversationCharacteristics": {"Interruptions": {"TotalCount": 0, "TotalTimeMillis": 0}},
        "Transcript": [
            {"ParticipantId": "AGENT", "Content": "Hello, Lumora.", "BeginOffsetMillis": 0, "EndOffsetMillis": 900,
             "Sentiment": "NEUTRAL"},
            {"ParticipantId": "CUSTOMER", "Content": "My router keeps rebooting.", "BeginOffsetMillis": 1200,
             "EndOffsetMillis": 2900, "Sentiment": "NEGATIVE",
             "IssuesDetected": [{"CharacterOffsets": {"BeginOffsetChar": 3, "EndOffsetChar": 25}}]},
        ],
    }
    conversation = _loaded(_copy(tmp_path, data, "contact.json"))
    assert conversation.id == "a1b2c3d4-5678-90ab-cdef-111111111111"
    assert [t.speaker for t in conversation.turns] == ["agent", "customer"]
    assert conversation.metadata["issues"] == "router keeps rebooting"
    assert conversation.metadata["interruptions_count"] == 0


@pytest.mark.parametrize(("data", "reason"), [
    ({"jobName": "j1", "status": "COMPLETED", "results": {"transcripts": [{"transcript": ""}], "items": []}},
     "transcript is empty"),
    ({"jobName": "j2", "status": "FAILED"}, "job status FAILED"),
    ({"jobName": "j3", "results": {"transcripts": [{"transcript": "hello there"}], "items": [
        {"start_time": "0.1", "end_time": "0.4", "type": "pronunciation", "alternatives": [{"content": "hello"}]},
        {"start_time": "0.5", "end_time": "0.9", "type": "pronunciation", "alternatives": [{"content": "there"}]}]}},
     "ShowSpeakerLabels"),
    ({"JobName": "j4", "Transcript": [{"ParticipantRole": "AGENT", "Content": "  "}]}, "transcript is empty"),
    ({"JobName": "j5", "Transcript": [{"ParticipantRole": "MANAGER?", "Content": "hi"}]}, "segment 1: unknown"),
    ([{"jobName": "j6"}], "expected a Transcribe output object"),
])
def test_unusable_output_is_rejected_with_a_reason(tmp_path, data, reason):
    item = _one(_copy(tmp_path, data))
    assert isinstance(item, Rejected)
    assert reason in item.reason
    assert item.location == "file"
    if isinstance(data, dict) and "j" in str(data.get("jobName") or data.get("JobName")):
        assert item.record_id == (data.get("jobName") or data.get("JobName"))


def test_a_file_that_is_not_json_cannot_be_read(tmp_path):
    with pytest.raises(InputError, match="not valid JSON"):
        list(load_transcribe(_copy(tmp_path, '{"jobName": "x", "results": {')))
    with pytest.raises(InputError, match="cannot be read"):
        list(load_transcribe(tmp_path / "missing.json"))


def test_sniff_recognises_transcribe_output_only():
    for path in (SPEAKERS, CHANNELS, ANALYTICS):
        assert sniff(path.read_bytes()[:512]), path
    assert not sniff(b'[{"id": "c-1", "channel": "chat", "started_at": "2026-10-03T09:00:00Z", "turns": []}]')
    assert not sniff(b'{"results": [1, 2], "meta": {}}')
    connect_chat = (b'{"Version": "2019-08-26", "Participants": [{"ParticipantId": "p1"}], "Transcript": '
                    b'[{"AbsoluteTime": "2026-10-03T09:00:00.123Z", "Content": "hi", "ParticipantRole": "CUSTOMER"}]}')
    assert not sniff(connect_chat)
    assert sniff(b'{"JobStatus": "COMPLETED", "LanguageCode": "en-US", "Transcript": [{"LoudnessScores": [1], '
                 b'"Content": "hi", "BeginOffsetMillis": 0')


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
                        ["results", "items", "type", "alternatives", "content", "start_time", "end_time",
                         "speaker_label", "channel_label", "channel_labels", "channels", "speaker_labels", "segments",
                         "Transcript", "Content", "ParticipantRole", "ParticipantId", "Sentiment", "IssuesDetected",
                         "CharacterOffsets", "Begin", "End", "BeginOffsetMillis", "EndOffsetMillis",
                         "ConversationCharacteristics", "TalkTime", "jobName", "JobName", "punctuation"]),
                        inner, max_size=5), max_leaves=30)


@FUZZ
@given(raw=st.binary(max_size=4000))
def test_fuzz_bytes_yield_items_or_input_error(tmp_path, raw):
    path = tmp_path / "fuzz.json"
    path.write_bytes(raw)
    loads_or_refuses(load_transcribe, path)


@FUZZ
@given(data=JSON, wrap=st.sampled_from(["results", "Transcript", None]))
def test_fuzz_transcribe_shaped_json_yields_items_or_input_error(tmp_path, data, wrap):
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps({wrap: data} if wrap else data))
    loads_or_refuses(load_transcribe, path)


def test_without_a_job_name_or_contact_id_the_file_name_is_the_id(tmp_path):
    data = json.loads(SPEAKERS.read_text())
    del data["jobName"]
    conversation = _loaded(_copy(tmp_path, data, "KT-00001.json"))
    assert conversation.id == "KT-00001" and conversation.metadata[IF_TAKEN].startswith("KT-00001-")
