"""The overview's weekly series and spike alerts, and the agents report, on the fakes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from assistant.agents import agents_report, talk_listen
from assistant.overview import ThemeWeeks, overview, spikes, week_of
from convoscope.models import Agent, Conversation, Filters, Turn
from convoscope.sample import generate
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


def test_weeks_start_on_monday():
    assert week_of(date(2026, 8, 6)) == date(2026, 8, 3) == week_of(date(2026, 8, 3))


@pytest.fixture
def sample_store(fake):
    ingest_conversations(fake, generate(n=600).conversations)
    return fake


def test_overview_counts_every_conversation_once_a_week_with_sentiment(sample_store):
    data = overview(sample_store)
    assert sum(w.conversations for w in data.weeks) == 600
    assert data.weeks[0].partial and all(w.start.weekday() == 0 for w in data.weeks)
    assert all(w.sentiment is None or -1 <= w.sentiment <= 1 for w in data.weeks)
    labels = [t.label for t in data.themes]
    assert "Cancellations" in labels and any(label.startswith("Request type: ") for label in labels)
    requests = sum(t.total for t in data.themes if t.label.startswith("Request type: "))
    assert requests == 600  # every sample conversation has a disposition
    chat = overview(sample_store, Filters(channel=["chat"]))
    assert 0 < sum(w.conversations for w in chat.weeks) < 600


def test_agents_report_sets_ai_beside_human_and_cites_the_gaps(sample_store):
    report = agents_report(sample_store)
    assert {r.agent_type for r in report.overall} == {"ai", "human"}
    assert sum(r.conversations for r in report.overall) == 600
    refunds = {r.agent_type: r for r in report.by_request if r.request_type == "refund"}
    assert refunds["ai"].measures["resolved"] < refunds["human"].measures["resolved"]  # the planted gap
    gap = next(g for g in report.gaps if g.request_type == "refund" and g.measure == "resolved")
    assert gap.worse == "ai" and gap.citations
    for n in gap.citations:  # each cited conversation is an AI refund conversation that was not resolved
        cited = sample_store.conversations.get(report.citations[n - 1].conversation_id)
        assert cited.agent.type == "ai" and cited.metadata["disposition"] == "refund"
        assert cited.metadata["outcome"] != "resolved"
    assert report.scorecards and sum(c.conversations for c in report.scorecards) == 600


def test_talk_listen_needs_turn_timings():
    def conv(turns):
        return Conversation(id="v", channel="voice", started_at="2026-08-01T10:00:00Z",
                            agent=Agent(id="a", type="human"), turns=turns)

    timed = conv([Turn(speaker="agent", text="hello", start=0, end=6), Turn(speaker="customer", text="hi", start=6, end=9)])
    assert talk_listen(timed) == 2.0
    assert talk_listen(conv([Turn(speaker="agent", text="hello"), Turn(speaker="customer", text="hi")])) is None
