"""Themes among what customers said, and which of them count as drivers of a change.

A theme (found by `assistant/phrases.py`) is a *driver* when its share of the population
grew significantly from the baseline to the current window (one-sided Fisher exact test,
Benjamini–Hochberg over all themes) and it added a meaningful number of conversations: a
large theme that merely kept its share — even if it grew with the population — is not a
driver, and neither is a tiny one whose growth could be chance.
"""

from __future__ import annotations

import re

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

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
    "regards", "cheers", "kind", "dear", "hiya", "touch", "writing", "concern", "problem",
    "good", "evening", "theres", "isnt", "wasnt", "arent", "havent", "hasnt", "wont", "couldnt", "wouldnt",
    "shouldnt", "whats", "hes", "shes", "weve", "theyre", "youve", "lets",
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
    rows: list[int] = Field(default_factory=list)  # rows of the statement matrix in this theme
    centroid: np.ndarray | None = None

    @property
    def growth(self) -> int:
        return self.current - self.baseline


def content_words(text: str) -> list[str]:
    words = [w.replace("'", "") for w in WORD.findall(text.lower())]
    return [w for w in words if w not in STOP and len(w) > 2 and not w.isdigit()]


def _benjamini_hochberg(p: list[float]) -> list[float]:
    order = sorted(range(len(p)), key=lambda i: p[i])
    q = [1.0] * len(p)
    running = 1.0
    for rank, i in reversed(list(enumerate(order, start=1))):
        running = min(running, p[i] * len(p) / rank)
        q[i] = running
    return q


def drivers(themes: list[Theme], population_rise: int, limit: int = 5) -> list[Theme]:
    """Themes whose share grew significantly and that added a meaningful number of conversations."""
    floor = max(3, 0.05 * max(population_rise, 0))
    rising = [t for t in themes if t.q_value < ALPHA and t.growth >= floor]
    return sorted(rising, key=lambda t: (-t.growth, t.p_value, t.label))[:limit]


def representatives(theme: Theme, matrix: np.ndarray, conversation_ids: list[str], prefer: set[str], n: int = 3) -> list[int]:
    """Rows closest to the theme's centre, one per conversation, preferring ``prefer``."""
    rows = sorted(theme.rows, key=lambda r: (conversation_ids[r] not in prefer, -float(matrix[r] @ theme.centroid), r))
    chosen, seen = [], set()
    for r in rows:
        if conversation_ids[r] not in seen:
            seen.add(conversation_ids[r])
            chosen.append(r)
        if len(chosen) == n:
            break
    return chosen


LABEL_WORDS = 10


def _cut(text: str, words: set[str]) -> str:
    """``text`` cut to at most ``LABEL_WORDS`` words, keeping the stretch with most of ``words``."""
    tokens = text.strip().rstrip(".!?,;").split()
    if len(tokens) <= LABEL_WORDS:
        return " ".join(tokens)
    marks = [bool(words & set(content_words(t))) for t in tokens]
    start = max(range(len(tokens) - LABEL_WORDS + 1), key=lambda i: (sum(marks[i:i + LABEL_WORDS]), -i))
    cut = " ".join(tokens[start:start + LABEL_WORDS])
    return ("… " if start else "") + cut + (" …" if start + LABEL_WORDS < len(tokens) else "")


def quote_label(
    theme: Theme, texts: list[str], matrix: np.ndarray, conversation_ids: list[str], prefer: set[str],
    taken: set[str] = frozenset(),  # type: ignore[assignment]
) -> str:
    """A readable label in the customers' own words: the theme's statement that uses most of its
    keywords (closest to the theme's centre on ties, the current window's first), cut to at
    most ``LABEL_WORDS`` words around its keywords. A label another theme already has
    (``taken``) is passed over."""
    words = {w for k in theme.keywords for w in k.split()}
    labels = {r: _cut(texts[r], words) for r in theme.rows}
    rows = [r for r in theme.rows if labels[r] not in taken]
    if not rows:
        return theme.label

    def score(r: int) -> tuple:  # a statement that says something (six content words) beats a short aside
        said = content_words(texts[r])
        hits = len(words & set(said))
        close = float(matrix[r] @ theme.centroid) if theme.centroid is not None else 0.0
        return (conversation_ids[r] in prefer, hits > 0, min(len(said), 6), hits, close, -r)

    return labels[max(rows, key=score)]
