"""``ask``: one question in, one ``Answer`` out — the function the CLI, the app and eval call."""

from __future__ import annotations

import time
from contextlib import contextmanager

from assistant.evidence import cite
from assistant.filters import to_where
from assistant.understand import Understanding, understand
from convoscope.models import Answer, Backend, Citation, Comparison, Segment
from vectorstore import Store

TOP_K = 8


@contextmanager
def _timed(timings: dict[str, float], name: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = round((time.perf_counter() - started) * 1000, 1)


def _excerpt_answer(u: Understanding, total: int, citations: list[Citation]) -> str:
    scope = "; ".join(u.filters.describe()) or "all conversations"
    if not citations:
        return (
            f"No conversation in the store matches this question ({scope}, {total} conversations searched). "
            "Try a wider time window or fewer filters."
        )
    lines = [f"Searched **{total}** conversations ({scope}). The most relevant excerpts:", ""]
    for c in citations:
        quote = c.text if len(c.text) <= 220 else c.text[:217].rsplit(" ", 1)[0] + "…"
        lines.append(f"- “{quote}” [{c.n}] — {c.speaker}, {c.channel}, {c.started_at:%d %b %Y}")
    return "\n".join(lines)


def ask(question: str, store: Store, *, llm: str = "extractive", k: int = TOP_K) -> Answer:
    """Answer ``question`` from ``store``. Counts and citations come from the stores; text
    is composed from them."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with _timed(timings, "understand_ms"):
        latest = store.conversations.day_range()
        u = understand(question, latest[1] if latest else None, store.conversations.values())
    where = to_where(u.filters)
    with _timed(timings, "retrieve_ms"):
        total = store.conversations.count(where)
        query = u.topic or question
        vector = store.embed_query(query)
        hits = store.vectors.query(vector, k * 4, where) if total else []
    with _timed(timings, "cite_ms"):
        citations = cite(store, hits, vector, k)
    answer = Answer(
        question=question,
        kind=u.kind,
        filters=u.filters,
        population=f"conversations most similar to “{query}”",
        comparison=Comparison(current=Segment(label=u.filters.window.label if u.filters.window else "all", conversations=total)),
        answer=_excerpt_answer(u, total, citations),
        citations=citations,
        backend=Backend(llm=llm, embedder=store.describe()),
        timings_ms=timings,
    )
    answer.timings_ms["total_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return answer
