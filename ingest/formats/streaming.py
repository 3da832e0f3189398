"""Bounded memory for big exports: JSON arrays read one record at a time, and rows of a
conversation gathered from anywhere in a file without holding the file.

A 2 GB JSON array or turns CSV must not need 2 GB (or, parsed into Python objects, ten
times that): records stream through ``json_records``; ``Groups`` keeps rows in memory up to
a bound and moves them to a temporary SQLite file beyond it.
"""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

import ijson

T = TypeVar("T")

SPILL_ROWS = 200_000  # rows held in memory before the groups move to disk (~100–300 MB of rows)


class BrokenJSON(Exception):
    """The JSON stops being valid after ``count`` good records."""

    def __init__(self, count: int, reason: str) -> None:
        super().__init__(reason)
        self.count = count
        self.reason = reason


def _first_char(handle: IO) -> str:
    """The first non-blank character of the stream, which is then rewound."""
    start = handle.tell()
    while True:
        block = handle.read(4096)
        if not block:
            handle.seek(start)
            return ""
        text = block.decode("utf-8-sig", "ignore") if isinstance(block, bytes) else block.lstrip("\ufeff")
        stripped = text.lstrip()
        if stripped:
            handle.seek(start)
            return stripped[0]


def json_records(handle: IO, root: str | None = None) -> Iterator[Any]:
    """Each element of the array at ``root`` (dotted; the top level by default), or the one
    object found there, streamed. Raises ``BrokenJSON`` where the text stops being JSON
    (a truncated file keeps the records before the cut)."""
    if root:
        prefixes = [f"{root}.item", root]
    else:
        prefixes = ["item"] if _first_char(handle) == "[" else [""]
    count = 0
    start = handle.tell()
    for prefix in prefixes:
        handle.seek(start)
        try:
            for record in ijson.items(handle, prefix, use_float=True):
                count += 1
                yield record
        except ijson.JSONError as err:
            reason = str(err).splitlines()[0].strip() or "not valid JSON"
            raise BrokenJSON(count, reason) from None
        if count:
            return


class Groups(Generic[T]):
    """Rows grouped by key in order of each key's first row, with bounded memory: past
    ``spill_rows`` rows everything moves to a temporary SQLite file (deleted on close)."""

    def __init__(self, spill_rows: int = SPILL_ROWS) -> None:
        self.spill_rows = spill_rows
        self._memory: dict[str, list[T]] = {}
        self._rows = 0
        self._db: sqlite3.Connection | None = None
        self._folder: tempfile.TemporaryDirectory | None = None

    @property
    def spilled(self) -> bool:
        return self._db is not None

    def add(self, key: str, row: T) -> None:
        self._rows += 1
        if self._db is None:
            self._memory.setdefault(key, []).append(row)
            if self._rows > self.spill_rows:
                self._spill()
        else:
            self._insert([(key, self._rows, pickle.dumps(row))])

    def _spill(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="convoscope-groups-")
        self._db = sqlite3.connect(Path(self._folder.name) / "groups.sqlite")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE rows (key TEXT NOT NULL, n INTEGER NOT NULL, row BLOB NOT NULL)")
        order = 0
        for key, rows in self._memory.items():  # dict order is first-appearance order
            batch = []
            for row in rows:
                order += 1
                batch.append((key, order, pickle.dumps(row)))
            self._insert(batch)
        self._memory.clear()

    def _insert(self, batch: list[tuple[str, int, bytes]]) -> None:
        assert self._db is not None
        self._db.executemany("INSERT INTO rows VALUES (?,?,?)", batch)

    def __iter__(self) -> Iterator[tuple[str, list[T]]]:
        if self._db is None:
            yield from self._memory.items()
            return
        self._db.commit()
        self._db.execute("CREATE INDEX rows_key ON rows(key, n)")
        keys = self._db.cursor()
        rows = self._db.cursor()
        for (key,) in keys.execute("SELECT key FROM rows GROUP BY key ORDER BY MIN(n)"):
            yield key, [pickle.loads(r[0])
                        for r in rows.execute("SELECT row FROM rows WHERE key = ? ORDER BY n", (key,))]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
        self._memory.clear()

    def __enter__(self) -> "Groups[T]":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
