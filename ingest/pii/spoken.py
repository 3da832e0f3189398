"""Numbers read out as words, turned into digits so that the number patterns find them too.

Speech-to-text writes "five five five one four two eight six four seven", "oh seven seven
double oh nine", "twelve thirty four fifty six" or "five five five 142 8647". ``view()``
rewrites each run of such words as one block of digits ("5551428647") and keeps a map back to
the original characters, so a finding in the view redacts the words that said it.

The rules: a run is number words and typed digits with only spaces, commas, dots or dashes
between them, and at least one number word. Inside a run each word is read as people say
numbers: units one by one ("five five" = 55), "oh"/"o" for zero (only next to other number
words), "double"/"triple" repeat the next digit, tens take a following unit ("eighty six" =
86), "hundred"/"thousand" scale what came before ("eight hundred" = 800, "two thousand and
three" = 2003), "plus" before a run is the ``+`` of an international number, and fillers
(uh, um, er, "you know") are dropped everywhere, so that cue words meet ("sort, uh, code").

A self-correction, a pause or a read-on word between number words (``repairs.py``: "two zero four
nine sorry eight one", "let me check", "yeah") belongs to the run: the whole run maps to one block
of digits, so a finding in it redacts all of it. What it stands for is not certain, so the run keeps
its ``readings``: the likeliest first (after a correction the digits just before it replaced by
those after it, as many as the repair repeats when it starts again from an earlier digit, "nine
nine sorry nine two" = 92, else the last number said; after a pause all of them kept), then the
others (all kept, the last number said replaced), which the view's
``variants()`` spell out for the detectors that check a number.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import product

from ingest.pii.repairs import FILLERS, MAX_CHUNK, WORDS, pauses_on_one, phrase_at

UNITS = {word: value for value, word in enumerate("zero one two three four five six seven eight nine".split())}
TEENS = {word: value + 10 for value, word in enumerate(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {word: (value + 2) * 10 for value, word in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_ZEROS = {"zero", "nought", "oh", "o"}  # "oh" and "o" only next to other number words
REPEAT = {"double": 2, "triple": 3}
_SCALES = {"hundred": 100, "thousand": 1000}
# the ICAO spelling alphabet callers and agents spell codes with: "b one five two foxtrot t"
SPELLING_ALPHABET = {word: word[0] for word in (
    "alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima mike november oscar papa "
    "quebec romeo sierra tango uniform victor whiskey whisky x-ray xray yankee zulu").split()}
_ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"}
# "one" after these, and before no other number word, is a pronoun: "use this one 5172 3300 4716 5008"
# ("is that one two three four" reads a number out)
BEFORE_PRONOUN_ONE = {"this", "that", "the", "which", "another", "new", "old", "each", "every", "any", "last",
                       "other", "same", "only", "latest", "newer", "older"}
NUMBER_WORDS = frozenset(UNITS) | TEENS.keys() | TENS.keys() | REPEAT.keys() | _SCALES.keys() | {"nought", "oh"}
_MAX_READINGS = 32

_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+")
_GAP = re.compile(r"[\s,.\-]*")


@dataclass
class View:
    """``text`` with spoken numbers as digits; ``pieces`` map view spans back to the original."""

    text: str
    pieces: list[tuple[int, int, int, int]] = field(default_factory=list)  # view start, end; original start, end
    runs: list[tuple[int, int]] = field(default_factory=list)  # view spans of the spoken runs
    # the runs with a correction in them: view span and the digits each may stand for, the likeliest
    # (the one in ``text``) first
    corrected: list[tuple[int, int, list[str]]] = field(default_factory=list)

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the view span ``start:end`` (a part of a number word takes the word)."""
        if not self.pieces:
            return start, end
        starts = [p[0] for p in self.pieces]
        i = bisect_right(starts, start) - 1
        if i < 0:
            o_start = start
        else:
            v0, v1, o0, o1 = self.pieces[i]
            o_start = o0 if start < v1 else start - v1 + o1
        j = bisect_left(starts, end) - 1
        if j < 0:
            return o_start, end
        v0, v1, o0, o1 = self.pieces[j]
        return o_start, (o1 if end <= v1 else end - v1 + o1)

    def spoken(self, start: int, end: int) -> bool:
        """Whether the view span ``start:end`` holds digits that were said as words."""
        return any(v0 < end and start < v1 for v0, v1 in self.runs)

    def variants(self, keep: Callable[[int], bool] = lambda start: True) -> list[View]:
        """This view with a corrected run read another way, one for each other reading of each
        corrected run whose view start ``keep`` accepts (its spans map back as this view's do), 32
        at most."""
        out = []
        for start, end, readings in self.corrected:
            if not keep(start):
                continue
            for digits in readings[1:]:
                shift = len(digits) - (end - start)
                pieces = [p if p[1] <= start else (p[0], p[0] + len(digits), *p[2:]) if p[0] == start
                          else (p[0] + shift, p[1] + shift, *p[2:]) for p in self.pieces]
                runs = [r if r[1] <= start else (start, start + len(digits)) if r[0] == start
                        else (r[0] + shift, r[1] + shift) for r in self.runs]
                out.append(View(self.text[:start] + digits + self.text[end:], pieces, runs))
                if len(out) == _MAX_READINGS:
                    return out  # enough for any turn a person says
        return out


def view(text: str) -> View:
    """``text`` with every run of spoken numbers as digits and fillers dropped."""
    tokens = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)]
    result, out, done, i = View(""), [], 0, 0
    gaps: list[tuple[int, int, bool]] = []

    def emit(start: int, end: int, pieces: list[tuple[int, int, str]]) -> None:
        """Original ``start:end`` replaced by ``pieces``: (original start, end, digits) each."""
        nonlocal done
        out.append(text[done:start])
        position = sum(map(len, out))
        first = position
        for o_start, o_end, digits in pieces:
            result.pieces.append((position, position + len(digits), o_start, o_end))
            out.append(digits)
            position += len(digits)
        if position > first:
            result.runs.append((first, position))
        done = end

    while i < len(tokens):
        j = _run_end(text, tokens, i, gaps)
        if j is not None and any(_is_word(tokens[k][2]) for k in range(i, j + 1)):
            if gaps:  # one block for the whole run, its readings kept
                readings = _readings(tokens, i, j, gaps)
                emit(tokens[i][0], tokens[j][1], [(tokens[i][0], tokens[j][1], readings[0])])
                result.corrected.append((*result.runs[-1], readings))
            else:
                emit(tokens[i][0], tokens[j][1], [(tokens[a][0], tokens[b][1], digits)
                                                   for a, b, digits in _read(tokens[i:j + 1], i)])
            i = j + 1
            continue
        gloss = _gloss_end(text, tokens, i)
        if gloss is not None:  # "j for jack t as in tommy two six …": the letters, not their words
            emit(tokens[i][1], tokens[gloss][1], [(tokens[i][1], tokens[gloss][1], "")])
            i = gloss + 1
            continue
        filler = _filler_end(text, tokens, i)
        if filler is not None:
            start = len(text[done:tokens[i][0]].rstrip(" \t,")) + done
            end = tokens[filler][1] + (text[tokens[filler][1]:tokens[filler][1] + 1] == ",")
            emit(start, end, [(start, end, "")])
            i = filler + 1
            continue
        i += 1
    out.append(text[done:])
    result.text = "".join(out)
    return result


def _gloss_end(text: str, tokens: list[tuple[int, int, str]], i: int) -> int | None:
    """The last token of a letter's spelling word after it ("j for jack", "t as in tommy": a word
    starting with that letter), when token ``i`` is a single letter; else None."""
    letter = tokens[i][2]
    if len(letter) != 1 or not letter.isalpha():
        return None
    k = i + 1
    if k < len(tokens) and tokens[k][2] == "for":
        k += 1
    elif k + 1 < len(tokens) and tokens[k][2] == "as" and tokens[k + 1][2] == "in":
        k += 2
    else:
        return None
    if k >= len(tokens) or len(tokens[k][2]) < 2 or tokens[k][2][0] != letter or _is_word(tokens[k][2]):
        return None
    if any(text[tokens[m - 1][1]:tokens[m][0]].strip(" \t") for m in range(i + 1, k + 1)):
        return None  # one phrase, only spaces between
    return k


def _filler_end(text: str, tokens: list[tuple[int, int, str]], i: int) -> int | None:
    """The last token of a filler starting at token ``i`` ("uh", "you know"), or None; not one that is
    part of a word ("Soo-ah")."""
    if tokens[i][2] in FILLERS:
        start, end = tokens[i][:2]
        glued = (start >= 2 and text[start - 1] in "-'’" and text[start - 2].isalpha()
                 or text[end:end + 1] in ("-", "'", "’") and text[end + 1:end + 2].isalpha())
        return None if glued else i
    if tokens[i][2] == "you" and i + 1 < len(tokens) and tokens[i + 1][2] == "know" and i + 2 < len(tokens):
        return i + 1
    return None


def _is_word(word: str) -> bool:
    return word in NUMBER_WORDS or word in _ZEROS


def _numeric(text: str, tokens: list[tuple[int, int, str]], k: int) -> bool:
    """Whether token ``k`` is a number on its own: a number word, or digits not glued to letters
    (the 4 of "4K" is not)."""
    start, end, word = tokens[k]
    if word.isdigit():
        return not (text[start - 1:start].isalpha() or text[end:end + 1].isalpha())
    if word in TENS:  # "twenty seventh" is a day of the month
        return not (k + 1 < len(tokens) and tokens[k + 1][2] in _ORDINALS)
    if (word == "one" and k > 0 and tokens[k - 1][2] in BEFORE_PRONOUN_ONE and _joined(text, tokens, k)
            and not (k + 1 < len(tokens) and _joined(text, tokens, k + 1) and _is_word(tokens[k + 1][2]))):
        return False
    return word in UNITS or word in TEENS or word == "nought"


def _joined(text: str, tokens: list[tuple[int, int, str]], k: int) -> bool:
    """Whether token ``k`` follows token ``k - 1`` with only separators between."""
    return k > 0 and _GAP.fullmatch(text, tokens[k - 1][1], tokens[k][0]) is not None


def _next_number(text: str, tokens: list[tuple[int, int, str]], k: int) -> bool:
    """Whether a number follows token ``k`` (through fillers), joined to it."""
    k += 1
    while k < len(tokens) and _joined(text, tokens, k) and tokens[k][2] in FILLERS:
        k += 1
    return k < len(tokens) and _joined(text, tokens, k) and (_numeric(text, tokens, k) or tokens[k][2] in _ZEROS
                                                            or tokens[k][2] in REPEAT)


def _starts_number(text: str, tokens: list[tuple[int, int, str]], k: int) -> bool:
    word = tokens[k][2]
    return _numeric(text, tokens, k) or ((word in _ZEROS or word in REPEAT) and _next_number(text, tokens, k))


def _repair(text: str, tokens: list[tuple[int, int, str]], k: int) -> tuple[int, bool] | None:
    """The last token of the corrections, hesitations and fillers from token ``k`` on, and
    whether one corrects, when a number follows them; else None."""
    said, corrects, read_on, closing, start = 0, False, False, False, k
    while k < len(tokens) and _joined(text, tokens, k) and tokens[k][2] in WORDS:
        if tokens[k][2] in FILLERS:
            k += 1
            continue
        found = phrase_at([t[2] for t in tokens[k:k + 4]], 0)
        if found is None:
            break
        length, kind = found
        if (said == 3 or not all(_joined(text, tokens, n) for n in range(k + 1, k + length))
                or kind == "resume" and not corrects):
            return None
        said, corrects, k = said + 1, corrects or kind == "correction", k + length
        read_on, closing = read_on or kind in ("read_on", "closing"), closing or kind == "closing"
    if not said or k >= len(tokens) or not _joined(text, tokens, k) or not _starts_number(text, tokens, k):
        return None
    before = _digits_before(text, tokens, start)
    if read_on and not (before and (before <= MAX_CHUNK or not closing) and _digit_said(tokens[k][2])):
        return None
    return k - 1, corrects


def _digits_before(text: str, tokens: list[tuple[int, int, str]], k: int) -> int:
    """How many digits were said one by one just before token ``k`` (fillers aside)."""
    said = 0
    while k > 0 and (_digit_said(tokens[k - 1][2]) or tokens[k - 1][2] in FILLERS):
        said, k = said + (tokens[k - 1][2] not in FILLERS), k - 1
        if not _joined(text, tokens, k):
            break
    return said


def _digit_said(word: str) -> bool:
    """Whether ``word`` reads one digit (or repeats the next): "seven", "oh", "double", "4"."""
    return word in UNITS or word in _ZEROS or word in REPEAT or len(word) == 1 and word.isdigit()


def _run_end(text: str, tokens: list[tuple[int, int, str]], i: int, gaps: list[tuple[int, int, bool]]) -> int | None:
    """The last token of the run that starts at token ``i``, or None when none starts there;
    ``gaps`` gets the corrections and hesitations in it: first and last token, whether it corrects."""
    word = tokens[i][2]
    if not (_numeric(text, tokens, i) or ((word in _ZEROS or word in REPEAT or word == "plus")
                                    and _next_number(text, tokens, i))):
        return None
    gaps.clear()
    last, k = i, i + 1
    while k < len(tokens) and _joined(text, tokens, k):
        word, previous = tokens[k][2], tokens[last][2]
        if _numeric(text, tokens, k):
            ok = not pauses_on_one(word, tokens[k + 1][2] if k + 1 < len(tokens) else None)
        elif word in _ZEROS or word in REPEAT or word in FILLERS:
            ok = _next_number(text, tokens, k) or (word in _ZEROS and last == k - 1
                                                   and text[tokens[k][1]:tokens[k][1] + 1] not in ("'", "’"))
        elif word in _SCALES:
            ok = previous in UNITS or previous in TEENS or previous in TENS or previous in _SCALES
        else:
            ok = word == "and" and previous in _SCALES and _next_number(text, tokens, k)
        if not ok:
            repair = _repair(text, tokens, k) if word in WORDS else None
            if repair is None:
                break
            gaps.append((k, *repair))
            k = repair[0] + 1
            continue
        if word not in FILLERS:
            last = k
        k += 1
    return last


def _readings(tokens: list[tuple[int, int, str]], i: int, j: int, gaps: list[tuple[int, int, bool]]) -> list[str]:
    """The digits run ``i..j`` with corrections and hesitations (``gaps``) in it may stand for,
    the likeliest first: after a correction the digits just before it replaced by those after it
    (as many as the repair repeats when it starts again from one of them, else the last number
    said; all of them when the repair begins as the number did), after a hesitation all of them
    kept; then the other of those, and the last number said replaced."""
    bounds = [i, *(n for first, last, _ in gaps for n in (first - 1, last + 1)), j]
    reads = [_read(tokens[a:b + 1], a) for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
    said = ["".join(digits for _, _, digits in parts) for parts in reads]
    choices = []
    for n, (_, _, corrects) in enumerate(gaps, start=1):
        before, after = said[n - 1], said[n]
        last = min(len(reads[n - 1][-1][2]), len(before))
        repeated = next((k for k in range(min(4, len(before), len(after)), 0, -1) if before[-k] == after[0]), last)
        options = (repeated, last, 0) if corrects else (0, repeated, last)
        head = min(4, len(before))
        if corrects and n == 1 and head >= 2 and after[:head] == before[:head]:  # begun again from its start
            options = (len(before), *options)
        choices.append(list(dict.fromkeys(options)))
    readings: list[str] = []
    for cut in product(*choices):
        digits = said[0]
        for k, part in zip(cut, said[1:], strict=True):
            digits = digits[:len(digits) - k] + part
        if digits not in readings:
            readings.append(digits)
            if len(readings) == _MAX_READINGS:
                break
    return readings


@dataclass
class _Phrase:
    """One number said in words, being read: "two thousand and three" is one phrase."""

    first: int  # its first and last token
    last: int
    value: int  # below a thousand
    thousands: int = 0
    kind: str = "unit"  # the kind of its last word: unit, teen, tens, hundred, thousand, and


def _read(run: list[tuple[int, int, str]], offset: int) -> list[tuple[int, int, str]]:
    """(first token, last token, digits) for each number said in the run, in order."""
    parts: list[tuple[int, int, str]] = []
    phrase: _Phrase | None = None
    repeat, repeat_at = 1, 0

    def close() -> None:
        nonlocal phrase
        if phrase:
            parts.append((phrase.first, phrase.last, str(phrase.thousands + phrase.value)))
            phrase = None

    for k, (_, _, word) in enumerate(run, start=offset):
        kind = phrase.kind if phrase else None
        if word in FILLERS:
            continue
        if repeat > 1 and word not in UNITS and word not in _ZEROS:
            repeat = 1
        if word == "plus" or word.isdigit():
            close()
            parts.append((k, k, "+" if word == "plus" else word))
        elif word in REPEAT:
            close()
            repeat, repeat_at = REPEAT[word], k
        elif word in _ZEROS or (word in UNITS and repeat > 1):
            close()
            parts.append((repeat_at if repeat > 1 else k, k, str(UNITS.get(word, 0)) * repeat))
            repeat = 1
        elif phrase and word in UNITS and (kind in ("tens", "thousand", "and")
                                           or kind == "hundred" and not _unit_next(run, k - offset)):
            phrase.last, phrase.value, phrase.kind = k, phrase.value + UNITS[word], "unit"
        elif phrase and (word in TEENS or word in TENS) and kind in ("hundred", "thousand", "and"):
            phrase.last, phrase.value = k, phrase.value + (TEENS.get(word) or TENS[word])
            phrase.kind = "tens" if word in TENS else "teen"
        elif word in UNITS or word in TEENS or word in TENS:
            close()
            phrase = _Phrase(k, k, UNITS.get(word) or TEENS.get(word) or TENS[word],
                             kind="tens" if word in TENS else "unit")
        elif phrase and word == "hundred" and 0 < phrase.value < 100:
            phrase.last, phrase.value, phrase.kind = k, phrase.value * 100, "hundred"
        elif phrase and word == "thousand" and not phrase.thousands and phrase.value:
            phrase.last, phrase.thousands, phrase.value, phrase.kind = k, phrase.value * 1000, 0, "thousand"
        elif phrase and word == "and":
            phrase.kind = "and"
    close()
    return parts


def _unit_next(run: list[tuple[int, int, str]], k: int) -> bool:
    """Whether a unit follows run token ``k`` and its next: "eight hundred five five" is 800 5 5."""
    words = [word for _, _, word in run[k + 1:] if word not in FILLERS][:1]
    return bool(words) and (words[0] in UNITS or words[0] in _ZEROS)
