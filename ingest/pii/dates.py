"""Dates of birth: a date shortly after a birth cue ("date of birth", "DOB", "born (on)",
"birthday", "birth date"), and a year of birth ("born in 1978", "born in seventy eight", "a
1980 baby"). The same date without the cue (a visit, a bill) stays.

A few words may come between the cue and the date ("my date of birth would be the ...",
"born in Leeds on ..."), but not a clause ("... and the account was opened on ..."). Dates
are written or said in any of the usual orders: ``03/04/1987``, ``3/13/1943`` (US order),
``1/11/61``, ``12-Nov-1980``, ``18th of October '57``, ``the twelfth of the eleventh``,
``sixteen september fifty three``, or digits read out ("one eleven sixty one")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import combinations

from convoscope.english import MONTHS
from ingest.pii.core import Doc, Span
from ingest.pii.spoken import TEENS, TENS, UNITS

_CUE = r"\b(?:date of birth|d\.? ?o\.? ?b\b\.?|birth ?date|born|birthday|year of birth)(?:['’]s\b)?"
# up to four words between the cue and the date ("Joaquín Ortega", "Mr. Hope"), none that starts another clause
_STOP = r"and|but|since|until|till|when|while|after|before|then|because|though|although|ago|account|opened"
_GAP = rf"(?:[\s:,-]*(?!(?:{_STOP})\b)[^\W\d_]+(?:['’][^\W\d_]+)?\b\.?){{0,4}}?[\s:,-]*"

_MONTH = "(?:" + "|".join(name for names in MONTHS for name in names) + r")\b\.?"
_ORDINAL_WORDS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                  "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth").split()
_ORDINAL = r"(?:(?:twenty|thirty)[ -])?(?:" + "|".join(_ORDINAL_WORDS) + ")"
_UNIT = "|".join(w for w in UNITS if w != "zero")
_TENS = "|".join(TENS)
_TEENS = "|".join(TEENS)
# a day said as a number: "sixteen", "twenty three", "thirty one"
_SAID_DAY = rf"(?:(?:twenty|thirty)(?:[ -](?:{_UNIT}))?|{_TEENS}|{_UNIT})"
_DAY = rf"(?:(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?\b|{_ORDINAL}\b|{_SAID_DAY}\b)"
# a month as an ordinal: "the 5th", "the eleventh"
_MONTH_ORDINAL = r"(?:(?:1[0-2]|0?[1-9])(?:st|nd|rd|th)|" + "|".join(_ORDINAL_WORDS[:12]) + r")\b"
_SPOKEN_YEAR = (rf"(?:nineteen|twenty)[ -](?:(?:{_TENS})(?:[ -](?:{_UNIT}))?|{_TEENS}|oh (?:{_UNIT})|hundred)"
                rf"|two thousand(?: and)?(?: (?:{_TEENS}|(?:{_TENS})(?:[ -](?:{_UNIT}))?|{_UNIT}))?"
                rf"|(?:{_TENS})(?:[ -](?:{_UNIT}))?|oh[ -](?:{_UNIT})")  # "the eighteenth of november oh six"
_YEAR = rf"(?:(?:19|20)[0-9]{{2}}\b|['’]?[0-9]{{2}}\b|(?:{_SPOKEN_YEAR})\b)"
_YEAR_SEP = r"(?:,?\s+(?:of\s+)?|[/-])"
_NUMERIC = (r"[0-9]{1,2}(?P<sep>[/. -])[0-9]{1,2}(?P=sep)(?:[0-9]{4}|[0-9]{2})\b"
            r"|(?:19|20)[0-9]{2}(?P<iso>[/.-])[0-9]{1,2}(?P=iso)[0-9]{1,2}\b")
_DATE = (rf"{_NUMERIC}"
         rf"|{_DAY}\s+of\s+the\s+{_MONTH_ORDINAL}(?:{_YEAR_SEP}{_YEAR})?"
         rf"|{_DAY}(?:\s+of\s+|[\s/-]+){_MONTH},?(?:{_YEAR_SEP}{_YEAR})?"
         rf"|{_MONTH}\s+(?:the\s+)?{_DAY},?\s+{_YEAR}|{_MONTH}{_YEAR_SEP}{_YEAR}|{_MONTH}\s+(?:the\s+)?{_DAY}")
_DOB = re.compile(rf"{_CUE}{_GAP}(?P<date>(?:the\s+)?(?:{_DATE}))", re.I)  # "the 3rd of April 1987": all of it
_ANY_DATE = re.compile(rf"(?<![\w/.-])(?:the\s+)?(?:{_DATE})", re.I)
# read out as digits (the view): 03041987, 030487, or "one eleven sixty one" (1 11 61)
_DOB_DIGITS = re.compile(rf"{_CUE}{_GAP}(?P<date>[0-9]{{4,8}})(?![0-9])", re.I)
# a year of birth: "born in 1978", "born in '78", "born in seventy eight", "born in twenty oh six", "a 1980 baby"
_FULL_YEAR = (rf"(?:(?:19|20)[0-9]{{2}}|['’][0-9]{{2}}"
              rf"|(?:nineteen|twenty)[ -](?:(?:{_TENS}|{_TEENS})(?:[ -](?:{_UNIT}))?|oh[ -](?:{_UNIT}))"
              rf"|two thousand(?: and)?(?: (?:{_TEENS}|{_UNIT}))?)")
_BORN_IN = re.compile(
    rf"\b(?:born|year of birth|birth year)(?:['’]s\b)?{_GAP}(?P<date>{_FULL_YEAR}"
    rf"|(?<=\bin )(?:[0-9]{{2}}|(?:{_TENS})(?:[ -](?:{_UNIT}))?))(?![\w'’])",
    re.I,
)
_ANY_YEAR = re.compile(rf"(?<![\w'’/.,-])(?:{_FULL_YEAR})(?![\w'’/-]|[.,][0-9])", re.I)
# a year alone after a date-of-birth cue: "DOB: 1979", "my date of birth is nineteen seventy seven"
_DOB_YEAR = re.compile(rf"\b(?:date of birth|d\.? ?o\.? ?b\b\.?|birth ?date)(?:['’]s\b)?[\s:,-]*"
                       rf"(?:(?:is|was|its|it's|would be)\s+)?(?P<date>{_FULL_YEAR})"
                       rf"(?![\w'’/.-]|[.,][0-9])", re.I)
_BABY = re.compile(rf"\ban?\s+(?P<date>{_FULL_YEAR}|(?:{_TENS})(?:[ -](?:{_UNIT}))?)\s+baby\b", re.I)


def dates_of_birth(doc: Doc) -> Iterator[Span]:
    """``date of birth 03/04/1987``, ``born on the 3rd of April 1987``, ``DOB april third
    nineteen eighty seven``, ``d o b oh three oh four nineteen eighty seven``, ``born in '78``."""
    if not any(cue in doc.lower for cue in ("birth", "born", "dob", "o b", "o.b", "baby")):
        return
    text = doc.view.text
    found = [(m.start("date"), _trim(m)) for m in _DOB.finditer(text)]
    found += [(m.start("date"), m.end("date")) for m in _DOB_DIGITS.finditer(text) if _read_out(doc, m)]
    found += [(m.start("date"), m.end("date")) for pattern in (_BORN_IN, _BABY, _DOB_YEAR)
              for m in pattern.finditer(text)]
    if doc.asked == "dob" and not found:  # the answer to "your date of birth?": its one date, wherever it is
        yield from _answered(doc)
    yield from doc.spans(found, "[DOB]")


def _answered(doc: Doc) -> Iterator[Span]:
    """In the answer to "your date of birth?", its one date with a year: in the digit view, or
    as said ("january one nineteen eighty five", whose words the view reads as one number);
    else its one year ("1946", "nineteen sixty nine")."""
    shift = len(doc.lead)
    for text, viewed in ((doc.view.text, True), (doc.lead + doc.text, False)):
        for pattern, keep in ((_ANY_DATE, _has_year), (_ANY_YEAR, bool)):
            dates = [m for m in pattern.finditer(text, shift) if keep(m.group(0))]
            if len(dates) == 1:
                start, end = dates[0].start(), dates[0].start() + len(dates[0].group(0).rstrip(",. "))
                if viewed:
                    yield from doc.spans([(start, end)], "[DOB]")
                else:
                    yield start - shift, end - shift, "[DOB]"
                return


def _has_year(date: str) -> bool:
    """Whether a date gives its year (a date of birth does; "the 3rd of May" may be any date)."""
    return bool(re.search(r"[0-9]{4}|['’][0-9]{2}\b|\b[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2}\b|nineteen|twenty|thousand"
                          r"|(?:ty|ties)\b", date, re.I))


def _trim(match: re.Match[str]) -> int:
    """The end of the date without a trailing comma or full stop."""
    return match.start("date") + len(match.group("date").rstrip(",. "))


def _read_out(doc: Doc, match: re.Match[str]) -> bool:
    """Whether the digits after a cue read as a date: six or eight typed or said, or the
    numbers said ("one eleven sixty one") as a day, a month and a year."""
    digits = match.group("date")
    if len(digits) in (6, 8) and _plausible(digits[:2], digits[2:4]):
        return True
    start, end = match.span("date")
    said = [doc.view.text[v0:v1] for v0, v1, _, _ in doc.view.pieces if start <= v0 and v1 <= end]
    if "".join(said) != digits:
        return False
    for i, j in combinations(range(1, len(said)), 2):
        day, month, year = "".join(said[:i]), "".join(said[i:j]), "".join(said[j:])
        if len(day) <= 2 and len(month) <= 2 and len(year) in (2, 4) and _plausible(day, month):
            return True
    return False


def _plausible(first: str, second: str) -> bool:
    """Whether two numbers read as a day and a month, in either order."""
    a, b = int(first), int(second)
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)
