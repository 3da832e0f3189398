"""PII redaction: what must be caught, what must be left alone, and the sample corpus."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convoscope.errors import ConvoscopeError
from convoscope.models import Agent, Conversation, Turn
from ingest.pii import ENTITIES, RedactionReport, Redactor

REDACTOR = Redactor()

# Each must come back exactly as written.
NEGATIVES = [
    "That's £159.99 a year, or £15.99 a month.",
    "I was charged £3.98 twice on 2026-10-03.",
    "The call dropped at 14:22 and again at 9:05.",
    "It started after the 8.2 update; 8.2.1 didn't fix it.",
    "My order ORD-2026-1234 still hasn't arrived.",
    "Reference REF-123456, ticket TKT-000981.",
    "I waited twenty minutes on hold.",
    "The card ending 9240 was declined.",
    "The code they texted was 4821.",
    "Account number 12345678, sort code 12-34-56.",
    "Account 4111 1111 1111 1112 is the one.",  # 16 digits, fails Luhn
    "Invoice 1234567890123 for 2026.",
    "account number LM7983604",
    "account number l m 8226612 i think",
    "We moved here in 2019 and it's been fine until 2026.",
    "It took 3 days on the road.",
    "It's a 5 minute drive from the shop.",
    "They close by 5 pm they close.",
    "I bought a PS5 2TB last year.",
    "have a look at lumora dot com for the guide",
    "visit us at lumora dot com",
    "Router firmware 3.10.2, IP 192.168.0.1.",
    "About 50% off for 3 months, then £19.99.",
    "Between 9 and 5, Monday to Friday.",
    "the 2 of us watch about 4 more hours",
    "Call back on the 3rd, 2026-11-03 at 10:30.",
    "I paid 100 200 3000 times.",
    "Speed test says 22 megabits, 500 meg plan.",
]

# (written, expected after redaction)
POSITIVES = [
    ("card 4111 1111 1111 1111 please", "card [CARD] please"),
    ("4111-1111-1111-1111", "[CARD]"),
    ("my card is 5555555555554444.", "my card is [CARD]."),
    ("amex 3782 822463 10005", "amex [CARD]"),
    ("Visa 4012888888881881, exp 04/29", "Visa [CARD], exp 04/29"),
    ("email is anita.thompson@example.com.", "email is [EMAIL]."),
    ("it's neil_99+tag@mail.example.co.uk", "it's [EMAIL]"),
    ("jameshall at example dot com", "[EMAIL]"),
    ("it's olivia dot smith38 at example dot com", "it's [EMAIL]"),
    ("connor underscore p729 at yeah example dot com", "[EMAIL]"),
    ("jameswilson at example um dot com i think", "[EMAIL] i think"),
    ("john [at] example [dot] co [dot] uk", "[EMAIL]"),
    ("call +44 7700 900123 now", "call [PHONE] now"),
    ("+44 (0)20 7946 0958", "[PHONE]"),
    ("+447700900123", "[PHONE]"),
    ("+44 7700 900123 at 14:22", "[PHONE] at 14:22"),
    ("my number is 07700 900516", "my number is [PHONE]"),
    ("07700900516", "[PHONE]"),
    ("office 020 7946 0018 or 0161 496 0000", "office [PHONE] or [PHONE]"),
    ("(415) 555-0134", "[PHONE]"),
    ("415-555-0134 or 415.555.0134", "[PHONE] or [PHONE]"),
    ("+1 415 555 0134", "[PHONE]"),
    ("1-800-555-0199", "[PHONE]"),
    ("SSN 123-45-6789", "SSN [NATIONAL_ID]"),
    ("NI number QQ 12 34 56 C", "NI number [NATIONAL_ID]"),
    ("ni is qq123456c", "ni is [NATIONAL_ID]"),
    ("12 Mill Lane, BN5 7WT", "[ADDRESS], [POSTCODE]"),
    ("it's 12 station road bn5 7wt", "it's [ADDRESS] [POSTCODE]"),
    ("it's 102 station road wl3 you know 5ss", "it's [ADDRESS] [POSTCODE]"),
    ("10 Downing Street, London SW1A 2AA", "[ADDRESS], London [POSTCODE]"),
    ("221B Baker Street", "[ADDRESS]"),
    ("postcode EC1A 1BB, or W1A 0AX, M1 1AE, B33 8TH", "postcode [POSTCODE], or [POSTCODE], [POSTCODE], [POSTCODE]"),
    ("San Francisco, CA 94105", "San Francisco, CA [POSTCODE]"),
    ("1600 Pennsylvania Ave NW, Washington, DC 20500-0003", "[ADDRESS] NW, Washington, DC [POSTCODE]"),
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_leaves_prices_dates_codes_and_failing_numbers_alone(text):
    assert REDACTOR.redact_text(text) == (text, Counter())


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_catches_each_entity_in_real_world_spellings(text, expected):
    redacted, counts = REDACTOR.redact_text(text)
    assert redacted == expected
    assert sum(counts.values()) == expected.count("[")


def test_counts_per_entity_and_only_chosen_entities():
    text = "mail a.b@example.com or call 07700 900516, card 4111 1111 1111 1111, 12 Mill Lane BN5 7WT"
    assert REDACTOR.redact_text(text)[1] == Counter(email=1, phone=1, card=1, address=2)
    only = Redactor(["email", "card"])
    assert only.redact_text(text) == (
        "mail [EMAIL] or call 07700 900516, card [CARD], 12 Mill Lane BN5 7WT", Counter(email=1, card=1))
    assert Redactor([]).redact_text(text) == (text, Counter())


def test_from_env(monkeypatch):
    monkeypatch.delenv("CONVOSCOPE_REDACT", raising=False)
    assert Redactor.from_env().entities == frozenset(ENTITIES)
    monkeypatch.setenv("CONVOSCOPE_REDACT", "all")
    assert Redactor.from_env().entities == frozenset(ENTITIES)
    monkeypatch.setenv("CONVOSCOPE_REDACT", "none")
    assert not Redactor.from_env().enabled
    monkeypatch.setenv("CONVOSCOPE_REDACT", " Card, email ,phone")
    assert Redactor.from_env().entities == {"card", "email", "phone"}
    monkeypatch.setenv("CONVOSCOPE_REDACT", "card,passport")
    with pytest.raises(ConvoscopeError) as err:
        Redactor.from_env()
    message = str(err.value)
    assert "passport" in message and "\n" not in message
    assert all(name in message for name in ENTITIES)


def _conversation() -> Conversation:
    return Conversation(
        id="c-1", channel="chat", started_at=datetime(2026, 10, 3, 14, 22, tzinfo=timezone.utc),
        agent=Agent(id="a-7"), customer_id="anita.thompson@example.com",
        metadata={"contact": "07700 900516", "product": "Premium", "csat": 4, "vip": True},
        turns=[Turn(speaker="customer", text="anita.thompson@example.com"),
               Turn(speaker="agent", text="Thanks, and the postcode?"),
               Turn(speaker="customer", text="BN5 7WT, card ending 9240", start=3.0, end=5.5)],
    )


def test_redact_conversation_covers_turns_customer_id_and_string_metadata():
    original = _conversation()
    redacted, counts = REDACTOR.redact_conversation(original)
    assert [t.text for t in redacted.turns] == ["[EMAIL]", "Thanks, and the postcode?", "[POSTCODE], card ending 9240"]
    assert redacted.customer_id == "[EMAIL]"
    assert redacted.metadata == {"contact": "[PHONE]", "product": "Premium", "csat": 4, "vip": True}
    assert counts == Counter(email=2, phone=1, address=1)
    assert (redacted.turns[2].start, redacted.turns[2].end) == (3.0, 5.5)
    assert original.turns[0].text == "anita.thompson@example.com"  # a copy, not an edit
    Conversation.model_validate(redacted.model_dump())  # still a valid conversation


def test_report_line():
    report = RedactionReport()
    assert report.line() == "redacted nothing"
    report.add(Counter(email=40, card=12))
    report.add(Counter(phone=33, email=0))
    assert report.line() == "redacted 12 card, 40 email, 33 phone"
    assert report.total == 85


def test_sample_corpus_leaks_no_contact_details():
    from eval.sample import generate

    conversations = generate(n=300).conversations
    report, changed, total = RedactionReport(), 0, 0
    for conv in conversations:
        redacted, counts = REDACTOR.redact_conversation(conv)
        report.add(counts)
        for before, after in zip(conv.turns, redacted.turns, strict=True):
            total += 1
            assert after.text.strip()
            assert "@example.com" not in after.text
            assert "example dot com" not in after.text
            assert "07700 9" not in after.text
            if after.text != before.text:
                changed += 1
                assert re.search(r"[0-9]|@|\bat\b", before.text)
    assert report.counts["email"] >= 50 and report.counts["address"] >= 50 and report.counts["phone"] >= 1
    assert 0.02 * total < changed < 0.2 * total


def _luhn_runs(text: str) -> list[str]:
    def valid(digits: str) -> bool:
        total = 0
        for i, d in enumerate(int(c) for c in reversed(digits)):
            total += (d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 else d
        return total % 10 == 0

    return [run for run in re.findall(r"(?<![0-9])[0-9]{16}(?![0-9])", text) if valid(run)]


_PIECES = st.one_of(
    st.text(max_size=20),
    st.text(alphabet="0123456789 -+()", max_size=40),
    st.sampled_from(["4111111111111111", "4111 1111 1111 1111", "@", " at ", " dot com", "+44 ", "07700 ", "BN5 7WT",
                     "12 Mill Lane", "123-45-6789", "CA 94105", "[at]", "x.y@example.com"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_never_raises_and_never_leaves_a_card_number(text):
    redacted, counts = REDACTOR.redact_text(text)
    assert isinstance(redacted, str) and all(k in ENTITIES for k in counts)
    assert _luhn_runs(redacted) == []
