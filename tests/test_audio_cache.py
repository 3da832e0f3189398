"""Re-ingesting an unchanged recording reads its transcript from the store's cache instead of
running Whisper again; a changed setting, a corrupt entry or the cache turned off transcribes it
again. Real espeak-ng calls, real faster-whisper: Whisper's calls are counted, not replaced."""

from __future__ import annotations

import json
import stat

import pytest

from eval.audio_calls import missing_tools, sample_scripts, write_call
from ingest import ingest_paths
from ingest.audio import whisper

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(bool(missing_tools()), reason=missing_tools() or "")]


@pytest.fixture
def heard(monkeypatch):
    """How many times Whisper was run (the real one) since the test began."""
    calls = []
    real = whisper.transcribe

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(whisper, "transcribe", counted)
    return calls


@pytest.fixture
def calls(tmp_path):
    folder = tmp_path / "calls"
    script = sample_scripts(1, seed=23, turns=4)[0]
    write_call(folder / "call.wav", script.lines)
    (folder / "call.json").write_text(json.dumps(script.sidecar))
    return folder


def _turns(store, call_id: str) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in store.conversations.get_many([call_id])[call_id].turns]


def test_an_unchanged_recording_is_not_transcribed_again(fake, calls, heard, monkeypatch):
    monkeypatch.delenv("CONVOSCOPE_TRANSCRIPT_CACHE", raising=False)
    first = ingest_paths(fake, [calls])
    assert first.added == 1 and len(heard) > 0
    call_id = json.loads((calls / "call.json").read_text())["id"]
    before = _turns(fake, call_id)
    entries = list((fake.path / "transcripts").glob("*.json"))
    assert len(entries) == 1
    assert stat.S_IMODE(entries[0].stat().st_mode) == 0o600  # raw transcripts hold unredacted PII
    assert stat.S_IMODE((fake.path / "transcripts").stat().st_mode) == 0o700

    heard.clear()
    again = ingest_paths(fake, [calls])
    assert heard == [] and (again.added, again.updated, again.unchanged) == (0, 0, 1)
    assert _turns(fake, call_id) == before

    monkeypatch.setenv("CONVOSCOPE_WHISPER_HOTWORDS", "Lumora")  # a setting that changes what Whisper writes
    ingest_paths(fake, [calls])
    assert len(heard) > 0 and len(list((fake.path / "transcripts").glob("*.json"))) == 2


def test_a_corrupt_entry_is_transcribed_again_and_rewritten(fake, calls, heard, monkeypatch):
    monkeypatch.delenv("CONVOSCOPE_TRANSCRIPT_CACHE", raising=False)
    ingest_paths(fake, [calls])
    [entry] = (fake.path / "transcripts").glob("*.json")
    for damage in (b"{not json", json.dumps({"version": 1, "key": entry.stem, "seconds": 3}).encode()):
        entry.write_bytes(damage)
        heard.clear()
        report = ingest_paths(fake, [calls])
        assert len(heard) > 0 and report.rejected == [] and report.unchanged == 1
        assert json.loads(entry.read_text())["turns"], "the entry was not rewritten"


def test_the_cache_can_be_turned_off(fake, calls, heard, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_TRANSCRIPT_CACHE", "off")
    ingest_paths(fake, [calls])
    heard.clear()
    ingest_paths(fake, [calls])
    assert len(heard) > 0 and not (fake.path / "transcripts").exists()


def test_shards_of_a_parallel_ingest_transcribe_each_recording_once(tmp_path, heard, monkeypatch):
    """With --workers N every worker reads the input to find its shard; a recording's id is
    known before its audio is read, so only its own shard runs Whisper on it."""
    from ingest.shard import Rejects, Shard, shard_records

    monkeypatch.setenv("CONVOSCOPE_TRANSCRIPT_CACHE", "off")
    folder = tmp_path / "calls"
    scripts = sample_scripts(3, seed=5, turns=2)
    for i, script in enumerate(scripts):
        write_call(folder / f"call{i}.wav", script.lines)
        (folder / f"call{i}.meta.json").write_text(json.dumps(script.sidecar))
    files = sorted(folder.glob("*.wav"))
    alone = [c.id for c in shard_records(files, Shard(), Rejects())]
    once = len(heard)  # Whisper runs per channel: what one pass over the recordings takes
    heard.clear()
    found, rejects = [], Rejects()
    for index in range(2):
        found += [c.id for c in shard_records(files, Shard(index=index, count=2), rejects)]
    assert sorted(found) == sorted(alone) == sorted(s.sidecar["id"] for s in scripts) and not rejects.items
    assert once > 0 and len(heard) == once  # not once per shard


def test_entries_no_code_can_use_again_are_deleted_on_the_first_write(tmp_path):
    """They hold what customers said before redaction: an older version's or a broken entry
    goes; another setting's current entry stays for when that setting comes back."""
    from ingest.audio import cache

    where = tmp_path / "transcripts"
    where.mkdir()
    turn = {"speaker": "customer", "text": "my card ends 4421", "start": 0.0, "end": 1.5}
    old = {"version": cache.VERSION - 1, "key": "old", "seconds": 2.0, "turns": [turn]}
    (where / "old.json").write_text(json.dumps(old))
    (where / "broken.json").write_text("{not json")
    cache.put(where, "other-beam", [turn], 2.0)  # the first write of this process to the folder sweeps
    cache.put(where, "new", [turn], 2.0)
    assert sorted(p.stem for p in where.glob("*.json")) == ["new", "other-beam"]
    assert cache.get(where, "new") == ([turn], 2.0)
    (where / "old.json").write_text(json.dumps(old))  # later stale files wait for the next process
    cache.put(where, "newer", [turn], 2.0)
    assert (where / "old.json").exists() and cache.prune(where) == 1 and not (where / "old.json").exists()
