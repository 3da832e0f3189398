"""An id told after its name: "the Steuer-ID is 68 091 610 255", "my codice fiscale is
RMNSRA98B43L219O", "we have recorded your tax identification number as 703400829000", "the
codice fiscale on my documents is c l m f r c five five c five oh f eight three nine w".

The national-id file's patterns and checksums decide for a number that merely comes near an id's
name; a value the text says *is* the id (its name, a few words at most, then "is", "was", "as",
"reads" or a colon) is that id whatever its grouping or check digits: a customer's mistyped id is
still theirs. The names are the national-id file's context words (the user's to edit) and the
general English names of such numbers below."""

from __future__ import annotations

import re

from ingest.pii.core import OF_A_RECORD, Doc, Span, is_cue

# general English names of an identity or tax number (the file adds each country's own)
GENERAL_NAMES = ("national id", "national identity number", "identity number", "id number", "id card",
                 "identity card", "identity document", "tax id", "tax identification number", "taxpayer id",
                 "taxpayer identification number", "tin", "tax file number", "tax number", "social security number",
                 "social security", "ssn", "national insurance number", "national insurance", "ni number",
                 "personal number", "personal identity number", "passport", "driving licence", "driver's license")
_WHOSE_ID = ("my id", "your id", "his id", "her id", "their id")
# what may follow the name before the telling word: "number", "no.", "on my documents", "you have on file"
_AFTER_NAME = r"(?:[ \t]+(?:number|no\.?|num|#|code|card))*(?P<between>(?:[ \t]+(?!is\b|was\b|as\b)[a-z']+){0,4}?)"
_TELLS = r"[ \t]*(?:(?:is|was|reads|as)\b[ \t:]*|[:=][ \t]*|[ \t]-[ \t]+|[ \t]+below:?[ \t]*\n[ \t]*)(?:\n[ \t]*)?"
# a value's pieces: a run with a digit in it ("68", "RMNSRA98B43L219O", "qry496581"), or a letter said or
# typed alone ("c l m f r c 55 c ..."); two or three capitals typed together ("QM7" aside, "TS 34 …")
_PIECE = re.compile(r"[A-Za-z0-9]*[0-9][A-Za-z0-9]*|[A-Za-z](?![A-Za-z0-9])|[A-Z]{2,3}(?![A-Za-z0-9])")
_SEPARATOR = re.compile(r"[ .\-/]")
_LAST_WORDS = frozenset({"a", "i", "A", "I"})  # a letter that ends a value may be the next sentence's word
MOST_PIECES = 24


class ToldIds:
    """The detector of ids told after their name, for the names in ``words`` and ``GENERAL_NAMES``."""

    def __init__(self, words: tuple[str, ...]) -> None:
        # "id" alone in capitals or after whose it is ("ID: 43352474G", "my id is …"): "Correct id is
        # LKU6FY05K8" is a transaction's
        names = sorted({*(w.lower() for w in words if w.lower() != "id"), *GENERAL_NAMES, *_WHOSE_ID}, key=len,
                       reverse=True)
        alternatives = "|".join([*(re.escape(n).replace(r"\ ", r"[ \t]+") for n in names), "(?-i:ID)"])
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-]){_AFTER_NAME}{_TELLS}", re.I)
        self.first = frozenset({"id", *(n.split()[0].replace("'", "") for n in names)})

    def __call__(self, doc: Doc) -> list[Span]:
        if not doc.numeric or self.first.isdisjoint(w.replace("'", "") for w in doc.vocabulary):
            return []
        text = doc.view.text
        found = []
        for m in self.pattern.finditer(text):
            if OF_A_RECORD.search(text, max(0, m.start() - 24), m.start()):  # "the booking id is …": a record's
                continue
            if any(map(is_cue, m.group("between").split())):  # "passport yeah my reference is …": another value's name
                continue
            end = value_end(text, m.end())
            if end is not None:
                found.append((m.end(), end))
        return doc.spans(found, "[NATIONAL_ID]")


def value_end(text: str, start: int) -> int | None:
    """Where the code told at ``start`` ends: its pieces, one separator between them, with five
    digits at least (four with two letters); None when there is no such code."""
    pieces: list[tuple[str, int]] = []
    at = start
    while len(pieces) < MOST_PIECES and (piece := _PIECE.match(text, at)):
        pieces.append((piece.group(0), piece.end()))
        gap = _SEPARATOR.match(text, piece.end())
        if gap is None:
            break
        at = gap.end()
    while pieces and pieces[-1][0] in _LAST_WORDS:
        pieces.pop()
    if not pieces:
        return None
    value = "".join(piece for piece, _ in pieces)
    digits = sum(c.isdigit() for c in value)
    letters = len(value) - digits
    return pieces[-1][1] if digits >= 5 or digits >= 4 and letters >= 2 else None
