"""Amazon Transcribe output: standard batch jobs, and Call Analytics / Contact Lens analyses.

One file is one call. Standard output is a list of words and punctuation marks (``results.items``);
consecutive words of one speaker become a turn, punctuation sticks to the word before it. Who spoke
comes from speaker labels (``spk_0``, ``spk_1`` …: ShowSpeakerLabels) or channels (``ch_0``, ``ch_1``:
ChannelIdentification), recorded as ``metadata.speakers_from``. ``CONVOSCOPE_AGENT_SPEAKER`` names
the agent's label (default ``spk_0``; its number also names the channel, so ``ch_0`` is the agent,
the way contact-centre platforms usually record calls); every other label is the customer.

Call Analytics / Contact Lens output (``Transcript`` segments with a ``ParticipantRole``) names the
roles itself; each segment is a turn. Segment sentiment becomes ``Turn.sentiment``: POSITIVE 0.6,
NEGATIVE -0.6, NEUTRAL 0.0, MIXED 0.0. Issues, outcomes, action items, matched categories and the
scalar conversation characteristics (talk time, interruptions, non-talk time, talk speed, overall
sentiment per role on Transcribe's -5..5 scale) go to metadata.

Transcribe records no call time: ``started_at`` is the file's modification time (UTC), with
``metadata.started_at_source = "file mtime"``. The agent's id is not in the output: ``unknown``.
The id is the job name, else the contact id, else the file's name (``file_id``).
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from convoscope import settings
from convoscope.errors import ConvoscopeError, InputError
from convoscope.models import Conversation
from ingest.formats.common import file_id, made_up, speaker_of
from ingest.records import Loaded, Rejected, explain

Item = Loaded | Rejected
Meta = dict[str, str | int | float | bool]

SENTIMENT = {"POSITIVE": 0.6, "NEGATIVE": -0.6, "NEUTRAL": 0.0, "MIXED": 0.0}
ROLES = {"AGENT": "agent", "CUSTOMER": "customer", "SUPERVISOR": "agent", "AUTOMATED": "bot", "SYSTEM": "system"}
NO_SPEAKERS = ("the words carry no speaker labels or channels: run Transcribe with speaker identification "
               "(ShowSpeakerLabels) or channel identification")
_KEY = re.compile(rb'"(transcripts|jobName|results|ConversationCharacteristics|Transcript|BeginOffsetMillis|JobName|'
                  rb'JobStatus)"\s*:')
_LABEL = re.compile(r"(spk|ch)_(\d+)")


def sniff(head: bytes) -> bool:
    """Whether the start of a ``.json`` file looks like Transcribe output: ``transcripts`` with
    ``jobName``/``results`` (standard), or ``ConversationCharacteristics``, or ``Transcript``
    segments with millisecond offsets or a job name/status (Call Analytics, Contact Lens) — not an
    Amazon Connect chat transcript, whose ``Transcript`` has ``AbsoluteTime`` instead."""
    keys = {match.decode() for match in _KEY.findall(head)}
    if "transcripts" in keys and keys & {"jobName", "results"}:
        return True
    analytics = {"BeginOffsetMillis", "JobName", "JobStatus"}
    return "ConversationCharacteristics" in keys or bool("Transcript" in keys and keys & analytics)


@dataclass
class Word:
    speaker: str
    start: float | None
    end: float | None
    text: str


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _number(value: Any) -> float | None:
    """A finite, non-negative number from a JSON number or numeric string, else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


def agent_label(kind: str) -> str:
    """The label (``spk_N`` or ``ch_N`` for ``kind`` ``spk`` / ``ch``) that is the agent."""
    raw = settings.current().agent_speaker.strip().lower() or "spk_0"
    match = _LABEL.fullmatch(raw)
    if not match:
        raise ConvoscopeError(f"CONVOSCOPE_AGENT_SPEAKER={raw!r} is not a Transcribe speaker label",
                              "use the agent's label, e.g. spk_0, spk_1, ch_0 or ch_1")
    return f"{kind}_{match[2]}"


def _content(item: dict[str, Any]) -> str:
    return _text(_dict((_list(item.get("alternatives")) or [None])[0]).get("content"))


def _segment_speakers(results: dict[str, Any]) -> tuple[dict[float, str], list[tuple[float, float, str]]]:
    """From ``speaker_labels.segments``: each word's start time -> label, and the segments' spans."""
    by_start: dict[float, str] = {}
    spans: list[tuple[float, float, str]] = []
    for segment in map(_dict, _list(_dict(results.get("speaker_labels")).get("segments"))):
        label = _text(segment.get("speaker_label"))
        start, end = _number(segment.get("start_time")), _number(segment.get("end_time"))
        if label and start is not None and end is not None:
            spans.append((start, end, label))
        for word in map(_dict, _list(segment.get("items"))):
            at = _number(word.get("start_time"))
            if label and at is not None:
                by_start[at] = _text(word.get("speaker_label")) or label
    return by_start, sorted(spans)


def _words(items: list[Any], speaker_for: Callable[[dict[str, Any]], str]) -> list[Word]:
    """Words in item order, each punctuation mark attached to the word before it."""
    words: list[Word] = []
    for item in items:
        item = _dict(item)
        content = _content(item)
        if not content:
            continue
        if item.get("type") == "punctuation":
            if words:
                words[-1].text += content
            continue
        words.append(Word(speaker_for(item), _number(item.get("start_time")), _number(item.get("end_time")), content))
    return words


def _speaker_words(results: dict[str, Any]) -> list[Word] | None:
    """Words labelled by speaker identification; None when the output has no speaker labels."""
    items = _list(results.get("items"))
    by_start, spans = _segment_speakers(results)
    if not by_start and not spans and not any(_text(_dict(i).get("speaker_label")) for i in items):
        return None
    begins, last = [span[0] for span in spans], [""]

    def speaker_for(item: dict[str, Any]) -> str:
        start = _number(item.get("start_time"))
        label = _text(item.get("speaker_label")) or by_start.get(start, "")
        if not label and start is not None and (at := bisect_right(begins, start) - 1) >= 0 and spans[at][1] >= start:
            label = spans[at][2]
        last[0] = label or last[0]  # a word no segment covers: the speaker before it
        return last[0]

    return _words(items, speaker_for)


def _channel_words(results: dict[str, Any]) -> list[Word] | None:
    """Words of every channel, each channel's in order; None when there is no channel identification."""
    channels = _list(_dict(results.get("channel_labels")).get("channels"))
    if channels:
        words: list[Word] = []
        for channel in channels:
            label = _text(_dict(channel).get("channel_label"))
            words.extend(_words(_list(_dict(channel).get("items")), lambda _item, label=label: label))
        return words
    items = _list(results.get("items"))
    if any(_text(_dict(i).get("channel_label")) for i in items):
        return _words(items, lambda item: _text(item.get("channel_label")))
    return None


def _speaker_runs(words: list[Word]) -> list[list[Word]]:
    """Consecutive words of one speaker (diarised words never overlap)."""
    runs: list[list[Word]] = []
    for word in words:
        if runs and runs[-1][-1].speaker == word.speaker:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _channel_runs(words: list[Word]) -> list[list[Word]]:
    """Each channel's words, split only where another channel starts a word in the pause between
    two of them, then put in time order: talking over someone does not chop either turn up."""
    by_label: dict[str, list[Word]] = {}
    for word in words:
        by_label.setdefault(word.speaker, []).append(word)
    runs: list[list[Word]] = []
    for label, mine in by_label.items():
        others = sorted(w.start for w in words if w.speaker != label and w.start is not None)
        run = [mine[0]]
        for previous, word in zip(mine, mine[1:]):
            pause = previous.end if previous.end is not None else previous.start
            spoke_between = pause is not None and word.start is not None and (
                bisect_left(others, pause) < bisect_left(others, word.start))
            if spoke_between:
                runs.append(run)
                run = []
            run.append(word)
        runs.append(run)
    return sorted(runs, key=lambda run: math.inf if run[0].start is None else run[0].start)


def _run_turns(runs: list[list[Word]], agent: str) -> list[dict[str, Any]]:
    ends = [[w.end for w in run if w.end is not None] for run in runs]
    return [{"speaker": "agent" if run[0].speaker.lower() == agent else "customer",
             "text": " ".join(w.text for w in run), "start": run[0].start, "end": end[-1] if end else None}
            for run, end in zip(runs, ends)]


def _standard(data: dict[str, Any]) -> tuple[list[dict[str, Any]], Meta] | str:
    """Turns and metadata of a standard batch job, or why they cannot be built."""
    status = _text(data.get("status"))
    results = data.get("results")
    if not isinstance(results, dict):
        return f"no results (job status {status})" if status else "no 'results' object: not Transcribe output"
    items = _list(results.get("items"))
    if not any(_content(_dict(i)) for i in items) and not _list(_dict(results.get("channel_labels")).get("channels")):
        return "no items: the transcript is empty (silent or unsupported audio?)"
    words, source = _speaker_words(results), "speaker labels"
    if words is None:
        words, source = _channel_words(results), "channels"
    if words is None:
        return NO_SPEAKERS
    if not words:
        return "no words in the transcript (empty transcript or silent audio)"
    if not any(w.speaker for w in words):
        return NO_SPEAKERS
    agent = agent_label("spk" if source == "speaker labels" else "ch")
    ends = [w.end for w in words if w.end is not None]
    meta: Meta = {"transcribe_output": "standard", "speakers_from": source, "agent_speaker": agent,
                  "speaker_count": len({w.speaker for w in words if w.speaker})}
    if ends:
        meta["duration_s"] = max(ends)
    if _text(results.get("language_code")):
        meta["language_code"] = _text(results.get("language_code"))
    runs = _speaker_runs(words) if source == "speaker labels" else _channel_runs(words)
    return _run_turns(runs, agent), meta


def _offsets(segment: dict[str, Any]) -> dict[str, float | None]:
    begin, end = _number(segment.get("BeginOffsetMillis")), _number(segment.get("EndOffsetMillis"))
    return {"start": None if begin is None else begin / 1000, "end": None if end is None else end / 1000}


def _role(segment: dict[str, Any], participants: dict[str, str]) -> str | None:
    role = _text(segment.get("ParticipantRole")) or participants.get(_text(segment.get("ParticipantId")), "")
    role = role or _text(segment.get("ParticipantId"))
    return ROLES.get(role.upper()) or speaker_of(role)


def _spans(segment: dict[str, Any], key: str, content: str) -> list[str]:
    """The texts of a segment's detected issues / outcomes / action items (character offsets)."""
    found = []
    for entry in _list(segment.get(key)):
        offsets = _dict(_dict(entry).get("CharacterOffsets"))
        begin = offsets.get("Begin", offsets.get("BeginOffsetChar"))
        end = offsets.get("End", offsets.get("EndOffsetChar"))
        if isinstance(begin, int) and isinstance(end, int) and not isinstance(begin, bool) and 0 <= begin < end:
            text = content[begin:end].strip()
            if text:
                found.append(text)
    return found


CHARACTERISTICS: dict[str, tuple[str, ...]] = {
    "duration_ms": ("TotalConversationDurationMillis",),
    "talk_time_ms": ("TalkTime", "TotalTimeMillis"),
    "talk_time_agent_ms": ("TalkTime", "DetailsByParticipant", "AGENT", "TotalTimeMillis"),
    "talk_time_customer_ms": ("TalkTime", "DetailsByParticipant", "CUSTOMER", "TotalTimeMillis"),
    "talk_speed_agent_wpm": ("TalkSpeed", "DetailsByParticipant", "AGENT", "AverageWordsPerMinute"),
    "talk_speed_customer_wpm": ("TalkSpeed", "DetailsByParticipant", "CUSTOMER", "AverageWordsPerMinute"),
    "interruptions_count": ("Interruptions", "TotalCount"),
    "interruptions_ms": ("Interruptions", "TotalTimeMillis"),
    "non_talk_time_ms": ("NonTalkTime", "TotalTimeMillis"),
    "overall_sentiment_agent": ("Sentiment", "OverallSentiment", "AGENT"),
    "overall_sentiment_customer": ("Sentiment", "OverallSentiment", "CUSTOMER"),
}


def _characteristics(data: dict[str, Any]) -> Meta:
    """The scalar ``ConversationCharacteristics``, as whole numbers where they are whole."""
    meta: Meta = {}
    for name, keys in CHARACTERISTICS.items():
        value: Any = data.get("ConversationCharacteristics")
        for key in keys:
            value = _dict(value).get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            if name.startswith("overall_sentiment"):
                meta[name] = float(value)
            elif value >= 0:
                meta[name] = int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)
    return meta


def _analytics(data: dict[str, Any]) -> tuple[list[dict[str, Any]], Meta] | str:
    """Turns and metadata of Call Analytics / Contact Lens output, or why they cannot be built."""
    participants = {_text(_dict(p).get("ParticipantId")): _text(_dict(p).get("ParticipantRole"))
                    for p in _list(data.get("Participants"))}
    turns: list[dict[str, Any]] = []
    found: dict[str, list[str]] = {"issues": [], "outcomes": [], "action_items": []}
    for number, segment in enumerate(_list(data.get("Transcript")), start=1):
        segment = _dict(segment)
        content = segment.get("Content") if isinstance(segment.get("Content"), str) else ""
        if not content.strip():
            continue
        speaker = _role(segment, participants)
        if speaker is None:
            role = _text(segment.get("ParticipantRole")) or _text(segment.get("ParticipantId"))
            return f"segment {number}: unknown participant {role[:40]!r} (expected AGENT or CUSTOMER)"
        sentiment = SENTIMENT.get(_text(segment.get("Sentiment")).upper())
        turns.append({"speaker": speaker, "text": content.strip(), **_offsets(segment), "sentiment": sentiment})
        for key, name in (("IssuesDetected", "issues"), ("OutcomesDetected", "outcomes"),
                          ("ActionItemsDetected", "action_items")):
            found[name].extend(_spans(segment, key, content))
    if not turns:
        return "no segments with text: the transcript is empty"
    meta: Meta = {"transcribe_output": "call analytics", "speakers_from": "participant roles"}
    for name, texts in found.items():
        if texts:
            meta[name] = " | ".join(texts)
            meta[f"{name}_count"] = len(texts)
    categories = [c for c in _list(_dict(data.get("Categories")).get("MatchedCategories")) if isinstance(c, str)]
    if categories:
        meta["categories"] = " | ".join(categories)
    for key, name in (("LanguageCode", "language_code"), ("JobStatus", "job_status")):
        if _text(data.get(key)):
            meta[name] = _text(data.get(key))
    contact = _text(_dict(data.get("CustomerMetadata")).get("ContactId"))
    if contact:
        meta["contact_id"] = contact
    return turns, meta | _characteristics(data)


def _read(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})", "check the path and its permissions") from err
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text (bad byte at offset {err.start})",
                         "use the JSON file exactly as Transcribe wrote it") from err
    except (ValueError, RecursionError) as err:  # JSONDecodeError is a ValueError; so is an over-long number
        where = ""
        if isinstance(err, json.JSONDecodeError):
            where = f" ({err.msg} at line {err.lineno}, column {err.colno})"
        raise InputError(f"{path}: not valid JSON{where}", "use the JSON file exactly as Transcribe wrote it") from err


def _started_at(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    except (OSError, OverflowError, ValueError):
        return datetime.now(timezone.utc)


def load_transcribe(path: Path) -> Iterator[Item]:
    """The call in one Transcribe output file: one ``Loaded``, or one ``Rejected`` with the reason."""
    source, location = str(path), "file"
    data = _read(path)
    if not isinstance(data, dict):
        yield Rejected(source=source, location=location,
                       reason=f"expected a Transcribe output object, got a JSON {type(data).__name__}")
        return
    record_id = _text(data.get("jobName")) or _text(data.get("JobName")) or None
    built = _analytics(data) if isinstance(data.get("Transcript"), list) else _standard(data)
    if isinstance(built, str):
        yield Rejected(source=source, location=location, record_id=record_id, reason=built)
        return
    turns, meta = built
    record_id = record_id or _text(meta.get("contact_id"))
    if not record_id:
        record_id = file_id(path)
        meta.update(made_up(path, record_id))
    channel = _text(data.get("Channel")).lower() or "voice"
    meta["started_at_source"] = "file mtime"
    record = {"id": record_id, "channel": channel, "started_at": _started_at(path),
              "agent": {"id": "unknown", "type": "human"}, "metadata": meta,
              "turns": [{k: v for k, v in t.items() if v is not None} for t in turns]}
    try:
        conversation = Conversation.model_validate(record)
    except ValidationError as err:
        yield Rejected(source=source, location=location, record_id=record_id, reason=explain(err))
        return
    yield Loaded(conversation=conversation, source=source, location=location)
