"""What is said beside a customer's details stays what it is: a reference after the details
("same as on t w one five three …"), the business's name in an agent's greeting, a date after
a phone number, the words after an address; and what belongs to them is taken whole (the town
said after the street, a letters-only Eircode, the surname after a given name)."""

from __future__ import annotations

import pytest
from redacted_turns import redacted_turns

from ingest.pii import Redactor

REDACTOR = Redactor()


def _answer(question: str, answer: str) -> str:
    return redacted_turns(REDACTOR, [(question, "agent"), (answer, "customer")])[1]


@pytest.mark.parametrize("greeting", [
    "Good morning, Skywatch Optics, my name's Ravi. What can I do for you today?",
    "good morning skywatch my name's tamsin what can i do for you today",
    "hiya brightline orthodontics bookings so my name's ruby reid what can i do for you",
])
def test_the_business_greeted_before_the_agent_introduces_itself_is_no_ones_name(greeting):
    assert redacted_turns(REDACTOR, [(greeting, "agent"), ("hi there", "customer")])[0] == greeting


def test_a_customer_greeted_before_the_agent_introduces_itself_is_still_redacted():
    text = "Hello Omar, my name's Jordan, how can I help?"
    assert redacted_turns(REDACTOR, [(text, "agent"), ("hi", "customer")])[0] == (
        "Hello [NAME], my name's Jordan, how can I help?")


def test_a_date_written_with_dots_after_a_phone_number_is_no_second_number():
    shown = _answer("Which mobile number should the texts go to?", "it's 902-653-3906 the one from 26.02.2025")
    assert shown == "it's [PHONE] the one from 26.02.2025"


def test_an_answer_that_names_its_id_gives_no_other_code_as_one():
    question = ("Dear Gwen,\n\nTo complete this, could you send a contact number and your NI or SSN?\n\n"
                "Best wishes,\nTamsin")
    answer = ("Hi Tamsin,\n\nPlease see my details below:\n\nDaytime phone: +1 613 220 8711\nNINO: TP 17 60 89 A\n\n"
              "Also the app on 3.0.2 gave E-3307, shipment 1ZVJ2QHA4765500324. The error still says error 429.\n\n"
              "Thanks,\nGwen")
    shown = _answer(question, answer)
    assert "TP 17 60 89 A" not in shown and "1ZVJ2QHA4765500324" in shown


def test_a_number_inside_a_longer_one_is_no_id_of_its_own():
    question = "Can I take a phone number and an ID number (your passport number is fine)?"
    shown = _answer(question, "right, number is 01632 960390, that's the mobile")
    assert shown == "right, number is [PHONE], that's the mobile"


def test_a_reference_read_after_bank_details_stays_and_a_spoken_ifsc_goes():
    shown = _answer("can i take the bank details for the payment",
                    "account number ninety three fifty five four five five nine and sort code oh four seventy six "
                    "seven one same as on t w one five three five one seven")
    assert shown.endswith("same as on t w one five three five one seven") and "ninety" not in shown
    shown = _answer("can i take the bank details for the payment",
                    "the ifsc is h d f c oh four eight nine one oh nine thanks")
    assert "four eight nine" not in shown
    for answer in ("uh account number l m 7125263 i think", "the a count number is so l m 9771359"):
        shown = _answer("can i take the bank details for the payment", answer)
        assert not any(c.isdigit() for c in shown), shown  # the account's own letters before its digits


def test_a_code_typed_in_capitals_before_its_digits_is_no_phone_number():
    text = "also the certificate GIA 7158484390 came with E-217 on the website"
    assert REDACTOR.redact_text(text)[0] == text


def test_a_word_spelled_out_is_no_postcode_inside_it():
    text = "handset three point forty one fixes m o t o r u n i t f a u l t two on most mounts"
    assert redacted_turns(REDACTOR, [(text, "agent")])[0] == text


@pytest.mark.parametrize(("answer", "kept"), [
    ("address is 6367 N Lincoln Blvd, Apt 2D, Springfield, IL for teh $294 payment", "for teh $294 payment"),
    ("Unit 9/274 Marine Parade, New Farm same as on KV-36-276", "KV-36-276"),
])
def test_a_typed_address_given_in_answer_ends_where_the_sentence_goes_on(answer, kept):
    shown = _answer("what's the full address including postcode", answer)
    assert shown.startswith(("address is [ADDRESS]", "[ADDRESS]")) and shown.endswith(kept)


@pytest.mark.parametrize(("text", "town"), [
    ("address is seven hundred twenty four robson street ottawa also use the other email", "ottawa"),
    ("send it to 1320 Queen St W, Halifax teh one from 13 Oct", "Halifax"),
    ("use the email then 108 Sea View Park, Salthill, Galway, H91 YVVC", "H91 YVVC"),
    ("send it to seven one nine four west seventy first street apartment seven d columbus ohio", "columbus"),
])
def test_the_town_and_code_after_a_street_line_are_the_address(text, town):
    shown = REDACTOR.redact_text(text)[0]
    assert town not in shown and "[ADDRESS]" in shown


def test_the_surname_said_after_a_given_name_is_the_same_persons():
    assert _answer("could i take your full name please", "um yes it's marguerite donnelly") == "um yes it's [NAME]"


def test_an_address_given_after_its_label_ends_before_the_next_field():
    text = ("Account no.: 2371288148019\nPrevious address: Flat 9, 239 Cranbrook Road, London, N18 5BH\n"
            "D.O.B. 26.01.2001")
    shown = REDACTOR.redact_text(text)[0]
    assert not any(part in shown for part in ("Cranbrook", "London", "N18 5BH", "26.01.2001")), shown


def test_a_postcode_spelled_after_a_flats_number_keeps_its_first_letter():
    text = "so that is ninety one station road apartment five b n one one b q our tuner can come saturday"
    shown = redacted_turns(REDACTOR, [(text, "agent")])[0]
    assert "one one b q" not in shown and shown.endswith("our tuner can come saturday"), shown


@pytest.mark.parametrize("greeting", [
    "hello rory at splitly pay what can i do for you",
    "Hey, Joris at Pressmark, what can I do for you?",
])
def test_the_agent_introduced_at_the_business_keeps_its_name_said_or_typed(greeting):
    assert redacted_turns(REDACTOR, [(greeting, "agent"), ("hi there", "customer")])[0] == greeting


def test_an_australian_landline_without_its_brackets_is_a_phone_number():
    assert REDACTOR.redact_text("and number 02 6823 0955 after five")[0] == "and number [PHONE] after five"


@pytest.mark.parametrize(("text", "expected"), [
    ("got it one twenty eight albion terrace um leeds um postcode l s five five z n", "got it [ADDRESS]"),
    ("fourteen seventy five corydon avenue um winnipeg um manitoba um postcode r three m four k oh", "[ADDRESS]"),
])
def test_fillers_and_the_postcodes_name_between_an_address_and_its_code_make_one_address(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("my name is declan m. smith, my email", "my name is [NAME], my email"),
    ("I met Rosalind J. Smith yesterday", "I met [NAME] yesterday"),
    ("it's Dana J. Whitfield here", "it's [NAME] here"),
])
def test_a_middle_initial_is_part_of_the_name(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


def test_the_one_of_this_one_is_no_digit_of_the_card_read_after_it():
    text = "try this one five one four seven four nine one six six five double one two four four one"
    assert REDACTOR.redact_text(text)[0] == "try this one [CARD]"


@pytest.mark.parametrize(("turns", "expected"), [
    # a tracking code spelled out, letters and digits, then its digits: the code's, not a phone
    ([("and the app on two point fifteen gave b i d one three shipment one z m w w m m g two four four nine one three "
       "four five five oh", "customer")],
     "and the app on two point fifteen gave b i d one three shipment one z m w w m m g two four four nine one three "
     "four five five oh"),
    # a postcode spelled out before the phone number asked for: the phone's
    ([("i will need the address and also a phone number", "agent"),
      ("one harbour view lane limerick v nine four t nine p x oh eight six oh eight four three one six four",
       "customer")],
     "[ADDRESS] [POSTCODE] [PHONE]"),
])
def test_digits_after_a_code_spelled_out_are_the_codes_unless_a_phone_was_asked_for(turns, expected):
    assert redacted_turns(REDACTOR, turns)[-1] == expected
