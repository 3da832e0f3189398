"""What the harness scores: any system's answer in one shape, and Convoscope as such a system.

Both Convoscope and the naive-RAG baseline are turned into a ``SystemAnswer``, so every
metric is computed the same way for both.
"""

from __future__ import annotations

import re
import time
from collections import Counter

from pydantic import BaseModel, Field

from assistant import ask
from assistant.llm.base import LLM
from convoscope.models import Answer
from vectorstore import Store

_MARKER = re.compile(r"\[(\d+)\]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"*])")
_NUMBER = re.compile(r"(?<![\w.])(\d[\d,]*)(?![\w])")


class Excerpt(BaseModel):
    """A cited excerpt: the marker number, its conversation and its text as shown."""

    n: int
    conversation_id: str
    turn_start: int
    turn_end: int
    text: str


class Claim(BaseModel):
    """A sentence, bullet or table row of the answer, with the excerpts it cites."""

    text: str
    cites: list[int] = Field(default_factory=list)


class Writing(BaseModel):
    """How a model's prose fared: its claims as the check judged them, and whether it was shown."""

    wrote: bool = True  # the model wrote prose (it may only have named the themes)
    claims: int = 0
    supported: int = 0
    shown: bool = False  # the answer's text is the model's (checked), not the composed one
    rejected_by: dict[str, int] = Field(default_factory=dict)  # rule -> claims it rejected
    first_token_ms: float | None = None
    generation_ms: float | None = None
    names: int = 0  # themes the model named
    names_kept: int = 0  # … whose name passed the check and is shown
    naming_ms: float | None = None


class SystemAnswer(BaseModel):
    system: str
    question: str
    text: str
    kind: str | None = None
    reasons: list[Claim] = Field(default_factory=list)  # what the answer says drove the change, first first
    claims: list[Claim] = Field(default_factory=list)
    excerpts: list[Excerpt] = Field(default_factory=list)
    counts: dict[str, int | None] = Field(default_factory=dict)  # "current"/"baseline", or per segment
    ranked: list[str] = Field(default_factory=list)  # conversations, most relevant first
    refused: bool = False
    latency_ms: float = 0.0
    writing: Writing | None = None  # when a model was asked to write the answer

    def excerpt(self, n: int) -> Excerpt | None:
        return next((e for e in self.excerpts if e.n == n), None)


def claims_of(text: str) -> list[Claim]:
    """The answer's claims: each table row, bullet and sentence of at least four words or
    with a number; headers ("What grew most:") and table rules are not claims."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.endswith(":") or re.fullmatch(r"[|\s:-]+", line) or line.startswith("| segment"):
            continue
        parts = [line] if line.startswith(("|", "-", "*")) else _SENTENCE.split(line)
        for part in parts:
            words = re.sub(r"\[\d+\]", " ", part).split()
            if len(words) >= 4 or _NUMBER.search(" ".join(words)):
                out.append(Claim(text=part, cites=[int(m) for m in _MARKER.findall(part)]))
    return out


def first_number(text: str) -> int | None:
    """The first count a prose answer states, if any (how a reader takes a naive answer's count)."""
    match = _NUMBER.search(re.sub(r"\[\d+\]", " ", text))
    return int(match.group(1).replace(",", "")) if match else None


def from_answer(answer: Answer, latency_ms: float) -> SystemAnswer:
    comparison = answer.comparison
    counts: dict[str, int | None] = {}
    if comparison is not None:
        if comparison.segments:
            counts = {s.label: s.matching for s in comparison.segments}
        else:
            counts["current"] = comparison.current.matching
            if comparison.baseline is not None:
                counts["baseline"] = comparison.baseline.matching
    reasons = [Claim(text=" ".join([d.label, *d.keywords]), cites=d.citations) for d in answer.drivers]
    excerpts = [Excerpt(n=c.n, conversation_id=c.conversation_id, turn_start=c.turn_start, turn_end=c.turn_end,
                        text=c.text) for c in answer.citations]
    matching = comparison.current.matching if comparison else None
    b = answer.backend
    writing = None if b.model_text is None and not b.names else Writing(
        wrote=b.model_text is not None, claims=len(b.claims), supported=sum(c.supported for c in b.claims),
        shown=b.model_text is not None and not b.llm.startswith("extractive"),
        rejected_by=dict(Counter(c.rule or "" for c in b.claims if not c.supported)),
        first_token_ms=b.first_token_ms, generation_ms=b.generation_ms,
        names=len(b.names), names_kept=sum(v.accepted for v in b.names), naming_ms=b.naming_ms)
    return SystemAnswer(
        system="convoscope", question=answer.question, text=answer.answer, kind=answer.kind, reasons=reasons,
        claims=claims_of(answer.answer), excerpts=excerpts, counts=counts, ranked=answer.conversations,
        refused=not answer.citations and not matching, latency_ms=latency_ms, writing=writing,
    )


class Convoscope:
    """The product, as the harness drives it: ``ask`` with the chat's earlier answers."""

    name = "convoscope"

    def __init__(self, store: Store, llm: str | LLM = "extractive") -> None:
        self.store, self.llm = store, llm

    def answer(self, question: str, history: list[str]) -> SystemAnswer:
        earlier: list[Answer] = []
        for previous in history:  # a follow-up is asked after its chat, as a user would
            earlier.append(ask(previous, self.store, llm="extractive", history=earlier))
        started = time.perf_counter()
        answer = ask(question, self.store, llm=self.llm, history=earlier)
        return from_answer(answer, (time.perf_counter() - started) * 1000)
