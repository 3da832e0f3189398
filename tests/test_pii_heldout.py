"""PII in phrasings neither the redactor nor the labelled set (eval/pii_set/) was written
against: the issue's own examples and turns written afterwards from the entity rules alone.
Each raw value must be gone; each look-alike must stay word for word."""

from __future__ import annotations

import pytest

from ingest.pii import Redactor

# (turn, the raw values that must not survive)
MENTIONS = [
    ("It's Marek, phone 555-142-8647, email marek.k@proton.me", ["Marek", "555-142-8647", "marek.k@proton.me"]),
    ("call me on (555) 142 8647", ["142 8647"]),
    ("it's five five five one four two eight six four seven", ["five five five one four two"]),
    ("card number four one one one one one one one one one one one one one one one", ["four one one one one"]),
    ("account number 12345678 sort code 12-34-56", ["12345678", "12-34-56"]),
    ("IBAN GB82 WEST 1234 5698 7654 32", ["GB82 WEST"]),
    ("date of birth 03/04/1987", ["03/04/1987"]),
    ("my name is Dana Smith", ["Dana", "Smith"]),
    ("Hello Omar, how can I help?", ["Omar"]),
    ("you can reach me at 020 7946 0958 after six", ["020 7946 0958"]),
    ("best number for me is seven oh seven, double four, nine one two three three", ["seven oh seven"]),
    ("text me 07911 123456", ["07911 123456"]),
    ("the number on file should be +1 212 555 0199", ["212 555 0199"]),
    ("my visa is 4539 1488 0343 6467 exp 09/27", ["4539 1488 0343 6467"]),
    ("pay with 5425233430109903", ["5425233430109903"]),
    ("email me at j.okonkwo at yahoo dot com please", ["okonkwo"]),
    ("I was born 14 February 1979", ["14 February 1979"]),
    ("d.o.b. is 1979-02-14", ["1979-02-14"]),
    ("SSN is 078-05-1120", ["078-05-1120"]),
    ("my national insurance is AB123456C", ["AB123456C"]),
    ("I live at 221B Baker Street, London NW1 6XE", ["221B Baker Street", "NW1 6XE"]),
    ("ship it to 1600 Pennsylvania Avenue NW, Washington, DC 20500", ["1600 Pennsylvania Avenue", "20500"]),
    ("routing 021000021 account 000123456789", ["021000021", "000123456789"]),
    ("Hi, this is Tomasz Kowalczyk calling about my bill", ["Tomasz", "Kowalczyk"]),
    ("i'm calling for my mother her name is maria gonzalez", ["maria", "gonzalez"]),
]
LOOKALIKES = [
    "order 12345678 arrived broken, ticket #4471923",
    "it cost $1,299.99 and then £12.50 delivery",
    "the engineer came on 03/04/2024 at 3:45 pm",
    "app version 4.2.1 shows error E-217",
    "I'm on Unlimited 5G Plus at 500 Mbps",
    "card ending in 4242 was charged twice",
    "this is ridiculous, it's broken again",
    "tracking 1Z999AA10123456784",
    "call back within 24 hours or 48 hours",
    "Flight BA2490 on 12 March",
    "it's been 3 weeks and 2 days",
    "invoice INV-2024-00318 for 89.99",
]


@pytest.mark.parametrize(("turn", "raw"), MENTIONS)
def test_a_mention_written_afterwards_is_gone(turn, raw):
    redacted, counts = Redactor().redact_text(turn)
    assert counts and not [value for value in raw if value in redacted], redacted


@pytest.mark.parametrize("turn", LOOKALIKES)
def test_a_lookalike_written_afterwards_stays(turn):
    assert Redactor().redact_text(turn) == (turn, {})
