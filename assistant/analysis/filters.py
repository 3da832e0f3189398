"""Resolved question filters as a store query."""

from __future__ import annotations

from convoscope.models import Filters, TimeWindow
from vectorstore import Where


def day_of(moment) -> int:
    return int(moment.timestamp() // 86400)


def to_where(filters: Filters, window: TimeWindow | None = None, *, use_window: bool = True) -> Where:
    """Filters (and ``window``, by default the filters' own) as a ``Where`` on chunk metadata."""
    equals: dict[str, list] = {}
    if filters.channel:
        equals["channel"] = list(filters.channel)
    if filters.agent_type:
        equals["agent_type"] = list(filters.agent_type)
    for key, values in filters.metadata.items():
        equals[f"meta_{key}"] = list(values)
    where = Where(equals=equals)
    window = window or (filters.window if use_window else None)
    if window is not None:
        where.day_from = day_of(window.start)
        where.day_to = day_of(window.end)
    return where
