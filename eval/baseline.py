"""The naive-RAG baseline, built the way most tutorials build it.

A LangChain retriever over the same Chroma collection (top-k similarity, no filters, no
time window, no memory of the chat), then the "stuff" prompt (``prompts/baseline_stuff``,
LangChain's classic wording) to the same LLM. With the ``extractive`` backend — no
generative model — its answer is the top-k excerpts themselves. It cannot count, compare
periods or say which reasons grew; the harness measures how much that costs.
"""

from __future__ import annotations

import re
import time

import prompts
from assistant.llm import LLM, generate, get_llm
from eval.systems import Claim, Excerpt, SystemAnswer, claims_of, first_number
from vectorstore import Store
from vectorstore.langchain import langchain_search

K = 5  # excerpts stuffed into the prompt
RANK_CHUNKS = 40  # chunks retrieved to rank ten distinct conversations
_REFUSAL = re.compile(r"\b(?:don'?t|do not) know\b|\bno (?:information|mention|data)\b|\bnot (?:mentioned|enough information)\b", re.I)


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
