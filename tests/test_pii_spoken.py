"""PII as speech-to-text writes it: lower case, no punctuation, numbers as words ("oh" for
zero, "double five", "eighty six"), fillers ("uh", "you know"); and the digit view that reads
the numbers (ingest/pii/spoken.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from ingest.pii import Redactor
from ingest.pii.spoken import view

REDACTOR = Redactor()

# (said, expected after redaction)
SPOKEN = [
    # phones: read out, any exchange, mixed with typed digits, with fillers, "plus" for +
    ("it's five five five one four two eight six four seven", "it's [PHONE]"),
    ("five five five 142 8647", "[PHONE]"),
    ("uh it's five five five uh one four two eight six four seven thanks", "uh it's [PHONE] thanks"),
    ("my number is five five five one four two eighty six forty seven", "my number is [PHONE]"),
    ("my number is oh seven seven double oh nine double oh five one six", "my number is [PHONE]"),
    ("it's zero seven seven triple oh nine one two three four", "it's [PHONE]"),
    ("plus four four seven seven double oh nine oh oh one two three", "[PHONE]"),
    ("one eight hundred five five five two thousand", "[PHONE]"),
    ("you can call er me back on three four one two double zero eight that's my home line",
     "you can call er me back on [PHONE] that's my home line"),
    # cards, Luhn-checked after reading; the expiry read out straight after is not part of it
    ("card number four one one one one one one one one one one one one one one one", "card number [CARD]"),
    ("the long number is four one one one one one one one one one one one one one one one oh four two seven",
     "the long number is [CARD] oh four two seven"),
    ("five five five five five five five five five five five five four four four four", "[CARD]"),
    # bank
    ("my account number is one two three four five six seven eight", "my account number is [BANK_ACCOUNT]"),
    ("sort code twelve thirty four fifty six", "sort code [BANK_ACCOUNT]"),
    ("sort you know code four double two zero nine five", "sort you know code [BANK_ACCOUNT]"),
    ("the routing number is oh two one oh oh oh oh two one", "the routing number is [BANK_ACCOUNT]"),
    ("my iban is g b eight two w e s t one two three four five six nine eight seven six five four three two",
     "my iban is [IBAN]"),
    # national ids
    ("my social is one two three four five six seven eight nine", "my social is [NATIONAL_ID]"),
    ("national insurance q q one two three four five six c", "national insurance [NATIONAL_ID]"),
    ("my n i number is a b twelve thirty four fifty six c", "my n i number is [NATIONAL_ID]"),
    # dates of birth
    ("date of birth april third nineteen eighty seven", "date of birth [DOB]"),
    ("i was born on the third of april nineteen eighty seven", "i was born on the [DOB]"),
    ("my uh birthday is the twenty seventh of march two thousand and one if that helps",
     "my uh birthday is the [DOB] if that helps"),
    ("d o b oh three oh four nineteen eighty seven", "d o b [DOB]"),
    # addresses
    ("it's twelve mill lane", "it's [ADDRESS]"),
    ("i live at forty four seventeen oak street apartment twelve", "i live at [ADDRESS]"),
    ("my postcode is s w one a one a a", "my postcode is [POSTCODE]"),
    ("it's l s one four a b", "it's [POSTCODE]"),
    ("my zip code is nine four one oh five", "my zip code is [POSTCODE]"),
    ("forty two wallaby way springfield il nine four one oh five", "[ADDRESS] springfield il [POSTCODE]"),
    # e-mail with the digits of its user part said
    ("it's dana dot smith one nine eight seven at gmail dot com", "it's [EMAIL]"),
    ("jane underscore doe nineteen eighty seven at outlook dot com", "[EMAIL]"),
]

# said, and must stay as said
KEPT = [
    "order number one two three four five six seven eight",
    "ticket number four four seven one nine two three",
    "the serial number is four one one one one one one one one one one one one one one two",
    "booking reference one two three four five six",
    "it was forty five dollars", "i was quoted two thousand one hundred forty two bucks",
    "i pay fifty five pounds a month for a five hundred meg line", "at five thirty", "half past five",
    "five o'clock", "the app is version four point two point one", "error e two one seven",
    "i want to move to fibre nine hundred", "it's dropped three times today", "for two weeks",
    "my card ending four two four two was declined", "since the twenty third of march",
    "reference a b x one two three four five", "the last four of my social are six seven eight nine",
    "one two three four", "twenty twenty four",
]


@pytest.mark.parametrize(("said", "expected"), SPOKEN)
def test_spoken_pii_is_caught(said, expected):
    redacted, counts = REDACTOR.redact_text(said)
    assert redacted == expected
    assert sum(counts.values()) == expected.count("[")


@pytest.mark.parametrize("said", KEPT)
def test_spoken_look_alikes_stay(said):
    assert REDACTOR.redact_text(said) == (said, Counter())


def test_the_view_reads_numbers_as_people_say_them():
    assert view("five five five one four two eight six four seven").text == "5551428647"
    assert view("oh seven seven double oh nine triple one").text == "07700 9111".replace(" ", "")
    assert view("twelve thirty four fifty six").text == "123456"
    assert view("eighty six forty seven").text == "8647"
    assert view("one eight hundred five five five").text == "1800555"
    assert view("five hundred and twelve").text == "512"
    assert view("two thousand and three").text == "2003"
    assert view("nineteen eighty seven").text == "1987"
    assert view("plus four four seven seven").text == "+4477"
    assert view("five five five 142 8647").text == "5551428647"


def test_the_view_leaves_words_that_are_not_numbers_here():
    assert view("at five o'clock oh no").text == "at 5 o'clock oh no"  # "o" of o'clock, "oh" alone
    assert view("one 4K tv").text == "1 4K tv"  # digits glued to letters are no number
    assert view("the twenty seventh of march").text == "the twenty seventh of march"  # a day, not 20 7
    assert view("I paid 100 200 3000 times").text == "I paid 100 200 3000 times"  # typed digits alone


def test_the_view_drops_fillers_and_maps_back_to_the_original():
    said = "sort, uh, code four double two zero nine five please"
    seen = view(said)
    assert seen.text == "sort code 422095 please"
    start = seen.text.index("422095")
    assert said[slice(*seen.original(start, start + 6))] == "four double two zero nine five"
    assert said[slice(*seen.original(start + 1, start + 3))] == "double two"  # part of a word takes the word
    after = seen.text.index("please")
    assert said[slice(*seen.original(after, after + 6))] == "please"
    assert seen.spoken(start, start + 6) and not seen.spoken(0, 4)
