"""A corpus the product was not tuned on: other business, other words, its own planted trend."""

import os

import pytest

from assistant import ask
from ingest import ingest_conversations
from vectorstore import Store

from corpora.parcel import make

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def parcel(tmp_path_factory):
    os.environ["CONVOSCOPE_ALLOW_MODELS"] = "1"  # module-scoped: set before the per-test switch runs
    conversations, reasons = make()
    store = Store(tmp_path_factory.mktemp("parcel") / "store")
    ingest_conversations(store, conversations)
    yield store, reasons
    store.close()


def _drivers(store, reasons):
    answer = ask("Why did complaints go up last month?", store)
    found = {}
    for driver in answer.drivers[:3]:
        cited = [reasons[c.conversation_id] for c in answer.citations if c.n in driver.citations]
        found[max(set(cited), key=cited.count)] = cited
    return answer, found


def test_why_complaints_rose_counts_right_and_names_a_new_reason_not_the_flat_one(parcel):
    store, reasons = parcel
    answer, found = _drivers(store, reasons)
    assert answer.filters.window.label == "June 2026"
    current, baseline = answer.comparison.current.matching, answer.comparison.baseline.matching
    assert 0.9 * 56 <= current <= 1.1 * 56 and 0.8 * 13 <= baseline <= 1.2 * 13
    assert found and set(found) <= {"ghost_delivery", "tracking_broken"}  # never the flat "damaged"
    for reason, cited in found.items():
        assert cited.count(reason) >= 0.66 * len(cited)  # citations support their driver


@pytest.mark.xfail(strict=True, reason="known gap: with a 13-conversation baseline the phrase themes of a reason "
                   "told in many different words are too fragmented to pass the share test")
def test_why_complaints_rose_finds_both_new_reasons(parcel):
    store, reasons = parcel
    _, found = _drivers(store, reasons)
    assert {"ghost_delivery", "tracking_broken"} <= set(found)
