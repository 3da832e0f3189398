"""A payment card's security code is redacted with its number (PCI DSS forbids keeping it at all);
its expiry date stays readable, and so does a code with no card about it."""

from __future__ import annotations

import pytest
from redacted_turns import redacted_turns

from ingest.pii import Redactor

REDACTOR = Redactor()


@pytest.mark.parametrize(("text", "expected"), [
    ("5550 7959 3083 4849 exp 11/30 cvv 966", "[CARD] exp 11/30 cvv [CARD_CODE]"),
    ("Card: 5586 4344 1941 2095\nExpiry: 03/27\nSecurity code: 583",
     "Card: [CARD]\nExpiry: 03/27\nSecurity code: [CARD_CODE]"),
    ("It's 3424 446832 53642, expires 04/26, code 4460", "It's [CARD], expires 04/26, code [CARD_CODE]"),
    ("number 2627-8761-3678-4602 expiry 11/25 and the 3 digits are 084",
     "number [CARD] expiry 11/25 and the 3 digits are [CARD_CODE]"),
    ("oh one two nine cvv zero nine two", "oh one two nine cvv [CARD_CODE]"),  # said
    ("5496 4459 6845 3545, 02/30, 305", "[CARD], 02/30, [CARD_CODE]"),  # the details in a row
    ("09/30. Code on the back is 790.", "09/30. Code on the back is [CARD_CODE]."),
])
def test_a_cards_security_code_is_redacted_and_its_expiry_stays(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize("text", [
    "the booking expires 12/25, order 4471",  # no card about it
    "the alarm security code is 4471",
    "the last 3 digits are 123",  # of a card: not its code
    "my order 1234 5678 9012 3456, 02/30, 305",  # no card's number (fails Luhn)
    "your card ending 4163 expires 09/27, is that right?",  # its last four digits and its expiry
])
def test_a_date_or_code_with_no_card_about_it_stays(text):
    assert REDACTOR.redact_text(text)[0] == text


def test_the_answer_to_a_question_for_the_code_is_redacted_and_for_the_last_four_digits_is_not():
    turns = [("and the expiry and the security code please", "agent"),
             ("one zero two nine and the security code is eight one two nine", "customer"),
             ("What are the last four digits of the card?", "agent"), ("2738", "customer")]
    assert redacted_turns(REDACTOR, turns)[1::2] == ["one zero two nine and the security code is [CARD_CODE]",
                                                      "2738"]
