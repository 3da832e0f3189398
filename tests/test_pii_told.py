"""An address told after words that say one follows, in its own country's order, is redacted whole;
what such words introduce that is no address (references, dates, amounts, a signature's name and
phone) stays as it was."""

from __future__ import annotations

import pytest
from redacted_turns import redacted_turns

from ingest.pii import Redactor

REDACTOR = Redactor()


def _redacted(text: str, speaker: str = "customer") -> str:
    found = REDACTOR.find(text, speaker)
    for f in sorted(found, key=lambda f: -f.start):
        text = text[:f.start] + "#" + text[f.end:]
    return text


def _covered(text: str) -> str:
    """The letters and digits redacted (as an address or its postcode), in order."""
    return "".join(c for f in REDACTOR.find(text, "customer") if f.entity == "address"
                   for c in text[f.start:f.end] if c.isalnum())


@pytest.mark.parametrize(("text", "address"), [
    ("The correspondence address is ul. Polna 17/4, 31-542 Kraków.", "ul. Polna 17/4, 31-542 Kraków"),
    ("We have your details as: 12 Yulgok-ro, Jung-gu, Daegu 41911. Anything else?",
     "12 Yulgok-ro, Jung-gu, Daegu 41911"),
    ("we've just moved to 44 Cherry Orchard Lawn\nGalway\nH91 X2K4", "44 Cherry Orchard Lawn\nGalway\nH91 X2K4"),
    ("pls send it to rantakatu 12 b 9 33100 tampere", "rantakatu 12 b 9 33100 tampere"),
    ("So that's 1-4-9 Hakata, Hakata-ku, Fukuoka 812-0011?", "1-4-9 Hakata, Hakata-ku, Fukuoka 812-0011"),
    ("it should say Storgata 41 / 0182 Oslo on the account", "Storgata 41 / 0182 Oslo"),
    ("the old address was Calle Corrientes 912, 3º A, C1043 Buenos Aires",
     "Calle Corrientes 912, 3º A, C1043 Buenos Aires"),
    ("It's registered at Avenida Reforma 233, Col. Juárez, 06600 Ciudad de México, CDMX.",
     "Avenida Reforma 233, Col. Juárez, 06600 Ciudad de México, CDMX"),
    ("i've moved, it's Rua Augusta, 310, apto 42, Consolação, São Paulo - SP, 01305-000 now",
     "Rua Augusta, 310, apto 42, Consolação, São Paulo - SP, 01305-000"),
])
def test_an_address_after_its_cue_is_redacted_whole(text, address):
    assert _covered(text) == "".join(c for c in address if c.isalnum())


def test_moved_from_one_address_to_another_redacts_both():
    text = "I have moved from Drottninggatan 12, 411 14 Göteborg to Sveavägen 77 lgh 1102, 113 50 Stockholm, thanks."
    assert _redacted(text).replace("# #", "#") == "I have moved from # to #, thanks."


def test_a_po_box_after_its_cue_is_an_address():
    assert _redacted("Okay, updated to P.O. Box 40211-00100, Nairobi. Thanks") == "Okay, updated to #. Thanks"


@pytest.mark.parametrize("text", [
    "I've got your booking KL-55021 for 12 July at 3pm, total £2,025.",
    "Great, so the order 4432 ships on 12 May 2025.",
    "it is 3 items, 2 boxes and 45 kg",
    "Okay, your reference is AB-12345, noted.",
    "it's DOT UH72 KUR 9896, made this year.",
    "so that is 2 x Model X200, 1 x Model Z3 at £450",
])
def test_what_a_cue_introduces_that_is_no_address_stays(text):
    assert _redacted(text) == text


def test_a_signature_after_thanks_is_not_read_as_one_address():
    text = "Many thanks,\nAoife\n087 441 2290"
    assert "Many thanks,\n" in _redacted(text)  # the phone may go; the sign-off is no address cue


def test_a_line_of_digits_under_an_address_is_not_part_of_it():
    text = "address is Plot 14, Moi Avenue, Nakuru, P.O. Box 1692-20100\n4539 1488 0343 6467"
    found = [text[f.start:f.end] for f in REDACTOR.find(text) if f.entity == "address"]
    assert found == ["Plot 14, Moi Avenue, Nakuru", "P.O. Box 1692-20100"]  # the box with its postal code


@pytest.mark.parametrize(("text", "address"), [
    ("we'll send it to avenida atlantica one five two two copacabana rio oh two oh one one oh double oh",
     "avenida atlantica one five two two copacabana rio oh two oh one one oh double oh"),
    ("simone is at via roma sixty two four zero one two six bologna",
     "via roma sixty two four zero one two six bologna"),
    ("i've got lindenstrasse forty one one zero nine six nine berlin correct",
     "lindenstrasse forty one one zero nine six nine berlin"),
    # a filler between the cue and what it says
    ("okay the address sorry is kastanienallee one twenty seven c five oh six four nine koln and dob",
     "kastanienallee one twenty seven c five oh six four nine koln"),
    ("and address hmm is via dei serragli eighty six scala b four oh one two six bologna and dob",
     "via dei serragli eighty six scala b four oh one two six bologna"),
])
def test_a_said_address_after_its_cue_is_redacted_whole(text, address):
    assert _covered(text) == "".join(c for c in address if c.isalnum())


def test_a_phone_said_after_a_said_address_is_not_read_as_part_of_it():
    text = "phone oh seven three eight nine seven six three oh three one im at two oh one redland grove woking g u " \
           "two two three y f holly entwistle oh two oh seven nine forty six nine six four six"
    kinds = {text[f.start:f.end]: f.entity for f in REDACTOR.find(text, "customer")}
    assert any(span.startswith("two oh one redland grove woking g u two two three y f") and kind == "address"
               for span, kind in kinds.items())
    assert kinds["oh two oh seven nine forty six nine six four six"] == "phone"


@pytest.mark.parametrize("text", [
    "it's order f l dash six five seven six seven eight six",
    "that's four hundred and forty eight dollars twenty outstanding right",
    "okay so ticket barcode seven nine two five zero two six four eight seven zero seven has been reissued",
    "bear with me okay s u b five four oh one four one no worries",
    "it says three point twenty point sixty four",
])
def test_what_a_cue_introduces_in_speech_that_is_no_address_stays(text):
    assert _redacted(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("one sec the postcode's D04 M7C0", "one sec the postcode's #"),  # misheard letters: still the code
    ("Postcode: 2511 CV", "Postcode: #"),  # a Dutch code whole, not its digits alone
    ("the zip code is 150-0001", "the zip code is #"),
])
def test_a_postcode_after_its_cue_is_redacted_in_any_countrys_shape(text, expected):
    assert _redacted(text) == expected


@pytest.mark.parametrize(("text", "address"), [
    ("We're at Fern Lea, The Street, Kettlewell, Skipton, BD23 4JY.",
     "Fern Lea, The Street, Kettlewell, Skipton, BD23 4JY"),
    ("I've updated the address to Cloonfad, Kilkenny, Co. Kilkenny, R95 FEF5.",  # no house number: the Eircode says it
     "Cloonfad, Kilkenny, Co. Kilkenny, R95 FEF5"),
    ("Address - Marktstraße 12, 60311 Frankfurt", "Marktstraße 12, 60311 Frankfurt"),
    ("Thanks Isla, I've found you at Rose Cottage, The Green, Llanfyllin, Powys SY22 6XW.",
     "Rose Cottage, The Green, Llanfyllin, Powys SY22 6XW"),
    ("Date of birth on file. We've been at Rose Cottage\nThe Green\nLlanfyllin\nPowys\nSY22 6XW\n\nThanks",
     "Rose Cottage\nThe Green\nLlanfyllin\nPowys\nSY22 6XW"),
    ("hi, jo here from 12 Marsh Lane, Leeds LS6 2QT, about my order", "12 Marsh Lane, Leeds LS6 2QT"),
])
def test_more_ways_of_telling_an_address(text, address):
    assert _covered(text) == "".join(c for c in address if c.isalnum())


def test_the_code_of_an_address_said_again_is_redacted_there():
    told = "Phone 98450 12345\naddress Flat 519, Ashiana Towers, Anna Salai, Indiranagar, 500043 - India"
    turns = [(told, "customer"),
             ("Just confirming 98450 12345 and Flat 519, Indiranagar, 500043. That's with Marta.", "agent")]
    assert "500043" not in redacted_turns(REDACTOR, turns)[1]


def test_an_address_ends_where_another_value_s_cue_begins():
    text = "I live at 221 Baker Street, SW1A 1AA, ssn 123-45-6789, NI QQ 12 34 56 C"
    found = [(f.entity, text[f.start:f.end]) for f in REDACTOR.find(text, "customer")]
    assert ("national_id", "123-45-6789") in found
    assert _covered(text) == "221BakerStreetSW1A1AA"


@pytest.mark.parametrize(("text", "address"), [
    # no postcode: the street's own word in its language and the house number after its name say it
    ("Thanks Caio, I've found you at Rua Padre Chagas, 3617, casa 2. So eight of them?",
     "Rua Padre Chagas, 3617, casa 2"),
    ("Thanks Lea, I've found you at Hauptstraße 123a. I can take the deposit now.", "Hauptstraße 123a"),
    ("And if I need it back early? We've been at ul. Świętojańska 83/2 since 2009.", "ul. Świętojańska 83/2"),
    ("It's Av. Boa Viagem, 2527, and the CEP comes next", "Av. Boa Viagem, 2527"),
    ("hi, santiago here, from calle 27 273, int. a. i'm a landlord", "calle 27 273, int. a"),
    ("Okay Santiago, I've got Calle 27 273, Int. A, Col. Centro, 44100 Guadalajara, Jal. for the address",
     "Calle 27 273, Int. A, Col. Centro, 44100 Guadalajara, Jal"),
    # read back by the agent: "I've put …"; a floor written as an ordinal ("2. th") is no sentence's end
    ("Lovely, I've put Aleksanterinkatu 60. The balance comes to £120.", "Aleksanterinkatu 60"),
    ("Lovely, I've put Via Giuseppe Garibaldi 124/B.", "Via Giuseppe Garibaldi 124/B"),
    ("Lovely, I've put Calle Mayor 86, 2º C.", "Calle Mayor 86, 2º C"),
    ("Mette will meet the driver, she lives at Søndergade 131, 2. th, 2100.", "Søndergade 131, 2. th, 2100"),
])
def test_a_street_named_before_its_number_is_an_address_after_its_cue_without_a_postcode(text, address):
    assert _covered(text) == "".join(c for c in address if c.isalnum())


@pytest.mark.parametrize("text", [
    "I'm at Level 3 of the car park",  # a level is no street
    "It's Via Dolorosa, the book, 2 copies",  # the number is not the street's: two words of English between
    "we're at step 4 of the form",
    "Lovely, that's via 2 changes from Leeds.",  # "via" and a number, after a cue that only reads back
    "so thats via 2 changes",
])
def test_a_numbered_thing_after_an_address_cue_that_is_no_street_stays(text):
    assert _redacted(text) == text
