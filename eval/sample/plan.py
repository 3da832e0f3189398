"""The schedule: which situation happens when, on which channel, with which agent, and
how it ends — decided before any text is written.

The planted trends are fixed per-month quotas (``FIXED``), scaled with the corpus size;
every other conversation is *background*, drawn by weight from the non-trend reasons and
spread over the months by their number of days. Outcomes are assigned by quota within
each (agent type, disposition) group, so the resolution rates hold exactly up to rounding
at any size.
"""

from __future__ import annotations

import calendar
import itertools
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from eval.sample.reasons_service import REASONS

# Per-month quotas at the reference size (2,000 conversations over six months, i.e. about
# 333 a month): (last month, [the month before, two before, ...] cycled backwards).
FIXED: dict[str, tuple[int, list[int]]] = {
    # the drivers: new in the last month
    "annual_renewal_charge": (38, [0]),
    "tv_app_buffering": (30, [2, 1, 1, 0, 1]),
    "competitor_student_offer": (20, [1, 0, 1, 1, 0]),
    # the decoys: flat
    "not_using_enough": (15, [15, 16, 14, 15, 17]),
    "moving_abroad": (8, [8, 7, 9, 8, 8]),
    # the rest of cancellation: flat
    "price_too_high": (8, [8, 7, 8, 9, 8]),
    "service_outages": (6, [6, 6, 7, 5, 6]),
    "poor_support": (6, [6, 5, 6, 6, 7]),
    "financial_hardship": (5, [5, 5, 4, 5, 5]),
    "content_library": (5, [5, 5, 5, 4, 5]),
    # the defect spike (its month is handled by SPIKE)
    "password_reset_email": (8, [9, 8, 7, 9, 8]),
}
SPIKE_REASON = "password_reset_email"
SPIKE_K = 2  # months before the last one: the third month from the end
SPIKE_COUNT = 60
REFERENCE_PER_MONTH = 2000 / 6

BACKGROUND: dict[str, float] = {
    # billing
    "unrecognised_charge": 14, "price_increase": 12, "payment_failed": 12, "invoice_copy": 8,
    "promo_expired": 10, "payment_method": 10,
    # refund
    "double_charged": 9, "refund_after_cancel": 7, "outage_credit": 6, "rental_refund": 5, "unused_upgrade": 4,
    # technical
    "tv_app_crash": 12, "tv_buffering_general": 12, "broadband_slow": 14, "broadband_dropouts": 14,
    "router_setup": 9, "mobile_app_downloads": 8, "casting": 6, "audio_sync": 5,
    # account (the password-reset reason is a fixed quota)
    "locked_out": 8, "change_email": 7, "two_factor": 7, "unknown_device": 6, "update_address": 7,
    # plan changes
    "upgrade_premium": 9, "downgrade": 8, "family_plan": 6, "broadband_upgrade": 6, "pause_subscription": 5,
    # general
    "content_question": 9, "device_support": 7, "parental_controls": 5, "coverage_check": 6, "streams_question": 6,
}
SECONDARY_SHARE = 0.07
SECONDARY_TOPICS = ("billing", "technical", "account", "plan_change", "general")

CHANNELS = ("voice", "chat", "email", "social")
CHANNEL_WEIGHTS = {
    "cancellation": (46, 32, 14, 8),
    "technical": (36, 36, 12, 16),
    "account": (34, 38, 18, 10),
    "refund": (36, 38, 18, 8),
    "general": (30, 42, 14, 14),
}
DEFAULT_CHANNEL_WEIGHTS = (42, 34, 15, 9)
AI_SHARE = {"voice": 0.25, "chat": 0.35, "email": 0.10, "social": 0.0}
HUMAN_AGENTS = 25
AI_AGENTS = ("ai-nova-1", "ai-nova-2", "ai-nova-3")

PLANS = ("Basic", "Standard", "Premium", "Family")
PLAN_WEIGHTS = (28, 36, 20, 16)
STUDENT_PLAN_WEIGHTS = (45, 45, 10, 0)

DISPOSITION = {
    "cancellation": "cancellation", "billing": "billing", "refund": "refund", "technical": "technical",
    "account": "account", "general": "general",
}
QUEUE = {
    "cancellation": "retention", "billing": "billing", "refund": "billing", "technical": "tech_support",
    "account": "general", "plan_change": "billing", "general": "general",
}
QUEUES = ("billing", "tech_support", "retention", "general")

# (settled, escalated, unresolved) shares per disposition; "settled" is resolved, or
# cancelled/retained for cancellation requests.
OUTCOME_SHARES: dict[str, tuple[float, float, float]] = {
    "billing": (0.86, 0.08, 0.06),
    "technical": (0.78, 0.14, 0.08),
    "account": (0.88, 0.07, 0.05),
    "general": (0.93, 0.03, 0.04),
    "cancellation": (0.88, 0.05, 0.07),
    "refund": (0.85, 0.09, 0.06),
}
AI_OUTCOME_SHARES = {"refund": (0.35, 0.40, 0.25)}
CANCELLED_SHARE = {  # of settled cancellation requests, the share that did cancel (the rest were retained)
    "annual_renewal_charge": 0.6, "tv_app_buffering": 0.55, "competitor_student_offer": 0.7,
    "not_using_enough": 0.55, "moving_abroad": 0.97, "price_too_high": 0.55, "service_outages": 0.6,
    "poor_support": 0.7, "financial_hardship": 0.75, "content_library": 0.65,
}
CSAT_WEIGHTS = {
    "resolved": (2, 3, 10, 35, 50),
    "retained": (5, 10, 35, 35, 15),
    "cancelled": (10, 20, 40, 20, 10),
    "escalated": (25, 35, 25, 10, 5),
    "unresolved": (55, 30, 10, 4, 1),
}
CSAT_PRESENT = {"voice": 0.74, "chat": 0.76, "email": 0.55, "social": 0.5}
WEEKDAY_WEIGHT = (1.0, 1.0, 1.0, 1.0, 0.95, 0.6, 0.45)
HOURS_LIVE = list(range(8, 20))
HOUR_WEIGHTS_LIVE = (5, 8, 10, 10, 8, 7, 8, 9, 8, 7, 6, 4)
HOURS_ANY = list(range(6, 24))
HOUR_WEIGHTS_ANY = (2, 4, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 9, 9, 7, 4)
RELEASE_DAY = 2  # the TV app 8.2 update ships on the 2nd of the last month


@dataclass(slots=True)
class Situation:
    key: int
    month: int  # index into the month windows, oldest first
    topic: str
    reason: str
    when: datetime | None = None
    channel: str = ""
    agent_id: str = ""
    agent_type: str = "human"
    customer: str = ""
    customer_no: int = 0
    product: str = ""
    disposition: str = ""
    queue: str = ""
    secondary: str | None = None  # a secondary reason id
    outcome: str = ""
    csat: int | None = None
    id: str = ""


def month_windows(end: date, months: int) -> list[tuple[date, date]]:
    """Calendar months ending with the one containing ``end``; the last stops after ``end``."""
    windows: list[tuple[date, date]] = []
    year, month = end.year, end.month
    for k in range(months):
        first = date(year, month, 1)
        stop = end + timedelta(days=1) if k == 0 else date(year + (month == 12), month % 12 + 1, 1)
        windows.append((first, stop))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return windows[::-1]


def quota(reason: str, k: int, months: int) -> int:
    """The reference-size count of a fixed reason ``k`` months before the last."""
    if reason == SPIKE_REASON and k == SPIKE_K and months > SPIKE_K + 1:
        return SPIKE_COUNT
    last, earlier = FIXED[reason]
    return last if k == 0 else earlier[(k - 1) % len(earlier)]


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` by ``weights`` into integers (largest remainder, ties to the first)."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def fixed_counts(n: int, windows: list[tuple[date, date]]) -> dict[str, list[int]]:
    """Fixed-quota counts per reason and month, scaled so that they fit inside ``n``."""
    months = len(windows)
    days = [(b - a).days for a, b in windows]
    full = [calendar.monthrange(a.year, a.month)[1] for a, _ in windows]
    scale = n / months / REFERENCE_PER_MONTH
    while True:
        counts = {
            reason: [int(quota(reason, months - 1 - m, months) * scale * days[m] / full[m] + 0.5)
                     for m in range(months)]
            for reason in FIXED
        }
        total = sum(sum(c) for c in counts.values())
        if total <= n * 0.6 or scale == 0:
            return counts
        scale = scale * n * 0.5 / total if total else 0


def _pick_day(rng: random.Random, start: date, stop: date, cache: dict) -> date:
    if (start, stop) not in cache:
        days = [start + timedelta(days=i) for i in range((stop - start).days)]
        cumulative = list(itertools.accumulate(WEEKDAY_WEIGHT[d.weekday()] for d in days))
        cache[start, stop] = (days, cumulative)
    days, cumulative = cache[start, stop]
    return rng.choices(days, cum_weights=cumulative)[0]


def plan(n: int, seed: int, end: date, months: int) -> tuple[list[Situation], list[tuple[date, date]]]:
    """Every conversation's situation, in chronological order with ids assigned."""
    if n < 1:
        raise ValueError("n must be at least 1")
    if months < 2:
        raise ValueError("months must be at least 2 (a current month and a baseline)")
    rng = random.Random(seed)
    windows = month_windows(end, months)
    situations: list[Situation] = []

    fixed = fixed_counts(n, windows)
    for reason, per_month in fixed.items():
        for m, count in enumerate(per_month):
            situations.extend(Situation(0, m, REASONS[reason].topic, reason) for _ in range(count))
    background = n - len(situations)
    if background < 0:  # tiny n: keep a deterministic sample of the fixed ones
        situations = rng.sample(situations, n)
        background = 0
    per_month = _apportion(background, [float((b - a).days) for a, b in windows])
    names = list(BACKGROUND)
    weights = list(BACKGROUND.values())
    for m, count in enumerate(per_month):
        for reason in rng.choices(names, weights=weights, k=count):
            situations.append(Situation(0, m, REASONS[reason].topic, reason))
    for key, s in enumerate(situations):
        s.key = key

    agent_weights = [rng.uniform(0.6, 1.4) for _ in range(HUMAN_AGENTS)]
    humans = [f"a-{i + 1:03d}" for i in range(HUMAN_AGENTS)]
    pool = max(50, int(n * 0.85))
    width = max(5, len(str(pool)))
    secondary_by_topic = {t: [r for r in names if REASONS[r].topic == t] for t in SECONDARY_TOPICS}
    last = len(windows) - 1
    day_cache: dict = {}
    for s in situations:
        start, stop = windows[s.month]
        if s.month == last and s.reason == "tv_app_buffering" and (stop - start).days > RELEASE_DAY:
            start = start + timedelta(days=RELEASE_DAY)  # complaints begin after the 8.2 release
        day = _pick_day(rng, start, stop, day_cache)
        s.channel = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS.get(s.topic, DEFAULT_CHANNEL_WEIGHTS))[0]
        live = s.channel in ("voice", "chat")
        hour = rng.choices(HOURS_LIVE, HOUR_WEIGHTS_LIVE)[0] if live else rng.choices(HOURS_ANY, HOUR_WEIGHTS_ANY)[0]
        s.when = datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60), tzinfo=timezone.utc)
        if rng.random() < AI_SHARE[s.channel]:
            s.agent_id, s.agent_type = rng.choice(AI_AGENTS), "ai"
        else:
            s.agent_id, s.agent_type = rng.choices(humans, weights=agent_weights)[0], "human"
        s.customer_no = rng.randrange(1, pool + 1)
        s.customer = f"cust-{s.customer_no:0{width}d}"
        plan_weights = STUDENT_PLAN_WEIGHTS if s.reason == "competitor_student_offer" else PLAN_WEIGHTS
        s.product = rng.choices(PLANS, weights=plan_weights)[0]
        if s.topic == "plan_change":
            s.disposition = "billing" if rng.random() < 0.6 else "account"
        else:
            s.disposition = DISPOSITION[s.topic]
        s.queue = QUEUE[s.topic] if rng.random() > 0.06 else rng.choice(QUEUES)
        if s.topic == "account" and rng.random() < 0.3:
            s.queue = "tech_support"
        if rng.random() < SECONDARY_SHARE:
            topic = rng.choice([t for t in SECONDARY_TOPICS if t != s.topic])
            s.secondary = rng.choice(secondary_by_topic[topic])

    _assign_outcomes(situations, rng)
    for s in situations:
        if rng.random() < CSAT_PRESENT[s.channel]:
            csat = rng.choices((1, 2, 3, 4, 5), weights=CSAT_WEIGHTS[s.outcome])[0]
            if s.agent_type == "ai" and s.disposition == "refund" and rng.random() < 0.5:
                csat = max(1, csat - 1)
            s.csat = csat

    situations.sort(key=lambda s: (s.when, s.key))
    for i, s in enumerate(situations):
        s.id = f"c-{i + 1:06d}"
    return situations, windows


def _assign_outcomes(situations: list[Situation], rng: random.Random) -> None:
    groups: dict[tuple[str, str], list[Situation]] = {}
    for s in situations:
        groups.setdefault((s.agent_type, s.disposition), []).append(s)
    for (agent_type, disposition), members in sorted(groups.items()):
        shares = (AI_OUTCOME_SHARES if agent_type == "ai" else {}).get(disposition, OUTCOME_SHARES[disposition])
        counts = _apportion(len(members), list(shares))
        outcomes = ["settled"] * counts[0] + ["escalated"] * counts[1] + ["unresolved"] * counts[2]
        rng.shuffle(outcomes)
        for s, outcome in zip(members, outcomes):
            if outcome == "settled":
                if s.topic == "cancellation":
                    outcome = "cancelled" if rng.random() < CANCELLED_SHARE[s.reason] else "retained"
                else:
                    outcome = "resolved"
            s.outcome = outcome
