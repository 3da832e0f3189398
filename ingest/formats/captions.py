"""Caption files as conversations: WebVTT (``.vtt``) and SubRip (``.srt``), one call per file.

WebVTT (W3C): a ``WEBVTT`` line, then blocks separated by blank lines; a cue is an optional
identifier line, a timing line ``00:00:01.000 --> 00:00:04.000 [settings]`` and its text;
``NOTE``, ``STYLE`` and ``REGION`` blocks are skipped. SubRip: numbered cues with timing
``00:00:01,000 --> 00:00:04,000``. Both accept ``.`` or ``,`` before the milliseconds and
hours may be left out. A missing ``WEBVTT`` line is tolerated.

Speakers come from ``<v Name>`` voice tags or a ``Name:`` prefix at the start of a cue line
(``- Name:`` and ``>> Name:`` too); a name is a role word (Agent, Customer, Caller, Bot…) or
up to three capitalised words (inside a ``<v>`` span a ``Name:`` is just text). A cue with no
speaker continues the previous speaker; one before any speaker is skipped and reported. Names
are mapped with ``speaker_of``; the one inference made: when exactly two distinct names occur
and one is a role, the other takes the opposite role (a customer's counterpart is the agent;
an agent's or a bot's counterpart is the customer), recorded in ``metadata["inferred_speakers"]``.
Anything else unknown rejects the file with the name and the line.

Other tags (``<b>``, ``<i>``, ``<c.x>``, ``<00:00:02.000>``, ``<font>``, ``{\\an8}``) are
stripped, WebVTT character references unescaped, line wraps joined with a space.
Consecutive cues of one speaker make one turn: start of the first, end of the last.

A cue with a bad timing line, or text but no timing line, is skipped and reported as a
``Rejected`` at its line; the conversation still loads. With nothing usable the whole file
is one ``Rejected``. The id is the file's name (``file_id``), the channel is ``voice`` and
``started_at`` is the file's modification time (``metadata["started_at_source"]``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from convoscope.models import Conversation
from ingest.formats.common import file_id, made_up, speaker_of
from ingest.formats.text import file_time, norm_label, read_text, split_lines
from ingest.records import Loaded, Rejected, explain

Item = Loaded | Rejected

_STAMP = r"(?:(\d{1,6}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?"
_TIMING = re.compile(rf"^\s*{_STAMP}\s*-->\s*{_STAMP}(?:\s.*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?(?:[ \t]+([^<>]*))?>")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<\d[^<>]*>|\{\\[^{}]*\}")
_PREFIX = re.compile(r"^(?:-|>>)?\s*([^\W\d_][\w'.& -]{0,39}?)\s*:(?:\s+(.*))?$")
_TIMED = re.compile(r"^\s*\d[\d:.,]*\s*-")  # an attempt at a timing line ("00:00:07.5 -> 9")
_SKIP_BLOCKS = ("NOTE", "STYLE", "REGION")
_NO_TIMING = "cue text with no timing line (expected '00:00:01.000 --> 00:00:04.000' above it)"
_OPPOSITE = {"customer": "agent", "agent": "customer", "bot": "customer"}


@dataclass
class Cue:
    line: int  # the timing line's number
    start: float
    end: float
    text: list[str]


@dataclass
class Segment:
    line: int
    label: str | None
    text: str
    start: float
    end: float


Problem = tuple[int, str]  # line number, reason


# ---- reading cues ---------------------------------------------------------------------

def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Runs of non-blank lines with the 1-based number of their first line."""
    block: list[str] = []
    for index, line in enumerate([*lines, ""]):
        if line.strip():
            block.append(line)
        elif block:
            yield index - len(block) + 1, block
            block = []


def _stamp(hours: str | None, minutes: str, secs: str, millis: str | None) -> float | None:
    if int(minutes) > 59 or int(secs) > 59:
        return None
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + int((millis or "0").ljust(3, "0")) / 1000


def _timing(line: str) -> tuple[float, float] | str:
    """(start, end) in seconds, or why the timing line cannot be used."""
    match = _TIMING.match(line)
    start = match and _stamp(*match.groups()[:4])
    end = match and _stamp(*match.groups()[4:])
    if start is None or end is None or not match:
        return f"bad cue timing {line.strip()[:60]!r} (expected 00:00:01.000 --> 00:00:04.000)"
    if end < start:
        return f"cue ends before it starts: {line.strip()[:60]!r}"
    return start, end


def _cue(number: int, block: list[str], at: int) -> Cue | Problem:
    """The cue whose timing line is ``block[at]``."""
    timing = _timing(block[at])
    if isinstance(timing, str):
        return number + at, timing
    return Cue(line=number + at, start=timing[0], end=timing[1], text=block[at + 1:])


def _timing_at(block: list[str], numbered: bool = False) -> int | None:
    """Which of the block's first two lines is its timing line (line 0 may be an identifier)."""
    for test in (lambda line: "-->" in line, _TIMED.search):
        for at in (0, 1)[: len(block)]:
            if test(block[at]) and not (at == 0 and numbered):
                return at
    return 1 if numbered and len(block) > 1 else None


def vtt_cues(lines: list[str]) -> tuple[list[Cue], list[Problem]]:
    cues: list[Cue] = []
    problems: list[Problem] = []
    for number, block in _blocks(lines):
        head = block[0].strip()
        if not cues and not problems and head.startswith("WEBVTT"):
            continue
        if "-->" not in head and head.split(" ")[0].split("\t")[0] in _SKIP_BLOCKS:
            continue
        at = _timing_at(block)
        item = _cue(number, block, at) if at is not None else (number, _NO_TIMING)
        (cues if isinstance(item, Cue) else problems).append(item)
    return cues, problems


def srt_cues(lines: list[str]) -> tuple[list[Cue], list[Problem]]:
    cues: list[Cue] = []
    problems: list[Problem] = []
    for number, block in _blocks(lines):
        numbered = block[0].strip().isdigit()
        at = _timing_at(block, numbered)
        if numbered and at is None:
            item: Cue | Problem = (number, f"cue {block[0].strip()} has no timing line")
        elif at is None:
            item = (number, _NO_TIMING)
        else:
            item = _cue(number, block, at)
        (cues if isinstance(item, Cue) else problems).append(item)
    return cues, problems


# ---- speakers -------------------------------------------------------------------------

def _name_like(label: str) -> bool:
    words = label.split()
    return bool(speaker_of(label)) or (
        0 < len(words) <= 3 and len(label) <= 32
        and all(w[0].isupper() and all(c.isalpha() or c in "'.-" for c in w) for w in words))


def _clean(text: str, unescape: bool) -> str:
    text = _TAG.sub("", text)
    return " ".join((html.unescape(text) if unescape else text).split())


def _segments(cue: Cue, unescape: bool) -> list[Segment]:
    """The cue's text split by speaker: ``<v Name>`` spans, then ``Name:`` line prefixes."""
    parts = _VOICE.split("\n".join(cue.text))
    spans: list[tuple[str | None, str]] = [(None, parts[0])]
    spans += [(parts[i], parts[i + 1]) for i in range(1, len(parts) - 1, 2)]
    out: list[Segment] = []
    for voice, chunk in spans:
        label = voice.strip() if voice and voice.strip() else None
        for line in chunk.split("\n"):
            text = _clean(line, unescape)
            prefix = None if voice else _PREFIX.match(text)
            if prefix and _name_like(prefix[1]):
                label, text = prefix[1].strip(), (prefix[2] or "").strip()
            if text:
                out.append(Segment(cue.line, label, text, cue.start, cue.end))
            elif label and not out:
                out.append(Segment(cue.line, label, "", cue.start, cue.end))
    return out


def _roles(segments: list[Segment]) -> dict[str, str] | Problem:
    """Each distinct label's role, or (line, reason) when a name cannot be placed."""
    first: dict[str, Segment] = {}
    for seg in segments:
        first.setdefault(norm_label(seg.label or ""), seg)
    roles = {key: speaker_of(key) for key in first}
    unknown = [key for key, role in roles.items() if role is None]
    if not unknown:
        return {k: r for k, r in roles.items() if r}
    known = [r for r in roles.values() if r]
    if len(roles) == 2 and len(unknown) == 1 and known[0] in _OPPOSITE:
        return {**{k: r for k, r in roles.items() if r}, unknown[0]: _OPPOSITE[known[0]]}
    seg = first[unknown[0]]
    names = ", ".join(repr(first[k].label) for k in unknown[:4])
    return seg.line, (f"unknown speaker name(s) {names}: cannot tell agent from customer; label cues with a "
                      "role (<v Agent>, 'Customer: …'), or name only one side so the other can be inferred")


def _inherit(segments: list[Segment]) -> tuple[list[Segment], list[Problem]]:
    """Unlabelled segments take the previous speaker; ones before any speaker are reported."""
    kept: list[Segment] = []
    problems: list[Problem] = []
    for seg in segments:
        label = seg.label or (kept[-1].label if kept else None)
        if label is None:
            problems.append((seg.line, "cue has no speaker (<v Name> or 'Name:') and no earlier cue to continue"))
        else:
            kept.append(Segment(seg.line, label, seg.text, seg.start, seg.end))
    return [s for s in kept if s.text], problems


def _turns(segments: list[Segment], roles: dict[str, str]) -> list[dict[str, Any]]:
    """One speaker's consecutive segments as one turn: start of the first, end of the last."""
    turns: list[dict[str, Any]] = []
    for seg in segments:
        role = roles[norm_label(seg.label or "")]
        if turns and turns[-1]["speaker"] == role:
            turns[-1]["text"].append(seg.text)
            turns[-1]["end"] = max(turns[-1]["end"], seg.end)
        else:
            turns.append({"speaker": role, "text": [seg.text], "start": seg.start, "end": max(seg.end, seg.start)})
    return [{**turn, "text": " ".join(turn["text"])} for turn in turns]


# ---- loading --------------------------------------------------------------------------

def _inferred(roles: dict[str, str], segments: list[Segment]) -> str | None:
    labels = {norm_label(s.label or ""): s.label for s in segments}
    guessed = [f"{labels[k]}={r}" for k, r in roles.items() if speaker_of(k) is None]
    return ", ".join(guessed) or None


def _load(path: Path, cues: list[Cue], problems: list[Problem], unescape: bool) -> Iterator[Item]:
    source, record_id = str(path), file_id(path)

    def rejected(problem: Problem) -> Rejected:
        return Rejected(source=source, location=f"line {problem[0]}", record_id=record_id, reason=problem[1])

    raw = [seg for cue in cues for seg in _segments(cue, unescape)]
    if raw and not any(seg.label for seg in raw):
        yield rejected((raw[0].line, "no speaker labels: mark cues with <v Agent> / <v Customer> voice tags "
                                     "or 'Agent:' / 'Customer:' prefixes"))
        return
    segments, unlabelled = _inherit(raw)
    problems = sorted(dict(problems + unlabelled).items())
    if not segments:
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        yield rejected((problems[0][0], f"no usable cues: {problems[0][1]}{more}") if problems else
                       (1, "no cues found: expected cues like '00:00:01.000 --> 00:00:04.000' followed by text"))
        return
    roles = _roles(segments)
    if isinstance(roles, tuple):
        yield rejected(roles)
        return
    yield from (rejected(p) for p in problems)
    metadata: dict[str, Any] = {"started_at_source": "file mtime", **made_up(path, record_id)}
    if guessed := _inferred(roles, segments):
        metadata["inferred_speakers"] = guessed
    record = {"id": record_id, "channel": "voice", "started_at": file_time(path), "agent": {"id": "unknown"},
              "metadata": metadata, "turns": _turns(segments, roles)}
    try:
        conversation = Conversation.model_validate(record)
    except ValidationError as err:
        yield rejected((1, explain(err)))
        return
    yield Loaded(conversation=conversation, source=source, location="line 1")


def load_vtt(path: Path) -> Iterator[Item]:
    """A WebVTT caption file -> one conversation (and a Rejected per skipped cue)."""
    cues, problems = vtt_cues(split_lines(read_text(path)))
    yield from _load(path, cues, problems, unescape=True)


def load_srt(path: Path) -> Iterator[Item]:
    """A SubRip caption file -> one conversation (and a Rejected per skipped cue)."""
    cues, problems = srt_cues(split_lines(read_text(path)))
    yield from _load(path, cues, problems, unescape=False)
