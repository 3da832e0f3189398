"""Human and AI agents side by side: resolution, escalation, CSAT, the customer's sentiment
change from start to end, handle time and, for voice, the talk/listen ratio — overall, per
request type, and per agent — with cited conversations behind every large gap."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from pydantic import BaseModel, Field

from assistant.filters import to_where
from convoscope.models import Citation, Conversation, ConversationMeta, Filters
from ingest.enrich import TOPIC, customer_sentiment_change, voice_metrics
from vectorstore import Store

REQUEST_FIELD = "disposition"  # the metadata field holding the request type (also the overview's themes)
MEASURES = ("resolved", "escalated", "csat", "handle_time_s", "sentiment_change", "talk_listen")
LABELS = {
    "resolved": "resolution rate", "escalated": "escalation rate", "csat": "average CSAT",
    "handle_time_s": "average handle time (s)", "sentiment_change": "customer sentiment, end − start",
    "talk_listen": "talk/listen ratio (voice)",
}
HIGHER_IS_BETTER = {"resolved": True, "escalated": False, "csat": True, "sentiment_change": True}
GAP = {"resolved": 0.15, "escalated": 0.15, "csat": 0.5, "sentiment_change": 0.2}  # gaps worth showing
MIN_SEGMENT = 10
# Outcomes that count as resolved: the request was done ("cancelled" on a cancellation
# request, "retained" after a save offer), as contact-centre platforms record them.
RESOLVED = frozenset({"resolved", "solved", "completed", "cancelled", "retained"})


def stored_number(conv: ConversationMeta, key: str) -> float | None:
    """A number kept in the metadata (a bool is not one), else None."""
    value = conv.metadata.get(key)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def needs_turns(conv: ConversationMeta) -> bool:
    """Whether ``measure`` must read the turns of ``conv``: it was stored before the ingest
    enrichment (which always writes a ``topic``) and misses a value the enrichment stores.
    After the enrichment, a missing value is one the turns cannot give either."""
    if TOPIC in conv.metadata:
        return False
    if any(stored_number(conv, k) is None for k in ("customer_sentiment_start", "customer_sentiment_end")):
        return True
    return conv.channel == "voice" and stored_number(conv, "talk_listen_ratio") is None


def talk_listen(conv: ConversationMeta) -> float | None:
    """Agent (or bot) speaking time over the customer's: as stored at ingest, else from the
    turn timings (stores built before the enrichment)."""
    stored = stored_number(conv, "talk_listen_ratio")
    if stored is not None or not isinstance(conv, Conversation):
        return stored
    return voice_metrics(conv).get("talk_listen_ratio")


def sentiment_change(conv: ConversationMeta) -> float | None:
    """The customer's sentiment at the end minus at the start: as stored at ingest, else from the turns."""
    start, end = stored_number(conv, "customer_sentiment_start"), stored_number(conv, "customer_sentiment_end")
    if start is not None and end is not None:
        return round(end - start, 3)
    return customer_sentiment_change(conv) if isinstance(conv, Conversation) else None


def _outcome(conv: ConversationMeta) -> str | None:
    value = conv.metadata.get("outcome")
    return str(value).lower() if value is not None else None


def measure(convs: Iterable[ConversationMeta]) -> dict[str, float | None]:
    """The measures of a group of conversations; ``None`` where no conversation has the data.
    Without their turns, conversations for which ``needs_turns`` holds miss some measures."""
    convs = list(convs)

    def mean(values: list) -> float | None:
        values = [v for v in values if v is not None]
        return round(float(np.mean(values)), 3) if values else None

    outcomes = [o for o in map(_outcome, convs) if o is not None]
    return {
        "resolved": mean([o in RESOLVED for o in outcomes]),
        "escalated": mean([o == "escalated" for o in outcomes]),
        "csat": mean([stored_number(c, "csat") for c in convs]),
        "handle_time_s": mean([stored_number(c, "handle_time_s") for c in convs]),
        "sentiment_change": mean([sentiment_change(c) for c in convs]),
        "talk_listen": mean([talk_listen(c) for c in convs if c.channel == "voice"]),
    }


class Row(BaseModel):
    agent_type: str
    request_type: str | None = None  # None: all requests
    conversations: int
    measures: dict[str, float | None]


class Gap(BaseModel):
    request_type: str | None
    measure: str
    ai: float
    human: float
    worse: str  # "ai" or "human"
    citations: list[int] = Field(default_factory=list)  # conversations behind it, from the worse side

    @property
    def text(self) -> str:
        where = f"on {self.request_type}" if self.request_type else "overall"
        return f"{LABELS[self.measure]} {where}: AI {fmt(self.measure, self.ai)} vs human {fmt(self.measure, self.human)}"


class Scorecard(BaseModel):
    agent_id: str
    agent_type: str
    conversations: int
    measures: dict[str, float | None]


class AgentsReport(BaseModel):
    filters: Filters = Field(default_factory=Filters)
    overall: list[Row] = Field(default_factory=list)
    by_request: list[Row] = Field(default_factory=list)
    gaps: list[Gap] = Field(default_factory=list)
    scorecards: list[Scorecard] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)


def fmt(measure: str, value: float | None) -> str:
    if value is None:
        return "–"
    if measure in ("resolved", "escalated"):
        return f"{value:.0%}"
    return f"{value:,.0f}" if measure == "handle_time_s" else f"{value:+.2f}" if measure == "sentiment_change" else f"{value:.2f}"


def _bad(conv: ConversationMeta, measure: str) -> bool:
    """Whether ``conv`` shows the worse side of ``measure``."""
    if measure == "resolved":
        return _outcome(conv) not in RESOLVED and _outcome(conv) is not None
    if measure == "escalated":
        return _outcome(conv) == "escalated"
    if measure == "csat":
        return (stored_number(conv, "csat") or 5) <= 2
    if measure == "sentiment_change":
        return (sentiment_change(conv) or 0) < 0
    return False


def _last_customer_turn(conv: Conversation) -> int | None:
    return next((i for i in range(len(conv.turns) - 1, -1, -1) if conv.turns[i].speaker == "customer"), None)


def conversations_to_measure(store: Store, ids: list[str],
                             needs: Callable[[ConversationMeta], bool] = needs_turns) -> dict[str, ConversationMeta]:
    """``ids`` without their turns, except where ``needs`` says the turns must be read (by
    default what ``measure`` needs: ``needs_turns``)."""
    conversations: dict[str, ConversationMeta] = dict(store.conversations.meta_many(ids))
    conversations.update(store.conversations.get_many([c for c, m in conversations.items() if needs(m)]))
    return conversations


def agents_report(store: Store, filters: Filters | None = None, examples: int = 2) -> AgentsReport:
    filters = filters or Filters()
    ids = store.conversations.ids(to_where(filters))
    conversations = conversations_to_measure(store, ids)
    report = AgentsReport(filters=filters)
    groups: dict[tuple[str, str | None], list[ConversationMeta]] = {}
    agents: dict[str, list[ConversationMeta]] = {}
    for conv in sorted(conversations.values(), key=lambda c: c.id):
        request = conv.metadata.get(REQUEST_FIELD)
        groups.setdefault((conv.agent.type, None), []).append(conv)
        if request is not None:
            groups.setdefault((conv.agent.type, str(request)), []).append(conv)
        agents.setdefault(conv.agent.id, []).append(conv)
    rows = {key: Row(agent_type=key[0], request_type=key[1], conversations=len(convs), measures=measure(convs))
            for key, convs in groups.items()}
    order = sorted(rows, key=lambda k: (k[1] is not None, k[1] or "", k[0]))
    report.overall = [rows[k] for k in order if k[1] is None]
    report.by_request = [rows[k] for k in order if k[1] is not None]
    for request in [None, *sorted({k[1] for k in rows if k[1] is not None})]:
        ai, human = rows.get(("ai", request)), rows.get(("human", request))
        if not ai or not human or min(ai.conversations, human.conversations) < MIN_SEGMENT:
            continue
        for name, threshold in GAP.items():
            a, h = ai.measures.get(name), human.measures.get(name)
            if a is None or h is None or abs(a - h) < threshold:
                continue
            worse = "ai" if (a < h) == HIGHER_IS_BETTER[name] else "human"
            gap = Gap(request_type=request, measure=name, ai=a, human=h, worse=worse)
            for bad in [c for c in groups[(worse, request)] if _bad(c, name)][:examples]:
                conv = bad if isinstance(bad, Conversation) else store.conversations.get(bad.id)
                turn = _last_customer_turn(conv) if conv is not None else None
                if turn is not None:
                    n = len(report.citations) + 1
                    report.citations.append(Citation(
                        n=n, conversation_id=conv.id, turn_start=turn, turn_end=turn, speaker=conv.turns[turn].speaker,
                        started_at=conv.started_at, channel=conv.channel, text=conv.turns[turn].text))
                    gap.citations.append(n)
            report.gaps.append(gap)
    report.scorecards = sorted(
        (Scorecard(agent_id=agent, agent_type=convs[0].agent.type, conversations=len(convs), measures=measure(convs))
         for agent, convs in agents.items()),
        key=lambda s: (s.agent_type, -s.conversations, s.agent_id),
    )
    return report
