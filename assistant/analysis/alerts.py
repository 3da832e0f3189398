"""Alerts on any series the overview counts (a store topic, or one value of a category field).

Two tests, both against traffic (a busier week or month raises what is expected):

- **week spike**: a week's count against what the previous ``ROLLING_WEEKS`` weeks' rate
  predicts for that week's traffic; at least ``MIN_SPIKE`` conversations, ``RATIO`` times
  the expectation, and a one-sided Poisson test at ``ALPHA`` (strict, because every week of
  every series is judged). A run of high weeks is one alert. Weeks where the data starts or
  ends are never judged.
- **month over month**: the last complete month against the month before. Given both
  months' counts, the current month's share of them is binomial under "no change" with
  the current month's share of traffic as its probability — the exact conditional test
  for two Poisson rates, one-sided for a rise. Every series is tested, so the p-values are
  adjusted with Benjamini–Hochberg over all of them (false discoveries held at
  ``FDR``), and a rise must also reach ``MIN_MONTH`` conversations and ``MONTH_RATIO``
  times the month before's rate, so that a rise from 2 to 5 does not alert on a quiet topic.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field, computed_field
from scipy.stats import binom, poisson

ROLLING_WEEKS = 4
MIN_SPIKE = 8
RATIO = 2.0
ALPHA = 0.001
MIN_MONTH = 10
MONTH_RATIO = 1.5
FDR = 0.05


class Series(BaseModel):
    """Weekly (and monthly) conversation counts of one topic or one category value."""

    label: str
    topic: str  # what a question about it names
    counts: list[int]  # one per ``Overview.weeks``
    months: list[int] = Field(default_factory=list)  # one per ``Overview.months``
    keywords: list[str] = Field(default_factory=list)
    topic_id: int | None = None  # the store topic's id; None for a category value
    field: str | None = None  # the category field, for a category value
    definition: str = ""
    shown_for: str = ""  # why the overview shows it: "largest", "growing", "alert"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def name(self) -> str:
        """The label with its keywords, as the pages show it."""
        words = f" ({', '.join(self.keywords[:4])})" if self.keywords else ""
        return f"“{self.label}”{words}" if self.topic_id is not None else self.label


ThemeWeeks = Series  # the name the overview used before topics


class Alert(BaseModel):
    kind: Literal["week", "month"] = "week"
    label: str
    topic: str
    week: date  # the week's Monday; for a month alert, the month's first day
    count: int
    expected: float
    p_value: float
    weeks: int = 1  # consecutive weeks it stayed high
    keywords: list[str] = Field(default_factory=list)
    topic_id: int | None = None
    q_value: float | None = None  # Benjamini–Hochberg adjusted (month alerts)
    baseline: int | None = None  # the month before's conversations (month alerts)
    baseline_month: date | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ratio(self) -> float:
        return self.count / self.expected if self.expected else float("inf")

    @property
    def name(self) -> str:
        """The topic label with its keywords (a category value as it is)."""
        words = f" ({', '.join(self.keywords[:4])})" if self.keywords else ""
        return f"“{self.label}”{words}" if self.topic_id is not None else self.label

    @property
    def detail(self) -> str:
        """The figures, after the name."""
        if self.kind == "month":
            return (f"rose ×{self.ratio:.1f} in {self.week:%B %Y}: {self.count} conversations against {self.baseline} "
                    f"in {self.baseline_month:%B %Y} ({self.expected:.0f} expected at that rate for this month's "
                    f"traffic; q = {self.q_value:.2g})")
        lasted = f", high for {self.weeks} weeks" if self.weeks > 1 else ""
        return (f"×{self.ratio:.1f} in the week of {self.week:%-d %b %Y}: {self.count} conversations "
                f"where the previous {ROLLING_WEEKS} weeks' rate predicts {self.expected:.0f}{lasted}")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def headline(self) -> str:
        return f"{self.name} {self.detail}"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def question(self) -> str:
        if self.kind == "month":
            return f"Why did {self.topic} rise in {self.week:%B %Y}?"
        return f"Why did {self.topic} spike in the week of {self.week:%-d %B %Y}?"


def spikes(series: Series, traffic: list[int], partial: list[bool], starts: list[date]) -> list[Alert]:
    """Weeks whose count is far above what the previous weeks' rate predicts for their
    traffic; a run of consecutive high weeks is one alert, dated at its first week."""
    alerts: list[Alert] = []
    running = False
    counts = series.counts
    for i in range(ROLLING_WEEKS, len(counts)):
        window = range(i - ROLLING_WEEKS, i)
        seen, base_traffic = sum(counts[j] for j in window), sum(traffic[j] for j in window)
        expected = max(seen / base_traffic * traffic[i] if base_traffic else 0.0, 0.5)
        large = counts[i] >= MIN_SPIKE and counts[i] >= RATIO * expected and not partial[i]
        p = float(poisson.sf(counts[i] - 1, expected)) if large else 1.0  # the test only where it can matter
        high = large and p < ALPHA
        if high and running:
            alerts[-1].weeks += 1
        elif high:
            alerts.append(Alert(label=series.label, topic=series.topic, week=starts[i], count=counts[i],
                                expected=round(expected, 1), p_value=p, keywords=series.keywords,
                                topic_id=series.topic_id))
        running = high
    return alerts


def benjamini_hochberg(p_values: list[float]) -> list[float]:
    """Adjusted p-values (q-values), in the order given."""
    if not p_values:
        return []
    p = np.asarray(p_values, dtype=np.float64)
    order = np.argsort(p)
    ranked = p[order] * len(p) / np.arange(1, len(p) + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty_like(p)
    q[order] = np.minimum(ranked, 1.0)
    return q.tolist()


def month_over_month(series: list[Series], traffic: list[int], months: list[date], current: int | None) -> list[Alert]:
    """Series that rose from month ``current - 1`` to month ``current`` (indexes into
    ``months``) beyond what traffic explains, significant after Benjamini–Hochberg over
    every series tested; largest rise first. None or 0: no complete pair of months."""
    if current is None or current < 1:
        return []
    t1, t0 = traffic[current], traffic[current - 1]
    if not t1 or not t0:
        return []
    share = t1 / (t1 + t0)
    tested = [s for s in series if len(s.months) == len(months)]
    p_values = [float(binom.sf(s.months[current] - 1, s.months[current] + s.months[current - 1], share))
                if s.months[current] else 1.0 for s in tested]
    alerts = []
    for s, p, q in zip(tested, p_values, benjamini_hochberg(p_values)):
        c1, c0 = s.months[current], s.months[current - 1]
        expected = max(c0 * t1 / t0, 0.5)
        if c1 >= MIN_MONTH and c1 >= MONTH_RATIO * expected and q <= FDR:
            alerts.append(Alert(kind="month", label=s.label, topic=s.topic, week=months[current], count=c1,
                                expected=round(expected, 1), p_value=p, q_value=q, baseline=c0,
                                baseline_month=months[current - 1], keywords=s.keywords, topic_id=s.topic_id))
    return sorted(alerts, key=lambda a: (-a.ratio, a.label))
