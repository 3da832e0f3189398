"""What a recording's samples cannot say: its id, start time, agent, channel and metadata.

Looked up in this order, the first that has the call winning field by field over the next:

1. a sidecar JSON beside the recording: ``id``, ``started_at``, ``agent`` (an object
   ``{"id", "type"}`` or an id), ``agent_id``, ``agent_type``, ``customer_id``, ``channel``,
   ``agent_channel`` (this call's agent channel), ``metadata`` (an object); any other scalar key
   is metadata too. Its name: ``call.wav.json`` or ``call.meta.json`` (always the sidecar), or
   ``call.json`` when it has a sidecar's shape: one JSON object whose values are scalars, with
   ``agent`` and ``metadata`` objects of scalars, under 64 KB. A ``call.json`` of any other
   shape (an array, ``turns``, ``results``, any list) is a data file, ingested on its own; the
   recording then has no sidecar and a warning says so and how to name one;
2. a CSV index ``calls.csv`` in the recording's folder, one row per recording, its ``file``
   column naming it, the other columns as in the sidecar;
3. the file name, matched by ``CONVOSCOPE_AUDIO_NAME_PATTERN``: a regular expression with
   named groups (``id``, ``started_at``, ``agent_id``, ``customer_id``, ``channel``; any other
   group is metadata), e.g. ``(?P<id>[^_]+)_(?P<started_at>\\d{8}T\\d{6})_(?P<agent_id>[^_.]+)``;
4. otherwise the id comes from the file name and ``started_at`` from its modification time.

``metadata.started_at_source`` says which one gave the time. Sidecars are not data files, so
``is_sidecar`` keeps discovery from ingesting them as conversations. A ``call.json`` that is not
valid JSON is taken for a broken sidecar (the recording is rejected with the fix), since it
cannot be read as either.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from convoscope import settings
from convoscope.errors import ConvoscopeError, InputError
from ingest.formats.common import default_timezone, parse_datetime, stable_id
from ingest.formats.text import scalar

AUDIO_SUFFIXES = (".wav", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".flac")
INDEX = "calls.csv"
FIELDS = ("id", "started_at", "agent", "agent_id", "agent_type", "customer_id", "channel", "agent_channel", "file")
_COMPACT = ("%Y%m%dT%H%M%S", "%Y%m%d-%H%M%S", "%Y%m%d_%H%M%S", "%Y%m%d%H%M%S", "%Y-%m-%d_%H-%M-%S", "%Y%m%d")


SIDECAR_MAX_BYTES = 64 * 1024
_NESTED = ("agent", "metadata")  # the keys whose value may be an object (of scalars)


def _recording(stem: Path) -> Path | None:
    """The recording ``stem.<audio suffix>`` beside it, if there is one."""
    for suffix in AUDIO_SUFFIXES:
        for candidate in (stem.with_name(stem.name + suffix), stem.with_name(stem.name + suffix.upper())):
            if candidate.exists():
                return candidate
    return None


def _named_sidecar(path: Path) -> bool:
    """``call.wav.json`` or ``call.meta.json`` beside ``call.wav``: a sidecar by its name."""
    name = path.name.lower()
    if name.endswith(".meta.json"):
        return _recording(path.with_name(path.name[: -len(".meta.json")])) is not None
    inner = Path(path.name[: -len(".json")])
    return inner.suffix.lower() in AUDIO_SUFFIXES and path.with_name(inner.name).exists()


def _scalar_value(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def not_a_sidecar(data: Any) -> str | None:
    """Why parsed JSON is not a recording's call details (None when it is)."""
    if not isinstance(data, dict):
        return f"it is a JSON {type(data).__name__}, not an object of call details"
    for key, value in data.items():
        if key in _NESTED and isinstance(value, dict) and all(_scalar_value(v) for v in value.values()):
            continue
        if not _scalar_value(value):
            return f"its key {key!r} holds {'a list' if isinstance(value, list) else 'an object'}"
    return None


def _read(side: Path) -> tuple[Any, str | None]:
    """``side`` parsed (or an ``InputError`` when not JSON), and why it is not a sidecar (or None)."""
    try:
        if side.stat().st_size > SIDECAR_MAX_BYTES:
            return None, f"it is over {SIDECAR_MAX_BYTES // 1024} KB"
        data = json.loads(side.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as err:
        raise InputError(f"{side}: the recording's sidecar is not valid JSON ({err})",
                         "fix it, or remove it to use the file name and time") from err
    return data, not_a_sidecar(data)


def is_sidecar(path: Path) -> bool:
    """``X.<audio>.json`` or ``X.meta.json`` beside a recording ``X.<audio>``; ``X.json`` beside
    one when it has a sidecar's shape (or is not JSON at all); or ``calls.csv`` beside any recording."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        if _named_sidecar(path):
            return True
        if _recording(path.with_suffix("")) is None:
            return False
        try:
            return _read(path)[1] is None
        except InputError:
            return True  # not JSON either way: reported as the recording's broken sidecar
    if path.name.lower() == INDEX:
        return any(p.suffix.lower() in AUDIO_SUFFIXES for p in path.parent.iterdir())
    return False


def _scalar(value: Any) -> Any:
    return scalar(value) if isinstance(value, str) else value


def _named_sidecars(recording: Path) -> tuple[Path, Path]:
    """``call.wav.json`` and ``call.meta.json``: the names that make a file ``call.wav``'s sidecar."""
    return recording.with_name(recording.name + ".json"), recording.with_name(recording.stem + ".meta.json")


def _sidecar(path: Path) -> dict[str, Any]:
    for side in _named_sidecars(path):
        if side.is_file():
            data, why = _read(side)
            if why is not None:
                raise InputError(f"{side}: the recording's sidecar must be one JSON object of call details ({why})",
                                 "write {\"id\": …, \"started_at\": …, \"metadata\": {…}}")
            return data
    side = path.with_suffix(".json")
    if not side.is_file():
        return {}
    data, why = _read(side)
    return {} if why is not None else data  # a data file: ingested on its own (``clash_note`` says so)


def clash_note(recording: Path) -> str | None:
    """One line when the ``X.json`` beside the recording ``X.<audio>`` is a conversation file rather
    than the recording's call details, so it is ingested on its own and the recording gets none."""
    side = recording.with_suffix(".json")
    if recording.suffix.lower() not in AUDIO_SUFFIXES or not side.is_file():
        return None
    if any(named.is_file() for named in _named_sidecars(recording)):
        return None
    try:
        why = _read(side)[1]
    except InputError:
        return None  # reported as the recording's broken sidecar
    if why is None:
        return None
    return (f"{side} is ingested as a conversation file, not as {recording.name}'s call details ({why}); "
            f"to give the recording call details, put them in {recording.stem}.meta.json")


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
    pattern = (settings.current().audio_name_pattern or "").strip()
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
            raise InputError(f"{path}: started_at from the {time_from}: {err}",
                             "use ISO 8601 or 20261003T142205") from err
        if assumed:
            metadata["timezone_assumed"] = True
    else:
        moment = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    record["started_at"] = moment
    record["metadata"] = {**metadata, "started_at_source": time_from}
    if merged.get("agent_channel") not in (None, ""):
        record["agent_channel"] = str(merged["agent_channel"])
    return record
