import json

import pytest
from fuzzing import loads_or_refuses

from convoscope.errors import InputError
from ingest import Loaded, Rejected, load


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Loaded)], [i for i in items if isinstance(i, Rejected)]


def test_jsonl_keeps_good_records_and_reports_each_bad_one(data_dir):
    loaded, rejected = split(load(data_dir / "bad.jsonl"))
    assert [item.conversation.id for item in loaded] == ["b-001", "b-005"]
    reasons = {r.location: r for r in rejected}
    assert "not valid JSON" in reasons["line 2"].reason  # a corrupt line
    assert reasons["line 3"].record_id == "b-003" and "turns.1.start" in reasons["line 3"].reason  # wrong type
    assert "turns" in reasons["line 4"].reason and "list" in reasons["line 4"].reason


def test_json_array_and_csv_give_the_same_conversation(tmp_path):
    conv = {
        "id": "x-1", "channel": "chat", "started_at": "2026-10-04T08:00:00Z",
        "agent": {"id": "a-9", "type": "human"}, "customer_id": "c9", "metadata": {"product": "Basic", "csat": 5},
        "turns": [{"speaker": "customer", "text": "I'm moving, please end it, thanks"},
                  {"speaker": "agent", "text": "Done, sorry to see you go"}],
    }
    (tmp_path / "a.json").write_text(json.dumps([conv]))
    rows = ["conversation_id,started_at,speaker,text,channel,agent_id,agent_type,customer_id,product,csat"]
    for t in conv["turns"]:
        rows.append(f'x-1,2026-10-04T08:00:00Z,{t["speaker"]},"{t["text"]}",chat,a-9,human,c9,Basic,5')
    (tmp_path / "a.csv").write_text("\n".join(rows) + "\n")
    from_json = split(load(tmp_path / "a.json"))[0][0].conversation
    from_csv = split(load(tmp_path / "a.csv"))[0][0].conversation
    assert from_json == from_csv
    assert from_csv.metadata == {"product": "Basic", "csat": 5}


def test_csv_without_required_columns_is_refused_with_the_fix(tmp_path):
    (tmp_path / "t.csv").write_text("id,text\n1,hello\n")
    with pytest.raises(InputError, match="conversation_id, started_at, speaker"):
        list(load(tmp_path / "t.csv"))


def record(**extra) -> dict:
    return {"id": "g", "channel": "chat", "started_at": "2026-10-04T08:00:00Z", "agent": {"id": "a"},
            "turns": [{"speaker": "customer", "text": "hi"}], **extra}


def test_a_line_in_a_legacy_encoding_is_converted_and_a_binary_one_rejected_alone(tmp_path):
    legacy = json.dumps(record(id="w", turns=[{"speaker": "customer", "text": "café costs £5"}]),
                        ensure_ascii=False).encode("cp1252")
    (tmp_path / "mixed.jsonl").write_bytes(json.dumps(record()).encode() + b"\n" + legacy + b"\n"
                                           + b"\x00\xff\xfe\x00\n")
    loaded, rejected = split(load(tmp_path / "mixed.jsonl"))
    assert [c.conversation.turns[0].text for c in loaded] == ["hi", "café costs £5"]
    assert len(rejected) == 1 and rejected[0].location == "line 3"


def test_a_whole_file_in_cp1252_is_detected_and_read(tmp_path):
    rows = "conversation_id,started_at,speaker,text\nc1,2026-10-04T08:00:00Z,customer,the café charged me £12\n"
    (tmp_path / "legacy.csv").write_bytes(rows.encode("cp1252"))
    loaded, rejected = split(load(tmp_path / "legacy.csv"))
    assert loaded[0].conversation.turns[0].text == "the café charged me £12" and not rejected


def test_empty_and_binary_files_are_one_line_each(tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"\n\n")
    with pytest.raises(InputError, match="empty"):
        load(tmp_path / "empty.jsonl")
    (tmp_path / "photo.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary"):
        load(tmp_path / "photo.csv")


def test_a_time_without_zone_takes_the_configured_one_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_TIMEZONE", "Europe/London")
    (tmp_path / "naive.jsonl").write_text(json.dumps(record(started_at="2026-10-04T08:00:00")) + "\n")
    loaded, _ = split(load(tmp_path / "naive.jsonl"))
    conv = loaded[0].conversation
    assert conv.started_at.isoformat() == "2026-10-04T07:00:00+00:00" and conv.metadata["timezone_assumed"] is True


def test_a_conversation_without_a_customer_is_rejected_with_the_reason(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps(record(turns=[{"speaker": "agent", "text": "hello?"}])) + "\n")
    _, rejected = split(load(tmp_path / "a.jsonl"))
    assert rejected[0].record_id == "g" and "no customer turn" in rejected[0].reason


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv"])
def test_no_loader_crashes_on_arbitrary_bytes(tmp_path, suffix):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.binary(max_size=3000))
    def check(data: bytes) -> None:
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        loads_or_refuses(load, path)

    check()


def test_truncated_json_array_names_the_position(tmp_path):
    (tmp_path / "t.json").write_text('[{"id": "a", ')
    with pytest.raises(InputError, match="not valid JSON"):
        list(load(tmp_path / "t.json"))


def test_a_json_array_cut_short_keeps_the_records_before_the_cut(tmp_path, data_dir):
    records = [json.loads(line) for line in (data_dir / "mini.jsonl").read_text().splitlines()[:3]]
    text = json.dumps(records, indent=1)
    (tmp_path / "cut.json").write_text(text[: text.rindex('"turns"')])  # inside the third record
    items = list(load(tmp_path / "cut.json"))
    assert [i.conversation.id for i in items if isinstance(i, Loaded)] == [r["id"] for r in records[:2]]
    (rejected,) = [i for i in items if isinstance(i, Rejected)]
    assert rejected.location == "record 3" and "not valid JSON" in rejected.reason


def test_unsupported_extension_says_what_is_supported(tmp_path):
    (tmp_path / "x.docx").write_text("x")
    with pytest.raises(InputError, match=".jsonl"):
        load(tmp_path / "x.docx")


def test_a_recording_with_no_id_anywhere_is_named_after_its_file(tmp_path):
    from ingest.audio.sidecar import describe
    from ingest.shard import recording_id

    (tmp_path / "KT-00001.wav").write_bytes(b"RIFF")  # its details are read without decoding it
    assert describe(tmp_path / "KT-00001.wav")["id"] == recording_id(tmp_path / "KT-00001.wav") == "KT-00001"
