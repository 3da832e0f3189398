"""What every format loader needs: times with a configured default timezone, speaker names
mapped to customer / agent / bot / system, ids for records that carry none.

A record with no id anywhere is named after its file: ``KT-00001.wav`` is ``KT-00001`` (any
personal data in the name redacted, as recordings are often named by the caller's number);
a record among several in one file adds a short hash of its place there. Such an id is made
up, and the loader says so by putting ``IF_TAKEN`` in the conversation's metadata: the id to
use instead should another file of the same ingest already hold that one (two ``KT-1.txt`` in
different folders, ``KT-1.txt`` beside ``KT-1.wav``). ``FileIds`` settles that in the ingest
and drops the key, so it is never stored.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone, tzinfo
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from convoscope import settings
from convoscope.errors import ConvoscopeError
from convoscope.models import Conversation, Scalar
from ingest.pii import Redactor

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


def file_id(path: Path) -> str:
    """The id of the one conversation in a file that names none: the file's name without its
    extension, with any personal data in it redacted (``+447700900123_1402.wav`` ->
    ``[PHONE]_1402``)."""
    return Redactor.from_env().redact_text(path.stem)[0]


def stable_id(path: Path, *parts: object) -> str:
    """An id for a record that carries none: ``file_id`` for a file of one conversation; with
    ``parts`` (where the record sits in the file) a short hash of the file's name and them added."""
    if not parts:
        return file_id(path)
    digest = hashlib.sha1("|".join([path.name, *map(str, parts)]).encode()).hexdigest()[:10]
    return f"{file_id(path)}-{digest}"


IF_TAKEN = "_id_if_taken"  # metadata a loader sets on a made-up id; read and dropped by ``FileIds``


def made_up(path: Path, record_id: str) -> dict[str, Scalar]:
    """The metadata that marks ``record_id`` as made up for a record of ``path``: the id it takes
    when another file already holds that one, ``record_id`` and a short hash of the file's
    folder and full name (``KT-1`` -> ``KT-1-3fa9c2``), the same on every ingest of that file."""
    digest = hashlib.sha1(f"{path.parent.name}/{path.name}".encode()).hexdigest()[:6]
    return {IF_TAKEN: f"{record_id}-{digest}"}


class FileIds:
    """Made-up ids over one ingest, settled in the order the records are read: the first file
    to make up an id keeps it; a record of another file that made up the same id, or one an
    earlier record already holds, takes its ``IF_TAKEN`` id. The same file read twice keeps its
    id (a duplicate, as for any repeated id). Ingesting the same files gives the same ids; a
    file whose name another file of the ingest took first keeps its suffix only while they are
    ingested together."""

    def __init__(self) -> None:
        self._owners: dict[str, str] = {}  # made-up id -> the IF_TAKEN of the file that holds it

    def settle(self, conversation: Conversation, seen: set[str]) -> Conversation:
        """``conversation`` without ``IF_TAKEN``, with its final id; ``seen``: ids read before it."""
        instead = conversation.metadata.get(IF_TAKEN)
        if instead is None:
            return conversation
        if conversation.id not in seen:
            self._owners[conversation.id] = str(instead)
        keep = self._owners.get(conversation.id) == instead
        metadata = {k: v for k, v in conversation.metadata.items() if k != IF_TAKEN}
        return conversation.model_copy(update={"id": conversation.id if keep else str(instead), "metadata": metadata})
