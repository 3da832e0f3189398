"""The template engine of the generated unseen corpora: a business's words and plan in,
conversations and their ground truth out.

Why a separate engine: the evaluation corpora must share nothing with the sample corpus
(``eval/sample/``) or the test corpora (``tests/corpora/``) — neither code nor word
lists — so that a product tuned on those is measured on text it has never seen. A business
module (``insurer``, ``utility``) gives its :class:`Business`: the reasons customers get in
touch, how many per month, the many ways each is said, and the small talk around them. This
module renders those into :class:`Conversation` objects, deterministically from a seed, and
keeps a :class:`Truth` per conversation (topic, reason, month, region, …) so that every gold
answer is computed, never typed by hand.

Templates mark slots as ``<name>``: ``<town>``, ``<product>``, ``<company>`` and ``<agent>``
are the conversation's own; any other slot is drawn from ``Voice.slots``.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta, timezone
from typing import Literal

from pydantic import BaseModel, Field

from convoscope.models import Conversation

SLOT = re.compile(r"<([a-z_]+)>")
ReasonKind = Literal["driver", "decoy", "noise", "spike", "other"]
OUTCOMES = ("resolved", "escalated", "unresolved")
CHANNELS = {"voice": 0.36, "chat": 0.34, "email": 0.2, "social": 0.1}


class Reason(BaseModel):
    """One reason customers get in touch: how many per month and every way they say it."""

    id: str
    topic: str
    label: str
    kind: ReasonKind = "other"
    monthly: list[int]  # conversations per month of the business's months
    say: list[str]  # ways a customer states the reason, each a different wording
    detail: list[str] = Field(default_factory=list)  # what they add when asked for more
    match_terms: list[str] = Field(default_factory=list)  # lowercase words a correct driver label contains
    regions: dict[str, float] = Field(default_factory=dict)  # weight per region (others 1.0)
    products: dict[str, float] = Field(default_factory=dict)  # weight per product (others 1.0)
    ai_share: float | None = None  # share handled by AI agents (default: the business's)
    resolved: dict[str, float] = Field(default_factory=dict)  # agent type -> share resolved


class Voice(BaseModel):
    """The words around a reason: greetings, identity checks, probes, closings, slot values."""

    greet: dict[str, list[str]]  # channel -> a human agent's first line
    ai_greet: list[str]
    hello: list[str]  # the customer's first words before the reason
    ask_identity: list[str]
    give_identity: list[str]
    ask_reason: list[str]
    probe: list[str]
    filler: list[str]  # details any customer may add
    spoken: list[str]  # voice-call hesitations put before a statement
    close: dict[str, list[str]]  # outcome -> the agent's last line
    thanks: dict[str, list[str]]  # outcome -> the customer's last line
    agents: list[str]
    slots: dict[str, list[str]]


class Business(BaseModel):
    """A whole made-up business: its months, segments, manager words and reasons."""

    name: str
    company: str
    prefix: str  # conversation ids start with it
    months: list[str]  # "2026-03", …
    regions: list[str]
    products: list[str]
    queues: dict[str, str]  # topic -> queue
    topic_names: dict[str, str]  # topic -> what a manager calls it
    manager_words: list[str]  # regexes no customer turn matches
    ai_share: float = 0.35
    resolved: dict[str, float] = Field(default_factory=lambda: {"human": 0.74, "ai": 0.68})
    voice: Voice
    reasons: list[Reason]

    def reason(self, reason_id: str) -> Reason:
        return next(r for r in self.reasons if r.id == reason_id)


class Truth(BaseModel):
    """What one generated conversation is really about, and where it sits."""

    id: str
    topic: str
    reason: str
    kind: ReasonKind
    month: str
    region: str
    product: str
    channel: str
    agent_type: str
    outcome: str
    phrasing: int  # index into the reason's ``say``


class Corpus(BaseModel):
    business: Business
    seed: int
    scale: float
    conversations: list[Conversation]
    truth: dict[str, Truth]


def _weighted(rng: random.Random, options: list[str], weights: dict[str, float]) -> str:
    return rng.choices(options, [weights.get(o, 1.0) for o in options])[0]


def fill(template: str, rng: random.Random, slots: dict[str, list[str]], own: dict[str, str]) -> str:
    """A template with every ``<slot>`` replaced: the conversation's own values first."""
    return SLOT.sub(lambda m: own[m[1]] if m[1] in own else rng.choice(slots[m[1]]), template)


def typo(rng: random.Random, text: str) -> str:
    """One slip of the keyboard in a lowercase word (names and codes are left alone)."""
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha() and w.islower()]
    if not spots:
        return text
    i = rng.choice(spots)
    w, j = words[i], rng.randrange(1, len(words[i]) - 2)
    words[i] = rng.choice([w[:j] + w[j + 1] + w[j] + w[j + 2:], w[:j] + w[j + 1:], w[:j] + w[j] + w[j:]])
    return " ".join(words)


class _Renderer:
    """Renders one business's conversations; all randomness from one seeded generator."""

    def __init__(self, business: Business, seed: int, typo_rate: float) -> None:
        self.b, self.v, self.rng, self.typo_rate = business, business.voice, random.Random(seed), typo_rate
        self.order = {r.id: self.rng.sample(range(len(r.say)), len(r.say)) for r in business.reasons}
        self.used = {r.id: 0 for r in business.reasons}
        self.seen: dict[tuple[str, str], int] = {}

    def _say(self, options: list[str], own: dict[str, str]) -> str:
        return fill(self.rng.choice(options), self.rng, self.v.slots, own)

    def _customer(self, text: str) -> str:
        return typo(self.rng, text) if self.rng.random() < self.typo_rate else text

    def _outcome(self, reason: Reason, agent_type: str) -> str:
        """Resolved in exactly the planted share (spread evenly), else escalated or not resolved."""
        rate = reason.resolved.get(agent_type, self.b.resolved[agent_type])
        n = self.seen[(reason.id, agent_type)] = self.seen.get((reason.id, agent_type), 0) + 1
        if int(n * rate) > int((n - 1) * rate):
            return "resolved"
        return "escalated" if self.rng.random() < 0.6 else "unresolved"

    def conversation(self, reason: Reason, month: str) -> tuple[dict, Truth]:
        rng, v = self.rng, self.v
        phrasing = self.order[reason.id][self.used[reason.id] % len(reason.say)]
        self.used[reason.id] += 1
        channel = rng.choices(list(CHANNELS), list(CHANNELS.values()))[0]
        agent_type = ("ai" if rng.random() < (reason.ai_share if reason.ai_share is not None else self.b.ai_share)
                      else "human")
        agent = rng.choice(v.agents)
        own = {"town": _weighted(rng, self.b.regions, reason.regions),
               "product": _weighted(rng, self.b.products, reason.products), "company": self.b.company, "agent": agent}
        statement = fill(reason.say[phrasing], rng, v.slots, own)
        if channel == "voice" and rng.random() < 0.35:
            statement = f"{rng.choice(v.spoken)} {statement}"
        outcome = self._outcome(reason, agent_type)
        greet = v.ai_greet if agent_type == "ai" else v.greet[channel]
        turns = [("agent", self._say(greet, own))]
        upfront = rng.random() < (0.8 if channel in ("email", "social") else 0.4)
        hello = self._say(v.hello, own)
        turns.append(("customer", f"{hello} {statement}" if upfront else hello))
        if rng.random() < (0.25 if channel in ("email", "social") else 0.65):
            turns += [("agent", self._say(v.ask_identity, own)), ("customer", self._say(v.give_identity, own))]
        if not upfront:
            turns += [("agent", self._say(v.ask_reason, own)), ("customer", statement)]
        if rng.random() < 0.6:
            turns += [("agent", self._say(v.probe, own)), ("customer", self._say(reason.detail or v.filler, own))]
        turns.append(("agent", self._say(v.close[outcome], own)))
        if len(turns) < 4 or rng.random() < 0.7:  # 4 to 10 turns
            turns.append(("customer", self._say(v.thanks[outcome], own)))
        year, mon = map(int, month.split("-"))
        first = datetime(year, mon, 1, tzinfo=timezone.utc)
        days = ((first + timedelta(days=32)).replace(day=1) - first).days
        started = first + timedelta(days=rng.randrange(days), hours=rng.randrange(7, 21), minutes=rng.randrange(60))
        csat = None
        if rng.random() < 0.7:
            csat = {"resolved": rng.choice([4, 4, 5, 5, 3]), "escalated": rng.choice([2, 3, 3, 4]),
                    "unresolved": rng.choice([1, 1, 2, 2, 3])}[outcome]
        metadata = {"region": own["town"], "product": own["product"], "queue": self.b.queues[reason.topic],
                    "outcome": outcome, **({"csat": csat} if csat else {})}
        record = {
            "channel": channel, "started_at": started.isoformat(),
            "agent": {"id": f"{'bot-1' if agent_type == 'ai' else 'hu-' + agent.lower()}", "type": agent_type},
            "customer_id": f"cu-{rng.randrange(1, 90000):05d}", "metadata": metadata,
            "turns": [{"speaker": s, "text": self._customer(t) if s == "customer" else t} for s, t in turns],
        }
        truth = Truth(id="", topic=reason.topic, reason=reason.id, kind=reason.kind, month=month, region=own["town"],
                      product=own["product"], channel=channel, agent_type=agent_type, outcome=outcome,
                      phrasing=phrasing)
        return record, truth


def render(business: Business, seed: int, scale: float = 1.0, typo_rate: float = 0.04) -> Corpus:
    """Every reason's monthly count (times ``scale``) rendered into conversations, ids in time order."""
    renderer = _Renderer(business, seed, typo_rate)
    made: list[tuple[dict, Truth]] = []
    for index, month in enumerate(business.months):
        for reason in business.reasons:
            for _ in range(round(reason.monthly[index] * scale)):
                made.append(renderer.conversation(reason, month))
    made.sort(key=lambda item: item[0]["started_at"])
    conversations, truth = [], {}
    for n, (record, t) in enumerate(made, start=1):
        cid = f"{business.prefix}-{n:05d}"
        conversations.append(Conversation.model_validate({"id": cid, **record}))
        truth[cid] = t.model_copy(update={"id": cid})
    return Corpus(business=business, seed=seed, scale=scale, conversations=conversations, truth=truth)


def write_jsonl(corpus: Corpus, path) -> None:
    """The corpus in Convoscope's canonical JSON Lines (no ground truth in it)."""
    with open(path, "w", encoding="utf-8") as out:
        for c in corpus.conversations:
            out.write(c.model_dump_json(exclude_none=True) + "\n")
