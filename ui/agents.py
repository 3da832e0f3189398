"""Agents: human and AI agents side by side, overall and per request type, the large gaps
with the conversations behind them, and per-agent scorecards."""

from __future__ import annotations

import streamlit as st

from ui.common import filter_bar, get_store, show_citation, store_or_stop


@st.cache_data(show_spinner="Comparing agents…", max_entries=32)
def cached_report(path: str, version: int, filters_json: str) -> str:
    from assistant.agents import agents_report
    from convoscope.models import Filters

    del path, version
    return agents_report(get_store(), Filters.model_validate_json(filters_json)).model_dump_json()


def _table(rows, first: str) -> "object":
    import pandas as pd

    from assistant.agents import LABELS, MEASURES, fmt

    present = [m for m in MEASURES if any(r.measures.get(m) is not None for r in rows)]
    return pd.DataFrame([
        {first: getattr(r, "request_type", None) or "all", "agent": getattr(r, "agent_id", None) or r.agent_type,
         "conversations": r.conversations, **{LABELS[m]: fmt(m, r.measures.get(m)) for m in present}}
        for r in rows
    ])


def page() -> None:
    import altair as alt
    import pandas as pd

    from assistant.agents import LABELS, AgentsReport

    st.title("Agents: human and AI")
    store = store_or_stop()
    filters = filter_bar(store, key="agents", fields=("channel", "product", "queue"))
    report = AgentsReport.model_validate_json(
        cached_report(str(store.path), store.conversations.count(), filters.model_dump_json()))
    if not report.overall:
        st.info("No conversations match these filters.")
        return

    st.subheader("Side by side")
    st.dataframe(_table(report.overall, "requests").drop(columns=["requests"]), hide_index=True, width="stretch")

    if report.by_request:
        st.subheader("Resolution rate per request type")
        frame = pd.DataFrame([{"request type": r.request_type, "agent": r.agent_type,
                               "resolution rate": r.measures.get("resolved"), "conversations": r.conversations}
                              for r in report.by_request if r.measures.get("resolved") is not None])
        if not frame.empty:
            st.altair_chart(alt.Chart(frame).mark_bar().encode(
                x=alt.X("resolution rate:Q", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
                y=alt.Y("agent:N", title=None), color="agent:N",
                row=alt.Row("request type:N", header=alt.Header(labelAngle=0, labelAlign="left")),
                tooltip=["request type", "agent", alt.Tooltip("resolution rate:Q", format=".0%"), "conversations"],
            ).properties(height=40), width="stretch")
        with st.expander("Every measure per request type"):
            st.dataframe(_table(report.by_request, "request type"), hide_index=True, width="stretch")

    st.subheader("The largest gaps, and the conversations behind them")
    if not report.gaps:
        st.caption("No gap between human and AI agents is large enough to flag.")
    for i, gap in enumerate(report.gaps):
        worse = "AI agents" if gap.worse == "ai" else "human agents"
        st.markdown(f"**{gap.text}** — {worse} do worse " + "".join(f"[{n}]" for n in gap.citations))
        for n in gap.citations:
            show_citation(report.citations[n - 1], key=f"gap{i}")

    st.subheader("Scorecards")
    kind = st.radio("agents", ["all", "ai", "human"], horizontal=True, key="agents-kind")
    cards = [c for c in report.scorecards if kind == "all" or c.agent_type == kind]
    st.dataframe(_table(cards, "requests").drop(columns=["requests"]), hide_index=True, width="stretch")
    st.caption(f"Measures: {', '.join(LABELS.values())}; talk/listen ratio from voice turn timings; sentiment from "
               "the per-turn scores stored at ingest.")


page()
