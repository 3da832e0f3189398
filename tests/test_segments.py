"""Segment questions end to end on a store whose metadata has its own fields (``company``,
``region``): the field is the store's, the values are the store's, each segment is counted
(traffic, matching, share) and the winner is said in words."""

import os
from collections import Counter

import pytest
from corpora import companies

from assistant import ask
from ingest import ingest_conversations
from vectorstore import Store

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    os.environ["CONVOSCOPE_ALLOW_MODELS"] = "1"  # module-scoped: set before the per-test switch runs
    conversations, reasons = companies.make()
    store = Store(tmp_path_factory.mktemp("companies") / "store")
    ingest_conversations(store, conversations)
    yield store, {c.id: c for c in conversations}, reasons
    store.close()


def truth(conversations, reasons, reason, field, month=None):
    """Per value of ``field``: (conversations, those giving ``reason``) — in ``month`` if given."""
    def value(c):
        return c.channel if field == "channel" else c.agent.type if field == "agent_type" else c.metadata[field]

    chosen = [c for c in conversations.values() if month is None or c.started_at.month == month]
    traffic = Counter(value(c) for c in chosen)
    matching = Counter(value(c) for c in chosen if reasons[c.id] == reason)
    return traffic, matching


def counted(answer):
    return {s.label: (s.conversations, s.matching) for s in answer.comparison.segments}


def close(found: int, expected: int) -> bool:
    return abs(found - expected) <= max(1, 0.1 * expected)


def test_which_company_has_the_most_names_the_winner_and_counts_every_company(store):
    s, conversations, reasons = store
    answer = ask("Which company has the most conversations about deliveries?", s)
    assert (answer.kind, answer.segment_field, answer.topic) == ("compare", "company", "deliveries")
    traffic, matching = truth(conversations, reasons, "delivery", "company")
    got = counted(answer)
    assert set(got) == set(traffic) == {"AcmeAir", "Brightline", "Corvid Telecom"}
    for company, (n, m) in got.items():
        assert n == traffic[company] and close(m, matching[company]), (company, got)
    assert [x.label for x in answer.comparison.segments][:2] == ["AcmeAir", "Brightline"]
    assert answer.answer.startswith("AcmeAir had the most conversations about “deliveries”")
    assert "ahead of Brightline" in answer.answer
    assert "As a share, Brightline has the most" in answer.answer  # the smaller company, a bigger share of it
    cited = {conversations[c.conversation_id].metadata["company"] for c in answer.citations}
    assert cited <= {"AcmeAir", "Brightline", "Corvid Telecom"} and {"AcmeAir", "Brightline"} <= cited
    assert all(reasons[c.conversation_id] == "delivery" for c in answer.citations)


def test_two_named_values_are_compared_with_each_other_only(store):
    s, conversations, reasons = store
    answer = ask("Which has more refund conversations: AcmeAir or Brightline?", s)
    assert (answer.kind, answer.segment_field, answer.topic) == ("compare", "company", "refund")
    assert answer.filters.metadata == {"company": ["AcmeAir", "Brightline"]}
    traffic, matching = truth(conversations, reasons, "refund", "company")
    got = counted(answer)
    assert set(got) == {"AcmeAir", "Brightline"}
    assert close(got["Brightline"][1], matching["Brightline"]) and close(got["AcmeAir"][1], matching["AcmeAir"])
    assert got["Brightline"][0] == traffic["Brightline"]
    b, a = got["Brightline"][1], got["AcmeAir"][1]
    assert answer.answer.startswith(
        f"Brightline had more conversations about “refund” than AcmeAir: **{b}** vs **{a}**")


def test_a_breakdown_by_a_column_counts_every_channel(store):
    s, conversations, reasons = store
    answer = ask("complaints by channel", s)
    assert (answer.kind, answer.segment_field, answer.topic) == ("compare", "channel", "complaints")
    traffic, matching = truth(conversations, reasons, "outage", "channel")  # every outage call opens with a complaint
    got = counted(answer)
    assert {k: n for k, (n, _) in got.items()} == dict(traffic)
    assert close(got["voice"][1], matching["voice"]) and close(got["chat"][1], matching["chat"])
    assert answer.answer.startswith("Voice had the most conversations about “complaints”")


def test_the_window_decides_which_region_had_the_most(store):
    s, conversations, reasons = store
    answer = ask("Which region had the most outage complaints in August?", s)
    assert (answer.kind, answer.segment_field, answer.topic) == ("compare", "region", "outage")
    assert answer.filters.window.label == "August 2026"
    traffic, matching = truth(conversations, reasons, "outage", "region", month=8)
    got = counted(answer)
    for region, (n, m) in got.items():
        assert n == traffic[region] and close(m, matching[region]), (region, got)
    assert answer.answer.startswith("Kessling had the most conversations about “outage” in August 2026")
    assert "ahead of Northfield" in answer.answer  # over all three months Northfield has more


def test_ai_agents_against_human_agents_on_refunds_says_who_resolves_more(store):
    s, conversations, reasons = store
    answer = ask("Are the AI agents handling refund requests as well as our human agents?", s)
    assert (answer.kind, answer.segment_field, answer.topic) == ("compare", "agent_type", "refund")
    traffic, matching = truth(conversations, reasons, "refund", "agent_type")
    got = counted(answer)
    assert set(got) == {"ai", "human"} and all(close(got[k][1], matching[k]) for k in got)
    resolved = {x.label: x.measures["resolved"] for x in answer.comparison.segments}
    assert resolved["ai"] < 0.4 < 0.7 < resolved["human"]
    assert "Human agents resolved more of them" in answer.answer and "for AI agents" in answer.answer


def test_every_sentence_of_the_lead_cites_its_segments(store):
    s, conversations, _ = store
    answer = ask("Which company has the most conversations about deliveries?", s)
    lead = answer.answer.split("\n\n", 1)[0]
    for sentence in lead.split(". "):
        assert "[" in sentence, sentence
    stored = s.conversations.get_many(c.conversation_id for c in answer.citations)
    for c in answer.citations:
        assert stored[c.conversation_id].turns[c.turn_start].text == c.text
