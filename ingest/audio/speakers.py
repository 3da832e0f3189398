"""Who spoke when: segments of speech become agent and customer turns.

Whisper's words are grouped by the stretches of sound they fall in, found in the audio itself
(quiet for 0.35 s or more ends one), and each group takes its stretch's start and end: with the
VAD filter Whisper sees a channel's speech stitched together, so one of its segments can run
across the other party's turn, and its word times are often tenths of a second off.

Stereo call recordings keep each party on its own channel, so a group's speaker is its
channel, exactly (``CONVOSCOPE_AUDIO_AGENT_CHANNEL``, default 0 = left, is the agent). Both
channels' groups are merged by start time, so when one party talks over the other the
turns overlap in time and the enrichment counts it as an interruption.

A mono recording has no such signal; the split is a best effort: each group is described by
the shape of its spectrum (MFCC-like: the cepstrum of log mel band energies, mean and spread),
and the groups are clustered into two voices with k-means. The voice that speaks first is the
agent, as a call centre answers the call. Short phrases ("yes", "okay") carry little voice, so
expect some misattribution.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from convoscope import settings
from convoscope.errors import ConvoscopeError
from ingest.audio.decode import SAMPLE_RATE
from ingest.audio.whisper import Segment, Word, join

PAUSE_S = 0.35  # a quiet stretch this long ends a stretch of speech (a possible change of turn)
TURN_GAP_S = 2.0  # one speaker's consecutive segments closer than this are one turn


@dataclass
class Spoken:
    speaker: str
    start: float
    end: float
    text: str


def agent_channel(value: str | None = None) -> int:
    """The agent's channel: ``value`` (a call's own setting) or ``CONVOSCOPE_AUDIO_AGENT_CHANNEL``;
    ``0``/``left`` (the default) or ``1``/``right``."""
    value = (value if value is not None else settings.current().audio_agent_channel).strip().lower()
    known = {"0": 0, "left": 0, "l": 0, "1": 1, "right": 1, "r": 1}
    if value not in known:
        raise ConvoscopeError(f"agent channel {value!r} is not a channel",
                              "use 0 or left, 1 or right (the channel the agent was recorded on)")
    return known[value]


def by_channel(segments: list[list[Segment]], agent: int) -> list[Spoken]:
    """Each channel's segments with that channel's speaker, in order of start time."""
    spoken = [Spoken("agent" if channel == agent else "customer", s.start, s.end, s.text)
              for channel, found in enumerate(segments) for s in found]
    return sorted(spoken, key=lambda s: (s.start, s.end))


def turns(spoken: list[Spoken], gap: float = TURN_GAP_S) -> list[dict]:
    """Consecutive segments of one speaker as one turn when the pause between them is short."""
    out: list[dict] = []
    for item in sorted(spoken, key=lambda s: (s.start, s.end)):
        last = out[-1] if out else None
        if last and last["speaker"] == item.speaker and item.start - last["end"] <= gap:
            last["text"] += " " + item.text
            last["end"] = max(last["end"], item.end)
        else:
            out.append({"speaker": item.speaker, "text": item.text, "start": item.start, "end": item.end})
    return out


def _phrase(words) -> Segment:
    return Segment(words[0].start, max(words[-1].end, words[0].start), join(words), list(words))


# ---- mono: an estimate ------------------------------------------------------------------


def speech_regions(audio: np.ndarray, offset: float, least: float = PAUSE_S) -> list[tuple[float, float]]:
    """Stretches of sound (seconds from the file's start) in one channel, split where it is quiet
    for ``least`` seconds or more: 20 ms frames 30 dB under the loud ones (or 6 dB over the
    noise floor) are quiet; a stretch shorter than 0.1 s (a click) is dropped.

    Why from the audio and not from Whisper's word times: those are often a few tenths of a
    second off at a change of speaker, which is exactly where a turn must start and end."""
    hop = SAMPLE_RATE // 50
    frames = audio.size // hop
    if frames < 2:
        return []
    level = 10 * np.log10((audio[: frames * hop].reshape(frames, hop).astype(np.float64) ** 2).mean(axis=1) + 1e-10)
    loud = level >= max(np.percentile(level, 95) - 30, np.percentile(level, 10) + 6)
    regions: list[list[int]] = []
    for index in np.flatnonzero(loud):
        if regions and index - regions[-1][1] < least * 50:
            regions[-1][1] = index + 1
        else:
            regions.append([index, index + 1])
    step = hop / SAMPLE_RATE
    return [(round(offset + a * step, 2), round(offset + b * step, 2)) for a, b in regions if b - a >= 5]


def split_at(segments: list[Segment], regions: list[tuple[float, float]], snap: float = 1.0) -> list[Segment]:
    """Words grouped by the stretch of sound their middle falls in (nearest, between two), each
    group's start and end moved to its stretch's when within ``snap`` seconds of Whisper's."""
    if not regions:
        return segments
    cuts = [(a[1] + b[0]) / 2 for a, b in zip(regions, regions[1:])]
    grouped: list[tuple[int, list]] = []
    for seg in segments:
        for word in seg.words or [Word(seg.start, seg.end, seg.text)]:
            here = int(np.searchsorted(cuts, (word.start + word.end) / 2))
            if grouped and grouped[-1][0] == here:
                grouped[-1][1].append(word)
            else:
                grouped.append((here, [word]))
    out: list[Segment] = []
    for i, (here, words) in enumerate(grouped):
        piece = _phrase(words)
        start, end = regions[here]
        first = i == 0 or grouped[i - 1][0] != here
        last = i == len(grouped) - 1 or grouped[i + 1][0] != here
        if first and abs(piece.start - start) <= snap:
            piece.start = start
        if last and abs(piece.end - end) <= snap:
            piece.end = max(end, piece.start)
        out.append(piece)
    return out


def _mel_filters(bands: int = 26, n_fft: int = 512) -> np.ndarray:
    mel = np.linspace(0, 2595 * np.log10(1 + 7600 / 700), bands + 2)
    hz = 700 * (10 ** (mel / 2595) - 1)
    bins = np.floor((n_fft + 1) * hz / SAMPLE_RATE).astype(int)
    filters = np.zeros((bands, n_fft // 2 + 1), dtype=np.float32)
    for b in range(bands):
        lo, mid, hi = bins[b], bins[b + 1], max(bins[b + 2], bins[b + 1] + 1)
        filters[b, lo:mid] = np.linspace(0, 1, max(mid - lo, 1), endpoint=False)[: mid - lo]
        filters[b, mid:hi] = np.linspace(1, 0, hi - mid, endpoint=False)
    return filters


_FILTERS = _mel_filters()
_DCT = np.cos(np.pi / 26 * (np.arange(26)[None, :] + 0.5) * np.arange(1, 14)[:, None]).astype(np.float32)


def voice_features(audio: np.ndarray) -> np.ndarray | None:
    """MFCC-like mean and spread over the louder half of 25 ms frames; None when too short."""
    frame, hop = 400, 160
    if audio.size < frame * 4:
        return None
    count = 1 + (audio.size - frame) // hop
    index = np.arange(frame)[None, :] + hop * np.arange(count)[:, None]
    spectrum = np.abs(np.fft.rfft(audio[index] * np.hanning(frame), n=512)) ** 2
    logmel = np.log(spectrum @ _FILTERS.T + 1e-8)
    cepstra = logmel @ _DCT.T
    energy = logmel.sum(axis=1)
    voiced = cepstra[energy >= np.median(energy)]
    return np.concatenate([voiced.mean(axis=0), voiced.std(axis=0)])


def two_voices(features: np.ndarray, rounds: int = 20) -> np.ndarray:
    """k-means with k=2 on standardised features, seeded by the two farthest-apart phrases
    (deterministic); labels with the first phrase's voice as 0."""
    if len(features) < 2:
        return np.zeros(len(features), dtype=int)
    x = (features - features.mean(axis=0)) / (features.std(axis=0) + 1e-6)
    first = int(np.argmax(((x - x[0]) ** 2).sum(axis=1)))
    second = int(np.argmax(((x - x[first]) ** 2).sum(axis=1)))
    centres = x[[first, second]].copy()
    labels = np.zeros(len(x), dtype=int)
    for _ in range(rounds):
        labels = ((x[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        for k in (0, 1):
            if (labels == k).any():
                centres[k] = x[labels == k].mean(axis=0)
    return labels if labels[0] == 0 else 1 - labels


def estimated(pieces: list[Segment], features: list[np.ndarray | None]) -> list[Spoken]:
    """Mono phrases with a guessed speaker; a phrase too short to describe takes its neighbour's voice."""
    known = [i for i, f in enumerate(features) if f is not None]
    labels = np.full(len(pieces), -1)
    if known:
        labels[known] = two_voices(np.stack([features[i] for i in known]))
    for i in range(len(labels)):
        if labels[i] < 0:
            labels[i] = labels[i - 1] if i else next((int(v) for v in labels if v >= 0), 0)
    first = int(labels[0]) if len(labels) else 0
    return [Spoken("agent" if int(label) == first else "customer", p.start, p.end, p.text)
            for p, label in zip(pieces, labels)]
