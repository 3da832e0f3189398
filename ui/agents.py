"""Agents: human and AI agents side by side, overall and per store topic, on the outcome fields
the store records (each named), the significant gaps with the conversations behind them,
and per-agent scorecards."""

from __future__ import annotations

import streamlit as st

from assistant.text.hostile import literal
from ui.common import filter_bar, get_store, show_citation, store_or_stop


@st.cache_data(show_spinner="Comparing agents…", max_entries=32)
def cached_report(path: str, version: int, filters_json: str) -> str:
    from assistant.dashboards.agents import agents_report
    from convoscope.models import Filters

    del path, version
    return agents_report(get_store(), Filters.model_validate_json(filters_json)).model_dump_json()


def _table(rows, first: str) -> "object":
    import pandas as pd

    from assistant.analysis.measures import LABELS, MEASURES
    from assistant.dashboards.agents import fmt

    present = [m for m in MEASURES if any(r.measures.get(m) is not None for r in rows)]
    return pd.DataFrame([
        {first: getattr(r, "topic", None) or "all", "agent": getattr(r, "agent_id", None) or r.agent_type,
         "conversations": r.conversations, **{LABELS[m]: fmt(m, r.measures.get(m)) for m in present}}
        for r in rows
    ])


def _per_topic(report) -> None:
    import altair as alt
    import pandas as pd

    from assistant.analysis.measures import LABELS

    name = "resolved" if report.fields.resolution else "sentiment"
    title = LABELS[name]
    st.subheader(f"{title.capitalize()} per topic")
    frame = pd.DataFrame([{"topic": r.topic, "agent": r.agent_type, title: r.measures.get(name),
                           "conversations": r.conversations}
                          for r in report.by_topic if r.measures.get(name) is not None])
    if frame.empty:
        return
    axis = (alt.X(f"{title}:Q", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])) if name == "resolved"
            else alt.X(f"{title}:Q", scale=alt.Scale(domain=[-1, 1])))
    st.altair_chart(alt.Chart(frame).mark_bar().encode(
        x=axis, y=alt.Y("agent:N", title=None), color="agent:N",
        row=alt.Row("topic:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left", labelLimit=320)),
        tooltip=["topic", "agent", alt.Tooltip(f"{title}:Q", format=".0%" if name == "resolved" else "+.2f"),
                 "conversations"],
    ).properties(height=40), width="stretch")
    with st.expander("Every measure per topic"):
        st.dataframe(_table(report.by_topic, "topic"), hide_index=True, width="stretch")


def page() -> None:
    from assistant.analysis.measures import LABELS
    from assistant.dashboards.agents import AgentsReport

    st.title("Agents: human and AI")
    store = store_or_stop()
    filters = filter_bar(store, key="agents", fields=("channel", "product", "queue"))
    report = AgentsReport.model_validate_json(
        cached_report(str(store.path), store.conversations.count(), filters.model_dump_json()))
    if not report.overall:
        st.info("No conversations match these filters.")
        return

    st.markdown("**What each measure is read from**\n\n" + "\n".join(f"- {literal(s)}" for s in report.sources))
    if report.note:
        st.info(report.note)

    st.subheader("Side by side")
    st.dataframe(_table(report.overall, "topic").drop(columns=["topic"]), hide_index=True, width="stretch")
    if report.by_topic:
        _per_topic(report)

    st.subheader("Gaps per topic, and the conversations behind them")
    st.caption("A gap is flagged when both sides have at least 10 conversations with a value, the difference is "
               "large (15 points of a rate, an eighth of the CSAT scale, 0.2 of sentiment) and significant "
               "(Fisher's exact test for rates, Mann–Whitney for scores; Benjamini–Hochberg over every topic, "
               "every glossary term customers use and every measure, q ≤ 0.05). A glossary term "
               "(convoscope/glossary.yaml) means the same conversations however the topics are learned. "
               "Examples come from the worse side.")
    if not report.gaps:
        st.caption("No gap between human and AI agents is large and significant enough to flag.")
    for i, gap in enumerate(report.gaps):
        worse = "AI agents" if gap.worse == "ai" else "human agents"
        st.markdown(f"**{literal(gap.text)}** — {worse} do worse " + "".join(f"[{n}]" for n in gap.citations))
        st.caption(literal(gap.source))
        for n in gap.citations:
            show_citation(report.citations[n - 1], key=f"gap{i}")

    st.subheader("Scorecards")
    kind = st.radio("agents", ["all", "ai", "human"], horizontal=True, key="agents-kind")
    cards = [c for c in report.scorecards if kind == "all" or c.agent_type == kind]
    st.dataframe(_table(cards, "topic").drop(columns=["topic"]), hide_index=True, width="stretch")
    st.caption(f"Measures: {', '.join(LABELS.values())}; talk/listen ratio from voice turn timings; sentiment from "
               "the per-turn scores stored at ingest.")


page()
