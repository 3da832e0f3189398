"""Plain-text transcripts (``.txt``): one conversation per file.

An optional header block of ``Key: value`` lines comes first and ends at the first blank
line::

    Conversation-Id: call-0412
    Started-At: 2026-10-03 14:22:05+01:00
    Agent-Name: Priya
    Queue: billing

    [00:00:02] Priya: Thanks for calling Lumora, you're through to Priya.
    [00:00:06] Customer: Hi, my bill has gone up again.
    It was £12.99 last month.

``Conversation-Id``, ``Channel``, ``Started-At``, ``Agent-Id``, ``Agent-Type`` and
``Customer-Id`` fill the conversation, under any of the names exports give them (``FIELD_KEYS``:
``ID``, ``Call ID``, ``Ticket``, ``Start Time``, ``Medium`` …; case, spaces, hyphens and
underscores do not matter); ``Date`` and ``Time`` lines make ``Started-At`` together, or either
alone. With no id in the header the file's name is the id (``KT-00001.txt`` -> ``KT-00001``).
``Agent-Name`` / ``Customer-Name`` (comma-separated names allowed) map people's names to
roles; every other key becomes metadata (a first block of only such keys is a header when
more follows and its keys are neither speakers nor used as labels below; values that look
like numbers or true/false become them). Turn lines
are ``Speaker: text``, optionally after a ``[hh:mm:ss]`` or bare ``hh:mm:ss`` timestamp.
A line without a speaker continues the previous turn. An unknown ``Name:`` prefix counts as
a speaker (and rejects the file, naming the header key that maps it) when it opens the
transcript, carries a timestamp, or starts two or more lines; otherwise it is ordinary text
("Account number: LM123") in the turn it sits in.

``read_text``, ``split_lines`` and ``file_time`` are shared with the captions loader.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from convoscope.errors import InputError
from convoscope.models import Conversation, Scalar
from ingest.formats.common import file_id, made_up, parse_datetime, speaker_of
from ingest.records import Loaded, Rejected, explain

Item = Loaded | Rejected

# The header keys that fill each conversation field. Keys compare without case, spaces, hyphens,
# dots or underscores ("Call ID", "call_id", "CallId" are one key); when a header has several for
# one field, the first listed here wins and the others stay metadata.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "conversation_id": ("conversation id", "id", "call id", "ticket", "ticket id", "ticket number", "case id",
                        "case number", "contact id", "interaction id", "chat id", "session id", "transcript id"),
    "started_at": ("started at", "start time", "started", "call start", "timestamp", "date time", "created at"),
    "channel": ("channel", "medium", "media type"),  # not "source": it names the exporting system as often
    "agent_id": ("agent id",),
    "agent_type": ("agent type",),
    "customer_id": ("customer id",),
}
DAY_KEYS = ("date", "time")  # started_at when no key above gives it: "Date" + "Time" lines joined, or either
NAME_KEYS = {"agent_name": "agent", "customer_name": "customer"}
SNIFF_BYTES = 4096

_TIME = r"(?:\d{1,6}:)?\d{1,2}:\d{2}(?:[.,]\d{1,6})?"
_LABEL = r"[^\W\d_][\w'.&-]*(?: [\w'.&-]+){0,3}"
_PAIR = re.compile(rf"^\s*(?P<key>{_LABEL})\s*:(?:\s+(?P<value>.*))?$")
_TURN = re.compile(rf"^\s*(?:(?:\[(?P<bracket>{_TIME})\]|(?P<bare>{_TIME}))\s*)?"
                   rf"(?P<label>{_LABEL})\s*:(?:\s+(?P<text>.*))?$")
_INT = re.compile(r"[-+]?(?:0|[1-9]\d{0,17})")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9]\d{0,17})\.\d{1,17}")
_LINES = re.compile(r"\r\n|\r|\n")

Pair = tuple[str, str, int]  # normalised key, value, line number


# ---- shared helpers -------------------------------------------------------------------

def read_text(path: Path) -> str:
    """The whole file as text: UTF-8 (with or without BOM) or BOM-marked UTF-16.
    Raises InputError when it cannot be read or decoded."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror or err})",
                         "check the path and its permissions") from err
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    try:
        return data.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text (bad byte at offset {err.start})",
                         "re-save the file as UTF-8") from err


def split_lines(text: str) -> list[str]:
    """Lines split at CRLF, CR or LF only (so line numbers match what an editor shows)."""
    return _LINES.split(text)


def file_time(path: Path) -> datetime:
    """The file's modification time, in UTC."""
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)


def norm_key(key: str) -> str:
    """``Started-At`` / ``started at`` -> ``started_at``."""
    return re.sub(r"[\s\-]+", "_", key.strip().lower())


def _squash(key: str) -> str:
    """A key as ``FIELD_KEYS`` compares it: ``Call ID`` / ``call_id`` / ``CallId`` -> ``callid``."""
    return re.sub(r"[\s_.\-]+", "", key.lower())


_FIELD_OF = {_squash(key): field for field, keys in FIELD_KEYS.items() for key in keys}


def is_field_key(key: str) -> bool:
    """Whether a header key fills a conversation field (``Call ID``, ``Date`` …)."""
    return _squash(key) in _FIELD_OF or _squash(key) in DAY_KEYS


def scalar(value: str) -> Scalar:
    """``"4"`` -> 4, ``"2.5"`` -> 2.5, ``"true"`` -> True; anything else (``"007"``) stays text."""
    text = value.strip()
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def seconds(stamp: str) -> float:
    """``01:02:03.5`` / ``02:03`` -> seconds."""
    total = 0.0
    for part in stamp.replace(",", ".").split(":"):
        total = total * 60 + float(part)
    return total


# ---- sniffing -------------------------------------------------------------------------

def sniff(head: bytes) -> bool:
    """Whether the start of a ``.txt`` file looks like a transcript: two ``Speaker: text``
    lines with a known speaker, or a header block with one of the conversation keys."""
    text = head[:SNIFF_BYTES].decode("utf-16" if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
                                     else "utf-8-sig", errors="ignore")
    lines = split_lines(text)
    turns = sum(1 for line in lines if (m := _TURN.match(line)) and speaker_of(m["label"]))
    if turns >= 2:
        return True
    start, end = _first_block(lines)
    pairs = [_PAIR.match(line) for line in lines[start:end]]
    keys = {norm_key(m["key"]) for m in pairs if m}
    return bool(pairs) and all(pairs) and any(is_field_key(k) or k in NAME_KEYS for k in keys)


# ---- header ---------------------------------------------------------------------------

def _first_block(lines: list[str]) -> tuple[int, int]:
    """Indexes of the first block of non-blank lines: [start, end)."""
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return start, end


def _names(pairs: list[Pair]) -> dict[str, set[str]]:
    """Names per role from ``Agent-Name`` / ``Customer-Name``: each full name and its first word."""
    names: dict[str, set[str]] = {"agent": set(), "customer": set()}
    for key, value, _ in pairs:
        if key in NAME_KEYS:
            for name in (n.strip() for n in value.split(",")):
                if name:
                    names[NAME_KEYS[key]].update({name, name.split()[0]})
    return names


def _label_counts(lines: list[str]) -> Counter[str]:
    return Counter(norm_label(m["label"]) for line in lines if (m := _TURN.match(line)))


def norm_label(label: str) -> str:
    return " ".join(label.lower().split())


def _split_header(lines: list[str]) -> tuple[list[Pair], int]:
    """The header's pairs and the index where the body starts (no header: [], first line)."""
    start, end = _first_block(lines)
    matches = [_PAIR.match(line) for line in lines[start:end]]
    if not matches or not all(matches):
        return [], start
    pairs = [(norm_key(m["key"]), (m["value"] or "").strip(), start + i + 1) for i, m in enumerate(matches) if m]
    if any(is_field_key(k) or k in NAME_KEYS for k, _, _ in pairs):
        return pairs, end
    # Only custom keys: a header unless they look like dialogue (speakers, labels used again below).
    raw_keys = [norm_label(m["key"]) for m in matches if m]
    later = _label_counts(lines[end:])
    dialogue = any(speaker_of(k) or later[k] for k in raw_keys) or len(set(raw_keys)) < len(raw_keys)
    rest = any(line.strip() for line in lines[end:])
    return (pairs, end) if rest and not dialogue else ([], start)


# ---- body -----------------------------------------------------------------------------

def _parse_body(lines: list[str], first: int, names: dict[str, set[str]]
                ) -> tuple[list[dict[str, Any]], list[tuple[int, str]], list[int]]:
    """Raw turns, unknown speaker labels (line, label) and lines before the first turn."""
    counts = _label_counts(lines[first:])
    turns: list[dict[str, Any]] = []
    unknown: list[tuple[int, str]] = []
    preamble: list[int] = []
    for index in range(first, len(lines)):
        line, number = lines[index], index + 1
        match = _TURN.match(line)
        stamp = match and (match["bracket"] or match["bare"])
        role = match and speaker_of(match["label"], names["agent"], names["customer"])
        if match and not role and (stamp or not turns or counts[norm_label(match["label"])] >= 2):
            unknown.append((number, match["label"].strip()))
        elif match and role:
            turns.append({"speaker": role, "lines": [(match["text"] or "").strip()], "line": number,
                          "start": seconds(stamp) if stamp else None})
        elif turns:
            turns[-1]["lines"].append(line.strip())
        elif line.strip():
            preamble.append(number)
    return turns, unknown, preamble


def _finish(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Turn dicts for the model: text joined and trimmed, blank turns dropped, end = next start."""
    turns = [{"speaker": t["speaker"], "text": "\n".join(t["lines"]).strip(), "start": t["start"]} for t in raw]
    turns = [t for t in turns if t["text"]]
    for turn, following in zip(turns, turns[1:]):
        if turn["start"] is not None and following["start"] is not None and following["start"] >= turn["start"]:
            turn["end"] = following["start"]
    return turns


# ---- the conversation -----------------------------------------------------------------

class Field(NamedTuple):
    """A conversation field as the header gives it."""

    value: str
    line: int
    label: str  # the key(s) as a reason names them: ``Started-At``, ``Date + Time``
    keys: frozenset[str]  # the normalised header keys it used up


def _label(key: str) -> str:
    return "-".join(word.capitalize() for word in key.split("_"))


def _fields(pairs: list[Pair]) -> dict[str, Field]:
    """Each conversation field the header fills, from the first of its ``FIELD_KEYS`` that has a
    value; ``started_at`` from ``Date`` and ``Time`` (joined) when no key of its own has one."""
    given: dict[str, Pair] = {}
    for pair in pairs:
        if pair[1]:
            given.setdefault(_squash(pair[0]), pair)
    found: dict[str, Field] = {}
    for field, keys in FIELD_KEYS.items():
        pair = next((given[_squash(key)] for key in keys if _squash(key) in given), None)
        if pair is not None:
            found[field] = Field(pair[1], pair[2], _label(pair[0]), frozenset({pair[0]}))
    day = [given[key] for key in DAY_KEYS if key in given]
    if "started_at" not in found and day:
        found["started_at"] = Field(" ".join(v for _, v, _ in day), day[0][2], " + ".join(_label(k) for k, _, _ in day),
                                    frozenset(k for k, _, _ in day))
    return found


def _record(path: Path, record_id: str, pairs: list[Pair], fields: dict[str, Field],
            turns: list[dict[str, Any]]) -> dict[str, Any] | tuple[int, str]:
    """The conversation as a dict for validation, or (line, reason) when its start time is unreadable."""
    used = frozenset().union(*(field.keys for field in fields.values()))
    value = {name: field.value for name, field in fields.items()}
    # Names map speakers; a customer's name is personal data the redactor cannot recognise, so it is not kept.
    metadata: dict[str, Scalar] = {k: scalar(v) for k, v, _ in pairs if k not in used and k != "customer_name" and v}
    if "started_at" in fields:
        try:
            started, assumed = parse_datetime(value["started_at"])
        except (ValueError, OverflowError) as err:
            return fields["started_at"].line, f"{fields['started_at'].label}: {err}"
        if assumed:
            metadata["timezone_assumed"] = True
    else:
        started = file_time(path)
        metadata["started_at_source"] = "file mtime"
    if "conversation_id" not in fields:
        metadata.update(made_up(path, record_id))
    timed = any(t["start"] is not None for t in turns)
    return {
        "id": record_id,
        "channel": value.get("channel") or ("voice" if timed else "chat"),
        "started_at": started,
        "agent": {"id": value.get("agent_id") or "unknown", "type": value.get("agent_type") or "human"},
        "customer_id": value.get("customer_id"),
        "metadata": metadata,
        "turns": turns,
    }


def _unknown_reason(unknown: list[tuple[int, str]]) -> str:
    labels = list(dict.fromkeys(label for _, label in unknown))
    first = labels[0]
    others = f" (also {', '.join(repr(x) for x in labels[1:4])})" if len(labels) > 1 else ""
    return (f"unknown speaker {first!r}{others}: add 'Agent-Name: {first}' or 'Customer-Name: {first}' "
            "to the header block at the top of the file (ended by a blank line)")


def load_text(path: Path) -> Iterator[Item]:
    """One plain-text transcript -> one Loaded, or a Rejected naming the line and the fix."""
    source = str(path)
    lines = split_lines(read_text(path))
    pairs, body = _split_header(lines)
    fields = _fields(pairs)
    record_id = fields["conversation_id"].value if "conversation_id" in fields else file_id(path)
    turns, unknown, preamble = _parse_body(lines, body, _names(pairs))
    if unknown:
        yield Rejected(source=source, location=f"line {unknown[0][0]}", record_id=record_id,
                       reason=_unknown_reason(unknown))
        return
    finished = _finish(turns)
    if not finished:
        where = " after the header" if pairs else ""
        yield Rejected(source=source, location=f"line {body + 1}", record_id=record_id,
                       reason=f"no turns found{where}: expected lines like 'Agent: …' or 'Customer: …'")
        return
    record = _record(path, record_id, pairs, fields, finished)
    if isinstance(record, tuple):
        yield Rejected(source=source, location=f"line {record[0]}", record_id=record_id, reason=record[1])
        return
    if preamble:
        yield Rejected(source=source, location=f"line {preamble[0]}", record_id=record_id,
                       reason=f"{len(preamble)} line(s) of text before the first 'Speaker: …' line were not loaded")
    try:
        conversation = Conversation.model_validate(record)
    except ValidationError as err:
        yield Rejected(source=source, location="line 1", record_id=record_id, reason=explain(err))
        return
    yield Loaded(conversation=conversation, source=source, location="line 1")
