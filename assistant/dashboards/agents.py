"""Human and AI agents side by side — overall, per store topic, and per agent — on whatever
outcome fields the store records, with cited conversations behind every gap.

Stores record outcomes differently (``outcome``, ``status``, ``resolved: true``, ``nps``),
so the fields are found from the store's values (``assistant/analysis/fields.py``) and every report
names the field behind each measure, or says plainly that the store has none. Topics are
the store's own (``vectorstore/topics.py``), read from the statement table; a gap needs a
minimum segment size, a size worth acting on and a significance test
(``assistant/analysis/gaps.py``), and cites conversations from the worse side.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from assistant.analysis.fields import OutcomeFields, detect, field_values
from assistant.analysis.filters import to_where
from assistant.analysis.gaps import GAP, compare, flagged
from assistant.analysis.measures import LABELS, conversations_to_measure, summary, values_table
from assistant.analysis.membership import Membership, membership
from assistant.text.lexical import cue_hits
from convoscope.models import Citation, Conversation, ConversationMeta, Filters
from convoscope.settings import glossary
from vectorstore import Store
from vectorstore.statements import Statements

TESTED = tuple(GAP)  # the measures gaps are looked for on
TOPICS = 12  # the largest topics shown side by side; gaps are looked for on every topic


class Row(BaseModel):
    agent_type: str
    topic: str | None = None  # None: all conversations
    topic_id: int | None = None
    keywords: list[str] = Field(default_factory=list)
    conversations: int
    measures: dict[str, float | None]


class Gap(BaseModel):
    topic: str | None  # the topic's label, or the glossary term's name; None: all conversations
    topic_id: int | None = None
    term: bool = False  # ``topic`` names a glossary term (the user's own topic), not a learned one
    keywords: list[str] = Field(default_factory=list)
    measure: str
    source: str  # the field the measure was read from, as the report names it
    ai: float
    human: float
    ai_n: int
    human_n: int
    p_value: float
    q_value: float
    worse: str  # "ai" or "human"
    citations: list[int] = Field(default_factory=list)  # conversations behind it, from the worse side

    @property
    def text(self) -> str:
        words = f" ({', '.join(self.keywords[:3])})" if self.keywords else ""
        where = f"on “{self.topic}”{words}" if self.topic else "overall"
        if self.term:
            where = f"on the glossary's “{self.topic}”"
        return (f"{LABELS[self.measure]} {where}: AI {fmt(self.measure, self.ai)} of {self.ai_n} vs human "
                f"{fmt(self.measure, self.human)} of {self.human_n} (q = {self.q_value:.2g})")


class Scorecard(BaseModel):
    agent_id: str
    agent_type: str
    conversations: int
    measures: dict[str, float | None]


class AgentsReport(BaseModel):
    filters: Filters = Field(default_factory=Filters)
    fields: OutcomeFields = Field(default_factory=OutcomeFields)
    sources: list[str] = Field(default_factory=list)  # per measure: the field used, or that there is none
    topic_model: str | None = None
    note: str = ""
    overall: list[Row] = Field(default_factory=list)
    by_topic: list[Row] = Field(default_factory=list)
    gaps: list[Gap] = Field(default_factory=list)
    scorecards: list[Scorecard] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)


def fmt(measure: str, value: float | None) -> str:
    if value is None:
        return "–"
    if measure in ("resolved", "escalated"):
        return f"{value:.0%}"
    if measure == "handle_time_s":
        return f"{value:,.0f}"
    return f"{value:+.2f}" if measure in ("sentiment", "sentiment_change") else f"{value:.2f}"


def _bad(value: float, name: str, fields: OutcomeFields) -> bool:
    """Whether a conversation's ``value`` of measure ``name`` (NaN: unknown) is on its worse side."""
    if np.isnan(value):
        return False
    if name == "resolved":
        return value == 0
    if name == "escalated":
        return value == 1
    if name == "csat":
        return fields.csat is not None and value <= fields.csat.poor
    return value < 0


def _last_customer_turn(conv: Conversation) -> int | None:
    return next((i for i in range(len(conv.turns) - 1, -1, -1) if conv.turns[i].speaker == "customer"), None)


def _source(name: str, fields: OutcomeFields) -> str:
    if name == "resolved" and fields.resolution:
        return fields.resolution.describe()
    if name == "escalated" and fields.escalation:
        return fields.escalation.describe()
    if name == "csat" and fields.csat:
        return fields.csat.describe()
    return "customer sentiment from the per-turn scores stored at ingest"


def agents_report(store: Store, filters: Filters | None = None, examples: int = 2) -> AgentsReport:
    """AI beside human overall, on each of the ``TOPICS`` largest topics and per agent; the
    significant gaps on any topic (Benjamini–Hochberg over every topic tested, so a gap in a
    small topic is not missed and many topics do not make noise a gap), each citing
    ``examples`` conversations from the worse side."""
    filters = filters or Filters()
    ids = store.conversations.ids(to_where(filters))
    conversations = conversations_to_measure(store, ids)
    ids = [cid for cid in ids if cid in conversations]
    fields = detect(field_values(conversations.values()))
    report = AgentsReport(filters=filters, fields=fields, sources=fields.describe())
    if not ids:
        return report
    convs = [conversations[c] for c in ids]
    model = store.conversations.topic_model()
    said = store.conversations.statements(to_where(filters)) if model else None
    member = membership(model, said, ids)
    report.topic_model = model.describe() if model else None
    if model is None:
        report.note = "This store has no topics yet, so agents are compared over all conversations only."
    segments: list[tuple[int | None, list[int]]] = [(None, list(range(len(ids))))]
    counts = member.counts()
    for position in np.argsort(-counts, kind="stable").tolist():
        if counts[position]:
            segments.append((position, sorted(member.members(position).tolist())))
    shown = {position for position, _ in segments[1:TOPICS + 1]}
    terms, term_turns = _term_segments(said, ids)
    segments += [(-1 - k, sorted(turns)) for k, turns in enumerate(term_turns)]

    table = values_table(convs, fields)
    tests = []
    rows: dict[tuple[str, int | None], Row] = {}
    sides: dict[tuple[int | None, str], list[int]] = {}
    for position, members in segments:
        topic = member.topics[position] if position is not None and position >= 0 else None
        for kind in ("ai", "human"):
            side = [i for i in members if convs[i].agent.type == kind]
            sides[(position, kind)] = side
            if side and (position is None or position >= 0):
                rows[(kind, position)] = Row(
                    agent_type=kind, topic=topic.label if topic else None, topic_id=topic.id if topic else None,
                    keywords=topic.keywords if topic else [], conversations=len(side), measures=summary(table, side))
        for name in TESTED:
            ai, human = (table[name][np.asarray(sides[(position, k)], dtype=np.int64)] for k in ("ai", "human"))
            test = compare(position, name, ai[~np.isnan(ai)].tolist(), human[~np.isnan(human)].tolist())
            if test is not None:
                tests.append(test)
    report.overall = [rows[(k, None)] for k in ("ai", "human") if (k, None) in rows]
    report.by_topic = [rows[(k, p)] for p, _ in segments[1:] for k in ("ai", "human") if (k, p) in rows and p in shown]
    span = {"csat": fields.csat.high - fields.csat.low} if fields.csat else {}
    for test in flagged(tests, span):
        term = terms[-1 - test.segment] if test.segment is not None and test.segment < 0 else None
        topic = member.topics[test.segment] if test.segment is not None and term is None else None
        gap = Gap(topic=term or (topic.label if topic else None), topic_id=topic.id if topic else None,
                  term=term is not None, keywords=topic.keywords if topic else [], measure=test.measure,
                  source=_source(test.measure, fields), ai=test.ai, human=test.human, ai_n=test.ai_n,
                  human_n=test.human_n, p_value=test.p_value, q_value=test.q_value, worse=test.worse)
        bad = [i for i in sides[(test.segment, test.worse)] if _bad(table[test.measure][i], test.measure, fields)]
        chosen = ([(i, term_turns[-1 - test.segment][i]) for i in sorted(bad)[:examples]] if term is not None
                  else _examples(member, said, test.segment, bad, examples))
        for i, turn in chosen:
            _cite(store, report, gap, conversations[ids[i]], turn)
        report.gaps.append(gap)
    agents: dict[str, list[int]] = {}
    for i, conv in enumerate(convs):
        agents.setdefault(conv.agent.id, []).append(i)
    report.scorecards = sorted(
        (Scorecard(agent_id=agent, agent_type=convs[group[0]].agent.type, conversations=len(group),
                   measures=summary(table, group)) for agent, group in agents.items()),
        key=lambda s: (s.agent_type, -s.conversations, s.agent_id),
    )
    return report


def _term_segments(said: Statements | None, ids: list[str]) -> tuple[list[str], list[dict[int, int]]]:
    """The glossary's terms (``convoscope/glossary.yaml``: the user's own topics, such as
    "refund requests") customers use here, and per term the conversations (positions in
    ``ids``) whose customers say it, each with the first turn that does. Learned topics split
    and join what customers say differently with every fit; a term the user defined means the
    same conversations whatever the fit, so a gap on it does not come and go with the topics."""
    if said is None or not said.texts:
        return [], []
    index = {cid: i for i, cid in enumerate(ids)}
    names, segments = [], []
    for term in glossary():
        if not term.customer_says:
            continue
        turns: dict[int, int] = {}
        for r in np.flatnonzero(cue_hits(said, term.customer_says)).tolist():
            position = index.get(said.conversation_ids[r])
            if position is not None:
                turns.setdefault(position, said.turns[r])
        if turns:
            names.append(term.name)
            segments.append(turns)
    return names, segments


def _examples(member: Membership, said: Statements | None, segment: int | None, bad: list[int],
              examples: int) -> list[tuple[int, int | None]]:
    """``examples`` of the ``bad`` conversations (positions) with the turn to cite: within a
    topic, those whose statement is nearest the topic's centre, that statement's turn (the
    clearest cases of the topic); overall, the first by id, their last customer turn."""
    if segment is None or said is None or not bad:
        return [(i, None) for i in sorted(bad)[:examples]]
    rows = np.flatnonzero((member.row_topic == segment) & np.isin(member.row_conversation, bad))
    if not len(rows):
        return [(i, None) for i in sorted(bad)[:examples]]
    similarity = said.vectors(rows) @ member.topics[segment].centroid.astype(np.float32)
    chosen: dict[int, int] = {}
    for r in rows[np.argsort(-similarity, kind="stable")].tolist():
        chosen.setdefault(int(member.row_conversation[r]), said.turns[r])
        if len(chosen) == examples:
            break
    return list(chosen.items())


def _cite(store: Store, report: AgentsReport, gap: Gap, conv: ConversationMeta, turn: int | None) -> None:
    """Cite ``conv``: the customer's turn that put it in the gap's topic, else their last turn."""
    whole = conv if isinstance(conv, Conversation) else store.conversations.get(conv.id)
    if whole is None:
        return
    if turn is None or turn >= len(whole.turns):
        turn = _last_customer_turn(whole)
    if turn is None:
        return
    n = len(report.citations) + 1
    report.citations.append(Citation(
        n=n, conversation_id=whole.id, turn_start=turn, turn_end=turn, speaker=whole.turns[turn].speaker,
        started_at=whole.started_at, channel=whole.channel, text=whole.turns[turn].text))
    gap.citations.append(n)
