"""A payment card's security code is redacted with its number (PCI DSS forbids keeping it at all),
and so is the expiry date given with it (cardholder data); a date or a code with no card about it stays."""

from __future__ import annotations

import pytest
from redacted_turns import redacted_turns

from ingest.pii import Redactor

REDACTOR = Redactor()


@pytest.mark.parametrize(("text", "expected"), [
    ("5550 7959 3083 4849 exp 11/30 cvv 966", "[CARD] exp [CARD_EXPIRY] cvv [CARD_CODE]"),
    ("Card: 5586 4344 1941 2095\nExpiry: 03/27\nSecurity code: 583",
     "Card: [CARD]\nExpiry: [CARD_EXPIRY]\nSecurity code: [CARD_CODE]"),
    ("It's 3424 446832 53642, expires 04/26, code 4460", "It's [CARD], expires [CARD_EXPIRY], code [CARD_CODE]"),
    ("number 2627-8761-3678-4602 expiry 11/25 and the 3 digits are 084",
     "number [CARD] expiry [CARD_EXPIRY] and the 3 digits are [CARD_CODE]"),
    ("oh one two nine cvv zero nine two", "oh one two nine cvv [CARD_CODE]"),  # said, its expiry unnamed
    ("5496 4459 6845 3545, 02/30, 305", "[CARD], [CARD_EXPIRY], [CARD_CODE]"),  # the details in a row
    ("09/30. Code on the back is 790.", "09/30. Code on the back is [CARD_CODE]."),
    ("four nine oh one nine six oh six six nine four triple eight one six expiry december thirty",
     "[CARD] expiry [CARD_EXPIRY]"),  # a month said by its name
    ("your card ending 4163 expires 09/27, right?", "your card ending 4163 expires [CARD_EXPIRY], right?"),
    # the details typed in a row with spaces alone: the number, its expiry, its code
    ("4728 3688 0522 5152 10/29 002", "[CARD] [CARD_EXPIRY] [CARD_CODE]"),
    ("45586 53799 454651 02/28 479", "[CARD] [CARD_EXPIRY] [CARD_CODE]"),
    # the expiry written with a dash, a spaced slash or its month's name
    ("4308 0208 4931 5832 07-25 security code 838", "[CARD] [CARD_EXPIRY] security code [CARD_CODE]"),
    ("4016 6032 5497 3139 01 / 27 security code 576", "[CARD] [CARD_EXPIRY] security code [CARD_CODE]"),
    ("or can i just give it you? 4976 6658 0694 2225 Aug 2026 468",
     "or can i just give it you? [CARD] [CARD_EXPIRY] [CARD_CODE]"),
    # a dashed expiry and a code after it, a bare month and year before a code, a 13-digit card typed 4-4-4-1
    ("link doesnt work. 4858 6468 7788 5561 09-31 997", "link doesnt work. [CARD] [CARD_EXPIRY] [CARD_CODE]"),
    ("link doesnt work. 5575 3915 8410 7764 1130 790", "link doesnt work. [CARD] [CARD_EXPIRY] [CARD_CODE]"),
    ("link doesnt work. 4154 4218 4714 7 03/25 399", "link doesnt work. [CARD] [CARD_EXPIRY] [CARD_CODE]"),
    ("oh sorry i already typed it 4111-4724-0961-5 exp 06/30", "oh sorry i already typed it [CARD] exp [CARD_EXPIRY]"),
    # a bare month and year, then a comma, then the code; an ungrouped number before them
    ("card is 4495 2272 4545 7612 0328, 190", "card is [CARD] [CARD_EXPIRY], [CARD_CODE]"),
    ("try my other one: 342485861775062 0325, 0977.", "try my other one: [CARD] [CARD_EXPIRY], [CARD_CODE]."),
])
def test_a_cards_security_code_and_expiry_are_redacted(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize("text", [
    "the booking expires 12/25, order 4471",  # no card about it
    "the alarm security code is 4471",
    "the last 3 digits are 123",  # of a card: not its code
    "my order 1234 5678 9012 3456, 02/30, 305",  # no card's number (fails Luhn)
    "order 4111 1111 1111 1111 22/10 2023",  # after a reference cue
    "order 1234-5678-9012 07-25",
    "order 4111 1111 1111 1111 1130 790 thanks",  # a reference's number, and what follows it, stay
    "the booking 4308 0208 4931 5832 was made on 07-25 at 10:00",  # a date not after the number
])
def test_a_date_or_code_with_no_card_about_it_stays(text):
    assert REDACTOR.redact_text(text)[0] == text


def test_the_answer_to_a_question_for_the_code_is_redacted_and_for_the_last_four_digits_is_not():
    turns = [("and the expiry and the security code please", "agent"),
             ("one zero two nine and the security code is eight one two nine", "customer"),
             ("What are the last four digits of the card?", "agent"), ("2738", "customer")]
    assert redacted_turns(REDACTOR, turns)[1::2] == ["[CARD_EXPIRY] and the security code is [CARD_CODE]", "2738"]
    turns = [("Lovely. And when does it expire?", "agent"), ("oh four two seven", "customer")]
    assert redacted_turns(REDACTOR, turns)[1] == "[CARD_EXPIRY]"


@pytest.mark.parametrize(("question", "answer", "expected"), [
    ("and the expiry date", "may twenty eight", "[CARD_EXPIRY]"),
    ("and the expiry date", "it's oh eight slash two nine", "it's [CARD_EXPIRY]"),
    ("and the security code on the back", "oh one five", "[CARD_CODE]"),  # two number words and an "oh"
    ("and the security code on the back", "eight oh four", "[CARD_CODE]"),
    ("and the expiry date", "uh it's five twenty five", "uh it's [CARD_EXPIRY]"),  # "525": may 2025
    ("and the expiry date", "oh it's four three zero", "oh it's [CARD_EXPIRY]"),
    # a month and the year in full; the expiry said again after a doubt
    ("and the expiry date", "six two thousand and twenty six", "[CARD_EXPIRY]"),
    ("and the expiry date", "it's nine twenty twenty seven", "it's [CARD_EXPIRY]"),
    ("and the expiry date", "six twenty six i think yeah six twenty six", "[CARD_EXPIRY] i think yeah [CARD_EXPIRY]"),
    # the answer opened with a filler
    ("and the three digits on the back", "i mean it's five eight one", "i mean it's [CARD_CODE]"),
    ("last thing, the cvv", "okay so it's eight one three", "okay so it's [CARD_CODE]"),
    ("and the three digits on the the back", "right three zero four", "right [CARD_CODE]"),
    ("and the last three digits on the signature strip?", "it's one three six", "it's [CARD_CODE]"),
])
def test_a_short_spoken_answer_to_a_question_for_the_expiry_or_the_code_is_read_as_numbers(question, answer, expected):
    assert redacted_turns(REDACTOR, [(question, "agent"), (answer, "customer")])[1] == expected
