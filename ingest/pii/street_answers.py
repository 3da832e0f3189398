"""The answer to "your address?" read as a street line when nothing else found one: a house number and
the words after it, street names without a suffix ("52 the paddocks", "eighteen pairc an ri")."""

from __future__ import annotations

import re
from itertools import takewhile

from ingest.pii.continental import CONNECTORS as _CONNECTORS
from ingest.pii.core import Doc, Span
from ingest.pii.places import NOT_STREET, SAID_NUMBER, UNIT_WORD
from ingest.pii.postcodes import NOT_TOWN


def answered_street(doc: Doc) -> list[Span]:
    """In the answer to "your address?" / "house number and street?", a house number and the
    words after it, when no street, code or block was found: street names without a suffix
    ("52 the paddocks", "4667 boulevard saint-laurent", "eighteen pairc an ri"). Run after
    every other detector."""
    if doc.asked != "address" or not (doc.numeric or doc.said_numbers):
        return []
    text = doc.view.text
    for match in _ANSWER_STREET.finditer(text, len(doc.lead)):
        words = re.findall(r"[^\s,.]+", match.group("words"))
        if not words or words[0].lower() in NOT_STREET:
            continue
        kept = list(takewhile(lambda w: w.lower() not in NOT_TOWN or w.lower() in _CONNECTORS, words))
        if kept:
            end = match.start("words") + match.group("words").find(kept[-1]) + len(kept[-1])
            return doc.spans([(match.start(), end)], "[ADDRESS]")
    return []


# a house number (a flat before it) and up to five words: the street as an answer gives it
_ANSWER_STREET = re.compile(rf"(?<![\w£$€.,:/-])(?:{UNIT_WORD}\.?\s*#?\s*[0-9]{{1,5}}[A-Za-z]?,?\s+)?"
                            rf"(?:[0-9]{{1,5}}[A-Za-z]?|\b{SAID_NUMBER})\s+(?:the\s+)?(?P<words>[^\W\d_][\w'’-]*"
                            rf"(?:[ \t-]+[^\W\d_][\w'’-]*){{0,4}})", re.I)
