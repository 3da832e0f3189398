"""Themes among what customers said, and which of them drove a change.

Customer turns of the population are clustered by meaning (agglomerative, cosine,
average linkage), each cluster labelled by its most distinctive words (class-based
TF-IDF, as BERTopic does). A theme is a *driver* when its share of the population grew
significantly from the baseline to the current window (one-sided Fisher exact test,
Benjamini–Hochberg over all themes): a large theme that merely kept its share — even if
it grew with the population — is not a driver, and neither is a tiny one whose growth
could be chance.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from scipy.stats import fisher_exact
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

DISTANCE = 0.55  # cosine distance at which clusters stop merging
MIN_CONVERSATIONS = 3
MIN_CONTENT_WORDS = 2  # "fine", "no thanks", "that's all" say nothing about why
ALPHA = 0.05
FILLERS = {
    "um", "uh", "erm", "hmm", "yeah", "yes", "yep", "ok", "okay", "hi", "hello", "hey", "thanks", "thank",
    "please", "just", "like", "know", "really", "actually", "basically", "gonna", "wanna", "got", "get",
    "im", "ive", "dont", "cant", "its", "thats", "didnt", "doesnt", "youre", "id", "ill", "want", "need",
    "said", "say", "going", "tell", "help", "sure", "right", "well", "oh", "hey", "guys", "lol", "team",
    # verbs and nouns every story uses: they name no reason
    "says", "saying", "told", "asked", "tried", "trying", "think", "thought", "getting", "looked", "look",
    "came", "went", "knew", "seen", "make", "made", "way", "thing", "things", "lot", "bit", "day", "days",
    "week", "weeks", "month", "months", "today", "yesterday", "time", "times", "morning", "afternoon",
    "regards", "cheers", "kind", "dear", "hiya", "lumora", "touch", "writing", "concern", "problem",
}
STOP = set(ENGLISH_STOP_WORDS) | FILLERS
WORD = re.compile(r"[a-z][a-z0-9']+")


class Theme(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    label: str
    keywords: list[str]
    conversations: set[str]
    current: int = 0
    baseline: int = 0
    p_value: float = 1.0
    q_value: float = 1.0
    rows: list[int] = Field(default_factory=list)  # rows of the turn matrix in this theme
    centroid: np.ndarray | None = None

    @property
    def growth(self) -> int:
        return self.current - self.baseline


def content_words(text: str) -> list[str]:
    words = [w.replace("'", "") for w in WORD.findall(text.lower())]
    return [w for w in words if w not in STOP and len(w) > 2 and not w.isdigit()]


def _tokens(text: str) -> list[str]:
    words = content_words(text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def label_clusters(texts_by_cluster: list[list[str]], top: int = 6) -> list[list[str]]:
    """Class-based TF-IDF: the words and bigrams most distinctive of each cluster."""
    counts = [Counter(t for text in texts for t in set(_tokens(text))) for texts in texts_by_cluster]
    df = Counter(t for c in counts for t in c)
    n = len(counts)
    out = []
    for texts, c in zip(texts_by_cluster, counts):
        size = max(len(texts), 1)
        scored = sorted(
            ((freq / size) * math.log(1 + n / df[t]) * (1.15 if " " in t else 1.0), t)
            for t, freq in c.items() if freq >= max(2, 0.15 * size)
        )[::-1]
        chosen: list[str] = []
        for _, term in scored:
            if any(term in k or k in term for k in chosen):
                continue
            chosen.append(term)
            if len(chosen) == top:
                break
        out.append(chosen)
    return out


def cluster(matrix: np.ndarray, distance: float = DISTANCE) -> np.ndarray:
    if len(matrix) < 2:
        return np.zeros(len(matrix), dtype=int)
    model = AgglomerativeClustering(n_clusters=None, distance_threshold=distance, metric="cosine", linkage="average")
    return model.fit_predict(matrix)


def _benjamini_hochberg(p: list[float]) -> list[float]:
    order = sorted(range(len(p)), key=lambda i: p[i])
    q = [1.0] * len(p)
    running = 1.0
    for rank, i in reversed(list(enumerate(order, start=1))):
        running = min(running, p[i] * len(p) / rank)
        q[i] = running
    return q


def discover(
    matrix: np.ndarray,
    conversation_ids: list[str],
    texts: list[str],
    current: set[str],
    baseline: set[str],
    distance: float = DISTANCE,
) -> list[Theme]:
    """Themes among turns (rows of ``matrix``), with counts in the current and baseline sets
    of conversations (either may be empty for a summary) and a growth test."""
    informative = [i for i, text in enumerate(texts) if len(content_words(text)) >= MIN_CONTENT_WORDS]
    labels = np.full(len(texts), -1)
    if informative:
        labels[informative] = cluster(matrix[informative], distance)
    themes: list[Theme] = []
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        if label >= 0:
            groups.setdefault(int(label), []).append(row)
    kept = [rows for rows in groups.values() if len({conversation_ids[r] for r in rows}) >= MIN_CONVERSATIONS]
    keywords = label_clusters([[texts[r] for r in rows] for rows in kept])
    n_current, n_baseline = len(current), len(baseline)
    for rows, words in zip(kept, keywords):
        convs = {conversation_ids[r] for r in rows}
        centroid = matrix[rows].mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        c, b = len(convs & current), len(convs & baseline)
        p = 1.0
        if n_current and n_baseline:
            p = float(fisher_exact([[c, n_current - c], [b, n_baseline - b]], alternative="greater")[1])
        themes.append(
            Theme(
                label=" / ".join(words[:3]) if words else texts[rows[0]][:40],
                keywords=words, conversations=convs, current=c, baseline=b, p_value=p, rows=rows, centroid=centroid,
            )
        )
    for theme, q in zip(themes, _benjamini_hochberg([t.p_value for t in themes])):
        theme.q_value = q
    return themes


def drivers(themes: list[Theme], population_rise: int, limit: int = 5) -> list[Theme]:
    """Themes whose share grew significantly and that added a meaningful number of conversations."""
    floor = max(3, 0.05 * max(population_rise, 0))
    rising = [t for t in themes if t.q_value < ALPHA and t.growth >= floor]
    return sorted(rising, key=lambda t: (-t.growth, t.p_value))[:limit]


def stable(themes: list[Theme], exclude: list[Theme], limit: int = 2) -> list[Theme]:
    """Sizeable themes that held roughly flat: context that they did not drive the change."""
    flat = [
        t for t in themes
        if t not in exclude and t.baseline >= 5 and abs(t.growth) <= max(2, 0.3 * t.baseline) and t.keywords
    ]
    return sorted(flat, key=lambda t: -t.baseline)[:limit]


def representatives(theme: Theme, matrix: np.ndarray, conversation_ids: list[str], prefer: set[str], n: int = 3) -> list[int]:
    """Rows closest to the theme's centre, one per conversation, preferring ``prefer``."""
    rows = sorted(theme.rows, key=lambda r: (conversation_ids[r] not in prefer, -float(matrix[r] @ theme.centroid)))
    chosen, seen = [], set()
    for r in rows:
        if conversation_ids[r] not in seen:
            seen.add(conversation_ids[r])
            chosen.append(r)
        if len(chosen) == n:
            break
    return chosen
