"""An address told after words that say one follows, in whatever order its country writes it:
"The correspondence address is ul. Długa 58/23, 23-207 Poznań.", "We have your details as: 68
Teheran-ro, Haeundae-gu, Busan 59002", "we've just moved to 180 Ashgrove Lawn / Cork / D04 M7C0",
"pls send it to isokatu 36 a 37 90100 oulu", "So that's 2-3-7 Tenjin, Chuo-ku, Fukuoka 810-0001?".

No list of streets or towns: after the cue, the clause is read word by word while its words are
an address's (numbers and codes; names, capitalised in typed text or no general English in a
lower-case turn; the small words of unit, street and place names in any language) and stops at
the first word of general English or the end of the sentence. What it kept is an address when
its shape says so: a house number, and a postcode in any country's shape apart from it; or,
without a postcode, a street's word in its language and the house number after the street's
name ("I've found you at Rua Padre Chagas, 3617", "we've been at ul. Świętojańska 83/2"). After a
cue that only reads something back ("I've got", "I've put", "So that's", "Great,") its parts must
also be split by commas, slashes or lines, as written addresses are, or the street be written with
its capital ("I've put Aleksanterinkatu 60")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.pii.continental import CONNECTORS, STREET_END, STREET_WORDS
from ingest.pii.core import Span, is_cue
from ingest.pii.core import cue as kind_of_cue
from ingest.pii.layout import LABEL
from ingest.pii.words import COMMON

# what says an address follows; ``weak``: words that only read something back or introduce it
_CUE = re.compile(
    r"(?:(?P<strong>"
    r"\b(?:(?:new|old|home|billing|delivery|correspondence|postal|registered|work|shipping|current|previous"
    r"|forwarding|wife's|husband's|partner's|mum's|aunt's|uncle's)[ \t]+)?address(?:es)?"
    r"(?:[ \t]+(?:sorry|i[ \t]+mean|hmm+|um+|uh+|er|erm|like|then)\b){0,3}"  # "the address sorry is …"
    r"(?:[ \t]+(?:i[ \t]+have|we[ \t]+have|on[ \t]+file|from[ \t]+next[ \t]+month))?"
    r"(?:[ \t]+(?:is[ \t]+now[ \t]+recorded[ \t]+as|is[ \t]+now|is|was|will[ \t]+be|should[ \t]+be|as|to|from"
    r"|instead))?[ \t]*[:–-]?"
    r"|\b(?:we|i)[ \t]+have[ \t]+your[ \t]+(?:address|details)[ \t]+as[ \t]*:?"
    r"|\b(?:moved|moving|move|relocated|relocating)[ \t]+(?:to|from)"
    r"|\b(?:living|staying|based|lives|live|lived|stay|stays|registered|now|is|are|we're|were|i'm|im|they're"
    r"|been|found[ \t]+(?:you|them|him|her)|[a-z]+['’]s)[ \t]+at"  # "we've been at", "found you at", "the rental's at"
    r"|\bhere,?[ \t]+from"  # "hi, mei tanaka here from …"
    r"|\bregistered[ \t]+to"
    r"|\b(?:send|ship|deliver|post|forward|mail|courier|dispatch)\b(?:[ \t]+[\w'’]+){0,3}?[ \t]+to"
    r"|\b(?:the[ \t]+)?(?:property|house|flat|home|place|visit)[ \t]+is(?:[ \t]+at)?"
    r"|\bcorrespondence[ \t]+to|\b(?:come|going)[ \t]+to|\b(?:updated|changed)[ \t]+(?:it[ \t]+)?to"
    r"|\bpick(?:ed)?[ \t]+(?:it|them)[ \t]+up[ \t]+from|\bput[ \t]+down|\bpostcode[ \t]+(?:is|was)"
    r")[ \t]*[,:]?[ \t]*(?:\n(?:[ \t]*[>|])*[ \t]*)?"
    r"|(?P<weak>\b(?:(?:should|does|it)[ \t]+(?:say|read)s?|read[ \t]+that[ \t]+back|so[ \t]+that's"
    r"|so[ \t]+that[ \t]+is|i've[ \t]+got|i[ \t]+have|i've[ \t]+noted|i've[ \t]+put|i[ \t]+have[ \t]+put"
    r"|noted|it's|its|it[ \t]+is|that's|great|so|okay|ok|perfect|thank[ \t]+you|thanks|use)\b)[ \t]*[,:]?[ \t]*)",
    re.I,
)
# a word, a number or a code: what an address is made of ("58/23", "C-643", "#21-73", "〒150-8514", "12º")
_TOKEN = re.compile(r"〒?#?[^\W_][\w'’ºª°]*(?:[./-][\w'’ºª°]+)*\.?")
# what may stand between an address's words: spaces, commas, slashes, dashes, line breaks (quoted too)
_BETWEEN = re.compile(r"(?:[ \t]*(?:[,/–-]|\n(?:[ \t]*[>|])*)[ \t]*|[ \t]+)")
# the words of streets and units, in many languages: said, only these start an address ("no" is mostly "no worries")
_STREETS_AND_UNITS = frozenset(
    "box bis flat unit apartment apt suite block floor tower building villa plot sector street road lane avenue "
    "drive way close court crescent place terrace gardens grove square row park hill jalan lorong taman gate gata "
    "gatan vägen vej veien katu tie straße strasse weg gasse platz laan straat gracht kade".split())
_SAID_STREETS = STREET_WORDS | _STREETS_AND_UNITS
# and typed, the small words of unit, street and place names too ("apto", "lgh", "ul.", "mf", "am Main")
_SMALL = _SAID_STREETS | frozenset(
    "po p.o co apto appt depto dpto dto piso casa int col lgh ter ul al os pl bus mf tv th st rd ave blvd bd av no "
    "nr n hno h.no ste blk house level bldg lot phase am bei sur sous en".split())
_UNIT_WORDS = frozenset(
    "flat unit apartment apt apto appt depto dpto dto piso casa int block blk bldg house lgh".split())
_ADDRESS_CODE = re.compile(
    r"(?<![\w-])(?:〒?[0-9]{3}-[0-9]{4}|[0-9]{5}-[0-9]{3,5}|[0-9]{4}-[0-9]{3}|[0-9]{2}-[0-9]{3}|[0-9]{3}[ ][0-9]{2}"
    r"|[0-9]{4}[ ]?[A-Z]{2}|[A-Z][0-9]{4}(?:[A-Z]{3})?|[A-Z][0-9][A-Z][ ]?[0-9][A-Z][0-9]"
    r"|[A-Z]{1,2}[0-9][A-Z0-9]?[ ][0-9][A-Z]{2}|[A-Z][0-9]{2}[ ][A-Z0-9]{4}|[0-9]{4,6})(?![\w-])",
    re.I,
)
# a floor written as an ordinal, the dot no sentence's end: "2. th", "3. OG", "1. sal"
_FLOOR = re.compile(r"[0-9]{1,2}\.[ \t]+(?:th|tv|mf|sal|og|stock|etage|et|piso|andar)\b", re.I)
_SENTENCE_DOT = re.compile(r"[^\W\d_]{5,}\.$|[0-9][\w'’]*\.$")  # after a long word or a code, a dot ends a sentence
# a line of only a long number (a phone's, a card's under the address in a signature): not the address's
_NUMBER_LINE = re.compile(r"[+(]?[0-9][0-9 ().-]{6,}[0-9][ \t.…!?]*(?:\n|$)")
_REACH = 160  # characters of address after its cue at most
_CURRENCY = frozenset("£$€¥₹")


def _address_word(word: str, lower_turn: bool) -> bool:
    """Whether ``word`` can be part of an address: a number or a code, a small word of one, or a name."""
    bare = word.strip(".'’").lower()
    if any(c.isdigit() for c in word) or bare in _SMALL or bare in CONNECTORS:
        return True
    if bare in COMMON:
        return word == "The"  # "Fern Lea, The Street", "Apt 59, The Courtyard"
    if lower_turn or word[0].isupper():
        return True
    return len(bare) <= 3  # "lgh", "bis", "mf": typed lower case among capitalised names


def _flat_letter(text: str, token: re.Match[str], words: list[tuple[int, int]]) -> bool:
    """A single letter between two numbers: a flat's or a building's ("isokatu 36 a 37")."""
    if len(token.group().rstrip(".")) != 1 or not words:
        return False
    if text[slice(*words[-1])].rstrip(".").lower() in _UNIT_WORDS:
        return True  # "int. A", "apt b"
    if not any(c.isdigit() for c in text[slice(*words[-1])]):
        return False
    after = _BETWEEN.match(text, token.end())
    following = _TOKEN.match(text, after.end()) if after else None
    return following is not None and any(c.isdigit() for c in following.group())


def _clause(text: str, start: int, lower_turn: bool, lines: bool) -> tuple[int, list[tuple[int, int]], bool]:
    """From ``start``: where the address-like words end, their spans, and whether their parts are
    split (commas, slashes, or lines when ``lines``)."""
    position, end, words, split = start, start, [], False
    limit = min(len(text), start + _REACH)
    while position < limit:
        token = _TOKEN.match(text, position)
        if token is None:
            break
        if (not _address_word(token.group(), lower_turn) and not _flat_letter(text, token, words)) or is_cue(
                token.group().rstrip(".")):  # "I live at 221 Baker Street, SW1A 1AA, ssn 123-45-6789"
            break
        if text[token.start() - 1:token.start()] in _CURRENCY or text[token.end():token.end() + 1] == "@":
            break
        word_end = token.end()
        dotted = token.group().endswith(".")
        ends = dotted and _SENTENCE_DOT.search(token.group()) and not _FLOOR.match(text, token.start())
        words.append((token.start(), word_end - 1 if ends else word_end))
        end = words[-1][1]
        if ends:
            break
        gap = _BETWEEN.match(text, word_end)
        if gap is None or ("\n" in gap.group() and (not lines or _NUMBER_LINE.match(text, gap.end())
                                                    or LABEL.match(text[gap.end():gap.end() + 40]))):  # "D.O.B. …"
            break
        following = _TOKEN.match(text, gap.end())
        if following is None or is_cue(following.group().rstrip(".")) or not (
                _address_word(following.group(), lower_turn) or _flat_letter(text, following, words)):
            break
        split = split or bool(re.search(r"[,/\n]", gap.group()))
        position = gap.end()
    return end, words, split


def told_addresses(text: str, said: bool = False) -> Iterator[Span]:
    """The addresses told after ``_CUE`` in ``text`` (the module docstring); ``said``: ``text`` is the
    digit view of a lower-case spoken turn ("via garibaldi 8150159 firenze fi")."""
    if not any(c.isdigit() for c in text):
        return
    lower_turn = text == text.lower()
    taken = -1
    for cue in _CUE.finditer(text):
        if cue.end() <= taken or (said and kind_of_cue(text, cue.end()) == "ref"):
            continue
        start = cue.end()
        while (found := _address_at(text, start, lower_turn, bool(cue.group("weak")), said)) is not None:
            yield *found, "[ADDRESS]"
            end = taken = found[1]
            then = _THEN_TO.match(text, end)  # "I have moved from …, … to …"
            if then is None:
                break
            start = then.end()


_THEN_TO = re.compile(r"[ \t]+to[ \t]*:?[ \t]*(?:\n(?:[ \t]*[>|])*[ \t]*)?")


def _address_at(text: str, start: int, lower_turn: bool, weak: bool, said: bool = False) -> tuple[int, int] | None:
    """Where the address after ``start`` begins and ends, or None when what follows is not one: a house
    number, a postcode apart from it (a PO box has its own number) and a name; after a ``weak`` cue,
    parts split as a written address's are. Said, the house number and the code come as one run of
    digits ("garibaldi 8150159"): its words must then hold a street's or two names."""
    _, words, split = _clause(text, start, lower_turn, lines=not weak)
    # trailing words that are no name (lower case in typed text) are not the address's
    while words and not lower_turn and not any(c.isdigit() or c.isupper() for c in text[slice(*words[-1])]):
        words.pop()
    if said:
        return _said_at(text, words)
    if len(words) < 2:
        return None
    end = words[-1][1] - (text[words[-1][1] - 1] == ".")  # "… 06700 Ciudad de México, CDMX."
    numbered = [w for w in words if any(c.isdigit() for c in text[slice(*w)])]
    named = [w for w in words if not any(c.isdigit() for c in text[slice(*w)])]
    parts = [text[slice(*w)] for w in words]
    if numbered and named and _numbered_street(parts) and (not weak or split or parts[0][0].isupper()):
        return start, end  # "I've found you at Rua Padre Chagas, 3617, casa 2", "I've put Aleksanterinkatu 60"
    if weak and not split:
        return None
    codes = list(_ADDRESS_CODE.finditer(text, start, end))
    boxed = any(text[slice(*w)].lower() == "box" for w in named)
    if len(words) < 3 or not numbered or not named or not (codes or boxed):
        return None
    lettered = any(any(ch.isalpha() for ch in c.group()) and any(ch.isdigit() for ch in c.group()) for c in codes)
    if not boxed and not any(not (c.start() <= n[0] < c.end()) for c in codes for n in numbered) and not (
            lettered and len(named) >= 2):  # "Cloonfad, Kilkenny, Co. Kilkenny, R95 FEF5": no house number
        return None
    return start, end


def _numbered_street(parts: list[str]) -> bool:
    """Whether an address's words open with a street written as much of the world writes it, its
    name then its number: a street's word in one of those languages ("Rua", "ul.", "Hauptstraße")
    and a house number within the next four words ("Av. Boa Viagem, 2527", "Vasagatan 68A")."""
    bare = [p.rstrip(".").lower() for p in parts]
    first = next((i for i, p in enumerate(bare[:3]) if p in STREET_WORDS or STREET_END.search(p)), None)
    return first is not None and any(_HOUSE_NUMBER.fullmatch(p) for p in bare[first + 1:first + 5])


_HOUSE_NUMBER = re.compile(r"[0-9]{1,4}[a-z]?(?:/[0-9]{1,4}[a-z]?|/[a-z])?")  # "68A", "83/2", "124/B"


_DIALLED = re.compile(r"[0-9]{10,}|0[0-9]{8}")


def _said_at(text: str, words: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A said address: from its first street or unit word (or the number just before it), five digits
    or more, a name of three letters or more; after its last number a code's letters ("n e 14 s t") and at
    most two words of four letters or more (the town: "13001 marseille")."""
    parts = [text[slice(*w)] for w in words]
    first = next((i for i, p in enumerate(parts) if p in _SAID_STREETS or STREET_END.search(p)), None)
    if first is None:
        return None
    # the house number before the street's name ("14 magnolia avenue")
    first = next((i for i in range(max(0, first - 3), first) if parts[i].isdigit()), first)
    numbered = [i for i, p in enumerate(parts) if i >= first and any(c.isdigit() for c in p)]
    if not numbered:
        return None
    # after the house number, a phone's or a card's digits said next are not the address's: ten digits or more, or
    # nine from a trunk 0 (a house number and a postcode run together start with the house number: "1432 21517"),
    # after a word that is no unit's or street's
    numbered = numbered[:next((k for k, i in enumerate(numbered) if k and _DIALLED.fullmatch(parts[i])
                               and parts[i - 1] not in _SMALL), len(numbered))]  # not "unit 733972122850"
    last = numbered[-1]
    while last + 1 < len(parts) and last < numbered[-1] + 3 and len(parts[last + 1]) == 1:  # "n e 14 s t"
        last += 1
    code_end = last
    while last + 1 < len(parts) and last < code_end + 2 and len(parts[last + 1]) >= 4 and parts[last + 1].isalpha():
        last += 1
    kept = parts[first:last + 1]
    if sum(c.isdigit() for p in kept for c in p) < 5 or not any(
            len(p) >= 3 and p.isalpha() and p not in _SAID_STREETS and p not in CONNECTORS for p in kept):
        return None
    return words[first][0], words[last][1]
