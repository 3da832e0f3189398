"""The store's own topics: what its customers talk about, learned from their statements.

A topic model is a numbered version of centroids (one per topic, unit vectors in the
statement embedding space) with each topic's keywords, readable label, representative
quotes and size. Every customer statement row carries the id of the topic it was assigned
to (``statements.topic``); a statement written after the fit is assigned to the nearest
existing centroid as it is written, and a re-fit (``ingest/topics.py``) writes a new version
and reassigns every statement. Answers say which version they used.

Nothing here decides what a topic is; it only keeps what the fit found.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from sklearn.feature_extraction.text import CountVectorizer

from convoscope.english import STOP_WORDS, without_redactions

TOPIC_SCHEMA = """
CREATE TABLE IF NOT EXISTS topic_models (
    version INTEGER PRIMARY KEY,
    fitted_at TEXT NOT NULL,
    statements INTEGER NOT NULL,
    conversations INTEGER NOT NULL,
    method TEXT NOT NULL,
    fit_similarity REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS topics (
    version INTEGER NOT NULL,
    id INTEGER NOT NULL,
    label TEXT NOT NULL,
    keywords TEXT NOT NULL,
    size INTEGER NOT NULL,
    conversations INTEGER NOT NULL,
    quotes TEXT NOT NULL,
    small_talk INTEGER NOT NULL,
    centroid BLOB NOT NULL,
    PRIMARY KEY (version, id)
);
"""
UNASSIGNED = -1
KEYWORDS = 8


class Quote(BaseModel):
    conversation_id: str
    turn: int
    text: str


class Topic(BaseModel):
    """One topic of the store: its centre, words and examples."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    id: int
    label: str
    keywords: list[str]
    size: int  # statements assigned at the fit
    conversations: int  # conversations with at least one of them
    quotes: list[Quote] = Field(default_factory=list)
    small_talk: bool = False  # greetings, thanks, yes/no: what every conversation has
    centroid: np.ndarray = Field(exclude=True, repr=False)


class TopicModel(BaseModel):
    """A fitted version of the store's topics."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    version: int
    fitted_at: datetime
    statements: int
    conversations: int
    method: str
    fit_similarity: float  # median similarity of fitted statements to their centroid (drift reference)
    topics: list[Topic]

    def centroids(self) -> np.ndarray:
        return np.stack([t.centroid for t in self.topics]).astype(np.float32)

    def describe(self, when: bool = True) -> str:
        fitted = f", {self.fitted_at:%d %b %Y %H:%M} UTC" if when else ""
        return (f"topic model v{self.version} ({len(self.topics)} topics learned from {self.statements:,} customer "
                f"statements{fitted}, {self.method})")

    def by_id(self) -> dict[int, Topic]:
        return {t.id: t for t in self.topics}

    def assign(self, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each vector's nearest topic id and its similarity to that centroid."""
        if not len(vectors):
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        sims = np.asarray(vectors, dtype=np.float32) @ self.centroids().T
        best = sims.argmax(axis=1)
        ids = np.asarray([t.id for t in self.topics], dtype=np.int64)
        return ids[best], sims[np.arange(len(best)), best]


def ensure_topic_schema(db: sqlite3.Connection) -> None:
    """The topic tables, and the ``topic`` column of older stores' statements."""
    db.executescript(TOPIC_SCHEMA)
    columns = {row[1] for row in db.execute("PRAGMA table_info(statements)")}
    if "topic" not in columns:
        db.execute(f"ALTER TABLE statements ADD COLUMN topic INTEGER NOT NULL DEFAULT {UNASSIGNED}")
        db.commit()
    db.execute("CREATE INDEX IF NOT EXISTS statements_topic ON statements(topic)")


class StatementStats(BaseModel):
    """What deciding on a re-fit needs, read without loading the statement table."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    statements: int
    unassigned: int
    recent: np.ndarray  # the vectors of the newest statements


def statement_stats(cur: sqlite3.Cursor, recent: int = 500, row_id: str = "rowid") -> StatementStats:
    total = cur.execute("SELECT COUNT(*) FROM statements").fetchone()[0]
    unassigned = cur.execute("SELECT COUNT(*) FROM statements WHERE topic = ?", (UNASSIGNED,)).fetchone()[0]
    blobs = [b for (b,) in cur.execute(f"SELECT vector FROM statements ORDER BY {row_id} DESC LIMIT ?", (recent,))]
    vectors = (np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(blobs), -1).astype(np.float32)
               if blobs else np.zeros((0, 0), np.float32))
    return StatementStats(statements=total, unassigned=unassigned, recent=vectors)


def has_topic_column(cur: sqlite3.Cursor) -> bool:
    return any(row[1] == "topic" for row in cur.execute("PRAGMA table_info(statements)"))


def latest_version(cur: sqlite3.Cursor) -> int | None:
    try:
        row = cur.execute("SELECT MAX(version) FROM topic_models").fetchone()
    except sqlite3.OperationalError:  # a store written before topics (read-only: no schema made)
        return None
    return row[0] if row else None


def load_model(cur: sqlite3.Cursor, version: int | None = None) -> TopicModel | None:
    """The topic model of ``version`` (the latest when None), or None when none was fitted."""
    version = latest_version(cur) if version is None else version
    if version is None:
        return None
    head = cur.execute(
        "SELECT version, fitted_at, statements, conversations, method, fit_similarity FROM topic_models "
        "WHERE version = ?",
        (version,),
    ).fetchone()
    if head is None:
        return None
    topics = [
        Topic(id=tid, label=label, keywords=json.loads(keywords), size=size, conversations=convs,
              quotes=[Quote(**q) for q in json.loads(quotes)], small_talk=bool(small),
              centroid=np.frombuffer(blob, dtype=np.float32).copy())
        for tid, label, keywords, size, convs, quotes, small, blob in cur.execute(
            "SELECT id, label, keywords, size, conversations, quotes, small_talk, centroid FROM topics "
            "WHERE version = ? ORDER BY id", (version,))
    ]
    return TopicModel(version=head[0], fitted_at=datetime.fromisoformat(head[1]), statements=head[2],
                      conversations=head[3], method=head[4], fit_similarity=head[5], topics=topics)


def save_model(cur: sqlite3.Cursor, model: TopicModel, assignments: list[tuple[int, int]],
               row_id: str = "rowid") -> None:
    """Write ``model`` as a new version and reassign statements (``(row id, topic)`` pairs).
    The caller holds the transaction: a question sees the old model or the new one, never half
    of each."""
    insert_model(cur, model)
    cur.executemany(f"UPDATE statements SET topic = ? WHERE {row_id} = ?",
                    [(topic, row) for row, topic in assignments])
    forget_old(cur, model.version)


def forget_old(cur: sqlite3.Cursor, version: int) -> None:
    """Older versions are kept small: their centroids only (answers may name them)."""
    cur.execute("DELETE FROM topics WHERE version < ? - 2", (version,))


def insert_model(cur: sqlite3.Cursor, model: TopicModel) -> None:
    """The rows of a new topic model version (its head and its topics)."""
    cur.execute("INSERT INTO topic_models VALUES (?,?,?,?,?,?)",
                (model.version, model.fitted_at.isoformat(), model.statements, model.conversations, model.method,
                 model.fit_similarity))
    cur.executemany(
        "INSERT INTO topics VALUES (?,?,?,?,?,?,?,?,?)",
        [(model.version, t.id, t.label, json.dumps(t.keywords), t.size, t.conversations,
          json.dumps([q.model_dump() for q in t.quotes]), int(t.small_talk),
          np.asarray(t.centroid, dtype=np.float32).tobytes()) for t in model.topics],
    )


def c_tf_idf(texts: list[str], labels: np.ndarray, k: int) -> list[list[str]]:
    """Each cluster's top words and word pairs by class-based TF-IDF."""
    vectorizer = CountVectorizer(stop_words=sorted(STOP_WORDS), ngram_range=(1, 2), min_df=2,
                                 token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z'-]{2,}\b")
    try:
        counts = vectorizer.fit_transform([without_redactions(t) for t in texts])
    except ValueError:  # nothing but stop words
        return [[] for _ in range(k)]
    terms = vectorizer.get_feature_names_out()
    per_class = np.zeros((k, counts.shape[1]), dtype=np.float64)
    for c in range(k):
        rows = np.flatnonzero(labels == c)
        if len(rows):
            per_class[c] = np.asarray(counts[rows].sum(axis=0)).ravel()
    tf = per_class / np.maximum(per_class.sum(axis=1, keepdims=True), 1)
    average = per_class.sum() / max(k, 1)
    idf = np.log(1 + average / np.maximum(per_class.sum(axis=0), 1))
    scores = tf * idf
    out = []
    for c in range(k):
        top = [int(i) for i in np.argsort(-scores[c])[: KEYWORDS * 3] if scores[c, i] > 0]
        words: list[str] = []
        for i in top:  # a pair and its own words say the same: keep the pair, then other words
            term = terms[i]
            if any(term in w.split() or (" " in term and set(term.split()) <= set(w.split())) for w in words):
                continue
            words = [w for w in words if not (" " in term and w in term.split())] + [term]
            if len(words) == KEYWORDS:
                break
        out.append(words)
    return out


def divergence(p: np.ndarray, q: np.ndarray) -> float:
    """Jensen–Shannon divergence of two distributions over the same topics (natural log)."""
    m = (p + q) / 2

    def kl(a: np.ndarray) -> float:
        seen = a > 0
        return float(np.sum(a[seen] * np.log(a[seen] / m[seen])))
    return 0.5 * kl(p) + 0.5 * kl(q)


def chance_divergence(n: int, everyone: np.ndarray, rng: np.random.Generator, draws: int = 20) -> float:
    """The divergence from ``everyone`` (a distribution) that ``n`` statements drawn from it at
    random reach, on average: what a mix of that size shows by chance alone."""
    return float(np.mean([divergence(rng.multinomial(n, everyone) / n, everyone) for _ in range(draws)]))
