"""People's names, found from the words around them, never from a list of names.

A name is one to three words right after a cue, each passing ``words.name_like`` (not general
English, not shaped like an adjective), with name particles between them ("Lotte van Dijk",
"Maria de la Cruz"); the first word of a name must be capitalised unless the cue is a strong
one or the whole text is lower case (speech-to-text, casual chat).

==================================================================  ==========  ==========
cue                                                                 strength    role
==================================================================  ==========  ==========
my name is / my name's / the name is; my first name / surname /     strong      self
last / family / full name('s / is / :) ("first name lorenzo")
name on the account / on my card is, the account holder (is), her   strong      other
name is, in the name of, your surname is; Mr / Mrs / Ms / Dr Patel
(the title stays)
my husband / wife / son / daughter / mum / carer ... X ("my         relation    other
daughter Zoë", "my husband, Gus Fletcher,", "my son tom")
it's under / put it under / booked under X (a turn about an         weak        other
account or a booking: "It's under Nakamura, Kenji")
am I speaking with X                                                strong      addressee
this is / it's / I'm / I am X; you're through to X; X here / X      weak        self
speaking / X from billing here (starting a clause); a sign-off
("Kind regards,\nDana Smith", "Regards, Dana"); an e-mail's last
line ("Hi,\n\n...\n\nFaith\n\nSent from my iPhone", "Cheers, Dana")
Hi / Hello / Dear / Thanks / Cheers X                               weak        addressee
speaking with X (typed text only); "X, born 1987"                   weak        other
==================================================================  ==========  ==========

A weak cue also needs the name to end the clause: punctuation, the end, or a word that starts
a new one ("Hello Omar, ...", "it's Dana here", "thanks dana let me check"). A field with no
verb ("surname Bianchi") and a relation need a capital in typed text; a field before a comma is
a list of fields ("your full name, postcode and ..."). In lower case a relation takes one to three
words that are neither general English nor its -s forms ("my partner mei ling goh"), and none that
acts on the word after it ("my daughter uses it", "my wife insists that" stay). A surname given first takes the given
name after its comma ("Nakamura, Kenji"); "it's under X" needs an account or booking word in the
turn ("it's under review" stays); an e-mail's last line must be a name on its own after a blank
line, or after a sentence in an e-mail with a greeting line or paragraphs. A name spelled out
after a name, a spelling cue ("that's", "spelled") or a field, or a turn that only spells, is a
name: letters one by one ("h a double r i s", "H-A-R-R-I-S") or with words ("h for hotel a for
alpha", also alone), three letters or more, no number after them (a postcode read out). The
role says whose name it is to the speaker: their own (self), the one they talk to (addressee)
or someone else's (other); the redactor decides from it which names a turn keeps. The cue
patterns themselves are in ``name_cues.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ingest.pii import spelled as spelt
from ingest.pii import words as vocab
from ingest.pii.name_cues import (
    ADDED_AS,
    ADDED_END,
    ALLOWED,
    ANSWER,
    BARE,
    BOOKING,
    BRAND,
    CLOSED_LINE,
    CUED,
    DISPLAY,
    FIELDS,
    FIRM,
    FIRM_AFTER,
    GAP,
    HERE,
    HONORIFIC,
    INITIAL_GAP,
    NAME_FIRST,
    ON_FILE,
    ROLES,
    SAID_FIRST,
    SIGN_OFF,
    SIGN_OFF_INLINE,
    STRONG,
    UNDER,
    WORD_RE,
    display_rest,
    last_line,
    quote_writers,
    sentence_lower,
)
from ingest.pii.theirs import business_mailbox
from ingest.pii.words import name_like, verb_form

_LINE_END = re.compile(r"[ \t]*(?:[.!]?[ \t]*(?:\n|$)|,)")  # "Dana Smith", "Darshan.", "Jordan, Lumora Support"
# a name spelled out: "h a double r i s", "H-A-R-R-I-S", "h for hotel a for alpha"
_SELF_VERB = re.compile(r"[ \t]+(?:here|speaking|calling)\b", re.I)
_CLAUSE_END = re.compile(r"[ \t]*(?:$|[\n,.;:!?()—–]|-(?=\s)|['’]s\b|(?P<word>[\w']+))")
_NEXT_WORD = re.compile(r"[ \t]+([a-z']+)")
# a turn that opens with a greeting and then says who is speaking: "hi it's faith johansson i was ..."
_OPENED = re.compile(r"[ \t]*(?:(?:yeah|yes|oh|um|uh|er|erm)[ \t,]+)*(?:hi|hello|hey|hiya|morning|good morning"
                     r"|good afternoon|good evening)(?:[ \t,]+(?:there|yeah|yes|so|um|uh|er|erm))*[ \t,]*$", re.I)
_AND = re.compile(r",?[ \t]+(?:and|&)[ \t]+")  # "my children Kenji and Dale": both
_GIVEN = re.compile(r",[ \t]*(?=[^\W\d_])")  # "Nakamura, Kenji"
_PRECEDENCE = {"self": 2, "other": 1, "addressee": 0}  # "Hello, Jordan here": Jordan is the speaker


class Name(NamedTuple):
    start: int
    end: int
    role: str  # self, addressee or other


def names(text: str, answer: bool = False, detail: bool = False) -> list[Name]:
    """The names in ``text``, sorted, not overlapping; ``answer``: the text answers a question
    asking for the speaker's name, so a name at its start counts ("Dana Smith, BN5 7WT");
    ``detail``: it answers one for another detail, so a capitalised name and a comma opening it do."""
    lower = text.lower()
    lower_case = text == lower
    found: dict[tuple[int, int], str] = {}

    def add(start: int, end: int | None, role: str) -> None:
        if end is not None and _PRECEDENCE[role] >= _PRECEDENCE[found.get((start, end), "addressee")]:
            found[(start, end)] = role

    cued = [(CUED, 0)]  # each pattern, from shortly before the first of its keywords
    if (at := _first(lower, ("name", "holder", "payer", "joint"))) >= 0:
        cued.append((FIELDS, max(0, at - 48)))
    if (at := lower.find("under ")) >= 0:
        cued.append((UNDER, max(0, at - 32)))
    whole_lower_case = lower_case
    for match in (match for pattern, at in cued for match in pattern.finditer(text, at)):
        kind = match.lastgroup or ""
        opens = kind in STRONG or _OPENED.match(text, 0, match.start())  # "hello, this is etienne tremblay. … Is …"
        lower_case = whole_lower_case or bool(opens and sentence_lower(text, match.start(), match.end()))
        if kind == "talk" and lower_case or kind == "voc" and match.group("ack") and (  # "ok talk me through it"
                lower_case or not text[match.end():match.end() + 1].isupper()):
            continue  # an acknowledgement ("All good, Oksana") takes a capitalised name in cased text only
        start, role = match.end(), ROLES[kind]
        if title := _TITLE_WORD.match(text, start):  # "it's doctor fifita": the title stays
            start = title.end()
        if kind == "field" and match.group("field")[:3].lower() == "my ":
            role = "self"
        if kind in ("relation", "under", "with", "added"):
            end = _end(text, start, False, lower_case, 3,
                       verbs=lower_case,
                       free=kind not in ("under", "added"))
            if end is not None and lower_case:
                end = _without_verbs(text, start, end)
            if kind == "added" and end is not None and not ADDED_END.match(text, end):
                end = None  # "ive added niamh donnelly to the notes": the whole name up to where it is added, or none
            if kind == "under" and end is not None:  # "it's under review": a booking's, or "Surname, Given"
                given = _given_name(text, start, end)  # "Nakamura, Kenji", "chukwu, ngozi"
                if not (_ends_clause(text, given) and (match.group("state") is None or given > end or answer
                                                       or BOOKING.search(lower))):
                    end = None
        elif kind in STRONG:  # a cue with no verb needs a capital in typed text, no -s word in lower case
            bare = BARE.search(match.group(kind)) is not None and text[match.end(kind)] != ":"
            if bare and kind in ("held", "field") and text[match.end(kind)] == ",":
                continue  # "your full name, postcode and item number": a list of fields
            end = (None if bare and not lower_case and not text[start].isupper()
                   else _end(text, start, True, lower_case, verbs=bare and lower_case, free=True))
            if end is None and kind != "ask":
                end = spelt.spelled(text, start, 3)
        else:
            end = _end(text, start, False, lower_case)
            if end is not None and lower_case and not _SELF_VERB.match(text, end) and not (
                    kind == "intro" and _OPENED.match(text, 0, match.start()) and _ends_clause(text, end)):
                end = _end(text, start, False, lower_case, words=1)  # "this is fibre broadband": one word only
            if end is not None and not _ends_clause(text, end):
                end = None
            if end is not None and kind == "voc" and match.group("ack") and _SELF_VERB.match(text, end):
                role = "self"  # "Thanks for holding, Tom speaking": the speaker's own name
        if end is None and not lower_case and (kind in STRONG or kind == "voc" and not match.group("ack")):
            end = _general_first(text, start)  # "My name is Will Rossi", "Hello Hope Balogun,"
        if end is not None and kind in ("other", "held", "field", "under", "self"):
            end = _given_name(text, start, end)
        add(start, end, role)
        if end is not None and kind in ("relation", "with", "held") and (more := _AND.match(text, end)):
            add(more.end(), _end(text, more.end(), False, lower_case, 2, verbs=lower_case, free=True), role)
    lower_case = whole_lower_case
    for match in HONORIFIC.finditer(text) if "m" in lower or "dr" in lower else ():
        if match.group("title").lower() != "miss" or _after_miss_ok(text, match.start()):
            add(match.start("name"), _end(text, match.start("surname"), True, lower_case, words=2), "other")
    here = any(verb in lower for verb in ("here", "speaking", "calling", "born", " is my ", " uses "))
    for match in _overlapping(HERE, text) if here else ():
        said = lower_case or match.group("name").islower()  # "Hi, otieno here. Hey! Charlie needs …"
        if _end(text, match.start("name"), False, said, words=len(match.group("name").split())) == match.end("name"):
            third = match.group("verb").lower().startswith(("born", "is", "uses"))  # "Dana, born 1987", "… is my wife"
            add(match.start("name"), match.end("name"), "other" if third else "self")
    for pattern in (SIGN_OFF, SIGN_OFF_INLINE) if "\n" in text or "regards" in lower or "sincerely" in lower else ():
        for match in pattern.finditer(text):
            add(match.start("name"), _whole_line(text, match.start("name"), lower_case), "self")
    if "\n" in text:
        if not lower_case and (start := last_line(text)) is not None:
            add(start, _whole_line(text, start, False, closed=False), "self")
            if match := CLOSED_LINE.match(text, start):  # "Cheers, Dana" ends an e-mail: signs it, thanks nobody
                add(match.start("name"), _whole_line(text, match.start("name"), False, closed=False), "self")
    if detail and not answer and (match := NAME_FIRST.match(text)) and not FIRM.search(match.group("name")) and all(
            name_like(w, ed=False) for w in match.group("name").split()):  # "Tariq Brennan, 14th of July 1966"
        add(match.start("name"), match.end("name"), "self")
    if answer and (match := ANSWER.match(text)):  # "Dana Smith, BN5 7WT", "its kamau, wanjiru"
        end = _end(text, match.start("name"), True, lower_case, free=True)
        add(match.start("name"), end if end is None else _given_name(text, match.start("name"), end), "self")
    for match in DISPLAY.finditer(text) if "@" in text else ():
        end = display_rest(text, _end(text, match.start("name"), True, lower_case), match.end("name"))  # "de la Cruz"
        if end == match.end("name") and not business_mailbox(text, match.start("name"), end):  # not "… <office@…>"
            opens = (above := text[:match.start()].strip().lower()) in ("", "from:") or above.endswith("message-----")
            add(match.start("name"), end, "self" if opens else "addressee" if match.group("wrote") else "other")
    for (start, end), role in list(found.items()):  # "hargreaves, that's h a r g r e a v e s"
        if (match := spelt.SPELL_AFTER.match(text, end)) and spelt.letters(match, 3, text):
            add(match.start("run"), match.end("run"), role)
    for match in spelt.SPELL_CUE.finditer(text) if "spel" in lower or "that's " in lower or "that is " in lower else ():
        if spelt.letters(match, 3, text, numbers=True):
            add(match.start("run"), match.end("run"), "other")
    for match in spelt.SPELL_AT.finditer(text) if spelt.spelt_with_words(lower) else ():  # "h for hotel a for ..."
        if spelt.letters(match, 3, text, numbers=True, words=True):
            add(match.start("run"), match.end("run"), "other")
    for match in SAID_FIRST.finditer(text) if "name" in lower else ():  # one word, general or not ("hope that's …")
        add(match.start("name"), match.end("name") if match.group("name").lower() not in ENGLISH_STOP_WORDS else None,
            "other")
    added = [m for pattern in (ADDED_AS, ON_FILE, ALLOWED) for m in pattern.finditer(text)] if not lower_case and (
        " as " in lower or " on " in lower or " to " in lower or " if " in lower) else ()  # typed
    for match in (m for m in added if text[m.start("name")].isupper() and (m.re is ADDED_AS or name_like(
            m.group("name").split()[0]) or m.group("name").split()[0].lower() in vocab.GIVEN)):  # not "Premium Cover"
        start, stop = match.span("name")
        end = _end(text, start, True, lower_case, words=len(WORD_RE.findall(text, start, stop)), free=True)
        given = stop if text[start:stop].lower() in vocab.GIVEN else None  # "noted Joy on the file"
        add(start, _common_first(text, start, stop) or end or given, "other")  # "Trang Le", "May Mann"
    for start, end in quote_writers(text) if "wrote" in lower else ():  # whom the writer answers: their addressee
        add(start, end, "addressee")
    for start, end in spelt.spelling_of_word_after(text) if "\n" not in text else ():  # "p a r k park"
        add(start, end, "other")
    for head, spelling_start, end in spelt.spelling_of_word_before(text) if "\n" not in text else ():
        add(head, len(text[:spelling_start].rstrip(" \t,:-")), "other")  # "lefevre l e f e v r e"
        add(spelling_start, end, "other")
    for line in re.finditer(r"[^\n]+", text):  # a turn or a mail's line that only spells: "h a r r i s", "H-A-R-R-I-S."
        if ((match := spelt.SPELL_TURN.match(text, line.start(), line.end())) and len(match.group("run")) > 6
                and spelt.letters(match, 4, text)):
            add(match.start("run"), match.end("run"), "other")
    if not lower_case:  # "Javier SALAZAR": a surname in capitals, as forms and e-mails write it
        for (start, end), role in list(found.items()):
            if (caps := _CAPITALS.match(text, end)) and caps.group(1).lower() not in vocab.COMMON:
                del found[(start, end)]
                found[(start, caps.end(1))] = role
    return _without_overlaps([Name(start, end, role) for (start, end), role in sorted(found.items())  # not a firm's
                              if not FIRM_AFTER.match(text, end) and not BRAND.search(text, start, end)])


_CAPITALS = re.compile(r"[ \t]+((?=[^\W\d_]{2})[^\W\d_a-z]+(?:[-'’][^\W\d_a-z]+)*)(?![\w'’-])")


def _general_first(text: str, start: int) -> int | None:
    """After a cue, a first name that is general English and a surname that is not, both
    capitalised, ending the clause ("Will Rossi.", "Hope Balogun,"; not "Valued Member")."""
    words = list(WORD_RE.finditer(text, start, start + 60))[:2]
    if len(words) == 2 and _ends_clause(text, words[1].end()) and words[0].group().lower() in vocab.GIVEN:
        return _common_first(text, start, words[1].end())
    return None


def _common_first(text: str, start: int, stop: int) -> int | None:
    """The end of a name whose first word is general English ("May Mann", "Hope Doyle", "Bill
    Ochieng") where a name surely stands and fills ``start:stop``: two or three capitalised
    words, the last one a name."""
    words = list(WORD_RE.finditer(text, start, stop))
    if (not 2 <= len(words) <= 3 or words[0].start() != start or words[-1].end() != stop
            or words[0].group().lower() in _NOT_COMMON_FIRST or any(
                not GAP.fullmatch(text, a.end(), b.start()) for a, b in zip(words, words[1:]))):
        return None  # "Mr Okafor", "Cheers, Dana": a title or a closing, not a first name
    capitalised = all(w.group()[0].isupper() and not w.group().isupper() for w in words)
    return stop if capitalised and name_like(words[-1].group(), shaped=False) else None


def _without_verbs(text: str, start: int, end: int) -> int | None:
    """``end``, less the words at the end of the name that act on a word after them, as a verb
    does ("my wife insists that", "my daughter wrote the", "my son tom holds the account": tom,
    "my mum struggles with it")."""
    while (after := _NEXT_WORD.match(text, end)) and (
            after.group(1) in vocab.OBJECTS or after.group(1) in vocab.PARTICLES_OF_VERBS and text[end - 1] == "s"):
        last = [word.start() for word in WORD_RE.finditer(text, start, end)][-1]
        if last == start:
            return None
        end = len(text[:last].rstrip(" \t"))
    return end


def _first(lower: str, words: tuple[str, ...]) -> int:
    """Where the first of ``words`` is in ``lower`` (-1: none is)."""
    found = [at for word in words if (at := lower.find(word)) >= 0]
    return min(found) if found else -1


def _given_name(text: str, start: int, end: int) -> int:
    """``end``, or past the given name after a one-word surname and a comma ("Nakamura, Kenji",
    "kamau, wanjiru" in lower-case text)."""
    if " " in text[start:end] or not (comma := _GIVEN.match(text, end)):
        return end
    given = _end(text, comma.end(), False, text == text.lower(), words=1)
    return given if given is not None and _ends_clause(text, given) else end


def _whole_line(text: str, start: int, lower_case: bool, closed: bool = True) -> int | None:
    """The end of the name at ``start`` when it fills the rest of its line ("Lotte van Dijk") or,
    after a closing (``closed``), with a full stop or before a comma ("Jordan, Lumora Support")."""
    end = _end(text, start, True, lower_case)  # a line of its own is a strong place: initials too ("M. Tan")
    if end is None:
        end = _common_first(text, start, start + len(text[start:].split("\n", 1)[0].rstrip(" \t.,")))
    line_end = _LINE_END.match(text, end) if end is not None else None
    return end if line_end and (closed or not line_end.group().strip(" \t\n")) else None


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
    return match is not None and (match.group("word") is None or vocab.follows(text[:end], match.group("word")))


def _end(text: str, start: int, strong: bool, lower_case: bool, words: int = 3, verbs: bool = False,
         free: bool = False, lead: bool = True) -> int | None:
    """The end of the name at ``start``: up to ``words`` words that are names (None when the
    first is not), with particles between them ("van", "de la"). After the first, a capitalised
    word in cased text may also be general English that is a common surname ("Hannah Young"), and
    is not judged by its shape ("Xiaoming Wong"); ``free``: nor is a capitalised first word, where
    a name surely stands ("my name is Xiaoming", "my daughter, Precious Mthembu"); ``verbs``: no
    word may be a general word's -s form ("my daughter uses it"); ``lead``: after a strong cue, a name
    may begin with particles ("my surname is de la cruz"), else read as the first word."""
    end, position, count, particles = None, start, 0, 0
    while count < words and (word := WORD_RE.match(text, position)) is not None:
        token = word.group()
        if token.isupper() and len(token) > 1 or text.startswith("://", word.end()):  # "LN-70267", "ASAP", "https"
            break
        capital, lower, gap = token[0].isupper(), token.lower(), GAP
        if particles < 2 and len(token) == 1 and capital and strong and not lower_case:  # "D Smith", "J. R. Okafor"
            particles, gap = particles + 1, INITIAL_GAP
        elif particles < 2 and (count or strong and lead) and lower in vocab.PARTICLES and (
                lower_case or not capital or _CAPITAL_NEXT.match(text, word.end()) is not None):  # "Anke Van Dijk"
            particles += 1
        else:
            if count == 0:
                ok = name_like(token, shaped=not (free and capital and not lower_case)) and (
                    capital or lower_case or strong)
                if not ok and strong and (capital or lower_case) and lower not in _NOT_FIRST:
                    ok = _surname_after(text, word.end(), capital)  # "my name's rich hughes", "Rich Demir"
            elif capital and not lower_case:
                ok = name_like(token, shaped=False) or lower in vocab.SURNAMES
            else:
                ok = name_like(token) and (lower_case or strong) and lower not in vocab.FOLLOWERS
            if not ok or verbs and verb_form(token) or lower in vocab.RELATIONS or lower in TITLES:
                break  # "my children children uh ...", "it's doctor fifita": the title stays
            count, particles, end = count + 1, 0, word.end()
        if (after := gap.match(text, word.end())) is None:
            break
        position = after.end()
    if end is None and lead and strong and particles:
        return _end(text, start, strong, lower_case, words, verbs, free, lead=False)
    return end


_CAPITAL_NEXT = re.compile(r"[ \t]+[^\W\d_a-z][^\W\d_A-Z]")  # a capitalised word follows
_TITLE_WORD = re.compile(r"(?:mister|missus|doctor|professor)[ \t]+(?=[^\W\d_])", re.I)  # said, not written
TITLES = frozenset("mr mrs ms mx dr prof miss mister missus miz sir madam dame doctor professor".split())
# never a first name before a surname: "Thanks Ravi", "Dear Sam", "Mr Patel" (the title stays), "Best Rachel"
_NOT_FIRST = ENGLISH_STOP_WORDS | vocab.FOLLOWERS | TITLES | frozenset(
    "dear best kind warm warmest many regards cheers".split())
_NOT_COMMON_FIRST = TITLES | frozenset("dear best kind warm warmest many regards cheers thanks thank hi hello".split())


def _surname_after(text: str, end: int, capital: bool) -> bool:
    """Whether the word after a general word that may be a first name ("rich", "Hope") is a
    surname: a name-like word that is no general English, capitalised as the first one is."""
    after = GAP.match(text, end)
    word = WORD_RE.match(text, after.end()) if after else None
    return word is not None and name_like(word.group()) and word.group()[0].isupper() == capital


def _after_miss_ok(text: str, start: int) -> bool:
    """Whether "miss" at ``start`` is a title, not the verb ("I miss the old app")."""
    before = text[max(0, start - 12):start].split()
    return not before or before[-1].lower() not in vocab.NOT_BEFORE_MISS


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
