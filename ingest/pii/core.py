"""What every detector shares: a finding, the text being searched (as written and with spoken
numbers as digits), and the cue words before a number that say what kind of number it is."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import cached_property, lru_cache
from typing import NamedTuple

from pydantic import BaseModel

from ingest.pii.spoken import FILLERS, NUMBER_WORDS, View, view

ENTITIES: tuple[str, ...] = ("card", "email", "phone", "national_id", "address", "bank", "dob", "name")
Span = tuple[int, int, str]  # start, end (in the original text), token
Detector = Callable[["Doc"], Iterable[Span]]


class Finding(BaseModel):
    """One redaction: ``text[start:end]`` of the original text becomes ``token``."""

    start: int
    end: int
    entity: str  # one of ENTITIES
    token: str  # "[PHONE]", "[POSTCODE]" ...


def alnum(value: str) -> str:
    """A value's letters and digits, lower case: the key it is known by however it is written."""
    return "".join(c for c in value.lower() if c.isalnum())


class Reading(NamedTuple):
    """What one turn's reading found: its findings, the names the speaker's role keeps (lower case), and
    the phone numbers and addresses the business gave there as its own (entity, as written)."""

    findings: Sequence[Finding]
    kept: Collection[str]
    ours: tuple[tuple[str, str], ...]


_DIGIT = re.compile(r"[0-9]")
_WORDS = re.compile(r"[a-z]+(?:'[a-z]+)?")


class Doc:
    """One text being searched: the original, its words, and the digit view (built on demand).

    ``asked``: one thing the agent's turn just before asked for (one of ``asked()``); its cue
    words then lead the view ("account number " + "12345678"), so the answer is read as if it
    said them."""

    def __init__(self, text: str, asked: str | None = None) -> None:
        self.text = text
        self.asked = asked
        self.lead = _LEADS.get(asked, f"{asked} ") if asked and asked != "name" else ""
        self.has_digit = _DIGIT.search(text) is not None

    @cached_property
    def lower(self) -> str:
        return (self.lead + self.text).lower()

    @cached_property
    def words(self) -> list[str]:
        """The lower-case words, for the cheap checks that decide which patterns run."""
        return _WORDS.findall(self.lower)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self.words)

    @cached_property
    def said_numbers(self) -> int:
        """How many number words the text has: "oh" only between two others ("seven oh four"; mostly it
        is no number: "oh one more thing")."""
        words = self.words
        return sum(1 for k, word in enumerate(words) if word in NUMBER_WORDS and (word != "oh" or (
            0 < k < len(words) - 1 and words[k - 1] in NUMBER_WORDS and words[k + 1] in NUMBER_WORDS)))

    @cached_property
    def view(self) -> View:
        """The text with spoken numbers as digits and fillers dropped; the number detectors (and
        the name, date and street ones) search this. Built only for text with three or more
        number words (two, "oh" counted, in an answer to a question for a value: "oh one five"), one
        next to typed digits, or a filler."""
        vocabulary, text = self.vocabulary, self.lead + self.text
        said = self.said_numbers + (self.words.count("oh") if self.lead else 0)
        if (said >= (2 if self.lead else 3) or (self.said_numbers and self.has_digit)
                or not FILLERS.isdisjoint(vocabulary) or ("you" in vocabulary and "know" in vocabulary)):
            return view(text)
        return View(text)

    @cached_property
    def numeric(self) -> bool:
        """Whether any number detector can find anything: digits, typed or spoken."""
        return self.has_digit or bool(self.view.runs)

    def readings(self, kind: str) -> list[Doc]:
        """This text, then the same text once for each other reading of a number said with a
        correction in it ("two sorry three ..."), for a detector of numbers of ``kind`` (card,
        phone, bank, id): only of a number after no cue or a cue of that kind."""
        if not self.view.corrected:
            return [self]
        text = self.view.text
        found = [self]
        for variant in self.view.variants(lambda start: cue(text, start) in (None, kind)):
            reading = Doc(self.text, self.asked)
            reading.__dict__["view"] = variant
            found.append(reading)
        return found

    def corrected(self, kind: str, least: int) -> list[tuple[int, int]]:
        """The view spans of the numbers said with a correction in them after a cue of ``kind``
        with ``least`` digits or more in one reading: the cue decides what such a number is,
        whatever its digits."""
        text = self.view.text
        return [(start, end) for start, end, readings in self.view.corrected
                if cue(text, start) == kind and max(map(len, readings)) >= least]

    def original(self, start: int, end: int) -> tuple[int, int] | None:
        """The original span of the view span ``start:end`` (None when it is all in the lead)."""
        start, end = self.view.original(start, end)
        shift = len(self.lead)
        return (max(start, shift) - shift, end - shift) if end > shift else None

    def spans(self, found: Iterable[tuple[int, int]], token: str) -> list[Span]:
        """View spans as original spans with ``token``."""
        return [(*span, token) for start, end in found if (span := self.original(start, end))]


def with_corrections(doc: Doc, kind: str, detect: Callable[[Doc], list[Span]], least: int, token: str) -> list[Span]:
    """``detect`` over ``doc``; where a number read out has a correction in it ("two sorry three
    four ..."), also over each of its other readings, and the whole run after a ``kind`` cue when
    one reading has ``least`` digits or more."""
    found = detect(doc)
    if doc.view.corrected:
        found += [span for reading in doc.readings(kind)[1:] for span in detect(reading)]
        found += doc.spans(doc.corrected(kind, least), token)
    return found


# What an agent's question asks for, and the cue words the answer is then read after
_QUESTIONS = {
    "name": r"(?:your|their|his|her|[a-z]+['’]s)(?: full| first| last)? ?(?:sur)?name|full name"
            r"|first and (?:last |sur|family )name|(?:what|which|whose) name"
            # "the name as it appears on the card", "Name on the account?"
            r"|(?:the |^)name (?:as (?:it )*(?:appears|is shown|is written|shown|written) )?"
            r"(?:on|for) (?:the|your) [a-z]+"
            r"|who (?:am i|do i have the pleasure of) (?:speaking|talking|chatting) (?:with|to)"
            r"|who(?:['’]?s| is) (?:speaking|calling)"
            r"|who(?:['’]?s| is) (?:the |this |that |it |your )?(?:[a-z]+ )?(?:booked |listed |registered )?under"
            r"|spell(?:ing of)? (?:the|your|their|his|her) (?:sur|first |last |family )?name"
            r"|(?:^\W*|\band )(?:the )?(?:sur|first |last |family )name\b"  # "and the surname?", "Surname?"
            r"|(?:who(?:['’]?s| is) )?the account holder|(?:take|have|get|confirm) (?:your|a|the) name",
    "dob": r"date of birth|birth ?date|birthday|dob|d\.o\.b|year of birth|birth ?year"
           r"|when (?:were|was|you were|he was|she was|they were) (?:you |he |she |they )?born"
           r"|year (?:you were|he was|she was|they were) (?:[a-z]+ [a-z]+ )?born"
           r"|(?:what|which) year (?:were|was) (?:you|he|she|they) born",
    # after a question for a date of birth, its year (``conversation_asked``)
    "year": r"(?:what|which|the) year(?! (?:you|he|she|they) (?:were|was))",
    "account": r"account number|bank account|(?:bank|account|payment) details|acc(?:oun)?t? (?:no|num)|a/c"
               r"|bank transfer\b[^?!\n]{0,40}\byour details"  # "… has to go by bank transfer, what are your details?"
               r"|(?:which|what(?:['’]s| is)?(?: the| your)?|(?:take|have|get|confirm|need) (?:your|the))"
               r" (?:(?:checking|savings|current|bank) )?account(?! holder)",
    "sort": r"sort code",
    "routing": r"routing(?: number)?|aba",
    "branch": r"bsb|(?:bank |branch )?transit(?: number)?|branch (?:code|number)|institution number"
              r"|bank (?:number|code)"
              r"|ifsc(?: code)?",
    "iban": r"i ?ban",  # "i ban": how speech-to-text writes it
    "clabe": r"clabe(?: interbancaria)?",
    "ssn": r"social security|ssn|social(?! insurance)",  # not Canada's or Austria's (``pii_ids.yaml``)
    "ni": r"national insurance",
    "phone": r"(?:phone|mobile|contact|best|callback|telephone|cell) number|number to (?:call|reach)"
             r"|your (?:mobile|cell)|number (?:we|i) (?:can|could|should) (?:call|reach|ring|text)"
             # "a number in case I need to call", "what number are you calling from", "a mobile we can text"
             r"|(?:a|what|which) number (?:[\w']+ ){0,5}?(?:call|ring|reach|text)(?:ing)?|(?:the|your|a) new number"
             r"|(?:a|your) number in case (?:we|i|you) (?:get |are |were |'re )?(?:cut off|disconnected)"
             r"|(?:a|the) (?:mobile|number) (?:we|i|they) (?:can|could|should) (?:call|ring|reach|text|give|pass)"
             r"|(?:take|have|get|grab) a (?:contact |mobile |daytime )?number(?! of\b)",
    "postcode": r"zip(?: ?code)?|post ?code|postal code|eircode|pin ?code|c[oó]digo postal|code postal|cap|cep|plz"
                r"|postleitzahl|postnummer",
    "address": r"(?:your|the|which|what|new|home|service|billing|delivery|postal|correspondence|residential)"
               r"(?: (?!e-?mail|ip|web|mac|wallet|internet)[a-z]+)? address(?! book)"  # "the full address"
               r"|house number and street"
               r"|where (?:are|should|shall|do|can) (?:we|i) (?:send|deliver|post)(?:ing)?"
               r"|where (?:would|do|should|shall|can) (?:you|we|i) (?:like|want) (?:it|them|this|that|these|those"
               r"|the [a-z]+) (?:sent|delivered|posted|shipped|to go)"  # "where would you like it sent"
               r"|where (?:do|does) (?:you|he|she|they) live"
               r"|first line of (?:the|your) address"
               # the rest of an address given in parts: "Town and postcode?", "and the rest of the address?"
               r"|(?:town|city|suburb)(?: and|,| &) (?:the )?(?:post ?code|postal code|zip(?: code)?)"
               r"|(?:post ?code|postal code|zip(?: code)?)(?: and|,| &) (?:the )?(?:town|city|suburb)"
               r"|(?:the )?rest of (?:the|your) address",
    "passport": r"passport (?:number|no)",
    "licence": r"(?:driving|driver'?s?) licen[cs]e(?: number| no)?",
    # a card's security code (``card_codes``): not its last four digits
    "cvv": r"cvv2?|cvc2?|csc|security (?:code|number)|(?<!last )(?<!first )(?:three|3|four|4)[- ]digits?(?: code)?"
           r"(?: on the back)?|(?:code|digits|numbers) on the (?:back|(?:signature )?strip)",
    # a card's expiry date (``card_codes``)
    "expiry": r"expiry(?: date)?|expiration(?: date)?|when does (?:it|the card|your card) expire|valid (?:thru|until)",
    "card": r"(?:card|visa|mastercard|amex) (?:number|no|details)|long number|number on (?:the|your) card"
            r"|(?:which|what|your|the) card(?! ending)"
            # "would you like to pay by card now?", "happy to settle that by card?": the number is read out next
            r"|(?:pay|settle)(?: (?:that|it|this|the (?:balance|bill|amount|total|deposit|invoice)))?(?: now)?"
            r" (?:by|with|on) (?:a |your |the )?(?:debit |credit )?card",
    # any other number, named: "nhs number", "membership number" (not "the number", "a number")
    "number": r"(?!(?:the|a|an|your|my|our|their|his|her|that|this|which|what|any|same|new)\b)[a-z]+ number",
}
ID_QUESTIONS = frozenset({"ssn", "ni", "passport", "licence"})  # the kinds of ``asked()`` that ask for an id
_ASKED = re.compile(r"\b(?:" + "|".join(f"(?P<{key}>{rx})" for key, rx in _QUESTIONS.items()) + r")\b", re.I)
_LEADS = {"dob": "date of birth ", "account": "account number ", "sort": "sort code ", "routing": "routing number ",
          "branch": "bsb ", "iban": "iban ", "clabe": "clabe ", "ssn": "ssn ", "ni": "national insurance number ",
          "phone": "my number is ", "postcode": "postcode ", "address": "my address is ",
          "passport": "passport number ", "licence": "licence number "}


_ASKS_FOR_THE = ("need the", "take the", "have the", "confirm the", "verify the")  # "we'll need the KRA pin"


# two to five letters said one by one ("s s n", "d n i"), not the pronoun or article of a sentence ("can i a")
_LETTERS_SAID = re.compile(r"(?<![\w'’])(?![ai] [a-z]{2})[a-z](?: [a-z]){1,4}(?![\w'’])", re.I)


# what a speaker says while thinking, not asking: "can i take an id you know number", "your um sort code"
_FILLER = re.compile(r"\b(?:you know|um+|uh+|erm|er|ah+)\b,?[ \t]*", re.I)
_OPEN_ADDRESS = ("which", "what", "where")  # an address asked for with no word of what kind it is
_ABOUT_EMAIL = re.compile(r"\be-?mail|\be-?ticket|\binbox\b", re.I)


def asked(text: str, ids: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Everything an agent's turn asks for, each once, in order: agents ask for several at once
    ("your full name, date of birth and NHS number"). Each is a kind (name, dob, account, sort,
    routing, branch, iban, ssn, ni, phone, postcode, address, passport, licence) or, for any other number
    asked for, the agent's own words ("nhs number"), or one of ``ids`` (the context words of the
    national-id file: "your IRD please"): they lead the answer as its cue. An abbreviation read
    out letter by letter, as speech-to-text writes it ("your s s n", "the d n i"), is read as one word."""
    text = _LETTERS_SAID.sub(lambda m: m.group(0).replace(" ", ""), _FILLER.sub("", text))
    lower = text.lower()
    possible = ids and ("your" in lower or "their" in lower or "'s" in lower or "’s" in lower or "number" in lower
                        or " no" in lower or "#" in lower or " his " in lower or " her " in lower or "?" in lower
                        or any(ask in lower for ask in _ASKS_FOR_THE))
    # the ids' names that may be in it (their first word is), searched for alone: a few, not hundreds
    heads = _id_heads(ids).intersection(_ALNUM.findall(lower)) if possible else frozenset()
    named = [(m.span(), m.group(group).lower()) for m in (_id_question(_headed(ids, heads)).finditer(text)
                                                           if heads else ())
             if (group := next(g for g in ("id", "numbered", "bare", "needed") if m.group(g)))
             and not OF_A_RECORD.search(text, max(0, m.start(group) - 24), m.start(group))]  # "the member id"
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for match in _ASKED.finditer(text):
        kind = match.lastgroup
        if kind == "address" and match.group(0).lower().startswith(_OPEN_ADDRESS) and _ABOUT_EMAIL.search(text):
            continue  # "what address do you want the e-ticket at", "emailed to which address"
        if kind == "number" and any(a < match.end() and match.start() < b for (a, b), _ in named):
            continue  # "your personal public service number": the id file's words, not "service number"
        question = match.group(0).lower() if kind == "number" else kind
        taken.append(match.span())
        if question and question not in (q for _, q in found):
            found.append((match.start(), question))
    for (start, end), word in named:
        if word not in (q for _, q in found) and not any(a < end and start < b for a, b in taken):
            found.append((start, word))
    return tuple(q for _, q in sorted(found))


_ALNUM = re.compile(r"[^\W_]+")
# an id's name as a record's, not a person's: "order ID number", "the member id", "your applicant ID"
OF_A_RECORD = re.compile(r"\b(?:order|booking|ticket|case|reference|ref|transaction|customer|member|membership|account"
                         r"|invoice|tracking|reservation|confirmation|user|login|device|session|applicant|application"
                         r"|student|employee|staff|patient|supplier|vendor|company|business)[ \t]+$", re.I)


@lru_cache(maxsize=8)
def _id_heads(words: tuple[str, ...]) -> frozenset[str]:
    """The first word of each of the ids' names ("t" of "t.c. kimlik", "steuer" of "steuer-id")."""
    return frozenset(head.group(0).lower() for w in words if (head := _ALNUM.search(w)))


@lru_cache(maxsize=1024)
def _headed(words: tuple[str, ...], heads: frozenset[str]) -> tuple[str, ...]:
    """Those of ``words`` whose first word is one of ``heads``."""
    return tuple(w for w in words if (head := _ALNUM.search(w)) and head.group(0).lower() in heads)


@lru_cache(maxsize=1024)
def _id_question(words: tuple[str, ...]) -> re.Pattern[str]:
    """One of ``words`` asked for: "your IRD", "the member's passport", "the NHS number", "NRIC
    please?", "we'll need the KRA pin" (not "return the passport")."""
    either = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:(?:your|their|his|her|[a-z]+['’]s)[ \t]+(?:[a-z]+[ \t]+)?(?P<id>{either})\b"
                      rf"|(?P<numbered>{either})[ \t]+(?:number|no\b|#)"
                      rf"|(?P<bare>{either})(?=[ \t]*(?:please|pls|plz)?[ \t]*\?)"
                      rf"|\b(?:need|take|have|confirm|verify)[ \t]+the[ \t]+(?:[a-z]+[ \t]+)?(?P<needed>{either})\b)",
                      re.I)


@lru_cache(maxsize=8)
def typed_number(least: int, most: int, dots: bool = False) -> re.Pattern[str]:
    """A number typed in groups ("020 7946 0958", "+44 (0)20 7946 0958") of ``least`` to ``most``
    digits, with ``dots`` also between them ("0808.652.9024"); not a decimal's, a date's or a code's part."""
    between = "[ ().-]" if dots else "[ ()-]"
    return re.compile(rf"(?<![\w+.,/])\+?[0-9](?:(?:{between}|\) ){{0,2}}[0-9]){{{least - 1},{most - 1}}}"
                      r"(?![\w-]|[.,/][0-9])")


@lru_cache(maxsize=8)
def word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` as whole words, any case, the longest first."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I)


# an agent asking to hear the last answer again: "Can you confirm that once more?", "you broke up there"
_REPEAT = re.compile(r"\b(?:(?:say|read) (?:that|it) again|come again|(?:confirm|repeat) that|once more|one more time"
                     r"|didn['’]?t (?:catch|get) that|broke up)\b", re.I)


def conversation_asked(text: str, before: tuple[str, ...], dob_asked: bool,
                       ids: tuple[str, ...] = ()) -> tuple[str, ...]:
    """What an agent's turn asks for, in its conversation: a request to repeat ("say that
    again?") asks for what the customer's last answer was to (``before``), and "what year?" asks
    for the year of birth when a date of birth was asked for earlier (else for nothing)."""
    found = asked(text, ids)
    if not found and _REPEAT.search(text):
        return before
    return tuple(dict.fromkeys("dob" if q == "year" else q for q in found if q != "year" or dob_asked))


# The kind of a number, from the last cue word shortly before it ("my order number is ..."):
# a reference (never a card, a phone or an id), another identifier (never a phone), a bank
# number, a phone, a card or an id. Longer phrases first: "account number" is bank, "my number"
# is phone, "order number" is ref, "account" alone is other.
_CUES = {
    "bank": r"(?:bank |checking |savings |current )?account (?:number|no|num[a-z]{0,4}|#)|acct|a/c|i ?ban|sort ?code"
            r"|routing|aba|bsb|transit number|clabe|branch number",
    "ref": r"order|ticket|reference|ref|case|tracking|invoice|policy|serial|s/n|confirmation|booking|transaction"
           r"|registration|reg|plate"
           r"|imei|model|version|claim|incident|sku|meter|parcel|receipt|voucher|job|quote|reservation|item|product"
           r"|customer (?:id|number)",
    "other": r"membership|member|promo|pin|otp|passcode|code|id|account|contract",
    "phone": r"phone|mobile|mob|cell|cellphone|landline|telephone|tel|ph|whatsapp|fax|extension|ext|contact number"
             r"|(?:my|your|his|her|their|the|best|home|work|daytime|callback|new|old|local) number|area code"
             r"|number to (?:call|reach|ring|text)|(?:call|ring|text|reach|contact|phone) (?:me|us|you|him|her|them)"
             r"(?: back)?(?: on| at)?|text (?:it|that|this|them|(?:the|a|your) [a-z]+(?: [a-z]+)?) to"
             # another person's number: "try my son on …", "call Giulia Esposito on …", "Rahul's number is …"
             r"|(?:call|ring|try|text|reach|contact)(?: (?!back\b)[A-Za-z'’]+){1,3}? on|reached on|[a-z]+['’]s number"
             # "We'll text 960568265 the day before", "you can get me on 0 8 0 6 …"
             r"|(?:we|i|they)['’]?ll (?:call|ring|text|phone|whatsapp)(?! [a-z])"
             r"|get (?:me|us|him|her|them) (?:on|at)"
             # a signature's label: "M: 625 960 836", "T: +44 …"
             r"|(?<![^\n])[mtph](?=:)",
    "card": r"card|visa|mastercard|amex|debit|credit",
    "id": r"ssn|social security|social|national insurance|insurance number|ni number|nino|sin|tax id|itin|nhs|passport",
}
_CUE = re.compile(r"\b(?:" + "|".join(f"(?P<{kind}>{rx})" for kind, rx in _CUES.items()) + r")\b", re.I)
WINDOW = 48  # characters before a number that its cue may be in (about six words)


def is_cue(word: str) -> bool:
    """Whether ``word`` is itself the cue of a number ("ssn", "tel", "card", "order"): what follows it is
    another value, not more of the one before."""
    return _CUE.fullmatch(word) is not None


_LETTERS_BEFORE = re.compile(r"(?:(?<![\w'’])[a-z] ){2,}$", re.I)  # "t w ", "g i a "
_CAPITALS_BEFORE = re.compile(r"(?<![\w'’])(?P<word>[A-Z]{2,4})[ -]$")  # "GIA ", "UPS-"


def letters_before(text: str, start: int) -> str:
    """The letters said apart right before ``start``, two or more ("same as on t w one five three …"), else ""."""
    said = _LETTERS_BEFORE.search(text, max(0, start - 24), start)
    return said.group().replace(" ", "") if said else ""


def capitals_before(text: str, start: int) -> bool:
    """Whether a code's capitals are typed right before ``start`` ("GIA 7158484390"), not a cue ("TEL …")."""
    capitals = _CAPITALS_BEFORE.search(text, max(0, start - 8), start)
    return capitals is not None and not is_cue(capitals["word"])


def cue_kinds(text: str) -> set[str]:
    """The kinds of the cues anywhere in ``text``: an answer that names what it gives ("SSN: …")."""
    return {m.lastgroup for m in _CUE.finditer(text) if m.lastgroup}


def cue(text: str, start: int, window: int = WINDOW) -> str | None:
    """The kind of the last cue within ``window`` characters before ``start`` in ``text``
    (bank, ref, other, phone, card, id) and in the same sentence ("ref APT3679094. A reminder
    will go to 07444742419": the number is not a reference), or None."""
    begin = max(0, start - window)
    for boundary in _SENTENCE.finditer(text, begin, start):
        begin = boundary.end()
    last = None
    for match in _CUE.finditer(text, begin, start):
        last = match
    return last.lastgroup if last else None


_SENTENCE = re.compile(r"[.!?]\s+(?=[A-Z])|\n\s*\n")  # a sentence's end: "… 3679094. A reminder"
