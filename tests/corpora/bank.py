"""A second unseen corpus: a retail bank's card support, phrased unlike the sample corpus
and unlike the parcel corpus — longer conversations, the reason spread over turns, typos,
and each reason told in many different words.

Planted (window: August 2026, baseline: July 2026), population "card payment problems":
- ``contactless``: tap payments refused after a new contactless limit, 2 → 26;
- ``approval``: online purchases fail because the in-app approval never arrives after an
  app update, 0 → 22;
- ``abroad`` (decoy, large and flat): card blocked when paying abroad, 16 → 16;
- ``expired`` (flat): a renewed card not arrived, 6 → 6;
- ``atm`` (small noise): the ATM kept the card, 2 → 4;
- ``other``: not about card payments (address, loans, savings), 70 a month.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from convoscope.models import Conversation

POPULATION = {"contactless", "approval", "abroad", "expired", "atm"}
OPEN_PROBLEM = [
    "hi, my card isn't working properly", "hello I'm having trouble paying for things",
    "good morning, there's an issue with my debit card", "hiya, payments keep failing on my account",
    "hi there, i've got a problem with my card", "hello, something is wrong with paying by card",
]
OPEN_OTHER = ["hi there", "hello", "good morning", "hi, quick question", "hey"]
REASONS = {
    "contactless": [
        "tapping it at the supermarket gets rejected for anything over thirty quid",
        "the tap thing stopped working for bigger shops since you changed the limit",
        "the reader says limit exceeded when I tap, even for a sixty pound shop",
        "every time I hold it against the terminal it just bounces",
        "the till keeps asking me to insert it and put in my pin instead of tapping",
        "waving it over the machine doesn't go through anymore for the weekly shop",
        "anything above forty five pounds gets refused at the checkout when I tap",
        "the cashier said it was declined when I touched it on the reader",
        "contactless has become useless, it fails for amounts it used to accept",
        "the new limit on tap payments is way too low, it got refused at the petrol station",
    ],
    "approval": [
        "since the latest version of your app the approve purchase notification never pops up",
        "online checkout wants me to confirm in the app but nothing arrives",
        "i'm stuck on the verifying with your bank screen whenever I buy online",
        "the security prompt to authorise shopping on websites doesn't show after the update",
        "websites time out waiting for me to approve and I'm never asked",
        "ever since I updated the app I can't complete any internet purchases",
        "the push to confirm my amazon order never came through on my phone",
        "the 3d secure check fails every time now when I order stuff on the web",
        "buying plane tickets online is impossible, the confirmation step in the app is missing",
        "after the app upgrade web shops say authentication failed",
    ],
    "abroad": [
        "i'm on holiday in spain and you blocked my card",
        "paying in a restaurant in portugal was refused, I did tell you I was travelling",
        "the card got frozen the moment I used it in france",
        "I'm overseas and every foreign transaction is being stopped",
        "used it at a hotel in italy and it was blocked for suspected fraud",
        "abroad for work and the card won't work outside the uk",
    ],
    "expired": [
        "my old one expired and the replacement never arrived in the post",
        "the renewed card still hasn't come and the old one ran out last week",
        "expiry date passed and no new card turned up",
    ],
    "atm": [
        "the cash machine swallowed it and didn't give it back",
        "the atm kept hold of it after I typed my pin",
        "a cashpoint retained it this morning",
    ],
    "other": [
        "I've moved house and need to update my address",
        "what's the interest rate on the easy saver account",
        "can I get a statement for the last three months",
        "I'd like to know how to apply for a personal loan",
        "how do I add my partner as a joint account holder",
        "I want to increase my overdraft a little",
        "could you explain the charges on my current account",
        "I need a letter confirming my account details for my landlord",
    ],
}
AGENT_ASK = ["sorry about that, can you tell me what happens?", "I see, what exactly goes wrong?",
             "thanks for getting in touch, what's happening?", "no problem, could you describe it for me?"]
FOLLOW = {
    "contactless": ["it worked fine last month", "chip and pin still works though", "it's embarrassing at the till"],
    "approval": ["my phone is up to date", "I've reinstalled it twice", "it just spins forever"],
    "abroad": ["I need it sorted while I'm away", "I'm stuck without money here"],
    "expired": ["I've got bills to pay", "can you send another one"],
    "atm": ["the branch was closed", "I need cash today"],
    "other": ["no rush on this", "thanks in advance"],
}
AGENT_FIX = ["let me look into that for you", "I've raised this with the team", "I can see the issue on our side",
             "I'll sort that now, bear with me"]
CLOSE = ["ok thanks", "fine", "thank you for your help", "cheers", "ok will wait to hear back", "right"]
PLAN = {  # month (2026) -> reason -> conversations
    **{m: {"contactless": 2, "approval": 0, "abroad": 16, "expired": 6, "atm": 2, "other": 70} for m in (3, 4, 5, 6)},
    7: {"contactless": 2, "approval": 0, "abroad": 16, "expired": 6, "atm": 2, "other": 70},
    8: {"contactless": 26, "approval": 22, "abroad": 16, "expired": 6, "atm": 4, "other": 70},
}


def _typo(rng: random.Random, text: str) -> str:
    """Sometimes a swapped pair of letters, as people type."""
    if rng.random() > 0.25 or len(text) < 12:
        return text
    i = rng.randrange(1, len(text) - 2)
    if not (text[i].isalpha() and text[i + 1].isalpha()):
        return text
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def make(seed: int = 11) -> tuple[list[Conversation], dict[str, str]]:
    """March to August 2026; returns the conversations and each one's reason."""
    rng = random.Random(seed)
    conversations, reasons = [], {}
    n = 0
    for month, counts in PLAN.items():
        first = datetime(2026, month, 1, tzinfo=timezone.utc)
        days = (datetime(2026, month + 1, 1, tzinfo=timezone.utc) - first).days
        for reason, count in counts.items():
            for _ in range(count):
                n += 1
                problem = reason in POPULATION
                said = _typo(rng, rng.choice(REASONS[reason]))
                turns = [{"speaker": "customer", "text": rng.choice(OPEN_PROBLEM if problem else OPEN_OTHER)},
                         {"speaker": "agent", "text": rng.choice(AGENT_ASK)}]
                if rng.random() < 0.5:  # the reason in one turn, or told over two
                    turns.append({"speaker": "customer", "text": f"{said}. {rng.choice(FOLLOW[reason])}"})
                else:
                    turns += [{"speaker": "customer", "text": said},
                              {"speaker": "agent", "text": "ok, anything else I should know?"},
                              {"speaker": "customer", "text": rng.choice(FOLLOW[reason])}]
                turns += [{"speaker": "agent", "text": rng.choice(AGENT_FIX)},
                          {"speaker": "customer", "text": rng.choice(CLOSE)}]
                cid = f"b-{n:05d}"
                reasons[cid] = reason
                conversations.append(Conversation.model_validate({
                    "id": cid, "channel": rng.choice(["chat", "voice", "email", "chat"]),
                    "started_at": (first + timedelta(days=rng.randrange(days), hours=rng.randrange(7, 21),
                                                     minutes=rng.randrange(60))).isoformat(),
                    "agent": {"id": f"ag-{rng.randrange(14)}", "type": rng.choice(["human", "human", "ai"])},
                    "customer_id": f"cu-{rng.randrange(5000)}",
                    "metadata": {"segment": rng.choice(["personal", "premier"]), "csat": rng.randrange(1, 6)},
                    "turns": turns,
                }))
    conversations.sort(key=lambda c: c.started_at)
    return conversations, reasons
