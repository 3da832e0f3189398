"""A catch-all value's conversations that belong to the value a question names.

A business routes most conversations about one thing to that thing's queue ("Deliveries",
"Security") and leaves some in a catch-all ("General Enquiries", "Orders") whose mix of
subjects is the store's own. Where a manager's word stands for a field value ("delivery
problems": the Deliveries queue), the catch-all's conversations about deliveries belong to
the answer as well; the customers there rarely write the queue's word ("the courier never came",
"the box was crushed"), so they are found by what they say: the business's own routing of its
other conversations is the labelled example.

- **Catch-all values** of a field keep no company of their own: the topics said in their
  conversations are what is said under the field's other values. Measured over the whole store
  as the Jensen–Shannon divergence of a value's topic mix from the other values' (small talk left
  out) above what a random draw of as many statements reaches; a value is a catch-all under
  ``CATCH_ALL`` of the field's median (the blind bank's General Enquiries 0.003 and retailer's
  Orders 0.020 against 0.095–0.31 for their other queues; the sample's, insurer's and utility's
  queues 0.17–0.6, none), in a field the business sorts by subject: one whose median is at least
  ``TOPICAL`` (queues 0.13–0.54 and the real threads' companies 0.24 on the corpora here; regions,
  products, outcomes and scores 0.000–0.024, where every value's mix is everyone's and a "catch-all"
  would be chance).
- **Routed like the named value**: a catch-all conversation of which some statement has at least
  ``AGREE`` of its ``NEIGHBOURS`` nearest statements (of conversations the business routed to a
  value that is no catch-all, anywhere in the store) in the named value's conversations. On the
  blind corpora 9 of 10 keeps 25 of 25 delivery conversations, 46 of 46 security, 30 of 30 app;
  what is said beside any subject (asides, thanks, details) has neighbours under every value and
  never agrees.

Both are read from the whole store, so a conversation is routed the same in every question and
every period; each statement's neighbours are found when a question first needs them and kept
with the statement table (``cache``) until the store changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from convoscope.models import Scalar
from vectorstore.statements import Statements
from vectorstore.topics import TopicModel, chance_divergence, divergence

TOPICAL = 0.05  # nats above chance, at the field's median value: a field the business sorts by subject
CATCH_ALL = 0.25  # of the field's median divergence above chance: a value under it keeps no company of its own
MIN_VALUES = 3  # a field needs this many values with a topic mix to tell a catch-all among them
MIN_STATEMENTS = 30  # a value's topic mix needs this many statements
NEIGHBOURS = 10
AGREE = 0.9  # of a statement's nearest routed statements, this share under the named value
MAX_REFERENCE = 10_000  # routed statements compared with (an even sample past that: bounded time)
BLOCK = 2048


class Routed(BaseModel):
    """The catch-all conversations found to belong to a named value."""

    field: str
    catch_alls: list[Scalar] = Field(default_factory=list)  # the field's catch-all values
    conversations: set[str] = Field(default_factory=set)

    def describe(self, named: list[Scalar]) -> str:
        field = self.field.replace("_", " ")
        left = " or ".join(f"“{v}”" for v in self.catch_alls)
        to = " or ".join(f"“{v}”" for v in named)
        return (f"{len(self.conversations)} conversations the business left in the catch-all {field} {left} "
                f"whose customers say what those of {to} say ({AGREE * NEIGHBOURS:.0f} of the "
                f"{NEIGHBOURS} closest statements)")


class _FieldRouting:
    """One field's catch-alls over a statement table, and the neighbours of its catch-all
    statements as far as questions have needed them."""

    def __init__(self, table: Statements, values: dict[str, Scalar], model: TopicModel | None) -> None:
        self.table = table
        self.values = sorted(set(values.values()), key=str)  # the field's values; a row's value is its code here
        codes = {v: i for i, v in enumerate(self.values)}
        self.code = np.asarray([codes.get(values.get(c), -1) for c in table.conversation_ids], dtype=np.int32)
        small = _small_talk(table, model)
        self.catch_alls = _catch_alls(table, self.code, self.values, small) if model is not None else []
        left = np.isin(self.code, [codes[v] for v in self.catch_alls])
        self.rows = np.flatnonzero(left)  # the catch-all values' statements: the ones ever asked about
        self.owners = [table.conversation_ids[r] for r in self.rows.tolist()]
        self.small = small[self.rows]
        self.neighbours = np.full((len(self.rows), NEIGHBOURS), -2, dtype=np.int32)  # -2: not found yet
        routed = np.flatnonzero(~left & (self.code >= 0))
        if len(routed) > MAX_REFERENCE:
            routed = routed[np.linspace(0, len(routed) - 1, MAX_REFERENCE).astype(np.int64)]
        self.reference = routed
        self._references: np.ndarray | None = None  # the reference statements' vectors, centred, once needed
        self._mean: np.ndarray | None = None

    def _telling(self, at: np.ndarray) -> np.ndarray:
        """Positions ``at`` (in ``rows``) less small talk, per conversation (all of a conversation's
        where it says nothing else): what is said beside any subject tells nothing of where it belongs."""
        keep = ~self.small[at]
        has = {self.owners[i] for i, k in zip(at.tolist(), keep.tolist()) if k}
        return at[keep | np.asarray([self.owners[i] not in has for i in at.tolist()], dtype=bool)]

    def _find_neighbours(self, at: np.ndarray) -> None:
        at = at[self.neighbours[at, 0] == -2]
        if not len(at) or len(self.reference) <= NEIGHBOURS:
            return
        if self._references is None:
            vectors = self.table.vectors(self.reference)
            self._mean = vectors.mean(axis=0)
            self._references = _unit(vectors - self._mean)
        references, mean = self._references, self._mean
        for start in range(0, len(at), BLOCK):
            block = at[start:start + BLOCK]
            sims = _unit(self.table.vectors(self.rows[block]) - mean) @ references.T
            nearest = np.argpartition(-sims, NEIGHBOURS - 1, axis=1)[:, :NEIGHBOURS]
            self.neighbours[block] = self.code[self.reference][nearest]

    def routed(self, named: set[Scalar], among: set[str]) -> set[str]:
        """Of the conversations ``among``, those left in a catch-all that say what ``named``'s say."""
        at = self._telling(np.asarray([i for i, c in enumerate(self.owners) if c in among], dtype=np.int64))
        self._find_neighbours(at)
        wanted = [i for i, v in enumerate(self.values) if v in named]
        agree = np.isin(self.neighbours[at], wanted).mean(axis=1) >= AGREE if len(at) else np.zeros(0, dtype=bool)
        return {self.owners[i] for i, yes in zip(at.tolist(), agree.tolist()) if yes}


def routed_like(field: str, named: set[Scalar], source: Callable[[], tuple[Statements, dict[str, Scalar]]],
                model: TopicModel | None, among: Iterable[str], cache: dict[str, Any] | None = None) -> Routed:
    """The conversations of ``among`` left in ``field``'s catch-all values that say what the
    conversations the business routed to ``named`` say. ``source`` gives every statement of the
    store (or of what is asked about) and each of its conversations' value of ``field``, read only
    when ``cache`` (the statement table's memo) does not hold the field's routing yet."""
    routing = cache.get(field) if cache is not None else None
    if routing is None:
        routing = _FieldRouting(*source(), model)
        if cache is not None:
            cache[field] = routing
    left = [v for v in routing.catch_alls if v not in named]
    if not left:
        return Routed(field=field)
    return Routed(field=field, catch_alls=left, conversations=routing.routed(named, set(among)))


def _small_talk(table: Statements, model: TopicModel | None) -> np.ndarray:
    """Per row: whether its statement is in a small-talk topic."""
    if model is None or table.topics is None:
        return np.zeros(len(table.texts), dtype=bool)
    small = {t.id for t in model.topics if t.small_talk}
    return np.isin(table.topics, list(small)) if small else np.zeros(len(table.texts), dtype=bool)


def _catch_alls(table: Statements, code: np.ndarray, values: list[Scalar], small: np.ndarray,
                seed: int = 0) -> list[Scalar]:
    """The values whose conversations' topics are the field's other values' mix (``code``: per row,
    its conversation's value as a position in ``values``; -1: none)."""
    if table.topics is None or not len(table.topics):
        return []
    counted = (table.topics >= 0) & ~small & (code >= 0)
    if not counted.any():
        return []
    k = int(table.topics.max()) + 1
    mixes = {v: np.bincount(table.topics[counted & (code == i)], minlength=k).astype(np.float64)
             for i, v in enumerate(values)}
    mixes = {v: m for v, m in mixes.items() if m.sum() >= MIN_STATEMENTS}
    if len(mixes) < MIN_VALUES:
        return []
    total = sum(mixes.values())
    rng = np.random.default_rng(seed)
    excess = {}
    for v, mix in mixes.items():
        rest = (total - mix) / (total - mix).sum()
        n = int(mix.sum())
        excess[v] = divergence(mix / n, rest) - chance_divergence(n, rest, rng)
    median = float(np.median(list(excess.values())))
    if median < TOPICAL:  # a field that does not sort by subject (a region, a product, an outcome) has none
        return []
    return [v for v, e in excess.items() if e < CATCH_ALL * median]


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
