"""The naive-RAG baseline, built the way most tutorials build it.

A LangChain retriever over the same Chroma collection (top-k similarity, no filters, no
time window, no memory of the chat), then the "stuff" prompt (``prompts/baseline_stuff``,
LangChain's classic wording) to the same LLM. With the ``extractive`` backend — no
generative model — its answer is the top-k excerpts themselves. It cannot count, compare
periods or say which reasons grew; the harness measures how much that costs.

``NaiveRAGFair`` is the same idea given a fair chance (the harness reports both): it keeps
to the window the question names (resolved by the product's own ``assistant.understanding.timewindows``,
so both read "last month" alike), stuffs k = 30 numbered excerpts, and — with the extractive
backend — counts each excerpt as one claim citing it, rather than splitting a multi-line
chunk into claims of which only the last carries the marker.
"""

from __future__ import annotations

import re
import time

import prompts
from assistant.llm.base import LLM, generate
from assistant.llm.registry import get_llm
from assistant.understanding.timewindows import resolve
from eval.systems import Claim, Excerpt, SystemAnswer, claims_of, first_number
from vectorstore import Store
from vectorstore.base import VectorHit, Where
from vectorstore.langchain import langchain_search

K = 5  # excerpts stuffed into the prompt
K_FAIR = 30  # the fair baseline's excerpts
RANK_CHUNKS = 40  # chunks retrieved to rank ten distinct conversations
_REFUSAL = re.compile(r"\b(?:don'?t|do not) know\b|\bno (?:information|mention|data)\b"
                      r"|\bnot (?:mentioned|enough information)\b", re.I)


class NaiveRAG:
    name = "naive-rag"

    def __init__(self, store: Store, llm: str | LLM = "extractive", k: int = K) -> None:
        self.store, self.k = store, k
        self.model = get_llm(llm) if isinstance(llm, str) else llm

    def answer(self, question: str, history: list[str]) -> SystemAnswer:
        del history  # a tutorial RAG chain keeps no chat memory
        started = time.perf_counter()
        hits = langchain_search(self.store, question, RANK_CHUNKS)
        top = hits[: self.k]
        excerpts = [Excerpt(n=i, conversation_id=h.conversation_id, turn_start=h.turn_start, turn_end=h.turn_end,
                            text=h.text) for i, h in enumerate(top, start=1)]
        ranked = list(dict.fromkeys(h.conversation_id for h in hits))[:10]
        if self.model is None:
            text = "The most relevant excerpts:\n" + "\n".join(f"- “{e.text}” [{e.n}]" for e in excerpts)
            reasons = [Claim(text=e.text, cites=[e.n]) for e in excerpts[:3]]
            counts: dict[str, int | None] = {"current": None}
            refused = False
        else:
            context = "\n\n".join(e.text for e in excerpts)
            text = generate(self.model, prompts.load("baseline_stuff").render(context=context, question=question))
            claims = claims_of(text)
            reasons = claims[:3]
            counts = {"current": first_number(text)}
            refused = bool(_REFUSAL.search(text))
        return SystemAnswer(system=self.name, question=question, text=text, kind=None, reasons=reasons,
                            claims=claims_of(text), excerpts=excerpts, counts=counts, ranked=ranked,
                            refused=refused, latency_ms=(time.perf_counter() - started) * 1000)


MAX_TOKENS = 400


def _fitted(model: LLM, question: str, excerpts: list[Excerpt]) -> tuple[str, list[Excerpt]]:
    """The "stuff" prompt with as many of the excerpts (best first) as the model's context holds."""
    template = prompts.load("baseline_stuff")
    kept = list(excerpts)
    while True:
        prompt = template.render(context="\n\n".join(f"[{e.n}] {e.text}" for e in kept), question=question)
        if len(kept) <= 1 or model.count_tokens(prompt) + MAX_TOKENS + 16 <= model.context_size:
            return prompt, kept
        kept.pop()


class NaiveRAGFair(NaiveRAG):
    """Naive RAG with a fair chance: the question's time window as a retrieval filter,
    k = 30 numbered excerpts, one claim per excerpt (each citing it)."""

    name = "naive-rag-fair"

    def __init__(self, store: Store, llm: str | LLM = "extractive", k: int = K_FAIR) -> None:
        super().__init__(store, llm, k)

    def _where(self, question: str) -> Where | None:
        span = self.store.conversations.day_range()
        window = resolve(question, span[1] if span else None).window
        if window is None:
            return None
        return Where(day_from=int(window.start.timestamp() // 86400), day_to=int(window.end.timestamp() // 86400))

    def _hits(self, question: str) -> list[VectorHit]:
        """Plain dense similarity over the same collection, inside the window when one is named."""
        return self.store.search(question, max(RANK_CHUNKS, self.k), self._where(question))

    def answer(self, question: str, history: list[str]) -> SystemAnswer:
        del history
        started = time.perf_counter()
        hits = self._hits(question)
        excerpts = [Excerpt(n=i, conversation_id=h.conversation_id, turn_start=h.turn_start, turn_end=h.turn_end,
                            text=h.text) for i, h in enumerate(hits[: self.k], start=1)]
        ranked = list(dict.fromkeys(h.conversation_id for h in hits))[:10]
        one_per_excerpt = [Claim(text=e.text, cites=[e.n]) for e in excerpts]
        if self.model is None:
            text = "The most relevant excerpts:\n" + "\n".join(f"[{e.n}] {e.text}" for e in excerpts)
            claims, reasons, counts, refused = one_per_excerpt, one_per_excerpt[:3], {"current": None}, not excerpts
        else:
            prompt, excerpts = _fitted(self.model, question, excerpts)
            text = generate(self.model, prompt, MAX_TOKENS)
            claims = claims_of(text)
            reasons, counts, refused = claims[:3], {"current": first_number(text)}, bool(_REFUSAL.search(text))
        return SystemAnswer(system=self.name, question=question, text=text, kind=None, reasons=reasons, claims=claims,
                            excerpts=excerpts, counts=counts, ranked=ranked, refused=refused,
                            latency_ms=(time.perf_counter() - started) * 1000)
