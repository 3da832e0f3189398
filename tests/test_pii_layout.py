"""Addresses told by their layout (under "My new address is:", after "Address:", under a name in a
sign-off) in any country's format, postcodes in the answer to a question for one, and a number read
out in pieces with the agent only prompting "Yes?" between them, and an e-mail address said over two
turns."""

from __future__ import annotations

import pytest
from redacted_turns import redacted_turns

from ingest.pii import Redactor

REDACTOR = Redactor()

LAID_OUT = [
    # the lines under a cue line, whatever the street and town formats
    ("We will write to you at:\nCalle Morelos 1712\nCol. Condesa\n06140 Ciudad de México, CDMX\n\nWarm regards",
     "We will write to you at:\n[ADDRESS]\n\nWarm regards"),
    ("New address:\nSödra vägen 55 lgh 1394\n753 83 Uppsala\n\nThanks,", "New address:\n[ADDRESS]\n\nThanks,"),
    ("We've updated your address to:\nLinzer Gasse 125/2/20\n5020 Salzburg\n\nBest wishes",
     "We've updated your address to:\n[ADDRESS]\n\nBest wishes"),
    ("My new address is:\nApartment C6, Greenview Court\nArgwings Kodhek Road\nMilimani\nP.O. Box 40719-40100, Kisumu\n"
     "\nAlso", "My new address is:\n[ADDRESS]\n\nAlso"),
    # quoted in a reply, at its own depth
    ("> Your address is now recorded as:\n> Unit 27C\n> 756 Sampaguita Street\n> Makati City 1213\n> \n> If anything",
     "> Your address is now recorded as:\n> [ADDRESS]\n> \n> If anything"),
    # an address label's value, and the short lines under it
    ("* Address: Calle Morelos 1712, Col. Condesa, 06140 Ciudad de México, CDMX\n* Card",
     "* Address: [ADDRESS]\n* Card"),
    ("Service address: 2960 Pine St\nTacoma, WA 98426\nLast four of SSN: 9008",
     "Service address: [ADDRESS] [POSTCODE]\nLast four of SSN: 9008"),
    # under the writer's name in a sign-off, past a phone line
    ("Many thanks,\nChloe Walker\nTel. 07800 469 802\nFlat 7A\n132 Albert Terrace\nReading\nRG31 8RR",
     "Many thanks,\n[NAME]\nTel. [PHONE]\n[ADDRESS]\n[POSTCODE]"),
    ("Thanks,\nViktor Berg\nDrottninggatan 75 lgh 1102\n418 02 Göteborg", "Thanks,\n[NAME]\n[ADDRESS]"),
    ("New address:\nApartment 26\nThe Cedars\nDrumcondra\nDublin 9\n\nThanks", "New address:\n[ADDRESS]\n\nThanks"),
    # a street line that runs on into a sentence ends where the street line knows it does
    ("My address is:\nFlat 13\n21 Mill Terrace\nSheffield S8 7SP I am writing regarding invoice #831046.",
     "My address is:\n[ADDRESS] [POSTCODE] I am writing regarding invoice #831046."),
]

KEPT = [
    # a company's signature starts with its name, not a number
    "Warm regards,\nKate\nCustomer Care Team\nUmoja Savings Sacco\n",
    # a request for details is a list of questions, with no number in it
    "To proceed, could you please send:\n- your date of birth\n- your full address\n- a contact phone number\n",
    # a label that is not an address's
    "Order number: 4417 2203\nDelivery window: 8am to 1pm",
]

# the line under an address label that is a clause of its own is not more of the address
UNDER_LABEL = ("Address: 4/6 Totara Avenue, Hamilton East, Hamilton 3216\nit's ASB for the refund",
               "Address: [ADDRESS] [POSTCODE]\nit's ASB for the refund")


@pytest.mark.parametrize(("text", "expected"), [*LAID_OUT, UNDER_LABEL])
def test_an_address_laid_out_in_lines_is_redacted_whatever_its_country(text: str, expected: str) -> None:
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize("text", KEPT)
def test_what_is_laid_out_like_an_address_but_is_not_one_stays(text: str) -> None:
    assert REDACTOR.redact_text(text)[0].replace("[NAME]", "Kate") == text


POSTCODE_ANSWERS = [
    ("And what postcode are you at?", "it's 118 33", "it's [POSTCODE]"),
    ("And what postcode are you at? 👍", "it's 31-662.", "it's [POSTCODE]."),
    ("Sure! Can I grab your full name and postcode for security?", "Beatriz Costa and 4700-850",
     "[NAME] and [POSTCODE]"),
    ("Could you confirm your Eircode for me?", "It's W23 FYXC 🙂", "It's [POSTCODE] 🙂"),
    ("Can I get the CAP?", "00126, yeah 🤞", "[POSTCODE], yeah 🤞"),
    ("happy to help could you confirm your codigo postal for me", "should be zero three one zero zero",
     "should be [POSTCODE]"),
    # the last four of a card after the postcode is not the postcode
    ("can you confirm the postcode and the last four digits of the card", "ml12 3th and the card ends so 1981",
     "[POSTCODE] and the card ends so 1981"),
]


@pytest.mark.parametrize(("question", "answer", "expected"), POSTCODE_ANSWERS)
def test_a_postcode_given_as_the_answer_is_redacted_in_any_countrys_shape(question: str, answer: str,
                                                                         expected: str) -> None:
    found = REDACTOR.find_turns([(question, "agent"), (answer, "customer")])[1]
    redacted = answer
    for f in sorted(found, key=lambda f: -f.start):
        redacted = redacted[:f.start] + f.token + redacted[f.end:]
    assert redacted == expected


def test_a_card_read_out_in_pieces_is_redacted_when_the_agent_only_prompts_between_them() -> None:
    turns = [("Could you read me the long number on the card you paid with?", "agent"), ("4301", "customer"),
             ("Okay, carry on.", "agent"), ("okay, 7713", "customer"), ("Yes?", "agent"), ("8721...", "customer"),
             ("Got that, and the rest?", "agent"), ("okey, 5415 😬", "customer")]
    found = REDACTOR.find_turns(turns)
    assert [[f.entity for f in fs] for fs in found[1::2]] == [["card"]] * 4
    # a question of its own ends the number: the next digits are not its part
    turns[4] = ("What is it for?", "agent")
    assert REDACTOR.find_turns(turns)[5] == []


def test_an_email_said_over_two_turns_is_redacted_in_both():
    turns = [("could you confirm the email on file", "agent"), ("it's nwosu dot chinedu", "customer"),
             ("go on", "agent"), ("yeah and then at gmail dot com", "customer")]
    found = REDACTOR.find_turns(turns)
    assert [turns[1][0][f.start:f.end] for f in found[1]] == ["nwosu dot chinedu"]
    assert [turns[3][0][f.start:f.end] for f in found[3]] == ["at gmail dot com"]
    # without a question for an e-mail, or with a question of its own between, nothing is joined
    assert REDACTOR.find_turns([("what email should i use", "agent"), ("the same as before", "customer"),
                                ("ok", "agent"), ("we met at the branch", "customer")])[3] == []
    turns[2] = ("and what's your postcode?", "agent")
    assert REDACTOR.find_turns(turns)[1] == []


def test_an_iban_read_out_after_i_ban_with_its_country_by_the_spelling_alphabet_is_redacted():
    said = "okay got my card here bravo echo two oh eight nine oh four six eight eight seven fourteen fifty six"
    found = REDACTOR.find_turns([("and can you read me the i ban", "agent"), (said, "customer")])[1]
    assert [(f.entity, said[f.start:f.end]) for f in found] == [("bank", said[said.index("bravo"):])]


def _shown(turns: list[tuple[str, str]]) -> list[str]:
    return redacted_turns(REDACTOR, turns)


@pytest.mark.parametrize(("answer", "expected"), [
    # any country's street and town, said as it comes, less the lead-in and the words after it
    ("two quai de la fosse one three oh four five marseille yeah", "[ADDRESS] yeah"),
    ("sure it's vasagatan sixty six lgh one one nine two", "sure it's [ADDRESS]"),
    ("I live at 106 Ffordd Las Bristol BS6 6SJ lovely, thanks Luke 😅",
     "I live at [ADDRESS] [POSTCODE] lovely, thanks Luke 😅"),
    ("so um i live at fourteen magnolia avenue portland o r nine seven two zero five btw im on six point five",
     "so um i live at [ADDRESS] [POSTCODE] btw im on six point five"),
    # not an address: no number in it
    ("the same as before", "the same as before"),
])
def test_the_answer_to_a_question_for_the_address_is_the_address(answer: str, expected: str) -> None:
    assert _shown([("and what's the address please", "agent"), (answer, "customer")])[1] == expected


@pytest.mark.parametrize("question", ["what's the full address please", "which address is this for",
                                      "where would you like it sent", "can you confirm your current address"])
def test_an_address_is_asked_for_in_many_ways(question: str) -> None:
    answer = "we've moved it's vondelstraat one hundred eighteen a three five eight three tango mike utrecht now"
    assert _shown([(question, "agent"), (answer, "customer")])[1] == "we've moved it's [ADDRESS]"


def test_an_email_address_asked_for_is_not_a_street_address() -> None:
    turns = [("Great, what address do you want the e-ticket at?", "agent"), ("the same as last time, 12 days ago",
                                                                           "customer")]
    assert _shown(turns)[1] == "the same as last time, 12 days ago"


def test_a_name_and_an_address_in_one_answer_stay_a_name_and_an_address() -> None:
    turns = [("right can i get the name on the account whats your current address", "agent"),
             ("uh darragh mccarthy one hundred and thirty three college road cork", "customer"),
             ("and an email", "agent"), ("mccarthy d one six two at eircom dot net", "customer")]
    assert _shown(turns)[1::2] == ["uh [NAME] [ADDRESS]", "[NAME] [EMAIL]"]


def test_a_reply_answers_with_its_own_words_not_the_message_it_quotes() -> None:
    question = "Delivery slots are 10:00-15:00 on Wednesday 13 March.\n\nCould you please confirm your full address?"
    reply = ("Hi Tomasz,\n\nMy address is 5-21-13 Umeda, Apt 205, Naka-ku, Yokohama 231-0013.\n\n"
             "On Tuesday 9th, Tomasz wrote:\n> Delivery slots are 10:00-15:00 on Wednesday 13 March.")
    shown = _shown([(question, "agent"), (reply, "customer")])
    assert "Wednesday 13 March" in shown[0]
    assert shown[1].endswith("> Delivery slots are 10:00-15:00 on Wednesday 13 March.") and "[ADDRESS]" in shown[1]


def test_an_address_answer_goes_on_past_the_agents_uh_huh_and_stops_at_a_question():
    turns = [("and what's the address", "agent"), ("goethestraße one zero nine hinterhaus", "customer"),
             ("uh huh", "agent"), ("one oh five oh four berlin", "customer"),
             ("what speed were you going", "agent"), ("okay um maybe eighteen k an hour", "customer")]
    assert _shown(turns)[1::2] == ["[ADDRESS]", "[ADDRESS]", "okay um maybe eighteen k an hour"]


def test_an_id_typed_in_two_pieces_the_first_opening_with_its_letter_is_redacted_in_both():
    turns = [("For the checks I'll need your IC number.", "agent"), ("s571", "customer"),
             ("ok, and the rest?", "agent"), ("9335b", "customer")]
    assert _shown(turns)[1::2] == ["[NATIONAL_ID]", "[NATIONAL_ID]"]


def test_an_address_quoted_in_a_reply_is_redacted_there_too() -> None:
    signed = "Thanks in advance,\nNikau Williams\n77 Cuba Road\nRiccarton\nChristchurch 8011\nnikauw28@xtra.co.nz"
    quoted = "\n".join("> " + line for line in signed.split("\n"))
    shown = _shown([(f"Please cancel the appointment.\n\n{signed}", "customer"), (f"Done.\n\n{quoted}", "agent")])
    assert "Cuba" not in shown[1] and "Riccarton" not in shown[1] and "> Thanks in advance," in shown[1]


def test_an_e_mails_headers_and_quoted_reply_are_not_read_as_the_answer_to_an_id_question():
    turns = [("From: Tom at Harbourside <office@harbourside.co.uk>\nSubject: RE: Query about WS855659\n\nHi Dan,\n\n"
              "Could you send us a government ID number for our checks?\n\nTom", "agent"),
             ("From: Dan Okafor <dan.okafor@example.com>\nSubject: RE: Query about WS855659\n\nHi Tom,\n\n"
              "My passport number is 533219874.\n\nDan\n\nOn 12 May, Tom <office@harbourside.co.uk> wrote:\n"
              "| Could you send us a government ID number for our checks?\n| Ref ORD884626", "customer")]
    reply = redacted_turns(Redactor(), turns)[1]
    assert "WS855659" in reply and "ORD884626" in reply  # the subject's and the quote's references stay
    assert "533219874" not in reply and "dan.okafor@example.com" not in reply


def test_an_ifsc_in_a_text_about_a_bank_account_is_bank_data():
    text = "The Aadhaar number is 7427 6336 0795. Bank details: SBIN0843398."
    assert "SBIN0843398" not in Redactor().redact_text(text)[0]
