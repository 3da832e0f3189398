"""Loaders for the canonical formats (JSON Lines, a JSON array; the CSV of turns is in
``ingest.formats.turns_csv``) and the registry that picks a loader for any file.

Each loader streams ``Loaded`` and ``Rejected`` items; a bad record is reported
with its location and reason and never stops the rest of the file. What a reject or a whole-file
error says (the file's name, the record's id, a reason quoting a time or a label) is printed and
written to the store's ``rejects/``, so ``load`` redacts personal data from it first, as the
ingest does from conversations.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from convoscope.errors import InputError
from convoscope.models import Conversation
from ingest.audio.sidecar import AUDIO_SUFFIXES, is_sidecar
from ingest.formats.common import parse_datetime
from ingest.formats.streaming import BrokenJSON, json_records
from ingest.pii import Redactor
from ingest.records import Loaded, Rejected, explain

Item = Loaded | Rejected
Loader = Callable[[Path], Iterator[Item]]

HEAD = 1 << 16  # bytes sniffed for the format and the encoding


def head_of(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(HEAD)
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})", "check the path and its permissions") from err


def encoding_of(path: Path, head: bytes | None = None) -> str:
    """``utf-8`` (with or without BOM) when the file's start decodes as it, else the encoding
    charset-normalizer detects (cp1252, latin-1, UTF-16 …); a file with no text encoding that
    fits is binary, and an ``InputError``."""
    head = head_of(path) if head is None else head
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError as err:
        if err.start >= len(head) - 4:  # a character cut by the sniff window, not a bad byte
            return "utf-8-sig"
    if head.count(b"\x00") > len(head) // 100 or b"\x00" in head.split(b"\n", 1)[0]:  # a stray NUL line is a reject
        raise InputError(f"{path}: a binary file, not text", "export the conversations as JSON Lines, CSV or text")
    detected = detect_encoding(head)
    if detected is None:
        raise InputError(f"{path}: not text in any encoding we can detect", "re-save the file as UTF-8")
    return detected


def detect_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess, except that among single-byte code pages Windows-1252 wins
    when it reads the bytes: on short Western text the guess between cp1250 and cp1252 is a
    coin toss ("£" or "Ł"), and Western exports are by far the more common."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    if best.encoding.startswith(("cp125", "iso8859", "latin", "mac_", "windows")):
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return best.encoding


def _open_text(path: Path):
    """The file as text, in its detected encoding (UTF-8 unless detected otherwise)."""
    encoding = encoding_of(path)
    try:
        handle = path.open("r", encoding=encoding, newline="")
        handle.read(HEAD)
        handle.seek(0)
        return handle
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: not {encoding} text after all (bad byte at offset {err.start})",
            "re-save the file as UTF-8",
        ) from err
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})", "check the path and its permissions") from err


def _record_id(record: Any) -> str | None:
    if isinstance(record, dict):
        value = record.get("id")
        return str(value) if value is not None else None
    return None


def _assume_zone(record: dict) -> dict:
    """A ``started_at`` without a timezone gets the configured one (``CONVOSCOPE_TIMEZONE``,
    default UTC), and the conversation says so in ``metadata.timezone_assumed``."""
    value = record.get("started_at")
    if not isinstance(value, str):
        return record
    try:
        moment, assumed = parse_datetime(value)
    except ValueError:
        return record  # validation explains it
    if not assumed:
        return record
    metadata = record.get("metadata") if isinstance(record.get("metadata"), dict) else {}
    return {**record, "started_at": moment.isoformat(), "metadata": {**metadata, "timezone_assumed": True}}


def validate(record: Any, source: str, location: str) -> Item:
    """A record as a ``Conversation``, or the reason it is not one."""
    if not isinstance(record, dict):
        return Rejected(
            source=source, location=location, reason=f"expected a JSON object, got {type(record).__name__}"
        )
    try:
        conversation = Conversation.model_validate(_assume_zone(record))
    except ValidationError as err:
        return Rejected(source=source, location=location, record_id=_record_id(record), reason=explain(err))
    return checked(conversation, source, location)


def checked(conversation: Conversation, source: str, location: str) -> Item:
    """Rules every loader's conversations share: there must be a customer to listen to."""
    if not any(turn.speaker == "customer" for turn in conversation.turns):
        return Rejected(source=source, location=location, record_id=conversation.id,
                        reason="no customer turn: nothing the customer said to analyse (check the speaker labels)")
    return Loaded(conversation=conversation, source=source, location=location)


def load_jsonl(path: Path) -> Iterator[Item]:
    """One conversation per line, streamed: memory stays bounded whatever the file size."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})", "check the path and its permissions") from err
    with handle:
        for number, raw in enumerate(handle, start=1):
            location = f"line {number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as err:
                try:  # one line in a legacy encoding (a Windows export): detect and convert it
                    encoding = None if b"\x00" in raw else detect_encoding(raw)
                    if encoding is None:
                        raise ValueError
                    line = raw.decode(encoding)
                except (ValueError, LookupError):
                    yield Rejected(source=source, location=location,
                                   reason="not text in UTF-8 or a detectable encoding "
                                          f"(bad byte at column {err.start + 1})")
                    continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield Rejected(source=source, location=location,
                               reason=f"not valid JSON ({err.msg}, column {err.colno})")
                continue
            yield validate(record, source, location)


def load_json(path: Path) -> Iterator[Item]:
    """A JSON array of conversations (or one conversation), streamed record by record: a
    2 GB array needs no more memory than one record. A file that stops being JSON keeps the
    records before the break; the break is a reject."""
    source = str(path)
    with _open_text(path) as handle:
        index = 0
        try:
            for index, record in enumerate(json_records(handle), start=1):
                yield validate(record, source, f"record {index}")
        except BrokenJSON as err:
            if err.count == 0:
                raise InputError(f"{path}: not valid JSON ({err.reason}, in record 1)",
                                 "fix the file, or use JSON Lines so one bad record does not spoil the rest") from None
            yield Rejected(source=source, location=f"record {err.count + 1}",
                           reason=f"not valid JSON from here on ({err.reason}); "
                                  f"the {err.count} record(s) before it were read")


LOADERS: dict[str, Loader] = {
    ".jsonl": load_jsonl,
    ".ndjson": load_jsonl,
    ".json": load_json,
}
FORMATS = {  # extension -> (module in ingest.formats, loader); chosen by extension and sniffed content
    ".csv": ("turns_csv", "load_csv"),
    ".txt": ("text", "load_text"),
    ".vtt": ("captions", "load_vtt"),
    ".srt": ("captions", "load_srt"),
    ".eml": ("email", "load_eml"),
    ".mbox": ("email", "load_mbox"),
    **{suffix: ("audio", "load_audio") for suffix in AUDIO_SUFFIXES},  # call recordings: the `audio` extra
}
MAPPING_NAMES = (".convoscope.yaml", ".convoscope.yml", ".convoscope.toml")


def _format(module: str, name: str) -> Loader:
    from importlib import import_module

    return getattr(import_module(f"ingest.formats.{module}"), name)


def supported(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(MAPPING_NAMES) or name.startswith("convoscope-mapping."):
        return False  # a mapping file describes data files; it is not data itself
    if path.suffix.lower() in (".json", ".csv") and is_sidecar(path):
        return False  # a recording's metadata (call.json beside call.wav, calls.csv), read with the recording
    return path.suffix.lower() in LOADERS or path.suffix.lower() in FORMATS


def choose(path: Path, head: bytes) -> Loader:
    """The loader for ``path``: a mapping file beside it wins (CSV/JSON exports of other
    tools), then Amazon Transcribe JSON by its keys, then the extension."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".json", ".jsonl", ".ndjson"):
        from ingest.formats.mapping import load_mapped, mapping_for

        mapping = mapping_for(path)
        if mapping is not None:
            return lambda p: load_mapped(p, mapping)
    if suffix == ".json":
        from ingest.formats.transcribe import sniff

        if sniff(head):
            return _format("transcribe", "load_transcribe")
    if suffix in FORMATS:
        return _format(*FORMATS[suffix])
    loader = LOADERS.get(suffix)
    if loader is None:
        raise InputError(
            f"{path}: unsupported file type '{path.suffix or '(none)'}'",
            f"use one of {', '.join(sorted([*LOADERS, *FORMATS]))}",
        )
    return loader


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Files to ingest: each file given, and every supported file under each folder given."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and supported(p))
        elif path.exists():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder", "check the path")
    return found


def load(path: Path) -> Iterator[Item]:
    """Load any supported file; raises InputError when the file as a whole cannot be read
    (empty, binary, unsupported, unreadable). Rejects and that error come redacted."""
    redactor = Redactor.from_env()
    try:
        loader = _checked_loader(path)
    except InputError as err:
        raise redacted_error(err, redactor) from err.__cause__
    return _shared_rules(loader(path), redactor)


def _checked_loader(path: Path) -> Loader:
    """The loader for ``path``, once the file is known to be neither empty nor binary text."""
    head = head_of(path)
    if not head.strip():
        raise InputError(f"{path}: the file is empty", "export the conversations again; nothing was read from it")
    loader = choose(path, head)
    if path.suffix.lower() not in (".mbox", ".eml", *AUDIO_SUFFIXES):  # mail may carry 8-bit bodies; audio is binary
        encoding_of(path, head)  # binary or undecodable: one clear line, not a reject per line
    return loader


def _shared_rules(items: Iterator[Item], redactor: Redactor) -> Iterator[Item]:
    """``checked`` on every conversation; every reject, and an error ending the file, redacted."""
    try:
        for item in items:
            if isinstance(item, Loaded):
                item = checked(item.conversation, item.source, item.location)
            yield item if isinstance(item, Loaded) else redacted(item, redactor)
    except InputError as err:
        raise redacted_error(err, redactor) from err.__cause__


def _redact(text: str, redactor: Redactor) -> str:
    return redactor.redact_text(text)[0]


def redacted(item: Rejected, redactor: Redactor) -> Rejected:
    """A reject with personal data redacted from all it says: file name, id, reason."""
    return item.model_copy(update={
        "source": _redact(item.source, redactor), "reason": _redact(item.reason, redactor),
        "record_id": None if item.record_id is None else _redact(item.record_id, redactor)})


def redacted_error(err: InputError, redactor: Redactor) -> InputError:
    """The same error with personal data redacted from what it says (and from its fix)."""
    return InputError(_redact(err.what, redactor), None if err.fix is None else _redact(err.fix, redactor))
