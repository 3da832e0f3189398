"""Outcome, escalation, satisfaction and category fields found from what a store holds, under
any name."""

from __future__ import annotations

from assistant.analysis.fields import categories, detect, field_values, judge
from assistant.analysis.measures import measure
from convoscope.models import Agent, ConversationMeta


def meta(i: int, **metadata) -> ConversationMeta:
    return ConversationMeta(id=f"c{i}", channel="chat", started_at="2026-09-01T10:00:00Z",
                            agent=Agent(id="a", type="ai"), metadata=metadata)


def test_outcome_words_are_judged_with_general_english():
    assert [judge(v) for v in ("Resolved", "closed_unresolved", "not resolved", "escalated_tier2", "solved",
                               "cancelled", "Completed")] == [
        "positive", "negative", "negative", "negative", "positive", None, "positive"]


def test_a_status_field_and_an_nps_score_are_found_under_their_own_names():
    convs = [meta(i, ticket_status=["closed", "open", "transferred to billing"][i % 3], nps=i % 11,
                  disposition=["billing", "refund"][i % 2], handling_seconds=100 + i) for i in range(60)]
    found = detect(field_values(convs))
    assert found.resolution and found.resolution.field == "ticket_status"
    assert found.resolution.resolved == ["closed"] and found.resolution.unresolved == ["open", "transferred to billing"]
    assert found.escalation and found.escalation.values == ["transferred to billing"]
    assert found.csat and (found.csat.field, found.csat.low, found.csat.high, found.csat.poor) == ("nps", 0, 10, 6)
    assert found.handle_time == "handling_seconds"
    measured = measure(convs, found)
    assert measured["resolved"] == 0.333 and measured["escalated"] == 0.333 and measured["handle_time_s"] == 129.5
    assert categories(field_values(convs), found) == ["disposition"]  # the status field is the agents page's


def test_true_false_fields_and_a_store_with_none():
    convs = [meta(i, first_contact_resolved=i % 4 != 0, was_escalated=i % 5 == 0, rating=1 + i % 5)
             for i in range(40)]
    found = detect(field_values(convs))
    assert found.resolution.describe() == "resolution from `first_contact_resolved`: true"
    assert found.escalation.describe() == "escalation from `was_escalated`: true"
    assert found.csat.describe() == "CSAT from `rating` (1–5)"
    assert measure(convs)["resolved"] == 0.75 and measure(convs)["escalated"] == 0.2  # found from the group itself
    bare = detect(field_values([meta(i, product=["a", "b"][i % 2], score=i) for i in range(40)]))
    assert bare.resolution is None and bare.escalation is None and bare.csat is None
    assert bare.describe()[0] == "this store records no outcome field; resolution cannot be compared"
