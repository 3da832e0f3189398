"""End to end with the real components: all-MiniLM-L6-v2, embedded Chroma, SQLite, the CLI."""

import json
import os
import re
import subprocess
import sys

import pytest

from assistant import ask
from assistant.writing.check import numbers_in
from convoscope.models import Answer
from eval.sample import generate
from ingest import ingest_paths

pytestmark = pytest.mark.e2e


def test_reingest_writes_nothing_new(real_store, sample_corpus):
    vectors = real_store.vectors.count()
    again = ingest_paths(real_store, [sample_corpus])
    assert (again.added, again.updated, again.unchanged, again.chunks) == (0, 0, 1000, 0)
    assert real_store.vectors.count() == vectors == len(real_store.conversations.chunks())


def test_citations_are_verbatim_and_match_the_question_filters(real_store):
    answer = ask("show me customers who want to cancel on chat last month", real_store)
    window = answer.filters.window
    assert answer.filters.channel == ["chat"] and window is not None
    assert len(answer.citations) >= 3
    stored = real_store.conversations.get_many(c.conversation_id for c in answer.citations)
    for citation in answer.citations:
        conversation = stored[citation.conversation_id]
        turns = conversation.turns[citation.turn_start : citation.turn_end + 1]
        assert citation.text == "\n".join(t.text for t in turns)  # verbatim from the stored turns
        assert conversation.channel == "chat" and citation.channel == "chat"
        assert window.start <= conversation.started_at < window.end
        assert f"[{citation.n}]" in answer.answer


def test_citations_are_relevant(real_store):
    labels = generate(n=1000).truth.labels
    answer = ask("customers cancelling or closing their account", real_store)
    topics = [labels[c.conversation_id].topic for c in answer.citations]
    assert sum(t == "cancellation" for t in topics) >= 0.75 * len(topics)


def test_cli_ask_json_prints_only_the_answer_on_stdout(real_store):
    result = subprocess.run(
        [sys.executable, "-m", "ui.cli", "ask", "why did cancellations rise last month?",
         "--store", str(real_store.path), "--json"],
        capture_output=True, text=True, timeout=300, env=dict(os.environ, CONVOSCOPE_ALLOW_MODELS="1"),
    )
    assert result.returncode == 0, result.stderr
    answer = Answer.model_validate(json.loads(result.stdout))
    assert answer.kind == "why" and answer.citations


def test_cli_ask_after_an_earlier_question_answers_the_follow_up_on_its_topic(real_store):
    def ask(*args: str) -> Answer:
        result = subprocess.run(
            [sys.executable, "-m", "ui.cli", "ask", *args, "--store", str(real_store.path), "--json"],
            capture_output=True, text=True, timeout=300, env=dict(os.environ, CONVOSCOPE_ALLOW_MODELS="1"))
        assert result.returncode == 0, result.stderr
        return Answer.model_validate(json.loads(result.stdout))

    first = ask("How many cancellations did we get last month?")
    follow = ask("And in September?", "--after", "How many cancellations did we get last month?")
    assert follow.kind == "count" and follow.topic == first.topic
    assert follow.filters.window != first.filters.window
    alone = ask("And in September?")
    assert alone.topic != first.topic  # without the chat there is no topic to carry over


def test_cli_errors_are_one_line_with_the_fix(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "ui.cli", "ask", "anything", "--store", str(tmp_path / "none")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "no store at" in result.stderr and "convoscope ingest" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_local_model_answers_and_only_checked_prose_is_shown(real_store):
    """The bundled SmolLM2 writes over the analysis; its text is shown only where the check
    backs every marker, number and month, else the composed text with the reason."""
    question = "why did cancellations rise last month?"
    composed = ask(question, real_store)
    answer = ask(question, real_store, llm="local")
    backend = answer.backend
    assert backend.prompt == "answer.v4" and question in backend.prompt_text
    assert backend.model_text and backend.completion_tokens and backend.prompt_tokens <= 400 + 16
    assert 0 < backend.first_token_ms <= backend.generation_ms
    if backend.llm.startswith("local:SmolLM2"):
        markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
        assert markers and markers <= {c.n for c in answer.citations}
        assert numbers_in(answer.answer) <= numbers_in(composed.answer)
    else:
        assert backend.llm == "extractive (the local:SmolLM2-135M-Instruct.Q4_1 text failed the check)"
        assert answer.answer == composed.answer and "text was not shown" in answer.caveats[-1]


def test_the_same_question_gets_the_same_answer_in_every_process(real_store):
    def answer(seed: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "ui.cli", "ask", "why did cancellations rise last month?",
             "--store", str(real_store.path), "--json"],
            capture_output=True, text=True, timeout=300,
            env=dict(os.environ, CONVOSCOPE_ALLOW_MODELS="1", PYTHONHASHSEED=seed),
        )
        return json.loads(result.stdout)["answer"]

    assert answer("1") == answer("2")


def test_a_question_the_data_cannot_answer_says_so_instead_of_guessing(real_store):
    unknown = ask("How many conversations were about the crypto wallet?", real_store)
    assert unknown.comparison.current.matching == 0 and not unknown.citations
    past = ask("Why did cancellations rise in 2019?", real_store)
    assert past.comparison.current.matching == 0 and not past.drivers
    assert any("outside that range" in c for c in past.caveats)
