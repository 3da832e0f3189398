"""The PII values: card, phone, e-mail, bank, national ID, address and date-of-birth numbers,
typed or spoken, with valid checksums where the real ones have them."""

from __future__ import annotations

import re

from eval.pii_set.labels import Piece, Pii
from eval.pii_set.spoken import MONTHS, Ctx, ascii_name, digits, ordinal, pairs, say, suffix, words


def luhn_digit(body: str) -> str:
    """The check digit that makes ``body + digit`` Luhn-valid."""
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str(-total % 10)


def luhn_valid(number: str) -> bool:
    return luhn_digit(number[:-1]) == number[-1]


CARD_BRANDS = {"Visa": (("4",), 16), "Mastercard": (("51", "52", "53", "54", "55", "2221", "2500", "2720"), 16),
               "Amex": (("34", "37"), 15), "Discover": (("6011", "65", "644", "649"), 16)}


def card_number(ctx: Ctx) -> tuple[str, str]:
    """(brand, formatted PAN)."""
    brand = ctx.pick(*CARD_BRANDS)
    prefixes, length = CARD_BRANDS[brand]
    prefix = ctx.pick(*prefixes)
    body = prefix + digits(ctx.rng, length - len(prefix) - 1)
    pan = body + luhn_digit(body)
    if ctx.voice:
        return brand, say(pan, ctx.rng)
    groups = (4, 6, 5) if length == 15 else (4, 4, 4, 4)
    sep = ctx.pick("", " ", " ", "-")
    cuts = [sum(groups[:i]) for i in range(len(groups) + 1)]
    return brand, sep.join(pan[a:b] for a, b in zip(cuts, cuts[1:]))


def phone_number(ctx: Ctx) -> str:
    rng = ctx.rng
    style = ctx.pick("us", "us", "uk_mobile", "uk_land", "intl")
    if style == "us":
        area = str(rng.randint(201, 989))
        exchange = str(rng.randint(200, 999)) if rng.random() < 0.6 else ctx.pick("0", "1") + digits(rng, 2)
        line = digits(rng, 4)
        if ctx.voice:
            return ctx.pick("", "plus one ", "one ") + say(area + exchange + line, rng)
        return ctx.pick(f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}", f"{area}.{exchange}.{line}",
                        f"{area} {exchange} {line}", f"+1 {area} {exchange} {line}", f"+1-{area}-{exchange}-{line}",
                        f"{area}{exchange}{line}")
    if style == "uk_mobile":
        rest = "7" + ctx.pick("4", "5", "7", "8", "9") + digits(rng, 8)
        if ctx.voice:
            return ctx.pick("oh ", "zero ", "plus four four ") + say(rest, rng)
        return ctx.pick(f"0{rest[:4]} {rest[4:]}", f"0{rest}", f"+44 {rest[:4]} {rest[4:]}", f"+44{rest}",
                        f"+44 (0){rest[:4]} {rest[4:]}", f"0{rest[:4]}-{rest[4:7]}-{rest[7:]}")
    if style == "uk_land":
        area, local = ctx.pick(("20", "7946" + digits(rng, 4)), ("161", "496" + digits(rng, 4)),
                               ("113", "496" + digits(rng, 4)), ("131", "496" + digits(rng, 4)),
                               ("1632", "960" + digits(rng, 3)), ("117", "496" + digits(rng, 4)))
        if ctx.voice:
            return say("0" + area + local, rng)
        if area == "20":
            return ctx.pick(f"020 {local[:4]} {local[4:]}", f"+44 (0)20 {local[:4]} {local[4:]}",
                            f"(020) {local[:4]}-{local[4:]}", f"+44 20 {local[:4]} {local[4:]}")
        return ctx.pick(f"0{area} {local[:3]} {local[3:]}", f"+44 {area} {local[:3]} {local[3:]}",
                        f"0{area}{local}", f"(0{area}) {local}")
    cc, groups = ctx.pick(("33", (1, 2, 2, 2, 2)), ("49", (2, 8)), ("91", (5, 5)), ("61", (3, 3, 3)),
                          ("234", (3, 3, 4)), ("52", (2, 4, 4)), ("353", (2, 3, 4)), ("81", (2, 4, 4)),
                          ("34", (3, 3, 3)), ("971", (2, 3, 4)), ("55", (2, 5, 4)), ("27", (2, 3, 4)))
    parts = [str(rng.randint(1, 9)) + digits(rng, groups[0] - 1)] + [digits(rng, g) for g in groups[1:]]
    if ctx.voice:
        return f"plus {say(cc, rng)} {say(''.join(parts), rng)}"
    return ctx.pick(f"+{cc} {' '.join(parts)}", f"+{cc} {'-'.join(parts)}", f"+{cc}{''.join(parts)}",
                    f"00{cc} {' '.join(parts)}")


def short_phone(ctx: Ctx) -> str:
    """A seven-digit local number (only PII with its cue)."""
    exchange, line = str(ctx.rng.randint(200, 999)), digits(ctx.rng, 4)
    return ctx.said(ctx.pick(f"{exchange}-{line}", f"{exchange} {line}", f"{exchange}{line}"),
                    say(exchange + line, ctx.rng))


DOMAINS = ("gmail.com", "outlook.com", "yahoo.co.uk", "hotmail.com", "icloud.com", "proton.me", "btinternet.com",
           "yahoo.com", "live.co.uk", "aol.com", "gmx.de", "orange.fr", "acme-logistics.com", "nhs.net")


def email_address(ctx: Ctx) -> str:
    first, last = ascii_name(ctx.first), ascii_name(ctx.last)
    sep = ctx.pick(".", "_", "", ".")
    number = ctx.pick("", "", str(ctx.rng.randint(1, 99)), str(ctx.rng.randint(1960, 2005)))
    user = ctx.pick(f"{first}{sep}{last}", f"{first[0]}{sep}{last}", first, f"{last}{sep}{first}") + number
    domain = ctx.pick(*DOMAINS)
    if ctx.voice:
        spoken = {".": " dot ", "_": " underscore ", "-": " dash "}
        said_user = "".join(spoken.get(c, c) for c in user)
        said_user = re.sub(r"\d+", lambda m: " " + (words(int(m.group())) if ctx.rng.random() < 0.5
                                                     else say(m.group(), ctx.rng)) + " ", said_user)
        said_domain = "".join(spoken.get(c, c) for c in domain)
        return " ".join(f"{said_user} at {said_domain}".split())
    if ctx.rng.random() < 0.25:
        at, dot = ctx.pick((" [at] ", " [dot] "), ("(at)", "(dot)"), (" at ", " dot "), (" [at] ", "."))
        return f"{user}{at}{domain.replace('.', dot)}"
    return f"{user}@{domain}"


def iban(ctx: Ctx) -> str:
    rng = ctx.rng
    country, bban = ctx.pick(
        ("GB", ctx.pick("NWBK", "BARC", "LOYD", "HBUK", "MIDL") + digits(rng, 14)),
        ("DE", digits(rng, 18)), ("FR", digits(rng, 23)), ("ES", digits(rng, 20)),
        ("NL", ctx.pick("ABNA", "INGB", "RABO") + digits(rng, 10)),
        ("IE", ctx.pick("AIBK", "BOFI") + digits(rng, 14)),
        ("IT", ctx.pick(*"ABCDEFGHIJKLMNOPQRSTUVWXYZ") + digits(rng, 22)), ("BE", digits(rng, 12)),
        ("PL", digits(rng, 24)))
    number = f"{country}{98 - iban_remainder(bban + country + '00'):02d}{bban}"
    assert iban_remainder(number[4:] + number[:4]) == 1
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4)) if rng.random() < 0.5 else number


def iban_remainder(text: str) -> int:
    return int("".join(str(int(c, 36)) for c in text)) % 97


def aba_routing(ctx: Ctx) -> str:
    """Nine digits whose weighted sum 3-7-1 is a multiple of ten."""
    lead = ctx.pick(*(f"{n:02d}" for n in (*range(1, 13), *range(21, 33), *range(61, 73), 80)))
    body = lead + digits(ctx.rng, 6)
    weights = (3, 7, 1, 3, 7, 1, 3, 7)
    check = -sum(int(d) * w for d, w in zip(body, weights)) % 10
    return body + str(check)


def ssn(ctx: Ctx) -> str:
    area = ctx.rng.choice([n for n in range(1, 900) if n != 666])
    return f"{area:03d}{ctx.rng.randint(1, 99):02d}{ctx.rng.randint(1, 9999):04d}"


NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"


def nino(ctx: Ctx) -> str:
    prefix = "GB"
    while prefix in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
        prefix = ctx.pick(*NINO_FIRST) + ctx.pick(*NINO_SECOND)
    return prefix + digits(ctx.rng, 6) + ctx.pick(*"ABCD")


POSTCODE_AREAS = ("SW", "LS", "M", "B", "CR", "EH", "G", "BS", "NE", "CF", "BT", "OX", "N", "E", "L", "S", "DN",
                  "YO", "PL", "AB")


def postcode(ctx: Ctx) -> str:
    rng = ctx.rng
    area = ctx.pick(*POSTCODE_AREAS)
    district = str(rng.randint(1, 29 if len(area) == 1 else 19))
    if area in ("SW", "N", "E") and rng.random() < 0.3:
        district = str(rng.randint(1, 9)) + ctx.pick(*"ABCEHMNPRVWXY")
    inward = str(rng.randint(0, 9)) + ctx.pick(*"ABDEFGHJLNPQRSTUWXYZ") + ctx.pick(*"ABDEFGHJLNPQRSTUWXYZ")
    code = f"{area}{district} {inward}"
    return say(code.replace(" ", ""), rng) if ctx.voice else (code if rng.random() < 0.85 else code.replace(" ", ""))


STREETS = ("Mill", "Oak", "Church", "Kings", "Victoria", "Station", "Maple", "Elm", "Cedar", "Lakeview", "Jubilee",
           "Park", "High", "Chestnut", "Willow", "Queen's", "Bridge", "Meadow", "Orchard", "Sunset", "Harbour",
           "Riverside", "Pine", "Magnolia", "Ashgrove", "Springfield", "Hawthorn", "Mulberry")
SUFFIXES = ("Lane", "Street", "Road", "Avenue", "Drive", "Close", "Way", "Court", "Crescent", "Boulevard", "Place",
            "Terrace", "Gardens")
ABBREVIATIONS = {"Street": "St", "Road": "Rd", "Avenue": "Ave", "Drive": "Dr", "Boulevard": "Blvd"}
TOWNS = (("Leeds", ""), ("Manchester", ""), ("Bristol", ""), ("Glasgow", ""), ("Cardiff", ""),
         ("Springfield", "IL"), ("Austin", "TX"), ("Portland", "OR"), ("Columbus", "OH"), ("Fresno", "CA"))


def street(ctx: Ctx) -> str:
    number = ctx.rng.choice([ctx.rng.randint(1, 99), ctx.rng.randint(100, 9999)])
    name, kind = ctx.pick(*STREETS), ctx.pick(*SUFFIXES)
    unit = ctx.rng.randint(1, 40) if ctx.rng.random() < 0.3 else None
    if ctx.voice:
        line = f"{pairs(number)} {name.lower().replace(chr(39), '')} {kind.lower()}"
        return line + (f" {ctx.pick('apartment', 'flat', 'unit')} {words(unit)}" if unit else "")
    if kind in ABBREVIATIONS and ctx.rng.random() < 0.4:
        kind = ABBREVIATIONS[kind]
    line = f"{number} {name} {kind}"
    return line + (ctx.pick(f" Apt {unit}", f", Apt {unit}", f" #{unit}", f" Unit {unit}") if unit else "")


def zip_code(ctx: Ctx) -> str:
    code = digits(ctx.rng, 5) if ctx.rng.random() < 0.8 else f"{digits(ctx.rng, 5)}-{digits(ctx.rng, 4)}"
    return say(code.replace("-", ""), ctx.rng) if ctx.voice else code


def birth_date(ctx: Ctx) -> list[Piece]:
    """A date of birth; "the" of "the 3rd of April" stays outside the span."""
    rng = ctx.rng
    year, month, day = rng.randint(1938, 2006), rng.randint(1, 12), rng.randint(1, 28)
    name = MONTHS[month - 1]
    if ctx.voice:
        spoken_year = pairs(year) if year < 2000 else words(year)
        return ctx.pick([Pii("dob", f"{name.lower()} {ordinal(day)} {spoken_year}")],
                        ["the ", Pii("dob", f"{ordinal(day)} of {name.lower()} {spoken_year}")],
                        [Pii("dob", f"{ordinal(day)} {name.lower()} {spoken_year}")],
                        [Pii("dob", f"{say(f'{day:02d}{month:02d}', rng)} {pairs(year)}")])
    return ctx.pick([Pii("dob", f"{day:02d}/{month:02d}/{year}")], [Pii("dob", f"{month}/{day}/{year % 100:02d}")],
                    [Pii("dob", f"{year}-{month:02d}-{day:02d}")], [Pii("dob", f"{day} {name} {year}")],
                    [Pii("dob", f"{name} {day}, {year}")], ["the ", Pii("dob", f"{suffix(day)} of {name} {year}")],
                    [Pii("dob", f"{day:02d}.{month:02d}.{year}")], [Pii("dob", f"{suffix(day)} {name[:3]} {year}")])
