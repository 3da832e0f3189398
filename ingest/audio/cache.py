"""Transcripts already made, kept so that re-ingesting an unchanged recording does not transcribe it again.

An entry is the recording's turns (speaker, text, start, end) and its length, filed under a key
that hashes everything that changes them: the file's bytes, the model (its folder, the size and
time of ``model.bin``, its ``config.json``; the language follows from the model: English for an
``.en`` model, detected for a multilingual one), the beam, the hotwords, the decoding window, the
channel count and the agent's channel, and ``VERSION`` (raised when the code that makes turns
changes). Change any of them and the recording is transcribed again.

Where: ``transcripts/`` in the store folder, given by the ingest that owns the store
(``ingest.pipeline.ingest_paths``, and each worker of a parallel ingest); a direct call of the
loader with no store outside ``using()`` caches nothing. ``CONVOSCOPE_TRANSCRIPT_CACHE=off``
turns it off; set to a folder, it keeps the transcripts there instead. Raw transcripts hold
what customers said before PII redaction, so the folder is 0700 and each file 0600; delete
the folder to clear it. An entry that cannot be read or does not validate is ignored (the
recording is transcribed again and the entry rewritten), never an error. Entries no code can
use again — an older ``VERSION``, or not a transcript at all — are deleted the first time a
process writes to the folder, so unredacted text does not outlive its use; entries of other
settings (another beam or model) are kept, to be used if those settings come back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from pydantic import BaseModel, ValidationError

from convoscope import settings

VERSION = 2  # bumped when the same audio and settings give a different transcript (2: "£9.99", not "£9 .99")
FOLDER = "transcripts"
_folder: ContextVar[Path | None] = ContextVar("transcript_cache_folder", default=None)
_pruned: set[Path] = set()  # folders this process has already swept of stale entries


class CachedTurn(BaseModel):
    speaker: str
    text: str
    start: float | None = None
    end: float | None = None


class CachedTranscript(BaseModel):
    version: int
    key: str
    seconds: float
    turns: list[CachedTurn]


@contextlib.contextmanager
def using(store_folder: Path | None) -> Iterator[None]:
    """Within the block, recordings' transcripts are kept in ``store_folder/transcripts``."""
    token = _folder.set(Path(store_folder) / FOLDER if store_folder is not None else None)
    try:
        yield
    finally:
        _folder.reset(token)


def folder() -> Path | None:
    """Where transcripts are kept now, or None when the cache is off or no store is in use."""
    setting = (settings.current().transcript_cache or "").strip()
    if setting.lower() in ("off", "0", "false", "no"):
        return None
    if setting and setting.lower() not in ("on", "1", "true", "yes"):
        return Path(setting).expanduser()
    return _folder.get()


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _model_identity() -> dict:
    from ingest.audio.whisper import model_path

    path = model_path()
    weights = (path / "model.bin").stat()
    config = path / "config.json"
    return {"path": str(path.resolve()), "bin_size": weights.st_size, "bin_mtime": int(weights.st_mtime),
            "config": hashlib.sha256(config.read_bytes()).hexdigest() if config.is_file() else None}


def key(path: Path, channels: int, agent: int, window_s: float) -> str:
    """The cache key of transcribing ``path`` with the settings in force now."""
    from ingest.audio.whisper import beam, hotwords

    inputs = {"version": VERSION, "audio": file_hash(path), "model": _model_identity(), "beam": beam(),
              "hotwords": hotwords(), "window_s": window_s, "channels": channels, "agent": agent}
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def get(where: Path, entry: str) -> tuple[list[dict], float] | None:
    """The turns and seconds kept under ``entry``, or None (absent, unreadable, corrupt, stale)."""
    try:
        cached = CachedTranscript.model_validate_json((where / f"{entry}.json").read_bytes())
    except (OSError, ValueError, ValidationError):
        return None
    if cached.version != VERSION or cached.key != entry:
        return None
    return [t.model_dump() for t in cached.turns], cached.seconds


def put(where: Path, entry: str, turns: list[dict], seconds: float) -> None:
    """Keep a transcript, owner-only (0600 in a 0700 folder), written whole or not at all.
    A cache that cannot be written is skipped: the ingest goes on."""
    data = CachedTranscript(version=VERSION, key=entry, seconds=seconds,
                            turns=[CachedTurn.model_validate(t) for t in turns]).model_dump_json()
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=where, prefix=".tmp-", suffix=".json")  # created 0600
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(data)
            os.chmod(temp, 0o600)
            os.replace(temp, where / f"{entry}.json")
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        return
    if where not in _pruned:
        _pruned.add(where)
        prune(where)


def prune(where: Path) -> int:
    """Delete the entries under ``where`` that no code can use again (an older ``VERSION``, or
    not a transcript); how many went. Best effort: a file that cannot be removed is left."""
    gone = 0
    for path in where.glob("*.json"):
        try:
            stale = CachedTranscript.model_validate_json(path.read_bytes()).version != VERSION
        except (OSError, ValueError, ValidationError):
            stale = True
        if stale:
            with contextlib.suppress(OSError):
                path.unlink()
                gone += 1
    return gone
