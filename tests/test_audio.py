"""Call recordings made here with espeak-ng and sox, transcribed by the bundled Whisper tiny.en:
words, speakers and times against the script they were spoken from; formats; bad recordings;
and a question about the calls answered with citations from the right one.

The scripts come from the sample corpus generator at test time (``eval/audio_calls.py``), as the
callers said them (fillers and false starts; not the corpus's planted mishearings).
Bounds (measured on these calls, WER after Whisper's own English normaliser, see BENCHMARKS.md
"Transcription"): espeak-ng's voices are robotic and the scripts carry names Whisper has never heard
(the company "Lumora", people, postcodes), so the word error rate is well above tiny.en's ~5.6 % on
LibriSpeech clean speech.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from convoscope.models import Conversation, voice_metrics
from eval.audio_calls import encode, missing_tools, sample_scripts, wer, write_call, write_mono
from ingest.formats.audio import load_audio
from ingest.records import Loaded

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(bool(missing_tools()), reason=missing_tools() or "")]

SEED = 23
CALL_WER = 0.27  # any one call, both speakers (21.1 % worst when measured, Whisper's normaliser)
ALL_WER = 0.23  # all the calls' words together (18.5 % when measured)
START_S, END_S = 0.25, 0.25  # a turn's start and end against the script's (0.02 s when measured)
MONO_WORDS = 0.75  # words given to the right speaker on a mono mix (an estimate)


def _load(path: Path) -> Conversation:
    items = list(load_audio(path))
    assert len(items) == 1 and isinstance(items[0], Loaded), items
    return items[0].conversation


def _spoken(conversation: Conversation, speaker: str) -> str:
    return " ".join(t.text for t in conversation.turns if t.speaker == speaker)


@pytest.fixture(scope="module")
def calls(tmp_path_factory):
    """Three stereo calls: one with an interruption, one with the agent on the right channel
    (said by its sidecar), one plain; each with its transcription."""
    os.environ["CONVOSCOPE_ALLOW_MODELS"] = "1"  # module-scoped: set before the per-test switch runs
    folder = tmp_path_factory.mktemp("calls")
    made = []
    for index, script in enumerate(sample_scripts(3, seed=SEED)):
        path = folder / f"call{index}.wav"
        call = write_call(path, script.lines, overlap_at=3 if index == 0 else None, agent_channel=int(index == 1))
        if index == 1:
            path.with_suffix(".json").write_text(json.dumps({**script.sidecar, "agent_channel": "right"}))
        made.append((call, script, _load(path)))
    return made


def test_every_turn_has_the_scripts_speaker_and_times(calls):
    for call, _, conversation in calls:
        assert conversation.metadata["speakers"] == "channel"
        got = [(t.speaker, t.start, t.end) for t in conversation.turns]
        want = [(line.speaker, line.start, line.end) for line in call.lines]
        assert [g[0] for g in got] == [w[0] for w in want], (call.path.name, got, want)
        for (_, start, end), (_, at, until) in zip(got, want):
            assert abs(start - at) <= START_S and abs(end - until) <= END_S, (call.path.name, got, want)


def test_words_match_the_script_within_the_committed_bound(calls):
    scores = []
    for call, _, conversation in calls:
        for speaker in ("agent", "customer"):
            scores.append((call.said_by(speaker), _spoken(conversation, speaker)))
        assert wer(" ".join(r for r, _ in scores[-2:]), " ".join(h for _, h in scores[-2:])) <= CALL_WER
    assert wer(" ".join(r for r, _ in scores), " ".join(h for _, h in scores)) <= ALL_WER


def test_voice_metrics_from_the_recording_match_the_script(calls):
    for index, (call, _, conversation) in enumerate(calls):
        script = Conversation(id="s", channel="voice", started_at=conversation.started_at, agent={"id": "a"},
                              turns=[{"speaker": line.speaker, "text": line.text, "start": line.start, "end": line.end}
                                     for line in call.lines])
        heard, truth = voice_metrics(conversation), voice_metrics(script)
        assert heard["interruptions"] == truth["interruptions"] == (1 if index == 0 else 0)
        assert heard["talk_listen_ratio"] == pytest.approx(truth["talk_listen_ratio"], rel=0.25)
        assert heard["longest_silence_s"] == pytest.approx(truth["longest_silence_s"], abs=0.8)
        assert heard["silence_share"] == pytest.approx(truth["silence_share"], abs=0.12)


def test_the_sidecar_names_the_call_its_time_agent_and_agent_channel(calls):
    _, script, conversation = calls[1]
    assert conversation.id == script.sidecar["id"]
    assert conversation.started_at.isoformat() == script.sidecar["started_at"]
    assert conversation.agent.id == script.sidecar["agent"]["id"]
    assert conversation.metadata["agent_channel"] == "right" and conversation.metadata["started_at_source"] == "sidecar"
    assert calls[0][2].metadata["agent_channel"] == "left" and calls[0][2].metadata["started_at_source"] == "file mtime"


@pytest.mark.parametrize("suffix", [".flac", ".mp3", ".m4a", ".aac", ".ogg", ".opus"])
def test_compressed_formats_give_the_same_call(calls, suffix, tmp_path):
    call, _, reference = calls[2]
    conversation = _load(encode(call.path, tmp_path / f"call{suffix}"))
    assert [t.speaker for t in conversation.turns] == [t.speaker for t in reference.turns]
    assert wer(call.said_by("agent") + " " + call.said_by("customer"),
               _spoken(conversation, "agent") + " " + _spoken(conversation, "customer")) <= CALL_WER


def test_a_mono_mix_gets_estimated_speakers_marked_as_such(calls, tmp_path):
    words = right = 0
    for call, _, _ in calls[1:]:
        conversation = _load(write_mono(tmp_path / f"mono-{call.path.name}", call))
        assert conversation.metadata["speakers"] == "estimated" and "agent_channel" not in conversation.metadata
        for turn in conversation.turns:  # each turn's words go to the script line it overlaps most
            line = max(call.lines, key=lambda ln: min(ln.end, turn.end) - max(ln.start, turn.start))
            words += len(turn.text.split())
            right += len(turn.text.split()) * (line.speaker == turn.speaker)
    assert right / words >= MONO_WORDS


def test_bad_recordings_are_clear_rejects_in_the_ingest_summary(fake, tmp_path, monkeypatch):
    from ingest import ingest_paths

    monkeypatch.setenv("CONVOSCOPE_ALLOW_MODELS", "1")
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.wav").write_bytes(b"")
    (folder / "corrupt.wav").write_bytes(b"RIFF\x24\x00\x00\x00WAVE" + bytes(range(256)) * 8)
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "2", str(folder / "silence.wav"), "trim", "0", "20"], check=True)
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(folder / "hiss.flac"), "synth", "20", "brownnoise",
                    "vol", "0.01"], check=True)
    report = ingest_paths(fake, [folder])
    reasons = {Path(r.source).name: r.reason for r in report.rejected}
    assert report.added == 0 and set(reasons) == {"empty.wav", "corrupt.wav", "silence.wav", "hiss.flac"}
    assert "the file is empty" in reasons["empty.wav"]
    assert "not audio that can be decoded" in reasons["corrupt.wav"]
    assert reasons["silence.wav"] == "no speech found in 20 s of audio (silence or noise only)"
    assert reasons["hiss.flac"] == "no speech found in 20 s of audio (silence or noise only)"
    assert all("\n" not in r for r in reasons.values())
