"""A catch-all value's conversations that belong to the value a question names.

A business routes most conversations about one thing to that thing's queue ("Deliveries",
"Security") and leaves some in a catch-all ("General Enquiries", "Orders") whose mix of
subjects is the store's own. Where a manager's word stands for a field value ("delivery
problems": the Deliveries queue), the catch-all's conversations about deliveries belong to
the answer as well; the customers there rarely write the queue's word ("the courier never came",
"the box was crushed"), so they are found by what they say: the business's own routing of its
other conversations is the labelled example.

- **Catch-all values** of a field keep no company of their own: the topics said in their
  conversations are what is said under the field's other values. Measured as the Jensen–Shannon
  divergence of a value's topic mix from the other values' (small talk left out) above what a
  random draw of as many statements reaches; a value is a catch-all under ``CATCH_ALL`` of the
  field's median (the blind bank's General Enquiries 0.003 and retailer's Orders 0.020 against
  0.095–0.31 for their other queues; the sample's, insurer's and utility's queues 0.17–0.6, none).
- **Routed like the named value**: a catch-all conversation of which some statement has at least
  ``AGREE`` of its ``NEIGHBOURS`` nearest statements (of conversations the business routed to a
  value that is no catch-all) in the named value's conversations. On the blind corpora 9 of 10
  keeps 25 of 25 delivery conversations, 46 of 46 security, 30 of 30 app; what is said beside any
  subject (asides, thanks, details) has neighbours under every value and never agrees.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from pydantic import BaseModel, Field

from convoscope.models import ConversationMeta, Scalar
from vectorstore.statements import Statements
from vectorstore.topics import TopicModel, chance_divergence, divergence

CATCH_ALL = 0.25  # of the field's median divergence above chance: a value under it keeps no company of its own
MIN_VALUES = 3  # a field needs this many values with a topic mix to tell a catch-all among them
MIN_STATEMENTS = 30  # a value's topic mix needs this many statements
NEIGHBOURS = 10
AGREE = 0.9  # of a statement's nearest routed statements, this share under the named value
MAX_REFERENCE = 20_000  # routed statements compared with (an even sample past that: bounded time)
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


def catch_alls(field: str, said: Statements, metas: dict[str, ConversationMeta], model: TopicModel | None,
               seed: int = 0) -> list[Scalar]:
    """The values of ``field`` whose conversations' topics are the field's other values' mix."""
    if model is None or said.topics is None or not len(said.topics):
        return []
    small = np.zeros(int(max(said.topics.max(), max((t.id for t in model.topics), default=0))) + 1, dtype=bool)
    small[[t.id for t in model.topics if t.small_talk]] = True
    counted = (said.topics >= 0) & ~small[np.maximum(said.topics, 0)]
    values = np.asarray([_value(metas, c, field) for c in said.conversation_ids], dtype=object)
    k = len(small)
    mixes = {}
    for value in {v for v in values[counted].tolist() if v is not None}:
        mixes[value] = np.bincount(said.topics[counted & (values == value)], minlength=k).astype(np.float64)
    mixes = {v: m for v, m in mixes.items() if m.sum() >= MIN_STATEMENTS}
    if len(mixes) < MIN_VALUES:
        return []
    total = sum(mixes.values())
    rng = np.random.default_rng(seed)
    excess = {}
    for value, mix in sorted(mixes.items(), key=lambda kv: str(kv[0])):
        rest = (total - mix) / (total - mix).sum()
        n = int(mix.sum())
        excess[value] = divergence(mix / n, rest) - chance_divergence(n, rest, rng)
    cut = CATCH_ALL * float(np.median(list(excess.values())))
    return sorted((v for v, e in excess.items() if e < cut), key=str)


def routed_like(field: str, named: set[Scalar], said: Statements, metas: dict[str, ConversationMeta],
                model: TopicModel | None) -> Routed:
    """The conversations of ``field``'s catch-all values that say what the conversations the business
    routed to ``named`` say (``AGREE`` of a statement's nearest routed statements)."""
    left = [v for v in catch_alls(field, said, metas, model) if v not in named]
    routed = Routed(field=field, catch_alls=left)
    if not left:
        return routed
    values = [_value(metas, c, field) for c in said.conversation_ids]
    small = {t.id for t in model.topics if t.small_talk} if model else set()
    query = [i for i, v in enumerate(values) if v in left]
    reference = [i for i, v in enumerate(values) if v is not None and v not in left]
    if not query or len(reference) <= NEIGHBOURS:
        return routed
    if len(reference) > MAX_REFERENCE:
        reference = [reference[i] for i in np.linspace(0, len(reference) - 1, MAX_REFERENCE).astype(int)]
    # a conversation's statements beside any subject (small talk) say nothing of where it belongs
    by_conversation: dict[str, list[int]] = defaultdict(list)
    for i in query:
        by_conversation[said.conversation_ids[i]].append(i)
    asked = []
    for rows in by_conversation.values():
        telling = [i for i in rows if said.topics is None or int(said.topics[i]) not in small]
        asked += telling or rows
    vectors = said.vectors(np.asarray(asked + reference))
    vectors = vectors - vectors.mean(axis=0)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    queries, references = vectors[:len(asked)], vectors[len(asked):]
    under = np.asarray([values[i] in named for i in reference])
    agree = np.zeros(len(asked), dtype=bool)
    for start in range(0, len(asked), BLOCK):
        sims = queries[start:start + BLOCK] @ references.T
        nearest = np.argpartition(-sims, NEIGHBOURS - 1, axis=1)[:, :NEIGHBOURS]
        agree[start:start + BLOCK] = under[nearest].mean(axis=1) >= AGREE
    routed.conversations = {said.conversation_ids[i] for i, yes in zip(asked, agree.tolist()) if yes}
    return routed


def _value(metas: dict[str, ConversationMeta], conversation: str, field: str) -> Scalar | None:
    meta = metas.get(conversation)
    return meta.metadata.get(field) if meta is not None else None
