"""The canonical CSV: one row per turn, rows of a conversation anywhere in the file.

Rows are grouped by ``conversation_id`` in bounded memory (``streaming.Groups`` moves them
to a temporary SQLite file past a bound), so a multi-GB export does not need its size in RAM.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from convoscope.errors import InputError
from ingest.formats.streaming import SPILL_ROWS, Groups
from ingest.loaders import Item, _open_text, validate
from ingest.records import Rejected

CSV_REQUIRED = ("conversation_id", "started_at", "speaker", "text")
CSV_CONVERSATION = ("channel", "agent_id", "agent_type", "customer_id")
CSV_TURN = ("start", "end", "sentiment")


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


def _record(cid: str, rows: list[dict[str, str]], meta_columns: list[str]) -> dict[str, Any]:
    """The conversation object of a conversation's rows (the first row gives its fields; a
    metadata value set on any row counts, the last one winning)."""
    first = rows[0]
    metadata: dict[str, Any] = {}
    turns: list[dict[str, Any]] = []
    for row in rows:
        for column in meta_columns:
            value = row.get(column)
            if value is not None and value.strip() != "":
                metadata[column] = _scalar(value)
        turn: dict[str, Any] = {"speaker": row.get("speaker"), "text": row.get("text") or ""}
        for column in CSV_TURN:
            value = (row.get(column) or "").strip()
            if value:
                turn[column] = value
        turns.append(turn)
    return {
        "id": cid,
        "channel": (first.get("channel") or "").strip() or "unknown",
        "started_at": (first.get("started_at") or "").strip(),
        "agent": {
            "id": (first.get("agent_id") or "").strip() or "unknown",
            "type": (first.get("agent_type") or "").strip() or "human",
        },
        "customer_id": (first.get("customer_id") or "").strip() or None,
        "metadata": metadata,
        "turns": turns,
    }


def load_csv(path: Path, spill_rows: int = SPILL_ROWS) -> Iterator[Item]:
    """One row per turn; rows of a conversation need not be adjacent (file order is turn order)."""
    source = str(path)
    with _open_text(path) as handle, Groups[tuple[int, dict[str, str]]](spill_rows) as groups:
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
        number = 2
        try:
            for row in reader:
                cid = (row.get("conversation_id") or "").strip()
                if not cid:
                    yield Rejected(source=source, location=f"line {number}", reason="conversation_id is empty")
                else:
                    groups.add(cid, (number, {k: v for k, v in row.items() if isinstance(k, str)}))
                number = reader.line_num + 1
        except csv.Error as err:
            yield Rejected(source=source, location=f"line {number}",
                           reason=f"not readable CSV from here on ({err}); the rows before it were read")
        for cid, rows in groups:
            yield validate(_record(cid, [row for _, row in rows], meta_columns), source, f"line {rows[0][0]}")
