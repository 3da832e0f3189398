"""Which conversations a question is about, counted as conversations (not chunks).

The topic phrase is first resolved against the store (``assistant/understanding/resolve.py``): the forms
of its words customers use, exact names, and the store's own topics it means. Then, over
the customer statements written at ingest:

- an exact name decides alone: the conversations whose customers write it;
- a value of the business's own field standing in for words no customer says decides too,
  narrowed to the part of the field the whole phrase means (``field_meaning.py``);
- otherwise the seeds are the statements that use the phrase's words (weighted by rarity)
  or belong to a topic the phrase means, and the dense signal adds statements as close in
  meaning to the phrase or to those topics' centres as most seeds are: the cut is the 65th
  percentile of the seeds' scores, so a conversation that says the same thing in other words
  is in, and one that is merely on a nearby subject is out.
With too few seeds to calibrate on, Otsu's threshold over the scores is used.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from pydantic import BaseModel, Field

from assistant.analysis.field_meaning import narrow, split
from assistant.analysis.routing import routed_like
from assistant.text.lexical import cue_hits, rows_of_terms, searchable, topic_hits
from assistant.text.words import CACHE, content_words
from assistant.understanding.resolve import Resolution, resolve
from convoscope.english import UNRELATED
from convoscope.models import Scalar
from vectorstore import Store
from vectorstore.statements import DenseKey, Statements, TableMemo
from vectorstore.topics import TopicModel

MIN_CALIBRATION = 5
CALIBRATION_PERCENTILE = 65  # a dense-only match must be as close as most seed matches
FLOOR, CEILING = 0.35, 0.8
DENSE_ONLY_FLOOR = 0.6  # without seeds to calibrate on, a statement must be this close to the topic
RESTATEMENT_WORDS = 3  # a cue-word statement with this few other content words only restates the topic


class Population(BaseModel):
    topic: str
    resolution: Resolution | None = None
    threshold: float = 0.0
    scores: dict[str, float] = Field(default_factory=dict)  # every candidate conversation's dense score
    lexical: set[str] = Field(default_factory=set)  # conversations with a seed statement (words, name, topic)
    members: set[str] = Field(default_factory=set)
    best: dict[str, tuple[int, str]] = Field(default_factory=dict)  # member -> (turn, statement) that matched best
    cues: str | None = None  # the topic's words as customers write them; what they match restates the population
    literal: bool = False  # only the customers' very words count
    narrowed: str | None = None  # a name's conversations narrowed to what they say about the rest of the topic
    widened: str | None = None  # ... or joined with those about the rest ("returns and refunds": the queue or refunds)
    routed: list[str] = Field(default_factory=list)  # how a catch-all value's conversations were added to a field's
    candidates: int = 0

    @property
    def topic_model(self) -> str | None:
        """The store's topic model the topic was resolved against (None: no topic, or none fitted)."""
        return self.resolution.model if self.resolution else None

    def within(self, keep: set[str]) -> "Population":
        """This population narrowed to the conversations ``keep`` (the question's filters)."""
        return self.model_copy(update=dict(
            members=self.members & keep, lexical=self.lexical & keep, candidates=len(keep),
            scores={c: self.scores.get(c, 0.0) for c in keep},
            best={c: b for c, b in self.best.items() if c in keep}))

    def reason_text(self, text: str) -> str:
        """What a statement says beyond the topic: the topic's words removed, and nothing at all
        when it only restates the topic ("i'm really unhappy and want to complain") — a
        restatement is not a reason."""
        return _reason_text(self.cues, text) if self.cues else text

    def definition(self) -> str:
        if not self.topic:
            return "all conversations matching the filters"
        if self.resolution is None:
            return f"conversations about “{self.topic}”"
        if self.literal:
            words = self.resolution.names or self.resolution.cue_words()
            return "conversations in which the customer writes " + ", ".join(f"“{w}”" for w in words[:8])
        text = self.resolution.describe()
        for note in self.routed:
            text += f"; and {note}"
        if self.narrowed:
            text += f", narrowed to {self.narrowed}"
        if self.widened:
            text += f"; and {self.widened}"
        if not self.resolution.names and not self.resolution.absent and not self.resolution.fields:
            text += f"; or says something as close in meaning as most of those (cosine ≥ {self.threshold:.2f})"
        return text


@lru_cache(maxsize=CACHE)
def _reason_text(cues: str, text: str) -> str:
    lower = searchable(text)
    stripped = re.sub(cues, " ", lower)
    if stripped != lower and len(content_words(stripped)) <= RESTATEMENT_WORDS:
        return ""
    return stripped


MIN_NARROWED = 3
NAMED_SHARE = 0.1  # a name's conversations are narrowed to the rest of the topic when that keeps this share
MAX_NARROWED_SHARE = 0.5  # ... and at most this share
QUOTED_WORDS = 5  # a topic of more words is a sentence someone said: found as itself, by its words


def otsu(scores: np.ndarray, floor: float = FLOOR) -> float:
    """The cut that best separates two groups of scores (maximal between-class variance)."""
    if len(scores) < 4:
        return floor
    return float(max(split(scores), floor))


PROBE_SHARE = 0.1  # of the store's topics searched for each prototype (at least MIN_PROBE)
MIN_PROBE = 8


def _probed_rows(memo: TableMemo, prototypes: np.ndarray, model: TopicModel | None) -> np.ndarray | None:
    """Rows of the statement table in the topics nearest each prototype (an inverted-file
    search over the store's topics: a statement close to a prototype sits in a topic whose
    centre is close to it), or None to score every row (no topic model, or statements
    written before it)."""
    if model is None or memo.topics is None or not len(memo.topics) or (memo.topics < 0).any():
        return None
    centres = model.centroids()
    ids = np.asarray([t.id for t in model.topics], dtype=np.int64)
    probe = max(MIN_PROBE, int(np.ceil(PROBE_SHARE * len(ids))))
    if probe >= len(ids):
        return None
    nearest = np.argsort(-(prototypes @ centres.T), axis=1)[:, :probe]
    return np.flatnonzero(np.isin(memo.topics, ids[np.unique(nearest)]))


def _dense(said: Statements, prototypes: np.ndarray, key: DenseKey, model: TopicModel | None = None) -> np.ndarray:
    """Per statement, its cosine with the closest prototype vector (-1 outside the probed
    topics). Scores over the store's statements are kept in the table's memo under ``key``:
    later questions only pick rows."""
    if said.memo is None or said.rows is None:
        return (said.vectors() @ prototypes.T).max(axis=1)
    cached = said.memo.dense
    if key not in cached:
        rows = _probed_rows(said.memo, prototypes, model)
        if rows is None:
            cached[key] = said.memo.best_cosine(prototypes)
        else:
            scores = np.full(len(said.memo.texts), -1.0, dtype=np.float32)
            scores[rows] = said.memo.best_cosine(prototypes, rows)
            cached[key] = scores
    return cached[key][said.rows]


def _seeds_scored(said: Statements, dense: np.ndarray, hits: np.ndarray, prototypes: np.ndarray) -> np.ndarray:
    """``dense`` with the true cosine of each seed outside the probed topics (scored -1 there):
    the cut is calibrated on the seeds' scores, which must not read as the farthest possible."""
    unprobed = np.flatnonzero(hits & (dense <= -1.0))
    if not len(unprobed) or said.memo is None or said.rows is None:
        return dense
    dense = dense.copy()
    dense[unprobed] = said.memo.best_cosine(prototypes, said.rows[unprobed])
    return dense


def _cue_pattern(resolution: Resolution) -> str | None:
    said = [t.customer_says for t in resolution.glossary.values() if t.customer_says]
    if said and not resolution.names:
        return "|".join(f"(?:{p})" for p in said)
    words = resolution.names or resolution.cue_words()
    if not words:
        return None
    return r"(?<![\w])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w])"


def _conversations(said: Statements, hits: np.ndarray) -> int:
    return len(np.unique(said.owners()[hits])) if hits.any() else 0


def _field_members(store: Store, resolution: Resolution, said: Statements, among: list[str],
                   model: TopicModel | None) -> tuple[set[str], list[str]]:
    """Of the conversations ``among``, those with the field values the phrase names — a value of every
    group (``Resolution.field_groups``) — or left in a catch-all value of that field and saying what
    the named value's conversations say (``routing.py``); and how the latter were found, in words."""
    having, notes = [], []
    for group in resolution.field_groups():
        members = {c for field in dict.fromkeys(f.field for f in group) for c in _with(
            store, field, [f.value for f in group if f.field == field], among)}
        for field in dict.fromkeys(f.field for f in group):
            named = [f.value for f in group if f.field == field]
            if said.memo is not None:  # the whole store's routing, kept with its statement table
                routed = routed_like(field, set(named), lambda f=field: (store.conversations.statements(),
                                                                         _values(store, f)),
                                     model, among, said.memo.routing)
            else:
                routed = routed_like(field, set(named), lambda f=field: (said, {
                    c: of[c] for of in [_values(store, f)] for c in among if c in of}), model, among)
            if routed.conversations - members:
                members |= routed.conversations
                notes.append(routed.describe(list(dict.fromkeys(named))))
        having.append(members)
    return (set.intersection(*having) if having else set()), notes


def _values(store: Store, field: str) -> dict[str, Scalar]:
    """Every conversation's value of the metadata ``field`` (those with none left out; nothing for a
    field of too many values to be offered as one, as ``values`` leaves it out)."""
    if f"meta_{field}" not in store.conversations.values():
        return {}
    return store.conversations.field_values(field)


def _with(store: Store, field: str, named: list[Scalar], among: list[str]) -> list[str]:
    """Of ``among``, the conversations whose ``field`` holds one of ``named``."""
    of = _values(store, field)
    return [c for c in among if c in of and of[c] in named]


def _unrouted(store: Store, resolution: Resolution, among: list[str]) -> set[str]:
    """Of ``among``, the conversations with none of the fields the phrase names recorded at all."""
    recorded = [_values(store, f) for f in dict.fromkeys(f.field for f in resolution.fields)]
    return {c for c in among if not any(c in of for of in recorded)}


def _rows_of(said: Statements, conversations: set[str]) -> np.ndarray:
    """Per statement of ``said``: whether its conversation is one of ``conversations``."""
    return np.fromiter((c in conversations for c in said.conversation_ids), dtype=bool, count=len(said.texts))


def _chance(store: Store, vector: np.ndarray) -> float:
    """``vector``'s mean similarity to words about nothing in particular ("lantern", "glacier")."""
    return float(np.mean(store.embed_cached(list(UNRELATED)) @ vector))


def topic_model_for(store: Store) -> TopicModel | None:
    """The store's topic model, or None (a store not fitted yet answers by words and meaning)."""
    return store.conversations.topic_model()


def find_population(
    store: Store, topic: str, said: Statements, candidates: list[str], literal: bool = False,
    scope: Statements | None = None, joined: frozenset[str] = frozenset(),
) -> Population:
    """Score every candidate conversation against ``topic`` by what its customers ``said``.
    ``literal``: the question asks who used the words themselves ("mention Wi-Fi"): no
    expansion by meaning.

    ``scope``: the statements the topic is resolved and calibrated over, when they are more
    than ``said`` (the question's period in every segment, where ``said`` is one town's or
    one channel's). A topic then means the same in every segment: "storm damage in Port
    Wenlow" is May's storm damage in Port Wenlow, not a definition guessed from one town's
    dozen statements, and the towns' counts add up to the period's.

    ``joined``: the topic's words joined on by "and" or "or" ("returns and refunds"): beside a name
    or field they are a second population, added to the name's, not a part of it to narrow to."""
    if not topic:
        return Population(topic="", members=set(candidates), candidates=len(candidates))
    if scope is not None and len(scope.texts) > len(said.texts):
        everyone = list(dict.fromkeys(scope.conversation_ids))
        return _find(store, topic, scope, everyone, literal, joined).within(set(candidates))
    return _find(store, topic, said, candidates, literal, joined)


def _find(store: Store, topic: str, said: Statements, candidates: list[str], literal: bool,
          joined: frozenset[str] = frozenset()) -> Population:
    """``find_population`` over ``said`` as given."""
    model = topic_model_for(store)
    resolution = resolve(store, topic, said, model)
    population = Population(topic=topic, resolution=resolution, candidates=len(candidates), literal=literal)
    population.cues = _cue_pattern(resolution)
    if not said.texts or (resolution.unanswerable and not literal):
        return population
    quoted = len(resolution.words) > QUOTED_WORDS
    terms = [] if literal else list(resolution.glossary.values())
    if resolution.fields and not literal:  # the business's own field stands for words customers do not write
        among = list(dict.fromkeys(said.conversation_ids))
        members, population.routed = _field_members(store, resolution, said, among, model)
        hits = _rows_of(said, members)
        vectors = [store.embed_cached([topic])[0]]
        # words no customer says beside the field ("delays" in claims handling delays): the part of
        # the field's conversations whose statements mean the phrase, not all of them
        narrowing = narrow(said, np.flatnonzero(hits), vectors[0], _chance(store, vectors[0]),
                           model) if resolution.unsaid else None
        if narrowing is not None:
            hits = np.zeros(len(said.texts), dtype=bool)
            hits[narrowing.keep] = True
            population.narrowed = narrowing.describe(topic)
        elif not resolution.unsaid:  # where the business recorded none of these fields, the customers' words
            words = topic_hits(said, resolution.cue_groups(), [[p] for p in resolution.phrases]) & _rows_of(
                said, _unrouted(store, resolution, among))
            hits |= words
            resolution.unrouted = bool(words.any())
    elif resolution.names or literal:  # a name, or the customers' very words ("mention Wi-Fi")
        hits = rows_of_terms(said, resolution.names) if resolution.names else topic_hits(
            said, resolution.cue_groups(unused_weigh=True), [[p] for p in resolution.phrases])
        vectors = [store.embed_cached([topic])[0]]
    elif terms:  # the user's glossary defines the topic: its ways of saying it, and its meaning
        hits = np.zeros(len(said.texts), dtype=bool)
        for term in terms:
            if term.customer_says:
                hits |= cue_hits(said, term.customer_says)
        vectors = list(store.embed_cached([m for t in terms for m in t.meaning] or [topic]))
    else:
        groups = resolution.cue_groups()
        hits = topic_hits(said, groups, [[p] for p in resolution.phrases])
        vectors = [store.embed_cached([topic])[0]]
        scarce = _conversations(said, hits) < MIN_CALIBRATION
        if resolution.topics and model is not None and not quoted and scarce:
            # customers do not use the phrase's words: the topics it means stand in for them
            resolution.topics_used = True
            if said.topics is not None:
                hits = hits | np.isin(said.topics, [t.id for t in resolution.topics])
            centres = model.by_id()
            vectors += [centres[t.id].centroid for t in resolution.topics]
    prototypes = np.stack(vectors).astype(np.float32)
    key = DenseKey(topic, model.version if model else None, tuple(t.id for t in resolution.topics),
                   tuple(t.name for t in terms))
    dense = _seeds_scored(said, _dense(said, prototypes, key, model), hits, prototypes)
    # per conversation: its best dense score, whether any statement is a seed, and the
    # statement that matched best (a seed first; the first of equals)
    owner = said.owners()
    codes, first = np.unique(owner, return_index=True)
    ids = [said.conversation_ids[i] for i in first.tolist()]
    slot = np.searchsorted(codes, owner)
    if len(slot) and (np.diff(slot) >= 0).all():  # the table keeps a conversation's statements together
        best_dense = np.maximum.reduceat(dense, np.r_[0, np.flatnonzero(np.diff(slot)) + 1]).astype(np.float64)
    else:
        best_dense = np.full(len(codes), -np.inf)
        np.maximum.at(best_dense, slot, dense)
    lexical = np.zeros(len(codes), dtype=bool)
    lexical[slot[hits]] = True
    order = np.lexsort((-(dense + 3 * hits), slot))  # a seed outranks any cosine (-1 outside the probed topics)
    best_row = order[np.r_[True, slot[order][1:] != slot[order][:-1]]]
    population.scores = dict(zip(ids, best_dense.tolist()))
    population.lexical = {ids[i] for i in np.flatnonzero(lexical).tolist()}
    for cid in candidates:
        population.scores.setdefault(cid, 0.0)
    if resolution.names or literal or resolution.fields:  # a name, the very words or a field decides
        population.threshold = 1.0
        population.members = set(population.lexical)
        rest = resolution.rest()
        if rest and not literal:  # "Spotify playlists": what the name's conversations say about the rest
            about = find_population(store, " ".join(rest), said, candidates)
            narrowed = population.members & about.members
            if joined.issuperset(rest):  # "returns and refunds": the queue's conversations and those about refunds
                population.members |= about.members
                population.lexical |= about.lexical
                population.widened = about.definition()
            # a part of the name's conversations ("playlists" of Spotify's); a rest that most of them
            # share says what the name is ("the F-31 code on their meter") and narrows nothing
            elif max(MIN_NARROWED, NAMED_SHARE * len(population.members)) <= len(narrowed) <= (
                    MAX_NARROWED_SHARE * len(population.members)):
                population.members = narrowed
                population.lexical &= narrowed
                population.narrowed = about.definition()
    else:
        if len(population.lexical) >= MIN_CALIBRATION:
            calibrated = float(np.percentile(best_dense[lexical], CALIBRATION_PERCENTILE))
            population.threshold = min(max(calibrated, FLOOR), CEILING)
        else:  # hardly anyone uses the topic's words: only statements that clearly mean it count
            population.threshold = max(otsu(np.array(list(population.scores.values()))), DENSE_ONLY_FLOOR)
        population.members = population.lexical | {
            c for c, s in population.scores.items() if s >= population.threshold}
    population.best = {
        ids[i]: (said.turns[r], said.texts[r]) for i, r in enumerate(best_row.tolist()) if ids[i] in population.members
    }
    return population
