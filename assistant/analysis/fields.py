"""Which of a store's metadata fields record outcomes, satisfaction and request types.

Stores differ: one records ``outcome: resolved | escalated``, another ``status: closed |
open``, a third ``resolved: true`` and ``nps: 0..10``. Nothing here knows a business's field
names; a field is recognised by what it holds, read with general English:

- **resolution**: a categorical field whose values are outcome words (resolved, solved,
  completed, closed, fixed … against unresolved, escalated, transferred, abandoned, open …),
  or a true/false field named like ``resolved``/``fcr``. The rate is the share of judged
  conversations whose value is a positive word; values that are neither (``cancelled``,
  ``retained``) are named as not judged and left out, rather than guessed at;
- **escalation**: the same categorical field when some of its values say escalated /
  transferred / handed off, or a true/false field named like ``escalated``/``transferred``;
- **satisfaction**: a numeric field named like csat / satisfaction / rating / nps / stars
  whose values lie on a 1–5 or 0–10 scale;
- **handle time**: a numeric field named like handle / duration / aht;
- **categories** (the overview's request or queue fields): any string field with a few
  distinct values that is not an outcome field and not written by the ingest enrichment.

Every report names the field it used for each measure, so a reader can check the choice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel, Field

from convoscope.models import ENRICHMENT_KEYS, ConversationMeta, Scalar

POSITIVE = frozenset({"resolved", "solved", "completed", "complete", "closed", "fixed", "done", "fulfilled",
                      "answered", "successful", "success", "handled", "satisfied", "succeeded"})
NEGATIVE = frozenset({"unresolved", "unsolved", "escalated", "escalation", "transferred", "transfer", "abandoned",
                      "open", "reopened", "pending", "failed", "failure", "dropped", "unanswered", "incomplete",
                      "unfixed", "handoff", "handover", "waiting", "backlog", "timeout", "disconnected"})
ESCALATION = frozenset({"escalated", "escalation", "transferred", "transfer", "handoff", "handover", "handed"})
NEGATION = frozenset({"not", "no", "never", "without"})
NAME_OUTCOME = re.compile(r"outcome|resol|status|result|state|disposition|closure|fcr", re.I)
NAME_RESOLVED = re.compile(r"resol|solved|fixed|fcr|success", re.I)
NAME_ESCALATED = re.compile(r"escalat|transfer|handoff|handover", re.I)
NAME_SATISFACTION = re.compile(r"csat|satisf|rating|nps|stars|happiness", re.I)
NAME_HANDLE_TIME = re.compile(r"handle|handling|duration|aht", re.I)
MAX_CATEGORIES = 20  # a string field with more distinct values is an id or free text, not a category
MIN_OUTCOME_SHARE = 0.5  # of the conversations with the field, whose value is an outcome word
_TOKEN = re.compile(r"[a-z]+")


def judge(value: Scalar) -> str | None:
    """``"positive"``, ``"negative"`` or None (not an outcome word) for one value."""
    tokens = _TOKEN.findall(str(value).lower())
    if any(t in NEGATIVE for t in tokens):
        return "negative"
    if any(t in POSITIVE for t in tokens):
        return "negative" if any(t in NEGATION for t in tokens) else "positive"
    return None


def escalates(value: Scalar) -> bool:
    return any(t in ESCALATION for t in _TOKEN.findall(str(value).lower()))


class Resolution(BaseModel):
    """The field resolution is read from, and how its values were judged."""

    field: str
    resolved: list[str] = Field(default_factory=list)  # values that count as resolved
    unresolved: list[str] = Field(default_factory=list)
    not_judged: list[str] = Field(default_factory=list)
    boolean: bool = False

    def describe(self) -> str:
        if self.boolean:
            return f"resolution from `{self.field}`: true"
        left = f"; not judged: {', '.join(self.not_judged)}" if self.not_judged else ""
        return (f"resolution from `{self.field}`: {', '.join(self.resolved)} "
                f"(against {', '.join(self.unresolved)}{left})")


class Escalation(BaseModel):
    field: str
    values: list[str] = Field(default_factory=list)  # empty: a true/false field
    boolean: bool = False

    def describe(self) -> str:
        return f"escalation from `{self.field}`: " + ("true" if self.boolean else ", ".join(self.values))


class Scale(BaseModel):
    field: str
    low: float
    high: float

    @property
    def poor(self) -> float:
        """At or below this a score is a poor one: 1–2 of 5, a detractor's 0–6 of 10."""
        return self.low + 1 if self.high <= 5 else 6

    def describe(self) -> str:
        return f"CSAT from `{self.field}` ({self.low:g}–{self.high:g})"


class OutcomeFields(BaseModel):
    """What a store (or a group of conversations) records about how conversations ended."""

    resolution: Resolution | None = None
    escalation: Escalation | None = None
    csat: Scale | None = None
    handle_time: str | None = None

    def describe(self) -> list[str]:
        """One line per measure: the field used, or plainly that there is none."""
        lines = [self.resolution.describe() if self.resolution else
                 "this store records no outcome field; resolution cannot be compared",
                 self.escalation.describe() if self.escalation else
                 "this store records no escalation field; escalation cannot be compared",
                 self.csat.describe() if self.csat else
                 "this store records no satisfaction score (CSAT, rating, NPS); it cannot be compared"]
        if self.handle_time:
            lines.append(f"handle time from `{self.handle_time}`")
        return lines


def _numeric(value: Scalar) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def field_values(convs: Iterable[ConversationMeta]) -> dict[str, dict[Scalar, int]]:
    """Each metadata field (the enrichment's left out) with its values and their counts; a
    field past ``MAX_CATEGORIES`` string values keeps only its first ones (enough to judge it)."""
    out: dict[str, dict[Scalar, int]] = {}
    for conv in convs:
        for key, value in conv.metadata.items():
            if key in ENRICHMENT_KEYS or value is None:
                continue
            counts = out.setdefault(key, {})
            if value in counts or _numeric(value) or len(counts) <= MAX_CATEGORIES:
                counts[value] = counts.get(value, 0) + 1
    return out


def detect(values: dict[str, dict[Scalar, int]]) -> OutcomeFields:
    """The outcome, escalation, satisfaction and handle-time fields among ``values`` (as
    ``field_values`` gives them), each the best candidate or None."""
    found = OutcomeFields()
    best_share = 0.0
    for key, counts in sorted(values.items()):
        kinds = {type(v) for v in counts}
        if kinds == {bool}:
            if NAME_ESCALATED.search(key) and found.escalation is None:
                found.escalation = Escalation(field=key, boolean=True)
            elif NAME_RESOLVED.search(key) and found.resolution is None:
                found.resolution = Resolution(field=key, resolved=["true"], unresolved=["false"], boolean=True)
            continue
        if all(_numeric(v) for v in counts):
            low, high = min(counts), max(counts)
            if NAME_SATISFACTION.search(key) and found.csat is None and all(float(v).is_integer() for v in counts):
                if 1 <= low and high <= 5:
                    found.csat = Scale(field=key, low=1, high=5)
                elif 0 <= low and high <= 10:
                    found.csat = Scale(field=key, low=0, high=10)
            elif NAME_HANDLE_TIME.search(key) and found.handle_time is None and low >= 0:
                found.handle_time = key
            continue
        if len(counts) > MAX_CATEGORIES or not all(isinstance(v, str) for v in counts):
            continue
        judged = {v: judge(v) for v in counts}
        positive = sorted(str(v) for v, j in judged.items() if j == "positive")
        negative = sorted(str(v) for v, j in judged.items() if j == "negative")
        share = sum(n for v, n in counts.items() if judged[v]) / max(sum(counts.values()), 1)
        if not positive or not negative or (share < MIN_OUTCOME_SHARE and not NAME_OUTCOME.search(key)):
            continue
        if share > best_share:
            best_share = share
            found.resolution = Resolution(field=key, resolved=positive, unresolved=negative,
                                          not_judged=sorted(str(v) for v, j in judged.items() if j is None))
            escalating = sorted(str(v) for v in counts if escalates(v))
            if escalating and (found.escalation is None or not found.escalation.boolean):
                found.escalation = Escalation(field=key, values=escalating)
    return found


def categories(values: dict[str, dict[Scalar, int]], outcome: OutcomeFields | None = None) -> list[str]:
    """String fields with 2 … ``MAX_CATEGORIES`` values (request type, queue, product …),
    largest first: what the overview may chart beside the topics. The outcome field is one
    of them only when it is not the resolution field (outcomes are the agents page's)."""
    skip = {outcome.resolution.field} if outcome and outcome.resolution else set()
    keep = [key for key, counts in values.items()
            if key not in ENRICHMENT_KEYS and key not in skip and 2 <= len(counts) <= MAX_CATEGORIES
            and all(isinstance(v, str) for v in counts)]
    return sorted(keep, key=lambda k: (-sum(values[k].values()), k))
