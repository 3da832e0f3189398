"""People's names, found from the words around them, never from a list of names.

A name is one to three words right after a cue, each passing ``words.name_like`` (not general
English, not shaped like an adjective); the first word of a name must be capitalised unless
the cue is a strong one or the whole text is lower case (speech-to-text, casual chat).

==================================================================  ==========  ==========
cue                                                                 strength    role
==================================================================  ==========  ==========
my name is / my name's / the name is                                strong      self
name on the account is, account holder, her name is, in the name    strong      other
of; Mr / Mrs / Ms / Mx / Dr / Miss Patel (the title stays)
am I speaking with X                                                strong      addressee
this is / it's / I'm / I am X; you're through to X; X here / X      weak        self
speaking / X from billing here (starting a clause); a sign-off
("Kind regards,\nDana Smith"); a last line after a blank one
Hi / Hello / Dear / Thanks / Cheers X                               weak        addressee
speaking with X (typed text only); "X, born 1987"                   weak        other
==================================================================  ==========  ==========

A weak cue also needs the name to end the clause: punctuation, the end, or a word that starts
a new one ("Hello Omar, ...", "it's Dana here", "thanks dana let me check"). The role says
whose name it is to the speaker: their own (self), the one they talk to (addressee) or
someone else's (other); the redactor decides from it which names a turn keeps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ingest.pii.words import name_like

_WORD = r"[^\W\d_]+(?:['’-](?!s\b)[^\W\d_]+)*"  # Dana, O'Brien, Al-Farsi, Müller; not the 's of "Dana's"
_NAME = rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}})"
_FILLERS = r"(?:(?:uh|um|er|erm|you know)[ \t]+)*"
# a cue, then the name in a lookahead ("Hi, it's Dana" holds two cues); the group says the kind of cue
_CUED = re.compile(
    r"\b(?:"
    r"(?P<self>my name(?:'s| is|s|:|,)|name's|the name(?:'s| is)|i am called|i'm called)"
    r"|(?P<other>name on the (?:account|card|booking|order|bill|policy|contract|reservation) (?:is|'s)"
    r"|account holder(?:'s name)?(?: is)?|(?:his|her|their|[a-z]+'s) name(?:'s| is|:|,)?"
    r"|(?:in|under) the name(?: of)?|(?:full |customer |account )?name:)"
    r"|(?P<ask>(?:am i|are you|is this|is that|who am i) (?:speaking|talking|chatting) (?:with|to))"
    r"|(?P<intro>this is|it's|it is|i'm|i am|(?:you're|you are|you've|you have) (?:speaking|talking|chatting|through)"
    r" (?:with|to)|you've reached|you have reached)"
    r"|(?P<talk>(?:speaking|talking|spoke|spoken|chatting|chatted) (?:with|to))"
    r"|(?P<voc>hi|hello|hey|hiya|dear|thanks|thank you|thankyou|cheers|morning|afternoon|evening|bye|goodbye"
    r"|welcome|sorry)"
    rf")[,:]?[ \t]+{_FILLERS}(?={_NAME})",
    re.I,
)
_ROLES = {"self": "self", "other": "other", "ask": "addressee", "intro": "self", "talk": "other", "voc": "addressee"}
_STRONG = frozenset({"self", "other", "ask"})
_HONORIFIC = re.compile(
    rf"\b(?P<title>mr|mrs|ms|mx|dr|miss|mister|missus)\b\.?[ \t]+{_FILLERS}(?P<name>{_WORD}(?:[ \t]+{_WORD})?)", re.I)
_NOT_BEFORE_MISS = frozenset("i we they he she will would to don't dont didn't didnt never really also".split())
# "Dana Smith here", "Lumora, Sarah speaking", "Leonie from Lanthorn here", "Dana, born 1987": a clause's start
_HERE = re.compile(
    rf"(?:\b(?:hi|hello|hey|yeah|yes|morning|afternoon|evening|oh)\b,?[ \t]+|^[ \t]*|(?<=[,.!?;:\n])[ \t]*)"
    rf"(?P<name>{_WORD}(?:[ \t]+{_WORD})?),?[ \t]+(?:(?:from|at|with)[ \t]+(?:[\w&'’-]+[ \t]+){{1,3}})?"
    r"(?P<verb>here|speaking|calling|born)\b",
    re.I,
)
_SIGN_OFF = re.compile(
    r"(?:^|\n)[ \t]*(?:thanks|thank you|many thanks|thanks again|kind regards|best regards|warm regards|regards"
    r"|best wishes|best|cheers|sincerely|yours sincerely|yours faithfully|yours truly|all the best|take care|love"
    rf"|thx|ta)[ \t]*[,.!]?[ \t]*\n+[ \t]*{_NAME}[ \t]*(?=$|\n|,)",
    re.I,
)
_LAST_LINE = re.compile(rf"\n[ \t]*\n[ \t]*(?P<name>{_WORD}(?:[ \t]+{_WORD})?)[ \t]*$")
# the answer to "can I take your full name?": "Dana Smith, BN5 7WT", "yeah it's dana smith"
_ANSWER = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|sure|ok|okay|so|well|like|right|hi|hello|um|uh|er|it's|it is|that's|that is|my name is"
    r"|my name's"
    rf"|the name is|it should be|full name is)\b[,.]?[ \t]+){{0,4}}{_NAME}",
    re.I,
)
# words that start a new clause, so end a name: "thanks dana let me check", "this is dana you're through to"
_FOLLOWERS = frozenset(
    "here speaking calling from again and but i i'm i've i'll i'd we we're you you're your let let's thanks thank "
    "can could would will please so just how what who is it's that's this hope good nice lovely great yes yeah ok "
    "okay right um uh er for with on at about here's my the if as when welcome sorry hi hello born".split())
_SELF_VERB = re.compile(r"[ \t]+(?:here|speaking|calling)\b", re.I)
_CLAUSE_END = re.compile(r"[ \t]*(?:$|[\n,.;:!?)—–]|-(?=\s)|['’]s\b|(?P<word>[\w']+))")
# general words that are also common surnames, allowed after a first name in cased text ("Hannah Young")
_SURNAMES = frozenset("young white green wood hill king baker hall lee moore brown black gray grey long small "
                      "rich little park wright cook hunter bishop walker turner parker".split())
_PRECEDENCE = {"self": 2, "other": 1, "addressee": 0}  # "Hello, Jordan here": Jordan is the speaker


class Name(NamedTuple):
    start: int
    end: int
    role: str  # self, addressee or other


def names(text: str, answer: bool = False) -> list[Name]:
    """The names in ``text``, sorted, not overlapping; ``answer``: the text answers a question
    asking for the speaker's name, so a name at its start counts ("Dana Smith, BN5 7WT")."""
    lower = text.lower()
    lower_case = text == lower
    found: dict[tuple[int, int], str] = {}

    def add(start: int, end: int | None, role: str) -> None:
        if end is not None and _PRECEDENCE[role] >= _PRECEDENCE[found.get((start, end), "addressee")]:
            found[(start, end)] = role

    for match in _CUED.finditer(text):
        kind = _kind(match)
        strong = kind in _STRONG
        if kind == "talk" and lower_case:
            continue
        end = _end(match, strong, lower_case)
        if end is not None and not strong and lower_case and not _SELF_VERB.match(text, end):
            end = _end(match, strong, lower_case, words=1)  # "this is fibre broadband": one word only
        if end is not None and (strong or _ends_clause(text, end)):
            add(match.start("name"), end, _ROLES[kind])
    for match in _HONORIFIC.finditer(text) if "m" in lower or "dr" in lower else ():
        if match.group("title").lower() != "miss" or _after_miss_ok(text, match.start()):
            add(match.start("name"), _end(match, True, lower_case), "other")
    here = "here" in lower or "speaking" in lower or "calling" in lower or "born" in lower
    for match in _overlapping(_HERE, text) if here else ():
        if _end(match, False, lower_case) == match.end("name"):
            add(match.start("name"), match.end("name"), "other" if match.group("verb").lower() == "born" else "self")
    for pattern in () if lower_case or "\n" not in text else (_SIGN_OFF, _LAST_LINE):
        for match in pattern.finditer(text):
            if _end(match, False, False) == match.end("name"):
                add(match.start("name"), match.end("name"), "self")
    if answer and (match := _ANSWER.match(text)):
        add(match.start("name"), _end(match, True, lower_case), "self")
    return _without_overlaps([Name(start, end, role) for (start, end), role in sorted(found.items())])


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match of ``pattern``, each search starting one character after the last match's
    start ("yeah hi dana here": "hi dana" is no name, "dana" is)."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        yield match
        position = match.start() + 1


def _ends_clause(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` ends its clause (punctuation, the end, a new clause)."""
    match = _CLAUSE_END.match(text, end)
    return match is not None and (match.group("word") is None or match.group("word").lower() in _FOLLOWERS)


def _kind(match: re.Match[str]) -> str:
    return next(k for k in _ROLES if match.group(k) is not None)


def _end(match: re.Match[str], strong: bool, lower_case: bool, words: int = 3) -> int | None:
    """The end of the name in ``match``'s name group: its words up to the first that is not a
    name (None when the first is not). After the first, a capitalised word in cased text may
    also be general English that is a common surname ("Hannah Young")."""
    base, end = match.start("name"), None
    for index, word in enumerate(list(re.finditer(_WORD, match.group("name")))[:words]):
        text = word.group()
        if text.isupper() and len(text) > 1:  # "LN-70267", "ASAP": codes and shouting, not names
            break
        capital = text[0].isupper()
        if index == 0:
            ok = name_like(text) and (capital or lower_case or strong)
        elif capital and not lower_case:
            ok = name_like(text) or text.lower() in _SURNAMES
        else:
            ok = name_like(text) and (lower_case or strong) and text.lower() not in _FOLLOWERS
        if not ok:
            break
        end = base + word.end()
    return end


def _after_miss_ok(text: str, start: int) -> bool:
    """Whether "miss" at ``start`` is a title, not the verb ("I miss the old app")."""
    before = text[max(0, start - 12):start].split()
    return not before or before[-1].lower() not in _NOT_BEFORE_MISS


def _without_overlaps(spans: list[Name]) -> list[Name]:
    """Overlapping spans merged into the longest, with the role that takes precedence."""
    out: list[Name] = []
    for span in spans:
        if out and span.start < out[-1].end:
            last = out[-1]
            longer = span if span.end - span.start > last.end - last.start else last
            role = max(last.role, span.role, key=_PRECEDENCE.__getitem__)
            out[-1] = Name(longer.start, longer.end, role)
        else:
            out.append(span)
    return out


def mentions(text: str, known: set[str]) -> list[tuple[int, int]]:
    """Where ``text`` mentions one of the ``known`` name words (a name found elsewhere)."""
    if not known:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(known, key=len, reverse=True)) + r")\b")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]
