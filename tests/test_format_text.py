"""Plain-text transcripts (.txt): header block, speaker lines, timestamps, names, bad files."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from fuzzing import loads_or_refuses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convoscope.errors import InputError
from convoscope.models import Conversation
from eval.sample import generate
from ingest.formats.common import IF_TAKEN
from ingest.formats.text import load_text, sniff
from ingest.records import Loaded, Rejected

FORMATS = Path(__file__).parent / "data" / "formats"


def split(items):
    items = list(items)
    return [i.conversation for i in items if isinstance(i, Loaded)], [i for i in items if isinstance(i, Rejected)]


def only(path: Path) -> Conversation:
    loaded, rejected = split(load_text(path))
    assert not rejected, [r.line() for r in rejected]
    assert len(loaded) == 1
    return loaded[0]


def write(tmp_path: Path, text: str, name: str = "t.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_support_call_with_header_names_and_timestamps():
    conv = only(FORMATS / "text_support_call.txt")
    assert conv.id == "call-2026-10-03-0412" and conv.channel == "voice"
    assert conv.started_at == datetime(2026, 10, 3, 13, 22, 5, tzinfo=timezone.utc)  # +01:00 in the header
    assert (conv.agent.id, conv.agent.type, conv.customer_id) == ("a-017", "human", "cust-00912")
    assert conv.metadata == {"agent_name": "Priya Shah", "queue": "billing",
                             "product": "Premium", "csat": 4, "handle_time_s": 612, "escalated": False,
                             "account_ref": "00731"}  # a leading zero keeps it text
    assert [t.speaker for t in conv.turns] == ["agent", "customer"] * 7  # "Priya:" / "Tom:" via the header
    assert conv.turns[1].text == ("Hi Priya. My bill has gone up again and nobody told me why.\n"
                                  "It was £12.99 last month and now it says £16.99.")
    assert conv.turns[8].text.endswith("next bill.\nReference number: CR-88213")  # a colon in text is not a speaker
    assert conv.turns[12].text == "Thanks for calling, Tom. Have a good evening."  # blank line before it dropped
    assert [(t.start, t.end) for t in conv.turns[:3]] == [(2, 7), (7, 15), (15, 21)]
    assert (conv.turns[-1].start, conv.turns[-1].end) == (78, None)


def test_chat_export_without_header_uses_file_time_and_keeps_paragraphs():
    path = FORMATS / "text_chat_export.txt"
    conv = only(path)
    assert conv.id == "text_chat_export" and conv.channel == "chat" and conv.agent.id == "unknown"
    assert conv.started_at == datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    assert conv.metadata == {"started_at_source": "file mtime", IF_TAKEN: "text_chat_export-443126"}
    assert [t.speaker for t in conv.turns] == ["bot", "customer", "bot", "agent", "customer", "customer", "agent",
                                               "customer", "agent", "customer", "agent"]
    assert conv.turns[5].text == "the router is in the other room"  # same speaker twice: two turns
    assert conv.turns[6].text == ("Thanks. A weak wifi signal is the usual cause.\n\n"
                                  "Could you try moving the router off the floor, or use an ethernet adapter?")
    assert all(t.start is None and t.end is None for t in conv.turns)


def test_bare_timestamps_role_words_and_an_assumed_timezone(monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_TIMEZONE", "Europe/London")
    conv = only(FORMATS / "text_bare_timestamps.txt")
    assert conv.channel == "voice"  # no Channel header, but timestamps
    assert conv.started_at == datetime(2026, 9, 14, 8, 5, tzinfo=timezone.utc)  # 09:05 BST
    assert conv.metadata == {"timezone_assumed": True}
    assert (conv.agent.id, conv.agent.type) == ("va-lumora-2", "ai")
    assert [t.speaker for t in conv.turns] == ["bot", "customer"] * 3  # "Virtual Agent", "Caller"
    assert [t.start for t in conv.turns] == [1, 6, 10, 14, 19, 26]


def test_unknown_speakers_are_rejected_with_the_header_that_fixes_them():
    loaded, rejected = split(load_text(FORMATS / "text_unknown_speaker.txt"))
    assert not loaded and len(rejected) == 1
    assert rejected[0].location == "line 4" and rejected[0].record_id == "call-5521"
    assert "'Marcus'" in rejected[0].reason and "'Hannah'" in rejected[0].reason
    assert "Agent-Name: Marcus" in rejected[0].reason


def test_mapping_the_names_in_the_header_loads_it(tmp_path):
    text = (FORMATS / "text_unknown_speaker.txt").read_text().replace(
        "Started-At", "Agent-Name: Marcus\nCustomer-Name: Hannah Reid\nStarted-At")
    conv = only(write(tmp_path, text))
    assert [t.speaker for t in conv.turns] == ["agent", "customer", "agent", "customer"]


def test_unreadable_started_at_is_rejected_at_its_line():
    loaded, rejected = split(load_text(FORMATS / "text_bad_started_at.txt"))
    assert not loaded and rejected[0].location == "line 2" and rejected[0].record_id == "call-7730"
    assert rejected[0].reason.startswith("Started-At: cannot read the time 'last Tuesday afternoon'")


def test_a_file_with_no_turns_is_rejected():
    loaded, rejected = split(load_text(FORMATS / "text_meeting_notes.txt"))
    assert not loaded and rejected[0].location == "line 1" and "no turns found" in rejected[0].reason


def test_header_with_only_custom_keys_becomes_metadata(tmp_path):
    conv = only(write(tmp_path, "Queue: retention\nScore: 0.75\n\nAgent: Hello\nCustomer: Hi\n"))
    assert conv.metadata["queue"] == "retention" and conv.metadata["score"] == 0.75
    assert [t.text for t in conv.turns] == ["Hello", "Hi"]


def test_a_header_note_is_metadata_not_a_system_turn(tmp_path):
    conv = only(write(tmp_path, "Conversation-Id: c-9\nNote: VIP customer\n\nAgent: Hello\nNote: transferred\n"))
    assert conv.id == "c-9" and conv.metadata["note"] == "VIP customer"
    assert [(t.speaker, t.text) for t in conv.turns] == [("agent", "Hello"), ("system", "transferred")]


BODY = "\nAgent: Hello, you're through to billing.\nCustomer: My bill went up.\n"


@pytest.mark.parametrize("line", ["id: NW-610412", "ID: NW-610412", "Conversation-Id: NW-610412",
                                  "conversation_id: NW-610412", "ConversationId: NW-610412", "Call ID: NW-610412",
                                  "call_id: NW-610412", "CALL-ID: NW-610412", "Ticket: NW-610412",
                                  "Ticket ID: NW-610412", "ticket_number: NW-610412", "Contact Id: NW-610412",
                                  "Interaction ID: NW-610412", "Session ID: NW-610412", "Case Number: NW-610412"])
def test_the_keys_exports_use_for_the_id(tmp_path, line):
    conv = only(write(tmp_path, f"{line}\n{BODY}"))
    assert conv.id == "NW-610412"
    assert conv.metadata == {"started_at_source": "file mtime"}  # the key is used up, the id not made up


@pytest.mark.parametrize("lines", [["Started-At: 2026-10-03 14:22:05Z"], ["started_at: 2026-10-03T14:22:05Z"],
                                   ["Start Time: 2026-10-03 14:22:05Z"], ["Timestamp: 2026-10-03T14:22:05Z"],
                                   ["DATE: 2026-10-03 14:22:05Z"], ["time: 2026-10-03T14:22:05+00:00"],
                                   ["Date: 2026-10-03", "Time: 14:22:05Z"], ["Time: 14:22:05Z", "Date: 2026-10-03"],
                                   ["Created At: Sat, 03 Oct 2026 14:22:05 +0000"]])
def test_the_keys_exports_use_for_the_time(tmp_path, lines):
    conv = only(write(tmp_path, "\n".join(["Call ID: c-1", *lines]) + f"\n{BODY}"))
    assert conv.started_at == datetime(2026, 10, 3, 14, 22, 5, tzinfo=timezone.utc)
    assert conv.metadata == {}  # Date and Time used up together


@pytest.mark.parametrize("line", ["Channel: email", "channel: email", "Medium: email", "Media Type: email"])
def test_the_keys_exports_use_for_the_channel(tmp_path, line):
    conv = only(write(tmp_path, f"id: c-1\n{line}\n{BODY}"))
    assert conv.channel == "email" and "medium" not in conv.metadata


def test_a_date_alone_is_midnight_in_the_configured_zone(tmp_path):
    conv = only(write(tmp_path, f"ID: c-1\nDate: 2026-10-03\n{BODY}"))
    assert conv.started_at == datetime(2026, 10, 3, tzinfo=timezone.utc) and conv.metadata == {"timezone_assumed": True}


def test_the_first_key_listed_wins_and_the_others_stay_metadata(tmp_path):
    header = "Ticket: T-77\nConversation-Id: c-1\nStarted-At: 2026-10-03T09:00:00Z\nDate: 2026-10-04\nSource: Zendesk"
    text = f"{header}\n{BODY}"
    conv = only(write(tmp_path, text))
    assert conv.id == "c-1" and conv.started_at == datetime(2026, 10, 3, 9, tzinfo=timezone.utc)
    assert conv.metadata == {"ticket": "T-77", "date": "2026-10-04", "source": "Zendesk"}  # "Source" is no channel
    assert conv.channel == "chat"


def test_an_unreadable_date_and_time_is_rejected_naming_both_keys(tmp_path):
    loaded, rejected = split(load_text(write(tmp_path, f"Call ID: c-1\nDate: 3rd October\nTime: 14:22\n{BODY}")))
    assert not loaded and rejected[0].location == "line 2" and rejected[0].record_id == "c-1"
    assert rejected[0].reason.startswith("Date + Time: cannot read the time '3rd October 14:22'")


def test_with_no_id_anywhere_the_file_name_is_the_id(tmp_path):
    conv = only(write(tmp_path, f"Queue: billing\n{BODY}", name="KT-00001.txt"))
    assert conv.id == "KT-00001" and conv.metadata[IF_TAKEN].startswith("KT-00001-")  # the id if another took it
    loaded, rejected = split(load_text(write(tmp_path, "Agent-Type: robot\n\nAgent: hi\n", name="KT-00002.txt")))
    assert rejected[0].record_id == "KT-00002"


def test_personal_data_in_a_file_name_is_redacted_from_the_id(tmp_path):
    conv = only(write(tmp_path, BODY, name="+447700900123_20261003.txt"))
    assert conv.id == "[PHONE]_20261003"


def test_a_header_with_only_an_alias_key_is_sniffed_as_a_transcript():
    assert sniff(b"Call ID: 77\nDate: 2026-10-01\n\nPriya: hi")


def test_text_before_the_first_turn_is_reported_not_dropped_silently(tmp_path):
    items = list(load_text(write(tmp_path, "Transcript of call 4411\nAgent: Hello\nCustomer: Hi there\n")))
    loaded, rejected = split(items)
    assert [t.text for t in loaded[0].turns] == ["Hello", "Hi there"]
    assert rejected[0].location == "line 1" and "before the first" in rejected[0].reason


def test_a_bad_agent_type_is_rejected_with_the_field(tmp_path):
    loaded, rejected = split(load_text(write(tmp_path, "Agent-Type: robot\n\nAgent: hi\n")))
    assert not loaded and "agent.type" in rejected[0].reason


def test_undecodable_file_raises_input_error_and_utf16_is_read(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"Agent: caf\xe9 \xff\n")
    with pytest.raises(InputError, match="not UTF-8"):
        list(load_text(tmp_path / "bad.txt"))
    (tmp_path / "win.txt").write_bytes("Agent: Hello\r\nCustomer: Hi\r\n".encode("utf-16"))
    assert [t.text for t in only(tmp_path / "win.txt").turns] == ["Hello", "Hi"]


def test_sniff_tells_transcripts_from_other_text():
    for name in ("text_support_call.txt", "text_chat_export.txt", "text_bare_timestamps.txt"):
        assert sniff((FORMATS / name).read_bytes()), name
    assert not sniff((FORMATS / "text_meeting_notes.txt").read_bytes())
    assert not sniff(b"Install: run make\nThen open the app.\n")
    assert sniff(b"Conversation-Id: x\nStarted-At: 2026-10-01T10:00:00Z\n\nPriya: hi")  # header block alone
    assert sniff("Agent: café\nCustomer: olé".encode()[:-1])  # cut mid-character


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4000))
def test_arbitrary_bytes_never_crash(tmp_path, data):
    path = tmp_path / "fuzz.txt"
    path.write_bytes(data)
    sniff(data)
    loads_or_refuses(load_text, path)


LINES = st.sampled_from(["Agent: hi", "CUSTOMER: my bill", "[00:01:02] Priya: ok", "00:00:61 Bot: x", "Tom: yes",
                         "Started-At: 2026-13-40", "Agent-Type: ai", "Channel:", "", "  ", "Note:", "x: y", "::",
                         "Agent-Name: Tom", "[99:99] Caller: ", "\t", "Conversation-Id: c1", "plain words"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINES | st.text(max_size=30), max_size=30))
def test_arbitrary_transcript_like_text_never_crashes(tmp_path, lines):
    path = write(tmp_path, "\n".join(lines), "fuzz.txt")
    items = list(load_text(path))
    assert len(items) >= 1 and all(isinstance(i, Loaded | Rejected) for i in items)


def _stamp(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{int(minutes // 60):02d}:{int(minutes % 60):02d}:{secs:05.2f}"


def write_transcript(conv: Conversation, path: Path) -> None:
    """The test's own writer: header block, then one ``[time] Label: text`` line per turn."""
    header = {"Conversation-Id": conv.id, "Channel": conv.channel, "Started-At": conv.started_at.isoformat(),
              "Agent-Id": conv.agent.id, "Agent-Type": conv.agent.type, "Customer-Id": conv.customer_id}
    header |= {key.replace("_", "-").title(): str(v).lower() if isinstance(v, bool) else v
               for key, v in conv.metadata.items()}
    lines = [f"{key}: {value}" for key, value in header.items() if value is not None] + [""]
    for turn in conv.turns:
        stamp = f"[{_stamp(turn.start)}] " if turn.start is not None else ""
        lines.append(f"{stamp}{turn.label}: {turn.text}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_round_trip_of_sample_conversations(tmp_path):
    originals = generate(n=60).conversations[:20]
    for conv in originals:
        path = tmp_path / f"{conv.id}.txt"
        write_transcript(conv, path)
        back = only(path)
        assert [(t.speaker, t.text) for t in back.turns] == [(t.speaker, t.text) for t in conv.turns], conv.id
        assert (back.id, back.channel, back.started_at, back.agent) == (conv.id, conv.channel, conv.started_at,
                                                                        conv.agent)
        assert back.customer_id == conv.customer_id and back.metadata == conv.metadata
        for got, want in zip(back.turns, conv.turns):
            assert got.start == (None if want.start is None else pytest.approx(want.start, abs=0.01))
    assert {c.channel for c in originals} >= {"voice", "chat", "email"}  # multi-paragraph e-mails included
