"""The sample corpus generator: plan every situation, write it out as a conversation,
and record the ground truth.

Fully deterministic for a given ``(n, seed, end, months)``: one ``random.Random`` per
stage, no wall clock, no string hashing. Regenerate the committed truth file with
``python -m eval.sample``.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from pydantic import BaseModel

from convoscope.models import Agent, Conversation
from eval.sample.plan import RELEASE_DAY, SPIKE_K, SPIKE_REASON, Situation, plan
from eval.sample.reasons_service import ALL_REASONS, TOPICS
from eval.sample.render import AGENT_NAMES, RENDER, Slots
from eval.sample.truth import RESOLVED_OUTCOMES, ConversationLabel, GroundTruth, Rate, Trend, Window

ALL_REASONS_BY_ID = {r.id: r for r in ALL_REASONS}
TRUTH_PATH = Path(__file__).resolve().parents[2] / "eval" / "data" / "sample_truth.json"

# The planted trends: what each one is, and words a correct label for it would contain.
TREND_SPECS = (
    dict(id="cancel-annual-renewal", kind="driver", population="cancellation", reason="annual_renewal_charge",
         label="Unexpected annual renewal charge",
         description="Customers cancel (or threaten to) after being charged a whole year up front by an automatic "
                     "annual renewal they did not expect or agree to. Absent before the last month.",
         match_terms=["annual", "renewal", "renewed", "yearly", "year", "charge", "charged", "auto-renew",
                      "twelve months"]),
    dict(id="cancel-tv-app-buffering", kind="driver", population="cancellation", reason="tv_app_buffering",
         label="TV app buffering and freezing since the 8.2 update",
         description="Customers cancel because the TV app buffers, freezes or stalls since the app update to "
                     "version 8.2, released on the 2nd of the last month. Rare before it.",
         match_terms=["buffering", "freezing", "freezes", "freeze", "tv app", "update", "8.2", "stalling",
                      "playback"]),
    dict(id="cancel-student-offer", kind="driver", population="cancellation", reason="competitor_student_offer",
         label="Competitor's half-price student offer",
         description="Students leave for a competitor (Vireo) offering a half-price (50% off) student plan. "
                     "Rare before the last month.",
         match_terms=["student", "students", "half price", "half-price", "50%", "discount", "vireo", "offer",
                      "uni", "deal"]),
    dict(id="cancel-not-using", kind="decoy", population="cancellation", reason="not_using_enough",
         label="Not using it enough",
         description="Customers cancel because they barely watch or use the service. A large, long-standing "
                     "reason that stays flat: it must not be reported as a driver of the rise.",
         match_terms=["not using", "barely", "watch", "watching", "unused", "use it", "worth", "time"]),
    dict(id="cancel-moving", kind="decoy", population="cancellation", reason="moving_abroad",
         label="Moving abroad or moving house",
         description="Customers cancel because they move abroad or to an address outside coverage. Flat: not a "
                     "driver of the rise.",
         match_terms=["moving", "move", "abroad", "relocating", "emigrating", "country", "overseas", "house"]),
    dict(id="login-password-reset", kind="spike", population="account", reason=SPIKE_REASON,
         label="Password reset e-mails never arrive",
         description="A one-month product defect: password reset e-mails are not delivered, so customers cannot "
                     "log in. Its current window is the spike month (the third from the end) and its baseline "
                     "the month before; the month after falls back to normal.",
         match_terms=["password", "reset", "email", "log in", "login", "sign in", "locked out", "link", "arrive",
                      "inbox"]),
    dict(id="refund-ai-gap", kind="segment_gap", population="refund", reason=None,
         label="AI agents resolve refund requests far less often than human agents",
         description="Refund conversations (metadata disposition=refund) handled by AI agents end resolved about "
                     "35% of the time against about 85% for human agents, with more escalations, unresolved "
                     "endings and lower CSAT. On every other disposition AI and human resolution rates are "
                     "within a few points. Whole period; current_count = AI refund conversations, "
                     "baseline_count = human refund conversations, conversation_ids = AI refund conversations "
                     "not resolved.",
         match_terms=["refund", "refunds", "ai", "virtual assistant", "bot", "escalated", "unresolved",
                      "resolution", "money back"]),
)


class SampleCorpus(BaseModel):
    conversations: list[Conversation]
    truth: GroundTruth


def _handle_time(s: Situation, turns: list[dict], rng: random.Random) -> int:
    if s.channel == "voice":
        return int(turns[-1]["end"] + rng.uniform(30, 180))  # the call plus after-call work
    if s.channel == "chat":
        return int(len(turns) * rng.uniform(35, 80) + 60)
    if s.channel == "email":
        return int(rng.uniform(180, 900) * max(1, len(turns) // 2))
    return int(rng.uniform(60, 600))


def _customer_text(turns: list[dict]) -> str:
    return "\n".join(t["text"] for t in turns if t["speaker"] == "customer")


def generate(n: int = 2000, seed: int = 7, end: date = date(2026, 10, 31), months: int = 6,
             speech: str = "transcript") -> SampleCorpus:
    """A realistic corpus of ``n`` conversations over ``months`` calendar months ending on ``end``
    (inclusive, UTC), with the planted trends scaled to ``n`` and their ground truth.

    Calls are written as a recogniser would transcribe them; ``speech="spoken"`` gives what was
    said instead (no mishearings) and ``speech="read"`` clean read-aloud text (no fillers or false
    starts either, punctuation kept), the same conversations otherwise: scripts for speech synthesis."""
    collecting = gc.isenabled()
    gc.disable()  # millions of small objects, none of them cyclic garbage: collection only slows this down
    try:
        return _generate(n, seed, end, months, speech)
    finally:
        if collecting:
            gc.enable()


def _generate(n: int, seed: int, end: date, months: int, speech: str) -> SampleCorpus:
    situations, windows = plan(n, seed, end, months)
    rng = random.Random(seed * 1_000_003 + 17)
    release_at = datetime.combine(windows[-1][0] + timedelta(days=RELEASE_DAY - 1), datetime.min.time(), timezone.utc)
    agent_names = {f"a-{i + 1:03d}": name for i, name in enumerate(AGENT_NAMES)}
    seen: set[str] = set()
    conversations: list[Conversation] = []
    for s in situations:
        name = agent_names.get(s.agent_id, "Nova")
        for _ in range(6):
            turns = RENDER[s.channel](Slots(rng, s, release_at, name, speech), s)
            text = _customer_text(turns)
            if text not in seen:
                break
        seen.add(text)
        metadata: dict[str, str | int] = {"product": s.product, "queue": s.queue, "disposition": s.disposition,
                                          "outcome": s.outcome}
        if s.csat is not None:
            metadata["csat"] = s.csat
        metadata["handle_time_s"] = _handle_time(s, turns, rng)
        conversations.append(Conversation(
            id=s.id, channel=s.channel, started_at=s.when, agent=Agent(id=s.agent_id, type=s.agent_type),
            customer_id=s.customer, metadata=metadata, turns=turns,
        ))
    return SampleCorpus(conversations=conversations, truth=_truth(situations, windows, n, seed, end))


def _truth(situations: list[Situation], windows: list[tuple[date, date]], n: int, seed: int, end: date) -> GroundTruth:
    month_keys = [f"{a:%Y-%m}" for a, _ in windows]
    month_of = {s.id: month_keys[s.month] for s in situations}
    populations = {t: dict.fromkeys(month_keys, 0) for t in TOPICS}
    reasons = {r.id: dict.fromkeys(month_keys, 0) for r in ALL_REASONS}
    groups: dict[str, dict[str, list[int]]] = {"ai": {}, "human": {}}
    for s in situations:
        populations[s.topic][month_of[s.id]] += 1
        reasons[s.reason][month_of[s.id]] += 1
        tally = groups[s.agent_type].setdefault(s.disposition, [0, 0])
        tally[0] += 1
        tally[1] += s.outcome in RESOLVED_OUTCOMES
    rates = {
        agent: {d: Rate(conversations=c, resolved=r, rate=round(r / c, 4) if c else None)
                for d, (c, r) in sorted(g.items())}
        for agent, g in groups.items()
    }
    current = Window(start=windows[-1][0], end=windows[-1][1])
    baseline = Window(start=windows[-2][0], end=windows[-2][1])
    whole = Window(start=windows[0][0], end=windows[-1][1])
    trends: list[Trend] = []
    for spec in TREND_SPECS:
        spec = dict(spec)
        if spec["kind"] == "segment_gap":
            refunds = [s for s in situations if s.disposition == "refund"]
            ai = [s for s in refunds if s.agent_type == "ai"]
            trends.append(Trend(
                **spec, current_window=whole, baseline_window=None, segment_field="agent_type",
                current_count=len(ai), baseline_count=len(refunds) - len(ai),
                rates={a: rates[a]["refund"].rate for a in ("ai", "human") if "refund" in rates[a]},
                conversation_ids=[s.id for s in ai if s.outcome not in RESOLVED_OUTCOMES],
            ))
            continue
        cur, base = current, baseline
        if spec["kind"] == "spike":
            if len(windows) < SPIKE_K + 2:
                continue  # too few months for a spike with a month either side
            cur = Window(start=windows[-1 - SPIKE_K][0], end=windows[-1 - SPIKE_K][1])
            base = Window(start=windows[-2 - SPIKE_K][0], end=windows[-2 - SPIKE_K][1])
        monthly = reasons[spec["reason"]]
        ids = [s.id for s in situations if s.reason == spec["reason"] and cur.contains(s.when.date())]
        trends.append(Trend(
            **spec, current_window=cur, baseline_window=base, monthly=monthly,
            current_count=monthly[f"{cur.start:%Y-%m}"], baseline_count=monthly[f"{base.start:%Y-%m}"],
            conversation_ids=ids,
        ))
    return GroundTruth(
        n=n, seed=seed, start=windows[0][0], end=end, months=month_keys, current_window=current,
        baseline_window=baseline, trends=trends, populations=populations, reasons=reasons,
        reason_labels={r.id: r.label for r in ALL_REASONS}, resolution_rates=rates,
        labels={s.id: ConversationLabel(topic=s.topic, reason=s.reason, agent_type=s.agent_type, outcome=s.outcome,
                                        secondary=None if s.secondary is None else ALL_REASONS_BY_ID[s.secondary].topic)
                for s in situations},
    )



def write_jsonl(conversations: Iterable[Conversation], path: str | Path) -> None:
    """One conversation per line, in the canonical input format."""
    with open(path, "w", encoding="utf-8") as out:
        for conversation in conversations:
            out.write(conversation.model_dump_json(exclude_none=True))
            out.write("\n")


def truth_json(n: int = 2000, seed: int = 7) -> str:
    return generate(n=n, seed=seed).truth.model_dump_json(indent=1)


def write_truth(path: str | Path | None = None) -> Path:
    """Write the default corpus's ground truth (``eval/data/sample_truth.json`` unless told)."""
    target = Path(path) if path is not None else TRUTH_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(truth_json(), encoding="utf-8")
    return target
