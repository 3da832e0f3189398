"""The generic mapping loader: Zendesk- and Intercom-like exports read through a mapping file."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fuzzing import loads_or_refuses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convoscope.errors import InputError
from ingest.formats.mapping import Mapping, load_mapped, load_mapping, mapping_for
from ingest.records import Loaded, Rejected

FORMATS = Path(__file__).parent / "data" / "formats"
UTC = timezone.utc


@pytest.fixture(autouse=True)
def _utc(monkeypatch):
    monkeypatch.delenv("CONVOSCOPE_TIMEZONE", raising=False)


def split(items):
    items = list(items)
    assert all(isinstance(i, Loaded | Rejected) for i in items)
    return ({i.conversation.id: i for i in items if isinstance(i, Loaded)},
            [i for i in items if isinstance(i, Rejected)])


def mapping(**keys) -> Mapping:
    base = {"conversation_id": "cid", "speaker": "who", "text": "text", "time": "at"}
    return Mapping.model_validate(base | keys)


def test_zendesk_csv_through_its_yaml_mapping():
    data = FORMATS / "mapping_zendesk.csv"
    found = mapping_for(data)
    assert found is not None and found.path == FORMATS / "mapping_zendesk.convoscope.yaml"
    loaded, rejected = split(load_mapped(data, found))
    assert list(loaded) == ["48213", "48214", "48216"]

    refund = loaded["48213"].conversation
    assert loaded["48213"].location == "line 2"
    assert [(t.speaker, t.text[:20]) for t in refund.turns] == [  # time order, though rows are not in it
        ("customer", "Hi, I was charged tw"), ("agent", "Sorry about that, Da"), ("customer", "Thanks, I can see it")]
    assert refund.channel == "email" and refund.started_at == datetime(2026, 3, 4, 9, 12, 44, tzinfo=UTC)
    assert (refund.agent.id, refund.agent.type, refund.customer_id) == ("9001", "human", "5510023")
    assert refund.metadata == {"priority": "normal", "status": "solved", "tags": "billing duplicate_charge"}

    app = loaded["48214"].conversation
    assert app.turns[1].text == ("Thanks Marcus. Could you try signing out, deleting the app and reinstalling it?\n"
                                 "Let me know if that helps.")
    assert (app.channel, app.agent.id, app.metadata["status"]) == ("web", "9004", "open")

    plans = loaded["48216"].conversation  # the blank system row is skipped; no zone in its times
    assert [t.speaker for t in plans.turns] == ["customer", "bot"]
    assert plans.started_at == datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
    assert plans.metadata["timezone_assumed"] is True and plans.agent.id == "unknown"

    [light] = rejected
    assert (light.location, light.record_id) == ("line 9", "48215")
    assert "'light-agent'" in light.reason and "add it under speakers: in the mapping" in light.reason


def test_intercom_nested_json_through_its_toml_mapping():
    data = FORMATS / "mapping_intercom.json"
    found = mapping_for(data)
    assert found is not None and found.format == "json" and found.speakers["admin"] == "agent"
    loaded, rejected = split(load_mapped(data, found))
    assert list(loaded) == ["215467800239341", "215467800239342"]

    outage = loaded["215467800239341"].conversation
    assert [t.speaker for t in outage.turns] == ["customer", "agent", "customer", "agent"]  # the assignment is skipped
    assert outage.turns[0].text == "Hi, my broadband has dropped every evening this week."
    assert outage.turns[1].text == "Sorry to hear that! I can see an outage in your area & engineers are on it."
    assert outage.turns[2].text == "OK, thanks.\nAny idea when it'll be fixed?"
    assert outage.started_at == datetime.fromtimestamp(1772618400, UTC)  # the source takes the conversation's time
    assert (outage.channel, outage.agent.id, outage.customer_id) == ("chat", "814860", "5f1a2b3c4d")
    assert outage.metadata == {"custom_attributes.Plan": "Fibre 500", "custom_attributes.Region": "North",
                               "statistics.time_to_admin_reply": 95}
    assert "timezone_assumed" not in outage.metadata

    lead = loaded["215467800239342"].conversation
    assert [(t.speaker, t.text) for t in lead.turns] == [
        ("customer", "Do you deliver to Ireland?"), ("bot", "Yes! Delivery to Ireland takes 3 to 5 days.")]
    assert (lead.agent.id, lead.customer_id) == ("unknown", "77aa")
    assert lead.metadata == {"custom_attributes.Region": "Export"}

    [empty] = rejected
    assert (empty.location, empty.record_id) == ("record 3", "215467800239343") and "no turn has text" in empty.reason


def test_broken_mapping_is_one_line_naming_the_missing_key():
    path = FORMATS / "mapping_broken.convoscope.yaml"
    with pytest.raises(InputError) as err:
        load_mapping(path)
    message = str(err.value)
    assert "\n" not in message and str(path) in message and "missing required key 'text'" in message


@pytest.mark.parametrize(("text", "named"), [
    ("conversation_id: a\nspeaker: b\ntext: c\ntime: d\ntextt: e\n", "unknown key 'textt'"),
    ("conversation_id: a\nspeaker: b\ntext: c\ntime: d\nformat: xlsx\n", "key 'format'"),
    ("conversation_id: a\nspeaker: b\ntext: c\ntime: d\nspeakers: {caller: robot}\n", "key 'speakers.caller'"),
    ("conversation_id: a\nspeaker: b\ntext: c\ntime: d\ntimezone: Mars/Olympus\n", "key 'timezone'"),
    ("conversation_id: a\nspeaker: b\ntext: c\n", "missing required key 'time'"),
    ("format: csv\nconversation_id: a\nspeaker: b\ntext: c\ntime: d\nrecords: x\n", "for json or jsonl only"),
    ("- just\n- a list\n", "key: value"),
    ("speakers: {a: [\n", "not a valid mapping file"),
])
def test_mapping_errors_name_the_key(tmp_path, text, named):
    path = tmp_path / "x.convoscope.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as err:
        load_mapping(path)
    assert named in str(err.value) and "\n" not in str(err.value)


def test_mapping_for_finds_sibling_then_folder_mapping(tmp_path):
    (tmp_path / "a.csv").write_text("cid,who,text,at\n")
    (tmp_path / "b.json").write_text("[]")
    assert mapping_for(tmp_path / "a.csv") is None
    shared = "format: csv\nconversation_id: cid\nspeaker: who\ntext: text\ntime: at\n"
    (tmp_path / "convoscope-mapping.yaml").write_text(shared)
    assert mapping_for(tmp_path / "a.csv").path == tmp_path / "convoscope-mapping.yaml"
    assert mapping_for(tmp_path / "b.json") is None  # the folder's mapping is for CSV files
    toml = 'conversation_id = "cid"\nspeaker = "who"\ntext = "text"\ntime = "at"\n'
    (tmp_path / "a.convoscope.toml").write_text(toml)
    assert mapping_for(tmp_path / "a.csv").path == tmp_path / "a.convoscope.toml"
    (tmp_path / "a.convoscope.yml").write_text(shared)
    assert mapping_for(tmp_path / "a.csv").path == tmp_path / "a.convoscope.yml"


def test_flat_json_turns_grouped_and_ordered_by_time(tmp_path):
    rows = [
        {"cid": 7, "who": "Agent", "text": "Hello, how can I help?", "at": "2026-10-03T14:22:10Z"},
        {"cid": 8, "who": "customer", "text": "Hi", "at": "2026-10-03T15:00:00+01:00", "tags": ["a", "b"]},
        {"cid": 7, "who": "CUSTOMER", "text": "My wifi is down", "at": "2026-10-03T14:22:05Z"},
        {"cid": "", "who": "customer", "text": "orphan", "at": "2026-10-03T14:00:00Z"},
        {"cid": 9, "who": "customer", "text": "when?", "at": "yesterday-ish"},
        "not an object",
    ]
    (tmp_path / "t.json").write_text(json.dumps(rows))
    loaded, rejected = split(load_mapped(tmp_path / "t.json", mapping(metadata=["tags"])))
    assert [t.text for t in loaded["7"].conversation.turns] == ["My wifi is down", "Hello, how can I help?"]
    assert loaded["7"].conversation.channel == "unknown" and loaded["7"].location == "record 1"
    assert loaded["8"].conversation.started_at == datetime(2026, 10, 3, 14, 0, tzinfo=UTC)
    assert loaded["8"].conversation.metadata == {"tags": "a, b"}
    reasons = {r.location: r.reason for r in rejected}
    assert reasons["record 4"] == "cid is empty"
    assert reasons["record 6"] == "expected an object, got str"
    assert reasons["record 5"].startswith("at: cannot read the time 'yesterday-ish'")


def test_file_order_without_times_and_a_configured_zone(tmp_path):
    (tmp_path / "t.csv").write_text("cid;who;text;at;queue\n1;agent;second in file;;billing\n"
                                    "1;customer;first in time;2026-03-29 00:30:00;billing\n")
    loaded, _ = split(load_mapped(tmp_path / "t.csv", mapping(delimiter=";", timezone="Europe/London",
                                                                   channel_value="phone", metadata=["queue"])))
    conv = loaded["1"].conversation
    assert [t.text for t in conv.turns] == ["second in file", "first in time"]  # one turn has no time: file order
    assert conv.started_at == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # GMT until 01:00 that day
    assert conv.channel == "phone" and conv.metadata == {"queue": "billing", "timezone_assumed": True}


def test_jsonl_nested_rejects_a_bad_line_and_keeps_the_rest(tmp_path):
    good = {"id": "c1", "msgs": [{"from": "user", "body": "hi", "ts": 1772618400000}]}
    lines = [json.dumps(good), "{not json", "", json.dumps({"id": "c2", "msgs": "nope"})]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n")
    found = Mapping(conversation_id="id", speaker="from", text="body", time="ts", records="msgs")
    loaded, rejected = split(load_mapped(tmp_path / "c.jsonl", found))
    assert loaded["c1"].conversation.started_at == datetime.fromtimestamp(1772618400, UTC)
    assert {r.location: r.record_id for r in rejected} == {"line 2": None, "line 4": "c2"}


def test_csv_missing_a_named_column_is_an_input_error(tmp_path):
    (tmp_path / "t.csv").write_text("cid,who,body,at\n1,agent,hi,2026-01-01T00:00:00Z\n")
    with pytest.raises(InputError, match="column.s. text that the CSV lacks"):
        list(load_mapped(tmp_path / "t.csv", mapping()))


def _fuzz(path: Path, found: Mapping) -> None:
    loads_or_refuses(lambda p: load_mapped(p, found), path)


FUZZ_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("kind", ["csv", "json", "jsonl"])
@FUZZ_SETTINGS
@given(data=st.binary(max_size=4000))
def test_arbitrary_bytes_never_raise_anything_but_input_error(tmp_path, kind, data):
    path = tmp_path / f"fuzz.{kind}"
    path.write_bytes(data)
    records = "turns" if kind != "csv" else None
    _fuzz(path, mapping(format=kind, records=records, metadata=["m"], channel="ch", agent_id="ag"))


@FUZZ_SETTINGS
@given(body=st.binary(max_size=4000))
def test_a_valid_header_then_arbitrary_bytes(tmp_path, body):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(b"cid,who,text,at,m\n" + body)
    _fuzz(path, mapping(metadata=["m"]))


@FUZZ_SETTINGS
@given(rows=st.lists(st.fixed_dictionaries({
    "cid": st.one_of(st.none(), st.integers(), st.text(max_size=3)),
    "who": st.one_of(st.none(), st.sampled_from(["agent", "customer", "bot", "x"]), st.integers()),
    "text": st.one_of(st.none(), st.text(max_size=20), st.lists(st.integers(), max_size=2)),
    "at": st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=25),
                    st.datetimes().map(lambda d: d.isoformat()), st.sampled_from(["0001-01-01T00:00:00+05:00"])),
    "m": st.one_of(st.none(), st.text(max_size=5), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2)),
}), max_size=8))
def test_json_of_odd_values_gives_loaded_or_rejected(tmp_path, rows):
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(rows))
    _fuzz(path, mapping(metadata=["m"]))


def test_folder_mapping_copied_with_data(tmp_path):
    shutil.copy(FORMATS / "mapping_zendesk.csv", tmp_path / "tickets.csv")
    shutil.copy(FORMATS / "mapping_zendesk.convoscope.yaml", tmp_path / "convoscope-mapping.yaml")
    loaded, rejected = split(load_mapped(tmp_path / "tickets.csv", mapping_for(tmp_path / "tickets.csv")))
    assert len(loaded) == 3 and len(rejected) == 1
