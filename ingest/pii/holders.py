"""Names of the other people whose details a customer gives, found by what is said of them: "aishwarya
sharma's number is …", "the account's in zhi hao chua's name", "for jerome bautista it's 1266 …", "it's
my dad's account krzysztof zielinski". A third person's name is as private as the customer's own.

Each name's words must be no general English (``words.name_like``), and capitalised in typed text;
a name read before its detail is the run of such words just before it (two at least: "check if
aishwarya sharma's number" → "aishwarya sharma"; one word there is as often a firm's: "Amazon's number").
"""

from __future__ import annotations

import re

from ingest.pii import words as vocab
from ingest.pii.name_cues import RELATION

_W = r"[^\W\d_]+(?:['’-](?!s\b)[^\W\d_]+)*"
_RUN = rf"(?P<name>{_W}(?:[ \t]+{_W}){{0,3}})"
# what a person has that a customer gives: "aishwarya sharma's number is", "Luana's date of birth" (not what a
# business has as well: "St Aldric's booking line", "Tesco's card")
_DETAIL = (r"(?:(?:new|old|mobile|home|work|phone|contact|e-?mail|bank|card|account)[ \t]+)?"
           r"(?:number|phone|mobile|e-?mail(?:[ \t]+address)?|address|postcode|date[ \t]+of[ \t]+birth|birthday|dob"
           r"|passport|licen[cs]e)\b")
_DETERMINER = re.compile(r"\b(?:the|a|an|your|our|their|his|her|my|this|that|each|every|any)[ \t]+$", re.I)
_BEFORE = [  # (pattern, fewest words): the name is the run of name words that ends where the pattern's group does
    (re.compile(rf"{_RUN}['’]s[ \t]+{_DETAIL}", re.I), 2),
    (re.compile(rf"\b(?:in|under)[ \t]+{_RUN}['’]s[ \t]+name\b", re.I), 1),  # "the account's in zhi hao chua's name"
    # "for jerome bautista it's one two six six …": a detail given for someone
    (re.compile(rf"\bfor[ \t]+{_RUN}[ \t,]+(?:it['’]?s|its|it is|that['’]?s)[ \t]+(?=\+?[0-9])", re.I), 2),
]
# the name after what it holds: "it's my dad's account krzysztof zielinski", "my mum's card fleur hendriks"
_AFTER = re.compile(rf"\b(?:my|our|his|her|their)[ \t]+{RELATION}['’]s[ \t]+(?:account|card|booking|policy|details"
                    rf"|number)[ \t]+(?:is[ \t]+)?{_RUN}", re.I)


def _name(word: str, typed: bool) -> bool:
    return vocab.name_like(word) and (not typed or word[0].isupper())


def holders(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names a person by a detail given for them (the module docstring)."""
    possessive = "'s" in text or "’s" in text
    if not possessive and not ("for " in text.lower() and any(c.isdigit() for c in text)):
        return []  # what every pattern needs: a name's "'s", or "for X it's <number>"
    typed = text != text.lower()
    found = []
    for pattern, fewest in _BEFORE if possessive else _BEFORE[2:]:
        for m in pattern.finditer(text):
            words = list(re.finditer(_W, m.group("name")))
            kept = 0
            while kept < len(words) and _name(words[-1 - kept].group(), typed):
                kept += 1
            start = m.start("name") + words[-kept].start() if kept else 0
            if kept >= fewest and not _DETERMINER.search(text, 0, start):  # not "the lead passenger's date of birth"
                found.append((start, m.end("name")))
    for m in _AFTER.finditer(text) if possessive else ():
        words = list(re.finditer(_W, m.group("name")))
        kept = 0
        while kept < len(words) and _name(words[kept].group(), typed):
            kept += 1
        if kept:
            found.append((m.start("name"), m.start("name") + words[kept - 1].end()))
    return sorted(found)
