"""Load any CSV / JSON / JSONL export (Zendesk, Intercom, ...) through a small mapping file.

A mapping (YAML ``.yaml``/``.yml`` or TOML ``.toml``) names the columns, or dotted key paths
into JSON objects (``author.type``), to read::

    format: csv               # csv | json | jsonl (left out: taken from the data file's extension)
    conversation_id: ticket_id
    speaker: author_role      # who spoke; values map to customer / agent / bot / system
    speakers: {end-user: customer, agent: agent, admin: agent}
    text: body
    time: created_at          # per turn: ISO 8601, RFC 2822 or Unix epoch; started_at = earliest turn
    timezone: Europe/London   # for times without a zone (default CONVOSCOPE_TIMEZONE, else UTC)
    channel: via_channel      # a column, or a constant (and fallback): channel_value: email
    agent_id: assignee_id     # agent_type: a column of human/ai, or agent_type_value: human (default)
    customer_id: requester_id
    metadata: [priority, status, tags]
    records: comments         # json(l): dotted path(s) to each conversation's turns; else one turn a row
    root: conversations       # json: dotted path to the list, when it is not the top level
    strip_html: true          # turn text is HTML (Intercom bodies); delimiter: ";" for a CSV

Nested records: conversation keys are read on the conversation object, then on its turns; a
turn without a time takes the conversation's.
Speaker values match ``speakers:`` case-insensitively, then the usual labels (customer, agent,
bot, ...). Turns with blank text are skipped (events, assignments). Turn order is time order when
every turn has a time, else file order. Metadata strings reading as numbers or true/false become
numbers and booleans, lists are joined with ", ", and ``timezone_assumed: true`` is added when a
time had no zone. ``mapping_for`` finds ``X.convoscope.yaml`` (``.yml``, ``.toml``) next to
``X.csv``, else ``convoscope-mapping.yaml`` in its folder (for files whose extension fits ``format``).
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from convoscope.errors import InputError
from convoscope.models import AgentType, Conversation, Scalar, Speaker
from ingest.formats.common import made_up, parse_datetime, speaker_of, stable_id
from ingest.formats.streaming import BrokenJSON, Groups, json_records
from ingest.formats.values import clean_text, ident, scalar
from ingest.records import Loaded, Rejected, explain

Item = Loaded | Rejected
MAPPING_SUFFIXES = (".yaml", ".yml", ".toml")
FOLDER_MAPPING = "convoscope-mapping"
FORMAT_SUFFIXES: dict[str, tuple[str, ...]] = {"csv": (".csv",), "json": (".json",), "jsonl": (".jsonl", ".ndjson")}
_FIX = "a mapping needs conversation_id, speaker, text and time; see ingest/formats/mapping.py for every key"


class Mapping(BaseModel):
    """How to read one export; every name is a column (CSV) or a dotted key path (JSON)."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["csv", "json", "jsonl"] | None = None
    conversation_id: str
    speaker: str
    speakers: dict[str, Speaker] = Field(default_factory=dict)
    text: str
    time: str
    timezone: str | None = None
    channel: str | None = None
    channel_value: str | None = None
    agent_id: str | None = None
    agent_type: str | None = None
    agent_type_value: AgentType = "human"
    customer_id: str | None = None
    metadata: list[str] = Field(default_factory=list)
    records: str | list[str] | None = None
    root: str | None = None
    strip_html: bool = False
    delimiter: str = Field(default=",", min_length=1, max_length=1)
    _path: Path | None = PrivateAttr(default=None)

    @field_validator("speakers", mode="before")
    @classmethod
    def _speaker_keys(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k).strip().lower(): v.strip().lower() if isinstance(v, str) else v for k, v in value.items()}
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        try:
            if value is not None:
                ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValueError(f"{value!r} is not a timezone (use e.g. Europe/London)") from err
        return value

    @model_validator(mode="after")
    def _json_keys(self) -> Mapping:
        if self.format == "csv" and (self.records or self.root):
            raise ValueError("keys 'records' and 'root' are for json or jsonl only")
        return self

    @property
    def path(self) -> Path | None:
        """The file this mapping was read from."""
        return self._path


def _problems(err: ValidationError) -> str:
    parts = []
    for item in err.errors(include_url=False):
        key, message = ".".join(str(p) for p in item["loc"]), item["msg"].removeprefix("Value error, ")
        parts.append(f"missing required key '{key}'" if item["type"] == "missing" else f"unknown key '{key}'"
                     if item["type"] == "extra_forbidden" else f"key '{key}': {message}" if key else message)
    return "; ".join(parts)


def _unreadable(path: Path, err: OSError) -> InputError:
    return InputError(f"{path}: cannot be read ({err.strerror})", "check the path and its permissions")


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file; raises ``InputError`` naming the bad key."""
    try:
        raw = path.read_bytes().decode("utf-8-sig")
        data = tomllib.loads(raw) if path.suffix.lower() == ".toml" else yaml.safe_load(raw)
    except OSError as err:
        raise _unreadable(path, err) from err
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, yaml.YAMLError) as err:
        raise InputError(f"{path}: not a valid mapping file ({' '.join(str(err).split())})", _FIX) from err
    if not isinstance(data, dict):
        raise InputError(f"{path}: a mapping file must be a set of key: value lines", _FIX)
    try:
        mapping = Mapping.model_validate(data)
    except ValidationError as err:
        raise InputError(f"{path}: {_problems(err)}", _FIX) from err
    mapping._path = path
    return mapping


def mapping_for(data_path: Path) -> Mapping | None:
    """The mapping for ``data_path``: its sibling ``<stem>.convoscope.yaml`` (``.yml``, ``.toml``),
    else its folder's ``convoscope-mapping.yaml`` when the format fits; else ``None``.
    Raises ``InputError`` when the mapping found is broken."""
    for suffix in MAPPING_SUFFIXES:
        if (sibling := data_path.with_name(f"{data_path.stem}.convoscope{suffix}")).is_file():
            return load_mapping(sibling)
    for suffix in MAPPING_SUFFIXES:
        if (shared := data_path.parent / f"{FOLDER_MAPPING}{suffix}").is_file():
            mapping = load_mapping(shared)
            fits = mapping.format is None or data_path.suffix.lower() in FORMAT_SUFFIXES[mapping.format]
            return mapping if fits else None
    return None


class Row(NamedTuple):
    location: str
    turn: dict[str, Any]
    parent: dict[str, Any] | None  # the conversation object, for nested JSON
    parent_location: str


def _get(obj: Any, dotted: str) -> Any:
    if isinstance(obj, dict) and dotted in obj:
        return obj[dotted]
    for part in dotted.split("."):
        if isinstance(obj, dict):
            obj = obj.get(part)
        elif isinstance(obj, list) and part.isdigit() and int(part) < len(obj):
            obj = obj[int(part)]
        else:
            return None
    return obj


def _csv_rows(path: Path, mapping: Mapping) -> Iterator[Row]:
    named = (mapping.conversation_id, mapping.speaker, mapping.text, mapping.time, mapping.channel,
             mapping.agent_id, mapping.agent_type, mapping.customer_id, *mapping.metadata)
    try:
        handle = path.open("r", encoding="utf-8-sig", newline="")
    except OSError as err:
        raise _unreadable(path, err) from err
    with handle:
        reader = csv.DictReader(handle, delimiter=mapping.delimiter)
        try:
            columns = [c.strip() for c in reader.fieldnames or []]
            if missing := [c for c in dict.fromkeys(named) if c and c not in columns]:
                raise InputError(f"{path}: the mapping names column(s) {', '.join(missing)} that the CSV lacks",
                                 f"fix the mapping ({mapping.path or 'its keys'}) or the CSV header")
            reader.fieldnames, start = columns, 2
            for row in reader:
                yield Row(f"line {start}", row, None, "")
                start = reader.line_num + 1
        except UnicodeDecodeError as err:
            raise InputError(f"{path}: not UTF-8 text", "re-save the file as UTF-8") from err
        except csv.Error as err:
            raise InputError(f"{path}: line {reader.line_num}: not readable CSV ({err})",
                             "check the quoting, and delimiter: in the mapping") from err


def _item_rows(location: str, item: Any, mapping: Mapping, source: str) -> Iterator[Row | Rejected]:
    if not isinstance(item, dict):
        yield Rejected(source=source, location=location, reason=f"expected an object, got {type(item).__name__}")
        return
    if not mapping.records:
        yield Row(location, item, None, location)
        return
    paths = [mapping.records] if isinstance(mapping.records, str) else mapping.records
    turns: list[Any] = []
    for found in (_get(item, dotted) for dotted in paths):
        turns.extend(found if isinstance(found, list) else [] if found is None else [found])
    bad = next((n for n, turn in enumerate(turns, 1) if not isinstance(turn, dict)), None)
    if not turns or bad:
        reason = f"turn {bad} is not an object" if bad else f"no turns at {', '.join(paths)}"
        yield Rejected(source=source, location=location, record_id=ident(_get(item, mapping.conversation_id)),
                       reason=reason)
        return
    yield from (Row(f"{location}, turn {n}", turn, item, location) for n, turn in enumerate(turns, 1))


def _json_rows(path: Path, mapping: Mapping, source: str) -> Iterator[Row | Rejected]:
    """Records of a JSON export (the array at ``root:``), streamed: bounded memory at any size."""
    try:
        handle = path.open("rb")
    except OSError as err:
        raise _unreadable(path, err) from err
    with handle:
        try:
            for index, item in enumerate(json_records(handle, mapping.root), 1):
                yield from _item_rows(f"record {index}", item, mapping, source)
        except BrokenJSON as err:
            if err.count == 0:
                raise InputError(f"{path}: not valid JSON ({err.reason})",
                                 "fix the file, or export JSON Lines") from None
            yield Rejected(source=source, location=f"record {err.count + 1}",
                           reason=f"not valid JSON from here on ({err.reason}); the records before it were read")
        except UnicodeDecodeError as err:
            raise InputError(f"{path}: not UTF-8 text (bad byte at offset {err.start})", "re-save it as UTF-8") from err


def _jsonl_rows(path: Path, mapping: Mapping, source: str) -> Iterator[Row | Rejected]:
    try:
        handle = path.open("rb")
    except OSError as err:
        raise _unreadable(path, err) from err
    with handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8-sig")
                item = json.loads(line) if line.strip() else None
            except UnicodeDecodeError:
                yield Rejected(source=source, location=f"line {number}", reason="not UTF-8 text")
            except (json.JSONDecodeError, RecursionError) as err:
                yield Rejected(source=source, location=f"line {number}", reason=f"not valid JSON ({err})")
            else:
                if line.strip():
                    yield from _item_rows(f"line {number}", item, mapping, source)


_EPOCH = re.compile(r"[0-9]{9,13}(?:\.[0-9]+)?")


def _moment(value: Any, mapping: Mapping) -> tuple[datetime, bool]:
    """An aware datetime and whether its zone was assumed; ``ValueError`` when unreadable."""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number or (isinstance(value, str) and _EPOCH.fullmatch(value.strip())):
        try:
            seconds = float(value)
            return datetime.fromtimestamp(seconds / 1000 if seconds > 1e11 else seconds, tz=UTC), False
        except (OverflowError, OSError, ValueError) as err:
            raise ValueError(f"cannot read the time {value!r}") from err
    if not isinstance(value, str):
        raise ValueError(f"cannot read the time {value!r}")
    moment, assumed = parse_datetime(value)
    return (moment.replace(tzinfo=ZoneInfo(mapping.timezone)) if assumed and mapping.timezone else moment), assumed


def _conversation_value(rows: list[Row], key: str | None) -> Any:
    """A conversation-level value: on the conversation object, else the last row that has it."""
    if key is None:
        return None
    candidates = [rows[0].parent] if rows[0].parent is not None else []
    for value in (_get(obj, key) for obj in candidates + [row.turn for row in reversed(rows)]):
        if value is not None and (not isinstance(value, str) or value.strip()):
            return value
    return None


def _speaker(value: Any, mapping: Mapping) -> tuple[str | None, str | None]:
    """The role, or why the row cannot be read."""
    if (label := ident(value)) is None:
        return None, f"{mapping.speaker} is empty"
    if role := mapping.speakers.get(label.lower()) or speaker_of(label):
        return role, None
    return None, (f"unknown speaker {label!r} in {mapping.speaker} — add it under speakers: in the mapping, "
                  f"e.g. speakers: {{{label}: agent}}")


def _id_made_up(row: Row, mapping: Mapping) -> bool:
    """Whether the conversation of ``row`` has an id only from its place in the file (nested JSON
    without the mapped id)."""
    return row.parent is not None and ident(_conversation_value([row], mapping.conversation_id)) is None


def _build(cid: str, rows: list[Row], mapping: Mapping, source: str, marks: dict[str, Scalar]) -> Item:
    """One conversation from its rows; ``marks``: metadata saying its id was made up (or none)."""
    first = rows[0].parent_location or rows[0].location
    turns: list[tuple[datetime | None, dict[str, str], Row]] = []
    assumed = False
    for row in rows:
        if not (text := clean_text(_get(row.turn, mapping.text), mapping.strip_html)):
            continue
        role, problem = _speaker(_get(row.turn, mapping.speaker), mapping)
        when, raw = None, _get(row.turn, mapping.time)
        if (raw is None or raw == "") and row.parent is not None:  # nested: the conversation's time
            raw = _get(row.parent, mapping.time)
        if problem is None and raw is not None and raw != "":
            try:
                when, guessed = _moment(raw, mapping)
                assumed |= guessed
            except ValueError as err:
                problem = f"{mapping.time}: {err}"
        if problem:
            return Rejected(source=source, location=row.location, record_id=cid, reason=problem)
        turns.append((when, {"speaker": role or "", "text": text}, row))
    if all(when is not None for when, _, _ in turns):
        turns.sort(key=lambda turn: turn[0])  # type: ignore[arg-type, return-value]  # stable: ties keep file order
    times = [when for when, _, _ in turns if when is not None]
    ordered = {id(row) for *_, row in turns}  # conversation values: the last turn in turn order wins
    rows = [row for row in rows if id(row) not in ordered] + [row for *_, row in turns]
    values = {key: scalar(_conversation_value(rows, key)) for key in mapping.metadata}
    metadata = {key: value for key, value in values.items() if value is not None} | marks
    if assumed:
        metadata["timezone_assumed"] = True
    record = {
        "id": cid,
        "channel": ident(_conversation_value(rows, mapping.channel)) or mapping.channel_value or "unknown",
        "started_at": min(times) if times else None,
        "agent": {"id": ident(_conversation_value(rows, mapping.agent_id)) or "unknown",
                  "type": ident(_conversation_value(rows, mapping.agent_type)) or mapping.agent_type_value},
        "customer_id": ident(_conversation_value(rows, mapping.customer_id)),
        "metadata": metadata,
        "turns": [turn for _, turn, _ in turns],
    }
    reason = (f"no turn has text in {mapping.text}" if not turns else f"no time: {mapping.time} is empty"
              if not times else "")
    try:
        if not reason:
            return Loaded(conversation=Conversation.model_validate(record), source=source, location=first)
    except ValidationError as err:
        reason = explain(err)
    except (OverflowError, ValueError) as err:  # a time that UTC cannot hold
        reason = f"{mapping.time}: {err}"
    return Rejected(source=source, location=first, record_id=cid, reason=reason)


def load_mapped(data_path: Path, mapping: Mapping) -> Iterator[Item]:
    """Conversations from ``data_path`` read through ``mapping``; a conversation that cannot be
    read is a ``Rejected`` with its location; ``InputError`` when the whole file cannot be read."""
    source = str(data_path)
    kind = mapping.format or next((k for k, s in FORMAT_SUFFIXES.items() if data_path.suffix.lower() in s), None)
    if kind is None:
        raise InputError(f"{data_path}: cannot tell the format from '{data_path.suffix or '(none)'}'",
                         "add format: csv, json or jsonl to the mapping")
    rows = (_csv_rows(data_path, mapping) if kind == "csv" else _json_rows(data_path, mapping, source)
            if kind == "json" else _jsonl_rows(data_path, mapping, source))
    with Groups[Row]() as groups:
        for row in rows:
            if isinstance(row, Rejected):
                yield row
                continue
            cid = ident(_conversation_value([row], mapping.conversation_id))
            if cid is None and row.parent is not None:
                cid = stable_id(data_path, row.parent_location)
            if cid is None:
                yield Rejected(source=source, location=row.location, reason=f"{mapping.conversation_id} is empty")
            else:
                groups.add(cid, row)
        for cid, group in groups:
            marks = made_up(data_path, cid) if _id_made_up(group[0], mapping) else {}
            yield _build(cid, group, mapping, source, marks)
