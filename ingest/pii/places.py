"""Street addresses (with any flat or unit), UK postcodes (typed or spelled out) and US ZIP
codes (after a state, a "zip" cue or an address).

A street line is a house number (digits, or words: "forty four seventeen") and one to three
words and a suffix (Lane, Road, St ...), with a flat, apartment or unit before or after it. A
ZIP code alone is any five digits, so it needs its context."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.pii.core import Doc, Span
from ingest.pii.finance import GLUE
from ingest.pii.spoken import TEENS, TENS, UNITS

_SAID = "|".join(sorted([*UNITS, *TEENS, *TENS, "hundred", "thousand"], key=len, reverse=True))
# a house number said as words: "twelve", "forty four seventeen", "nineteen oh five", "nine hundred"
_SAID_NUMBER = rf"(?:{_SAID})(?:[ -](?:{_SAID}|oh|and)){{0,3}}"
_SUFFIXES = ("Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Court|Ct|Crescent|Cres|Place|Pl|Terrace"
             "|Gardens|Grove|Boulevard|Blvd|Square|Sq|Row|Mews|Parade|Walk|Hill")
_SUFFIX_WORDS = frozenset(_SUFFIXES.lower().split("|"))
_ABBREVIATIONS = frozenset("st rd ave ln dr ct cres pl blvd sq".split())
_UNIT = rf"(?:apt|apartment|unit|flat|suite|ste)\.?\s*#?\s*(?:[0-9]{{1,5}}[A-Za-z]?\b|[A-Za-z]\b|{_SAID_NUMBER}\b)"
# [flat 3,] house number, one to three words, suffix[.] [, apt 4 | #4]
_STREET = re.compile(
    rf"(?:\b{_UNIT},?\s+)?(?:(?<![\w£$€.,:/-])[0-9]{{1,5}}[A-Za-z]?|\b{_SAID_NUMBER}),?\s+"
    rf"(?P<name>(?:[A-Za-z][A-Za-z'’-]*\s+){{1,3}})(?P<suffix>{_SUFFIXES})(?![\w'’-])(?P<dot>\.)?"
    rf"(?P<unit>,?\s+{_UNIT}|\s+#[0-9]{{1,5}}\b)?",
    re.I,
)
_LOWER_SUFFIXES = frozenset({"street", "road", "avenue", "lane", "crescent", "terrace", "boulevard", "gardens",
                             "mews", "close", "drive", "way", "court", "place"})
_NOT_STREET = frozenset(
    "the a an of on in to at by for from with and or my your our their his her its this that these those more "
    "i you he she we they it am pm very so too really all other different same new old few last next only "
    "easy simple quick quicker best better good great nice whole right wrong proper usual normal single "
    "minute minutes min mins hour hours day days week weeks month months year years mile miles yard yards metre "
    "metres meter meters km times people cars houses doors pounds quid dollars euros items things lanes roads "
    "streets way".split()
) | set(UNITS) | TEENS.keys() | TENS.keys()
_APARTMENT = re.compile(r"\b(?:apt|apartment|suite)\.?\s*#?\s*[0-9]{1,5}[A-Za-z]?\b", re.I)


def _street_ok(match: re.Match[str]) -> bool:
    """No general word in the street's name ("5 minutes down the road"); in lower case, or with
    a lower-case word, only an unambiguous suffix (lane, road, street ...: not "hill", "walk")."""
    words = match.group("name").split()
    if any(word.lower() in _NOT_STREET for word in words):
        return False
    suffix = match.group("suffix")
    if suffix[0].isupper() and all(word[0].isupper() for word in words):
        return True
    return suffix.lower() in _LOWER_SUFFIXES


# ---------------------------------------------------------------- postcodes and ZIP codes

_POSTCODE = re.compile(
    r"\b(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-Z]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][A-Z])( ?|(?: (?:um|uh|er|erm|yeah|like|so|you know|i mean))+ )"
    r"[0-9][ABD-HJLNP-UW-Z]{2}\b",
    re.I,
)
_SIZES = frozenset({"gb", "tb"})  # "PS5 2TB": a console, not a postcode
_ORDINALS = frozenset({"st", "nd", "rd", "th"})  # "b2 3rd" in lowercase text; "B33 8TH" is a postcode
_DIGIT_WORDS = {**{w: str(v) for w, v in UNITS.items()}, "oh": "0"}
# a postcode spelled out: "l s one four a b", "s w double one a a"
_SPELLED = re.compile(r"\b(?:(?:[a-z]|" + "|".join(_DIGIT_WORDS) + r"|double)(?: |$)){5,9}", re.I)
_POSTCODE_SHAPE = re.compile(r"[a-z]{1,2}[0-9]{1,2}[a-z]?[0-9][a-z]{2}")
_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM"
           "|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY")
_ZIP_STATE = re.compile(rf"\b(?:{_STATES}),?\s(?P<n>[0-9]{{5}}(?:-[0-9]{{4}})?)(?![\w-])")
_ZIP_CUED = re.compile(rf"\bzip(?: ?code)?{GLUE}(?P<n>[0-9]{{5}}(?:-?[0-9]{{4}})?)(?![\w-])", re.I)
_ZIP = re.compile(r"(?<![\w-])[0-9]{5}(?:-?[0-9]{4})?(?![\w-])")
_NEAR = 40  # characters between an address and a ZIP code after it (the town, the state)


def addresses(doc: Doc) -> Iterator[Span]:
    """Street lines, then postcodes and ZIP codes."""
    text, streets = doc.view.text, []
    if (doc.has_digit or doc.said_numbers) and not _SUFFIX_WORDS.isdisjoint(doc.vocabulary):
        streets = doc.spans(((m.start(), _street_end(m)) for m in _STREET.finditer(text) if _street_ok(m)),
                            "[ADDRESS]")
        yield from streets
    if doc.numeric:
        yield from doc.spans(((m.start(), m.end()) for m in _APARTMENT.finditer(text)), "[ADDRESS]")
    if doc.has_digit:
        yield from ((m.start(), m.end(), "[POSTCODE]") for m in _POSTCODE.finditer(doc.text) if _postcode_ok(m))
    if doc.said_numbers and sum(len(word) == 1 for word in doc.words) >= 2:
        yield from _spelled_postcodes(doc.text)
    if doc.numeric:
        yield from _zips(doc, [end for _, end, _ in streets])


def _street_end(match: re.Match[str]) -> int:
    if match.group("unit"):
        return match.end("unit")
    abbreviated = match.group("dot") and match.group("suffix").lower() in _ABBREVIATIONS
    return match.end("dot") if abbreviated else match.end("suffix")


def _postcode_ok(match: re.Match[str]) -> bool:
    text = match.group(0)
    inward = text[-2:].lower()
    if inward in _SIZES:
        return False
    if text.isupper():
        return True
    return bool(match.group(1)) and inward not in _ORDINALS


def _spelled_postcodes(text: str) -> Iterator[Span]:
    """The longest run of spelled letters and digit words inside each candidate that reads as a
    postcode (the run may start with a word such as "a")."""
    for match in _SPELLED.finditer(text):
        tokens = [(m.start(), m.end(), m.group().lower()) for m in re.finditer(r"\S+", match.group(0))]
        chars = [_DIGIT_WORDS.get(word, word) for _, _, word in tokens]
        best: tuple[int, int] | None = None
        for i in range(len(tokens)):
            for j in range(len(tokens), i + 4, -1):
                if (best is None or j - i > best[1] - best[0]) and _POSTCODE_SHAPE.fullmatch(_undouble(chars[i:j])):
                    best = (i, j)
                    break
        if best:
            yield match.start() + tokens[best[0]][0], match.start() + tokens[best[1] - 1][1], "[POSTCODE]"


def _undouble(chars: list[str]) -> str:
    """The characters spelled, "double" repeating the next one."""
    out, repeat = [], 1
    for char in chars:
        if char == "double":
            repeat = 2
            continue
        out.append(char * repeat)
        repeat = 1
    return "".join(out) + ("?" if repeat > 1 else "")


def _zips(doc: Doc, street_ends: list[int]) -> Iterator[Span]:
    """ZIP codes after a state ("CA 94105"), after "zip code", or just after a street line."""
    text = doc.view.text
    found = [(m.start("n"), m.end("n")) for m in _ZIP_STATE.finditer(text)]
    found += [(m.start("n"), m.end("n")) for m in _ZIP_CUED.finditer(text)]
    yield from doc.spans(found, "[POSTCODE]")
    if street_ends:
        for start, end, token in doc.spans(((m.start(), m.end()) for m in _ZIP.finditer(text)), "[POSTCODE]"):
            before = [e for e in street_ends if e <= start]
            if before and start - before[-1] <= _NEAR and not any(c.isdigit() for c in doc.text[before[-1]:start]):
                yield start, end, token
