import json
import re
from pathlib import Path

import numpy as np

from ingest import ingest_conversations, ingest_paths
from ingest.formats.common import IF_TAKEN
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


class Interrupted(BaseException):
    """Ctrl-C or a crash at one exact point of a batch."""


def _edit(data_dir, tmp_path, text):
    record = json.loads((data_dir / "mini.jsonl").read_text().splitlines()[1])
    record["turns"][2]["text"] = text
    (tmp_path / "edit.jsonl").write_text(json.dumps(record) + "\n")
    return record["id"], tmp_path / "edit.jsonl"


def _consistent(store) -> bool:
    """Every stored conversation's chunks are in the vector store and nothing else is."""
    ids = {c.id for c in store.conversations.chunks()}
    return store.vectors.count() == len(ids) and store.vectors.existing(sorted(ids)) == ids


def _interrupted_ingest(store, path, owner, method: str) -> None:
    """Ingest ``path`` with ``owner.method`` raising the interruption (Ctrl-C or a crash there)."""
    original = getattr(owner, method)

    def crash(*args):
        raise Interrupted

    setattr(owner, method, crash)
    try:
        ingest_paths(store, [path])
    except Interrupted:
        pass
    finally:
        setattr(owner, method, original)


def test_chunks_written_before_a_crash_that_never_reached_sqlite_are_removed_on_the_next_run(fake, data_dir, tmp_path):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    cid, edited = _edit(data_dir, tmp_path, "Interrupted edit about a brand new soundbar.")
    _interrupted_ingest(fake, edited, fake.conversations, "write")
    assert not _consistent(fake)  # the edit's chunks reached the vectors only
    assert "soundbar" not in " ".join(t.text for t in fake.conversations.get(cid).turns)

    report = ingest_paths(fake, [data_dir / "mini.jsonl"])  # the old content again: nothing to write
    assert report.unchanged == 5 and report.orphans_removed > 0
    assert "interrupted ingest left behind" in report.summary()
    assert _consistent(fake)
    assert all("soundbar" not in h.text for h in fake.search("new soundbar", k=50))


def test_a_crash_after_sqlite_moved_on_removes_the_old_chunks_on_the_next_run(fake, data_dir, tmp_path):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    cid, edited = _edit(data_dir, tmp_path, "An LG TV; it stutters and then the app crashes.")
    _interrupted_ingest(fake, edited, fake.vectors, "delete")
    assert "LG TV" in fake.conversations.get(cid).turns[2].text  # SQLite holds the edit …
    assert not _consistent(fake)  # … and Chroma still the old chunks too

    report = ingest_paths(fake, [edited])
    assert report.unchanged == 1 and report.orphans_removed > 0
    assert _consistent(fake)
    assert all("Samsung" not in h.text for h in fake.search("Samsung smart TV picture freezes", k=50))


def test_statements_read_once_follow_every_ingest_and_every_filter(fake, data_dir, tmp_path):
    from vectorstore.base import Where

    ingest_paths(fake, [data_dir / "mini.jsonl"])
    before = fake.conversations.statements()
    assert before.vectors().shape[0] == len(before.texts) > 0
    record = json.loads((data_dir / "mini.jsonl").read_text().splitlines()[0])
    record |= {"id": "new-1", "channel": "sms-only-channel"}
    (tmp_path / "more.jsonl").write_text(json.dumps(record) + "\n")
    ingest_paths(fake, [tmp_path / "more.jsonl"])
    after = fake.conversations.statements()
    assert len(after.texts) > len(before.texts) and "new-1" in after.conversation_ids
    only = fake.conversations.statements(Where(equals={"channel": ["sms-only-channel"]}))
    assert set(only.conversation_ids) == {"new-1"}
    rows = [i for i, cid in enumerate(after.conversation_ids) if cid == "new-1"]
    assert only.texts == [after.texts[i] for i in rows]
    assert (np.allclose(only.vectors(), after.vectors(rows))
            and np.allclose(only.vectors([0]), after.vectors()[rows[:1]]))
    assert fake.conversations.statements(Where(equals={"channel": ["nowhere"]})).texts == []


# ---- ids made up from file names ------------------------------------------------------

TRANSCRIPT = "Agent: Hello, how can I help?\nCustomer: My router keeps dropping the connection.\n"
CAPTIONS = ("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nAgent: Hello\n\n"
            "00:00:03.500 --> 00:00:06.000\nCustomer: My bill rose\n")


def _clashing_names(folder: Path) -> Path:
    """``a/KT-1.txt``, ``a/KT-1.vtt`` and ``b/KT-1.txt``: three conversations without an id, one name."""
    for sub in ("a", "b"):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "KT-1.txt").write_text(TRANSCRIPT)
    (folder / "a" / "KT-1.vtt").write_text(CAPTIONS)
    return folder


def test_a_conversation_without_an_id_is_named_after_its_file_and_the_summary_says_so(fake, tmp_path):
    (tmp_path / "KT-00001.txt").write_text(TRANSCRIPT)
    (tmp_path / "NW.txt").write_text("id: NW-610412\n\n" + TRANSCRIPT)
    report = ingest_paths(fake, [tmp_path])
    assert sorted(fake.conversations.ids()) == ["KT-00001", "NW-610412"]
    assert (report.ids_made_up, report.ids_suffixed) == (1, 0)
    assert "; 1 conversation(s) had no id; their file names were used" in report.summary()
    assert IF_TAKEN not in fake.conversations.get("KT-00001").metadata  # the ingest's own, never stored


def test_files_sharing_a_name_get_a_suffix_from_the_second_on_the_same_every_time(fake, tmp_path):
    folder = _clashing_names(tmp_path / "in")
    first = ingest_paths(fake, [folder])
    ids = sorted(fake.conversations.ids())
    assert ids[0] == "KT-1" and len(ids) == 3 and all(re.fullmatch(r"KT-1-[0-9a-f]{6}", i) for i in ids[1:])
    assert fake.conversations.get("KT-1").channel == "chat"  # a/KT-1.txt, read first, keeps the name
    assert (first.ids_made_up, first.ids_suffixed, first.duplicates) == (3, 2, [])
    assert ("3 conversation(s) had no id; their file names were used "
            "(2 with a suffix: another file of this ingest had the same name)") in first.summary()
    again = ingest_paths(fake, [folder])  # the store is idempotent by id: nothing new
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert sorted(fake.conversations.ids()) == ids


def test_the_same_file_twice_is_a_duplicate_not_a_second_conversation(fake, tmp_path):
    path = tmp_path / "KT-1.txt"
    path.write_text(TRANSCRIPT)
    report = ingest_paths(fake, [path, path])
    assert fake.conversations.ids() == ["KT-1"] and report.duplicates == ["KT-1"] and report.ids_suffixed == 0


def test_a_made_up_id_never_takes_the_id_a_record_carries(fake, data_dir, tmp_path):
    record = json.loads((data_dir / "mini.jsonl").read_text().splitlines()[0]) | {"id": "KT-1"}
    (tmp_path / "A.jsonl").write_text(json.dumps(record) + "\n")  # read before KT-1.txt
    (tmp_path / "KT-1.txt").write_text(TRANSCRIPT)
    report = ingest_paths(fake, [tmp_path])
    assert fake.conversations.get("KT-1").channel == record["channel"] and report.ids_suffixed == 1
    assert len(fake.conversations.ids()) == 2 and not report.duplicates


def test_workers_settle_shared_names_as_one_process_does(tmp_path):
    folder = _clashing_names(tmp_path / "in")
    one, two = fake_store(tmp_path / "one"), fake_store(tmp_path / "two")
    single, parallel = ingest_paths(one, [folder]), ingest_paths(two, [folder], workers=2)
    assert sorted(two.conversations.ids()) == sorted(one.conversations.ids())
    assert (parallel.ids_made_up, parallel.ids_suffixed) == (single.ids_made_up, single.ids_suffixed) == (3, 2)
    one.close(), two.close()
