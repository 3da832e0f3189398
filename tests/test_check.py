"""The model writes prose; only claims that agree with what their markers cite reach the user.

Hand-written true and false claims for every answer kind, over facts written out by hand
(what ``facts_of`` builds from an analysis), then the check end to end on real answers."""

import re

import pytest

from assistant import ask
from assistant.llm.base import ScriptedLLM
from assistant.writing.check import check, clauses, headline_numbers, numbers_in
from assistant.writing.facts import Fact, Facts
from ingest import ingest_paths


def fact(kind, label, markers, numbers=(), pairs=(), direction=None, values=None, percents=()) -> Fact:
    words = set(re.findall(r"[a-z0-9']+", label.lower())) - {"the", "by", "in", "of", "agents"}
    return Fact(kind=kind, label=label, markers=set(markers), numbers={str(n) for n in (*numbers, *percents)},
                percents={str(n) for n in percents}, pairs=set(pairs), direction=direction, words=words,
                values=values or {})


# A why answer: cancellations 58 → 137; three drivers, one flat reason (the telecom).
WHY = Facts(times={"2026"}, months={"september", "october"}, topic_words={"cancellations"}, facts=[
    fact("total", "cancellations", [1, 2], [58, 137, 399, 307], [(58, 137)], "up", percents=[136]),
    fact("driver", "switching prices by ten dollars", [3, 4, 5], [2, 27], [(2, 27)], "up", percents=[37, 1250]),
    fact("driver", "orbital fiber giving faster speed for 40 dollars", [6, 7, 8], [1, 19, 40], [(1, 19)], "up",
         percents=[26, 1800]),
    fact("driver", "the internet dropping every night in Lakeside north", [9, 10, 11], [1, 15], [(1, 15)], "up",
         percents=[20, 1400]),
    fact("flat", "billing questions", [12], [5], [(5, 5)], "flat"),
])
EXCERPTS = {n: f"excerpt {n}" for n in range(1, 13)} | {3: "I'm switching, you put my price up by ten dollars"}

WHY_TRUE = [
    "Cancellations rose from 58 in September 2026 to 137 in October 2026 (+136 %) [1][2].",
    "Switching prices by ten dollars grew from 2 to 27, 37% of the change [3][4].",
    "Orbital Fiber drew 19 customers away, up from 1 [6].",
    "The internet dropping every night in Lakeside north rose 1 → 15 [9][10][11].",
    "Billing questions held flat at 5 [12].",
    "Prices (2 → 27) [3] and Lakeside outages (1 → 15) [9] drove the rise.",
    "One customer wrote “you put my price up by ten dollars” [3].",
    "Of the 137 cancellations, 27 came from switching prices by ten dollars [3].",  # a part beside its total
    "Billing questions held flat at 5, so they did not cause the rise [12].",
    "Billing questions did not rise [12].",  # a direction denied is not a direction claimed
    "Cancellations rose from 58 to 137, driven by switching prices by ten dollars [1][2][3].",  # the reason cited
    "Switching prices by ten dollars came up in 27 conversations [3].",  # "came up" is no rise
]
WHY_FALSE = {
    # the misattribution: real numbers and markers, false claim
    "The main drivers were switching prices by ten dollars (2 → 27, 37%) and orbital fiber giving faster speed for "
    "40 dollars (1 → 19, 26%), while the internet dropping every night in Lakeside north held roughly flat "
    "(5 → 5) [9][10][11].": "pair",
    "The internet dropping every night in Lakeside north held roughly flat (5 → 5) [9][10][11].": "pair",
    "Lakeside's evening outages held roughly flat [9].": "direction",
    "Switching prices grew from 1 to 15 [3].": "pair",
    "Price rises drove 45 of the cancellations [3].": "number",
    "Cancellations rose, driven mostly by the ten dollar price rise [9].": "name",
    "Switching prices drove customers away, as the renewal made them angry.": "name",
    "Switching prices grew from 2 to 27.": "unmarked number",
    "Billing questions rose sharply [12].": "direction",
    "Prices (1 → 15) [3] and Lakeside outages (2 → 27) [9] drove the rise.": "pair",
    "Most of it came in November [1].": "month",
    "One customer wrote “I am leaving for a cheaper deal” [3].": "quote",
    "Everyone hates the fee [14].": "marker",
    "Cancellations rose over complaints spanning 58 months [1][2].": "span",  # a count as a length of time
    # a count written as a percentage: the model's "25% increase from July 69 to August 176%" (25 → 69, +176 %)
    "Cancellations saw a 58% increase [1][2].": "difference",  # 58 -> 137 is +136 %
    "Switching prices and orbital fiber rose, with 27% and 19% changes respectively [3][6].": "percent",
    # the total's numbers given as a driver's: "…, in 48 conversations [1]" of a theme of 5
    "Switching prices by ten dollars came up in 137 conversations [3].": "role",
    "Cancellations rose from 58 to 137, driven by switching prices by ten dollars [1][2].": "name",  # not cited
    "Switching prices by ten dollars grew 136% [3].": "role",
    # a flat reason given as a cause
    "Billing questions, steady at 5, were behind the rise [12].": "cause",
}


@pytest.mark.parametrize("claim", WHY_TRUE)
def test_true_claims_of_a_why_answer_are_kept(claim):
    checked = check(claim, WHY, EXCERPTS)
    assert checked.text == claim and all(c.supported for c in checked.claims), checked.claims


@pytest.mark.parametrize(("claim", "rule"), WHY_FALSE.items())
def test_false_claims_of_a_why_answer_are_removed_with_the_rule_they_break(claim, rule):
    checked = check(claim, WHY, EXCERPTS)
    assert checked.text == "" and [c.rule for c in checked.claims] == [rule], checked.claims
    assert checked.claims[0].why


def test_the_misattribution_names_what_the_markers_do_back():
    checked = check("Lakeside north held roughly flat (5 → 5) [9][10][11].", WHY, EXCERPTS)
    assert "the internet dropping every night in Lakeside north" in checked.claims[0].why
    assert "1 → 15" in checked.claims[0].why


# Changes with no theme that moved more than the rest: storm damage 9 → 34 and all conversations
# 58 → 54 (the unseen insurer's and utility's answers), each with one flat reason.
STORMS = Facts(times={"2026"}, months={"april", "may"}, facts=[
    fact("total", "storm damage", [1, 2, 3, 4], [9, 34], [(9, 34)], "up", percents=[278]),
    fact("flat", "does my policy cover accidental damage", [5], [5, 4], [(5, 4)], "flat"),
])
FEWER_CONTACTS = Facts(times={"2026"}, months={"april", "may"}, facts=[
    fact("total", "conversations", [], [58, 54], [(58, 54)], "down", percents=[7]),
    fact("flat", "my daughter helped me with the app", [1], [8, 6], [(8, 6)], "flat"),
])


@pytest.mark.parametrize(("facts", "claim", "rule"), [
    (STORMS, "Storm damage reports rose from 9 in April to 34 in May (+278%) [1][2].", None),
    (STORMS, "No single theme grew significantly more than the rest [3][4].", None),
    (STORMS, "Policy coverage questions held steady at 5 → 4 [5].", None),
    # the model's words on the unseen insurer and utility: the analysis contradicted; a flat reason as the cause
    (STORMS, "The analysis indicates that more than any other theme grew significantly, including [3][4].",
     "no theme grew"),
    (STORMS, "Policy coverage questions, steady at 5 → 4, were behind the rise [5].", "cause"),
    (FEWER_CONTACTS, "Customers contacted us about 58 conversations in April and 54 in May, a decrease of -7% from "
                     "the previous month due to a flat held conversation on daughter's help [1].", "cause"),
    # the total's own pair beside a part's markers speaks of the total (which has no excerpts to cite)
    (FEWER_CONTACTS, "Conversations fell from 58 to 54 (-7%), though my daughter helped me with the app held "
                     "flat [1].", None),
    (FEWER_CONTACTS, "My daughter helped me with the app came up in 54 conversations [1].", "role"),
])
def test_claims_of_a_change_no_theme_explains(facts, claim, rule):
    checked = check(claim, facts, EXCERPTS)
    assert [c.rule for c in checked.claims] == [rule], checked.claims


# A count answer and a summary.
COUNT = Facts(times={"2026"}, months={"october"}, facts=[
    fact("total", "cancellations", [1, 2], [137, 399]),
    fact("theme", "annual renewal charge", [3, 4], [40]),
    fact("theme", "app keeps buffering", [5], [22]),
])


@pytest.mark.parametrize(("claim", "rule"), [
    ("137 of 399 conversations in October 2026 match [1][2].", None),
    ("137 customers wanted to cancel in October.", None),  # the population's own total may stand unmarked
    ("The annual renewal charge came up in 40 conversations [3].", None),
    ("150 of 399 conversations match [1].", "number"),
    ("The annual renewal charge came up in 22 conversations [3].", "number"),
    ("The app keeps buffering for 40 customers [5].", "number"),
    ("The annual renewal charge came up in 137 conversations [3].", "role"),  # the total's number, a theme's markers
    ("Of 137 cancellations, 40 were about the annual renewal charge [3].", None),
    ("137 customers wanted to cancel [3].", None),  # the topic's total, under a theme's examples: not the theme's
    ("137 conversations match, about the annual renewal charge and the app buffering [3][5].", None),  # its parts
    ("The annual renewal charge came up in 40 conversations [5].", "name"),
    ("The renewal charge came up in 40 conversations.", "unmarked number"),
])
def test_claims_of_count_and_summary_answers(claim, rule):
    checked = check(claim, COUNT, EXCERPTS)
    assert [c.rule for c in checked.claims] == [rule], checked.claims


# A comparison: human agents 128 of 1,530 refund conversations, 87 % resolved; AI agents 47 of 470, 45 %.
COMPARE = Facts(times=set(), months=set(), topic_words={"refunds"}, facts=[
    fact("total", "refunds", [], [175, 2000]),
    fact("segment", "human agents", [1, 2], [1530, 128], percents=[8, 87],
         values={"count": 128, "conversations": 1530, "share": 128 / 1530, "resolved": 0.87, "escalated": 0.08,
                 "csat": 3.7}),
    fact("segment", "AI agents", [3, 4], [470, 47], percents=[10, 45, 34],
         values={"count": 47, "conversations": 470, "share": 47 / 470, "resolved": 0.45, "escalated": 0.34,
                 "csat": 3.1}),
])


@pytest.mark.parametrize(("claim", "rule"), [
    ("Human agents had more refund conversations than AI agents: 128 vs 47 (8% vs 10%) [1][3].", None),
    ("As a share of their conversations, though, AI agents had more [3].", None),
    ("Human agents resolved more of them: 87% against 45% for AI agents [1][3].", None),
    ("AI agents escalate more of them [3].", None),
    ("Human agents do better on escalations [1].", None),
    ("AI agents resolve 25 % of refund conversations, human agents 80 % [1][3].", "number"),
    ("AI agents resolved more of them: 45% against 87% for human agents [1][3].", "winner"),
    ("Human agents had fewer refund conversations than AI agents [1][3].", "winner"),
    ("AI agents do better on escalations [3].", "winner"),
    ("AI agents resolved 87% of refund requests [3].", "number"),
    ("AI agents resolved 47% of refund requests [3].", "percent"),  # 47 is their count, not a rate
    ("Human agents resolved 87% of them [3].", "name"),
    # a figure given as another measure's: the model's "an average CSAT score of +11%", 11 % escalations
    ("Human agents resolved 87% of them, with an average CSAT score of +8% [1][3].", "measure"),
    ("AI agents resolved 45% and escalated 34% of them [3].", None),
    ("Human agents resolved 111 of their refund conversations [1].", "number"),  # a count, not read as the rate
])
def test_claims_of_a_comparison(claim, rule):
    checked = check(claim, COMPARE, EXCERPTS)
    assert [c.rule for c in checked.claims] == [rule], checked.claims


def test_numbers_belong_to_the_markers_that_follow_them():
    parts = clauses("Prices (2 → 27) [3] and outages (1 → 15) [9][10] drove it.")
    assert [p.markers for p in parts] == [{3}, {9, 10}]
    assert parts[1].text.endswith("drove it.")


def test_numbers_are_normalised():
    assert numbers_in("from 1,204 to +130 % in 2026, 4.50 a month [3]") == {"1204", "130", "2026", "4.5"}


def test_a_text_that_leaves_out_the_headline_numbers_is_not_usable():
    composed = "Conversations rose from **58** in September to **137** in October [1].\n\n- **prices**: 2 → 27 [3]"
    assert headline_numbers(composed) == {"58", "137"}
    checked = check("Switching prices grew from 2 to 27 [3].", WHY, EXCERPTS, headline=headline_numbers(composed))
    assert not checked.usable and checked.reason == "it left out the headline numbers (58, 137)"


def test_a_reply_cut_off_mid_sentence_loses_its_unfinished_claim():
    text = "Cancellations rose from 58 to 137 [1][2]. The rise came mostly from conversations about"
    checked = check(text, WHY, EXCERPTS)
    assert checked.text == "Cancellations rose from 58 to 137 [1][2]."
    assert [c.rule for c in checked.claims] == [None, "unfinished"]
    assert check("Cancellations rose from 58 to 137 [1][2]", WHY, EXCERPTS).claims[0].supported  # ends on markers


def test_mostly_false_text_is_not_usable_and_repeats_are_removed():
    text = ("Cancellations rose from 58 to 137 [1]. Cancellations rose from 58 to 137 [2]. "
            "Billing rose [12]. Prices fell [3].")
    checked = check(text, WHY, EXCERPTS)
    assert [c.rule for c in checked.claims] == [None, "repeat", "direction", "direction"]
    assert not checked.usable and checked.reason == "3 of its 4 claims did not agree with the analysis"


def test_a_lying_model_never_reaches_the_user(fake, data_dir):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    liar = ScriptedLLM("Cancellations tripled to 900 [1]. Everyone hates the price [12].", name="liar")
    answer = ask("how many customers wanted to cancel in October?", fake, llm=liar)
    assert "900" not in answer.answer and "[12]" not in answer.answer
    assert answer.backend.llm.startswith("extractive") and "liar" in answer.caveats[-1]
    assert answer.backend.prompt == "answer.v4" and "how many customers wanted to cancel" in answer.backend.prompt_text
    # "tripled": a count of one month compares no periods; [12] is no excerpt of the answer
    assert [c.rule for c in answer.backend.claims] == ["direction", "marker"]


def test_an_honest_model_is_shown_and_named(fake, data_dir):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    baseline = ask("how many customers wanted to cancel in October?", fake)
    n = baseline.comparison.current.matching
    honest = ScriptedLLM(f"{n} conversations in October match [1].", name="honest")
    answer = ask("how many customers wanted to cancel in October?", fake, llm=honest)
    assert answer.answer == f"{n} conversations in October match [1]." and answer.backend.llm == "honest"
    assert [c.supported for c in answer.backend.claims] == [True]


def test_a_search_is_answered_with_the_customers_own_words_not_a_models(fake, data_dir):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    question = "show me customers complaining about buffering"
    model = ScriptedLLM("Customers complain about buffering [1].", name="scripted")
    answer = ask(question, fake, llm=model)
    assert answer.kind == "search" and answer.answer == ask(question, fake).answer and answer.citations
    assert answer.backend.llm.startswith("extractive (a list of excerpts") and answer.backend.model_text is None


@pytest.mark.e2e
def test_the_composed_answer_to_every_benchmark_question_passes_the_check_whole(real_store):
    """No false rejections: the composed text (every kind: why, count, compare, search, summary,
    refusals) passed through the check loses no claim."""
    from assistant.ask import analyze
    from assistant.understanding.understand import understand
    from assistant.writing.compose import compose
    from assistant.writing.facts import facts_of
    from eval import load_sample_set

    latest, values = real_store.conversations.day_range()[1], real_store.conversations.values()
    kinds = set()
    for q in load_sample_set().questions:
        analysis = analyze(real_store, understand(q.question, latest, values))
        text = compose(analysis)
        checked = check(text, facts_of(analysis), {c.n: c.text for c in analysis.citations},
                        headline=headline_numbers(text), composed=text)
        assert [c for c in checked.claims if not c.supported] == [], q.question
        assert checked.text == text.strip() or not analysis.citations, q.question
        kinds.add(analysis.understanding.kind)
    assert kinds == {"why", "count", "compare", "search", "summary"}


# A per-company count with a tie at the top, and a count whose population was found by similarity.
TIED = Facts(times=set(), months=set(), topic_words={"battery"}, facts=[
    fact("total", "battery", [1, 3], [12, 857]),
    fact("segment", "AppleSupport", [1, 2], [56, 5], percents=[9], values={"count": 5, "conversations": 56}),
    fact("segment", "VerizonSupport", [3, 4], [41, 5], percents=[12], values={"count": 5, "conversations": 41}),
    fact("segment", "Delta", [6], [42, 1], percents=[2], values={"count": 1, "conversations": 42}),
])


@pytest.mark.parametrize(("claim", "rule"), [
    ("AppleSupport and VerizonSupport tied for the most battery complaints, 5 each [1][3].", None),
    ("AppleSupport had more battery complaints than Delta [1][6].", None),
    # the model's words on the real threads: the most, where another company has as many
    ("AppleSupport gets the most battery complaints with 5 out of its 56 conversations [1].", "winner"),
])
def test_a_tie_at_the_top_is_not_a_win(claim, rule):
    assert [c.rule for c in check(claim, TIED, EXCERPTS).claims] == [rule]


def test_the_similarity_cut_of_the_matching_is_not_a_share():
    found = COUNT.model_copy(update={"definition": {"0.54": {"cosine"}}}, deep=True)
    found.facts[0].numbers.add("0.54")  # the composed headline says "(cosine ≥ 0.54)"
    said = ["137 of 399 conversations match, found with a cosine similarity of at least 0.54 [1][2].",
            "137 of 399 conversations match, approximately 0.54 times the total number [1][2]."]
    assert [check(c, found, EXCERPTS).claims[0].rule for c in said] == [None, "definition"]


def test_the_statements_a_narrowed_field_kept_are_what_the_definition_says_they_are():
    """The unseen insurer's composed count failed its own check: "81 of 244 statements" was read as
    numbers of "slow claims", the words before them, and the claim's own "statements" was not."""
    from assistant.writing.facts import _definition

    population = ("conversations whose queue is “claims”, the store's queue standing in for “slow”, which no "
                  "customer says, narrowed to what its customers say in the groups of statements closest in meaning "
                  "to “slow claims” (81 of 244 statements, group similarity ≥ 0.23)")
    found = COUNT.model_copy(update={"definition": _definition(population)}, deep=True)
    found.facts[0].numbers.update({"81", "244", "0.23"})
    said = f"**137** of 399 conversations match ({population}) [1][2]."
    assert [c.rule for c in check(said, found, EXCERPTS, composed=said).claims] == [None]
    wrong = "137 of 399 conversations match, and 244 customers wrote about delays [1][2]."  # 244 counts no customers
    assert [c.rule for c in check(wrong, found, EXCERPTS, composed=said).claims] == ["definition"]


def test_a_reason_named_beside_the_cited_one_is_cited_too():
    """The 1.5B model's "X and Y were the main factors, with 1 → 36 and 44%, respectively [3]":
    [3] backs X only, so Y's numbers would be read from X's."""
    said = "Switching prices and the internet dropping every night in Lakeside grew most, with 2 → 27 and 37% [3]."
    assert [c.rule for c in check(said, WHY, EXCERPTS).claims] == ["name"]
    said = "Switching prices (2 → 27) [3] and the internet dropping every night in Lakeside (1 → 15) [9] grew most."
    assert [c.rule for c in check(said, WHY, EXCERPTS).claims] == [None]


def test_numbers_run_together_are_not_a_claim():
    said = "137 of 399 conversations match, approximately 2026-137/399 of them [1][2]."
    assert [c.rule for c in check(said, COUNT, EXCERPTS).claims] == ["joined"]
    said = "137 of 399 conversations match [1][2]."
    assert [c.rule for c in check(said, COUNT, EXCERPTS, composed="**137** of 399 (1-2 a day)").claims] == [None]


def test_a_reason_whose_name_shares_a_word_with_another_is_not_both():
    facts = Facts(times=set(), months={"august"}, facts=[
        fact("total", "login problems", [1, 2], [25, 69], [(25, 69)], "up"),
        fact("driver", "so up i click forgot password it says an email", [3], [9, 39], [(9, 39)], "up"),
        fact("driver", "Junk Emails", [6], [0, 19], [(0, 19)], "up", percents=[43]),
    ])
    assert check("Junk Emails: 0 → 19, 43% of the change [6].", facts, EXCERPTS).claims[0].supported


@pytest.mark.parametrize(("claim", "rule"), [
    # the 1.5B model's "with a difference of 9% (144 vs 51)" and "stable at 5 out of 4"
    ("Human agents had 128 refund conversations and AI agents 47, a difference of 9% [1][3].", "difference"),
    ("Human agents had more conversations about refunds than AI agents, with a difference of 9% (128 vs 47) [1][3].",
     "difference"),  # the numbers it is between are its own, whatever else the cited segments hold
    ("Human agents had 128 refund conversations and AI agents 47, a difference of 81 [1][3].", None),
    ("Human agents had 81 more refund conversations than AI agents: 128 vs 47 [1][3].", None),
    ("Human agents had 12 more refund conversations than AI agents: 128 vs 47 [1][3].", "difference"),
    ("Human agents resolved 87% of them against 45% for AI agents, a gap of 42 points [1][3].", None),
    ("Human agents resolved 128 out of 47 of them [1].", "share"),
    ("AI agents had 47 of 470 conversations about refunds [3].", None),
])
def test_a_difference_is_one_its_numbers_have_and_a_part_is_no_more_than_its_whole(claim, rule):
    assert [c.rule for c in check(claim, COMPARE, EXCERPTS).claims] == [rule]


@pytest.mark.parametrize(("claim", "rule"), [
    # the 1.5B model, writing one sentence per line: "rose by 58 … and 137", "increased by 0 to 19"
    ("Cancellations rose by 58 conversations in September and 137 in October [1][2].", "difference"),
    ("The internet dropping every night in Lakeside north increased by 1 to 15 conversations [9].", "difference"),
    ("Switching prices by ten dollars increased by 2 conversations, 27 conversations [3].", "difference"),
    ("Cancellations rose by 79, from 58 to 137 [1][2].", None),
    ("Cancellations went up by 136% in October [1][2].", None),
    ("Switching prices by ten dollars rose by 25 conversations [3].", None),
    # the 1.5B model on a blind retailer: its two counts written as changes, shown until signs were read
    ("Cancellations nearly doubled last month (+ 58 to +137 conversations, +136%) [1][2].", "difference"),
    ("Cancellations rose from 58 to 137 (+79 conversations, +136%) [1][2].", None),
    ("Switching prices by ten dollars went from 2 to 27 (+25) [3].", None),
])
def test_a_change_given_as_an_amount_is_the_cited_things_change(claim, rule):
    assert [c.rule for c in check(claim, WHY, EXCERPTS).claims] == [rule]


@pytest.mark.parametrize(("claim", "rule"), [
    # the 1.5B model, one sentence per line: a count read as a day, a count written as money
    ("Switching prices by ten dollars went from 2 to 27 conversations, most on October 27th [3].", "day"),
    ("Switching prices by ten dollars went from 2 to 27 conversations, starting on October 2nd [3].", "day"),
    ("Switching prices by ten dollars went from £2 to £27 conversations [3].", "money"),
    ("Cancellations rose from 58 in September 2026 to 137 in October 2026 [1][2].", None),
    ("Customers were switching after the price went up by $10 [3].", "money"),
    ("Customers were switching after the price went up by ten dollars [3].", None),
])
def test_a_day_or_an_amount_of_money_is_one_the_analysis_or_the_excerpts_give(claim, rule):
    composed = "Cancellations rose from **58** to **137**."
    assert [c.rule for c in check(claim, WHY, EXCERPTS, composed=composed).claims] == [rule]
    if rule == "day":  # the same day, written in the analysis, holds
        assert check(claim, WHY, EXCERPTS, composed="Most came on 27 October and 2 October.").claims[0].rule is None


def test_a_change_is_claimed_only_where_the_analysis_compares_periods():
    """The 1.5B model on count answers: "21 refund requests in October, up from 399 total
    conversations", "49 out of 152 conversations on chat, up from 49 to 152"."""
    for said, rule in [
        ("We received 137 cancellation requests in October, up from 399 total conversations [1][2].", "pair"),
        ("We received 137 cancellation requests in October, up sharply [1][2].", "direction"),
        ("Cancellations came in 137 out of 399 conversations, from 137 to 399 [1][2].", "pair"),
        ("137 of 399 conversations in October 2026 match [1][2].", None),
        ("Up to 137 of 399 conversations in October 2026 match [1][2].", None),
        ("Cancellations in October 137 out of 399 conversations [1][2].", None),  # a count after a month, no day
    ]:
        assert [c.rule for c in check(said, COUNT, EXCERPTS).claims] == [rule], said
    jumped = Facts(times={"2026"}, months={"october"}, facts=[fact("total", "refunds", [1, 2], [21, 399]),
                                                               fact("theme", "my bill jumped", [3, 4], [4])])
    said = ["My bill jumped: 4 conversations [3][4].", "Refund requests jumped to 4 conversations [3][4]."]
    assert [check(c, jumped, EXCERPTS).claims[0].rule for c in said] == [None, "direction"]  # a label's words
    # where it does compare, "up from" is read as the change it states
    assert [c.rule for c in check("Cancellations reached 137, up from 58 in September [1][2].", WHY,
                                  EXCERPTS).claims] == [None]
    assert [c.rule for c in check("Cancellations reached 137, up from 60 in September [1][2].", WHY,
                                  EXCERPTS).claims] == ["pair"]


@pytest.mark.parametrize(("claim", "rule"), [
    # the 1.5B model wrote a driver's share of the change as its growth: "rose from 1 to 36, up 44%"
    ("Switching prices by ten dollars rose from 2 to 27 conversations, up 37% [3].", "difference"),
    ("Switching prices by ten dollars rose from 2 to 27 conversations, 37% of the change [3].", None),
    ("Switching prices by ten dollars rose from 2 to 27 conversations, up 1250% [3].", None),
    ("Cancellations rose from 58 in September 2026 to 137 in October 2026, up 136% [1][2].", None),
    ("Cancellations rose from 58 to 137, a 37% increase [1][2].", "difference"),
    ("Cancellations rose from 58 to 137, an increase of 136% [1][2].", None),
    ("Switching prices by ten dollars rose from 2 to 27 conversations, 37% more [3].", "difference"),
    ("Switching prices by ten dollars rose from 2 to 27 conversations (+37%) [3].", "difference"),
    ("Cancellations rose from 58 in September 2026 to 137 in October 2026 (+136 %) [1][2].", None),
    ("Cancellations rose from **58** in September 2026 to **137** in October 2026 (+136 %).", None),  # composed
])
def test_a_percentage_change_is_the_change_of_the_numbers_it_is_about(claim, rule):
    assert [c.rule for c in check(claim, WHY, EXCERPTS).claims] == [rule]


# The claims backlog held at 15 in May and June (the unseen insurer's why answer, no reason found).
BACKLOG = Facts(times={"2026"}, months={"may", "june"}, facts=[
    fact("total", "claims backlog", [1, 2], [15], [(15, 15)], "flat")])
# Supply interruptions 40 → 62 with no theme that changed more than the rest (the unseen utility's).
OUTAGES = Facts(times={"2026"}, months={"march", "april"}, facts=[
    fact("total", "supply interruption", [1, 2], [40, 62], [(40, 62)], "up", percents=[55]),
    fact("flat", "smart meter app", [3], [2, 0], [(2, 0)], "flat")])


@pytest.mark.parametrize(("facts", "claim", "rule"), [
    # the 1.5B model's shown text on the unseen corpora, each claim false in a way no other rule reads
    (BACKLOG, "Claims backlog held at 15 in June compared to May, indicating a steady increase over the month "
              "(15 vs 15) [1][2].", "direction"),  # two directions, one the item's
    (BACKLOG, "Claims backlog held at 15 in June, as in May [1][2].", None),
    (WHY, "Cancellations showed a steady increase from 58 to 137 [1][2].", None),  # how it rose, not "flat"
    (WHY, "Billing questions neither rose nor fell [12].", None),
    (COUNT, "Customers say the annual renewal charge is not explained, which has led to a drop in renewals "
            "(40 conversations) [3].", "direction"),  # the negation is another phrase's: the drop is claimed
    (COUNT, "Customers say the annual renewal charge has not gone down [3].", None),
    (OUTAGES, "Supply interruption contacts spiked in April due to a new outage near the customer's location "
              "[1][2].", "invented cause"),  # the analysis found no reason
    (OUTAGES, "Supply interruption contacts rose from 40 in March to 62 in April [1][2].", None),
    (OUTAGES, "Supply interruption contacts rose, though not because of any one theme [1][2].", None),
    (WHY, "Cancellations rose due to a new outage [3].", "invented cause"),  # [3] is the price rise
    (WHY, "Cancellations rose from 58 to 137 due to switching prices by ten dollars [1][2][3].", None),
    (WHY, "Cancellations rose, driven by **the internet dropping every night in Lakeside north** [9].", None),
    (OUTAGES, "Supply interruption contacts rose to 62 in April, reported on April 0, 2026 [1][2][3].", "day"),
])
def test_a_claim_states_only_the_directions_and_causes_its_markers_back(facts, claim, rule):
    assert [c.rule for c in check(claim, facts, EXCERPTS).claims] == [rule]


# A summary of a supplier: 48 conversations, a theme of 5 (the unseen utility's).
SUPPLIER = Facts(times=set(), months=set(), topic_words={"voltera", "meter", "services"}, facts=[
    fact("total", "Voltera Meter Services", [1, 2], [48]),
    fact("theme", "the installer left without finishing", [1, 2], [5])])
SUPPLIER_EXCERPTS = {1: "the installer from Voltera left without finishing and nobody has responded since",
                     2: "still waiting, Voltera never came back to finish the job"}


@pytest.mark.parametrize(("claim", "rule"), [
    # the 1.5B model's shown sentence: a quality no customer and no line of the analysis gives
    ("Customers are saying Voltera Meter Services is reliable, with 48 conversations matching [1].", "predicate"),
    ("Customers are saying Voltera Meter Services is not meeting their expectations [1].", "predicate"),
    ("Customers are saying the installer from Voltera Meter Services left without finishing [1][2].", None),
    ("Customers say Voltera has not responded since the installer left [1].", None),
    ("Customers are still waiting for Voltera to finish the job [2].", None),  # the excerpt's own word
    ("Customers are complaining that the installer left without finishing [1][2].", None),
])
def test_what_a_claim_calls_something_is_what_the_analysis_or_the_customers_say(claim, rule):
    assert [c.rule for c in check(claim, SUPPLIER, SUPPLIER_EXCERPTS).claims] == [rule]


# A summary of a builder (the unseen insurer's): what customers are said to say must be what they say
BUILDER = Facts(times=set(), months=set(), topic_words={"mendwell", "builders"}, facts=[
    fact("total", "Mendwell Builders", [1, 2], [9])])
BUILDER_EXCERPTS = {1: "Morning. nobody from Mendwell Builders has been in touch to book the work",
                    2: "Mendwell Builders were supposed to start the repairs on monday and never showed"}


@pytest.mark.parametrize(("claim", "rule"), [
    # the 1.5B model's shown sentence: the greeting read as a time, who got in touch turned round
    ("Customers are saying Mendwell Builders has not been contacted for work in the morning [1].", "reported"),
    ("Customers complained that Mendwell Builders cancelled the job [2].", "reported"),
    ("Customers are saying nobody from Mendwell Builders has been in touch to book the work [1].", None),
    ("Customers say Mendwell Builders were supposed to start the repairs and never showed [2].", None),
    ("Customers report that Mendwell Builders never showed [1][2].", None),
    ("9 conversations mention Mendwell Builders [1][2].", None),  # no one is said to say anything
])
def test_what_customers_are_said_to_say_is_what_the_cited_customers_say(claim, rule):
    assert [c.rule for c in check(claim, BUILDER, BUILDER_EXCERPTS).claims] == [rule]


# A theme held flat whose excerpt greets the agent (the sample's September follow-up)
FLAT_SON = Facts(times=set(), months={"august", "september"}, topic_words={"cancellations"}, facts=[
    fact("total", "cancellations", [1, 2], [54, 58], [(54, 58)], "up"),
    fact("flat", "My son used to watch it", [6], [7], [(7, 7)], "flat")])
SON_EXCERPTS = {6: "Hi Sarah,\n\nThanks for your email. My son used to watch it but he's at university now. "
                   "My account email is [EMAIL].\n\n[NAME]"}


@pytest.mark.parametrize(("claim", "rule"), [
    # the 1.5B model's shown sentence: the agent greeted made the owner of the customer's address
    ("My son used to watch it but he's at university now, his account email is Sarah's email address (7 → 7) [6].",
     "possessive"),
    ("My son used to watch it but he's at university now (7 → 7) [6].", None),  # "he's": a contraction
    ("My son used to watch it, a reason that held flat in September's conversations (7 → 7) [6].", None),
])
def test_whose_something_is_is_what_the_analysis_or_the_cited_excerpts_say(claim, rule):
    assert [c.rule for c in check(claim, FLAT_SON, SON_EXCERPTS).claims] == [rule]
