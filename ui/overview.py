"""Overview: volume, customer sentiment and the store's own topics week by week, and the
alerts on any topic, each with a button that asks why."""

from __future__ import annotations

import streamlit as st

from assistant.text.hostile import literal
from ui.common import filter_bar, get_store, store_or_stop

ASK_PAGE = "ui/ask.py"
ALERTS_SHOWN = 8


@st.cache_data(show_spinner="Counting topics week by week…", max_entries=32)
def cached_overview(path: str, version: int, filters_json: str) -> str:
    """The overview as JSON, cached per store state and filters."""
    from assistant.dashboards.overview import overview
    from convoscope.models import Filters

    del path, version  # the cache key: a new ingest changes the count
    return overview(get_store(), Filters.model_validate_json(filters_json)).model_dump_json()


def _alerts(data) -> None:
    st.subheader("Alerts")
    if data.compared:
        st.caption(f"Every one of the store's {data.topics_tested} topics is tested: month over month "
                   f"({data.compared}) and each week against its previous four.")
    if not data.alerts:
        st.caption("No topic rose month over month or spiked against its rolling four-week baseline.")

    def show(i: int, alert) -> None:
        left, right = st.columns([5, 1])
        icon = ":material/trending_up:" if alert.kind == "month" else ":material/bolt:"
        left.markdown(f"{icon} **{literal(alert.name)}** {literal(alert.detail)}")
        if right.button("Ask why", key=f"alert-{i}", help=alert.question):
            st.session_state["pending_question"] = {"question": alert.question}
            st.switch_page(ASK_PAGE)

    for i, alert in enumerate(data.alerts[:ALERTS_SHOWN]):
        show(i, alert)
    if len(data.alerts) > ALERTS_SHOWN:
        with st.expander(f"{len(data.alerts) - ALERTS_SHOWN} more alerts"):
            for i, alert in enumerate(data.alerts[ALERTS_SHOWN:], start=ALERTS_SHOWN):
                show(i, alert)


def _volume(data) -> None:
    import altair as alt
    import pandas as pd

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


def _lines(data, series, key: str, label: str, default) -> None:
    import altair as alt
    import pandas as pd

    names = [s.name for s in series]
    shown = st.multiselect(label, names, default=[n for n in names if n in default], key=key)
    rows = [{"week": pd.Timestamp(w.start), "series": s.name, "conversations": s.counts[i]}
            for s in series if s.name in shown for i, w in enumerate(data.weeks)]
    if rows:
        st.altair_chart(alt.Chart(pd.DataFrame(rows)).mark_line(point=True).encode(
            x=alt.X("week:T", title="week starting"), y="conversations:Q",
            color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom", columns=2, labelLimit=420)),
            tooltip=["series", alt.Tooltip("week:T", format="%d %b %Y"), "conversations"]).properties(height=320),
            width="stretch", height=320 + 22 * ((len(shown) + 1) // 2))  # the plot, and the legend under it


def page() -> None:
    from assistant.analysis.alerts import MIN_MONTH, MONTH_RATIO
    from assistant.dashboards.overview import Overview

    st.title("Overview")
    store = store_or_stop()
    filters = filter_bar(store, key="overview")
    data = Overview.model_validate_json(
        cached_overview(str(store.path), store.conversations.count(), filters.model_dump_json()))
    if not data.weeks:
        st.info("No conversations match these filters.")
        return
    if data.note:
        st.info(data.note)
    else:
        _alerts(data)
    _volume(data)
    if not data.themes:
        return

    st.subheader("Topics over time")
    st.caption(f"The store's own topics, learned from what customers said ({data.topic_model}): the ones that "
               "alerted or grew fastest, then the largest. A conversation counts for a topic when one of its "
               "customer statements belongs to it.")
    _lines(data, data.themes, "overview-themes", "topics", {s.name for s in data.themes})
    fields = list(dict.fromkeys(s.field for s in data.categories))
    if fields:
        st.subheader("By category")
        field = st.selectbox("field", fields, key="overview-field")
        values = [s for s in data.categories if s.field == field]
        _lines(data, values, f"overview-values-{field}", "values", {s.name for s in values})
    with st.expander("How topics and alerts are defined"):
        for s in data.themes:
            st.markdown(f"- **{literal(s.name)}** ({s.total} conversations, shown as {s.shown_for}): "
                        f"{literal(s.definition)}")
        st.markdown(f"- **Month over month**: the last complete month against the month before, against traffic "
                    f"(one-sided binomial test, Benjamini–Hochberg over every topic and category value, q ≤ 0.05), "
                    f"with at least {MIN_MONTH} conversations and ×{MONTH_RATIO:g} the month before's rate.")
        st.markdown("- **Week spike**: a week with at least 8 conversations and at least twice what the previous "
                    "four weeks' rate predicts for that week's traffic (one-sided Poisson test, p < 0.001); weeks "
                    "where the data starts or ends are not judged.")


page()
