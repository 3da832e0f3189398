"""What a conversation's turns share: a name redacted in one turn is redacted where another
says it, a number or an address where it is said again (as written, or read back in other words),
and overlapping findings resolved, the earlier one winning."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate

from rapidfuzz.distance import Levenshtein

from ingest.pii.contact import digits_of, national_forms
from ingest.pii.core import Doc, Finding, alnum, cue, typed_number
from ingest.pii.layout import QUOTED, depth_at
from ingest.pii.others import mentions
from ingest.pii.places import SUFFIX_WORDS
from ingest.pii.spelled import NUMBER_NEXT, SPELL_AT, spelled_word
from ingest.pii.spoken import UNITS
from ingest.pii.theirs import ROLE_MAILBOX, WRITERS, business_mailbox, business_values
from ingest.pii.widen import SAID_BETWEEN
from ingest.pii.words import COMMON


def resolve_findings(findings: list[Finding]) -> list[Finding]:
    return resolve([(f.start, f.end, f.entity, f.token) for f in findings])


def resolve(candidates: list[tuple[int, int, str, str]]) -> list[Finding]:
    """The candidates that overlap no earlier one, as findings sorted by position."""
    taken: list[tuple[int, int, str, str]] = []
    for candidate in candidates:
        if not any(candidate[0] < t[1] and t[0] < candidate[1] for t in taken):
            taken.append(candidate)
    return [Finding.model_construct(start=s, end=e, entity=entity, token=token)
            for s, e, entity, token in sorted(taken)]


def across_turns(texts: list[str], speakers: list[str | None], found: list[list[Finding]],
                 own: set[str] | None, business: Sequence[tuple[str, str]] = ()) -> list[list[Finding]]:
    """What the turns of a conversation share, in order: names (``own``: the agents' own, kept;
    None: names are not redacted), the business's own phone numbers and addresses (``business``)
    kept wherever they recur, an agent's echo of a piece just given, values said again, and the
    business's own e-mail addresses, kept wherever they recur."""
    if own is not None:
        found = names_across_turns(texts, found, own)
    found = business_values(texts, found, business)
    return business_mail(texts, speakers, values_across_turns(texts, echoes(texts, speakers, found)))


def names_across_turns(texts: list[str], found: list[list[Finding]], own: set[str]) -> list[list[Finding]]:
    """Each turn's findings, less the names an agent or a bot gave as its own, plus every mention
    of a name redacted in another turn."""
    found = [[f for f in fs if f.entity != "name" or text[f.start:f.end].lower() not in own]
             for text, fs in zip(texts, found, strict=True)]
    known = {word for text, fs in zip(texts, found, strict=True) for f in fs if f.entity == "name"
             for word in name_words(text[f.start:f.end])} - own
    out = []
    for text, fs in zip(texts, found, strict=True):
        extra = [(start, end, "name", "[NAME]") for start, end in [*mentions(text, known), *_read_back(text, known),
                                                                   *_spelled_again(text, known)]]
        out.append(resolve([(f.start, f.end, f.entity, f.token) for f in fs] + extra) if extra else fs)
    return out


_CODES = frozenset({"bank", "national_id"})  # what is spelled out in letters and digits: IBANs, ids
SPELLED_CODE = 8  # letters and digits a code has at least to be found again when read out
_SAID_CHAR = re.compile(r"[A-Za-z]+|[0-9]+")
_JOINING = re.compile(r"[\s,.-]*")
_DIGIT_WORDS = {**{w: str(v) for w, v in UNITS.items()}, "oh": "0", "o": "0", "nought": "0"}
_SAID_DIGITS = frozenset({"double", "triple"})


def _said_chars(text: str) -> list[tuple[int, int, str]]:
    """Each word of ``text`` as the characters it says in a code read out: a letter, a digit word,
    typed digits or letters and digits ("ie80"), "double" and "triple" doubling what follows; any
    other word says nothing ("")."""
    out: list[tuple[int, int, str]] = []
    repeat = 1
    for m in _SAID_CHAR.finditer(text):
        word = m.group().lower()
        if word in ("double", "triple"):
            repeat = 2 if word == "double" else 3
            continue
        if word in _DIGIT_WORDS and not (word == "o" and repeat == 1 and out and out[-1][2].isalpha()):
            said = _DIGIT_WORDS[word]
        elif len(word) == 1 or (m.group().isupper() or any(c.isdigit() for c in text[m.start():m.end() + 1])):
            said = word
        else:
            said = ""
        out.append((m.start(), m.end(), said * repeat))
        repeat = 1
    return out


def _letters_and_digits(text: str) -> str:
    return alnum(text) if not any(
        w.lower() in _DIGIT_WORDS for w in _SAID_CHAR.findall(text)) else "".join(s for _, _, s in _said_chars(text))


def _codes_said(text: str, codes: dict[str, tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Where a known code (letters and digits) is read out again in ``text``, word by word."""
    chars = _said_chars(text)
    found = []
    i = 0
    while i < len(chars):
        if not chars[i][2]:
            i += 1
            continue
        j = i + 1
        while j < len(chars) and chars[j][2] and _JOINING.fullmatch(text, chars[j - 1][1], chars[j][0]):
            j += 1
        run = chars[i:j]
        said = "".join(c for _, _, c in run)
        ends = list(accumulate(len(c) for _, _, c in run))  # where each word's characters end in ``said``
        for code in codes:
            at = said.find(code)
            if at >= 0:
                first = next(k for k, e in enumerate(ends) if e > at)
                last = next(k for k, e in enumerate(ends) if e >= at + len(code))
                found.append((run[first][0], run[last][1], code))
        i = j
    return found


# an agent reading back a name it misheard: "It's Lucy King." - "Was that kine?" / "so that's claarke" - "close,
# it's king, not kine"
_READ_BACK = re.compile(r"\b(?:(?:was|is) (?:that|it)|(?:so )?that['’]?s|thats|not)[ \t]+"
                        r"(?P<name>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)?)"
                        r"[ \t]*(?:[?.!,]|$)", re.I)  # said, a question has no mark: "was that hoffmana"


def _read_back(text: str, known: set[str]) -> list[tuple[int, int]]:
    """Where ``text`` asks back, as a question, for a name within two letters of one found in the
    conversation ("Was that Lindqvisi?" after "Ingrid Lindqvist"): a misheard name is the name."""
    near = [k.lower() for k in known if len(k) >= 4]
    if not near:
        return []
    spans = []
    for match in _READ_BACK.finditer(text):
        words = match.group("name").lower().split()
        if all(w not in COMMON and any(Levenshtein.distance(w, k, score_cutoff=2) <= 2 for k in near) for w in words):
            spans.append(match.span("name"))
    return spans


def _spelled_again(text: str, known: set[str]) -> list[tuple[int, int]]:
    """Where ``text`` spells out a name found in the conversation ("so w a n g lovely" after "Yuxuan
    Wang"), or a part of a double-barrelled one ("n k o s i hyphen r o s e" after "Nkosi-Rose"); not
    when a number follows (a reference read out: "c a s e three one zero")."""
    parts = {part for word in known for part in re.split(r"[-'’]", word.lower()) if len(part) > 2}
    return [match.span("run") for match in SPELL_AT.finditer(text)
            if spelled_word(match.group("run")) in parts and not NUMBER_NEXT.match(text, match.end("run"))]


_BREAK = r"(?:[\s,>]*[\s,][\s,>]*)"  # between a value's words: spaces, commas, line breaks and quote markers
_BREAKS = re.compile(_BREAK)


def _spaced(value: str) -> str:
    """A value with single spaces between its words, whatever broke them: the key it is known by."""
    return _BREAKS.sub(" ", value.strip(" \t\n,>")).lower()


SAID_STREET_WORDS = 3  # a street said in words with its suffix, read back ("great, sixty seven church grove")


def values_across_turns(texts: list[str], found: list[list[Finding]]) -> list[list[Finding]]:
    """Each turn's findings plus every other place in the conversation where a number or an
    address redacted in one turn is said again as written ("passport 502851204" in the
    customer's e-mail, "I've added 502851204" in the agent's reply): the cue that made it PII
    is often only in the first turn. Values of six or more letters and digits, with a digit; and
    a number said again in other words ("six six nine six five oh two eight eight" read back as
    "six six nine six five oh two double eight"), by its digits."""
    values: dict[str, tuple[str, str]] = {}
    digits: dict[str, tuple[str, str]] = {}  # a number's digits, however it was said: read back in other words
    codes: dict[str, tuple[str, str]] = {}  # a code's letters and digits ("IE80 IPBS …"): read back letter by letter
    postcodes: dict[str, tuple[str, str]] = {}  # an address's code of four to six digits, read back on its own
    for text, fs in zip(texts, found, strict=True):
        for value, f in [(value, f) for f in fs for value in _pieces(text[f.start:f.end], f.entity)]:
            if f.entity == "address":
                for code in _postcodes(value):
                    postcodes.setdefault(code, (f.entity, f.token))
                # its code as typed, said again on its own ("I have Dana, 0871 …, F91 ED7H and DOB …")
                for code in _LETTERED_CODE.findall(value) + [c for c in _TYPED_CODE.findall(value) if len(c) == 6]:
                    values.setdefault(_spaced(code), (f.entity, f.token))
            # as written, or read out ("g b double seven n w b k eight six …", said again word for word)
            if f.entity != "name" and sum(c.isalnum() for c in value) >= 6 and (
                    any(c.isdigit() for c in value) or len(digits_of(value)) >= 6
                    or (f.entity == "address" and len(words := value.lower().split()) >= SAID_STREET_WORDS
                        and not SUFFIX_WORDS.isdisjoint(words))):
                values.setdefault(_spaced(value), (f.entity, f.token))
            if f.entity in _NUMBERS and len(said := digits_of(value)) >= 6:
                digits.setdefault(said, (f.entity, f.token))
                if f.entity == "phone":  # "+64 29 553 0746" read back as "0295530746"
                    for national in national_forms(value):
                        digits.setdefault(national, (f.entity, f.token))
            if (f.entity in _CODES and len(read := _letters_and_digits(value)) >= SPELLED_CODE
                    and any(c.isalpha() for c in read) and any(c.isdigit() for c in read)):
                codes.setdefault(read, (f.entity, f.token))
    if not values and not digits and not codes and not postcodes:
        return found
    # a value said again with other breaks between its words: an address's lines quoted in a reply ("> "),
    # or its commas as lines
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(_BREAK.join(map(re.escape, v.split(" ")))
                                                     for v in sorted(values, key=len, reverse=True))
                         + r")(?![\w-])", re.I) if values else None
    out = []
    for text, fs in zip(texts, found, strict=True):
        extra = [(m.start(), m.end(), *values[_spaced(m.group(0))]) for m in pattern.finditer(text)] if pattern else []
        doc = Doc(text) if digits or postcodes else None
        if digits and doc is not None and doc.numeric:
            extra += [(*span, *known) for span, said in _numbers_in(doc)
                      if not any(f.start < span[1] and span[0] < f.end for f in fs)
                      and (known := digits.get(said) or _misheard(said, digits))]
        if postcodes and doc is not None and doc.numeric:  # not after another number's cue ("the app shows code 4001")
            extra += [(*span, *postcodes[said]) for span, said in _codes_in(doc)
                      if said in postcodes and not any(f.start < span[1] and span[0] < f.end for f in fs)
                      and cue(text, span[0]) is None and not _town_before(text, span[0], fs)]
        # a code read back letter by letter ("so thats i e eight oh i p b s nine four …") is one
        # value: it goes first, over the pieces other detectors made of it
        said = [(start, end, *codes[code]) for start, end, code in _codes_said(text, codes)
                if not any(f.start <= start and end <= f.end for f in fs)] if codes else []
        # a value found whole elsewhere covers the piece of it found here ("> 77 Cuba Road" of the quoted address)
        kept = [(f.start, f.end, f.entity, f.token) for f in fs
                if not any(s <= f.start and f.end <= e and (s, e) != (f.start, f.end) for s, e, *_ in extra)]
        out.append(resolve(said + kept + extra) if extra or said else fs)
    return out


_MAILBOX = re.compile(r"(?<![\w.%+-])[\w.%+-]+@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24})\b")


_HEADER = re.compile(r"(?:from|to|cc|reply-to|sender)[ \t]*:|on[ \t][^\n]{0,80}\bwrote:", re.I)
_WROTE = re.compile(r">?[ \t]*wrote:")
_DISPLAY = re.compile(r"(?:[,:][ \t]*|^)(?P<name>[^\n,:<>@]{2,60}?)[ \t]*<$")


def _display_is_business(text: str, line: int, at: int) -> bool:
    """Whether the address at ``at`` in a header has a display name that is a business's
    (``theirs.business_mailbox``: "From: Hollowmere Storage <units@hollowmere.example>")."""
    m = _DISPLAY.search(text, line, at)
    return m is not None and business_mailbox(text, m.start("name"), m.end("name"))


def business_mail(texts: list[str], speakers: list[str | None], found: list[list[Finding]]) -> list[list[Finding]]:
    """Each turn's findings less the business's own e-mail addresses wherever the conversation repeats
    them ("From: Saltmarsh Quay Marina <berths@…>" in a reply's header, "On 27/04, office@… wrote:"):
    an address the business left readable where it wrote it as its own (a signature, "email us at", a
    role mailbox: ``theirs.py``), and any other at its domain, unless a customer writes an address at
    that domain as their own (a business on a free mail service)."""
    own: set[str] = set()
    customers: set[str] = set()  # the domains of addresses customers give as theirs
    for text, speaker, fs in zip(texts, speakers, found, strict=True):
        for m in _MAILBOX.finditer(text) if "@" in text else ():
            line = text.rfind("\n", 0, m.start()) + 1
            quotes = QUOTED.match(text, line)
            depth = depth_at(text, m.start()) % 2
            redacted = any(f.start <= m.start() < f.end for f in fs)
            header = _HEADER.match(text, quotes.end()) is not None or _WROTE.match(text, m.end()) is not None
            business = speaker in WRITERS and depth == 0 or speaker == "customer" and depth == 1
            if business and not redacted or header and (_display_is_business(text, line, m.start())
                                                         or ROLE_MAILBOX.match(text, m.start())):  # "To: help@…"
                own.add(m.group(0).lower())
            elif redacted and speaker == "customer" and depth == 0 and not header:
                customers.add(m.group("domain").lower())
    if not own:
        return found
    domains = {address.split("@", 1)[1] for address in own} - customers
    out = []
    for text, fs in zip(texts, found, strict=True):
        kept = [f for f in fs if f.entity != "email" or not (
            (said := text[f.start:f.end].lower()) in own or said.rsplit("@", 1)[-1] in domains)]
        out.append(kept if len(kept) < len(fs) else fs)
    return out


_PIECE = typed_number(3, 31, dots=True)
ECHO_DIGITS = 3  # a piece of a number this long, echoed by the agent right after the customer gave it


def echoes(texts: list[str], speakers: list[str | None], found: list[list[Finding]]) -> list[list[Finding]]:
    """Each turn's findings plus an agent's echo of the number the customer has just given ("okay
    six five one" - "six five one, and then?", "962" - "Sorry, after 962?"): a piece of a phone or
    an account given in parts is too short to be known anywhere else, but said back at once it is
    the same piece."""
    out = list(found)
    for i in range(1, len(texts)):
        if speakers[i] == "customer" or speakers[i - 1] != "customer" or not found[i - 1]:
            continue
        given = {said: (f.entity, f.token) for f in found[i - 1] if f.entity in _NUMBERS
                 and len(said := digits_of(texts[i - 1][f.start:f.end])) >= ECHO_DIGITS}
        if not given or not (doc := Doc(texts[i])).numeric:
            continue
        pieces = [(m.span(), re.sub(r"\D", "", m.group())) for m in _PIECE.finditer(doc.text)]
        pieces += [(span, doc.view.text[a:b]) for a, b in doc.view.runs if (span := doc.original(a, b))]
        extra = [(*span, *given[said]) for span, said in pieces if said in given and cue(texts[i], span[0]) is None
                 and not any(f.start < span[1] and span[0] < f.end for f in found[i])]  # not "the card ending …"
        if extra:
            out[i] = resolve([(f.start, f.end, f.entity, f.token) for f in found[i]] + extra)
    return out


_TYPED_NUMBER = typed_number(6, 31, dots=True)  # a known number read back in any groups: "31.11.98.04"


def _numbers_in(doc: Doc) -> list[tuple[tuple[int, int], str]]:
    """The numbers of six digits or more in ``doc``, read out or typed in groups: (where, digits)."""
    found = []
    for a, b in doc.view.runs:
        if (span := doc.original(a, b)) and len(said := doc.view.text[a:b]) >= 6 and said.isdigit():
            found.append((span, said))
    for m in _TYPED_NUMBER.finditer(doc.text):
        found.append((m.span(), re.sub(r"\D", "", m.group())))
    return found


_TYPED_CODE = re.compile(r"(?<![\w£$€.,:/-])[0-9]{4,6}(?![\w-]|[.,:/][0-9])")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
# a code at the end of a written address line (", Karori, Wellington 6012"): the address detectors' to judge
# (a business's own address stays), not a read-back of the customer's code
_TOWN_BEFORE = re.compile(r",[ \t]*[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)*,?[ \t]*$")


def _town_before(text: str, at: int, found: list[Finding]) -> bool:
    """Whether a town's name ends just before ``at`` (", Springfield, 43253"), not a name the turn
    redacted ("Lovely, Brandon Martin, 43253")."""
    town = _TOWN_BEFORE.search(text, 0, at)
    return bool(town) and not any(f.entity == "name" and f.start < town.end() and town.start() < f.end for f in found)


# a postcode of letters and digits: the UK's, an Eircode, Canada's
_LETTERED_CODE = re.compile(r"(?<![\w-])(?:[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}|[A-Z][0-9]{2} ?[A-Z0-9]{4}"
                            r"|[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9])(?![\w-])")


def _pieces(value: str, entity: str) -> list[str]:
    """A finding's value, and for an address joined over fillers and its code's name ("… view road um and the
    zip code is four oh five four oh") each of its parts too, which a read-back may say alone."""
    parts = [part.strip() for part in SAID_BETWEEN.split(value)] if entity == "address" else []
    return [value, *(part for part in parts if part and part != value)]


def _postcodes(address: str) -> list[str]:
    """The codes of four to six digits in an address as typed ("..., Bengaluru 560032", "80100"), or
    the digits of one read out on its own ("two eight oh one three"): a read-back of the code alone
    ("okay two eight oh one three, and is that also the billing address") is the customer's postcode.
    Not a four-digit code that reads as a year ("2024"): said again it is more likely one."""
    typed = _TYPED_CODE.findall(address)
    if not typed and (words := address.split()) and all(w.lower() in _DIGIT_WORDS or w.lower() in _SAID_DIGITS
                                                        for w in words):
        typed = [digits_of(address)]
    return [c for c in typed if 4 <= len(c) <= 6 and not _YEAR.fullmatch(c)]


def _codes_in(doc: Doc) -> list[tuple[tuple[int, int], str]]:
    """The numbers of four to six digits in ``doc``, typed or read out: (where, digits)."""
    found = [(m.span(), m.group()) for m in _TYPED_CODE.finditer(doc.text)]
    for a, b in doc.view.runs:
        if (span := doc.original(a, b)) and 4 <= len(said := doc.view.text[a:b]) <= 6 and said.isdigit():
            found.append((span, said))
    return found


MISHEARD_DIGITS = 7  # a number this long read back with one digit wrong is still the customer's (two from 12)


def _misheard(said: str, known: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The kind of the known number ``said`` is, read back with a digit or two wrong ("just checking
    that's 01 237 8035?" for 012318035): as private as the number given."""
    if len(said) < MISHEARD_DIGITS:
        return None
    allowed = 2 if len(said) >= 12 else 1
    return next((kind for value, kind in known.items()
                 if abs(len(value) - len(said)) <= allowed and Levenshtein.distance(value, said) <= allowed), None)


_NUMBERS = frozenset({"card", "phone", "bank", "national_id"})


def name_words(name: str) -> set[str]:
    """The words of a name worth finding elsewhere: not short, not general English ("Will"), none
    of a name spelled out ("h for hotel a for alpha": not "hotel")."""
    words = name.split()
    if sum(len(word.strip(".,-")) == 1 for word in words) >= 2:
        return set()
    return {word for word in words if len(word) > 2 and word.lower() not in COMMON}
