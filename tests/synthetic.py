"""Small synthetic stores for the dashboards' tests: conversations whose customer statements
fall into a few word families (one store topic each, under the hash embedder), with exactly
the counts a test plants per week, month, agent type and outcome."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from convoscope.models import Agent, Conversation, Scalar, Turn

# one family of statements per topic: distinct words, two phrasings nearly alike (the hash
# embedder puts shared words together, so the topic fit finds each family as one topic)
FAMILIES = {
    "router": ["my router lights keep blinking red", "my router lights keep blinking red again"],
    "parcel": ["my parcel delivery never arrived", "my parcel delivery never arrived today"],
    "refund": ["i want a refund for the faulty kettle", "i want a refund for the faulty kettle please"],
    "invoice": ["the invoice total looks wrong", "the invoice total looks wrong again"],
    "password": ["cannot reset my account password", "cannot reset my account password today"],
    "voucher": ["my gift voucher code is rejected", "my gift voucher code is rejected again"],
    "address": ["please update my postal address details", "please update my postal address details today"],
    "loyalty": ["where are my loyalty points gone", "where are my loyalty points gone please"],
}


def conversation(n: int, family: str, when: datetime, agent_type: str = "human",
                 metadata: dict[str, Scalar] | None = None) -> Conversation:
    phrasings = FAMILIES[family]
    return Conversation(
        id=f"{family}-{n:05d}", channel="chat", started_at=when,
        agent=Agent(id=f"{agent_type}-{n % 3}", type=agent_type), metadata=metadata or {},
        turns=[Turn(speaker="agent", text="Hello, how can I help today?"),
               Turn(speaker="customer", text=phrasings[n % len(phrasings)]),
               Turn(speaker="agent", text="Thanks, I have looked into that for you.")])


def spread(month: date, count: int) -> list[datetime]:
    """``count`` moments spread evenly over the days of ``month``, its first and last day
    included (noon UTC)."""
    days = ((month.replace(day=28) + timedelta(days=4)).replace(day=1) - month).days
    return [datetime(month.year, month.month, 1 + (i * (days - 1)) // max(count - 1, 1), 12, tzinfo=timezone.utc)
            for i in range(count)]


MONTHS = [date(2026, m, 1) for m in range(5, 11)]  # May … October 2026, every one complete


def trend_corpus() -> list[Conversation]:
    """Six complete months: "router" holds at 15 a month and triples in October; "parcel"
    is 1 a week and 15 in the week of 10 August; the other families fill a flat traffic."""
    convs: list[Conversation] = []
    n = 0
    for month in MONTHS:
        plan = {"router": 45 if month == MONTHS[-1] else 15, "refund": 20, "invoice": 20, "password": 20,
                "voucher": 20, "address": 20, "loyalty": 20}
        for family, count in plan.items():
            for when in spread(month, count):
                convs.append(conversation(n, family, when))
                n += 1
    parcel_day = date(2026, 5, 4)  # Mondays: one a week, fifteen in the spike week
    while parcel_day <= date(2026, 10, 26):
        count = 15 if parcel_day == date(2026, 8, 10) else 1
        for i in range(count):
            convs.append(conversation(n, "parcel", datetime.combine(parcel_day + timedelta(days=i % 5),
                                                                     datetime.min.time(), timezone.utc)
                                      + timedelta(hours=10)))
            n += 1
        parcel_day += timedelta(days=7)
    return convs


def agents_corpus(outcome_field: str | None = "outcome") -> list[Conversation]:
    """On "refund", AI agents resolve 10 of 40 (25 %) and humans 32 of 40 (80 %); on every
    other family both resolve 80 %. ``outcome_field`` None: no outcome recorded at all."""
    convs: list[Conversation] = []
    n = 0
    for family in FAMILIES:
        for agent_type in ("ai", "human"):
            resolved = 10 if (family, agent_type) == ("refund", "ai") else 32
            for i, when in enumerate(spread(MONTHS[i_month(n)], 40)):
                meta: dict[str, Scalar] = {"queue": "general"}
                if outcome_field:
                    meta[outcome_field] = "resolved" if i < resolved else ("escalated" if i % 2 else "unresolved")
                convs.append(conversation(n, family, when, agent_type, meta))
                n += 1
    return convs


def i_month(n: int) -> int:
    return (n // 40) % len(MONTHS)
