"""Street lines in the order much of Europe and Latin America writes them: the street's name, then
its number (or the number first, "4 allée des Tilleuls"), then the postcode and the town; typed
("Hafenstraße 136, 20526 Hamburg", "Via dei Mille 100, int. 3, 40174 Bologna (BO)") or said in a
lower-case turn ("zeestraat one twenty nine a three zero four one r b rotterdam"). One of the
street's words must be a street's in those languages, and the town no general English. The
flats and blocks before the line are ``ingest/pii/places.py``'s."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.pii.core import Doc, Span
from ingest.pii.postcodes import NOT_TOWN
from ingest.pii.spoken import NUMBER_WORDS, TEENS, TENS, UNITS
from ingest.pii.words import COMMON

# a house number said as words: "twelve", "forty four seventeen", "nineteen oh five", "nine hundred"
_SAID = "|".join(sorted([*UNITS, *TEENS, *TENS, "hundred", "thousand"], key=len, reverse=True))
SAID_NUMBER = rf"(?:{_SAID})(?:[ -](?:{_SAID}|oh|and)){{0,3}}"

# the small words inside street and place names written in other languages' order ("Heol y Nant",
# "Páirc an Rí", "Bóthar na Trá", "Rue des Érables", "Calle del Sol")
CONNECTORS = frozenset("y an na de des du la le del van von der da do dos das di dei degli della delle dello".split())

# a street line in the order much of Europe writes it, then its postcode and its town: the street's
# name and its number ("Hafenstraße 136, 20526 Hamburg", "Calle Larios 168, 5º B, 29074 Málaga"), or
# the number first ("4 allée des Tilleuls, 33009 Bordeaux"); typed, the town capitalised, and one of
# the name's words a street's in those languages. A four-digit code that reads as a year is not one.
_WORD = r"[^\W\d_][\w'’.-]*"
_FLAT = (r"(?:(?i:int|app|apt|apto|piso|esc|stg|scala|casa|lgh|bajo|planta|puerta|pta)\.?[ \t]*[0-9A-Za-z]{1,4}"
         r"|(?i:r/c)|[0-9]{1,2}[ºª°]?[ \t]*(?:[A-Za-z]\b|(?i:dcha|izda|izq|der|esq|dto)\.?)?)")
_CONTINENTAL = re.compile(
    rf"(?<![\w@./#-])(?P<line>(?:{_WORD}[ \t]+){{0,3}}{_WORD},?[ \t]+[0-9]{{1,4}}[A-Za-z]?(?:/[0-9]{{1,4}}[A-Za-z]?)?"
    rf"|[0-9]{{1,4}}[A-Za-z]?,?[ \t]+(?:{_WORD}[ \t]+){{0,3}}{_WORD})"
    rf"(?:,[ \t]*{_FLAT}){{0,2}}"  # the flat: "int. 3", "5º B", "8º dcha.", "R/C", "lgh 1394"
    rf",?(?:[ \t]+|[ \t]*\n(?:>[ \t]*)?)(?P<code>[0-9]{{5}}-[0-9]{{3}}|[0-9]{{4}}-[0-9]{{3}}|[0-9]{{2}}-[0-9]{{3}}"
    rf"|[0-9]{{3}}[ ][0-9]{{2}}|[0-9]{{5}}|[0-9]{{4}}(?:[ \t]?[A-Z]{{2}}\b)?)"
    rf"[ \t]+(?P<town>[A-ZÀ-Þ][\w'’-]+(?:[ \t]+\(?[A-Z]{{2}}\)?(?![\w-]))?)")
# a street in German, Dutch, the Nordic languages (the end of its word: "Lindenstraße", "Prinsengracht"),
# or in French, Spanish, Italian, Portuguese, Polish (a word of its own: "rue", "Calle", "Via")
STREET_END = re.compile(r"(?:stra(?:ß|ss)e|str\.?|allee|weg|gasse|platz|ring|damm|ufer|laan|straat|gracht|kade"
                         r"|plein|markt|singel|dijk|gatan|vägen|gade|vej|veien|gata|katu|tie)$", re.I)
STREET_WORDS = frozenset("rue allée avenue boulevard bd quai chemin impasse place cours calle avenida av paseo plaza "
                          "carrer camino via viale piazza corso largo vicolo rua travessa ulica ul aleja plac".split())


# the same said in a lower-case turn, read through the digit view: the street (from its street word),
# its number, the code (or the number and the code read as one run), a flat's letter or the code's
# letters, the town ("zeestraat 129 a 3041 r b rotterdam", "corso buenos aires 17590100 palermo p a")
_SAID_CONTINENTAL = re.compile(
    r"\b(?P<line>[a-zà-ÿ]+(?: [a-zà-ÿ]+){0,4}?) (?P<n>[0-9]{1,4})(?: [a-z])?(?: (?P<code>[0-9]{4,5}))?"
    r"(?: [a-z] ?[a-z])?"
    r" (?P<town>[a-zà-ÿ]{3,}(?: [a-zà-ÿ]{3,}){0,2}?)(?: [a-z] [a-z])?(?=[ \t]*(?:$|[.,!?]))"
    r"|\b(?P<line2>[a-zà-ÿ]+(?: [a-zà-ÿ]+){0,4}?) (?P<run>[0-9]{6,9})(?: [a-z] ?[a-z])?"
    r" (?P<town2>[a-zà-ÿ]{3,}(?: [a-zà-ÿ]{3,}){0,2}?)(?: [a-z] [a-z])?(?=[ \t]*(?:$|[.,!?]))")


def said_continental(doc: Doc) -> Iterator[Span]:
    """``_SAID_CONTINENTAL``'s addresses, from the first street word of the line: one of its words a
    street's, no word of the town general English or a number's."""
    if not (doc.said_numbers and doc.text == doc.text.lower() and (
            not STREET_WORDS.isdisjoint(doc.vocabulary) or any(STREET_END.search(w) for w in doc.vocabulary))):
        return
    text = doc.view.text
    for m in _SAID_CONTINENTAL.finditer(text):
        line, town = m.group("line") or m.group("line2"), m.group("town") or m.group("town2")
        if m.group("n") and not m.group("code"):
            continue  # a house number without its code: "paseo de la reforma 1213" could be anything
        words = line.split()
        first = next((i for i, w in enumerate(words) if STREET_END.search(w) or w in STREET_WORDS), None)
        if first is None or any(w in COMMON or w in NOT_TOWN or w in NUMBER_WORDS for w in town.split()):
            continue
        start = m.start() + len(" ".join(words[:first])) + (1 if first else 0)
        yield from doc.spans([(start, m.end())], "[ADDRESS]")


_SPACE = re.compile(r"\s+")
# what any of them has: a code, a town
_CODE_TOWN = re.compile(r"(?:[0-9]{4}(?:[0-9]|[ \t]?[A-Z]{2})?|[0-9]{2,5}-[0-9]{3}|[0-9]{3} [0-9]{2})[ \t]+[A-ZÀ-Þ]")


def _typed(text: str) -> Iterator[Span]:
    """``_CONTINENTAL``'s addresses; a stretch that is not one is tried again from its next word
    ("it's Hafenstraße …")."""
    position = 0
    while m := _CONTINENTAL.search(text, position):
        words = re.findall(_WORD, m.group("line"))
        code = m.group("code")
        if (any(STREET_END.search(w) or w.lower().rstrip(".") in STREET_WORDS for w in words)
                and not (len(code) == 4 and 1900 <= int(code) < 2100)):
            yield _named_from(m), m.end(), "[ADDRESS]"
            position = m.end()
        else:
            following = _SPACE.search(text, m.start() + 1, m.end())
            position = following.end() if following else m.end()


def _named_from(match: re.Match[str]) -> int:
    """Where a street name written before its number starts: its last run of capitalised words,
    small connecting words and street words ("it's Hafenstraße 136" → "Hafenstraße 136")."""
    if match.group("line")[0].isdigit():
        return match.start()
    start = match.start()
    name = re.sub(r"[ \t]+[0-9]{1,4}[A-Za-z]?$", "", match.group("line"))
    for word in reversed(list(re.finditer(_WORD, name))):
        text = word.group()
        bare = text.lower().rstrip(".")
        if not (text[0].isupper() or bare in CONNECTORS or bare in STREET_WORDS) or text == "I":
            break
        start = match.start() + word.start()
    return start


def continental(doc: Doc) -> Iterator[Span]:
    """The typed addresses of ``_CONTINENTAL`` in ``doc``."""
    if doc.has_digit and doc.text != doc.text.lower() and _CODE_TOWN.search(doc.text):
        yield from _typed(doc.text)


# a street line with its number and no postcode, in those languages' order: a word that ends as only a
# street's does, then its number ("Bahnhofstraße 3", "dorpsstraat 181", "søndergade 15"); a street word,
# the name and its number ("Via Roma 6", "calle de alcala 147", "ul. Słowackiego 54/36"); or the number
# before the street word ("30 rue Victor Hugo"). A code and a town after it go with it.
_ONLY_STREET_END = re.compile(r"(?:stra(?:ß|ss)e|allee|gasse|platz|straat|gracht|laan|plein|gade|vej|vägen|gatan"
                              r"|veien|katu|kade|singel|ufer|damm|weg)$", re.I)
_ENGLISH_TOO = re.compile(r"gade$", re.I)  # "brigade", "renegade": the line must end after its number
_NUMBER_FIRST = "rue|allée|allee|calle|avenida|carrer|viale|piazza|corso|rua|travessa|quai|chemin|impasse"
_LEADING = _NUMBER_FIRST + r"|av\.|camino|paseo|vicolo|ulica|ul\.|aleja|plac|via"  # not "21 via Technogym"
_HOUSE = r"[0-9]{1,4}[A-Za-z]?(?:/[0-9]{1,4}[A-Za-z]?)?(?![\w/-])"
_LINE = re.compile(
    rf"(?<![\w-])(?P<end>{_WORD})[ \t]*,?[ \t]+(?P<n>{_HOUSE})"
    rf"|(?<![\w-])(?P<lead>{_LEADING})[ \t]+(?P<name>(?:{_WORD}[ \t]+){{0,3}}?{_WORD}),?[ \t]+{_HOUSE}"
    rf"|(?<![\w£$€.,:/-])(?:[0-9]{{1,4}}[A-Za-z]?|{SAID_NUMBER}),?[ \t]+(?:{_NUMBER_FIRST})"
    rf"(?P<after>(?:[ \t]+{_WORD}){{1,4}})", re.I)
_CODE_AND_TOWN = re.compile(r",?[ \t]+(?:[0-9]{4}[ \t]?[A-Z]{2}|[0-9]{4,5}|[0-9]{2}-[0-9]{3}|[0-9]{3} [0-9]{2})"
                            r"[ \t]+(?P<town>[^\W\d_][\w'’-]*)")
_VIA_AFTER = re.compile(r"(?:^|[:,]|\b(?:it's|its|it is|at|to|address|line|from))[ \t]*$", re.I)  # "it's via Roma 6"
_CLAUSE_ON = re.compile(r"[ \t]*(?:$|[,.;:!?\n])")


def _named(words: list[str]) -> bool:
    """Whether ``words`` can be a street's name: one word at least that is no general English, and none
    a number's."""
    return (any(w.lower() not in COMMON and w.lower() not in CONNECTORS for w in words)
            and not any(w.lower() in NUMBER_WORDS or w.lower() in NOT_TOWN and w.lower() not in CONNECTORS
                        for w in words))


def _name_start(text: str, start: int) -> int:
    """Where a street's name that ends at ``start``'s word begins: the capitalised words and small
    connecting words written before it ("Czaar Peterstraat", "Calle de Alcalá")."""
    base = max(0, start - 40)
    for word in reversed(list(re.finditer(_WORD, text[base:start]))):
        lower = word.group().lower()
        if text[base + word.end():start].strip(" \t") or not (
                word.group()[0].isupper() and lower not in COMMON or lower in CONNECTORS):
            break
        start = base + word.start()
    return start


def street_lines(doc: Doc) -> Iterator[Span]:
    """``_LINE``'s street lines in ``doc``'s digit view, each with the code and town after it."""
    if not (doc.numeric or doc.said_numbers):
        return
    text, position = doc.view.text, 0
    while m := _LINE.search(text, position):
        position = m.start() + 1  # a stretch that is not one is tried again from its next character
        if m.group("end") is not None:
            word = m.group("end")
            if (len(word) < 6 or word.lower() in COMMON or not _ONLY_STREET_END.search(word)
                    or _ENGLISH_TOO.search(word) and not _CLAUSE_ON.match(text, m.end())):
                continue
        elif m.group("lead") is not None:
            lead, name = m.group("lead").lower(), m.group("name").split()
            if not _named(name) or lead == "via" and not (_CLAUSE_ON.match(text, m.end())
                                                          and _VIA_AFTER.search(text, 0, m.start())):
                continue  # "via PayPal 3 times", "entry is via Gate 7"
        else:  # the number first: the name runs to its first general English word
            words = list(re.finditer(_WORD, m.group("after")))
            cut = next((k for k, w in enumerate(words) if w.group().lower() in COMMON - CONNECTORS), len(words))
            if not cut or not _named([w.group() for w in words[:cut]]):
                continue
            yield from doc.spans([(m.start(), m.start("after") + words[cut - 1].end())], "[ADDRESS]")
            position = m.end()
            continue
        end = m.end()
        if (tail := _CODE_AND_TOWN.match(text, end)) and tail.group("town").lower() not in COMMON | NOT_TOWN:
            end = tail.end()
        start = _name_start(text, m.start()) if m.group("end") is not None else m.start()
        yield from doc.spans([(start, end)], "[ADDRESS]")
        position = end
