"""Measure answers against the sample corpus's ground truth (the planted trends).

For each planted story a question is asked the way a leader would, and the answer is
scored on what the targets name: planted drivers found in the top three, stable decoys
listed as rising, citations that support their driver, quotes verbatim, counts against
the truth, and latency.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter

from pydantic import BaseModel, Field

from assistant import ask
from convoscope.models import Answer, Driver
from convoscope.sample.truth import GroundTruth, Trend
from vectorstore import Store

TOPIC_WORDS = {"cancellation": "cancellations", "account": "login problems", "refund": "refunds"}
# What each question's words cover, where that is narrower than the generator's topic: "login
# problems" are the account reasons about getting in, not changing an address or an e-mail.
TOPIC_REASONS = {"account": ("password_reset_email", "locked_out", "two_factor")}


def _true_count(truth: GroundTruth, population: str, month: str) -> int:
    if population in TOPIC_REASONS:
        return sum(truth.reasons[r][month] for r in TOPIC_REASONS[population])
    return truth.populations[population][month]


class QuestionResult(BaseModel):
    question: str
    latency_ms: float
    drivers: list[str]
    planted_found: list[str] = Field(default_factory=list)
    planted_missed: list[str] = Field(default_factory=list)
    decoys_rising: list[str] = Field(default_factory=list)
    supporting_citations: int = 0
    driver_citations: int = 0
    verbatim: int = 0
    citations: int = 0
    counts: dict[str, tuple[int, int]] = Field(default_factory=dict)  # window -> (answer, truth)


class Report(BaseModel):
    questions: list[QuestionResult]
    driver_recall_at_3: float
    decoys_rising: int
    citation_precision: float
    quote_fidelity: float
    count_accuracy: float
    latency_p50_ms: float
    latency_p95_ms: float


def _score(driver: Driver, trend: Trend) -> int:
    """How many of the trend's match terms the driver's label and keywords contain."""
    text = " ".join([driver.label, *driver.keywords]).lower()
    return sum(term in text for term in trend.match_terms)


def _assign(drivers: list[Driver], trends: list[Trend]) -> dict[str, Driver]:
    """Each planted trend to the driver that matches it best; a driver stands for one trend."""
    pairs = sorted(
        ((_score(d, t), -i, t.id, i) for i, d in enumerate(drivers) for t in trends if _score(d, t)), reverse=True
    )
    chosen: dict[str, Driver] = {}
    used: set[int] = set()
    for _, _, trend_id, i in pairs:
        if trend_id not in chosen and i not in used:
            chosen[trend_id] = drivers[i]
            used.add(i)
    return chosen


def _majority_reason(answer: Answer, driver: Driver, truth: GroundTruth) -> str | None:
    cited = [c for c in answer.citations if c.n in driver.citations]
    reasons = Counter(truth.labels[c.conversation_id].reason for c in cited if c.conversation_id in truth.labels)
    return reasons.most_common(1)[0][0] if reasons else None


def _verbatim(store: Store, answer: Answer) -> int:
    stored = store.conversations.get_many(c.conversation_id for c in answer.citations)
    ok = 0
    for c in answer.citations:
        conv = stored.get(c.conversation_id)
        if conv and c.text == "\n".join(t.text for t in conv.turns[c.turn_start : c.turn_end + 1]):
            ok += 1
    return ok


def _question(trend: Trend) -> str:
    topic = TOPIC_WORDS.get(trend.population, trend.population)
    month = trend.current_window.start.strftime("%B")
    verb = "spike" if trend.kind == "spike" else "rise"
    return f"Why did {topic} {verb} in {month}?"


def evaluate(store: Store, truth: GroundTruth) -> Report:
    groups: dict[str, list[Trend]] = {}
    for trend in truth.trends:
        if trend.kind in ("driver", "decoy", "spike"):
            groups.setdefault(_question(trend) if trend.kind == "spike" else _question(
                next(t for t in truth.trends if t.population == trend.population and t.kind == "driver")), []).append(trend)
    results: list[QuestionResult] = []
    for question, trends in groups.items():
        started = time.perf_counter()
        answer = ask(question, store)
        latency = (time.perf_counter() - started) * 1000
        result = QuestionResult(question=question, latency_ms=round(latency, 1), drivers=[d.label for d in answer.drivers])
        assigned = _assign(answer.drivers[:3], [t for t in trends if t.kind != "decoy"])
        for trend in trends:
            if trend.kind == "decoy":
                if any(_majority_reason(answer, d, truth) == trend.reason for d in answer.drivers):
                    result.decoys_rising.append(trend.id)
                continue
            hit = assigned.get(trend.id)
            (result.planted_found if hit else result.planted_missed).append(trend.id)
            if hit:
                cited = [c for c in answer.citations if c.n in hit.citations]
                result.driver_citations += len(cited)
                result.supporting_citations += sum(
                    truth.labels.get(c.conversation_id) is not None and truth.labels[c.conversation_id].reason == trend.reason
                    for c in cited
                )
        population = trends[0].population
        cur_month = trends[0].current_window.start.strftime("%Y-%m")
        base_month = trends[0].baseline_window.start.strftime("%Y-%m") if trends[0].baseline_window else None
        if answer.comparison:
            result.counts[cur_month] = (answer.comparison.current.matching or 0, _true_count(truth, population, cur_month))
            if answer.comparison.baseline and base_month:
                result.counts[base_month] = (
                    answer.comparison.baseline.matching or 0, _true_count(truth, population, base_month)
                )
        result.citations = len(answer.citations)
        result.verbatim = _verbatim(store, answer)
        results.append(result)
    found = sum(len(r.planted_found) for r in results)
    planted = found + sum(len(r.planted_missed) for r in results)
    errors = [abs(a - t) / t for r in results for a, t in r.counts.values() if t]
    latencies = sorted(r.latency_ms for r in results)
    return Report(
        questions=results,
        driver_recall_at_3=found / planted if planted else 0.0,
        decoys_rising=sum(len(r.decoys_rising) for r in results),
        citation_precision=(sum(r.supporting_citations for r in results) / max(1, sum(r.driver_citations for r in results))),
        quote_fidelity=sum(r.verbatim for r in results) / max(1, sum(r.citations for r in results)),
        count_accuracy=1 - statistics.mean(errors) if errors else 0.0,
        latency_p50_ms=statistics.median(latencies),
        latency_p95_ms=latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))],
    )
