"""Names found by what they are, with no cue before them: a given name then a surname, both from the
name lists Faker keeps for some 80 locales ("I'll be playing with Marcus Washington", "can you add
fatima hassan to the booking", "hi there helen cooper speaking my router is down").

Faker's lists (the first and last names of its person providers, in Latin script) are the maintained
source rather than a list written here; ``CONVOSCOPE_PII_NAMES`` names a file of more names (one or
more per line) for a business whose customers' names they lack. A pair is a name only when neither
word is general English (``words.COMMON``: "Will", "May", "Hope" ...) or a spelling-alphabet word
("juliet", "victor"); the given name does not follow a word that makes it a thing ("your Austin Reed
branch"); neither is a street's word ("Heath Lane", "Forest Hill"); a capitalised word no list knows
does not follow ("Morgan Fielding Invest"); and in typed text both are capitalised.

The business's people stay: in an agent's turn, the name it introduces itself with ("this is helen
cooper"), signs with under a closing, or gives as a colleague's ("you can reach priya iyer on …");
and across a mail thread, the person a header shows with an address the redactor kept or a
business's mailbox, or at the top of an agent's mail (``business_people``)."""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from convoscope.errors import ConvoscopeError
from ingest.pii.core import Doc, Finding
from ingest.pii.layout import depth_at
from ingest.pii.name_cues import CLOSING, DISPLAY
from ingest.pii.names import TITLES, Name
from ingest.pii.places import SUFFIX_WORDS
from ingest.pii.theirs import QUOTED_MAIL, WRITERS, business_mailbox
from ingest.pii.words import COMMON, PARTICLES

_SPELLING = frozenset(
    "alfa alpha bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima mike november oscar papa "
    "quebec romeo sierra tango uniform victor whiskey whisky xray yankee zulu".split())
# words after which a given name is a common noun or a thing's name: "your patience", "the Lincoln Navigator"
_NOUN_BEFORE = frozenset("the a an your my our their his her its this that these those some any".split())
# before which a pair of listed names is a place, not a person: "I'm in Ashby Marsh", "near Grace Hill"
# (but "in Ann Lee's name")
_PLACE_BEFORE = frozenset("in at near around outside across within".split())
_PUT_IN = frozenset("put add fill bring sign log check pop call send type enter write pencil key book let get hand swap"
                    " plug pull take".split())  # "can you put in Fatima Hassan as a driver": a person
_POSSESSIVE = re.compile(r"(?:['’]| )s\b|['’]")  # "Ann Lee's", "in river brown s name" (spoken)
# a form's or an export's field that holds a place or a group, not a person: "Region: Ashby Marsh",
# "company: Austin Reed" (a metadata value is read after its key: ``Redactor._field``)
_GROUP_FIELD = re.compile(r"\b(?:region|town|city|area|county|district|state|province|country|location|site|branch"
                          r"|office|store|shop|village|suburb|neighbou?rhood|zone|territory|queue|team|department"
                          r"|product|plan|brand|company|business|organi[sz]ation|channel|segment|market)[ \t]*:[ \t]*$",
                          re.I)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_DISPLAYED = re.compile(r"[ \t]*<[^<>@\s]+@")


def fold(word: str) -> str:
    """Lower case without accents: "Óscar" and "oscar" are one name."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def _latin(name: str) -> bool:
    return bool(name) and all(c in " '-" or (c.isalpha() and "LATIN" in unicodedata.name(c, "")) for c in name)


Lists = tuple[frozenset[str], frozenset[str]]  # given names, surnames


@cache
def name_lists(path: str | None = None) -> Lists:
    """Given names and surnames (folded) of every Faker person provider and of the file at ``path``,
    less general English."""
    import faker.providers.person as person

    given: set[str] = set()
    family: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None)
        for attribute in dir(provider) if provider is not None else ():
            if attribute.startswith(("first_name", "first_romanized")):
                target = given
            elif attribute.startswith(("last_name", "last_romanized")):
                target = family
            else:
                continue
            values = getattr(provider, attribute)
            if isinstance(values, (dict, list, tuple, set, frozenset)):
                target |= {fold(word) for name in values if isinstance(name, str) and _latin(name)
                           for word in name.split()}
    if path:
        try:
            lines = Path(path).expanduser().read_text(encoding="utf-8").splitlines()
        except OSError as err:
            raise ConvoscopeError(f"CONVOSCOPE_PII_NAMES: cannot read {path} ({err.strerror})",
                                  "point it at a text file of names, one or more per line, or unset it") from err
        extra = {fold(word) for line in lines for word in line.split()}
        given |= extra
        family |= extra
    general = COMMON | _SPELLING | PARTICLES
    return frozenset(given - general), frozenset(family - general)


def given_names(text: str, lists: Lists) -> list[tuple[int, int]]:
    """Spans of a given name, any particles or a middle initial and a surname (``Name Surname``, ``name de
    surname``, ``Name N. Surname``)."""
    given, family = lists
    words = list(_WORD.finditer(text))
    keys = [w.lower() if w.isascii() else fold(w) for w in (m.group() for m in words)]
    if given.isdisjoint(keys):
        return []
    typed = text != text.lower()
    found: list[tuple[int, int]] = []
    taken = -1
    for i in (k for k, key in enumerate(keys) if key in given):
        first = words[i].group()
        before = keys[i - 1] if i and not text[words[i - 1].end():words[i].start()].strip() else ""
        if i <= taken or before in _NOUN_BEFORE or (typed and not first[0].isupper()):
            continue
        j = i + 1
        while j < len(words) and keys[j] in PARTICLES and _spaced(text, words[j - 1], words[j]):
            j += 1
        initial = (j + 1 < len(words) and len(words[j].group()) == 1 and words[j].group().isupper()
                   and _spaced(text, words[j - 1], words[j]) and text[words[j].end():words[j + 1].start()] == ". ")
        j += initial  # a middle initial: "Harpreet A. Kowalczyk"
        last = words[j] if j < len(words) and (initial or _spaced(text, words[j - 1], words[j])) else None
        if last is None or keys[j] not in family or (typed and not last.group()[0].isupper()):
            continue
        if (last.group().isupper() and not first.isupper()  # "Warren RI": a state
                or before in _PLACE_BEFORE and not _POSSESSIVE.match(text, last.end())
                and not (before == "in" and i > 1 and keys[i - 2] in _PUT_IN)
                or _GROUP_FIELD.search(text, max(0, words[i].start() - 30), words[i].start())
                or {first.lower(), keys[j]} & SUFFIX_WORDS  # "Heath Lane", "Forest Hill London"
                or _in_longer_name(text, words, keys, j, typed, lists)):
            continue
        if not _DISPLAYED.match(text, last.end()):  # "From: Ann Lee <ann@…>": the header's rules (``names.DISPLAY``)
            found.append((words[i].start(), last.end()))
        taken = j
    return found


def _in_longer_name(text: str, words: list[re.Match[str]], keys: list[str], last: int, typed: bool,
                    lists: Lists) -> bool:
    """Whether the name goes on as a capitalised word no list knows: a business's or a place's name ("Morgan
    Fielding Invest"), not a person's."""
    if not typed or last + 1 >= len(words) or not _spaced(text, words[last], words[last + 1]):
        return False
    return words[last + 1].group()[0].isupper() and keys[last + 1] not in lists[0] and keys[last + 1] not in lists[1]


def _spaced(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    return text[left.end():right.start()] == " "


def listed_names(doc: Doc, seen: list[tuple[int, int]], writer: bool,
                 lists: Lists) -> tuple[list[tuple[int, int]], set[str]]:
    """The names ``given_names`` finds in a turn that the cues did not (``seen``: their spans in the view):
    the spans to redact, and the names that sign the business's part of the turn (a ``writer``'s own
    text above any quoted mail, or what a customer quotes of it) under a closing: kept (lower case)."""
    text = doc.text
    spans: list[tuple[int, int]] = []
    signed: set[str] = set()
    for start, end in given_names(doc.view.text, lists):
        if any(start < e and s < end for s, e in seen) or (span := doc.original(start, end)) is None:
            continue
        if writer and (_INTRODUCED.search(text, max(0, span[0] - 40), span[0]) or _SPEAKING.match(text, span[1])):
            signed.add(text[span[0]:span[1]].lower())  # "this is helen cooper how can i help": the agent's own
            continue
        ours = writer or depth_at(text, span[0]) % 2 == 1  # the business's words: its own, or quoted by a customer
        if ours and _COLLEAGUE.search(text, max(0, span[0] - 40), span[0]):
            if writer and _OUR_ROLE.search(text, max(0, span[0] - 40), span[0]):  # kept wherever it is quoted too
                signed.add(text[span[0]:span[1]].lower())
            continue  # "you can reach priya iyer on …", "our consultant Maryam Rahimi": the business's people
        rest = text[span[1]:].split("\n", 1)[0].strip(" \t,.")
        if _SIGNED.search(text, 0, span[0]) and (not rest or rest.startswith("|")):  # "Ines Ferreira | seamstress"
            quoted = depth_at(text, span[0]) % 2 == 1
            if quoted and not writer:  # the agent's signature in the customer's reply
                continue
            if writer and not quoted and not QUOTED_MAIL.search(text, 0, span[0]):  # "Kind regards,\nFrank Okonkwo\n…"
                signed.add(text[span[0]:span[1]].lower())
                continue
        spans.append(span)
    return spans, signed


# how an agent introduces itself: "this is Helen Cooper", "Helen Cooper speaking", "you're speaking with …"
_INTRODUCED = re.compile(r"\b(?:this is|i'm|i am|my name is|my name's|name's|you're speaking with)[ \t,]*$", re.I)
# whom the business names as its own: "our consultant …", "you can reach …", "ask for …", "I've passed this to …"
_OURS = (r"\bour\s+[\w-]+(?:\s+[\w-]+)?|\b(?:reach|ask\s+for)"
         r"|\b(?:passed|handed|escalated|forwarded)\s+(?:this|it|that|your\s+[\w-]+)(?:\s+(?:on|over))?\s+to")
_COLLEAGUE = re.compile(rf"(?:{_OURS}|\b(?:speak\s+(?:to|with)|talk\s+to))[ \t,]*$", re.I)
_SPEAKING = re.compile(r"[ \t,]*speaking\b", re.I)  # not "here": "i've got oliver wilson here"
def _closed(marks: str) -> str:
    """A closing on a line of its own and the line breaks after it (``marks``: quote marks a line may start with)."""
    return rf"(?:^|\n)[ \t{marks}]*(?:{CLOSING})[ \t]*[,.!]*(?:[ \t]*\n[ \t{marks}]*)+"


# a closing above the name (blank or quoted lines, or a first name, between): "Kind regards,\n\nFrank Okonkwo",
# "Best wishes,\nInes\n\nInes Ferreira"
_SIGNED = re.compile(_closed(">|") + r"(?:[^\W\d_][\w'’-]*[ \t]*(?:\n[ \t>|]*)+)?$", re.I)


def business_people(turns: Sequence[tuple[str, str | None]], found: Sequence[Sequence[Finding]]) -> set[str]:
    """The business's people a conversation's mail names (lower case, whole and word by word): the person
    a header shows with an address the redactor kept (``found``: each turn's findings) or a business's
    mailbox ("On …, Ben Carter <fittings@…> wrote:"), the writer an agent's mail opens with ("From: Hannah
    Moss <bookings@…>"), and the name that signs an agent's own text under a closing ("Kind regards,\nGwen
    Rees")."""
    people: set[str] = set()
    for (text, speaker), findings in zip(turns, found, strict=True):
        headers = (m for m in DISPLAY.finditer(text) if (m.group("key") or "from").lower() not in ("to", "cc"))
        for n, match in enumerate(headers if "@" in text else ()):  # the writers a mail shows, not its recipients
            at = text.find("<", match.end("name")) + 1
            # an agent's mail opens with its own header ("Subject: …\nFrom: Hannah Moss <…>")
            opening = text[:match.start()].splitlines()
            own = n == 0 and speaker in WRITERS and all(_FIELD.match(line) for line in opening)
            kept = not any(f.entity == "email" and f.start <= at < f.end for f in findings)
            if own or kept or business_mailbox(text, match.start("name"), match.end("name")):
                people.add(match.group("name").lower())
        if speaker in WRITERS:
            header = QUOTED_MAIL.search(text) if "\n" in text else None
            own_text = header.start() if header else len(text)
            for match in _SIGNATURE.finditer(text, 0, own_text) if "\n" in text else ():
                people.add(match.group("name").lower())
            # a colleague named by any rule: "our driver Lloyd Barker", "ask for Callum", "Kelvin Osei, our attendant"
            people |= {text[f.start:f.end].lower() for f in findings if f.entity == "name" and f.end <= own_text and (
                _OUR_ROLE.search(text, max(0, f.start - 40), f.start)
                or _ROLE_AFTER.match(text, f.end) and not _GREETED.search(text, max(0, f.start - 20), f.start))}
    return people | {word for name in people for word in name.split() if len(word) > 2}


_OUR_ROLE = re.compile(rf"(?:{_OURS})[ \t,]*$", re.I)  # not "speak to", which in any rule's find may be the customer
# "Kelvin Osei, our attendant.", "with Lloyd Barker, our area manager, who …"; not "Thanks Maria, our team will call"
_ROLE_AFTER = re.compile(r",?[ \t]+(?:our|one of our)[ \t]+[\w-]+(?:[ \t]+[\w-]+)?"
                         r"(?=[ \t]*(?:[.,;:!?)]|$|who\b|and\b))", re.I)
_GREETED = re.compile(r"\b(?:hi|hello|hey|hiya|dear|thanks|thank you|cheers|morning|afternoon|evening|sorry|welcome)"
                      r"[ \t,]*$", re.I)  # "Thanks Maria, our pleasure": the customer


_FIELD = re.compile(r"[ \t]*(?:[A-Za-z-]{2,12}:.*)?$")  # a mail header's line ("Subject: …") or a blank one
# a name on the line under a closing, as an agent signs: "Kind regards,\n\nGwen Rees\nClaims Handler"
_SIGNATURE = re.compile(_closed("") + r"(?P<name>[^\W\d_][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*){0,3})[ \t]*(?=\n|$|\|)",
                        re.I)


_NEXT_WORD = re.compile(r"[ \t]+(?P<initial>[^\W\d_]\.[ \t]+)?([^\W\d_][\w'’-]*)")  # "declan m. macleod"
_WORD_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’-]*)[ \t]+(?:[^\W\d_]\.[ \t]+)?$")  # "Dana J. Whitfield"


def whole_names(text: str, found: list[Name], lists: Lists) -> list[Name]:
    """``found`` each with the surname said right after it or the given name right before it, a middle
    initial between or none, when a name list holds it ("it's marguerite donnelly" found by "it's", "it's
    Dana J. Whitfield here" by "here"): a person's name is both words. In typed text the word is
    capitalised as the name is, and after a capital initial any capitalised word is the surname ("my name
    is Tane J. McAllister")."""
    out = []
    for name in found:
        start, end = name.start, name.end
        if " " in text[start:end].strip():  # "can you add bill bishop": a name of two words is whole
            out.append(name)
            continue
        typed = text[start:end][:1].isupper()
        after = _NEXT_WORD.match(text, end)
        if after and after[2][:1].isupper() == typed and (
                _listed(after[2], lists[1]) or typed and after["initial"] and after["initial"][0].isupper()):
            end = after.end()  # the surname a list holds; typed after a middle initial, any ("Tane J. McAllister")
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if before and _listed(before[1], lists[0]) and before[1][:1].isupper() == typed:
            start = before.start()
        out.append(Name(start, end, name.role))
    return out


def _listed(word: str, names: frozenset[str]) -> bool:
    """A word of a person's name the list holds: two letters or more ("o" of "o l s e n" is a spelling), no title."""
    return len(word) > 1 and word.lower() not in TITLES and fold(word) in names
