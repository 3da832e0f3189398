"""What a recording's samples cannot say: its id, start time, agent, channel and metadata.

Looked up in this order, the first that has the call winning field by field over the next:

1. a sidecar JSON beside the recording (``call.wav`` + ``call.json``): ``id``, ``started_at``,
   ``agent`` (an object ``{"id", "type"}`` or an id), ``agent_id``, ``agent_type``,
   ``customer_id``, ``channel``, ``agent_channel`` (this call's agent channel), ``metadata``
   (an object); any other scalar key is metadata too;
2. a CSV index ``calls.csv`` in the recording's folder, one row per recording, its ``file``
   column naming it, the other columns as in the sidecar;
3. the file name, matched by ``CONVOSCOPE_AUDIO_NAME_PATTERN``: a regular expression with
   named groups (``id``, ``started_at``, ``agent_id``, ``customer_id``, ``channel``; any other
   group is metadata), e.g. ``(?P<id>[^_]+)_(?P<started_at>\\d{8}T\\d{6})_(?P<agent_id>[^_.]+)``;
4. otherwise the id comes from the file name and ``started_at`` from its modification time.

``metadata.started_at_source`` says which one gave the time. Sidecars are not data files, so
``is_sidecar`` keeps discovery from ingesting them as conversations.
"""

from __future__ import annotations

import csv
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from convoscope.errors import ConvoscopeError, InputError
from ingest.formats.common import default_timezone, parse_datetime, stable_id
from ingest.formats.text import scalar

AUDIO_SUFFIXES = (".wav", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".flac")
INDEX = "calls.csv"
FIELDS = ("id", "started_at", "agent", "agent_id", "agent_type", "customer_id", "channel", "agent_channel", "file")
_COMPACT = ("%Y%m%dT%H%M%S", "%Y%m%d-%H%M%S", "%Y%m%d_%H%M%S", "%Y%m%d%H%M%S", "%Y-%m-%d_%H-%M-%S", "%Y%m%d")


def is_sidecar(path: Path) -> bool:
    """``X.json`` beside an ``X.<audio>``, or a ``calls.csv`` beside any recording."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return any(path.with_suffix(s).exists() or path.with_suffix(s.upper()).exists() for s in AUDIO_SUFFIXES)
    if path.name.lower() == INDEX:
        return any(p.suffix.lower() in AUDIO_SUFFIXES for p in path.parent.iterdir())
    return False


def _scalar(value: Any) -> Any:
    return scalar(value) if isinstance(value, str) else value


def _sidecar(path: Path) -> dict[str, Any]:
    side = path.with_suffix(".json")
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as err:
        raise InputError(f"{side}: the recording's sidecar is not valid JSON ({err})",
                         "fix it, or remove it to use the file name and time") from err
    if not isinstance(data, dict):
        raise InputError(f"{side}: the recording's sidecar must be a JSON object", "write {\"id\": …, \"started_at\": …}")
    return data


def _index_row(path: Path) -> dict[str, Any]:
    index = path.parent / INDEX
    if not index.is_file():
        return {}
    try:
        with index.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if (row.get("file") or "").strip() in (path.name, path.stem):
                    return {k.strip(): v for k, v in row.items() if k and v not in (None, "")}
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise InputError(f"{index}: the recordings index cannot be read ({err})", "save it as a UTF-8 CSV") from err
    return {}


def _from_name(path: Path) -> dict[str, Any]:
    pattern = os.environ.get("CONVOSCOPE_AUDIO_NAME_PATTERN", "").strip()
    if not pattern:
        return {}
    try:
        match = re.search(pattern, path.name)
    except re.error as err:
        raise ConvoscopeError(f"CONVOSCOPE_AUDIO_NAME_PATTERN is not a regular expression ({err})",
                              "use named groups, e.g. (?P<id>[^_]+)_(?P<started_at>\\d{8}T\\d{6})") from err
    return {k: v for k, v in match.groupdict().items() if v} if match else {}


def _time(value: Any) -> tuple[datetime, bool]:
    text = str(value).strip()
    for fmt in _COMPACT:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=default_timezone()), True
        except ValueError:
            pass
    return parse_datetime(text)


def describe(path: Path) -> dict[str, Any]:
    """The conversation fields (all but the turns) for the recording at ``path``, plus
    ``agent_channel`` when the sidecar or index sets one for this call."""
    sources = [("sidecar", _sidecar(path)), ("index", _index_row(path)), ("file name", _from_name(path))]
    merged: dict[str, Any] = {}
    metadata: dict[str, Any] = {}
    time_from = "file mtime"
    for label, found in reversed(sources):  # the first source wins: apply it last
        extra = found.get("metadata") if isinstance(found.get("metadata"), dict) else {}
        metadata.update({k: _scalar(v) for k, v in extra.items() if isinstance(v, (str, int, float, bool))})
        metadata.update({k: _scalar(v) for k, v in found.items()
                         if k not in FIELDS and k != "metadata" and isinstance(v, (str, int, float, bool))})
        agent = found.get("agent")
        if isinstance(agent, dict):
            found = {**found, **{f"agent_{k}": v for k, v in agent.items() if k in ("id", "type") and v}}
        elif agent:
            found = {**found, "agent_id": found.get("agent_id") or agent}
        merged.update({k: v for k, v in found.items() if k in FIELDS and k != "agent"})
        if found.get("started_at"):
            time_from = label
    record: dict[str, Any] = {
        "id": str(merged.get("id") or stable_id(path)),
        "channel": str(merged.get("channel") or "voice"),
        "agent": {"id": str(merged.get("agent_id") or "unknown"), "type": str(merged.get("agent_type") or "human")},
        "customer_id": str(merged["customer_id"]) if merged.get("customer_id") else None,
    }
    if merged.get("started_at"):
        try:
            moment, assumed = _time(merged["started_at"])
        except ValueError as err:
            raise InputError(f"{path}: started_at from the {time_from}: {err}", "use ISO 8601 or 20261003T142205") from err
        if assumed:
            metadata["timezone_assumed"] = True
    else:
        moment = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    record["started_at"] = moment
    record["metadata"] = {**metadata, "started_at_source": time_from}
    if merged.get("agent_channel") not in (None, ""):
        record["agent_channel"] = str(merged["agent_channel"])
    return record
