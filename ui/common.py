"""What every page shares: the store (loaded once per server process), safe rendering of
customer text, transcripts with highlighted turns, citations that open in context."""

from __future__ import annotations

import streamlit as st

from assistant.text.hostile import literal
from convoscope import settings
from convoscope.errors import ConvoscopeError
from convoscope.models import Citation, Conversation, Filters


@st.cache_resource(show_spinner="Loading the store and the embedding model…")
def load_store(path: str | None, chroma_url: str | None):
    from vectorstore import Store

    store = Store(path, chroma_url=chroma_url, read_only=True)  # the app never writes
    if store.exists():
        store.embedder.embed(["warm up"])
    return store


def get_store():
    config = settings.current()
    return load_store(config.store, config.chroma_url)


def store_or_stop():
    """The store, or a clear message (empty store, unreachable server, missing model) and stop."""
    try:
        store = get_store()
        if not store.exists():
            st.info(
                f"The store at `{store.path}` is empty. Run `convoscope demo` for the sample corpus, "
                "or `convoscope ingest PATH` for your own conversations."
            )
            st.stop()
    except ConvoscopeError as error:
        st.error(str(error))
        st.stop()
    return store


def filter_bar(store, key: str, fields: tuple[str, ...] = ("channel", "agent_type", "product", "queue")) -> Filters:
    """Filters over the values actually in the store, as one row of multiselects."""
    values = store.conversations.values()
    present = [f for f in fields if values.get(f if f in ("channel", "agent_type") else f"meta_{f}")]
    columns = st.columns(max(1, len(present)))
    filters = Filters()
    for column, field in zip(columns, present):
        options = sorted(values[field if field in ("channel", "agent_type") else f"meta_{field}"], key=str)
        chosen = column.multiselect(field.replace("_", " "), options, key=f"{key}-{field}")
        if not chosen:
            continue
        if field == "channel":
            filters.channel = [str(c) for c in chosen]
        elif field == "agent_type":
            filters.agent_type = chosen
        else:
            filters.metadata[field] = chosen
    return filters


def show_transcript(conversation: Conversation, highlight: range) -> None:
    meta = " · ".join(f"{k}: {v}" for k, v in conversation.metadata.items())
    st.caption(
        f"{conversation.id} · {conversation.started_at:%Y-%m-%d %H:%M} UTC · {conversation.channel} · "
        f"agent {conversation.agent.id} ({conversation.agent.type}) · {meta}"
    )
    for index, turn in enumerate(conversation.turns):
        when = f"`{turn.start:6.1f}s` " if turn.start is not None else ""
        line = f"{when}**{turn.label}:** {literal(turn.text)}"
        if index in highlight:
            st.markdown(f":orange-background[{line}]" if len(turn.text) < 1500 else line)
            if turn.sentiment is not None:
                st.caption(f"customer sentiment of this turn: {turn.sentiment:+.2f}" if turn.speaker == "customer"
                           else f"sentiment of this turn: {turn.sentiment:+.2f}")
        else:
            st.markdown(line)


def show_citation(citation: Citation, key: str) -> None:
    quote = " ".join(citation.text.split())
    quote = quote if len(quote) <= 90 else quote[:87].rsplit(" ", 1)[0] + "…"
    title = (
        f"[{citation.n}] “{literal(quote)}” — {citation.conversation_id} · {citation.started_at:%Y-%m-%d} · "
        f"{citation.channel} · {citation.speaker}"
    )
    with st.expander(title):
        st.markdown(f"> {literal(citation.text)}")
        if st.toggle("Full transcript", key=f"tx-{key}-{citation.n}"):
            conversation = get_store().conversations.get(citation.conversation_id)
            if conversation is None:
                st.warning("This conversation is no longer in the store.")
            else:
                show_transcript(conversation, range(citation.turn_start, citation.turn_end + 1))
