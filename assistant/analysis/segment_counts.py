"""Per-segment counts for compare questions: each value of the compared field with its traffic
(the window's conversations in it, under the question's other filters), its matching
conversations, and the measures of those.

Traffic is counted by SQL per value; the matching conversations are grouped by their own
value of the field, so a segment the store holds but nobody in it matched still shows, with 0.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.analysis.filters import to_where
from assistant.analysis.measures import measure
from convoscope.models import ConversationMeta, Filters, Scalar, Segment, TimeWindow
from vectorstore import Store

COLUMNS = ("channel", "agent_type", "agent_id")
MAX_SEGMENTS = 12  # a field with more values (agents, companies) shows the segments that match most


def store_key(field: str) -> str:
    """The store's filter key of a segment field: a column, or ``meta_<key>``."""
    return field if field in COLUMNS else f"meta_{field}"


def value_of(conv: ConversationMeta, field: str) -> Scalar | None:
    if field == "channel":
        return conv.channel
    if field == "agent_type":
        return conv.agent.type
    if field == "agent_id":
        return conv.agent.id
    return conv.metadata.get(field)


def label(value: Scalar | None) -> str:
    return "(none)" if value is None else str(value)


def traffic(
    store: Store, filters: Filters, window: TimeWindow | None, field: str, values: Iterable[Scalar],
) -> dict[str, int]:
    """Conversations per value of ``field`` in ``window`` with the question's other filters."""
    out: dict[str, int] = {}
    for value in values:
        where = to_where(filters, window, use_window=window is not None)
        where.equals[store_key(field)] = [value]
        out[label(value)] = store.conversations.count(where) if value is not None else 0
    return out


def segment_values(
    store: Store, field: str, named: list[Scalar], members: Iterable[ConversationMeta],
) -> list[Scalar]:
    """The values to show: those named; else every value the store holds for the field (as
    offered for filters) and any a matching conversation has."""
    if named:
        return list(named)
    held = list(store.conversations.values().get(store_key(field), {}))
    seen = {label(v) for v in held}
    for conv in members:
        value = value_of(conv, field)
        if value is not None and label(value) not in seen:
            held.append(value)
            seen.add(label(value))
    return held


def segments(
    store: Store, filters: Filters, window: TimeWindow | None, field: str, named: list[Scalar],
    members: dict[str, ConversationMeta],
) -> tuple[list[Segment], dict[str, list[ConversationMeta]], int]:
    """One ``Segment`` per value (label = the value, conversations = traffic, matching = the
    matching conversations in it, measures over those), most matching first; segments with
    no traffic are left out unless named, and beyond ``MAX_SEGMENTS`` the least matching are
    (and, for a field of more values than that, those with no match).
    Also the matching conversations per label, and how many segments were left out."""
    groups: dict[str, list[ConversationMeta]] = {}
    for conv in sorted(members.values(), key=lambda c: c.id):
        groups.setdefault(label(value_of(conv, field)), []).append(conv)
    values = segment_values(store, field, named, members.values())
    values.sort(key=lambda v: (-len(groups.get(label(v), [])), label(v)))
    counts = traffic(store, filters, window, field, values[:MAX_SEGMENTS])
    rows = []
    for value in values[:MAX_SEGMENTS]:
        name = label(value)
        convs = groups.get(name, [])
        if convs or named or (counts[name] and len(values) <= MAX_SEGMENTS):  # zeros only among few values
            rows.append(Segment(label=name, conversations=max(counts[name], len(convs)), matching=len(convs),
                                measures=measure(convs)))
    rows.sort(key=lambda s: (-(s.matching or 0), -s.conversations, s.label))
    left_out = sum(1 for v in values[MAX_SEGMENTS:] if groups.get(label(v)))
    return rows, groups, left_out
