"""Turn-aware chunking: windows of whole consecutive turns, never a split turn."""

from __future__ import annotations

import hashlib
import json
import re

from convoscope.models import Chunk, Conversation

MAX_WORDS = 120  # all-MiniLM-L6-v2 reads 256 word pieces; ~120 words fit with room to spare
OVERLAP_TURNS = 1
# a change here re-processes every conversation
PIPELINE_VERSION = f"turns-v2-{MAX_WORDS}-{OVERLAP_TURNS}-clauses-vader-enriched"


def chunk_metadata(conversation: Conversation) -> dict[str, str | int | float | bool]:
    """The conversation's filterable metadata, flat, as stored beside every chunk."""
    started = conversation.started_at
    flat: dict[str, str | int | float | bool] = {
        "conversation_id": conversation.id,
        "channel": conversation.channel,
        "agent_id": conversation.agent.id,
        "agent_type": conversation.agent.type,
        "started_at": started.isoformat(),
        "ts": int(started.timestamp()),
        "day": conversation.day,
        "month": started.strftime("%Y-%m"),
    }
    if conversation.customer_id:
        flat["customer_id"] = conversation.customer_id
    for key, value in conversation.metadata.items():
        flat[f"meta_{key}"] = value
    return flat


def chunk_id(conversation_id: str, turn_start: int, turn_end: int, text: str) -> str:
    digest = hashlib.sha256(f"{conversation_id}\x1f{turn_start}\x1f{turn_end}\x1f{text}".encode()).hexdigest()
    return f"{conversation_id}:{turn_start}-{turn_end}:{digest[:12]}"


def _windows(word_counts: list[int], max_words: int, overlap: int) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    start, n = 0, len(word_counts)
    while start < n:
        end, words = start, word_counts[start]
        while end + 1 < n and words + word_counts[end + 1] <= max_words:
            end += 1
            words += word_counts[end]
        windows.append((start, end))
        if end == n - 1:
            break
        start = max(end + 1 - overlap, start + 1)
    return windows


def chunk_conversation(
    conversation: Conversation, max_words: int = MAX_WORDS, overlap_turns: int = OVERLAP_TURNS
) -> list[Chunk]:
    """Split a conversation into windows of whole turns of at most ``max_words`` words.

    A single turn longer than ``max_words`` becomes a chunk of its own. Consecutive
    windows share ``overlap_turns`` turns so that a question and its answer stay together.
    """
    counts = [len(turn.text.split()) + 1 for turn in conversation.turns]
    metadata = chunk_metadata(conversation)
    chunks = []
    for start, end in _windows(counts, max_words, overlap_turns):
        text = conversation.transcript(start, end)
        chunks.append(
            Chunk(
                id=chunk_id(conversation.id, start, end, text),
                conversation_id=conversation.id,
                turn_start=start,
                turn_end=end,
                text=text,
                metadata=metadata,
            )
        )
    return chunks


_CLAUSE = re.compile(
    r"(?<=[.!?;])\s+|\n+|\s+(?=(?:because|cause|so that|so|but|since|otherwise|or else|and then)\b)"
)
MIN_STATEMENT_WORDS = 3


def statements(conversation: Conversation) -> list[tuple[int, str]]:
    """What customers said, as clauses of at least three words: ``(turn index, clause)``.

    Clauses, not whole turns, because one turn often carries an intent and its reason
    ("i want out of my contract because you charged me for a year"), and analysis needs
    each on its own.
    """
    out = []
    for index, turn in enumerate(conversation.turns):
        if turn.speaker != "customer":
            continue
        for part in _CLAUSE.split(turn.text):
            part = part.strip()
            if part and len(part.split()) >= MIN_STATEMENT_WORDS:
                out.append((index, part))
    return out


def content_hash(conversation: Conversation) -> str:
    """A stable hash of everything stored for a conversation: equal hash, nothing to write."""
    canonical = json.dumps(conversation.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{PIPELINE_VERSION}\x1f{canonical}".encode()).hexdigest()
