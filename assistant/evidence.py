"""Citations: the best single turn of each retrieved chunk, verbatim from the stored transcript."""

from __future__ import annotations

import numpy as np

from convoscope.models import Citation, Conversation
from vectorstore import Store, VectorHit


def cite(
    store: Store,
    hits: list[VectorHit],
    query_vector: np.ndarray,
    limit: int,
    *,
    first_n: int = 1,
    conversations: dict[str, Conversation] | None = None,
) -> list[Citation]:
    """One citation per conversation, in hit order: the customer turn of the chunk closest to
    the query (any turn when the chunk has no customer turn). Text comes from the stored
    conversation, never from the chunk, so it is verbatim by construction."""
    chosen: list[VectorHit] = []
    seen: set[str] = set()
    for hit in hits:
        if hit.conversation_id not in seen:
            seen.add(hit.conversation_id)
            chosen.append(hit)
        if len(chosen) >= limit:
            break
    conversations = conversations or store.conversations.get_many(h.conversation_id for h in chosen)
    candidates: list[tuple[int, int]] = []  # (hit index, turn index)
    for index, hit in enumerate(chosen):
        conversation = conversations.get(hit.conversation_id)
        if conversation is None:
            continue
        turns = range(hit.turn_start, min(hit.turn_end, len(conversation.turns) - 1) + 1)
        customer = [t for t in turns if conversation.turns[t].speaker == "customer"]
        candidates.extend((index, t) for t in (customer or list(turns)))
    if not candidates:
        return []
    texts = [conversations[chosen[i].conversation_id].turns[t].text for i, t in candidates]
    scores = store.embedder.embed(texts) @ np.asarray(query_vector, dtype=np.float32)
    best: dict[int, tuple[float, int]] = {}
    for (index, turn), score in zip(candidates, scores):
        if index not in best or score > best[index][0]:
            best[index] = (float(score), turn)
    citations = []
    for index in sorted(best):
        hit = chosen[index]
        conversation = conversations[hit.conversation_id]
        score, turn = best[index]
        citations.append(
            Citation(
                n=first_n + len(citations),
                conversation_id=conversation.id,
                turn_start=turn,
                turn_end=turn,
                speaker=conversation.turns[turn].speaker,
                started_at=conversation.started_at,
                channel=conversation.channel,
                text=conversation.turns[turn].text,
                score=round(score, 4),
            )
        )
    return citations
