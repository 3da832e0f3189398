"""What every format loader needs: times with a configured default timezone, speaker names
mapped to customer / agent / bot / system, stable ids for records that carry none."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone, tzinfo
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from convoscope import settings
from convoscope.errors import ConvoscopeError

SPEAKERS: dict[str, tuple[str, ...]] = {
    "customer": ("customer", "caller", "client", "user", "member", "subscriber", "consumer", "end user", "visitor",
                 "contact", "cust", "cx"),
    "agent": ("agent", "rep", "representative", "advisor", "adviser", "associate", "support", "csr", "operator",
              "staff", "specialist", "expert"),
    "bot": ("bot", "virtual agent", "virtual assistant", "assistant", "ai", "ivr", "chatbot", "automated", "va"),
    "system": ("system", "note", "info"),
}
_LOOKUP = {alias: role for role, aliases in SPEAKERS.items() for alias in aliases}


def default_timezone() -> tzinfo:
    """``CONVOSCOPE_TIMEZONE`` (an IANA name such as ``Europe/London``), else UTC: the zone
    assumed for timestamps that carry none."""
    name = settings.current().timezone.strip()
    if not name or name.upper() == "UTC":
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ConvoscopeError(f"CONVOSCOPE_TIMEZONE={name!r} is not a timezone",
                              "use an IANA name such as Europe/London or America/New_York") from err


_SPACE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(.*)$")


def parse_datetime(value: str) -> tuple[datetime, bool]:
    """An aware datetime from ISO 8601 (``Z`` or offsets; a space for the ``T``) or an
    RFC 2822 date as e-mail headers carry it; and whether the timezone was assumed.
    Raises ``ValueError`` with a readable reason."""
    text = value.strip()
    if not text:
        raise ValueError("the time is empty")
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    match = _SPACE_TIME.match(iso)
    if match:
        iso = f"{match[1]}T{match[2]}{match[3].strip()}"
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError) as err:
            raise ValueError(f"cannot read the time {text[:40]!r} (use ISO 8601, e.g. 2026-10-03T14:22:05Z)") from err
    if moment.tzinfo is None:
        return moment.replace(tzinfo=default_timezone()), True
    return moment, False


def speaker_of(name: str, agent_names: set[str] | frozenset[str] = frozenset(),
               customer_names: set[str] | frozenset[str] = frozenset()) -> str | None:
    """``customer``, ``agent``, ``bot`` or ``system`` for a speaker label ("AGENT", "Caller",
    "Virtual Agent", or a person's name listed in ``agent_names`` / ``customer_names``);
    ``None`` when the label is unknown."""
    key = " ".join(name.strip().strip(":").lower().split())
    if key in {n.lower() for n in agent_names}:
        return "agent"
    if key in {n.lower() for n in customer_names}:
        return "customer"
    return _LOOKUP.get(key)


def stable_id(path: Path, *parts: object) -> str:
    """An id for a record that has none: the file's name and a short hash of where it is."""
    digest = hashlib.sha1("|".join([path.name, *map(str, parts)]).encode()).hexdigest()[:10]
    return f"{path.stem}-{digest}"
