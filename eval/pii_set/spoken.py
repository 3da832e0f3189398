"""Numbers, dates and letters as people say them, the people who speak, and ``Ctx``: what one
turn is made from."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen").split()
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
            "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def words(n: int) -> str:
    """0–999 999 in words, US style: ``1299`` -> ``one thousand two hundred ninety nine``."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + (f" {ONES[n % 10]}" if n % 10 else "")
    if n < 1000:
        return f"{ONES[n // 100]} hundred" + (f" {words(n % 100)}" if n % 100 else "")
    return f"{words(n // 1000)} thousand" + (f" {words(n % 1000)}" if n % 1000 else "")


def pairs(n: int) -> str:
    """A house number or a year as people say it: 4417 -> forty four seventeen, 1905 -> nineteen oh five."""
    if n < 100 or n % 1000 < 10 and n >= 1000:
        return words(n)
    head, tail = divmod(n, 100)
    return f"{words(head)} {'hundred' if tail == 0 else words(tail) if tail >= 10 else 'oh ' + ONES[tail]}"


def ordinal(day: int) -> str:
    """3 -> third, 21 -> twenty first."""
    if day <= 20:
        return ORDINALS[day - 1]
    return f"{TENS[day // 10]} {ORDINALS[day % 10 - 1]}" if day % 10 else f"{TENS[day // 10][:-1]}ieth"


def suffix(day: int) -> str:
    """3 -> 3rd."""
    return f"{day}{'th' if 10 <= day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def say(chars: str, rng: random.Random) -> str:
    """Digits and letters read out one by one: "oh" for zero some of the time, "double five" for a pair."""
    out, i = [], 0
    while i < len(chars):
        c = chars[i].lower()
        word = c if c.isalpha() else ("oh" if c == "0" and rng.random() < 0.6 else ONES[int(c)])
        if c.isdigit() and i + 1 < len(chars) and chars[i + 1] == c and rng.random() < 0.5:
            out.append(f"double {word}")
            i += 2
        else:
            out.append(word)
            i += 1
    return " ".join(out)


def spoken_pairs(number: str, rng: random.Random) -> str:
    """Digits read two at a time: 123456 -> twelve thirty four fifty six (a pair starting with 0 digit by digit)."""
    return " ".join(words(int(number[i:i + 2])) if number[i] != "0" else say(number[i:i + 2], rng)
                    for i in range(0, len(number), 2))


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


# ---------------------------------------------------------------- people

FIRST = ("Dana", "Omar", "Priya", "Kwame", "Mei", "Santiago", "Aisha", "Dmitri", "Siobhan", "Hiroshi", "Fatima",
         "Lucas", "Ngozi", "Mateo", "Anjali", "Tomasz", "Leilani", "Chen", "Amara", "Jamal", "Ingrid", "Rahul",
         "Yuki", "Olga", "Emeka", "Sofia", "Kofi", "Noor", "Aroha", "Bao", "Gabriela", "Arjun", "Zainab", "Liam",
         "Chiara", "Tariq", "Ewa", "Thandiwe", "Diego", "Hana", "Oluwaseun", "Malik", "Rosa", "Sven", "Imani",
         "Farah", "Joon", "Kateryna", "Ahmed", "Grace", "Declan", "Lakshmi", "Andile", "Camille", "Yusuf",
         "Marisol", "Nikhil", "Aoife", "Wei", "Esperanza")
LAST = ("Smith", "Patel", "Nair", "Mensah", "Haddad", "Garcia", "Okafor", "Nguyen", "Kowalski", "Tanaka", "O'Brien",
        "Rodriguez", "Kim", "Ivanova", "Adeyemi", "Chen", "Müller", "Dubois", "Rossi", "Johansson", "Dlamini",
        "Hussain", "Cohen", "Kaur", "Singh", "Yamamoto", "Petrov", "Fernandes", "Walsh", "MacLeod", "Okonkwo",
        "Abdullah", "Lindqvist", "Ramírez", "Banerjee", "Park", "Tran", "Hoang", "Kariuki", "Al-Farsi", "Zhang",
        "Thompson", "Williams", "Murphy", "Santos", "Moreau", "Novak", "Papadopoulos", "Yilmaz", "Mahlangu")
AGENTS = ("Jordan", "Sam", "Alex", "Casey", "Morgan", "Jamie", "Chris", "Ravi", "Chloe", "Luis", "Ellie", "Ben",
          "Nadia", "Tom", "Keisha", "Marco")
TITLES = ("Mr", "Mrs", "Ms", "Dr", "Miss")


def ascii_name(name: str) -> str:
    """Müller -> muller, O'Brien -> obrien: how a name goes into an e-mail address."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z-]", "", plain.lower())


@dataclass
class Ctx:
    """What one turn is made from: the random source, its channel, a customer and an agent."""

    rng: random.Random
    channel: str
    first: str
    last: str
    agent: str

    @property
    def voice(self) -> bool:
        return self.channel == "voice"

    def pick(self, *options):
        return self.rng.choice(options)

    def said(self, typed: str, spoken: str) -> str:
        return spoken if self.voice else typed

    def name(self, text: str) -> str:
        return text.lower() if self.voice else text
