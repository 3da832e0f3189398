"""Check digits that tell a real number from a look-alike: Luhn (payment cards, Canadian SIN),
ISO 13616 mod-97 (IBAN), the ABA routing checksum, NHS modulus 11 and Singapore's NRIC letter.
Each takes the compact string (no spaces or dashes) and is named in ``CHECKSUMS`` (over the
digits) or ``TEXT_CHECKSUMS`` (over letters and digits) for the national-id file, which may
also name any validator of python-stdnum (``stdnum:in_.aadhaar``, ``stdnum:es.dni`` ...): its
maintainers keep the check digits of some two hundred national numbers, so a user adding a
country's id writes a pattern and names the validator rather than coding a checksum."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable

# IBAN length per country (ISO 13616 registry)
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27, "BR": 29,
    "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
    "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
    "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
    "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25,
    "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
    "SO": 23, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}


def luhn_valid(digits: str) -> bool:
    """Whether an ASCII digit string passes the Luhn checksum."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def iban_valid(compact: str) -> bool:
    """An IBAN (upper case, no spaces): its country's length and ISO 7064 mod-97 remainder 1."""
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact[2:4].isdigit() or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def aba_valid(digits: str) -> bool:
    """A US ABA routing number: nine digits, weights 3-7-1 summing to a multiple of ten."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    return sum(int(d) * w for d, w in zip(digits, (3, 7, 1) * 3, strict=True)) % 10 == 0


def nhs_valid(digits: str) -> bool:
    """A UK NHS number: ten digits, the last a modulus-11 check over weights 10..2."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    return (0 if check == 11 else check) == int(digits[9])


def nric_valid(compact: str) -> bool:
    """A Singapore NRIC (S, T) or FIN (F, G): a letter, seven digits weighted 2-7-6-5-4-3-2 (plus 4
    for T and G), and the check letter of that sum modulo 11."""
    if not re.fullmatch(r"[STFG]\d{7}[A-Z]", compact):
        return False
    total = sum(int(d) * w for d, w in zip(compact[1:8], (2, 7, 6, 5, 4, 3, 2), strict=True))
    total += 4 if compact[0] in "TG" else 0
    return ("JZIHGFEDCBA" if compact[0] in "ST" else "XWUTRQPNMLK")[total % 11] == compact[8]


def medicare_valid(digits: str) -> bool:
    """An Australian Medicare card number: ten digits (an eleventh, the person's position on the
    card, may follow), the first 2-6, the ninth a check of the first eight weighted 1-3-7-9."""
    if len(digits) not in (10, 11) or not digits.isdigit() or digits[0] not in "23456":
        return False
    return sum(int(d) * w for d, w in zip(digits[:8], (1, 3, 7, 9) * 2, strict=True)) % 10 == int(digits[8])


CHECKSUMS: dict[str, Callable[[str], bool]] = {"luhn": luhn_valid, "aba": aba_valid, "nhs": nhs_valid,
                                               "medicare": medicare_valid}
TEXT_CHECKSUMS: dict[str, Callable[[str], bool]] = {"nric": nric_valid}  # over letters and digits


def checksum(name: str) -> Callable[[str], bool]:
    """The check for a match's text: a name in ``CHECKSUMS`` (over its digits) or
    ``stdnum:<module>`` (python-stdnum's ``is_valid``, over the text without spaces, dots or
    dashes). Raises ValueError for a name that is neither."""
    if name in CHECKSUMS:
        digits_check = CHECKSUMS[name]
        return lambda text: digits_check(re.sub(r"\D", "", text))
    if name in TEXT_CHECKSUMS:
        text_check = TEXT_CHECKSUMS[name]
        return lambda text: text_check(re.sub(r"[\s.-]", "", text).upper())
    module = name.removeprefix("stdnum:")
    if module == name or not re.fullmatch(r"[a-z_]+(?:\.[a-z_]+)*", module):
        raise ValueError(f"unknown checksum {name!r}")
    try:
        is_valid = importlib.import_module(f"stdnum.{module}").is_valid
    except (ImportError, AttributeError):
        raise ValueError(f"python-stdnum has no validator {module!r}") from None
    return lambda text: bool(is_valid(re.sub(r"[\s.-]", "", text)))
