"""Loaders for the canonical formats: JSON Lines, a JSON array, and a CSV of turns.

Each loader streams ``Loaded`` and ``Rejected`` items; a bad record is reported
with its location and reason and never stops the rest of the file.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from convoscope.errors import InputError
from convoscope.models import Conversation
from ingest.records import Loaded, Rejected, explain

Item = Loaded | Rejected
Loader = Callable[[Path], Iterator[Item]]

CSV_REQUIRED = ("conversation_id", "started_at", "speaker", "text")
CSV_CONVERSATION = ("channel", "agent_id", "agent_type", "customer_id")
CSV_TURN = ("start", "end", "sentiment")


def _open_text(path: Path):
    try:
        handle = path.open("r", encoding="utf-8-sig", newline="")
        handle.read(1 << 16)
        handle.seek(0)
        return handle
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: not UTF-8 text (bad byte at offset {err.start})",
            "re-save the file as UTF-8",
        ) from err
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})", "check the path and its permissions") from err


def _record_id(record: Any) -> str | None:
    if isinstance(record, dict):
        value = record.get("id")
        return str(value) if value is not None else None
    return None


def _validate(record: Any, source: str, location: str) -> Item:
    if not isinstance(record, dict):
        return Rejected(
            source=source, location=location, reason=f"expected a JSON object, got {type(record).__name__}"
        )
    try:
        conversation = Conversation.model_validate(record)
    except ValidationError as err:
        return Rejected(source=source, location=location, record_id=_record_id(record), reason=explain(err))
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
                yield Rejected(source=source, location=location, reason=f"not UTF-8 text (bad byte at column {err.start + 1})")
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield Rejected(source=source, location=location, reason=f"not valid JSON ({err.msg}, column {err.colno})")
                continue
            yield _validate(record, source, location)


def load_json(path: Path) -> Iterator[Item]:
    source = str(path)
    with _open_text(path) as handle:
        try:
            data = json.load(handle)
        except json.JSONDecodeError as err:
            raise InputError(
                f"{path}: not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})",
                "fix the file, or use JSON Lines so one bad record does not spoil the rest",
            ) from err
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, start=1):
        yield _validate(record, source, f"record {index}")


def _scalar(value: str) -> str | int | float | bool:
    text = value.strip()
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def load_csv(path: Path) -> Iterator[Item]:
    """One row per turn; rows of a conversation need not be adjacent (file order is turn order)."""
    source = str(path)
    with _open_text(path) as handle:
        reader = csv.DictReader(handle)
        columns = [c.strip() for c in (reader.fieldnames or [])]
        missing = [c for c in CSV_REQUIRED if c not in columns]
        if missing:
            raise InputError(
                f"{path}: CSV lacks the column(s) {', '.join(missing)}",
                f"a turns CSV needs the columns {', '.join(CSV_REQUIRED)}",
            )
        reader.fieldnames = columns
        meta_columns = [c for c in columns if c not in CSV_REQUIRED + CSV_CONVERSATION + CSV_TURN and c]
        records: dict[str, dict[str, Any]] = {}
        first_line: dict[str, int] = {}
        for number, row in enumerate(reader, start=2):
            cid = (row.get("conversation_id") or "").strip()
            if not cid:
                yield Rejected(source=source, location=f"line {number}", reason="conversation_id is empty")
                continue
            record = records.get(cid)
            if record is None:
                first_line[cid] = number
                record = records[cid] = {
                    "id": cid,
                    "channel": (row.get("channel") or "").strip() or "unknown",
                    "started_at": (row.get("started_at") or "").strip(),
                    "agent": {
                        "id": (row.get("agent_id") or "").strip() or "unknown",
                        "type": (row.get("agent_type") or "").strip() or "human",
                    },
                    "customer_id": (row.get("customer_id") or "").strip() or None,
                    "metadata": {},
                    "turns": [],
                }
            for column in meta_columns:
                value = row.get(column)
                if value is not None and value.strip() != "":
                    record["metadata"][column] = _scalar(value)
            turn: dict[str, Any] = {"speaker": row.get("speaker"), "text": row.get("text") or ""}
            for column in CSV_TURN:
                value = (row.get(column) or "").strip()
                if value:
                    turn[column] = value
            record["turns"].append(turn)
    for cid, record in records.items():
        yield _validate(record, source, f"line {first_line[cid]}")


LOADERS: dict[str, Loader] = {
    ".jsonl": load_jsonl,
    ".ndjson": load_jsonl,
    ".json": load_json,
    ".csv": load_csv,
}


def supported(path: Path) -> bool:
    return path.suffix.lower() in LOADERS


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
    """Load any supported file; raises InputError when the file as a whole cannot be read."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise InputError(
            f"{path}: unsupported file type '{path.suffix or '(none)'}'",
            f"use one of {', '.join(sorted(LOADERS))}",
        )
    return loader(path)
