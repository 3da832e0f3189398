import json

from ingest import ingest_conversations, ingest_paths
from vectorstore import fake_store


def test_reingest_writes_nothing_new(fake, data_dir):
    first = ingest_paths(fake, [data_dir / "mini.jsonl"])
    vectors = fake.vectors.count()
    second = ingest_paths(fake, [data_dir / "mini.jsonl"])
    assert (first.added, first.unchanged) == (5, 0)
    assert (second.added, second.updated, second.unchanged, second.chunks) == (0, 0, 5, 0)
    assert fake.vectors.count() == vectors and fake.conversations.count() == 5


def test_edited_conversation_replaces_its_old_chunks(fake, data_dir, tmp_path):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    lines = (data_dir / "mini.jsonl").read_text().splitlines()
    record = json.loads(lines[1])
    record["turns"][2]["text"] = "An LG TV; it stutters and then the app crashes."
    (tmp_path / "edit.jsonl").write_text(json.dumps(record) + "\n")
    report = ingest_paths(fake, [tmp_path / "edit.jsonl"])
    assert (report.added, report.updated) == (0, 1)
    texts = [c.text for c in fake.conversations.chunks() if c.conversation_id == record["id"]]
    assert any("LG TV" in t for t in texts) and not any("Samsung" in t for t in texts)
    stored_ids = {c.id for c in fake.conversations.chunks()}
    assert fake.vectors.count() == len(stored_ids)  # no orphaned vectors left behind
    hits = fake.search("Samsung smart TV picture freezes", k=50)
    assert all("Samsung" not in h.text for h in hits)


def test_bad_records_are_skipped_with_reasons_and_the_rest_stored(fake, data_dir):
    report = ingest_paths(fake, [data_dir / "bad.jsonl"])
    assert report.added == 2 and len(report.rejected) == 3
    assert sorted(fake.conversations.ids()) == ["b-001", "b-005"]


def test_a_bad_file_never_damages_what_is_stored(fake, data_dir, tmp_path):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    before = (fake.conversations.count(), fake.vectors.count())
    (tmp_path / "broken.json").write_text('[{"id": "m-001", "turns": [')
    (tmp_path / "binary.jsonl").write_bytes(bytes(range(256)) * 4)
    report = ingest_paths(fake, [tmp_path / "broken.json", tmp_path / "binary.jsonl"])
    assert report.added == report.updated == 0 and report.rejected
    assert (fake.conversations.count(), fake.vectors.count()) == before
    assert fake.conversations.get("m-001").turns[1].text.startswith("i want to cancel")


def test_duplicate_ids_last_one_wins_and_are_reported(fake, tmp_path):
    def rec(text):
        return json.dumps({"id": "d-1", "channel": "chat", "started_at": "2026-10-01T00:00:00Z",
                           "agent": {"id": "a"}, "turns": [{"speaker": "customer", "text": text}]})

    (tmp_path / "dup.jsonl").write_text(rec("first version") + "\n" + rec("second version") + "\n")
    report = ingest_paths(fake, [tmp_path / "dup.jsonl"])
    assert report.duplicates == ["d-1"]
    assert fake.conversations.get("d-1").turns[0].text == "second version"
    assert fake.conversations.count() == 1


def test_all_formats_in_a_folder(fake, data_dir, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    for name in ("mini.jsonl", "bad.jsonl", "turns.csv"):
        (folder / name).write_bytes((data_dir / name).read_bytes())
    report = ingest_paths(fake, [folder])
    assert report.files == 3 and report.added == 9
    metadata = fake.conversations.get("k-1").metadata
    assert {k: metadata[k] for k in ("product", "csat")} == {"product": "Basic", "csat": 5}  # the source's, kept
    assert "topic" in metadata  # enrichment, stored


def test_enrichment_is_stored_and_never_overrides_the_source(fake):
    from convoscope.models import Conversation

    call = Conversation.model_validate({
        "id": "v-1", "channel": "voice", "started_at": "2026-10-01T10:00:00Z", "agent": {"id": "a1"},
        "metadata": {"topic": "billing"},
        "turns": [{"speaker": "agent", "text": "hello, how can I help", "start": 0, "end": 4},
                  {"speaker": "customer", "text": "my bill is wrong this month", "start": 3, "end": 8},
                  {"speaker": "agent", "text": "let me look", "start": 10, "end": 12}],
    })
    ingest_conversations(fake, [call])
    stored = fake.conversations.get("v-1").metadata
    assert stored["topic"] == "billing"  # the source's label wins over the taxonomy's
    assert stored["interruptions"] == 1 and stored["longest_silence_s"] == 2.0
    assert stored["talk_listen_ratio"] == round(6 / 5, 3) and 0 < stored["silence_share"] < 0.2
    hit = fake.search("bill", k=1)[0]
    assert hit.metadata["meta_interruptions"] == 1  # beside every chunk, for filters


def test_fake_store_is_deterministic(tmp_path, data_dir):
    a, b = fake_store(tmp_path / "a"), fake_store(tmp_path / "b")
    ingest_paths(a, [data_dir / "mini.jsonl"])
    ingest_paths(b, [data_dir / "mini.jsonl"])
    assert [h.id for h in a.search("cancel")] == [h.id for h in b.search("cancel")]


def test_filter_values_follow_new_ingests(fake, data_dir):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    before = fake.conversations.values()
    assert fake.conversations.values() is before  # unchanged store: the cached answer
    from convoscope.models import Conversation

    ingest_conversations(fake, [Conversation.model_validate({
        "id": "new-1", "channel": "sms", "started_at": "2026-10-05T10:00:00Z", "agent": {"id": "a9"},
        "turns": [{"speaker": "customer", "text": "my parcel never came"}]})])
    assert "sms" in fake.conversations.values()["channel"] and "sms" not in before["channel"]
