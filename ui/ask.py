"""Ask: chat with streaming, cited answers; filters shown as editable chips; a driver chart
week by week; suggested follow-ups; the answer downloadable as Markdown."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import streamlit as st

from assistant.text.hostile import literal
from convoscope.errors import ConvoscopeError
from convoscope.models import Answer, Filters, TimeWindow
from ui.common import filter_bar, show_citation, store_or_stop

PENDING = "pending_question"  # set by follow-up buttons and by the overview's alerts


WRITERS_HELP = (
    "**extractive** — composed from the analysis: every number and quote is computed, instant, no model. "
    "**local** — a GGUF model through llama.cpp rewrites that answer in prose. The bundled SmolLM2-135M is there "
    "to show the path works: its text almost never passes the check, so you see the composed answer after a "
    "wait. A 1B–3B instruct model (set `CONVOSCOPE_GGUF` to its .gguf) writes prose held to the analysis's lines, "
    "names the drivers in a few words and sums a comparison up in one sentence, at about 5 tokens/s on 2 cores "
    "(10–25 s an answer). **openai** — any OpenAI-compatible endpoint (`OPENAI_BASE_URL`). Whatever a model "
    "writes is checked claim by claim against the analysis; claims that do not agree are removed.")


def writing_session():
    """How the models' last answers fared in this browser session (a model whose text keeps
    failing the check is paused, ``assistant/writing/session.py``)."""
    from assistant.writing.session import WritingSession

    return st.session_state.setdefault("writing_session", WritingSession())


def choose_writer():
    """The sidebar's choice of who writes the text; the model loads once per server process."""
    from assistant.llm.registry import BACKENDS, default_backend, get_llm

    with st.sidebar:
        st.subheader("Answers written by")
        default = default_backend()
        name = st.radio("Backend", BACKENDS, index=BACKENDS.index(default) if default in BACKENDS else 0,
                        help=WRITERS_HELP)
        try:
            writer = get_llm(name)
        except ConvoscopeError as error:
            st.error(str(error))
            return None
        session = writing_session()
        if writer is not None and session.paused(writer.name):
            st.info(f"{writer.name} is paused: its text failed the check on several answers in a row, so answers "
                    "are composed without waiting for it.")
            if st.button("Ask the model again", key="resume-model"):
                session.resume(writer.name)
        return writer


def driver_chart(answer: Answer) -> None:
    """Each driver's conversations week by week, across the baseline and the current window."""
    import altair as alt
    import pandas as pd

    window, baseline = answer.filters.window, answer.filters.baseline
    if not answer.drivers or window is None:
        return
    start = (baseline or window).start.date()
    start -= timedelta(days=start.weekday())
    weeks = []
    day = start
    while day < window.end.date():
        weeks.append(day.isoformat())
        day += timedelta(days=7)
    rows = [{"week": w, "driver": f"{i}. {d.label[:48]}", "conversations": d.weekly.get(w, 0)}
            for i, d in enumerate(answer.drivers, start=1) for w in weeks]
    frame = pd.DataFrame(rows)
    frame["week"] = pd.to_datetime(frame["week"])
    lines = alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("week:T", title="week starting"), y=alt.Y("conversations:Q", title="conversations"),
        color=alt.Color("driver:N", legend=alt.Legend(orient="bottom", columns=1, labelLimit=500)),
        tooltip=["driver", alt.Tooltip("week:T", format="%d %b %Y"), "conversations"],
    )
    cut = alt.Chart(pd.DataFrame({"week": [pd.Timestamp(window.start.date())], "label": [window.label]})).mark_rule(
        strokeDash=[4, 4], color="gray").encode(x="week:T", tooltip=["label"])
    st.markdown("**Drivers week by week** (dashed line: start of " + literal(window.label) + ")")
    st.altair_chart(lines + cut, width="stretch")


def follow_ups(answer: Answer) -> list[str]:
    """One-click next questions that keep the answer's context."""
    window = answer.filters.window.label if answer.filters.window else None
    topic = answer.topic
    where = f" in {window}" if window and not window.startswith("the week") else ""
    out = []
    for d in answer.drivers[:2]:
        words = " ".join(d.keywords[:3]) or d.label
        out.append(f"Show me customers talking about {words}{where}")
    if topic and answer.kind != "compare":
        out.append(f"How do AI agents compare with human agents on {topic}{where}?")
    if topic and answer.kind in ("why", "count") and answer.filters.baseline is not None:
        out.append("only on chat")
    if topic and answer.kind == "search":
        out.append(f"Why did {topic} change{where}?")
    return out[:4]


def as_markdown(answer: Answer) -> str:
    lines = [f"# {answer.question}", "", " · ".join(answer.filters.describe()), "", answer.answer, ""]
    lines += [f"> {c}" for c in answer.caveats]
    lines += ["", "## Evidence", ""]
    lines += [f"[{c.n}] {c.conversation_id}, turn {c.turn_start}, {c.speaker}, {c.channel}, {c.started_at:%Y-%m-%d}: "
              f"“{c.text}”" for c in answer.citations]
    lines += ["", f"_{answer.kind} · written by {answer.backend.llm} · {answer.backend.embedder}_"]
    return "\n".join(lines) + "\n"


def edit_filters(answer: Answer, key: str) -> None:
    """The resolved filters as a form: change them and ask again."""
    store = store_or_stop()
    with st.expander("Edit the window and filters"):
        first_last = store.conversations.day_range()
        window = answer.filters.window
        default = (window.start.date(), (window.end - timedelta(days=1)).date()) if window else (
            first_last[0].date(), first_last[1].date())
        chosen = st.date_input("window", value=default, key=f"win-{key}")
        picked = filter_bar(store, key=f"edit-{key}")
        if st.button("Ask again with these", key=f"reask-{key}"):
            filters = Filters(channel=picked.channel or answer.filters.channel,
                              agent_type=picked.agent_type or answer.filters.agent_type,
                              metadata=picked.metadata or answer.filters.metadata)
            if tuple(chosen) == tuple(default) and window is not None:  # the window was left as it was
                filters.window, filters.baseline = window, answer.filters.baseline
            elif isinstance(chosen, (tuple, list)) and len(chosen) == 2:
                start = datetime.combine(chosen[0], time(), tzinfo=timezone.utc)
                end = datetime.combine(chosen[1] + timedelta(days=1), time(), tzinfo=timezone.utc)
                filters.window = TimeWindow(start=start, end=end,
                                            label=f"{chosen[0]:%-d %b %Y} – {chosen[1]:%-d %b %Y}")
            st.session_state[PENDING] = {"question": answer.question, "filters": filters.model_dump(mode="json")}
            st.rerun()


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
            failed = [c for c in b.claims if not c.supported]
            if b.claims:
                st.markdown(f"**Claims checked:** {len(b.claims) - len(failed)} of {len(b.claims)} agree with the "
                            "analysis" + ("; removed:" if failed else "."))
                for c in failed:
                    st.markdown(f"- {literal(c.text)} — _{literal(c.why or c.rule or '')}_")
    if b.names:
        kept = sum(v.accepted for v in b.names)
        with st.expander(f"Theme names: {kept} of {len(b.names)} by the model"):
            for v in b.names:
                verdict = "kept" if v.accepted else f"not used ({v.rule}); the analysis's label is shown"
                st.markdown(f"- {literal(v.proposed or '(nothing)')} — _{verdict}_ · from “{literal(v.analysis)}”")
            if b.naming_prompt:
                st.code(b.naming_prompt, language=None, wrap_lines=True)


def show_answer(answer: Answer, key: str, latest: bool, streamed: bool = False) -> None:
    chips = answer.filters.describe()
    if chips:
        st.caption(":material/filter_alt: " + " · ".join(f"`{c}`" for c in chips))
    if not streamed:
        st.markdown(answer.answer)
    for caveat in answer.caveats:
        st.caption(f":material/warning: {caveat}")
    if answer.population and answer.topic:
        learned = f" — {answer.topic_model}" if answer.topic_model else ""
        st.caption(f":material/rule: Counted: {literal(answer.population)}{literal(learned)}. "
                   "Not what you meant? Name the customers' own words, or edit the glossary (CONVOSCOPE_GLOSSARY).")
    driver_chart(answer)
    if answer.citations:
        st.markdown("**Evidence**")
        for citation in answer.citations:
            show_citation(citation, key)
    show_backend(answer)
    st.download_button("Download as Markdown", as_markdown(answer), file_name=f"convoscope-answer-{key}.md",
                       mime="text/markdown", key=f"dl-{key}")
    if latest:
        edit_filters(answer, key)
        suggestions = follow_ups(answer)
        if suggestions:
            st.caption("Next questions")
            for i, suggestion in enumerate(suggestions):
                if st.button(suggestion, key=f"fu-{key}-{i}", icon=":material/subdirectory_arrow_right:"):
                    st.session_state[PENDING] = {"question": suggestion}
                    st.rerun()


def _prepend(first, rest):
    yield first
    yield from rest


def answer_streaming(question: str, store, writer, history: list[Answer], filters: Filters | None) -> Answer:
    """Shows the text as it is written, then the checked answer in its place."""
    from assistant import ask_stream

    holder: list[Answer] = []

    def pieces():
        for item in ask_stream(question, store, llm=writer, history=history, filters=filters,
                               session=writing_session()):
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


def page() -> None:
    st.title("Convoscope")
    st.caption("Ask your customer conversations *why*.")
    store = store_or_stop()
    writer = choose_writer()
    messages: list[dict] = st.session_state.setdefault("messages", [])
    pending = st.session_state.pop(PENDING, None)
    typed = st.chat_input("Ask a question, e.g. “Why did cancellations rise last month?”")
    for index, message in enumerate(messages):
        with st.chat_message("user"):
            st.markdown(literal(message["question"]))
        with st.chat_message("assistant"):
            show_answer(Answer.model_validate_json(message["answer"]), str(index),
                        latest=index == len(messages) - 1 and not (typed or pending))
    question = typed or (pending or {}).get("question")
    if not question:
        if not messages:
            st.caption("Try: “Why did cancellations rise last month?” · “How do AI agents compare with human agents "
                       "on refunds?” · “What are customers saying about the student offer?”")
        return
    filters = Filters.model_validate(pending["filters"]) if pending and not typed and pending.get("filters") else None
    from assistant import ask

    history = [Answer.model_validate_json(m["answer"]) for m in messages]
    with st.chat_message("user"):
        st.markdown(literal(question))
    with st.chat_message("assistant"):
        try:
            if writer is None:
                with st.spinner("Reading the conversations…"):
                    answer = ask(question, store, history=history, filters=filters)
                st.markdown(answer.answer)
            else:
                try:
                    answer = answer_streaming(question, store, writer, history, filters)
                except ConvoscopeError as error:  # the model failed: say so, answer without it
                    st.warning(f"{error} The answer below is composed without a model.")
                    answer = ask(question, store, history=history, filters=filters)
                    st.markdown(answer.answer)
        except ConvoscopeError as error:
            st.error(str(error))
            return
        show_answer(answer, str(len(messages)), latest=True, streamed=True)
    messages.append({"question": question, "answer": answer.model_dump_json()})


page()
