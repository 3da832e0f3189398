"""The evaluation harness: a benchmark set asked of Convoscope and of the naive-RAG baselines
(the tutorial one and the fair one), in the same run, on the same store and with the same LLM
backend, scored alike."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable

from pydantic import BaseModel

from assistant.llm.base import LLM
from eval.baseline import NaiveRAG, NaiveRAGFair
from eval.metrics import QuestionScore, score
from eval.sets import BenchmarkSet
from eval.systems import Convoscope
from vectorstore import Store

METRICS = {  # name -> (label, higher is better)
    "driver_recall_at_3": ("driver recall@3", True),
    "decoys_reported": ("decoys reported as rising", False),
    "citation_precision": ("citation precision", True),
    "citation_support": ("citation support", True),
    "quote_fidelity": ("quote fidelity", True),
    "count_accuracy": ("count accuracy", True),
    "recall_at_10": ("population recall@10", True),
    "ndcg_at_10": ("population nDCG@10", True),
    "refusal_correctness": ("refusal correctness", True),
    "kind_accuracy": ("question kind right", True),
    "latency_p50_ms": ("latency p50 (ms)", False),
    "latency_p95_ms": ("latency p95 (ms)", False),
}


class SystemReport(BaseModel):
    system: str
    backend: str
    driver_recall_at_3: float | None = None
    decoys_reported: int = 0
    citation_precision: float | None = None
    citation_support: float | None = None
    quote_fidelity: float | None = None
    count_accuracy: float | None = None
    recall_at_10: float | None = None
    ndcg_at_10: float | None = None
    refusal_correctness: float | None = None
    kind_accuracy: float | None = None
    latency_p50_ms: float = 0.0
    latency_p95_ms: float = 0.0


class Faithfulness(BaseModel):
    """How the prose of one model held up, over the answers it was asked to write."""

    system: str
    backend: str
    answers: int = 0  # answers the model wrote
    shown: int = 0  # … whose text was shown (checked), not replaced by the composed one
    claims: int = 0
    supported: int = 0
    rejected: int = 0
    rejected_by: dict[str, int] = {}  # rule -> claims it rejected
    first_token_p50_ms: float | None = None
    generation_p50_ms: float | None = None
    names: int = 0  # drivers and themes the model named
    names_kept: int = 0  # … whose names passed the check (`assistant/writing/naming.py`)
    naming_p50_ms: float | None = None

    @property
    def supported_share(self) -> float | None:
        return self.supported / self.claims if self.claims else None


def faithfulness(system: str, backend: str, scores: list[QuestionScore]) -> Faithfulness | None:
    """Claims, claims supported and rejected, and answers shown from the model; None when no
    model wrote (the extractive writer, or a baseline)."""
    written = [s.writing for s in scores if s.writing is not None]
    if not written:
        return None
    firsts = [w.first_token_ms for w in written if w.first_token_ms is not None]
    totals = [w.generation_ms for w in written if w.generation_ms is not None]
    naming = [w.naming_ms for w in written if w.naming_ms is not None]
    return Faithfulness(
        system=system, backend=backend, answers=sum(w.wrote for w in written), shown=sum(w.shown for w in written),
        claims=sum(w.claims for w in written), supported=sum(w.supported for w in written),
        rejected=sum(w.claims - w.supported for w in written),
        rejected_by=dict(sum((Counter(w.rejected_by) for w in written), Counter()).most_common()),
        first_token_p50_ms=round(statistics.median(firsts), 1) if firsts else None,
        generation_p50_ms=round(statistics.median(totals), 1) if totals else None,
        names=sum(w.names for w in written), names_kept=sum(w.names_kept for w in written),
        naming_p50_ms=round(statistics.median(naming), 1) if naming else None)


class Report(BaseModel):
    benchmark: str
    store: str
    questions: int
    systems: list[SystemReport]
    scores: list[QuestionScore]
    faithfulness: list[Faithfulness] = []  # per model that wrote answers

    def system(self, name: str, backend: str = "extractive") -> SystemReport:
        return next(s for s in self.systems if s.system == name and s.backend == backend)


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))] if ordered else 0.0


def summarise(system: str, backend: str, scores: list[QuestionScore]) -> SystemReport:
    found = [s for s in scores if s.drivers_gold]
    counts = [c for s in scores for c in s.count_scores]
    ranked = [s for s in scores if s.recall_at_10 is not None]
    latencies = [s.latency_ms for s in scores]
    kinds = [s.kind_right for s in scores if s.kind_right is not None]
    return SystemReport(
        system=system, backend=backend,
        driver_recall_at_3=_ratio(sum(s.drivers_found or 0 for s in found), sum(s.drivers_gold or 0 for s in found)),
        decoys_reported=sum(s.decoys_reported or 0 for s in scores),
        citation_precision=_ratio(sum(s.cited_supporting for s in scores), sum(s.cited for s in scores)),
        citation_support=_ratio(sum(s.claims_cited for s in scores), sum(s.claims for s in scores)),
        quote_fidelity=_ratio(sum(s.verbatim for s in scores), sum(s.excerpts for s in scores)),
        count_accuracy=statistics.mean(counts) if counts else None,
        recall_at_10=statistics.mean(s.recall_at_10 for s in ranked) if ranked else None,
        ndcg_at_10=statistics.mean(s.ndcg_at_10 or 0.0 for s in ranked) if ranked else None,
        refusal_correctness=_ratio(sum(s.refusal_correct for s in scores), len(scores)),
        kind_accuracy=_ratio(sum(kinds), len(kinds)),
        latency_p50_ms=round(statistics.median(latencies), 1) if latencies else 0.0,
        latency_p95_ms=round(percentile(latencies, 0.95), 1),
    )


SYSTEMS = (Convoscope, NaiveRAG, NaiveRAGFair)  # what every run asks, in this order


def evaluate(
    store: Store,
    bench: BenchmarkSet,
    backends: list[str | LLM] | None = None,
    on_question: Callable[[], None] | None = None,
) -> Report:
    """Ask every question of ``bench`` of every system with each backend; score them alike."""
    scores: list[QuestionScore] = []
    systems: list[SystemReport] = []
    faithful: list[Faithfulness] = []
    for backend in backends or ["extractive"]:
        name = backend if isinstance(backend, str) else backend.name
        for system in (make(store, backend) for make in SYSTEMS):
            own = []
            for q in bench.questions:
                answer = system.answer(q.question, q.history)
                cited = store.conversations.get_many({e.conversation_id for e in answer.excerpts})
                own.append(score(q, answer, cited))
                if on_question:
                    on_question()
            for s in own:
                s.system = f"{system.name} ({name})"
            scores += own
            systems.append(summarise(system.name, name, own))
            held = faithfulness(system.name, name, own)
            if held is not None:
                faithful.append(held)
    return Report(benchmark=bench.name, store=str(store.path), questions=len(bench.questions), systems=systems,
                  scores=scores, faithfulness=faithful)
