"""The checksums, the national-id file a user can extend (``ingest/pii_ids.yaml`` or
``CONVOSCOPE_PII_IDS``), and the phone region (``CONVOSCOPE_PHONE_REGION``)."""

from __future__ import annotations

from collections import Counter

import pytest
from redacted_turns import redacted_turns

from convoscope.errors import ConvoscopeError
from ingest.pii import Redactor, luhn_valid
from ingest.pii.checksums import aba_valid, iban_valid, medicare_valid, nhs_valid, nric_valid

REDACTOR = Redactor()


def test_checksums():
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert luhn_valid("046454286")  # a Canadian SIN
    assert iban_valid("GB82WEST12345698765432") and iban_valid("NO9386011117947")
    assert not iban_valid("GB82WEST12345698765431")  # check digits
    assert not iban_valid("GB82WEST1234569876543")  # GB is 22 long
    assert not iban_valid("XX82WEST12345698765432")  # no such country
    assert aba_valid("021000021") and not aba_valid("021000022") and not aba_valid("02100002")
    assert nhs_valid("9434765919") and not nhs_valid("9434765918")
    assert medicare_valid("2123456701") and not medicare_valid("2123456711") and not medicare_valid("1123456701")


def test_the_bundled_file_finds_a_canadian_sin_and_an_nhs_number_in_their_context():
    redactor = Redactor()
    assert redactor.redact_text("my SIN is 046 454 286") == ("my SIN is [NATIONAL_ID]", Counter(national_id=1))
    assert redactor.redact_text("social insurance number 046-454-286")[0] == "social insurance number [NATIONAL_ID]"
    assert redactor.redact_text("NHS number 943 476 5919")[0] == "NHS number [NATIONAL_ID]"
    assert redactor.redact_text("my nhs number is nine four three four seven six five nine one nine")[0] == (
        "my nhs number is [NATIONAL_ID]")
    assert redactor.redact_text("my SIN 046 454 287")[0] == "my SIN 046 454 287"  # fails Luhn, near its name
    assert redactor.redact_text("order 046 454 286")[0] == "order 046 454 286"  # no SIN cue
    assert redactor.redact_text("NHS number 943 476 5918")[0] == "NHS number 943 476 5918"  # fails mod 11


def test_the_bundled_file_finds_passports_driving_licences_and_aadhaar_numbers():
    redactor = Redactor()
    assert redactor.redact_text("Will Hope, passport 535922508")[0] == "Will Hope, passport [NATIONAL_ID]"
    assert redactor.redact_text("passport no. GB1234567 expires")[0] == "passport no. [NATIONAL_ID] expires"
    assert redactor.redact_text("the licence number is ORTEG611012JO9CL.")[0] == "the licence number is [NATIONAL_ID]."
    assert redactor.redact_text("driver's license D1234 5678 901")[0] == "driver's license [NATIONAL_ID]"
    assert redactor.redact_text("my Aadhaar is 2341 2341 2346")[0] == "my Aadhaar is [NATIONAL_ID]"
    for kept in ("Aadhaar 2341 2341 2345 on file",  # fails Verhoeff (python-stdnum), near its name
                 "booking 535922508 for two",  # no passport cue
                 "order ORTEG611012JO9C"):  # not a licence's shape
        assert redactor.redact_text(kept)[0] == kept


def test_a_checksum_may_be_any_validator_of_python_stdnum(tmp_path, monkeypatch):
    ids = tmp_path / "ids.yaml"
    ids.write_text("ids:\n  - name: Spanish DNI\n    pattern: '\\b[0-9]{8}-?[A-Z]\\b'\n    checksum: stdnum:es.dni\n")
    monkeypatch.setenv("CONVOSCOPE_PII_IDS", str(ids))
    assert Redactor().redact_text("DNI 54362315-K y 54362315-Z")[0] == "DNI [NATIONAL_ID] y 54362315-Z"


def test_a_file_of_ones_own_ids(tmp_path, monkeypatch):
    ids = tmp_path / "ids.yaml"
    ids.write_text("ids:\n  - name: passport\n    pattern: '\\b[A-Z][0-9]{8}\\b'\n    context: [passport]\n")
    monkeypatch.setenv("CONVOSCOPE_PII_IDS", str(ids))
    redactor = Redactor()
    assert redactor.redact_text("my passport is C03005988")[0] == "my passport is [NATIONAL_ID]"
    assert redactor.redact_text("router model C03005988")[0] == "router model C03005988"
    assert redactor.redact_text("my SIN is 046 454 286")[0] == "my SIN is 046 454 286"  # the bundled file is replaced
    ids.write_text("ids:\n  - name: any number\n    pattern: '\\b[0-9]{9}\\b'\n    checksum: luhn\n")
    assert Redactor().redact_text("it's 046454286")[0] == "it's [NATIONAL_ID]"  # read again when it changes


def _answer(question: str, answer: str) -> str:
    """The customer's ``answer`` as redacted after the agent's ``question``."""
    findings = Redactor().find_turns([(question, "agent"), (answer, "customer")])[1]
    for f in sorted(findings, key=lambda f: -f.start):
        answer = answer[:f.start] + f.token + answer[f.end:]
    return answer


def test_a_question_that_names_an_id_of_the_file_makes_its_answer_that_id():
    # the file's context words are what agents ask for: "your IRD", "your passport", "your UID number"
    assert _answer("and your ird please", "one two four one four five eight four eight") == "[NATIONAL_ID]"
    assert _answer("what's your passport", "double zero nine five one nine seven two zero") == "[NATIONAL_ID]"
    assert _answer("Can I take your UID number?", "9280 8851 2361") == "[NATIONAL_ID]"
    # a code read out with letters: the letters go too
    assert _answer("your passport no", "sure l c four two eight seven three four three") == "sure [NATIONAL_ID]"
    assert _answer("can i take your nhi", "november alpha yankee eight six four five") == "[NATIONAL_ID]"
    # what the customer says instead keeps its own kind, or stays
    assert _answer("can i take the nhs number please", "born march the third nineteen forty two") == "born [DOB]"
    assert _answer("can i take the nhs number please", "last four is eight five eight two") == (
        "last four is eight five eight two")
    assert _answer("your passport please", "my order is 40817734") == "my order is 40817734"
    # a code typed in answer, and an id the file names asked for with "number" after it
    assert _answer("Could you confirm your Social Insurance Number?", "483-470-381") == "[NATIONAL_ID]"
    # grouped as Canada writes it, not as a US social security number would be: still the id asked for
    assert _answer("For the application I'll need your social insurance number.", "667 183 859") == "[NATIONAL_ID]"
    assert _answer("For verification I need your driving licence number.", "V8345669") == "[NATIONAL_ID]"
    said = "eight nine seven oh one eight one oscar"
    assert _answer("could you confirm your personal public service number", said) == "[NATIONAL_ID]"
    assert _answer("your passport number please", "it was renewed on 2025-07-11") == "it was renewed on 2025-07-11"
    # naming an id is not asking for it: "where should the courier return the passport"
    assert _answer("where should the courier return the passport", "to twelve mill lane l s six one j s") == (
        "to [ADDRESS] [POSTCODE]")


def test_the_bundled_file_finds_new_zealand_and_indian_tax_ids_by_their_checksums():
    redactor = Redactor()
    assert redactor.redact_text("IRD number 129 109 831")[0] == "IRD number [NATIONAL_ID]"
    assert redactor.redact_text("IRD number 129 109 832")[0] == "IRD number 129 109 832"  # fails mod 11
    assert redactor.redact_text("PAN card number: ZOEPB4951K")[0] == "PAN card number: [NATIONAL_ID]"
    assert redactor.redact_text("PAN card number ZOEXB4951K")[0] == "PAN card number ZOEXB4951K"  # no such holder
    assert redactor.redact_text("its s i n three seven five one eight one two six oh")[0] == "its s i n [NATIONAL_ID]"


def test_the_bundled_file_finds_african_philippine_and_australian_ids_after_their_names():
    redactor = Redactor()
    assert redactor.redact_text("My NIN is 63746231483.")[0] == "My NIN is [NATIONAL_ID]."  # Nigeria
    assert redactor.redact_text("my national ID is 74146520 thanks")[0] == "my national ID is [NATIONAL_ID] thanks"
    assert redactor.redact_text("national id eight five three seven nine four eight five")[0] == (
        "national id [NATIONAL_ID]")  # read out
    assert redactor.redact_text("My PhilSys number is 6589-0670-1037-4916.")[0] == "My PhilSys number is [NATIONAL_ID]."
    assert redactor.redact_text("My Medicare number is 6975840617.")[0] == "My Medicare number is [NATIONAL_ID]."
    assert redactor.redact_text("My Medicare number 6975840627.")[0] == "My Medicare number 6975840627."  # check
    assert redactor.redact_text("order 74146520 arrived")[0] == "order 74146520 arrived"  # no id named


@pytest.mark.parametrize("content", [
    "ids:\n  - name: broken\n    pattern: '[0-9'\n",  # not a regular expression
    "ids:\n  - name: odd\n    pattern: '[0-9]{9}'\n    checksum: verhoeff\n",  # no such checksum
    "ids:\n  - name: odd\n    pattern: '[0-9]{9}'\n    checksum: stdnum:xx.nothing\n",  # no such validator
    "ids:\n  - pattern: '[0-9]{9}'\n",  # no name
    "ids: [unclosed\n",  # not YAML
])
def test_a_bad_file_is_one_line_that_says_what_to_do(tmp_path, monkeypatch, content):
    ids = tmp_path / "ids.yaml"
    ids.write_text(content)
    monkeypatch.setenv("CONVOSCOPE_PII_IDS", str(ids))
    with pytest.raises(ConvoscopeError) as err:
        Redactor()
    message = str(err.value)
    assert str(ids) in message and "\n" not in message and "pattern" in message


def test_a_missing_file_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_PII_IDS", str(tmp_path / "nowhere.yaml"))
    with pytest.raises(ConvoscopeError, match="nowhere.yaml"):
        Redactor()
    assert Redactor(["email"]).redact_text("a@b.com")[0] == "[EMAIL]"  # the file matters only for national ids


def test_the_phone_region_decides_which_numbers_without_a_cue_are_valid(monkeypatch):
    # dashes between pairs: no known format (spaces or dots are, "01 42 68 53 00": test_pii.py)
    french = "Rappelez le 01-42-68-53-00 demain"
    assert Redactor().redact_text(french)[0] == french  # not valid in GB or the US, no cue, no known format
    monkeypatch.setenv("CONVOSCOPE_PHONE_REGION", "FR")
    assert Redactor().redact_text(french)[0] == "Rappelez le [PHONE] demain"


def test_a_phone_region_libphonenumber_does_not_know_is_one_line_that_says_what_to_do(monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_PHONE_REGION", "England")
    with pytest.raises(ConvoscopeError) as err:
        Redactor()
    assert "CONVOSCOPE_PHONE_REGION='England'" in str(err.value) and "ISO country code" in str(err.value)


@pytest.mark.parametrize(("question", "answer", "value"), [
    ("And your NRIC?", "yeah s six seven eight two four four five h", "s six seven eight two four four five h"),
    ("Your NRIC please?", "Hi Mia,\n\nIt's T2641266D.\n\nThanks,\nPriya", "T2641266D"),
])
def test_a_singapore_nric_asked_for_is_redacted_typed_or_read_out(question, answer, value):
    found = Redactor().find_turns([(question, "agent"), (answer, "customer")])[1]
    assert (value, "national_id") in [(answer[f.start:f.end], f.entity) for f in found]


def test_a_singapore_nric_needs_its_check_letter():
    assert nric_valid("S6782445H") and nric_valid("T2641266D") and not nric_valid("S6782445A")
    assert Redactor().redact_text("my NRIC S6782445A")[0] == "my NRIC S6782445A"  # a wrong letter stays


def test_an_id_asked_for_by_its_name_alone_makes_the_answer_that_id():
    redactor = Redactor()
    assert [f.entity for f in redactor.find_turns([("NRIC please?", "agent"), ("T2306378B i think", "customer")])[1]] \
        == ["national_id"]
    assert redactor.find_turns([("Is that all?", "agent"), ("T2306378B", "customer")])[1] == []  # nothing asked


@pytest.mark.parametrize(("question", "answer", "found"), [
    # by their shape and check characters alone: Italy's codice fiscale, Mexico's CURP, a CPF written as one
    ("hi", "it is RCCLSN59S26F839U", ["RCCLSN59S26F839U"]),
    ("hi", "my codice fiscale is bncndr78l05l219f", ["bncndr78l05l219f"]),
    ("hi", "SARJ920311HNLNMS08 thanks", ["SARJ920311HNLNMS08"]),
    ("hi", "LOFL 990716 HJCPLS 64", ["LOFL 990716 HJCPLS 64"]),
    ("hi", "cpf 925.689.875-61", ["925.689.875-61"]),
    ("hi", "RCCLSN59S26F839A is the reference", []),  # its check letter is wrong
    # after their names: a CPF, a PESEL, a BSN, a German tax id, a KRA PIN, a passport of letters and digits
    ("Could I search by your CPF instead?", "481 980 480 49.", ["481 980 480 49"]),
    ("And your PESEL number? We need it for the e-prescription.", "990728 35948.", ["990728 35948"]),
    ("For verification I'll need your burgerservicenummer.", "sure, my bsn is 1122.16.924.", ["1122.16.924"]),
    ("hi", "Tax ID: 15107843963 * Card", ["15107843963"]),
    ("We'll need the KRA pin for the identity verification.", "A950544288N", ["A950544288N"]),
    ("We'll need the Aadhaar for the identity verification.", "207151482151", ["207151482151"]),
    ("hi", "My passport no. is 41KC08040. Kind regards", ["41KC08040"]),
    ("Could I also take your National Identification Number?", "I have it here, 9500 0160 183.", ["9500 0160 183"]),
    # a Malaysian MyKad, a Portuguese NIF, a French social security number; an id's name nearer than "reference"
    ("Can I take your MyKad?", "591119073290 (my MyKad", ["591119073290"]),
    ("Can I take your NIF?", "copying it from my card: 281 504 202", ["281 504 202"]),
    ("hi", "My social security number, as requested, is 2 78 06 13 799 864 89.", ["2 78 06 13 799 864 89"]),
    ("hi", "For reference, my SSS number is 02-7600570-2.", ["02-7600570-2"]),
    ("hi", "For reference, my order number is 02-7600570-2.", []),
])
def test_the_bundled_file_finds_european_latin_american_asian_and_kenyan_ids(question, answer, found):
    spans = Redactor().find_turns([(question, "agent"), (answer, "customer")])[1]
    assert [answer[s.start:s.end] for s in spans] == found


def test_the_personal_identity_numbers_of_europe_are_found_after_their_names():
    redactor = Redactor()
    cases = {  # each valid by its country's check digits (python-stdnum)
        "my personnummer is 19830913-7191": "my personnummer is [NATIONAL_ID]",
        "AHV 756.0941.3621.53": "AHV [NATIONAL_ID]",
        "rijksregisternummer 00.12.09-803.10": "rijksregisternummer [NATIONAL_ID]",
        "my CNP: 1800101221144": "my CNP: [NATIONAL_ID]",
    }
    for text, redacted in cases.items():
        assert redactor.redact_text(text)[0] == redacted
    assert redactor.redact_text("AHV 756.0941.3621.54")[0] == "AHV 756.0941.3621.54"  # a wrong check digit
    assert redactor.redact_text("order 1800101221144")[0] == "order 1800101221144"  # no id named


def test_an_id_after_its_name_is_found_in_a_grouping_its_pattern_does_not_know_but_not_a_phone_or_a_date_after_it():
    redactor = Redactor()
    assert redactor.redact_text("PESEL:980 813 81512")[0] == "PESEL:[NATIONAL_ID]"
    assert redactor.redact_text("my pesel is 980-81-381-512")[0] == "my pesel is [NATIONAL_ID]"
    text = "NHS no. 943 476 5919\nMobile (0)7536 068433"
    assert redactor.redact_text(text)[0] == "NHS no. [NATIONAL_ID]\nMobile [PHONE]"
    text = "I need to add my passport details for flight MR2021 on 2024-11-13."
    assert redactor.redact_text(text)[0] == text


def test_an_abbreviation_read_out_letter_by_letter_asks_for_its_id():
    turns = [("what's your s s n please", "agent"), ("um seven two five nine", "customer"), ("okay", "agent"),
             ("five double one seven four", "customer")]
    assert redacted_turns(Redactor(), turns) == ["what's your s s n please", "um [NATIONAL_ID]", "okay",
                                                 "[NATIONAL_ID]"]
    turns = [("Thanks. For the checks I'll need your personal number.", "agent"), ("sure its 198309137191", "customer")]
    assert redacted_turns(Redactor(), turns)[1] == "sure its [NATIONAL_ID]"


@pytest.mark.parametrize(("text", "value"), [
    ("ID number: S6394704J", "S6394704J"), ("id number 0444824C", "0444824C"),
    ("sure, My Number card number 6603-5635-0146", "6603-5635-0146"),
    ("it's nine six seven four two nine double eight double zero four two that's my aadhaar",
     "nine six seven four two nine double eight double zero four two"),
    ("76331254299 (my nin number)", "76331254299"), ("52 140 388 794 (my tax ID)", "52 140 388 794"),
])
def test_an_id_by_its_generic_name_or_named_after_it_is_redacted(text, value):
    redacted = REDACTOR.redact_text(text)[0]
    assert value not in redacted and "[NATIONAL_ID]" in redacted, redacted


@pytest.mark.parametrize("text", ["your order ID number is 55123456", "my customer ID number is 44556677",
                                  "booking ID 77812345 is confirmed"])
def test_a_records_id_number_stays(text):
    assert REDACTOR.redact_text(text)[0] == text


@pytest.mark.parametrize("text", [
    "can you pay it into p l nine six four nine double eight six five six two eight five four seven seven double "
    "eight zero two six four zero three eight seven eight that's my iban",
    "right so n o four three five one zero three three six one four seven two five is the iban number",
])
def test_an_iban_with_its_country_read_letter_by_letter_and_named_after_it_is_redacted(text):
    redacted = REDACTOR.redact_text(text)[0]
    assert "[IBAN]" in redacted and "five" not in redacted.split("[IBAN]")[0], redacted


def test_an_account_number_after_should_be_is_redacted():
    text = "the account number should be nine one eight two five double two seven zero five two six"
    assert REDACTOR.redact_text(text)[0] == "the account number should be [BANK_ACCOUNT]"


def test_the_answer_to_an_id_number_question_is_the_id_and_a_records_id_question_asks_for_none():
    turns = [("for the id check can i take an id number please", "agent"),
             ("it's three double two eight two six double one five that's my social", "customer")]
    assert [f.entity for f in REDACTOR.find_turns(turns)[1]] == ["national_id"]
    pieces = [("for the id check can i take an id number please", "agent"), ("it's five one four one", "customer"),
              ("ok", "agent"), ("one zero seven one e", "customer")]
    assert [[f.entity for f in fs] for fs in REDACTOR.find_turns(pieces)] == [[], ["national_id"], [], ["national_id"]]
    record = [("and do you have the member id at all", "agent"), ("six double six five five two three oh", "customer")]
    assert REDACTOR.find_turns(record)[1] == []


@pytest.mark.parametrize("text, value", [
    ("My Emirates ID is 784-1993-1832579-4.", "784-1993-1832579-4"),  # its first digits pass Luhn: not a card
    ("my driver licence no. is HUGHE604164J990E", "HUGHE604164J990E"),  # UK licence, a digit in its check
])
def test_a_named_id_that_holds_a_card_like_number_or_digit_check_characters_is_redacted_whole(text, value):
    redacted, counts = Redactor().redact_text(text)
    assert value not in redacted and "-4" not in redacted and counts == {"national_id": 1}


def test_an_id_asked_for_with_a_filler_in_the_question_is_read_in_its_parts():
    turns = [("for the id check can i take an id you know number please", "agent"),
             ("it's three nine three eight", "customer"), ("yeah go on", "agent"),
             ("four six one six four", "customer")]
    redacted = redacted_turns(Redactor(), turns)
    assert "three nine" not in redacted[1] and "six four" not in redacted[3], redacted


def test_a_ghana_card_number_is_a_national_id_by_its_prefix():
    assert Redactor().redact_text("ID: GHA-404982405-4")[0] == "ID: [NATIONAL_ID]"


@pytest.mark.parametrize("text, value", [
    ("right, the tax ID is 15 644 287 490, for the bank", "15 644 287 490"),  # fails the Steuer-ID check
    ("The Steuer-ID is 68 091 610 255, and my date of birth", "68 091 610 255"),
    ("For reference, my codice fiscale is RMNSRA98B43L219O.", "RMNSRA98B43L219O"),  # wrong check letter
    ("As requested, my tax identification number is 169228057.", "169228057"),
    ("We have recorded your tax identification number as 703400829000.", "703400829000"),
    ("my SIN is 046 454 287", "046 454 287"),  # fails Luhn, but said to be the SIN
    ("Here you go.\nID: 43352474G\n\nMany thanks,", "43352474G"),  # "ID" alone, in capitals
    ("uh the codice fiscale on my documents is c l m f r c five five c five oh f eight three nine w",
     "c l m f r c five five c five oh f eight three nine w"),
])
def test_an_id_told_after_its_name_is_redacted_whatever_its_check_digits(text, value):
    redacted, counts = Redactor().redact_text(text)
    assert value not in redacted and counts == {"national_id": 1}, redacted


@pytest.mark.parametrize("text", [
    "my booking id is 12345678",  # a record's id
    "it's on my passport yeah my reference is i l l nine six oh oh three",  # another value named between
    "the passport number is the same as before",
    "my tax id is 4471",  # too short for an id
    "@Safaricom_Care Correct id is LKU6FY05K8",  # "id" alone, not in capitals nor whose: a transaction's
])
def test_a_value_told_after_an_ids_name_that_is_not_an_id_stays(text):
    assert "[NATIONAL_ID]" not in Redactor().redact_text(text)[0]


def test_an_id_named_after_it_is_redacted_and_a_phone_before_a_told_id_keeps_its_kind():
    redactor = Redactor()
    text = "The other card didn't work, so 5461 2693 7722 3906. 666 312 096, that's my tax file number"
    assert redactor.redact_text(text)[0].endswith("[NATIONAL_ID], that's my tax file number")
    assert redactor.redact_text("394-358-591-000 is my tin")[0] == "[NATIONAL_ID] is my tin"
    told = "Best number: +44 7935 674801 My national insurance number is PC 74 97 95 C."
    assert redactor.redact_text(told)[0] == "Best number: [PHONE] My national insurance number is [NATIONAL_ID]."


@pytest.mark.parametrize("text", [
    "let me read that back i e fifty three b o f i ninety sixty one ninety five fifty three two three five three "
    "sixty nine",
    "thank you that's i t one oh m oh five oh three four oh three six five one two five nine three one two seven one "
    "eight triple five",
])
def test_an_iban_read_back_letter_by_letter_with_no_cue_is_redacted_by_its_check(text):
    redacted = REDACTOR.redact_text(text)[0]
    assert redacted.endswith("[IBAN]") and "five" not in redacted, redacted
