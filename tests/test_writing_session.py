"""Don't spend time for nothing: a model whose text keeps failing the check is paused, said
once, and asked again only when the user chooses it again."""

import json
import os
import subprocess
import sys

import pytest

from assistant import ask_stream
from assistant.llm.base import ScriptedLLM
from assistant.writing.session import WritingSession
from convoscope.models import Answer
from ingest import ingest_paths

QUESTION = "how many customers wanted to cancel in October?"


def _ask(store, model, session) -> Answer:
    *_, answer = ask_stream(QUESTION, store, llm=model, session=session)
    return answer


def test_a_model_that_keeps_failing_is_paused_after_three_answers_and_said_once(fake, data_dir, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_LLM_GIVE_UP", "3")
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    liar = ScriptedLLM(*["Cancellations tripled to 900 [1]."] * 10, name="liar")
    session = WritingSession()
    answers = [_ask(fake, liar, session) for _ in range(5)]
    assert len(liar.prompts) == 3  # the fourth and fifth answers did not wait for it
    notices = [[c for c in a.caveats if "failed the check on the last 3 answers" in c] for a in answers]
    assert [len(n) for n in notices] == [0, 0, 1, 0, 0]  # said once, on the answer that paused it
    assert all(a.backend.llm.startswith("extractive (the liar model is paused") for a in answers[3:])
    assert answers[4].answer == answers[2].answer  # the composed text, as before
    session.resume("liar")
    _ask(fake, liar, session)
    assert len(liar.prompts) == 4  # chosen again: asked again


def test_one_honest_answer_resets_the_count(fake, data_dir, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_LLM_GIVE_UP", "2")
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    n = _ask(fake, None, None).comparison.current.matching
    model = ScriptedLLM("Rose to 900 [1].", f"{n} conversations in October match [1].", "Rose to 900 [1].",
                        "Rose to 900 [1].", name="mixed")
    session = WritingSession()
    answers = [_ask(fake, model, session) for _ in range(4)]
    assert [a.backend.llm for a in answers[:3]] == [
        "extractive (the mixed text failed the check)", "mixed", "extractive (the mixed text failed the check)"]
    assert session.paused("mixed") and len(model.prompts) == 4


def test_the_session_is_kept_in_a_file_and_a_damaged_one_starts_afresh(tmp_path):
    path = tmp_path / "checks.json"
    session = WritingSession()
    for _ in range(3):
        session.record("local:x", failed=True)
    session.save(path)
    assert WritingSession.load(path).paused("local:x")
    path.write_text("{not json")
    assert not WritingSession.load(path).paused("local:x")


@pytest.mark.e2e
def test_the_cli_does_not_wait_for_a_paused_model_until_it_is_named_again(real_store, tmp_path):
    from assistant.llm.local import bundled_gguf

    name = f"local:{bundled_gguf().stem}"
    paused = WritingSession()
    for _ in range(3):
        paused.record(name, failed=True)
    (tmp_path / "model-checks.json").write_text(paused.model_dump_json())
    env = dict(os.environ, CONVOSCOPE_ALLOW_MODELS="1", CONVOSCOPE_CACHE=str(tmp_path), CONVOSCOPE_LLM="local")
    result = subprocess.run([sys.executable, "-m", "ui.cli", "ask", QUESTION, "--store", str(real_store.path),
                             "--json"], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    answer = Answer.model_validate(json.loads(result.stdout))
    assert answer.backend.llm == f"extractive (the {name} model is paused: its text kept failing the check)"
    assert answer.backend.model_text is None and answer.citations
