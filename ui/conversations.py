"""Conversations: search and browse transcripts with filters."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import streamlit as st

from assistant.text.hostile import literal
from convoscope.errors import ConvoscopeError
from convoscope.models import TimeWindow
from ui.common import filter_bar, show_transcript, store_or_stop

PAGE_SIZE = 20


def page() -> None:
    from assistant.analysis.filters import to_where

    st.title("Conversations")
    store = store_or_stop()
    first, last = store.conversations.day_range()
    query = st.text_input("Search what was said (meaning, not just words)", key="conv-query")
    filters = filter_bar(store, key="conv")
    chosen = st.date_input("between", value=(first.date(), last.date()), key="conv-window")
    if isinstance(chosen, (tuple, list)) and len(chosen) == 2:
        filters.window = TimeWindow(start=datetime.combine(chosen[0], time(), tzinfo=timezone.utc),
                                    end=datetime.combine(chosen[1] + timedelta(days=1), time(), tzinfo=timezone.utc))
    where = to_where(filters)
    hits = None
    if query.strip():
        try:
            hits = store.search(query, k=200, where=where)
        except ConvoscopeError as error:  # e.g. embedded Chroma on read-only files: browsing still works
            st.error(f"Search by meaning is unavailable: {error}")
    if hits is not None:
        order = list(dict.fromkeys(h.conversation_id for h in hits))
        best = {}
        for h in hits:
            best.setdefault(h.conversation_id, h)
        st.caption(f"{len(order)} conversations, most relevant first")
    else:
        order = sorted(store.conversations.ids(where), reverse=True)
        best = {}
        st.caption(f"{len(order):,} conversations, newest first")
    pages = max(1, -(-len(order) // PAGE_SIZE))
    number = st.number_input("page", min_value=1, max_value=pages, value=1, key="conv-page") if pages > 1 else 1
    shown = order[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]
    conversations = store.conversations.get_many(shown)
    for cid in shown:
        conv = conversations.get(cid)
        if conv is None:
            continue
        hit = best.get(cid)
        first_customer = next((t.text for t in conv.turns if t.speaker == "customer"), "")
        preview = " ".join((hit.text if hit else first_customer).split())[:110]
        title = (f"{conv.id} · {conv.started_at:%Y-%m-%d} · {conv.channel} · {conv.agent.type} agent — "
                 f"“{literal(preview)}”")
        with st.expander(title):
            show_transcript(conv, range(hit.turn_start, hit.turn_end + 1) if hit else range(0))


page()
