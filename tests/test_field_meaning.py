"""Narrowing a business field to the part of it a manager's phrase means (``field_meaning.narrow``),
on vectors made by hand: which statements count as what customers said, and which groups are kept."""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np

from assistant.analysis.field_meaning import narrow
from vectorstore.statements import Statements
from vectorstore.topics import Topic, TopicModel

DIM = 16
AXES = np.eye(DIM, dtype=np.float32)
NEW_CLAIM, CHASING, CHATTER = 1, 2, 3  # topic ids; CHATTER is small talk
SAID = {  # text, its direction, its topic, how many
    "a pipe burst in the loft and water came through the ceiling": (AXES[1], NEW_CLAIM, 40),
    "the assessor came round weeks ago and nobody has called me since": (AXES[0], CHASING, 20),
    # a reason in a topic learned as small talk (it shares one with the closing below)
    "since the loss adjuster's visit i've not had a single phone call": (AXES[0] + 0.3 * AXES[2], CHATTER, 10),
    "i'll wait for the call then": (AXES[2], CHATTER, 10),
}


def _said() -> tuple[Statements, TopicModel]:
    rng = np.random.default_rng(0)
    texts, vectors, topics = [], [], []
    for text, (direction, topic, n) in SAID.items():
        for _ in range(n):
            v = direction + 0.05 * rng.standard_normal(DIM).astype(np.float32)
            texts.append(text)
            vectors.append(v / np.linalg.norm(v))
            topics.append(topic)
    said = Statements(conversation_ids=[f"c{i}" for i in range(len(texts))], turns=[1] * len(texts), texts=texts,
                      matrix=np.stack(vectors), topics=np.asarray(topics))
    model = TopicModel(version=1, fitted_at=datetime(2026, 6, 1, tzinfo=timezone.utc), statements=len(texts),
                       conversations=len(texts), method="test", fit_similarity=0.5,
                       topics=[Topic(id=t, label=f"topic {t}", keywords=[], size=10, conversations=10,
                                     small_talk=t == CHATTER, centroid=AXES[t]) for t in (NEW_CLAIM, CHASING, CHATTER)])
    return said, model


def test_the_groups_the_phrase_means_are_kept_and_a_reason_said_among_small_talk_counts():
    said, model = _said()
    kept = narrow(said, np.arange(len(said.texts)), AXES[0], chance=0.0, model=model)
    assert kept is not None
    texts = {said.texts[i] for i in kept.keep}
    assert texts == {"the assessor came round weeks ago and nobody has called me since",
                     "since the loss adjuster's visit i've not had a single phone call"}


def test_a_field_whose_statements_all_come_close_to_the_phrase_is_not_narrowed():
    """When what would be left out is nearly as close to the phrase as what is kept, the field is meant whole."""
    said, model = _said()
    assert narrow(said, np.arange(len(said.texts)), (AXES[0] + AXES[1]) / np.sqrt(2), chance=0.0, model=model) is None


def test_a_field_that_says_one_thing_is_not_narrowed():
    said, model = _said()
    same = Statements(conversation_ids=said.conversation_ids, turns=said.turns, texts=said.texts,
                      matrix=np.tile(AXES[1], (len(said.texts), 1)), topics=np.full(len(said.texts), NEW_CLAIM))
    assert narrow(same, np.arange(len(same.texts)), AXES[0], chance=0.0, model=model) is None
