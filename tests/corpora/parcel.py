"""An unseen corpus for tests: a parcel-delivery company, phrased unlike the sample corpus.

Planted: complaints rise in the last month (~30 → ~75) driven by two new reasons —
parcels marked delivered that never arrived, and a broken tracking page after a website
change — while "parcel arrived damaged" stays flat.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from convoscope.models import Conversation

OPENERS = ["hello", "hi there", "good afternoon", "hey", "morning", "hi"]
ASKS = [
    "i want to make a complaint", "i need to complain about your service", "this is a formal complaint",
    "i'm really unhappy and want to complain", "i have a complaint", "i'd like to raise a complaint",
]
REASONS = {
    "ghost_delivery": [
        "the app says my parcel was delivered but nothing came",
        "tracking shows delivered yet there is no package at my door",
        "apparently it was handed over at 2pm but nobody knocked and there's no parcel",
        "your courier marked it as delivered and it's nowhere to be found",
        "it says left with neighbour but none of my neighbours have it",
        "the status changed to delivered this morning, I have received nothing",
        "proof of delivery photo shows a door that is not mine",
        "you claim the box was dropped off but it never turned up",
    ],
    "tracking_broken": [
        "the tracking page just shows an error since your website changed",
        "your new site won't load the tracking number at all",
        "every time I enter the tracking code the page crashes",
        "the parcel tracker has been broken ever since the redesign",
        "I can't see where my delivery is, the tracking screen is blank",
        "the web tracking keeps saying unknown consignment after the update",
        "since the new website went live tracking gives me a 500 error",
        "the tracker link in your email leads to a broken page",
    ],
    "damaged": [
        "the box was crushed and the vase inside is smashed",
        "my parcel arrived soaking wet and the contents are ruined",
        "the package was torn open and the item is damaged",
        "it turned up dented and the screen is cracked",
        "the courier obviously dropped it, everything inside is broken",
        "the parcel came ripped and half the items were scratched",
    ],
    "other": [
        "I need to change my delivery address", "can I rearrange the delivery slot",
        "how much does next day delivery cost", "I want to update my phone number",
        "can you collect a return from my house", "what time does the depot close",
    ],
}
AGENT = ["sorry to hear that, let me check", "thanks, I'm looking into it now", "I understand, one moment please",
         "apologies for the trouble, let me see what happened"]
CLOSE = ["ok thanks", "fine, I'll wait", "right, thank you", "ok", "cheers", "alright then"]


def make(seed: int = 3) -> tuple[list[Conversation], dict[str, str]]:
    """Six months ending 30 June 2026; returns the conversations and each one's reason."""
    rng = random.Random(seed)
    plan = {  # month index -> reason -> count
        **{m: {"ghost_delivery": 1, "tracking_broken": 0, "damaged": 12, "other": 40} for m in range(5)},
        5: {"ghost_delivery": 24, "tracking_broken": 20, "damaged": 12, "other": 40},
    }
    conversations, reasons = [], {}
    n = 0
    for month, counts in plan.items():
        first = datetime(2026, month + 1, 1, tzinfo=timezone.utc)
        days = (datetime(2026, month + 2, 1, tzinfo=timezone.utc) - first).days
        for reason, count in counts.items():
            for _ in range(count):
                n += 1
                complaint = reason != "other"
                said = rng.choice(REASONS[reason])
                customer_open = f"{rng.choice(OPENERS)}, {rng.choice(ASKS)}" if complaint else rng.choice(OPENERS)
                turns = [
                    {"speaker": "customer", "text": customer_open},
                    {"speaker": "agent", "text": "what can I help with?"},
                    {"speaker": "customer", "text": said},
                    {"speaker": "agent", "text": rng.choice(AGENT)},
                    {"speaker": "customer", "text": rng.choice(CLOSE)},
                ]
                cid = f"p-{n:05d}"
                reasons[cid] = reason
                conversations.append(Conversation.model_validate({
                    "id": cid, "channel": rng.choice(["chat", "email", "voice"]),
                    "started_at": (first + timedelta(days=rng.randrange(days), hours=rng.randrange(8, 18))).isoformat(),
                    "agent": {"id": f"agent-{rng.randrange(9)}", "type": rng.choice(["human", "ai"])},
                    "metadata": {"region": rng.choice(["north", "south"])}, "turns": turns,
                }))
    conversations.sort(key=lambda c: c.started_at)
    return conversations, reasons
