"""The overview a leader opens every morning: volume, customer sentiment and the store's own
topics week by week, and the topics that rose — whatever the business.

Themes are the store's topics (``vectorstore/topics.py``), learned from its customers'
statements at ingest, so a telecom's store shows its outages and a retailer's its
deliveries; nothing here names a topic. A conversation counts for a topic when one of its
customer statements is assigned to it (read from the statement table: ``membership``),
small talk left out (greetings, customers' details, what they say whatever the reason: set at
fit, ``ingest/topics.py``). The overview shows at most ``SHOWN`` topics: those that alerted or grew
fastest month on month, then the largest. Every topic, shown or not, is tested
(``assistant/analysis/alerts.py``): a week that spiked against its rolling four weeks, and the last
complete month against the month before. Category fields the store records (request type,
queue, product: any string field with a few values, found by ``assistant/analysis/fields.py``) are
counted and tested the same way. Sentiment is read from the per-turn scores stored at ingest.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
from pydantic import BaseModel, Field

from assistant.analysis.alerts import MIN_MONTH, Alert, Series, ThemeWeeks, month_over_month, spikes
from assistant.analysis.fields import categories, detect
from assistant.analysis.filters import to_where
from assistant.analysis.measures import conversations_to_measure, customer_sentiment
from assistant.analysis.membership import membership
from convoscope.models import CUSTOMER_SENTIMENT, ConversationMeta, Filters
from vectorstore import Store

__all__ = ["Alert", "Month", "Overview", "Series", "ThemeWeeks", "Week", "customer_sentiment", "overview", "spikes",
           "week_of"]

SHOWN = 12  # topics charted at most
GROWING = 6  # of them, slots for the topics that alerted or grew fastest
CATEGORY_FIELDS = 3  # category fields counted at most (the largest)
NO_TOPICS = ("This store has no topics yet: they are learned at ingest once it holds 40 customer statements "
             "(or run `convoscope topics --refit`). Volume and sentiment only until then.")


def week_of(moment: datetime | date) -> date:
    day = moment.date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


def month_of(moment: datetime | date) -> date:
    day = moment.date() if isinstance(moment, datetime) else moment
    return day.replace(day=1)


def _next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


class Week(BaseModel):
    start: date
    conversations: int
    sentiment: float | None = None  # mean over conversations of their customer turns' mean score, −1 … 1
    partial: bool = False  # the data starts or ends inside this week


class Month(BaseModel):
    start: date
    conversations: int
    complete: bool  # the data covers every day of it


class Overview(BaseModel):
    filters: Filters = Field(default_factory=Filters)
    weeks: list[Week] = Field(default_factory=list)
    months: list[Month] = Field(default_factory=list)
    themes: list[Series] = Field(default_factory=list)  # the topics shown, at most ``SHOWN``
    categories: list[Series] = Field(default_factory=list)  # values of the store's category fields
    alerts: list[Alert] = Field(default_factory=list)
    topic_model: str | None = None  # which fitted version the counts used
    topics_tested: int = 0  # topics with conversations here, every one tested for alerts
    compared: str = ""  # the months the month-over-month test compared
    note: str = ""  # said plainly when something could not be shown


def _periods(first: datetime, last: datetime) -> tuple[list[date], list[bool], list[date], list[bool]]:
    """Week starts with whether each is partial, month starts with whether each is complete."""
    starts = []
    week = week_of(first)
    while week <= week_of(last):
        starts.append(week)
        week += timedelta(days=7)
    partial = [False] * len(starts)
    partial[0] = first.date() > starts[0]
    partial[-1] = last.date() < starts[-1] + timedelta(days=6)
    months, complete = [], []
    month = month_of(first)
    while month <= month_of(last):
        months.append(month)
        complete.append(first.date() <= month and last.date() >= _next_month(month) - timedelta(days=1))
        month = _next_month(month)
    return starts, partial, months, complete


def overview(store: Store, filters: Filters | None = None) -> Overview:
    """Weekly volume, sentiment and topic counts over the whole store (within ``filters``),
    and the alerts among every topic and category value, month-over-month rises first."""
    filters = filters or Filters()
    where = to_where(filters, None, use_window=False)
    ids = store.conversations.ids(where)
    if not ids:
        return Overview(filters=filters)
    # transcripts only where the ingest did not store the customer's mean sentiment (older stores)
    conversations = conversations_to_measure(store, ids, lambda m: CUSTOMER_SENTIMENT not in m.metadata)
    ids = [cid for cid in ids if cid in conversations]
    first = min(c.started_at for c in conversations.values())
    last = max(c.started_at for c in conversations.values())
    starts, partial, months, complete = _periods(first, last)
    week_index = {w: i for i, w in enumerate(starts)}
    month_index = {m: i for i, m in enumerate(months)}
    week_at = np.asarray([week_index[week_of(conversations[c].started_at)] for c in ids], np.int64)
    month_at = np.asarray([month_index[month_of(conversations[c].started_at)] for c in ids], np.int64)
    traffic = np.bincount(week_at, minlength=len(starts)).tolist()
    month_traffic = np.bincount(month_at, minlength=len(months)).tolist()
    sentiments: list[list[float]] = [[] for _ in starts]
    for cid, i in zip(ids, week_at.tolist()):
        score = customer_sentiment(conversations[cid])
        if score is not None:
            sentiments[i].append(score)
    data = Overview(
        filters=filters,
        weeks=[Week(start=w, conversations=traffic[i], partial=partial[i],
                    sentiment=round(float(np.mean(sentiments[i])), 3) if sentiments[i] else None)
               for i, w in enumerate(starts)],
        months=[Month(start=m, conversations=month_traffic[i], complete=complete[i]) for i, m in enumerate(months)],
    )
    model = store.conversations.topic_model()
    if model is None:
        data.note = NO_TOPICS
        return data
    data.topic_model = model.describe()
    current = max((i for i in range(1, len(months)) if complete[i] and complete[i - 1]), default=None)
    if current is not None:
        data.compared = f"{months[current]:%B %Y} against {months[current - 1]:%B %Y}"

    member = membership(model, store.conversations.statements(where), ids)
    weekly = np.zeros((len(member.topics), len(starts)), np.int64)
    monthly = np.zeros((len(member.topics), len(months)), np.int64)
    np.add.at(weekly, (member.topic, week_at[member.conversation]), 1)
    np.add.at(monthly, (member.topic, month_at[member.conversation]), 1)
    topics = [
        Series(label=t.label, topic=t.label, keywords=t.keywords, topic_id=t.id, counts=weekly[i].tolist(),
               months=monthly[i].tolist(),
               definition=(f"conversations where a customer statement belongs to the store's topic {t.id} "
                           f"({t.size:,} statements at the fit)"
                           + (f", e.g. “{t.quotes[0].text}”" if t.quotes else "")))
        for i, t in enumerate(member.topics) if weekly[i].sum()
    ]
    data.topics_tested = len(topics)
    data.categories = _categories(store, conversations, ids, week_at, month_at, len(starts), len(months))

    every = topics + data.categories
    data.alerts = month_over_month(every, month_traffic, months, current)
    weekly_alerts = [a for s in every for a in spikes(s, traffic, partial, starts)]
    data.alerts += sorted(weekly_alerts, key=lambda a: (a.week, a.ratio), reverse=True)
    data.themes = _shown(topics, data.alerts, current)
    return data


def _shown(topics: list[Series], alerts: list[Alert], current: int | None) -> list[Series]:
    """At most ``SHOWN`` topics: first those that alerted (month rises, then the newest week
    spikes) or grew fastest month on month, up to ``GROWING``; then the largest."""
    by_id = {s.topic_id: s for s in topics}
    chosen: dict[int | None, Series] = {}
    for alert in alerts:
        if alert.topic_id in by_id and alert.topic_id not in chosen and len(chosen) < GROWING:
            chosen[alert.topic_id] = by_id[alert.topic_id].model_copy(update={"shown_for": "alert"})
    if current is not None:
        def growth(s: Series) -> float:
            return (s.months[current] + 1) / (s.months[current - 1] + 1)

        for s in sorted(topics, key=lambda s: (-growth(s), -s.total)):
            if len(chosen) >= GROWING or growth(s) <= 1 or s.months[current] < MIN_MONTH:
                break
            chosen.setdefault(s.topic_id, s.model_copy(update={"shown_for": "growing"}))
    for s in sorted(topics, key=lambda s: (-s.total, s.label)):
        if len(chosen) >= SHOWN:
            break
        chosen.setdefault(s.topic_id, s.model_copy(update={"shown_for": "largest"}))
    return list(chosen.values())


def _categories(store: Store, conversations: dict[str, ConversationMeta], ids: list[str], week_at: np.ndarray,
                month_at: np.ndarray, weeks: int, months: int) -> list[Series]:
    """Weekly and monthly counts per value of the store's category fields (the largest
    ``CATEGORY_FIELDS``), found from the values the store holds, never by name."""
    values = {k.removeprefix("meta_"): v for k, v in store.conversations.values().items() if k.startswith("meta_")}
    out = []
    for field in categories(values, detect(values))[:CATEGORY_FIELDS]:
        by_value: dict[str, tuple[list[int], list[int]]] = {}
        for cid, w, m in zip(ids, week_at.tolist(), month_at.tolist()):
            value = conversations[cid].metadata.get(field)
            if value is not None:
                counts = by_value.setdefault(str(value), ([0] * weeks, [0] * months))
                counts[0][w] += 1
                counts[1][m] += 1
        for value, (counts, per_month) in sorted(by_value.items(), key=lambda kv: -sum(kv[1][0])):
            out.append(Series(label=f"{field}: {value}", topic=f"{value} conversations", counts=counts,
                              months=per_month, field=field, definition=f"conversations whose {field} is {value}"))
    return out
