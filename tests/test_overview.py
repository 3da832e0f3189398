"""The overview's weekly series and alerts and the agents report, on small synthetic stores
(the hash embedder, so each word family of ``synthetic.py`` is one store topic)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import synthetic

from assistant.analysis.alerts import Series, benjamini_hochberg, month_over_month
from assistant.analysis.measures import talk_listen
from assistant.dashboards.agents import agents_report
from assistant.dashboards.overview import NO_TOPICS, ThemeWeeks, overview, spikes, week_of
from convoscope.models import Agent, Conversation, Filters, Turn
from ingest import ingest_conversations

STARTS = [date(2026, 6, 1) + timedelta(days=7 * i) for i in range(10)]


def series(counts: list[int]) -> ThemeWeeks:
    return ThemeWeeks(label="Login problems", topic="login problems", counts=counts)


def test_a_week_far_above_its_rolling_rate_is_an_alert_once_per_run():
    counts = [3, 2, 4, 3, 3, 14, 16, 4, 3, 2]
    traffic = [100] * 10
    alerts = spikes(series(counts), traffic, [False] * 10, STARTS)
    assert len(alerts) == 1
    alert = alerts[0]
    assert (alert.week, alert.count, alert.weeks) == (STARTS[5], 14, 2)  # one alert for the two high weeks
    assert alert.expected == 3.0 and alert.ratio > 4 and alert.p_value < 0.001
    assert alert.question == "Why did login problems spike in the week of 6 July 2026?"


def test_busier_weeks_raise_what_is_expected_and_small_or_partial_weeks_never_alert():
    assert spikes(series([3, 3, 3, 3, 12, 3, 3, 3, 3, 3]), [100] * 4 + [400] + [100] * 5, [False] * 10, STARTS) == []
    assert spikes(series([0, 0, 0, 0, 7, 0, 0, 0, 0, 0]), [100] * 10, [False] * 10, STARTS) == []  # under 8
    partial = [False] * 9 + [True]
    assert spikes(series([2, 2, 2, 2, 2, 2, 2, 2, 2, 30]), [100] * 10, partial, STARTS) == []


def test_month_over_month_needs_size_ratio_and_significance_after_correction():
    months = [date(2026, 9, 1), date(2026, 10, 1)]

    def s(label: str, before: int, now: int) -> Series:
        return Series(label=label, topic=label, counts=[], months=[before, now])

    tested = [s("tripled", 10, 30), s("small", 2, 6), s("busier month", 20, 36), s("flat", 40, 41)]
    tested += [s(f"noise {i}", 10, 14) for i in range(20)]
    alerts = month_over_month(tested, [500, 1000], months, 1)  # October has twice September's traffic
    assert [a.label for a in alerts] == []  # tripled with doubled traffic is ×1.5 at most: not significant
    alerts = month_over_month(tested, [1000, 1000], months, 1)
    assert [a.label for a in alerts] == ["tripled"]  # "small" is under 10, "busier month" ×1.8 but weak, noise none
    alert = alerts[0]
    assert (alert.count, alert.baseline, alert.kind, alert.q_value <= 0.05) == (30, 10, "month", True)
    assert alert.question == "Why did tripled rise in October 2026?"
    assert month_over_month(tested, [1000, 1000], months, None) == []  # no complete pair of months
    assert benjamini_hochberg([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.04, 0.04])


def test_weeks_start_on_monday():
    assert week_of(date(2026, 8, 6)) == date(2026, 8, 3) == week_of(date(2026, 8, 3))


@pytest.fixture
def trend_store(fake):
    ingest_conversations(fake, synthetic.trend_corpus())
    assert fake.conversations.topic_model() is not None
    return fake


def _topic(data, word: str):
    return next(t for t in data.themes if any(word in k for k in t.keywords) or word in t.label)


def test_the_overview_counts_the_stores_topics_and_alerts_on_any_of_them(trend_store):
    data = overview(trend_store)
    total = len(synthetic.trend_corpus())
    assert sum(w.conversations for w in data.weeks) == total and all(w.start.weekday() == 0 for w in data.weeks)
    assert all(m.complete for m in data.months) and data.compared == "October 2026 against September 2026"
    assert data.topic_model and not data.note and len(data.themes) <= 12
    router, parcel = _topic(data, "router"), _topic(data, "parcel")
    assert router.months == [15, 15, 15, 15, 15, 45] and router.label and router.keywords
    assert parcel.total == 25 + 15 and max(parcel.counts) == 15
    assert sum(t.total for t in data.themes) == total  # every conversation in exactly one topic here
    month = [a for a in data.alerts if a.kind == "month"]
    assert [a.topic_id for a in month] == [router.topic_id]
    assert month[0].question == f"Why did {router.label} rise in October 2026?"
    assert "in October 2026: 45 conversations against 15 in September 2026" in month[0].headline
    assert month[0].ratio == pytest.approx(
        45 / 15 * data.months[-2].conversations / data.months[-1].conversations, 0.01)
    week = [a for a in data.alerts if a.kind == "week"]
    assert [(a.topic_id, a.week, a.count) for a in week] == [(parcel.topic_id, date(2026, 8, 10), 15)]
    assert week[0].question == f"Why did {parcel.label} spike in the week of 10 August 2026?"
    assert {router.shown_for, parcel.shown_for} == {"alert"}


def test_category_fields_are_found_by_their_values_not_their_names(fake):
    convs = synthetic.agents_corpus()
    for i, c in enumerate(convs):
        c.metadata["line_of_business"] = ["retail", "wholesale"][i % 2]
        c.metadata["order_ref"] = f"o-{i}"  # an id, not a category
        c.metadata["region"] = "north"  # one value: nothing to chart
    ingest_conversations(fake, convs)
    data = overview(fake)
    assert {c.field for c in data.categories} == {"line_of_business"}  # not the outcome, ids or one-value fields
    assert sum(c.total for c in data.categories if c.field == "line_of_business") == len(convs)


def test_a_store_without_topics_says_so_and_shows_volume_and_sentiment(fake):
    convs = [synthetic.conversation(i, "router", dt) for i, dt in enumerate(synthetic.spread(date(2026, 9, 1), 12))]
    ingest_conversations(fake, convs)
    assert fake.conversations.topic_model() is None  # under 40 statements
    data = overview(fake)
    assert data.note == NO_TOPICS and "no topics yet" in data.note
    assert sum(w.conversations for w in data.weeks) == 12 and not data.themes and not data.alerts


def test_filters_narrow_the_overview(trend_store):
    assert overview(trend_store, Filters(channel=["voice"])).weeks == []
    assert sum(w.conversations for w in overview(trend_store, Filters(channel=["chat"])).weeks) > 0


def test_agents_gap_per_topic_names_the_outcome_field_and_cites_the_worse_side(fake):
    ingest_conversations(fake, synthetic.agents_corpus())
    report = agents_report(fake)
    assert report.sources[0].startswith("resolution from `outcome`: resolved")
    assert report.sources[1] == "escalation from `outcome`: escalated"
    assert "no satisfaction score" in report.sources[2]
    assert {r.agent_type for r in report.overall} == {"ai", "human"}
    assert sum(r.conversations for r in report.overall) == 640
    resolution = [g for g in report.gaps if g.measure == "resolved"]
    refund = next(g for g in resolution if g.topic_id is not None)
    assert len([g for g in resolution if g.topic_id is not None]) == 1  # only the planted topic
    assert any("refund" in k for k in refund.keywords) or "refund" in refund.topic
    assert (refund.ai, refund.human, refund.ai_n, refund.human_n, refund.worse) == (0.25, 0.8, 40, 40, "ai")
    assert refund.q_value < 0.05 and "resolution from `outcome`" in refund.source
    assert "resolution rate on “" in refund.text and "AI 25% of 40 vs human 80% of 40" in refund.text
    assert refund.citations
    for n in refund.citations:  # each cited conversation: an AI refund conversation that was not resolved
        citation = report.citations[n - 1]
        cited = fake.conversations.get(citation.conversation_id)
        assert cited.agent.type == "ai" and cited.id.startswith("refund-") and cited.metadata["outcome"] != "resolved"
        assert citation.speaker == "customer" and citation.text == cited.turns[citation.turn_start].text
    assert report.scorecards and sum(c.conversations for c in report.scorecards) == 640
    assert any(r.topic_id == refund.topic_id for r in report.by_topic)


def test_a_gap_is_found_on_a_topic_too_small_to_be_shown_side_by_side(fake, monkeypatch):
    """Gaps are looked for on every topic, not only the largest ones the page tabulates: which
    gaps a leader sees must not hang on how the store's topics happen to be sized."""
    monkeypatch.setattr("assistant.dashboards.agents.TOPICS", 0)
    ingest_conversations(fake, synthetic.agents_corpus())
    report = agents_report(fake)
    assert report.by_topic == []
    refund = next(g for g in report.gaps if g.measure == "resolved" and g.topic_id is not None)
    assert (refund.ai, refund.human, refund.worse) == (0.25, 0.8, "ai")


def test_a_gap_on_a_glossary_term_is_found_whatever_the_learned_topics(fake, tmp_path, monkeypatch):
    """A term the user defined means the same conversations whatever the topic fit: the gap on
    it is looked for too, named as the glossary's, and cites the turn that says the term."""
    mine = tmp_path / "glossary.yaml"
    mine.write_text("terms:\n  - name: money back\n    question_words: [refunds]\n    customer_says: 'faulty kettle'\n"
                    "  - name: drones\n    question_words: [drones]\n    customer_says: 'drone'\n")
    monkeypatch.setenv("CONVOSCOPE_GLOSSARY", str(mine))
    ingest_conversations(fake, synthetic.agents_corpus())
    report = agents_report(fake)
    term = next(g for g in report.gaps if g.measure == "resolved" and g.term)
    assert (term.topic, term.ai, term.human, term.ai_n, term.human_n) == ("money back", 0.25, 0.8, 40, 40)
    assert "resolution rate on the glossary's “money back”" in term.text and term.topic_id is None
    assert term.citations and all("faulty kettle" in report.citations[n - 1].text for n in term.citations)
    assert not [g for g in report.gaps if g.term and g.topic == "drones"]  # a term no customer says: nothing
    assert all(r.topic != "money back" for r in report.by_topic)  # the side-by-side table stays the topics'


def test_a_store_without_an_outcome_field_says_so_plainly(fake):
    ingest_conversations(fake, synthetic.agents_corpus(outcome_field=None))
    report = agents_report(fake)
    assert "this store records no outcome field; resolution cannot be compared" in report.sources
    assert not [g for g in report.gaps if g.measure in ("resolved", "escalated")]
    assert all(r.measures["resolved"] is None for r in report.overall)


def test_small_noise_is_not_a_gap(fake):
    convs = synthetic.agents_corpus()
    for c in convs:  # AI and humans resolve alike everywhere
        if c.id.startswith("refund-") and c.agent.type == "human":
            c.metadata["outcome"] = "resolved" if int(c.id.split("-")[1]) % 40 < 10 else "unresolved"
    ingest_conversations(fake, convs)
    assert not [g for g in agents_report(fake).gaps if g.measure == "resolved"]


def test_talk_listen_needs_turn_timings():
    def conv(turns):
        return Conversation(id="v", channel="voice", started_at="2026-08-01T10:00:00Z",
                            agent=Agent(id="a", type="human"), turns=turns)

    timed = conv([Turn(speaker="agent", text="hello", start=0, end=6),
                  Turn(speaker="customer", text="hi", start=6, end=9)])
    assert talk_listen(timed) == 2.0
    assert talk_listen(conv([Turn(speaker="agent", text="hello"), Turn(speaker="customer", text="hi")])) is None
