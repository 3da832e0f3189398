"""Word error rate as Whisper's model card counts it (``eval/wer.py``): Whisper's own English
normaliser on both sides, the same figure as jiwer's, and errors on names and codes told apart."""

from __future__ import annotations

import random

import jiwer
import pytest

from eval.wer import marked_words, split_wer, wer, words

PAIRS = [
    ("Thanks for calling Lumora, my name is Sarah.", "thanks for calling lou morel my name is sarah"),
    ("I want to cancel, it's been eighteen months.", "I want to cancel it has been 18 months"),
    ("The router keeps dropping the connection", "the rooter keeps dropping connection every night"),
    ("Could you confirm your postcode?", "could you confirm you are post code"),
    ("yeah", ""),
]


def test_words_are_whispers_normalised_form():
    assert words("Um, I've cancelled the colour TV, it's eighteen pounds!") == \
        words("i have canceled the color tv it is £18") == \
        ["i", "have", "canceled", "the", "color", "tv", "it", "is", "£18"]
    assert wer("It's the twenty-first of October.", "it is the 21st of october") == 0.0
    assert wer("Hmm, OK, thanks.", "okay thanks") == wer("ok thanks", "okay thanks")


@pytest.mark.parametrize("reference, hypothesis", PAIRS)
def test_wer_equals_jiwer_on_the_normalised_words(reference, hypothesis):
    ref, hyp = " ".join(words(reference)), " ".join(words(hypothesis))
    assert wer(reference, hypothesis) == pytest.approx(jiwer.wer(ref, hyp) if hyp else 1.0)


def test_wer_equals_jiwer_on_random_word_strings():
    rng = random.Random(5)
    vocab = ["call", "router", "bill", "cancel", "refund", "line", "speed", "box", "code", "name"]
    for _ in range(50):
        ref = " ".join(rng.choices(vocab, k=rng.randint(1, 12)))
        hyp = " ".join(rng.choices(vocab, k=rng.randint(1, 12)))
        assert wer(ref, hyp) == pytest.approx(jiwer.wer(ref, hyp))


def test_names_postcodes_and_addresses_are_scored_apart_from_ordinary_words():
    marked = marked_words("Yeah it's Yusuf Green, postcode SR17 3QH, email yusufgreen@example.com, thanks Lumora")
    assert [w for w, entity in marked if entity] == ["yusuf", "green", "sr", "17", "3", "qh", "yusufgreen", "at",
                                                     "example", "dot", "com", "lumora"]
    heard = ("yeah it is you so green postcode senior 17th greek you h email you soft green at example dot com "
             "thanks lou more")
    split = split_wer("Yeah it's Yusuf Green, postcode SR17 3QH, email yusufgreen@example.com, thanks Lumora", heard)
    assert split.ordinary_wer == 0.0 and split.ordinary_words == 6
    assert split.entity_words == 12 and split.entity_wer > 0.5
    assert split.wer == pytest.approx(wer("Yeah it's Yusuf Green, postcode SR17 3QH, email yusufgreen@example.com, "
                                          "thanks Lumora", heard), abs=1e-4)  # split_wer's rates are rounded
    ordinary = split_wer("my router is Lumora's hub", "my rooter is lumora's hub")
    assert ordinary.ordinary_wer == pytest.approx(1 / 4) and ordinary.entity_wer == 0.0


def test_an_address_written_or_said_is_the_same_words():
    """Whisper writes "amelia.wood75@example.com" for what the script says out loud; the
    normaliser alone would count "dot" and "at" as deleted words."""
    said = "it's amelia dot wood75 at example dot com thanks"
    assert wer(said, "It's amelia.wood75@example.com, thanks.") == 0.0
    assert wer("ianjackson at example dot com", "ianjackson at example.com") == 0.0
    assert wer("ianjackson at example dot com", "ian jackson at example.com") == pytest.approx(2 / 5)
    assert words("the price went up. that's it") == ["the", "price", "went", "up", "that", "is", "it"]
