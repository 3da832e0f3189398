"""A held-out labelled PII set, written independently of the tuning set (``eval/data/pii/heldout.jsonl``).

The redactor was tuned on ``eval/data/pii/pii_set.jsonl``; this set was written without looking
at that set or at the redactor, from its own phrasings, name lists, number formats and ASR habits,
so that scoring on it (``eval.pii.load_set(path)`` then ``eval.pii.score``) says how the redactor
does on text it has not been fitted to. ``python tests/pii_sets/heldout.py`` rewrites the file from a
fixed seed, checks every span and prints the counts.

Records are one JSON object a line, the format ``eval.pii.load_set`` reads::

    {"id", "channel": chat|email|voice, "speaker": customer|agent, "text",
     "spans": [{"start", "end", "entity", "text"}], "lookalikes": [{"start", "end", "kind", "text"}]}

with ``text[start:end] == span["text"]`` for every span and look-alike.

**Channels.** *chat* is typed and casual (typos of case, missing punctuation, obfuscated e-mails);
*email* is a whole message body, greeting, paragraphs and sign-off or signature block;
*voice* is ASR output: lower case, no punctuation (apostrophes inside words such as "i'm" are
kept, as most engines do), every number spoken as words with the habits of speech and of the
recogniser: "oh" for zero, "double"/"triple", pairs ("forty two"), "hundred" for round groups,
fillers ("uh", "um", "er") between groups, and self-corrections ("five five five sorry five five
six"); letters spelled one by one ("l s six"), sometimes with a phonetic word ("b for bravo").

**What counts as PII (a span, one of eight entities).**

* ``card`` — a full payment card number (Visa, Mastercard, Amex 15-digit, Discover), any
  separators (space, dash, dot, none); every number passes Luhn.
* ``phone`` — a person's phone number, local or international (UK, US, IE, CA, FR, DE, AU, IN),
  with any country code, trunk "(0)" or brackets.
* ``email`` — a person's e-mail address, typed, obfuscated ("name (at) host (dot) com") or spoken
  ("name dot surname at gmail dot com").
* ``bank`` — an IBAN (DE, FR, NL, ES, IE, GB, valid mod-97 check digits and national check digits
  where the country has them), a UK sort code, a bank account number, a US ABA routing number
  (valid checksum). A sort code and an account number said together are two spans.
* ``national_id`` — US SSN (area never 000, 666 or 9xx), UK National Insurance number (valid
  prefixes and suffix), Canadian SIN (Luhn), Irish PPS number (valid check letter).
* ``dob`` — a date of birth, whole or in parts ("I'm a 1990 baby, born 7th of June": the year and
  the day-month are two spans).
* ``address`` — a home or postal address of a person, UK, US, IE or CA style, with flat,
  apartment, unit or PO Box, ZIP+4, postcode or Eircode; a postcode said on its own is an address.
* ``name`` — a customer's or a third party's (husband, mum, accountant) personal name: full name,
  first name only, surname only ("it's Mrs. Adeyemi": the span is "Adeyemi", titles stay out),
  "Surname, First", a first name in an e-mail sign-off, a surname spelled out letter by letter.

**Span boundaries.** A span covers the value and only the value: no cue words ("my card is"),
no title, no trailing punctuation. A spoken value runs from its first word to its last, and the
fillers and self-corrections inside it ("oh seven seven uh nine double oh sorry nine oh one ...")
are inside the span: all of it must go, since the abandoned digits are the customer's digits too.

**What must stay (a look-alike, one of the kinds of ``eval.pii_set.KINDS``).**

* ``order_ref`` — order, invoice, ticket, case, RMA, booking, quote and bare "reference" numbers.
* ``tracking_serial`` — parcel tracking numbers, IMEIs (which pass Luhn, like cards), device
  serial numbers and MAC addresses, always with a cue ("IMEI", "serial", "tracking").
* ``amount`` — money in digits or words, percentages, meter readings.
* ``service_date`` — dates of service, bills, visits, payments (not of birth).
* ``time`` — clock times and appointment windows.
* ``version`` — software and firmware versions and builds.
* ``error_code`` — error codes and messages.
* ``plan`` — tariff, handset, router and console names containing numbers ("Fibre 500", "Galaxy S23",
  "Hub 3"), data allowances ("20GB").
* ``speed`` — line speeds.
* ``duration_count`` — durations and counts of attempts.
* ``card_last4`` — the last four digits of a card, said as such ("ending 4417").
* ``not_a_name`` — greetings and phrases that look like a name ("Hi there", "Dear Sir or Madam",
  "this is unacceptable", "it's Tuesday"), company and product names after "this is"/"it's"
  ("it's Vodafone", "this is the Pixel 8"), and "Sent from my iPhone".
* ``agent_name`` — the agent's own name in an agent turn (speaker ``agent``): the business's
  employee, not a customer's personal data. A customer's name said by the agent is ``name``.

Text that is neither (cue words, "my pin is... actually I won't say", the last digits of an IBAN
or SSN said before the whole number) is left unlabelled: a detector that redacts it loses
precision but no recall. The set uses no look-alike kind outside ``KINDS`` ("other" is not scored).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

SEED = 20250611
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "eval" / "data" / "pii" / "heldout.jsonl"

ENTITIES = ("card", "phone", "email", "bank", "national_id", "dob", "address", "name")
KINDS = ("order_ref", "tracking_serial", "amount", "service_date", "version", "error_code", "plan",
         "speed", "time", "duration_count", "card_last4", "not_a_name", "agent_name")
CHANNELS = ("chat", "email", "voice")
MIN_MENTIONS, MIN_LOOKALIKES = 300, 300
MIN_PER_ENTITY, MIN_NAMES, MIN_PER_KIND = 30, 60, 15

# ---------------------------------------------------------------- check digits


def luhn_check_digit(partial: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    return bool(digits) and luhn_check_digit(digits[:-1]) == digits[-1]


def iban_check(country: str, bban: str) -> str:
    n = int("".join(str(int(ch, 36)) for ch in bban + country + "00"))
    return f"{98 - n % 97:02d}"


def iban_ok(iban: str) -> bool:
    s = re.sub(r"\s", "", iban).upper()
    return int("".join(str(int(ch, 36)) for ch in s[4:] + s[:4])) % 97 == 1


def aba_ok(routing: str) -> bool:
    d = [int(x) for x in routing]
    return len(d) == 9 and (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


NI_FIRST, NI_SECOND = "ABCEGHJKLMNOPRSTWXYZ", "ABCEGHJKLMNPRSTWXYZ"
NI_BAD = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def nino_ok(nino: str) -> bool:
    s = re.sub(r"\s", "", nino).upper()
    return (bool(re.fullmatch(r"[A-Z]{2}\d{6}[A-D]", s)) and s[0] in NI_FIRST and s[1] in NI_SECOND
            and s[:2] not in NI_BAD)


def ssn_ok(ssn: str) -> bool:
    s = re.sub(r"\D", "", ssn)
    area, group, serial = int(s[:3]), int(s[3:5]), int(s[5:])
    return len(s) == 9 and 0 < area < 900 and area != 666 and group > 0 and serial > 0


def pps_letter(digits: str, second: str = "") -> str:
    total = sum(int(d) * w for d, w in zip(digits, range(8, 1, -1)))
    if second:
        total += 9 * (ord(second) - 64)
    r = total % 23
    return "W" if r == 0 else chr(64 + r)


def pps_ok(pps: str) -> bool:
    s = pps.replace(" ", "").upper()
    m = re.fullmatch(r"(\d{7})([A-W])([A-Z]?)", s)
    return bool(m) and pps_letter(m[1], m[3]) == m[2]


# ---------------------------------------------------------------- spoken numbers

ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen").split()
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
            "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
MONTHS = ("January February March April May June July August September October November December").split()
WEEKDAYS = ("Monday Tuesday Wednesday Thursday Friday Saturday Sunday").split()
NATO = {"a": "alpha", "b": "bravo", "c": "charlie", "d": "delta", "e": "echo", "f": "foxtrot", "g": "golf",
        "h": "hotel", "j": "juliet", "k": "kilo", "l": "lima", "m": "mike", "n": "november", "p": "papa",
        "q": "quebec", "r": "romeo", "s": "sierra", "t": "tango", "w": "whiskey", "x": "x ray", "y": "yankee",
        "z": "zulu"}


def words(n: int) -> str:
    """0..9999 in words, the way people say a quantity ("four hundred and twenty two")."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words(rest))
    rest = n % 1000
    head = ONES[n // 1000] + " thousand"
    if rest == 0:
        return head
    return head + (" and " if rest < 100 else " ") + words(rest)


def ordinal(n: int) -> str:
    if n <= 20:
        return ORDINALS[n - 1]
    if n % 10 == 0:
        return "thirtieth"
    return TENS[n // 10] + " " + ORDINALS[n % 10 - 1]


def ordinal_suffix(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def say_year(y: int, r: random.Random, short_ok: bool = True) -> str:
    if y >= 2000:
        rest = y - 2000
        if rest == 0:
            return "two thousand"
        if rest < 10:
            return r.choice([f"two thousand and {ONES[rest]}", f"two thousand {ONES[rest]}"])
        return r.choice([f"twenty {words(rest)}", f"two thousand and {words(rest)}"])
    hi, lo = divmod(y, 100)
    low = words(lo) if lo >= 10 else ("hundred" if lo == 0 else "oh " + ONES[lo])
    if short_ok and lo >= 10 and r.random() < 0.3:
        return words(lo)
    return f"{words(hi)} {low}"


def say_house(n: int, r: random.Random) -> str:
    if n < 100:
        return words(n)
    if n < 1000:
        hi, lo = divmod(n, 100)
        if lo == 0:
            return f"{ONES[hi]} hundred"
        return r.choice([f"{ONES[hi]} {words(lo) if lo >= 10 else 'oh ' + ONES[lo]}", words(n)])
    hi, lo = divmod(n, 100)
    return f"{words(hi)} {words(lo) if lo >= 10 else ('hundred' if lo == 0 else 'oh ' + ONES[lo])}"


class Speaker:
    """Turns digit strings and letters into the words an ASR engine writes down."""

    def __init__(self, r: random.Random) -> None:
        self.r = r

    def digit(self, d: str) -> str:
        return ("oh" if self.r.random() < 0.8 else "zero") if d == "0" else ONES[int(d)]

    def group(self, g: str, habits: bool = True) -> str:
        r, out, i = self.r, [], 0
        while i < len(g):
            left = len(g) - i
            if habits:
                if left == 3 and g[i] != "0" and g[i + 1:] == "00" and r.random() < 0.6:
                    out.append(f"{ONES[int(g[i])]} hundred")
                    i += 3
                    continue
                if left >= 3 and g[i] == g[i + 1] == g[i + 2] and r.random() < 0.6:
                    out.append("triple " + self.digit(g[i]))
                    i += 3
                    continue
                if left >= 2 and g[i] == g[i + 1] and r.random() < 0.6:
                    out.append("double " + self.digit(g[i]))
                    i += 2
                    continue
                if left >= 2 and g[i] != "0" and r.random() < 0.22:
                    out.append(words(int(g[i:i + 2])))
                    i += 2
                    continue
            out.append(self.digit(g[i]))
            i += 1
        return " ".join(out)

    def digits(self, groups: list[str], *, fillers: float = 0.15, correction: float = 0.12,
               habits: float = 0.7) -> str:
        """Spoken groups, with fillers between them and at most one self-correction."""
        r = self.r
        use_habits = r.random() < habits
        fix_at = r.randrange(len(groups)) if len(groups) > 1 and r.random() < correction else -1
        out = []
        for k, g in enumerate(groups):
            if k and r.random() < fillers:
                out.append(r.choice(["uh", "um", "er", "uh", "erm"]))
            if k == fix_at:
                pos = r.randrange(len(g))
                wrong = g[:pos] + r.choice([d for d in "0123456789" if d != g[pos]]) + g[pos + 1:]
                out.append(self.group(wrong[:pos + 1], use_habits))
                out.append(r.choice(["sorry", "no sorry", "no wait", "i mean", "sorry no", "no hang on"]))
            out.append(self.group(g, use_habits))
        return " ".join(out)

    def letters(self, s: str, nato: float = 0.0) -> str:
        out = []
        for ch in s.lower():
            if ch.isdigit():
                out.append(self.digit(ch))
            elif ch.isalpha():
                out.append(f"{ch} for {NATO[ch]}" if ch in NATO and self.r.random() < nato else ch)
        return " ".join(out)

    def mixed(self, s: str, nato: float = 0.0) -> str:
        """Letters one by one, runs of digits in groups (postcodes, serials, IBANs)."""
        out = []
        for run in re.findall(r"[A-Za-z]+|\d+", s):
            out.append(self.letters(run, nato) if run[0].isalpha() else self.group(run))
        return " ".join(out)


def fold(s: str) -> str:
    """ASCII, lower case, what an ASR engine writes for a name ("Zoë Ó Briain" -> "zoe o briain")."""
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r" +", " ", re.sub(r"[^a-z' ]", " ", s.lower())).strip()


# ---------------------------------------------------------------- people

PEOPLE = [  # (first, last, sex) — many origins; some first names and surnames are also words
    ("Lotte", "van Dijk", "f"), ("Kenji", "Nakamura", "m"), ("Ruth", "Abernethy", "f"), ("Tom", "Becker", "m"),
    ("Folake", "Adeyemi", "f"), ("Siobhán", "Ní Bhriain", "f"), ("Rahul", "Venkataraman", "m"),
    ("Zoë", "Hargreaves", "f"), ("Mateusz", "Wiśniewski", "m"), ("Amara", "Okonkwo", "f"), ("José", "Muñoz", "m"),
    ("Ingrid", "Solberg", "f"), ("Declan", "Fitzgerald", "m"), ("Mei Ling", "Tan", "f"), ("Will", "Price", "m"),
    ("Grace", "Young", "f"), ("Rose", "King", "f"), ("Mark", "Bishop", "m"), ("Hope", "Marsh", "f"),
    ("Yusuf", "Demir", "m"), ("Aisling", "Carroll", "f"), ("Tariq", "Haddad", "m"), ("Beatrix", "Lindqvist", "f"),
    ("Callum", "MacLeod", "m"), ("Nadia", "Rahman", "f"), ("Hamish", "Drummond", "m"), ("Priscilla", "Osei", "f"),
    ("Bogdan", "Ionescu", "m"), ("Sunita", "Chaudhary", "f"), ("Pierre-Yves", "Lefèvre", "m"), ("Eun-ji", "Park", "f"),
    ("Dwayne", "Jackson", "m"), ("Marisol", "Gutiérrez", "f"), ("Oluwaseun", "Bakare", "m"), ("Astrid", "Becker", "f"),
    ("Cormac", "O'Sullivan", "m"), ("Fenna", "de Vries", "f"), ("Gareth", "Pugh", "m"), ("Lakshmi", "Iyer", "f"),
    ("Joaquín", "Herrera", "m"), ("Summer", "Field", "f"), ("Dale", "Hunter", "m"), ("Wen", "Zhou", "m"),
    ("Agnieszka", "Kowalczyk", "f"), ("Brendan", "Kearney", "m"), ("Imani", "Washington", "f"),
    ("Stellan", "Berg", "m"), ("Chiara", "Rossi", "f"), ("Eamon", "Doyle", "m"), ("Precious", "Mokoena", "f"),
    ("Anders", "Holm", "m"), ("Ifeoma", "Eze", "f"), ("Raymond", "Tremblay", "m"), ("Noor", "Al-Sayed", "f"),
    ("Hugh", "Baker", "m"), ("Faith", "Adebayo", "f"), ("Rowan", "Ashby", "m"), ("Maeve", "Gallagher", "f"),
    ("Sandeep", "Gill", "m"), ("Heather", "Moss", "f"), ("Bao", "Nguyen", "m"), ("Olga", "Petrova", "f"),
    ("Véronique", "Gagnon", "f"), ("Dev", "Malhotra", "m"), ("Kirsty", "Baird", "f"), ("Lorenzo", "Bianchi", "m"),
    ("Ayesha", "Siddiqui", "f"), ("Björn", "Eriksson", "m"), ("Patience", "Mensah", "f"), ("Gus", "Fletcher", "m"),
    ("Shira", "Levy", "f"), ("Thandiwe", "Dlamini", "f"), ("Ciarán", "Walsh", "m"), ("Ngozi", "Chukwu", "f"),
]
AGENTS = ["Priya", "Daniel", "Sinéad", "Marcus", "Aoife", "Tomasz", "Jess", "Kwame", "Hannah", "Luis", "Mei",
          "Oliver", "Fatima", "Connor", "Beatriz", "Raj", "Chloe", "Dmitri", "Niamh", "Jordan", "Leanne", "Samir",
          "Gemma", "Andile", "Kasia", "Ravi", "Shauna", "Pedro"]
TITLES = {"f": ["Mrs", "Ms", "Miss", "Dr"], "m": ["Mr", "Mr", "Dr"]}


@dataclass
class Person:
    first: str
    last: str
    sex: str
    country: str
    dob: date
    email_local: list[tuple[str, str]] = field(default_factory=list)
    email_domain: str = ""
    title: str = ""


# ---------------------------------------------------------------- value makers

STREETS = ["Riverside", "Marlborough", "Albert", "Chestnut", "Foxglove", "Kingfisher", "Station", "Mill", "Orchard",
           "Hawthorn", "Victoria", "Beech", "Canal", "St Mary's", "Willow", "Meadow", "Highfield", "Clarence",
           "Primrose", "Ashgrove", "Juniper", "Thornbury", "Lark", "Brunswick"]
UK_TYPES = ["Road", "Street", "Lane", "Avenue", "Close", "Walk", "Crescent", "Gardens", "Way", "Drive", "Terrace",
            "Mews", "Court", "Grove"]
UK_TOWNS = [("Leeds", "LS"), ("Manchester", "M"), ("Bristol", "BS"), ("Glasgow", "G"), ("Cardiff", "CF"),
            ("London", "SE"), ("London", "N"), ("Brighton", "BN"), ("Norwich", "NR"), ("Belfast", "BT"),
            ("Edinburgh", "EH"), ("Sheffield", "S"), ("Nottingham", "NG"), ("Exeter", "EX"), ("York", "YO")]
US_STREETS = ["Elm", "Maple", "Oak", "Cedar", "Pine", "Lakeview", "Sunset", "Franklin", "Washington", "Hillcrest",
              "Magnolia", "Park", "Ridge", "Birch", "Jefferson", "Willow Creek"]
US_TYPES = [("St", "street"), ("Ave", "avenue"), ("Blvd", "boulevard"), ("Dr", "drive"), ("Ln", "lane"),
            ("Rd", "road"), ("Ct", "court"), ("Way", "way"), ("Pl", "place")]
US_CITIES = [("Springfield", "IL", "Illinois", "627"), ("Boise", "ID", "Idaho", "837"),
             ("Austin", "TX", "Texas", "787"), ("Columbus", "OH", "Ohio", "432"), ("Portland", "OR", "Oregon", "972"),
             ("Tampa", "FL", "Florida", "336"), ("Madison", "WI", "Wisconsin", "537"),
             ("Raleigh", "NC", "North Carolina", "276"), ("Denver", "CO", "Colorado", "802"),
             ("Sacramento", "CA", "California", "958"), ("Albany", "NY", "New York", "122"),
             ("Phoenix", "AZ", "Arizona", "850")]
IE_PLACES = [("Ranelagh", "Dublin 6", "D06"), ("Drumcondra", "Dublin 9", "D09"), ("Salthill", "Galway", "H91"),
             ("Ballincollig", "Co. Cork", "P31"), ("Ennis", "Co. Clare", "V95"), ("Blackrock", "Co. Dublin", "A94"),
             ("Douglas", "Cork", "T12"), ("Castletroy", "Limerick", "V94")]
IE_ESTATES = ["The Cedars", "Oakfield Park", "Beechwood Court", "Millbrook Grove", "Seaview Heights", "Ard na Gréine"]
CA_CITIES = [("Toronto", "ON", "Ontario", "M"), ("Vancouver", "BC", "British Columbia", "V"),
             ("Calgary", "AB", "Alberta", "T"), ("Ottawa", "ON", "Ontario", "K"), ("Halifax", "NS", "Nova Scotia", "B"),
             ("Winnipeg", "MB", "Manitoba", "R")]
UK_PC_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
EIR_CHARS = "ACDEFHKNPRTVWXY0123456789"
US_AREA = ["212", "312", "415", "617", "713", "206", "303", "404", "503", "602", "702", "718", "917", "646", "305",
           "480", "512", "612", "214", "916", "208", "614", "919", "813"]
CA_AREA = ["416", "647", "604", "778", "514", "403", "613", "902", "204"]
DOMAINS = {"uk": ["gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com", "yahoo.co.uk", "icloud.com",
                  "sky.com"],
           "us": ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "comcast.net", "proton.me"],
           "ie": ["gmail.com", "eircom.net", "hotmail.com", "outlook.ie", "icloud.com"],
           "ca": ["gmail.com", "rogers.com", "shaw.ca", "outlook.com", "sympatico.ca"],
           "eu": ["gmail.com", "web.de", "gmx.de", "orange.fr", "free.fr", "ziggo.nl", "telefonica.net", "proton.me"]}
WORK_DOMAINS = ["harrowfield-logistics.co.uk", "brightsidedental.com", "kestrel-eng.ie", "norhavn.nl",
                "pinecrestlaw.com", "atelier-vauban.fr"]


class Values:
    """Random values, each in its typed and spoken form."""

    def __init__(self, r: random.Random) -> None:
        self.r = r
        self.say = Speaker(r)

    def d(self, n: int, first_nonzero: bool = False) -> str:
        s = "".join(self.r.choice("0123456789") for _ in range(n))
        if first_nonzero and s[0] == "0":
            s = self.r.choice("123456789") + s[1:]
        return s

    # -- cards
    def card_digits(self, brand: str) -> str:
        r = self.r
        if brand == "visa":
            head = "4" + self.d(14)
        elif brand == "mc":
            head = (str(r.randint(51, 55)) + self.d(13)) if r.random() < 0.7 else \
                (str(r.randint(2221, 2720)) + self.d(11))
        elif brand == "amex":
            head = r.choice(["34", "37"]) + self.d(12)
        else:
            head = r.choice(["6011" + self.d(11), "65" + self.d(13), str(r.randint(644, 649)) + self.d(12)])
        num = head + luhn_check_digit(head)
        assert luhn_ok(num)
        return num

    def card(self, voice: bool, brand: str | None = None, sep: str | None = None) -> str:
        r = self.r
        brand = brand or r.choice(["visa", "visa", "mc", "mc", "amex", "discover"])
        num = self.card_digits(brand)
        groups = [num[:4], num[4:10], num[10:]] if brand == "amex" else [num[i:i + 4] for i in range(0, 16, 4)]
        if voice:
            return self.say.digits(groups, correction=0.15)
        sep = sep if sep is not None else r.choice([" ", " ", "-", "", ".", " "])
        return sep.join(groups)

    # -- phones
    def phone_parts(self, country: str) -> tuple[str, list[str]]:
        """(typed, spoken groups) for a number in the country's own habits."""
        r, d = self.r, self.d
        if country == "uk":
            kind = r.random()
            if kind < 0.55:
                a, b = "07" + r.choice("3456789") + d(2), d(6)
                typed = r.choice([f"{a} {b}", f"{a}{b}", f"{a} {b[:3]} {b[3:]}", f"+44 {a[1:]} {b}",
                                  f"+44 (0){a[1:]} {b}", f"+447{a[2:]}{b}", f"{a}-{b[:3]}-{b[3:]}"])
                return typed, [a, b[:3], b[3:]] if r.random() < 0.5 else [a, b]
            if kind < 0.8:
                a, b, c = "020", r.choice("378") + d(3), d(4)
                return r.choice([f"{a} {b} {c}", f"({a}) {b} {c}", f"+44 20 {b} {c}"]), [a, b, c]
            area = r.choice(["0161", "0113", "0117", "0131", "0141", "0121", "0114", "01603"])
            b = d(6 if len(area) == 5 else 7, True)
            return r.choice([f"{area} {b}", f"{area} {b[:3]} {b[3:]}", f"{area}-{b}"]), [area, b[:3], b[3:]]
        if country in ("us", "ca"):
            area = r.choice(US_AREA if country == "us" else CA_AREA)
            ex, line = r.choice("23456789") + d(2), d(4)
            typed = r.choice([f"({area}) {ex}-{line}", f"{area}-{ex}-{line}", f"{area}.{ex}.{line}",
                              f"+1 {area} {ex} {line}", f"1-{area}-{ex}-{line}", f"{area} {ex} {line}",
                              f"{area}{ex}{line}", f"+1 ({area}) {ex}-{line}"])
            return typed, [area, ex, line]
        if country == "ie":
            if r.random() < 0.7:
                a, b, c = "08" + r.choice("35679"), d(3, True), d(4)
                return r.choice([f"{a} {b} {c}", f"{a}-{b}{c}", f"+353 {a[1:]} {b} {c}",
                                 f"(0{a[1:]}) {b} {c}"]), [a, b, c]
            a, b = "01", d(7, True)
            return r.choice([f"01 {b[:3]} {b[3:]}", f"+353 1 {b}"]), [a, b[:3], b[3:]]
        if country == "fr":
            n = r.choice("67") + d(8)
            pairs = [n[i:i + 2] for i in range(1, 9, 2)]
            return r.choice([f"+33 {n[0]} " + " ".join(pairs), f"0{n[0]} " + " ".join(pairs), f"+33{n}",
                             f"0{n[0]}." + ".".join(pairs)]), ["0" + n[0]] + pairs
        if country == "de":
            pre = r.choice(["151", "152", "160", "170", "176", "30", "89", "40"])
            rest = d(8 if len(pre) == 3 else 7, True)
            return r.choice([f"+49 {pre} {rest}", f"0{pre} {rest}", f"+49 ({pre}) {rest[:4]} {rest[4:]}",
                             f"0{pre}/{rest}"]), ["0" + pre, rest[:4], rest[4:]]
        if country == "au":
            n = "4" + d(8)
            return r.choice([f"+61 {n[:3]} {n[3:6]} {n[6:]}", f"0{n[:3]} {n[3:6]} {n[6:]}", f"+61{n}"]), \
                ["0" + n[:3], n[3:6], n[6:]]
        if country == "in":
            n = r.choice("6789") + d(9)
            return r.choice([f"+91 {n[:5]} {n[5:]}", f"+91-{n[:5]}-{n[5:]}", f"0{n[:5]} {n[5:]}", f"+91{n}"]), \
                [n[:5], n[5:]]
        raise ValueError(country)

    def phone(self, voice: bool, country: str) -> str:
        typed, groups = self.phone_parts(country)
        if not voice:
            return typed
        r = self.r
        cc = {"uk": "44", "ie": "353", "fr": "33", "de": "49", "au": "61", "in": "91", "us": "1", "ca": "1"}[country]
        lead = ""
        abroad = country in ("fr", "de", "au", "in")
        if r.random() < (0.6 if abroad else 0.15 if country in ("uk", "ie") else 0):
            lead = r.choice(["plus ", "plus ", "double oh "]) + self.say.group(cc, False) + " "
            if groups[0].startswith("0"):
                groups = ([groups[0][1:]] if len(groups[0]) > 1 else []) + groups[1:]
        return lead + self.say.digits(groups, correction=0.18)

    # -- emails
    def email_local(self, p: Person) -> list[tuple[str, str]]:
        """Tokens: ("w", word) ("s", separator) ("d", digits)."""
        r = self.r
        first = re.sub(r"[^a-z]", "", fold(p.first.split()[0]).replace(" ", ""))
        last = re.sub(r"[^a-z]", "", fold(p.last).replace(" ", ""))
        num = [("d", r.choice([str(p.dob.year)[2:], str(r.randint(1, 99)), str(p.dob.year), "123"]))]
        style = r.randrange(9)
        if style == 0:
            return [("w", first), ("s", "."), ("w", last)]
        if style == 1:
            return [("w", first), ("w", last)] + num
        if style == 2:
            return [("w", first[0]), ("s", "."), ("w", last)]
        if style == 3:
            return [("w", first), ("s", "_"), ("w", last)]
        if style == 4:
            return [("w", last), ("w", first[0])] + num
        if style == 5:
            return [("w", first), ("s", "."), ("w", last)] + num
        if style == 6:
            return [("w", r.choice(["sunny", "blue", "mad", "lucky", "little", "big"])),
                    ("w", r.choice(["fox", "bird", "dog", "cat", "bear", "otter"]))] + num
        if style == 7:
            return [("w", first), ("s", "-"), ("w", last)]
        return [("w", first), ("w", last[0])] + num

    def email(self, p: Person, voice: bool, local=None, domain=None, obfuscate: bool = False) -> str:
        local = local or p.email_local
        domain = domain or p.email_domain
        if not voice:
            typed_local = "".join(t for _, t in local)
            if obfuscate:
                return typed_local + self.r.choice([" (at) ", " [at] ", " at "]) + domain.replace(
                    ".", self.r.choice([" (dot) ", " [dot] ", " dot "]))
            return f"{typed_local}@{domain}"
        r, out = self.r, []
        for kind, tok in local:
            if kind == "s":
                out.append({".": "dot", "_": "underscore", "-": r.choice(["dash", "hyphen"])}[tok])
            elif kind == "d":
                out.append(self.say.group(tok) if len(tok) != 2 or r.random() < 0.4 else words(int(tok)))
            elif len(tok) == 1:
                out.append(tok)
            else:
                out.append(tok)
        parts = domain.split(".")
        dom = " dot ".join(self.say.letters(x) if x in ("bt",) else x for x in parts)
        return " ".join(out) + " at " + dom

    # -- bank
    def iban(self, country: str | None = None) -> str:
        r, d = self.r, self.d
        country = country or r.choice(["DE", "FR", "NL", "ES", "IE", "GB", "GB", "IE"])
        if country == "DE":
            bban = r.choice("12345678") + d(7) + d(10)
        elif country == "FR":
            bank, branch, acct = d(5, True), d(5), d(11)
            key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97)
            bban = f"{bank}{branch}{acct}{key:02d}"
        elif country == "NL":
            while True:
                acct = d(9, True)
                last = (-sum(int(x) * w for x, w in zip(acct, range(10, 1, -1)))) % 11
                if last < 10:
                    break
            bban = r.choice(["ABNA", "RABO", "TRIO", "SNSB", "ASNB", "KNAB", "BUNQ"]) + acct + str(last)
        elif country == "ES":
            bank, branch, acct = d(4, True), d(4), d(10)
            w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

            def dc(s: str) -> str:
                v = 11 - sum(int(x) * y for x, y in zip(s, w)) % 11
                return "0" if v == 11 else "1" if v == 10 else str(v)
            bban = bank + branch + dc("00" + bank + branch) + dc(acct) + acct
        elif country == "IE":
            bban = r.choice(["AIBK", "BOFI", "IPBS", "ULSB"]) + d(6, True) + d(8)
        else:
            bban = r.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "MONZ", "SRLG", "NAIA"]) + d(6, True) + d(8)
        iban = country + iban_check(country, bban) + bban
        assert iban_ok(iban)
        return iban

    def iban_text(self, voice: bool, country: str | None = None) -> tuple[str, str]:
        """(text, the typed compact IBAN)."""
        iban = self.iban(country)
        groups = [iban[i:i + 4] for i in range(0, len(iban), 4)]
        if voice:
            r, parts = self.r, []
            for k, g in enumerate(groups):
                if k and r.random() < 0.1:
                    parts.append(r.choice(["uh", "um"]))
                parts.append(self.say.mixed(g, nato=0.08))
            return " ".join(parts), iban
        return (" ".join(groups) if self.r.random() < 0.65 else iban), iban

    def sortcode(self, voice: bool) -> str:
        s = self.d(6, True)
        if voice:
            if self.r.random() < 0.4 and "0" not in s[::2]:
                return " ".join(words(int(s[i:i + 2])) for i in range(0, 6, 2))
            return self.say.digits([s[:2], s[2:4], s[4:]], correction=0.1)
        return self.r.choice([f"{s[:2]}-{s[2:4]}-{s[4:]}", f"{s[:2]}-{s[2:4]}-{s[4:]}", f"{s[:2]} {s[2:4]} {s[4:]}", s])

    def account(self, voice: bool, n: int = 8) -> str:
        s = self.d(n, True)
        if voice:
            return self.say.digits([s[:4], s[4:]] if n <= 8 else [s[:4], s[4:8], s[8:]], correction=0.12)
        return s if self.r.random() < 0.8 else f"{s[:4]} {s[4:]}"

    def aba(self, voice: bool) -> str:
        r = self.r
        while True:
            head = f"{r.choice([r.randint(1, 12), r.randint(21, 32)]):02d}" + self.d(6)
            w = [3, 7, 1, 3, 7, 1, 3, 7]
            check = (10 - sum(int(x) * y for x, y in zip(head, w)) % 10) % 10
            routing = head + str(check)
            if aba_ok(routing):
                break
        return self.say.digits([routing[:3], routing[3:6], routing[6:]]) if voice else routing

    # -- national ids
    def ssn(self, voice: bool) -> tuple[str, str]:
        r = self.r
        area = r.choice([a for a in range(1, 900) if a != 666])
        s = f"{area:03d}{r.randint(1, 99):02d}{r.randint(1, 9999):04d}"
        assert ssn_ok(s)
        if voice:
            return self.say.digits([s[:3], s[3:5], s[5:]], correction=0.12), s
        return r.choice([f"{s[:3]}-{s[3:5]}-{s[5:]}", f"{s[:3]}-{s[3:5]}-{s[5:]}", f"{s[:3]} {s[3:5]} {s[5:]}", s]), s

    def nino(self, voice: bool) -> str:
        r = self.r
        while True:
            pre = r.choice(NI_FIRST) + r.choice(NI_SECOND)
            if pre not in NI_BAD:
                break
        s = pre + self.d(6) + r.choice("ABCD")
        assert nino_ok(s)
        if voice:
            return self.say.letters(pre, 0.15) + " " + self.say.digits([s[2:4], s[4:6], s[6:8]], correction=0.08) + \
                " " + self.say.letters(s[-1], 0.15)
        return r.choice([s, f"{s[:2]} {s[2:4]} {s[4:6]} {s[6:8]} {s[8]}", f"{s[:2]}{s[2:8]} {s[8]}", s.lower()])

    def sin(self, voice: bool) -> str:
        head = self.r.choice("12345679") + self.d(7)
        s = head + luhn_check_digit(head)
        assert luhn_ok(s)
        if voice:
            return self.say.digits([s[:3], s[3:6], s[6:]])
        return self.r.choice([f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]}-{s[3:6]}-{s[6:]}", s])

    def pps(self, voice: bool) -> str:
        digits = self.d(7)
        second = "A" if self.r.random() < 0.4 else ""
        s = digits + pps_letter(digits, second) + second
        assert pps_ok(s)
        if voice:
            return self.say.digits([digits[:3], digits[3:]]) + " " + self.say.letters(s[7:], 0.2)
        return s if self.r.random() < 0.8 else f"{digits} {s[7:]}"

    # -- dates of birth
    def dob_text(self, dob: date, voice: bool, style: int | None = None) -> str:
        r = self.r
        dd, mm, yy = dob.day, dob.month, dob.year
        mon = MONTHS[mm - 1]
        if voice:
            style = r.randrange(5) if style is None else style
            y = say_year(yy, r)
            if style == 0:
                return f"the {ordinal(dd)} of {mon.lower()} {y}"
            if style == 1:
                return f"{mon.lower()} {ordinal(dd)} {y}"
            if style == 2:
                return f"{self.say.group(f'{dd:02d}', False)} {self.say.group(f'{mm:02d}', False)} {y}"
            if style == 3:
                return f"{ordinal(dd)} {mon.lower()} {y}"
            return f"{ordinal(dd)} of the {ordinal(mm)} {y}"
        style = r.randrange(9) if style is None else style
        y2 = str(yy)[2:]
        return [f"{dd:02d}/{mm:02d}/{yy}", f"{ordinal_suffix(dd)} {mon} {yy}", f"{mon} {dd}, {yy}",
                f"{yy}-{mm:02d}-{dd:02d}", f"{dd} {mon[:3]} {y2}", f"{dd:02d}.{mm:02d}.{yy}",
                f"the {ordinal_suffix(dd)} of {mon} '{y2}", f"{mm}/{dd}/{yy}", f"{dd}/{mm}/{y2}"][style]

    def dob_year(self, dob: date, voice: bool) -> str:
        return say_year(dob.year, self.r) if voice else str(dob.year)

    def dob_daymonth(self, dob: date, voice: bool) -> str:
        mon = MONTHS[dob.month - 1]
        if voice:
            return self.r.choice([f"{ordinal(dob.day)} of {mon.lower()}", f"{mon.lower()} {ordinal(dob.day)}",
                                  f"the {ordinal(dob.day)} of {mon.lower()}"])
        return self.r.choice([f"{ordinal_suffix(dob.day)} of {mon}", f"{dob.day} {mon}",
                              f"{mon} {ordinal_suffix(dob.day)}", f"{ordinal_suffix(dob.day)} {mon[:3]}"])

    # -- addresses
    def uk_postcode(self, area: str) -> str:
        r = self.r
        district = str(r.randint(1, 28)) if len(area) == 2 else str(r.randint(1, 40))
        return f"{area}{district} {r.randint(1, 9)}{r.choice(UK_PC_LETTERS)}{r.choice(UK_PC_LETTERS)}"

    def ca_postcode(self, letter: str) -> str:
        r = self.r
        return (f"{letter}{r.randint(0, 9)}{r.choice('ABCEGHJKLMNPRSTVXY')} "
                f"{r.randint(0, 9)}{r.choice('ABCEGHJKLMNPRSTVWXYZ')}{r.randint(0, 9)}")

    def postcode(self, country: str, voice: bool) -> str:
        r = self.r
        if country == "us":
            city = r.choice(US_CITIES)
            z = city[3] + self.d(2)
            if voice:
                return self.say.digits([z] + ([self.d(4)] if r.random() < 0.3 else []), correction=0.05)
            return z if r.random() < 0.6 else f"{z}-{self.d(4)}"
        if country == "ie":
            p = r.choice(IE_PLACES)
            code = p[2] + " " + "".join(r.choice(EIR_CHARS) for _ in range(4))
            return self.say.mixed(code, 0.1) if voice else code
        if country == "ca":
            code = self.ca_postcode(r.choice(CA_CITIES)[3])
            return self.say.mixed(code, 0.1) if voice else code
        pc = self.uk_postcode(r.choice(UK_TOWNS)[1])
        return self.say.mixed(pc, 0.1) if voice else pc

    def address(self, country: str, voice: bool, multiline: bool = False, kind: str | None = None) -> str:
        r = self.r
        sep = "\n" if multiline else ", "
        if country == "us":
            city, st, state, z3 = r.choice(US_CITIES)
            zipc = z3 + self.d(2)
            plus4 = self.d(4) if r.random() < 0.35 else ""
            kind = kind or r.choice(["house", "apt", "apt", "pobox", "unit"])
            if kind == "pobox":
                box = r.randint(12, 9899)
                if voice:
                    return f"p o box {say_house(box, r)} {city.lower()} {state.lower()} " + \
                        self.say.digits([zipc] + ([plus4] if plus4 else []), correction=0.05, fillers=0)
                return (r.choice(["PO Box", "P.O. Box", "PO BOX"]) + f" {box}{sep}{city}, {st} {zipc}"
                        + (f"-{plus4}" if plus4 else ""))
            num = r.choice([r.randint(10, 99), r.randint(100, 999), r.randint(1000, 9899)])
            street = r.choice(US_STREETS)
            abbr, full = r.choice(US_TYPES)
            unit = ""
            unit_v = ""
            if kind == "apt":
                u = r.choice([str(r.randint(1, 30)) + r.choice("ABCD"), str(r.randint(101, 912))])
                unit = r.choice([f"Apt {u}", f"Apt. {u}", f"#{u}", f"Apartment {u}"])
                unit_v = "apartment " + (say_house(int(u), r) if u.isdigit() else
                                         f"{words(int(u[:-1]))} {u[-1].lower()}")
            elif kind == "unit":
                u = str(r.randint(1, 40))
                unit = r.choice([f"Unit {u}", f"Suite {int(u) * 10}"])
                unit_v = unit.lower().split()[0] + " " + say_house(int(unit.split()[1]), r)
            if voice:
                zip_v = self.say.digits([zipc] + ([plus4] if plus4 else []), correction=0.05, fillers=0)
                return " ".join(x for x in [say_house(num, r), street.lower(), full, unit_v, city.lower(),
                                            state.lower(), zip_v] if x)
            line1 = f"{num} {street} {abbr}" + (r.choice([" ", ", "]) + unit if unit else "")
            return f"{line1}{sep}{city}, {st} {zipc}" + (f"-{plus4}" if plus4 else "")
        if country == "ie":
            area, county, rk = r.choice(IE_PLACES)
            code = rk + " " + "".join(r.choice(EIR_CHARS) for _ in range(4))
            if r.random() < 0.5:
                apt = r.randint(1, 48)
                estate = r.choice(IE_ESTATES)
                if voice:
                    return (f"apartment {words(apt)} {fold(estate)} {area.lower()} {fold(county)} "
                            f"{self.say.mixed(code, 0.1)}")
                return f"Apt {apt}{sep}{estate}{sep}{area}{sep}{county}{sep}{code}" if multiline else \
                    f"Apartment {apt}, {estate}, {area}, {county}, {code}"
            num = r.randint(1, 140)
            street = f"{r.choice(STREETS)} {r.choice(['Road', 'Street', 'Avenue', 'Park', 'Terrace'])}"
            if voice:
                return f"{words(num)} {fold(street)} {area.lower()} {fold(county)} {self.say.mixed(code, 0.1)}"
            return f"{num} {street}{sep}{area}{sep}{county}{sep}{code}"
        if country == "ca":
            city, prov, pname, letter = r.choice(CA_CITIES)
            code = self.ca_postcode(letter)
            num, unit = r.randint(10, 2999), r.randint(101, 2405)
            name = r.choice(["Harbour", "Queen", "Bloor", "Granville", "Kent", "Portage"])
            abbr, full = r.choice([("St", "street"), ("Ave", "avenue"), ("Blvd", "boulevard")])
            street = f"{name} {abbr}"
            if voice:
                return (f"unit {say_house(unit, r)} {say_house(num, r)} {name.lower()} {full} {city.lower()} "
                        f"{pname.lower()} {self.say.mixed(code, 0.1)}")
            return f"{unit}-{num} {street}{sep}{city}, {prov} {code}"
        town, area = r.choice(UK_TOWNS)
        pc = self.uk_postcode(area)
        num = r.randint(1, 212)
        street = f"{r.choice(STREETS)} {r.choice(UK_TYPES)}"
        flat = r.random() < 0.4
        fl = r.choice([str(r.randint(1, 24)), f"{r.randint(1, 9)}{r.choice('ABC')}"])
        if voice:
            fl_v = words(int(fl)) if fl.isdigit() else f"{words(int(fl[:-1]))} {fl[-1].lower()}"
            flat_v = f"flat {fl_v} " if flat else ""
            return f"{flat_v}{say_house(num, r)} {fold(street)} {town.lower()} {self.say.mixed(pc, 0.1)}"
        flat_t = (r.choice([f"Flat {fl}, ", f"flat {fl}, ", f"Flat {fl}{sep}"])) if flat else ""
        return f"{flat_t}{num} {street}{sep}{town} {pc}" if r.random() < 0.6 or multiline else \
            f"{flat_t}{num} {street}, {town}, {pc}"


# ---------------------------------------------------------------- look-alike values

COMPANIES = ["Vodafone", "BT", "Sky", "Virgin Media", "Comcast", "Verizon", "PayPal", "Amazon", "Eir", "Three",
             "EE", "Rogers", "Deutsche Telekom", "Orange", "Bell", "Xfinity", "Octopus", "British Gas"]
PRODUCTS = ["Pixel 8", "Galaxy S23", "iPhone 15 Pro", "Sky Q box", "Echo Dot", "Fire Stick", "Hub 3", "Galaxy A54",
            "MacBook Air", "Pixel 7a"]
TARIFFS = ["Fibre 500", "Unlimited 30", "Full Fibre 900", "Essentials 12", "5G Max 100", "Superfast 2", "Gig1 Fibre",
           "Broadband 67", "Family 4 lines", "SIM Only 30 day", "Fibre 150", "Unlimited Max 5G", "Talk & Text 500"]
TARIFFS_V = ["fibre five hundred", "unlimited thirty", "full fibre nine hundred", "essentials twelve",
             "five g max hundred", "superfast two", "gig one fibre", "fibre sixty seven", "fibre one fifty",
             "sim only thirty day", "family four lines"]
DEVICES = ["Galaxy S23", "iPhone 15 Pro", "Pixel 8", "Moto G84", "iPhone 13 mini", "Galaxy A54", "Xbox Series X",
           "PS5", "Sky Q 2TB", "Hub 3", "Smart Hub 2", "Deco X50", "Archer AX55", "Fritz!Box 7530",
           "Surface Pro 9", "WH-1000XM5"]
ROUTERS = ["Hub 3", "Smart Hub 2", "Deco X50", "Archer AX55", "Fritz!Box 7530", "Hub 5", "Super Router 2", "eero 6+"]
DEVICES_V = ["galaxy s twenty three", "iphone fifteen pro", "pixel eight", "xbox series x", "p s five",
             "sky q two terabyte", "iphone thirteen mini", "moto g eighty four", "hub three", "smart hub two"]
GREETINGS_CHAT = ["Hi there", "Hiya", "Hello there", "Good morning", "Hey guys", "Evening all", "Howdy"]
NOT_NAMES_PHRASES = ["this is unacceptable", "this is ridiculous", "it's Tuesday", "this is a joke", "it's urgent",
                     "this is Sunday", "it's broken again", "this is the third time"]


class Looks:
    """Look-alike values, typed and spoken."""

    def __init__(self, r: random.Random, v: Values) -> None:
        self.r, self.v, self.say = r, v, v.say

    def order(self, voice: bool) -> str:
        r, d = self.r, self.v.d
        if voice:
            style = r.randrange(4)
            if style == 0:
                return self.say.digits([d(3, True), d(4)], correction=0.05)
            if style == 1:
                return self.say.letters(r.choice("ABCDEHKMRSW")) + " " + self.say.digits([d(3), d(3)], correction=0)
            if style == 2:
                return self.say.digits([d(2, True), d(3), d(3)], correction=0.05)
            return self.say.mixed(r.choice(["SO", "OR", "WEB"]) + d(6))
        return r.choice([f"#A-{d(6)}", f"{d(7, True)}", f"#{d(3)}-{d(7)}-{d(7)}",
                         f"ORD-{d(4)}{r.choice('KQXZ')}-{d(4)}", f"W{d(9)}", f"SO{d(6)}", f"{d(10, True)}",
                         f"#{d(5, True)}", f"BK-{d(6)}", f"ON{d(8)}"])

    def invoice(self, voice: bool) -> str:
        r, d = self.r, self.v.d
        if voice:
            return self.say.letters("inv") + " " + self.say.digits([d(4), d(4)], correction=0) if r.random() < 0.4 \
                else self.say.digits([d(4, True), d(4)], correction=0)
        return r.choice([f"INV-{r.randint(2022, 2025)}-{d(5)}", f"INV{d(7)}", f"{d(8, True)}", f"#{d(6)}",
                         f"SI-{d(6)}"])

    def ticket(self, voice: bool) -> str:
        r, d = self.r, self.v.d
        if voice:
            return self.say.digits([d(3, True), d(4)], correction=0.05)
        return r.choice([f"{d(7, True)}", f"#{d(6, True)}", f"TKT-{d(6)}", f"INC{d(7)}", f"CS-{d(5)}",
                         f"CAS-{d(5)}-{d(4)}", f"{d(8, True)}"])

    def case(self, voice: bool) -> str:
        r, d = self.r, self.v.d
        if voice:
            return self.say.digits([d(4, True), d(4)], correction=0.05)
        return r.choice([f"{d(8, True)}", f"CS{d(7)}", f"C-{d(6)}", f"{d(2)}-{d(6)}", f"CN{d(6)}", f"00{d(6)}"])

    def rma(self, voice: bool) -> str:
        r, d = self.r, self.v.d
        if voice:
            return self.say.digits([d(4, True), d(2)], correction=0)
        return r.choice([f"RMA-{d(4)}-{d(2)}", f"RMA{d(7)}", f"R{d(6)}", f"{d(4, True)}-{d(3)}"])

    def ref(self, voice: bool) -> str:
        r, d = self.r, self.v.d
        if voice:
            return self.say.mixed("".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(2)) + d(6), 0.2)
        return r.choice([f"{''.join(r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ') for _ in range(6))}",
                         f"REF {r.randint(2023, 2025)}{d(4)}-{d(4)}", f"{d(3)}-{d(3)}-{d(3)}", f"Q-{d(5)}",
                         f"{''.join(r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ') for _ in range(2))}{d(6)}", f"PR{d(9)}"])

    def tracking(self, voice: bool) -> str:
        r, d = self.r, self.v.d
        style = r.randrange(6)
        alnum = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
        if style == 0:
            t = "1Z" + "".join(r.choice(alnum) for _ in range(6)) + d(10)
        elif style == 1:
            t = "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + d(9) + "GB"
        elif style == 2:
            t = d(12, True)
        elif style == 3:
            t = "9400" + d(18)
        elif style == 4:
            t = d(14, True)
        else:
            t = "JD" + d(16)
        if voice:
            return self.say.mixed(t[:14], 0.1)
        if style in (2, 3) and r.random() < 0.5:
            return " ".join(t[i:i + 4] for i in range(0, len(t), 4))
        return t

    def imei(self, voice: bool) -> str:
        r = self.r
        head = r.choice(["35", "35", "86", "01", "49"]) + self.v.d(12)
        s = head + luhn_check_digit(head)
        assert luhn_ok(s)
        if voice:
            return self.say.digits([s[:2], s[2:8], s[8:14], s[14:]], correction=0.05)
        return r.choice([f"{s[:2]}-{s[2:8]}-{s[8:14]}-{s[14]}", s, f"{s[:2]} {s[2:8]} {s[8:14]} {s[14]}",
                         f"{s[:8]} {s[8:]}"])

    def serial(self, voice: bool) -> str:
        r = self.r
        alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
        style = r.randrange(4)
        if style == 0:
            s = "C02" + "".join(r.choice(alnum) for _ in range(9))
        elif style == 1:
            s = "R58" + r.choice("MNR") + self.v.d(2) + "".join(r.choice(alnum) for _ in range(5))
        elif style == 2:
            s = self.v.d(4) + r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") + self.v.d(7)
        else:
            s = ":".join("".join(r.choice("0123456789ABCDEF") for _ in range(2)) for _ in range(6))
        if voice:
            return self.say.mixed(s.replace(":", ""), 0.15)
        return s

    def amount(self, voice: bool, cur: str = "£") -> str:
        r = self.r
        pounds = r.choice([r.randint(3, 99), r.randint(100, 499), r.randint(1000, 2500)])
        pence = r.choice([0, 99, 50, r.randint(1, 98)])
        unit = {"£": ("pounds", "quid"), "$": ("dollars", "bucks"), "€": ("euro", "euro")}[cur]
        if voice:
            style = r.randrange(4)
            if style == 0 and pence:
                return f"{words(pounds)} {words(pence) if pence >= 10 else 'oh ' + ONES[pence]}"
            if style == 1:
                return f"{words(pounds)} {unit[0]}" + (f" {words(pence)}" if pence >= 10 else "")
            if style == 2:
                return f"{words(pounds).replace('one hundred', 'a hundred')} {unit[1]}"
            return f"{words(pounds)} {unit[0]}"
        style = r.randrange(8)
        if style == 0:
            return f"{cur}{pounds:,}" + (f".{pence:02d}" if pence else "")
        if style == 1:
            return f"{cur}{pounds:,}.{pence:02d}"
        if style == 2:
            return f"{words(min(pounds, 99))} {unit[r.randrange(2)]}"
        if style == 3:
            return f"{pounds}.{pence:02d}"
        if style == 4:
            return f"{cur}{pounds:,}"
        if style == 5:
            return f"{cur}{pounds}.{pence:02d}"
        if style == 6:
            return f"{pounds} {unit[0]}"
        return f"{cur}{pounds:,}.{pence:02d}"

    def service_date(self, voice: bool) -> str:
        r = self.r
        dt = date(2024, 1, 1) + timedelta(days=r.randint(0, 540))
        mon = MONTHS[dt.month - 1]
        if voice:
            return r.choice([f"the {ordinal(dt.day)}", f"{WEEKDAYS[dt.weekday()].lower()} the {ordinal(dt.day)}",
                             f"the {ordinal(dt.day)} of {mon.lower()}", f"{mon.lower()} {ordinal(dt.day)}",
                             f"next {WEEKDAYS[dt.weekday()].lower()}", f"last {WEEKDAYS[dt.weekday()].lower()}"])
        return r.choice([f"{dt.day} {mon}", f"{dt.day:02d}/{dt.month:02d}/{dt.year}", f"the {ordinal_suffix(dt.day)}",
                         f"{WEEKDAYS[dt.weekday()]} {ordinal_suffix(dt.day)}", f"{ordinal_suffix(dt.day)} of {mon}",
                         f"{dt.isoformat()}", f"{mon[:3]} {dt.day}", f"{dt.month}/{dt.day}",
                         f"{dt.day}/{dt.month}/{str(dt.year)[2:]}",
                         f"{mon} {dt.day}, {dt.year}"])

    def time(self, voice: bool) -> str:
        """A point in time; windows ("between 8 and 12") are two of these, see ``Generator.window``."""
        r = self.r
        h, m = r.randint(7, 19), r.choice([0, 15, 30, 45, 0])
        h12 = h if h <= 12 else h - 12
        ampm = "am" if h < 12 else "pm"
        if voice:
            if m == 0:
                return r.choice([f"{words(h12)} o'clock", f"{words(h12)} {ampm}", f"about {words(h12)}"])
            return r.choice([f"{words(h12)} {words(m)}", {15: f"quarter past {words(h12)}", 30: f"half {words(h12)}",
                                                           45: f"quarter to {words(h12 % 12 + 1)}"}[m]])
        return r.choice([f"{h12}:{m:02d}{ampm}", f"{h:02d}:{m:02d}", f"{h12}{ampm}" if m == 0 else f"{h12}.{m:02d}",
                         f"{h12}:{m:02d} {ampm.upper()}", f"half {h12}" if m == 30 else f"{h}:{m:02d}",
                         f"{h12} o'clock" if m == 0 else f"{h12}:{m:02d}"])

    def version(self, voice: bool) -> str:
        r = self.r
        a, b, c = r.randint(1, 18), r.randint(0, 14), r.randint(0, 9)
        if voice:
            return r.choice([f"{words(a)} point {words(b)}", f"{words(a)} point {words(b)} point {words(c)}",
                             f"i o s {words(a)} point {words(b)}", f"android {words(r.randint(11, 15))}",
                             f"{words(a)} point {words(b)} point {words(c)} point {words(r.randint(10, 99))}"])
        return r.choice([f"v{a}.{b}.{c}", f"iOS {r.randint(15, 18)}.{b}.{c}", f"Android {r.randint(11, 15)}",
                         f"{a}.{b}.{c}", f"build {r.randint(19041, 26100)}.{r.randint(100, 4000)}", f"{a}.{b}",
                         f"ver {a}.{b}{r.choice('abc')}", f"{a}.{b}.{c}.{r.randint(10, 999)}", f"V{a}.{b}"])

    def error_code(self, voice: bool) -> str:
        r = self.r
        if voice:
            return r.choice([f"e {self.say.group(str(r.randint(100, 999)))}",
                             f"{self.say.group(str(r.randint(400, 599)))}",
                             f"code {words(r.randint(10, 99))}", f"f {self.say.group(f'{r.randint(1, 99):02d}')}",
                             f"oh x eight oh oh seven oh oh {ONES[r.randint(2, 9)]}"])
        return r.choice([f"E-{r.randint(1000, 9999)}", f"0x8007{r.randint(0, 0xFFFF):04X}", f"{r.randint(400, 599)}",
                         f"HTTP {r.choice([403, 404, 500, 502, 503])}", f"P{r.randint(1, 9)}-{r.randint(10, 99)}",
                         "DNS_PROBE_FINISHED_NXDOMAIN", "ERR_CONNECTION_RESET", f"E{r.randint(10, 99)}",
                         f"F-{r.randint(100, 999):04d}", f"code {r.randint(600, 799)}", f"S{r.randint(1000, 1099)}"])

    def plan(self, voice: bool) -> str:
        """A tariff with a number in its name."""
        return self.r.choice(TARIFFS_V if voice else TARIFFS)

    def device(self, voice: bool, routers: bool = False) -> str:
        """A handset, router or console with a number in its name."""
        return self.r.choice(DEVICES_V if voice else ROUTERS if routers else DEVICES)

    def speed(self, voice: bool) -> str:
        r = self.r
        n = r.choice([2, 8, 30, 36, 67, 80, 100, 150, 300, 500, 900])
        if voice:
            return r.choice([f"{words(n)} meg", f"{words(n)} megabits", f"like {words(n)} megs", f"{words(n)} mbps",
                             f"{ONES[r.randint(1, 9)]} point {ONES[r.randint(0, 9)]} meg"])
        return r.choice([f"{n} Mbps", f"{n}Mb", f"{n} meg", f"{n}mbps", f"{r.randint(1, 9)}.{r.randint(0, 9)} Mbps",
                         "1 gig", f"{n} down", f"{n}Mb/s"])

    def duration(self, voice: bool) -> str:
        r = self.r
        unit, lo, hi = r.choice([("minutes", 10, 90), ("hours", 2, 48), ("days", 2, 14), ("weeks", 2, 6),
                                 ("months", 2, 11), ("years", 2, 5)])
        n = r.randint(lo, hi)
        if voice:
            return r.choice([f"{words(n)} {unit}", f"about {words(n)} {unit}", f"over {words(n)} {unit}"])
        short = {"minutes": "mins", "hours": "hrs"}.get(unit, unit)
        return r.choice([f"{n} {unit}", f"{n} {unit}", f"{words(n)} {unit}" if n < 20 else f"{n} {unit}",
                         f"{n} {short}", f"{n}+ {unit}"])

    def count(self, voice: bool) -> str:
        r = self.r
        n = r.randint(3, 9)
        what = r.choice(["times", "times", "calls"])
        if voice:
            return f"{words(n)} {what}"
        return r.choice([f"{n} {what}", f"{words(n)} {what}", "twice", f"{n}x", f"{n} separate {what}"])

    def turnaround(self, voice: bool) -> str:
        r = self.r
        if voice:
            return r.choice(["three to five working days", "forty eight hours", "twenty four hours", "five days",
                             "ten working days", "seventy two hours"])
        return r.choice(["3-5 working days", "48 hours", "24 hours", "5 days", "10 working days", "72 hrs",
                         "7-10 days"])

    def last4(self, voice: bool) -> str:
        s = self.v.d(4)
        return self.say.digits([s], correction=0) if voice else s


# ---------------------------------------------------------------- templates

CHAT_CUSTOMER = [
    # cards
    "the long number on the front of my card is {card}",
    "ok card number: {card}",
    "Can you take it off {card} instead? the one ending {last4} got cancelled",
    "its an amex {amex}",
    "New card is {card} - please update it before the {service_date} payment goes out",
    "I paid with my Discover, {discover}, and got charged {amount} twice!!",
    "here u go {card_dots}",
    "Card {card} - it's a debit card not credit btw",
    "can you just use the card ending {last4}? if not the full number is {card}",
    "{card} is the one i want on file from now on",
    # phones
    "you can ring me back on {phone}",
    "my mobile's {phone} if we get cut off",
    "best to text {phone}, I'm on shift till {time}",
    "I'm in France for work so use {phone_fr} this week",
    "number's changed, it's {phone} now",
    "WhatsApp me on {phone_intl} please, I'm abroad",
    "my daughter {daughter_first} will call from {phone}, she's allowed to talk about the account",
    "landline is {phone} but mobile is better: {phone}",
    "reach me at {phone_de} (German number, I live in Berlin now)",
    "can someone call me on {phone_au}? it's Sydney time so after {time} your time",
    "Mobile: {phone_in}",
    # emails
    "the e-mail we have on file is {email} but I don't check it, use {email2} instead",
    "send the invoice to {email} pls",
    "my email is {email_obf}",
    "can you cc my accountant {other_full}? {other_email}",
    "confirmation should go to {email} not the old hotmail one",
    "use {email_work} for anything about the business account",
    # bank
    "my sort code's {sortcode} and the account number is {ukacct}",
    "The IBAN ends {iban_tail}... no the whole thing is {iban}",
    "refund to IBAN {iban} please, not the card",
    "routing {aba} account {usacct}",
    "ABA is {aba} and checking acct # {usacct}",
    "direct debit from {sortcode} / {ukacct} bounced and now there's a {amount} fee??",
    "pay it into my German account {iban_de}",
    "my bank is in Spain: {iban_es}",
    "sort code {sortcode} acc no {ukacct} - that's Monzo",
    # national ids
    "SSN ending {ssn_tail}… no the full one is {ssn}",
    "my social's {ssn}",
    "NI number {nino}",
    "my national insurance is {nino} if you need it for the form",
    "SIN: {sin}",
    "PPS number {pps}",
    "it's asking for my social insurance number, it's {sin}",
    "ok my SSN is {ssn}, DOB {dob}",
    # dob
    "I'm a {dob_year} baby, born {dob_dm}",
    "DOB {dob}",
    "date of birth is {dob}",
    "born {dob} if that's what the security question wants",
    "d.o.b. {dob}",
    # addresses
    "I'm at {address}",
    "it's {address_uk} now, moved in {duration} ago",
    "deliver to {address} and NOT my old place",
    "send it to my PO box: {pobox}",
    "postcode {postcode}",
    "new address: {address}",
    "the parcel went to {address_us} but I'm at the other one",
    "my Eircode is {eircode}",
    # names
    "my husband {husband_full} holds the account",
    "put it under {last_comma_first}",
    "can I speak to whoever does refunds… oh, this is {first}",
    "it's {title_last}",
    "name on the account is {full}",
    "hi, {full} here",
    "I'm {first}, I was chatting to someone earlier",
    "the account's in my mum's name, {mum_full}",
    "it's in my wife's name - {wife_first} {last}",
    "booking is under {last}, first name {first}",
    "{first} {last}. surname {last}, first name {first}",
    "this is {full}, order {order} never came",
    "hiya it's {first} again lol",
    "ordered for my son {son_first}, but the account is mine ({full})",
    "full name {full}",
    # look-alike heavy
    "order {order} still hasn't arrived and it's been {duration}",
    "{greeting}, I was charged {amount} on {service_date} for invoice {invoice}",
    "tracking says {tracking} is delivered but nothing here",
    "the {device} keeps restarting since the {version} update",
    "getting error {error_code} when I log in",
    "paid {amount} for {plan} and only getting {speed}",
    "IMEI {imei} if that helps",
    "serial no. {serial}",
    "ticket {ticket} - [[not_a_name:this is unacceptable]]",
    "[[not_a_name:it's Tuesday]] and still no engineer, booked for {time}",
    "[[not_a_name:Thanks a million]]!",
    "my pin is… actually I won't say. the card ending {last4} is the one that's blocked",
    "meter reading today: {meter}",
    "it drops out {pct} of the time",
    "you've put my bill up {pct}!!",
    "the discount was meant to be {pct} off",
    "oh wait this is {company}? I thought I was on my bank's chat",
    "sorry it's {company} I'm with, not you",
    "this is the {product_nn} I bought in {service_date}, screen's dead",
    "RMA {rma} - when do I get the replacement?",
    "case {case} has been open {duration}",
    "ref {ref} from your letter",
    "it's the {plan} with {data} data",
    "on {plan}, paying {price}, router firmware is {version}",
    "called {count} and nobody fixed it",
    "engineer came {service_date} at {time}, still {speed}",
    "[[not_a_name:Hello there]]! amazon order {amzorder} says delivered",
    "Its showing {error_code} on the {product}",
    "the IMEI on the box is {imei} and the serial is {serial}",
    "[[not_a_name:this is ridiculous]], {duration} without internet",
    "upgraded to the {device} on {service_date}",
    "bill says {amount} but the plan is {amount}",
    "card ending {last4} was charged {amount} on {service_date}",
    "my router's MAC is {mac}",
    "booking {ref} for {service_date} at {time}",
    "[[not_a_name:it's Vodafone]] not you I'm with, sorry wrong chat",
    "[[not_a_name:Cheers mate]]",
    "[[not_a_name:Happy Friday]] lol, any update on {ticket}?",
    "app says {error_code} every time, phone's on {version}",
    "speedtest just now: {speed}. paying for {plan}!",
    "is {error_code} a problem on your end or mine",
    "tracking no. {tracking}, says out for delivery since {service_date}",
    "my mobile number is {phone}, email {email}",
    "Hi it's {full} ({email})",
    "card is {card}, do you need the 3 digit code as well?",
    "you can ring me back on {phone} after {time}",
    "my postcode's {postcode} and it says no service in my area??",
]

CHAT_AGENT = [
    "Hi, you're chatting with {agent}. How can I help today?",
    "Thanks {first}! Can I confirm the postcode on the account?",
    "I can see order {order} was dispatched on {service_date}, tracking {tracking}.",
    "Just to confirm, the number we have is {phone} - is that right?",
    "I've raised case {case}; you'll get an email at {email} within {turnaround}.",
    "My name is {agent} and I'll be looking after you today.",
    "Thanks for waiting, {title_last}.",
    "So that's {address} for the delivery?",
    "I've refunded {amount} to the card ending {last4}.",
    "{agent} here from the billing team - I've applied a {amount} credit.",
    "Thanks {full}, I've updated the date of birth to {dob}.",
    "Your engineer is booked for {service_date}, {window}.",
    "That's error {error_code}; please update to {version}.",
    "You're on {plan} at {speed}.",
    "Hi {first}, {agent} again. Your RMA is {rma}.",
    "Can you confirm the email is {email}?",
    "I've noted {other_full} as an authorised user.",
    "Thanks {title_last}, the ticket number is {ticket}.",
    "It's {agent}, sorry for the wait!",
    "The refund will go to the IBAN ending {iban_tail}, within {turnaround}.",
]

VOICE_CUSTOMER = [
    "yeah hi um my name's {full} and i'm calling about my bill",
    "the long number on the front is {card}",
    "card number is {card}",
    "it's a visa it's {card}",
    "you can ring me back on {phone}",
    "my mobile's {phone}",
    "yeah the best number is {phone}",
    "it's a french number {phone_fr}",
    "it's {email}",
    "email address is {email}",
    "my surname's {last} that's {last_spelled}",
    "my email's {email}",
    "sort code's {sortcode} account number {ukacct}",
    "the sort code is {sortcode} and the account is {ukacct}",
    "the iban ends {iban_tail} no the whole thing is {iban}",
    "my routing number is {aba} and the account is {usacct}",
    "i'm a {dob_year} baby born {dob_dm}",
    "date of birth {dob}",
    "i was born {dob}",
    "it's {dob}",
    "my social is {ssn}",
    "social security ending {ssn_tail} no sorry you want the full one it's {ssn}",
    "national insurance {nino}",
    "my ni number is {nino}",
    "my sin is {sin}",
    "pps number is {pps}",
    "i'm at {address}",
    "the address is {address}",
    "it's {address_uk}",
    "postcode is {postcode}",
    "my husband {husband_full} holds the account",
    "put it under {last} {first}",
    "can i speak to whoever oh sorry this is {first}",
    "it's {title_last}",
    "it's {last} {last_spelled}",
    "hi it's {first} i rang yesterday",
    "the account is my wife's {wife_full}",
    "my name is {full}",
    "first name {first} surname {last}",
    "it's in my son's name {son_full}",
    "yeah it's {first} speaking",
    "order number is {order}",
    "it's been {duration}",
    "i'm paying {price} for {plan} and getting {speed}",
    "the engineer's booked for {service_date} {time}",
    "it says error {error_code}",
    "my pin is uh actually i won't say that",
    "[[not_a_name:hi there]] yeah i'm ringing about a parcel tracking {tracking}",
    "[[not_a_name:thanks a million]]",
    "oh it's {company} i'm with not you is it",
    "hang on is this {company}",
    "the ticket number is {ticket}",
    "reference {ref}",
    "it's on version {version}",
    "the app's on {version}",
    "the imei is {imei}",
    "the serial is {serial}",
    "it's the {device}",
    "i've rung {count} already",
    "card ending {last4}",
    "it was {amount} on {service_date}",
    "[[not_a_name:this is unacceptable]] honestly",
    "[[not_a_name:it's tuesday]] today and nobody's come",
    "i've got {data} on the plan and it's gone in {duration}",
    "i'm home {window} tomorrow if they can come then",
    "my meter reading is {meter}",
    "it went up {pct} this year",
    "invoice {invoice} for {amount}",
    "case number {case}",
    "[[not_a_name:this is the pixel eight]] by the way not the old phone",
    "they said {time} on {service_date}",
    "the rma is {rma}",
    "[[not_a_name:good morning]] um",
    "they told me it would take {turnaround}",
    "the speed test says {speed}",
    "it keeps coming up with {error_code}",
    "the tracking number is {tracking}",
    "i was born in {dob_year}",
    "so the long number is {card} yeah",
    "my email um it's {email}",
    "yeah it's {title_last} speaking",
    "yeah you can ring me back on {phone} after {time}",
]

VOICE_AGENT = [
    "thank you for calling you're through to {agent} how can i help",
    "thanks {title_last} and can i take the first line of the address",
    "so that's {phone} yeah",
    "i've got {email} on the system is that still current",
    "right i've booked that for {service_date} {time}",
    "your reference is {ref}",
    "okay {first} i can see the payment of {amount}",
    "my name's {agent} if you need to call back",
    "can i just confirm the date of birth {dob}",
    "lovely thanks {first}",
    "and the card ending {last4} is that right",
    "so it's {address}",
    "you're speaking with {agent} from the technical team",
    "i can see you're on {plan} at {speed}",
    "that's {card} yeah",
    "i'll add {other_full} to the account",
    "it's {agent} again {title_last}",
    "the case number is {case} and it should be sorted in {turnaround}",
    "that error {error_code} means the firmware's on {version}",
    "and what speed are you seeing at the moment is it {speed}",
    "and is it still showing error {error_code}",
]

EMAIL_GREETINGS = ["[[not_a_name:Hi there]],", "[[not_a_name:Dear Sir or Madam]],",
                   "Hello [[not_a_name:Support Team]],", "Hello,", "To whom it may concern,", "Hi team,",
                   "[[not_a_name:Good afternoon]],", "Hi,",
                   "[[not_a_name:Dear Customer Services]],", ""]
EMAIL_BODY = [
    "I am writing regarding invoice {invoice} dated {service_date}, which shows a charge of {amount}.",
    "The account is in the name of {full}.",
    "Please refund the overpayment to my account: sort code {sortcode}, account number {ukacct}.",
    "My IBAN is {iban}.",
    "For verification, my date of birth is {dob} and my National Insurance number is {nino}.",
    "You can reach me on {phone} {window}.",
    "The router ({router}, serial {serial}) shows error {error_code} since the {version} firmware.",
    "I have been without service for {duration}.",
    "I was promised {speed} but the speed test shows {speed}.",
    "Please update my payment card to {card}.",
    "Please take the outstanding {amount} from my card, {card}, and confirm by email.",
    "The Amex on the account is {amex}; the Visa ending {last4} was cancelled.",
    "Attached is the returns form for {rma}.",
    "I have called {count} about this.",
    "My address is:\n{address_nl}",
    "Please send all correspondence to {email} from now on.",
    "My old e-mail was {email}; please switch everything to {email2}.",
    "My husband, {husband_full}, is happy for you to discuss the account with me.",
    "The parcel (tracking {tracking}) has not moved since {service_date}.",
    "My SSN is {ssn} and the account was opened on {service_date}.",
    "The handset IMEI is {imei}.",
    "I would like the {amount} refunded to the card ending {last4}.",
    "[[not_a_name:This is unacceptable]] after {duration}.",
    "Our order {order} arrived damaged; case {case} was opened but nobody has replied.",
    "I moved to {address} on {service_date}, please update your records.",
    "My SIN is {sin}, as requested for the tax form.",
    "The direct debit should come from my new bank: routing {aba}, account {usacct}.",
    "I was born on {dob}, which is what your form should say, not {service_date}.",
    "My mother, {mum_full}, passed away in {service_date_month} and I am handling her account.",
    "My PPS number is {pps}.",
    "The ticket reference is {ticket}.",
    "Since the upgrade to {plan} I get {data} instead of the advertised allowance.",
    "The meter reading on {service_date} was {meter}.",
    "Your price rise of {pct} was not in my contract.",
    "Your agent said it would be fixed within {turnaround}; it has now been {duration}.",
    "I am on the {plan} tariff and pay {price}.",
    "Please call my mobile on {phone_intl} as I am overseas.",
    "[[not_a_name:This is the third time]] I have written.",
    "My German IBAN is {iban_de}; please use it for the refund.",
    "Please put the booking under {last_comma_first}.",
]
EMAIL_SIGNOFFS = [
    "Cheers,\n{first}",
    "Kind regards,\n{full}",
    "Best wishes,\n{full}\n{phone}",
    "Thanks,\n{full}\n{address_nl}",
    "Regards,\n{title_last}",
    "[[not_a_name:Thanks a million]],\n{first}",
    "Many thanks\n{full}\nMob: {phone}",
    "{first}\n\n[[not_a_name:Sent from my iPhone]]",
    "Thanks\n{first_initial_last}",
    "Best,\n{first}\n\nSent from [[not_a_name:Outlook for Android]]",
    "Yours faithfully,\n{full}",
    "Ta,\n{first}",
    "Best regards,\n{full}\n{email} | {phone}",
    "--\n{full}\ne: {email}\nm: {phone}",
]
EMAIL_AGENT = [
    "Dear {title_last},\n\nThank you for contacting us. Your case reference is {case}; we have credited {amount} "
    "to your account.\n\nKind regards,\n{agent}\nCustomer Care Team",
    "Hi {first},\n\nI'm sorry the engineer missed the {service_date} appointment. I've rebooked it for "
    "{service_date}, {time}.\n\nBest,\n{agent} | Technical Support",
    "Dear {full},\n\nWe have received your returned {device} (RMA {rma}). A refund of {amount} will reach the card "
    "ending {last4} within {turnaround}.\n\nRegards,\n{agent}",
    "Hello {first},\n\nTo confirm, we now hold {email} and {phone} for you.\n\nThanks,\n{agent}\nAccounts Team",
    "Dear {title_last},\n\nYour new address, {address}, has been saved. Ticket {ticket} is now closed."
    "\n\nYours sincerely,\n{agent}",
    "Hi {first},\n\nMy name is {agent} and I'll be handling your complaint. The error {error_code} is fixed in "
    "{version}.\n\nSpeak soon,\n{agent}",
]


# ---------------------------------------------------------------- building

SLOT = re.compile(r"\{(\w+)\}|\[\[(\w+):(.+?)\]\]", re.S)
Seg = tuple[str, str | None, str | None]  # (text, "pii"|"la"|None, entity or kind)


class Example:
    def __init__(self, ex_id: str, channel: str, speaker: str) -> None:
        self.id, self.channel, self.speaker = ex_id, channel, speaker
        self.parts: list[Seg] = []

    def add(self, segs: list[Seg]) -> None:
        self.parts.extend(segs)

    def record(self) -> dict:
        text, spans, looks = "", [], []
        for seg, cat, label in self.parts:
            start = len(text)
            text += seg
            if cat == "pii":
                spans.append({"start": start, "end": len(text), "entity": label, "text": seg})
            elif cat == "la":
                looks.append({"start": start, "end": len(text), "kind": label, "text": seg})
        return {"id": self.id, "channel": self.channel, "speaker": self.speaker, "text": text,
                "spans": spans, "lookalikes": looks}


def P(entity: str, text: str) -> list[Seg]:
    return [(text, "pii", entity)]


def L(kind: str, text: str) -> list[Seg]:
    return [(text, "la", kind)]


def T(text: str) -> list[Seg]:
    return [(text, None, None)]


class Generator:
    def __init__(self, seed: int = SEED) -> None:
        self.r = random.Random(seed)
        self.v = Values(self.r)
        self.lk = Looks(self.r, self.v)
        self.channel = "chat"

    # -- a person per example
    def person(self) -> Person:
        r = self.r
        first, last, sex = r.choice(PEOPLE)
        country = r.choice(["uk", "uk", "us", "us", "ie", "ca", "eu"])
        dob = date(1940, 1, 1) + timedelta(days=r.randint(0, 365 * 64))
        p = Person(first, last, sex, country, dob)
        p.email_local = self.v.email_local(p)
        p.email_domain = r.choice(DOMAINS[country])
        p.title = r.choice(TITLES[sex])
        return p

    def fill(self, template: str, p: Person, voice: bool, agent: str) -> list[Seg]:
        out: list[Seg] = []
        pos = 0
        for m in SLOT.finditer(template):
            if m.start() > pos:
                out += T(template[pos:m.start()])
            if m[1]:
                out += self.slot(m[1], p, voice, agent)
            else:
                out += L(m[2], m[3])
            pos = m.end()
        if pos < len(template):
            out += T(template[pos:])
        return out

    def name(self, s: str, voice: bool) -> str:
        if voice:
            return fold(s)
        if self.channel == "chat" and self.r.random() < 0.15:  # typed in a hurry
            return s.lower()
        return s

    def slot(self, name: str, p: Person, voice: bool, agent: str) -> list[Seg]:  # noqa: C901 - one table of slots
        r, v, lk = self.r, self.v, self.lk
        cur = {"uk": "£", "us": "$", "ca": "$", "ie": "€", "eu": "€"}[p.country]
        phone_country = {"eu": r.choice(["fr", "de"])}.get(p.country, p.country)
        nm = lambda s: self.name(s, voice)  # noqa: E731
        home = r.choice(["uk", "us", "ie", "ca"]) if p.country == "eu" else p.country
        title = p.title.lower() if voice else p.title + r.choice([".", "", ""])
        table = {
            # PII
            "card": lambda: P("card", v.card(voice)),
            "amex": lambda: P("card", v.card(voice, "amex")),
            "discover": lambda: P("card", v.card(voice, "discover")),
            "card_dots": lambda: P("card", v.card(voice, r.choice(["visa", "mc"]), ".")),
            "phone": lambda: P("phone", v.phone(voice, phone_country if r.random() < 0.85 else
                                                r.choice(["uk", "us", "ie"]))),
            "phone_intl": lambda: P("phone", v.phone(voice, r.choice(["fr", "de", "au", "in", "us", "uk", "ie"]))),
            "phone_fr": lambda: P("phone", v.phone(voice, "fr")),
            "phone_de": lambda: P("phone", v.phone(voice, "de")),
            "phone_au": lambda: P("phone", v.phone(voice, "au")),
            "phone_in": lambda: P("phone", v.phone(voice, "in")),
            "email": lambda: P("email", v.email(p, voice)),
            "email2": lambda: P("email", v.email(p, voice, v.email_local(p), r.choice(DOMAINS[p.country]))),
            "email_obf": lambda: P("email", v.email(p, voice, obfuscate=True)),
            "email_work": lambda: P("email", v.email(p, voice, self.work_local(p), r.choice(WORK_DOMAINS))),
            "other_full": lambda: P("name", nm(self._other_full())),
            "other_email": lambda: P("email", v.email(p, voice, [("w", r.choice(["j.hollis", "mkerr", "s.obrien"]))],
                                                       r.choice(WORK_DOMAINS))),
            "sortcode": lambda: P("bank", v.sortcode(voice)),
            "ukacct": lambda: P("bank", v.account(voice)),
            "usacct": lambda: P("bank", v.account(voice, r.choice([10, 12]))),
            "aba": lambda: P("bank", v.aba(voice)),
            "iban": lambda: P("bank", v.iban_text(voice)[0]),
            "iban_de": lambda: P("bank", v.iban_text(voice, "DE")[0]),
            "iban_es": lambda: P("bank", v.iban_text(voice, "ES")[0]),
            "iban_tail": lambda: T(v.say.digits([v.d(4)], correction=0) if voice else v.d(4)),
            "ssn": lambda: P("national_id", v.ssn(voice)[0]),
            "ssn_tail": lambda: T(v.say.digits([v.d(4)], correction=0) if voice else v.d(4)),
            "nino": lambda: P("national_id", v.nino(voice)),
            "sin": lambda: P("national_id", v.sin(voice)),
            "pps": lambda: P("national_id", v.pps(voice)),
            "dob": lambda: P("dob", v.dob_text(p.dob, voice)),
            "dob_year": lambda: P("dob", v.dob_year(p.dob, voice)),
            "dob_dm": lambda: P("dob", v.dob_daymonth(p.dob, voice)),
            "address": lambda: P("address", v.address(home, voice)),
            "address_nl": lambda: P("address", v.address(home, voice, multiline=True)),
            "address_uk": lambda: P("address", v.address("uk", voice)),
            "address_us": lambda: P("address", v.address("us", voice)),
            "pobox": lambda: P("address", v.address("us", voice, kind="pobox")),
            "postcode": lambda: P("address", v.postcode(r.choice(["uk", "uk", "us", "ca", "ie"]), voice)),
            "eircode": lambda: P("address", v.postcode("ie", voice)),
            "full": lambda: P("name", nm(f"{p.first} {p.last}")),
            "first": lambda: P("name", nm(p.first)),
            "last": lambda: P("name", nm(p.last)),
            "title_last": lambda: T(title + " ") + P("name", nm(p.last)),
            "last_comma_first": lambda: P("name", nm(f"{p.last}, {p.first}")),
            "first_initial_last": lambda: P("name", f"{p.first[0]}. {p.last}"),
            "husband_full": lambda: P("name", nm(self.kin(p, "m", True))),
            "wife_full": lambda: P("name", nm(self.kin(p, "f", True))),
            "husband_first": lambda: P("name", nm(self.kin(p, "m", False))),
            "wife_first": lambda: P("name", nm(self.kin(p, "f", False))),
            "mum_full": lambda: P("name", nm(self.kin(p, "f", True))),
            "son_full": lambda: P("name", nm(self.kin(p, "m", True))),
            "son_first": lambda: P("name", nm(self.kin(p, "m", False))),
            "daughter_first": lambda: P("name", nm(self.kin(p, "f", False))),
            "last_spelled": lambda: P("name", v.say.letters(re.sub(r"[^a-z]", "", fold(p.last)), 0.1)),
            # look-alikes
            "order": lambda: L("order_ref", lk.order(voice)),
            "amzorder": lambda: L("order_ref", f"{v.d(3, True)}-{v.d(7)}-{v.d(7)}"),
            "invoice": lambda: L("order_ref", lk.invoice(voice)),
            "ticket": lambda: L("order_ref", lk.ticket(voice)),
            "case": lambda: L("order_ref", lk.case(voice)),
            "rma": lambda: L("order_ref", lk.rma(voice)),
            "ref": lambda: L("order_ref", lk.ref(voice)),
            "tracking": lambda: L("tracking_serial", lk.tracking(voice)),
            "imei": lambda: L("tracking_serial", lk.imei(voice)),
            "serial": lambda: L("tracking_serial", lk.serial(voice)),
            "mac": lambda: L("tracking_serial", ":".join(f"{r.randrange(256):02X}" for _ in range(6))),
            "amount": lambda: L("amount", lk.amount(voice, cur)),
            "pct": lambda: L("amount", f"{r.randint(10, 90)}%" if not voice else f"{words(r.randint(10, 90))} percent"),
            "meter": lambda: L("amount", (v.say.digits([v.d(5, True)], correction=0) if voice else
                                          r.choice([v.d(5, True), f"{v.d(5, True)} kWh", f"{v.d(4, True)}.{v.d(1)}"]))),
            "service_date": lambda: L("service_date", lk.service_date(voice)),
            "service_date_month": lambda: L("service_date", f"{r.choice(MONTHS)} {r.choice([2023, 2024])}"),
            "time": lambda: L("time", lk.time(voice)),
            "version": lambda: L("version", lk.version(voice)),
            "error_code": lambda: L("error_code", lk.error_code(voice)),
            "plan": lambda: L("plan", lk.plan(voice)),
            "data": lambda: L("plan", f"{words(r.choice([5, 10, 20, 30, 50]))} gig" if voice else
                              f"{r.choice([5, 10, 20, 30, 50, 100])}{r.choice(['GB', 'GB', ' gigs', 'gb'])}"),
            "product": lambda: L("plan", r.choice(PRODUCTS)),
            "device": lambda: L("plan", lk.device(voice)),
            "router": lambda: L("plan", lk.device(voice, routers=True)),
            "speed": lambda: L("speed", lk.speed(voice)),
            "duration": lambda: L("duration_count", lk.duration(voice)),
            "count": lambda: L("duration_count", lk.count(voice)),
            "turnaround": lambda: L("duration_count", lk.turnaround(voice)),
            "price": lambda: L("amount", lk.amount(voice, cur) + (" a month" if voice else
                                                                  r.choice([" a month", "/mo", " pm", "/month"]))),
            "window": lambda: self.window(voice),
            "last4": lambda: L("card_last4", lk.last4(voice)),
            "agent": lambda: L("agent_name", fold(agent) if voice else agent),
            "greeting": lambda: L("not_a_name", r.choice(GREETINGS_CHAT)),
            "company": lambda: L("not_a_name", fold(r.choice(COMPANIES)) if voice else r.choice(COMPANIES)),
            "product_nn": lambda: L("not_a_name", r.choice(PRODUCTS)),
        }
        if name not in table:
            raise KeyError(f"unknown slot {{{name}}}")
        return table[name]()

    def work_local(self, p: Person) -> list[tuple[str, str]]:
        first, last = fold(p.first).split()[0], re.sub(r"[^a-z]", "", fold(p.last))
        return [("w", first), ("s", "."), ("w", last)] if self.r.random() < 0.5 else [("w", first[0]), ("w", last)]

    def kin(self, p: Person, sex: str, full: bool) -> str:
        first, last, _ = self.r.choice([x for x in PEOPLE if x[2] == sex and x[0] != p.first])
        if not full:
            return first
        return f"{first} {p.last if self.r.random() < 0.6 else last}"

    def window(self, voice: bool) -> list[Seg]:
        r = self.r
        a = r.randint(7, 12)
        b = r.randint(1, 6)
        if voice:
            return T("between ") + L("time", words(a)) + T(" and ") + L("time", words(b))
        style = r.randrange(4)
        if style == 0:
            return T("between ") + L("time", f"{a}am") + T(" and ") + L("time", f"{b}pm")
        if style == 1:
            return T("between ") + L("time", f"{a}:00") + T(" and ") + L("time", f"{b + 12}:00")
        if style == 2:
            return T("between ") + L("time", f"{a}") + T(" and ") + L("time", f"{b}")
        return T("any time after ") + L("time", f"{b}pm")

    def _other_full(self) -> str:
        f, l_, _ = self.r.choice(PEOPLE)
        return f"{f} {l_}"

    # -- examples
    def one(self, ex_id: str, channel: str, speaker: str, templates: list[str]) -> dict:
        p = self.person()
        agent = self.r.choice(AGENTS)
        ex = Example(ex_id, channel, speaker)
        self.channel = channel
        voice = channel == "voice"
        for k, t in enumerate(templates):
            if k:
                joints = [" ", " and ", " oh and ", " also "] if voice else ["\n", ". ", "\n\n"]
                ex.add(T(self.r.choice(joints)))
            ex.add(self.fill(t, p, voice, agent))
        return ex.record()

    def email(self, ex_id: str, speaker: str, template: str | None = None) -> dict:
        r = self.r
        p = self.person()
        agent = r.choice(AGENTS)
        ex = Example(ex_id, "email", speaker)
        self.channel = "email"
        if speaker == "agent":
            ex.add(self.fill(template or r.choice(EMAIL_AGENT), p, False, agent))
            return ex.record()
        greeting = r.choice(EMAIL_GREETINGS)
        if greeting:
            ex.add(self.fill(greeting + "\n\n", p, False, agent))
        body = r.sample(EMAIL_BODY, r.randint(2, 4))
        for k, b in enumerate(body):
            ex.add(T(r.choice([" ", "\n\n"]) if k else ""))
            ex.add(self.fill(b, p, False, agent))
        ex.add(T("\n\n"))
        ex.add(self.fill(r.choice(EMAIL_SIGNOFFS), p, False, agent))
        return ex.record()

    def build(self) -> list[dict]:
        r, out = self.r, []
        n = 0

        def nid(ch: str) -> str:
            nonlocal n
            n += 1
            return f"heldout-{ch}-{n:04d}"

        plan = ((2, "chat", "customer", CHAT_CUSTOMER), (2, "chat", "agent", CHAT_AGENT),
                (3, "voice", "customer", VOICE_CUSTOMER), (2, "voice", "agent", VOICE_AGENT))
        for passes, channel, speaker, pool in plan:
            for _ in range(passes):
                for t in pool:
                    extra = [r.choice([x for x in pool if x != t])] if r.random() < 0.25 else []
                    out.append(self.one(nid(channel), channel, speaker, [t] + extra))
        for _ in range(70):
            out.append(self.email(nid("email"), "customer"))
        for _ in range(2):
            for t in EMAIL_AGENT:
                out.append(self.email(nid("email"), "agent", t))
        return out


# ---------------------------------------------------------------- checks

VOICE_OK = re.compile(r"[a-z' ]+")


def check(records: list[dict]) -> None:
    """Every span exact, in range, of a known label, not overlapping; voice looks like ASR."""
    ids = set()
    for rec in records:
        assert rec["id"] not in ids, rec["id"]
        ids.add(rec["id"])
        assert rec["channel"] in CHANNELS and rec["speaker"] in ("customer", "agent"), rec
        text = rec["text"]
        marks = []
        for s in rec["spans"]:
            assert s["entity"] in ENTITIES, s
            marks.append((s["start"], s["end"], s["entity"], s["text"]))
        for k in rec["lookalikes"]:
            assert k["kind"] in KINDS, k
            marks.append((k["start"], k["end"], k["kind"], k["text"]))
        marks.sort()
        for a, b in zip(marks, marks[1:]):
            assert a[1] <= b[0], (rec["id"], a, b)
        for start, end, label, t in marks:
            assert 0 <= start < end <= len(text), (rec["id"], label)
            assert text[start:end] == t, (rec["id"], label, t)
            assert t == t.strip() and any(c.isalnum() for c in t), (rec["id"], label, repr(t))
            assert start == 0 or not (text[start - 1].isalnum() and t[0].isalnum()), (rec["id"], label, t, text)
            assert end == len(text) or not (text[end].isalnum() and t[-1].isalnum()), (rec["id"], label, t, text)
        if rec["channel"] == "voice":
            assert VOICE_OK.fullmatch(text), (rec["id"], text)
            assert "  " not in text, (rec["id"], text)
    # the values carry valid check digits
    for rec in records:
        if rec["channel"] == "voice":
            continue
        for s in rec["spans"]:
            t, digits = s["text"], re.sub(r"\D", "", s["text"])
            if s["entity"] == "card":
                assert luhn_ok(digits) and len(digits) in (15, 16), t
            if s["entity"] == "bank" and re.match(r"[A-Z]{2}\d\d", t):
                assert iban_ok(t), t
            if s["entity"] == "bank" and len(digits) == 9 and not re.match(r"[A-Z]", t):
                assert aba_ok(digits), t
            if s["entity"] == "national_id":
                flat = t.replace(" ", "").replace("-", "").upper()
                nine = len(flat) == 9 and flat.isdigit()
                assert nino_ok(flat) or pps_ok(flat) or (nine and (ssn_ok(flat) or luhn_ok(flat))), t


def counts(records: list[dict]) -> tuple[Counter, Counter]:
    ent, kind = Counter(), Counter()
    for rec in records:
        for s in rec["spans"]:
            ent[(s["entity"], rec["channel"])] += 1
        for k in rec["lookalikes"]:
            kind[(k["kind"], rec["channel"])] += 1
    return ent, kind


def table(c: Counter, rows: tuple[str, ...]) -> str:
    lines = [f"{'':16}" + "".join(f"{ch:>8}" for ch in CHANNELS) + f"{'all':>8}"]
    for row in rows:
        vals = [c[(row, ch)] for ch in CHANNELS]
        lines.append(f"{row:16}" + "".join(f"{x:>8}" for x in vals) + f"{sum(vals):>8}")
    tot = [sum(c[(row, ch)] for row in rows) for ch in CHANNELS]
    lines.append(f"{'all':16}" + "".join(f"{x:>8}" for x in tot) + f"{sum(tot):>8}")
    return "\n".join(lines)


def check_balance(records: list[dict]) -> None:
    ent, kind = counts(records)
    per_ent = Counter({e: sum(ent[(e, ch)] for ch in CHANNELS) for e in ENTITIES})
    per_kind = Counter({k: sum(kind[(k, ch)] for ch in CHANNELS) for k in KINDS})
    assert sum(per_ent.values()) >= MIN_MENTIONS, per_ent
    assert sum(per_kind.values()) >= MIN_LOOKALIKES, per_kind
    for e in ENTITIES:
        assert per_ent[e] >= (MIN_NAMES if e == "name" else MIN_PER_ENTITY), (e, per_ent[e])
    for k in KINDS:
        assert per_kind[k] == 0 or per_kind[k] >= MIN_PER_KIND, (k, per_kind[k])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    records = Generator(args.seed).build()
    check(records)
    check_balance(records)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    ent, kind = counts(records)
    print(f"wrote {len(records)} examples to {args.out}")
    print("PII mentions\n" + table(ent, ENTITIES))
    print("look-alikes\n" + table(kind, KINDS))


if __name__ == "__main__":
    main()
