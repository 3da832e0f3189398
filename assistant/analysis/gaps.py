"""Whether a human-vs-AI difference is a gap worth a leader's attention.

A difference is flagged only when both sides have at least ``MIN_SEGMENT`` conversations
with a value, the difference reaches a size worth acting on (``GAP``: 15 points of a rate,
an eighth of a satisfaction scale, 0.2 of sentiment), and a test says it is unlikely to be
noise: Fisher's exact test for rates (exact at any segment size, where a two-proportion z
test is not), Mann–Whitney U for scores (CSAT is ordinal, sentiment is skewed). Every
segment and measure of a report is tested, so p-values are adjusted with
Benjamini–Hochberg over all of them before the ``FDR`` cut.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel
from scipy.stats import fisher_exact, mannwhitneyu

from assistant.analysis.alerts import benjamini_hochberg

MIN_SEGMENT = 10
FDR = 0.05
GAP = {"resolved": 0.15, "escalated": 0.15, "csat": 0.125, "sentiment": 0.2}  # csat: share of its scale
RATES = frozenset({"resolved", "escalated"})
HIGHER_IS_BETTER = {"resolved": True, "escalated": False, "csat": True, "sentiment": True}


class GapTest(BaseModel):
    """One human-vs-AI comparison: a segment (topic id, None overall) and a measure."""

    segment: int | None
    measure: str
    ai: float
    human: float
    ai_n: int
    human_n: int
    p_value: float
    q_value: float = 1.0

    @property
    def worse(self) -> str:
        return "ai" if (self.ai < self.human) == HIGHER_IS_BETTER[self.measure] else "human"


def compare(segment: int | None, measure: str, ai: Sequence[float], human: Sequence[float]) -> GapTest | None:
    """The test of one comparison (``ai``/``human``: per conversation, 0/1 for a rate), or
    None when a side is under ``MIN_SEGMENT``."""
    if min(len(ai), len(human)) < MIN_SEGMENT:
        return None
    a, h = sum(ai) / len(ai), sum(human) / len(human)
    if measure in RATES:
        table = [[int(sum(ai)), len(ai) - int(sum(ai))], [int(sum(human)), len(human) - int(sum(human))]]
        p = float(fisher_exact(table).pvalue)
    elif len(set(ai) | set(human)) < 2:
        p = 1.0
    else:
        p = float(mannwhitneyu(ai, human, alternative="two-sided").pvalue)
    return GapTest(segment=segment, measure=measure, ai=round(a, 3), human=round(h, 3), ai_n=len(ai),
                   human_n=len(human), p_value=p)


def flagged(tests: list[GapTest], span: dict[str, float]) -> list[GapTest]:
    """The tests that are gaps: large enough (``GAP`` times ``span`` of the measure's scale,
    1 for rates and sentiment) and significant after Benjamini–Hochberg over all ``tests``;
    most significant first."""
    for test, q in zip(tests, benjamini_hochberg([t.p_value for t in tests])):
        test.q_value = q
    big = [t for t in tests if abs(t.ai - t.human) >= GAP[t.measure] * span.get(t.measure, 1.0) and t.q_value <= FDR]
    return sorted(big, key=lambda t: (t.q_value, -abs(t.ai - t.human)))
