"""A finding's extent: widened over what is said letter by letter next to it and over a phone's
extension; a card number that is part of a longer national id taken for that id; an address's
street line and postcode, found apart with the town between them, joined."""

from __future__ import annotations

import re
from functools import cache

from ingest.pii.core import Finding
from ingest.pii.letters import begun_again, restarted, spelled_around
from ingest.pii.spoken import NUMBER_WORDS
from ingest.pii.words import COMMON


def named_ids_first(candidates: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A card number that is part of a longer national id is that id ("My Emirates ID is
    784-1993-1832579-4": its first fifteen digits pass Luhn, and the card detector runs first)."""
    ids = [(start, end) for start, end, entity, _ in candidates if entity == "national_id"]
    if not ids:
        return candidates
    return [c for c in candidates if c[2] != "card" or not any(
        start <= c[0] and c[1] <= end and end - start > c[1] - c[0] for start, end in ids)]


# what is spelled out letter by letter: an e-mail, an id, an IBAN or account, whose letters a detector of
# the spoken form leaves ("l c four two eight ...", "j o h n dot smith at ...")
_SPELLED_TOKENS = frozenset({"[EMAIL]", "[NATIONAL_ID]", "[IBAN]", "[BANK_ACCOUNT]"})
_RESTARTABLE = frozenset({"[CARD]", "[BANK_ACCOUNT]", "[PHONE]", "[NATIONAL_ID]"})
_SAID = re.compile(r"\b(?:" + "|".join(sorted(NUMBER_WORDS | {"at", "dot"}, key=len, reverse=True)) + r")\b", re.I)


_DIGIT = r"(?:(?:double|triple)[ \t]+)?(?:oh|zero|one|two|three|four|five|six|seven|eight|nine)"
# a phone's extension, part of the number that reaches the person: "… extension 1423", "622 331 487 x2117",
# "(ext 7092)", "… extension one four eight oh"
_EXTENSION = re.compile(rf"[ \t]*(?:,|(?P<open>\())?[ \t]*(?:extension|ext\.?|x)[ \t]*(?:[0-9]{{1,6}}(?![\w-])"
                        rf"|{_DIGIT}(?:[ \t]+{_DIGIT}){{0,5}}\b)(?(open)\)|)", re.I)  # "… (ext 7092)"


def widened(text: str, start: int, end: int, token: str, cues: re.Pattern[str] | None) -> tuple[int, int]:
    """A finding said aloud widened over the letters and digits spelled out right next to it
    (an e-mail only before it), less a cue spelled before it ("s i n three seven ..."); a card or
    account number over its abandoned first attempt ("six oh one one sorry start again six oh …"); a phone
    number over its extension."""
    if token in _RESTARTABLE:
        start = begun_again(text, restarted(text, start), end)
    if token == "[PHONE]" and (extension := _EXTENSION.match(text, end)):
        end = extension.end()
    if token not in _SPELLED_TOKENS or not _SAID.search(text, start, end):
        return start, end
    email = token == "[EMAIL]"
    wide_start, wide_end = spelled_around(text, start, end, joiners=email)
    if cues is not None and wide_start < start:
        wide_start = max([wide_start, *(m.end() + 1 for m in cues.finditer(text, wide_start, start))])
    return min(wide_start, start), end if email else wide_end


# between a street line and its postcode, the town, county or state: place words, no general English and no
# digits ("14 Ard na Gréine, Rathmines, Co. Dublin, D06 0R5A", "fifty six herbert macaulay way wuse i i abuja …")
_PLACE_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*\.?")
_GAP = re.compile(r"[ \t,]+(?:[^\W\d_][^\W\d_'’-]*\.?[ \t,]+){1,10}")
# said between an address's parts and no place: a filler, the postcode's name ("… leeds um postcode l s five …")
SAID_BETWEEN = re.compile(r"\b(?:um+|uh+|er|erm|(?:and[ \t]+)?(?:the[ \t]+)?(?:post[ \t]?code|postal[ \t]+code|zip"
                           r"(?:[ \t]+code)?|eircode)(?:[ \t]+is)?)\b", re.I)
_PLACE_GENERAL = frozenset({"co", "county", "city", "state", "province", "de", "del", "da", "do", "la", "le", "na"})


def joined_addresses(text: str, findings: list[Finding]) -> list[Finding]:
    """An address's street line and its postcode found apart, with only place words between them
    (the town, a county, a state), fillers and the postcode's name, made one address."""
    out: list[Finding] = []
    for finding in findings:
        last = out[-1] if out else None
        if (last is not None and last.entity == finding.entity == "address" and last.token == "[ADDRESS]"
                and _GAP.fullmatch(text, last.end, finding.start)
                and all(len(w) == 1 or w.rstrip(".").lower() in _PLACE_GENERAL or w.lower() not in COMMON
                        for w in _PLACE_WORD.findall(SAID_BETWEEN.sub(" ", text[last.end:finding.start])))):
            out[-1] = Finding.model_construct(start=last.start, end=finding.end, entity="address", token="[ADDRESS]")
            continue
        out.append(finding)
    return [_with_country(text, f) if f.entity == "address" else f for f in out]


def _with_country(text: str, finding: Finding) -> Finding:
    """An address with the country it ends with (", Germany", "… nine oh two south korea")."""
    country = _countries().match(text, finding.end)
    if country is None:
        return finding
    return Finding.model_construct(start=finding.start, end=country.end("c"), entity="address", token=finding.token)


@cache
def _countries() -> re.Pattern[str]:
    """A country's name right after an address, ending its clause: Faker's English list of countries
    (the maintained source rather than one written here) and their usual short forms."""
    from faker.providers.address.en import Provider

    names = {n for n in Provider.countries if "(" not in n} | {"USA", "U.S.A.", "UK", "U.K.", "United States",
                                                                "South Korea"}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"[ \t]*,?[ \t]*(?P<c>{alternatives}|(?-i:US|U\.S\.))(?![\w'’-])"  # not the word "us"
                      rf"(?=[ \t]*(?:[.,;!?)\n]|$|and\b|-))", re.I)

