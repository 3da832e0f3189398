"""A number given in parts: a customer reads a card or an account number over two turns, the agent
saying only "mhm" between ("4183 466" – "mhm" – "then 818 234"). Neither part is a number any
detector knows; the two read as one are.

``across()`` reads the end of the first turn's number and the second turn from its first number
on as one text, and returns each turn's share of what crosses between them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.pii.core import Doc, Finding
from ingest.pii.spoken import NUMBER_WORDS

ACKNOWLEDGEMENT_WORDS = 5  # an agent's turn of this few words and no question only lets the customer go on
JOINED = frozenset({"card", "bank", "phone", "national_id"})  # what is read out in parts
_NUMBER = re.compile(r"[0-9]+|\b(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.I)
_WORD = re.compile(r"\w+")
_CONTINUE = frozenset({"rest", "next", "remaining", "continue", "on", "going"})  # "the rest?", "go on", "keep going"
_TYPED = re.compile(r"(?<![\w.])[0-9](?:[ -]?[0-9]){2,}")

Find = Callable[[str], list[Finding]]  # the findings in a customer's text, read as the answer it was


def acknowledges(text: str) -> bool:
    """Whether an agent's turn only lets the customer go on ("mhm", "okay", "Yep, go on.", "got it,
    rest of it?"), after reading back what they gave so far ("so that's 0809 432 9759, ok go on")."""
    words = _WORD.findall(text.lower())
    if len(words) <= ACKNOWLEDGEMENT_WORDS and ("?" not in text or not _CONTINUE.isdisjoint(words)):
        return True
    numbers = list(_NUMBER.finditer(text))
    tail = _WORD.findall(text[numbers[-1].end():].lower()) if numbers else []
    return 0 < len(tail) <= ACKNOWLEDGEMENT_WORDS and not _CONTINUE.isdisjoint(tail)


def number_left(text: str, findings: list[Finding]) -> bool:
    """Whether ``text`` holds a number of three digits or more that no finding covers."""
    doc = Doc(text)
    said = [doc.original(start, end) for start, end in doc.view.runs if end - start >= 3]
    typed = [m.span() for m in _TYPED.finditer(text)]
    return any(span and not any(f.start < span[1] and span[0] < f.end for f in findings) for span in said + typed)


def across(first: str, second: str, find: Find) -> tuple[list[Finding], list[Finding]]:
    """What ``find`` finds in the number that runs from the end of ``first`` into ``second``, as
    each turn's part of it (nothing when no finding crosses)."""
    last = [m for m in _NUMBER.finditer(first)]
    begin = _NUMBER.search(second)
    if not last or begin is None:
        return [], []
    cut, start = last[-1].end(), begin.start()
    joined = first[:cut] + " " + second[start:]
    ours, theirs = [], []
    for f in find(joined):
        if f.entity in JOINED and f.start < cut and f.end > cut + 1:
            ours.append(f.model_copy(update={"end": cut}))
            theirs.append(f.model_copy(update={"start": start, "end": start + f.end - cut - 1}))
    return ours, theirs
