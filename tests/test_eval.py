"""The harness's own pieces: sets, metrics and the report, on small hand-made inputs."""

import json

import numpy as np
import pytest
from sklearn.metrics import ndcg_score

from convoscope.errors import ConvoscopeError
from eval import load_sample_set
from eval.harness import summarise
from eval.metrics import ndcg_at_10, score
from eval.report import chart_svg, markdown
from eval.sets import BenchQuestion, GoldReason, load_set
from eval.systems import Claim, Excerpt, SystemAnswer, claims_of, first_number


def test_ndcg_matches_scikit_learn():
    ranked = ["a", "x", "b", "y", "c", "z", "q", "r", "s", "t"]
    relevant = {"a", "b", "c", "d"}
    truth = np.array([[1.0 if c in relevant else 0.0 for c in ranked] + [1.0]])  # "d" was not retrieved
    scores = np.array([[10 - i for i in range(10)] + [-1]])
    assert ndcg_at_10(ranked, relevant) == pytest.approx(ndcg_score(truth, scores, k=10))


def test_claims_are_sentences_bullets_and_rows_with_their_markers():
    text = ("Conversations about “cancellations” rose from **58** to **137** (+136 %) [1][2].\n\nWhat grew most:\n"
            "- **annual charge**: 0 → 34 [3][4]\n| human | 128 | 87% | [5] |\n|---|---|\nok")
    claims = claims_of(text)
    assert [c.cites for c in claims] == [[1, 2], [3, 4], [5]]
    assert first_number("We saw 1,204 cancellations [1]") == 1204


def _answer(**kw):
    base = dict(system="s", question="q", text="", excerpts=[
        Excerpt(n=1, conversation_id="c1", turn_start=0, turn_end=0, text="hi"),
        Excerpt(n=2, conversation_id="c9", turn_start=0, turn_end=0, text="hi")])
    return SystemAnswer(**{**base, **kw})


def test_a_driver_is_found_by_its_terms_and_its_citations_must_give_its_reason():
    gold = GoldReason(id="annual", match_terms=["annual"], conversation_ids=["c1"])
    q = BenchQuestion(id="q", question="why", drivers=[gold], counts={"current": 100}, relevant=["c1", "c9"])
    a = _answer(reasons=[Claim(text="annual charge", cites=[1, 2])],
                claims=[Claim(text="annual charge 0 → 34", cites=[1, 2])], counts={"current": 90})
    s = score(q, a, {})
    assert (s.drivers_found, s.drivers_gold) == (1, 1)
    assert (s.cited_supporting, s.cited) == (1, 2)  # c9 does not give the annual-charge reason
    assert s.count_scores == [pytest.approx(0.9)]


def test_an_answer_to_an_unanswerable_question_is_right_only_when_it_declines():
    q = BenchQuestion(id="q", question="mars?", answerable=False)
    assert score(q, _answer(refused=True), {}).refusal_correct
    wrong = score(q, _answer(claims=[Claim(text="the Mars plan is loved", cites=[1])]), {})
    assert not wrong.refusal_correct and wrong.cited_supporting == 0


def test_a_bad_benchmark_file_is_one_clear_error(tmp_path):
    bad = tmp_path / "set.yaml"
    bad.write_text("name: x\nquestions:\n  - question: no id here\n")
    with pytest.raises(ConvoscopeError, match="set.yaml is not a valid benchmark set.*id"):
        load_set(bad)
    good = tmp_path / "set.json"
    good.write_text(json.dumps({"name": "mine", "questions": [{"id": "a", "question": "why?"}]}))
    assert load_set(good).questions[0].id == "a"


def test_the_sample_set_has_enough_questions_of_every_style():
    bench = load_sample_set()
    styles = {q.style for q in bench.questions}
    assert (len(bench.questions) >= 25
            and {"generated", "terse", "vague", "misspelled", "follow-up", "unanswerable"} <= styles)


def test_the_report_has_the_table_and_a_chart():
    q = BenchQuestion(id="q", question="why", counts={"current": 10})
    s = score(q, _answer(counts={"current": 10}), {})
    from eval.harness import Report

    report = Report(benchmark="b", store="st", questions=1, systems=[summarise("convoscope", "extractive", [s])],
                    scores=[s])
    md = markdown(report)
    assert "| count accuracy | 100% |" in md and "chart.svg" in md
    assert chart_svg(report).startswith("<svg") and "count accuracy" in chart_svg(report)


def test_model_prose_is_scored_claim_by_claim_beside_the_quality_table(fake, data_dir):
    """Per model: answers written and shown, claims supported and rejected — with the scripted
    test model, one honest answer and one that invents a number."""
    from assistant import ask
    from assistant.llm.base import ScriptedLLM
    from eval.harness import evaluate
    from eval.sets import BenchmarkSet
    from ingest import ingest_paths

    ingest_paths(fake, [data_dir / "mini.jsonl"])
    question = "how many customers wanted to cancel in October?"
    n = ask(question, fake).comparison.current.matching
    bench = BenchmarkSet(name="two", description="", questions=[
        BenchQuestion(id="honest", question=question, kind="count"),
        BenchQuestion(id="liar", question=question, kind="count")])
    model = ScriptedLLM(f"{n} conversations in October match [1].", "Cancellations tripled to 900 [1].",
                        name="scripted")
    report = evaluate(fake, bench, [model])
    (held,) = report.faithfulness
    assert (held.system, held.answers, held.shown) == ("convoscope", 2, 1)
    assert (held.claims, held.supported, held.rejected) == (2, 1, 1)
    md = markdown(report)
    assert "## Model prose, claim by claim" in md
    assert "| convoscope (scripted) | 2 | 1 of 2 | 2 | 1 (50%) | 1 (direction 1) |" in md  # "tripled": one month
    assert held.rejected_by == {"direction": 1}
