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
from ingest.pii.spoken import NUMBER_WORDS
from ingest.pii.words import COMMON

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
