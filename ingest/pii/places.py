"""Addresses: a street line (with any flat or unit) or a PO box, with the town, county or
state after it up to its postcode; UK postcodes and Irish Eircodes (typed or spelled out); US
ZIP codes (after a state, a "zip" cue or an address).

A street line is a house number (digits, or words: "forty four seventeen", "one hundred and
thirty three" through the digit view) and one to three words and a suffix (Lane, Road, St ...),
with a flat, apartment or unit before or after it. What follows it on the same line or the
next (at most ``_TAIL`` characters of words: "Glasgow", "Phoenix, AZ", "ennis co clare") up
to a postcode, an Eircode or a ZIP code is part of the address: the line and the town become
one ``[ADDRESS]``, the code ``[POSTCODE]``. Without a code, a county ("co clare") or, typed,
a town after a comma at the end of the line or sentence ("12 Mill Lane, Leeds.") ends it.
Suffixes that are often words ("primrose hill", "Sky Q View") make an address only with a
code or a county after them, or after an address cue ("i live at", "my address is").
A street name without a house number is not an address; a ZIP code alone is any five digits,
so it needs its context."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import product, takewhile

from ingest.pii.core import ID_QUESTIONS, Doc, Span, cue
from ingest.pii.finance import GLUE
from ingest.pii.spoken import SPELLING_ALPHABET, TEENS, TENS, UNITS
from ingest.pii.words import COMMON

_SAID = "|".join(sorted([*UNITS, *TEENS, *TENS, "hundred", "thousand"], key=len, reverse=True))
# a house number said as words: "twelve", "forty four seventeen", "nineteen oh five", "nine hundred"
_SAID_NUMBER = rf"(?:{_SAID})(?:[ -](?:{_SAID}|oh|and)){{0,3}}"
_SUFFIXES = ("Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Cl|Way|Court|Ct|Crescent|Cres|Place|Pl|Terrace"
             "|Ter|Tce|Gardens|Gdns|Grove|Gr|Boulevard|Blvd|Square|Sq|Row|Mews|Parade|Pde|Walk|Hill|Park|Rise|Green"
             "|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Circuit|Cct|Trail|Trl|Plaza|Vale|View|Gate|Chase|Quay|Wharf"
             "|Heights|Loop|Alley")
_SUFFIX_WORDS = frozenset(_SUFFIXES.lower().split("|"))
# suffixes that are as often part of a product or a brand ("Sky Q View", "Chase"): an address
# only with a postcode, a county or a town after them
_RARE_SUFFIXES = frozenset("vale view gate chase quay wharf heights loop alley".split())
_ABBREVIATIONS = frozenset("st rd ave ln dr cl ct cres pl ter tce gdns gr blvd sq pde hwy pkwy cir cct trl".split())
_UNIT_WORD = r"(?:apt|apartment|unit|flat|suite|ste|blk|block|house)"
_UNIT = (rf"{_UNIT_WORD}\.?\s*(?:#|no\.?|number)?\s*"
         rf"(?:[0-9]{{1,5}}[A-Za-z]?\b|[A-Za-z]\b|{_SAID_NUMBER}\b)")
# [flat 3,] house number, one to three words, suffix[.] [, apt 4 | #4]; "flat " alone before a
# house number when the view has read the flat's number and the house number as one
_STREET = re.compile(
    rf"(?:\b{_UNIT},?\s+|\b{_UNIT_WORD}\.?\s*#?\s*)?"
    rf"(?:(?<![\w£$€.,:/-])[0-9]{{1,5}}[A-Za-z]?(?:[-/][0-9]{{1,5}}[A-Za-z]?)?|\b{_SAID_NUMBER}),?\s+"
    rf"(?P<name>(?:(?:[A-Za-z][A-Za-z'’-]*|[0-9]{{1,3}}(?:st|nd|rd|th))\.?\s+){{1,3}})"  # "3/224 Cavendish", "W 38th"
    rf"(?P<suffix>{_SUFFIXES})(?![\w'’-])(?P<dot>\.)?"
    rf"(?P<unit>,?\s+{_UNIT}|\s+#[0-9]{{1,5}}\b)?",
    re.I,
)
# suffixes that make a street in lower case on their own ("twelve mill lane"); the others
# ("hill", "park", "green" ...) only with a postcode or a county after them
_LOWER_SUFFIXES = frozenset({"street", "road", "avenue", "lane", "crescent", "terrace", "boulevard", "gardens",
                             "mews", "close", "drive", "way", "court", "place", "highway", "parkway"})
_NOT_STREET = frozenset(
    "the a an of on in to at by for from with and or my your our their his her its this that these those more "
    "i you he she we they it am pm very so too really all other different same new old few last next only "
    "easy simple quick quicker best better good great nice whole right wrong proper usual normal single "
    "minute minutes min mins hour hours day days week weeks month months year years mile miles yard yards metre "
    "metres meter meters km times people cars houses doors pounds quid dollars euros items things lanes roads "
    "streets way".split()
) | set(UNITS) | TEENS.keys() | TENS.keys()
_APARTMENT = re.compile(r"\b(?:apt|apartment|suite)\.?\s*#?\s*[0-9]{1,5}[A-Za-z]?\b", re.I)
_PO_BOX = re.compile(rf"\b(?:p\.? ?o\.?|post office)\s*box\s*(?:#|no\.?|number)?\s*(?:[0-9]{{1,6}}\b|{_SAID_NUMBER}\b)",
                     re.I)

# ---------------------------------------------------------------- what follows a street line

_TAIL = 60  # characters of town, county and state between a street line and its postcode
_TAIL_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*|[0-9]{1,2}")  # "Dublin 9"
# words that start another clause, not a town: "12 Mill Lane and my postcode is ..."
_NOT_TOWN = frozenset(
    "and or but is are was were it it's its that that's this my your our the a an i i'm we you please thanks "
    "thank so if to at for with from postcode post code zip eircode number phone call email since when "
    "in on moved until till back before after around about year years".split())
_COUNTY = re.compile(r",?\s*(?:[A-Za-z][A-Za-z'’-]*,?\s+){0,3}?(?:co\.?|county)\s+[A-Za-z][A-Za-z'’-]*", re.I)
# words before a street line that say it is an address: the lower-case "14 primrose hill" too
_ADDRESS_CUE = re.compile(r"\b(?:address|live at|living at|lives at|moved to|move to|send (?:it|them) to"
                          r"|deliver(?:ed)? to|post(?:ed)? to)\b\W*(?:\w+\W+){0,2}$", re.I)


# what says an address follows; with a postcode or ZIP code after it, all between is the address
# ("my new address is:\n\nFlat 16\nLinden Lodge\n211 Rosebery Terrace\nLeeds\nLS6 1JS",
# "I moved to Apartment 42, Seaview Heights, Douglas, Cork, T12 TYTD")
_BLOCK_CUE = re.compile(r"\b(?:address(?:[ \t]+(?:is|for [\w \t]{1,24}? is))?|live at|living at|lives at|moved to"
                        r"|move to|send (?:it|them) to|deliver(?:ed)? to|post(?:ed)? to)[ \t]*:?\s*", re.I)
_BLOCK = 120  # characters of address between its cue and its code at most
_NUMBERED = re.compile(rf"(?:{_UNIT_WORD}\.?\s*#?\s*)?[0-9]{{1,5}}[A-Za-z]?\b", re.I)
_TRAILING_CODE = re.compile(r"(?<![\w£$€.,-])(?:[0-9]{3} [0-9]{3}|[0-9]{4,6})"
                            r"(?=[ \t]*(?:[.!?](?:\s|$)|$|[ \t]to[ \t]))", re.M)  # "... Pune 411075 to Flat 2, ..."
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n[ \t]*\n")


def _blocks(text: str, codes: list[tuple[int, int]]) -> Iterator[Span]:
    """After an address cue, the text up to the first code within ``_BLOCK`` characters, when
    no sentence ends between them; without such a code, up to a number of four to six digits
    that ends the sentence or the line (a PIN, a postcode: "We live at Flat 307, Brigade
    Meadows, Link Road, Pune 411075."), which is then the ``[POSTCODE]``. A flat, unit or block
    with its number is such a cue itself, and in typed text a line of three parts or more after
    it is an address without a code ("Flat 509, Shanti Nivas, 14th Cross.", "Blk 256 Ang Mo Kio
    Avenue 3, #25-061")."""
    starts = [(m.end(), False) for m in _BLOCK_CUE.finditer(text)]
    starts += [(m.start(), True) for m in _UNIT_LED.finditer(text)
               if _LEADS_UNIT.search(text, 0, m.start()) and not any(a == m.start() for a, _ in starts)]
    for start, led in sorted(starts):
        i = bisect_left(codes, (start, 0))
        code = codes[i] if i < len(codes) and 0 < codes[i][0] - start <= _BLOCK else None
        trailing = None
        if code is None and _NUMBERED.match(text, start):  # "Flat 307, Brigade Meadows, ..., Pune 411075"
            trailing = _TRAILING_CODE.search(text, start, start + _BLOCK + 8)
            code = trailing.span() if trailing and "," in text[start:trailing.start()] else None
        if code is None and led and text != text.lower() and (ends := _PARTS_END.search(text, start)):
            parts = text[start:ends.start()].count(",") + 1 + bool(_SG_UNIT.search(text, start, ends.start()))
            code = (ends.start(), ends.start()) if ends.start() - start <= _BLOCK and parts >= 3 else None
        if code is None:
            continue
        stretch = text[start:code[0]]
        end = start + len(stretch.rstrip(" \t\n,-"))
        if end > start and not _SENTENCE_END.search(text, start, end) and _address_words(text[start:end]):
            yield start, end, "[ADDRESS]"
            if trailing:
                yield *code, "[POSTCODE]"


_UNIT_LED = re.compile(rf"\b(?:{_UNIT_WORD}|blk|block)\.?[ \t]*#?[ \t]*[0-9]{{1,5}}[A-Za-z]?\b(?=[ \t,])", re.I)
# what comes before a flat that starts an address (not one inside a street line: "7 Station Gardens Apt 37")
_LEADS_UNIT = re.compile(r"(?:^|[\n.:!?]|\b(?:it's|its|it is|is|at|from|to|still|was|now|line|address))[ \t]*$", re.I)
_PARTS_END = re.compile(r"[.!?;](?:\s|$)|[ \t]*(?:\n|$)|,[ \t]+(?:hasn't|has not|is|was|which|and|but|now|correct)\b")
_SG_UNIT = re.compile(r"#[0-9]{1,3}-[0-9]{1,5}\b")  # a Singapore flat: floor and unit


def _address_words(stretch: str) -> bool:
    """Whether ``stretch`` reads as the lines of an address: numbers, unit words and names
    (capitalised in typed text; in lower-case text no word that starts a clause, and a number,
    a unit or a street suffix among them), not a sentence ("on the bill is wrong")."""
    words = [w.strip(".'’-") for w in re.findall(r"[^\s,/]+", stretch)]
    words = [w for w in words if w]
    if not words or not any(w[0].isalpha() for w in words):
        return False
    if stretch != stretch.lower():
        return all(w[0].isupper() or w[0].isdigit() or w[0] == "#" or w.lower() in _UNITS or w in _CONNECTORS
                   for w in words)
    return (not any(w in _NOT_TOWN for w in words)
            and any(w[0].isdigit() or w in _UNITS or w in _SUFFIX_WORDS for w in words))


_UNITS = frozenset({"flat", "apt", "apartment", "unit", "suite", "ste", "floor", "no", "#"})
# the small words inside street and place names written in other languages' order ("Heol y Nant",
# "Páirc an Rí", "Bóthar na Trá", "Rue des Érables", "Calle del Sol")
_CONNECTORS = frozenset("y an na de des du la le del van von der da do dos das".split())


def _tail(text: str, end: int, codes: list[tuple[int, int]]) -> tuple[int, bool]:
    """Where the address that ends its line at ``end`` ends: after the town before a code within
    ``_TAIL`` characters (True: a code follows), after a county, or after a typed town."""
    i = bisect_left(codes, (end, 0))
    gap = text[end:codes[i][0]] if i < len(codes) else "\n\n"
    if len(gap) <= _TAIL and gap.count("\n") <= 3 and not re.search(r"\n\s*\n", gap):
        words = list(re.finditer(r"[^\s,]+", gap))
        if all(_TAIL_WORD.fullmatch(w.group()) and w.group().lower() not in _NOT_TOWN for w in words):
            return (end + words[-1].end() if words else end), True
    county = _COUNTY.match(text, end)
    if county and "\n\n" not in county.group() and not any(
            word.lower() in _NOT_TOWN for word in re.findall(r"[^\s,]+", county.group())):
        return county.end(), True
    return _towns(text, end), False


_PLACE_WORD = re.compile(r"[A-Z][a-z'’-]+|[A-Z]{2,4}")  # "Port Harcourt", "GRA", "ON"
# one place after a comma, ending the line or before another place or a code ("…, Portland, OR 01898")
_PLACE = re.compile(r",[ \t]*([^\W\d_][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*){0,2})"
                    r"(?=[ \t]*(?:[,.!?;\n]|$|[^\w\s])|[ \t]+[0-9])")


def _towns(text: str, end: int) -> int:
    """Where the places typed after a street line end: up to three of one to three words each, a
    comma before each ("…, GRA, Port Harcourt.", "…, Kilimani, Nairobi 🏠"), capitalised, or in
    a lower-case line words no list of general English holds ("…, victoria island, lagos")."""
    position = end
    for _ in range(3):
        segment = _PLACE.match(text, position)
        if segment is None:
            break
        words = segment.group(1).split()
        lower = segment.group(1).islower()
        if any(w.lower() in _NOT_TOWN and not w.isupper() for w in words) or not all(
                _PLACE_WORD.fullmatch(w) or (lower and w not in COMMON and w not in _SUFFIX_WORDS) for w in words):
            break
        position = segment.end()
    return position


def _street_kind(match: re.Match[str]) -> str | None:
    """"strong", "weak" (an address only with a code or a county after it, or an address cue
    before it: "i live at") or None. No general
    word in the street's name ("5 minutes down the road"); in lower case, or with a lower-case
    word, only an unambiguous suffix (lane, road, street ...: not "hill", "walk") is strong."""
    words = match.group("name").split()
    if any(word.lower().rstrip(".") in _NOT_STREET for word in words):
        return None
    suffix = match.group("suffix")
    if suffix.lower() in _RARE_SUFFIXES:
        return "weak"
    if suffix[0].isupper() and all(word[0].isupper() for word in words):
        return "strong"
    return "strong" if suffix.lower() in _LOWER_SUFFIXES else "weak"


def _street_end(match: re.Match[str]) -> int:
    if match.group("unit"):
        return match.end("unit")
    abbreviated = match.group("dot") and match.group("suffix").lower() in _ABBREVIATIONS
    end = match.end("dot") if abbreviated else match.end("suffix")
    numbered = _STREET_NUMBER.match(match.string, end)  # "Toa Payoh Street 7", "Ang Mo Kio Avenue 5"
    return numbered.end("n") if numbered else end


# a street's own number after its suffix, before the line goes on ("Bedok North Street 9, #14-871")
_STREET_NUMBER = re.compile(r"[ \t]+(?P<n>[0-9]{1,3})(?=[ \t]*(?:[,#\n.!?]|$))")


# ---------------------------------------------------------------- postcodes, Eircodes and ZIP codes

_POSTCODE = re.compile(
    r"\b(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-Z]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][A-Z])( ?|(?: (?:um|uh|er|erm|yeah|like|so|you know|i mean))+ )"
    r"[0-9][ABD-HJLNP-UW-Z]{2}\b",
    re.I,
)
_SIZES = frozenset({"gb", "tb"})  # "PS5 2TB": a console, not a postcode
_ORDINALS = frozenset({"st", "nd", "rd", "th"})  # "b2 3rd" in lowercase text; "B33 8TH" is a postcode
# an Eircode: routing key (a letter and two digits, or D6W) and four characters, letters and
# digits both (an all-letter one reads as a word: "X50 PACK")
_EIR = "[0-9AC-FHKNPRTV-Y]"
_EIRCODE = re.compile(rf"\b(?:[AC-FHKNPRTV-Y][0-9]{{2}}|D6W) ?(?={_EIR}{{0,3}}[AC-FHKNPRTV-Y])(?={_EIR}{{0,3}}[0-9])"
                      rf"{_EIR}{{4}}\b", re.I)
# after its cue an Eircode may be all letters ("my Eircode is A94 TCVF"); a Canadian postal code
# after its cue or a province ("Winnipeg, MB R8T 4S1")
_CANADA = r"[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]"
_CUED_CODE = re.compile(rf"\b(?:eircode|post ?code|postal code){GLUE}(?P<n>{_CANADA}|(?:[AC-FHKNPRTV-Y][0-9]{{2}}|D6W)"
                        rf" ?{_EIR}{{4}})\b", re.I)
_PROVINCE_CODE = re.compile(rf"\b(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT),?\s(?P<n>{_CANADA})\b")
_POSTCODE_SHAPE = re.compile(r"[a-z]{1,2}[0-9]{1,2}[a-z]?[0-9][a-z]{2}")
_CANADA_SHAPE = re.compile(r"[abceghj-nprstvxy][0-9][abceghj-nprstv-z][0-9][abceghj-nprstv-z][0-9]")
_EIRCODE_SHAPE = re.compile(r"(?:[ac-fhknprtv-y][0-9]{2}|d6w)(?=[0-9]{0,3}[a-z])(?=[a-z]{0,3}[0-9])"
                            r"[0-9ac-fhknprtv-y]{4}")
_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM"
           "|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY")
_ZIP_STATE = re.compile(rf"\b(?:{_STATES}),?\s(?P<n>[0-9]{{5}}(?:-[0-9]{{4}})?)(?![\w-])")
# a postcode of digits after its cue: a ZIP code (ZIP+4), and the four-digit codes of Australia, New
# Zealand, South Africa ..., the six of India
_ZIP_CUED = re.compile(rf"\b(?:zip(?: ?code)?|post ?code|postal code|pin ?code){GLUE}"
                       rf"(?P<n>[0-9]{{4,6}}(?:-?[0-9]{{4}})?)(?![\w-])", re.I)
_ZIP = re.compile(r"(?<![\w-])[0-9]{4,6}(?:-?[0-9]{4})?(?![\w-])")
# the answer to "and your postcode?": the code it ends with ("Kelechi Eze, November 29, 1965, 83747")
_LAST_CODE = re.compile(
    rf"(?:^|[\s,;:/(-])(?P<n>[0-9]{{4,6}}(?:-[0-9]{{4}})?|{_CANADA}|[a-z]{{1,2}}[0-9][0-9a-z]? ?[0-9][a-z]{{2}})"
    r"[\s.!)]*$", re.I)
_NEAR = 40  # characters of anything but digits between an address and a ZIP code after it
_LONGEST = 10  # words a spelled postcode or Eircode takes at most ("s w double one a a")

# spelled out: letters one by one and digits as words ("y o sixteen seven x x", "v nine five three a d two"),
# letters also by the spelling alphabet ("b one five two foxtrot t") or by a word ("n for nancy")
_SPELLED_WORD = re.compile(r"x-ray|[a-z]+(?:['’][a-z]+)?|[0-9]+", re.I)
_READINGS: dict[str, tuple[str, ...]] = {
    **{w: (str(v),) for w, v in {**UNITS, **TEENS, **TENS}.items()}, "oh": ("0", "o"), "o": ("o", "0"),
    "nought": ("0",), "double": ("*2",), "triple": ("*3",),
    **{word: (letter,) for word, letter in SPELLING_ALPHABET.items()}}


def addresses(doc: Doc) -> Iterator[Span]:
    """Addresses (the street line or PO box to the town), then postcodes and ZIP codes."""
    text, lines = doc.view.text, []
    if (doc.has_digit or doc.said_numbers) and not _SUFFIX_WORDS.isdisjoint(doc.vocabulary):
        for m in _STREET.finditer(text):
            kind = _street_kind(m)
            if kind and (span := doc.original(m.start(), _street_end(m))):  # the answer to "your address?": strong
                lines.append((*span, kind == "strong" or doc.asked == "address"))
    if "box" in doc.vocabulary:
        lines += [(*span, True) for m in _PO_BOX.finditer(text) if (span := doc.original(m.start(), m.end()))]
    codes = _codes(doc)
    if doc.numeric and lines:
        codes = sorted(codes + list(_zips_after(doc, [end for _, end, strong in lines if strong])))
    yield from _blocks(doc.text, codes)
    for start, end, strong in lines:
        end, coded = _tail(doc.text, end, codes)
        if strong or coded or _ADDRESS_CUE.search(doc.text, max(0, start - 40), start):
            yield start, end, "[ADDRESS]"
    if doc.numeric:
        yield from doc.spans(((m.start(), m.end()) for m in _APARTMENT.finditer(text)), "[ADDRESS]")
    yield from ((start, end, "[POSTCODE]") for start, end in codes)


def answered_street(doc: Doc) -> list[Span]:
    """In the answer to "your address?" / "house number and street?", a house number and the
    words after it, when no street, code or block was found: street names without a suffix
    ("52 the paddocks", "4667 boulevard saint-laurent", "eighteen pairc an ri"). Run after
    every other detector."""
    if doc.asked != "address" or not (doc.numeric or doc.said_numbers):
        return []
    text = doc.view.text
    for match in _ANSWER_STREET.finditer(text, len(doc.lead)):
        words = re.findall(r"[^\s,.]+", match.group("words"))
        if not words or words[0].lower() in _NOT_STREET:
            continue
        kept = list(takewhile(lambda w: w.lower() not in _NOT_TOWN or w.lower() in _CONNECTORS, words))
        if kept:
            end = match.start("words") + match.group("words").find(kept[-1]) + len(kept[-1])
            return doc.spans([(match.start(), end)], "[ADDRESS]")
    return []


# a house number (a flat before it) and up to five words: the street as an answer gives it
_ANSWER_STREET = re.compile(rf"(?<![\w£$€.,:/-])(?:{_UNIT_WORD}\.?\s*#?\s*[0-9]{{1,5}}[A-Za-z]?,?\s+)?"
                            rf"(?:[0-9]{{1,5}}[A-Za-z]?|\b{_SAID_NUMBER})\s+(?:the\s+)?(?P<words>[^\W\d_][\w'’-]*"
                            rf"(?:[ \t-]+[^\W\d_][\w'’-]*){{0,4}})", re.I)


def _codes(doc: Doc) -> list[tuple[int, int]]:
    """Postcodes, Eircodes and ZIP codes after a state or a cue, as original spans."""
    found: list[tuple[int, int]] = []
    if doc.has_digit:
        found += [m.span() for m in _POSTCODE.finditer(doc.text) if _postcode_ok(m)]
        found += [m.span() for m in _EIRCODE.finditer(doc.text) if cue(doc.text, m.start()) != "ref"]
        found += [m.span("n") for pattern in (_CUED_CODE, _PROVINCE_CODE) for m in pattern.finditer(doc.text)]
    spelling = doc.said_numbers and sum(len(word) == 1 for word in doc.words) >= 2
    if spelling and doc.asked not in ID_QUESTIONS:  # not a passport spelled out when one was asked for
        found += [(start, end) for start, end in _spelled(doc.text) if cue(doc.lower, start + len(doc.lead)) != "ref"]
    if not doc.numeric:
        return sorted(found)
    text = doc.view.text
    zips = [m.span("n") for pattern in (_ZIP_STATE, _ZIP_CUED) for m in pattern.finditer(text)]
    if doc.asked == "postcode" and not found and not zips and (last := _LAST_CODE.search(text, len(doc.lead))):
        if cue(text, last.start("n")) is None:  # not "BN5 7WT, card ending 9240"
            zips.append(last.span("n"))
    found += [span for start, end in zips if (span := doc.original(start, end))]
    return sorted(found)


def _postcode_ok(match: re.Match[str]) -> bool:
    text = match.group(0)
    inward = text[-2:].lower()
    if inward in _SIZES:
        return False
    if text.isupper():
        return True
    return bool(match.group(1)) and inward not in _ORDINALS


def _spelled(text: str) -> list[tuple[int, int]]:
    """Postcodes and Eircodes spelled out: the longest stretch of each run of letters and
    numbers said that reads as one ("o" and "oh" the letter or zero, "double" repeating)."""
    found: list[tuple[int, int]] = []
    run: list[tuple[int, int, tuple[str, ...]]] = []
    previous = ""
    tokens = list(_SPELLED_WORD.finditer(text))
    skip = 0
    for k, m in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        word = m.group().lower()
        if (len(word) == 1 and word.isalpha() and k + 2 < len(tokens) and tokens[k + 1].group().lower() == "for"
                and tokens[k + 2].group().lower().startswith(word)):  # "n for nancy": the letter n
            m, skip = tokens[k + 2], 2
            start = tokens[k].start()
        else:
            start = m.start()
        readings = _READINGS.get(word) or ((word,) if len(word) == 1 or (word.isdigit() and len(word) < 3) else None)
        joined = bool(run) and text[run[-1][1]:start] == " "
        if run and not (readings and joined):
            found += _best(run)
            run = []
        if readings and joined and previous in TENS and word in UNITS and word != "zero":
            run[-1] = (run[-1][0], m.end(), (str(TENS[previous] + UNITS[word]),))  # "seventy two"
        elif readings:
            run.append((start, m.end(), readings if not skip else (word,)))
        previous = word
    return found + _best(run)


def _best(run: list[tuple[int, int, tuple[str, ...]]]) -> list[tuple[int, int]]:
    """The longest stretch of ``run`` that reads as a postcode or an Eircode, if any."""
    if len(run) < 4:
        return []
    best: tuple[int, int] | None = None
    for i in range(len(run) - 3):
        for j in range(min(len(run), i + _LONGEST), i + 3, -1):
            if best and j - i <= best[1] - best[0]:
                break
            if any(shape.fullmatch(s) for s in _spell(run[i:j])
                   for shape in (_POSTCODE_SHAPE, _EIRCODE_SHAPE, _CANADA_SHAPE)):
                best = (i, j)
                break
    return [(run[best[0]][0], run[best[1] - 1][1])] if best else []


def _spell(run: list[tuple[int, int, tuple[str, ...]]]) -> Iterator[str]:
    """The strings a stretch can spell (at most 16), "double" repeating the next character."""
    choices = [readings for _, _, readings in run]
    if sum(len(c) > 1 for c in choices) > 4:
        return
    for pick in product(*choices):
        out, repeat = [], 1
        for piece in pick:
            if piece.startswith("*"):
                repeat = int(piece[1])
                continue
            out.append(piece[0] * repeat + piece[1:])
            repeat = 1
        if repeat == 1:
            yield "".join(out)


def _zips_after(doc: Doc, line_ends: list[int]) -> Iterator[tuple[int, int]]:
    """Postcodes of digits (a ZIP or ZIP+4; four digits in Australia, six in India) just after
    an address line: within ``_NEAR`` characters of town, state or county words, no digit
    between ("169 Brunswick Street, Paddington QLD 4064"; not "12 Mill Lane, moved in 2019")."""
    line_ends = sorted(line_ends)
    for start, end, _ in doc.spans(((m.start(), m.end()) for m in _ZIP.finditer(doc.view.text)), ""):
        i = bisect_right(line_ends, start)
        gap = doc.text[line_ends[i - 1]:start] if i else ""
        if i and len(gap) <= _NEAR and all(_TAIL_WORD.fullmatch(w) and w.lower() not in _NOT_TOWN
                                           for w in re.findall(r"[^\s,/]+", gap)):
            yield start, end
