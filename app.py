"""Convoscope — the Streamlit app (`convoscope ui`, or `streamlit run app.py`)."""

from __future__ import annotations

import os
import re

import streamlit as st

from convoscope.errors import ConvoscopeError
from convoscope.models import Answer, Citation, Conversation

st.set_page_config(page_title="Convoscope", page_icon="🔎", layout="wide")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: str) -> str:
    """Customer text is data: shown literally, never as Markdown or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", text)


@st.cache_resource(show_spinner="Loading the store and the embedding model…")
def load_store(path: str | None, chroma_url: str | None):
    from vectorstore import Store

    store = Store(path, chroma_url=chroma_url)
    if store.exists():
        store.embedder.embed(["warm up"])
    return store


def get_store():
    return load_store(os.environ.get("CONVOSCOPE_STORE"), os.environ.get("CONVOSCOPE_CHROMA_URL"))


def show_transcript(conversation: Conversation, highlight: range) -> None:
    meta = " · ".join(f"{k}: {v}" for k, v in conversation.metadata.items())
    st.caption(
        f"{conversation.id} · {conversation.started_at:%Y-%m-%d %H:%M} UTC · {conversation.channel} · "
        f"agent {conversation.agent.id} ({conversation.agent.type}) · {meta}"
    )
    for index, turn in enumerate(conversation.turns):
        when = f"`{turn.start:6.1f}s` " if turn.start is not None else ""
        line = f"{when}**{turn.label}:** {md_escape(turn.text)}"
        if index in highlight:
            st.markdown(f":orange-background[{line}]" if len(turn.text) < 1500 else line)
        else:
            st.markdown(line)


def show_citation(citation: Citation, key: str) -> None:
    quote = " ".join(citation.text.split())
    quote = quote if len(quote) <= 90 else quote[:87].rsplit(" ", 1)[0] + "…"
    title = (
        f"[{citation.n}] “{md_escape(quote)}” — {citation.conversation_id} · {citation.started_at:%Y-%m-%d} · "
        f"{citation.channel} · {citation.speaker}"
    )
    with st.expander(title):
        st.markdown(f"> {md_escape(citation.text)}")
        if st.toggle("Full transcript", key=f"tx-{key}-{citation.n}"):
            conversation = get_store().conversations.get(citation.conversation_id)
            if conversation is None:
                st.warning("This conversation is no longer in the store.")
            else:
                show_transcript(conversation, range(citation.turn_start, citation.turn_end + 1))


def show_backend(answer: Answer) -> None:
    b = answer.backend
    parts = [answer.kind, f"written by {b.llm}", f"{answer.timings_ms.get('total_ms', 0):,.0f} ms"]
    if b.generation_ms:
        parts.append(f"{b.prompt_tokens} prompt + {b.completion_tokens} generated tokens, first after "
                     f"{b.first_token_ms / 1000:.1f} s")
    if b.excerpts_trimmed:
        parts.append(f"{b.excerpts_trimmed} excerpts left out to fit the model's context")
    st.caption(" · ".join(parts))
    if b.prompt_text:
        with st.expander(f"The exact prompt ({b.prompt})"):
            st.code(b.prompt_text, language=None, wrap_lines=True)
            if b.model_text is not None and b.model_text.strip() != answer.answer.strip():
                st.markdown("**What the model wrote, before the check**")
                st.code(b.model_text, language=None, wrap_lines=True)


def show_answer(answer: Answer, key: str, streamed: bool = False) -> None:
    chips = answer.filters.describe()
    if chips:
        st.caption(" · ".join(chips))
    if not streamed:
        st.markdown(answer.answer)
    for caveat in answer.caveats:
        st.caption(f"⚠ {caveat}")
    if answer.citations:
        st.markdown("**Evidence**")
        for citation in answer.citations:
            show_citation(citation, key)
    show_backend(answer)


def choose_writer():
    """The sidebar's choice of who writes the text; the model loads once per server process."""
    from assistant.llm import BACKENDS, default_backend, get_llm

    with st.sidebar:
        st.subheader("Answers written by")
        default = default_backend()
        name = st.radio("Backend", BACKENDS, index=BACKENDS.index(default) if default in BACKENDS else 0,
                        help="extractive: composed from the analysis, no model. local: llama.cpp with the bundled "
                             "SmolLM2 or $CONVOSCOPE_GGUF. openai: any OpenAI-compatible endpoint ($OPENAI_BASE_URL).")
        try:
            return get_llm(name)
        except ConvoscopeError as error:
            st.error(str(error))
            return None


def answer_streaming(question: str, store, writer, history: list[Answer]) -> Answer:
    """Shows the text as it is written, then the checked answer in its place."""
    from assistant import ask_stream

    holder: list[Answer] = []

    def pieces():
        for item in ask_stream(question, store, llm=writer, history=history):
            if isinstance(item, Answer):
                holder.append(item)
            else:
                yield item

    slot = st.empty()
    with slot.container():
        with st.spinner("Reading the conversations…"):
            stream = pieces()
            first = next(stream, None)  # the analysis runs before the first piece
        st.write_stream(stream if first is None else _prepend(first, stream))
    answer = holder[0]
    slot.markdown(answer.answer)  # the checked text replaces what streamed
    return answer


def _prepend(first, rest):
    yield first
    yield from rest


def main() -> None:
    st.title("Convoscope")
    st.caption("Ask your customer conversations *why*.")
    try:
        store = get_store()
        if not store.exists():
            st.info(
                f"The store at `{store.path}` is empty. Run `convoscope demo` for the sample corpus, "
                "or `convoscope ingest PATH` for your own conversations."
            )
            return
    except ConvoscopeError as error:
        st.error(str(error))
        return
    writer = choose_writer()

    messages: list[dict] = st.session_state.setdefault("messages", [])
    for index, message in enumerate(messages):
        with st.chat_message("user"):
            st.markdown(md_escape(message["question"]))
        with st.chat_message("assistant"):
            show_answer(Answer.model_validate_json(message["answer"]), str(index))

    question = st.chat_input("Ask a question, e.g. “Why did cancellations rise last month?”")
    if question:
        from assistant import ask

        history = [Answer.model_validate_json(m["answer"]) for m in messages]
        with st.chat_message("user"):
            st.markdown(md_escape(question))
        with st.chat_message("assistant"):
            try:
                if writer is None:
                    with st.spinner("Reading the conversations…"):
                        answer = ask(question, store, history=history)
                    st.markdown(answer.answer)
                else:
                    try:
                        answer = answer_streaming(question, store, writer, history)
                    except ConvoscopeError as error:  # the model failed: say so, answer without it
                        st.warning(f"{error} The answer below is composed without a model.")
                        answer = ask(question, store, history=history)
                        st.markdown(answer.answer)
            except ConvoscopeError as error:
                st.error(str(error))
                return
            show_answer(answer, str(len(messages)), streamed=True)
        messages.append({"question": question, "answer": answer.model_dump_json()})


main()
