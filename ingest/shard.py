"""Shards of an ingest: which conversations (and which rejected records) one process owns.

A conversation belongs to shard ``i/N`` when a stable hash of its id is ``i`` modulo ``N``,
so every copy of an id lands in the same shard (the last copy still wins, and duplicates are
still counted) and a shard can be re-run alone, here or on another machine, with the same
result. A rejected record has no trustworthy id, so it belongs to the shard its position in
the input (files in ``discover`` order, records in file order) falls to; each reject is
reported by exactly one shard, in input order. A call recording is the exception: its id
comes from its sidecar, index or name before the audio is read, so it belongs, reject or not,
to the shard of that id, and only that shard transcribes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, Field, model_validator

from convoscope.errors import ConvoscopeError, InputError
from convoscope.models import Conversation
from ingest.audio.sidecar import AUDIO_SUFFIXES
from ingest.loaders import load, redacted
from ingest.pii import Redactor
from ingest.records import Loaded, Rejected


def id_hash(conversation_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(conversation_id.encode(), digest_size=8).digest(), "little")


class Shard(BaseModel):
    """Shard ``index`` of ``count`` (``0/1``: everything)."""

    index: int = 0
    count: int = 1

    @model_validator(mode="after")
    def _in_range(self) -> Shard:
        if self.count < 1 or not 0 <= self.index < self.count:
            raise ValueError(f"shard {self.index}/{self.count}: need 0 <= i < N")
        return self

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"i/N"``, e.g. ``"0/4"`` … ``"3/4"``."""
        try:
            index, count = (int(part) for part in text.split("/"))
            return cls(index=index, count=count)
        except ValueError:
            raise ConvoscopeError(f"--shard {text!r} is not i/N with 0 <= i < N",
                                  "e.g. --shard 0/4 … --shard 3/4") from None

    @property
    def label(self) -> str:
        return f"{self.index}/{self.count}"

    def split(self, parts: int, part: int) -> Shard:
        """Sub-shard ``part`` of ``parts`` of this one: ``i + N*part`` of ``N*parts``. The sub-shards
        partition this shard, and each is itself a shard that can be re-run alone."""
        return Shard(index=self.index + self.count * part, count=self.count * parts)

    def owns(self, conversation_id: str) -> bool:
        return self.count == 1 or id_hash(conversation_id) % self.count == self.index

    def owns_position(self, position: int) -> bool:
        return self.count == 1 or position % self.count == self.index


class Rejects(BaseModel):
    """Rejected records with their input positions, so shards' rejects merge back in input order."""

    items: list[tuple[int, Rejected]] = Field(default_factory=list)

    def merge(self, other: Rejects) -> None:
        self.items = sorted(self.items + other.items, key=lambda pair: pair[0])

    def records(self) -> list[Rejected]:
        return [item for _, item in sorted(self.items, key=lambda pair: pair[0])]


def recording_id(path: Path) -> str | None:
    """The conversation id of a call recording, from its sidecar, index or name, read without
    decoding the audio; None for other files or when its details cannot be read."""
    if path.suffix.lower() not in AUDIO_SUFFIXES:
        return None
    from ingest.audio.sidecar import describe

    try:
        return str(describe(path)["id"])
    except ConvoscopeError:
        return None


def shard_records(files: list[Path], shard: Shard, rejects: Rejects) -> Iterator[Conversation]:
    """The conversations of ``files`` that ``shard`` owns; its share of rejects goes to ``rejects``.

    A call recording is one record whose id is known before it is transcribed, so only the
    shard that owns that id transcribes it (and reports it, should it be rejected): with
    ``--workers N`` each recording is transcribed once, not N times."""
    position = 0
    for path in files:
        recording = recording_id(path) if shard.count > 1 else None
        if recording is not None and not shard.owns(recording):
            position += 1  # one record, another shard's
            continue
        try:
            for item in load(path):
                position += 1
                if isinstance(item, Loaded):
                    if shard.owns(item.conversation.id):
                        yield item.conversation
                elif recording is not None or shard.owns_position(position):
                    rejects.items.append((position, item))
        except InputError as err:
            position += 1
            if recording is not None or shard.owns_position(position):
                whole = Rejected(source=str(path), location="file", reason=err.what)
                rejects.items.append((position, redacted(whole, Redactor.from_env())))
