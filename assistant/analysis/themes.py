"""Themes among what customers said, and which of them count as drivers of a change.

A theme (found by `assistant/analysis/phrases.py`) is a *driver* when its share of the population
grew significantly from the baseline to the current window (one-sided Fisher exact test,
Benjamini–Hochberg over all themes) and it added a meaningful number of conversations: a
large theme that merely kept its share — even if it grew with the population — is not a
driver, and neither is a tiny one whose growth could be chance.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from scipy.stats import binom, hypergeom

from assistant.text.hostile import plain
from assistant.text.words import content_words
from convoscope.english import (
    clause_cut,
    is_reference,
    without_addressing,
    without_opening,
    without_redactions,
)

ALPHA = 0.05
# A screen, not the discovery test (that is the rate test, q < ALPHA): a theme whose share of the
# conversations no larger driver explains grew with p at or above this is explained away.
EXPLAINED_AWAY = 0.15
SCREEN_BASELINE = 5  # with fewer baseline conversations, no share can be told from chance: the screen is off


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


def _benjamini_hochberg(p: list[float]) -> list[float]:
    order = sorted(range(len(p)), key=lambda i: p[i])
    q = [1.0] * len(p)
    running = 1.0
    for rank, i in reversed(list(enumerate(order, start=1))):
        running = min(running, p[i] * len(p) / rank)
        q[i] = running
    return q


SHARE_GAIN = 1.2  # a driver's share of the population must grow by at least this factor


def share_tests(c: np.ndarray, n_c: int, b: np.ndarray, n_b: int) -> np.ndarray:
    """One-sided Fisher exact tests of ``c / n_c`` above ``b / n_b``, all at once: P(X >= c)
    for X hypergeometric over the ``n_c + n_b`` conversations with ``c + b`` uses and ``n_c``
    drawn (scipy's ``fisher_exact(..., alternative="greater")``, without its per-call cost)."""
    return hypergeom.sf(c - 1, n_c + n_b, c + b, n_c)


def count_tests(c: np.ndarray, b: np.ndarray, share: float) -> np.ndarray:
    """One-sided exact binomial tests of ``c`` of ``c + b`` uses above ``share``: P(X >= c)."""
    return binom.sf(c - 1, c + b, share)


class Growth:
    """How a theme's growth between two groups of conversations is tested.

    Between two time windows (``traffic``: all conversations in each window, under the
    question's filters), a theme grew when its count rose more than traffic explains — an
    exact conditional Poisson test: given ``c + b`` uses, is ``c`` more than its share of
    the traffic, ``T_c / (T_c + T_b)``? — *and* its share of the population grew by at
    least ``SHARE_GAIN`` (a theme present in every population conversation, like a greeting,
    rises with the population and explains nothing). Counts, not shares, are tested because
    a baseline of a dozen conversations gives a share test no power: a reason going 1 → 13
    while the population goes 13 → 56 is a clear rise in absolute terms.

    Between a population and the rest (no ``traffic``), the share test: a one-sided Fisher
    exact test of the theme's share in the population against its share in the rest.
    """

    def __init__(self, current: set[str], baseline: set[str], traffic: tuple[int, int] | None = None) -> None:
        self.current, self.baseline = current, baseline
        self.n_c, self.n_b = len(current), len(baseline)
        self.traffic = traffic

    def counts(self, convs: set[str]) -> tuple[int, int]:
        return len(convs & self.current), len(convs & self.baseline)

    def share_grew(self, c: int, b: int) -> bool:
        return bool(self._share_grew(np.asarray(c), np.asarray(b)))

    def _share_grew(self, c: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Whether a theme's share of the population grew; with no baseline population (every
        conversation of it is new) there is no share to grow, and a theme that rose is new with it."""
        if self.n_b == 0:
            return c > b
        return c * self.n_b > SHARE_GAIN * b * self.n_c

    def p_value(self, c: int, b: int) -> float:
        return float(self.p_values([(c, b)])[0])

    def p_values(self, counts: list[tuple[int, int]]) -> np.ndarray:
        """The p-value of each ``(current, baseline)`` count pair (1 where the share did not grow)."""
        if not counts:
            return np.ones(0)
        c, b = (np.asarray(x, dtype=np.int64) for x in zip(*counts))
        out = np.ones(len(c))
        if self.traffic is None:
            tested = self._share_grew(c, b)
            out[tested] = share_tests(c[tested], self.n_c, b[tested], self.n_b)
            return out
        t_c, t_b = self.traffic
        tested = self._share_grew(c, b) & (c + b > 0)
        if t_c + t_b > 0:
            out[tested] = count_tests(c[tested], b[tested], t_c / (t_c + t_b))
        return np.clip(out, 0.0, 1.0)


def drivers(themes: list[Theme], growth: Growth, population_rise: int, limit: int = 5) -> list[Theme]:
    """The themes that explain the change, largest first, each kept only if it still grew
    once the larger drivers' conversations are set aside.

    A theme is a candidate when its count rose beyond traffic (``Growth``; Benjamini–Hochberg
    over all themes, q < ALPHA) and it added a meaningful number of conversations. Then, in
    order of growth, its share is tested (one-sided Fisher, p < EXPLAINED_AWAY) among the population's
    conversations that no larger driver explains: a phrase of style ("thanks for not making
    it difficult") that merely rides on the new reasons keeps its share of what is left and
    is explained away, while a second new reason still stands out.
    """
    floor = max(3, 0.05 * max(population_rise, 0))
    candidates = sorted((t for t in themes if t.q_value < ALPHA and t.growth >= floor),
                        key=lambda t: (-t.growth, t.p_value, t.label))
    chosen: list[Theme] = []
    explained: set[str] = set()
    for theme in candidates:
        rest_c, rest_b = growth.current - explained, growth.baseline - explained
        c, b = len(theme.conversations & rest_c), len(theme.conversations & rest_b)
        # a new population (none in the baseline, or too few for a share to be told from chance: 2 -> 26)
        # has no share to compare: every theme of it is new, and one that rose beyond traffic is a reason
        if c > 0 and (growth.n_b < SCREEN_BASELINE or rest_c and rest_b and share_tests(
                np.array(c), len(rest_c), np.array(b), len(rest_b)) < EXPLAINED_AWAY):
            chosen.append(theme)
            explained |= theme.conversations
    return chosen[:limit]


def grown_direction(matrix: np.ndarray, rows: list[int], conversation_ids: list[str], growth: Growth) -> np.ndarray:
    """The direction in which a driver's statements moved: the mean of its current-window
    statements less the mean of its baseline ones. Along it, a statement of the reason that
    grew scores high and one of a flat reason caught in the same cluster (the same words about a
    direct debit, in both months) scores about nothing, so a driver is cited and labelled by what
    grew. The theme's centre when one window has none of its statements."""
    now = [r for r in rows if conversation_ids[r] in growth.current]
    before = [r for r in rows if conversation_ids[r] in growth.baseline]
    direction = matrix[now].mean(axis=0) - matrix[before].mean(axis=0) if now and before else matrix[rows].mean(axis=0)
    return direction / (np.linalg.norm(direction) or 1.0)


def representatives(
    theme: Theme, matrix: np.ndarray, conversation_ids: list[str], prefer: set[str], n: int = 3,
    first: int | None = None,
) -> list[int]:
    """Rows closest to the theme's centre, one per conversation, preferring ``prefer``; ``first``
    (the row its label quotes) leads, so the label can be read in its first citation."""
    rows = sorted(theme.rows, key=lambda r: (conversation_ids[r] not in prefer, -float(matrix[r] @ theme.centroid), r))
    if first is not None:
        rows = [first] + [r for r in rows if r != first]
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
    """``text`` cut to at most ``LABEL_WORDS`` words, keeping the stretch with most of ``words``
    (no ellipsis: a label reads as a phrase, the citations give the whole statement); plain
    words only (a label stands in our Markdown: customer markup must not act there); no
    redaction token, nor one customer's reference number ("it's Mrs [NAME], poliicy FB40339"; a code
    among ``words``, as an error code many customers give, stays)."""
    tokens = [t for t in plain(without_opening(without_redactions(without_addressing(text)))).rstrip(".!?,;").split()
              if any(c.isalnum() for c in t) and not (is_reference(t) and t.lower().strip(",.;:!?") not in words)]
    if len(tokens) <= LABEL_WORDS:
        return " ".join(tokens)
    marks = [bool(words & set(content_words(t))) for t in tokens]

    def stretch(i: int) -> tuple:  # most keywords; then one that starts a clause ("Hi, the storm…" → "the storm…")
        return sum(marks[i:i + LABEL_WORDS]), i == 0 or tokens[i - 1][-1] in ",.;:!?", -i

    start = max(range(len(tokens)), key=stretch)
    return " ".join(clause_cut(tokens, start, LABEL_WORDS)).rstrip(",.;:")


def written_once(texts: list[str]) -> frozenset[str]:
    """Words only one of ``texts`` uses: mostly slips of the keyboard or of the transcriber
    ("accuont", "evre"), which a label is better without."""
    seen = Counter(w for text in texts for w in set(content_words(text)))
    return frozenset(w for w, n in seen.items() if n == 1)


def quote_label(
    theme: Theme, texts: list[str], matrix: np.ndarray, conversation_ids: list[str], prefer: set[str],
    taken: set[str] = frozenset(),  # type: ignore[assignment]
    odd: frozenset[str] = frozenset(),
) -> str:
    """The label of ``labelled``."""
    return labelled(theme, texts, matrix, conversation_ids, prefer, taken, odd)[0]


def labelled(
    theme: Theme, texts: list[str], matrix: np.ndarray, conversation_ids: list[str], prefer: set[str],
    taken: set[str] = frozenset(),  # type: ignore[assignment]
    odd: frozenset[str] = frozenset(),
) -> tuple[str, int | None]:
    """A readable label in the customers' own words: the theme's statement that uses most of its
    keywords (then the one with fewest ``odd`` words, see ``written_once``; closest to the
    theme's centre on ties, the current window's first), cut to at most ``LABEL_WORDS`` words
    around its keywords, and the row it quotes (None: the theme's own label). A label another
    theme already has (``taken``) is passed over."""
    words = {w for k in theme.keywords for w in k.split()}
    close = (matrix[theme.rows] @ theme.centroid).tolist() if theme.centroid is not None and theme.rows else None

    def score(i: int) -> tuple:  # a statement that says something (six content words) beats a short aside
        r = theme.rows[i]
        said = content_words(texts[r])
        hits = len(words & set(said))
        slips = len(odd.intersection(said))
        return (conversation_ids[r] in prefer, hits > 0, min(len(said) - slips, 6), hits, -slips, close[i] if close
                else 0.0, -r)

    for i in sorted(range(len(theme.rows)), key=score, reverse=True):  # the best whose label is free
        label = _cut(texts[theme.rows[i]], words)
        if label not in taken:
            return label, theme.rows[i]
    return theme.label, None
