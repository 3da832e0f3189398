"""Drivers as grown sub-topics: the population's statements grouped by meaning.

Phrase themes (``assistant/analysis/phrases.py``) find a reason when customers repeat its words; a
reason told fifteen ways ("nobody has called me since the assessor came", "still waiting to
hear back about the burst pipe") shares no phrase and splits into weak fragments. Here the
population's reason statements (what they say beyond restating the topic) are clustered by
meaning — on vectors centred on the population's mean, so what every statement of the
business shares does not make two reasons look alike — by SciPy's agglomerative clustering
(average linkage on cosine distance: no number of clusters to guess, and the cut is a
distance, the same at any population size); above ``MAX_AGGLOMERATIVE`` statements it
clusters an even sample and assigns the rest to the nearest centre, so time and memory stay
bounded.

One tree, cut twice. The close cut (``DISTANCE``) keeps apart reasons told in similar words;
but a reason told in many different words ("the storm ripped the tiles off", "the chimney
pots came down in the gale", "we've lost slates after the high winds") falls into several
close clusters, each too small to test. The wide cut (``WIDE_DISTANCE``) joins them — and
would also join a rising reason with a flat one beside it. So a wide cluster stands for one
reason only when every close part of it that can be tested rose (its share of the population
grew): paraphrases of one reason rise together, and a flat part is another reason. Otherwise
its close parts stand on their own. Parts too small to test are left out of the join. Each
resulting cluster is a candidate theme, tested for growth like a phrase theme and joined with
phrase themes that mean the same.

A second look, along chains (``chains=True``, asked for by the analysis only when the first
finds no driver): a reason told in many wordings (the unseen insurer's "the assessor came and
then total silence", "I've chased four times since the site visit") is a chain of paraphrases,
each near a few others and not all near each other, which a cut at one distance leaves in
fragments of one to four conversations. Ward's method joined only along each statement's
``NEIGHBOURS`` nearest follows the chain (``CHAIN_CLOSE`` and ``CHAIN_WIDE`` statements a
cluster). It is not the first look because on small populations the same clusters also join
two different rising reasons (a bank's contactless limits with its ATM declines), which the
distance cut keeps apart.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.cluster import AgglomerativeClustering
from sklearn.neighbors import kneighbors_graph

from assistant.analysis.phrases import _join_similar, centered
from assistant.analysis.themes import ALPHA, Growth, Theme, _benjamini_hochberg
from assistant.text.words import content_words
from vectorstore.topics import c_tf_idf

DISTANCE = 0.45  # average cosine distance (centred vectors) within one reason told in similar words
WIDE_DISTANCE = 0.7  # within one reason told in different words, when all its parts rose together
CHAIN_CLOSE, CHAIN_WIDE = 15, 50  # statements per cluster, on average, when clustered along chains
NEIGHBOURS = 20  # a chain follows each statement's nearest neighbours
MIN_WORDS = 3  # a statement with fewer content words says too little to carry a reason
MIN_CONVERSATIONS = 4
MAX_AGGLOMERATIVE = 2000  # about 0.4 s on 2 cores; a larger population is clustered on a sample


def _ward(rows: np.ndarray, size: int, graph) -> np.ndarray:
    """Ward's clusters of ``rows``, about ``size`` statements each, joined only along ``graph``
    (each statement's ``NEIGHBOURS`` nearest: a chain of paraphrases, not a ball around a centre)."""
    with warnings.catch_warnings():  # a graph in several pieces is joined up, as it should be: no warning
        warnings.simplefilter("ignore", UserWarning)
        return AgglomerativeClustering(n_clusters=max(2, len(rows) // size), connectivity=graph,
                                       linkage="ward").fit_predict(rows)


def _cuts(matrix: np.ndarray, seed: int = 0, chains: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Per row, its close cluster and its wide cluster (0-based labels): one average-linkage
    tree (or, with ``chains``, Ward's along the neighbour graph) over at most
    ``MAX_AGGLOMERATIVE`` rows (an even sample past that), the other rows assigned to the
    nearest centre of each cut."""
    n = len(matrix)
    sample = np.arange(n) if n <= MAX_AGGLOMERATIVE else np.sort(
        np.random.default_rng(seed).choice(n, MAX_AGGLOMERATIVE, replace=False))
    rows = matrix[sample]
    graph = kneighbors_graph(rows, min(NEIGHBOURS, len(rows) - 1), include_self=False) if chains else None
    tree = None if chains else linkage(rows, method="average", metric="cosine")
    cuts = []
    for distance, size in ((DISTANCE, CHAIN_CLOSE), (WIDE_DISTANCE, CHAIN_WIDE)):
        labels = _ward(rows, size, graph) if tree is None else fcluster(tree, t=distance, criterion="distance") - 1
        if n > len(sample):
            centres = np.stack([matrix[sample[labels == c]].mean(axis=0) for c in range(int(labels.max()) + 1)])
            centres /= np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-9)
            labels = (matrix @ centres.T).argmax(axis=1)
        cuts.append(labels)
    return cuts[0], cuts[1]


def _reasons(close: np.ndarray, wide: np.ndarray, conversation_ids: list[str], rows: list[int],
             growth: Growth) -> np.ndarray:
    """One label per row: its wide cluster where every testable close part of it rose (one
    reason in many words; parts too small to test stay apart, so a few statements of another
    reason nearby are not swept in), else its close cluster."""
    out = close.copy()
    offset = int(close.max()) + 1
    for w in np.unique(wide).tolist():
        rising, flat = [], False
        for part in np.unique(close[wide == w]).tolist():
            convs = {conversation_ids[rows[i]] for i in np.flatnonzero(close == part).tolist()}
            c, b = growth.counts(convs)
            if c + b < MIN_CONVERSATIONS:
                continue
            if c > b and growth.share_grew(c, b):
                rising.append(part)
            else:
                flat = True
        if len(rising) >= 2 and not flat:
            out[np.isin(close, rising)] = offset + w
    return np.unique(out, return_inverse=True)[1]


def subtopic_themes(conversation_ids: list[str], reasons: list[str], matrix: np.ndarray, growth: Growth,
                    chains: bool = False) -> list[Theme]:
    """Themes of statements that mean the same reason, each with its growth p-value.
    ``reasons`` are the statements with the topic's own words taken out (empty: a restatement);
    ``chains``: clustered along chains of paraphrases (``_ward``) instead of by distance."""
    rows = [i for i, text in enumerate(reasons) if len(content_words(text)) >= MIN_WORDS]
    if len(rows) < 2 * MIN_CONVERSATIONS or matrix.shape[1] < 2:
        return []
    vectors = centered(matrix, rows)
    close, wide = _cuts(vectors, chains=chains)
    labels = _reasons(close, wide, conversation_ids, rows, growth)
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


def word_themes(conversation_ids: list[str], texts: list[str], groups: list[list[str]], growth: Growth) -> list[Theme]:
    """One theme per word of a topic of several ("storm" and "damage" in "storm damage"): the
    conversations whose customers write that word. A topic of several words is their union, and
    which of its words rose is itself a reason ("storm", while "damage" of every kind held
    flat); a topic of one word is the word's own population, which never rises in share, so
    nothing is added there. ``groups``: each word in the forms customers write it."""
    groups = [g for g in groups if g]
    if len(groups) < 2:
        return []
    themes = []
    for forms in groups:
        pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                             + r")(?![\w])", re.I)
        rows = [i for i, text in enumerate(texts) if pattern.search(text)]
        convs = {conversation_ids[r] for r in rows}
        if len(convs) < MIN_CONVERSATIONS:
            continue
        cur, base = growth.counts(convs)
        themes.append(Theme(label=forms[0], keywords=list(forms[:6]), conversations=convs, current=cur,
                            baseline=base, p_value=growth.p_value(cur, base), rows=rows))
    # the rise is in one word only when another held: where every word rose ("card" and "payment"
    # in card payment problems), or none did, no word is the reason, and the sub-topics say what is
    # (a word theme joins the sub-topics close to it, so one kept for nothing would swallow them)
    rose = [t.p_value < ALPHA for t in themes]
    return [t for t, up in zip(themes, rose) if up] if any(rose) and not all(rose) else []
