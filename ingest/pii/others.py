"""Names found by what is said of the person: "I was referred by Niamh Doyle", "my referee is
kavya chatterjee", "the landlord is theo chevalier", "ask for Signe Pedersen at reception",
"you'll have me down as Sota Takahashi", "call me khalid, everyone does", "Giulia Russo will
collect them", "and Divya Patel on 404-930-2650", "mateusz nowak from your team interviewed me",
"how do you spell Federica Colombo?", "can I confirm Dean's date of birth?". The customer's own name and other
people's are as private as each other.

Each word of a name is no general English (``words.name_like``), up to three of them, and
capitalised unless the sentence is written all in lower case (speech-to-text, a casual chat);
there, where a word list of general English is short, two words at least after most cues ("my
landlord was born …", "my dive buddy is vegetarian" are no names).
"""

from __future__ import annotations

import re

from ingest.pii import words as vocab
from ingest.pii.name_cues import FIRM, FIRM_AFTER, RELATION, sentence_lower

_W = r"[^\W\d_]+(?:['’-](?!s\b)[^\W\d_]+)*"
_RUN = rf"(?P<name>{_W}(?:[ \t]+{_W}){{0,2}})"
_ROLE = (rf"(?:(?:line|hiring|property|site)[ \t]+)?(?:referee|manager|supervisor|recruiter|interviewer|{RELATION})")
_AFTER = [  # (a word the cue holds, pattern, fewest words in lower-case text): the name after what is said of it
    ("by", re.compile(rf"\b(?:referred|recommended|introduced|interviewed)[ \t]+(?:me[ \t]+)?by[ \t]+{_RUN}", re.I), 2),
    (" is", re.compile(rf"\b(?:my|our|the)[ \t]+{_ROLE}[ \t]+(?:is|was|will be|['’]s)(?:[ \t]+(?:called|named))?"
                       rf"[ \t]+{_RUN}", re.I), 2),  # "the tenant is called Chiamaka Owusu"
    ("ask", re.compile(rf"\bask(?:ing)?[ \t]+for[ \t]+{_RUN}(?=[ \t]+(?:at|when|if)\b)", re.I), 2),
    ("down", re.compile(rf"\b(?:have|has|had|put|got)[ \t]+(?:me|us|him|her|them)[ \t]+down[ \t]+as[ \t]+{_RUN}",
                        re.I), 1),
    # "call me khalid, everyone does", "i go by sota but …": a first name alone, ending its clause
    ("me", re.compile(rf"\b(?:i[ \t]+go[ \t]+by|call[ \t]+me|that['’]?s[ \t]+me,?)[ \t]+{_RUN}(?=[ \t]*(?:[.,!?;]|$)"
                      r"|[ \t]+(?:everyone|everybody|but|and|please|thanks|i|i'm)\b)", re.I), 1),
    ("spell", re.compile(rf"\bhow[ \t]+(?:do|would|should)[ \t]+(?:you|i|we)[ \t]+spell[ \t]+{_RUN}", re.I), 2),
    ("under", re.compile(rf"\b(?:check|look|search)[ \t]+(?:it[ \t]+)?under[ \t]+{_RUN}", re.I), 2),
]
# a contact and their number, as lists of details give them: "Divya Patel on 404-930-2650"; not a date ("the
# Summer Raffle on 2024-12-10")
_ON_NUMBER = re.compile(r"[ \t]+on[ \t]+(?![0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4})"
                        r"(?=[+(]?[0-9](?:[ ().-]?[0-9]){6})")
# what only a person has: "Can I confirm Dean's date of birth?", "and Thabo's mobile?" (not "the lead passenger's")
_POSSESSED = re.compile(r"['’]s[ \t]+(?:date[ \t]+of[ \t]+birth|birthday|d\.?[ \t]?o\.?[ \t]?b\b|middle[ \t]+name"
                        r"|surname|maiden[ \t]+name|mobile)\b", re.I)
# the name before the cue: the run of name words that ends there (two at least, one before "is my name")
_BEFORE = [
    (re.compile(r"[ \t]+(?:will|can|['’]ll|is[ \t]+going[ \t]+to)[ \t]+(?:collect|pick|be[ \t]+(?:home|in|there"
                r"|around|available))\b", re.I), 2),
    (re.compile(r"[ \t]+from[ \t]+(?:your|the)[ \t]+(?:team|office|company|branch|shop|store|side)\b", re.I), 2),
    (re.compile(r"[ \t,]+is[ \t]+my[ \t]+name\b", re.I), 1),
    (_ON_NUMBER, 2),
    (re.compile(r"[ \t]+(?:is|was|will be)[ \t]+the[ \t]+(?:recipient|account[ \t]+holder|cardholder|tenant"
                r"|landlord|owner|guest|patient|candidate|applicant)\b", re.I), 2),
    (_POSSESSED, 1),
]
# "you can reach Sophie on …", the business says: whom the listener is told to contact, a colleague
_REACH = re.compile(r"\b(?:reach|call|ring|contact|text|try|ask[ \t]+for|speak[ \t]+to)(?:[ \t]+[^\W\d_]+){1,3}$",
                    re.I)
_TAIL = re.compile(rf"(?P<name>{_W}(?:[ \t]+{_W}){{0,2}})$")  # the last words before a cue


_DETERMINED = re.compile(r"\b(?:the|a|an|your|my|his|her|their|our|this|that|each|every)[ \t]+$", re.I)
_CONTRACTION = re.compile(r"[^\W\d_]+['’](?:ll|re|ve|d|m|t)", re.I)  # "he'll", "they're": not O'Brien


def _usable(text: str, start: int, end: int, at: int) -> bool:
    words = re.findall(_W, text[start:end])
    lower = sentence_lower(text, at, end)
    return bool(words) and all(vocab.name_like(w) and not _CONTRACTION.fullmatch(w) and (lower or w[0].isupper())
                               for w in words)


def others(text: str, business: bool = False) -> list[tuple[int, int]]:
    """Where ``text`` names a person by what it says of them (the module docstring); ``business``: the
    business wrote it, so one the listener is told to reach on a number, or to ask for, is a colleague."""
    lower = text.lower()
    found = []
    for word, pattern, fewest in _AFTER:
        for m in pattern.finditer(text) if word in lower and not (business and word == "ask") else ():
            words = list(re.finditer(_W, m.group("name")))
            kept = 0
            while kept < len(words) and _usable(text, m.start("name") + words[kept].start(),
                                                m.start("name") + words[kept].end(), m.start()):
                kept += 1
            typed = kept and text[m.start("name")].isupper()  # a capital where a name stands: one word will do
            if kept >= (1 if typed else fewest):
                found.append((m.start("name"), m.start("name") + words[kept - 1].end()))
    for pattern, fewest in _BEFORE:
        for m in pattern.finditer(text):
            begin = max(0, m.start() - 80)
            tail = _TAIL.search(text, begin, m.start())
            if tail is None:
                continue
            words = list(re.finditer(_W, tail.group("name")))
            kept = 0
            while kept < len(words) and _usable(text, tail.start("name") + words[-1 - kept].start(),
                                                tail.start("name") + words[-1 - kept].end(), tail.start("name")):
                kept += 1
            start = tail.start("name") + words[-kept].start() if kept else m.start()
            if pattern is _POSSESSED and _DETERMINED.search(text, begin, start):
                continue
            if kept >= fewest and not (business and pattern is _ON_NUMBER and _REACH.search(text, begin, m.start())):
                found.append((tail.start("name") + words[-kept].start(), tail.end("name")))
    return sorted(found)


_SURNAME = re.compile(r"[ \t]+([^\W\d_][^\W\d_'’-]*)")


def _said(text: str, known: set[str]) -> list[tuple[int, int]]:
    """Where ``text`` mentions one of the ``known`` name words (a name found elsewhere)."""
    if not known:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(known, key=len, reverse=True)) + r")\b",
                         re.I)  # "my daughter, gurpreet" - "And Gurpreet's date of birth?"
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def mentions(text: str, known: set[str]) -> list[tuple[int, int]]:
    """Where ``text`` mentions a name word found elsewhere (``_said``); a first name said
    again with the surname after it takes the surname too: "It's Larissa, Larissa Carvalho"."""
    found, lower = [], None
    for start, end in _said(text, known):
        after = _SURNAME.match(text, end) if text[start].isupper() else None
        word = after.group(1) if after else ""
        if after and word[:1].isupper() and not word.isupper() and vocab.name_like(word):
            lower = lower if lower is not None else {k.lower() for k in known}
            said = text[start:end]
            before = text[max(0, start - 40):start].rstrip(" \t,.")
            again = before.lower().endswith(said.lower()) and not before[:-len(said)][-1:].isalnum()
            if (again and word.lower() not in lower and not _CONTRACTION.fullmatch(word)
                    and not FIRM.fullmatch(word) and not FIRM_AFTER.match(text, end)):  # "Guardline Alarm Systems"
                end = after.end()
        found.append((start, end))
    return found
