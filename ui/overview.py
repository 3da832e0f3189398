"""Overview: volume, customer sentiment and themes week by week, and spike alerts, each
with a button that asks why."""

from __future__ import annotations

import streamlit as st

from ui.common import filter_bar, get_store, store_or_stop

ASK_PAGE = "ui/ask.py"


@st.cache_data(show_spinner="Counting themes week by week…", max_entries=32)
def cached_overview(path: str, version: int, filters_json: str) -> str:
    """The overview as JSON, cached per store state and filters."""
    from assistant.overview import overview
    from convoscope.models import Filters

    del path, version  # the cache key: a new ingest changes the count
    return overview(get_store(), Filters.model_validate_json(filters_json)).model_dump_json()


def page() -> None:
    import altair as alt
    import pandas as pd

    from assistant.overview import Overview

    st.title("Overview")
    store = store_or_stop()
    filters = filter_bar(store, key="overview")
    data = Overview.model_validate_json(
        cached_overview(str(store.path), store.conversations.count(), filters.model_dump_json()))
    if not data.weeks:
        st.info("No conversations match these filters.")
        return

    st.subheader("Alerts")
    if not data.alerts:
        st.caption("No theme spiked against its rolling four-week baseline.")
    for i, alert in enumerate(data.alerts[:8]):
        left, right = st.columns([5, 1])
        left.markdown(f":material/trending_up: **{alert.label}** ×{alert.ratio:.1f} in the week of {alert.week:%-d %b %Y}: "
                      f"{alert.count} conversations where the previous four weeks predict {alert.expected:.0f}"
                      + (f" — high for {alert.weeks} weeks" if alert.weeks > 1 else ""))
        if right.button("Ask why", key=f"alert-{i}"):
            st.session_state["pending_question"] = {"question": alert.question}
            st.switch_page(ASK_PAGE)

    weeks = pd.DataFrame([{"week": pd.Timestamp(w.start), "conversations": w.conversations,
                           "customer sentiment": w.sentiment, "partial": w.partial} for w in data.weeks])
    left, right = st.columns(2)
    with left:
        st.subheader("Conversations per week")
        st.altair_chart(alt.Chart(weeks).mark_bar().encode(
            x=alt.X("week:T", title="week starting"), y="conversations:Q",
            opacity=alt.condition("datum.partial", alt.value(0.4), alt.value(1.0)),
            tooltip=[alt.Tooltip("week:T", format="%d %b %Y"), "conversations", "partial"]), width="stretch")
    with right:
        st.subheader("Customer sentiment")
        st.altair_chart(alt.Chart(weeks).mark_line(point=True).encode(
            x=alt.X("week:T", title="week starting"),
            y=alt.Y("customer sentiment:Q", scale=alt.Scale(domain=[-1, 1]), title="mean per conversation, −1 … 1"),
            tooltip=[alt.Tooltip("week:T", format="%d %b %Y"), alt.Tooltip("customer sentiment:Q", format="+.2f")]),
            width="stretch")

    st.subheader("Themes over time")
    names = [t.label for t in data.themes]
    shown = st.multiselect("themes", names, default=[t.label for t in data.themes if not t.label.startswith("Request")],
                           key="overview-themes")
    rows = [{"week": pd.Timestamp(w.start), "theme": t.label, "conversations": t.counts[i]}
            for t in data.themes if t.label in shown for i, w in enumerate(data.weeks)]
    if rows:
        st.altair_chart(alt.Chart(pd.DataFrame(rows)).mark_line(point=True).encode(
            x=alt.X("week:T", title="week starting"), y="conversations:Q", color="theme:N",
            tooltip=["theme", alt.Tooltip("week:T", format="%d %b %Y"), "conversations"]), width="stretch")
    with st.expander("How themes and alerts are defined"):
        for t in data.themes:
            st.markdown(f"- **{t.label}** ({t.total} conversations): {t.definition}")
        st.markdown("- **Alert**: a week with at least 8 conversations of a theme and at least twice what the "
                    "previous four weeks' rate predicts for that week's traffic (one-sided Poisson test, p < 0.001); "
                    "weeks where the data starts or ends are not judged.")


page()
