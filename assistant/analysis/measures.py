"""What a conversation's outcome measures are (resolved, escalated, CSAT, customer sentiment,
handle time, talk/listen), read from whatever outcome fields the store records
(``assistant/analysis/fields.py``) or from the enrichment stored at ingest; the same measures
for any group of conversations. The dashboards and segment comparisons read them here."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from assistant.analysis.fields import OutcomeFields, detect, field_values, judge
from convoscope.models import (
    CUSTOMER_SENTIMENT,
    TOPIC,
    Conversation,
    ConversationMeta,
    customer_sentiment_change,
    voice_metrics,
)
from vectorstore import Store

MEASURES = ("resolved", "escalated", "csat", "sentiment", "sentiment_change", "handle_time_s", "talk_listen")
LABELS = {
    "resolved": "resolution rate", "escalated": "escalation rate", "csat": "average CSAT",
    "sentiment": "customer sentiment", "handle_time_s": "average handle time (s)",
    "sentiment_change": "customer sentiment, end − start", "talk_listen": "talk/listen ratio (voice)",
}

def stored_number(conv: ConversationMeta, key: str) -> float | None:
    """A number kept in the metadata (a bool is not one), else None."""
    value = conv.metadata.get(key)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def needs_turns(conv: ConversationMeta) -> bool:
    """Whether ``measure`` must read the turns of ``conv``: it was stored before the ingest
    enrichment (which always writes a ``topic``) and misses a value the enrichment stores.
    After the enrichment, a missing value is one the turns cannot give either."""
    if TOPIC in conv.metadata:
        return False
    if any(stored_number(conv, k) is None for k in ("customer_sentiment_start", "customer_sentiment_end")):
        return True
    return conv.channel == "voice" and stored_number(conv, "talk_listen_ratio") is None


def talk_listen(conv: ConversationMeta) -> float | None:
    """Agent (or bot) speaking time over the customer's: as stored at ingest, else from the
    turn timings (stores built before the enrichment)."""
    stored = stored_number(conv, "talk_listen_ratio")
    if stored is not None or not isinstance(conv, Conversation):
        return stored
    return voice_metrics(conv).get("talk_listen_ratio")


def sentiment_change(conv: ConversationMeta) -> float | None:
    """The customer's sentiment at the end minus at the start: as stored at ingest, else from the turns."""
    start, end = stored_number(conv, "customer_sentiment_start"), stored_number(conv, "customer_sentiment_end")
    if start is not None and end is not None:
        return round(end - start, 3)
    return customer_sentiment_change(conv) if isinstance(conv, Conversation) else None


def customer_sentiment(conv: ConversationMeta) -> float | None:
    """The mean of the customer's turn sentiments: as stored at ingest, else from the turns."""
    stored = stored_number(conv, CUSTOMER_SENTIMENT)
    if stored is not None or not isinstance(conv, Conversation):
        return stored
    scores = [t.sentiment for t in conv.turns if t.speaker == "customer" and t.sentiment is not None]
    return float(np.mean(scores)) if scores else None


def value_of(conv: ConversationMeta, name: str, fields: OutcomeFields) -> float | None:
    """One conversation's value of measure ``name`` (1.0/0.0 for a rate), None when unknown."""
    meta = conv.metadata
    if name == "resolved" and fields.resolution:
        value = meta.get(fields.resolution.field)
        if fields.resolution.boolean:
            return float(value) if isinstance(value, bool) else None
        verdict = judge(value) if value is not None else None
        return None if verdict is None else float(verdict == "positive")
    if name == "escalated" and fields.escalation:
        value = meta.get(fields.escalation.field)
        if fields.escalation.boolean:
            return float(value) if isinstance(value, bool) else None
        return None if value is None else float(str(value) in fields.escalation.values)
    if name == "csat" and fields.csat:
        return stored_number(conv, fields.csat.field)
    if name == "handle_time_s" and fields.handle_time:
        return stored_number(conv, fields.handle_time)
    if name == "sentiment":
        return customer_sentiment(conv)
    if name == "sentiment_change":
        return sentiment_change(conv)
    if name == "talk_listen":
        return talk_listen(conv) if conv.channel == "voice" else None
    return None


def values_table(convs: list[ConversationMeta], fields: OutcomeFields) -> dict[str, np.ndarray]:
    """Every measure's value per conversation (NaN: unknown), read once: groups, topics and
    agents then take rows of it (reading per group costs a call per conversation, measure
    and group: seconds at 100,000 conversations)."""
    return {name: np.asarray([np.nan if v is None else v for v in (value_of(c, name, fields) for c in convs)],
                             dtype=np.float64) for name in MEASURES}


def summary(table: dict[str, np.ndarray], rows: list[int] | np.ndarray) -> dict[str, float | None]:
    """The mean of each measure over ``rows`` of ``table``; None where none has a value."""
    out: dict[str, float | None] = {}
    for name, column in table.items():
        picked = column[np.asarray(rows, dtype=np.int64)]
        picked = picked[~np.isnan(picked)]
        out[name] = round(float(picked.mean()), 3) if len(picked) else None
    return out


def measure(convs: Iterable[ConversationMeta], fields: OutcomeFields | None = None) -> dict[str, float | None]:
    """The measures of a group of conversations; ``None`` where no conversation has the data.
    ``fields``: the store's outcome fields (found from ``convs`` themselves when None).
    Without their turns, conversations for which ``needs_turns`` holds miss some measures."""
    convs = list(convs)
    fields = fields if fields is not None else detect(field_values(convs))
    return summary(values_table(convs, fields), np.arange(len(convs)))


def conversations_to_measure(store: Store, ids: list[str],
                             needs: Callable[[ConversationMeta], bool] = needs_turns) -> dict[str, ConversationMeta]:
    """``ids`` without their turns, except where ``needs`` says the turns must be read (by
    default what ``measure`` needs: ``needs_turns``)."""
    conversations: dict[str, ConversationMeta] = dict(store.conversations.meta_many(ids))
    conversations.update(store.conversations.get_many([c for c, m in conversations.items() if needs(m)]))
    return conversations


