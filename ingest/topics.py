"""Learning the store's topics from its customer statements, and keeping them current.

Why this method: statements are already embedded at ingest, so a topic model is a
clustering of those vectors plus words for each cluster. scikit-learn's MiniBatchKMeans
clusters hundreds of thousands of vectors in seconds on a CPU and leaves no outliers (every
statement has a topic, so every conversation can be counted), where UMAP + HDBSCAN take
hours past ~200k documents and leave 30–50 % unassigned. Keywords are class-based TF-IDF
(BERTopic's c-TF-IDF: a cluster's word frequencies against all clusters'), computed with
scikit-learn's CountVectorizer. Past ``FIT_SAMPLE`` statements the model is fitted on an
even sample and the rest are assigned to the nearest centroid, as BERTopic's maintainer
advises for large corpora.

When: after an ingest, a store with no model is fitted once it has ``MIN_STATEMENTS``;
a model is re-fitted when the store holds ``REFIT_GROWTH`` times the statements it was
fitted on, or when the statements written since fit it badly (drift: most of them are
farther from their centroid than the fit's median). New statements between fits are
assigned to existing topics as they are written (``vectorstore/conversations.py``).
``convoscope topics --refit`` re-fits on demand.

Small talk is set aside from the topics questions and the overview read: greetings, thanks and
yes/no (few content words), customers giving their details for verification (statements that are
mostly redacted values: "it's Mrs [NAME], policy …"), and, in a store whose conversations each give
one reason, what customers say whatever the reason ("I just want it sorted to be honest"): a topic
whose conversations hold the store's reasons as often as any does (``said_with_any_reason``), or
whose conversations hold what all conversations hold (``asides``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime, timezone

import numpy as np
from scipy import sparse
from sklearn.cluster import MiniBatchKMeans

from convoscope.english import (
    STOP_WORDS,
    clause_cut,
    is_reference,
    without_addressing,
    without_opening,
    without_redactions,
)
from vectorstore import Store
from vectorstore.topics import Quote, StatementStats, Topic, TopicModel, c_tf_idf, chance_divergence, divergence

MIN_STATEMENTS = 40
FIT_SAMPLE = 200_000
KMEANS_PLUS_PLUS = 30_000
REFIT_GROWTH = 1.5
DRIFT_SHARE = 0.6  # of new statements farther from their centroid than the fit's median
MIN_DRIFT_SAMPLE = 200
QUOTES = 3
LABEL_WORDS = 8
SMALL_TALK_WORDS = 1.5  # a topic whose statements average fewer content words is small talk
DETAILS_SHARE = 0.8  # a topic with this share of statements holding a redacted detail is customers giving their details
WORD = re.compile(r"(?u)\b[a-z][a-z'-]{2,}\b")
METHOD = "minibatch-kmeans + c-tf-idf"


def topic_count(n: int) -> int:
    """How many topics for ``n`` statements: about one per 100 statements at first, growing
    with the square root after (a store twice as large has more, finer topics), 8 … 400."""
    return int(min(400, max(8, min(n / 100, 12 * math.sqrt(n / 100)))))


def _content(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in STOP_WORDS]


def label_of(texts: list[str], keywords: list[str]) -> str:
    """A short phrase in the customers' words: among the statements nearest the centre
    (``texts``, nearest first), the one using most keywords, cut to the stretch of at most
    ``LABEL_WORDS`` words holding most of them; plain words, no leading or trailing ellipsis."""
    marks = {w for k in keywords[:5] for w in k.split()}
    if not texts:
        return " / ".join(keywords[:2]) or "(no words)"

    def score(i: int) -> tuple:
        said = _content(texts[i])
        return (len(marks & set(said)), min(len(said), 5), -i)

    best = texts[max(range(len(texts)), key=score)]
    said = without_opening(without_redactions(without_addressing(best)))  # no "[NAME]", "@AmazonHelp"
    tokens = [t for t in re.findall(r"[\w'£$€%-]+[,.;:!?]?", said)  # words, each with a clause's end
              if not is_reference(t) or _bare(t) in marks]  # nor one customer's "FB40339"
    if len(tokens) > LABEL_WORDS:
        hits = [_bare(t) in marks for t in tokens]
        start = max(range(len(tokens) - LABEL_WORDS + 1), key=lambda i: (sum(hits[i:i + LABEL_WORDS]), -i))
        tokens = clause_cut(tokens, start, LABEL_WORDS)
    return " ".join(_bare(t) for t in tokens) or " / ".join(keywords[:2])


def _bare(token: str) -> str:
    return token.lower().rstrip(",.;:!?")


def fit(
    conversation_ids: list[str], texts: list[str], vectors: np.ndarray, turns: list[int] | None = None,
    version: int = 1, seed: int = 0,
) -> tuple[TopicModel, np.ndarray]:
    """A topic model of these statements and each statement's topic id."""
    n = len(texts)
    k = min(topic_count(n), n)
    rng = np.random.default_rng(seed)
    sample = np.sort(rng.choice(n, FIT_SAMPLE, replace=False)) if n > FIT_SAMPLE else np.arange(n)
    # k-means++ seeds better clusters but costs minutes at k = 400 on 2 cores (each of its k steps
    # scans the initialisation sample): random seeds past KMEANS_PLUS_PLUS statements
    init = "k-means++" if len(sample) <= KMEANS_PLUS_PLUS else "random"
    km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3, max_iter=30, init=init)
    km.fit(vectors[sample])
    centroids = km.cluster_centers_.astype(np.float32)
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
    labels = np.empty(n, dtype=np.int64)
    sims = np.empty(n, dtype=np.float32)
    for start in range(0, n, 50_000):  # bounded memory: a block of similarities at a time
        block = vectors[start:start + 50_000] @ centroids.T
        labels[start:start + 50_000] = block.argmax(axis=1)
        sims[start:start + 50_000] = block.max(axis=1)
    keyword_rows = sample if n > FIT_SAMPLE else np.arange(n)
    keywords = c_tf_idf([texts[i] for i in keyword_rows.tolist()], labels[keyword_rows], k)
    topics: list[Topic] = []
    for c in range(k):
        rows = np.flatnonzero(labels == c)
        if not len(rows):
            continue
        near = rows[np.argsort(-sims[rows], kind="stable")]
        quotes, seen = [], set()
        for r in near.tolist():
            if conversation_ids[r] not in seen and len(_content(texts[r])) >= 2:
                seen.add(conversation_ids[r])
                quotes.append(Quote(conversation_id=conversation_ids[r], turn=turns[r] if turns else 0, text=texts[r]))
            if len(quotes) == QUOTES:
                break
        members = {conversation_ids[r] for r in rows.tolist()}
        words = float(np.mean([len(_content(texts[r])) for r in near[:200].tolist()]))
        details = float(np.mean([without_redactions(texts[r]) != texts[r] for r in near[:200].tolist()]))
        topics.append(Topic(id=c, label=label_of([texts[r] for r in near[:30].tolist()], keywords[c]),
                            keywords=keywords[c], size=len(rows), conversations=len(members), quotes=quotes,
                            small_talk=words < SMALL_TALK_WORDS or details >= DETAILS_SHARE, centroid=centroids[c]))
    for topic, independent, aside in zip(topics, said_with_any_reason(conversation_ids, labels, topics),
                                         asides(conversation_ids, labels, topics)):
        topic.small_talk = topic.small_talk or independent or aside
    model = TopicModel(version=version, fitted_at=datetime.now(timezone.utc), statements=n,
                       conversations=len(set(conversation_ids)), method=METHOD,
                       fit_similarity=float(np.median(sims)) if n else 0.0, topics=topics)
    return model, labels


INDEPENDENT = 0.7  # a topic whose conversations hold the store's reasons this often (1: as often as any) goes with any
EXCLUSIVE = 0.3  # ... and a reason's topic, the others at most this often
MIN_EXCLUSIVE_SHARE = 0.25  # of the topics: a store where fewer are exclusive does not keep reasons apart
MIN_TOPIC_CONVERSATIONS = 5


def said_with_any_reason(conversation_ids: list[str], labels: np.ndarray, topics: list[Topic]) -> list[bool]:
    """Per topic, whether customers say it whatever their conversation is about: an aside ("I just want it
    sorted to be honest"), a detail's answer ("it's Mrs [NAME], policy …"), a closing. A reason's topic
    rarely shares a conversation with another reason's; such a topic does as often as any conversation
    does. Measured as the rate at which a topic's conversations hold the store's likely reasons,
    against all conversations' rate (1: independent of the reason); the likely reasons are the half
    of the topics that share conversations least. Only where that half holds topics that keep apart
    (``EXCLUSIVE``) — a store whose conversations each give one reason; where they give several
    (real threads) no topic is set aside."""
    flags = [False] * len(topics)
    k = max((t.id for t in topics), default=-1) + 1
    if k < 4 or not len(labels):
        return flags
    _, conversation = np.unique(np.asarray(conversation_ids), return_inverse=True)
    incidence = sparse.csr_matrix((np.ones(len(labels)), (conversation, labels)), shape=(conversation.max() + 1, k))
    incidence.data[:] = 1.0  # a conversation holds a topic or not, however many of its statements do
    shared = (incidence.T @ incidence).toarray()
    size = np.diag(shared).copy()
    usable = np.zeros(k, dtype=bool)
    usable[[t.id for t in topics if not t.small_talk and t.conversations >= MIN_TOPIC_CONVERSATIONS]] = True
    if usable.sum() < 4:
        return flags
    share = size / incidence.shape[0]

    def rate(reasons: np.ndarray) -> np.ndarray:
        out = np.full(k, np.nan)
        for t in np.flatnonzero(usable):
            others = reasons.copy()
            others[t] = False
            out[t] = (shared[t, others].sum() / size[t]) / max(share[others].sum(), 1e-9)
        return out

    first = rate(usable)
    second = rate(usable & (first <= np.nanmedian(first[usable])))
    if (second[usable] < EXCLUSIVE).mean() < MIN_EXCLUSIVE_SHARE:
        return flags
    return [bool(usable[t.id] and second[t.id] >= INDEPENDENT) for t in topics]


ASIDE, REASON = 2.0, 3.0  # divergences, in multiples of chance's, of a topic said with any reason and of a reason's
MIN_REASONS = 0.2  # of the topics: a store where fewer keep to their own company does not keep reasons apart
MIN_CO_SAID = 100  # statements said beside a topic's: fewer, and its company cannot be told from chance
CHANCE_DRAWS = 20


def asides(conversation_ids: list[str], labels: np.ndarray, topics: list[Topic], seed: int = 0) -> list[bool]:
    """Per topic, whether customers say it beside anything at all ("we've had a nightmare month as it
    is", "I'm on my lunch break"): what else is said in its conversations is what is said in all of
    them. A reason keeps its own company (the leaflet's measurements beside the sofa that does not fit).
    Measured per topic as the Jensen–Shannon divergence between the topics said beside it and all
    statements' topics (its own and small talk left out), in multiples of the divergence a draw of as
    many statements at random reaches; set aside under ``ASIDE``. ``said_with_any_reason`` asks whether
    a topic shares conversations with reasons as often as any does, which a reason split over several
    topics also does; this asks which topics it shares them with. Only where at least ``MIN_REASONS``
    of the topics clearly keep their own company (``REASON``): where conversations each say two or
    three things at random, every topic's company is everyone's and none is set aside."""
    k = max((t.id for t in topics), default=-1) + 1
    flags = [False] * len(topics)
    if k < 4 or not len(labels):
        return flags
    _, conversation = np.unique(np.asarray(conversation_ids), return_inverse=True)
    counts = sparse.csr_matrix((np.ones(len(labels)), (conversation, labels)), shape=(conversation.max() + 1, k))
    holds = counts.copy()
    holds.data[:] = 1.0
    beside = (holds.T @ counts).toarray()  # [t, u]: statements of topic u in the conversations that hold t
    counted = np.zeros(k, dtype=bool)
    counted[[t.id for t in topics if not t.small_talk]] = True
    total = np.asarray(counts.sum(axis=0)).ravel() * counted
    rng = np.random.default_rng(seed)
    ratio = np.full(k, np.nan)
    for t in np.flatnonzero(counted).tolist():
        said, everyone = beside[t] * counted, total.copy()
        said[t] = everyone[t] = 0.0
        n = int(said.sum())
        if n < MIN_CO_SAID or not everyone.sum():
            continue
        everyone /= everyone.sum()
        chance = chance_divergence(n, everyone, rng, CHANCE_DRAWS)
        ratio[t] = divergence(said / n, everyone) / max(chance, 1e-12)
    measured = ratio[~np.isnan(ratio)]
    if not len(measured) or (measured >= REASON).mean() < MIN_REASONS:
        return flags
    return [bool(ratio[t.id] < ASIDE) for t in topics]


def needs_fit(model: TopicModel | None, stats: StatementStats) -> str | None:
    """Why the store's topics should be (re-)fitted now, or None. Decided from counts and the
    newest statements only: an ingest of many small batches does not read the whole table."""
    n = stats.statements
    if model is None:
        return "first fit" if n >= MIN_STATEMENTS else None
    if n >= REFIT_GROWTH * model.statements:
        return f"the store grew from {model.statements:,} to {n:,} statements"
    if stats.unassigned:
        return "statements without a topic (merged from shards)"
    if len(stats.recent) >= MIN_DRIFT_SAMPLE and n > model.statements:
        _, sims = model.assign(stats.recent)
        if float((sims < model.fit_similarity).mean()) >= DRIFT_SHARE:
            return "the newest statements fit the topics badly (drift)"
    return None


def maintain(store: Store, force: bool = False, log: Callable[[str], None] | None = None) -> TopicModel | None:
    """Fit or re-fit the store's topics when due (always with ``force``). Returns the model
    in force afterwards."""
    conversations = store.conversations
    model = conversations.topic_model()
    reason = "asked for" if force else needs_fit(model, conversations.statement_stats())
    if reason:
        ids, turns, texts, vectors, rowids, _ = conversations.statement_rows()
        if len(texts) < 2:
            return model
        version = (model.version + 1) if model else 1
        if log:
            log(f"learning the store's topics ({reason}): {len(texts):,} statements")
        fitted, labels = fit(ids, texts, vectors, turns, version=version)
        conversations.save_topics(fitted, list(zip(rowids.tolist(), labels.tolist())))
        return fitted
    return model
