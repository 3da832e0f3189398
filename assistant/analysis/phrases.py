"""Phrase-level driver discovery: the words customers started using.

For every word and word pair in the population's customer statements (those that merely
restate the population, "I want to cancel", left out), count the conversations using it
in the current and the baseline window, and test whether it grew (``Growth``). Rising
phrases that name the same reason — used in the same conversations, or close in meaning —
are grouped into one theme, whose conversations are those using any of its phrases; the
theme is tested again as a whole (Benjamini–Hochberg over all themes). A phrase that grew
only because the population grew keeps its share and is not a driver; one with a handful
of uses cannot pass the test.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import numpy as np

from assistant.analysis.themes import Growth, Theme, _benjamini_hochberg
from assistant.text.words import CACHE, content_words

MIN_USES = 4
MIN_LIFT = 2.0  # a phrase must be at least this much more common in the population than elsewhere
SCREEN = 0.2  # exploratory: themes, not phrases, are what is tested and corrected
JOIN_JACCARD = 0.25
JOIN_COSINE = 0.7
JOIN_MEANING = 0.65  # cosine of theme centres, on vectors centred on the population's mean
JOIN_CONTAINED = 0.6
JOIN_WIDEST = 0.5  # a theme holding more of the population than this takes in no other by containment


@lru_cache(maxsize=CACHE)
def phrases_of(text: str) -> frozenset[str]:
    words = content_words(text)
    return frozenset(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}


def _index(conversation_ids: list[str], texts: list[str]) -> tuple[dict[str, set[str]], dict[str, list[int]]]:
    """Each phrase's conversations and statement rows."""
    used: dict[str, set[str]] = defaultdict(set)
    rows_of: dict[str, list[int]] = defaultdict(list)
    for row, (cid, text) in enumerate(zip(conversation_ids, texts)):
        for phrase in phrases_of(text):
            used[phrase].add(cid)
            rows_of[phrase].append(row)
    return used, rows_of


class PhraseIndex:
    """Which conversations (and statement rows) use each phrase, and how often each phrase is
    used by the other conversations (``background``). Built once per question."""

    def __init__(
        self, conversation_ids: list[str], texts: list[str], background: tuple[list[str], list[str]] | None = None
    ) -> None:
        self.conversation_ids = conversation_ids
        self.used, self.rows_of = _index(conversation_ids, texts)
        self.elsewhere: dict[str, set[str]] = {}
        self.n_rest = 0
        if background is not None and background[0]:
            self.elsewhere = _index(*background)[0]
            self.n_rest = len(set(background[0]))

    def characteristic(self, phrase: str, n_pop: int) -> bool:
        """At least MIN_LIFT times more common in the population than elsewhere (always, without a background):
        spelling out an e-mail address or saying "nope" happens in every kind of conversation."""
        if not self.n_rest:
            return True
        return (len(self.used[phrase]) / n_pop
                >= MIN_LIFT * (len(self.elsewhere.get(phrase, ())) + 1) / (self.n_rest + 1))


def rising_themes(
    index: PhraseIndex,
    current: set[str],
    baseline: set[str],
    embed=None,
    limit: int = 6,
    matrix: np.ndarray | None = None,
    traffic: tuple[int, int] | None = None,
) -> list[Theme]:
    """Themes of phrases that grew significantly (``Growth``; between time windows when
    ``traffic`` is given). Only phrases characteristic of the population (see
    ``PhraseIndex``) are considered. With the statements' vectors (``matrix``), themes whose
    statements mean the same are joined."""
    conversation_ids, used, rows_of = index.conversation_ids, index.used, index.rows_of
    n_c, n_b = len(current), len(baseline)
    if not n_c or (not n_b and traffic is None):
        return []
    growth = Growth(current, baseline, traffic)
    n_pop = len(current | baseline)
    candidates = [
        (p, convs) for p, convs in used.items() if len(convs) >= MIN_USES and index.characteristic(p, n_pop)
    ]
    tests = growth.p_values([growth.counts(convs) for _, convs in candidates])
    # Screening: phrases at p < SCREEN; the grouped themes are tested (and corrected) below.
    rising = [
        (p, convs, pv) for (p, convs), pv in zip(candidates, tests)
        if pv < SCREEN and len(convs & current) > len(convs & baseline)
    ]
    rising.sort(key=lambda item: (item[2], -len(item[1]), item[0]))  # ties by phrase: same answer every run
    rising = rising[:60]
    if not rising:
        return []
    vectors = embed([p for p, _, _ in rising]) if embed else None
    groups: list[list[int]] = []
    for i, (_, convs, _) in enumerate(rising):
        for group in groups:
            anchor = rising[group[0]][1]  # the group's most significant phrase: no chaining through others
            jaccard = len(convs & anchor) / len(convs | anchor)
            close = vectors is not None and float(vectors[i] @ vectors[group[0]]) >= JOIN_COSINE
            if jaccard >= JOIN_JACCARD or close:
                group.append(i)
                break
        else:
            groups.append([i])
    phrases_in: dict[str, set[str]] = defaultdict(set)  # conversation -> its phrases
    for phrase, convs in used.items():
        for cid in convs:
            phrases_in[cid].add(phrase)
    themes = []
    for group in groups:
        own = {rising[i][0] for i in group}
        # Phrases that can put a conversation in the theme on their own: the anchor, words new
        # this window, and word pairs. A common word shared with another story ("year", "plan")
        # supports a theme's label but does not pull that story's conversations in.
        defining = {rising[group[0]][0]} | {
            p for p in own if " " in p or (not used[p] & baseline and len(used[p]) >= MIN_USES + 1)
        }
        convs = {cid for cid in set().union(*(rising[i][1] for i in group)) if phrases_in[cid] & defining}
        if len(convs) < MIN_USES:
            continue
        c, b = len(convs & current), len(convs & baseline)
        phrases = [rising[i][0] for i in group]
        keywords = sorted(phrases, key=lambda p: (-len(used[p] & current), p))[:6]
        label = " / ".join(_readable(keywords)[:3])
        rows = sorted({r for i in group for r in rows_of[rising[i][0]] if conversation_ids[r] in convs})
        themes.append(Theme(label=label, keywords=keywords, conversations=convs, current=c, baseline=b,
                            p_value=growth.p_value(c, b), rows=rows))
    if matrix is not None and len(themes) > 1:
        themes = _join_similar(themes, matrix, growth)
    for theme, qv in zip(themes, _benjamini_hochberg([t.p_value for t in themes])):
        theme.q_value = qv
    themes.sort(key=lambda t: (-t.growth, t.label))
    return themes[:limit]


def _join_similar(themes: list[Theme], matrix: np.ndarray, growth: Growth) -> list[Theme]:
    """Join themes that are one reason: statements close in meaning (told in different words),
    or a smaller theme whose conversations mostly belong to a larger one (a detail of its story)."""
    themes = sorted(themes, key=lambda t: (-len(t.conversations), t.label))
    used = sorted({r for t in themes for r in t.rows})  # centred (a copy) only where a theme needs it
    at = {r: i for i, r in enumerate(used)}
    matrix = centered(matrix, used)
    centres = [centroid(matrix, [at[r] for r in t.rows]) for t in themes]
    joined: list[tuple[Theme, np.ndarray]] = []
    everyone = max(1, growth.n_c + growth.n_b)
    for theme, centre in zip(themes, centres):
        for k, (kept, kept_centre) in enumerate(joined):
            inside = len(theme.conversations & kept.conversations) / max(1, len(theme.conversations))
            # every theme lies inside one that holds most of the population: that is no story of its own
            contains = inside >= JOIN_CONTAINED and len(kept.conversations) <= JOIN_WIDEST * everyone
            if float(centre @ kept_centre) >= JOIN_MEANING or contains:
                convs = kept.conversations | theme.conversations
                rows = sorted(set(kept.rows) | set(theme.rows))
                c, b = growth.counts(convs)
                merged = Theme(label=kept.label, keywords=(kept.keywords + theme.keywords)[:8], conversations=convs,
                               current=c, baseline=b, p_value=growth.p_value(c, b), rows=rows)
                joined[k] = (merged, centroid(matrix, [at[r] for r in rows]))
                break
        else:
            joined.append((theme, centre))
    return [t for t, _ in joined]


def flat_phrases(
    index: PhraseIndex, current: set[str], baseline: set[str], exclude: set[str], limit: int = 2
) -> list[Theme]:
    """Frequent, characteristic phrases whose count held roughly flat: reasons that did not
    drive the change."""
    n_pop = len(current | baseline)
    flat = []
    for phrase, convs in index.used.items():
        c, b = len(convs & current), len(convs & baseline)
        if phrase in exclude or " " not in phrase or b < 5 or abs(c - b) > 0.3 * b:
            continue
        if not index.characteristic(phrase, n_pop):
            continue
        flat.append(Theme(label=phrase, keywords=[phrase], conversations=convs, current=c, baseline=b,
                          rows=index.rows_of[phrase]))
    flat.sort(key=lambda t: (-t.baseline, t.label))
    chosen: list[Theme] = []
    for theme in flat:  # phrases used in the same conversations are one reason, named together
        same = next((o for o in chosen
                     if len(theme.conversations & o.conversations) >= 0.5 * len(theme.conversations)), None)
        if same is None and len(chosen) < limit:
            chosen.append(theme)
        elif same is not None and len(same.keywords) < 2:
            same.keywords.append(theme.label)
            same.label = " / ".join(same.keywords)
    return chosen


def _readable(keywords: list[str]) -> list[str]:
    """Prefer word pairs; drop single words a chosen pair already contains."""
    pairs = [k for k in keywords if " " in k]
    singles = [k for k in keywords if " " not in k and not any(k in p.split() for p in pairs)]
    return pairs + singles


def centered(matrix: np.ndarray, rows: list[int] | None = None) -> np.ndarray:
    """Vectors (of ``rows``, or all) less the mean of all, renormalised: what every statement
    of one business shares ("parcel", "order", "account") no longer makes two different
    reasons look alike."""
    out = (matrix if rows is None else matrix[rows]) - matrix.mean(axis=0)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def centroid(matrix: np.ndarray, rows: list[int]) -> np.ndarray:
    c = matrix[rows].mean(axis=0)
    return c / (np.linalg.norm(c) or 1.0)
