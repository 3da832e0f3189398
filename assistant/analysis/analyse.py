"""The analysis behind an answer: population counts per window, themes, drivers, segments.

Everything a user is told comes from here; writing (extractive or by an LLM) only phrases it.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from datetime import datetime, timedelta

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from assistant.analysis.filters import to_where
from assistant.analysis.largest import largest_topics
from assistant.analysis.measures import conversations_to_measure
from assistant.analysis.phrases import PhraseIndex, centroid, flat_phrases, rising_themes
from assistant.analysis.population import Population, find_population, topic_model_for
from assistant.analysis.segment_counts import segments as count_segments
from assistant.analysis.subtopics import combined, subtopic_themes, word_themes
from assistant.analysis.themes import (
    Growth,
    Theme,
    drivers,
    grown_direction,
    labelled,
    representatives,
    written_once,
)
from assistant.text.words import gist
from assistant.understanding.understand import Understanding
from convoscope.models import Citation, Conversation, Driver, Filters, Segment, TimeWindow
from vectorstore import Store
from vectorstore.statements import Statements


class Analysis(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    understanding: Understanding
    population: str
    topic_model: str | None = None
    current: Segment
    baseline: Segment | None = None
    segments: list[Segment] = Field(default_factory=list)
    # themes as the answer reports them (``Driver``, built once by ``_drivers``): what drove a
    # change, what held flat, or what a population talks about
    drivers: list[Driver] = Field(default_factory=list)
    stable: list[Driver] = Field(default_factory=list)
    themes: list[Driver] = Field(default_factory=list)
    segment_citations: dict[str, list[int]] = Field(default_factory=dict)
    examples: list[int] = Field(default_factory=list)  # citations of the population itself
    ranked: list[str] = Field(default_factory=list)  # the current window's members, most on-topic first
    citations: list[Citation] = Field(default_factory=list)
    caveats: list[str] = Field(default_factory=list)


class _Citer:
    """Numbers citations in order of first use; the same turn is cited once. Only the cited
    conversations are read whole (their turns), as they are cited."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conversations: dict[str, Conversation] = {}
        self.citations: list[Citation] = []
        self._index: dict[tuple[str, int], int] = {}

    def cite(self, cid: str, turn: int, score: float = 0.0) -> int:
        key = (cid, turn)
        if key not in self._index:
            if cid not in self.conversations:
                found = self.store.conversations.get(cid)
                if found is None:
                    raise KeyError(f"conversation {cid} is no longer in the store")
                self.conversations[cid] = found
            conv = self.conversations[cid]
            n = len(self.citations) + 1
            self.citations.append(
                Citation(n=n, conversation_id=cid, turn_start=turn, turn_end=turn, speaker=conv.turns[turn].speaker,
                         started_at=conv.started_at, channel=conv.channel, text=conv.turns[turn].text,
                         score=round(score, 4))
            )
            self._index[key] = n
        return self._index[key]


def weekly(started: Iterable[datetime]) -> dict[str, int]:
    """Conversations per week (Monday start, ISO date), in date order, from their start times."""
    counts: dict[str, int] = {}
    for moment in started:
        day = moment.date()
        key = (day - timedelta(days=day.weekday())).isoformat()
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def _in_window(started: datetime, window: TimeWindow | None) -> bool:
    return window is None or window.start <= started < window.end


RANKED = 50


def _ranked(population: Population, members: set[str]) -> list[str]:
    """``members`` by how clearly they are on topic: a cue-word match first, then the dense score."""
    return heapq.nsmallest(
        RANKED, members, key=lambda c: (c not in population.lexical, -population.scores.get(c, 0.0), c))


def _population(
    store: Store, u: Understanding, windows: list[TimeWindow | None]
) -> tuple[Population, list[str], Statements]:
    """The population over the union of ``windows`` (with the question's other filters),
    the candidate conversations, and their customer statements (loaded once, reused)."""
    starts = [w.start for w in windows if w] or [None]
    ends = [w.end for w in windows if w] or [None]
    span = TimeWindow(start=min(starts), end=max(ends)) if all(starts) and all(ends) else None
    where = to_where(u.filters, span, use_window=span is not None)
    candidates = store.conversations.ids(where)
    # the topic is calibrated over the period in every segment; the question's own statements
    # are taken from the same read (one store state, even while an ingest writes)
    scope = store.conversations.statements(to_where(Filters(), span, use_window=span is not None))
    said = scope.subset(set(candidates)) if where.equals else scope
    population = find_population(store, u.topic, said, candidates, literal=u.literal, scope=scope,
                                 joined=frozenset(u.joined))
    return population, candidates, said


def _member_statements(population: Population, said: Statements):
    """The population's customer statements (conversation ids, turns, texts, vectors) and
    the other conversations' (ids, texts), as background."""
    keep = [i for i, cid in enumerate(said.conversation_ids) if cid in population.members]
    rest = [i for i, cid in enumerate(said.conversation_ids) if cid not in population.members]
    ids = [said.conversation_ids[i] for i in keep]
    turns = [said.turns[i] for i in keep]
    texts = [said.texts[i] for i in keep]
    matrix = said.vectors(keep) if keep else np.zeros((0, 1), dtype=np.float32)
    background = ([said.conversation_ids[i] for i in rest], [said.texts[i] for i in rest])
    return ids, turns, texts, matrix, background


def _drivers(
    themes: list[Theme], citer: _Citer, ids: list[str], turns: list[int], texts: list[str], matrix: np.ndarray,
    prefer: set[str], rise: int | None, n_cite: int, started: dict[str, datetime] | None = None,
) -> list[Driver]:
    """Each theme as the answer reports it: labelled in the customers' words (each label once),
    cited, and — given the conversations' start times (``started``) — counted per week."""
    out = []
    taken: set[str] = set()
    odd = written_once(texts) if themes else frozenset()
    for theme in themes:
        label, quoted = labelled(theme, texts, matrix, ids, prefer, taken, odd)
        taken.add(label)
        rows = representatives(theme, matrix, ids, prefer, n_cite, first=quoted)
        numbers = [citer.cite(ids[r], turns[r], float(matrix[r] @ theme.centroid)) for r in rows]
        share = (theme.growth / rise) if rise else None
        in_window = sorted(theme.conversations & prefer) if prefer else sorted(theme.conversations)
        weeks = weekly(started[c] for c in theme.conversations if c in started) if started is not None else {}
        out.append(Driver(label=label, keywords=theme.keywords, current_count=theme.current,
                          baseline_count=theme.baseline, change=theme.current - theme.baseline, share=share,
                          p_value=theme.p_value, citations=numbers, conversation_ids=in_window, weekly=weeks))
    return out


def _examples(citer: _Citer, population: Population, members: set[str], n: int, distinct: bool = False) -> list[int]:
    """Citations of the ``n`` members whose statements match the topic best; with ``distinct``
    (what customers say, not who said it), each saying something the others cited do not (34
    customers writing "Voltera never turned up for the installation" are one example; the next
    best say what else is said)."""
    ranked = sorted(members & population.best.keys(), key=lambda c: (c not in population.lexical,
                                                                      -population.scores[c], c))
    chosen: list[str] = [] if distinct else ranked[:n]
    said: set[tuple[str, ...]] = set()
    for cid in ranked if distinct else ():
        if (key := gist(population.best[cid][1])) not in said:
            said.add(key)
            chosen.append(cid)
            if len(chosen) == n:
                break
    return [citer.cite(cid, population.best[cid][0], population.scores[cid]) for cid in chosen]


def _word_groups(population: Population) -> list[list[str]]:
    """The topic's words in the forms customers write them, when the population is found by its
    words (not by a name, the very words asked for, or the user's glossary)."""
    r = population.resolution
    if r is None or r.names or population.literal or r.glossary:
        return []
    return r.cue_groups()


SHARE_SLACK = 1.25  # drivers grew together by at most this times the whole: their shares of it read true


def whole(top: list[Theme], rise: int, growth: Growth) -> int | None:
    """The rise the drivers ``top`` are shares of, or None when they are not parts of it: where
    other conversations of the population fell (a queue in which one reason's rise hides in
    another's fall), the drivers together grow by more than the whole, and their count pairs say
    what a share cannot. Counted over their conversations together (a conversation can give two
    reasons), with a little slack for a flat reason a few conversations down."""
    current, baseline = growth.counts(set().union(*(t.conversations for t in top)))
    return rise if 0 < rise and current - baseline <= SHARE_SLACK * rise else None


def analyze_change(store: Store, u: Understanding) -> Analysis:
    """why / change questions: counts in both windows and the themes that drove the change."""
    cur_w, base_w = u.filters.window, u.filters.baseline
    population, _, said = _population(store, u, [cur_w, base_w])
    ids, turns, texts, matrix, background = _member_statements(population, said)
    started = store.conversations.started(population.members)
    current = {c for c, at in started.items() if _in_window(at, cur_w)}
    baseline = {c for c, at in started.items() if _in_window(at, base_w)}
    keep = [i for i, c in enumerate(ids) if c in current or c in baseline]
    ids, turns, texts, matrix = [ids[i] for i in keep], [turns[i] for i in keep], [texts[i] for i in keep], matrix[keep]
    # What restates the population ("I want to cancel") is not a reason: strip it before looking for themes.
    reasons = [population.reason_text(t) for t in texts]
    rise = len(current) - len(baseline)
    rest = _sample(list(range(len(background[0]))))  # the background only tells which phrases are characteristic
    index = PhraseIndex(ids, reasons, ([background[0][i] for i in rest],
                                       [population.reason_text(background[1][i]) for i in rest]))
    traffic = (store.conversations.count(to_where(u.filters, cur_w)),
               store.conversations.count(to_where(u.filters, base_w)))
    growth = Growth(current, baseline, traffic)
    phrase_themes = rising_themes(index, current, baseline, embed=store.embed_cached, matrix=matrix, traffic=traffic,
                                  limit=20)
    words = word_themes(ids, texts, _word_groups(population), growth)
    themes = combined(phrase_themes + words, subtopic_themes(ids, reasons, matrix, growth), matrix, growth)
    top = drivers(themes, growth, rise)
    if not top and rise > 0:  # no reason told in similar words stands out: look for one told in many
        themes = combined(phrase_themes + words, subtopic_themes(ids, reasons, matrix, growth, chains=True), matrix,
                          growth)
        top = drivers(themes, growth, rise)
    flat = flat_phrases(index, current, baseline, {k for t in top for k in t.keywords})
    for theme in top:
        theme.centroid = grown_direction(matrix, theme.rows, ids, growth)
    for theme in flat:
        theme.centroid = centroid(matrix, theme.rows)
    citer = _Citer(store)
    analysis = Analysis(
        understanding=u,
        population=population.definition(),
        topic_model=population.topic_model,
        current=Segment(label=cur_w.label if cur_w else "current", conversations=traffic[0], matching=len(current)),
        baseline=Segment(label=base_w.label if base_w else "baseline", conversations=traffic[1],
                         matching=len(baseline)),
    )
    analysis.ranked = _ranked(population, current)
    # the headline count is a claim too: its first examples are cited first; with no driver, more of them
    analysis.examples = _examples(citer, population, current, 2 if top else 5)
    analysis.drivers = _drivers(top, citer, ids, turns, texts, matrix, current, whole(top, rise, growth), 3, started)
    analysis.stable = _drivers(flat, citer, ids, turns, texts, matrix, current, rise, 1)
    analysis.citations = citer.citations
    if 0 < len(current) + len(baseline) < 20:
        analysis.caveats.append(
            f"Only {len(current) + len(baseline)} conversations match; treat the changes as indicative.")
    return analysis


def _distinctive_themes(
    store: Store, u: Understanding, population: Population, window: TimeWindow | None, said: Statements
):
    """What the population talks about more than other conversations do: the same phrase
    test as for drivers, with the population as "current" and the rest as "baseline".
    The rest is the window's other conversations, or — when the question has no topic but
    filters ("the retention queue") — the window's conversations outside the filters."""
    if not u.topic:  # compare with the window's conversations outside the filters
        unfiltered = u.filters.model_copy(update={"channel": [], "agent_type": [], "metadata": {}})
        said = store.conversations.statements(to_where(unfiltered, window, use_window=window is not None))
    keep = _with_sampled_rest(said.conversation_ids, population.members)
    ids = [said.conversation_ids[i] for i in keep]
    turns = [said.turns[i] for i in keep]
    matrix = said.vectors(keep) if keep else np.zeros((0, 1), dtype=np.float32)
    said_texts = [said.texts[i] for i in keep]
    texts = [population.reason_text(t) for t in said_texts]
    rest = set(ids) - population.members
    found = rising_themes(PhraseIndex(ids, texts), set(population.members), rest, embed=store.embed_cached,
                          matrix=matrix)
    for theme in found:
        theme.conversations &= population.members
        theme.rows = [r for r in theme.rows if ids[r] in population.members]
        theme.current, theme.baseline = len(theme.conversations), 0
        theme.centroid = centroid(matrix, theme.rows) if theme.rows else None
    found = [t for t in found if t.rows]
    found.sort(key=lambda t: (-t.current, t.label))
    return found, ids, turns, said_texts, matrix


REST_SAMPLE = 6000  # statements of other conversations a summary compares the population with


def _sample(rows: list[int]) -> list[int]:
    """At most ``REST_SAMPLE`` of ``rows``, taken evenly (the same store and question give the
    same sample): enough to tell which phrases are characteristic of a population, at a
    cost that does not grow with the store."""
    return rows[:: max(1, -(-len(rows) // REST_SAMPLE))]


def _with_sampled_rest(conversation_ids: list[str], members: set[str]) -> list[int]:
    """Rows of every member statement and a sample of the others'."""
    mine = [i for i, cid in enumerate(conversation_ids) if cid in members]
    rest = [i for i, cid in enumerate(conversation_ids) if cid not in members]
    return sorted(mine + _sample(rest))


def analyze_window(store: Store, u: Understanding, *, themes: bool) -> Analysis:
    """count / summary / search: the population in one window, and optionally its themes."""
    window = u.filters.window
    population, candidates, said = _population(store, u, [window])
    citer = _Citer(store)
    analysis = Analysis(
        understanding=u,
        population=population.definition(),
        topic_model=population.topic_model,
        current=Segment(label=window.label if window else "all time", conversations=len(candidates),
                        matching=len(population.members)),
    )
    analysis.ranked = _ranked(population, population.members)
    if themes and population.members:
        # no topic: what the filtered conversations are mostly about; a topic: what sets its conversations apart
        largest = largest_topics(topic_model_for(store), said, population.members) if not u.topic else None
        found, ids, turns, texts, matrix = (largest if largest and largest[0] else
                                            _distinctive_themes(store, u, population, window, said))
        analysis.themes = _drivers(found, citer, ids, turns, texts, matrix, set(), None, 2)
    if not analysis.themes:  # no theme stands out (or none asked for): the members that match best
        analysis.examples = _examples(citer, population, population.members, 8, distinct=themes)
    analysis.citations = citer.citations
    return analysis


CITED_SEGMENTS = (2, 2)  # citations for the leading segments, in order; one for each other listed segment


def analyze_compare(store: Store, u: Understanding) -> Analysis:
    """compare: per segment of the compared field (per window when no segment is named) the
    window's conversations in it, the matching ones, and their measures; citations from the
    leading segments' own matching conversations."""
    if u.segment_field is None and u.filters.baseline is not None:
        return analyze_change(store, u)
    field = u.segment_field or "agent_type"
    window = u.filters.window
    population, candidates, _ = _population(store, u, [window])
    members = conversations_to_measure(store, sorted(population.members))
    segments, groups, left_out = count_segments(store, u.filters, window, field, u.segment_values, members)
    citer = _Citer(store)
    by_segment: dict[str, list[int]] = {}
    for segment, n in zip(segments, [*CITED_SEGMENTS, *[1] * max(0, len(segments) - len(CITED_SEGMENTS))]):
        cited = [c for c in groups.get(segment.label, []) if c.id in population.best]
        for conv in heapq.nsmallest(n, cited, key=lambda c: (-population.scores.get(c.id, 0.0), c.id)):
            turn = population.best[conv.id][0]
            by_segment.setdefault(segment.label, []).append(
                citer.cite(conv.id, turn, population.scores.get(conv.id, 0.0)))
    analysis = Analysis(
        understanding=u, population=population.definition(),
        topic_model=population.topic_model,
        current=Segment(label=window.label if window else "all time", conversations=len(candidates),
                        matching=len(population.members)),
        segments=segments, segment_citations=by_segment, citations=citer.citations,
        ranked=_ranked(population, population.members),
    )
    if left_out:
        analysis.caveats.append(f"{left_out} more {field.replace('_', ' ')} segments with fewer matching "
                                "conversations are not shown.")
    return analysis
