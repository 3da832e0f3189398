"""Quality gates on corpora the product was not tuned on (``eval/corpora/``): a home
insurer's claims line, an energy supplier, real Twitter support threads, and a bank and a
furniture retailer written blind (``eval/data/blind/``), each asked its
benchmark set in-process (``eval.harness.evaluate``, the same questions ``python -m
eval.unseen`` asks through the command line) of Convoscope and both naive-RAG baselines.

Gated: quotes verbatim; every answer that reports matching conversations cites one;
Convoscope at or above its floor and at or above ``naive-rag-fair`` on every metric. The
floors are what the product measures now (FLOORS); the gates it fails are expected failures
with the measured value in their reason (KNOWN): raise the floors and remove what passes
from KNOWN as the product improves, never the other way.
``CONVOSCOPE_UNSEEN_REPORTS=DIR`` keeps each corpus's report (``DIR/<corpus>/report.md``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eval.harness import METRICS, Report, evaluate
from eval.report import write
from eval.unseen import build, external
from ingest import ingest_conversations
from vectorstore import Store

pytestmark = pytest.mark.e2e

SCALE = 0.7  # the generated corpora at 70 % (~870 conversations each, ~18 s to ingest on 2 cores)
TWEETS = 200  # the first threads of the real file (all 857 take two minutes to ingest on 2 cores)
BLIND = ("harbourline_bank", "hearthwell_home")  # written blind by a helper (eval/data/blind/README.md), in full
CORPORA = ("insurer", "utility", "tweets", *BLIND)
QUALITY = [m for m in METRICS if not m.startswith("latency")]
LOWER_IS_BETTER = {"decoys_reported"}

FLOORS: dict[str, dict[str, float]] = {  # measured after the topic work (in-process, extractive), rounded down
    # raised when a manager's word beside a value of the business's own field (the insurer's "claims" queue, the
    # utility's "billing") came to mean that field's conversations instead of a refusal: insurer citation support
    # 0.93, counts 0.29, recall@10 0.94, refusals 1.0; utility citation support 0.91, counts 0.65, recall@10 0.85.
    # Drivers raised when a reason told in many wordings came to be looked for along chains of paraphrases:
    # insurer 0.71, utility 0.40. Insurer counts raised when its manager's words came to narrow the claims queue to
    # the groups of statements they mean (its new claims left out, assistant/analysis/field_meaning.py): 0.68; and
    # again when a long statement in a small-talk topic came to count as a reason there: 0.79
    "insurer": {"driver_recall_at_3": 0.6, "citation_precision": 0.85, "citation_support": 0.85, "quote_fidelity": 1.0,
                "count_accuracy": 0.75, "recall_at_10": 0.85, "ndcg_at_10": 0.85, "refusal_correctness": 0.95,
                "kind_accuracy": 1.0},
    "utility": {"driver_recall_at_3": 0.3, "citation_precision": 0.95, "citation_support": 0.85, "quote_fidelity": 1.0,
                "count_accuracy": 0.55, "recall_at_10": 0.8, "ndcg_at_10": 0.8, "refusal_correctness": 0.95,
                "kind_accuracy": 1.0},
    "tweets": {"citation_precision": 0.7, "citation_support": 0.9, "quote_fidelity": 1.0, "count_accuracy": 0.7,
               "recall_at_10": 0.9, "ndcg_at_10": 0.85, "refusal_correctness": 1.0, "kind_accuracy": 1.0},
    # the blind corpora in full, measured at d7b92ad (unread at 6bef952: drivers 0.14 and 0.00, counts 0.24 and 0.22)
    "harbourline_bank": {"driver_recall_at_3": 0.25, "citation_precision": 0.85, "citation_support": 0.8,
                         "quote_fidelity": 1.0, "count_accuracy": 0.35, "recall_at_10": 0.65, "ndcg_at_10": 0.65,
                         "refusal_correctness": 0.8, "kind_accuracy": 1.0},
    "hearthwell_home": {"driver_recall_at_3": 0.1, "citation_precision": 0.9, "citation_support": 0.85,
                        "quote_fidelity": 1.0, "count_accuracy": 0.5, "recall_at_10": 0.7, "ndcg_at_10": 0.7,
                        "refusal_correctness": 0.75, "kind_accuracy": 1.0},
}
KNOWN: dict[tuple[str, str], str] = {  # (corpus, gate) -> what was measured, for gates the product fails now
    # Fell below its floor when phone numbers customers give came to be redacted (issue 19): the redactions
    # are right, but the statements they change move the store's topics (issue 16). Measured 1.0 again after
    # the second redaction pass (the insurer's three floor failures of that time are gone: citation support
    # 0.80, counts 0.20, refusals 0.88), but at its floor exactly, where a topic re-fit can flip one answer
    ("tweets", "floor:refusal_correctness"): "0.93 (floor 1.0): 'the hoverboard recall' now matches one thread by "
                                             "'recall' alone ('credit car'); refused with card/e-mail/phone redaction "
                                             "as before",
    ("utility", "cites"): "summary-voltera reports matching conversations and cites none",
    # Fell below its floor when names with no cue came to be redacted (issue 19, ingest/pii/given.py): the
    # redactions are right ("my name's Sandra Pryce" -> "my name's [NAME]"), but such statements then hold too few
    # words to carry a reason and leave the drivers' clustering, whose clusters along chains move; the planted
    # reasons sit at the edge of the multiple-testing correction either way (BENCHMARKS.md, issue 16)
    # At full scale (python -m eval.unseen, 1,230 conversations) the insurer's drivers are 7 of 7 since the claims
    # queue was narrowed by meaning; at 70 % the three planted reasons of "claims handling delays" reach q = 0.06
    ("insurer", "floor:driver_recall_at_3"): "0.29 (floor 0.6; 1.00 at full scale through the command line): at "
                                             "70 % the planted reasons sit just past the multiple-testing "
                                             "correction (q 0.059 and 0.081)",
    ("utility", "floor:citation_precision"): "0.92 (floor 0.95): the 'billing disputes' questions, refused before, "
                                             "are answered from the billing queue, whose credit-refund conversations "
                                             "a per-town or per-tariff example sometimes is (8 of 11, 5 of 6, 9 of 11)",
    ("insurer", "fair:citation_support"): "convoscope 0.93 vs naive-rag-fair 1.00 "
                                          "(the fair baseline's claims are its excerpts)",
    ("utility", "fair:driver_recall_at_3"): "convoscope 0.40 vs naive-rag-fair 1.00 (the billing queue's catch-up "
                                            "bills are found; its fixed deals ending are not told apart from them)",
    ("utility", "fair:citation_support"): "convoscope 0.91 vs naive-rag-fair 1.00",
    ("tweets", "fair:citation_support"): "convoscope 0.95 vs naive-rag-fair 1.00",
    # the blind corpora (BENCHMARKS.md, "Two corpora written blind"): words no customer and no field says ("fraud",
    # "assembly") are refused, and drivers that grew as fast as their population fail the share test
    # Fell below its floor when the asides customers say beside any reason came to be set aside with small talk
    # (ingest/topics.py, asides): "account switching", a word no customer says, meant the topic of a daughter's
    # new account and counted every customer who says "account" (113 in May, truth 13, 2 supporting citations); it
    # now means a topic "account" alone means, and is refused. The same change took citation precision 0.86 -> 0.91,
    # counts 0.40 -> 0.45 and recall@10 0.69 -> 0.74
    ("harbourline_bank", "floor:citation_support"): "0.797 (floor 0.8): 'account switching' refused, no longer "
                                                    "counted from every customer who says 'account'",
    ("harbourline_bank", "fair:driver_recall_at_3"): "convoscope 0.29 vs naive-rag-fair 0.71",
    ("harbourline_bank", "fair:citation_support"): "convoscope 0.80 vs naive-rag-fair 1.00",
    ("harbourline_bank", "fair:refusal_correctness"): "convoscope 0.80 vs naive-rag-fair 0.92 ('fraud concerns' "
                                                      "and 'account switching' refused: no customer, field or "
                                                      "topic says them)",
    ("hearthwell_home", "fair:driver_recall_at_3"): "convoscope 0.14 vs naive-rag-fair 0.71",
    ("hearthwell_home", "fair:citation_support"): "convoscope 0.89 vs naive-rag-fair 1.00",
    ("hearthwell_home", "fair:ndcg_at_10"): "convoscope 0.718 vs naive-rag-fair 0.721",
    ("hearthwell_home", "fair:refusal_correctness"): "convoscope 0.76 vs naive-rag-fair 0.92 ('assembly', 'promo', "
                                                     "'quality' refused: no customer, field or topic says them)",
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Each corpus's report, built the first time a test asks for it (once per module)."""
    os.environ["CONVOSCOPE_ALLOW_MODELS"] = "1"  # module-scoped: set before the per-test switch runs
    made: dict[str, Report] = {}
    stores: list[Store] = []

    def get(name: str) -> Report:
        if name not in made:
            folder = Path(__file__).resolve().parents[1] / "eval" / "data" / "blind" / name
            corpus = external(folder / "conversations.jsonl", folder / "benchmark.json") if name in BLIND else build(
                name, SCALE)
            if corpus is None:
                pytest.skip("the real threads (../shared/data/real/tweets.jsonl or $CONVOSCOPE_REAL_DATA) are not here")
            if name == "tweets":
                corpus = build_subset(corpus)
            store = Store(tmp_path_factory.mktemp(name) / "store")
            stores.append(store)
            ingest_conversations(store, corpus.conversations)
            store.embedder.embed(["warm up"])
            made[name] = evaluate(store, corpus.bench)
            if os.environ.get("CONVOSCOPE_UNSEEN_REPORTS"):  # a folder: keep each report to set the floors from
                write(made[name], Path(os.environ["CONVOSCOPE_UNSEEN_REPORTS"]) / name)
        return made[name]

    yield get
    for store in stores:
        store.close()


def build_subset(corpus):
    """The first ``TWEETS`` threads with the rules' golds recomputed on them."""
    from eval.corpora import tweets

    threads = corpus.conversations[:TWEETS]
    return corpus.model_copy(update={"conversations": threads, "bench": tweets.benchmark(threads)})


def _marks(name: str, gate: str) -> list:
    known = KNOWN.get((name, gate))
    return [pytest.mark.xfail(strict=False, reason=f"measured: {known}")] if known else []


def _cases(gate: str, metrics: list[str]) -> list:
    return [pytest.param(name, metric, id=f"{name}-{metric}", marks=_marks(name, f"{gate}:{metric}"))
            for name in CORPORA for metric in metrics]


def _ours(report):
    return [s for s in report.scores if s.system.startswith("convoscope")]


@pytest.mark.parametrize("name", CORPORA)
def test_every_quote_is_verbatim(reports, name):
    report = reports(name)
    assert all(s.quote_fidelity in (None, 1.0) for s in report.systems), [s.model_dump() for s in report.systems]


@pytest.mark.parametrize("name", [pytest.param(name, marks=_marks(name, "cites")) for name in CORPORA])
def test_every_answer_that_reports_matches_cites_one(reports, name):
    uncited = [(s.id, s.counts_given) for s in _ours(reports(name))
               if any((n or 0) > 0 for n in s.counts_given.values()) and not s.excerpts]
    assert not uncited


@pytest.mark.parametrize("name, metric", _cases("floor", [m for m in QUALITY if m != "decoys_reported"]))
def test_convoscope_stays_above_its_floor(reports, name, metric):
    report = reports(name)
    floor = FLOORS[name].get(metric)
    value = getattr(report.system("convoscope"), metric)
    if floor is None or value is None:
        pytest.skip(f"{metric} is not measured on {name}")
    assert value >= floor, (metric, value)


@pytest.mark.parametrize("name, metric", _cases("fair", QUALITY))
def test_convoscope_is_at_least_as_good_as_the_fair_baseline(reports, name, metric):
    report = reports(name)
    ours, theirs = getattr(report.system("convoscope"), metric), getattr(report.system("naive-rag-fair"), metric)
    if ours is None and theirs is None:
        pytest.skip(f"{metric} is not measured here")
    if metric in LOWER_IS_BETTER:
        assert ours <= theirs, (ours, theirs)
    else:
        assert (ours or 0.0) >= (theirs or 0.0), (ours, theirs)
