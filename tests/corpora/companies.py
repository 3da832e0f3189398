"""An unseen corpus for segment questions: a support desk serving three client companies in
three regions, July to September 2026, with each conversation's reason known.

Planted: AcmeAir has the most delivery conversations, Brightline the highest share of them;
Brightline has more refund conversations than AcmeAir; in August, Kessling has the most
outage complaints (though Northfield has more over the three months); AI agents resolve far
fewer refunds than human agents.
"""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta, timezone

from convoscope.models import Conversation

SAID = {
    "delivery": [
        "my delivery is three days late", "the parcel was never delivered",
        "the courier delivered it to the wrong house",
        "I'm still waiting for my delivery", "the delivery was supposed to arrive yesterday",
        "the driver left my delivery out in the rain",
    ],
    "refund": [
        "I'd like a refund for my last order", "can I get a refund please", "I was charged twice and want a refund",
        "when will my refund arrive", "I want a refund for the faulty headphones", "please refund the extra fee",
    ],
    "outage": [
        "my internet is down again", "there's an outage in my area again", "the internet is down in my whole area",
        "the router keeps dropping the connection", "the whole street has no internet",
    ],
    "other": [
        "I need to update my phone number", "what time do you open on saturdays", "can I add my partner to the account",
        "I'd like to upgrade to a bigger plan", "how do I turn on paperless statements", "can I change my username",
    ],
}
COMPLAINT = ["I want to make a complaint", "I'm really unhappy with your service", "I need to complain"]
OPENERS = ["hi", "hello", "good morning", "hey there"]
AGENT = ["let me look into that for you", "thanks, one moment please", "I can help with that"]
CLOSE = ["ok thanks", "great, thank you", "alright", "cheers"]
MONTHS = {7: datetime(2026, 7, 1, tzinfo=timezone.utc), 8: datetime(2026, 8, 1, tzinfo=timezone.utc),
          9: datetime(2026, 9, 1, tzinfo=timezone.utc)}
# (reason, company, region, month, agent type, outcome, channel) -> conversations
PLAN: dict[tuple[str, str, str, int, str, str, str], int] = {
    ("delivery", "AcmeAir", "Northfield", 7, "human", "resolved", "email"): 10,
    ("delivery", "AcmeAir", "Kessling", 8, "human", "resolved", "email"): 10,
    ("delivery", "AcmeAir", "Port Avery", 9, "ai", "resolved", "chat"): 10,
    ("delivery", "Brightline", "Northfield", 8, "human", "resolved", "email"): 9,
    ("delivery", "Brightline", "Kessling", 9, "ai", "resolved", "chat"): 9,
    ("delivery", "Corvid Telecom", "Port Avery", 8, "human", "resolved", "email"): 6,
    ("refund", "AcmeAir", "Northfield", 8, "ai", "escalated", "chat"): 7,
    ("refund", "AcmeAir", "Kessling", 9, "human", "resolved", "voice"): 7,
    ("refund", "Brightline", "Northfield", 7, "ai", "resolved", "chat"): 6,
    ("refund", "Brightline", "Kessling", 8, "ai", "escalated", "chat"): 7,
    ("refund", "Brightline", "Port Avery", 9, "human", "resolved", "voice"): 9,
    ("refund", "Corvid Telecom", "Kessling", 9, "human", "unresolved", "voice"): 4,
    ("outage", "Corvid Telecom", "Northfield", 7, "human", "resolved", "voice"): 15,
    ("outage", "Corvid Telecom", "Northfield", 8, "human", "resolved", "voice"): 8,
    ("outage", "Corvid Telecom", "Kessling", 8, "ai", "resolved", "chat"): 20,
    ("outage", "Corvid Telecom", "Port Avery", 8, "human", "resolved", "email"): 4,
    ("other", "AcmeAir", "Northfield", 7, "human", "resolved", "voice"): 20,
    ("other", "AcmeAir", "Kessling", 8, "ai", "resolved", "chat"): 20,
    ("other", "AcmeAir", "Port Avery", 9, "human", "resolved", "email"): 25,
    ("other", "Brightline", "Northfield", 8, "ai", "resolved", "chat"): 6,
    ("other", "Brightline", "Port Avery", 9, "human", "resolved", "voice"): 6,
    ("other", "Corvid Telecom", "Northfield", 8, "human", "resolved", "voice"): 10,
    ("other", "Corvid Telecom", "Kessling", 9, "ai", "resolved", "chat"): 10,
}


def make(seed: int = 5) -> tuple[list[Conversation], dict[str, str]]:
    """The conversations and each one's reason (``delivery``, ``refund``, ``outage``, ``other``)."""
    rng = random.Random(seed)
    counter = itertools.count(1)
    conversations, reasons = [], {}
    for (reason, company, region, month, agent_type, outcome, channel), count in PLAN.items():
        first = MONTHS[month]
        for _ in range(count):
            opener = rng.choice(COMPLAINT) if reason == "outage" else rng.choice(OPENERS)
            turns = [
                {"speaker": "customer", "text": opener},
                {"speaker": "agent", "text": "what can I do for you today?"},
                {"speaker": "customer", "text": rng.choice(SAID[reason])},
                {"speaker": "agent", "text": rng.choice(AGENT)},
                {"speaker": "customer", "text": rng.choice(CLOSE)},
            ]
            cid = f"s-{next(counter):04d}"
            reasons[cid] = reason
            conversations.append(Conversation.model_validate({
                "id": cid, "channel": channel,
                "started_at": (first + timedelta(days=rng.randrange(28), hours=rng.randrange(8, 18))).isoformat(),
                "agent": {"id": f"{agent_type}-{rng.randrange(3)}", "type": agent_type},
                "metadata": {"company": company, "region": region, "outcome": outcome}, "turns": turns,
            }))
    conversations.sort(key=lambda c: c.started_at)
    return conversations, reasons
