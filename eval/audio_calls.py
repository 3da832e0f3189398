"""Real call recordings made here, with the script they were made from.

Each turn of a script is spoken by Debian's espeak-ng, the agent in one voice on one channel
and the customer in another voice on the other (``sox -M`` merges the two channel tracks into
one stereo WAV), so a test knows exactly who said what and when: the script is the truth the
transcription is scored against. The texts come from the sample corpus generator, run at test
time with a seed the test picks, not from sentences written to suit the recogniser.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

RATE = 22_050  # espeak-ng's output rate
AGENT_VOICE, CUSTOMER_VOICE = "en-us+m3", "en-gb+f2"
TOOLS = ("espeak-ng", "sox")


def missing_tools() -> str | None:
    """Why calls cannot be made here (a binary is missing), else None."""
    absent = [tool for tool in TOOLS if shutil.which(tool) is None]
    return f"needs {' and '.join(absent)} (apt-get install espeak-ng sox)" if absent else None


@dataclass
class Line:
    speaker: str  # agent | customer
    text: str
    start: float = 0.0
    end: float = 0.0


@dataclass
class Call:
    path: Path
    lines: list[Line]
    seconds: float
    meta: dict = field(default_factory=dict)

    def said_by(self, speaker: str) -> str:
        return " ".join(line.text for line in self.lines if line.speaker == speaker)


def _speak(text: str, voice: str, target: Path) -> np.ndarray:
    subprocess.run(["espeak-ng", "-v", voice, "-s", "165", "-w", str(target), text], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with wave.open(str(target), "rb") as handle:
        assert handle.getframerate() == RATE and handle.getnchannels() == 1
        return np.frombuffer(handle.readframes(handle.getnframes()), dtype=np.int16)


def _voiced(samples: np.ndarray) -> tuple[int, int]:
    """First and last sample above a whisper: espeak pads its clips with a little silence."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > 300)
    return (int(loud[0]), int(loud[-1]) + 1) if loud.size else (0, 0)


def _write_track(samples: np.ndarray, target: Path) -> None:
    with wave.open(str(target), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(samples.astype(np.int16).tobytes())


def write_call(path: Path, script: list[tuple[str, str]], gap: float = 0.8, overlap_at: int | None = None,
               agent_channel: int = 0, lead: float = 0.5, voices: tuple[str, str] = (AGENT_VOICE, CUSTOMER_VOICE)) -> Call:
    """A stereo WAV of ``script`` (speaker, text) with ``gap`` seconds between turns; turn
    ``overlap_at`` starts 1.2 s before the previous one ends (an interruption). Line times are
    where the voice is audible, from the clips themselves."""
    work = path.parent / f".{path.stem}-clips"
    work.mkdir(parents=True, exist_ok=True)
    clips = [_speak(text, voices[0] if who == "agent" else voices[1], work / f"{i}.wav")
             for i, (who, text) in enumerate(script)]
    lines: list[Line] = []
    at = int(lead * RATE)
    placed: list[tuple[int, np.ndarray]] = []
    for i, ((who, text), clip) in enumerate(zip(script, clips)):
        begin, finish = _voiced(clip)
        if i == overlap_at and placed:
            at -= int(1.2 * RATE)
        placed.append((at, clip))
        lines.append(Line(who, text, round((at + begin) / RATE, 2), round((at + finish) / RATE, 2)))
        at += finish + int(gap * RATE)
    total = at + int(lead * RATE)
    tracks = [np.zeros(total, dtype=np.int16), np.zeros(total, dtype=np.int16)]
    for (start, clip), line in zip(placed, lines):
        channel = agent_channel if line.speaker == "agent" else 1 - agent_channel
        tracks[channel][start:start + clip.size] += clip[: total - start]
    names = [work / "left.wav", work / "right.wav"]
    for track, name in zip(tracks, names):
        _write_track(track, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["sox", "-M", str(names[0]), str(names[1]), str(path)], check=True, stderr=subprocess.PIPE)
    shutil.rmtree(work)
    return Call(path=path, lines=lines, seconds=total / RATE)


def write_mono(path: Path, call: Call) -> Path:
    """The same call mixed down to one channel (``sox … remix 1,2``): no channel to tell speakers by."""
    subprocess.run(["sox", str(call.path), str(path), "remix", "1,2"], check=True, stderr=subprocess.PIPE)
    return path


@dataclass
class Script:
    """A generated conversation's opening as a script, with what the corpus knows about it."""

    id: str
    reason: str  # the sample corpus's reason id
    label: str  # that reason in words ("Router keeps dropping the connection")
    lines: list[tuple[str, str]]  # (speaker, text)
    sidecar: dict  # id, started_at, agent: what a call recorder would store beside the file


def sample_scripts(count: int, seed: int, turns: int = 6, max_words: int = 40) -> list[Script]:
    """``count`` voice conversations of the generated sample corpus as scripts of their first
    ``turns`` turns (agent and customer only, each cut to about ``max_words`` at a sentence end),
    each about a different reason."""
    from convoscope.sample import generate
    from convoscope.sample.generator import ALL_REASONS_BY_ID

    corpus = generate(n=200, seed=seed)
    chosen: list[Script] = []
    reasons: set[str] = set()
    for conversation in corpus.conversations:
        label = corpus.truth.labels[conversation.id]
        if conversation.channel != "voice" or label.reason in reasons or label.reason not in ALL_REASONS_BY_ID:
            continue
        lines = [(t.speaker, _cut(t.text, max_words)) for t in conversation.turns if t.speaker in ("agent", "customer")]
        if len(lines) < 4 or {s for s, _ in lines[:turns]} != {"agent", "customer"}:
            continue
        reasons.add(label.reason)
        sidecar = {"id": f"call-{seed}-{conversation.id}", "started_at": conversation.started_at.isoformat(),
                   "agent": conversation.agent.model_dump()}
        chosen.append(Script(conversation.id, label.reason, ALL_REASONS_BY_ID[label.reason].label, lines[:turns],
                             sidecar))
        if len(chosen) == count:
            break
    return chosen


ENCODERS = {".flac": ("flac", "s16"), ".mp3": ("libmp3lame", "s16p"), ".m4a": ("aac", "fltp"),
            ".aac": ("aac", "fltp"), ".ogg": ("libopus", "s16"), ".opus": ("libopus", "s16")}


def encode(source: Path, target: Path) -> Path:
    """``source`` (a WAV) re-encoded by PyAV into the format ``target``'s suffix names:
    .flac, .mp3, .m4a / .aac (AAC; .aac as raw ADTS), .ogg / .opus (Opus), at 96 kb/s."""
    import av

    codec, sample_format = ENCODERS[target.suffix.lower()]
    rate = 48_000 if codec == "libopus" else 44_100
    with av.open(str(source)) as src, av.open(str(target), "w", format="adts" if target.suffix == ".aac" else None) as out:
        layout = "stereo" if src.streams.audio[0].codec_context.channels == 2 else "mono"
        stream = out.add_stream(codec, rate=rate, layout=layout)
        stream.format, stream.bit_rate = sample_format, 96_000
        resampler, fifo = av.AudioResampler(format=sample_format, layout=stream.layout.name, rate=rate), av.AudioFifo()
        for frame in [*src.decode(audio=0), None]:
            for ready in resampler.resample(frame):
                ready.pts = None
                fifo.write(ready)
            while fifo.samples >= (size := stream.codec_context.frame_size or 1024) or (frame is None and fifo.samples):
                out.mux(stream.encode(fifo.read(min(size, fifo.samples))))
        out.mux(stream.encode(None))
    return target


def _cut(text: str, max_words: int) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    kept: list[str] = []
    for sentence in sentences:
        if kept and len(" ".join(kept + [sentence]).split()) > max_words:
            break
        kept.append(sentence)
    return " ".join(kept)


FILLERS = frozenset({"uh", "um", "er", "erm", "hmm", "mm", "ah"})


def words(text: str) -> list[str]:
    """Lower-case words without punctuation or hesitations (Whisper leaves "um"/"er" out), with
    British and American spellings made one, as Whisper's own WER normaliser does: what WER compares."""
    text = text.lower().replace("%", " percent").replace("&", " and ").replace("cancell", "cancel")
    text = re.sub(r"(?<=[a-z]{2})is(e|ed|es|ing|ation)\b", r"iz\1", text)  # British and American spellings
    return [w for w in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text) if w not in FILLERS]


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate: (substitutions + deletions + insertions) / reference words (Levenshtein)."""
    ref, hyp = words(reference), words(hypothesis)
    if not ref:
        return float(bool(hyp))
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / len(ref)
