import json

import pytest

from convoscope.errors import InputError
from ingest import Loaded, Rejected, load


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Loaded)], [i for i in items if isinstance(i, Rejected)]


def test_jsonl_keeps_good_records_and_reports_each_bad_one(data_dir):
    loaded, rejected = split(load(data_dir / "bad.jsonl"))
    assert [l.conversation.id for l in loaded] == ["b-001", "b-005"]
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


def test_non_utf8_line_is_rejected_alone(tmp_path):
    good = json.dumps({"id": "g", "channel": "chat", "started_at": "2026-10-04T08:00:00Z",
                       "agent": {"id": "a"}, "turns": [{"speaker": "customer", "text": "hi"}]})
    (tmp_path / "mixed.jsonl").write_bytes(good.encode() + b"\n" + b'{"id": "\xff\xfe"}\n')
    loaded, rejected = split(load(tmp_path / "mixed.jsonl"))
    assert len(loaded) == 1 and "UTF-8" in rejected[0].reason and rejected[0].location == "line 2"


def test_truncated_json_array_names_the_position(tmp_path):
    (tmp_path / "t.json").write_text('[{"id": "a", ')
    with pytest.raises(InputError, match="not valid JSON"):
        list(load(tmp_path / "t.json"))


def test_unsupported_extension_says_what_is_supported(tmp_path):
    (tmp_path / "x.docx").write_text("x")
    with pytest.raises(InputError, match=".jsonl"):
        load(tmp_path / "x.docx")
