"""Call recordings without the speech model: metadata from sidecars, index and file names,
speaker turns from channels, decoding in bounded memory, and what is refused and why."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fuzzing import loads_or_refuses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convoscope.errors import InputError
from convoscope.models import Conversation, voice_metrics
from ingest.audio import speakers
from ingest.audio.sidecar import clash_note, describe
from ingest.audio.whisper import Segment
from ingest.loaders import discover, load

MTIME = datetime(2026, 10, 3, 9, 17, 42, tzinfo=timezone.utc)


def _file(folder: Path, name: str, data: bytes = b"RIFF") -> Path:
    path = folder / name
    path.write_bytes(data)
    os.utime(path, (MTIME.timestamp(), MTIME.timestamp()))
    return path


def test_without_metadata_the_id_is_the_file_name_and_the_time_its_mtime(tmp_path):
    record = describe(_file(tmp_path, "call-17.wav"))
    assert record["id"] == "call-17" and record["channel"] == "voice"
    assert record["started_at"] == MTIME and record["agent"] == {"id": "unknown", "type": "human"}
    assert record["metadata"] == {"started_at_source": "file mtime"}


def test_a_sidecar_wins_over_the_index_and_the_index_over_the_file_name(tmp_path, monkeypatch):
    call = _file(tmp_path, "c-9_20261001T083000_a-3.wav")
    (tmp_path / "calls.csv").write_text("file,id,started_at,agent_id,queue,csat\n"
                                        "c-9_20261001T083000_a-3.wav,from-index,2026-10-02T10:00:00Z,a-index,retention,2\n")
    monkeypatch.setenv("CONVOSCOPE_AUDIO_NAME_PATTERN",
                       r"(?P<id>[^_]+)_(?P<started_at>\d{8}T\d{6})_(?P<agent_id>[^_.]+)")
    record = describe(call)
    assert (record["id"], record["agent"]["id"], record["metadata"]["queue"], record["metadata"]["csat"]) == (
        "from-index", "a-index", "retention", 2)
    assert record["started_at"] == datetime(2026, 10, 2, 10, tzinfo=timezone.utc)
    assert record["metadata"]["started_at_source"] == "index"
    (tmp_path / "c-9_20261001T083000_a-3.json").write_text(json.dumps(
        {"id": "c-side", "started_at": "2026-10-03T14:22:05+02:00", "agent": {"id": "a-17", "type": "ai"},
         "customer_id": "cust-4", "agent_channel": "right", "metadata": {"product": "Unlimited Plus"}}))
    record = describe(call)
    assert record["id"] == "c-side" and record["agent"] == {"id": "a-17", "type": "ai"}
    assert record["customer_id"] == "cust-4" and record["agent_channel"] == "right"
    assert record["started_at"] == datetime(2026, 10, 3, 12, 22, 5, tzinfo=timezone.utc)
    assert record["metadata"]["product"] == "Unlimited Plus" and record["metadata"]["queue"] == "retention"
    assert record["metadata"]["started_at_source"] == "sidecar"


def test_the_file_name_pattern_gives_id_time_and_agent(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_AUDIO_NAME_PATTERN",
                       r"(?P<id>[^_]+)_(?P<started_at>\d{8}T\d{6})_(?P<agent_id>[^_.]+)_(?P<queue>[a-z]+)")
    record = describe(_file(tmp_path, "c-9_20261001T083000_a-3_billing.flac"))
    assert (record["id"], record["agent"]["id"], record["metadata"]["queue"]) == ("c-9", "a-3", "billing")
    assert record["started_at"] == datetime(2026, 10, 1, 8, 30, tzinfo=timezone.utc)
    assert record["metadata"]["timezone_assumed"] is True and record["metadata"]["started_at_source"] == "file name"


def test_a_bad_sidecar_or_time_is_one_line_with_the_fix(tmp_path):
    call = _file(tmp_path, "call.wav")
    (tmp_path / "call.json").write_text("{not json")
    with pytest.raises(InputError, match="sidecar is not valid JSON"):
        describe(call)
    (tmp_path / "call.json").write_text(json.dumps({"started_at": "last tuesday"}))
    with pytest.raises(InputError, match="started_at from the sidecar") as err:
        describe(call)
    assert "\n" not in str(err.value)


def test_sidecars_and_the_index_are_not_ingested_as_conversations(tmp_path):
    for name in ("call.wav", "call.json", "calls.csv", "other.json", "two.MP3", "two.json"):
        _file(tmp_path, name, b"{}")
    assert sorted(p.name for p in discover([tmp_path])) == ["call.wav", "other.json", "two.MP3"]


def test_without_the_audio_extra_a_recording_is_one_line_naming_the_install(tmp_path, monkeypatch):
    import ingest.formats.audio as audio

    monkeypatch.setattr(audio, "installed", lambda: False)
    with pytest.raises(InputError) as err:
        list(load(_file(tmp_path, "call.ogg", b"OggS" + bytes(100))))
    assert "pip install 'convoscope[audio]'" in str(err.value) and "\n" not in str(err.value)


def test_empty_and_corrupt_recordings_are_refused_in_one_line(tmp_path):
    with pytest.raises(InputError, match="the file is empty"):
        list(load(_file(tmp_path, "empty.wav", b"")))
    with pytest.raises(InputError, match="not audio that can be decoded"):
        list(load(_file(tmp_path, "corrupt.wav", b"RIFF\x10\x00\x00\x00WAVEfmt garbage" * 50)))
    with pytest.raises(InputError, match="not audio that can be decoded|no audio stream"):
        list(load(_file(tmp_path, "text.mp3", b"hello, this is not a recording\n" * 40)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=1, max_size=2048), suffix=st.sampled_from([".wav", ".mp3", ".ogg", ".flac", ".m4a"]))
def test_any_bytes_load_or_refuse_in_one_line(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    loads_or_refuses(load, path)


# ---- speakers and turns ---------------------------------------------------------------------

def _seg(start: float, end: float, text: str) -> Segment:
    return Segment(start, end, text)


def test_channels_merge_by_time_and_a_talk_over_is_an_interruption():
    agent = [_seg(0.5, 4.0, "Thanks for calling."), _seg(4.4, 9.0, "How can I help?"), _seg(14.0, 16.0, "Sure.")]
    customer = [_seg(8.2, 13.5, "I want to cancel."), _seg(16.5, 18.0, "Thanks.")]
    turns = speakers.turns(speakers.by_channel([agent, customer], agent=0))
    assert [(t["speaker"], t["start"], t["end"]) for t in turns] == [
        ("agent", 0.5, 9.0), ("customer", 8.2, 13.5), ("agent", 14.0, 16.0), ("customer", 16.5, 18.0)]
    assert turns[0]["text"] == "Thanks for calling. How can I help?"
    swapped = speakers.turns(speakers.by_channel([agent, customer], agent=1))
    assert [t["speaker"] for t in swapped] == ["customer", "agent", "customer", "agent"]
    conversation = Conversation(id="c", channel="voice", started_at=MTIME, agent={"id": "a"}, turns=turns)
    metrics = voice_metrics(conversation)
    assert metrics["interruptions"] == 1 and metrics["longest_silence_s"] == 0.5
    assert metrics["talk_listen_ratio"] == round((8.5 + 2.0) / (5.3 + 1.5), 3)


def test_agent_channel_setting(monkeypatch):
    assert speakers.agent_channel() == 0
    monkeypatch.setenv("CONVOSCOPE_AUDIO_AGENT_CHANNEL", "right")
    assert speakers.agent_channel() == 1 and speakers.agent_channel("left") == 0
    with pytest.raises(Exception, match="use 0 or left, 1 or right"):
        speakers.agent_channel("centre")


# ---- decoding in bounded memory -------------------------------------------------------------

def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@pytest.mark.skipif(shutil.which("sox") is None, reason="needs sox (apt-get install sox)")
def test_a_long_recording_is_decoded_window_by_window_in_flat_memory(tmp_path):
    """Five minutes of stereo 44.1 kHz FLAC: windows of at most 30 s cut near their end, every
    sample accounted for, and memory after the first windows stays flat to the end (the
    benchmark runs a two-hour call: BENCHMARKS.md, "Transcription")."""
    from ingest.audio.decode import SAMPLE_RATE, probe, windows

    path = tmp_path / "long.flac"
    subprocess.run(["sox", "-n", "-r", "44100", "-c", "2", str(path), "synth", "300", "sine", "300", "sine", "500",
                    "tremolo", "2", "90"], check=True)
    assert probe(path).channels == 2 and abs(probe(path).duration - 300) < 0.1
    total, peak, settled, lengths = 0, 0.0, None, []
    for index, window in enumerate(windows(path, channels=2)):
        assert abs(window.offset * SAMPLE_RATE - total) < 1 and window.channels.shape[0] == 2
        total += window.channels.shape[1]
        lengths.append(window.seconds)
        if index == 2:
            settled = _rss_mb()
        peak = max(peak, _rss_mb())
    assert abs(total / SAMPLE_RATE - 300) < 0.05
    assert all(25 <= s <= 30 for s in lengths[:-1]) and len(lengths) >= 10
    assert peak - settled < 25, f"memory grew {peak - settled:.0f} MB over 5 minutes of audio"


def test_the_bundled_model_is_found_in_site_packages_and_a_chosen_one_wins(tmp_path, monkeypatch):
    from convoscope.errors import ModelMissingError
    from ingest.audio import whisper

    monkeypatch.delenv("CONVOSCOPE_WHISPER_MODEL", raising=False)
    bundled = whisper.model_path()
    assert bundled == whisper.bundled_model() and "site-packages" in str(bundled)
    assert {"model.bin", "config.json", "tokenizer.json"} <= {p.name for p in bundled.iterdir()}
    monkeypatch.setenv("CONVOSCOPE_WHISPER_MODEL", str(tmp_path / "small.en"))
    with pytest.raises(ModelMissingError, match="no CTranslate2 Whisper model at .*small.en") as err:
        whisper.model_path()
    assert "\n" not in str(err.value) and "CONVOSCOPE_WHISPER_MODEL" in str(err.value)
    (tmp_path / "small.en").mkdir()
    (tmp_path / "small.en" / "model.bin").write_bytes(b"")
    assert whisper.model_path() == tmp_path / "small.en" and whisper.name() == "small.en"
    with pytest.raises(RuntimeError, match="CONVOSCOPE_ALLOW_MODELS=0"):  # unit tests never load a real model
        whisper.model()


def test_words_are_grouped_by_the_stretches_of_sound_and_take_their_times():
    """Whisper's word times are tenths of a second off; the audio's own pauses decide."""
    import numpy as np

    from ingest.audio.decode import SAMPLE_RATE
    from ingest.audio.whisper import Word

    audio = np.zeros(10 * SAMPLE_RATE, dtype=np.float32)
    for start, end in ((1.0, 3.0), (3.2, 4.0), (6.0, 8.5)):  # a 0.2 s breath is no pause; 2 s is
        t = np.arange(int(start * SAMPLE_RATE), int(end * SAMPLE_RATE))
        audio[t] = 0.3 * np.sin(2 * np.pi * 220 * t / SAMPLE_RATE)
    regions = speakers.speech_regions(audio, offset=100.0)
    assert regions == [(101.0, 104.0), (106.0, 108.5)]
    said = Segment(100.8, 108.9, "Hello there. Fine thanks.", [
        Word(100.8, 101.5, "Hello"), Word(101.6, 104.4, "there."), Word(105.5, 107.0, "Fine"),
        Word(107.1, 108.9, "thanks.")])
    pieces = speakers.split_at([said], regions)
    assert [(p.start, p.end, p.text) for p in pieces] == [(101.0, 104.0, "Hello there."),
                                                          (106.0, 108.5, "Fine thanks.")]


# ---- which JSON beside a recording is its sidecar -------------------------------------------

CONVERSATION = {"id": "chat-1", "channel": "chat", "started_at": "2026-10-03T14:22:05Z", "agent": {"id": "a-1"},
                "turns": [{"speaker": "customer", "text": "My router keeps dropping."},
                          {"speaker": "agent", "text": "Let me check the line."}]}


def test_a_conversation_file_named_like_a_recording_is_ingested_on_its_own(tmp_path, fake):
    from ingest import ingest_paths

    call = _file(tmp_path, "call.wav", b"")  # empty: rejected without the speech model
    (tmp_path / "call.json").write_text(json.dumps(CONVERSATION))
    assert sorted(p.name for p in discover([tmp_path])) == ["call.json", "call.wav"]
    record = describe(call)
    assert record["id"] == "call" and record["metadata"]["started_at_source"] == "file mtime"
    report = ingest_paths(fake, [tmp_path])
    assert report.added == 1 and fake.conversations.get_many(["chat-1"])["chat-1"].channel == "chat"
    assert [Path(r.source).name for r in report.rejected] == ["call.wav"]
    assert report.notes == [f"{tmp_path / 'call.json'} is ingested as a conversation file, not as call.wav's call "
                            "details (its key 'turns' holds a list); to give the recording call details, put them "
                            "in call.meta.json"]
    assert ingest_paths(fake, [call]).notes == report.notes  # the recording alone: still said
    (tmp_path / "call.json").write_text(json.dumps([CONVERSATION]))  # a JSON array of conversations too
    assert "call.json" in [p.name for p in discover([tmp_path])]
    assert "it is a JSON list" in ingest_paths(fake, [tmp_path]).notes[0]


def test_call_details_are_the_sidecar_by_shape_or_by_name(tmp_path):
    call = _file(tmp_path, "call.wav")
    details = {"id": "c-7", "started_at": "2026-10-03T14:22:05Z", "agent": {"id": "a-3", "type": "human"},
               "metadata": {"queue": "retention"}, "csat": 2}
    (tmp_path / "call.json").write_text(json.dumps(details))
    assert [p.name for p in discover([tmp_path])] == ["call.wav"]
    assert describe(call)["id"] == "c-7"
    (tmp_path / "call.json").write_text(json.dumps(CONVERSATION))
    for name in ("call.meta.json", "call.wav.json"):  # named as the recording's: its sidecar, beside a data call.json
        (tmp_path / name).write_text(json.dumps({**details, "id": name}))
        assert sorted(p.name for p in discover([tmp_path])) == ["call.json", "call.wav"]
        assert describe(call)["id"] == name and clash_note(call) is None
        (tmp_path / name).unlink()
    (tmp_path / "call.meta.json").write_text(json.dumps({"id": "x", "turns": []}))
    with pytest.raises(InputError, match="call.meta.json: the recording's sidecar must be one JSON object of call "
                                         "details \\(its key 'turns' holds a list\\)"):
        describe(call)


def test_pieces_of_a_word_are_joined_as_whisper_wrote_them():
    """Whisper gives "£9.99" and "Wi-Fi" as several timed pieces; a piece without a leading
    space belongs to the word before it (it was written "£9 .99" before)."""
    from ingest.audio.whisper import Word, join

    pieces = [Word(0.0, 0.4, "back"), Word(0.4, 0.6, "to"), Word(0.6, 1.0, "£9"), Word(1.0, 1.3, ".99,", glued=True),
              Word(1.4, 1.6, "the"), Word(1.6, 1.8, "Wi"), Word(1.8, 2.0, "-Fi", glued=True)]
    assert join(pieces) == "back to £9.99, the Wi-Fi"
    assert join([Word(0.0, 0.2, ".99", glued=True), Word(0.2, 0.5, "a")]) == ".99 a"  # a group may start mid-word
    said = Segment(0.0, 2.0, "back to £9.99, the Wi-Fi", pieces)
    assert [p.text for p in speakers.split_at([said], [(0.0, 2.0)])] == ["back to £9.99, the Wi-Fi"]
