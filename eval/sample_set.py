"""The benchmark set of the sample corpus, generated from its ground truth.

Questions come from the planted trends (why, counts, comparisons, searches, summaries,
questions the data cannot answer) and from hand-written phrasings of the kind an executive
types — terse, vague, misspelled, follow-ups — in ``benchmarks/sample_phrasings.yaml``,
each sharing the gold of a generated question. The committed ``benchmarks/sample.json``
is this set for the default sample (``convoscope demo``); a test keeps the two equal.
"""

from __future__ import annotations

from datetime import date
from importlib import resources

import yaml

from convoscope.models import Conversation
from eval.sample.generator import SampleCorpus
from eval.sets import BenchmarkSet, BenchQuestion, GoldReason

LOGIN_REASONS = ("password_reset_email", "locked_out", "two_factor")  # what "login problems" covers
BUFFERING = ("tv_app_buffering", "tv_buffering_general")


def _month(key: str) -> tuple[date, date]:
    year, month = map(int, key.split("-"))
    return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1)


class _Corpus:
    """The corpus's conversations indexed by true topic, reason, month and channel."""

    def __init__(self, sample: SampleCorpus) -> None:
        self.truth = sample.truth
        self.conversations: dict[str, Conversation] = {c.id: c for c in sample.conversations}

    def ids(self, *, topic: str | None = None, reasons=None, month: str | None = None,
            channel: str | None = None, agent_type: str | None = None) -> list[str]:
        start, end = _month(month) if month else (None, None)
        out = []
        for cid, label in self.truth.labels.items():
            conv = self.conversations[cid]
            if topic and label.topic != topic or reasons and label.reason not in reasons:
                continue
            if start and not start <= conv.started_at.date() < end:
                continue
            if channel and conv.channel != channel or agent_type and conv.agent.type != agent_type:
                continue
            out.append(cid)
        return sorted(out)

    def reason(self, trend_id: str) -> GoldReason:
        trend = self.truth.trend(trend_id)
        return GoldReason(id=trend.id, label=trend.label, match_terms=trend.match_terms,
                          conversation_ids=self.ids(reasons=(trend.reason,)))


def _generated(corpus: _Corpus) -> list[BenchQuestion]:
    truth = corpus.truth
    months = truth.months
    cur, base = months[-1], months[-2]
    spike = truth.trend("login-password-reset")
    s_cur, s_base = spike.current_window.start.strftime("%Y-%m"), spike.baseline_window.start.strftime("%Y-%m")
    name = {m: _month(m)[0].strftime("%B") for m in months}
    cancel = dict(topic="cancellation")
    login = dict(reasons=LOGIN_REASONS)
    cancel_drivers = [corpus.reason(t.id) for t in truth.trends if t.kind == "driver"]
    cancel_decoys = [corpus.reason(t.id) for t in truth.trends if t.kind == "decoy"]

    def n(**kw) -> int:
        return len(corpus.ids(**kw))

    refund_ai, refund_human = (corpus.ids(topic="refund", agent_type="ai"),
                               corpus.ids(topic="refund", agent_type="human"))
    q = BenchQuestion
    return [
        q(id="why-cancel", question=f"Why did cancellations rise in {name[cur]}?", kind="why",
          counts={"current": n(**cancel, month=cur), "baseline": n(**cancel, month=base)},
          relevant=corpus.ids(**cancel, month=cur), drivers=cancel_drivers, decoys=cancel_decoys),
        q(id="why-login", question=f"Why did login problems spike in {name[s_cur]}?", kind="why",
          counts={"current": n(**login, month=s_cur), "baseline": n(**login, month=s_base)},
          relevant=corpus.ids(**login, month=s_cur), drivers=[corpus.reason(spike.id)]),
        q(id="compare-refunds", question="How do AI agents compare with human agents on refunds?", kind="compare",
          counts={"ai": len(refund_ai), "human": len(refund_human)}, relevant=refund_ai + refund_human),
        q(id="count-cancel-cur", question=f"How many customers wanted to cancel in {name[cur]}?", kind="count",
          counts={"current": n(**cancel, month=cur)}, relevant=corpus.ids(**cancel, month=cur)),
        q(id="count-cancel-base", question=f"How many cancellation conversations were there in {name[base]}?",
          kind="count", counts={"current": n(**cancel, month=base)}, relevant=corpus.ids(**cancel, month=base)),
        q(id="count-refunds", question=f"How many refund requests did we get in {name[cur]}?", kind="count",
          counts={"current": n(topic="refund", month=cur)}, relevant=corpus.ids(topic="refund", month=cur)),
        q(id="count-login", question=f"How many login problems were there in {name[s_cur]}?", kind="count",
          counts={"current": n(**login, month=s_cur)}, relevant=corpus.ids(**login, month=s_cur)),
        q(id="count-cancel-chat", question=f"How many cancellations came in on chat in {name[cur]}?", kind="count",
          counts={"current": n(**cancel, month=cur, channel="chat")},
          relevant=corpus.ids(**cancel, month=cur, channel="chat")),
        q(id="search-buffering", question="Show me customers complaining about buffering in the TV app",
          kind="search", supporting=corpus.ids(reasons=BUFFERING), relevant=corpus.ids(reasons=BUFFERING)),
        q(id="search-annual",
          question=f"Find examples of customers surprised by the annual renewal charge in {name[cur]}",
          kind="search", supporting=corpus.ids(reasons=("annual_renewal_charge",)),
          relevant=corpus.ids(reasons=("annual_renewal_charge",), month=cur)),
        q(id="summary-student", question="What are customers saying about the student offer?", kind="summary",
          supporting=corpus.ids(reasons=("competitor_student_offer",)),
          relevant=corpus.ids(reasons=("competitor_student_offer",))),
        q(id="summary-refunds", question=f"Summarise the refund requests in {name[cur]}", kind="summary",
          supporting=corpus.ids(topic="refund"), relevant=corpus.ids(topic="refund", month=cur)),
        q(id="none-drones", question="Why did complaints about drone deliveries rise last month?", style="unanswerable",
          answerable=False),
        q(id="none-crypto", question="How many customers asked about the crypto wallet?", style="unanswerable",
          answerable=False),
        q(id="none-2019", question="Why did cancellations rise in 2019?", style="unanswerable", answerable=False),
        q(id="none-mars", question="What are customers saying about our Mars colony plan?", style="unanswerable",
          answerable=False),
    ]


def _phrasings(generated: dict[str, BenchQuestion], corpus: _Corpus) -> list[BenchQuestion]:
    """The hand-written phrasings, each with the gold of the question it is ``like``."""
    text = resources.files("eval").joinpath("benchmarks", "sample_phrasings.yaml").read_text(encoding="utf-8")
    out = []
    for entry in yaml.safe_load(text):
        gold = generated[entry["like"]] if entry.get("like") else None
        fields = gold.model_dump(exclude={"id", "question", "style", "history"}) if gold else {}
        if "counts" in entry:  # a follow-up that changes the window or filters has its own counts
            fields["counts"] = {k: len(corpus.ids(**v)) for k, v in entry["counts"].items()}
            fields["relevant"] = corpus.ids(**entry["counts"]["current"])
        if "drivers" in entry:
            fields["drivers"] = [corpus.reason(t) for t in entry["drivers"]]
        fields.update({k: entry[k] for k in ("kind", "answerable") if k in entry})
        out.append(BenchQuestion(id=entry["id"], question=entry["question"], style=entry["style"],
                                 history=entry.get("history", []), **fields))
    return out


def build(sample: SampleCorpus) -> BenchmarkSet:
    corpus = _Corpus(sample)
    generated = _generated(corpus)
    questions = generated + _phrasings({g.id: g for g in generated}, corpus)
    return BenchmarkSet(
        name=f"sample-n{sample.truth.n}-seed{sample.truth.seed}",
        description="Questions about the generated Lumora sample corpus, with gold from its planted ground truth.",
        questions=questions,
    )
