"""Which conversations belong to which of the store's topics, read from the statement table.

A conversation belongs to a topic when one of its customer statements was assigned to it
(at the topic fit, or as it was written). The statement table already holds, per row, a
number for its conversation (``owner``) and its topic id, so membership is a couple of
array operations over that table — no population search per topic, which would cost a
vector search and a text scan per topic and take minutes at 100,000 conversations.
Small-talk topics (greetings, thanks, yes/no) are left out: every conversation has them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from vectorstore.statements import Statements
from vectorstore.topics import Topic, TopicModel


class Membership(NamedTuple):
    """Conversation-topic pairs, each pair once: ``conversation[i]`` (a position in the ids
    the caller gave) belongs to ``topics[topic[i]]``."""

    topics: list[Topic]  # the topics counted (small talk left out), in the model's order
    conversation: np.ndarray  # int64 positions into the caller's ids
    topic: np.ndarray  # int64 positions into ``topics``
    rows: np.ndarray  # a statement row (into ``Statements``) behind each pair: the first one
    row_conversation: np.ndarray  # per statement row: its conversation's position (-1: not asked for)
    row_topic: np.ndarray  # per statement row: its topic's position (-1: small talk or none)

    def counts(self) -> np.ndarray:
        """Conversations per topic."""
        return np.bincount(self.topic, minlength=len(self.topics))

    def members(self, position: int) -> np.ndarray:
        """The conversation positions of ``topics[position]``."""
        return self.conversation[self.topic == position]


def membership(model: TopicModel | None, said: Statements | None, ids: list[str]) -> Membership:
    """The topic memberships of the conversations ``ids`` (those without statements have none)."""
    topics = [t for t in (model.topics if model else []) if not t.small_talk]
    empty = np.zeros(0, np.int64)
    if not topics or said is None or said.topics is None or not len(said.topics):
        return Membership(topics, empty, empty, empty, empty, empty)
    position_of_topic = np.full(max(t.id for t in model.topics) + 1, -1, np.int64)  # type: ignore[union-attr]
    position_of_topic[[t.id for t in topics]] = np.arange(len(topics))
    owner = said.owners()
    # each owner's conversation position in ``ids`` (-1: not asked for)
    first_rows = np.unique(owner, return_index=True)
    index = {cid: i for i, cid in enumerate(ids)}
    owner_position = np.full(int(owner.max()) + 1, -1, np.int64)
    owner_position[first_rows[0]] = [index.get(said.conversation_ids[r], -1) for r in first_rows[1].tolist()]
    tids = said.topics
    known = (tids >= 0) & (tids < len(position_of_topic))
    topic_position = np.full(len(tids), -1, np.int64)
    topic_position[known] = position_of_topic[tids[known]]
    conversation = owner_position[owner]
    keep = np.flatnonzero((topic_position >= 0) & (conversation >= 0))
    keys = conversation[keep] * len(topics) + topic_position[keep]
    unique, first = np.unique(keys, return_index=True)
    return Membership(topics, unique // len(topics), unique % len(topics), keep[first], conversation, topic_position)
