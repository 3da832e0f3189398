"""The bundled sample, exported the way other platforms export it, loads back into the same
conversations: Amazon Transcribe JSON (voice calls) and mapped Zendesk-style CSV and
Intercom-style nested JSON (every channel). Text, JSON Lines, captions and e-mail have theirs
in their own test files; this covers the rest."""

from __future__ import annotations

import csv
import html
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest

from convoscope.models import Conversation
from eval.sample import generate
from ingest import Loaded, load

SAMPLE = generate(n=120, seed=5).conversations


def loaded(path: Path) -> list[Conversation]:
    items = list(load(path))
    assert all(isinstance(i, Loaded) for i in items), [i for i in items if not isinstance(i, Loaded)]
    return [i.conversation for i in items]


# -- Amazon Transcribe (standard job, speaker labels) ------------------------------------------

_TRAILING = re.compile(r"^(.*\w)([.,?!;:]+)$")


def _tokens(text: str) -> list[tuple[str, str]]:
    """A turn as Transcribe items: words, and the punctuation that ends a word."""
    out: list[tuple[str, str]] = []
    for word in text.split():
        match = _TRAILING.match(word)
        if match:
            out.append(("pronunciation", match.group(1)))
            out.extend(("punctuation", mark) for mark in match.group(2))
        else:
            out.append(("pronunciation", word))
    return out


def write_transcribe(conversation: Conversation, path: Path) -> None:
    items, segments, clock = [], [], 0.0
    for turn in conversation.turns:
        label = "spk_1" if turn.speaker == "customer" else "spk_0"
        start = turn.start if turn.start is not None else clock
        tokens = _tokens(turn.text)
        words = sum(1 for kind, _ in tokens if kind == "pronunciation")
        end = turn.end if turn.end is not None else start + 0.3 * words
        step = (end - start) / max(words, 1)
        segment_items, t = [], start
        for kind, content in tokens:
            item = {"type": kind, "alternatives": [{"confidence": "0.98", "content": content}]}
            if kind == "pronunciation":
                item |= {"start_time": f"{t:.3f}", "end_time": f"{t + step:.3f}", "speaker_label": label}
                segment_items.append({"start_time": item["start_time"], "end_time": item["end_time"],
                                      "speaker_label": label})
                t += step
            items.append(item)
        segments.append({"start_time": f"{start:.3f}", "end_time": f"{end:.3f}", "speaker_label": label,
                         "items": segment_items})
        clock = end + 0.5
    data = {"jobName": conversation.id, "accountId": "111122223333", "status": "COMPLETED",
            "results": {"transcripts": [{"transcript": " ".join(t.text for t in conversation.turns)}],
                        "speaker_labels": {"speakers": 2, "segments": segments}, "items": items}}
    path.write_text(json.dumps(data), encoding="utf-8")


def _merged(conversation: Conversation) -> list[tuple[str, str]]:
    """What a two-speaker recording can tell apart: agent and bot share the agent's side, and
    consecutive turns of one side are one turn."""
    out: list[tuple[str, str]] = []
    for turn in conversation.turns:
        side = "customer" if turn.speaker == "customer" else "agent"
        text = " ".join(turn.text.split())
        if out and out[-1][0] == side:
            out[-1] = (side, f"{out[-1][1]} {text}")
        else:
            out.append((side, text))
    return out


def test_voice_calls_exported_as_transcribe_json_load_back_the_same(tmp_path):
    calls = [c for c in SAMPLE if c.channel == "voice"]
    assert len(calls) >= 10
    for call in calls:
        write_transcribe(call, tmp_path / f"{call.id}.json")
    back = {c.id: c for path in sorted(tmp_path.glob("*.json")) for c in loaded(path)}
    assert sorted(back) == sorted(c.id for c in calls)
    for call in calls:
        got = back[call.id]
        assert [(t.speaker, t.text) for t in got.turns] == _merged(call), call.id
        assert got.channel == "voice" and got.metadata["speakers_from"]
        timed = [t for t in call.turns if t.start is not None]
        if timed and len(got.turns) == len(call.turns):
            assert got.turns[0].start == pytest.approx(timed[0].start, abs=0.01)
            assert got.turns[-1].end == pytest.approx(timed[-1].end, abs=0.01)


# -- mapped exports ------------------------------------------------------------------------------

def _turn_times(conversation: Conversation) -> list[str]:
    """Each turn's wall-clock time, as a platform stamps messages: the first at the
    conversation's start, the rest by their offsets from it (or a second apart)."""
    offsets = [t.start if t.start is not None else float(i) for i, t in enumerate(conversation.turns)]
    return [(conversation.started_at + timedelta(seconds=o - offsets[0])).isoformat() for o in offsets]


def _same(original: Conversation, got: Conversation) -> None:
    assert (got.id, got.channel, got.started_at, got.agent, got.customer_id) == (
        original.id, original.channel, original.started_at, original.agent, original.customer_id)
    assert {k: v for k, v in got.metadata.items() if k != "timezone_assumed"} == original.metadata
    assert [(t.speaker, t.text) for t in got.turns] == [(t.speaker, t.text) for t in original.turns]


def _all_back(path: Path, meta_prefix: str = "") -> None:
    """Every sample conversation loads back from ``path`` the same (metadata keys read under ``meta_prefix``)."""
    back = {c.id: c for c in loaded(path)}
    assert len(back) == len(SAMPLE)
    for original in SAMPLE:
        got = back[original.id]
        _same(original, got.model_copy(
            update={"metadata": {k.removeprefix(meta_prefix): v for k, v in got.metadata.items()}}))


META = ["product", "queue", "disposition", "outcome", "csat", "handle_time_s"]


def test_a_zendesk_style_csv_read_through_a_mapping_loads_back_the_same(tmp_path):
    path = tmp_path / "tickets.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["ticket_id", "via", "assignee_id", "assignee_kind", "requester_id", "author_role", "body",
                      "created_at", *META])
        rows = [[c.id, c.channel, c.agent.id, c.agent.type, c.customer_id,
                 {"customer": "end-user"}.get(t.speaker, t.speaker), t.text, when,
                 *[c.metadata.get(k, "") for k in META]]
                for c in SAMPLE for t, when in zip(c.turns, _turn_times(c))]
        out.writerows(rows[::2] + rows[1::2])  # rows of one ticket scattered through the file
    (tmp_path / "tickets.convoscope.yaml").write_text(
        "conversation_id: ticket_id\nspeaker: author_role\nspeakers: {end-user: customer}\ntext: body\n"
        "time: created_at\nchannel: via\nagent_id: assignee_id\nagent_type: assignee_kind\n"
        f"customer_id: requester_id\nmetadata: [{', '.join(META)}]\n")
    _all_back(path)


def _html(text: str) -> str:
    """A message body as Intercom stores it: paragraphs, line breaks, escaped text."""
    return "".join(f"<p>{'<br>'.join(html.escape(line) for line in para.split(chr(10)))}</p>"
                   for para in text.split("\n\n"))


def test_an_intercom_style_nested_json_with_html_bodies_loads_back_the_same(tmp_path):
    export = {"type": "conversation.list", "conversations": [
        {"id": c.id, "source": {"delivered_as": c.channel},
         "admin_assignee": {"id": c.agent.id, "kind": c.agent.type}, "contacts": {"id": c.customer_id},
         "custom_attributes": {k: str(v) for k, v in c.metadata.items()},
         "conversation_parts": {"parts": [
             {"author": {"type": {"customer": "user", "agent": "admin"}.get(t.speaker, t.speaker)},
              "body": _html(t.text), "created_at": when}
             for t, when in zip(c.turns, _turn_times(c))]}}
        for c in SAMPLE]}
    path = tmp_path / "intercom.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    (tmp_path / "convoscope-mapping.yaml").write_text(
        "root: conversations\nrecords: conversation_parts.parts\nconversation_id: id\n"
        "speaker: author.type\nspeakers: {user: customer, admin: agent}\ntext: body\nstrip_html: true\n"
        "time: created_at\nchannel: source.delivered_as\nagent_id: admin_assignee.id\n"
        "agent_type: admin_assignee.kind\ncustomer_id: contacts.id\n"
        f"metadata: [{', '.join(f'custom_attributes.{k}' for k in META)}]\n")
    _all_back(path, meta_prefix="custom_attributes.")
