"""Misspelled question words are read as the words customers used; real words are left alone."""

from assistant.understanding.spelling import correct, distance
from assistant.understanding.understand import COMMON_WORDS, known_words

VOCABULARY = {"refund": 50, "buffering": 20, "done": 40, "delivery": 5, "payment": 9, "charged": 30}


def test_distance_counts_a_swap_as_one_edit():
    assert distance("refnud", "refund", 2) == 1
    assert distance("octobr", "october", 2) == 1
    assert distance("drone", "delivery", 1) == 2  # over the limit: limit + 1


def test_typos_are_corrected_to_words_customers_used_and_month_names():
    fixed = correct("how many refnud requests in octobr", VOCABULARY, known_words(), COMMON_WORDS)
    assert fixed == "how many refund requests in october"
    assert correct("bufering on the tv", VOCABULARY, known_words(), COMMON_WORDS) == "buffering on the tv"


def test_unknown_real_words_stay_and_stop_words_are_never_the_correction():
    assert correct("drone deliveries", VOCABULARY, known_words(), COMMON_WORDS) == "drone deliveries"
    assert correct("AI vs human on refunds", VOCABULARY, known_words(), COMMON_WORDS) == "AI vs human on refunds"


def test_an_inflection_of_a_known_word_is_not_a_typo():
    assert correct("login problems", {"problem": 9, "problem's": 3}, known_words(), COMMON_WORDS) == "login problems"


def test_a_typo_of_how_the_question_asks_is_that_word_not_the_topic():
    from assistant.understanding.understand import PHRASING

    fixed = correct("why did payment complaints increse in May", VOCABULARY, known_words(), COMMON_WORDS, PHRASING)
    assert fixed == "why did payment complaints increase in May"
    assert correct("drone deliveries", VOCABULARY, known_words(), COMMON_WORDS, PHRASING) == "drone deliveries"
