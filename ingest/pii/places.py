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
from bisect import bisect_left
from collections.abc import Iterator

from ingest.pii.continental import CONNECTORS as _CONNECTORS
from ingest.pii.continental import SAID_NUMBER as _SAID_NUMBER
from ingest.pii.continental import continental, said_continental, street_lines
from ingest.pii.core import Doc, Span, cue
from ingest.pii.layout import laid_out
from ingest.pii.postcodes import BOX_BEFORE, NOT_TOWN, REGION, TAIL_WORD, zips_after
from ingest.pii.postcodes import codes as postcodes
from ingest.pii.spoken import NUMBER_WORDS, TEENS, TENS, UNITS
from ingest.pii.told import told_addresses
from ingest.pii.words import COMMON

_SUFFIXES = ("Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Cl|Way|Court|Ct|Crescent|Cres|Place|Pl|Terrace"
             "|Ter|Tce|Gardens|Gdns|Grove|Gr|Boulevard|Blvd|Square|Sq|Row|Mews|Parade|Pde|Walk|Hill|Park|Rise|Green"
             "|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Circuit|Cct|Trail|Trl|Plaza|Vale|View|Gate|Chase|Quay|Wharf"
             "|Heights|Loop|Alley|Yard|Wynd|Mount|Croft|Ridge|Glen|Dale|Path|Approach|Esplanade|Promenade|Embankment"
             "|Meadows")
SUFFIX_WORDS = frozenset(_SUFFIXES.lower().split("|"))
# suffixes that are as often part of a product or a brand ("Sky Q View", "Chase"): an address
# only with a postcode, a county or a town after them
_RARE_SUFFIXES = frozenset("vale view gate chase quay wharf heights loop alley yard wynd mount croft ridge glen dale "
                           "path approach esplanade promenade embankment meadows".split())
_ABBREVIATIONS = frozenset("st rd ave ln dr cl ct cres pl ter tce gdns gr blvd sq pde hwy pkwy cir cct trl".split())
_UNIT_WORD = r"(?:apt|apartment|unit|flat|suite|ste|blk|block|house)"
_UNIT = (rf"{_UNIT_WORD}\.?\s*(?:#|no\.?|number)?\s*"
         rf"(?:[0-9]{{1,5}}(?:[A-Za-z]|[ ][A-Za-z](?![ \t]+(?:[A-Za-z]|[0-9]+)\b))?\b|[A-Za-z]\b|{_SAID_NUMBER}\b)")
# ("apartment seven d": 7 d, not the b of "apartment five b n one one b q", a postcode spelled)
# [flat 3,] house number, one to three words, suffix[.] [, apt 4 | #4]; "flat " alone before a
# house number when the view has read the flat's number and the house number as one
_STREET = re.compile(
    rf"(?:\b{_UNIT},?\s+|\b{_UNIT_WORD}\.?\s*#?\s*)?"
    rf"(?:(?<![\w£$€.,:/-])[0-9]{{1,5}}[A-Za-z]?(?:[-/][0-9]{{1,5}}[A-Za-z]?)?|\b{_SAID_NUMBER}),?\s+"
    rf"(?P<name>(?:(?:[^\W\d_](?:[^\W\d_]|['’-])*|[0-9]{{1,3}}(?:st|nd|rd|th))\.?\s+){{1,3}})"  # "206 Pūriri", "W 38th"
    rf"(?P<suffix>{_SUFFIXES})(?![\w'’-])(?P<dot>\.)?"
    rf"(?P<unit>,?\s+{_UNIT}|\s+(?:#|number\s+)[0-9]{{1,5}}[A-Za-z]?\b)?",
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
# "apt 12b", "Apartment #4", "apt5"; not a code with the letters glued to five digits ("invoice APT65567")
_APARTMENT = re.compile(r"\b(?:apt|apartment|suite)(?:\.?\s*#?\s*[0-9]{1,5}|[0-9]{1,4})[A-Za-z]?\b", re.I)
_PO_BOX = re.compile(rf"\b(?:p\.? ?o\.?|post office)\s*box\s*(?:#|no\.?|number)?\s*"  # "P.O. Box 41457-80100"
                     rf"(?:[0-9]{{1,6}}(?P<code>-?[0-9]{{5}})?\b|{_SAID_NUMBER}\b)", re.I)

# ---------------------------------------------------------------- what follows a street line

_TAIL = 60  # characters of town, county and state between a street line and its postcode
_COUNTY = re.compile(r",?\s*(?:[A-Za-z][A-Za-z'’-]*,?\s+){0,3}?(?:co\.?|county)\s+[A-Za-z][A-Za-z'’-]*", re.I)
# words before a street line that say it is an address: the lower-case "14 primrose hill" too
_ADDRESS_CUE = re.compile(r"\b(?:address|live at|living at|lives at|moved to|move to|send (?:it|them)(?: back)? to"
                          r"|deliver(?:ed)? to|post(?:ed)? to|collect(?:ed)? from"
                          # a dwelling's place ("the house on 11/174 bay rd"), a neighbour's ("my neighbour X at …")
                          r"|(?:house|home|property|flat|bungalow|cottage|place)\s+(?:on|at|in)"
                          r"|neighbou?rs?\b[^.?!\n]{0,40}\bat)\b\W*(?:\w+\W+){0,2}$", re.I)


# what says an address follows; with a postcode or ZIP code after it, all between is the address
# ("my new address is:\n\nFlat 16\nLinden Lodge\n211 Rosebery Terrace\nLeeds\nLS6 1JS",
# "I moved to Apartment 42, Seaview Heights, Douglas, Cork, T12 TYTD")
_BLOCK_CUE = re.compile(r"\b(?:address(?:[ \t]+(?:is|for [\w \t]{1,24}? is))?|live at|living at|lives at|moved to"
                        r"|move to|send (?:it|them)(?: back)? to|deliver(?:ed)? to|post(?:ed)? to)[ \t]*:?\s*", re.I)
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


# After an address cue, a clause in the order any country writes it: a house number, then a code in
# any country's shape among its comma-separated parts ("Prinsengracht 333-2, 3590 BH Utrecht",
# "Götgatan 48, lgh 1004, 757 40 Uppsala", "Av. Chapultepec 157, Int. 4, Col. García Ginerés, 97757
# Mérida, Yuc."): the street and town words need no list when the cue and the shape say address.
_SENDING_CUE = re.compile(r"\b(?:send|deliver|post|ship|forward|mail)\b(?:[ \t]+[\w'’]+){0,3}?[ \t]+to[ \t]+"
                          r"|\b(?:address|new one|first line)(?:[ \t]+(?:is|will be|should be|is now))[ \t]*:?[ \t]*"
                          r"|\b(?:moved|moving|move) to[ \t]+", re.I)
_HOUSE = re.compile(r"(?<![\w£$€.:/-])[0-9]{1,5}[A-Za-z]?(?:[-/][0-9]{1,5}[A-Za-z]?)*(?![\w£$€%])")
_ANY_CODE = re.compile(r"(?<![\w£$€.:/-])(?:[0-9]{5}-[0-9]{3}|[0-9]{4}-[0-9]{3}|[0-9]{3} [0-9]{2}(?![0-9])"
                       r"|[0-9]{4} ?[A-Z]{2}\b|[0-9]{4,7})(?![\w-])")
_CLAUSE_ENDS = re.compile(r"[.!?;](?=\s|$)(?![ \t]+[a-z0-9])|[ \t]*\n|$"
                          r"|[ \t]+(?:please|thanks|thank you|on the account|for me|instead)\b"
                          r"|,[ \t]+(?:hasn't|has not|is|was|which|and|but|now|correct|thanks|please|if|so)\b", re.I)
_ABBREVIATED = re.compile(r"(?:^|[\s,(.])[^\W\d_]{1,4}$")  # "Av.", "Int.", "Col.", "Yuc.": a dot that ends no clause
_PLACE_SMALL = frozenset({"am", "an", "bei", "sur", "sous", "en", "le", "la", "de", "del", "da", "do", "di"})


def _clause_end(text: str, start: int) -> int | None:
    for m in _CLAUSE_ENDS.finditer(text, start):
        if m.start() - start > _BLOCK:
            return None
        if not (m.group().startswith(".") and _ABBREVIATED.search(text, max(0, m.start() - 6), m.start())):
            return m.start()
    return None


def cued_clauses(text: str) -> Iterator[Span]:
    """``_SENDING_CUE``'s clauses that are addresses by their shape, in typed text: a house number and
    a code (another number) in parts split by commas, and words that are names (capitalised), numbers, or a few short
    ones that are no general English ("lgh", "apto", "bis", "am Main")."""
    if text == text.lower():
        return
    for sending in _SENDING_CUE.finditer(text):
        end = _clause_end(text, sending.end())
        stretch = text[sending.end():end].rstrip(" \t,-") if end is not None else ""
        if ("," not in stretch or not _HOUSE.search(stretch) or len(re.findall(r"[0-9]+", stretch)) < 2
                or not _ANY_CODE.search(stretch, stretch.find(","))):
            continue
        words = [w for w in (w.strip(".'’()-") for w in re.findall(r"[^\s,/]+", stretch)) if w]
        small = [w for w in words if not (w[0].isupper() or w[0].isdigit() or w[0] == "#")]
        if words and (words[0][0].isupper() or words[0][0].isdigit()) and len(small) * 3 <= len(words) and all(
                w.lower() in _PLACE_SMALL or w.lower() in _UNITS or w.lower() in SUFFIX_WORDS
                or (w.lower() not in COMMON and w.lower() not in NOT_TOWN and len(w) <= 5) for w in small):
            yield sending.end(), sending.end() + len(stretch), "[ADDRESS]"


_UNIT_LED = re.compile(rf"\b(?:{_UNIT_WORD}|blk|block)\.?[ \t]*#?[ \t]*[0-9]{{1,5}}[A-Za-z]?\b(?=[ \t,])", re.I)
# what comes before a flat that starts an address (not one inside a street line: "7 Station Gardens Apt 37")
_LEADS_UNIT = re.compile(r"(?:^|[\n.:!?]|\b(?:it's|its|it is|is|at|from|to|still|was|now|line|address))[ \t]*$", re.I)
# (not the dot of "P.O." in "P.O. Box …")
_PARTS_END = re.compile(r"(?<!\.[A-Za-z])[.!?;](?:\s|$)|[ \t]*(?:\n|$)"
                        r"|,[ \t]+(?:hasn't|has not|is|was|which|and|but|now|correct)\b")
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
    return (not any(w in NOT_TOWN for w in words)
            and any(w[0].isdigit() or w in _UNITS or w in SUFFIX_WORDS for w in words))


_UNITS = frozenset({"flat", "apt", "apartment", "unit", "suite", "ste", "floor", "no", "#"})


def _tail(text: str, end: int, codes: list[tuple[int, int]]) -> tuple[int, bool]:
    """Where the address that ends its line at ``end`` ends: after the town before a code within
    ``_TAIL`` characters (True: a code follows), after a county, or after a typed town."""
    i = bisect_left(codes, (end, 0))
    gap = text[end:codes[i][0]] if i < len(codes) else "\n\n"
    # (not a PO box's number: "… drive kilimani p o box six eight two four …")
    if len(gap) <= _TAIL and gap.count("\n") <= 3 and not re.search(r"\n\s*\n", gap) and not BOX_BEFORE.search(gap):
        words = [w for w in re.finditer(r"[^\s,]+", gap) if w.group() != ">"]  # not a quoted e-mail's marks
        if all(TAIL_WORD.fullmatch(w.group()) and (w.group().lower() not in NOT_TOWN
                                                   or w is words[-1] and REGION.fullmatch(w.group())) for w in words):
            return (end + words[-1].end() if words else end), True
    county = _COUNTY.match(text, end)
    if county and "\n\n" not in county.group() and not any(
            word.lower() in NOT_TOWN for word in re.findall(r"[^\s,]+", county.group())):
        return county.end(), True
    towns = _towns(text, end, codes)
    return (_said_towns(text, end) if towns == end and text.islower() else towns), False


_SAID_WORD = re.compile(r"[ \t]+([a-z][a-z'’-]+)")
# what begins the next clause after the places ("… kilimani nairobi please", "… ottawa also use …"; not "kitchen tap")
_NEXT_CLAUSE = NOT_TOWN | frozenset("please thanks yeah ok okay um uh er right cheers whats what's can also".split())
_CLAUSE_END = re.compile(r"[ \t]*(?:$|[.!?,;])")


def _said_towns(text: str, end: int) -> int:
    """Where the places said after a street line in a lower-case turn end, with no comma between:
    one to three words no list of general English holds, then the turn or its clause ends, or the
    next begins ("house two oh three ngong drive kilimani nairobi please", "… robson street ottawa also use …")."""
    at, places = end, 0
    while (word := _SAID_WORD.match(text, at)) and not _general(word.group(1)):
        if places == 3:
            return end  # a fourth word no list holds: a sentence, not places
        at, places = word.end(), places + 1
    after = _SAID_WORD.match(text, at)
    return at if places and (_CLAUSE_END.match(text, at) or after and after.group(1) in _NEXT_CLAUSE) else end


def _general(word: str) -> bool:
    return word in COMMON or word in NOT_TOWN or word in SUFFIX_WORDS or word in NUMBER_WORDS


_PLACE_WORD = re.compile(r"[A-Z][a-z'’-]+|[A-Z]{2,4}")  # "Port Harcourt", "GRA", "ON"
# one place after a comma, ending the line or before another place or a code ("…, Portland, OR 01898")
_PLACE = re.compile(r",[ \t]*([^\W\d_][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*){0,2})"
                    r"(?=[ \t]*(?:[,.!?;\n]|$|[^\w\s])|[ \t]+[0-9])")


def _towns(text: str, end: int, codes: list[tuple[int, int]]) -> int:
    """Where the places typed after a street line end: up to three of one to three words each, a
    comma before each ("…, GRA, Port Harcourt.", "…, Kilimani, Nairobi 🏠"), capitalised, or in
    a lower-case line words no list of general English holds ("…, victoria island, lagos")."""
    position = end
    if unit := _UNIT_AFTER.match(text, position):  # a Singapore flat after its block: ", #21-577"
        position = unit.end()
    for _ in range(3):
        segment = _PLACE.match(text, position) or _TYPED_PLACE.match(text, position)
        if segment is None:
            break
        words = segment.group(1).split()
        lower = segment.group(1).islower()
        if any(w.lower() in NOT_TOWN and not w.isupper() for w in words) or not all(
                _PLACE_WORD.fullmatch(w) or (lower and w not in COMMON and w not in SUFFIX_WORDS) for w in words):
            break
        position = segment.end()
        if (code := _CODE_AFTER.match(text, position)) and code.end() not in {e for _, e in codes}:
            return code.end()  # "…, Singapore 371519": the place's code, no postcode rule knows it, ends it
    return position if position > end + (unit.end() - end if unit else 0) else end


# a capitalised place then a word in lower case, in typed text: "1320 Queen St W, Halifax teh one from 13 Oct"
_TYPED_PLACE = re.compile(r",[ \t]*([A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*){0,2})(?=[ \t]+[a-z])")
_UNIT_AFTER = re.compile(r",?[ \t]*#[0-9]{1,3}-[0-9]{1,5}\b")
_CODE_AFTER = re.compile(r"[ \t]+[0-9]{4,6}\b(?![.,/-]?[0-9])")


# a block, lot, tower or floor before the street line, each with its number or letter ("Blk 28 Lot 17, …",
# "unit one zero c tower three …", "flat fifteen b …"); the last may lend its number to the line
# ("block seventeen lot eight shaw boulevard": the view read "eight" as the house number)
_DESIGNATOR = r"(?:flat|apt|appt|apartment|unit|suite|ste|blk|block|lot|plot|tower|bldg|building|floor|level|phase)"
_DESIGNATED = rf"(?:[0-9]{{1,5}}[A-Za-z]?|[A-Za-z][0-9]{{0,3}}|{_SAID_NUMBER}(?:[ \t]+[a-z])?)"
_LEAD = re.compile(rf"(?:\b{_DESIGNATOR}\b\.?[ \t]*(?:#|no\.?)?[ \t]*{_DESIGNATED}\b[ \t]*,?[ \t]*)*"
                   rf"(?:\b{_DESIGNATOR}\b\.?[ \t]*(?:#|no\.?)?[ \t]*(?:{_DESIGNATED}\b)?[ \t]*,?[ \t]*)$", re.I)
_LEAD_REACH = 80


def _led(text: str, start: int) -> int:
    """Where an address found at ``start`` begins with the designators before it."""
    lead = _LEAD.search(text, max(0, start - _LEAD_REACH), start)
    return lead.start() if lead and lead.start() < start else start


_ORDINAL_WORDS = frozenset("first second third fourth fifth sixth seventh eighth ninth".split())


def _names_a_street(words: list[str], k: int, suffix: str) -> bool:
    """Whether the general word ``words[k]`` names a street all the same: "Old" or "New" written with a
    capital before another capitalised name word ("1366 Old Mill Road"; not "5 old court cases", nor "the
    1405 New St", a train), a number's tens before an ordinal ("four twelve west seventy first street")."""
    word, after = words[k], words[k + 1] if k + 1 < len(words) else suffix
    if word in ("Old", "New"):
        return k + 1 < len(words) and after[:1].isupper()
    return word.lower() in TENS and after.lower() in _ORDINAL_WORDS


def _street_kind(match: re.Match[str]) -> str | None:
    """"strong", "weak" (an address only with a code or a county after it, or an address cue
    before it: "i live at") or None. No general
    word in the street's name ("5 minutes down the road"); in lower case, or with a lower-case
    word, only an unambiguous suffix (lane, road, street ...: not "hill", "walk") is strong."""
    words = match.group("name").split()
    suffix = match.group("suffix")
    if any(word.lower().rstrip(".") in _NOT_STREET and not _names_a_street(words, k, suffix)
           for k, word in enumerate(words)):
        return None
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
    bound = _BOUND.match(match.string, end)  # "2433 Queen St W, Toronto"
    return numbered.end("n") if numbered else bound.end("d") if bound else end


# a street's own number after its suffix, before the line goes on ("Bedok North Street 9, #14-871")
_STREET_NUMBER = re.compile(r"[ \t]+(?P<n>[0-9]{1,3})(?=[ \t]*(?:[,#\n.!?]|$))")
_BOUND = re.compile(r"[ \t]+(?P<d>[NSEW]|[NS][EW]|North|South|East|West)\.?(?=[ \t]*(?:,|\n|$))", re.I)


def addresses(doc: Doc) -> Iterator[Span]:
    """Addresses laid out in lines (``ingest/pii/layout.py``: any country's format), then the street
    line or PO box to the town, then postcodes and ZIP codes; a clause after an address cue that
    they leave part of (``cued_clauses``) replaces them. A block of lines takes in the
    addresses and codes inside it ("P.O. Box 40719-40100, Kisumu" in a Kenyan address's lines),
    but gives way to one that runs past it: a street line that knows where the address ends in
    the sentence it runs into ("Sheffield S8 7SP I am writing regarding …")."""
    codes = postcodes(doc)
    found = list(_addresses(doc, codes))
    told = [*cued_clauses(doc.text), *told_addresses(doc.text)] if doc.has_digit else []
    if doc.said_numbers and doc.text == doc.text.lower():  # said: read through the digit view
        told += doc.spans(((start, end) for start, end, _ in told_addresses(doc.view.text, said=True)), "[ADDRESS]")
    for clause in told:  # where the others left some of it
        if any(c.isalnum() and not any(f[0] <= i < f[1] for f in found) for i, c in enumerate(
                doc.text[clause[0]:clause[1]], clause[0])):
            inside = [f for f in found if f[0] < clause[1] and clause[0] < f[1]]
            joined = (min([clause[0], *(f[0] for f in inside)]), max([clause[1], *(f[1] for f in inside)]), clause[2])
            found = [joined, *(f for f in found if f not in inside)]
    codes = sorted(set(codes) | {(start, end) for start, end, token in found if token == "[POSTCODE]"})
    for block in laid_out(doc, codes):
        if not any(s[0] < block[1] and block[0] < s[1] and (s[0] < block[0] or s[1] > block[1]) for s in found):
            yield block
    yield from found


def _addresses(doc: Doc, codes: list[tuple[int, int]]) -> Iterator[Span]:
    """The street lines, PO boxes, blocks up to a code, and the codes."""
    text, lines = doc.view.text, []
    if (doc.has_digit or doc.said_numbers) and not SUFFIX_WORDS.isdisjoint(doc.vocabulary):
        for m in _STREET.finditer(text):
            kind = _street_kind(m)
            while kind is None and (shorter := _STREET.match(text, m.start(), m.start("suffix") - 1)):
                m, kind = shorter, _street_kind(shorter)  # "113 Banksia Place in St Kilda": not "… Place in St"
            if kind and (span := doc.original(m.start(), _street_end(m))):  # the answer to "your address?": strong
                lines.append((*span, kind == "strong" or doc.asked == "address"))
    coded: set[int] = set()  # the ends of boxes given with their postal code: no code after them is theirs
    if "box" in doc.vocabulary:
        for m in _PO_BOX.finditer(text):
            if span := doc.original(m.start(), m.end()):
                lines.append((*span, True))
                coded |= {span[1]} if m.group("code") else set()
    if doc.numeric and lines:  # (not "P.O. Box 1692-80100" then a card's "3715 9557 …" on the next line)
        after = [(end, strong) for _, end, strong in lines if end not in coded]
        codes = sorted(set(codes) | set(zips_after(doc, after)))
    yield from ((_led(doc.text, start), end, token) for start, end, token in _blocks(doc.text, codes))
    for start, end, strong in lines:
        end, coded = _tail(doc.text, end, codes)
        if strong or coded or _ADDRESS_CUE.search(doc.text, max(0, start - 40), start):
            yield _led(doc.text, start), end, "[ADDRESS]"
    if doc.numeric:
        yield from doc.spans(((m.start(), m.end()) for m in _APARTMENT.finditer(text)
                              if cue(text, m.start()) != "ref"), "[ADDRESS]")  # not "reference apt 3374"
    yield from ((_led(doc.text, start), end, token) for start, end, token in continental(doc))
    yield from said_continental(doc)
    for start, end, token in street_lines(doc):  # a street line runs on into a code it overlaps
        yield start, max([end, *(e for s, e in codes if s < end and start < e)]), token
    yield from ((start, end, "[POSTCODE]") for start, end in codes)


NOT_STREET, SAID_NUMBER, UNIT_WORD = _NOT_STREET, _SAID_NUMBER, _UNIT_WORD  # for street_answers.py
