"""Answer-quality metrics, each defined once and applied to every system alike.

Definitions (README, "Measuring answers"):

- driver recall@3: gold drivers matched by one of the answer's first three reasons; a reason
  matches a driver when it names one of the driver's match terms or most of the
  conversations it cites give that reason; one reason stands for one driver.
- decoys reported: flat reasons (gold decoys) that most of a reported reason's citations give.
- citation precision: cited excerpts whose conversation truly supports the claim citing it
  (the matched driver's conversations for a reason; otherwise the question's relevant or
  supporting conversations; nothing supports a claim on an unanswerable question).
- citation support: claims (sentences, bullets, table rows) with at least one citation.
- quote fidelity: excerpts whose every line is verbatim text of the turns it points to.
- count accuracy: 1 − relative error per gold count, floored at 0; a count not given scores 0.
- recall@10: relevant conversations among the first ten ranked, over min(10, relevant).
- nDCG@10: binary-relevance nDCG of the first ten ranked (cross-checked against scikit-learn's
  ``ndcg_score`` in the tests).
- refusal correctness: the answer declines exactly when the data cannot answer.
- question kind right: the answer's kind (why, count, compare, search, summary) is the
  question's expected kind; a system that does not tell kinds apart scores 0.
"""

from __future__ import annotations

import math
from collections import Counter

from pydantic import BaseModel

from convoscope.models import Conversation
from eval.sets import BenchQuestion, GoldReason
from eval.systems import Claim, SystemAnswer, Writing


class QuestionScore(BaseModel):
    id: str
    question: str
    style: str
    system: str
    latency_ms: float
    answer: str
    drivers_found: int | None = None
    drivers_gold: int | None = None
    decoys_reported: int | None = None
    cited: int = 0
    cited_supporting: int = 0
    claims: int = 0
    claims_cited: int = 0
    excerpts: int = 0
    verbatim: int = 0
    count_scores: list[float] = []
    recall_at_10: float | None = None
    ndcg_at_10: float | None = None
    refusal_correct: bool
    kind_right: bool | None = None  # None when the question has no expected kind
    kind: str | None = None  # the kind the answer gave
    counts_given: dict[str, int | None] = {}  # the counts the answer gave, for inspection
    writing: Writing | None = None  # a model's prose: its claims as checked, and whether it was shown


def _majority(claim: Claim, answer: SystemAnswer, reasons: list[GoldReason]) -> GoldReason | None:
    cited = [e.conversation_id for n in claim.cites if (e := answer.excerpt(n))]
    if not cited:
        return None
    votes = Counter(r.id for r in reasons for c in cited if c in set(r.conversation_ids))
    if not votes:
        return None
    best, count = votes.most_common(1)[0]
    return next(r for r in reasons if r.id == best) if count * 2 > len(cited) else None


def _score(claim: Claim, answer: SystemAnswer, gold: GoldReason) -> int:
    text = claim.text.lower()
    terms = sum(term in text for term in gold.match_terms)
    return terms + (2 if _majority(claim, answer, [gold]) is not None else 0)


def match_reasons(answer: SystemAnswer, gold: list[GoldReason], top: int = 3) -> dict[str, Claim]:
    """Each gold reason to the reported reason (of the first ``top``) that matches it best."""
    pairs = sorted(
        ((_score(c, answer, g), -i, g.id, i) for i, c in enumerate(answer.reasons[:top]) for g in gold),
        reverse=True,
    )
    chosen: dict[str, Claim] = {}
    used: set[int] = set()
    for score, _, gid, i in pairs:
        if score > 0 and gid not in chosen and i not in used:
            chosen[gid] = answer.reasons[i]
            used.add(i)
    return chosen


def verbatim(text: str, conversation: Conversation | None, start: int, end: int) -> bool:
    """Whether an excerpt is verbatim the turns (or the chunk) of ``conversation`` it points to."""
    if conversation is None:
        return False
    turns = [t.text for t in conversation.turns[start:end + 1]]
    return text == "\n".join(turns) or text == conversation.transcript(start, end)  # a turn, or a whole chunk


def ndcg_at_10(ranked: list[str], relevant: set[str]) -> float:
    gains = [1.0 if c in relevant else 0.0 for c in ranked[:10]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    return dcg / ideal if ideal else 0.0


def score(q: BenchQuestion, a: SystemAnswer, conversations: dict[str, Conversation]) -> QuestionScore:
    s = QuestionScore(id=q.id, question=q.question, style=q.style, system=a.system, latency_ms=round(a.latency_ms, 1),
                      answer=a.text, refusal_correct=a.refused == (not q.answerable),
                      kind_right=None if q.kind is None else a.kind == q.kind, kind=a.kind, counts_given=a.counts,
                      writing=a.writing)
    matched = match_reasons(a, q.drivers) if q.drivers else {}
    if q.drivers:
        s.drivers_found, s.drivers_gold = len(matched), len(q.drivers)
    if q.decoys or q.drivers:
        s.decoys_reported = sum(
            any(_majority(r, a, [d]) is not None for r in a.reasons) for d in q.decoys
        )
    # an excerpt cited for a reason that matched a gold driver must give that driver's reason
    driver_of = {n: g for g in q.drivers if (claim := matched.get(g.id)) for n in claim.cites}
    allowed = set(q.relevant) | set(q.supporting) | {c for d in q.drivers for c in d.conversation_ids}
    for claim in a.claims:
        s.claims += 1
        s.claims_cited += bool(claim.cites)
        for n in claim.cites:
            excerpt = a.excerpt(n)
            if excerpt is None:
                continue
            s.cited += 1
            gold = driver_of.get(n)
            ok = excerpt.conversation_id in (set(gold.conversation_ids) if gold else allowed)
            s.cited_supporting += ok and q.answerable
    for e in a.excerpts:
        s.excerpts += 1
        s.verbatim += verbatim(e.text, conversations.get(e.conversation_id), e.turn_start, e.turn_end)
    for key, truth in q.counts.items():
        given = a.counts.get(key)
        s.count_scores.append(0.0 if given is None or not truth else max(0.0, 1 - abs(given - truth) / truth))
    if q.relevant:
        relevant = set(q.relevant)
        s.recall_at_10 = len(set(a.ranked[:10]) & relevant) / min(10, len(relevant))
        s.ndcg_at_10 = ndcg_at_10(a.ranked, relevant)
    return s
