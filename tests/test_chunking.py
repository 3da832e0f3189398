from convoscope.models import Conversation
from ingest.chunking import chunk_conversation, content_hash


def conversation(turn_words: list[int], cid: str = "c-1") -> Conversation:
    turns = [
        {"speaker": "customer" if i % 2 else "agent", "text": " ".join(f"w{i}x{j}" for j in range(n))}
        for i, n in enumerate(turn_words)
    ]
    return Conversation.model_validate(
        {"id": cid, "channel": "chat", "started_at": "2026-10-01T00:00:00Z", "agent": {"id": "a"},
         "metadata": {"product": "Basic"}, "turns": turns}
    )


def test_chunks_are_whole_consecutive_turns_covering_the_conversation():
    conv = conversation([30, 50, 10, 70, 5, 5, 200, 40])
    chunks = chunk_conversation(conv, max_words=100)
    covered = set()
    for chunk in chunks:
        assert chunk.text == conv.transcript(chunk.turn_start, chunk.turn_end)  # never a split turn
        covered |= set(range(chunk.turn_start, chunk.turn_end + 1))
    assert covered == set(range(len(conv.turns)))
    assert [c.turn_start for c in chunks] == sorted(c.turn_start for c in chunks)


def test_chunks_respect_the_word_budget_unless_one_turn_is_longer():
    conv = conversation([30, 50, 10, 70, 5, 5, 200, 40])
    for chunk in chunk_conversation(conv, max_words=100):
        if chunk.turn_start != chunk.turn_end:
            assert len(chunk.text.split()) <= 100 + 2 * (chunk.turn_end - chunk.turn_start + 1)
    long_turn = [c for c in chunk_conversation(conv, max_words=100) if c.turn_start == 6]
    assert long_turn and long_turn[0].turn_end == 6


def test_consecutive_chunks_overlap_by_one_turn():
    chunks = chunk_conversation(conversation([40] * 8), max_words=100, overlap_turns=1)
    for a, b in zip(chunks, chunks[1:]):
        assert b.turn_start == a.turn_end


def test_ids_are_stable_and_change_with_content():
    a = chunk_conversation(conversation([10, 10, 10]))
    assert [c.id for c in a] == [c.id for c in chunk_conversation(conversation([10, 10, 10]))]
    changed = chunk_conversation(conversation([10, 10, 11]))
    assert a[-1].id != changed[-1].id
    assert content_hash(conversation([10, 10])) == content_hash(conversation([10, 10]))
    assert content_hash(conversation([10, 10])) != content_hash(conversation([10, 11]))


def test_chunk_metadata_is_flat_and_filterable():
    chunk = chunk_conversation(conversation([5, 5]))[0]
    meta = chunk.metadata
    assert meta["conversation_id"] == "c-1" and meta["channel"] == "chat" and meta["agent_type"] == "human"
    assert meta["meta_product"] == "Basic" and meta["month"] == "2026-10"
    assert isinstance(meta["day"], int) and isinstance(meta["ts"], int) and meta["started_at"].startswith("2026-10-01")
