"""Quality gate: the benchmark on a reduced sample (n=1000) with the extractive backend,
Convoscope beside the naive-RAG baseline in the same run.

The floors are what the product reaches now; raise them as it improves, never lower one
to make a change pass. (n=1000, not 600: at 600 the planted reasons have 5–8 conversations
each, too few for any honest significance test to call them drivers.)
"""

import pytest

from eval.harness import evaluate
from eval.sample import generate
from eval.sample_set import build

pytestmark = pytest.mark.e2e

FLOORS = {  # measured on this reduced sample, then rounded down a little
    "driver_recall_at_3": 0.8,  # 0.83: at n=1000 the login spike's ~30 conversations are told in too many ways
    "citation_precision": 0.9,
    "citation_support": 0.85,
    "quote_fidelity": 1.0,
    "count_accuracy": 0.8,
    "recall_at_10": 0.9,
    "ndcg_at_10": 0.9,
    "refusal_correctness": 0.95,
}


@pytest.fixture(scope="module")
def report(real_store):
    real_store.embedder.embed(["warm up"])
    return evaluate(real_store, build(generate(n=1000)))


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_metric_stays_above_its_floor(report, metric):
    ours = report.system("convoscope")
    misses = [(s.id, s.drivers_found, s.drivers_gold) for s in report.scores if s.system.startswith("convoscope")
              and s.drivers_gold and s.drivers_found < s.drivers_gold]
    assert getattr(ours, metric) >= FLOORS[metric], (ours.model_dump(), misses)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_convoscope_is_at_least_as_good_as_the_naive_baseline(report, metric):
    ours, theirs = report.system("convoscope"), report.system("naive-rag")
    assert getattr(ours, metric) >= (getattr(theirs, metric) or 0.0)


def test_no_stable_decoy_is_called_a_driver(report):
    assert report.system("convoscope").decoys_reported == 0


def test_the_largest_planted_driver_leads_the_cancellation_answer(report):
    cancellations = next(s for s in report.scores if s.id == "why-cancel" and s.system.startswith("convoscope"))
    assert cancellations.drivers_found == 3
    lead = cancellations.answer.split("What grew most:")[1].strip().splitlines()[0]
    assert "annual" in lead or "year" in lead
