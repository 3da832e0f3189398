"""The turn specs: for each PII entity and look-alike kind, the values a turn holds and its
templates, by speaker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from eval.pii_set.labels import Keep, Pii, Value
from eval.pii_set.lookalikes import (
    amount,
    clock,
    count,
    duration,
    error_code,
    last4,
    order_ref,
    plan,
    service_date,
    speed,
    tracking_serial,
    version,
)
from eval.pii_set.spoken import TITLES, Ctx, digits, say, spoken_pairs
from eval.pii_set.values import (
    TOWNS,
    aba_routing,
    birth_date,
    card_number,
    email_address,
    iban,
    nino,
    phone_number,
    postcode,
    short_phone,
    ssn,
    street,
    zip_code,
)


@dataclass(frozen=True)
class Spec:
    """What a group of turns is about: the values a turn can hold and its templates, by speaker.

    A template names values as ``{v}`` (the labelled one), ``{x}`` and so on; voice turns take
    the same templates lower-cased and stripped of punctuation, so templates hold no digits."""

    label: str
    values: Callable[[Ctx], dict[str, Value]]
    customer: tuple[str, ...]
    agent: tuple[str, ...] = ()


def _card(ctx: Ctx) -> dict[str, Value]:
    brand, number = card_number(ctx)
    return {"v": Pii("card", number), "brand": ctx.name(brand), "last4": last4(ctx), "amount": amount(ctx)}


def _phone(ctx: Ctx) -> dict[str, Value]:
    return {"v": Pii("phone", phone_number(ctx)), "short": Pii("phone", short_phone(ctx)), "time": clock(ctx),
            "order": order_ref(ctx)}


def _email(ctx: Ctx) -> dict[str, Value]:
    return {"v": Pii("email", email_address(ctx)), "order": order_ref(ctx)}


def _bank(ctx: Ctx) -> dict[str, Value]:
    rng = ctx.rng
    sort = digits(rng, 6)
    sort_text = (ctx.pick(say(sort, rng), spoken_pairs(sort, rng)) if ctx.voice
                 else ctx.pick(f"{sort[:2]}-{sort[2:4]}-{sort[4:]}", sort, f"{sort[:2]} {sort[2:4]} {sort[4:]}"))
    account = digits(rng, 8) if rng.random() < 0.6 else digits(rng, rng.randint(10, 12))
    routing, international = aba_routing(ctx), iban(ctx)
    return {"v": Pii("bank", ctx.said(account, say(account, rng))), "sort": Pii("bank", sort_text),
            "routing": Pii("bank", ctx.said(routing, say(routing, rng))),
            "iban": Pii("bank", ctx.said(international, say(international.replace(" ", ""), rng))),
            "amount": amount(ctx)}


def _national_id(ctx: Ctx) -> dict[str, Value]:
    rng = ctx.rng
    number = ssn(ctx)
    ni = nino(ctx)
    if ctx.voice:
        spoken_ni = f"{say(ni[:2], rng)} {ctx.pick(say(ni[2:8], rng), spoken_pairs(ni[2:8], rng))} {ni[-1].lower()}"
        return {"ssn": Pii("national_id", say(number, rng)), "ni": Pii("national_id", spoken_ni)}
    return {"ssn": Pii("national_id", ctx.pick(f"{number[:3]}-{number[3:5]}-{number[5:]}",
                                               f"{number[:3]} {number[3:5]} {number[5:]}", number)),
            "ni": Pii("national_id", ctx.pick(f"{ni[:2]} {ni[2:4]} {ni[4:6]} {ni[6:8]} {ni[8]}", ni,
                                              f"{ni[:2]}{ni[2:8]} {ni[8]}", ni.lower()))}


def _dob(ctx: Ctx) -> dict[str, Value]:
    return {"v": birth_date(ctx), "date": service_date(ctx), "first": Pii("name", ctx.name(ctx.first))}


def _address(ctx: Ctx) -> dict[str, Value]:
    town, state = ctx.pick(*TOWNS)
    code = Pii("address", zip_code(ctx) if state else postcode(ctx))
    return {"v": Pii("address", street(ctx)), "town": ctx.said(town + (f", {state}" if state else ""), town.lower()),
            "code": code, "pc": Pii("address", postcode(ctx)), "zip": Pii("address", zip_code(ctx)),
            "order": order_ref(ctx)}


def _name(ctx: Ctx) -> dict[str, Value]:
    full = f"{ctx.first} {ctx.last}"
    return {"full": Pii("name", ctx.name(full)), "first": Pii("name", ctx.name(ctx.first)),
            "last": Pii("name", ctx.name(ctx.last)), "title": ctx.name(ctx.pick(*TITLES))}


SPECS: tuple[Spec, ...] = (
    Spec("card", _card, (
        "My card number is {v}.", "Card: {v}", "Can you take the payment on {v} please?",
        "The long number on the card is {v}", "Use my {brand} {v} for the bill.", "Sure, it's {v}",
        "The card ending in {last4} expired, the new one is {v}.", "Please charge {amount} to {v}.",
        "I've got a new card, {v}, can you update it?", "Card number {v} and the name's on the front."),
        ("Thanks, so that's {v}, is that right?", "Just to confirm, card {v}?")),
    Spec("phone", _phone, (
        "My number is {v}.", "Call me on {v}", "You can reach me at {v} after {time}.", "Mobile: {v}",
        "Best number to call is {v}", "My number's changed, it's now {v}.", "Text me on {v} about {order}",
        "my number is {short}", "You can call me back on {short}, that's my home line.",
        "Phone {v} if the engineer can't find the house."),
        ("I have your number as {v}, is that still right?", "Shall I call you back on {v}?")),
    Spec("email", _email, (
        "My email is {v}", "Send it to {v} please.", "You can email me at {v} about {order}.",
        "The account email is {v}", "I changed my email to {v} last week.", "email: {v}",
        "It's {v}, I'm not getting the reset link."),
        ("I'll send the confirmation to {v}.", "I've got {v} as your email address, is that correct?")),
    Spec("bank", _bank, (
        "My account number is {v}.", "Sort code {sort}, account {v}.", "The routing number is {routing}.",
        "Routing {routing} and account {v}", "My IBAN is {iban}", "Please refund {amount} to IBAN {iban}.",
        "sort code is {sort}", "Account no. {v} for the direct debit.", "Bank account {v}, sort code {sort}."),
        ("So the account number is {v} and the sort code {sort}?", "I have the IBAN as {iban}, is that right?")),
    Spec("national_id", _national_id, (
        "My social security number is {ssn}.", "SSN {ssn}", "My NI number is {ni}.", "National insurance: {ni}",
        "My social is {ssn}, why do you need it?", "It's {ni} for the national insurance.",
        "Here's my SSN: {ssn}"),
        ("Can you confirm the social, {ssn}?", "Thanks, I have your National Insurance number as {ni}.")),
    Spec("dob", _dob, (
        "My date of birth is {v}.", "DOB {v}", "Date of birth: {v}", "I was born on {v}.",
        "My birthday is {v}, if that helps.", "{first}, born {v}.", "D.O.B. {v}",
        "It's in my name, date of birth {v}.", "I was born on {v} and the account was opened on {date}."),
        ("I have your date of birth as {v}, is that right?", "Can you confirm, born on {v}?")),
    Spec("address", _address, (
        "My address is {v}, {town} {code}.", "I live at {v}.", "Send it to {v}, {town} {code}",
        "The postcode is {pc}.", "My zip code is {zip}", "Address: {v}, {town} {code}",
        "The engineer never came to {v}.", "Please send the parts for {order} to {v}.", "postcode {pc}",
        "I've moved to {v}."),
        ("Is the address still {v}, {town} {code}?", "I have the postcode as {pc}.")),
    Spec("name", _name, (
        "My name is {full}.", "Hi, it's {first} here.", "This is {full} speaking.", "The name on the account is {full}",
        "It's {first}", "I'm {first}, I called yesterday about my router.", "Account holder: {full}",
        "Can you put it under {title} {last}?",
        "The bill is in my husband's name, {full}.", "yes this is {first}"),
        ("Hello {first}, thanks for waiting.", "Thank you, {title} {last}.", "Thanks {first}, let me check that.",
         "Am I speaking with {full}?")),
)

LOOKALIKES: tuple[Spec, ...] = (
    Spec("order_ref", lambda ctx: {"v": order_ref(ctx)}, (
        "Any update on {v}?", "I'm writing about {v}.", "Still waiting for {v} to arrive.",
        "{v} says delivered but nothing came.", "This is about {v} from last week.", "I need to cancel {v}"),
        ("I've logged this under {v}.", "I've raised {v} for you.")),
    Spec("tracking_serial", lambda ctx: {"v": tracking_serial(ctx)}, (
        "{v} and it still doesn't connect.", "The box says {v}.", "Here is the {v} you asked for",
        "It shows {v} on the sticker."),
        ("I've noted the {v} on your case.",)),
    Spec("amount", lambda ctx: {"v": amount(ctx)}, (
        "Why is my bill {v} this month?", "I was charged {v} twice.", "You refunded {v} but it's not showing.",
        "I was quoted {v} a month.", "Is the {v} fee going to come off?"),
        ("The upgrade fee is {v}.", "I can offer you a credit of {v}.")),
    Spec("service_date", lambda ctx: {"v": service_date(ctx)}, (
        "On {v} the engineer came and nothing changed.", "Since {v} my broadband keeps dropping.",
        "I paid the bill on {v}.", "The account was opened on {v}.", "My contract ends on {v}."),
        ("Your appointment is booked for {v}.", "The refund was issued on {v}.")),
    Spec("version", lambda ctx: {"v": version(ctx)}, (
        "The app is on {v} and still crashes.", "After updating to {v} it won't log in.",
        "I'm running {v}.", "Since version {v} the remote doesn't pair."),
        ("Please update to {v} and try again.",)),
    Spec("error_code", lambda ctx: {"v": error_code(ctx)}, (
        "I keep getting error {v}.", "The TV shows {v} when I open the app.", "Code {v} on the screen.",
        "It says {v} and then restarts."),
        ("Error {v} means the line is down in your area.",)),
    Spec("plan", lambda ctx: {"v": plan(ctx)}, (
        "I want to move to {v}.", "I'm on {v} but the speeds are awful.", "How much is {v}?",
        "Can I downgrade from {v}?"),
        ("I can move you to {v} today.",)),
    Spec("speed", lambda ctx: {"v": speed(ctx)}, (
        "I pay for {v} and get a fraction of it.", "The speed test says {v}.", "My plan is meant to be {v}.",
        "It's connected on {v}."),
        ("Your line should reach {v}.",)),
    Spec("time", lambda ctx: {"v": clock(ctx)}, (
        "The engineer said he'd come at {v}.", "Can you call back at {v}?", "It went down at {v} yesterday.",
        "I'm home after {v}."),
        ("The outage started at {v}.",)),
    Spec("duration_count", lambda ctx: {"v": duration(ctx), "times": count(ctx, "times"),
                                        "things": count(ctx, "devices", "TVs", "phones", "laptops", "lines")}, (
        "I've been on hold for {v}.", "It's dropped {times} today.", "I've had this problem for {v}.",
        "I've called {times} about this.", "We have {things} in the house."),
        ("It can take up to {v} to come through.",)),
    Spec("card_last4", lambda ctx: {"v": last4(ctx)}, (
        "My card ending in {v} was declined.", "It went out of the card ending {v}.",
        "The last four digits are {v}.", "Use the card that ends in {v}."),
        ("I can see a card ending in {v} on file, is that the one?",)),
    Spec("not_a_name", lambda ctx: {"v": Keep("not_a_name", ctx.name(ctx.pick(
        "Hi there", "Thanks so much", "This is ridiculous", "It's broken", "This is Unacceptable", "I'm Frustrated",
        "It's Monday", "This is urgent", "Hello Team", "It's Still Broken", "I'm Done", "This is Absurd",
        "My name is on the bill", "It's me again", "Dear Customer Services", "Good Morning")))}, (
        "{v}, my internet keeps dropping.", "{v}!", "{v}, I've been waiting all week.",
        "{v}. Nobody has called me back.", "{v}, can someone help?")),
    Spec("agent_name", lambda ctx: {"v": Keep("agent_name", ctx.name(ctx.agent))}, (), (
        "Hi, you're through to {v}, how can I help?", "Thanks for calling, my name is {v}, who am I speaking with?",
        "This is {v} from the billing team.", "Hello, {v} here from support.", "It's {v} again from support.",
        "My name's {v}, I'll be looking after your case today.")),
)
