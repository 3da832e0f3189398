"""Whole addresses (flat to postcode, Eircodes, ZIP+4, PO boxes), dates and years of birth, and
the Irish PPS number from ingest/pii_ids.yaml: typed, e-mailed and as speech-to-text writes them,
with the look-alikes that must stay."""

from __future__ import annotations

from collections import Counter

import pytest
from redacted_turns import redacted_turns

from ingest.pii import Redactor

REDACTOR = Redactor()

# (written or said, expected after redaction)
ADDRESSES = [
    # the flat, the street line and the town up to the postcode: [ADDRESS] [POSTCODE]
    # a postcode spelled with the spelling alphabet, as callers do
    # after an address cue, every line up to the code: building names, no house number
    ("the new address is:\n\nFlat 16\nLinden Lodge\n211 Rosebery Terrace\nLeeds\nLS6 1JS\n\nThanks",
     "the new address is:\n\n[ADDRESS]\n[POSTCODE]\n\nThanks"),
    ("new address: Apartment 26, The Cedars, Drumcondra, Dublin 9, D09 E8PK", "new address: [ADDRESS], [POSTCODE]"),
    ("the address on the bill is wrong, the postcode should be LS6 1JS",  # a sentence, not an address
     "the address on the bill is wrong, the postcode should be [POSTCODE]"),
    ("Olga Petrova\n98 Riverside Avenue\nDrumcondra\nDublin 9\nD09 F8T6", "[NAME]\n[ADDRESS]\n[POSTCODE]"),
    ("will a new card go to 23/78 Park View\nLeeds\nLS6 8NA?", "will a new card go to [ADDRESS]\n[POSTCODE]?"),
    ("will it go to 7138 W 38th St, Savannah, GA 31428?", "will it go to [ADDRESS] [POSTCODE]?"),
    ("I'm at 1142-1420 Queen Ave, Winnipeg, MB R8T 4S1", "I'm at [ADDRESS] [POSTCODE]"),
    # the country an address ends with
    ("It's for 5 Pearse Street, Dublin 8, D08 YD51, Ireland.", "It's for [ADDRESS], [POSTCODE]."),
    ("it is 12 Mill Lane, Leeds LS6 2AB UK and my mobile is 07700 900516",
     "it is [ADDRESS] [POSTCODE] and my mobile is [PHONE]"),
    # a street's direction after its suffix, the province before its code, typed in lower case too
    ("its 2433 Queen St W, Toronto, ON M4M 9X3 and birthday 13 March 2001",
     "its [ADDRESS] [POSTCODE] and birthday [DOB]"),
    ("the address is 1310-320 danforth ave, toronto on, m4m 7r9", "the address is [ADDRESS], [POSTCODE]"),
    ("2637 dundas st e, toronto, on m4m 2v1, and dob 15-jun-76", "[ADDRESS] [POSTCODE], and dob [DOB]"),
    ("charged on 25/12/24. postcode R0N 7K9", "charged on 25/12/24. postcode [POSTCODE]"),
    ("my Eircode is A94 TCVF", "my Eircode is [POSTCODE]"),
    ("eighty one harehills lane l one seven nine u romeo", "[ADDRESS] [POSTCODE]"),
    ("it's b one five two foxtrot t and that's it", "it's [POSTCODE] and that's it"),
    ("flat 5, 198 Meadow Way, Glasgow G8 7GE", "[ADDRESS] [POSTCODE]"),
    ("Flat 8A, 114 Brunswick Way, Norwich NR6 7FY", "[ADDRESS] [POSTCODE]"),
    ("28 St. Mary's Close, Exeter, Devon EX19 5BW", "[ADDRESS] [POSTCODE]"),
    ("I live at 10 Rose Hill, Bath BA1 2AB", "I live at [ADDRESS] [POSTCODE]"),
    ("my address is 4 Primrose Hill, London NW1 8JL, and my number is 07700 900516",
     "my address is [ADDRESS] [POSTCODE], and my number is [PHONE]"),
    ("Apt 3, 4417 Oak Street", "[ADDRESS]"),
    ("12-14 Mill Lane", "[ADDRESS]"),
    # e-mail: over lines
    ("Hello,\n\nMy new address is 28 St Mary's Close\nExeter EX19 5BW\n\nThanks",
     "Hello,\n\nMy new address is [ADDRESS] [POSTCODE]\n\nThanks"),
    ("Please update my address to:\nFlat 2\n14 Oak Road\nLeeds\nLS1 4AB\n\nThanks",
     "Please update my address to:\n[ADDRESS]\n[POSTCODE]\n\nThanks"),
    ("760 Birch St, Apartment 682\nPhoenix, AZ 85049-2874", "[ADDRESS] [POSTCODE]"),  # ZIP+4
    # Irish addresses: Eircodes, counties
    ("my eircode is V95 3AD2", "my eircode is [POSTCODE]"),
    ("T12 F8X4", "[POSTCODE]"),
    ("It's 12 Main Street, Ennis, Co. Clare V95 3AD2", "It's [ADDRESS] [POSTCODE]"),
    ("I moved to 14 Harbour View, Cork T12 F8X4", "I moved to [ADDRESS] [POSTCODE]"),
    # typed town without a postcode, at the end of the line or sentence
    ("I live at 65 Kings Rd, Leeds.", "I live at [ADDRESS]."),
    ("4417 Oak Street, Springfield, IL", "[ADDRESS]"),
    # PO boxes
    ("PO Box 4821", "[ADDRESS]"),
    ("send it to P.O. Box 4821, Austin, TX 78701", "send it to [ADDRESS] [POSTCODE]"),
    # speech-to-text: house numbers said ("one seventy two"), spelled postcodes and Eircodes
    ("forty nine park court apartment five oh six madison wisconsin five three seven seven two four five seven four",
     "[ADDRESS] [POSTCODE]"),
    ("one hundred and thirty three hawthorn avenue ennis co clare", "[ADDRESS]"),
    ("one seventy two canal gardens york y o sixteen seven x x", "[ADDRESS] [POSTCODE]"),
    ("my eircode is v nine five three a d two", "my eircode is [POSTCODE]"),
    ("twenty two oak avenue ennis co clare v nine five three a d two", "[ADDRESS] [POSTCODE]"),
    ("flat five one nine eight meadow way glasgow g eight seven g e", "[ADDRESS] [POSTCODE]"),
    ("i'm at one two three main street springfield illinois six two seven oh four", "i'm at [ADDRESS] [POSTCODE]"),
    ("send it to p o box four eight two one", "send it to [ADDRESS]"),
    ("uh it's er forty nine rose hill er bath b a one two a b", "uh it's er [ADDRESS] [POSTCODE]"),
]

DATES_OF_BIRTH = [
    ("she was born in twenty oh six she's just passed her test", "she was born in [DOB] she's just passed her test"),
    ("date of birth: Mr. Núñez - 17-10-1988", "date of birth: Mr. [NAME] - [DOB]"),  # words with accents between
    ("date of birth the sixteenth of september nineteen fifty three", "date of birth [DOB]"),
    ("my date of birth is twenty third january nineteen eighty six", "my date of birth is [DOB]"),
    ("my date of birth would be the sixteenth of september nineteen fifty three",
     "my date of birth would be [DOB]"),
    ("my birthday's the 3rd of march", "my birthday's [DOB]"),
    ("yeah my date of birth is sixteen september nineteen fifty three", "yeah my date of birth is [DOB]"),
    ("my date of birth is the twelfth of the eleventh nineteen eighty", "my date of birth is [DOB]"),
    ("my dob is one eleven sixty one", "my dob is [DOB]"),  # day, month, year read out as numbers
    ("DOB 18th of October '57", "DOB [DOB]"),
    ("d.o.b. 1/11/61", "d.o.b. [DOB]"),
    ("date of birth 3/13/1943", "date of birth [DOB]"),  # US order
    ("date of birth 12-Nov-1980", "date of birth [DOB]"),
    ("date of birth 12 03 1987", "date of birth [DOB]"),
    ("Born 1987/03/12", "Born [DOB]"),
    ("I was born on November 12th, 1980 in Leeds", "I was born on [DOB] in Leeds"),
    # a year of birth after "born in" or in "a ... baby"
    ("I was born in 1987 and have been a customer since 2010.",
     "I was born in [DOB] and have been a customer since 2010."),
    ("i was born in seventy eight", "i was born in [DOB]"),
    # the day after the year ("born in 1982 on the 10th of July"); a place after it is no day
    ("the account holder, born in 1967 on the 23rd of June, and", "the account holder, born in [DOB] on [DOB], and"),
    ("born so in nineteen eighty five on yeah the ninth of february", "born so in [DOB] on yeah [DOB]"),
    ("I was born in 1980 on a farm", "I was born in [DOB] on a farm"),
    ("i was born in nineteen seventy eight", "i was born in [DOB]"),
    ("born in '57", "born in [DOB]"),
    ("born in march of seventy eight", "born in [DOB]"),
    ("I'm a 1980 baby, born 12th Nov", "I'm a [DOB] baby, born [DOB]"),
    ("i'm a nineteen eighty baby", "i'm a [DOB] baby"),
]

NATIONAL_IDS = [
    ("national insurance number um bravo j nine five three six eight eight bravo", "national insurance number um "
     "[NATIONAL_ID]"),
    ("my PPS number is 0835920C", "my PPS number is [NATIONAL_ID]"),
    ("PPS: 1513474CA thanks", "PPS: [NATIONAL_ID] thanks"),
    ("personal public service number 1234567 T", "personal public service number [NATIONAL_ID]"),
    ("my p p s number is double two nine seven four ninety nine e a", "my p p s number is [NATIONAL_ID]"),
    ("my pps is one five one three four seven four c a please", "my pps is [NATIONAL_ID] please"),
]

# each must come back as written
KEPT = [
    "I live on the 3rd floor, 2 days a week", "the A1B 2C3 adapter",
    "the reference is three n four eight y sierra", "reg is l b six three p foxtrot g",  # references spelled out
    "it was the grey hatchback, reg DG38TL", "Look for the white van, plate BP36XB.",  # a registration shaped like one
    "the charlie one bravo is fine, and victor says hi",
    "Unlimited 5G Plus", "Fibre 500", "3 weeks", "I went to the Oak Street store", "I waited 3 weeks at Park Lane",
    "I have a Sky Q View box, got 2 Sky Q View boxes actually", "the X50 PACK plan", "I bought a PS5 2TB",
    "It took 3 days on the road.", "It's a 5 minute drive from the shop.", "22 The Green",
    "order 0835920C", "I have 1513474 items", "ticket T12 F8X4",
    "we pay 45 pounds a month on the 3rd", "It's £32.50 at 14:22 on 03/04/2024",
    # dates and years without a birth cue, and births that give none
    "on 03/04/2024 the engineer came", "We moved here in 2019 and it's been fine until 2026.",
    "I was born and raised here and joined in 2010.", "the baby was born 3 weeks early",
    "my birthday was last week and on 3 April 2024 the bill went up", "I was born in Leeds.",
    "born in the 80s", "born in the eighties", "my son was born 12 weeks ago", "the date of birth field shows 2 errors",
    "my date of birth is wrong on the account, it was opened on 3 April 2024",
    "i was born on the account since twenty nineteen",
]


@pytest.mark.parametrize(("text", "expected"), ADDRESSES + DATES_OF_BIRTH + NATIONAL_IDS)
def test_catches_whole_addresses_dates_of_birth_and_pps_numbers(text, expected):
    redacted, counts = REDACTOR.redact_text(text)
    assert redacted == expected
    assert sum(counts.values()) == expected.count("[")


@pytest.mark.parametrize("text", KEPT)
def test_leaves_look_alikes_alone(text):
    assert REDACTOR.redact_text(text) == (text, Counter())


def test_an_address_is_one_address_and_its_postcode_one_postcode():
    text = "Send it to flat 5, 198 Meadow Way, Glasgow G8 7GE please"
    found = [(text[f.start:f.end], f.token) for f in REDACTOR.find(text)]
    assert found == [("flat 5, 198 Meadow Way, Glasgow", "[ADDRESS]"), ("G8 7GE", "[POSTCODE]")]
    assert REDACTOR.redact_text(text)[1] == Counter(address=2)


def test_a_street_line_with_a_clause_before_its_postcode_keeps_the_clause():
    text = "12 Mill Lane and my postcode is BN5 7WT"
    assert REDACTOR.redact_text(text)[0] == "[ADDRESS] and my postcode is [POSTCODE]"


def test_an_ambiguous_suffix_in_lower_case_is_an_address_only_with_a_postcode_after_it():
    assert REDACTOR.redact_text("i walked 5 miles to primrose hill")[0] == "i walked 5 miles to primrose hill"
    assert REDACTOR.redact_text("it's 14 primrose hill bath ba1 2ab")[0] == "it's [ADDRESS] [POSTCODE]"
    assert REDACTOR.redact_text("i live at fourteen primrose hill")[0] == "i live at [ADDRESS]"  # after an address cue


@pytest.mark.parametrize(("text", "expected"), [
    # postcodes of digits (Australia, New Zealand, South Africa: four; India: six) after their cue or a town
    ("My date of birth is 13th January 1951 and my postcode is 3011.", None),
    ("postal code 2194", "postal code [POSTCODE]"),
    ("Name: Ana Te Whata\nPostcode: 7005", None),
    ("169 Brunswick Street, Paddington QLD 4064. Please sort this out", "[ADDRESS] [POSTCODE]. Please sort this out"),
    ("okay 12 gorge road hobart tas seven triple oh", "okay [ADDRESS] [POSTCODE]"),
    # street names abbreviated as the post writes them
    ("87 Larch Cl\nYork\nYO1 7HH", "[ADDRESS]\n[POSTCODE]"),
    ("28 Victoria Tce, Norwich NR2 1AB", "[ADDRESS] [POSTCODE]"),
    # a postcode spelled with a word for each letter, as callers do
    ("the postcode is c f fourteen one g for george s for sugar", "the postcode is [POSTCODE]"),
    ("one eighty two mill close exeter e x for x ray two seven four l for lima s", "[ADDRESS] [POSTCODE]"),
    # spelled after the street line, whatever cue came before the line ("job" is a reference's)
    ("the job's at twelve birch close oxford o x four one u g", "the job's at [ADDRESS] [POSTCODE]"),
])
def test_postcodes_of_other_countries_and_spellings(text, expected):
    redacted = REDACTOR.redact_text(text)[0]
    assert "[POSTCODE]" in redacted and (expected is None or redacted == expected)


@pytest.mark.parametrize(("text", "expected"), [
    # a state spelled out letter by letter ("s a", "a c t") before the code, which is not the article "a"
    ("send it to two hundred smith street glenelg s a five oh four five", "send it to [ADDRESS]"),
    ("send it to forty one banksia crescent braddon a c t two six one two", "send it to [ADDRESS]"),
    ("forty one banksia crescent braddon a few days ago two six one two",
     "[ADDRESS] braddon a few days ago two six one two"),
])
def test_a_code_said_after_a_state_spelled_out_ends_the_address(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a suffix that may be something else in lower case ("st", "ave", "grove") is a street with a town and a code after
    ("i've got fifty five ninety seven oak st austin tx seven eight seven eight nine is that correct",
     "i've got [ADDRESS] [POSTCODE] is that correct"),
    ("it's eighty four bay rd, toowong four oh double six now", "it's [ADDRESS] [POSTCODE] now"),
    ("84 bay rd toowong 4066", "[ADDRESS] [POSTCODE]"),
    # not with no town between, nor a box's number
    ("order 55 park view 1234", "order 55 park view 1234"),
    ("we paid 55 at park view 2019", "we paid 55 at park view 2019"),
])
def test_a_street_of_an_ambiguous_suffix_is_an_address_with_a_town_and_a_code_after_it(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("1366 Old Mill Road", "[ADDRESS]"),  # "Old" written as a name's first word
    ("my address is four twelve west seventy first street", "my address is [ADDRESS]"),  # an ordinal said
    ("8085 West 71st Street #5C", "[ADDRESS]"),  # the flat's letter with its number
    ("2952 Summit Avenue number 16, Austin TX 78740", "[ADDRESS] [POSTCODE]"),  # the flat's number
    ("yeah it's twenty nine fifty two summit avenue number one six austin texas seven eight seven four oh",
     "yeah it's [ADDRESS] [POSTCODE]"),
    # general words all the same: no address
    ("there are 5 old court cases", "there are 5 old court cases"),
    ("@LondonMidland what's up with the 1405 New St to Lich City?",
     "@LondonMidland what's up with the 1405 New St to Lich City?"),
])
def test_old_and_new_in_a_streets_name_an_ordinal_said_and_a_flats_letter(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize("text", [
    "12 Mill Lane, moved in 2019",  # a year after a street line is not its postcode
    "it is 5 for free and 3 for you",  # "for" between a letter and a word that does not start with it
    "we'll be there for 4064 days",
])
def test_numbers_near_addresses_that_are_not_postcodes_stay(text):
    assert "[POSTCODE]" not in REDACTOR.redact_text(text)[0]


@pytest.mark.parametrize(("question", "answer", "code"), [
    ("To get started can you confirm the name, DOB and ZIP code on the account?",
     "Kelechi Eze, November 29, 1965, 83747", "83747"),
    ("Can I please take your full name, date of birth and postcode?", "yulia kravchuk, 26 jun 1992, g382yu", "g382yu"),
    ("and your date of birth and postal code please", "25 Oct 1978 and G1R 4B7", "G1R 4B7"),
    ("can i take your name date of birth and zip code please",
     "yeah its javier gonzalez oh eight three one one nine five three and eight five zero five seven",
     "eight five zero five seven"),
    # the answer names what it gives: "the code"
    ("what's the postcode there", "the code is five three seven eight two", "five three seven eight two"),
])
def test_the_answer_to_a_postcode_question_ends_with_its_postcode(question, answer, code):
    found = REDACTOR.find_turns([(question, "agent"), (answer, "customer")])[1]
    assert any(answer[f.start:f.end] == code and f.token == "[POSTCODE]" for f in found), found


@pytest.mark.parametrize(("text", "expected"), [
    # "oh" between number words is a zero: the number is read as one
    ("and the postcode was seven oh four oh oh", "and the postcode was [POSTCODE]"),
    # the code named after the street line is its postcode
    ("51 Church Street, and the code is 4001", "[ADDRESS], and the code is [POSTCODE]"),
    # "oh" that is no number, and a door's code with no address before it: kept
    ("oh one more thing, the code is 4001", "oh one more thing, the code is 4001"),
])
def test_a_postcode_said_with_ohs_or_named_the_code_after_its_street_line(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the postcode is l as in london s six two h as in harry n as in november", "the postcode is [POSTCODE]"),
    ("it's twenty two oak road leeds l like london s six two h for harry n as in november the buzzer doesn't work",
     "it's [ADDRESS] [POSTCODE] the buzzer doesn't work"),
    ("a as in apple", "a as in apple"),
    ("so postcode is p o six seven q t like that's it", "so postcode is [POSTCODE] like that's it"),
])
def test_a_postcodes_letters_named_by_a_word_as_in_or_like_it(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a Kenyan box with its postal code is the box, not a phone number, and the town after it goes with it
    ("P.O. Box 41457-80100, Mombasa", "[ADDRESS]"),
    ("p o box eight five six five four double oh one double oh nairobi", "[ADDRESS]"),
    ("Apt 7A, Lenana Road, Kilimani, Nairobi, P.O. Box 21651-00100", "[ADDRESS], [ADDRESS]"),
    # a street line before the box: the box's number is not its postcode
    ("house thirty two riverside drive kilimani p o box six eight two four double oh one double oh nairobi",
     "[ADDRESS]"),
    ("call the box office on 0161 496 0000", "call the box office on [PHONE]"),
])
def test_a_po_box_with_its_postal_code_is_an_address(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


def test_the_digits_on_the_line_after_a_po_box_with_its_postal_code_are_not_its_postcode():
    text = "address is House 200, Argwings Kodhek Road, Nyali, Mombasa, P.O. Box 1692-80100\n3715 9557"
    found = REDACTOR.find_turns([("Can u confirm the address? and the long number on the card?", "agent"),
                                 (text, "customer")])[1]
    assert not any("3715" in text[f.start:f.end] for f in found if f.entity == "address")


def test_a_postcode_answer_keeps_a_cards_last_digits_and_the_street_line_of_an_address_answer_is_whole():
    found = REDACTOR.find_turns([("and the postcode?", "agent"), ("BN5 7WT, card ending 9240", "customer")])[1]
    assert [f.token for f in found] == ["[POSTCODE]"]
    answer = "2298 juniper st apt 2c worcester, ma 01627"  # lower case, abbreviated: an address because it was asked
    found = REDACTOR.find_turns([("can I take the first line of your address?", "agent"), (answer, "customer")])[1]
    assert [answer[f.start:f.end] for f in found] == ["2298 juniper st apt 2c worcester, ma", "01627"]


@pytest.mark.parametrize(("question", "answer", "dob"), [
    ("whats your date of birth", "its nineteen seventy seven", "nineteen seventy seven"),  # a year alone
    ("What's your date of birth please?", "1946", "1946"),
    ("whats their full name and date of birth", "cody smith and its january one nineteen eighty five",
     "january one nineteen eighty five"),  # the view reads "one nineteen eighty five" as one number
    ("could you confirm your date of birth for me", "yeah uh july twenty seven nineteen seventy two",
     "july twenty seven nineteen seventy two"),
    ("full name and date of birth", "mary jones the eighteenth of november oh six",
     "the eighteenth of november oh six"),
    ("can i take the postcode and dob on the account", "um it's m one four q p and two six zero three forty nine",
     "two six zero three forty nine"),  # digits read out as a date
    ("for security i'll need your date of birth", "it's oh nine three oh one nine seven seven",
     "oh nine three oh one nine seven seven"),
    ("and your date of birth", "ninety two", "ninety two"),  # the year alone, as a short answer says it
    ("just need your birth year", "year's nineteen fifty three", "nineteen fifty three"),
    ("what's the date of birth on the membership", "okay april twelve two thousand three",
     "april twelve two thousand three"),  # the month said before the digits read out
])
def test_the_answer_to_a_date_of_birth_question_as_people_say_it(question, answer, dob):
    found = REDACTOR.find_turns([(question, "agent"), (answer, "customer")])[1]
    assert [answer[f.start:f.end] for f in found if f.entity == "dob"] == [dob]


def test_a_year_after_a_date_of_birth_cue_is_one_and_a_year_of_something_else_is_not():
    assert REDACTOR.redact_text("Name: Karim\nDOB: 1979\n")[0] == "Name: [NAME]\nDOB: [DOB]\n"
    assert REDACTOR.redact_text("My date of birth is 1957 and I joined in 2019")[0] == (
        "My date of birth is [DOB] and I joined in 2019")
    found = REDACTOR.find_turns([("whats your date of birth", "agent"),
                                 ("i moved here in 2019 and i was born on the 3rd of may", "customer")])[1]
    assert [f.entity for f in found] == ["dob"] and found[0].start > 30  # the date, not the year of the move


@pytest.mark.parametrize(("text", "expected"), [
    ("details: Rahul / 4 Elm Rd / 18/8/67", "details: Rahul / [ADDRESS] / [DOB]"),  # listed with who they are
    ("So that's 30-Nov-1989?", "So that's [DOB]?"),  # an agent reading it back
    ("so that's ninth august forty four", "so that's [DOB]"),
    ("the twenty seventh of the ninth nineteen seventy five", "[DOB]"),
    # a recent date, a month and year, a version, a time, a phone's digits, a reference: stay
    ("your appointment is on 12/04/2026", "your appointment is on 12/04/2026"),
    ("a customer since March 1998", "a customer since March 1998"),
    ("I'm running build 3.3.61", "I'm running build 3.3.61"),
    ("Sent: Fri 27 January 10:23", "Sent: Fri 27 January 10:23"),
    ("ticket 12-34-56 please", "ticket 12-34-56 please"),
    # an old date after a word that says something happened on it: that day, not a birth
    ("the previous owner said the flue was lined in 14.02.1947.", "the previous owner said the flue was lined in "
     "14.02.1947."),
    ("my membership started 07-02-1941, does that count", "my membership started 07-02-1941, does that count"),
    ("it's my grandparents' wedding from seven february nineteen forty nine",
     "it's my grandparents' wedding from seven february nineteen forty nine"),
    ("Perfect, that one is ours - made 11 March 1999.", "Perfect, that one is ours - made 11 March 1999."),
    ("I've verified you on 12.06.1991, all done", "I've verified you on [DOB], all done"),  # whom, then on what
])
def test_a_whole_date_sixteen_years_back_or_more_is_a_birth_date_without_a_cue(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


def test_a_request_to_repeat_and_a_question_for_the_year_ask_for_the_date_of_birth_again():
    turns = [("What's your date of birth?", "agent"), ("12/03/2019", "customer"),
             ("Sorry, can you confirm that once more?", "agent"), ("the twelfth of march twenty nineteen", "customer")]
    assert [f.entity for f in REDACTOR.find_turns(turns)[3]] == ["dob"]
    turns = [("can you confirm the date of birth we have on file", "agent"), ("the first of june", "customer"),
             ("what year was that", "agent"), ("oh uh sorry er eighty three", "customer")]
    found = REDACTOR.find_turns(turns)[3]
    assert [turns[3][0][f.start:f.end] for f in found] == ["eighty three"]
    # "what year?" with no date of birth asked before asks for something else
    assert REDACTOR.find_turns([("what year is the car?", "agent"), ("2015 i think", "customer")])[1] == []
    # nor does a request to repeat make an answer that was to nothing PII
    turns = [("what's the order number?", "agent"), ("40817734", "customer"),
             ("sorry, say that again?", "agent"), ("40817734", "customer")]
    assert REDACTOR.find_turns(turns)[3] == []


@pytest.mark.parametrize(("question", "answer", "address"), [
    ("Where are we sending it?", "52 banksia ave, bondi nsw 2026 please", "52 banksia ave, bondi nsw"),
    ("And the house number and street?", "52 the paddocks", "52 the paddocks"),  # no suffix
    ("What's the address for the visit?", "4667 boulevard saint-laurent... postal code H2X 1Y4",
     "4667 boulevard saint-laurent"),
    ("whats the address", "eighteen pairc an ri and it was late", "eighteen pairc an ri"),
])
def test_the_answer_to_a_question_for_the_address_keeps_its_street(question, answer, address):
    found = REDACTOR.find_turns([(question, "agent"), (answer, "customer")])[1]
    assert address in [answer[f.start:f.end] for f in found]


def test_an_answer_for_the_address_keeps_a_count_and_a_year():
    for answer in ("I waited 3 days for it", "moved in 2019, born somewhere else"):
        assert REDACTOR.find_turns([("whats your address", "agent"), (answer, "customer")])[1] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("We live at 139 Heol y Nant, Carmarthen, SA31 1AB.", "We live at [ADDRESS], [POSTCODE]."),  # "y": a connector
    ("We live at Flat 307, Brigade Meadows, Link Road, Koregaon Park, Pune 411075.",
     "We live at [ADDRESS] [POSTCODE]."),  # an Indian PIN ends the numbered address in parts
    ("I want to move to Business Pro 1000.", "I want to move to Business Pro 1000."),  # a plan, not numbered
])
def test_an_address_after_its_cue_in_other_languages_and_countries(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


def test_a_question_for_a_licence_and_the_address_reads_the_answer_as_the_whole_address():
    question = "what's the driving licence number of the main driver and what's the address on your i d"
    answer = "one hundred and ninety three park way newcastle n e one four s t"
    found = REDACTOR.find_turns([(question, "agent"), (answer, "customer")])[1]
    assert [answer[f.start:f.end] for f in found] == ["one hundred and ninety three park way newcastle",
                                                      "n e one four s t"]


@pytest.mark.parametrize(("text", "expected"), [
    ("It's Flat 509, Shanti Nivas, 14th Cross.", "It's [ADDRESS]."),  # a flat leads, no house number, no code
    ("Blk 256 Ang Mo Kio Avenue 3, #25-061", "[ADDRESS]"),  # a Singapore block and its floor-unit
    ("We're at Blk 230 Jurong West Street 42, #25-361, Singapore 528012.", "We're at [ADDRESS] [POSTCODE]."),
    ("From Flat 741, Prestige Towers, Anna Salai, Bengaluru 560038 to Flat 158, Shanti Nivas, Chennai 600017.",
     "From [ADDRESS] [POSTCODE] to [ADDRESS] [POSTCODE]."),
    # a flat inside a street line leads nothing: the street line stays whole, and its town and state go with it
    ("is the address still 7 Station Gardens Apt 37, Portland, OR 01898?",
     "is the address still [ADDRESS] [POSTCODE]?"),
])
def test_an_address_that_a_flat_or_block_leads_is_redacted_whole(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Please send it to 144 Adeola Odeku Road, GRA, Port Harcourt.", "Please send it to [ADDRESS]."),
    ("House 34, Ngong Road, Kilimani, Nairobi 🏠", "[ADDRESS] 🏠"),  # "house" leads it like a flat
    ("deliver to 25 awolowo way, victoria island, lagos", "deliver to [ADDRESS]"),  # no general English words
    ("Blk 755 Toa Payoh Street 7", "[ADDRESS]"),  # the street's own number
    ("I live at 12 Mill Lane, thanks", "I live at [ADDRESS], thanks"),
    ("we met at 5 Main Street, I think", "we met at [ADDRESS], I think"),
    ("12 Mill Lane, if that helps", "[ADDRESS], if that helps"),
    ("its Blk 351 Tampines Ave 4, #06-259, Singapore 496604 and 016-572176-9",
     "its [ADDRESS] [POSTCODE] and 016-572176-9"),  # a flat after its block, the place and its code
])
def test_the_places_typed_after_a_street_line_are_part_of_the_address(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # blocks, lots, towers and flats before the street line go with it, each with its number or letter
    ("its block seventeen lot eight shaw boulevard zip code one six zero three", "its [ADDRESS]"),
    ("flat fifteen b one thirty nine mill lane and the postcodes n p two four six p l",
     "[ADDRESS] and the postcodes [POSTCODE]"),
    ("its um unit one zero c tower three one hundred and thirty one shaw boulevard barangay kapitolyo",
     "its um [ADDRESS]"),
    ("it's Unit 34E, Tower 3, 131 Maginhawa St, yes?", "it's [ADDRESS], yes?"),
    # "Apartments" is a building's name, not a designator waiting for its number
    ("to Flat 389, Green Park Apartments, 6951 Linking Road, Kochi, Kerala 682981 soon",
     "to [ADDRESS], [ADDRESS] [POSTCODE] soon"),
])
def test_the_block_lot_or_tower_before_a_street_line_is_part_of_the_address(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("it's Hafenstraße 136, 20526 Hamburg", "it's [ADDRESS]"),
    ("I live at Kastanienallee 78a 10440 Berlin.", "I live at [ADDRESS]."),
    ("Calle Larios 168, 5º B, 29074 Málaga please", "[ADDRESS] please"),
    ("Postcode: Appt 6A, 99 quai de la Fosse, 44003 Nantes", "Postcode: [ADDRESS]"),
    ("leave it at 4 allée des Tilleuls, 33009 Bordeaux", "leave it at [ADDRESS]"),
    ("Grote Markt 99, 9717 PS Groningen", "[ADDRESS]"),
    ("I live at 4344 Dundas Street, Calgary, Alberta T7Z 7S8.", "I live at [ADDRESS] [POSTCODE]."),
    # no street word of those languages, or a year where the code would be: kept
    ("Order 5512, 10440 Items shipped", "Order 5512, 10440 Items shipped"),
    ("I bought the Model 3, 2024 Edition", "I bought the Model 3, 2024 Edition"),
    ("ticket 4412 55012 Open", "ticket 4412 55012 Open"),
])
def test_streets_written_as_much_of_europe_and_canada_write_them(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the street's word ends it, then its number; a code and a town after it when they follow
    ("the property is hauptplatz one hundred and forty two one", "the property is [ADDRESS]"),
    ("the keys are with katharina at bahnhofstraße 3, 80180 münchen", "the keys are with katharina at [ADDRESS]"),
    ("the blinds are for my mum's flat, søndergade 15, 9000 aalborg.", "the blinds are for my mum's flat, [ADDRESS]."),
    ("lovely i've put vondelstraat three five eight three thanks", "lovely i've put [ADDRESS] thanks"),
    ("Collection is from Czaar Peterstraat 118, 1018 PR Amsterdam, weekdays", "Collection is from [ADDRESS], weekdays"),
    ("From next month on the whole team works at Van Baerle Czaar Peterstraat 118 for good",  # all the name's words
     "From next month on the whole team works at [ADDRESS] for good"),
    # the street's word first, then its name and number; or the number first
    ("It's ul. Słowackiego 54/36", "It's [ADDRESS]"),
    ("we're at Avenida Paulista, 8", "we're at [ADDRESS]"),
    ("it's via roma 6", "it's [ADDRESS]"),
    ("first line is thirty rue victor hugo", "first line is [ADDRESS]"),
    # English beside them: kept
    ("I paid via PayPal 3 times", "I paid via PayPal 3 times"),
    ("Entry is via Gate 7.", "Entry is via Gate 7."),
    ("Delivery Sep 21 via Technogym, tracking to follow", "Delivery Sep 21 via Technogym, tracking to follow"),
    ("the brigade 7 came round", "the brigade 7 came round"),
])
def test_a_street_line_of_those_languages_is_an_address_without_its_postcode(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


def test_a_companys_signature_keeps_its_address_when_the_writers_name_has_an_apostrophe():
    text = ("Good afternoon Noor,\n\nI can take the deposit by card.\n\nBest wishes,\nJoost van 't Hek\n"
            "Guest Experience\nPadlock & Key\nPrinsengracht 197, 3539 WG Utrecht\nCall us: +31 71 1108450")
    found = REDACTOR.find_turns([(text, "agent")])[0]
    assert [text[f.start:f.end] for f in found] == ["Noor"]


@pytest.mark.parametrize("text", ["Flat 2, the one upstairs, has a leak", "Unit 5, Bay 3, Level 2 parking is full"])
def test_a_flat_or_unit_in_a_sentence_is_no_address(text):
    assert REDACTOR.redact_text(text)[0] == text


@pytest.mark.parametrize(("text", "expected"), [
    ("the year i so was born was sixty three", "the year i so was born was [DOB]"),
    ("the year she was born is 1958", "the year she was born is [DOB]"),
    ("the year i was born was a good one", "the year i was born was a good one"),
])
def test_the_year_someone_was_born_is_a_date_of_birth(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("delivery to house two oh three ngong drive kilimani nairobi please", "delivery to [ADDRESS] please"),
    ("its sixty five railway avenue norwood", "its [ADDRESS]"),
    ("i live at twelve mill lane kitchen tap is leaking", "i live at [ADDRESS] kitchen tap is leaking"),
    ("its twelve mill lane and the boiler is broken", "its [ADDRESS] and the boiler is broken"),
])
def test_the_places_said_after_a_street_line_go_with_it(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


def test_a_postcode_that_ends_an_emailed_answers_first_paragraph_is_the_postcode():
    asked = "Dear customer,\n\nThank you for your email.\n\nPlease confirm your postcode.\n\nRegards,\nSinead"
    found = REDACTOR.find_turns([(asked, "agent"), ("Hi,\n\nIt is 500272.\n\nThanks", "customer")])[1]
    assert [(f.token, f.start, f.end) for f in found] == [("[POSTCODE]", 11, 17)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Sure, it's Via dei Mille 100, int. 3, 40174 Bologna (BO).", "Sure, it's [ADDRESS]."),  # the flat, the province
    ("We've updated your address to:\nVia Mazzini 125\n20190 Milano MI\n\nThanks",
     "We've updated your address to:\n[ADDRESS]\n\nThanks"),  # the code on the next line
    ("Your address is now recorded as Calle Sierpes, 213, 8º dcha., 18794 Granada.",
     "Your address is now recorded as [ADDRESS]."),
])
def test_a_flat_a_province_and_a_line_break_in_streets_written_name_first(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # said: the street from its street word, its number, the code (or both as one run), the town
    ("zeestraat one twenty nine a three zero four one r b rotterdam", "[ADDRESS]"),
    ("its corso buenos aires one seventy five nine zero one zero zero palermo p a", "its [ADDRESS]"),
    ("stationsweg thirty three two oh five eight r h haarlem", "[ADDRESS]"),
    # the house number with no code after it is the street line all the same
    ("paseo de la reforma one two one three", "[ADDRESS]"),
    # no street word: kept
    ("i live on the ring road twelve thousand miles away", "i live on the ring road twelve thousand miles away"),
    ("i was on via twelve for ages", "i was on via twelve for ages"),
])
def test_streets_said_name_first_with_their_code_and_town(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a quoted e-mail's address: the "> " at each line's start does not end it
    ("Your address on file:\n> 5002 Pine Ridge Rd\n> Madison, WI 53756\n> thanks",
     "Your address on file:\n> [ADDRESS] [POSTCODE]\n> thanks"),
    ("> 236 Smith Street\n> Carlton VIC 3053", "> [ADDRESS] [POSTCODE]"),  # an Australian state and its code
    ("Singapore 461309", "Singapore [POSTCODE]"),
    ("we moved 2000 units in WA 2024 sales", "we moved 2000 units in WA 2024 sales"),  # not a WA code: a year
])
def test_quoted_addresses_australian_state_codes_and_singapore_codes(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("turns", "read_back", "code"), [
    ([("What's the code postal there?", "agent"), ("the code postal there is 44100", "customer"),
      ("And the code postal is 44100, yes?", "agent")], 2, "44100"),
    ([("and the postcode", "agent"), ("it's two eight zero one three the postcode", "customer"),
      ("okay two eight oh one three and is that also the billing address", "agent")], 2, "two eight oh one three"),
    ([("And the CEP?", "agent"), ("Postcode is 22686-627.", "customer"), ("Thanks.", "agent")], 1, "22686-627"),
    ([("could I take the postcode", "agent"), ("The postcode there is 5045.", "customer"),
      ("Let me read that back: 5045.", "agent")], 2, "5045"),
])
def test_a_postcode_is_redacted_in_its_foreign_names_and_where_it_is_read_back_alone(turns, read_back, code):
    """A code of four to six digits carries no cue when the agent reads it back ("Let me read that
    back: 5045."): the customer's code found in one turn is theirs in every turn."""
    found = REDACTOR.find_turns(turns)
    text = turns[read_back][0]
    assert any(text[f.start:f.end] == code and f.entity == "address" for f in found[read_back]), found[read_back]


def test_a_number_that_only_shares_its_digits_with_the_customers_postcode_stays():
    turns = [("the app shows code 4001 when i open my tickets", "customer"), ("which address is that?", "agent"),
             ("10 Bay Road, Morningside, Durban, 4001.", "customer"),
             ("Thanks,\nDawn\nGigstream\n10 Oxford Road, Morningside, Durban, 4001", "agent"),
             ("the postcode is 2026", "customer"), ("fine, we'll ship it in 2026", "agent")]
    found = REDACTOR.find_turns(turns)
    assert any(f.entity == "address" for f in found[2])
    assert found[0] == [] and found[5] == []
    assert not any(turns[3][0][f.start:f.end] == "4001" for f in found[3])


@pytest.mark.parametrize(("text", "address"), [
    ("Send the paperwork to Prinsengracht 333-2, 3590 BH Utrecht please.", "Prinsengracht 333-2, 3590 BH Utrecht"),
    ("My new address is Götgatan 48, lgh 1004, 757 40 Uppsala.", "Götgatan 48, lgh 1004, 757 40 Uppsala"),
    ("Deliver it to Av. Chapultepec 157, Int. 4, Col. García Ginerés, 97757 Mérida, Yuc.",
     "Av. Chapultepec 157, Int. 4, Col. García Ginerés, 97757 Mérida, Yuc."),
    ("Send the paperwork to Frederiksborggade 52, 2. mf., 2100 København Ø please.",
     "Frederiksborggade 52, 2. mf., 2100 København Ø"),
    ("Deliver it to H.No. 4-2-17, Nehru Street, Koramangala, Bengaluru 560032", "H.No. 4-2-17, Nehru Street, "
     "Koramangala, Bengaluru 560032"),
])
def test_after_an_address_cue_a_clause_with_a_house_number_and_a_code_is_an_address_in_any_order(text, address):
    """Street and town words in many languages need no list: after "send it to" or "my new address
    is", a clause with a house number and a code among its comma-separated parts is the address."""
    redacted = REDACTOR.redact_text(text)[0]
    assert address not in redacted and not any(part in redacted for part in address.split(", ")), redacted


@pytest.mark.parametrize("text", [
    "Send it to me by 5 May, 2025 latest.", "My address is on the account, order 4471, since 2019.",
    "Please send the refund to card ending 4421, amount 12500.",
    "Send the receipts to accounts, invoices 20451 and 20452 are missing.",
])
def test_a_clause_after_a_sending_word_with_numbers_but_no_address_stays(text):
    assert REDACTOR.redact_text(text)[0] == text


@pytest.mark.parametrize(("text", "date"), [
    ("birthday 1. Februar 1959", "1. Februar 1959"), ("dob: 8 de dezembro de 1987", "8 de dezembro de 1987"),
    ("birthday 28 aprile 2003", "28 aprile 2003"), ("Great, that's 17. june 1972.", "17. june 1972"),
])
def test_a_birth_date_written_as_at_home_is_a_date_of_birth(text, date):
    redacted = REDACTOR.redact_text(text)[0]
    assert date not in redacted and "[DOB]" in redacted, redacted


@pytest.mark.parametrize("text", ["the delivery is on 4 mai 2026", "Marco said mayo 12 is fine",
                                  "Since Wednesday, October 20. 1938 lol"])
def test_a_recent_date_abroad_a_name_and_a_sentences_end_are_no_birth_date(text):
    assert "[DOB]" not in REDACTOR.redact_text(text)[0]


@pytest.mark.parametrize(("question", "answer"), [
    ("Town and postcode?", "Ikeja, Lagos 100271"), ("and the town and postcode", "nine zero oh eight tromso"),
    ("Town and postcode?", "50-077 Wrocław"),
])
def test_the_answer_to_town_and_postcode_is_the_address_whole(question, answer):
    found = REDACTOR.find_turns([("Calle Durango 1192", "customer"), (question, "agent"), (answer, "customer")])[2]
    assert [answer[f.start:f.end] for f in found] == [answer]


def test_a_street_line_and_its_postcode_with_the_town_between_are_one_address():
    from redacted_turns import redacted_turns

    turns = [("What's the address for the visit?", "agent"),
             ("the visit is at 16 Ard na Gréine, Rathmines, Co. Dublin, D06 FX7N", "customer"),
             ("I live at 12 Mill Lane. Please send it to BN5 7WT", "customer")]
    _, joined, apart = redacted_turns(Redactor(), turns)
    assert joined == "the visit is at [ADDRESS]"
    assert apart == "I live at [ADDRESS]. Please send it to [POSTCODE]"  # a sentence between: not one address


@pytest.mark.parametrize(("text", "expected"), [
    ("Your invoice APT65567 for £576.99 is paid", "Your invoice APT65567 for £576.99 is paid"),
    ("A repair takes 20 minutes, reference APT89885.", "A repair takes 20 minutes, reference APT89885."),
    ("it's apt5 on the second floor", "it's [ADDRESS] on the second floor"),
    ("Apartment #1204 please", "[ADDRESS] please"),
])
def test_an_apartment_number_is_an_address_and_a_reference_that_starts_with_apt_is_not(text, expected):
    assert Redactor().redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("My PESEL is on file; ul. Świętojańska 83/2, 30-797 Kraków\n\nThanks", "ul. Świętojańska 83/2, 30-797 Kraków"),
    ("966 and Rua de Santa Catarina 41, 7º D, 4300-115 Porto, and nothing else",
     "Rua de Santa Catarina 41, 7º D, 4300-115 Porto"),
    ("Send it to Carrer de Verdi, 50, bajo B, 41043 Sevilla please", "Carrer de Verdi, 50, bajo B, 41043 Sevilla"),
    ("Vasagatan 68A, lgh 1394, 906 73 Umeå is mine", "Vasagatan 68A, lgh 1394, 906 73 Umeå"),
    ("That's for 206 Pūriri Street, Hamilton.", "206 Pūriri Street"),  # a street's name in any alphabet's letters
])
def test_streets_written_name_first_with_their_countries_postcodes_and_two_flat_parts(text, expected):
    covered = "".join(c for f in REDACTOR.find(text, "customer") if f.entity == "address"
                      for c in text[f.start:f.end] if c.isalnum())
    assert "".join(c for c in expected if c.isalnum()) in covered


def test_a_block_address_after_its_field_is_an_address_not_an_old_date():
    text = "- Address: 3-19-27 Jingumae, Shibuya-ku, Tokyo 150-5612"
    found = REDACTOR.find(text, "agent")
    assert [f.entity for f in found] == ["address"] and text[found[0].start:found[0].end].startswith("3-19-27")
    assert REDACTOR.redact_text("details: Rahul / 4 Elm Rd / 18/8/67")[0].endswith("[DOB]")  # a date with no field


@pytest.mark.parametrize(("text", "expected"), [
    ("the house on 11/174 bay rd has had an offer of £32,000", "the house on [ADDRESS] has had an offer of £32,000"),
    ("if im out can you leave it with my neighbour at 63 ashgrove park", "if im out can you leave it with my "
                                                                        "neighbour at [ADDRESS]"),
    ("Our driver will collect from 152 Tannery Yard between 9 and 10.",
     "Our driver will collect from [ADDRESS] between 9 and 10."),  # the business goes to the customer's door
    ("i mean we'll send it back to thirty six maple ridge dr, is that still right",
     "i mean we'll send it back to [ADDRESS], is that still right"),
])
def test_a_street_line_after_a_dwelling_a_neighbour_or_a_collection_is_an_address(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


def test_where_the_customer_collects_from_is_the_business_s_and_where_its_driver_collects_from_is_not():
    turns = [("You can collect it from 22 Mill Lane, Leeds LS6 2AB after 10am.", "agent"),
             ("Our driver will collect from 45 Elm Road, Leeds LS17 8QP between 9 and 10.", "agent")]
    shown = redacted_turns(REDACTOR, turns)
    assert shown[0] == turns[0][0] and "45 Elm Road" not in shown[1]


@pytest.mark.parametrize(("text", "expected"), [
    # the street ends at its own suffix, not at the "St" of the town after it
    ("I live at 113 Banksia Place in St Kilda VIC", "I live at [ADDRESS] in St Kilda VIC"),
    ("the keys are at 4 Elm Road in St Albans", "the keys are at [ADDRESS] in St Albans"),
])
def test_a_street_before_a_town_named_saint_ends_at_its_own_suffix(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


def test_a_street_said_in_words_and_a_zip_are_redacted_where_the_agent_reads_them_back():
    turns = [("can i take the first line of your address please", "agent"),
             ("sixty seven church grove", "customer"),
             ("great sixty seven church grove i have that", "agent"),
             ("To find the account, could you give me your full name, date of birth and ZIP code?", "agent"),
             ("Name: Brandon Martin, born 1986-07-31, Zip code: 43253", "customer"),
             ("Lovely, Brandon Martin, 43253. Perfect, thank you for that.", "agent")]
    shown = redacted_turns(REDACTOR, turns)
    assert "church grove" not in shown[2] and "43253" not in shown[5]
