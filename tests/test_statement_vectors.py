"""Statement vectors fetched as questions need them are the vectors held whole: same rows,
same scores, whatever the budget, the order asked, or a re-fit since the table was read."""

import numpy as np
import pytest

from vectorstore.statement_vectors import FetchedVectors, HeldVectors

N, DIM = 5000, 12


@pytest.fixture
def table():
    rng = np.random.default_rng(3)
    matrix = rng.normal(size=(N, DIM)).astype(np.float16)
    topics = rng.integers(-1, 9, size=N)
    row_ids = rng.permutation(np.arange(10, 10 + 3 * N, 3))  # the store's ids, in no particular order
    return matrix, topics, row_ids


class Store:
    """What the conversation store answers: (id, vector) pairs by topic, by ids, or all."""

    def __init__(self, matrix, topics, row_ids, extra: int = 0) -> None:
        self.by_id = {int(i): matrix[r].tobytes() for r, i in enumerate(row_ids)}
        self.topic_of = {int(i): int(t) for i, t in zip(row_ids, topics)}
        for k in range(extra):  # written after the table was read
            self.by_id[10**6 + k] = np.ones(DIM, np.float16).tobytes()
            self.topic_of[10**6 + k] = 3
        self.calls: list[str] = []

    def fetch(self, kind, arg):
        self.calls.append(kind)
        if kind == "topic":
            return [(i, v) for i, v in self.by_id.items() if self.topic_of[i] == arg]
        if kind == "ids":
            return [(i, self.by_id[i]) for i in arg if i in self.by_id]
        return iter(self.by_id.items())


def test_fetched_rows_and_scores_equal_the_held_ones(table):
    matrix, topics, row_ids = table
    held = HeldVectors(matrix)
    store = Store(matrix, topics, row_ids, extra=50)
    fetched = FetchedVectors(store.fetch, row_ids, topics, DIM, budget=3 * 600 * DIM * 2)
    rng = np.random.default_rng(4)
    prototypes = rng.normal(size=(3, DIM)).astype(np.float32)
    for rows in (rng.choice(N, 40, replace=False), np.flatnonzero(np.isin(topics, [2, 5])),
                 rng.permutation(N)[:3000], np.arange(N)):
        assert np.array_equal(fetched.rows_of(rows), held.rows_of(rows))
        assert np.allclose(fetched.best_cosine(prototypes, rows), held.best_cosine(prototypes, rows))
    assert np.allclose(fetched.best_cosine(prototypes), held.best_cosine(prototypes))
    assert np.array_equal(fetched.rows_of(), held.rows_of())
    assert fetched._kept_bytes <= fetched.budget  # whole topics kept, the oldest let go
    assert {"topic", "ids", "all"} <= set(store.calls)


def test_a_topic_re_fitted_since_the_table_was_read_still_gives_every_row(table):
    matrix, topics, row_ids = table
    store = Store(matrix, topics, row_ids)
    moved = np.flatnonzero(topics == 4)[:100]
    for r in moved:  # a re-fit put these in topic 7
        store.topic_of[int(row_ids[r])] = 7
    fetched = FetchedVectors(store.fetch, row_ids, topics, DIM, budget=10**9)
    rows = np.flatnonzero(topics == 4)
    assert np.array_equal(fetched.rows_of(rows), matrix[rows].astype(np.float32))


def test_a_few_rows_of_a_topic_are_read_by_id_and_not_kept(table):
    matrix, topics, row_ids = table
    store = Store(matrix, topics, row_ids)
    fetched = FetchedVectors(store.fetch, row_ids, topics, DIM, budget=10**9)
    rows = np.flatnonzero(topics == 1)[:5]
    assert np.array_equal(fetched.rows_of(rows), matrix[rows].astype(np.float32))
    assert store.calls == ["ids"] and not fetched._kept


def test_a_tenth_of_a_large_topic_is_read_by_id_a_quarter_whole():
    """At a million conversations a question's statements are a tenth of most topics: those rows
    are read, not the whole topics (which would be thrown out again before the next question)."""
    rng = np.random.default_rng(5)
    n = 20_000
    matrix = rng.normal(size=(n, DIM)).astype(np.float16)
    topics, row_ids = np.ones(n, dtype=np.int64), np.arange(n) + 7
    store = Store(matrix, topics, row_ids)
    fetched = FetchedVectors(store.fetch, row_ids, topics, DIM, budget=10**9)
    tenth = np.sort(rng.choice(n, 2_500, replace=False))
    assert np.array_equal(fetched.rows_of(tenth), matrix[tenth].astype(np.float32))
    assert store.calls == ["ids"] and not fetched._kept
    quarter = np.sort(rng.choice(n, 5_000, replace=False))
    assert np.array_equal(fetched.rows_of(quarter), matrix[quarter].astype(np.float32))
    assert store.calls == ["ids", "topic"] and 1 in fetched._kept
