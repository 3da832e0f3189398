"""End to end from sound: a folder of stereo calls spoken here from scripts generated at test
time, ingested into a real store (Chroma, SQLite, all-MiniLM-L6-v2), then asked about with the
extractive assistant. Every citation must come from the call the question is about, verbatim
from its stored turns."""

from __future__ import annotations

import json
import os

import pytest

from eval.audio_calls import missing_tools, sample_scripts, write_call

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(bool(missing_tools()), reason=missing_tools() or "")]

SEED = 41
ANSWERED = 3  # of the 4 calls, at least this many are found from what their customers said (4 when measured)


@pytest.fixture(scope="module")
def call_store(tmp_path_factory):
    os.environ["CONVOSCOPE_ALLOW_MODELS"] = "1"  # module-scoped: set before the per-test switch runs
    from ingest import ingest_paths
    from vectorstore import Store

    root = tmp_path_factory.mktemp("asked")
    scripts = sample_scripts(4, seed=SEED)
    for script in scripts:
        write_call(root / "calls" / f"{script.id}.wav", script.lines)
        (root / "calls" / f"{script.id}.json").write_text(json.dumps(script.sidecar))
    store = Store(root / "store")
    report = ingest_paths(store, [root / "calls"])
    assert (report.added, report.rejected, report.files) == (4, [], 4)
    yield store, scripts
    store.close()


def test_a_question_about_a_call_cites_that_call_verbatim(call_store):
    from assistant import ask

    store, scripts = call_store
    found = set()
    for script in scripts:
        said = [text for speaker, text in script.lines if speaker == "customer" and len(text.split()) >= 6]
        for text in said:
            answer = ask(f'show me customers who said "{text}"', store)
            stored = store.conversations.get_many(c.conversation_id for c in answer.citations)
            for citation in answer.citations:
                assert citation.conversation_id == script.sidecar["id"], (text, citation)
                turns = stored[citation.conversation_id].turns[citation.turn_start: citation.turn_end + 1]
                assert citation.text == "\n".join(t.text for t in turns)
                assert citation.channel == "voice" and citation.speaker == "customer"
                assert f"[{citation.n}]" in answer.answer
                found.add(citation.conversation_id)
    assert len(found) >= ANSWERED, f"only {sorted(found)} of the calls were found from what their customers said"


def test_the_calls_carry_their_voice_metrics_for_the_agents_page(call_store):
    store, scripts = call_store
    stored = store.conversations.get_many(s.sidecar["id"] for s in scripts)
    for script in scripts:
        conversation = stored[script.sidecar["id"]]
        assert conversation.agent.id == script.sidecar["agent"]["id"] and conversation.metadata["speakers"] == "channel"
        for key in ("talk_listen_ratio", "silence_share", "longest_silence_s", "interruptions"):
            assert key in conversation.metadata, key
        assert all(t.start is not None and t.end is not None for t in conversation.turns)
