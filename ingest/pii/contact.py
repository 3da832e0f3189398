"""E-mail addresses (typed, obfuscated, spoken) and phone numbers (typed or spoken, checked
with Google's libphonenumber through the ``phonenumbers`` package)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from convoscope.errors import ConvoscopeError
from ingest.pii.checksums import luhn_valid
from ingest.pii.core import Detector, Doc, Span, capitals_before, cue, letters_before, typed_number
from ingest.pii.letters import begun_again
from ingest.pii.postcodes import BOX_BEFORE
from ingest.pii.spoken import NUMBER_WORDS

# ---------------------------------------------------------------- e-mail

# typed, also with a space each side of the "@" ("s.walker @ gmail.com"; a handle has none after it)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*[A-Za-z0-9](?:@| @ )[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)
_FILL = r"(?:\s+(?:um|uh|er|erm|ah|yeah|like|so|you know|i mean)){0,3}"
# "at", "at sign" or "at symbol" (as speech-to-text writes what is said), or a bracketed "[at]"
_AT = rf"(?:{_FILL}\s+at(?:\s+(?:sign|symbol))?{_FILL}\s+|\s*[\[(<{{]\s*at\s*[\])>}}]\s*)"
_DOT = rf"(?:{_FILL}\s+dot{_FILL}\s+|\s*[\[(<{{]\s*dot\s*[\])>}}]\s*|\.)"
_JOIN = rf"(?:{_FILL}\s+(?:dot|underscore|dash|hyphen|plus){_FILL}\s+|\s*[\[(<{{]\s*dot\s*[\])>}}]\s*|[._+-])"
_SAID_DIGIT = r"\s+(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b"
# generic domains, and every country's (the ISO codes libphonenumber knows: "es", "nl", "sg" …)
_GENERIC = "com net org co uk io edu gov info biz me us ca de fr ie au nz eu ai app dev email online in za"
_TLDS = sorted(set(_GENERIC.split()) | {code.lower() for code in phonenumbers.SUPPORTED_REGIONS if code.isalpha()})
# a top-level domain said as a word or letter by letter: "dot com", "dot c o m", "dot a u"
_TLD = "(?:" + "|".join(sorted([*_TLDS, *(" ".join(t) for t in _TLDS if len(t) <= 3)], key=len, reverse=True)) + ")"
# a label said as a word, or letters and a word: "i cloud", "b t internet", "g r e e n l e a f"
_LABEL = r"(?:[a-z]\s+){0,24}[a-z0-9]+"
# "yahoo dot c o dot u k"; a country after a generic domain: "singnet dot com dot sg"
_DOMAIN = rf"{_LABEL}(?:(?:{_DOT}|\s+(?:dash|hyphen)\s+|-){_LABEL}){{0,4}}{_DOT}{_TLD}(?:{_DOT}[a-z]{{2}})?\b"
_SPOKEN = re.compile(rf"(?<![a-z0-9._-])(?P<local>[a-z0-9]+(?:{_JOIN}[a-z0-9]+|{_SAID_DIGIT}){{0,8}}){_AT}"
                     rf"(?!www\.|www\s+dot\s){_DOMAIN}", re.I)  # "the secure link at www.…": a web address
# after an e-mail cue the user part may be several words: "my email's lucky cat one nine eighty eight at ..."
_EMAIL_CUE = re.compile(r"\be-?mail(?: address)?(?:'s)?(?:[\s,:]+(?:is|it's|its|it is|was|um|uh|er|erm)\b)*[\s,:]+",
                        re.I)
_SAID_DOMAIN = re.compile(rf"{_AT}{_DOMAIN}", re.I)
_USER = re.compile(r"[a-z0-9]+(?:(?:[\s,]+|[._-])[a-z0-9]+){0,9}", re.I)
# words that end a user part: the cue was a verb ("email me at"), or a sentence runs on
_NOT_USER = frozenset(
    "at me us you him her them it it's its is was be to the an and or but so my your our their this that "
    "on in of for with from please if then when i'm we they".split()
)
# one word before "at" that makes a place, not a mailbox: "have a look at lumora dot com"
_NOT_MAILBOX = frozenset(
    "me us you him her them it this that here there look looking looked go went arrive arrived home work "
    "online log logged sign signed in on out up visit site website page check sent emailed is was staff "
    "available bought ordered shop shopping store found find one anyone someone everyone".split()
)


# a noun after an article or a possessive, before a typed domain, is a page, not a mailbox: "our privacy notice at
# portal.example.co.uk", "the secure link at example.ie" (a mailbox is said: "it's jane at gmail dot com")
_DETERMINED = re.compile(r"\b(?:the|a|an|our|your|their)\s+(?:[a-z'-]{2,}\s+)?$", re.I)
_PATH = re.compile(r"/[\w-]")  # a domain followed by a path is a web address: "harvestlane.co.nz/pause"


def emails(doc: Doc) -> Iterator[Span]:
    """``jane@example.com``; ``jane [at] example [dot] com``; ``jane dot doe twelve at example dot com``;
    after an e-mail cue, a user part of several words (``my email is lucky cat one nine at ...``)."""
    if "@" not in doc.text and "at" not in doc.vocabulary:
        return
    for match in _EMAIL.finditer(doc.text):
        yield match.start(), match.end(), "[EMAIL]"
    if "at" in doc.vocabulary and "mail" in doc.lower:
        yield from _cued(doc.text)
    for match in _SPOKEN.finditer(doc.text):
        local = match.group("local")
        if local.lower() in _NOT_MAILBOX or _PATH.match(doc.text, match.end()):
            continue
        if len(local) > 2 and local.isalpha() and "dot" not in match.group().lower().split() and (
                _DETERMINED.search(doc.text, max(0, match.start() - 40), match.start())):
            continue
        yield match.start(), match.end(), "[EMAIL]"


def _cued(text: str) -> Iterator[Span]:
    """After an e-mail cue, everything from the cue's end to "at <domain> dot <tld>": up to ten
    words and numbers, none a word that ends a user part."""
    for cue_match in _EMAIL_CUE.finditer(text):
        start = cue_match.end()
        address = _SAID_DOMAIN.search(text, start, start + 200)
        user = address and _USER.fullmatch(text, start, address.start())
        if user and _NOT_USER.isdisjoint(word.lower() for word in re.findall(r"[\w']+", user.group())):
            yield start, address.end(), "[EMAIL]"


# ---------------------------------------------------------------- phone

# digit groups with one separator between (or none around a bracket: "090(7283)5494"), up to a row of
# single digits ("0 6 4 7 4 1 9 0 9 5"): "+44 (0)20 7946 0958"; a "+"
# number may follow a "/" (a recording named by the caller's number, in a path)
_CANDIDATE = re.compile(
    r"(?:(?<=/)(?=\+)|(?<![A-Za-z0-9+/.,-]))(?P<intl>\+ ?|00(?=[1-9])|\(\+(?=\d{1,3}\)[ .-]?\d))?"
    r"(?:\(\d{1,5}\)|\d+)(?:(?:[ .-]|/(?=\d)|(?<=\))|(?<=\d)(?=\(\d)|(?<=\(\+\d)\)[ .-]?|(?<=\(\+\d\d)\)[ .-]?"
    r"|(?<=\(\+\d\d\d)\)[ .-]?)(?:\(\d{1,5}\)|\d+)){0,14}"
    r"(?![A-Za-z0-9/]|[.,:]\d)"
)
_GROUP = re.compile(r"\(0\)|\d+")
# formats only a phone number is written in: (415) 555-0134, 415-555-0134, 415.555.0134, 020 7946 0018,
# (08) 9632 0511,
# five pairs (06 04 77 62 11, 07.49.22.96.85), an area code and a slash (0160/43004743, 030/1234567)
_SHAPE = re.compile(
    r"(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}(?P<s>[.-]))\d{3}(?(s)(?P=s)|[ .-])\d{4}"
    r"|\(?0\d{2,4}\)?(?:[ -]?\d{3,4}){1,2}|\(0\d\) ?\d{4}[ -]?\d{4}"
    r"|0[2378][ -]\d{4}[ -]\d{4}(?![ -]?\d)"  # an Australian landline without its brackets: "07 4818 7086"
    r"|0[1-9](?P<p>[ .])\d\d(?:(?P=p)\d\d){3}"
    r"|(?P<slash>\(?0\d{1,4}\)?/ ?\d{3,8}(?:[ -]\d{2,4}){0,2})"
)
_PAIR_NEXT = re.compile(r"[ .][0-9]")


def phone_regions(first: str) -> tuple[str, ...]:
    """Where a number written without ``+`` is checked: ``first`` (``CONVOSCOPE_PHONE_REGION``),
    then GB and US."""
    region = first.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ConvoscopeError(f"CONVOSCOPE_PHONE_REGION={first!r} is not a country libphonenumber knows",
                              "set it to a two-letter ISO country code such as GB, US or FR")
    return tuple(dict.fromkeys((region, "GB", "US")))


def phone_detector(regions: tuple[str, ...]) -> Detector:
    """Phone numbers, ``regions`` (ISO codes) being where a number without ``+`` may be from; one
    read out with a correction in it when one of its readings is one, or after a phone cue (7
    digits or more in one reading)."""

    def phones(doc: Doc) -> list[Span]:
        if not doc.numeric:
            return []
        found = []
        for reading in doc.readings("phone"):
            text = reading.view.text
            for match in _CANDIDATE.finditer(text):
                groups = [g for g in _GROUP.finditer(text, match.start(), match.end())]
                if sum(len(g.group()) for g in groups) < 7:
                    continue
                intl = match.group("intl") is not None
                found += reading.spans(_numbers(reading, match.start(), groups, intl, regions), "[PHONE]")
        if doc.view.corrected:
            found += doc.spans(doc.corrected("phone", 7), "[PHONE]")
        return [(start, ext.end() if (ext := _EXTENSION.match(doc.text, end)) else end, token)
                for start, end, token in found]

    return phones


_EXTENSION = re.compile(r"[ \t]*(?:,[ \t]*)?(?:ext\.?|extension|x)[ \t]*[0-9]{1,6}\b", re.I)  # "... ext 5875"


# a number, then the customer says what it is: "eight eight four nine nine five two seven thats my mobile"
_NAMED_AFTER = re.compile(r"[\s,.-]{0,3}(?:(?:that['’]?s|thats|is|it['’]?s|its|as|on)\s+)?(?:my|your|the|our)\s+"
                          r"(?:mobile|cell|phone|landline|(?:home|work|mobile|contact|phone) number)\b"
                          r"|[\s,.-]{0,3}(?:as|is)\s+(?:my|your)\s+number\b", re.I)  # "0176 629 77302 as your number"
_PHONE_RUN = typed_number(7, 15, dots=True)  # asked for, "06.39273018" is a phone
_STANDALONE = re.compile(r"(?<![\w.,/])\+?[0-9]")  # a number's start, not inside a word or after a decimal point


def answered_phones(doc: Doc) -> list[Span]:
    """The first number of 7-15 digits in the answer to a question for a phone number (wherever it
    is in the answer: "my email's … thanks, sure, 012318035"; or given again after the first was
    abandoned: "oh nine oh seven no sorry that's the old one it's …"), or one the customer then names as a phone
    ("… thats my mobile"), that no other cue claims: run after every other detector, so that a
    card, an account or a date keeps its kind."""
    if not doc.numeric:
        return []
    text = doc.view.text
    first = _STANDALONE.search(text, len(doc.lead))  # the answer's first number ("dial 111 … at 5 9804…": 111)
    found = [m.span() for m in _PHONE_RUN.finditer(text, len(doc.lead))
             if cue(text, m.start()) in (None, "phone") and not luhn_valid(re.sub(r"\D", "", m.group()))
             and not capitals_before(text, m.start())
             and ("." not in m.group() or _dotted(m.group(), "phone"))
             and ((doc.asked == "phone" and first is not None
                   and begun_again(text, m.start(), m.end()) <= first.start())
                  or _NAMED_AFTER.match(text, m.end()))]
    return doc.spans(found, "[PHONE]")


def _numbers(doc: Doc, start: int, groups: list[re.Match[str]], intl: bool,
             regions: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """The phone numbers among a candidate's digit groups: the whole, else the longest runs of
    groups that make one (a year or a time after a number is not part of it)."""
    i = 0
    while i < len(groups):
        for j in range(len(groups), i, -1):
            begin = start if i == 0 else groups[i].start()
            end = groups[j - 1].end() + (doc.view.text[groups[j - 1].end():groups[j - 1].end() + 1] == ")")
            whole = i == 0 and j == len(groups)
            if _is_phone(doc, begin, end, groups[i:j], intl and i == 0, whole, regions):
                yield begin, end
                i = j
                break
        else:
            if intl and i == 0 and doc.view.spoken(start, groups[-1].end()):
                end = _possible_prefix(doc.view.text, start, groups)
                if end:
                    yield start, end
            i += 1


def _is_phone(doc: Doc, start: int, end: int, groups: list[re.Match[str]], intl: bool, whole: bool,
              regions: tuple[str, ...]) -> bool:
    """Whether ``start:end`` of the view is a phone number: a ``+`` number of a possible length for
    its country; after a cue of another kind (account, card, birth …) but a reference, ten or
    eleven digits in a phone's own format or read out; else in a phone's own format, or after a
    phone cue, or read out (10+ digits), or valid as dialled in one of ``regions``. A slash only
    after an area code (0160/43004743): a date's two slashes never make a phone."""
    digits = "".join(g.group() for g in groups if g.group() != "(0)")
    text = doc.view.text
    if text.count("/", start, end) > 1 or capitals_before(text, start):  # "GIA 7158484390": a code's number
        return False
    if BOX_BEFORE.search(text, max(0, start - 8), start):  # "P.O. Box 41457-80100": an address's
        return False
    if doc.asked != "phone" and (letters := letters_before(text, start)) and _CODE_BEFORE.search(
            text, max(0, start - len(letters) * 2 - 16), start - len(letters) * 2):
        return cue(text, start) == "phone"  # "one z g p k three m j six seven eight …": a tracking code's digits
    if intl and text.startswith(("+", "(+"), start):  # "+65 8264 0228", "(+65) 8264 0228"
        return 8 <= len(digits) <= 15 and _possible("+" + digits)
    kind = cue(text, start)
    shape = _SHAPE.fullmatch(text, start, end)
    if shape and shape.group("p") and (_PAIR_NEXT.match(text, end)
                                       or _PAIR_NEXT.match(text[max(0, start - 2):start][::-1])):
        shape = None  # five pairs out of a longer row of them
    slash = shape is not None and shape.group("slash") is not None and 9 <= len(digits) <= 12
    if kind not in (None, "phone"):
        # after another cue only a phone's own format, or ten digits read out, is still a phone
        # (never after a reference: "order 555-142-8647" stays)
        spoken = len(digits) >= 10 and doc.view.spoken(start, end)
        return kind != "ref" and (shape is not None or spoken) and 10 <= len(digits) <= (12 if slash else 11)
    if intl:
        return 8 <= len(digits) - 2 <= 15 and _possible("+" + digits[2:])
    if (not 7 <= len(digits) <= 12 or ("." in text[start:end] and not shape and not _dotted(text[start:end], kind))
            or ("/" in text[start:end] and not slash)):
        return False
    if slash:
        return True
    if shape and 10 <= len(digits) <= 11:
        if digits[0] != "0" or len(digits) == 11 or not text[start:end].isdigit():
            return True
        if kind != "phone" and not doc.view.spoken(start, end):
            return False  # ten typed digits from 0 and no cue: no format of one
    if kind == "phone":
        return True
    if not whole:
        return False
    return len(digits) >= 10 and (doc.view.spoken(start, end) or _dialled(digits, regions)
                                  or _ONE_BY_ONE.fullmatch(text, start, end) is not None)


_CODE_BEFORE = re.compile(r"[0-9][ \t]*(?:[a-z][ \t]+)*$", re.I)  # a digit among the letters: a code
_ONE_BY_ONE = re.compile(r"\+?[0-9](?: [0-9]){9,}")  # typed digit by digit, as it is read out


_DOT_GROUP = re.compile(r"[0-9]+")


_DOTTED_DATE = re.compile(r"(?:0?[1-9]|[12][0-9]|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)[0-9]{2}")


def _dotted(number: str, kind: str | None) -> bool:
    """Whether a number with dots between its groups is written as a phone's ("0808.652.9024",
    "31.11.98.04"): after a phone cue, no group of one digit (a version: "mobile ver. 8.4.22.515"),
    and not a date ("the one from 26.02.2025")."""
    return (kind == "phone" and all(len(g) >= 2 for g in _DOT_GROUP.findall(number))
            and not _DOTTED_DATE.fullmatch(number.strip()))


def _possible(number: str) -> bool:
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(number, None))
    except NumberParseException:
        return False


def _dialled(digits: str, regions: tuple[str, ...]) -> bool:
    """Whether ``digits`` is a valid number as someone in one of ``regions`` dials it (a UK
    number keeps its leading 0, a US one may start with 1)."""
    for region in regions:
        try:
            number = phonenumbers.parse(digits, region)
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            national = re.sub(r"\D", "", phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))
            if digits in (national, str(number.country_code) + national):
                return True
    return False


def _possible_prefix(text: str, start: int, groups: list[re.Match[str]]) -> int | None:
    """Where a spoken ``+`` number ends when more digits were read out after it: the end of the
    longest run of its digits that has a possible length for its country."""
    positions = [g.start() + k for g in groups if g.group() != "(0)" for k in range(len(g.group()))]
    digits = "".join(text[p] for p in positions)
    for length in range(min(15, len(digits)), 7, -1):
        if _possible("+" + digits[:length]):
            return positions[length - 1] + 1
    return None


def national_forms(phone: str) -> list[str]:
    """An international number's national forms, as its country dials it at home ("+64 29 553 0746":
    "0295530746", "295530746"), so that a read-back in them is the same number."""
    typed = phone.strip()
    if not typed.startswith(("+", "00")):
        return []
    try:
        number = phonenumbers.parse("+" + digits_of(typed).removeprefix("00") if typed.startswith("00") else typed,
                                    None)
    except NumberParseException:
        return []
    significant = phonenumbers.national_significant_number(number)
    return [significant, "0" + significant] if len(significant) >= 6 else []


def digits_of(said: str) -> str:
    """The digits of a number as typed or read out ("oh seven seven double oh nine ...")."""
    return "".join(c for c in Doc(said).view.text if c.isdigit())
