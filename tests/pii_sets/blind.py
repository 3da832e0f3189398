"""A second, blind held-out PII set: ``eval/data/pii/blind.jsonl``.

Written without reading the redactor (``ingest/pii``), the first set (``eval/pii_set``) or the
first held-out set, from contact centres in settings the others do not use: an airline and a
travel agency, an NHS hospital's appointment line, a car insurer, an online bank, a US phone
company. Each conversation is typed chat (typos, lowercase, text-speak), e-mail (headers,
greetings, signatures, quoted replies) or a voice call as a speech recogniser writes it
(lowercase, no punctuation, every number spoken: "oh", "double", "triple", "twenty twenty four",
"hundred", hesitations "uh" / "um", restarts "four five six four five six seven"). One record a
turn, in the format ``eval/pii.py`` reads. Everything is drawn from a seeded generator
(``SEED``): ``python tests/pii_sets/blind.py`` writes the same file every time.

Labelling rules
---------------

PII (``spans``), one span per mention, every occurrence labelled (a read-back by the agent, a
quoted reply, a header and a signature each count again):

* **card** — a full payment-card number (Luhn-valid), written in any grouping or spoken digit
  by digit. The last four alone are not a card (look-alike ``card_last4``).
* **phone** — a whole phone number of a customer or a person they name, with any country or
  trunk prefix ("+44", "0", "+1") but not the words around it ("mob:", "ext").
* **email** — an e-mail address, written or spoken ("priya dot nair at gmail dot com"). Every
  address is labelled, a company's role mailbox ("bookings@...") included: a redactor cannot
  tell them apart and nothing is lost by hiding one. An address is one span even where it
  contains a name.
* **bank** — an IBAN (mod-97 valid), a bank account number, a UK sort code, a US ABA routing
  number (checksum valid); each value its own span.
* **national_id** — an NHS number (mod-11 valid), a US Social Security number (a full one, in
  the issued ranges), a UK National Insurance number, a passport number, a UK driving-licence
  number. The last four of an SSN are a look-alike (``card_last4``: a last-four, not an ID).
* **dob** — a date of birth, only where the text says it is one (a birth cue: "DOB", "date
  of birth", "born", "birthday", "d.o.b."). The span is the date alone, without the cue; a year
  alone with a birth cue ("born in 1984") is a dob. Any other date is a look-alike
  (``service_date``).
* **address** — a postal address, one span from the house or flat number (or house name)
  through the postcode / ZIP code, commas and line breaks included; a postcode or ZIP given on
  its own is an address too. A bare "flat 2" with no street or postcode is not labelled.
* **name** — a customer's or another private person's name (partner, child, payee, the other
  driver): given and family names, spelled-out letters in a call ("o y e l a r a n"), e-mail
  header display names and sign-offs. A title ("Mr.", "Ms", "Dr") is outside the span; a given
  name and a family name next to each other are one span, apart they are two.

Spoken values: a span runs from the first spoken word of the value to its last, the fillers
("uh", "um"), "double" / "triple" and a restart inside it included.

Look-alikes (``lookalikes``), kinds from ``eval.pii_set.KINDS``, the value alone without its cue
word ("PNR", "policy number", "ending"):

* ``order_ref`` — booking references / PNRs, e-ticket numbers (13 digits, like a card),
  frequent-flyer numbers (not PII in this set), policy and claim numbers, appointment
  references, invoice, order, dispute, trace and payment references, ticket numbers;
* ``tracking_serial`` — vehicle registration plates ("AB12 CDE"), VINs, flight numbers, bag
  tags, IMEIs and SIM serials (ICCIDs; both Luhn-valid like a card), gateway serial numbers;
* ``amount`` — sums of money; ``service_date`` — any date that is not a birth date
  (appointments, flights, accidents, bills, e-mail header dates); ``time`` — clock times;
* ``version`` — app / OS / firmware versions; ``error_code`` — error and status codes;
* ``plan`` — fares, cover levels, tariffs, account and line plans; ``speed`` — line speeds;
* ``duration_count`` — durations and counts ("7 nights", "two bags", "24 months");
* ``card_last4`` — the last four digits of a card, of a bank account or of an SSN;
* ``not_a_name`` — words that look like a person's name but are not one here: places
  ("Florence", "Adelaide"), wards named after people ("Mary Seacole"), car makes ("Morgan"),
  shops ("Sainsbury's"), voice assistants ("Alexa");
* ``agent_name`` — the contact-centre agent's own name, wherever it appears: introductions,
  signatures, a customer's "thanks Kenji".

Text that is neither is left unlabelled: company and team names and their display names, a
flat number alone, a bank's BIC, the customer's own words about a car park or a tax year.

A record is one turn: a chat message, a caller's or agent's stretch of speech, or a whole e-mail
(headers, body, signature and the quoted message below it). Customers come from many cultures
(Yoruba, Irish, Tamil, Polish, Māori, Korean, Turkish...), in the ways they give a name: "Ms.
Oyelaran here", "it's Priyanka from flat 2", "you're speaking to Mr. Gallagher", "my partner Sam
Rivera", "under the name of Chen", a spelled surname, an e-mail sign-off. Every value is checked
as it is made (Luhn, IBAN mod-97, ABA, NHS mod-11, SSN ranges, NI-number prefixes, libphonenumber
validity, UK postcode shape) and again in the written file (``check``): spans equal their text
and do not overlap; written values pass their checksum; spoken cards, phones, NHS numbers, SSNs
and routing numbers are decoded back to digits and checked; voice turns hold no digit, capital
or punctuation.
"""

from __future__ import annotations

import json
import random
import re
import string
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import phonenumbers

from eval.pii_set import CHANNELS, ENTITIES, KINDS

SEED = 7_311_2024
OUT = Path(__file__).resolve().parents[2] / "eval" / "data" / "pii" / "blind.jsonl"

# ---------------------------------------------------------------- markup
# A turn is written with its labels inline: ⟦entity|value⟧ for PII, ⟪kind|value⟫ for a look-alike;
# ``parse`` takes them out and keeps the offsets.

_MARK = re.compile(r"⟦(\w+)\|(.*?)⟧|⟪(\w+)\|(.*?)⟫", re.S)


def P(entity: str, value: str) -> str:
    assert entity in ENTITIES, entity
    return f"⟦{entity}|{value}⟧"


def L(kind: str, value: str) -> str:
    assert kind in KINDS, kind
    return f"⟪{kind}|{value}⟫"


def parse(marked: str) -> tuple[str, list[dict], list[dict]]:
    text, spans, looks, pos = [], [], [], 0
    at = 0
    for m in _MARK.finditer(marked):
        text.append(marked[pos:m.start()])
        at += m.start() - pos
        label, value = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        (spans if m.group(1) else looks).append(
            {"start": at, "end": at + len(value), ("entity" if m.group(1) else "kind"): label, "text": value})
        text.append(value)
        at += len(value)
        pos = m.end()
    text.append(marked[pos:])
    return "".join(text), spans, looks


def _outside(marked: str, fn) -> str:
    """Apply ``fn`` to the text between labels only (the labelled values are kept as they are)."""
    out, pos = [], 0
    for m in _MARK.finditer(marked):
        out.append(fn(marked[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(fn(marked[pos:]))
    return "".join(out)


# ---------------------------------------------------------------- checksums

def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    s = re.sub(r"\s", "", iban).upper()
    return bool(re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", s)) and int(
        "".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


def aba_ok(routing: str) -> bool:
    d = [int(c) for c in routing]
    return (len(d) == 9 and routing[:2] in ABA_PREFIXES
            and sum(w * x for w, x in zip([3, 7, 1] * 3, d)) % 10 == 0)


def nhs_ok(number: str) -> bool:
    d = [int(c) for c in number]
    if len(d) != 10:
        return False
    check = 11 - sum((10 - i) * x for i, x in enumerate(d[:9])) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == d[9]


def ssn_ok(ssn: str) -> bool:
    d = re.sub(r"\D", "", ssn)
    area, group, serial = int(d[:3]), int(d[3:5]), int(d[5:])
    return (len(d) == 9 and 0 < area < 900 and area != 666 and group > 0 and serial > 0
            and d not in ("078051120", "219099999", "123456789"))


NINO_FIRST, NINO_SECOND = "ABCEGHJKLMNOPRSTWXYZ", "ABCEGHJKLMNPRSTWXYZ"
NINO_BANNED = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def nino_ok(nino: str) -> bool:
    s = re.sub(r"\s", "", nino).upper()
    return (bool(re.fullmatch(r"[A-Z]{2}\d{6}[A-D]", s)) and s[0] in NINO_FIRST and s[1] in NINO_SECOND
            and s[:2] not in NINO_BANNED)


ABA_PREFIXES = {f"{n:02d}" for n in [*range(1, 13), *range(21, 33), *range(61, 73), 80]}
UK_POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}", re.I)


# ---------------------------------------------------------------- spoken forms

ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen").split()
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
       "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NATO = dict(zip(string.ascii_lowercase, (
    "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa "
    "quebec romeo sierra tango uniform victor whiskey x-ray yankee zulu").split()))
NATO["x"] = "x ray"


def say_int(n: int, british: bool = True) -> str:
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + ("" if not rest else (" and " if british else " ") + say_int(rest))
    rest = n % 1000
    return say_int(n // 1000) + " thousand" + ("" if not rest else (" and " if rest < 100 else " ") + say_int(rest))


def say_ordinal(n: int) -> str:
    if n <= 20:
        return ORD[n]
    if n % 10 == 0:
        return TENS[n // 10][:-1] + "ieth"
    return TENS[n // 10] + " " + ORD[n % 10]


def say_year(r: random.Random, y: int) -> str:
    if y == 2000:
        return "two thousand"
    if 2000 < y < 2010:
        return r.choice([f"two thousand and {ONES[y - 2000]}", f"two thousand {ONES[y - 2000]}",
                         f"twenty oh {ONES[y - 2000]}"])
    if y >= 2010:
        return r.choice([f"twenty {say_int(y - 2000)}"] * 3 + [f"two thousand and {say_int(y - 2000)}"])
    lo = y % 100
    return say_int(y // 100) + " " + ("hundred" if lo == 0 else f"oh {ONES[lo]}" if lo < 10 else say_int(lo))


def say_house(r: random.Random, n: int) -> str:
    if n < 100:
        return say_int(n)
    if n < 1000:
        return r.choice([say_int(n, british=r.random() < 0.5),
                         f"{ONES[n // 100]} {say_int(n % 100) if n % 100 >= 10 else 'oh ' + ONES[n % 100]}"])
    hi, lo = divmod(n, 100)
    return say_int(hi) + " " + ("hundred" if lo == 0 else f"oh {ONES[lo]}" if lo < 10 else say_int(lo))


def say_group(r: random.Random, g: str, zero: str) -> list[str]:
    """One group of digits as a caller reads it: digit by digit, runs as double / triple,
    now and then a pair or a hundred."""
    words = lambda d: zero if d == "0" else ONES[int(d)]  # noqa: E731
    if len(g) == 3 and g[1:] == "00" and g[0] != "0" and r.random() < 0.5:
        return [ONES[int(g[0])], "hundred"]
    if len(g) == 2 and g[0] != "0" and r.random() < 0.15:
        return [say_int(int(g))]
    out, i = [], 0
    while i < len(g):
        run = 1
        while i + run < len(g) and g[i + run] == g[i]:
            run += 1
        if run >= 3 and r.random() < 0.6:
            out += ["triple", words(g[i])]
            i += 3
        elif run >= 2 and r.random() < 0.7:
            out += ["double", words(g[i])]
            i += 2
        else:
            out.append(words(g[i]))
            i += 1
    return out


def say_digits(r: random.Random, groups: list[str], *, restart: float = 0.12, hesitate: float = 0.2,
               zero: str | None = None) -> str:
    zero = zero or r.choice(["oh", "oh", "oh", "zero"])
    said = [say_group(r, g, zero) for g in groups]
    out: list[str] = []
    for i, words in enumerate(said):
        if i and r.random() < hesitate:
            out.append(r.choice(["uh", "um", "er"]))
        out += words
    if len(said) > 1 and r.random() < restart:  # "four five six ... four five six seven"
        k = r.randint(1, min(2, len(said) - 1))
        head = [w for words in said[:k] for w in words]
        out = head + [w for words in said for w in words]
    return " ".join(out)


def say_letters(r: random.Random, s: str, nato: float = 0.0) -> str:
    out = []
    for ch in s.lower():
        if ch.isdigit():
            out.append("oh" if ch == "0" and r.random() < 0.6 else ONES[int(ch)])
        elif ch.isalpha():
            out.append(NATO[ch] if r.random() < nato else ch)
    return " ".join(out)


def speak(text: str) -> str:
    """A short written value as said aloud: "Fiber 1 Gig" -> "fiber one gig", "Essentials 15GB" ->
    "essentials fifteen gig", "v2.41.0" -> "v two point forty one point oh"."""
    t = text.lower().replace("&", " and ").replace("mbps", " megs").replace("gb", " gig")
    t = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", t)  # "c220" -> "c 220"
    t = re.sub(r"(\d)\.(\d)", r"\1 point \2", t)
    t = re.sub(r"\d+", lambda m: say_int(int(m.group())) if len(m.group()) < 4 and m.group() != "0" else
               " ".join("oh" if c == "0" else ONES[int(c)] for c in m.group()), t)
    return re.sub(r"\s+", " ", re.sub(r"[.,?!;:()/]", " ", t)).strip()


def say_amount(r: random.Random, value: float, cur: str) -> str:
    whole, pence = int(value), round(value * 100) % 100
    unit = {"£": ("pounds", "p"), "$": ("dollars", "cents"), "€": ("euros", "cents")}[cur]
    w = say_int(whole, british=cur != "$")
    if not pence:
        return f"{w} {unit[0]}"
    return r.choice([f"{w} {unit[0]} {say_int(pence)}", f"{w} {say_int(pence)}",
                     f"{w} {unit[0]} and {say_int(pence)} {unit[1] if cur != '£' else 'pence'}"])


def say_time(r: random.Random, h: int, m: int) -> str:
    h12 = h % 12 or 12
    if m == 30 and r.random() < 0.5:
        return r.choice([f"half past {ONES[h12] if h12 < 20 else h12}", f"half {ONES[h12]}"])
    if m == 15 and r.random() < 0.5:
        return f"quarter past {ONES[h12]}"
    if m == 45 and r.random() < 0.5:
        return f"quarter to {ONES[h12 % 12 + 1]}"
    if m == 0:
        return r.choice([f"{ONES[h12]} o'clock", ONES[h12], f"{ONES[h12]} {'a m' if h < 12 else 'p m'}"])
    return f"{say_int(h12)} {say_int(m) if m >= 10 else 'oh ' + ONES[m]}"


# ---------------------------------------------------------------- people and places

PEOPLE = [  # given, family, gender (f/m/x)
    ("Folake", "Oyelaran", "f"), ("Priyanka", "Nair", "f"), ("Declan", "Gallagher", "m"), ("Sam", "Rivera", "x"),
    ("Wei", "Chen", "m"), ("Lan", "Nguyen", "f"), ("Siobhan", "O'Connell", "f"), ("Mohammed", "Al-Farsi", "m"),
    ("Aleksandra", "Wójcik", "f"), ("Kwame", "Mensah", "m"), ("Hiroshi", "Tanaka", "m"),
    ("Fatima Zahra", "Benali", "f"),
    ("Lars", "Eriksson", "m"), ("José", "Hernández", "m"), ("Ngozi", "Okafor", "f"), ("Dmitri", "Volkov", "m"),
    ("Aroha", "Ngata", "f"), ("Mei-Ling", "Wu", "f"), ("Tomasz", "Kowalczyk", "m"), ("Ayşe", "Yılmaz", "f"),
    ("Parisa", "Rahimi", "f"), ("Bongani", "Dlamini", "m"), ("Kalani", "Akana", "x"), ("Sunita", "Reddy", "f"),
    ("Rhys", "Llewellyn", "m"), ("Eilidh", "MacLeod", "f"), ("Joaquín", "Ortega", "m"), ("Leila", "Haddad", "f"),
    ("Yusuf", "Demir", "m"), ("Tuan", "Pham", "m"), ("Ananya", "Iyer", "f"), ("Grace", "Mwangi", "f"),
    ("Isabela", "Souza", "f"), ("Hamid", "Karimi", "m"), ("Keisha", "Washington", "f"), ("DeShawn", "Brooks", "m"),
    ("Mateo", "Rossi", "m"), ("Zofia", "Nowak", "f"), ("Ravi", "Chandrasekaran", "m"), ("Amara", "Nwosu", "f"),
    ("Jae-won", "Park", "m"), ("Shira", "Cohen", "f"), ("Niamh", "Byrne", "f"), ("Ingrid", "Haugen", "f"),
    ("Chidi", "Eze", "m"), ("Layla", "Hassan", "f"), ("Björn", "Lindqvist", "m"), ("Anh", "Tran", "f"),
    ("Maya", "Goldberg", "f"), ("Tevita", "Fifita", "m"), ("Oluwaseun", "Adeyemi", "m"), ("Marisol", "Delgado", "f"),
    ("Arjun", "Malhotra", "m"), ("Bridget", "Kavanagh", "f"), ("Kofi", "Boateng", "m"), ("Yuki", "Sato", "f"),
    ("Andrzej", "Zieliński", "m"), ("Nadia", "Petrova", "f"), ("Haruto", "Kimura", "m"), ("Thandiwe", "Nkosi", "f"),
    ("Omar", "Siddiqui", "m"), ("Gareth", "Pritchard", "m"), ("Lakshmi", "Venkataraman", "f"), ("Abdi", "Warsame", "m"),
    ("Carmen", "Vidal", "f"), ("Pita", "Tuhiwai", "m"), ("Ferhat", "Aksoy", "m"), ("Wanjiru", "Kamau", "f"),
    ("Matteo", "Bianchi", "m"), ("Ioana", "Popescu", "f"), ("Sipho", "Mahlangu", "m"), ("Ebony", "Jefferson", "f"),
    ("Xiomara", "Castillo", "f"), ("Emeka", "Obi", "m"), ("Saoirse", "Ní Bhriain", "f"), ("Connor", "McAllister", "m"),
    ("Will", "Hope", "m"), ("Jordan", "Ashby", "x"), ("Precious", "Moyo", "f"), ("Rowan", "Fairweather", "x"),
]
AGENTS = [("Dale", "Whitmore"), ("Aisha", "Karim"), ("Marcus", "Bell"), ("Bethany", "Cole"), ("Rajesh", "Pillai"),
          ("Imogen", "Hart"), ("Tariq", "Hussain"), ("Chloe", "Dunn"), ("Femi", "Adebayo"), ("Gwen", "Rees"),
          ("Luis", "Moreno"), ("Harpreet", "Sandhu"), ("Stacey", "Lowe"), ("Kenji", "Mori"), ("Olivia", "Grant"),
          ("Bilal", "Qureshi"), ("Megan", "Price"), ("Tunde", "Bakare"), ("Jolene", "Harris"), ("Yasmin", "Aziz"),
          ("Callum", "Reid"), ("Ximena", "Ruiz"), ("Nkechi", "Uzor"), ("Pádraig", "Walsh")]
TITLES = {"f": ["Ms", "Mrs", "Miss", "Dr", "Ms."], "m": ["Mr", "Mr.", "Dr"], "x": ["Mx"]}

UK_PLACES = [("Leeds", "LS6"), ("Leeds", "LS11"), ("Manchester", "M14"), ("Manchester", "M20"),
             ("Birmingham", "B15"), ("Bristol", "BS3"), ("Cardiff", "CF24"), ("Glasgow", "G12"),
             ("Edinburgh", "EH7"), ("Newcastle upon Tyne", "NE6"), ("Sheffield", "S10"), ("Nottingham", "NG7"),
             ("Liverpool", "L17"), ("London", "SE15"), ("London", "N16"), ("London", "E17"), ("Belfast", "BT9"),
             ("Leicester", "LE2"), ("Brighton", "BN2"), ("Norwich", "NR2"), ("Swansea", "SA1"), ("York", "YO10"),
             ("Coventry", "CV3")]
UK_STREETS = ["Elm Grove", "Harehills Lane", "Albert Street", "Mill Lane", "Kingsley Avenue", "Rosebery Terrace",
              "Chapel Street", "Cranbrook Road", "Beech Close", "Wellington Crescent", "Station Road", "Park View",
              "Hollybush Way", "Canal Street", "Ashfield Drive", "Moor Lane", "Orchard Rise", "Gladstone Road",
              "Priory Walk", "Cavendish Road", "Lime Tree Avenue"]
UK_BUILDINGS = ["Meridian House", "Alder Court", "The Old Mill", "Quayside Apartments", "Weavers Yard", "Linden Lodge"]
US_PLACES = [("Columbus", "OH", "ohio", "432"), ("Phoenix", "AZ", "arizona", "850"),
             ("Tacoma", "WA", "washington", "984"), ("Raleigh", "NC", "north carolina", "276"),
             ("Dayton", "OH", "ohio", "454"), ("Fresno", "CA", "california", "937"),
             ("Albany", "NY", "new york", "122"),
             ("Tulsa", "OK", "oklahoma", "741"), ("Madison", "WI", "wisconsin", "537"),
             ("Savannah", "GA", "georgia", "314"), ("Denver", "CO", "colorado", "802"),
             ("Baton Rouge", "LA", "louisiana", "708"), ("Minneapolis", "MN", "minnesota", "554"),
             ("El Paso", "TX", "texas", "799"), ("Austin", "TX", "texas", "787"), ("Queens", "NY", "new york", "113")]
US_STREETS = [("Maple Ridge Dr", "maple ridge drive"), ("W 38th St", "west thirty eighth street"),
              ("Oak Hollow Ln", "oak hollow lane"), ("Pine St", "pine street"), ("Linden Ave", "linden avenue"),
              ("Sunset Blvd", "sunset boulevard"), ("Cedar Crest Ct", "cedar crest court"),
              ("Lakeshore Dr", "lakeshore drive"), ("N Halsted St", "north halsted street"),
              ("Magnolia Way", "magnolia way"), ("E 5th Ave", "east fifth avenue"), ("Ridgeview Rd", "ridgeview road")]
US_AREA = ["614", "602", "253", "919", "937", "559", "518", "918", "608", "912", "303", "225", "612", "915", "512",
           "718", "347", "470", "702"]
MAIL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "icloud.com", "btinternet.com", "proton.me",
                "hotmail.co.uk", "aol.com", "live.com", "gmx.de"]
US_MAIL_DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "comcast.net", "att.net"]

DESTINATIONS = ["Florence", "Adelaide", "Sydney", "Charlotte", "Victoria", "Jordan", "Georgia", "Savannah", "Austin",
                "Lourdes", "Regina", "Santiago", "Nancy", "Eugene", "Alexandria", "Paris", "Orlando", "Lincoln"]
WARDS = ["Mary Seacole", "Florence", "Nightingale", "Rosalind Franklin", "Jenner", "Elizabeth Garrett Anderson",
         "Edith Cavell", "Aneurin Bevan", "Alexandra"]
CAR_MAKES = [("Ford", "Fiesta"), ("Mercedes", "A-Class"), ("Morgan", "Plus Four"), ("Tesla", "Model 3"),
             ("Lincoln", "Navigator"), ("Morris", "Minor"), ("Ford", "Puma"), ("Mercedes", "C220"),
             ("Austin", "Healey Sprite")]
SHOPS = ["Marks & Spencer", "Sainsbury's", "Morrisons", "Wendy's", "Ben & Jerry's", "Wells Fargo", "Lloyds",
         "Sainsbury's", "Dunelm", "Halfords", "McDonald's", "Lidl"]
ASSISTANTS = ["Alexa", "Siri", "Cortana", "Alexa", "Bixby"]

TYPOS = {"number": ["numbr", "nmber", "no.", "num"], "the": ["teh", "th"], "because": ["becuase", "cos", "bc"],
         "address": ["adress", "addres"], "received": ["recieved", "recived"], "please": ["pls", "plz", "please"],
         "thanks": ["thx", "thanks", "ty", "thnks"], "you": ["u", "you"], "tomorrow": ["tmrw", "tomorow"],
         "appointment": ["appt", "appointmnet", "apointment"], "flight": ["flght", "fligt", "flight"],
         "account": ["acount", "acct", "acc"], "are": ["r", "are"], "definitely": ["definately", "defo"],
         "really": ["realy", "rly"], "payment": ["paymnt", "payment"], "know": ["kno", "know"],
         "booking": ["bookin", "boking", "booking"], "what": ["wat", "what"], "okay": ["ok", "k", "okay"]}


@dataclass
class Person:
    given: str
    family: str
    gender: str

    @property
    def full(self) -> str:
        return f"{self.given} {self.family}"


class Gen:
    """Draws every value; checks each against its checksum or range as it is made."""

    def __init__(self, seed: int = SEED) -> None:
        self.r = random.Random(seed)
        self._people: list[Person] = []
        self.checked: Counter = Counter()
        self.issued: dict[str, str] = {}  # each national id made -> its kind, for ``check``

    # people
    def person(self) -> Person:
        if not self._people:
            self._people = [Person(*p) for p in PEOPLE]
            self.r.shuffle(self._people)
        return self._people.pop()

    def given_name(self, gender: str) -> str:
        """A given name for a relative of that gender ("my mum", "my brother"), from the same cultures."""
        return self.r.choice([p[0] for p in PEOPLE if p[2] == gender])

    def agent(self) -> tuple[str, str]:
        return self.r.choice(AGENTS)

    def title(self, p: Person) -> str:
        return self.r.choice(TITLES[p.gender])

    # phones
    def phone_uk(self) -> list[str]:
        while True:
            if self.r.random() < 0.8:
                d = "07" + self.r.choice("45789") + "".join(self.r.choices(string.digits, k=8))
                groups = self.r.choice([[d[:5], d[5:]], [d[:5], d[5:8], d[8:]], [d[:4], d[4:7], d[7:]]])
            else:
                d = self.r.choice(["0113", "0161", "0117", "0131", "0141", "0114"]) + "4960" + "".join(
                    self.r.choices(string.digits, k=3))
                d = d[:4] + str(self.r.randint(2, 8)) + d[5:]
                groups = [d[:4], d[4:7], d[7:]]
            if phonenumbers.is_valid_number(phonenumbers.parse(d, "GB")):
                self.checked["phone"] += 1
                return groups

    def phone_us(self) -> list[str]:
        while True:
            area = self.r.choice(US_AREA)
            exch = str(self.r.randint(2, 9)) + "".join(self.r.choices(string.digits, k=2))
            if exch[1:] == "11" or exch == "555":
                continue
            line = "".join(self.r.choices(string.digits, k=4))
            if phonenumbers.is_valid_number(phonenumbers.parse(area + exch + line, "US")):
                self.checked["phone"] += 1
                return [area, exch, line]

    def phone_text(self, groups: list[str], us: bool = False) -> str:
        d = "".join(groups)
        if us:
            a, e, n = groups
            return self.r.choice([f"({a}) {e}-{n}", f"{a}-{e}-{n}", f"{a}.{e}.{n}", f"+1 {a} {e} {n}", d,
                                  f"1-{a}-{e}-{n}", f"{a} {e} {n}"])
        if d.startswith("07"):
            return self.r.choice([" ".join(groups), d, f"+44 {d[1:5]} {d[5:]}", f"+447{d[2:]}",
                                  " ".join(groups), f"(0){d[1:5]} {d[5:]}"])
        return self.r.choice([" ".join(groups), f"({groups[0]}) {groups[1]} {groups[2]}", d,
                              f"+44 {d[1:4]} {d[4:7]} {d[7:]}"])

    def phone_said(self, groups: list[str], us: bool = False) -> str:
        if us and self.r.random() < 0.3:
            groups = ["1", *groups]
        return say_digits(self.r, groups)

    # e-mail
    def email(self, p: Person, us: bool = False) -> tuple[str, str]:
        g = re.sub(r"[^a-z]", "", _ascii(p.given).lower())
        f = re.sub(r"[^a-z]", "", _ascii(p.family).lower())
        n = str(self.r.randint(1, 99)) if self.r.random() < 0.5 else ""
        local = self.r.choice([f"{g}.{f}{n}", f"{g[0]}{f}{n}", f"{g}_{f}", f"{f}.{g}", f"{g}{n or '88'}",
                               f"{g}-{f}", f"{g}.{f[0]}{n}"])
        dom = self.r.choice(US_MAIL_DOMAINS if us else MAIL_DOMAINS)
        written = f"{local}@{dom}"
        said = (local.replace(".", " dot ").replace("_", " underscore ").replace("-", " dash ")
                + " at " + dom.replace(".", " dot "))
        said = re.sub(r"\d+", lambda m: " " + (" ".join(ONES[int(c)] for c in m.group()) if self.r.random() < 0.5
                                              else say_int(int(m.group()))) + " ", said)  # "m17" -> "m seventeen"
        said = said.replace("hotmail", "hot mail").replace("btinternet", "b t internet").replace("icloud", "i cloud")
        return written, re.sub(r"\s+", " ", said).strip()

    # cards and banks
    def card(self) -> str:
        kind = self.r.choice(["visa", "visa", "mc", "mc2", "amex"])
        prefix, length = {"visa": ("4", 16), "mc": (str(self.r.randint(51, 55)), 16),
                          "mc2": (str(self.r.randint(2221, 2720)), 16), "amex": (self.r.choice(["34", "37"]), 15)}[kind]
        body = prefix + "".join(self.r.choices(string.digits, k=length - len(prefix) - 1))
        number = next(body + c for c in string.digits if luhn_ok(body + c))
        assert luhn_ok(number)
        self.checked["card (Luhn)"] += 1
        return number

    def card_groups(self, d: str) -> list[str]:
        return [d[:4], d[4:10], d[10:]] if len(d) == 15 else [d[i:i + 4] for i in range(0, 16, 4)]

    def card_text(self, d: str) -> str:
        g = self.card_groups(d)
        return self.r.choice([" ".join(g), "-".join(g), d, " ".join(g)])

    def iban(self, country: str = "GB", sort: str | None = None, acct: str | None = None) -> str:
        digits = lambda k: "".join(self.r.choices(string.digits, k=k))  # noqa: E731
        bban = {"GB": lambda: self.r.choice(["BWTR", "NWBK", "BARC", "LOYD", "MIDL", "MONZ"])
                + (sort or digits(6)) + (acct or digits(8)),
                "IE": lambda: self.r.choice(["AIBK", "BOFI"]) + digits(6) + digits(8),
                "DE": lambda: digits(8) + digits(10),
                "NL": lambda: self.r.choice(["INGB", "ABNA", "RABO"]) + digits(10),
                "ES": lambda: digits(20), "FR": lambda: digits(10) + digits(11) + digits(2)}[country]()
        num = int("".join(str(int(c, 36)) for c in bban + country + "00"))
        iban = f"{country}{98 - num % 97:02d}{bban}"
        assert iban_ok(iban)
        self.checked["bank IBAN (mod-97)"] += 1
        return iban

    def iban_text(self, iban: str) -> str:
        return self.r.choice([" ".join(iban[i:i + 4] for i in range(0, len(iban), 4)), iban,
                              " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))])

    def routing(self) -> str:
        while True:
            first = self.r.choice(sorted(ABA_PREFIXES))
            body = first + "".join(self.r.choices(string.digits, k=6))
            for c in string.digits:
                if aba_ok(body + c):
                    self.checked["bank routing (ABA)"] += 1
                    return body + c

    def sort_code(self) -> str:
        return "".join(self.r.choices(string.digits, k=6)).replace("0", str(self.r.randint(1, 9)), 1)

    def sort_text(self, s: str) -> str:
        return self.r.choice([f"{s[:2]}-{s[2:4]}-{s[4:]}", f"{s[:2]}-{s[2:4]}-{s[4:]}", s, f"{s[:2]} {s[2:4]} {s[4:]}"])

    def account(self, k: int = 8) -> str:
        return str(self.r.randint(1, 9)) + "".join(self.r.choices(string.digits, k=k - 1))

    # national ids
    def nhs(self) -> str:
        while True:
            d = [self.r.randint(0, 9) for _ in range(9)]
            d[0] = self.r.randint(4, 7)
            check = 11 - sum((10 - i) * x for i, x in enumerate(d)) % 11
            check = 0 if check == 11 else check
            if check != 10:
                number = "".join(map(str, d)) + str(check)
                assert nhs_ok(number)
                self.issued[number] = "nhs"
                self.checked["national_id NHS (mod-11)"] += 1
                return number

    def ssn(self) -> str:
        while True:
            area = self.r.randint(1, 899)
            if area == 666:
                continue
            s = f"{area:03d}{self.r.randint(1, 99):02d}{self.r.randint(1, 9999):04d}"
            if ssn_ok(s):
                self.checked["national_id SSN (ranges)"] += 1
                self.issued[s] = "ssn"
                return s

    def nino(self) -> str:
        while True:
            pre = self.r.choice(NINO_FIRST) + self.r.choice(NINO_SECOND)
            if pre in NINO_BANNED:
                continue
            s = pre + "".join(self.r.choices(string.digits, k=6)) + self.r.choice("ABCD")
            assert nino_ok(s)
            self.issued[s] = "nino"
            self.checked["national_id NINO (prefix rules)"] += 1
            return s

    def passport(self) -> str:
        self.checked["national_id passport (9 digits)"] += 1
        number = str(self.r.randint(1, 9)) + "".join(self.r.choices(string.digits, k=8))
        self.issued[number] = "passport"
        return number

    def licence(self, p: Person, dob: tuple[int, int, int]) -> str:
        y, m, d = dob
        fam = re.sub(r"[^A-Z]", "", _ascii(p.family).upper())[:5].ljust(5, "9")
        month = m + (50 if p.gender == "f" else 0)
        ini = re.sub(r"[^A-Z]", "", _ascii(p.given).upper())[:2].ljust(2, "9")
        s = (f"{fam}{str(y)[2]}{month:02d}{d:02d}{str(y)[3]}{ini}9"
             + "".join(self.r.choices("ABCDEFGHJKLMNPRSTUVWXYZ", k=2)))
        assert re.fullmatch(r"[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}", s), s
        self.checked["national_id UK driving licence (format, from the DOB)"] += 1
        self.issued[s] = "licence"
        return s

    # dates
    def dob(self, lo: int = 1940, hi: int = 2004) -> tuple[int, int, int]:
        return self.r.randint(lo, hi), self.r.randint(1, 12), self.r.randint(1, 28)

    def date_text(self, ymd: tuple[int, int, int], us: bool = False) -> str:
        y, m, d = ymd
        mon = MONTHS[m - 1]
        if us:
            return self.r.choice([f"{m:02d}/{d:02d}/{y}", f"{mon} {d}, {y}", f"{m}/{d}/{str(y)[2:]}",
                                  f"{y}-{m:02d}-{d:02d}",
                                  f"{mon[:3]} {d} {y}"])
        return self.r.choice([f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}.{m:02d}.{str(y)[2:]}", f"{d} {mon} {y}",
                              f"{d}{_suffix(d)} {mon} {y}", f"{y}-{m:02d}-{d:02d}", f"{d:02d}-{m:02d}-{y}",
                              f"{d} {mon[:3]} {y}"])

    def date_said(self, ymd: tuple[int, int, int], us: bool = False, year: bool = True) -> str:
        y, m, d = ymd
        mon = MONTHS[m - 1].lower()
        yr = " " + (say_year(self.r, y) if self.r.random() < 0.8 else say_int(y % 100) if y % 100 >= 10
                    else say_year(self.r, y)) if year else ""
        if us:
            return self.r.choice([f"{mon} {say_ordinal(d)}{yr}", f"{mon} {say_int(d)}{yr}"])
        return self.r.choice([f"the {say_ordinal(d)} of {mon}{yr}", f"{say_ordinal(d)} of {mon}{yr}",
                              f"{say_ordinal(d)} {mon}{yr}", f"{mon} the {say_ordinal(d)}{yr}"])

    def when(self, year: int = 2024) -> tuple[int, int, int]:
        return year, self.r.randint(1, 12), self.r.randint(1, 28)

    def clock(self, lo: int = 6, hi: int = 21) -> tuple[int, int]:
        return self.r.randint(lo, hi), self.r.choice([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55])

    def clock_text(self, hm: tuple[int, int]) -> str:
        h, m = hm
        return self.r.choice([f"{h:02d}:{m:02d}", f"{h % 12 or 12}:{m:02d}{'am' if h < 12 else 'pm'}",
                              f"{h % 12 or 12}.{m:02d}{'am' if h < 12 else 'pm'}", f"{h:02d}{m:02d}",
                              f"{h % 12 or 12}:{m:02d} {'AM' if h < 12 else 'PM'}"])

    # addresses
    def address_uk(self) -> tuple[str, str, str]:
        """(written, spoken, postcode)."""
        town, out = self.r.choice(UK_PLACES)
        pc = f"{out} {self.r.randint(1, 9)}{''.join(self.r.choices('ABDEFGHJLNPQRSTUWXYZ', k=2))}"
        assert UK_POSTCODE.fullmatch(pc), pc
        num, street = self.r.randint(1, 240), self.r.choice(UK_STREETS)
        flat = self.r.random() < 0.3
        fl = self.r.randint(1, 24)
        sep = self.r.choice([", ", ", ", "\n"]) if self.r.random() < 0.9 else " "
        parts = ([f"Flat {fl}", f"{self.r.choice(UK_BUILDINGS)}"] if flat else []) + [f"{num} {street}", town, pc]
        if flat and self.r.random() < 0.5:
            parts = [f"{fl}/{num} {street}" if self.r.random() < 0.5 else f"Flat {fl}, {num} {street}", town, pc]
        written = sep.join(parts)
        spoken_pc = say_letters(self.r, pc.replace(" ", ""), nato=0.1)
        spoken = ((f"flat {say_int(fl)} " if flat else "") + f"{say_house(self.r, num)} {street.lower()} "
                  + (f"{town.lower()} " if self.r.random() < 0.6 else "") + spoken_pc)
        return written, spoken, pc

    def address_us(self) -> tuple[str, str, str]:
        city, st, state, z3 = self.r.choice(US_PLACES)
        zipc = z3 + f"{self.r.randint(1, 99):02d}"
        num = self.r.randint(10, 9800)
        street, said = self.r.choice(US_STREETS)
        apt = f"Apt {self.r.randint(1, 30)}{self.r.choice('ABCD')}" if self.r.random() < 0.35 else ""
        written = self.r.choice([f"{num} {street}{', ' + apt if apt else ''}, {city}, {st} {zipc}",
                                 f"{num} {street} {apt + ' ' if apt else ''}{city} {st} {zipc}",
                                 f"{num} {street}{' ' + apt if apt else ''}\n{city}, {st} {zipc}"])
        spoken = (f"{say_house(self.r, num)} {said} " + (f"apartment {say_int(int(apt[4:-1]))} {apt[-1].lower()} "
                                                          if apt else "")
                  + f"{city.lower()} {state} " + say_digits(self.r, [zipc], restart=0, hesitate=0))
        return written, spoken, zipc

    # look-alike values
    def pnr(self) -> str:
        return "".join(self.r.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=6))

    def ticket(self) -> str:
        return self.r.choice(["125", "176", "220", "001", "014"]) + "".join(self.r.choices(string.digits, k=10))

    def ff(self) -> str:
        return "".join(self.r.choices(string.digits, k=self.r.choice([8, 9, 10])))

    def flight(self) -> str:
        return self.r.choice(["NW", "BA", "EZY", "FR", "LH", "EI", "VS", "U2"]) + str(self.r.randint(100, 9899))

    def plate(self) -> str:
        letters = "ABCDEFGHJKLMNOPRSTUVWXY"
        age = self.r.choice([self.r.randint(51, 74), self.r.randint(10, 24)])  # the age identifier
        return (self.r.choice(letters) + self.r.choice(letters) + f"{age:02d} "
                + "".join(self.r.choices("ABCDEFGHJKLMNOPRSTUVWXYZ", k=3)))

    def vin(self) -> str:
        return "".join(self.r.choices("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", k=17))

    def imei(self) -> str:
        body = self.r.choice(["35", "86", "01"]) + "".join(self.r.choices(string.digits, k=12))
        return next(body + c for c in string.digits if luhn_ok(body + c))

    def iccid(self) -> str:
        body = "8901" + "".join(self.r.choices(string.digits, k=14))
        return next(body + c for c in string.digits if luhn_ok(body + c))

    def money(self, lo: float, hi: float, cents: bool = True) -> float:
        v = self.r.uniform(lo, hi)
        return round(v, 2) if cents and self.r.random() < 0.7 else float(int(v))

    def money_text(self, v: float, cur: str) -> str:
        s = f"{v:,.2f}" if v != int(v) or self.r.random() < 0.3 else f"{int(v):,}"
        code = {"£": "GBP", "$": "USD"}.get(cur, "EUR")
        return self.r.choice([f"{cur}{s}", f"{cur}{s}", f"{s} {code}"])


def _ascii(s: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def _suffix(d: int) -> str:
    return "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


# ---------------------------------------------------------------- channel styles

def chatify(r: random.Random, marked: str, mess: float = 0.5) -> str:
    """A customer typing: typos and text-speak between the labels; now and then all lowercase,
    the labelled values too (names and postcodes typed lowercase)."""
    def typo(seg: str) -> str:
        def sub(m: re.Match) -> str:
            w = m.group()
            alts = TYPOS.get(w.lower())
            return r.choice(alts) if alts and r.random() < mess else w
        seg = re.sub(r"[A-Za-z]+", sub, seg)
        if r.random() < mess * 0.6:
            seg = seg.replace("'", "")
        if r.random() < mess * 0.4:
            seg = seg.replace(". ", " ").replace("?", "")
        return seg
    out = _outside(marked, typo)
    if r.random() < mess * 0.7:
        out = out.lower()
    return out


def asr(r: random.Random, marked: str, hesitate: float = 0.08) -> str:
    """A recogniser's transcript: lowercase, no punctuation, fillers between words."""
    def clean(seg: str) -> str:
        seg = re.sub(r"[.,?!;:\"()—–]", " ", seg.lower()).replace(" - ", " ")
        words = seg.split(" ")
        out = []
        for w in words:
            if w and r.random() < hesitate:
                out.append(r.choice(["uh", "um", "er", "uh"]))
            out.append(w)
        return " ".join(out)
    out = _outside(marked, clean)
    out = re.sub(r" {2,}", " ", out).strip()
    return out


class Conv:
    """One conversation: its customer and their values (drawn once, so a read-back repeats them),
    its agent, and ``turns``, the (speaker, marked text) collected so far."""

    def __init__(self, g: Gen, channel: str, us: bool = False) -> None:
        self.g, self.r, self.ch, self.us = g, g.r, channel, us
        self.voice = channel == "voice"
        self.p = g.person()
        self.title = g.title(self.p)
        self.agent, self.agent_family = g.agent()
        self.phone_groups = g.phone_us() if us else g.phone_uk()
        self.mail = g.email(self.p, us)
        self.addr = g.address_us() if us else g.address_uk()
        self.birth = g.dob(1942, 2004)
        self.card_no = g.card()
        self.turns: list[tuple[str, str]] = []

    def c(self, text: str, mess: float = 0.5) -> None:
        self.turns.append(("customer", chatify(self.r, text, mess) if self.ch == "chat" else
                           asr(self.r, text) if self.voice else text))

    def a(self, text: str) -> None:
        self.turns.append(("agent", asr(self.r, text, 0.03) if self.voice else text))

    # the cast
    @property
    def tt(self) -> str:
        return self.title.lower().rstrip(".") if self.voice else self.title

    def ag(self) -> str:
        return L("agent_name", self.agent.lower() if self.voice else self.agent)

    def ag_full(self) -> str:
        return L("agent_name", f"{self.agent} {self.agent_family}")

    def nm(self, s: str | None = None) -> str:
        s = s or self.p.full
        return P("name", s.lower().replace("-", " ") if self.voice else s)

    def given(self) -> str:
        return self.nm(self.p.given)

    def family(self) -> str:
        return self.nm(self.p.family)

    def spelled(self, s: str | None = None) -> str:
        return P("name", " ".join(re.sub(r"[^a-z]", "", _ascii(s or self.p.family).lower())))

    def intro(self) -> str:
        """The customer saying who they are."""
        nm, gv, fm, tt = self.nm(), self.given(), self.family(), self.tt
        if self.voice:
            return self.r.choice([f"it's {nm}", f"you're speaking to {tt} {fm}", f"{tt} {fm} here",
                                  f"my name's {nm}", f"it's {gv} {fm} {self.spelled()}",
                                  f"it's under the name of {fm} that's {self.spelled()}",
                                  f"yeah it's {gv} {fm} surname {self.spelled()}"])
        return self.r.choice([nm, f"its {nm}", f"{tt} {fm} here", f"it's under the name of {fm}, {gv}",
                              f"{fm}, {gv}", f"my name is {nm}", f"{tt} {nm}"])

    # the customer's values, written or spoken as the channel has them
    def phone(self, groups: list[str] | None = None) -> str:
        groups = groups or self.phone_groups
        return P("phone", self.g.phone_said(groups, self.us) if self.voice else self.g.phone_text(groups, self.us))

    def other_phone(self) -> str:
        return self.phone(self.g.phone_us() if self.us else self.g.phone_uk())

    def email(self, p: Person | None = None) -> str:
        w, s = self.g.email(p, self.us) if p else self.mail
        return P("email", s if self.voice else w)

    @property
    def email_w(self) -> str:
        return P("email", self.mail[0])

    def address(self) -> str:
        return P("address", self.addr[1] if self.voice else self.addr[0])

    def postcode(self) -> str:
        pc = self.addr[2]
        return P("address", (say_digits(self.r, [pc], restart=0, hesitate=0) if self.us else
                             say_letters(self.r, pc.replace(" ", ""), nato=0.15)) if self.voice else pc)

    def dob(self, ymd: tuple[int, int, int] | None = None, year_only: bool = False) -> str:
        ymd = ymd or self.birth
        if year_only:
            return P("dob", say_year(self.r, ymd[0]) if self.voice else str(ymd[0]))
        return P("dob", self.g.date_said(ymd, self.us) if self.voice else self.g.date_text(ymd, self.us))

    def card(self, d: str | None = None) -> str:
        d = d or self.card_no
        return P("card", say_digits(self.r, self.g.card_groups(d)) if self.voice else self.g.card_text(d))

    def last4(self, d: str | None = None) -> str:
        return self.digits("card_last4", (d or self.card_no)[-4:], look=True)

    def digits(self, label: str, value: str, groups: list[int] | None = None, text: str | None = None,
               look: bool = False) -> str:
        """A number labelled ``label`` (an entity, or a look-alike kind): written as ``text`` or spoken."""
        if self.voice:
            cuts, gs, i = groups or [len(value)], [], 0
            for n in cuts:
                gs.append(value[i:i + n])
                i += n
            if i < len(value):
                gs.append(value[i:])
            said = say_digits(self.r, [x for x in gs if x])
        else:
            said = text or value
        return L(label, said) if look else P(label, said)

    # look-alikes
    def lk(self, kind: str, written: str, spoken: str | None = None) -> str:
        if self.voice:
            spoken = spoken if spoken is not None else speak(written)
        return L(kind, spoken if self.voice else written)

    def money(self, lo: float, hi: float, cur: str | None = None) -> str:
        cur = cur or ("$" if self.us else "£")
        v = self.g.money(lo, hi)
        return self.lk("amount", self.g.money_text(v, cur), say_amount(self.r, v, cur))

    def date(self, year: int = 2024) -> str:
        ymd = self.g.when(year)
        mon = MONTHS[ymd[1] - 1]
        short = f"{mon} {ymd[2]}" if self.us else self.r.choice([f"{ymd[2]} {mon}", f"the {ymd[2]}{_suffix(ymd[2])}"])
        return self.lk("service_date", self.g.date_text(ymd, self.us) if self.r.random() < 0.6 else short,
                       self.g.date_said(ymd, self.us, year=self.r.random() < 0.4))

    def time(self, lo: int = 6, hi: int = 21) -> str:
        hm = self.g.clock(lo, hi)
        return self.lk("time", self.g.clock_text(hm), say_time(self.r, *hm))

    def code(self, kind: str, value: str, spell: float = 0.0) -> str:
        """An alphanumeric look-alike: in a call, letters spelled out (now and then in the
        phonetic alphabet) and digits read one by one."""
        return self.lk(kind, value, say_letters(self.r, value, nato=spell))

    def count(self, n: int, unit: str) -> str:
        w = say_int(n)
        return self.lk("duration_count", f"{n if self.r.random() < 0.6 else w} {unit}", f"{w} {unit}")

    def place(self, name: str) -> str:
        return self.lk("not_a_name", name, name.lower())


# ---------------------------------------------------------------- e-mail threads

def signoff(c: Conv, extra: str = "") -> str:
    r = c.r
    return r.choice([f"\n\nKind regards,\n{c.nm()}", f"\n\nThanks,\n{c.given()}", f"\n\nMany thanks\n{c.nm()}\n{extra}",
                     f"\n\nBest,\n{c.given()}\n\nSent from my iPhone", f"\n\nYours sincerely,\n\n{c.tt} {c.nm()}",
                     f"\n\nCheers\n{c.given()} {c.family()}", f"\n\nRegards,\n{c.nm()}\nMob: {c.phone()}"]).rstrip()


def thread(c: Conv, company: str, mailbox: str, subject: str, body: str, reply: str, team: str) -> None:
    """A customer's e-mail and the agent's answer, headers, greeting and signature; the answer
    quotes the e-mail below it (as a mail client does) or not."""
    r, g = c.r, c.g
    y, m, d = g.when()
    hm = g.clock()
    frm = r.choice([f"{c.nm()} <{c.email_w}>", f"{c.nm()} <{c.email_w}>", c.email_w])
    to = r.choice([f"{company} <{P('email', mailbox)}>", company, P("email", mailbox)])
    wd = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][(d + 3 * m) % 7]
    sent = L("service_date", f"{wd}, {d} {MONTHS[m - 1][:3]} {y}"), L("time", f"{hm[0]:02d}:{hm[1]:02d}")
    head = f"From: {frm}\nTo: {to}\nSubject: {subject}\nDate: {sent[0]} {sent[1]}\n\n"
    c.turns.append(("customer", head + body))
    hm2 = g.clock()
    rhead = (f"From: {company} <{P('email', mailbox)}>\nTo: {frm}\nSubject: RE: {subject}\n"
             f"Date: {L('service_date', f'{d + 1} {MONTHS[m - 1][:3]} {y}')} "
             f"{L('time', f'{hm2[0]:02d}:{hm2[1]:02d}')}\n\n")
    sig = r.choice([f"\n\nKind regards,\n{c.ag_full()}\n{team}\n{company}", f"\n\nBest wishes,\n{c.ag()}\n{team}",
                    f"\n\nThanks,\n{c.ag()} | {company}", f"\n\nYours sincerely,\n\n{c.ag_full()}\n{team}"])
    style = r.randrange(4)
    if style == 0:
        tail = (f"\n\n> On {L('service_date', f'{d} {MONTHS[m - 1][:3]} {y}')}, at "
                f"{L('time', f'{hm[0]:02d}:{hm[1]:02d}')}, "
                f"{frm} wrote:\n" + quote(body))
    elif style == 1:
        tail = (f"\n\n-----Original Message-----\nFrom: {frm}\nSent: {L('service_date', f'{d} {MONTHS[m - 1]} {y}')} "
                f"{L('time', f'{hm[0]:02d}:{hm[1]:02d}')}\nSubject: {subject}\n\n" + body)
    elif style == 2:
        tail = (f"\n\n________________________________\nFrom: {frm}\n"
                f"Sent: {L('service_date', f'{MONTHS[m - 1]} {d}, {y}')}\n\n" + body)
    else:
        tail = ""
    c.turns.append(("agent", (rhead if r.random() < 0.5 else "") + reply + sig + tail))


def dear(c: Conv) -> str:
    return c.r.choice([f"Dear {c.tt} {c.family()},", f"Hi {c.given()},", f"Dear {c.nm()},", f"Hello {c.given()},"])


def quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.split("\n"))


# ---------------------------------------------------------------- airline and travel agency

FARES = ["Economy Light", "Economy Classic", "Premium Economy Flex", "Business Saver", "Basic Economy", "Economy Plus"]


def travel(g: Gen, channel: str, k: int) -> list[tuple[str, str]]:
    c = Conv(g, channel)
    r, pick = c.r, c.r.choice
    pnr, dest, flight, flight2, fare = g.pnr(), pick(DESTINATIONS), g.flight(), g.flight(), pick(FARES)
    brand = pick(["Skyvale Travel", "Northwind Airways"])
    partner = g.person()
    sc = k % 3
    if channel == "chat":
        c.a(pick([f"Hi, you're chatting with {c.ag()} at {brand} 👋 How can I help?",
                  f"Welcome to {brand} chat. My name is {c.ag()}, what can I do for you today?",
                  f"Hello! {c.ag()} here from the bookings team. How can I help?"]))
        if sc == 0:  # a cancelled flight
            c.c(pick([f"hi my flight {c.code('tracking_serial', flight)} to {c.place(dest)} on {c.date()} got "
                      f"cancelled, booking ref is {c.code('order_ref', pnr)}",
                      f"Hello, PNR {c.code('order_ref', pnr)} - just got a text saying "
                      f"{c.code('tracking_serial', flight)} is cancelled?? what are my options"]))
            c.a("I'm so sorry about that. Can I take the lead passenger's full name as it appears on the booking?")
            c.c(c.intro())
            k = r.randrange(3)
            c.a(f"Thanks {c.tt} {c.family()}. I can move you to {c.code('tracking_serial', flight2)} on {c.date()} "
                f"departing {c.time()}, same {c.lk('plan', pick(FARES))} fare at no extra cost, or refund "
                f"{c.money(60, 900)} to the card ending {c.last4()}.")
            c.c([f"the new flight pls. can u send the confirmation to {c.email()}",
                 f"rebook please. and text me on {c.phone()}, thats my new number",
                 "refund please, ill book with someone else"][k])
            c.a([f"Done - your new e-ticket is {c.lk('order_ref', g.ticket())} and the confirmation is on its way "
                 f"to {c.email()}.",
                 f"All rebooked. I've updated your mobile to {c.phone()} so you'll get gate updates by text.",
                 f"Understood, the refund is processed. It can take {c.count(r.choice([5, 7, 10]), 'working days')} "
                 "to show."][k])
            c.c(pick([f"thx {c.ag()}", "ok thanks", "great cheers", f"thank you {c.ag()}, really helpful"]))
        elif sc == 1:  # a frequent-flyer number and new contact details
            ff = g.ff()
            c.c(pick([f"hi, booking {c.code('order_ref', pnr)}, i forgot to add my frequent flyer no. its "
                      f"{c.lk('order_ref', ff)}",
                      f"Hello can you add my miles number {c.lk('order_ref', ff)} to {c.code('order_ref', pnr)} please",
                      f"hi, tried to add my frequent flyer no {c.lk('order_ref', ff)} to {c.code('order_ref', pnr)} "
                      "in the app but it says error "
                      f"{c.lk('error_code', pick(['TKT-332', '1108', 'FF_INVALID', '4xx']))}"
                      f" (app version {c.lk('version', pick(['4.12.1', '5.0.3', '4.9']))})"]))
            c.a("Of course. For security, can you confirm the lead passenger's name and date of birth?")
            c.c(pick([f"{c.nm()}, dob {c.dob()}", f"{c.intro()}. born {c.dob()}",
                      f"{c.nm()} {c.dob()}", f"its {c.given()}. date of birth {c.dob()}"]))
            c.a(f"Thanks {c.given()}, I've added {c.lk('order_ref', ff)}. Miles for "
                f"{c.code('tracking_serial', flight)} "
                f"on {c.date()} post within {c.count(r.choice([2, 4, 6]), 'weeks')}. Is your mobile still "
                f"{c.other_phone()}?")
            c.c(pick([f"no its changed, {c.phone()}", f"nope new number is {c.phone()} and email {c.email()}",
                      f"no thats my old one. {c.phone()}"]))
            c.a(f"Updated. You're all set for {c.place(dest)} - {c.count(r.randint(3, 14), 'nights')}, "
                f"{c.count(r.randint(1, 3), 'checked bags')} included.")
        else:  # adding a partner
            c.c(pick([f"hiya its {c.given()}, need to add my partner {c.nm(partner.full)} to booking "
                      f"{c.code('order_ref', pnr)}",
                      f"{c.tt} {c.family()} here. I'd like to add my partner {c.nm(partner.full)} to our trip to "
                      f"{c.place(dest)}, ref {c.code('order_ref', pnr)}"]))
            c.a("Happy to help. I'll need their full name as on the passport, their date of birth and passport number.")
            pdob = g.dob(1950, 2003)
            c.c(pick([f"{c.nm(partner.full)}, born {c.dob(pdob)}, passport {P('national_id', g.passport())}",
                      f"{c.nm(partner.full)}\ndob {c.dob(pdob)}\npassport no {P('national_id', g.passport())}"]))
            c.a(f"Thanks. Adding {c.nm(partner.given)} on {c.lk('plan', fare)} costs {c.money(90, 700)} for the "
                f"{c.count(r.randint(3, 14), 'nights')}. Shall I take it from the card on the booking?")
            k = 0
            c.c(pick([f"no use this one {c.card()}", f"no, this card pls {c.card()}", f"new card: {c.card()}"]))
            c.a([f"Please don't post full card numbers in chat - I've masked it. Payment taken from the card ending "
                 f"{c.last4()}, thank you.",
                 f"Done, that's taken. The new e-ticket is {c.lk('order_ref', g.ticket())}."][k])
    elif channel == "email":
        if sc != 2:  # advance passenger information
            kid = g.person()
            lines = [f"1. {c.nm()} - passport no. {P('national_id', g.passport())}, date of birth {c.dob()}",
                     f"2. {c.nm(kid.given + ' ' + c.p.family)} - passport {P('national_id', g.passport())}, "
                     f"DOB {c.dob(g.dob(2008, 2019))}"]
            if r.random() < 0.5:
                lines.append(f"3. {c.nm(partner.full)} - passport {P('national_id', g.passport())}, born "
                             f"{c.dob(g.dob(1950, 2000))}")
            body = (pick(["Dear Skyvale team,\n\n", "Hi,\n\n", "Hello there,\n\n"])
                    + pick([f"Please find below the advance passenger information for our trip to {c.place(dest)} on "
                            f"{c.date()} ({c.code('tracking_serial', flight)}).",
                            f"As requested, here are the passport details for {c.code('order_ref', pnr)}. We fly out "
                            f"{c.date()} and come back after {c.count(r.randint(7, 21), 'nights')}."])
                    + "\n\n" + "\n".join(lines)
                    + (f"\n\nMy frequent flyer number is {c.lk('order_ref', g.ff())} if you could add it please."
                       if r.random() < 0.5 else "")
                    + (f"\n\nPlease take the balance of {c.money(150, 900)} from my card {c.card()}."
                       if r.random() < 0.6 else "")
                    + signoff(c, c.phone()))
            reply = (f"{dear(c)}\n\nThank you, I've added the passport details to {c.code('order_ref', pnr)}. "
                     f"Your e-tickets are {c.lk('order_ref', g.ticket())} and {c.lk('order_ref', g.ticket())}; "
                     f"online check-in for {c.code('tracking_serial', flight)} opens "
                     f"{c.count(r.choice([24, 30, 48]), 'hours')} before departure.")
            thread(c, brand, {"Skyvale Travel": "bookings@skyvale.co.uk"}.get(brand, "apis@northwindairways.com"),
                   f"Passenger details - {c.code('order_ref', pnr)}", body, reply, "Customer Care")
        else:  # compensation for a cancelled flight
            sort, acct = g.sort_code(), g.account()
            pay = pick([f"sort code {P('bank', g.sort_text(sort))}, account number {P('bank', acct)}",
                        f"IBAN {P('bank', g.iban_text(g.iban('GB', sort, acct)))}"])
            body = (pick(["Dear Sir or Madam,\n\n", "Hello,\n\n"])
                    + f"Our flight {c.code('tracking_serial', flight)} from {c.place(dest)} on {c.date()} was "
                      f"cancelled {c.count(r.choice([2, 3, 5]), 'hours')} before departure and we were not rebooked "
                      f"until the next day. Booking reference {c.code('order_ref', pnr)}, "
                      f"{c.count(r.randint(2, 4), 'passengers')}.\n\n"
                      f"I would like to claim compensation of {c.money(220, 600, '€')} per passenger. Please pay it "
                      f"to {pay} in the name of {c.nm()}.\n\nOur address for any letters is:\n{c.address()}"
                    + signoff(c, c.phone()))
            reply = (f"{dear(c)}\n\nI'm sorry for the disruption to your journey. I've passed your claim to our "
                     f"compensation team with reference {c.lk('order_ref', 'CMP-' + g.account(6))}; they will reply "
                     f"within {c.count(r.choice([14, 28]), 'days')}. We do not need your bank details again, so "
                     "please don't send them by e-mail in future.")
            thread(c, brand, {"Skyvale Travel": "customer.relations@skyvale.co.uk"}.get(
                brand, "customer.relations@northwindairways.com"), f"Compensation claim {c.code('order_ref', pnr)}",
                body, reply,
                   "Customer Relations")
    else:
        c.a(pick([f"thank you for calling {brand.lower()} you're speaking to {c.ag()} how can i help",
                  f"good afternoon {brand.lower()} {c.ag()} speaking",
                  f"hi there you're through to {c.ag()} in the rebooking team can i take your booking reference"]))
        if sc in (0, 1):  # cancelled, rebook
            c.c(pick([f"hi yeah um my flight tomorrow to {c.place(dest)} has been cancelled the reference is "
                      f"{c.code('order_ref', pnr, spell=0.5)}",
                      f"oh hello yes {c.tt} {c.family()} here i'm ringing about booking "
                      f"{c.code('order_ref', pnr, spell=0.5)} it says it's cancelled"]))
            c.a(pick(["okay and can i take the lead passenger's name please", "thank you and who am i speaking to",
                      "no problem can you spell the surname for me"]))
            c.c(c.intro())
            c.a(f"thank you {c.tt} {c.family()} so {c.code('tracking_serial', flight)} on {c.date()} has been "
                f"cancelled i can put you on the {c.time()} the next morning {c.code('tracking_serial', flight2)}")
            c.c(pick(["yeah that's fine", "um is there nothing earlier okay fine", "yes please go ahead"]))
            c.a(pick(["okay and for security can you confirm the lead passenger's date of birth",
                      "okay that's done what's the best number to text the new times to"]))
            k = r.randrange(3)
            c.c([f"it's {c.dob()}", f"it's {c.phone()}",
                 f"i was born in {c.dob(year_only=True)} if that's what you need my frequent flyer number is "
                 f"{c.digits('order_ref', g.ff(), [4, 4], look=True)}"][k])
            c.a(pick([f"lovely that's all rebooked departing {c.time()} your bag tag number stays "
                      f"{c.code('tracking_serial', pick(['NW', 'BA', 'SV']) + g.account(6))}",
                      f"perfect i'll text the details to {c.phone()} now",
                      f"thanks {c.tt} {c.family()} you're all booked on {c.lk('plan', fare)} with "
                      f"{c.count(r.randint(1, 3), 'bags')}"]))
            c.c(pick([f"great that's brilliant thanks {c.ag()}", "okay thank you bye",
                      f"and can you email it to {c.email()} as well"]))
        else:  # a change fee paid by card
            c.c(pick([f"hi i need to change the date on my booking to {c.place(dest)} {c.intro()}",
                      f"hello um i want to move our holiday back a week the booking's under {c.nm()}"]))
            c.a("okay can you confirm the booking reference")
            c.c(f"yeah it's {c.code('order_ref', pnr, spell=0.6)}")
            c.a(f"thank you so i can move you to {c.date()} there's a change fee of {c.money(40, 180)} per person "
                f"would you like to pay by card")
            c.c(pick([f"yeah go on the card number is {c.card()}", f"yes please it's {c.card()}"]))
            c.a(pick(["and the expiry and the three digits on the back please", "thank you that's gone through"]))
            c.c(pick([f"and can you send the new itinerary to {c.email()}", "okay thanks",
                      f"lovely thank you {c.ag()}"]))
    return c.turns


# ---------------------------------------------------------------- hospital appointment line

CLINICS = ["fracture clinic", "diabetes clinic", "ENT clinic", "physio", "antenatal clinic", "dermatology",
           "cardiology outpatients", "eye clinic", "rheumatology"]


def self_pay(c: Conv, nhs_m, slot) -> list[tuple[str, str]]:
    """The trust's private patients office: paying a self-pay invoice by card."""
    g, pick = c.g, c.r.choice
    inv = "INV" + g.account(7)
    what = pick(["physiotherapy", "a private MRI scan", "the private dermatology consultation", "hearing tests"])
    if c.ch == "email":
        body = (pick(["Dear Private Patients Office,\n\n", "Hello,\n\n"])
                + f"I've received invoice {c.lk('order_ref', inv)} for {c.money(90, 900)} for {what} on {c.date()}. "
                  f"Please could you take payment from my card {c.card()}? My NHS number is {nhs_m()} and my date "
                  f"of birth is {c.dob()}." + signoff(c, c.phone()))
        reply = (f"{dear(c)}\n\nThank you. For your security we cannot take card details by e-mail, so we have "
                 f"not used them. Please call us on our payment line or pay online quoting {c.lk('order_ref', inv)}. "
                 f"Your next appointment is {slot()}.")
        thread(c, "Riverside Private Patients", "privatepatients@riverside.nhs.uk",
               f"Invoice {c.lk('order_ref', inv)}", body, reply,
               "Private Patients Office")
        return c.turns
    if c.voice:
        c.a(f"private patients office {c.ag()} speaking")
        c.c(f"hi {c.intro()} i'd like to pay an invoice for {what}")
        c.a("no problem have you got the invoice number there")
        c.c(f"yes it's {c.code('order_ref', inv, spell=0.2)}")
        c.a(f"thank you that's {c.money(90, 900)} for {c.date()} and can i just check your date of birth")
        c.c(f"{c.dob()}")
        c.a("lovely and the long number on the card please")
        c.c(pick([f"it's {c.card()}", f"okay it's {c.card()}", f"right um {c.card()}"]))
        c.a(f"and that's gone through on the card ending {c.last4()} you'll get a receipt at the address we have")
        c.c(pick([f"thanks {c.ag()}", "lovely thank you"]))
    else:
        c.a(f"Hi, you're chatting with {c.ag()} in the Private Patients Office. How can I help?")
        c.c(pick([f"hi can i pay invoice {c.lk('order_ref', inv)} here? its {c.money(90, 900)} for {what}",
                  f"hello i want to pay for my {what}, invoice {c.lk('order_ref', inv)}"]))
        c.a("Thanks. Can I take your full name and date of birth to find the invoice?")
        c.c(pick([f"{c.nm()}, {c.dob()}", f"{c.intro()}, dob {c.dob()}"]))
        c.a("Found it. I'll send a secure payment link - please don't type card details in chat.")
        c.c(pick([f"oh its ok just use {c.card()}", f"can you not just take it, card is {c.card()}"]))
        c.a(f"I've removed your card number from the chat for your security. The link is on its way to {c.email()}; "
            f"it stays valid for {c.count(pick([24, 48]), 'hours')}.")
    return c.turns


def hospital(g: Gen, channel: str, k: int) -> list[tuple[str, str]]:
    c = Conv(g, channel)
    r, pick = c.r, c.r.choice
    ward, clinic = pick(WARDS), pick(CLINICS)
    nhs = g.nhs()
    ref = "".join(r.choices(string.digits, k=r.choice([8, 9])))

    def nhs_m() -> str:
        spaced = f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"
        w = pick([spaced, nhs, spaced, f"{nhs[:3]}-{nhs[3:6]}-{nhs[6:]}"])
        return c.digits("national_id", nhs, [3, 3, 4], w)

    def slot() -> str:
        return f"{c.date()} at {c.time(8, 17)}"

    sc = k % 3
    if sc == 2:
        return self_pay(c, nhs_m, slot)
    if channel == "chat":
        c.a(pick([f"Hello, you're chatting with {c.ag()} from Riverside Hospitals Patient Appointments. "
                  "How can I help?",
                  f"Hi, I'm {c.ag()}, a patient services coordinator. What can I help with today?"]))
        if sc == 0:  # the patient moves their own appointment
            c.c(pick([f"hi i need to reschedule my {clinic} appointment on {slot()}",
                      f"hi the NHS App wont let me rebook my {clinic} appt on {c.date()}, says error "
                      f"{c.lk('error_code', pick(['1001', 'NHSA-104', '503']))} "
                      f"(app {c.lk('version', pick(['2.41', '2.38.1']))})",
                      f"hello my appt on {c.place(ward)} ward on {c.date()} clashes with work can i move it",
                      f"hiya it's {c.given()} from flat {r.randint(1, 12)}, I cant make my {clinic} appointment on "
                      f"{c.date()}"]))
            c.a("Of course. Can I take your full name, date of birth and NHS number please?")
            c.c(pick([f"{c.nm()}, dob {c.dob()}, nhs no {nhs_m()}", f"its {c.nm()} born {c.dob()} NHS number {nhs_m()}",
                      f"nhs {nhs_m()} - {c.family()}, {c.given()}. birthday {c.dob()}",
                      f"{c.nm()}\n{c.dob()}\n{nhs_m()}"]))
            c.a(pick([f"Thanks {c.given()}. I can offer {slot()} or {slot()}, both "
                      f"{c.count(r.choice([20, 30, 45]), 'minute')} slots.",
                      f"Thank you. The next available is {slot()} in the {c.place(ward)} unit."]))
            k = r.randrange(2)
            c.c([f"the first one is fine. my mobile changed too, its {c.phone()}",
                 f"ok that works. can you email the letter to {c.email()} instead of post"][k])
            c.a([f"All booked, ref {c.lk('order_ref', 'APT' + g.account(7))}. A reminder will go to {c.phone()} "
                 f"{c.count(r.choice([2, 3, 7]), 'days')} before.",
                 f"Booked in. The letter will go to {c.email()}. Parking is {c.money(2.5, 9.8)} for up to "
                 f"{c.count(r.choice([2, 3, 4]), 'hours')}."][k])
        else:  # a carer for a parent who has moved
            mum = g.given_name("f") + " " + c.p.family
            c.c(pick([f"Hi, got a letter for my mum but she's moved house. it's about her appointment ref "
                      f"{c.lk('order_ref', ref)}",
                      f"hello im calling for my mother, she cant use the computer. her appt is on {c.date()}"]))
            c.a("I can help. Could you give me the patient's full name, NHS number and date of birth?")
            mdob = g.dob(1930, 1960)
            c.c(pick([f"my mum is Mrs {c.nm(mum)}, d.o.b. {c.dob(mdob)}. her NHS number is {nhs_m()}",
                      f"{c.nm(mum)} - {nhs_m()} - born {c.dob(mdob)}"]))
            c.a(f"Thank you. I can see her {clinic} appointment on {slot()}. Are you named as her carer on the record?")
            c.c(pick([f"yes, im {c.nm()}. her new address is {c.address()}",
                      f"yes its {c.given()}. she lives at {c.address()} now, and her phone is {c.phone()}"]))
            c.a(f"Thanks {c.given()}, updated. I've also moved her to the {c.place(ward)} clinic, closer to the new "
                f"address, on {slot()}.")
    elif channel == "email":
        if sc == 0:
            who = f"myself ({c.nm()}, date of birth {c.dob()})"
        else:
            who = (f"my father, Mr {c.nm(g.given_name('m') + ' ' + c.p.family)} (born "
                   f"{c.dob(g.dob(1928, 1955), year_only=r.random() < 0.4)})")
        body = pick([
            f"Dear Appointments Team,\n\nI am writing about the {clinic} appointment for {who}, NHS number "
            f"{nhs_m()}, currently booked for {slot()}.\n\nUnfortunately we will be away for "
            f"{c.count(r.randint(2, 4), 'weeks')} and would like to rearrange. We have also moved, and the new "
            f"address is:\n\n{c.address()}\n\nPlease ring me on {c.phone()} if anything is unclear.",
            f"Hello,\n\nI had a letter (ref {c.lk('order_ref', ref)}) about the {clinic} for {who} on {c.date()}, "
            f"but it went to our old address. Please could you update it to {c.address()}.\n\nNHS no. {nhs_m()}\n"
            f"Mobile {c.phone()}"]) + signoff(c)
        reply = (f"{dear(c)}\n\n" + pick([
            f"Thank you for your email. I have updated the address on the record and rebooked the appointment "
            f"for {slot()} in the {c.place(ward)} outpatient suite. A new letter will follow within "
            f"{c.count(r.randint(3, 7), 'working days')}.",
            f"Thanks for letting us know. The appointment has moved to {slot()} and the new reference is "
            f"{c.lk('order_ref', 'RVH-' + g.account(6))}. For your security we have not repeated the NHS number "
            "in this email."]))
        thread(c, "Outpatient Appointments", "rvh.appointments@nhs.net",
               pick(["Appointment change", f"Your appointment ref {c.lk('order_ref', ref)}",
                     "Change of address - outpatients"]),
               body, reply, "Patient Access Centre, Riverside Hospitals NHS Foundation Trust")
    else:
        c.a(pick([f"good morning riverside hospitals appointment line you're speaking with {c.ag()}",
                  f"hello patient appointments {c.ag()} speaking how can i help"]))
        if sc == 0:
            c.c(pick([f"oh hi um yes i've got an appointment at the {clinic} on {c.date()} and i can't make it",
                      f"hi {c.tt} {c.family()} here i need to change my appointment",
                      f"hello it's {c.given()} from flat {say_int(r.randint(1, 30))} i've had a letter about "
                      f"my {clinic}"]))
            c.a(pick(["okay can i take the nhs number please", "no problem do you have your nhs number there",
                      "okay what's your surname and date of birth please"]))
            c.c(pick([f"yeah it's {nhs_m()}", f"um hang on it's {nhs_m()} and my date of birth is {c.dob()}",
                      f"surname {c.family()} {c.spelled()} date of birth {c.dob()}",
                      f"{c.family()} born {c.dob()}"]))
            c.a(pick(["thank you and can i just check the first line of the address and the postcode",
                      "lovely and can you confirm the postcode we've got for you"]))
            c.c(pick([f"yeah it's {c.address()}", f"postcode is {c.postcode()}", f"it's {c.postcode()}"]))
            c.a(pick([f"perfect i can offer you {slot()} on {c.place(ward)} ward",
                      f"okay i've moved you to {slot()} otherwise it's about a "
                      f"{c.count(r.choice([6, 8, 10]), 'week')} wait"]))
            c.c(pick([f"brilliant and can you send the text to {c.phone()} it's a new number",
                      f"okay thank you {c.ag()}", f"lovely and my email is {c.email()} if you do emails now",
                      f"that's great um my mobile's {c.phone()} if you need it"]))
        else:  # a parent calling for a child
            kid = g.person()
            child = kid.given + " " + c.p.family
            c.c(f"hello i'm calling for my son {c.nm(child)} he's got the {clinic} on {c.date()}" if kid.gender != "f"
                else f"hi i'm ringing about my daughter {c.nm(child)} she's got an appointment on {c.date()}")
            c.a("okay are you the parent or guardian and can i take the child's date of birth")
            he = "she" if kid.gender == "f" else "he"
            role = {"f": "mum", "m": "dad"}.get(c.p.gender, "parent")
            c.c(f"yes i'm {pick(['his' if he == 'he' else 'her', 'the'])} {role} {c.nm()} and {he} "
                f"was born {c.dob(g.dob(2010, 2021))}")
            c.a("thank you and the nhs number if you have it")
            c.c(f"um yes it's {nhs_m()}")
            c.a(f"lovely so that's booked {slot()} your reference is {c.digits('order_ref', ref, [4, 4], look=True)} "
                "is there anything else")
            c.c(pick([f"no that's all thanks {c.ag()}", f"can you text it to {c.phone()}"]))
    return c.turns


# ---------------------------------------------------------------- car insurer

COVERS = ["Comprehensive", "Third Party, Fire and Theft", "Comprehensive Plus", "Third Party Only"]


def insurer(g: Gen, channel: str, k: int) -> list[tuple[str, str]]:
    c = Conv(g, channel)
    r, pick = c.r, c.r.choice
    plate = g.plate()
    make, model = pick(CAR_MAKES)
    policy = pick(["HMM-", "PX", "MTR/"]) + g.account(r.choice([7, 8]))
    claim = f"CLM-{r.choice([23, 24])}-{g.account(6)}"
    cover = pick(COVERS)
    other = g.person()
    odob = g.dob(1960, 2006)

    def car() -> str:
        return f"{c.place(make)} {speak(model) if c.voice else model}"

    def reg(p: str = plate) -> str:
        return c.code("tracking_serial", p, spell=0.3)

    sc = k % 3
    if channel == "chat":
        c.a(pick([f"Hi, you're chatting with {c.ag()} at Harbour Mutual Motor. How can I help?",
                  f"Hello and welcome to Harbour Mutual. I'm {c.ag()}, how can I help today?"]))
        if sc == 0:  # an accident
            c.c(pick([f"hi someone reversed into my {car()} in the tesco car park, reg {reg()}",
                      f"hello i need to make a claim. policy no {c.code('order_ref', policy)}"]))
            c.a("Sorry to hear that - is everyone ok? Can I take your full name and date of birth to find the policy?")
            c.c(pick([f"{c.nm()}, dob {c.dob()}", f"{c.intro()}, born {c.dob()}. car is a {car()}"]))
            c.a(f"Thanks {c.given()}. I've got policy {c.code('order_ref', policy)}, {c.lk('plan', cover)}, for "
                f"{reg()}. When did it happen, and do you have the other driver's details?")
            c.c(pick([f"{c.date()} about {c.time()}. the other driver was a {pick(['mr', 'Mr', 'Ms'])} "
                      f"{c.nm(other.family)}, number {c.other_phone()}",
                      f"yesterday around {c.time()}. she gave me her name {c.nm(other.full)} and number "
                      f"{c.other_phone()}",
                      f"{c.date()}. i took the other cars reg {reg(g.plate())} and the driver was {c.nm(other.full)}"]))
            c.a(f"Thanks, I've opened claim {c.lk('order_ref', claim)}. Your excess is {c.money(100, 500)}. We'll call "
                f"you on {c.phone()} within {c.count(r.choice([24, 48]), 'hours')}.")
            c.c(pick([f"thanks {c.ag()}", f"thats not my number any more, its {c.other_phone()}",
                      f"can i pay the excess now? card is {c.card()}"]))
        elif sc == 1:  # a named driver
            rel = pick({"f": ["partner", "daughter", "wife"], "m": ["partner", "son", "husband"]}.get(
                other.gender, ["partner"]))
            if rel in ("son", "daughter"):
                other = Person(other.given, c.p.family, other.gender)
                odob = g.dob(1999, 2006)
            c.c(pick([f"Hi, {c.tt} {c.family()} here, I want to add a named driver to my policy "
                      f"{c.code('order_ref', policy)}",
                      f"hiya can i get a quote to add my {rel} {c.nm(other.full)} to my insurance"]))
            c.a("Of course. Can I take the policyholder's name and the registration first?")
            c.c(pick([f"{c.nm()}, reg is {reg()}", f"its {c.given()} {c.family()}. {reg()}"]))
            c.a("Thanks. And the driver's full name, date of birth and driving licence number?")
            c.c(pick([f"my {rel} {c.nm(other.full)}, born {c.dob(odob)}, licence no "
                      f"{P('national_id', g.licence(other, odob))}",
                      f"{c.nm(other.full)}. d.o.b {c.dob(odob)}. licence {P('national_id', g.licence(other, odob))}",
                      f"{c.nm(other.given)}, dob {c.dob(odob)}, passed {c.count(r.randint(2, 11), 'months')} ago"]))
            c.a(f"Thank you. Adding {c.nm(other.given)} costs {c.money(40, 600)} for the remaining "
                f"{c.count(r.randint(2, 11), 'months')}. Shall I add it to the direct debit?")
            c.c(r.choices([f"yes but my bank changed, sort code {P('bank', g.sort_text(g.sort_code()))} acc "
                           f"{P('bank', g.account())}", "yes thats fine", f"no put it on my card {c.card()}"],
                          weights=[3, 1, 2])[0])
            c.a(pick([f"Done. Your new documents will be sent to {c.email()}.",
                      f"All done. Your renewal date stays {c.date()}."]))
        else:  # a new address
            c.c(pick([f"hi ive moved house, can i update my address on {c.code('order_ref', policy)}",
                      f"hello its {c.given()} from flat {r.randint(1, 20)}... well not anymore, ive moved. need to "
                      "update my policy"]))
            c.a("Congratulations on the move! Can I take your full name, date of birth and the new address?")
            c.c(pick([f"{c.nm()}, {c.dob()}, new address {c.address()}",
                      f"{c.intro()}\n{c.dob()}\n{c.address()}"]))
            c.a(f"Thanks. Is the {car()} ({reg()}) kept on a driveway at the new address?")
            c.c(pick(["yes on the drive", "on the road outside", "in a garage"]))
            c.a(f"Your premium changes by {c.money(3, 40)} a month from {c.date()}. I'll send the new schedule to "
                f"{c.email()}.")
    elif channel == "email":
        body = ("Hello,\n\n" if r.random() < 0.5 else "Dear Sir/Madam,\n\n") + [
            f"I'm writing to report an accident on {c.date()} at around {c.time()}. My car ({car()}, reg {reg()}) "
            f"was hit at a roundabout. The other driver's details are:\n\nName: {c.nm(other.full)}\n"
            f"Phone: {c.other_phone()}\nReg: {reg(g.plate())}\n\nMy policy number is {c.code('order_ref', policy)}.",
            f"Please can you add my {pick(['wife', 'husband', 'partner'])} {c.nm(other.full)} as a named driver on "
            f"policy {c.code('order_ref', policy)} from {c.date()}? Their date of birth is {c.dob(odob)} and the "
            f"licence number is {P('national_id', g.licence(other, odob))}.\n\nI'd also like to change the direct "
            f"debit to account {P('bank', g.account())}, sort code {P('bank', g.sort_text(g.sort_code()))}.",
            f"I have moved house and need to update the address on my policy {c.code('order_ref', policy)}. The car "
            f"({car()}, {reg()}, VIN {c.lk('tracking_serial', g.vin())}) is now kept at:\n\n{c.address()}\n\n"
            "It is parked on the drive overnight. My date of "
            f"birth is {c.dob()} in case you need it."][sc] + signoff(c, c.phone())
        reply = f"{dear(c)}\n\n" + [
            f"Thank you for your email. I've logged this as claim {c.lk('order_ref', claim)} under your "
            f"{c.lk('plan', cover)} cover. Your excess is {c.money(150, 500)} and a repairer will contact you within "
            f"{c.count(r.choice([2, 3]), 'working days')}.",
            f"Thanks, that's all updated on {c.code('order_ref', policy)}. The change costs {c.money(20, 300)}, "
            f"collected with your next payment on {c.date()}.",
            f"The address has been updated and your premium is unchanged at {c.money(30, 120)} a month for the "
            f"remaining {c.count(r.randint(2, 11), 'months')}."][sc]
        thread(c, "Harbour Mutual", pick(["claims@harbourmutual.co.uk", "service@harbourmutual.co.uk"]),
               f"Policy {c.code('order_ref', policy)}", body, reply, pick(["Claims Handler", "Customer Services"]))
    else:
        c.a(pick([f"harbour mutual claims line you're through to {c.ag()} is anyone hurt",
                  f"good morning harbour mutual motor {c.ag()} speaking how can i help"]))
        if sc == 0:  # first notice of loss
            c.c(pick([f"hi no nobody's hurt um i've been in a bump my policy number is "
                      f"{c.code('order_ref', policy, spell=0.2)}",
                      f"hi yes it's {c.given()} {c.family()} i need to report an accident"]))
            c.a("okay can i take the registration of your vehicle")
            c.c(f"it's {reg()} a {car()}")
            c.a("thank you and can you confirm your full name and date of birth")
            c.c(f"{c.intro()} and i was born {c.dob()}")
            c.a(f"thanks i've got your {c.lk('plan', cover.lower())} policy when did it happen")
            c.c(f"{c.date()} about {c.time()} the other driver was {c.nm(other.full)} and his number is "
                f"{c.other_phone()}")
            c.a(f"okay i've opened a claim the reference is {c.code('order_ref', claim)} your excess is "
                f"{c.money(100, 400)} and a recovery truck should be with you in about "
                f"{c.count(r.choice([45, 60, 90]), 'minutes')}")
            c.c(pick(["okay thank you", f"thanks {c.ag()} and my mobile's {c.phone()} if they need to call",
                      f"okay can you email me the claim details it's {c.email()}"]))
        elif sc == 1:  # a new driver
            c.c(f"hello you're speaking to {c.tt} {c.family()} i want to add my daughter to my policy")
            c.a("no problem can you confirm your postcode and date of birth")
            c.c(f"it's {c.postcode()} and i was born {c.dob()}")
            c.a("thank you and what's your daughter's name and date of birth")
            kid = Person(g.given_name("f"), c.p.family, "f")
            kdob = g.dob(2003, 2007)
            c.c(pick([f"her name's {c.nm(kid.given)} she was born in {c.dob(kdob, year_only=True)} she's just "
                      "passed her test",
                      f"it's {c.nm(kid.given + ' ' + c.p.family)} born {c.dob(kdob)}"]))
            c.a(f"okay that'll be an extra {c.money(300, 1200)} for the year shall i take that from the card "
                f"ending {c.last4()}")
            k = r.choices([0, 1], weights=[1, 2])[0]
            c.c(["yeah that's fine", f"no can you take it off this card it's {c.card(g.card())}"][k])
            c.a(pick([f"that's done i'll email the new certificate to {c.email()}", "lovely that's all done"]))
        else:  # renewal paid by card
            c.c(f"hi my renewal letter came it's gone up to {c.money(600, 1400)} policy "
                f"{c.code('order_ref', policy, spell=0.2)}")
            c.a("okay let me have a look can i take your name and the first line of your address")
            c.c(f"{c.intro()} it's {c.address()}")
            c.a(f"thank you i can offer you {c.lk('plan', 'Third Party, Fire and Theft')} at {c.money(400, 900)} or "
                f"keep {c.lk('plan', cover)} at {c.money(500, 1000)} over {c.count(12, 'months')}")
            c.c(f"i'll keep it the same i'll pay it now on my card {c.card()}")
            c.a(f"thank you that's taken from the card ending {c.last4()} and do you want the direct debit for "
                "next year from the same account")
            c.c(pick([f"no use my new account sort code {c.digits('bank', g.sort_code(), [2, 2, 2])} account "
                      f"{c.digits('bank', g.account(), [4, 4])}",
                      f"yeah same account it's sort code {c.digits('bank', g.sort_code(), [2, 2, 2])}",
                      "no i'll pay it by card next year"]))
    return c.turns


# ---------------------------------------------------------------- online bank

UK_SHOPS = ["Marks & Spencer", "Sainsbury's", "Morrisons", "Ben & Jerry's", "Lloyds Pharmacy", "Dunelm", "Halfords",
            "McDonald's", "Lidl"]
US_SHOPS = ["Wendy's", "Macy's", "Kohl's", "Trader Joe's", "Lowe's", "Denny's", "Dillard's"]


def savings(c: Conv) -> list[tuple[str, str]]:
    """Opening a savings account: a UK customer's National Insurance number, a US one's SSN."""
    g, r, pick = c.g, c.r, c.r.choice
    product = pick(["High Yield Savings", "12-Month CD"] if c.us else
                   ["Easy Access Cash ISA", "Fixed Rate ISA", "Lifetime ISA", "1 Year Fixed Saver"])
    ident = g.ssn() if c.us else g.nino()
    if c.us:
        written = pick([f"{ident[:3]}-{ident[3:5]}-{ident[5:]}", ident])
        said = say_digits(r, [ident[:3], ident[3:5], ident[5:]])
        what = "SSN"
    else:
        written = pick([ident, f"{ident[:2]} {ident[2:4]} {ident[4:6]} {ident[6:8]} {ident[8]}", ident.lower()])
        said = say_letters(r, ident, nato=0.2)
        what = "National Insurance number"
    idm = P("national_id", said if c.voice else written)
    c.a(pick([f"Hi, I'm {c.ag()} from Brightwater Bank. What can I help with?",
              f"You're chatting with {c.ag()}. How can I help today?"]) if not c.voice else
        f"brightwater bank savings team {c.ag()} speaking how can i help")
    if c.ch == "email":
        body = (pick(["Hello,\n\n", "Hi there,\n\n"])
                + f"I tried to open the {c.lk('plan', product)} in the app but it "
                f"stops at the {what} step with error {c.lk('error_code', pick(['ID-22', 'KYC-104', '4012']))}. My "
                f"details are:\n\nName: {c.nm()}\nDate of birth: {c.dob()}\n{what}: {idm}\nAddress: {c.address()}\n\n"
                f"I'd like to put in {c.money(500, 20000)} to start.") + signoff(c, c.phone())
        reply = (f"{dear(c)}\n\nThank you. Your {c.lk('plan', product)} is now open, account ending "
                 f"{c.lk('card_last4', g.account()[-4:])}. Please don't send your {what} by e-mail again: the app is "
                 "the secure place for it.")
        thread(c, "Brightwater Bank", "savings@brightwaterbank.co.uk", f"Can't open {c.lk('plan', product)}",
               body, reply,
               "Savings Team")
        return c.turns
    c.c(pick([f"hi i want to open a {c.lk('plan', product)} but it wont accept my {what.lower()}",
              f"hello how do i open the {c.lk('plan', product)}? it says verification failed"]))
    c.a("I can help with that. Can you confirm your full name, date of birth and home address?")
    c.c(pick([f"{c.nm()}, {c.dob()}, {c.address()}", f"{c.intro()} born {c.dob()} and it's {c.address()}"]))
    c.a(f"Thanks. And the {what.lower()} you entered?")
    c.c(pick([f"its {idm}", f"{idm}", f"um it's {idm}"]))
    c.a(f"Thanks {c.given()}, that's verified now. The {c.lk('plan', product)} is open; you can pay in up to "
        f"{c.money(4000, 20000)} this tax year, and the rate is fixed for {c.count(pick([12, 18, 24]), 'months')}.")
    c.c(pick([f"great thanks {c.ag()}", "perfect thank you", "ok cheers"]))
    return c.turns


def bank(g: Gen, channel: str, k: int) -> list[tuple[str, str]]:
    us = k % 3 == 1 and k % 4 != 3
    c = Conv(g, channel, us=us)
    r, pick = c.r, c.r.choice
    shop = pick(US_SHOPS if us else UK_SHOPS)
    ver = pick(["6.3.1", "7.0.2", "5.18.0", "7.1", "6.12.4"])
    err = pick(["E-2049", "ERR_401", "BW-5003", "91", "PAY-417", "0x1F4"])
    sort = g.sort_code()
    acct = g.account(r.choice([10, 11, 12]) if us else 8)
    routing = g.routing()

    def own() -> str:  # the customer's account, as written
        if us:
            return f"routing {P('bank', routing)}, account {P('bank', acct)}"
        return f"sort code {P('bank', g.sort_text(sort))}, account {P('bank', acct)}"

    sc = k % 4
    if sc == 3:
        return savings(c)
    if channel == "chat":
        c.a(pick([f"Hi, I'm {c.ag()} from Brightwater Bank. What can I help with?",
                  f"You're chatting with {c.ag()}. How can I help today?"]))
        c.c([f"theres a payment of {c.money(8, 300)} to {c.place(shop)} on {c.date()} i didnt make",
             f"cant log in to the app, keeps saying error {c.lk('error_code', err)} on version {c.lk('version', ver)}",
             (f"my employer needs my direct deposit details, is the routing no. {P('bank', routing)}?" if us else
              "Hi, I want to send money abroad to IBAN "
              f"{P('bank', g.iban_text(g.iban(pick(['DE', 'NL', 'ES', 'IE']))))}"
              " but it keeps failing")][sc])
        c.a("I can help. To check it's you, please confirm your full name, date of birth and the last four digits "
            "of your card.")
        k = r.choices(range(3), weights=[2, 5, 2])[0]
        c.c([f"{c.nm()}, {c.dob()}, card ending {c.last4()}", f"{c.nm()} dob {c.dob()}. full card no is {c.card()}",
             f"{c.tt} {c.family()} - {c.dob()} - {c.last4()}"][k])
        c.a(("Thanks. Please don't share your full card number here - I've hidden your message. " if k == 1 else
             f"Thanks {c.given()}. ") + [
            f"I can see the {c.place(shop)} payment of {c.money(8, 300)} at {c.time()}. I've frozen the card ending "
            f"{c.last4()} and raised a dispute, ref {c.lk('order_ref', 'DSP' + g.account(8))}.",
            f"Error {c.lk('error_code', err)} means the app is out of date - please update to "
            f"{c.lk('version', '7.2.0')} or later.",
            (f"Yes, that's our routing number, and your account number is {P('bank', acct)}." if us else
             f"The transfer of {c.money(100, 5000, '€')} was stopped because the daily limit is "
             f"{c.money(2000, 10000)}. I've raised it for today.")][sc])
        k = r.choices(range(4), weights=[2, 2, 3, 3])[0]
        c.c([f"thx. also pls update my number to {c.phone()}", f"ok thanks. will a new card go to {c.address()}?",
             f"my landlord {c.nm(g.person().full)} says my rent never arrived, i sent it from {own()}",
             f"also whats the iban for my account? {own()}"][k])
        c.a([f"All done - you'll get a text to confirm on {c.phone()}.",
             f"Yes, it'll arrive in {c.count(r.choice([3, 5, 7]), 'working days')}.",
             f"The payment of {c.money(400, 1500)} left on {c.date()}; I've started a trace, ref "
             f"{c.lk('order_ref', 'TR' + g.account(8))}.",
             (f"For US accounts there's no IBAN - for incoming wires use routing {P('bank', routing)} and account "
              f"{P('bank', acct)}." if us else
              f"Your IBAN is {P('bank', g.iban_text(g.iban('GB', sort, acct)))} and the BIC is BWTRGB2L.")][k])
    elif channel == "email":
        payee = g.person()
        body = pick(["Hello,\n\n", "Dear Brightwater,\n\n", "Hi,\n\n"]) + [
            f"I'm disputing a card transaction: {c.money(10, 900)} to {c.place(shop)} on {c.date()}. I did not "
            f"authorise it. The card is {c.card()} and I have since frozen it in the app (version "
            f"{c.lk('version', ver)}).\n\nPlease call me on {c.phone()}.",
            f"On {c.date()} I sent {c.money(200, 3000)} to {c.nm(payee.full)}, "
            + (f"routing {P('bank', g.routing())}, account {P('bank', g.account(10))}" if us else
               f"sort code {P('bank', g.sort_text(g.sort_code()))}, account {P('bank', g.account())}")
            + f", but they say nothing arrived. The payment reference was "
              f"{c.lk('order_ref', 'RENT' + str(r.randint(1, 12)).zfill(2))}.\n\nMy own account is {own()}.",
            f"Please update my correspondence address to:\n{c.address()}\n\nand my mobile to {c.phone()}. For "
            f"security my date of birth is {c.dob()}.\n\nAlso, I keep getting error {c.lk('error_code', err)} when "
            f"I log in on iOS {c.lk('version', pick(['17.4.1', '16.7', '18.0', '17.5']))}."][sc]
        body += signoff(c, c.address())
        reply = f"{dear(c)}\n\n" + [
            f"Thank you for getting in touch. We have raised a dispute for the payment (ref "
            f"{c.lk('order_ref', 'DSP' + g.account(8))}) and you'll hear from us within "
            f"{c.count(r.choice([10, 15]), 'working days')}. Your replacement card is on its way; the card ending "
            f"{c.last4()} is cancelled.",
            f"The payment left your account on {c.date()} at {c.time()} and was accepted by the receiving bank. "
            f"Please ask the payee to check again, quoting {c.lk('order_ref', 'FP' + g.account(10))}.",
            f"Your details are updated. The login error is fixed in app version {c.lk('version', '7.2.0')}; please "
            "update from the App Store."][sc]
        thread(c, "Brightwater Bank", "help@brightwaterbank.co.uk",
               ["Disputed payment", "Missing payment", "Change of details"][sc], body, reply, "Customer Support")
    else:
        c.a(pick([f"welcome to brightwater bank telephone banking you're speaking to {c.ag()}",
                  f"hello brightwater bank my name's {c.ag()} can i take your full name please"]))
        c.c(pick([f"yes hi {c.intro()}", f"hi um my card's been declined and i don't know why {c.intro()}",
                  f"hi my card got declined in the shop it said code "
                  f"{c.lk('error_code', pick(['05', '51', '1A', 'N7']))} um {c.intro()}",
                  f"hello the app keeps saying error {c.lk('error_code', err)} {c.intro()} i'm on version "
                  f"{c.lk('version', ver)}"]))
        q = 2 if sc == 0 else r.randrange(3)
        c.a(["thank you and your date of birth please", "thanks can you confirm your date of birth and postcode",
             "thank you can i have the long card number please"][q])
        c.c([pick([f"it's {c.dob()}", f"born {c.dob()}"]), f"{c.dob()} and the postcode is {c.postcode()}",
             pick([f"yeah it's {c.card()}", f"okay um {c.card()}", f"hang on it's {c.card()}"])][q])
        if sc == 0:  # a blocked card
            c.a(f"okay i can see the card ending {c.last4()} was blocked at {c.time()} for a payment of "
                f"{c.money(50, 900)} to {c.place(shop)} was that you")
            c.c(pick(["yeah that was me", "no that wasn't me i've never been there"]))
            c.a(pick(["okay i've unblocked it you can try again now",
                      f"okay i've cancelled the card and a new one will go to {c.address()} in "
                      f"{c.count(r.choice([3, 5]), 'working days')}"]))
        elif sc == 1:  # sending money
            c.a("okay how can i help today")
            c.c(f"i sent {c.money(20, 900)} to my brother {c.nm(g.given_name('m') + ' ' + c.p.family)} and it hasn't "
                "arrived")
            c.a("okay can you read me the account details you sent it to")
            c.c(f"the sort code is {c.digits('bank', g.sort_code(), [2, 2, 2])} and the account is "
                f"{c.digits('bank', g.account(), [4, 4])}" if not us else
                f"the routing is {c.digits('bank', g.routing(), [3, 3, 3])} and the account is "
                f"{c.digits('bank', g.account(10), [3, 3, 4])}")
            c.a(f"thank you that payment's on hold for a check the reference is "
                f"{c.digits('order_ref', g.account(8), [4, 4], look=True)} it should clear by {c.time()}")
        else:  # own account details
            c.a("okay what can i help with")
            if r.random() < 0.6:
                c.c(f"i need my account details for my new job i think the account number is "
                    f"{c.digits('bank', acct, [4, 4] if not us else [3, 3, 4])}")
                c.a(("that's right and the routing number is " + c.digits('bank', routing, [3, 3, 3]) if us else
                     f"that's right and your sort code is {c.digits('bank', sort, [2, 2, 2])}")
                    + f" thank you {c.tt} {c.family()}")
            else:
                c.c(f"i've got a new phone number it's {c.phone()}")
                c.a(f"okay so that's {c.phone()} i'll send a code to it now can you read it back to me")
                c.c(pick(["yeah got it", "okay it's come through"]))
        c.c(pick([f"okay thank you {c.ag()}", "lovely thanks bye",
                  f"great thanks oh and can you update my email it's {c.email()}",
                  f"thanks and um my email's changed as well it's {c.email()}"]))
    return c.turns


# ---------------------------------------------------------------- US phone company

PLANS = ["Unlimited Plus", "Unlimited Premium", "Essentials 15GB", "Prepaid 35", "Family Share 4 Lines",
         "Fiber 500", "Fiber 1 Gig", "Basic Talk & Text"]


def telco(g: Gen, channel: str, k: int) -> list[tuple[str, str]]:
    c = Conv(g, channel, us=True)
    r, pick = c.r, c.r.choice
    plan = pick(PLANS)
    speed = pick(["300 Mbps", "500 Mbps", "1 Gig", "940 Mbps", "25 megs", "100 Mbps"])
    ver = pick(["iOS 17.5.1", "Android 14", "firmware 3.2.118", "v2.41.0", "One UI 6.1"])
    err = pick(["651", "ERR-409", "33", "E1004", "MM#2", "678"])
    ssn = g.ssn()

    def ssn_m() -> str:
        return c.digits("national_id", ssn, [3, 2, 4],
                        pick([f"{ssn[:3]}-{ssn[3:5]}-{ssn[5:]}", ssn, f"{ssn[:3]} {ssn[3:5]} {ssn[5:]}"]))

    def ssn4() -> str:
        return c.digits("card_last4", ssn[-4:], look=True)

    sc = k % 3
    if channel == "chat":
        c.a(pick([f"Hi! This is {c.ag()} with Crestline Wireless. What can I help you with?",
                  f"Thanks for chatting with Crestline. I'm {c.ag()}. How can I help?"]))
        c.c([f"i want to switch to {c.lk('plan', plan)} and add a line for my daughter",
             f"my internet is supposed to be {c.lk('speed', speed)} but im getting like "
             f"{c.lk('speed', str(r.randint(3, 40)) + ' mbps')}",
             f"new phone wont activate, says error {c.lk('error_code', err)}. my {c.place(pick(ASSISTANTS))} "
             "cant connect either"][sc])
        c.a("I can help. Can you verify the account holder's name and the last four of the SSN on the account?")
        c.c(pick([f"{c.nm()}, last 4 {ssn4()}", f"account is under {c.given()} {c.family()}, ssn ends {ssn4()}",
                  f"{c.intro()}. {ssn4()}"]))
        if sc == 0:
            c.a(f"Thanks {c.given()}! A new line on {c.lk('plan', plan)} is {c.money(25, 60)}/mo. The phone on "
                f"financing needs a credit check - I'll need your full SSN, date of birth and home address.")
            c.c(pick([f"ssn {ssn_m()} dob {c.dob()}, address {c.address()}",
                      f"{ssn_m()}\n{c.dob()}\n{c.address()}"]))
            c.a(f"Approved - {c.count(r.choice([24, 36]), 'monthly payments')} of {c.money(15, 45)}. Order "
                f"{c.lk('order_ref', 'ORD-' + g.account(7))} ships today; confirmation to {c.email()}.")
        elif sc == 1:
            c.a(f"Thanks. Your gateway shows {c.lk('speed', speed)} provisioned. Can you send me the serial on the "
                "sticker?")
            c.c(f"{c.lk('tracking_serial', 'CGW' + g.account(9))} and its on {c.lk('version', ver)}")
            c.a(f"I've pushed {c.lk('version', 'firmware 3.3.' + str(r.randint(10, 99)))} and reset the port; give it "
                f"{c.count(r.choice([10, 15, 30]), 'minutes')}. A tech can visit {c.date()} if not. Text updates "
                f"to {c.phone()}?")
            c.c(pick(["yes thats my cell", f"no text {c.other_phone()} thats my wifes"]))
        else:
            c.a("Thanks. Can you give me the IMEI from Settings > About, and the SIM number on the card?")
            c.c(f"imei {c.lk('tracking_serial', g.imei())}, sim {c.lk('tracking_serial', g.iccid())}")
            c.a(f"Thanks - the SIM wasn't linked. It's active now on {c.lk('plan', plan)}; your number "
                f"{c.phone()} should work within {c.count(r.choice([5, 10, 15]), 'minutes')}. Restart on "
                f"{c.lk('version', ver)} if not.")
        if r.random() < 0.4:
            c.c(f"can u also set up autopay from my checking? routing {P('bank', g.routing())} acct "
                f"{P('bank', g.account(r.choice([10, 12])))}")
            c.a(f"Done - autopay starts with your next bill on {c.date()}.")
        elif r.random() < 0.75:
            c.c(pick([f"can i pay my bill while im here? card {c.card()}",
                      f"also pay the {c.money(40, 200)} balance pls, card no. {c.card()}"]))
            c.a(f"Please don't type card numbers in chat - I've removed it from the transcript. I've sent a secure "
                f"payment link to {c.email()} instead.")
        c.c(pick([f"thanks {c.ag()}!", "awesome ty", "ok great"]))
    elif channel == "email":
        body = pick(["Hi,\n\n", "Hello,\n\n", "To whom it may concern,\n\n"]) + [
            f"My bill for {c.date()} is {c.money(120, 400)} but my plan ({c.lk('plan', plan)}) is supposed to be "
            f"{c.money(40, 110)}/month. I've been a customer for {c.count(r.randint(2, 15), 'years')}. The lines on "
            f"the account are {c.phone()} and {c.other_phone()}, and the home internet is meant to be "
            f"{c.lk('speed', speed)} but speed tests show {c.lk('speed', str(r.randint(5, 90)) + ' Mbps')}."
            f"\n\nAccount holder: {c.nm()}\nService address: "
            f"{c.address()}\nLast four of SSN: {ssn4()}",
            f"Please set up autopay from my checking account. Routing number {P('bank', g.routing())}, account "
            f"number {P('bank', g.account(r.choice([10, 12])))}. The account is in my "
            f"{pick(['husband', 'wife', 'partner'])}'s name, {c.nm(g.person().given + ' ' + c.p.family)}.\n\nThanks "
            f"for fixing the error {c.lk('error_code', err)} issue last week, it hasn't happened since.",
            f"I'm moving on {c.date()} and need internet transferred to {c.address()}. I'd like to keep "
            f"{c.lk('plan', plan)} ({c.lk('speed', speed)}). For the credit check my SSN is {ssn_m()} and my date of "
            f"birth is {c.dob()}."][sc] + signoff(c, c.phone())
        reply = f"{dear(c)}\n\n" + [
            f"Thanks for reaching out. I've applied a credit of {c.money(20, 200)} and your next bill on {c.date()} "
            f"will be back to {c.money(40, 110)}.",
            f"Autopay is now active; your first draft is {c.date()}. You'll save {c.money(5, 10)} a month.",
            f"Your move is booked for {c.date()} between {c.time(8, 12)} and {c.time(12, 17)}. For your security, "
            "please never e-mail your full Social Security number; we only ever need the last four."][sc]
        thread(c, "Crestline Wireless", pick(["billing@crestlinewireless.com", "care@crestlinewireless.com"]),
               ["Billing question", "Autopay", "Moving service"][sc], body, reply, "Customer Care")
    else:
        c.a(pick([f"thank you for calling crestline wireless my name is {c.ag()} can i get the phone number on the "
                  "account",
                  f"hi this is {c.ag()} with crestline tech support what's the mobile number you're calling about"]))
        c.c(pick([f"yeah it's {c.phone()}", f"um it's {c.phone()} that's my main line",
                  f"hi yes it's {c.phone()} and my internet keeps dropping"]))
        q = r.randrange(3)
        c.a(["and can you verify the last four of the social on the account",
             "thank you and the account holder's name", "okay and the zip code on the account"][q])
        c.c([pick([f"last four is {ssn4()}", f"it's {ssn4()}"]),
             pick([f"it's {c.nm()}", f"it's under {c.given()} {c.family()}",
                   f"it's {c.tt} {c.family()} {c.spelled()}"]),
             pick([f"zip is {c.postcode()}", f"{c.postcode()}"])][q])
        if sc == 0:
            c.a(f"okay thank you i see you're on {c.lk('plan', plan)} and the modem is showing "
                f"{c.lk('speed', speed)}")
            c.c(f"yeah but i'm only getting like {c.lk('speed', str(r.randint(2, 30)) + ' megs')}"
                + pick([f" and the app says error {c.lk('error_code', err)}",
                        f" and the router shows code {c.lk('error_code', err)}"]))
            c.a("okay and what version is the router's firmware it's on the status page")
            c.c(f"it says {c.lk('version', pick(['3.2.118', '3.1.9', '2.44.0', '4.0']))}")
            c.a(f"okay i've reset the line give it about {c.count(r.choice([5, 10, 15]), 'minutes')} your ticket "
                f"number is {c.digits('order_ref', g.account(8), [4, 4], look=True)}")
        elif sc == 1:
            c.a(f"thank you {c.given()} for the upgrade i'll need your full social security number and date of birth")
            c.c(pick([f"it's {ssn_m()} and i was born {c.dob()}", f"uh okay it's {ssn_m()} date of birth {c.dob()}"]))
            c.a(f"all right you're approved that's {c.count(r.choice([24, 36]), 'months')} at {c.money(20, 50)} a "
                f"month and i'll send the receipt to {c.email()} is that right")
            c.c(pick(["yep", "yes that's right", f"yes {c.email()}"]))
        else:
            c.a(f"okay i see a balance of {c.money(60, 300)} due {c.date()} would you like to pay that today")
            c.c(pick([f"yeah on my card it's {c.card()}", f"yes um the card number is {c.card()}"]))
            c.a(f"thank you that's processed the confirmation number is "
                f"{c.code('order_ref', 'P' + g.account(7))} and your service address is still {c.address()}")
            c.c(pick(["yes that's right", "yeah thanks"]))
            c.a(f"and while i have you you're eligible for {c.lk('speed', speed)} home internet on "
                f"{c.lk('plan', pick(PLANS))} for {c.money(40, 90)} a month")
            c.c(pick(["no i'm good thanks", "maybe next month", "how fast is that compared to what i've got"]))
        c.c(pick([f"thanks {c.ag()}", "okay bye"]))
    return c.turns


# ---------------------------------------------------------------- the set

SETTINGS = {"travel": travel, "hospital": hospital, "insurer": insurer, "bank": bank, "telco": telco}
PER_CHANNEL = {"chat": 9, "email": 4, "voice": 9}  # conversations per setting and channel


def build(seed: int = SEED) -> tuple[list[dict], Counter, dict[str, str]]:
    g = Gen(seed)
    records = []
    for setting, make in SETTINGS.items():
        for channel in CHANNELS:
            for k in range(PER_CHANNEL[channel]):
                for t, (speaker, marked) in enumerate(make(g, channel, k)):
                    text, spans, looks = parse(marked)
                    records.append({"id": f"blind-{setting}-{channel}-{k:02d}-t{t}", "channel": channel,
                                    "speaker": speaker, "text": text, "spans": spans, "lookalikes": looks})
    return records, g.checked, g.issued


def unsay(said: str) -> str:
    """The digits a spoken number stands for ("double oh seven" -> "007", "nine hundred" -> "900",
    "seventy seven" -> "77"); fillers are skipped."""
    words, out, i = said.split(), [], 0
    digit = {w: str(n) for n, w in enumerate(ONES[:10])} | {"oh": "0"}
    while i < len(words):
        w = words[i]
        if w in ("uh", "um", "er"):
            pass
        elif w in ("double", "triple"):
            out.append(digit[words[i + 1]] * (2 if w == "double" else 3))
            i += 1
        elif w == "hundred":
            out.append("00")
        elif w in digit:
            out.append(digit[w])
        elif w in ONES:
            out.append(str(ONES.index(w)))
        elif w in TENS:
            unit = words[i + 1] if i + 1 < len(words) and words[i + 1] in ONES[1:10] else None
            out.append(str(TENS.index(w)) + (str(ONES.index(unit)) if unit else "0"))
            i += 1 if unit else 0
        else:
            raise ValueError(f"not a spoken digit: {w!r} in {said!r}")
        i += 1
    return "".join(out)


def _spoken_ok(said: str, ok) -> bool:
    """Whether a spoken number, or what is left of it after a restart, passes ``ok``."""
    d = unsay(said)
    return any(ok(d[k:]) for k in range(len(d) // 2 + 1) if d[k:].startswith(d[:k]))


# ---------------------------------------------------------------- checks

def _spoken_free(text: str) -> bool:
    return not any(ch.isdigit() for ch in text) and text == text.lower() and not re.search(r"[.,?!;:]", text)


def check(records: list[dict], issued: dict[str, str]) -> Counter:
    """Every span is its text, in range, not overlapping another; no markup left; each written
    card / IBAN / routing / NHS / SSN / NINO value passes its checksum; voice turns are spoken
    (lowercase, no digits, no punctuation). Returns what was checked."""
    done: Counter = Counter()
    ids = set()
    for rec in records:
        assert rec["id"] not in ids, rec["id"]
        ids.add(rec["id"])
        assert rec["channel"] in CHANNELS and rec["speaker"] in ("customer", "agent")
        text = rec["text"]
        assert not re.search("[⟦⟧⟪⟫]", text), rec["id"]
        marks = sorted((s["start"], s["end"]) for s in rec["spans"] + rec["lookalikes"])
        for (a0, a1), (b0, _) in zip(marks, marks[1:]):
            assert a1 <= b0, (rec["id"], text[a0:a1])
        for s in rec["spans"] + rec["lookalikes"]:
            assert 0 <= s["start"] < s["end"] <= len(text) and text[s["start"]:s["end"]] == s["text"], rec["id"]
            assert s["text"] == s["text"].strip(), (rec["id"], s["text"])
        if rec["channel"] == "voice":
            assert _spoken_free(text), (rec["id"], text)
            done["voice turns spoken"] += 1
        for s in rec["spans"]:
            assert s["entity"] in ENTITIES
            v, digits = s["text"], re.sub(r"\D", "", s["text"])
            if rec["channel"] == "voice":
                try:
                    d = unsay(v)
                except ValueError:  # letters in it: a spoken NI number, an e-mail, a name
                    d = None
                if d and s["entity"] == "card":
                    assert _spoken_ok(v, lambda x: len(x) in (15, 16) and luhn_ok(x)), (rec["id"], v)
                    done["card spoken: decoded, Luhn"] += 1
                elif d and s["entity"] == "national_id":
                    assert _spoken_ok(v, lambda x: issued.get(x) == "nhs" and nhs_ok(x)
                                      or issued.get(x) == "ssn" and ssn_ok(x)), (rec["id"], v)
                    done["national_id spoken: decoded, NHS mod-11 / SSN ranges"] += 1
                elif d and s["entity"] == "phone":
                    assert _spoken_ok(v, lambda x: any(phonenumbers.is_valid_number(phonenumbers.parse(x, region))
                                                       for region in ("GB", "US"))), (rec["id"], v)
                    done["phone spoken: decoded, valid number"] += 1
                elif d and s["entity"] == "bank" and len(d) == 9:
                    assert aba_ok(d), (rec["id"], v)
                    done["bank spoken: decoded, ABA routing"] += 1
                continue
            if s["entity"] == "card":
                assert luhn_ok(digits) and len(digits) in (15, 16), v
                done["card: Luhn"] += 1
            elif s["entity"] == "bank":
                if re.match(r"[A-Za-z]{2}\d\d", v):
                    assert iban_ok(v), v
                    done["bank: IBAN mod-97"] += 1
                elif len(digits) == 9:
                    assert aba_ok(digits), v
                    done["bank: ABA routing checksum"] += 1
                else:
                    assert len(digits) in (6, 8, 10, 11, 12), v
                    done["bank: sort code / account length"] += 1
            elif s["entity"] == "national_id":
                kind = issued.get(re.sub(r"[^0-9A-Za-z]", "", v).upper())
                assert kind, ("a national id the generator did not issue", v)
                assert {"nhs": nhs_ok, "ssn": ssn_ok, "nino": nino_ok,
                        "passport": lambda x: bool(re.fullmatch(r"\d{9}", x)),
                        "licence": lambda x: bool(re.fullmatch(r"[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}", x.upper()))
                        }[kind](re.sub(r"[^0-9A-Za-z]", "", v)), (kind, v)
                done[f"national_id: {kind} " + {"nhs": "mod-11", "ssn": "issued ranges", "nino": "prefix rules",
                                                "passport": "9 digits", "licence": "format"}[kind]] += 1
            elif s["entity"] == "email":
                assert re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", v), v
                done["email: syntax"] += 1
            elif s["entity"] == "phone":
                assert any(phonenumbers.is_valid_number(phonenumbers.parse(v, region)) for region in ("GB", "US")), v
                done["phone: valid number"] += 1
            elif s["entity"] == "address":
                assert UK_POSTCODE.search(v) or re.search(r"\b\d{5}$", v), v
                done["address: ends in a postcode / ZIP"] += 1
        for s in rec["lookalikes"]:
            assert s["kind"] in KINDS
    return done


def summary(records: list[dict]) -> str:
    ent = Counter((s["entity"], r["channel"]) for r in records for s in r["spans"])
    kinds = Counter((s["kind"], r["channel"]) for r in records for s in r["lookalikes"])
    lines = [f"{len(records)} turns, {sum(ent.values())} PII mentions, {sum(kinds.values())} look-alikes", "",
             f"{'entity':<16}" + "".join(f"{c:>7}" for c in CHANNELS) + f"{'all':>7}"]
    for e in ENTITIES:
        lines.append(f"{e:<16}" + "".join(f"{ent[e, c]:>7}" for c in CHANNELS)
                     + f"{sum(ent[e, c] for c in CHANNELS):>7}")
    lines.append(f"{'all':<16}" + "".join(f"{sum(ent[e, c] for e in ENTITIES):>7}" for c in CHANNELS)
                 + f"{sum(ent.values()):>7}")
    lines += ["", f"{'look-alike':<16}" + "".join(f"{c:>7}" for c in CHANNELS) + f"{'all':>7}"]
    for k in KINDS:
        lines.append(f"{k:<16}" + "".join(f"{kinds[k, c]:>7}" for c in CHANNELS)
                     + f"{sum(kinds[k, c] for c in CHANNELS):>7}")
    lines.append(f"{'all':<16}" + "".join(f"{sum(kinds[k, c] for k in KINDS):>7}" for c in CHANNELS)
                 + f"{sum(kinds.values()):>7}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    records, made, made_ids = build()
    checked = check(records, made_ids)
    ent = Counter(s["entity"] for r in records for s in r["spans"])
    kinds = Counter(s["kind"] for r in records for s in r["lookalikes"])
    print(summary(records))
    assert sum(ent.values()) >= 300 and sum(kinds.values()) >= 300, (ent, kinds)
    assert all(ent[e] >= 30 for e in ENTITIES) and ent["name"] >= 60, ent
    assert all(n >= 15 for n in kinds.values()), kinds
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print("\nchecked as made:", dict(made))
    print("checked in the file:", dict(checked))
    print(f"\nwrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
