"""Call recordings (WAV, MP3, M4A/AAC, OGG/Opus, FLAC) transcribed offline into one conversation.

The pipeline: decode a window at a time (``ingest/audio/decode.py``, bounded memory), speech
to text per channel with faster-whisper (``whisper.py``), speakers by channel on stereo or an
estimate on mono (``speakers.py``), id / time / agent from a sidecar, index or the file name
(``sidecar.py``); with no id in any of them the file's name is the id (``KT-00001.wav`` ->
``KT-00001``), and an id equal to it counts as made up from it. Turns carry start and end
seconds, so the enrichment computes talk/listen, silence and interruptions from them like for
any timed transcript.

Metadata written: ``speakers`` (``channel``: exact, from a stereo recording; ``estimated``:
clustered voices of a mono one), ``agent_channel`` (stereo), ``audio_seconds``,
``audio_codec``, ``transcribed_by``, ``started_at_source``.

Speech-to-text is the optional ``audio`` extra; without it a recording is one clear reject
naming the install command, and the core install never imports PyAV or CTranslate2.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from convoscope.errors import ConvoscopeError, InputError
from convoscope.models import Conversation
from ingest.formats.common import file_id, made_up
from ingest.records import Loaded, Rejected, explain

Item = Loaded | Rejected
WINDOW_S = 60.0  # seconds decoded and transcribed at a time: memory stays bounded on a long call
_NOISE = re.compile(r"^[\s\[\(\*♪.…-]*(blank[_ ]audio|silence|music|inaudible|no speech)?[\s\]\)\*♪.…-]*$", re.I)


def installed() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("faster_whisper", "av"))


def _require(path: Path) -> None:
    if not installed():
        raise InputError(f"{path}: call recordings need the optional speech-to-text extra: "
                         "pip install 'convoscope[audio]'", "then ingest the recording again")


def transcript(path: Path, channels: int, agent: int) -> tuple[list[dict], float]:
    """The recording's turns (speaker, text, start, end) and its length in seconds."""
    from ingest.audio import speakers
    from ingest.audio.decode import SAMPLE_RATE, windows
    from ingest.audio.whisper import transcribe

    spoken: list[speakers.Spoken] = []
    pieces, features = [], []
    seconds = 0.0
    for window in windows(path, channels, WINDOW_S):
        seconds = window.offset + window.seconds
        if channels == 2:
            found = []
            for audio in window.channels:
                heard = [s for s in transcribe(audio, window.offset, words=True) if not _NOISE.match(s.text)]
                found.append(speakers.split_at(heard, speakers.speech_regions(audio, window.offset)))
            spoken += speakers.by_channel(found, agent)
            continue
        audio = window.channels[0]
        found = [s for s in transcribe(audio, window.offset, words=True) if not _NOISE.match(s.text)]
        for piece in speakers.split_at(found, speakers.speech_regions(audio, window.offset)):
            lo, hi = (int((t - window.offset) * SAMPLE_RATE) for t in (piece.start, piece.end))
            pieces.append(piece)
            features.append(speakers.voice_features(audio[max(lo, 0):hi]))
    if channels == 1:
        spoken = speakers.estimated(pieces, features)
    return speakers.turns(spoken), seconds


def cached_transcript(path: Path, channels: int, agent: int) -> tuple[list[dict], float]:
    """``transcript``, from the store's transcript cache when this recording was transcribed
    before with the same model and settings (``ingest/audio/cache.py``)."""
    from ingest.audio import cache

    where = cache.folder()
    if where is None:
        return transcript(path, channels, agent)
    entry = cache.key(path, channels, agent, WINDOW_S)
    found = cache.get(where, entry)
    if found is not None:
        return found
    turns, seconds = transcript(path, channels, agent)
    if turns:
        cache.put(where, entry, turns, seconds)
    return turns, seconds


def load_audio(path: Path) -> Iterator[Item]:
    """A call recording -> one conversation, or one ``Rejected`` saying why not."""
    _require(path)
    from ingest.audio.decode import probe
    from ingest.audio.sidecar import describe
    from ingest.audio.speakers import agent_channel
    from ingest.audio.whisper import name

    source, location = str(path), "file"
    record = describe(path)
    info = probe(path)
    try:
        agent = agent_channel(record.pop("agent_channel", None))
    except ConvoscopeError as err:
        yield Rejected(source=source, location=location, record_id=record["id"], reason=err.what)
        return
    turns, seconds = cached_transcript(path, info.channels, agent)
    if seconds <= 0:
        yield Rejected(source=source, location=location, record_id=record["id"],
                       reason="no audio samples in the recording (an empty or truncated file)")
        return
    if not turns:
        yield Rejected(source=source, location=location, record_id=record["id"],
                       reason=f"no speech found in {seconds:.0f} s of audio (silence or noise only)")
        return
    record["metadata"].update({
        "speakers": "channel" if info.channels == 2 else "estimated",
        "audio_seconds": round(seconds, 2), "audio_codec": info.codec, "transcribed_by": name(),
    })
    if info.channels == 2:
        record["metadata"]["agent_channel"] = "left" if agent == 0 else "right"
    if record["id"] == file_id(path):
        record["metadata"].update(made_up(path, record["id"]))
    record["turns"] = turns
    try:
        conversation = Conversation.model_validate(record)
    except ValidationError as err:
        yield Rejected(source=source, location=location, record_id=record["id"], reason=explain(err))
        return
    yield Loaded(conversation=conversation, source=source, location=location)
