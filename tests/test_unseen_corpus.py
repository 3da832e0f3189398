"""Corpora the product was not tuned on: other businesses, other words, their own planted trends.

Each is asked a why-question the way a leader would; the answer must count the population
right, name the planted reasons (and never the flat ones), and back each with verbatim
citations from conversations that truly give that reason.
"""

import os
from collections import Counter

import pytest
from corpora import bank, parcel

from assistant import ask
from ingest import ingest_conversations
from vectorstore import Store

pytestmark = pytest.mark.e2e

CASES = {
    "parcel": dict(
        make=parcel.make, question="Why did complaints go up last month?", window="June 2026",
        counts=(56, 13), planted={"ghost_delivery", "tracking_broken"}, flat={"damaged"},
        planted_now={"ghost_delivery": 24, "tracking_broken": 20},
    ),
    "bank": dict(
        make=bank.make, question="What drove the rise in card payment problems last month?", window="August 2026",
        counts=(74, 26), planted={"contactless", "approval"}, flat={"abroad", "expired", "atm"},
        planted_now={"contactless": 26, "approval": 22},
    ),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def corpus(request, tmp_path_factory):
    os.environ["CONVOSCOPE_ALLOW_MODELS"] = "1"  # module-scoped: set before the per-test switch runs
    case = CASES[request.param]
    conversations, reasons = case["make"]()
    store = Store(tmp_path_factory.mktemp(request.param) / "store")
    ingest_conversations(store, conversations)
    answer = ask(case["question"], store)
    yield case, store, reasons, answer
    store.close()


def _reasons_of(answer, reasons):
    """Each of the top three drivers' cited conversations' true reasons."""
    return [
        [reasons[c.conversation_id] for c in answer.citations if c.n in driver.citations]
        for driver in answer.drivers[:3]
    ]


def test_the_population_is_counted_within_five_percent_in_both_windows(corpus):
    case, _, _, answer = corpus
    assert answer.kind == "why" and answer.filters.window.label == case["window"]
    current, baseline = case["counts"]
    assert abs(answer.comparison.current.matching - current) <= 0.05 * current
    assert abs(answer.comparison.baseline.matching - baseline) <= 0.05 * baseline + 1


def test_every_planted_reason_is_a_top_three_driver_and_no_flat_one_is(corpus):
    case, _, _, answer = corpus
    found = {Counter(cited).most_common(1)[0][0] for cited in _reasons_of(answer, corpus[2]) if cited}
    assert case["planted"] <= found, [d.label for d in answer.drivers]
    assert not found & case["flat"]


def test_driver_citations_support_their_driver(corpus):
    _, _, reasons, answer = corpus
    cited = _reasons_of(answer, reasons)
    supporting = sum(Counter(c).most_common(1)[0][1] for c in cited if c)
    assert supporting >= 0.9 * sum(len(c) for c in cited)


def test_drivers_count_the_conversations_that_give_their_reason(corpus):
    """Counts are conversations, the current window's listed; most of a driver's conversations
    give its reason, and the drivers naming a planted reason cover at least half of the
    conversations that give it."""
    case, _, reasons, answer = corpus
    covered: dict[str, set[str]] = {}
    for driver in answer.drivers:
        assert driver.change == driver.current_count - driver.baseline_count > 0
        assert len(driver.conversation_ids) == driver.current_count <= answer.comparison.current.matching
        given = Counter(reasons[c] for c in driver.conversation_ids)
        reason, n = given.most_common(1)[0]
        assert n >= 0.8 * driver.current_count, (driver.label, given)
        covered.setdefault(reason, set()).update(c for c in driver.conversation_ids if reasons[c] == reason)
    for reason, now in case["planted_now"].items():
        assert len(covered.get(reason, ())) >= 0.5 * now, (reason, len(covered.get(reason, ())))


def test_citations_are_verbatim_turns_of_their_conversation(corpus):
    _, store, _, answer = corpus
    stored = store.conversations.get_many(c.conversation_id for c in answer.citations)
    assert answer.citations
    for c in answer.citations:
        assert stored[c.conversation_id].turns[c.turn_start].text == c.text
