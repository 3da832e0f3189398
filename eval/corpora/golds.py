"""Gold answers computed from a generated corpus's ground truth, never typed by hand.

A business module phrases its questions the way a leader would and asks :class:`Golds` for
the truth behind each: which conversations are in the population, how many per window or
per segment, which reasons truly grew (drivers) and which held flat (decoys), and which
conversations name a partner or a code (found in the customers' own words).
"""

from __future__ import annotations

import re
from datetime import date

from convoscope.models import Conversation
from eval.corpora.engine import Corpus, Truth
from eval.sets import BenchQuestion, GoldReason


def month_name(month: str) -> str:
    """``2026-06`` -> ``June``."""
    year, mon = map(int, month.split("-"))
    return date(year, mon, 1).strftime("%B")


class Golds:
    """The corpus's conversations indexed by their truth, and question builders over it."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.business = corpus.business
        self.by_id: dict[str, Conversation] = {c.id: c for c in corpus.conversations}

    def customer_text(self, cid: str) -> str:
        return "\n".join(t.text for t in self.by_id[cid].turns if t.speaker == "customer")

    def ids(self, *, topic: str | None = None, reasons: tuple[str, ...] = (), month: str | None = None,
            said: str | None = None, **fields: str) -> list[str]:
        """Conversations matching every filter; ``said`` is a regex over the customer turns,
        ``fields`` any other :class:`Truth` field (region, channel, agent_type, product…)."""
        pattern = re.compile(said, re.I) if said else None
        out = []
        for cid, t in self.corpus.truth.items():
            if topic and t.topic != topic or reasons and t.reason not in reasons or month and t.month != month:
                continue
            if any(getattr(t, k) != v for k, v in fields.items()):
                continue
            if pattern and not pattern.search(self.customer_text(cid)):
                continue
            out.append(cid)
        return sorted(out)

    def reason(self, reason_id: str) -> GoldReason:
        r = self.business.reason(reason_id)
        return GoldReason(id=r.id, label=r.label, match_terms=r.match_terms, conversation_ids=self.ids(reasons=(r.id,)))

    def _of_kind(self, topic: str, *kinds: str) -> list[GoldReason]:
        return [self.reason(r.id) for r in self.business.reasons if r.topic == topic and r.kind in kinds]

    def why(self, qid: str, question: str, topic: str, current: str, baseline: str, **extra) -> BenchQuestion:
        """A why-question about ``topic``: counts in both months, the drivers (or the spike) and the decoys."""
        return BenchQuestion(
            id=qid, question=question, kind="why",
            counts={"current": len(self.ids(topic=topic, month=current)),
                    "baseline": len(self.ids(topic=topic, month=baseline))},
            relevant=self.ids(topic=topic, month=current), drivers=self._of_kind(topic, "driver", "spike"),
            decoys=self._of_kind(topic, "decoy"), **extra)

    def count(self, qid: str, question: str, **filters) -> BenchQuestion:
        population = self.ids(**filters)
        return BenchQuestion(id=qid, question=question, kind="count", counts={"current": len(population)},
                             relevant=population)

    def segments(
        self, qid: str, question: str, field: str, values: list[str] | None = None, **filters
    ) -> BenchQuestion:
        """A comparison: the population's conversations per value of ``field`` (all values, or ``values``)."""
        population = self.ids(**filters)
        counts: dict[str, int] = {}
        for cid in population:
            value = str(getattr(self.corpus.truth[cid], field))
            counts[value] = counts.get(value, 0) + 1
        if values is not None:
            counts = {v: counts.get(v, 0) for v in values}
        return BenchQuestion(id=qid, question=question, kind="compare", counts=counts, relevant=population)

    def search(self, qid: str, question: str, said: str, kind: str = "search", **filters) -> BenchQuestion:
        """A search or summary whose citations may come from conversations saying ``said``."""
        found = self.ids(said=said, **filters)
        return BenchQuestion(id=qid, question=question, kind=kind, supporting=self.ids(said=said), relevant=found)

    def summary(self, qid: str, question: str, **filters) -> BenchQuestion:
        """A rundown of a segment: every conversation of it supports a citation."""
        population = self.ids(**filters)
        return BenchQuestion(id=qid, question=question, kind="summary", supporting=population, relevant=population)

    @staticmethod
    def unanswerable(qid: str, question: str) -> BenchQuestion:
        return BenchQuestion(id=qid, question=question, style="unanswerable", answerable=False)

    def truth(self, cid: str) -> Truth:
        return self.corpus.truth[cid]
