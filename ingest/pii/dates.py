"""Dates of birth: a date right after a birth cue ("date of birth", "DOB", "born (on)",
"birthday", "birth date"). The same date without the cue (a visit, a bill) stays."""

from __future__ import annotations

import re
from collections.abc import Iterator

from convoscope.english import MONTHS
from ingest.pii.core import Doc, Span
from ingest.pii.spoken import TEENS, TENS, UNITS

_CUE = r"\b(?:date of birth|d\.? ?o\.? ?b\b\.?|birth ?date|born|birthday)"
_GLUE = r"(?:[\s:,.-]*(?:(?:is|was|it's|its|as|on|the|of|in|yes|yeah|sure|ok|okay|so|that's)\b[\s:,.-]*){0,3})"

_MONTH = "(?:" + "|".join(name for names in MONTHS for name in names) + r")\b\.?"
_ORDINAL_WORDS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                  "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth").split()
_ORDINAL = r"(?:(?:twenty|thirty)[ -])?(?:" + "|".join(_ORDINAL_WORDS) + ")"
_DAY = rf"(?:(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?\b|{_ORDINAL}\b)"
_UNIT = "|".join(w for w in UNITS if w != "zero")
_TENS = "|".join(TENS)
_SPOKEN_YEAR = (rf"(?:nineteen|twenty)[ -](?:(?:{_TENS})(?:[ -](?:{_UNIT}))?|{'|'.join(TEENS)}|oh (?:{_UNIT})|hundred)"
                rf"|two thousand(?: and)?(?: (?:{'|'.join(TEENS)}|(?:{_TENS})(?:[ -](?:{_UNIT}))?|{_UNIT}))?"
                rf"|(?:{_TENS})(?:[ -](?:{_UNIT}))?")
_YEAR = rf"(?:(?:19|20)[0-9]{{2}}\b|'?[0-9]{{2}}\b|(?:{_SPOKEN_YEAR})\b)"
_NUMERIC = (r"[0-9]{1,2}(?P<sep>[/.-])[0-9]{1,2}(?P=sep)(?:[0-9]{4}|[0-9]{2})\b"
            r"|(?:19|20)[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}\b")
_DATE = (rf"{_NUMERIC}|{_DAY}\s+(?:of\s+)?{_MONTH},?(?:\s+{_YEAR})?"
         rf"|{_MONTH}\s+(?:the\s+)?{_DAY},?(?:\s+{_YEAR})?|{_MONTH},?\s+(?:19|20)[0-9]{{2}}\b")
_DOB = re.compile(rf"{_CUE}{_GLUE}(?P<date>{_DATE})", re.I)
# read out as digits (the view): 03041987, 030487
_DOB_DIGITS = re.compile(rf"{_CUE}{_GLUE}(?P<date>[0-9]{{8}}|[0-9]{{6}})(?![0-9])", re.I)


def dates_of_birth(doc: Doc) -> Iterator[Span]:
    """``date of birth 03/04/1987``, ``born on the 3rd of April 1987``, ``DOB april third
    nineteen eighty seven``, ``d o b oh three oh four nineteen eighty seven``."""
    if not any(cue in doc.lower for cue in ("birth", "born", "dob", "o b", "o.b")):
        return
    text = doc.view.text
    found = [(m.start("date"), _trim(m)) for m in _DOB.finditer(text)]
    found += [(m.start("date"), m.end("date")) for m in _DOB_DIGITS.finditer(text) if _plausible(m.group("date"))]
    yield from doc.spans(found, "[DOB]")


def _trim(match: re.Match[str]) -> int:
    """The end of the date without a trailing comma or full stop."""
    return match.start("date") + len(match.group("date").rstrip(",. "))


def _plausible(digits: str) -> bool:
    """Whether six or eight digits read as a day and a month (either order) and a year."""
    first, second = int(digits[:2]), int(digits[2:4])
    return (1 <= first <= 31 and 1 <= second <= 12) or (1 <= first <= 12 and 1 <= second <= 31)
