"""PII redaction, applied to every conversation before anything is embedded or stored.

On by default; ``CONVOSCOPE_REDACT`` chooses the entities: ``all`` (the default), ``none``,
or a comma list such as ``card,email,phone``. Each match becomes a typed token:

==============  ==================  ===============================================================
entity          token               what is caught
==============  ==================  ===============================================================
``card``        ``[CARD]``          13–19 digit card numbers, contiguous or grouped 4-4-4-4(-3) /
                                    4-6-5 / 4-6-4 with spaces or dashes, only when Luhn-valid
``email``       ``[EMAIL]``         written addresses; ``john [at] example [dot] com``; and
                                    spelled-out ones as speech-to-text writes them
                                    (``jane dot doe12 at example dot com``, fillers tolerated)
``phone``       ``[PHONE]``         ``+44 7700 900123`` (any ``+`` country code), UK ``07700 900516``
                                    / ``020 7946 0018``, US ``(415) 555-0134`` / ``415-555-0134``
``national_id`` ``[NATIONAL_ID]``   US SSN ``123-45-6789``, UK National Insurance ``QQ 12 34 56 C``
``address``     ``[ADDRESS]``       house number + street name + suffix (``12 Mill Lane``)
``address``     ``[POSTCODE]``      UK postcodes (``BN5 7WT``, ``SW1A 1AA``); a US ZIP next to a
                                    state abbreviation (``CA 94105`` -> ``CA [POSTCODE]``)
==============  ==================  ===============================================================

Left alone on purpose: card last-fours and other short codes, prices, dates, times, version
numbers, order references, digit runs that fail Luhn, ``PS5 2TB`` (an inward code of GB/TB
is never a postcode here). Lowercase text (speech-to-text) is matched too, a little more
strictly: a lowercase street needs an unambiguous suffix (road, street, lane...). Not caught: numbers read out as words
("four one one one ..."), street names without a house number, and spoken e-mails whose
user part speech-to-text split into several words (only the last word goes).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from collections.abc import Mapping as MappingABC

from pydantic import BaseModel, Field

from convoscope import settings
from convoscope.errors import ConvoscopeError
from convoscope.models import Conversation

ENTITIES: tuple[str, ...] = ("card", "email", "phone", "national_id", "address")
Replace = Callable[[re.Match[str]], str | None]  # the replacement, or None to keep the match
Rule = tuple[str, re.Pattern[str], Replace]

# ---------------------------------------------------------------- card


def luhn_valid(digits: str) -> bool:
    """Whether an ASCII digit string passes the Luhn checksum."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


_CARD = re.compile(
    r"(?<![0-9])(?:[0-9]{4}([ -]?)[0-9]{4}\1[0-9]{4}\1[0-9]{4}(?:\1[0-9]{3})?"
    r"|[0-9]{4}([ -]?)[0-9]{6}\2[0-9]{4,5}|[0-9]{13,19})(?![0-9])"
)


def _card(match: re.Match[str]) -> str | None:
    digits = re.sub(r"[ -]", "", match.group(0))
    return "[CARD]" if luhn_valid(digits) else None


# ---------------------------------------------------------------- email

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*[A-Za-z0-9]@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)
_FILL = r"(?:\s+(?:um|uh|er|erm|ah|yeah|like|so|you know|i mean)){0,3}"
_AT = rf"(?:{_FILL}\s+at{_FILL}\s+|\s*[\[(<{{]\s*at\s*[\])>}}]\s*)"
_DOT = rf"(?:{_FILL}\s+dot{_FILL}\s+|\s*[\[(<{{]\s*dot\s*[\])>}}]\s*)"
_JOIN = rf"(?:{_FILL}\s+(?:dot|underscore|dash|hyphen){_FILL}\s+|[._-])"
_TLD = r"(?:com|net|org|co|uk|io|edu|gov|info|biz|me|us|ca|de|fr|ie|au|nz|eu|ai|app|dev|email|online)"
_SPOKEN = re.compile(
    rf"(?<![a-z0-9._-])(?P<local>[a-z0-9]+(?:{_JOIN}[a-z0-9]+){{0,6}}){_AT}[a-z0-9]+(?:{_DOT}[a-z0-9]+){{0,4}}"
    rf"{_DOT}{_TLD}\b", re.I
)
# one word before "at" that makes a place, not a mailbox: "have a look at lumora dot com"
_NOT_MAILBOX = frozenset(
    "me us you him her them it this that here there look looking looked go went arrive arrived home work "
    "online log logged sign signed in on out up visit site website page check sent emailed is was staff "
    "available bought ordered shop shopping store found find one anyone someone everyone".split()
)


def _spoken(match: re.Match[str]) -> str | None:
    local = match.group("local")
    return None if local.lower() in _NOT_MAILBOX else "[EMAIL]"


# ---------------------------------------------------------------- phone

_PHONE_INTL = re.compile(
    r"(?<![\w+])\+[1-9][0-9]{0,2}(?:[ .-]?\(0\))?[ .-]?\(?[0-9]+\)?(?:[ .-]\(?[0-9]+\)?)*(?![0-9])"
)
_GROUP = re.compile(r"\(0\)|[0-9]+")
_PHONE_UK = re.compile(
    r"(?<![\w+./-])(?:\(0[0-9]{2,4}\)|0[0-9]{2,4})[ -]?[0-9]{3,4}[ -]?[0-9]{3,4}(?![0-9]|[.,-][0-9])"
)
_PHONE_US = re.compile(
    r"(?<![\w+./-])(?:1[ .-]?)?(?:\([2-9][0-9]{2}\)[ .-]?|[2-9][0-9]{2}[ .-])[2-9][0-9]{2}[ .-][0-9]{4}"
    r"(?![0-9]|[.,-][0-9])"
)


def _intl(match: re.Match[str]) -> str | None:
    """The longest leading run of digit groups that makes a plausible number (8–15 digits,
    11 for +1, 12 for +44), so a year or time after it is kept."""
    text = match.group(0)
    country = re.match(r"\+([0-9]+)", text).group(1)  # type: ignore[union-attr]
    cap = 11 if country.startswith("1") else 12 if country.startswith("44") else 15
    digits, end = 0, 0
    for group in _GROUP.finditer(text):
        if group.group(0) == "(0)":
            continue
        if digits + len(group.group(0)) > cap:
            break
        digits += len(group.group(0))
        end = group.end() + (1 if text[group.end() : group.end() + 1] == ")" else 0)
    return "[PHONE]" + text[end:] if digits >= 8 else None


def _uk(match: re.Match[str]) -> str | None:
    text = match.group(0)
    digits = sum(c.isdigit() for c in text)
    if text.isdigit():
        return "[PHONE]" if digits == 11 else None
    return "[PHONE]" if 10 <= digits <= 11 else None


# ---------------------------------------------------------------- national id

_SSN = re.compile(r"(?<![\w-])(?!000|666)[0-9]{3}([- ])(?!00)[0-9]{2}\1(?!0000)[0-9]{4}(?![\w-])")
_NINO = re.compile(r"\b[A-Z]{2}( ?)[0-9]{2}\1[0-9]{2}\1[0-9]{2}\1[A-D]\b", re.I)

# ---------------------------------------------------------------- address

_POSTCODE = re.compile(
    r"\b(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])( ?|(?: (?:um|uh|er|erm|yeah|like|so|you know|i mean))+ )"
    r"[0-9][ABD-HJLNP-UW-Z]{2}\b",
    re.I,
)
_SIZES = frozenset({"gb", "tb"})  # "PS5 2TB": a console, not a postcode
_ORDINALS = frozenset({"st", "nd", "rd", "th"})  # "b2 3rd" in lowercase text; "B33 8TH" is a postcode


def _postcode(match: re.Match[str]) -> str | None:
    text = match.group(0)
    inward = text[-2:].lower()
    if inward in _SIZES:
        return None
    if text.isupper():
        return "[POSTCODE]"
    return None if not match.group(1) or inward in _ORDINALS else "[POSTCODE]"


_SUFFIXES = ("Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Court|Ct|Crescent|Cres|Place|Pl|Terrace"
             "|Gardens|Grove|Boulevard|Blvd|Square|Sq|Row|Mews|Parade|Walk|Hill")
_STREET = re.compile(
    rf"(?<![\w£$€.,:/-])[0-9]{{1,5}}[A-Za-z]?,?\s+(?P<name>(?:[A-Za-z][A-Za-z'’-]*\s+){{1,3}})"
    rf"(?P<suffix>{_SUFFIXES})(?![\w'’-])",
    re.I,
)
_LOWER_SUFFIXES = frozenset({"street", "road", "avenue", "lane", "crescent", "terrace", "boulevard", "gardens",
                             "mews", "close", "drive", "way"})
_NOT_STREET = frozenset(
    "the a an of on in to at by for from with and or my your our their his her its this that these those more "
    "i you he she we they it am pm very so too really all "
    "other different same new old few minute minutes min mins hour hours day days week weeks month months year "
    "years mile miles yard yards metre metres meter meters km times people cars houses doors pounds quid dollars "
    "euros items things lanes roads streets".split()
)


def _street(match: re.Match[str]) -> str | None:
    words = match.group("name").split()
    if any(word.lower() in _NOT_STREET for word in words):
        return None
    suffix = match.group("suffix")
    if suffix[0].isupper() and all(word[0].isupper() for word in words):
        return "[ADDRESS]"
    return "[ADDRESS]" if suffix.lower() in _LOWER_SUFFIXES else None


_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM"
           "|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY")
_ZIP = re.compile(rf"\b(?P<state>{_STATES})(?P<sep>,?\s)[0-9]{{5}}(?:-[0-9]{{4}})?(?![\w-])")


def _zip(match: re.Match[str]) -> str:
    return f"{match.group('state')}{match.group('sep')}[POSTCODE]"


def _token(token: str) -> Replace:
    return lambda match: token


# In this order: e-mails before digits (they contain some), cards before phones and ids.
RULES: tuple[Rule, ...] = (
    ("email", _EMAIL, _token("[EMAIL]")),
    ("email", _SPOKEN, _spoken),
    ("card", _CARD, _card),
    ("national_id", _SSN, _token("[NATIONAL_ID]")),
    ("national_id", _NINO, _token("[NATIONAL_ID]")),
    ("phone", _PHONE_INTL, _intl),
    ("phone", _PHONE_UK, _uk),
    ("phone", _PHONE_US, _token("[PHONE]")),
    ("address", _STREET, _street),
    ("address", _POSTCODE, _postcode),
    ("address", _ZIP, _zip),
)
_NEEDS = {"email": re.compile(r"@|\bat\b|\(at\)|\[at\]", re.I)}
_DIGIT = re.compile(r"[0-9]")


def _apply(pattern: re.Pattern[str], replace: Replace, text: str) -> tuple[str, int]:
    count = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal count
        out = replace(match)
        if out is None:
            return match.group(0)
        count += 1
        return out

    return pattern.sub(swap, text), count


class Redactor:
    """Replaces the chosen PII entities in text with typed tokens such as ``[EMAIL]``."""

    def __init__(self, entities: Iterable[str] | None = None) -> None:
        chosen = ENTITIES if entities is None else tuple(e.strip().lower() for e in entities)
        unknown = [e for e in chosen if e not in ENTITIES]
        if unknown:
            raise ConvoscopeError(f"unknown PII entity {unknown[0]!r}",
                                  f"use all, none, or a comma list of {', '.join(ENTITIES)}")
        self.entities: frozenset[str] = frozenset(chosen)
        self._rules = [rule for rule in RULES if rule[0] in self.entities]

    @classmethod
    def from_env(cls) -> Redactor:
        """From ``CONVOSCOPE_REDACT``: ``all`` (default), ``none`` or a comma list of entities."""
        raw = settings.current().redact.strip().lower()
        if raw in ("", "all"):
            return cls()
        if raw == "none":
            return cls(())
        names = [part.strip() for part in raw.split(",") if part.strip()]
        unknown = [n for n in names if n not in ENTITIES]
        if unknown:
            raise ConvoscopeError(f"CONVOSCOPE_REDACT={raw!r}: unknown entity {unknown[0]!r}",
                                  f"use all, none, or a comma list of {', '.join(ENTITIES)}")
        return cls(names)

    @property
    def enabled(self) -> bool:
        return bool(self.entities)

    def __repr__(self) -> str:
        return f"Redactor({', '.join(e for e in ENTITIES if e in self.entities) or 'none'})"

    def redact_text(self, text: str) -> tuple[str, Counter[str]]:
        """``text`` with each PII match replaced by its token, and the counts per entity."""
        counts: Counter[str] = Counter()
        has_digit = _DIGIT.search(text) is not None
        for entity, pattern, replace in self._rules:
            needs = _NEEDS.get(entity)
            if (needs is None and not has_digit) or (needs is not None and not needs.search(text)):
                continue
            text, count = _apply(pattern, replace, text)
            if count:
                counts[entity] += count
        return text, counts

    def redact_conversation(self, conv: Conversation) -> tuple[Conversation, Counter[str]]:
        """A copy of ``conv`` with every turn's text, the customer id and string metadata redacted."""
        counts: Counter[str] = Counter()
        if not self._rules:
            return conv, counts
        turns = []
        for turn in conv.turns:
            text, found = self.redact_text(turn.text)
            counts.update(found)
            turns.append(turn.model_copy(update={"text": text}) if found else turn)
        customer_id = conv.customer_id
        if customer_id is not None:
            customer_id, found = self.redact_text(customer_id)
            counts.update(found)
        metadata = {}
        for key, value in conv.metadata.items():
            if isinstance(value, str):
                value, found = self.redact_text(value)
                counts.update(found)
            metadata[key] = value
        update = {"turns": turns, "customer_id": customer_id, "metadata": metadata}
        return conv.model_copy(update=update), counts


class RedactionReport(BaseModel):
    """Redactions counted per entity over an ingest run, for its summary."""

    counts: dict[str, int] = Field(default_factory=dict)

    def add(self, counter: MappingABC[str, int]) -> None:
        for entity, count in counter.items():
            if count:
                self.counts[entity] = self.counts.get(entity, 0) + count

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def line(self) -> str:
        """``redacted 12 card, 40 email, 33 phone`` (or ``redacted nothing``)."""
        order = [e for e in ENTITIES if self.counts.get(e)] + sorted(e for e in self.counts if e not in ENTITIES)
        parts = [f"{self.counts[e]} {e}" for e in order if self.counts[e]]
        return "redacted " + (", ".join(parts) if parts else "nothing")
