"""Call recordings as 16 kHz float32 channels, decoded a window at a time with PyAV.

Why windows: a two-hour stereo call is 230 M samples at 16 kHz (920 MB as float32), so the
whole file is never held. PyAV decodes packet by packet (WAV, MP3, M4A/AAC, OGG/Opus, FLAC,
anything FFmpeg reads), resamples to 16 kHz keeping the channels apart (the agent and the
customer of a stereo call stay separate), and ``windows`` hands out about ``window_s``
seconds at a time, cut at the quietest moment near the end so that a word is rarely split.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from convoscope.errors import InputError

SAMPLE_RATE = 16_000
FIX = "check that the file plays, or re-export it as WAV or FLAC"


@dataclass
class Window:
    """``channels[c]`` is channel ``c``'s samples from ``offset`` seconds into the file."""

    offset: float
    channels: np.ndarray  # shape (n_channels, samples), float32 in -1..1

    @property
    def seconds(self) -> float:
        return self.channels.shape[1] / SAMPLE_RATE


@dataclass
class AudioInfo:
    channels: int  # 1 (mono) or 2 (stereo: more than two are mixed down to two)
    duration: float | None  # seconds, when the container says
    codec: str


def _open(path: Path):
    import av

    try:
        container = av.open(str(path))
    except (av.FFmpegError, UnicodeDecodeError, ValueError) as err:
        raise InputError(f"{path}: not audio that can be decoded ({_why(err)})", FIX) from err
    if not container.streams.audio:
        container.close()
        raise InputError(f"{path}: the file has no audio stream", FIX)
    return container


def _why(err: Exception) -> str:
    text = " ".join(str(getattr(err, "strerror", None) or err).split())
    return text[:120] or type(err).__name__


def probe(path: Path) -> AudioInfo:
    """Channels, duration and codec, from the container's header (nothing decoded)."""
    container = _open(path)
    try:
        stream = container.streams.audio[0]
        channels = stream.codec_context.channels or 1
        duration = None
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            duration = container.duration / 1_000_000
        return AudioInfo(channels=1 if channels == 1 else 2, duration=duration, codec=stream.codec_context.name)
    finally:
        container.close()


def _frames(path: Path, layout: str) -> Iterator[np.ndarray]:
    """Decoded, resampled blocks of shape (channels, samples)."""
    import av

    container = _open(path)
    resampler = av.AudioResampler(format="fltp", layout=layout, rate=SAMPLE_RATE)
    try:
        stream = container.streams.audio[0]
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    yield out.to_ndarray()
            for out in resampler.resample(None):
                yield out.to_ndarray()
        except av.FFmpegError as err:
            raise InputError(f"{path}: the audio is damaged ({_why(err)})", FIX) from err
    finally:
        container.close()


def _quiet_cut(block: np.ndarray, lo: int, hi: int) -> int:
    """The sample index in ``[lo, hi)`` at the start of the quietest 50 ms (all channels)."""
    step = SAMPLE_RATE // 20
    span = block[:, lo:hi]
    frames = span.shape[1] // step
    if frames < 2:
        return hi
    energy = (span[:, : frames * step] ** 2).reshape(span.shape[0], frames, step).sum(axis=(0, 2))
    return lo + int(energy.argmin()) * step + step // 2


def windows(path: Path, channels: int, window_s: float = 30.0, search_s: float = 5.0) -> Iterator[Window]:
    """The file as consecutive windows of about ``window_s`` seconds (the last one shorter);
    memory holds one window plus one decoded frame, whatever the file's length."""
    size, search = int(window_s * SAMPLE_RATE), int(search_s * SAMPLE_RATE)
    pending: list[np.ndarray] = []
    held, offset = 0, 0
    for block in _frames(path, "mono" if channels == 1 else "stereo"):
        pending.append(block.astype(np.float32, copy=False))
        held += block.shape[1]
        if held < size:
            continue
        joined = np.concatenate(pending, axis=1)
        cut = _quiet_cut(joined, size - search, size)
        yield Window(offset=offset / SAMPLE_RATE, channels=np.ascontiguousarray(joined[:, :cut]))
        offset += cut
        pending, held = [joined[:, cut:]], joined.shape[1] - cut
    if held:
        yield Window(offset=offset / SAMPLE_RATE, channels=np.ascontiguousarray(np.concatenate(pending, axis=1)))
