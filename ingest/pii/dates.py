"""Dates of birth: a date shortly after a birth cue ("date of birth", "DOB", "born (on)",
"birthday", "birth date"), a year of birth ("born in 1978", "born in seventy eight", "a
1980 baby"), and any whole date sixteen years back or more, cue or none (a customer lists it
with a name and an address, an agent reads it back): a visit, a bill, a delivery is recent, and
a recent date without the cue stays.

A few words may come between the cue and the date ("my date of birth would be the ...",
"born in Leeds on ..."), but not a clause ("... and the account was opened on ..."). Dates
are written or said in any of the usual orders: ``03/04/1987``, ``3/13/1943`` (US order),
``1/11/61``, ``12-Nov-1980``, ``18th of October '57``, ``the twelfth of the eleventh``,
``sixteen september fifty three``, or digits read out ("one eleven sixty one")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from itertools import combinations

from convoscope.english import MONTHS
from ingest.pii.core import Doc, Span, cue
from ingest.pii.spoken import TEENS, TENS, UNITS

_CUE = r"\b(?:date of birth|d\.? ?o\.? ?b\b\.?|birth ?date|born|birthday|year of birth)(?:['’]s\b)?"
# up to four words between the cue and the date ("Joaquín Ortega", "Mr. Hope"), none that starts another clause
_STOP = r"and|but|since|until|till|when|while|after|before|then|because|though|although|ago|account|opened"
_GAP = rf"(?:[\s:,-]*(?!(?:{_STOP})\b)[^\W\d_]+(?:['’][^\W\d_]+)?\b\.?){{0,4}}?[\s:,-]*"

# the months as Spanish, Portuguese, Italian, German, French and Dutch write them, for a birth date written
# as at home ("18. Januar 1958", "9 de novembro de 2002", "28 aprile 2003"); only ever read inside a whole date
_ABROAD = ("enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
           "janeiro fevereiro março marco maio junho julho setembro outubro novembro dezembro "
           "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
           "januar jänner februar märz maerz mai juni juli oktober dezember "
           "janvier février fevrier mars avril juin juillet août aout septembre octobre décembre decembre "
           "januari februari maart mei augustus").split()
_MONTH = "(?:" + "|".join(sorted({name for names in MONTHS for name in names} | set(_ABROAD), key=len,
                                 reverse=True)) + r")\b\.?"
_ORDINAL_WORDS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                  "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth").split()
_ORDINAL = r"(?:(?:twenty|thirty)[ -])?(?:" + "|".join(_ORDINAL_WORDS) + ")"
_UNIT = "|".join(w for w in UNITS if w != "zero")
_TENS = "|".join(TENS)
_TEENS = "|".join(TEENS)
# a day said as a number: "sixteen", "twenty three", "thirty one"
_SAID_DAY = rf"(?:(?:twenty|thirty)(?:[ -](?:{_UNIT}))?|{_TEENS}|{_UNIT})"
_DAY = rf"(?:(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?\b|{_ORDINAL}\b|{_SAID_DAY}\b)"
_DAY_FIRST = rf"(?:(?:[12][0-9]|3[01]|0?[1-9])\.(?=\s)|{_DAY})"  # before the month, as German writes it: "17. Juni"
# a month as an ordinal: "the 5th", "the eleventh"
_MONTH_ORDINAL = r"(?:(?:1[0-2]|0?[1-9])(?:st|nd|rd|th)|" + "|".join(_ORDINAL_WORDS[:12]) + r")\b"
_SPOKEN_YEAR = (rf"(?:nineteen|twenty)[ -](?:(?:{_TENS})(?:[ -](?:{_UNIT}))?|{_TEENS}|oh (?:{_UNIT})|hundred)"
                rf"|two thousand(?: and)?(?: (?:{_TEENS}|(?:{_TENS})(?:[ -](?:{_UNIT}))?|{_UNIT}))?"
                rf"|(?:{_TENS})(?:[ -](?:{_UNIT}))?|oh[ -](?:{_UNIT})")  # "the eighteenth of november oh six"
_YEAR = rf"(?:(?:19|20)[0-9]{{2}}\b|['’]?[0-9]{{2}}\b|(?:{_SPOKEN_YEAR})\b)"
_YEAR_SEP = r"(?:,?\s+(?:of\s+|de\s+)?|[/-])"
_NUMERIC = (r"[0-9]{1,2}(?P<sep>[/. -])[0-9]{1,2}(?P=sep)(?:[0-9]{4}|[0-9]{2})\b"
            r"|(?:19|20)[0-9]{2}(?P<iso>[/.-])[0-9]{1,2}(?P=iso)[0-9]{1,2}\b")
_DATE = (rf"{_NUMERIC}"
         rf"|{_DAY}\s+of\s+the\s+{_MONTH_ORDINAL}(?:{_YEAR_SEP}{_YEAR})?"
         rf"|{_DAY_FIRST}(?:\s+of\s+|\s+de\s+|[\s/-]+){_MONTH},?(?:{_YEAR_SEP}{_YEAR})?"
         rf"|{_MONTH}\s+(?:the\s+)?{_DAY},?\s+{_YEAR}|{_MONTH}{_YEAR_SEP}{_YEAR}|{_MONTH}\s+(?:the\s+)?{_DAY}")
_DOB = re.compile(rf"{_CUE}{_GAP}(?P<date>(?:the\s+)?(?:{_DATE}))", re.I)  # "the 3rd of April 1987": all of it
_MONTH_YEAR = re.compile(rf"{_MONTH}{_YEAR_SEP}{_YEAR}", re.I)  # "March 1998": no day, no birth date
_MONTH_WORD = re.compile(rf"\b{_MONTH}", re.I)
_DIGIT = re.compile(r"[0-9]")
_IN_NUMBER = re.compile(r"[ .:-]?[0-9]|[0-9][ .-]|\+")  # digits go on next to a date: a longer number, a time
ANY_DATE = re.compile(rf"(?<![\w/.-])(?:the\s+)?(?:{_DATE})", re.I)
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
# the day after the year: "born in 1982 on the 10th of July", "born in nineteen eighty five on yeah the ninth of june"
_FILLERS = r"(?:(?:um|uh|er|erm|yeah|so|right|like|well|you know),?\s+)*"
_BORN_DAY = re.compile(rf",?\s+{_FILLERS}on\s+{_FILLERS}(?P<day>(?:the\s+)?(?:{_DAY}\s+of\s+{_MONTH}"
                       rf"|{_MONTH}\s+(?:the\s+)?{_DAY}))", re.I)
# "the year i was born was sixty three", "the year she was born is 1958"
_YEAR_BORN = re.compile(rf"\byear (?:i|he|she|they|you|we) (?:(?:so|was|were|um|uh) )*born(?: (?:so|um|uh))*"
                        rf" (?:was|is|it was|would be)[ ,]+(?:(?:um|uh|so) )*(?P<date>{_FULL_YEAR}"
                        rf"|(?:{_TENS})(?:[ -](?:{_UNIT}))?|[0-9]{{2}})(?![\w'’])", re.I)
_ANY_YEAR = re.compile(rf"(?<![\w'’/.,-])(?:{_FULL_YEAR})(?![\w'’/-]|[.,][0-9])", re.I)
# a year alone after a date-of-birth cue: "DOB: 1979", "my date of birth is nineteen seventy seven"
_DOB_YEAR = re.compile(rf"\b(?:date of birth|d\.? ?o\.? ?b\b\.?|birth ?date)(?:['’]s\b)?[\s:,-]*"
                       rf"(?:(?:is|was|its|it's|would be)\s+)?(?P<date>{_FULL_YEAR})"
                       rf"(?![\w'’/.-]|[.,][0-9])", re.I)
# the year alone, as a short answer says it: "ninety two", "oh four", "'67", "83"
_SHORT_YEAR = re.compile(rf"(?<![\w'’/.,-])(?:(?:{_TENS})(?:[ -](?:{_UNIT}))?|(?:oh|zero)[ -](?:{_UNIT})"
                         rf"|['’]?[0-9]{{2}})(?![\w'’/-]|[.,][0-9])", re.I)
SHORT_ANSWER = 6  # words in an answer that is only a year
_BABY = re.compile(rf"\ban?\s+(?P<date>{_FULL_YEAR}|(?:{_TENS})(?:[ -](?:{_UNIT}))?)\s+baby\b", re.I)


def dates_of_birth(doc: Doc) -> Iterator[Span]:
    """``date of birth 03/04/1987``, ``born on the 3rd of April 1987``, ``DOB april third
    nineteen eighty seven``, ``d o b oh three oh four nineteen eighty seven``, ``born in '78``;
    a month said before a date read out as digits is part of it ("april twelve two thousand three")."""
    for start, end, token in _dates_of_birth(doc):
        before = _MONTH_BEFORE.search(doc.text, 0, start)
        yield (before.start() if before else start), end, token


_MONTH_BEFORE = re.compile(rf"\b{_MONTH}[ \t]+(?:the[ \t]+)?$", re.I)


def _dates_of_birth(doc: Doc) -> Iterator[Span]:
    yield from _old_dates(doc)
    if not any(cue in doc.lower for cue in ("birth", "born", "dob", "o b", "o.b", "baby")):
        return
    text = doc.view.text
    found = [(m.start("date"), _trim(m)) for m in _DOB.finditer(text)]
    found += [m.span("date") for m in _DOB_DIGITS.finditer(text) if _read_out(doc, *m.span("date"))]
    found += [(m.start("date"), m.end("date")) for pattern in (_BORN_IN, _BABY, _DOB_YEAR, _YEAR_BORN)
              for m in pattern.finditer(text)]
    found += [day.span("day") for m in _BORN_IN.finditer(text) if (day := _BORN_DAY.match(text, m.end("date")))]
    said = list(_said_in_words(doc, _DOB))
    if doc.asked == "dob" and not found and not said:  # the answer to "your date of birth?": its one date
        yield from _answered(doc)
    yield from doc.spans(found, "[DOB]")
    yield from said


def _said_in_words(doc: Doc, pattern: re.Pattern[str]) -> Iterator[Span]:
    """The dates ``pattern`` finds in the words as said, where the view has read a spoken day and
    year as one number ("may twenty two nineteen forty seven" is "may 221947" there)."""
    if not doc.view.runs:
        return
    plain, shift = doc.lead + doc.text, len(doc.lead)
    for m in pattern.finditer(plain):
        start, end = m.start("date"), _trim(m)
        if end > shift and _MONTH_WORD.search(plain, start, end) and not _DIGIT.search(plain, start, end):
            yield max(start, shift) - shift, end - shift, "[DOB]"


MIN_AGE = 16  # a whole date this many years back or more is a birth date: a service is not that old
# what makes an old date the day something happened, right before it: a preposition or a past
# participle ("the flue was lined in 14.02.1947", "a wedding from 1945", "our records go back to …",
# "made 11 March 1999", "my membership started 07-02-1941"); a birth date is listed or read back bare
_HAPPENED = re.compile(r"(?<!\byou )(?<!\bme )(?<!\bhim )(?<!\bher )(?<!\bthem )(?<!\bus )"  # "verified you on …"
                       r"\b(?:since|from|in|on|until|till|to|at|by|before|after|dated|made|taken|built|done|bought"
                       r"|begun|[a-z]{3,}ed)(?:[ \t]+(?:the|about|around|roughly))?[ \t]*,?[ \t]*$", re.I)


# an address's first numbers, not a date: "Address: 3-19-27 Jingumae, Shibuya-ku" (a Japanese block address)
_ADDRESS_FIELD = re.compile(r"\baddress(?:[ \t]+is)?[ \t]*[:=-]?[ \t]*$", re.I)


def _old_dates(doc: Doc) -> Iterator[Span]:
    """Every whole date (day, month and year) at least ``MIN_AGE`` years back, cue or no cue: a
    customer lists it with a name and an address ("details: Rahul / 4 Elm Rd / 18/8/67"), an
    agent reads it back ("So that's 30-Nov-1989?"). A visit, a bill or a delivery is recent; an old date
    after a word that says something happened on it is that day (``_HAPPENED``)."""
    if not (doc.numeric or _MONTH_WORD.search(doc.text)):
        return
    text, this_year = doc.view.text, date.today().year
    for match in ANY_DATE.finditer(text, len(doc.lead)):
        said = match.group(0).rstrip(",. ")
        year = _year(said, this_year)
        if match.group("sep") == " " or _IN_NUMBER.match(text, match.start() + len(said)) or (
                match.start() and _IN_NUMBER.match(text[match.start() - 2:match.start()])):
            continue  # "06 04 77 62 11", "+33 1 42.22.96.85": a phone's digits
        if match.group("sep") == "." and not re.search(r"[0-9]{4}$", said):
            continue  # "build 3.3.61": a version
        numbers = re.findall(r"[0-9]+", said) if match.group("sep") or match.group("iso") else []
        if numbers and not _plausible(*(numbers[1:3] if match.group("iso") else numbers[:2])):
            continue  # "ticket 12-34-56"
        if year is not None and year <= this_year - MIN_AGE and not _MONTH_YEAR.fullmatch(said) \
                and cue(text, match.start()) != "ref" and not _HAPPENED.search(text, 0, match.start()) \
                and not _ADDRESS_FIELD.search(text, max(0, match.start() - 30), match.start()):
            yield from doc.spans([(match.start(), match.start() + len(said))], "[DOB]")
    if doc.view.runs:  # said in words, where the view read a day and a year as one number ("july nine nineteen fifty")
        plain, shift = doc.lead + doc.text, len(doc.lead)
        for match in ANY_DATE.finditer(plain, shift):
            said = match.group(0).rstrip(",. ")
            year = _year(said, this_year)
            if (year is not None and year <= this_year - MIN_AGE and _MONTH_WORD.search(said)
                    and not _DIGIT.search(said) and not _MONTH_YEAR.fullmatch(said)
                    and cue(plain, match.start()) != "ref" and not _HAPPENED.search(plain, 0, match.start())):
                yield match.start() - shift, match.start() + len(said) - shift, "[DOB]"


def _year(said: str, this_year: int) -> int | None:
    """The year a date gives ("1967", "'67", "18/8/67", "nineteen sixty seven", "forty four"),
    a two-digit one in the last hundred years; None without one."""
    if full := re.search(r"\b(?:19|20)[0-9]{2}\b", said):
        return int(full.group())
    if spoken := re.search(rf"\b(nineteen|twenty)[ -]((?:{_TENS})(?:[ -](?:{_UNIT}))?|{_TEENS})\b", said, re.I):
        return (19 if spoken.group(1).lower() == "nineteen" else 20) * 100 + _two(spoken.group(2))
    if short := re.search(rf"(?:['’/.-]|\b)([0-9]{{2}})$|\b((?:{_TENS})(?:[ -](?:{_UNIT}))?)$", said, re.I):
        two = int(short.group(1)) if short.group(1) else _two(short.group(2))
        return 2000 + two if 2000 + two <= this_year else 1900 + two
    return None


def _two(words: str) -> int:
    """A number under a hundred said in words: "sixty seven", "forty", "fifteen"."""
    parts = words.lower().replace("-", " ").split()
    return sum(TENS.get(p, 0) + TEENS.get(p, 0) + UNITS.get(p, 0) for p in parts)


def _answered(doc: Doc) -> Iterator[Span]:
    """In the answer to "your date of birth?", its one date with a year: in the digit view, or
    as said ("january one nineteen eighty five", whose words the view reads as one number);
    else its one year ("1946", "nineteen sixty nine")."""
    shift = len(doc.lead)
    for text, viewed in ((doc.view.text, True), (doc.lead + doc.text, False)):
        for pattern, keep in ((ANY_DATE, _has_year), (_ANY_YEAR, bool)):
            dates = [m for m in pattern.finditer(text, shift) if keep(m.group(0))]
            if len(dates) == 1:
                start, end = dates[0].start(), dates[0].start() + len(dates[0].group(0).rstrip(",. "))
                if viewed:
                    yield from doc.spans([(start, end)], "[DOB]")
                else:
                    yield start - shift, end - shift, "[DOB]"
                return
    said = [run for run in doc.view.runs if run[0] >= shift and 4 <= run[1] - run[0] <= 8 and _read_out(doc, *run)]
    if len(said) == 1:  # "oh nine three oh one nine seven seven", "ten nine fifty"
        yield from doc.spans(said, "[DOB]")
        return
    short = list(_SHORT_YEAR.finditer(doc.text))
    if len(short) == 1 and len(doc.text.split()) <= SHORT_ANSWER:  # "and the year?" - "ninety two"
        yield *short[0].span(), "[DOB]"


def _has_year(date: str) -> bool:
    """Whether a date gives its year (a date of birth does; "the 3rd of May" may be any date)."""
    return bool(re.search(r"[0-9]{4}|['’][0-9]{2}\b|\b[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2}\b|nineteen|twenty|thousand"
                          r"|(?:ty|ties)\b", date, re.I))


def _trim(match: re.Match[str]) -> int:
    """The end of the date without a trailing comma or full stop."""
    return match.start("date") + len(match.group("date").rstrip(",. "))


def _read_out(doc: Doc, start: int, end: int) -> bool:
    """Whether the digits at ``start:end`` of the view read as a date: six or eight typed or
    said, or the numbers said ("one eleven sixty one") as a day, a month and a year."""
    digits = doc.view.text[start:end]
    if len(digits) in (6, 8) and _plausible(digits[:2], digits[2:4]):
        return True
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
