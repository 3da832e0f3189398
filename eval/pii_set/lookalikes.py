"""The look-alike values: numbers, dates and phrases shaped like PII that must stay."""

from __future__ import annotations

import random

from eval.pii_set.labels import Keep, Piece
from eval.pii_set.spoken import MONTHS, Ctx, digits, ordinal, say, suffix, words
from eval.pii_set.values import luhn_digit


def order_ref(ctx: Ctx) -> list[Piece]:
    rng = ctx.rng
    if ctx.voice:
        cue, ref = ctx.pick(("order number ", digits(rng, 8)), ("ticket number ", digits(rng, 7)),
                            ("case number ", digits(rng, 8)), ("reference ", "abx" + digits(rng, 5)),
                            ("order ", digits(rng, 10)), ("booking reference ", digits(rng, 6)))
        return [cue, Keep("order_ref", say(ref, rng))]
    cue, ref = ctx.pick(("order ", digits(rng, 8)), ("order ", f"ORD-{digits(rng, 5)}"), ("ticket #", digits(rng, 7)),
                        ("case number ", "00" + digits(rng, 6)), ("reference ", f"ABX-{digits(rng, 5)}"),
                        ("order ", f"{rng.randint(100, 999)}-{digits(rng, 7)}-{digits(rng, 7)}"),
                        ("order #", digits(rng, 10)), ("ticket ", f"INC{digits(rng, 7)}"),
                        ("case ", f"CS-{digits(rng, 4)}-{digits(rng, 4)}"), ("booking ref ", f"K{digits(rng, 5)}Q"))
    return [cue, Keep("order_ref", ref)]


def luhn_invalid(rng: random.Random, n: int) -> str:
    body = str(rng.randint(1, 9)) + digits(rng, n - 2)
    return body + str((int(luhn_digit(body)) + rng.randint(1, 9)) % 10)


def tracking_serial(ctx: Ctx) -> list[Piece]:
    rng = ctx.rng
    long = luhn_invalid(rng, 16)
    if ctx.voice:
        return [ctx.pick("the serial number is ", "serial ", "the tracking number is "), Keep("tracking_serial",
                                                                                              say(long, rng))]
    cue, ref = ctx.pick(
        ("tracking ", "1Z" + "".join(ctx.pick(*"0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(6)) +
         digits(rng, 10)),
        ("serial number ", long), ("serial ", " ".join(long[i:i + 4] for i in range(0, 16, 4))),
        ("tracking number ", "9400 " + " ".join(digits(rng, 4) for _ in range(4)) + " " + digits(rng, 2)),
        ("S/N ", f"SN{digits(rng, 4)}A{digits(rng, 4)}"), ("tracking ", f"JD{digits(rng, 18)}"),
        ("the router serial is ", "-".join(long[i:i + 4] for i in range(0, 16, 4))),
        ("device ID ", long))
    return [cue, Keep("tracking_serial", ref)]


def amount(ctx: Ctx) -> Keep:
    rng = ctx.rng
    dollars = rng.choice([rng.randint(5, 99), rng.randint(100, 2500)])
    cents = rng.choice([0, 50, 99, rng.randint(1, 99)])
    if ctx.voice:
        unit = ctx.pick("dollars", "pounds", "euros", "quid", "bucks")
        text = f"{words(dollars)} {unit}" + (f" {words(cents)}" if cents and unit in ("pounds", "euros") else "")
        return Keep("amount", text)
    symbol = ctx.pick("$", "£", "€")
    figure = f"{dollars:,}" + (f".{cents:02d}" if cents else "")
    return Keep("amount", ctx.pick(f"{symbol}{figure}", f"{symbol}{figure}", f"{dollars} dollars",
                                   f"{figure} GBP", f"USD {figure}"))


def service_date(ctx: Ctx) -> list[Piece]:
    rng = ctx.rng
    year, month, day = rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28)
    name = MONTHS[month - 1]
    if ctx.voice:
        return ctx.pick([Keep("service_date", f"{name.lower()} {ordinal(day)}")],
                        ["the ", Keep("service_date", f"{ordinal(day)} of {name.lower()}")],
                        [Keep("service_date", f"{name.lower()} {ordinal(day)} {words(year)}")],
                        [Keep("service_date", f"{ordinal(day)} {name.lower()}")])
    return ctx.pick([Keep("service_date", f"{day:02d}/{month:02d}/{year}")],
                    [Keep("service_date", f"{year}-{month:02d}-{day:02d}")],
                    [Keep("service_date", f"{day} {name}")], [Keep("service_date", f"{name} {suffix(day)}")],
                    ["the ", Keep("service_date", f"{suffix(day)} of {name}")],
                    [Keep("service_date", f"{month}/{day}/{year % 100:02d}")],
                    [Keep("service_date", f"{name} {day}, {year}")])


def version(ctx: Ctx) -> Keep:
    a, b, c = ctx.rng.randint(1, 18), ctx.rng.randint(0, 12), ctx.rng.randint(0, 120)
    if ctx.voice:
        return Keep("version", f"{words(a)} point {words(b)}" + (f" point {words(c)}" if c % 2 else ""))
    return Keep("version", ctx.pick(f"v{a}.{b}.{c}", f"{a}.{b}.{c}", f"iOS {a}.{b}", f"{a}.{b}", f"Android {a}",
                                    f"build {a}.{b}.{c}"))


def error_code(ctx: Ctx) -> Keep:
    rng = ctx.rng
    n = rng.randint(100, 999)
    if ctx.voice:
        return Keep("error_code", ctx.pick(f"e {say(str(n), rng)}", f"{say(str(n), rng)}", f"n w {say(str(n), rng)}",
                                           f"code {words(n)}"))
    return Keep("error_code", ctx.pick(f"E-{n}", f"ERR_{n}", f"0x{rng.randint(0x80000000, 0x8FFFFFFF):08X}", f"{n}",
                                       "DNS_PROBE_FINISHED_NXDOMAIN", f"NW-{rng.randint(1, 9)}-{rng.randint(1, 9)}",
                                       f"S{rng.randint(1000, 9999)}", f"E{n}"))


PLANS = ("Unlimited 5G Plus", "Fibre 900", "Family Share Max", "Essentials 100", "Premium Sports HD", "Superfast 2",
         "Gigabit Pro", "Basic Talk & Text", "Total TV Ultimate", "SIM Only 30GB", "Starter 250", "Business Pro 1000")
SPOKEN_PLANS = ("unlimited five g plus", "fibre nine hundred", "family share max", "essentials one hundred",
                "premium sports h d", "superfast two", "gigabit pro", "basic talk and text", "total tv ultimate",
                "sim only thirty gig", "starter two fifty", "business pro one thousand")


def plan(ctx: Ctx) -> Keep:
    return Keep("plan", ctx.pick(*SPOKEN_PLANS) if ctx.voice else ctx.pick(*PLANS))


def speed(ctx: Ctx) -> Keep:
    n = ctx.pick(35, 50, 67, 100, 150, 300, 500, 900)
    if ctx.voice:
        return Keep("speed", ctx.pick(f"{words(n)} megs", f"{words(n)} meg", "one gig", f"{words(n)} megabits"))
    return Keep("speed", ctx.pick(f"{n} Mbps", f"{n}Mb", f"{n} Mb/s", "1 Gbps", "2.4 GHz", "5GHz", f"{n} meg"))


def clock(ctx: Ctx) -> Keep:
    hour, minute = ctx.rng.randint(1, 12), ctx.pick(0, 15, 30, 45, 20, 10)
    if ctx.voice:
        said = {0: f"{words(hour)} o'clock", 15: f"quarter past {words(hour)}", 30: f"half past {words(hour)}",
                45: f"quarter to {words(hour % 12 + 1)}"}.get(minute, f"{words(hour)} {words(minute)}")
        return Keep("time", ctx.pick(said, f"{words(hour)} {words(minute) if minute else 'p m'}"))
    return Keep("time", ctx.pick(f"{hour}:{minute:02d} pm", f"{hour}:{minute:02d}am", f"{hour}pm",
                                 f"{hour % 12 + 12}:{minute:02d}", f"{hour}.{minute:02d}", f"{hour} AM"))


def duration(ctx: Ctx) -> Keep:
    n = ctx.pick(2, 3, 4, 6, 12, 20, 45, 90)
    unit = ctx.pick("minutes", "hours", "days", "weeks", "months")
    return Keep("duration_count", f"{words(n)} {unit}" if ctx.voice or ctx.rng.random() < 0.3 else f"{n} {unit}")


def count(ctx: Ctx, *what: str) -> Keep:
    n = ctx.pick(2, 3, 4, 5, 6, 8, 10, 12)
    return Keep("duration_count", ctx.name(f"{words(n)} {ctx.pick(*what)}" if ctx.voice or ctx.rng.random() < 0.4
                                           else f"{n} {ctx.pick(*what)}"))


def last4(ctx: Ctx) -> Keep:
    four = digits(ctx.rng, 4)
    return Keep("card_last4", say(four, ctx.rng) if ctx.voice else four)
