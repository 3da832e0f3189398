"""The overview a leader opens every morning: volume, customer sentiment and themes week by
week, and the themes that spiked against their rolling baseline.

Themes are the contact-centre concepts the assistant already knows (cancellations, refund
requests, login problems, outages, complaints), each a population found the same way a
question finds it, plus the store's request types (``disposition`` metadata) where present.
A week spikes when its count is at least twice what the previous four weeks' rate predicts
for that week's traffic, with at least ``MIN_SPIKE`` conversations, and a one-sided Poisson
test says so at ``ALPHA``. Sentiment is read from the per-turn scores stored at ingest.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
from pydantic import BaseModel, Field, computed_field
from scipy.stats import poisson

from assistant.agents import REQUEST_FIELD, conversations_to_measure, stored_number
from assistant.filters import to_where
from assistant.population import find_population
from convoscope.models import Conversation, ConversationMeta, Filters
from ingest.enrich import CUSTOMER_SENTIMENT
from vectorstore import Store

THEMES = (  # (concept topic as a question names it, label)
    ("cancellations", "Cancellations"),
    ("refund requests", "Refund requests"),
    ("login problems", "Login problems"),
    ("outages", "Outages"),
    ("complaints", "Complaints"),
)
ROLLING_WEEKS = 4
MIN_SPIKE = 8
RATIO = 2.0
ALPHA = 0.001


def week_of(moment: datetime | date) -> date:
    day = moment.date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


class Week(BaseModel):
    start: date
    conversations: int
    sentiment: float | None = None  # mean over conversations of their customer turns' mean score, −1 … 1
    partial: bool = False  # the data starts or ends inside this week


class ThemeWeeks(BaseModel):
    label: str
    topic: str  # what a question about it names
    counts: list[int]  # one per ``Overview.weeks``
    definition: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total(self) -> int:
        return sum(self.counts)


class Alert(BaseModel):
    label: str
    topic: str
    week: date
    count: int
    expected: float
    p_value: float
    weeks: int = 1  # consecutive weeks it stayed high

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ratio(self) -> float:
        return self.count / self.expected if self.expected else float("inf")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def headline(self) -> str:
        lasted = f", high for {self.weeks} weeks" if self.weeks > 1 else ""
        return (f"{self.label} ×{self.ratio:.1f} in the week of {self.week:%-d %b %Y}: {self.count} conversations "
                f"where the previous {ROLLING_WEEKS} weeks' rate predicts {self.expected:.0f}{lasted}")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def question(self) -> str:
        return f"Why did {self.topic} spike in the week of {self.week:%-d %B %Y}?"


class Overview(BaseModel):
    filters: Filters = Field(default_factory=Filters)
    weeks: list[Week] = Field(default_factory=list)
    themes: list[ThemeWeeks] = Field(default_factory=list)
    alerts: list[Alert] = Field(default_factory=list)


def customer_sentiment(conv: ConversationMeta) -> float | None:
    """The mean of the customer's turn sentiments: as stored at ingest, else from the turns."""
    stored = stored_number(conv, CUSTOMER_SENTIMENT)
    if stored is not None or not isinstance(conv, Conversation):
        return stored
    scores = [t.sentiment for t in conv.turns if t.speaker == "customer" and t.sentiment is not None]
    return float(np.mean(scores)) if scores else None


def overview(store: Store, filters: Filters | None = None) -> Overview:
    """Weekly volume, sentiment and theme counts over the whole store (within ``filters``),
    and the spikes among them, newest first."""
    filters = filters or Filters()
    where = to_where(filters, None, use_window=False)
    candidates = store.conversations.ids(where)
    if not candidates:
        return Overview(filters=filters)
    # transcripts only where the ingest did not store the customer's mean sentiment (older stores)
    conversations = conversations_to_measure(store, candidates, lambda m: CUSTOMER_SENTIMENT not in m.metadata)
    first = min(c.started_at for c in conversations.values())
    last = max(c.started_at for c in conversations.values())
    starts = []
    week = week_of(first)
    while week <= week_of(last):
        starts.append(week)
        week += timedelta(days=7)
    index = {w: i for i, w in enumerate(starts)}
    traffic = [0] * len(starts)
    sentiments: list[list[float]] = [[] for _ in starts]
    week_of_conv: dict[str, int] = {}
    for cid, conv in conversations.items():
        i = index[week_of(conv.started_at)]
        week_of_conv[cid] = i
        traffic[i] += 1
        score = customer_sentiment(conv)
        if score is not None:
            sentiments[i].append(score)
    partial = [False] * len(starts)
    partial[0] = first.date() > starts[0]
    partial[-1] = last.date() < starts[-1] + timedelta(days=6)
    weeks = [Week(start=w, conversations=traffic[i], sentiment=round(float(np.mean(sentiments[i])), 3) if sentiments[i] else None,
                  partial=partial[i]) for i, w in enumerate(starts)]

    said = store.conversations.statements(where)
    themes: list[ThemeWeeks] = []
    for topic, label in THEMES:
        population = find_population(store, topic, said, candidates)
        counts = [0] * len(starts)
        for cid in population.members:
            counts[week_of_conv[cid]] += 1
        if sum(counts):
            themes.append(ThemeWeeks(label=label, topic=topic, counts=counts, definition=population.definition()))
    requests: dict[str, list[int]] = {}
    for cid, conv in conversations.items():
        value = conv.metadata.get(REQUEST_FIELD)
        if value is not None:
            requests.setdefault(str(value), [0] * len(starts))[week_of_conv[cid]] += 1
    for value, counts in sorted(requests.items(), key=lambda kv: -sum(kv[1])):
        themes.append(ThemeWeeks(label=f"Request type: {value}", topic=f"{value} conversations", counts=counts,
                                 definition=f"conversations whose {REQUEST_FIELD} is {value}"))

    alerts: list[Alert] = []
    for theme in themes:
        alerts += spikes(theme, traffic, partial, starts)
    alerts.sort(key=lambda a: (a.week, a.ratio), reverse=True)
    return Overview(filters=filters, weeks=weeks, themes=themes, alerts=alerts)


def spikes(theme: ThemeWeeks, traffic: list[int], partial: list[bool], starts: list[date]) -> list[Alert]:
    """Weeks whose count is far above what the previous weeks' rate predicts for their
    traffic; a run of consecutive high weeks is one alert, dated at its first week.
    Partial weeks (where the data starts or ends) are never called spikes."""
    alerts: list[Alert] = []
    running = False
    counts = theme.counts
    for i in range(ROLLING_WEEKS, len(counts)):
        window = range(i - ROLLING_WEEKS, i)
        seen, base_traffic = sum(counts[j] for j in window), sum(traffic[j] for j in window)
        expected = max(seen / base_traffic * traffic[i] if base_traffic else 0.0, 0.5)
        p = float(poisson.sf(counts[i] - 1, expected))
        high = counts[i] >= MIN_SPIKE and counts[i] >= RATIO * expected and p < ALPHA and not partial[i]
        if high and running:
            alerts[-1].weeks += 1
        elif high:
            alerts.append(Alert(label=theme.label, topic=theme.topic, week=starts[i], count=counts[i],
                                expected=round(expected, 1), p_value=p))
        running = high
    return alerts
