"""Texts said again are embedded once, and get the vector their first occurrence got."""

from __future__ import annotations

import numpy as np

from convoscope.models import Conversation
from embedding.embedders import HashEmbedder
from embedding.repeats import Repeats
from ingest import ingest_conversations


class Counting:
    """The hash embedder, recording every text it is asked to embed."""

    def __init__(self) -> None:
        self.inner = HashEmbedder(64)
        self.name, self.dim = self.inner.name, self.inner.dim
        self.seen: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.seen += texts
        return self.inner.embed(texts)


def test_each_distinct_text_is_embedded_once_and_keeps_its_vector():
    counting = Counting()
    repeats = Repeats(counting)
    first = repeats.embed(["a refund please", "my bill is wrong", "a refund please"])
    second = repeats.embed(["my bill is wrong", "the app crashes"])
    assert counting.seen == ["a refund please", "my bill is wrong", "the app crashes"]
    assert np.array_equal(first[0], first[2]) and np.array_equal(first[1], second[0])
    assert np.allclose(second, counting.inner.embed(["my bill is wrong", "the app crashes"]))
    assert repeats.embed([]).shape == (0, 64)


def test_long_texts_are_not_kept_and_the_kept_ones_are_bounded():
    counting = Counting()
    repeats = Repeats(counting, keep=2, short=20)
    long = "a chunk of several turns, longer than twenty characters"
    repeats.embed([long, "one", "two", "three"])
    repeats.embed([long, "one", "three"])  # "one" was the first kept, so the first let go
    assert counting.seen.count(long) == 2 and counting.seen.count("one") == 2 and counting.seen.count("three") == 1


def _conversation(n: int, said: str) -> Conversation:
    return Conversation.model_validate({
        "id": f"c-{n}", "channel": "chat", "started_at": "2026-05-01T10:00:00Z",
        "agent": {"id": "a-1", "type": "human"},
        "turns": [{"speaker": "agent", "text": "How can I help?"},
                  {"speaker": "customer", "text": said},
                  {"speaker": "customer", "text": f"my order number is {1000 + n} and it never came"}]})


def test_an_ingest_embeds_a_statement_many_customers_make_once(fake):
    counting = Counting()
    fake.embedder = counting
    said = "I was charged twice for the same month"
    ingest_conversations(fake, [_conversation(n, said) for n in range(300)])  # three batches
    assert counting.seen.count(said) == 1
    vectors = fake.conversations.statements().vectors(list(range(600)))
    texts = fake.conversations.statements().texts
    rows = [i for i, t in enumerate(texts) if t == said]
    assert len(rows) == 300 and all(np.array_equal(vectors[rows[0]], vectors[r]) for r in rows)
