"""A number given in parts: a customer reads a card or an account number over two turns, the agent
saying only "mhm" between ("4183 466" – "mhm" – "then 818 234"). Neither part is a number any
detector knows; the two read as one are.

``across()`` reads the end of the first turn's number and the second turn from its first number
on as one text, and returns each turn's share of what crosses between them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.pii import finance
from ingest.pii.core import Doc, Finding, asked
from ingest.pii.spoken import NUMBER_WORDS, view

ACKNOWLEDGEMENT_WORDS = 5  # an agent's turn of this few words and no question only lets the customer go on
JOINED = frozenset({"card", "bank", "phone", "national_id"})  # what is read out in parts
MAX_PARTS = 5  # turns one number is read out over at most
_NUMBER = re.compile(r"[0-9]+|\b(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.I)
_WORD = re.compile(r"\w+")
# "the rest?", "go on", "keep going", a piece read back "and then"
_CONTINUE = frozenset({"rest", "next", "remaining", "continue", "on", "going", "then"})
PROMPT_WORDS = 2
PROMPT_MAX_WORDS = 8  # a prompt for the rest of a number, with a word or two of thanks before it
_REST = frozenset({"rest", "next", "remaining", "continue"})
_CUT_OUT = re.compile(r"\b(?:cut out|broke up|breaking up|lost you|dropped out|went quiet)\b[^.?!]{0,12}\bafter\s*$",
                      re.I)
_ASKING = frozenset("what which who whom whose when where why how is are was were can could do does did will would "
                    "should may have has".split())  # a question of its own, not a prompt to go on
_TYPED = re.compile(r"(?<![\w.])[A-Za-z]?[0-9](?:[ -]?[0-9]){2,}")  # "4183 466", an id begun "s571"

Find = Callable[[str], list[Finding]]  # the findings in a customer's text, read as the answer it was


def acknowledges(text: str) -> bool:
    """Whether an agent's turn only lets the customer go on ("mhm", "okay", "Yep, go on.", "got it,
    rest of it?", "Yes?"), after reading back what they gave so far ("so that's 0809 432 9759, ok go on")."""
    words = _WORD.findall(text.lower())
    if len(words) <= ACKNOWLEDGEMENT_WORDS and ("?" not in text or not _CONTINUE.isdisjoint(words)):
        return not asked(text)  # "and the sort code": short, but asking for something else
    if len(words) <= PROMPT_WORDS and _ASKING.isdisjoint(words):  # "Yes?", "And?", "Okay?": asking for the rest
        return not asked(text)
    if len(words) <= PROMPT_MAX_WORDS and not _REST.isdisjoint(words) and not asks(text):
        return not asked(text)  # "Got that, and the rest please?", "lovely, and the next bit of it"
    numbers = list(_NUMBER.finditer(text))
    if numbers and _CUT_OUT.search(text, 0, numbers[0].start()) and not asked(text):
        return True  # "sorry you cut out after four six six five six one six four"
    tail = _WORD.findall(text[numbers[-1].end():].lower()) if numbers else []
    return 0 < len(tail) <= ACKNOWLEDGEMENT_WORDS and not _CONTINUE.isdisjoint(tail) and not asked(text)


def names_next(text: str) -> tuple[str, ...]:
    """What a customer's turn of a few words and no number says comes next ("right account number",
    "okay the iban number is", "right clabe"): read the next turn as the answer to it."""
    words = _WORD.findall(text.lower())
    if len(words) > NAMING_WORDS or _NUMBER.search(text):
        return ()
    return tuple(q for q in asked(text) if q not in ("name", "address"))


NAMING_WORDS = 8


def asks(text: str) -> bool:
    """Whether a turn is a question of its own, question mark or not ("what speed were you going")."""
    words = _WORD.findall(text.lower())
    return bool(words) and words[0] in _ASKING


def number_left(text: str, findings: list[Finding]) -> bool:
    """Whether ``text`` holds a number of three digits or more that no finding covers (spoken
    ones too, "it's oh nine oh", which alone is too short for the digit view ``Doc`` builds).
    A turn that is nothing but a number may hold two digits ("three three", "97"): a piece."""
    doc = Doc(text)
    if not doc.view.runs and _NUMBER.search(text):
        doc.__dict__["view"] = view(text)
    alone = only_number(text)
    said = [doc.original(start, end) for start, end in doc.view.runs if end - start >= (2 if alone else 3)]
    typed = [m.span() for m in (_PIECE if alone else _TYPED).finditer(text)]
    return any(span and not any(f.start < span[1] and span[0] < f.end for f in findings) for span in said + typed)


def ends_in_number(text: str, findings: list[Finding]) -> bool:
    """Whether ``text`` ends with a number found whole (an account number, a phone number): the
    customer may still be reading it ("… four two five one" / "uh huh" / "zero")."""
    end = len(text.rstrip(" .,;!?"))
    return any(f.entity in JOINED and f.end >= end for f in findings)


def last_digits(text: str) -> bool:
    """Whether a turn is nothing but the rest of a number ("zero", "three eight", "seven zero three six
    eight two seven five"), not a number of its own length (a phone number, a card)."""
    return only_number(text) and 0 < sum(c.isdigit() for c in view(text).text) <= LAST_DIGITS


LAST_DIGITS = 12


def only_number(text: str) -> bool:
    """Whether a turn says nothing but (a piece of) a number: "it's oh nine oh", "97", "then 418"."""
    rest = _DONE.sub(" ", _NUMBER.sub(" ", text))
    return bool(_NUMBER.search(text)) and len(_WORD.findall(rest)) <= ASIDE_WORDS


_DONE = re.compile(r"\bthat(?:'s|s| is) (?:it|all)\b", re.I)  # "… one that's it"
ASIDE_WORDS = 2  # "it's", "um", "then": what a turn that only gives a piece of a number says besides
_PIECE = re.compile(r"(?<![\w.])[A-Za-z]?[0-9](?:[ -]?[0-9])+")


def across(texts: list[str], find: Find) -> list[list[Finding]]:
    """What ``find`` finds in the number that runs from the end of ``texts[0]`` through every
    turn after it ("four six five four" / "go on" / "six eight three seven" / … / "ninety one
    twenty"), as each turn's part of it (nothing when no finding crosses a turn)."""
    pieces: list[tuple[int, int]] = []  # per turn, the stretch of it that goes into the number
    for k, text in enumerate(texts):
        numbers = list(_NUMBER.finditer(text))
        if not numbers:
            return [[] for _ in texts]
        pieces.append((0 if k == 0 else numbers[0].start(), len(text) if k == len(texts) - 1 else numbers[-1].end()))
    # the pieces read with a space between them ("4301 7713 …"), else as one code ("s571" "9335b": S5719335B)
    for glue in (" ", ""):
        parts = _crossing(texts, pieces, glue, find)
        if any(parts):
            return parts
    return parts


def _crossing(texts: list[str], pieces: list[tuple[int, int]], glue: str, find: Find) -> list[list[Finding]]:
    """The findings of ``find`` in the pieces joined by ``glue`` that cross from one turn to the
    next, as each turn's share."""
    joined, at = "", []
    for text, (begin, end) in zip(texts, pieces, strict=True):
        joined += (glue if joined else "")
        at.append(len(joined))
        joined += text[begin:end]
    parts: list[list[Finding]] = [[] for _ in texts]
    for f in find(joined):
        touched = [k for k, (begin, end) in enumerate(pieces) if f.start < at[k] + end - begin and at[k] < f.end]
        if f.entity not in JOINED or len(touched) < 2:
            continue
        for k in touched:
            begin, end = pieces[k]
            lo, hi = max(f.start, at[k]) - at[k] + begin, min(f.end, at[k] + end - begin) - at[k] + begin
            parts[k].append(f.model_copy(update={"start": lo, "end": hi}))
    return parts


_AT = re.compile(r"\bat\b|(?<![\w.])@(?=[A-Za-z0-9])", re.I)
_EMAIL_LEAD = "email "


def spoken_email(first: str, second: str, find: Find) -> tuple[list[Finding], list[Finding]]:
    """An e-mail address said over two turns, the agent letting the customer go on between: the
    user part in the first ("it's nwosu dot chinedu"), "at" and the domain in the second ("yeah and
    then at gmail dot com"). Read as one answer to a question for an e-mail; each turn's share of
    an address that crosses between them (nothing when none does)."""
    at = _AT.search(second)
    if at is None:
        return [], []
    gap = "" if at.group() == "@" else " "  # typed, "k.mutua00" / "@icloud.com" joins with nothing between
    joined = f"{_EMAIL_LEAD}{first.strip()}{gap}{second[at.start():]}"
    split = len(_EMAIL_LEAD) + len(first.strip())  # the first turn ends here; the second's "at" starts on
    shift = split + len(gap) - at.start()
    out: tuple[list[Finding], list[Finding]] = ([], [])
    for f in find(joined):
        if f.entity != "email" or not (f.start < split < f.end):
            continue
        lead = len(first) - len(first.lstrip())
        out[0].append(f.model_copy(update={"start": max(f.start - len(_EMAIL_LEAD), 0) + lead,
                                           "end": len(first.rstrip())}))
        out[1].append(f.model_copy(update={"start": at.start(), "end": f.end - shift}))
    return out


HALF_ASIDE = 3  # words said after a card's first part, or before its second ("it's a visa um …")


def card_halves(turns: list[tuple[str, str | None]], found: list[list[Finding]]) -> list[list[Finding]]:
    """``found`` with a card read out over two of the customer's turns, the agent only letting them
    go on between, taken in both ("it's a visa um five three four seven nine nine two eight" /
    "okay go on" / "nine seven six nine uh four four three five"): the number that ends the first and
    the one that opens the second (``finance.card_halves``). Neither half is a number any detector
    knows, nor an answer to a question it heard."""
    out = [list(f) for f in found]
    customer = [i for i, (_, speaker) in enumerate(turns) if speaker == "customer"]
    docs: dict[int, Doc] = {}  # a turn is the second of one pair and the first of the next: its view read once
    for i, j in zip(customer, customer[1:]):
        if j - i > 2 or j - i == 2 and not acknowledges(turns[i + 1][0]):
            continue
        for k in (i, j):
            if k not in docs:
                docs[k] = Doc(turns[k][0])
        first, second = docs[i], docs[j]
        if not first.view.runs or not second.view.runs:
            continue
        (a, b), (c, d) = first.view.runs[-1], second.view.runs[0]
        if (len(first.view.text[b:].split()) > HALF_ASIDE or len(second.view.text[:c].split()) > HALF_ASIDE
                or not finance.card_halves(first.view.text[a:b], second.view.text[c:d])
                or not finance.card_part(first, a, b) or not finance.card_part(second, c, d)):
            continue
        for k, doc, (start, end) in ((i, first, (a, b)), (j, second, (c, d))):
            span = doc.original(start, end)
            if span and not any(f.start < span[1] and span[0] < f.end for f in out[k]):
                out[k] = sorted([*out[k], Finding.model_construct(start=span[0], end=span[1], entity="card",
                                                                  token="[CARD]")], key=lambda f: f.start)
    return out
