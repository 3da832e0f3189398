"""Drivers as grown sub-topics: the population's statements grouped by meaning.

Phrase themes (``assistant/analysis/phrases.py``) find a reason when customers repeat its words; a
reason told fifteen ways ("nobody has called me since the assessor came", "still waiting to
hear back about the burst pipe") shares no phrase and splits into weak fragments. Here the
population's reason statements (what they say beyond restating the topic) are clustered by
meaning — on vectors centred on the population's mean, so what every statement of the
business shares does not make two reasons look alike — with scikit-learn's agglomerative
clustering (average linkage on cosine distance: no number of clusters to guess, and the
cut is a distance, the same at any population size); above ``MAX_AGGLOMERATIVE``
statements it clusters an even sample and assigns the rest to the nearest centre, so time
and memory stay bounded. Each cluster is a candidate
theme, tested for growth like a phrase theme and joined with phrase themes that mean the same.
"""

from __future__ import annotations

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from assistant.analysis.phrases import _join_similar, centered
from assistant.analysis.themes import Growth, Theme, _benjamini_hochberg
from assistant.text.words import content_words
from vectorstore.topics import c_tf_idf

DISTANCE = 0.45  # average cosine distance (centred vectors) within one reason
MIN_WORDS = 3  # a statement with fewer content words says too little to carry a reason
MIN_CONVERSATIONS = 4
MAX_AGGLOMERATIVE = 2000  # about 0.4 s on 2 cores; a larger population is clustered on a sample


def _clusters(matrix: np.ndarray, seed: int = 0) -> np.ndarray:
    """A cluster per row: agglomerative over at most ``MAX_AGGLOMERATIVE`` rows (an even
    sample past that), the other rows assigned to the nearest cluster centre."""
    n = len(matrix)
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=DISTANCE)
    if n <= MAX_AGGLOMERATIVE:
        return model.fit_predict(matrix)
    sample = np.random.default_rng(seed).choice(n, MAX_AGGLOMERATIVE, replace=False)
    labels = model.fit_predict(matrix[sample])
    centres = np.stack([matrix[sample[labels == c]].mean(axis=0) for c in range(int(labels.max()) + 1)])
    centres /= np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-9)
    return (matrix @ centres.T).argmax(axis=1)


def subtopic_themes(conversation_ids: list[str], reasons: list[str], matrix: np.ndarray, growth: Growth) -> list[Theme]:
    """Themes of statements that mean the same reason, each with its growth p-value.
    ``reasons`` are the statements with the topic's own words taken out (empty: a restatement)."""
    rows = [i for i, text in enumerate(reasons) if len(content_words(text)) >= MIN_WORDS]
    if len(rows) < 2 * MIN_CONVERSATIONS or matrix.shape[1] < 2:
        return []
    vectors = centered(matrix, rows)
    labels = _clusters(vectors)
    k = int(labels.max()) + 1
    keywords = c_tf_idf([reasons[r] for r in rows], labels, k)
    themes = []
    for c in range(k):
        members = [rows[i] for i in np.flatnonzero(labels == c).tolist()]
        convs = {conversation_ids[r] for r in members}
        if len(convs) < MIN_CONVERSATIONS:
            continue
        cur, base = growth.counts(convs)
        words = keywords[c][:6] or sorted({w for r in members[:3] for w in content_words(reasons[r])})[:4]
        themes.append(Theme(label=" / ".join(words[:3]), keywords=words, conversations=convs, current=cur,
                            baseline=base, p_value=growth.p_value(cur, base), rows=sorted(members)))
    return themes


def combined(phrase_themes: list[Theme], subtopics: list[Theme], matrix: np.ndarray, growth: Growth,
             limit: int = 8) -> list[Theme]:
    """Phrase themes and rising sub-topics as one list of candidate drivers: those that tell one
    reason joined (``_join_similar``), every candidate's q-value by Benjamini–Hochberg over
    all of them (screened as phrases are: those whose count rose), largest growth first."""
    rising = [t for t in subtopics if t.current > t.baseline]
    themes = phrase_themes + rising
    if matrix is not None and len(themes) > 1:
        themes = _join_similar(themes, matrix, growth)
    q = _benjamini_hochberg([t.p_value for t in themes])  # screened like the phrases: the rising ones
    for theme, qv in zip(themes, q):
        theme.q_value = qv
    themes.sort(key=lambda t: (-t.growth, t.label))
    return themes[:limit]
