"""Payment cards (Luhn), bank account numbers and UK sort codes (after their cue words), US
ABA routing numbers (cue and checksum) and IBANs (country length and mod-97)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.pii.checksums import IBAN_LENGTHS, aba_valid, iban_valid, luhn_valid
from ingest.pii.core import WINDOW, Doc, Span, capitals_before, cue, is_cue, letters_before, with_corrections
from ingest.pii.repairs import WORDS as SPOKEN_BETWEEN
from ingest.pii.spoken import BEFORE_PRONOUN_ONE, NUMBER_WORDS, REPEAT, SPELLING_ALPHABET, UNITS

# ---------------------------------------------------------------- card

# 4-4-4-4(-2/3) or 4-6-5, grouped with spaces, dashes or dots (one kind throughout), or contiguous
_CARD = re.compile(
    r"(?<![0-9])(?<![0-9][.,])(?:[0-9]{4}([ .-]?)[0-9]{4}\1[0-9]{4}\1[0-9]{4}(?:\1[0-9]{2,3})?"
    r"|[0-9]{4}([ .-]?)[0-9]{6}\2[0-9]{4,5}|[0-9]{4}([ .-])[0-9]{4}\3[0-9]{4}\3[0-9]|[0-9]{13,19})"  # 4-4-4-1: 13
    r"(?![0-9]|[.,][0-9])"
)

# any other grouping a customer types: 4-8-4, 10-5, 8-8, 2-2-4-4-4, double spaces ("5599  4823  7458  6267")
_GROUPED = re.compile(r"(?<![0-9])(?<![0-9][.,])[0-9]{2,15}(?:(?:  ?|-|\.)[0-9]{2,15}){1,6}(?![0-9]|[.,][0-9])")
_MONTH_GROUP = re.compile(r" +(?:0?[1-9]|1[0-2])$")
_DATED_GROUP = re.compile(r" +(?:0?[1-9]|1[0-2])-(?:20)?[0-9]{2}$")  # an expiry the dashes joined to the number
_SLASH = re.compile(r"[ \t]*/")
# what follows a card's number typed in a row: its expiry ("09-31", "03/25", "1130") and its security code
_DETAILS = re.compile(r"(?:[ \t]+(?:0?[1-9]|1[0-2])[ \t]*[-/][ \t]*(?:20)?[0-9]{2}"
                      r"|[ \t]+(?:0[1-9]|1[0-2])(?:20)?[0-9]{2})?(?:[ \t]+[0-9]{3,4})?(?![0-9])")
MAX_BETWEEN = 12  # words said between the two parts of a card read out
_NOT_CARD = ("ref",)  # after a bank cue the bank detector, which runs first, takes what it can read


def cards(doc: Doc) -> list[Span]:
    """13–19 digits, contiguous, grouped 4-4-4-4(-3) / 4-6-5 or any other way (spaces, dashes or
    dots) or read out, that pass Luhn and do not follow a reference cue ("serial", "tracking", "order"
    ...) nearer than a card cue. A number read out with more digits after it (an expiry date, a
    security code) is a card when its first 16 or 15 digits are. One read out with a correction
    in it ("two sorry three four ...") is a card when one of its readings is, or, after a card
    cue, when one has 13 digits or more."""
    if not doc.numeric:
        return []
    return with_corrections(doc, "card", _cards, 13, "[CARD]")


def _cards(doc: Doc) -> list[Span]:
    text = doc.view.text
    found = []
    for match in [*_CARD.finditer(text), *_GROUPED.finditer(text)]:
        start, end = match.span()
        digits = re.sub(r"[ .-]", "", match.group(0))
        if text[start - 1:start] == "+" and len(digits) <= 15:
            continue  # a phone number's length: "+5525741647672" is Brazil
        # a card's details typed in a row with spaces, "4728 3688 0522 5152 10/29 002", "… 5832 07-25",
        # "… 3139 01 / 27": the number without the expiry the row runs into
        if not luhn_valid(digits) and (month := _MONTH_GROUP.search(text, start, end) if _SLASH.match(text, end)
                                       else _DATED_GROUP.search(text, start, end)):
            end, digits = month.start(), re.sub(r"[ .-]", "", text[start:month.start()])
        if not luhn_valid(digits) and (number := _before_details(text, start, end)):
            end, digits = number, re.sub(r"[ .-]", "", text[start:number])
        if any(a < end and start < b for a, b in found) or not 13 <= len(digits) <= 19:
            continue
        if luhn_valid(digits) and cue(text, start) not in _NOT_CARD:
            found.append((start, end))
    for start, end in doc.view.runs:
        # "try this one five one four …": the pronoun's "one" read as the number's first digit
        before = text[max(0, start - 16):start].rstrip().rsplit(" ", 1)[-1].lower()
        shift = int(text[start:start + 1] == "1" and before in BEFORE_PRONOUN_ONE)
        if ((end - start > 16 or shift and end - start > 13) and not any(a < end and start < b for a, b in found)
                and cue(text, start) not in _NOT_CARD):
            start += shift
            length = next((n for n in (16, 15) if start + n <= end and luhn_valid(text[start:start + n])), None)
            if length and text[start:start + length].isdigit():
                found.append((start, start + length))
    # a card read out in two parts with something said between ("… three oh one nine sorry hang on the
    # light's terrible in here eight two four six …"): two parts a few words apart (``card_halves``)
    runs = doc.view.runs
    for (a, b), (c, d) in zip(runs, runs[1:]):
        if (len(text[b:c].split()) <= MAX_BETWEEN and card_part(doc, a, b) and card_part(doc, c, d)
                and card_halves(text[a:b], text[c:d]) and not any(x < d and a < y for x, y in found)):
            # only words of reading between ("right", "um"): one number, and what was said in it with it
            found += [(a, d)] if set(text[b:c].split()) <= SPOKEN_BETWEEN else [(a, b), (c, d)]
    return doc.spans(found, "[CARD]")


CARD_FIRST = "23456"  # the first digit of a payment card's number (its network: Visa 4, Mastercard 2 and 5, …)
HALF_DIGITS = 4  # each part of a card read out in two: a group at least
_DIGIT_WORDS = frozenset(UNITS) | REPEAT.keys() | {"oh", "nought"}


def card_halves(first: str, second: str) -> bool:
    """Whether two digit strings, each a group of ``HALF_DIGITS`` or more and neither a card alone,
    are one card read in two parts: 13-19 digits together, a card's first digit, passing Luhn (one
    pair of numbers in ten passes it by chance; a card's first digit halves that)."""
    joined = first + second
    return (min(len(first), len(second)) >= HALF_DIGITS and 13 <= len(joined) <= 19 and joined.isdigit()
            and joined[0] in CARD_FIRST and luhn_valid(joined))


def card_part(doc: Doc, start: int, end: int) -> bool:
    """Whether the spoken run at view span ``start:end`` of ``doc`` may be part of a card: read out
    digit by digit (not "nineteen sixty five", "four hundred and sixty"), not after letters spelled
    out ("k s f two zero …": an id) nor after a cue of another kind ("the tracking number is …")."""
    span = doc.original(start, end)
    if span is None or cue(doc.view.text, start) not in (None, "card"):
        return False
    words = doc.text[span[0]:span[1]].lower().split()
    before = doc.text[:span[0]].split()[-1:]
    return (all(w in _DIGIT_WORDS for w in words if w in NUMBER_WORDS)
            and not (before and len(before[0]) == 1 and before[0].isalpha()))


def _before_details(text: str, start: int, end: int) -> int | None:
    """Where the card number ends in the digit groups ``text[start:end]`` when it is typed in a row with
    its expiry and security code ("4858 6468 7788 5561 09-31 997"): the whole groups before them, 13 to
    19 digits that pass Luhn, the rest of the row an expiry and a code (one of them at least)."""
    for group in reversed(list(re.finditer(r"[0-9]+", text[start:end]))[1:]):
        cut = start + group.start()
        digits = re.sub(r"[ .-]", "", text[start:cut]).rstrip(" .-")
        number = start + len(text[start:cut].rstrip(" .-"))
        details = _DETAILS.match(text, number)
        if 13 <= len(digits) <= 19 and luhn_valid(digits) and details.end() > number and details.end() >= end:
            return number
    return None


# ---------------------------------------------------------------- bank

# what may stand between a cue and its number: "account number is: 1234 5678", "sort code, yeah, 12-34-56"
GLUE = (r"(?:(?:['’]s\b)?[\s:#.,-]*(?:(?:is|it's|its|was|as|of|the|my|number|no|yes|yeah|sure|ok|okay|so|that's"
        r"|like|then|should|will|would|be|i've got|ive got|i have|i've)\b"
        r"[\s:#.,-]*){0,3})")  # "sort code's 55-19-60"
_END = r"(?![\w-]|[.,][0-9])"
_ACCOUNT = re.compile(
    r"\b(?:(?:(?:bank|checking|savings|current) )?acc(?:oun)?t? (?:number|no\b\.?|num[a-z]{0,4}\b|#)|acct\b\.?|acc\b\.?"
    r"|a/c(?: no\b\.?)?"
    rf"|(?:bank|checking|savings|current) account|bank details(?: are)?){GLUE}(?P<n>[0-9](?:[ -]?[0-9]){{5,33}}){_END}"
    rf"|\baccount{GLUE}(?:(?P<plain>[0-9]{{6,17}})|(?P<grouped>[0-9]{{2,}}(?:[ -][0-9]{{2,}}){{1,4}})){_END}",
    re.I,
)
_SORT_CODE = re.compile(rf"\bsort[ -]?code{GLUE}(?P<n>[0-9]{{2}}([ -]?)[0-9]{{2}}\2[0-9]{{2}}){_END}", re.I)
_ROUTING = re.compile(
    rf"\b(?:routing|aba|rtn|transit)(?: (?:number|no\b\.?|#))?{GLUE}(?P<n>[0-9]{{9}}|[0-9]{{4}}-[0-9]{{4}}-[0-9])"
    rf"{_END}",
    re.I,
)
# a bank branch: an Australian BSB (six digits, 3-3) or a Canadian transit number (five digits)
_BRANCH = re.compile(rf"\b(?:bsb|b s b|(?:branch )?transit)(?: (?:number|no\b\.?|#))?{GLUE}"
                     rf"(?P<n>[0-9]{{3}}[ -]?[0-9]{{3}}|[0-9]{{5}}){_END}", re.I)
# a bank's other numbers: its institution number (Canada, three digits), branch code (South Africa) or
# number (Japan), bank code, and India's IFSC (four letters, a zero, six letters or digits)
_INSTITUTION = re.compile(rf"\b(?:(?:institution|bank|branch) (?:number|no\b\.?|code)|institution){GLUE}"
                          rf"(?P<n>[0-9]{{3,6}}){_END}", re.I)
# a branch number right before the account's ("branch 393, account number 1347673"), and Brazil's agência and
# conta ("agência 5631, conta 56861-5")
_BRANCH_PAIR = re.compile(rf"\b(?:branch|ag[eê]ncia)(?: (?:number|no\b\.?|code))?{GLUE}(?P<n>[0-9]{{3,5}}(?:-[0-9])?)"
                          r"(?=[ \t,]+(?:and[ \t]+)?(?:(?:the|my)[ \t]+)?(?:account|acct|conta)\b)", re.I)
_CONTA = re.compile(rf"\b(?:ag[eê]ncia|conta(?: corrente| poupan[cç]a)?){GLUE}(?P<n>[0-9]{{3,12}}(?:-[0-9Xx])?){_END}",
                    re.I)
# the account after a routing number, named by its kind alone: "routing 004488848 checking 44344305169"
_ROUTED = re.compile(rf"\b(?:routing|aba|rtn)(?: (?:number|no\b\.?|#))?{GLUE}[0-9]{{9}}[ \t,]+(?:and[ \t]+)?"
                     rf"(?:(?:my|the)[ \t]+)?(?:checking|savings)(?: (?:number|no\b\.?|#))?{GLUE}"
                     rf"(?P<n>[0-9]{{4,17}}){_END}", re.I)
# a building society's roll number: letters and digits ("roll number R8439835", "6647537307")
# (a few letters at most before its digits: "roll number If I am unavailable …" is the question's words, no number)
_ROLL = re.compile(rf"\broll (?:number|no\b\.?){GLUE}"
                   rf"(?P<n>[A-Za-z]{{0,3}}[ /.-]?[0-9](?:[ /.-]?[A-Za-z0-9]){{4,16}}){_END}", re.I)
_IFSC = re.compile(rf"\bifsc(?: code)?{GLUE}(?P<n>[A-Za-z]{{4}}0[A-Za-z0-9]{{6}}){_END}", re.I)
_BANKING = re.compile(r"\b(?:bank|account)\b", re.I)
_IFSC_SHAPE = re.compile(r"(?<![\w-])[A-Z]{4}0[A-Z0-9]{6}(?![\w-])")  # in the answer to a bank question
_IFSC_SAID = re.compile(r"(?<![\w'’])(?:[a-z] ){4}0[a-z0-9]{6}(?![\w-])", re.I)  # read out: "i c i c 0498467"
# after any bank cue, a number read out whole: a voice reads a routing number and the account
# after it as one run ("routing number oh five eight ... nine oh oh eight double five ...")
_CUED_RUN = re.compile(rf"\b(?:routing|aba|transit|bsb|b s b|sort ?code|branch code|institution|bank (?:number|code)"
                       rf"|clabe(?: interbancaria)?|acc(?:oun)?t?(?: number| no)?|a/c(?: no)?){GLUE}"
                       rf"(?P<n>[0-9]{{5,34}})(?![ -]?[0-9])", re.I)
# in the answer to "your sort code and account number?", each number the cues did not take
# (three digits and more after a question for a branch: "institution number?" - "004")
_ANSWERED = re.compile(r"(?<![\w.,/+-])[0-9](?:[ -]?[0-9]){2,33}(?![\w-]|[.,][0-9])")
ANSWERED_DIGITS = {"branch": 3}  # the least digits of an answer, by what was asked (else 5)
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z] ?[A-Za-z] ?[0-9]{2}(?:[ -]?[A-Za-z0-9]){11,32}")
_IBAN_CUE = re.compile(r"\bi ?ban\b", re.I)
# after "iban": groups of letters and digits, or each read out ("g b 82 m i d l 4000 ...")
_IBAN_SAID = re.compile(rf"\bi ?ban{GLUE}(?P<n>[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*)", re.I)
_SEPARATOR = re.compile(r"[ -]")


def bank(doc: Doc) -> list[Span]:
    """Account numbers after "account number" / "acct" / "a/c" / "bank account" (6–34 digits,
    spaces and dashes allowed) or right after "account" (6–17 digits, or grouped as no card is:
    "account 06 2473 6487115 02", not "account 4111 1111 ..."), sort codes after "sort code",
    BSBs and transit numbers after theirs, institution numbers, bank and branch codes and IFSCs
    after theirs, ABA routing numbers after "routing" with a valid checksum, and after any bank
    cue the whole number read out ("routing number oh five eight ..." with the account after it);
    IBANs (``[IBAN]``) anywhere with a valid check (in lower case after "iban" or in an answer to
    a question for bank details), read out letter by letter anywhere with a valid check, or read
    out after "iban". A number read out with a correction
    in it: when one of its readings is one, or after a bank cue (six digits or more in one
    reading). The other numbers of an answer: ``answered_accounts``."""
    if not doc.numeric:
        return []
    return with_corrections(doc, "bank", _bank, 6, "[BANK_ACCOUNT]")


def _bank(doc: Doc) -> list[Span]:
    text = doc.view.text
    asked = doc.asked in ("account", "sort", "branch", "routing", "iban")
    ibans = [*_ibans(text, asked), *filter(None, (_said_iban(m) for m in _IBAN_SAID.finditer(text)))]
    # an IBAN read out letter by letter is one wherever it is said (an agent reading it back): its
    # country's length and its check are the evidence; by the spelling alphabet, after a cue
    cued = asked or _IBAN_CUE.search(text) is not None
    said = [*(span for span in _lettered_ibans(text) if cued or _read_out(text, *span)),
            *(_spelled_ibans(text) if cued else ())]
    ibans += [span for span in said if not any(a < span[1] and span[0] < b for a, b in ibans)]
    found = [m.span(next(g for g in ("n", "plain", "grouped") if m.group(g))) for m in _ACCOUNT.finditer(text)
             if not (m.group("grouped") and _card_shaped(m.group("grouped")))]
    found += [m.span("n") for m in _SORT_CODE.finditer(text)]
    found += [m.span("n") for m in _ROUTING.finditer(text) if aba_valid(m.group("n").replace("-", ""))]
    found += [m.span("n") for pattern in (_BRANCH, _INSTITUTION, _IFSC, _ROLL, _BRANCH_PAIR, _CONTA, _ROUTED)
              for m in pattern.finditer(text)]
    # "It's HDFC0468088, 7746…" answering a question for bank details, or in a text about a bank account
    found += [m.span() for pattern in (_IFSC_SHAPE, _IFSC_SAID)
              for m in pattern.finditer(text)] if asked or _BANKING.search(text) else []
    found += [m.span("n") for m in _CUED_RUN.finditer(text) if not _card(m.group("n"))
              and not any(a < m.end("n") and m.start("n") < b for a, b in found + ibans)]
    return doc.spans(ibans, "[IBAN]") + doc.spans(found, "[BANK_ACCOUNT]")


def answered_accounts(doc: Doc) -> list[Span]:
    """In the answer to a question for bank details, each number of five digits or more (three
    after a question for a branch) that is not a card's nor, after the first, a code's: run after
    every other detector, so that a phone number, a date or an IBAN said in the answer keeps its kind."""
    if doc.asked not in ("account", "sort", "branch", "routing", "iban") or not doc.numeric:
        return []
    text, least = doc.view.text, ANSWERED_DIGITS.get(doc.asked or "", 5)
    numbers = [m for m in _ANSWERED.finditer(text, len(doc.lead)) if cue(text, m.start()) in (None, "bank")
               and not _card(m.group())]
    # the answer's first number is what was asked for ("account number l m 7125263": the account's letters);
    # one after it with a code's letters is another thing's ("… same as on t w 153517")
    numbers = [m for i, m in enumerate(numbers) if i == 0 or not _coded(text, m)]
    found = [m.span() for m in numbers if sum(c.isdigit() for c in m.group()) >= least]
    # a shorter number listed between two of them is the same details' ("63592, 004, 6055271": a branch code)
    found += [m.span() for before, m, after in zip(numbers, numbers[1:], numbers[2:])
              if before.span() in found and after.span() in found and sum(c.isdigit() for c in m.group()) >= 3
              and _LISTED.fullmatch(text, before.end(), m.start()) and _LISTED.fullmatch(text, m.end(), after.start())]
    return doc.spans(sorted(found), "[BANK_ACCOUNT]")


_LISTED = re.compile(r"[ \t]*[,;/][ \t]*")
_CODE_NAMED = re.compile(r"\b(?:i ?f ?s ?c|swift|bic)\b", re.I)  # a bank code with letters: its digits are the code's


def _coded(text: str, number: re.Match[str]) -> bool:
    """Whether a number in an answer is a reference's, letters before it ("same as on t w 153517"): not an
    IFSC read out ("h d f c oh four eight nine one oh nine") nor one named ("i f s c is k k b k …")."""
    letters = letters_before(text, number.start())
    if not letters and not capitals_before(text, number.start()) or letters and is_cue(letters):
        return False  # "a b a zero one four …": the routing number's name spelled out
    ifsc = len(letters) == 4 and _IFSC_SHAPE.fullmatch((letters + number.group().replace(" ", "")).upper())
    return not ifsc and not _CODE_NAMED.search(text, max(0, number.start() - WINDOW), number.start())


def _card_shaped(number: str) -> bool:
    """Grouped as a card is (4-4-4-...), or a card's: "account 4111 1111 1111 1112" is no account."""
    groups = re.split(r"[ -]", number)
    return _card(number) or (len(groups) >= 3 and all(len(g) == 4 for g in groups[:-1]))


def _card(number: str) -> bool:
    """Whether a number is a payment card's (13-19 digits, Luhn): the card detector's to take."""
    digits = re.sub(r"[ -]", "", number)
    return 13 <= len(digits) <= 19 and luhn_valid(digits)


def _said_iban(match: re.Match[str]) -> tuple[int, int] | None:
    """The IBAN after "iban": its groups up to the first word (a group of letters that is neither
    one letter nor a capitalised bank code), when that holds 4+ digits and 8+ characters."""
    end = match.start("n")
    for group in re.finditer(r"[A-Za-z0-9]+", match.group("n")):
        word = group.group()
        if word.isalpha() and len(word) > 1 and not (word.isupper() and len(word) <= 4):
            break
        end = match.start("n") + group.end()
    said = match.string[match.start("n"):end]
    return (match.start("n"), end) if sum(c.isdigit() for c in said) >= 4 and len(said.replace(" ", "")) >= 8 else None


# a country code read by the spelling alphabet, then the rest of an IBAN's digits: "bravo echo 20890468871456"
_SPELLED_COUNTRY = re.compile(r"\b(?P<a>[a-z]+) (?P<b>[a-z]+) (?P<n>[0-9]{2}(?:[ ]?[0-9A-Za-z]){10,30})", re.I)


# an IBAN's country read out letter by letter, then its digits ("p l 9649886562 …", "n o 4351033614725": the
# view reads that "o" as a zero)
_LETTERED = re.compile(r"(?<![\w])(?P<a>[a-z])[ \t](?P<b>[a-z0]) ?(?P<n>[0-9](?:[ \t]?[0-9a-z]){11,31})(?![\w])", re.I)


def _lettered_ibans(text: str) -> Iterator[tuple[int, int]]:
    for m in _LETTERED.finditer(text):
        if span := _iban_after(text, m, (m.group("a") + ("O" if m.group("b") == "0" else m.group("b"))).upper()):
            yield span


_READ_OUT = re.compile(r"(?:[0-9]+|[a-z])(?:[ \t]+(?:[0-9]+|[a-z]))*", re.I)


def _read_out(text: str, start: int, end: int) -> bool:
    """Whether ``start:end`` is letters and digit groups read out and nothing else, ending where they end:
    with no cue, "a d 523781 i hope …" is no IBAN, though its letters and digits pass the check."""
    return _READ_OUT.fullmatch(text, start, end) is not None and not text[end:end + 1].isalnum() \
        and not re.match(r"[ \t]+(?:[0-9]|[a-z](?![a-z]))", text[end:], re.I)


def _spelled_ibans(text: str) -> Iterator[tuple[int, int]]:
    """IBANs whose country code is read by the spelling alphabet, in an answer for bank details."""
    for m in _SPELLED_COUNTRY.finditer(text):
        if span := _iban_after(text, m, "".join(SPELLING_ALPHABET.get(m.group(g).lower(), "") for g in "ab").upper()):
            yield span


def _iban_after(text: str, m: re.Match[str], country: str) -> tuple[int, int] | None:
    """From the match's start, the IBAN of ``country`` whose other characters its group ``n`` begins
    with (its length the country's, its check right), or None."""
    length = IBAN_LENGTHS.get(country) if len(country) == 2 else None
    rest = re.sub(r"\s", "", m.group("n"))
    if not (length and len(rest) >= length - 2 and iban_valid(country + rest[:length - 2].upper())):
        return None
    end, count = m.start("n"), 0
    while count < length - 2:
        count += not text[end].isspace()
        end += 1
    return m.start(), end


def _ibans(text: str, asked: bool = False) -> Iterator[tuple[int, int]]:
    """IBANs, grouped or not, cut to their country's length (a word after one is not part of it);
    a country code in lower case only after "iban" or in the answer to a question for bank details."""
    for match in _IBAN.finditer(text):
        country = match.group(0).replace(" ", "")[:2]
        length = IBAN_LENGTHS.get(country.upper())
        if not length or not (country.isupper() or asked or _IBAN_CUE.search(text, max(0, match.start() - WINDOW),
                                                                           match.start())):
            continue
        count, end = 0, match.start()
        for position in range(match.start(), match.end()):
            if not _SEPARATOR.match(text, position):
                count += 1
                if count == length:
                    end = position + 1
                    break
        compact = _SEPARATOR.sub("", text[match.start():end]).upper()
        if count == length and not text[end:end + 1].isalnum() and iban_valid(compact):
            yield match.start(), end
