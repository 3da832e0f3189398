"""Postcodes, Eircodes, ZIP and PIN codes, typed or spelled out, and the town words that may come between a
street line and its code; the street lines themselves are ``ingest/pii/places.py``'s."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import product

from ingest.pii.core import ID_QUESTIONS, Doc, cue
from ingest.pii.finance import GLUE
from ingest.pii.spoken import SPELLING_ALPHABET, TEENS, TENS, UNITS
from ingest.pii.words import COMMON

TAIL_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*|[0-9]{1,2}")  # "Dublin 9"
# words that start another clause, not a town: "12 Mill Lane and my postcode is ..."
NOT_TOWN = frozenset(
    "and or but is are was were it it's its that that's this my your our the a an i i'm we you please thanks "
    "thank so if to at for with from postcode post code zip eircode number phone call email since when "
    "in on moved until till back before after around about year years".split())

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
# after an address line too: "108 Sea View Park, Salthill, Galway, H91 YVVC"
_EIRCODE_LETTERS = re.compile(r"(?<![\w-])(?:[AC-FHKNPRTV-Y][0-9]{2}|D6W) [AC-FHKNPRTV-Y]{4}(?![\w-])")
# after its cue an Eircode may be all letters ("my Eircode is A94 TCVF"); a Canadian postal code
# after its cue or a province ("Winnipeg, MB R8T 4S1")
_CANADA = r"[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]"
_CUED_CODE = re.compile(rf"\b(?:eircode|post ?code|postal code){GLUE}(?P<n>{_CANADA}|(?:[AC-FHKNPRTV-Y][0-9]{{2}}|D6W)"
                        rf" ?{_EIR}{{4}})\b", re.I)
_PROVINCES = ("AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT|Alberta|British Columbia|Manitoba|New Brunswick"
              "|Newfoundland(?: and Labrador)?|Nova Scotia|Northwest Territories|Nunavut|Ontario|Prince Edward Island"
              "|Qu[eé]bec|Saskatchewan|Yukon")
_PROVINCE_CODE = re.compile(rf"\b(?:{_PROVINCES}),?\s(?P<n>{_CANADA})\b", re.I)  # typed in lower case too
_POSTCODE_SHAPE = re.compile(r"[a-z]{1,2}[0-9]{1,2}[a-z]?[0-9][a-z]{2}")
_CANADA_SHAPE = re.compile(r"[abceghj-nprstvxy][0-9][abceghj-nprstv-z][0-9][abceghj-nprstv-z][0-9]")
_EIRCODE_SHAPE = re.compile(r"(?:[ac-fhknprtv-y][0-9]{2}|d6w)(?=[0-9]{0,3}[a-z])(?=[a-z]{0,3}[0-9])"
                            r"[0-9ac-fhknprtv-y]{4}")
_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM"
           "|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY")
# a state's or a province's postal abbreviation or name, just before its code ("Toronto, ON M4M 9X3")
REGION = re.compile(rf"(?:{_PROVINCES}|{_STATES}|NSW|ACT|VIC|QLD|TAS)", re.I)
# Australia's states and territories before a four-digit postcode ("Carlton VIC 3053"), and Singapore's
# six-digit codes after its name; each state's codes begin with its own digits (WA 6xxx: not "WA 2024")
_STATE_RANGES = {"NSW": "[12]", "ACT": "[02]", "VIC": "[38]", "QLD": "[49]", "SA": "5", "WA": "6", "TAS": "7",
                 "NT": "0"}
_STATE_CODE = re.compile(r"\b(?:" + "|".join(rf"{state},?[ \t](?P<{state.lower()}>{first}[0-9]{{3}})"
                                             for state, first in _STATE_RANGES.items()) + r")(?![\w-])")
_SINGAPORE_CODE = re.compile(r"\bSingapore,?[ \t](?P<n>[0-9]{6})(?![\w-])")
_ZIP_STATE = re.compile(rf"\b(?:{_STATES}),?\s(?P<n>[0-9]{{5}}(?:-[0-9]{{4}})?)(?![\w-])")
# a postcode of digits after its cue: a ZIP code (ZIP+4), and the four-digit codes of Australia, New
# Zealand, South Africa ..., the six of India
# (by its names in other countries too: "CEP", "código postal", "PLZ"; not "CAP", a limit as often), in the
# shapes of digits the world writes them: "22686-627", "757 40", "31-662", "4700-850"
_ZIP_CUED = re.compile(rf"\b(?:zip(?: ?code)?|post ?code|postal code|pin ?code|c[oó]digo postal|code postal|cep|plz"
                       rf"|postleitzahl|postnummer)(?:[ \t]+(?:there|here))?{GLUE}"
                       rf"(?P<n>[0-9]{{5}}-[0-9]{{3}}|[0-9]{{4}}-[0-9]{{3}}|[0-9]{{3}} [0-9]{{2}}|[0-9]{{2}}-[0-9]{{3}}"
                       rf"|[0-9]{{4,6}}(?:-?[0-9]{{4}})?)(?![\w-])", re.I)
_ZIP = re.compile(r"(?<![\w-])[0-9]{4,6}(?:-?[0-9]{4})?(?![\w-])")
# in the answer to "and your postcode?", a code in any of the world's shapes: digits ("83747", "1500013"),
# digits in two groups ("118 33", "31-662", "4700-850", "〒460-0008"), digits and letters ("9713 VJ"), a
# Canadian, UK or Irish one ("B8V 7H6", "W23 FYXC"); the last one of the answer is taken
_ANSWER_CODE = re.compile(
    rf"(?:^|(?<=[\s,;:/(]))〒?(?P<n>[0-9]{{2,3}}[ -][0-9]{{2,4}}|[0-9]{{4}}-[0-9]{{3}}|[0-9]{{4}} ?(?-i:[A-Z]{{2}})"
    rf"|[0-9]{{4,7}}(?:-[0-9]{{4}})?|{_CANADA}|[a-z]{{1,2}}[0-9][0-9a-z]? ?[0-9][a-z]{{2}}"
    rf"|(?:[AC-FHKNPRTV-Y][0-9]{{2}}|D6W) ?[0-9AC-FHKNPRTV-Y]{{4}})(?![\w-])", re.I)
# after its cue, a code in those shapes typed ("Postcode: 9713 VJ", "the postcode's D04 M7C0": an Eircode's
# letters need not be the ones Eircodes use, as people mistype and mishear them)
_CUED_ANY = re.compile(rf"\b(?:zip(?: ?code)?|post ?code|postal code|eircode|pin ?code|c[oó]digo postal|code postal"
                       rf"|cep|plz|postleitzahl|postnummer){GLUE}〒?(?P<n>[0-9]{{4}} ?(?-i:[A-Z]{{2}})"
                       rf"|{_CANADA}|[a-z]{{1,2}}[0-9][0-9a-z]? ?[0-9][a-z]{{2}}|[a-z][0-9]{{2}} ?[0-9a-z]{{4}}"
                       rf"|[0-9]{{3}}-[0-9]{{4}})(?![\w-])", re.I)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_NEAR = 40  # characters of anything but digits between an address and a ZIP code after it
_LONGEST = 10  # words a spelled postcode or Eircode takes at most ("s w double one a a")

# spelled out: letters one by one and digits as words ("y o sixteen seven x x", "v nine five three a d two"),
# letters also by the spelling alphabet ("b one five two foxtrot t") or by a word ("n for nancy")
_SPELLED_WORD = re.compile(r"x[- ]ray|[a-z]+(?:['’][a-z]+)?|[0-9]+", re.I)
_READINGS: dict[str, tuple[str, ...]] = {
    **{w: (str(v),) for w, v in {**UNITS, **TEENS, **TENS}.items()}, "oh": ("0", "o"), "o": ("o", "0"),
    "nought": ("0",), "double": ("*2",), "triple": ("*3",),
    **{word: (letter,) for word, letter in SPELLING_ALPHABET.items()}}


def codes(doc: Doc) -> list[tuple[int, int]]:
    """Postcodes, Eircodes and ZIP codes after a state or a cue, as original spans."""
    found: list[tuple[int, int]] = []
    if doc.has_digit:
        found += [m.span() for m in _POSTCODE.finditer(doc.text)
                  if _postcode_ok(m) and not _PLATE.search(doc.text, max(0, m.start() - 32), m.start())]
        found += [m.span() for m in _EIRCODE.finditer(doc.text) if cue(doc.text, m.start()) != "ref"]
        found += [m.span("n") for pattern in (_CUED_CODE, _PROVINCE_CODE, _SINGAPORE_CODE, _CUED_ANY)
                  for m in pattern.finditer(doc.text)]
        found += [m.span(m.lastgroup) for m in _STATE_CODE.finditer(doc.text) if m.lastgroup]
    spelling = doc.said_numbers and sum(len(word) == 1 for word in doc.words) >= 2
    if spelling and doc.asked not in ID_QUESTIONS:  # not a passport spelled out when one was asked for
        found += [(start, end) for start, end in _spelled(doc.text) if cue(doc.lower, start + len(doc.lead)) != "ref"]
    if not doc.numeric:
        return sorted(found)
    text = doc.view.text
    zips = [m.span("n") for pattern in (_ZIP_STATE, _ZIP_CUED) for m in pattern.finditer(text)]
    # the code the answer's first paragraph ends with ("It is 500272.\n\nThanks"): an e-mail signs off after it
    paragraph = text[:para.start()] if (para := _PARAGRAPH.search(text, len(doc.lead))) else text
    if doc.asked == "postcode" and not found and not zips:  # "the code is 53782": the one asked for
        answers = [m for m in _ANSWER_CODE.finditer(paragraph, len(doc.lead))
                   if cue(text, m.start("n")) is None or _CODE_NAMED.search(text, 0, m.start("n"))]
        if answers:  # not "BN5 7WT, card ending 9240"
            zips.append(answers[-1].span("n"))
    found += [span for start, end in zips if (span := doc.original(start, end))]
    # a code inside a longer one is part of it ("9713" of "Postcode: 9713 VJ")
    return sorted(s for s in set(found) if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in found))


# a vehicle's registration just before a code of a postcode's shape: "the van, plate BP36XB", "reg DG38TL"
_PLATE = re.compile(r"\b(?:reg|registration|plate|number plate|licen[cs]e plate)(?:[ \t]+(?:number|no|mark))?"
                    r"(?:[ \t]+(?:is|was))?[ \t:#.]*$", re.I)


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
        named = _named_by(tokens, k) if len(word) == 1 and word.isalpha() else 0
        if named:  # "n for nancy", "h as in hotel", "l like london": the letter n, h, l
            m, skip = tokens[k + named], named
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


def _named_by(tokens: list[re.Match[str]], k: int) -> int:
    """How many tokens after the letter ``tokens[k]`` the word naming it is ("for nancy": 2, "as in
    hotel": 3), or 0 when none follows (not "t like that's")."""
    letter = tokens[k].group().lower()
    for said in (("for",), ("like",), ("as", "in")):
        n = len(said) + 1
        if not (k + n < len(tokens) and tuple(t.group().lower() for t in tokens[k + 1:k + n]) == said):
            continue
        word = tokens[k + n].group().lower()
        if word.startswith(letter) and (said == ("for",) or word in SPELLING_ALPHABET or word not in COMMON):
            return n
    return 0


_LETTERS_AROUND = 4  # letters spelled beside a postcode, at most: more, and the run spells something else


def _best(run: list[tuple[int, int, tuple[str, ...]]]) -> list[tuple[int, int]]:
    """The longest stretch of ``run`` that reads as a postcode or an Eircode, if any, with at most
    ``_LETTERS_AROUND`` more letters spelled beside it."""
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
    if best is None or sum(all(r.isalpha() and len(r) == 1 for r in readings)
                           for _, _, readings in run[:best[0]] + run[best[1]:]) > _LETTERS_AROUND:
        return []  # "fixes m o t o r u n i t f a u l t two": a word spelled out, not a postcode inside it
    return [(run[best[0]][0], run[best[1] - 1][1])]


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


def zips_after(doc: Doc, lines: list[tuple[int, bool]]) -> Iterator[tuple[int, int]]:
    """Postcodes of digits (a ZIP or ZIP+4; four digits in Australia, six in India; an Eircode of letters) just after
    an address line (its end, and whether it is surely an address): within ``_NEAR`` characters
    of town, state or county words, no digit between ("169 Brunswick Street, Paddington QLD 4064";
    not "12 Mill Lane, moved in 2019"); and a postcode spelled out there, whatever cue came before
    the line ("the job's at twelve oak close oxford o x four one u g": not the job's reference).
    After a line that may not be an address, only with a town between ("81 oak bay ave toowong
    4066", not "55 park view 1234")."""
    ends = {sure: sorted(end for end, strong in lines if strong == sure) for sure in (True, False)}
    spelled = _spelled(doc.text) if doc.said_numbers else []
    lettered = [m.span() for m in _EIRCODE_LETTERS.finditer(doc.text)]
    for start, end, _ in [*doc.spans(((m.start(), m.end()) for m in _ZIP.finditer(doc.view.text)), ""),
                          *((start, end, "") for start, end in [*spelled, *lettered])]:
        if any(_after_line(doc.text, line_ends, start, town=not sure) for sure, line_ends in ends.items()):
            yield start, end


# the code named just before it: "the code is 4001" after a street line, or in the answer to "your postcode?"
_CODE_NAMED = re.compile(r"(?:(?:\band[ \t]+)?\bthe[ \t]+)?\bcode(?:['’]s|[ \t]+(?:is|was))?[ \t:]*$", re.I)


def _after_line(text: str, line_ends: list[int], start: int, town: bool) -> bool:
    """Whether a code at ``start`` follows the nearest of ``line_ends`` with only town words between
    (and its name: "51 Church Street, and the code is 4001")."""
    i = bisect_right(line_ends, start)
    gap = text[line_ends[i - 1]:start] if i else ""
    gap = gap[:named.start()] if (named := _CODE_NAMED.search(gap)) else gap
    words = re.findall(r"[^\s,/]+", gap)
    return bool(i) and len(gap) <= _NEAR and (not town or bool(words) and not BOX_BEFORE.search(gap)) and all(
        TAIL_WORD.fullmatch(w) and (w.lower() not in NOT_TOWN or _spelled_letter(words, k))
        for k, w in enumerate(words))


# "P.O. Box 86922" after a line that may not be an address: the box's number, not a code
BOX_BEFORE = re.compile(r"\bbox\W*$", re.I)


def _spelled_letter(words: list[str], k: int) -> bool:
    """Whether ``words[k]`` is a letter of a state or county spelled out ("glenelg s a", "braddon a c t"),
    not the article "a": a single letter beside another."""
    return len(words[k]) == 1 and any(0 <= n < len(words) and len(words[n]) == 1 and words[n].isalpha()
                                      for n in (k - 1, k + 1))
