"""PII redaction: what must be caught, what must be left alone, and the sample corpus.

Spoken forms (speech-to-text) are in test_pii_spoken.py, names and the speaker rules in
test_pii_names.py, the national-id file and the checksums in test_pii_ids.py."""

from __future__ import annotations

import re
import time
from collections import Counter
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from redacted_turns import redacted_turns

from convoscope.errors import ConvoscopeError
from convoscope.models import Agent, Conversation, Turn
from ingest.pii import ENTITIES, Finding, RedactionReport, Redactor
from ingest.pii.core import cue

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
    "have a look at i t dot com",
    "Router firmware 3.10.2, IP 192.168.0.1.",
    "About 50% off for 3 months, then £19.99.",
    "Between 9 and 5, Monday to Friday.",
    "the 2 of us watch about 4 more hours",
    "Call back on the 3rd, 2026-11-03 at 10:30.",
    "I paid 100 200 3000 times.",
    "Speed test says 22 megabits, 500 meg plan.",
    # look-alikes an analyst needs: order, ticket and reference numbers after their cue
    "order 12345678", "ticket #4471923", "ORD-88231", "case 55512345678", "reference 12345678901",
    "order #1234567890", "Order #112-3456789-1234567", "booking ref K12345Q", "ticket INC0012345",
    "tracking number 9400 1234 5678 9012 3456 78", "serial 4111 1111 1111 1112", "Invoice no. 4000123456789",
    "model number SM-G991B", "the router serial is 4532-0151-1283-0366",
    # prices and amounts
    "$1,299.99", "£12.50", "€45", "I was charged 1,234 dollars", "It went from £25 to £32.50 per month.",
    # dates without a birth cue
    "on 03/04/2024 the engineer came", "The refund was issued on 2024-04-03.", "My contract ends on 31/12/2025.",
    "Since 3 April 2024 it keeps dropping.",  # a year after "born in" is a DOB: test_pii_places.py
    # versions, error codes, plans, speeds, times, durations, counts, short numbers
    "v4.2.1", "version 10.3", "iOS 17.2 and Android 14", "build 8.4.22.515", "E-217", "ERR_502", "0x80070005",
    "Unlimited 5G Plus", "Fibre 900", "500 Mbps", "1.2 Gbps", "2.4 GHz", "3:45 pm", "between 8am and 1pm",
    "two weeks", "three times", "I've been on hold for 45 minutes.", "We have 3 TVs and 2 phones.",
    "ending in 4242", "The last four digits are 4242.", "my PIN is 1234", "The router's IP is 192.168.1.254.",
    # general English shaped like a name introduction
    "Hi there, my internet keeps dropping.", "Thanks so much!", "This is ridiculous.", "It's broken.",
    "This is Unacceptable, I've been waiting all week.", "I'm Frustrated", "It's Monday", "This is urgent",
    "Hello Team,", "It's Still Broken", "I'm Done", "My name is on the bill", "It's me again", "Good Morning",
    "Dear Sir or Madam,", "Dear Customer Services,", "Hi All,", "Thanks Again", "I'm Not happy",
    "I called 3 times, Dr Who is my favourite.", "this is my third call", "it's been two weeks",
    "i'm calling about my bill", "hello yes i'm here", "is this the right number", "I spoke to a manager",
]

# (written, expected after redaction)
POSITIVES = [
    ("card 4111 1111 1111 1111 please", "card [CARD] please"),
    ("4111-1111-1111-1111", "[CARD]"),
    ("my card is 5555555555554444.", "my card is [CARD]."),
    ("amex 3782 822463 10005", "amex [CARD]"),
    ("Visa 4012888888881881, exp 04/29", "Visa [CARD], exp [CARD_EXPIRY]"),
    ("email is anita.thompson@example.com.", "email is [EMAIL]."),
    ("it's neil_99+tag@mail.example.co.uk", "it's [EMAIL]"),
    ("jameshall at example dot com", "[EMAIL]"),
    ("it's olivia dot smith38 at example dot com", "it's [EMAIL]"),
    ("connor underscore p729 at yeah example dot com", "[EMAIL]"),
    ("send it to lnguyen at b t internet dot com", "send it to [EMAIL]"),  # a domain said as letters and a word
    ("it's arjun dot m one seven at i cloud dot com", "it's [EMAIL]"),
    # a cue ends with its sentence: the reference is not this number's
    ("All booked, ref APT3679094. A reminder will go to 07444742419 soon.",
     "All booked, ref APT3679094. A reminder will go to [PHONE] soon."),
    ("jameswilson at example um dot com i think", "[EMAIL] i think"),
    ("john [at] example [dot] co [dot] uk", "[EMAIL]"),
    ("lachlan(dot)barton38(at)gmail(dot)com", "[EMAIL]"),  # the user part obfuscated too
    ("jefferson [dot] keisha [at] yahoo [dot] com (sorry, spam filters)", "[EMAIL] (sorry, spam filters)"),
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
    ("10 Downing Street, London SW1A 2AA", "[ADDRESS] [POSTCODE]"),  # the town is the address's
    ("221B Baker Street", "[ADDRESS]"),
    ("postcode EC1A 1BB, or W1A 0AX, M1 1AE, B33 8TH", "postcode [POSTCODE], or [POSTCODE], [POSTCODE], [POSTCODE]"),
    ("San Francisco, CA 94105", "San Francisco, CA [POSTCODE]"),
    ("1600 Pennsylvania Ave NW, Washington, DC 20500-0003", "[ADDRESS] [POSTCODE]"),
    # phones: a number a customer gives is one whatever its exchange, in any of the usual formats
    ("It's Marek, phone 555-142-8647, email marek@example.com", "It's [NAME], phone [PHONE], email [EMAIL]"),
    ("call me on (555) 142 8647", "call me on [PHONE]"),
    ("Call me at 212.555.0199", "Call me at [PHONE]"),
    ("phone: +1 (212) 555-0199 ext 23", "phone: [PHONE]"),  # the extension is part of the number
    ("my mobile's 07912345678", "my mobile's [PHONE]"),
    ("(020) 7946-0018", "[PHONE]"),
    ("07700-900-123", "[PHONE]"),
    ("Mobile: 0027 67 154 8139", "Mobile: [PHONE]"),
    ("+33 1 42 68 53 00 or +49 30 12345678", "[PHONE] or [PHONE]"),
    ("my number is 2125551234", "my number is [PHONE]"),
    ("2125551234", "[PHONE]"),  # valid as dialled in the US
    ("my cell is 555-0134", "my cell is [PHONE]"),  # a short local number after its cue
    ("reach me at 555 0134 after 6pm", "reach me at [PHONE] after 6pm"),
    ("or at home it's a local number, 261-6014", "or at home it's a local number, [PHONE]"),
    ("area code 514 025 5203", "area code [PHONE]"),  # its exchange begins with 0: the cue says it is a phone
    ("is there a local number I can call about the 2024 bill", "is there a local number I can call about the 2024 "
                                                                 "bill"),
    ("+447700900123_20261003", "[PHONE]_20261003"),  # a recording named after the caller
    # cards, grouped and not, Amex
    ("Card: 4012-8888-8888-1881", "Card: [CARD]"),
    ("my card is 4111 1111 1111 1111 expiry 04/27 cvv 123", "my card is [CARD] expiry [CARD_EXPIRY] cvv [CARD_CODE]"),
    ("Amex 378282246310005", "Amex [CARD]"),
    # bank: account numbers and sort codes after their cue, routing numbers with their checksum, IBANs
    ("Account number 12345678, sort code 12-34-56.", "Account number [BANK_ACCOUNT], sort code [BANK_ACCOUNT]."),
    ("acct # 123456789012", "acct # [BANK_ACCOUNT]"),
    ("sort code 78-38-19 acc no 81477353", "sort code [BANK_ACCOUNT] acc no [BANK_ACCOUNT]"),
    ("my sort code's 55-19-60 and acc 80571743", "my sort code's [BANK_ACCOUNT] and acc [BANK_ACCOUNT]"),
    ("Sort code 20 00 00, account 31926819.", "Sort code [BANK_ACCOUNT], account [BANK_ACCOUNT]."),
    ("sort code: 200000", "sort code: [BANK_ACCOUNT]"),
    ("Bank account 1234 5678 9012", "Bank account [BANK_ACCOUNT]"),
    ("The routing number is 021000021.", "The routing number is [BANK_ACCOUNT]."),
    ("IBAN GB82 WEST 1234 5698 7654 32", "IBAN [IBAN]"),
    ("My IBAN is DE89370400440532013000, thanks", "My IBAN is [IBAN], thanks"),
    ("refund to FR14 2004 1010 0505 0001 3M02 606 please", "refund to [IBAN] please"),
    ("NL91ABNA0417164300", "[IBAN]"),
    # national ids
    ("My social security number is 536-22-1847.", "My social security number is [NATIONAL_ID]."),
    ("SSN: 536221847", "SSN: [NATIONAL_ID]"),
    ("NI AB123456 C", "NI [NATIONAL_ID]"),
    ("my SIN is 046 454 286", "my SIN is [NATIONAL_ID]"),  # from ingest/pii_ids.yaml
    # dates of birth: only after a birth cue
    ("date of birth 03/04/1987", "date of birth [DOB]"),
    ("DOB: 1987-04-03", "DOB: [DOB]"),
    ("I was born on the 3rd of April 1987.", "I was born on [DOB]."),
    ("My birthday is April 3, 1987, if that helps.", "My birthday is [DOB], if that helps."),
    ("D.O.B. 12 Jan 1990", "D.O.B. [DOB]"),
    ("born 4/3/87", "born [DOB]"),
    ("I was born on 03.04.1987 and the account was opened on 03.04.2024.",
     "I was born on [DOB] and the account was opened on 03.04.2024."),
    # addresses: street lines with their flat or unit, ZIP codes in context
    ("4417 Oak Street Apt 3, Springfield, IL 62704", "[ADDRESS] [POSTCODE]"),
    ("Send it to 12 Mill Ln., Leeds LS1 4AB", "Send it to [ADDRESS] [POSTCODE]"),
    ("Flat 3, 12 Mill Lane", "[ADDRESS]"),
    ("12 Church Road #4", "[ADDRESS]"),
    ("Apartment 4B", "[ADDRESS]"),
    ("My zip code is 94105", "My zip code is [POSTCODE]"),
    ("350 Fifth Avenue, New York 10118", "[ADDRESS] [POSTCODE]"),
    # names in typed text
    ("My name is Dana Smith.", "My name is [NAME]."),
    ("Hi, it's Yusuf here", "Hi, it's [NAME] here"),
    ("Regards,\nHannah Roberts", "Regards,\n[NAME]"),
    ("Can you put it under Mr Patel?", "Can you put it under Mr [NAME]?"),
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_leaves_prices_dates_codes_and_failing_numbers_alone(text):
    assert REDACTOR.redact_text(text) == (text, Counter())


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_catches_each_entity_in_real_world_spellings(text, expected):
    redacted, counts = REDACTOR.redact_text(text)
    assert redacted == expected
    assert sum(counts.values()) == expected.count("[")


def test_find_gives_sorted_spans_of_the_original_text_and_redact_text_applies_them():
    text = "It's Marek, call 555-142-8647 or write to marek@example.com; DOB 03/04/1987."
    found = REDACTOR.find(text)
    assert [(text[f.start:f.end], f.entity, f.token) for f in found] == [
        ("Marek", "name", "[NAME]"), ("555-142-8647", "phone", "[PHONE]"), ("marek@example.com", "email", "[EMAIL]"),
        ("03/04/1987", "dob", "[DOB]")]
    assert all(isinstance(f, Finding) for f in found) and all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert REDACTOR.redact_text(text) == (
        "It's [NAME], call [PHONE] or write to [EMAIL]; DOB [DOB].", Counter(name=1, phone=1, email=1, dob=1))
    spoken = "it's five five five one four two eight six four seven"
    (finding,) = REDACTOR.find(spoken)
    assert spoken[finding.start:finding.end] == "five five five one four two eight six four seven"


def test_entities_and_tokens():
    assert set(ENTITIES) == {"card", "email", "phone", "national_id", "address", "bank", "dob", "name"}
    text = "IBAN GB82 WEST 1234 5698 7654 32, account number 12345678"
    assert REDACTOR.redact_text(text) == ("IBAN [IBAN], account number [BANK_ACCOUNT]", Counter(bank=2))


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
    monkeypatch.setenv("CONVOSCOPE_REDACT", "bank,dob,name")
    assert Redactor.from_env().redact_text("My name is Dana, DOB 03/04/1987, sort code 12-34-56, 07700 900516") == (
        "My name is [NAME], DOB [DOB], sort code [BANK_ACCOUNT], 07700 900516", Counter(name=1, dob=1, bank=1))
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
                assert re.search(r"\[(?:EMAIL|PHONE|CARD|ADDRESS|POSTCODE|NAME|BANK_ACCOUNT|DOB)\]", after.text)
    assert report.counts["email"] >= 50 and report.counts["address"] >= 50 and report.counts["phone"] >= 1
    assert report.counts["name"] >= 100
    assert 0.02 * total < changed < 0.2 * total


def _luhn_runs(text: str) -> list[str]:
    def valid(digits: str) -> bool:
        total = 0
        for i, d in enumerate(int(c) for c in reversed(digits)):
            total += (d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 else d
        return total % 10 == 0

    # a run that is the whole or the fractional part of a decimal ("…0000.0", "0.0000…") is an amount, which
    # stays readable; no payment card number starts with 0 (ISO/IEC 7812 gives that digit to no card issuer);
    # one right after a reference cue ("order", "serial", "PRODUCT…") is that reference (the README's card rule)
    return [m.group() for m in re.finditer(r"(?<![0-9])(?<![0-9][.,])[1-9][0-9]{15}(?![0-9]|[.,][0-9])", text)
            if valid(m.group()) and cue(text, m.start()) != "ref"]


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


def test_text_without_pii_is_cheap():
    """Ingest must keep pace with the embedder (a few hundred turns a second on two cores):
    redaction of ordinary turns costs a small share of that (about 50 µs a turn here)."""
    turns = ["The app keeps crashing since the last update, can you help?",
             "I've been charged twice this month and nobody has called me back.",
             "um yeah so the broadband drops every evening around eight and it's really annoying",
             "Thanks, I've reset the hub remotely; it should be fine in five minutes."] * 500
    start = time.perf_counter()
    for turn in turns:
        REDACTOR.redact_text(turn)
    assert time.perf_counter() - start < 2.0  # 1 ms a turn at most, even on a slow machine


# cards grouped with dots; phones in five pairs or with an area code and a slash; their look-alikes
DOTS_PAIRS_SLASHES = [
    ("card 6517.7343.8897.7727 exp 04.27", "card [CARD] exp [CARD_EXPIRY]"),
    ("Amex: 3769.064747.95865.", "Amex: [CARD]."),  # 4-6-5
    ("6517.7343.8897.7727", "[CARD]"),
    ("It's 06 04 77 62 11, thanks", "It's [PHONE], thanks"),
    ("portable: 07.49.22.96.85", "portable: [PHONE]"),
    ("Tel. 0160/43004743", "Tel. [PHONE]"),
    ("0151/70631853", "[PHONE]"),
    ("+33 6 04 77 62 11 or +33.7.49.22.96.85", "[PHONE] or [PHONE]"),
    ("+49 160/43004743", "[PHONE]"),
    ("0049 160/43004743", "[PHONE]"),
    ("account 07.49.22.96.85", "account [PHONE]"),  # a phone's own format after another cue
    ("call 07700 900516/07700 900517", "call [PHONE]/[PHONE]"),
]
DOTS_PAIRS_SLASHES_KEPT = [
    "$1,299.99", "1,299.99 or 12.345.678,90", "v4.2.1", "03.04.2024", "at 10.30 on 03.04.2024",
    "between 9.30 and 17.45", "IP 192.168.100.200", "4111.1111.1111.1112",  # fails Luhn
    "build 4111.1111.1111.1111.2",  # a Luhn-valid 16 inside a longer dotted number
    "on 03/04/2024 or 12/05/2025", "the 2023/2024 season", "pages 0012/2024", "It's 0.5/100 mg",
    "order 0160/43004743", "ticket 06 04 77 62 11", "order number 07.49.22.96.85",
    "score 01 02 03 04 05 06",  # five pairs out of a longer row
]


@pytest.mark.parametrize(("text", "expected"), DOTS_PAIRS_SLASHES)
def test_cards_with_dots_and_phones_in_pairs_or_with_a_slash(text, expected):
    redacted, counts = REDACTOR.redact_text(text)
    assert redacted == expected
    assert sum(counts.values()) == expected.count("[")


@pytest.mark.parametrize("text", DOTS_PAIRS_SLASHES_KEPT)
def test_amounts_versions_dates_and_references_with_dots_or_slashes_stay(text):
    assert REDACTOR.redact_text(text) == (text, Counter())


def test_an_email_cue_takes_a_user_part_of_several_words():
    assert REDACTOR.redact_text("email: Lucky Cat 1988 at telefonica.net") == ("email: [EMAIL]", Counter(email=1))
    assert REDACTOR.redact_text("My e-mail address is Bjorn E 123 at gmail dot com.")[0] == (
        "My e-mail address is [EMAIL].")
    # a verb, or a sentence between the cue and the address: only the address's own word before "at"
    assert REDACTOR.redact_text("you can email me at jo.ok at yahoo dot com")[0] == "you can email me at [EMAIL]"
    assert REDACTOR.redact_text("I changed my email last week, it's dana at example dot com")[0] == (
        "I changed my email last week, it's [EMAIL]")


@pytest.mark.parametrize("text", [
    "Card number is 4454 85416911 8521.", "its 3444030631 84577", "5599  4823  7458  6267",
    "card no 40100201 58003903", "3433  177190  03414",
])
def test_a_card_number_grouped_any_way_a_customer_types_it_is_a_card(text):
    assert REDACTOR.redact_text(text)[1] == Counter(card=1)


@pytest.mark.parametrize("text", [
    "order 4454 85416911 8521",  # a reference's cue
    "4454 85416911 8522",  # fails Luhn
    "in 2023 1234 people and 5678 others",
])
def test_grouped_numbers_that_are_not_cards_stay(text):
    assert "[CARD]" not in REDACTOR.redact_text(text)[0]


@pytest.mark.parametrize(("text", "value"), [
    ("BSB 487-776 account 12345678", "487-776"), ("bsb 630708 account 12345678", "630708"),
    ("National Bank - transit 37715, account 1234567", "37715"),
    ("b s b is oh six oh eight three one and account number one two three four five six seven",
     "oh six oh eight three one"),
])
def test_a_bank_branch_number_after_its_cue_is_bank_data(text, value):
    found = [text[f.start:f.end] for f in REDACTOR.find(text) if f.entity == "bank"]
    assert value in found, found


@pytest.mark.parametrize(("text", "value"), [
    ("pay into account nummber 2288426544771 pls", "2288426544771"),  # "number" mistyped
    ("account numebr 59440026540 / IFSC SBIN0960308", "59440026540"),
    ("so for erm the branch code i've got two five zero six five five", "two five zero six five five"),
])
def test_a_bank_number_after_a_mistyped_cue_or_i_ve_got_is_bank_data(text, value):
    found = [text[f.start:f.end] for f in REDACTOR.find(text) if f.entity == "bank"]
    assert value in found, found


@pytest.mark.parametrize(("text", "values"), [
    ("send the refund to branch 393, account number 1347673", ("393", "1347673")),
    ("okay so agência 5631, conta 56861-5, got that?", ("5631", "56861-5")),
    ("uh wages go to agencia eight five one three conta double five one six five oh", ("eight five", "double five")),
    ("routing 004488848 checking 44344305169", ("004488848", "44344305169")),  # the account named by its kind
])
def test_a_branch_before_its_account_and_brazils_agencia_and_conta_are_bank_data(text, values):
    redacted = REDACTOR.redact_text(text)[0]
    assert not any(value in redacted for value in values), redacted


@pytest.mark.parametrize("text", ["the branch 24 is open till 5", "our branch 393 is in leeds"])
def test_a_shops_branch_number_stays(text):
    assert REDACTOR.redact_text(text)[0] == text


def test_the_answer_to_a_question_for_bank_details_keeps_none_of_its_numbers():
    question = "Sure - to set up the new direct debit can you send over the sort code and account number?"
    answer = "40-22-19 and 36165325, thanks"
    found = REDACTOR.find_turns([(question, "agent"), (answer, "customer")])[1]
    assert [answer[f.start:f.end] for f in found] == ["40-22-19", "36165325"]
    found = REDACTOR.find_turns([(question, "agent"), ("order 36165325 is late, my card ending 4242", "customer")])[1]
    assert found == []  # a reference's cue, and a card's last digits


@pytest.mark.parametrize(("question", "answer", "kept"), [
    # what agents ask bank details with, and the numbers of other countries' banks
    ("Which account should the refund go to?", "it's 12-2093-7887849-01", ["it's"]),
    ("Next the institution number, please.", "institution number 004", ["institution number"]),
    ("and the acc no", "eight oh four three one double seven two five", []),
    ("What's the checking account?", "141872425406 😬", ["😬"]),
    ("Could you give me the bank details?", "A/c no: 77028144604388 / IFSC code: UTIB0400320",
     ["A/c no:", "/ IFSC code:"]),
    ("can i take your bank details", "routing number zero one six eight three one three five seven zero seven three",
     ["routing number"]),  # the routing number and the account after it, read as one run
    ("can i take your bank details", "sure k k b k zero six eight six four two six", ["sure"]),
    ("What are the bank details?", "u can use ie54bofi02281617016327", ["u can use"]),  # an IBAN, in lower case
    # what the answer holds besides keeps its own kind, or stays
    ("Which account should the refund go to?", "the one ending 4421", ["the one ending 4421"]),
    ("Which account should the refund go to?", "order 36165325 please", ["order 36165325 please"]),
    # the details asked for by what they are for
    ("The refund of 109.75 has to go by bank transfer, what are your details?", "718532 90150548", []),
])
def test_an_answer_to_a_question_for_bank_details_keeps_no_bank_number(question, answer, kept):
    found = REDACTOR.find_turns([(question, "agent"), (answer, "customer")])[1]
    assert all(f.entity in ("bank", "iban") for f in found), found
    rest, done = [], 0
    for f in found:
        rest.append(answer[done:f.start].strip())
        done = f.end
    assert [part for part in [*rest, answer[done:].strip()] if part] == kept


def test_an_answer_keeps_the_kind_of_a_phone_or_a_date_said_in_it():
    question = "Could you confirm the account the payment should go to, and your date of birth?"
    found = REDACTOR.find_turns([(question, "agent"), ("Account: 60 765 44373, born Dec 26 1996, +64 4 884 4568",
                                                       "customer")])[1]
    assert [f.entity for f in found] == ["bank", "dob", "phone"]


@pytest.mark.parametrize(("text", "expected"), [
    ("do you need my tax file number? it's 113729289", "do you need my tax file number? it's [NATIONAL_ID]"),
    ("do you need my t f n as well its nine four eight seven nine two four oh seven",
     "do you need my t f n as well its [NATIONAL_ID]"),
    ("ID number 660427 8795 08 6", "ID number [NATIONAL_ID]"),  # South Africa's, 13 digits with its checksum
    ("its s i n three seven five one eight one two six oh", "its s i n [NATIONAL_ID]"),
    ("order 113729289 and tfn 113729288", "order 113729289 and tfn 113729288"),  # a reference; a failed checksum
])
def test_the_national_ids_of_more_countries_from_the_editable_list(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


def _redacted_turns(turns: list[tuple[str, str]]) -> list[str]:
    return redacted_turns(REDACTOR, turns)


@pytest.mark.parametrize(("first", "second", "redacted"), [
    ("4111 1111 1111", "then 1111", "then [CARD]"),  # typed in two messages (4111 1111 1111 1111)
    ("four eight six five seven two six four", "nine four one zero eight seven six zero", "[CARD]"),  # read out
])
def test_a_card_number_given_in_two_turns_is_redacted_in_both(first, second, redacted):
    turns = [("Which card would you like to use? I'll need the full number.", "agent"), (first, "customer"),
             ("mhm", "agent"), (second, "customer")]
    assert _redacted_turns(turns)[1::2] == ["[CARD]", redacted]


def test_numbers_in_two_turns_with_a_new_question_between_are_not_joined():
    turns = [("What's the card number?", "agent"), ("4111 1111 1111", "customer"),
             ("and the expiry date?", "agent"), ("1111", "customer")]
    assert _redacted_turns(turns)[1::2] == ["4111 1111 1111", "[CARD_EXPIRY]"]  # the expiry, not the card's end


@pytest.mark.parametrize("text", ["6759 2129 5451 7257 34", "6761-6413-7298-9195-48", "6761  7848  6173  3935  33"])
def test_an_eighteen_digit_card_is_redacted_whole(text):
    assert REDACTOR.redact_text(f"card number: {text}")[0] == "card number: [CARD]"


@pytest.mark.parametrize(("text", "expected"), [
    ("Mob: (08) 9632 0511", "Mob: [PHONE]"),  # a two-digit area code in brackets (Australia)
    ("You can reach me on +1 (861) 036-4183 ext 5875.", "You can reach me on [PHONE]."),  # with its extension
    ("My bank details are: 60765 001 0505807.", "My bank details are: [BANK_ACCOUNT]."),
    ("sort code 12-34-56, roll number R8439835", "sort code [BANK_ACCOUNT], roll number [BANK_ACCOUNT]"),
    ("NIE: Y7775776L", "NIE: [NATIONAL_ID]"), ("DNI 15089444-H", "DNI [NATIONAL_ID]"),  # Spain's, checked
])
def test_numbers_of_more_countries_and_forms(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


def test_the_words_answering_a_question_for_a_roll_number_are_no_roll_number():
    turns = [("What is your building society roll number?", "agent"),
             ("If I am unavailable, please speak to my son on 0161 4590245.", "customer")]
    assert redacted_turns(REDACTOR, turns)[1] == "If I am unavailable, please speak to my son on [PHONE]."


def test_a_number_read_back_in_other_words_is_redacted_too():
    turns = [("what's the best number", "agent"), ("uh it's six six nine six five uh oh two eight eight", "customer"),
             ("let me read that back six six nine six five oh two double eight", "agent")]
    assert _redacted_turns(turns)[2] == "let me read that back [PHONE]"


def test_a_number_read_back_with_a_digit_misheard_is_redacted_too():
    turns = [("Can you share a phone number please", "agent"), ("its 80793068", "customer"),
             ("just checking thats 80723068?", "agent"), ("nope 80793068", "customer"),
             ("and your order 80723000 is on its way", "agent")]
    assert _redacted_turns(turns)[2:] == ["just checking thats [PHONE]?", "nope [PHONE]",
                                          "and your order 80723000 is on its way"]  # two digits off: another number


def test_the_first_number_answering_a_question_for_a_phone_is_one_wherever_it_is():
    turns = [("Can I get an email for the receipt? and Can you share a phone number please", "agent"),
             ("saoirse_gallagher70@hotmail.com thanks, sure, 012318035", "customer")]
    assert _redacted_turns(turns)[1] == "[EMAIL] thanks, sure, [PHONE]"
    turns = [("is there a number we can call you back on", "agent"),
             ("eight eight four nine nine five two seven", "customer")]
    assert _redacted_turns(turns)[1] == "[PHONE]"
    said = "eight eight four nine nine five two seven thats my mobile"  # named after it
    assert REDACTOR.redact_text(said)[0] == "[PHONE] thats my mobile"
    assert REDACTOR.redact_text("the total came to 1234567 points")[0] == "the total came to 1234567 points"
    assert REDACTOR.redact_text("you can send it to lovely dot king at yahoo dot com dot ph")[0] == (
        "you can send it to [EMAIL]")  # a country after a generic domain


def test_a_passport_spelled_out_when_asked_for_is_no_postcode():
    turns = [("i'll need your passport number", "agent"), ("one sec um j x mike f six g seven m f", "customer")]
    assert [f.entity for f in REDACTOR.find_turns(turns)[1]] == ["national_id"]


@pytest.mark.parametrize(("question", "answer", "value", "entity"), [
    ("And the postcode?", "Dear Sir or Madam,\n\nIt's 6011.\n\nCheers\nJulien", "6011", "address"),
    ("And the postcode?", "Hello team,\n\n400050\n\nI was charged twice.\n\nKind regards,\nAyo", "400050", "address"),
    ("What's your date of birth?", "Hi Tom,\n\n12/03/84\n\nThanks", "12/03/84", "dob"),
])
def test_an_emailed_answer_is_read_after_its_greeting(question, answer, value, entity):
    found = REDACTOR.find_turns([(question, "agent"), (answer, "customer")])[1]
    assert (value, entity) in [(answer[f.start:f.end], f.entity) for f in found]


def test_an_ifsc_answering_a_question_for_bank_details_is_redacted_without_its_cue():
    answer = "Dear Sir or Madam,\n\nIt's HDFC0468088, 77464579091975\n\nBest"
    found = REDACTOR.find_turns([("For the refund, can I take your bank details?", "agent"), (answer, "customer")])[1]
    assert {"HDFC0468088", "77464579091975"} <= {answer[f.start:f.end] for f in found if f.entity == "bank"}
    assert REDACTOR.redact_text("the part number is ABCD0123456")[0] == "the part number is ABCD0123456"


def test_an_ifsc_read_out_letter_by_letter_in_the_answer_is_redacted_whole():
    answer = "i c i c oh four nine eight four six seven account name is on the form"
    found = REDACTOR.find_turns([("and the ifsc", "agent"), (answer, "customer")])[1]
    assert [answer[f.start:f.end] for f in found if f.entity == "bank"] == ["i c i c oh four nine eight four six seven"]


def test_a_turn_said_again_is_redacted_the_same_and_no_call_sees_anothers_findings():
    redactor = Redactor()
    turns = [("good morning, Lumora, Dana speaking", "agent"), ("hi it's Omar Haddad, my number is 020 7946 0958",
                                                                 "customer")]
    first = redactor.find_turns(turns)
    first[1].clear()  # a caller's own list
    assert redactor.find_turns(turns) == Redactor().find_turns(turns) and redactor.find_turns(turns)[1]


def test_an_answer_to_a_question_for_a_phone_whose_first_number_is_another_keeps_the_rest():
    turns = [("kindly provide the recharge card details along side mobile number via DM", "agent"),
             ("I just said there's no option if u dial 111. The options ends at 5.", "customer"),
             ("The S/N of the card is 98043971....can't see 3 numbers", "customer")]
    assert _redacted_turns(turns)[1:] == [turns[1][0], turns[2][0]]


def test_a_code_read_back_letter_by_letter_is_redacted_whole():
    turns = [("whats your iban", "agent"), ("its IE80 IPBS 9434 3054 0242 46", "customer"),
             ("let me read that back i e eight oh i p b s nine four three four three oh five four oh two four two "
              "four six yeah", "agent")]
    assert _redacted_turns(turns)[2] == "let me read that back [IBAN] yeah"


def test_a_short_number_listed_between_bank_numbers_in_an_answer_for_bank_details_is_one_too():
    turns = [("Please provide the bank account details for the direct debit.", "agent"),
             ("My bank details are as follows: 63592, 004, 6055271. Order 123 is separate.", "customer")]
    assert _redacted_turns(turns)[1] == ("My bank details are as follows: [BANK_ACCOUNT], [BANK_ACCOUNT], "
                                         "[BANK_ACCOUNT]. Order 123 is separate.")


@pytest.mark.parametrize(("text", "expected"), [
    ("(+65) 8264 0228\nd.o.b: 17/9/79", "[PHONE]\nd.o.b: [DOB]"),  # a country code in brackets
    ("Thanks, (+63) 953 401 5074 is saved as your main contact.", "Thanks, [PHONE] is saved as your main contact."),
    # "text … to" a number: a phone, though "reference" comes between
    ("I'll text the reference to 07841 547955.", "I'll text the reference to [PHONE]."),
    ("ill text the reference to oh seven uh eight three three double nine three four oh uh nine",
     "ill text the reference to [PHONE]"),
    ("the item (+4) 3 pack", "the item (+4) 3 pack"),
    ("text the code to 60300 to win", "text the code to 60300 to win"),
])
def test_a_country_code_in_brackets_and_a_number_to_text_are_phones(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # another person's number, after who to try it for
    ("uh you can also try my husband on eight five eight three three five zero four",
     "uh you can also try my husband on [PHONE]"),
    ("You can also call my neighbour on 3902451416.", "You can also call my neighbour on [PHONE]."),
    ("my brother can be reached on 998 132 9972. Thanks", "my brother can be reached on [PHONE]. Thanks"),
    ("My husband's number is 8895129297, that's Rahul.", "My husband's number is [PHONE], that's Rahul."),
    # a signature's one-letter label
    ("Many thanks,\nWei Ling Teo\nM: 9948 9287", "Many thanks,\n[NAME]\nM: [PHONE]"),
    # not: a call back on a date, a number that is an NHS number's, a label inside a line
    ("Call back on the 3rd, 2026-11-03 at 10:30.", "Call back on the 3rd, 2026-11-03 at 10:30."),
    ("NHS number 943 476 5918", "NHS number 943 476 5918"),
    ("Room M: 9948 9287 spare", "Room M: 9948 9287 spare"),
])
def test_a_number_to_try_someone_on_and_a_signatures_letter_label_are_phones(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # typed digit by digit, as it is read out
    ("You can get me on 0 8 0 6 8 5 0 0 9 6 5.", "You can get me on [PHONE]."),
    ("Date of birth on file, my number's 0 6 4 7 4 1 9 0 9 5", "Date of birth on file, my number's [PHONE]"),
    # a bracketed middle group, as Japan writes it
    ("Actually my mobile's changed, it's 092(867)7606 now.", "Actually my mobile's changed, it's [PHONE] now."),
    # the business will text or call the number that follows, or names it as the customer's afterwards
    ("We'll text 078 442 95 28 on the day.", "We'll text [PHONE] on the day."),
    ("Dresden for the address and 0176 629 77302 as your number. Right?",
     "Dresden for the address and [PHONE] as your number. Right?"),
    # not: whom the business will call, a reference it will text, a row of single digits too short for a phone
    ("i'll call yui if needed, we're at room 508 6251", "i'll call yui if needed, we're at room 508 6251"),
    ("I'll text you the reference 4432 1190 778", "I'll text you the reference 4432 1190 778"),
    ("rate it 1 2 3 4 5 or 6", "rate it 1 2 3 4 5 or 6"),
])
def test_a_number_typed_digit_by_digit_in_brackets_or_one_the_business_will_text_is_a_phone(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("its mercedes dot munoz at yahoo dot e s", "its [EMAIL]"),  # a country's domain, said letter by letter
    # "at sign" / "at symbol", as speech-to-text writes what is said
    ("my email is k dot nair at sign hotmail dot com um door number seven", "my email is [EMAIL] um door number seven"),
    ("email helenedelafontaine four five at symbol sfr dot f r", "email [EMAIL]"),
    ("the at sign is missing from the form at the top", "the at sign is missing from the form at the top"),
    ("yeah w e n q i dash goh at outlook dot s g thats the one", "yeah [EMAIL] thats the one"),
    ("f e m k e dot bakker six four at ziggo dot n l", "[EMAIL]"),
    ("its amy plus news at example dot com", "its [EMAIL]"),  # "+" said in the user part
    ("meet me at the office dot at noon", "meet me at the office dot at noon"),
])
def test_spoken_emails_at_any_countrys_domain_and_with_a_plus(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


def test_a_card_read_out_over_four_turns_with_the_agent_letting_the_customer_go_on():
    turns = [("and the long card number", "agent"), ("okay four six five four", "customer"), ("go on", "agent"),
             ("six eight three seven", "customer"), ("uh huh", "agent"), ("then seventy six eighty five", "customer"),
             ("got that", "agent"), ("ninety one twenty", "customer"), ("and when does it expire", "agent")]
    found = REDACTOR.find_turns(turns)
    assert [[text[f.start:f.end] for f in spans] for (text, _), spans in zip(turns, found)] == [
        [], ["four six five four"], [], ["six eight three seven"], [], ["seventy six eighty five"], [],
        ["ninety one twenty"], []]
    assert {f.entity for spans in found for f in spans} == {"card"}


@pytest.mark.parametrize(("question", "answer", "found"), [
    ("hi", "thanks clabe interbancaria oh one four four two seven six three one five oh nine oh five eight oh nine six",
     ["oh one four four two seven six three one five oh nine oh five eight oh nine six"]),  # Mexico's CLABE
    ("hi", "The branch number is 826.", ["826"]),
    ("and your branch number?", "five eight five", ["five eight five"]),
])
def test_a_clabe_and_a_branch_number_are_bank_details(question, answer, found):
    spans = REDACTOR.find_turns([(question, "agent"), (answer, "customer")])[1]
    assert [answer[s.start:s.end] for s in spans] == found


def test_an_international_number_read_back_as_its_country_dials_it_is_the_same_phone():
    turns = [("Can I take your number?", "agent"), ("It's +64 29 553 0746.", "customer"),
             ("Let me read that back: 0295530746.", "agent"), ("Your order 0295530700 ships today.", "agent")]
    assert _redacted_turns(turns)[1:] == ["It's [PHONE].", "Let me read that back: [PHONE].",
                                          "Your order 0295530700 ships today."]


@pytest.mark.parametrize(("question", "answer"), [
    ("Can I take a number in case I need to call you back?", "It's 027 362 582 😅"),
    ("What number should the driver call on the day?", "076 980 50 98"),
    ("is there a mobile we can text the confirmation to", "seven six nine oh five six seven five eight"),
    ("and a number we can give the shuttle driver", "it's nine one two three four five six seven eight"),
    ("can i take a number for the courier please", "it's six one two three four five six seven eight"),
])
def test_a_question_for_a_number_to_call_asks_for_a_phone(question, answer):
    redacted = _redacted_turns([(question, "agent"), (answer, "customer")])[1]
    assert redacted.lower().startswith(("[phone]", "it's [phone]"))


def test_a_number_the_agent_then_names_as_the_customers_contact_number_is_a_phone():
    text = "I've got 0651110800 as your contact number, is that still right"
    assert REDACTOR.redact_text(text)[0] == "I've got [PHONE] as your contact number, is that still right"


@pytest.mark.parametrize(("turns", "at", "number"), [
    ([("Can I take a contact number?", "agent"), ("Call me on 0808.652.9024 please.", "customer")], 1,
     "0808.652.9024"),
    ([("Sure, what's the new number?", "agent"), ("My new number is 06.39273018.", "customer")], 1, "06.39273018"),
    ([("And a phone number for the account?", "agent"), ("its 076.430.88.43, thats my mobile.", "customer")], 1,
     "076.430.88.43"),
    ([("What's the new number?", "agent"), ("It's 0045 31 11 98 04.", "customer"),
      ("We'll text the confirmation to 31.11.98.04.", "agent")], 2, "31.11.98.04"),
])
def test_a_phone_number_written_with_dots_is_a_phone_after_a_phone_cue_or_read_back(turns, at, number):
    found = REDACTOR.find_turns(turns)[at]
    text = turns[at][0]
    assert any(text[f.start:f.end] == number and f.entity == "phone" for f in found), found


@pytest.mark.parametrize("text", ["I'm using Spotify mobile ver. 8.4.22.515", "the total is 1.234.567 euros",
                                  "call me about version 10.2.3.4567"])
def test_dotted_versions_and_amounts_stay(text):
    assert REDACTOR.redact_text(text)[0] == text


def test_an_agents_echo_of_the_piece_of_a_number_just_given_is_redacted_but_not_a_cards_last_digits():
    turns = [("could you confirm the mobile number we have on file", "agent"), ("okay seven four two", "customer"),
             ("seven four two and then", "agent"), ("then nine one three three eight five", "customer"),
             ("great that matches", "agent")]
    found = REDACTOR.find_turns(turns)
    assert [turns[2][0][f.start:f.end] for f in found[2]] == ["seven four two"]
    card = [("what's the long number on the card", "agent"),
            ("four five three two one five one five six two seven three four five eight seven", "customer"),
            ("thanks that's the card ending four five eight seven", "agent")]
    assert REDACTOR.find_turns(card)[2] == []


@pytest.mark.parametrize(("text", "extension"), [
    ("My mobile is 072-856 97 95 ext. 1172.", "1172"),
    ("erm zero seven five nine one three four five seven eight extension one four eight oh", "four eight oh"),
    ("you can call them on 0443308426, extension 2663", "2663"),
    ("the landline is 0918.649.0685 (ext 7092)", "7092"),
])
def test_a_phones_extension_is_part_of_the_number(text, extension):
    redacted = REDACTOR.redact_text(text)[0]
    assert "[PHONE]" in redacted and extension not in redacted, redacted


def test_a_word_after_a_phone_that_only_starts_like_an_extension_stays():
    assert REDACTOR.redact_text("call 0800 123 4567 extension for sales")[0] == "call [PHONE] extension for sales"


@pytest.mark.parametrize(("text", "expected"), [
    ("mine is s.walker @ gmail.com thanks", "mine is [EMAIL] thanks"),
    ("ok @AppleSupport.It works", "ok @AppleSupport.It works"),  # a handle: no space after its "@"
])
def test_an_email_typed_with_a_space_each_side_of_the_at_is_redacted_and_a_handle_stays(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected
