"""Misspelled question words corrected against the words customers actually used.

"how many refnud requests in octobr" is asked as "refund … october": a word the store has
never seen is replaced by the most frequent stored word (or month name) within one edit
(two for long words), with the same first letter. Known words are never changed.
"""

from __future__ import annotations

import re

from convoscope import english

MONTH_NAMES = [names[0] for names in english.MONTHS]
MIN_USES = 3  # a correction must be a word customers used at least this often


def distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein distance (adjacent transpositions count one), ``limit + 1`` when above it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def correct(
    question: str, vocabulary: dict[str, int], keep: frozenset[str] = frozenset(), avoid: frozenset[str] = frozenset(),
    phrasing: frozenset[str] = frozenset(),
) -> str:
    """``question`` with unknown words of five letters or more corrected. ``keep`` words are
    never changed; ``avoid`` words (stop words: "drone" is not "done") are never the correction,
    except the ``phrasing`` words a question asks with ("increse" is "increase"), which come first."""

    def fix(match: re.Match) -> str:
        word = match.group(0)
        lower = word.lower()
        if len(lower) < 5 or lower in vocabulary or lower in keep or lower in MONTH_NAMES:
            return word
        if any(lower.endswith(end) and lower[: -len(end)] in vocabulary for end in ("s", "es", "ed", "ing")):
            return word  # "problems" where customers said "problem": an inflection, not a typo
        limit = 1 if len(lower) < 8 else 2
        candidates = [(w, n) for w, n in vocabulary.items() if n >= MIN_USES and w[:1] == lower[:1]
                      and w not in avoid] + [(m, 10**9) for m in (*MONTH_NAMES, *phrasing) if m[:1] == lower[:1]]
        scored = [(distance(lower, w, limit), -n, w) for w, n in candidates]
        scored = [s for s in scored if s[0] <= limit]
        return min(scored)[2] if scored else word

    return re.sub(r"[A-Za-z][a-z']+", fix, question)
