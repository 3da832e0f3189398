"""Real-world ingest, end to end: an unseen corpus (the bank's card support) split across JSON
Lines, a turns CSV and plain-text transcripts with header blocks, seeded with personal data
and a few bad records. It must ingest completely, keep every PII string out of Chroma, the
analytics store and the answers, and report each reject."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from corpora import bank

from assistant import ask
from convoscope.models import Conversation
from eval.sample import write_jsonl
from ingest import ingest_paths
from vectorstore import Store

pytestmark = pytest.mark.e2e

EMAILS = ["olivia.hart@example.org", "m.okafor@mailbox.example.net", "sam_lee77@example.co.uk"]
PHONES = ["+44 7700 900123", "07700 900516", "(415) 555-0134"]
CARDS = ["4111 1111 1111 1111", "5500-0000-0000-0004"]
OTHER = ["123-45-6789", "QQ 12 34 56 C", "SW1A 1AA", "221 Baker Street"]
RAW = EMAILS + PHONES + CARDS + OTHER


def seeded(conversations: list[Conversation]) -> list[Conversation]:
    """Every fourth conversation: the customer gives personal details mid-conversation."""
    out = []
    for i, conv in enumerate(conversations):
        if i % 4 == 0:
            turns = list(conv.turns)
            j = next(k for k, t in enumerate(turns) if t.speaker == "customer")
            detail = (f"my email is {EMAILS[i % 3]}, call me on {PHONES[i % 3]}, card {CARDS[i % 2]}, "
                      f"I live at {OTHER[3]}, {OTHER[2]}, ssn {OTHER[0]}, NI {OTHER[1]}")
            turns[j] = turns[j].model_copy(update={"text": f"{turns[j].text}. {detail}"})
            conv = conv.model_copy(update={"turns": turns, "customer_id": EMAILS[i % 3]})
        out.append(conv)
    return out


def write_csv(conversations: list[Conversation], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["conversation_id", "started_at", "channel", "agent_id", "agent_type", "customer_id",
                         "speaker", "text", "segment"])
        for conv in conversations:
            for turn in conv.turns:
                writer.writerow([conv.id, conv.started_at.isoformat(), conv.channel, conv.agent.id, conv.agent.type,
                                 conv.customer_id or "", turn.speaker, turn.text, conv.metadata.get("segment", "")])


def write_text(conv: Conversation, path: Path) -> None:
    header = [f"Conversation-Id: {conv.id}", f"Channel: {conv.channel}", f"Started-At: {conv.started_at.isoformat()}",
              f"Agent-Id: {conv.agent.id}", f"Agent-Type: {conv.agent.type}",
              f"Segment: {conv.metadata.get('segment', '')}"]
    lines = [f"{turn.label}: {' '.join(turn.text.split())}" for turn in conv.turns]
    path.write_text("\n".join(header) + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


def write_exports(exports: Path) -> None:
    """240 bank conversations with PII: 80 in JSON Lines (plus a truncated record and one with
    no customer), 80 in a turns CSV, 80 as text transcripts (plus one with unknown speakers)."""
    conversations = seeded(bank.make()[0])[:240]
    (exports / "transcripts").mkdir(parents=True)
    write_jsonl(conversations[:80], exports / "chats.jsonl")
    with (exports / "chats.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"id": "broken", "channel": "chat", "turns": [\n')  # a truncated record
        handle.write(json.dumps({"id": "agent-only", "channel": "chat", "started_at": "2026-05-02T10:00:00Z",
                                 "agent": {"id": "a1"}, "turns": [{"speaker": "agent", "text": "hello?"}]}) + "\n")
    write_csv(conversations[80:160], exports / "calls.csv")
    for conv in conversations[160:]:
        write_text(conv, exports / "transcripts" / f"{conv.id}.txt")
    (exports / "transcripts" / "odd.txt").write_text("Conversation-Id: odd\n\nWizard: hi\nWitch: hello\nWizard: bye\n")


def test_an_unseen_corpus_in_three_formats_ingests_with_its_pii_redacted_everywhere(tmp_path):
    exports = tmp_path / "exports"
    write_exports(exports)
    store = Store(tmp_path / "store")
    try:
        report = ingest_paths(store, [exports])
        assert report.added == 240 and store.conversations.count() == 240
        where = {(Path(r.source).name, r.location) for r in report.rejected}
        assert ("chats.jsonl", "line 81") in where  # the truncated record, by line
        assert any(r.record_id == "agent-only" and "no customer turn" in r.reason for r in report.rejected)
        assert any(Path(r.source).name == "odd.txt" and "Agent-Name" in r.reason for r in report.rejected)
        rejects = Path(report.rejects_file).read_text().splitlines()
        assert len(rejects) == len(report.rejected) == 3
        assert {"email", "phone", "card", "national_id", "address"} <= set(report.redacted.counts)
        assert "redacted" in report.summary()

        documents = store.vectors.collection.get(include=["documents", "metadatas"])
        chroma_text = json.dumps(documents["documents"]) + json.dumps(documents["metadatas"])
        answer = ask("show me customers who gave their email or phone number", store).model_dump_json()
        stored_text = json.dumps([c.model_dump(mode="json") for c in store.conversations.get_many(
            store.conversations.ids()).values()])
    finally:
        store.close()
    raw_db = b"".join(p.read_bytes() for p in (tmp_path / "store").glob("conversations.sqlite*"))
    for value in RAW:
        assert value not in chroma_text, value
        assert value not in stored_text, value
        assert value.encode() not in raw_db, value
        assert value not in answer, value
        assert value not in "\n".join(rejects), value
    assert "[EMAIL]" in stored_text and "[CARD]" in stored_text and "[PHONE]" in stored_text


def test_the_same_corpus_killed_mid_ingest_and_run_again_gives_the_same_store(tmp_path):
    """The issue's check: the mixed corpus, an ingest killed part-way (SIGKILL), a re-run:
    the same 240 conversations, the same 3 rejects, every chunk once, no PII anywhere."""
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    exports, store_path = tmp_path / "exports", tmp_path / "store"
    write_exports(exports)
    command = [sys.executable, "-m", "ui.cli", "ingest", str(exports), "--store", str(store_path)]
    env = dict(os.environ, CONVOSCOPE_ALLOW_MODELS="1")

    def stored() -> int:
        try:
            with sqlite3.connect(store_path / "conversations.sqlite") as db:
                return db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0]
        except sqlite3.Error:
            return 0

    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while stored() == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    partial = stored()
    assert 0 < partial < 240

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{240 - partial} added" in rerun.stderr and f"{partial} unchanged" in rerun.stderr
    assert "3 rejected" in rerun.stderr
    store = Store(store_path)
    try:
        assert store.conversations.count() == 240
        chunks = store.conversations.chunks()
        assert store.vectors.count() == len(chunks) == len({c.id for c in chunks})  # no duplicates, no orphans
        documents = store.vectors.collection.get(include=["documents"])["documents"]
    finally:
        store.close()
    raw = b"".join(p.read_bytes() for p in store_path.glob("conversations.sqlite*")) + json.dumps(documents).encode()
    assert not [value for value in RAW if value.encode() in raw]
