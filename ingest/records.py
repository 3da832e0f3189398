"""What a loader yields: a parsed conversation, or a rejected record with its reason."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from convoscope.models import Conversation


class Loaded(BaseModel):
    conversation: Conversation
    source: str
    location: str


class Rejected(BaseModel):
    source: str
    location: str
    record_id: str | None = None
    reason: str

    def line(self) -> str:
        who = f" ({self.record_id})" if self.record_id else ""
        return f"{self.source}:{self.location}{who}: {self.reason}"


def explain(error: ValidationError) -> str:
    """A pydantic error as one readable line: which field, why."""
    parts = []
    for item in error.errors(include_url=False):
        where = ".".join(str(p) for p in item["loc"]) or "record"
        message = item["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        parts.append(f"{where}: {message}")
    return "; ".join(parts)
