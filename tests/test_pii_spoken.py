"""PII as speech-to-text writes it: lower case, no punctuation, numbers as words ("oh" for
zero, "double five", "eighty six"), fillers ("uh", "you know"); and the digit view that reads
the numbers (ingest/pii/spoken.py)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from redacted_turns import redacted_turns

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
    ("i was born on the third of april nineteen eighty seven", "i was born on [DOB]"),
    ("my uh birthday is the twenty seventh of march two thousand and one if that helps",
     "my uh birthday is [DOB] if that helps"),
    ("d o b oh three oh four nineteen eighty seven", "d o b [DOB]"),
    # addresses
    ("it's twelve mill lane", "it's [ADDRESS]"),
    ("i live at forty four seventeen oak street apartment twelve", "i live at [ADDRESS]"),
    ("my postcode is s w one a one a a", "my postcode is [POSTCODE]"),
    ("it's l s one four a b", "it's [POSTCODE]"),
    ("my zip code is nine four one oh five", "my zip code is [POSTCODE]"),
    ("forty two wallaby way springfield il nine four one oh five", "[ADDRESS] [POSTCODE]"),  # the town too
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


# self-corrections and hesitations inside a number read out: the whole run, first number word to last
CORRECTED = [
    ("my card number is two sorry three four two one one one three six seven two er four two five three six thanks",
     "my card number is [CARD] thanks"),
    ("two sorry three four two one one one three six seven two er four two five three six", "[CARD]"),  # no cue
    ("my number is oh seven two nine double oh oh five three no wait six six", "my number is [PHONE]"),
    ("oh seven two nine double oh oh five three no wait six six", "[PHONE]"),
    ("call me on two zero four nine sorry eight one one one seventy three four", "call me on [PHONE]"),
    ("sort code nine nine sorry no nine two um two six twenty four", "sort code [BANK_ACCOUNT]"),
    ("account number seven no sorry three nine five five two eight two four", "account number [BANK_ACCOUNT]"),
    ("national insurance h c nine two i mean double nine double one oh four b", "national insurance [NATIONAL_ID]"),
    ("h c nine two i mean double nine double one oh four b", "[NATIONAL_ID]"),
    ("my visa is four one one one hang on one one one one one one one one one one one one", "my visa is [CARD]"),
    ("my mobile is oh seven seven double oh nine let me see oh oh five one six", "my mobile is [PHONE]"),
    # reading on after a pause, between digits said one by one
    ("my mobile is zero six um yeah eight two six three and then seven four eight zero", "my mobile is [PHONE]"),
    ("my number is six seven nine five two and then one seven oh two three", "my number is [PHONE]"),
    ("date of birth twenty fourth may ninety and then fourteen elm terrace brooklyn new york one one two one five",
     "date of birth [DOB] and then [ADDRESS] [POSTCODE]"),  # not one number: "ninety" is no digit read out
    # a pause said while looking the number up, a read-on word, a correction and the words that resume it
    ("my mobile is oh seven seven one let me check two three four five six seven", "my mobile is [PHONE]"),
    ("my number is oh seven nine two one sec four four five five six six seven", "my number is [PHONE]"),
    ("call me on oh seven seven double oh sorry where was i nine oh oh one two three", "call me on [PHONE]"),
    ("the sort code is two zero right three two right one one", "the sort code is [BANK_ACCOUNT]"),
    ("account number four one two two scratch that it is four one three three five five six six",
     "account number [BANK_ACCOUNT]"),
    ("my mobile is oh seven four one two sorry wrong one oh seven nine one two three four five six seven eight",
     "my mobile is [PHONE]"),
    # an NI number's letters said apart, with a pause before its last letter
    ("so that is b a three six zero five double eight okay b correct", "so that is [NATIONAL_ID] correct"),
    ("right z b sixty nine seven six one sec six two one sec a", "right [NATIONAL_ID]"),
    # after a card cue the cue decides, though no reading passes Luhn
    ("my card is four one one one one one one one sorry one one one one one one one two", "my card is [CARD]"),
    ("my number is five five five one actually five five five one four two eight six four seven",
     "my number is [PHONE]"),
    # spoken e-mail: after an e-mail cue the user part may be several words and numbers
    ("my email is lucky cat one nine eighty eight at telefonica dot net", "my email is [EMAIL]"),
    ("email address mateusz wisniewski one two three at yahoo dot co dot uk", "email address [EMAIL]"),
    ("my email's mad bear one ninety four nine at icloud dot com", "my email's [EMAIL]"),
    ("e-mail is um bjorn e one two three at gmail dot com", "e-mail is um [EMAIL]"),
    # NI numbers with their letters spelled after an NI cue
    ("my n i number is y t for tango oh eight erm double oh seven four d", "my n i number is [NATIONAL_ID]"),
    ("national insurance e for echo s for sierra one two three four five six a for alpha",
     "national insurance [NATIONAL_ID]"),
]

CORRECTED_KEPT = [
    "I said no sorry two times", "i called three no four times this week", "i waited two like three hours",
    "give me one sec two minutes tops", "it is four okay it is five now", "i paid ab 123456 like a",
    "yes thatd be yeah one thousand nine hundred and thirty nine eighty two a month",
    "it was five sorry six pounds a month",
    "my card ending four two sorry four two four two", "the last four of my social are six seven sorry eight nine",
    "ticket four four sorry four seven one nine two three",
    "my order number is two sorry three four two one one one three six seven two er four two five three six",
    "booking reference a for alpha b for bravo one two three four five six c",  # spelled, but no NI cue
    "sorry no two of them", "have a look at lumora dot com",
]


@pytest.mark.parametrize(("said", "expected"), CORRECTED)
def test_numbers_with_corrections_spelled_letters_and_long_email_users_are_caught(said, expected):
    redacted, counts = REDACTOR.redact_text(said)
    assert redacted == expected
    assert sum(counts.values()) == expected.count("[")


@pytest.mark.parametrize("said", CORRECTED_KEPT)
def test_corrections_in_short_numbers_and_references_stay(said):
    assert REDACTOR.redact_text(said) == (said, Counter())


def test_a_correction_is_part_of_the_run_and_the_run_keeps_its_readings():
    said = "call me on two zero four nine sorry eight one one one seventy three four please"
    seen = view(said)
    assert seen.text == "call me on 2048111734 please"  # the digit before "sorry" replaced
    (start, end, readings), = seen.corrected
    assert readings == ["2048111734", "20498111734"]  # the likeliest, then all kept
    run = "two zero four nine sorry eight one one one seventy three four"
    assert said[slice(*seen.original(start, end))] == run
    assert said[slice(*seen.original(start + 3, start + 5))] == run  # any part takes the whole run
    assert [v.text for v in seen.variants()] == ["call me on 20498111734 please"]
    assert said[slice(*seen.variants()[0].original(11, 22))] == run
    # a repair that starts again from an earlier digit replaces as many: "nine nine sorry no nine two" is 92
    assert view("nine nine sorry no nine two um two six twenty four").text == "922624"
    assert view("nineteen eighty seven sorry eighty eight").text == "1988"
    assert view("two zero four let me see nine one").text == "20491"  # a hesitation keeps every digit
    assert view("I said no sorry 2 times").corrected == []  # no number before the correction
    (finding,) = REDACTOR.find(said)
    assert said[finding.start:finding.end] == run


@pytest.mark.parametrize("text", [
    "it's ivanova dot luca at shaw dot c a",  # a top-level domain spelled out
    "sure it's p e a r l dash kowalski at r e d i f f m a i l dot c o m",  # user and domain spelled out
    "email is z dot wood eighty two at g r e e n l e a f dot org dot a u",
    "sean nine five at iinet dot net dot a u",
    "it's j like jack smith at gmail dot co dot u k",  # letters said with a word for each
    "c like cat o l for london i n as in nancy dot smith at gmail dot com",
])
def test_an_email_spelled_out_letter_by_letter_is_redacted_whole(text):
    redacted = REDACTOR.redact_text(text)[0]
    assert redacted.endswith("[EMAIL]") and " at " not in redacted, redacted


@pytest.mark.parametrize(("text", "expected"), [
    ("um try birdn ninety seven at yahoo dot c o dot u k", "um try [EMAIL]"),  # a domain spelled in two parts
    ("send it to ssato thats double s a t o at comcast dot net", "send it to [EMAIL]"),  # said, then spelled
    ("its hope thats h o p e underscore muller thats m u double l e r at outlook dot com", "its [EMAIL]"),
    ("send it to emily actually e w double o d at sky dot com", "send it to emily actually [EMAIL]"),
    ("tavita hyphen t e r a n g i at hotmail dot c o dot n z thanks", "[EMAIL] thanks"),  # a word, then letters
    ("yes chidi thats c h i d i eight one at sky dot com", "yes [EMAIL]"),
])
def test_an_email_said_then_spelled_or_with_a_spelled_domain_is_redacted_whole(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


def test_a_word_before_thats_stays_when_the_letters_after_do_not_spell_it():
    text = "the thing thats j o h n at gmail dot com"
    assert REDACTOR.redact_text(text)[0] == "the thing thats [EMAIL]"


@pytest.mark.parametrize(("text", "expected"), [
    ("the card number is four nine two nine seven five oh three bear with me eight one two one um one six five five",
     "the card number is [CARD]"),  # a pause in the middle
    ("card 41-93-4829-8622-1744 thanks", "card [CARD] thanks"),  # groupings no card shape has
    ("card is 465095 4099203056151, 04/25", "card is [CARD], [CARD_EXPIRY]"),
])
def test_a_card_read_with_a_pause_or_typed_in_odd_groups_is_redacted(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ok six oh one one two eight five eight sorry let me start again six oh double one two eight five oh eight five "
     "one nine three five eight oh", "ok [CARD]"),  # the abandoned first attempt is the same number's
    ("six oh one one nine double six seven hang on let me redo that six oh one one nine six six seven uh nine four "
     "nine six nine one nine two", "[CARD]"),
    ("five nine eight double zero one nine zero sorry start again fifty three eighty oh one ninety uh thirty seven "
     "seventy four forty three twenty two is the card", "[CARD] is the card"),  # "start" is no name
    ("it was two or three times, sorry let me start again, my card is 4111 1111 1111 1111",
     "it was two or three times, sorry let me start again, my card is [CARD]"),  # words between: no first attempt
    # typed, corrected and given whole: the abandoned digits begin as the card does
    ("Card: 4206 5246 06 sorry 42065246 06266339 thx", "Card: [CARD] thx"),
    ("its 4123 4422 09.. wait no 4123 4422 0920 0243", "its [CARD]"),
    ("use this one 6011 3135 30 sorry 6011 3135 3075 9845", "use this one [CARD]"),  # "this one" is no digit
    ("yeah its four oh seven seven sorry thats wrong four oh seven seven five two eight seven nine one four six um "
     "one seven four two", "yeah its [CARD]"),
    ("got it here six oh one one oh one oh seven actually no six oh double one uh oh one oh seven uh two five seven "
     "three zero seven six nine", "got it here [CARD]"),  # a correction that begins the number again
    ("my zip is 90210 sorry the card is 4111 1111 1111 1111", "my zip is [POSTCODE] sorry the card is [CARD]"),
    ("it's 0161 496 0000 sorry 4111 1111 1111 1111", "it's [PHONE] sorry [CARD]"),  # another number: not the card's
])
def test_a_card_begun_again_is_redacted_with_its_first_attempt(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


def test_one_after_this_or_that_is_a_pronoun_unless_more_digits_are_said():
    assert REDACTOR.redact_text("use this one 3416-261907-88299")[0] == "use this one [CARD]"  # Amex, 4-6-5
    assert view("is that one two three four").text == "is that 1234"  # a number read back


DIGIT_SAID = r"[0-9]|\b(?:oh|zero|one|two|three|four|five|six|seven|eight|nine)\b"


@pytest.mark.parametrize("turns", [
    [("agent", "ok, and the long number on the card?"), ("customer", "5386 8195"), ("agent", "and the rest?"),
     ("customer", "1754 8752")],
    [("agent", "Can I get the card number please?"), ("customer", "4102..."), ("agent", "got it, rest of it?"),
     ("customer", "5866 2965 3756")],
    [("agent", "which card would you like to pay with can you read me the number"),
     ("customer", "ok first bit is three four zero nine zero eight four three"), ("agent", "ok go on"),
     ("customer", "then then three nine six four three seven nine")],
    [("agent", "can i take the card number"),
     ("customer", "its oh eight oh nine four three two nine seven five nine right six oh one one three seven nine "
                  "seven"),
     ("agent", "ill just read that back zero eight zero nine four three two nine seven five nine ok go on"),
     ("customer", "and then four five nine four uh six zero two two")],
    # asked for by asking to pay by card
    [("agent", "The total comes to £576.50. Would you like to pay by card now?"), ("customer", "ok got it here, 4804"),
     ("agent", "Yep, go on"), ("customer", "6411 2962"), ("agent", "Go ahead"), ("customer", "2529")],
])
def test_a_card_given_in_parts_over_turns_is_redacted_in_each(turns):
    """The agent asks for the card and lets the customer go on between the parts ("and the rest?",
    a read-back ending "ok go on"); the parts read as one pass Luhn."""
    _assert_each_customer_piece_is(turns, "[CARD]")


def test_a_card_read_out_after_yes_and_a_go_ahead_is_the_card_asked_for():
    """The customer agrees to pay by card and reads the number only after the agent's go-ahead:
    the question still stands, and the two halves read as one pass Luhn."""
    turns = [("agent", "that comes to seventy nine dollars would you like to pay that by card now"),
             ("customer", "yes please"), ("agent", "ok whenever you're ready"),
             ("customer", "four five three nine one four eight eight"), ("agent", "yes"),
             ("customer", "oh three four three six four six seven")]
    shown = redacted_turns(REDACTOR, [(text, speaker) for speaker, text in turns])
    assert shown[1] == "yes please" and shown[3] == shown[5] == "[CARD]"


def _assert_each_customer_piece_is(turns: list[tuple[str, str]], token: str) -> None:
    """Every customer turn of ``turns`` (speaker, text) holds ``token`` and no digit, said or typed."""
    shown = redacted_turns(REDACTOR, [(text, speaker) for speaker, text in turns])
    for (speaker, _), text in zip(turns, shown):
        if speaker == "customer":
            assert token in text and not re.search(DIGIT_SAID, text), text


@pytest.mark.parametrize("turns", [
    [("agent", "lovely and a phone number in case we get cut off"), ("customer", "it's oh nine oh"),
     ("agent", "and the next bit"), ("customer", "double two five two"), ("agent", "uh huh"),
     ("customer", "one eight oh two")],  # a piece too short for a number on its own, and three pieces
    [("agent", "is there a mobile number we can text"), ("customer", "three three"), ("agent", "mm hm"),
     ("customer", "three nine four five"), ("agent", "got that"), ("customer", "oh eight four two")],
    [("agent", "Can I take a contact number?"), ("customer", "070 ..."),
     ("agent", "Got that, and the rest please?"), ("customer", "75974"), ("customer", "97")],
    [("agent", "sure what's the new number"), ("customer", "right zero one nine four"),
     ("agent", "zero one nine four and then"), ("customer", "nine two seven seven six five that's it")],
    [("agent", "what number are you calling from"), ("customer", "okay plus five two fifty five"),
     ("agent", "got that carry on"), ("customer", "then seven five four nine"), ("agent", "okay and the next bit"),
     ("customer", "eighty one ninety two")],
    # asked for as the number to have "in case we get cut off"
    [("agent", "have you got a number in case we get cut off"), ("customer", "it's um zero seven seven"),
     ("agent", "right got that bit"), ("customer", "four one two three oh six six one")],
])
def test_a_phone_number_given_in_pieces_is_redacted_in_each(turns):
    """Two-digit pieces, a spoken one of three ("oh nine oh"), a prompt of a few words ("Got that,
    and the rest please?") and a number that goes on after it was already long enough to be one."""
    _assert_each_customer_piece_is(turns, "[PHONE]")


def test_a_number_already_whole_goes_on_with_a_turn_of_nothing_but_its_last_digits():
    turns = [("can i take the account number", "agent"),
             ("account number eight one four three two eight four two five one", "customer"), ("uh huh", "agent"),
             ("zero", "customer")]
    assert redacted_turns(REDACTOR, turns)[1:] == ["account number [BANK_ACCOUNT]", "uh huh", "[BANK_ACCOUNT]"]
    # a short turn asking for something else is no pause: the sort code is not the phone number's rest
    turns = [("what's the best number to reach you", "agent"),
             ("five five five one four two eight six four seven", "customer"), ("and the sort code", "agent"),
             ("12-34-56", "customer")]
    assert redacted_turns(REDACTOR, turns)[1:] == ["[PHONE]", "and the sort code", "[BANK_ACCOUNT]"]


def test_a_customer_who_names_what_comes_next_makes_the_next_turn_its_answer():
    turns = [("can i take the bank details for the direct debit", "agent"), ("right account number", "customer"),
             ("one three seven three six four three oh six", "customer"), ("yes", "agent"),
             ("one that's it", "customer")]
    assert redacted_turns(REDACTOR, turns)[2:] == ["[BANK_ACCOUNT]", "yes", "[BANK_ACCOUNT] that's it"]
    turns = [("which account should the refund go to", "agent"), ("right clabe", "customer"),
             ("zero zero two one eight five", "customer")]
    assert redacted_turns(REDACTOR, turns)[2] == "[BANK_ACCOUNT]"


def test_a_number_said_after_a_phone_number_and_an_acknowledgement_is_not_taken_into_it():
    turns = [("Can I take a contact number?", "agent"), ("07700 900123", "customer"), ("ok", "agent"),
             ("and 3 days ago it broke", "customer")]
    assert redacted_turns(REDACTOR, turns)[3] == "and 3 days ago it broke"


@pytest.mark.parametrize(("text", "expected"), [
    ("i was born may twenty two nineteen forty seven", "i was born [DOB]"),  # a day and a year said one after the other
    ("lovely july nine nineteen fifty brilliant", "lovely [DOB] brilliant"),  # read back: a whole date long ago
    ("the appointment is june twenty two twenty twenty six", "the appointment is june twenty two twenty twenty six"),
    ("Sent: Fri 27 January 10:23", "Sent: Fri 27 January 10:23"),  # a time after a date: no year
])
def test_a_date_said_in_words_is_read_as_a_date_not_one_long_number(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a letter said with its word: the letters, not the words, make the number
    ("my ni number okay j for jack t as in tommy two six oh one oh four a", "my ni number okay [NATIONAL_ID]"),
    ("great w as in whiskey n as in november three uh two five eight five two d as in delta that matches",
     "great [NATIONAL_ID] that matches"),
    ("yeah and then the nino is z b oh double three five er six one d as in delta",
     "yeah and then the nino is [NATIONAL_ID]"),  # the last letter's word goes with it
    ("i think a for all the cases is fine", "i think a for all the cases is fine"),
])
def test_a_letter_spelled_with_its_word_reads_as_the_letter(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize(("question", "answer", "found"), [
    # a number begun, abandoned with "scratch that", "let me start over", "wrong number", and given again
    ("can you give me the details of the account",
     "account five two eight two hang on let me start over five two eight nine six twelve five with rbs sort code "
     "eight three er six nine scratch that eighty three sixty nine ninety one",
     ["five two eight two hang on let me start over five two eight nine six twelve five",
      "eight three er six nine scratch that eighty three sixty nine ninety one"]),
    ("and the long number on the card?",
     "three eight sorry wrong number let me start again three eight one two five seven six one oh five double six "
     "five oh two",
     ["three eight sorry wrong number let me start again three eight one two five seven six one oh five double six "
      "five oh two"]),
])
def test_a_number_abandoned_and_begun_again_is_one_number(question, answer, found):
    spans = REDACTOR.find_turns([(question, "agent"), (answer, "customer")])[1]
    assert [answer[s.start:s.end] for s in spans] == found


def test_a_typed_email_given_in_two_turns_is_redacted_in_both():
    turns = [("Could you confirm your email address?", "agent"), ("t.okonjo11", "customer"),
             ("Got that, next part?", "agent"), ("@fastmail.example", "customer")]
    found = REDACTOR.find_turns(turns)
    assert [[text[f.start:f.end] for f in fs] for (text, _), fs in zip(turns, found)] == [
        [], ["t.okonjo11"], [], ["@fastmail.example"]]


@pytest.mark.parametrize(("answer", "abandoned"), [
    ("0319 - sorry no, +64 3 191 8287", "0319"),
    ("it's oh nine oh seven no sorry that's the old one it's oh nine oh double seven one three four two",
     "oh nine oh seven"),
])
def test_a_phone_number_begun_at_home_or_the_old_one_then_given_again_is_redacted_with_its_first_try(answer, abandoned):
    found = REDACTOR.find_turns([("what's the best number to reach you on?", "agent"), (answer, "customer")])[1]
    start = answer.index(abandoned)
    assert any(f.start <= start and f.end == len(answer) and f.entity == "phone" for f in found), found


def test_an_iban_read_out_and_read_back_word_for_word_is_redacted_in_both_turns():
    said = "g b double seven n w b k eight six one eight zero zero double seven nine four nine four nine one"
    turns = [("for the refund i need your i b a n", "agent"), (f"it's {said}", "customer"),
             (f"i've got {said} correct", "agent")]
    _, customer, agent = redacted_turns(Redactor(), turns)
    assert customer == "it's [IBAN]" and agent == "i've got [IBAN] correct"


@pytest.mark.parametrize(("said", "expected"), [
    # blind-28: a card read in two halves with anything said between, or a reading word
    ("okay four oh two five three oh one nine sorry the kids are shouting eight two four six two six two nine",
     "okay [CARD] sorry the kids are shouting [CARD]"),
    ("okay four six oh two oh nine four eight um let me just turn it so i can see six nine four one two seven five six",
     "okay [CARD] um let me just turn it so i can see [CARD]"),
    ("yeah okay it's four two eight three one six nine seven right zero eight seven four eight five six four",
     "yeah okay it's [CARD]"),
])
def test_a_card_read_in_two_parts_with_words_between_is_a_card(said, expected):
    assert REDACTOR.redact_text(said)[0] == expected


@pytest.mark.parametrize("said", [
    # parts that pass Luhn together by chance (one pair in ten): an id with letters, an amount, a year, a cue
    "loan k s f two zero two one eight seven three three three shows a payoff amount of nineteen thousand ninety "
    "three dollars ninety five",
    "that's the card ending three five seven seven the tracking number is four nine five oh seven three four four "
    "eight one six three one three",
    "born on october tenth nineteen sixty five and the booking is two four six eight one three five seven",
    "it's oh nine oh seven no sorry that's the old one it's oh nine oh double seven one three four two",
])
def test_two_numbers_that_pass_luhn_together_by_chance_are_not_a_card(said):
    assert "[CARD]" not in REDACTOR.redact_text(said)[0]


def test_a_card_read_over_two_turns_with_the_agent_letting_the_customer_go_on_is_a_card_in_both():
    """No question for a card number was heard ("can i take a card payment"), so neither half is an
    answer; the two, with "okay go on" between, pass Luhn as one card."""
    turns = [("the application fee is eighty three euros can i take a card payment", "agent"),
             ("it's a visa um five three four seven nine nine two eight", "customer"), ("okay go on", "agent"),
             ("nine seven six nine uh four four three five", "customer")]
    _, first, _, second = redacted_turns(REDACTOR, turns)
    assert first == "it's a visa um [CARD]" and second == "[CARD]"


def test_a_card_read_on_after_the_agent_says_the_line_cut_out_after_its_first_half_is_one_card():
    """Blind-32: the agent reads back where the customer cut out, and lets them go on."""
    turns = [("what's the card number this is for the eighty nine euros outstanding", "agent"),
             ("four six six five six one six four", "customer"),
             ("sorry you cut out after four six six five six one six four", "agent"),
             ("then one oh four two oh two six oh", "customer")]
    assert redacted_turns(REDACTOR, turns)[1:] == ["[CARD]", "sorry you cut out after [CARD]", "then [CARD]"]


def test_so_between_the_groups_of_a_number_read_out_is_a_reading_word():
    """Blind-28: "i e four six u l s b three eight three eight so nine six five six …" is one IBAN, read
    on after "so" as after "right"; after a long run "so" ends it ("trip two six eight three two one zero
    one four one so eight seat executive mpv")."""
    said = "ok iban i e four six u l s b three eight three eight so nine six five six two nine double one eight oh"
    assert REDACTOR.redact_text(said + " in my name")[0] == "ok iban [IBAN] in my name"
    assert "eight seat" in REDACTOR.redact_text("that trip two six eight three two one zero one four one so eight seat "
                                                "executive mpv")[0]
