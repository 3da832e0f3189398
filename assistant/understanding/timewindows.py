"""Time expressions in a question, resolved against the latest conversation in the store.

"Now" is the day after the newest conversation, so "last month" on a store whose data
ends on 31 October means October, whatever the wall clock says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from convoscope import english
from convoscope.models import TimeWindow

MONTHS = {name: i for i, names in enumerate(english.MONTHS, start=1) for name in names}
NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "twelve": 12, "few": 3, "couple": 2, "couple of": 2}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM_RE = r"\d+|a couple of|couple of|a few|few|" + "|".join(k for k in NUMBERS if " " not in k)


@dataclass
class Resolved:
    window: TimeWindow | None
    baseline: TimeWindow | None
    spans: list[tuple[int, int]]  # where in the question the expressions were


def _dt(d: date) -> datetime:
    return datetime.combine(d, time(0), tzinfo=timezone.utc)


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _month(year: int, month: int) -> TimeWindow:
    start = _month_start(year, month)
    end = _month_start(year, month + 1)
    return TimeWindow(start=_dt(start), end=_dt(end), label=start.strftime("%B %Y"))


def _span(start: date, end: date, label: str) -> TimeWindow:
    return TimeWindow(start=_dt(start), end=_dt(end), label=label)


def _number(text: str) -> int:
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    return NUMBERS.get(text.removeprefix("a ").strip(), NUMBERS.get(text, 1))


def _latest_month_named(month: int, now: date, year: int | None) -> TimeWindow:
    if year is not None:
        return _month(year, month)
    candidate_year = now.year if _month_start(now.year, month) < now else now.year - 1
    return _month(candidate_year, month)


def previous_window(window: TimeWindow) -> TimeWindow:
    """The period of equal length just before ``window`` (a calendar month before a month)."""
    start, end = window.start.date(), window.end.date()
    if start.day == 1 and end.day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month
        if months >= 1:
            b_start = _month_start(start.year, start.month - months)
            label = (b_start.strftime("%B %Y") if months == 1
                     else f"{b_start:%b %Y} – {_month_start(start.year, start.month - 1):%b %Y}")
            return _span(b_start, start, label)
    length = end - start
    b_start = start - length
    return _span(b_start, start, f"{b_start:%d %b} – {(start - timedelta(days=1)):%d %b %Y}")


def _patterns(now: date):
    """(regex, resolver) pairs, most specific first. A resolver returns a TimeWindow."""
    last_day = now - timedelta(days=1)

    def last_n(unit: str, n: int) -> TimeWindow:
        days = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}[unit] * n
        start = now - timedelta(days=days)
        return _span(start, now, f"the past {n} {unit}{'s' if n > 1 else ''} ({start:%d %b} – {last_day:%d %b %Y})")

    def last_month() -> TimeWindow:
        return _month(now.year, now.month - 1)

    def this_month() -> TimeWindow:
        start = date(last_day.year, last_day.month, 1)
        return _span(start, now, f"{start:%B %Y} so far")

    def last_week() -> TimeWindow:
        monday = now - timedelta(days=now.weekday())
        start = monday - timedelta(days=7)
        return _span(start, monday, f"the week of {start:%d %b %Y}")

    def quarter(q: int, year: int | None) -> TimeWindow:
        y = year if year is not None else (now.year if _month_start(now.year, 3 * q - 2) < now else now.year - 1)
        start = _month_start(y, 3 * q - 2)
        return _span(start, _month_start(y, 3 * q + 1), f"Q{q} {y}")

    def last_quarter() -> TimeWindow:
        q_now = (now.month - 1) // 3 + 1
        start = _month_start(now.year, 3 * q_now - 2 - 3)
        return _span(start, _month_start(start.year, start.month + 3), f"Q{(start.month - 1) // 3 + 1} {start.year}")

    def since(month: int, year: int | None) -> TimeWindow:
        start = _latest_month_named(month, now, year).start.date()
        return _span(start, now, f"since {start:%B %Y}")

    def between(m1: int, m2: int, year: int | None) -> TimeWindow:
        first = _latest_month_named(m1, now, year)
        last = _latest_month_named(m2, now, year)
        if last.start < first.start:
            first = _month(first.start.year - 1, m1)
        return _span(first.start.date(), last.end.date(), f"{first.start:%B} – {last.start:%B %Y}")

    def week_of(day: int, month: int, year: int | None) -> TimeWindow:
        start = date(year or now.year, month, day)
        if year is None and start > now:
            start = date(now.year - 1, month, day)
        return _span(start, start + timedelta(days=7), f"the week of {start:%-d %b %Y}")

    year_re = r"(?:\s*,?\s*(?P<year>20\d\d))?"
    return [
        (rf"\b(?:the\s+)?week\s+(?:of|starting|beginning)\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH_RE})\b\.?{year_re}",
         lambda m: week_of(int(m["d"]), MONTHS[m["m"]], _year(m))),
        (r"\b(?:the\s+)?week\s+(?:of|starting|beginning)\s+(?P<year>20\d\d)-(?P<mo>\d\d)-(?P<d>\d\d)\b",
         lambda m: week_of(int(m["d"]), int(m["mo"]), int(m["year"]))),
        (rf"\b(?:between|from)\s+(?P<m1>{_MONTH_RE})\b\.?\s+(?:and|to|through|until|-)\s+(?P<m2>{_MONTH_RE})\b{year_re}",
         lambda m: between(MONTHS[m["m1"]], MONTHS[m["m2"]], _year(m))),
        (rf"\bsince\s+(?P<m>{_MONTH_RE})\b{year_re}", lambda m: since(MONTHS[m["m"]], _year(m))),
        (rf"\b(?:the\s+)?(?:past|last|previous)\s+(?P<n>{_NUM_RE})\s+(?P<unit>day|week|month|quarter|year)s?\b",
         lambda m: last_n(m["unit"], _number(m["n"]))),
        (r"\b(?:last|previous|past)\s+month\b", lambda m: last_month()),
        (r"\bthis\s+month\b", lambda m: this_month()),
        (r"\b(?:last|previous|past)\s+week\b", lambda m: last_week()),
        (r"\bthis\s+week\b", lambda m: last_n("week", 1)),
        (r"\b(?:last|previous|past)\s+quarter\b", lambda m: last_quarter()),
        (r"\bq(?P<q>[1-4])\b" + year_re, lambda m: quarter(int(m["q"]), _year(m))),
        (r"\bthis\s+year\b|\bytd\b|\byear to date\b",
         lambda m: _span(date(last_day.year, 1, 1), now, f"{last_day.year} so far")),
        (r"\blast\s+year\b", lambda m: _span(date(now.year - 1, 1, 1), date(now.year, 1, 1), str(now.year - 1))),
        (r"\byesterday\b", lambda m: _span(last_day, now, f"{last_day:%d %b %Y}")),
        (rf"\b(?:in|during|for|of|on|over)?\s*(?P<m>{_MONTH_RE})\b\.?{year_re}",
         lambda m: _latest_month_named(MONTHS[m["m"]], now, _year(m))),
        (r"\b(?:in|during|for|of|over)?\s*(?<![\w/-])(?P<year>(?:19|20)\d\d)(?![\w/-])",  # not HB-2093's digits
         lambda m: _span(date(int(m["year"]), 1, 1), date(int(m["year"]) + 1, 1, 1), m["year"])),
    ]


def _year(match: re.Match) -> int | None:
    year = match.groupdict().get("year")
    return int(year) if year else None


_BASELINE_CUE = re.compile(r"\b(?:vs\.?|versus|compared (?:to|with)|relative to|against|than(?: in)?)\s*$")


def resolve(question: str, latest: datetime | None, *, want_baseline: bool = False) -> Resolved:
    """Find time windows in ``question``. The first is the window; a second one introduced
    by "vs", "compared to" … becomes the baseline. With ``want_baseline`` and no named
    baseline, the baseline is the preceding period of equal length."""
    now = (latest.date() if latest else datetime.now(timezone.utc).date()) + timedelta(days=1)
    text = question.lower()
    found: list[tuple[int, int, TimeWindow]] = []
    taken: list[tuple[int, int]] = []
    for pattern, resolver in _patterns(now):
        for match in re.finditer(pattern, text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if match.groupdict().get("m") == "may" and pattern.startswith(r"\b(?:in|during") and not re.search(
                r"\b(?:in|during|for|of|since)\s+may\b|\bmay\s+20\d\d", text
            ):
                continue  # "may" the verb
            found.append((start, end, resolver(match)))
            taken.append((start, end))
    found.sort(key=lambda item: item[0])
    window = found[0][2] if found else None
    baseline = None
    if len(found) > 1:
        first, second = found[0], found[1]
        if _BASELINE_CUE.search(text[: second[0]].rstrip()) or "compar" in text:
            baseline = second[2]
        else:  # "from August to October" style written as two expressions: cover both
            window = TimeWindow(
                start=min(first[2].start, second[2].start),
                end=max(first[2].end, second[2].end),
                label=f"{first[2].label} – {second[2].label}",
            )
    if window is not None and baseline is None and want_baseline:
        baseline = previous_window(window)
    return Resolved(window=window, baseline=baseline, spans=[(s, e) for s, e, _ in found])
