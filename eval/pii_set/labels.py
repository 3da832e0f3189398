"""What the set labels: the PII entities, the look-alike kinds, the channels, and the pieces a
turn is built from (plain text, a ``Pii`` value, a ``Keep`` look-alike)."""

from __future__ import annotations

from dataclasses import dataclass

ENTITIES = ("card", "phone", "email", "bank", "national_id", "dob", "address", "name")
KINDS = ("order_ref", "tracking_serial", "amount", "service_date", "version", "error_code", "plan", "speed", "time",
         "duration_count", "card_last4", "not_a_name", "agent_name")
CHANNELS = ("chat", "email", "voice")


@dataclass(frozen=True)
class Pii:
    entity: str
    text: str


@dataclass(frozen=True)
class Keep:
    kind: str
    text: str


Piece = str | Pii | Keep
Value = Piece | list[Piece]
