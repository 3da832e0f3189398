"""A business field narrowed by what the rest of the phrase means.

"Claims handling delays" names the queue "claims" and words no customer says ("handling",
"delays"). The queue alone overcounts: it also holds every new claim (a burst pipe, a
break-in), which is not what the manager asks about. Customers in the queue say the rest in
their own words ("the assessor came and since then nothing", "the builders never showed").

One such statement is a weak signal (its cosine with the phrase is low and noisy); a group of
statements that tell one thing is a strong one. So the field's statements (small talk set
aside) are grouped by meaning with k-means, each group scored by its centre's similarity to
the phrase, and the groups that stand out are kept: Otsu's cut over the statements' group
scores splits them into what the phrase means and the rest, the store's own cut, not a
fixed cosine. K-means depends on its seeds, so the group score of a statement is its mean
over ``RUNS`` clusterings (each a few milliseconds at these sizes). Past ``MAX_FIT``
statements the groups are learned on an even sample and the rest assigned to the nearest
centre, so time stays bounded.
"""

from __future__ import annotations

import warnings

import numpy as np
from pydantic import BaseModel
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning

from assistant.text.words import content_words
from vectorstore.statements import Statements
from vectorstore.topics import TopicModel

PER_GROUP = 40  # statements per group, on average
MIN_GROUPS = 8
RUNS = 5
MAX_FIT = 2000
MIN_STATEMENTS = 2 * MIN_GROUPS  # fewer and the field is not narrowed
REASON_WORDS = 3  # content words that make a statement in a small-talk topic a reason all the same
LEFT_OUT = 1 / 3  # what is left out lies at most this far from chance towards what is kept


class Narrowing(BaseModel):
    """Which of the field's statements the phrase means, and how that was decided."""

    keep: list[int]  # positions in the statements given
    statements: int  # the field's statements that were grouped
    cut: float  # the group score a statement needed

    def describe(self, phrase: str) -> str:
        return (f"what its customers say in the groups of statements closest in meaning to “{phrase}” "
                f"({len(self.keep):,} of {self.statements:,} statements, group similarity ≥ {self.cut:.2f})")


def _reasons(said: Statements, positions: np.ndarray, model: TopicModel | None) -> np.ndarray:
    """Of ``positions``, the statements that can carry a reason: not small talk. A statement is
    small talk when its topic is and it says little itself: a topic learned from a few thousand
    statements can hold "I'll wait for the call then" and "since the loss adjuster's visit I've not
    had a single phone call" together, and the second is a reason."""
    if model is None or said.topics is None or (said.topics[positions] < 0).any():
        return positions  # statements written before the topics were learned
    chatter = np.asarray([t.id for t in model.topics if t.small_talk], dtype=np.int64)
    says = np.fromiter((len(content_words(said.texts[i])) >= REASON_WORDS for i in positions.tolist()), dtype=bool,
                       count=len(positions))
    return positions[says | ~np.isin(said.topics[positions], chatter)]


def split(scores: np.ndarray) -> float:
    """The cut that best splits ``scores`` in two (maximal between-class variance)."""
    values = np.sort(scores)
    n = len(values)
    cumulative = np.cumsum(values)
    i = np.arange(1, n)
    low = cumulative[:-1] / i
    high = (cumulative[-1] - cumulative[:-1]) / (n - i)
    between = i * (n - i) * (low - high) ** 2
    best = int(np.argmax(between))
    return float((values[best] + values[best + 1]) / 2)


def narrow(said: Statements, positions: np.ndarray, phrase: np.ndarray, chance: float,
           model: TopicModel | None) -> Narrowing | None:
    """Of the field's statements at ``positions`` in ``said``, those in groups the ``phrase``
    vector means. ``chance``: the phrase's similarity to words about nothing in particular.
    None (the whole field is meant) when there are too few statements to group, or when the
    groups that would be left out are not near chance (more than ``LEFT_OUT`` of the way from
    chance to the groups kept): then the field's statements differ in how close they come to
    the phrase, not in whether they are about it (a utility's "billing disputes" and the
    credit refunds of its billing queue; an insurer's "claims handling delays" and the new
    claims of its claims queue are the other case)."""
    rows = _reasons(said, np.asarray(positions, dtype=np.int64), model)
    if len(rows) < MIN_STATEMENTS:
        return None
    vectors = said.vectors(rows).astype(np.float32)
    centred = vectors - vectors.mean(axis=0)
    centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9)
    fit = np.arange(len(rows)) if len(rows) <= MAX_FIT else np.linspace(0, len(rows) - 1, MAX_FIT).astype(np.int64)
    k = max(MIN_GROUPS, len(fit) // PER_GROUP)
    score = np.zeros(len(rows), dtype=np.float64)
    for seed in range(RUNS):
        with warnings.catch_warnings():  # fewer distinct statements than groups: some groups stay empty, as they may
            warnings.simplefilter("ignore", ConvergenceWarning)
            km = KMeans(n_clusters=k, n_init=1, random_state=seed).fit(centred[fit])
        labels = km.predict(centred) if len(fit) < len(rows) else km.labels_
        centres = np.zeros((k, vectors.shape[1]), dtype=np.float32)
        np.add.at(centres, labels, vectors)
        centres /= np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-9)
        score += (centres @ phrase)[labels]
    score /= RUNS
    cut = split(score)
    if not (score < cut).any():
        return None  # every group as close as the others: nothing to leave out
    kept, left = float(score[score >= cut].mean()), float(score[score < cut].mean())
    if left - chance > LEFT_OUT * (kept - chance):
        return None  # what would be left out is not far from the phrase either: all of the field is meant
    return Narrowing(keep=rows[score >= cut].tolist(), statements=len(rows), cut=round(cut, 3))
