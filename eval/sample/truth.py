"""Ground truth of the generated sample corpus: what was planted, where, and how much.

The generator decides every conversation's *situation* (topic and fine-grained reason,
agent, outcome) before it writes a word of text, and records it here. An evaluation
reads this model — never the conversation text or metadata — to score an answer.

The planted trends (counts are for the default ``n=2000`` over six months and scale with
``n``; the exact numbers of a corpus are in its :class:`Trend` objects):

1. **Cancellations rise in the last month.** Cancellation conversations (the customer
   cancels, or threatens to) hold at about 50 a month for five months, then rise about
   2.5x in the last calendar month. Three reasons that were absent or rare drive it
   (``kind="driver"``):

   - ``cancel-annual-renewal`` — an unexpected annual (yearly) renewal charge: 0 → ~38;
   - ``cancel-tv-app-buffering`` — the TV app buffers / freezes since the app update to
     version 8.2 (released on the 2nd of the last month): ~2 → ~30;
   - ``cancel-student-offer`` — a competitor's (Vireo's) half-price student offer: ~1 → ~20.

   Two older reasons stay flat and must *not* be reported as rising (``kind="decoy"``):

   - ``cancel-not-using`` — not using it enough / not watching much: ~15 → ~15;
   - ``cancel-moving`` — moving abroad / moving house: ~8 → ~8.

2. **A one-month defect spike** (``kind="spike"``, ``login-password-reset``): "password
   reset e-mails never arrive / can't log in" jumps from ~8 a month to ~60 in the third
   month from the end (August 2026 by default) and falls back the month after. Its
   current window is the spike month and its baseline the month before it.

3. **AI agents resolve refunds much worse than humans** (``kind="segment_gap"``,
   ``refund-ai-gap``): refund conversations handled by AI agents end resolved ~35% of
   the time (more escalated or unresolved, lower CSAT) against ~85% for human agents;
   on every other request type (metadata ``disposition``) the two are within a few
   points. "Resolved" means the customer's request was settled on the contact: outcome
   ``resolved``, or for cancellation requests ``cancelled`` / ``retained``
   (:data:`RESOLVED_OUTCOMES`). This trend compares segments over the whole corpus:
   its current window is the whole period, ``current_count`` counts AI-handled refund
   conversations, ``baseline_count`` human-handled ones, ``rates`` holds the two
   resolution rates and ``conversation_ids`` lists the AI refund conversations that
   were *not* resolved.

Windows are ISO dates, the end exclusive. Unless a trend says otherwise the current
window is the last calendar month of the corpus and the baseline the month before it.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from convoscope.models import AgentType

TrendKind = Literal["driver", "decoy", "spike", "segment_gap"]

#: Outcomes that count as "the request was settled on this contact".
RESOLVED_OUTCOMES: tuple[str, ...] = ("resolved", "cancelled", "retained")


class Window(BaseModel):
    """A date range; ``end`` is exclusive."""

    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end


class ConversationLabel(BaseModel):
    """What one conversation is really about (never visible in its metadata)."""

    topic: str  # cancellation, billing, technical, account, refund, plan_change, general
    reason: str  # the fine-grained reason id, e.g. "annual_renewal_charge"
    agent_type: AgentType
    outcome: str  # resolved, escalated, cancelled, retained, unresolved
    secondary: str | None = None  # a second topic mentioned in passing (mild noise), if any


class Trend(BaseModel):
    """One planted effect, with the conversations that carry it."""

    id: str
    kind: TrendKind
    population: str  # the topic the effect lives in, e.g. "cancellation"
    reason: str | None = None  # the planted reason id (None for segment gaps)
    label: str
    description: str
    match_terms: list[str]  # lowercase words/phrases a correct driver label or its keywords contains
    current_window: Window
    baseline_window: Window | None = None
    current_count: int
    baseline_count: int
    monthly: dict[str, int] = Field(default_factory=dict)  # "YYYY-MM" -> conversations
    segment_field: str | None = None  # segment gaps: the field compared ("agent_type")
    rates: dict[str, float] = Field(default_factory=dict)  # segment gaps: resolution rate per segment
    conversation_ids: list[str] = Field(default_factory=list)


class Rate(BaseModel):
    conversations: int
    resolved: int
    rate: float | None


class GroundTruth(BaseModel):
    """Everything planted in one generated corpus."""

    n: int
    seed: int
    start: date  # first day of the corpus
    end: date  # last day of the corpus (inclusive)
    months: list[str]  # "YYYY-MM", oldest first
    current_window: Window  # the last calendar month
    baseline_window: Window  # the month before it
    resolved_outcomes: list[str] = Field(default_factory=lambda: list(RESOLVED_OUTCOMES))
    trends: list[Trend]
    populations: dict[str, dict[str, int]]  # topic -> month -> conversations
    reasons: dict[str, dict[str, int]]  # reason id -> month -> conversations
    reason_labels: dict[str, str]  # reason id -> readable label
    resolution_rates: dict[str, dict[str, Rate]]  # agent type -> disposition -> rate
    labels: dict[str, ConversationLabel]

    def trend(self, trend_id: str) -> Trend:
        for trend in self.trends:
            if trend.id == trend_id:
                return trend
        raise KeyError(trend_id)
