"""The model writes prose; only backed markers and numbers reach the user."""

import re

from assistant import ask
from assistant.llm.base import ScriptedLLM
from assistant.writing.check import check, headline_numbers, numbers_in
from ingest import ingest_paths

ALLOWED = numbers_in("Cancellations rose from **57** in September 2026 to **131** in October 2026 (+130 %).")


def test_numbers_are_normalised():
    assert numbers_in("from 1,204 to +130 % in 2026 [3]") == {"1204", "130", "2026"}


def test_invented_marker_and_invented_number_are_dropped():
    text = ("Cancellations rose from 57 to 131 [1]. A new fee drove 45 of them [2]. "
            "Customers also mention the app [7].\n- Renewal charge [2]")
    checked = check(text, ALLOWED, {1, 2})
    assert checked.dropped == ["A new fee drove 45 of them [2].", "Customers also mention the app [7]."]
    assert checked.text == "Cancellations rose from 57 to 131 [1].\n- Renewal charge [2]" and checked.usable


def test_repeats_empty_sentences_and_unbacked_months_are_dropped():
    text = ("Cancellations rose from 57 to 131 [1]. Cancellations rose from 57 to 131 [2]. Analysis: [1][2]. "
            "It peaked in November [1]. Most of it came in October [2].")
    checked = check(text, ALLOWED, {1, 2}, months={"september", "october"})
    assert checked.dropped == ["Cancellations rose from 57 to 131 [2].", "Analysis: [1][2].",
                               "It peaked in November [1]."]
    assert checked.text == "Cancellations rose from 57 to 131 [1]. Most of it came in October [2]."
    assert not checked.usable and checked.reason.startswith("3 of its 5 sentences")  # most of it failed


def test_text_that_leaves_out_the_headline_numbers_is_not_usable():
    composed = "Conversations rose from **57** in September to **131** in October [1].\n\n- **fee**: 3 → 40 [2]"
    assert headline_numbers(composed) == {"57", "131"}
    checked = check("A new fee drove it, 3 to 40 [2].", numbers_in(composed), {1, 2},
                    headline=headline_numbers(composed))
    assert not checked.usable and checked.reason == "it left out the headline numbers (57, 131)"


def test_text_without_any_citation_is_not_usable():
    assert not check("Cancellations rose from 57 to 131.", ALLOWED, {1}).usable


def test_mostly_lying_text_is_not_usable():
    assert not check("Rose 57 [1]. Rose 99 [1]. Rose 98 [1]. Rose 97 [1].", ALLOWED, {1}).usable


def test_a_lying_model_never_reaches_the_user(fake, data_dir):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    liar = ScriptedLLM("Cancellations tripled to 900 [1]. Everyone hates the price [12].", name="liar")
    answer = ask("how many customers wanted to cancel in October?", fake, llm=liar)
    assert "900" not in answer.answer and "[12]" not in answer.answer
    assert answer.backend.llm.startswith("extractive") and "liar" in answer.caveats[-1]
    assert answer.backend.prompt == "answer.v2" and "how many customers wanted to cancel" in answer.backend.prompt_text
    assert "liar" in liar.name and len(liar.prompts) == 1


def test_an_honest_model_is_shown_and_named(fake, data_dir):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    baseline = ask("how many customers wanted to cancel in October?", fake)
    n = baseline.comparison.current.matching
    honest = ScriptedLLM(f"{n} conversations in October match [1].", name="honest")
    answer = ask("how many customers wanted to cancel in October?", fake, llm=honest)
    assert answer.answer == f"{n} conversations in October match [1]." and answer.backend.llm == "honest"
    assert {int(m) for m in re.findall(r"\[(\d+)\]", answer.answer)} <= {c.n for c in answer.citations}
