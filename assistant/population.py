"""Which conversations a question is about, counted as conversations (not chunks).

A conversation belongs to the population when one of its customer turns is close in
meaning to the topic. Scores come from the customer-turn vectors written at ingest:
the topic (expanded with contact-centre vocabulary) is embedded, the best-matching turns
seed a pseudo-relevance centroid, and every conversation is scored by its best turn
against both. The cut is calibrated per question on the score distribution (Otsu's
threshold between the relevant and the rest), never a fixed number alone.
"""

from __future__ import annotations

import re

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from vectorstore import Store, Where
from vectorstore.conversations import TurnVectors

# How customers actually say what a leader's question names. Keys are matched as word stems.
CONCEPTS: dict[str, str] = {
    "churn": "customer wants to cancel the subscription, leave, switch to another provider, close the account",
    "cancel": "customer wants to cancel the subscription, leave, switch to another provider, close the account",
    "leav": "customer wants to cancel the subscription, leave, switch to another provider, close the account",
    "attrition": "customer wants to cancel the subscription, leave, switch to another provider, close the account",
    "retention": "customer wants to cancel the subscription, leave, switch to another provider, close the account",
    "refund": "customer asks for a refund, money back, reimbursement of a charge",
    "login": "customer cannot log in, sign in, password reset, locked out of the account",
    "password": "customer cannot log in, sign in, password reset, locked out of the account",
    "outage": "service is down, not working, no connection, outage",
    "billing": "customer has a question or problem with the bill, a charge, a payment or the price",
    "pricing": "customer talks about the price, cost, price increase, too expensive",
    "price": "customer talks about the price, cost, price increase, too expensive",
}
MIN_SCORE = 0.25  # below this cosine nothing is relevant, whatever the distribution
SEED_TURNS = 12


class Population(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    topic: str
    query: str
    threshold: float
    scores: dict[str, float] = Field(default_factory=dict)  # every candidate conversation's score
    members: set[str] = Field(default_factory=set)
    best_turn: dict[str, int] = Field(default_factory=dict)
    candidates: int = 0

    def definition(self) -> str:
        if not self.topic:
            return "all conversations matching the filters"
        return (
            f"conversations in which a customer turn is close in meaning to “{self.topic}” "
            f"(cosine ≥ {self.threshold:.2f}, cut calibrated on this question's score distribution)"
        )


def expand(topic: str) -> str:
    """The topic with the contact-centre phrasing customers use for it."""
    extra = []
    for stem, phrasing in CONCEPTS.items():
        if re.search(rf"\b{stem}", topic) and phrasing not in extra:
            extra.append(phrasing)
    return f"{topic}: {'; '.join(extra)}" if extra else topic


def otsu(scores: np.ndarray, floor: float = MIN_SCORE) -> float:
    """The cut that best separates two groups of scores (maximal between-class variance)."""
    values = np.sort(scores)
    if len(values) < 4:
        return floor
    best, cut = -1.0, floor
    total = values.sum()
    n = len(values)
    cumulative = np.cumsum(values)
    for i in range(1, n):
        w0, w1 = i / n, (n - i) / n
        m0 = cumulative[i - 1] / i
        m1 = (total - cumulative[i - 1]) / (n - i)
        between = w0 * w1 * (m0 - m1) ** 2
        if between > best:
            best, cut = between, (values[i - 1] + values[i]) / 2
    return float(max(cut, floor))


def _best_per_conversation(tv: TurnVectors, sims: np.ndarray) -> tuple[dict[str, float], dict[str, int]]:
    best: dict[str, float] = {}
    turn: dict[str, int] = {}
    for cid, t, s in zip(tv.conversation_ids, tv.turns, sims):
        if s > best.get(cid, -2.0):
            best[cid], turn[cid] = float(s), t
    return best, turn


def find_population(store: Store, topic: str, where: Where, candidates: list[str]) -> Population:
    """Score every candidate conversation (those matching ``where``) against ``topic``."""
    if not topic:
        return Population(topic="", query="", threshold=0.0, members=set(candidates), candidates=len(candidates))
    query = expand(topic)
    tv = store.conversations.turn_vectors(where)
    if not len(tv.turns):
        return Population(topic=topic, query=query, threshold=1.0, candidates=len(candidates))
    q = store.embed_query(query)
    sims = tv.matrix @ q
    seeds = np.argsort(-sims)[:SEED_TURNS]
    centroid = tv.matrix[seeds].mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    combined = 0.5 * sims + 0.5 * (tv.matrix @ centroid)
    scores, best_turn = _best_per_conversation(tv, combined)
    for cid in candidates:
        scores.setdefault(cid, 0.0)
    threshold = otsu(np.array(list(scores.values())))
    members = {cid for cid, s in scores.items() if s >= threshold}
    return Population(
        topic=topic, query=query, threshold=threshold, scores=scores, members=members,
        best_turn={c: t for c, t in best_turn.items() if c in members}, candidates=len(candidates),
    )
