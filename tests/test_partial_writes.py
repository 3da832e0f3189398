"""No partial write survives a failed batch: when SQLite refuses a batch after Chroma took
it, its new chunks are taken back out of Chroma, and an edited conversation keeps its old
version whole in both (unit test with the fakes; the real faults are in test_faults.py)."""

from __future__ import annotations

import json

import pytest

from convoscope.errors import StoreError
from ingest import ingest_paths
from vectorstore.conversations import ConversationStore


def refuse_writes(monkeypatch) -> None:
    def full(self, items):
        raise StoreError(f"cannot write to the conversation store {self.path} (database or disk is full)",
                         "free space on that disk, then re-run: the ingest resumes where it stopped")

    monkeypatch.setattr(ConversationStore, "write", full)


def test_a_batch_sqlite_refuses_leaves_no_vectors_behind(fake, data_dir, monkeypatch):
    refuse_writes(monkeypatch)
    with pytest.raises(StoreError, match="disk is full"):
        ingest_paths(fake, [data_dir / "mini.jsonl"])
    assert fake.conversations.count() == 0 and fake.vectors.count() == 0


def test_an_edit_sqlite_refuses_keeps_the_old_version_whole(fake, data_dir, tmp_path, monkeypatch):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    chunk_ids = {c.id for c in fake.conversations.chunks()}
    before = (sorted(fake.conversations.hashes(fake.conversations.ids()).items()), fake.vectors.count())
    record = json.loads((data_dir / "mini.jsonl").read_text().splitlines()[1])
    record["turns"][2]["text"] = "An LG TV; it stutters and then the app crashes."
    (tmp_path / "edit.jsonl").write_text(json.dumps(record) + "\n")
    refuse_writes(monkeypatch)
    with pytest.raises(StoreError):
        ingest_paths(fake, [tmp_path / "edit.jsonl"])
    assert (sorted(fake.conversations.hashes(fake.conversations.ids()).items()), fake.vectors.count()) == before
    assert fake.vectors.existing(sorted(chunk_ids)) == chunk_ids  # the old chunks are all still there
