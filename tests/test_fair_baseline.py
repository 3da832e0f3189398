"""The fair naive-RAG baseline keeps to the question's window, numbers up to 30 excerpts and
counts each as one claim citing it; the harness reports it beside the other two systems."""

from __future__ import annotations

from convoscope.models import Conversation
from eval.baseline import K_FAIR, NaiveRAGFair
from eval.harness import SYSTEMS
from ingest import ingest_conversations


def _conv(cid: str, day: str, text: str) -> Conversation:
    return Conversation.model_validate({
        "id": cid, "channel": "chat", "started_at": f"{day}T10:00:00Z", "agent": {"id": "a", "type": "human"},
        "turns": [{"speaker": "agent", "text": "hello, how can I help?"}, {"speaker": "customer", "text": text},
                  {"speaker": "agent", "text": "I will look into it"}]})


def test_retrieval_keeps_to_the_named_month_and_each_excerpt_is_one_cited_claim(fake):
    conversations = [_conv(f"m{i}", "2026-05-1" + str(i % 9), f"the meter reading looks wrong again {i}")
                     for i in range(20)]
    conversations += [_conv(f"j{i}", "2026-06-0" + str(i % 9 + 1), f"the meter reading looks wrong now {i}")
                      for i in range(40)]
    ingest_conversations(fake, conversations)
    answer = NaiveRAGFair(fake).answer("Why were meter readings wrong in May?", [])
    assert answer.excerpts and {e.conversation_id[0] for e in answer.excerpts} == {"m"}
    assert [c.cites for c in answer.claims] == [[e.n] for e in answer.excerpts]
    assert answer.reasons == answer.claims[:3] and not answer.refused
    everything = NaiveRAGFair(fake).answer("Why are meter readings wrong?", [])
    assert len(everything.excerpts) == K_FAIR == 30 and [e.n for e in everything.excerpts] == list(range(1, 31))
    assert NaiveRAGFair(fake).answer("Why were meter readings wrong in 2019?", []).refused


def test_the_harness_runs_convoscope_and_both_baselines():
    assert [s.name for s in SYSTEMS] == ["convoscope", "naive-rag", "naive-rag-fair"]
