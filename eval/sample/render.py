"""Writing a planned situation out as turns: slots (the variable details), the dialogue
shape per channel, and the channel's style."""

from __future__ import annotations

import random
from datetime import timedelta

import eval.sample.phrases as P
import eval.sample.phrases_resolve as PR
import eval.sample.phrases_written as PW
from eval.sample.plan import Situation
from eval.sample.reasons_service import REASONS
from eval.sample.resolutions import RESOLVED
from eval.sample.style import asr, chat_style, chat_text, split_chat, timestamps

FIRST = (
    "James", "Olivia", "Mohammed", "Amelia", "Oliver", "Isla", "Harry", "Ava", "Jack", "Mia", "George", "Sophie",
    "Noah", "Grace", "Leo", "Lily", "Arthur", "Freya", "Oscar", "Emily", "Charlie", "Ella", "Jacob", "Poppy",
    "Thomas", "Chloe", "Aisha", "Daniel", "Priya", "Sam", "Hannah", "Tom", "Zara", "Ben", "Ruth", "Kwame",
    "Megan", "Liam", "Fatima", "Ryan", "Niamh", "Connor", "Jess", "Adam", "Laura", "Kieran", "Sana", "Paul",
    "Helen", "Mark", "Wei", "Rosa", "Dev", "Carla", "Ian", "Yusuf", "Beth", "Gareth", "Anita",
)
LAST = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke", "Jackson",
    "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore", "Clark",
    "King", "Harrison", "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan", "Scott", "Watson", "Davis",
    "Parker", "James", "Bennett", "Young", "Phillips", "Chen", "Ahmed", "Kelly", "Murphy", "Singh",
)
AGENT_NAMES = (
    "Sarah", "Dan", "Priya", "Marcus", "Jo", "Aaron", "Kate", "Imran", "Lucy", "Stephen", "Chloe", "Femi",
    "Rachel", "Owen", "Nadia", "Craig", "Holly", "Tariq", "Emma", "Luke", "Bethany", "Josh", "Leanne", "Ravi", "Amy",
)
TV_DEVICES = (
    "Samsung TV", "LG TV", "Fire Stick", "Roku", "Apple TV", "Sony Bravia", "Hisense TV", "Xbox", "PlayStation 5",
    "Chromecast", "Panasonic TV", "Philips TV", "TCL TV", "Fire TV Cube",
)
PHONES = ("iPhone 13", "iPhone 15", "Pixel 7", "Galaxy S22", "Galaxy A54", "OnePlus 11", "iPad", "Moto G", "iPhone SE")
ROUTERS = ("Lumora Hub 3", "Lumora Hub 4", "Hub 4 Pro", "white Lumora router", "mesh booster")
RIVALS = ("Nimbus TV", "Kestrel", "Orbit Stream", "Brightwave", "Skyline Fibre", "Cobalt Broadband", "Pebble TV")
STUDENT_RIVAL = "Vireo"
COUNTRIES = ("Spain", "Australia", "Canada", "Portugal", "Dubai", "New Zealand", "Germany", "Ireland", "France",
             "the US")
CITIES = ("Leeds", "Bristol", "Glasgow", "Cardiff", "Norwich", "York", "Derby", "Bath", "Exeter", "Hull", "Lincoln")
SHOWS = ("The Long Harbour", "Night Shift Kitchen", "Glasswater", "Northbound", "The Orchard Files", "Pale Signal",
         "Saltmarsh", "The Quiet Year", "Copper Hill")
STREETS = ("Mill Lane", "Station Road", "Church Street", "Park Avenue", "Victoria Road", "Oak Close", "High Street")
PRICES = {"Basic": 6.99, "Standard": 10.99, "Premium": 15.99, "Family": 19.99}
ANNUAL = {"Basic": 69.99, "Standard": 109.99, "Premium": 159.99, "Family": 199.99}
SCREENS = {"Basic": "one", "Standard": "two", "Premium": "four", "Family": "six"}
OLD_VERSIONS = ("8.1", "8.1.3", "8.0.6", "8.1.1")
NEW_VERSIONS = ("8.2", "8.2", "8.2", "8.2.0", "8.2.1")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def money(value: float) -> str:
    return f"£{value:.2f}"


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _date(day) -> str:
    return f"{MONTHS[day.month - 1]} {ordinal(day.day)}"


class Slots(dict):
    """The variable details of one conversation, drawn lazily on first use."""

    def __init__(self, rng: random.Random, s: Situation, release_at, agent_name: str,
                 speech: str = "transcript") -> None:
        super().__init__()
        self.rng, self.s, self.release_at, self.speech = rng, s, release_at, speech
        self.told: set[str] = set()  # details given and questions asked so far
        no = s.customer_no
        self["first"] = FIRST[(no * 7) % len(FIRST)]
        self["last"] = LAST[(no * 31 + 3) % len(LAST)]
        self["plan"] = s.product
        self["agent_name"] = agent_name

    def fill(self, template: str) -> str:
        return template.format_map(self)

    def pick(self, options) -> str:
        return self.fill(self.rng.choice(options))

    def __missing__(self, key: str) -> str:
        value = getattr(self, f"_{key}")()
        self[key] = value
        return value

    # -- the details ------------------------------------------------------------------
    def _plan_price(self): return money(PRICES[self.s.product])
    def _annual_price(self): return money(ANNUAL[self.s.product])
    def _basic_price(self): return money(PRICES["Basic"])
    def _student_price(self): return money(int(PRICES[self.s.product] * 50) / 100)
    def _amount(self): return money(self.rng.randrange(200, 6000) / 100)
    def _old_price(self): return money(PRICES[self.s.product] - self.rng.choice((1.0, 1.5, 2.0, 3.0)))
    def _new_price(self): return money(PRICES[self.s.product] + self.rng.choice((0.0, 1.0, 2.0)))
    def _new_plan(self): return self.rng.choice([p for p in PRICES if p != self.s.product])
    def _device(self): return self.rng.choice(TV_DEVICES)
    def _device2(self): return self.rng.choice([d for d in TV_DEVICES if d != self["device"]])
    def _phone(self): return self.rng.choice(PHONES)
    def _router(self): return self.rng.choice(ROUTERS)
    def _old_version(self): return self.rng.choice(OLD_VERSIONS)
    def _mobile_version(self): return f"5.{self.rng.randrange(2, 9)}.{self.rng.randrange(0, 5)}"
    def _competitor(self): return STUDENT_RIVAL
    def _rival(self): return self.rng.choice(RIVALS)
    def _weeks(self): return str(self.rng.randrange(2, 12))
    def _days(self): return str(self.rng.randrange(2, 9))
    def _times(self): return self.rng.choice(("three", "four", "five", "6", "about ten", "two", "7"))
    def _hours(self): return str(self.rng.randrange(2, 48))
    def _minutes(self): return str(self.rng.randrange(20, 95))
    def _months_n(self): return str(self.rng.randrange(2, 5))
    def _years(self): return str(self.rng.randrange(1, 13))
    def _country(self): return self.rng.choice(COUNTRIES)
    def _city(self): return self.rng.choice(CITIES)
    def _show(self): return self.rng.choice(SHOWS)
    def _mbps(self): return str(self.rng.randrange(3, 40))
    def _plan_mbps(self): return str(self.rng.choice((100, 150, 300, 500, 900)))
    def _last4(self): return f"{self.rng.randrange(10000):04d}"
    def _postcode(self):
        r = self.rng
        letters = "ABDHJLNPQRSTUWXYZ"
        return (f"{r.choice('BLMNSWE')}{r.choice('SLNRE')}{r.randrange(1, 20)} "
                f"{r.randrange(1, 10)}{r.choice(letters)}{r.choice(letters)}")
    def _email(self):
        first, last, r = self["first"].lower(), self["last"].lower(), self.rng
        return r.choice((f"{first}.{last}{r.randrange(1, 99)}", f"{first[0]}{last}{r.randrange(60, 99)}",
                         f"{first}{last}", f"{first}_{last[0]}{r.randrange(1, 999)}")) + "@example.com"
    def _phone_number(self): return f"07700 900{self.rng.randrange(1000):03d}"
    def _phone_tail(self): return f"{self.rng.randrange(1000):03d}"
    def _account_no(self): return f"LM{self.rng.randrange(10**7):07d}"
    def _house_no(self): return str(self.rng.randrange(1, 120))
    def _street(self): return self.rng.choice(STREETS)
    def _ref(self): return self.rng.choice(("REF", "CS", "TKT")) + f"-{self.rng.randrange(10**6):06d}"
    def _discount(self): return self.rng.choice(("20%", "25%", "30%", "40%", "50%"))
    def _wait(self): return str(self.rng.randrange(1, 7))
    def _screens(self): return SCREENS[self.s.product]
    def _kid_age(self): return str(self.rng.randrange(5, 10))
    def _kid_age2(self): return str(self.rng.randrange(10, 16))
    def _handle(self): return self.rng.choice((f"{self['first'].lower()}{self.rng.randrange(10, 99)}",
                                                f"{self['first'][0].lower()}_{self['last'].lower()}",
                                                f"{self['last'].lower()}{self['first'][0].lower()}x"))
    def _initials(self): return self["agent_name"][:2].upper()
    def _daypart(self):
        hour = self.s.when.hour
        return "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"
    def _version(self):
        if self.s.reason == "tv_app_buffering" and self.s.when >= self.release_at:
            return self.rng.choice(NEW_VERSIONS)
        return self["old_version"]
    def _date(self): return _date(self.s.when - timedelta(days=self.rng.randrange(1, 25)))
    def _day_ordinal(self): return ordinal(self.rng.randrange(1, 29))
    def _weekday(self): return WEEKDAYS[(self.s.when - timedelta(days=self.rng.randrange(1, 6))).weekday()]
    def _renewal_date(self):
        when = self.s.when
        return _date(when.replace(day=self.rng.randrange(1, min(when.day, 4) + 1)))
    def _date_future(self): return _date(self.s.when + timedelta(days=self.rng.randrange(3, 20)))
    def _period_end(self): return _date(self.s.when + timedelta(days=self.rng.randrange(7, 31)))
    def _month_name(self): return MONTHS[(self.s.when.month - 1 + self.rng.choice((-2, -1, 1, 2))) % 12]
    def _explanation(self): return self.pick(P.BILLING_EXPLANATION)
    def _info(self): return self.pick(P.GENERAL_INFO)
    def _fix(self): return self.rng.choice(P.TECH_FIX)
    def _remote_fix(self): return self.rng.choice(P.TECH_REMOTE_FIX)


NEUTRAL_REASONS = {
    "moving_abroad", "not_using_enough", "financial_hardship", "invoice_copy", "payment_method", "change_email",
    "update_address",
}
_KEEP_CASE = {"I", "I'm", "I've", "I'd", "I'll", "Lumora", "Vireo"} | {r.split()[0] for r in RIVALS}


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def soften(text: str) -> str:
    """``text`` as it reads after "Hi, ...": lowercase first word unless it is "I" or a name."""
    first = text.split(" ", 1)[0].rstrip(",.?!")
    return text if first in _KEEP_CASE or first in FIRST else text[:1].lower() + text[1:]


def ack(sl: Slots, s: Situation) -> str:
    if s.agent_type == "ai":
        return sl.pick(P.AI_EMPATHY)
    neutral = s.reason in NEUTRAL_REASONS or s.topic in ("plan_change", "general")
    return sl.pick(P.NEUTRAL if neutral else P.EMPATHY)


def end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def say(sl: Slots, reason_id: str) -> str:
    return sl.pick(REASONS[reason_id].say)


def statement(sl: Slots, s: Situation, mode: str) -> str:
    """The customer's first statement of the situation (``mode``: full, threat, intent)."""
    rng = sl.rng
    if s.topic != "cancellation":
        return end(cap(say(sl, s.reason)))
    if mode == "intent":
        return end(cap(rng.choice(P.CANCEL_INTENT)))
    why = say(sl, s.reason)
    if mode == "threat":
        threat = rng.choice(P.CANCEL_THREAT)
        return f"{end(cap(why))} {end(cap(threat))}" if rng.random() < 0.6 else f"{cap(threat)}, {why}."
    shape = rng.randrange(3)
    if shape == 0:
        because = rng.choice(P.BECAUSE)
        joint = " " if because in ("because", "as", "since") else ", "
        return f"{cap(rng.choice(P.CANCEL_INTENT))}{joint}{because} {why.rstrip('?')}."
    if shape == 1:
        return f"{cap(why.rstrip('?'))}, {rng.choice(P.CANCEL_SO)}."
    return f"{end(cap(rng.choice(P.CANCEL_INTENT)))} {end(cap(why))}"


def _offers(options: tuple[str, ...], s: Situation) -> tuple[str, ...]:
    """No offer to move a Basic customer down to Basic."""
    if s.product != "Basic":
        return options
    return tuple(x for x in options if "Basic" not in x) or options


def resolution(sl: Slots, s: Situation) -> str:
    rng, ai, o = sl.rng, s.agent_type == "ai", s.outcome
    if ai and s.topic == "refund" and o == "unresolved":
        return sl.pick(P.AI_REFUND_FAIL)
    if ai and o == "escalated":
        return sl.pick(P.AI_ESCALATE)
    specific = PR.RESOLVE_BY_REASON.get((s.reason, o))
    if specific and rng.random() < 0.75:
        return sl.pick(_offers(specific, s))
    if o == "resolved" and s.reason in RESOLVED:
        return sl.pick(RESOLVED[s.reason])
    if s.topic == "cancellation":
        return sl.pick(_offers(PR.RESOLVE[("cancellation", o)], s))
    if o == "resolved":
        return sl.pick(PR.RESOLVE[(s.topic, "resolved")])
    return sl.pick(P.ESCALATE if o == "escalated" else P.UNRESOLVED)


def probe(sl: Slots, s: Situation) -> str:
    """An open question the agent has not asked yet in this conversation."""
    options = [q for q in P.TOPIC_PROBE[s.topic] + P.OPEN_PROBE if q not in sl.told]
    choice = sl.rng.choice(options)
    sl.told.add(choice)
    return choice


def detail(sl: Slots, s: Situation) -> str:
    """A detail of the situation the customer has not given yet in this conversation."""
    options = REASONS[s.reason].detail
    fresh = [d for d in options if d not in sl.told] or options
    choice = sl.rng.choice(fresh)
    sl.told.add(choice)
    return end(cap(sl.fill(choice)))


def live(sl: Slots, s: Situation) -> list[dict]:
    """A voice call or a chat: greeting, statement, verification, probing, resolution, close."""
    rng, ai, voice = sl.rng, s.agent_type == "ai", s.channel == "voice"
    turns: list[dict] = []

    def add(speaker: str, text: str, **extra) -> None:
        turns.append({"speaker": speaker, "text": text, **extra})

    if not voice and not ai and rng.random() < 0.5:
        add("bot", sl.pick(P.BOT_GREET_CHAT))
    add("agent", sl.pick((P.AI_GREET_VOICE if voice else P.AI_GREET_CHAT) if ai else
                         (P.AGENT_GREET_VOICE if voice else P.AGENT_GREET_CHAT)))
    mode = "full"
    if s.topic == "cancellation":
        if s.outcome == "retained" and rng.random() < 0.35:
            mode = "threat"
        elif rng.random() < 0.35:
            mode = "intent"
    opener = rng.choice(P.CUSTOMER_OPEN_VOICE if voice else P.CUSTOMER_OPEN_CHAT) if rng.random() < 0.75 else ""
    if voice and rng.random() < 0.3:
        opener = f"{opener} {sl.pick(P.CUSTOMER_NAME_VOICE)}".strip()
    first = statement(sl, s, mode)
    if rng.random() < 0.25:
        first = f"{first} {sl.pick(P.CUSTOMER_CONTEXT)}"
    add("customer", f"{cap(opener)}, {soften(first)}" if opener else first)
    if mode == "intent":
        add("agent", sl.pick(P.WHY_ASK))
        add("customer", end(cap(say(sl, s.reason))))
    if rng.random() < 0.75:
        ask, answers = rng.choice(P.AI_AUTH if ai else P.AUTH)
        add("agent", f"{ack(sl, s)} {ask}")
        add("customer", sl.pick(answers))
        add("agent", f"{sl.pick(P.AUTH_OK)} {probe(sl, s)}")
    else:
        add("agent", f"{ack(sl, s)} {probe(sl, s)}")
    add("customer", detail(sl, s))
    if rng.random() < 0.35 and not ai:
        add("agent", sl.pick(P.HOLD), hold=True)
        add("customer", rng.choice(("ok", "sure", "no problem", "thanks", "yep")))
    elif rng.random() < 0.3:
        add("agent", probe(sl, s))
        add("customer", detail(sl, s))
    if s.secondary:
        add("customer", f"{cap(rng.choice(P.SECONDARY_INTRO))} {say(sl, s.secondary)}")
        add("agent", rng.choice(P.SECONDARY_REPLY))
    add("agent", resolution(sl, s))
    if ai and s.topic == "refund" and s.outcome == "unresolved" and rng.random() < 0.7:
        add("customer", rng.choice(("I just want my money back", "that's not what I asked, I want a refund",
                                    "refund. I want a refund", "can I speak to a person please")))
        add("agent", sl.pick(P.AI_REFUND_FAIL))
    add("customer", cap(rng.choice(P.REACT[s.outcome])))
    if s.outcome in ("resolved", "cancelled", "retained") and rng.random() < 0.7:
        add("agent", rng.choice(P.AGENT_ANYTHING_ELSE))
        add("customer", cap(rng.choice(P.CUSTOMER_NO)))
    add("agent", sl.pick(P.AI_BYE if ai else P.AGENT_BYE))

    if voice:
        for turn in turns:
            customer = turn["speaker"] == "customer"
            turn["text"] = asr(turn["text"], rng, customer, fillers=customer or not ai, speech=sl.speech)
        timestamps(turns, rng, ai)
        for turn in turns:
            turn.pop("hold", None)
        return turns
    style = chat_style(rng)
    styled: list[dict] = []
    for turn in turns:
        turn.pop("hold", None)
        if turn["speaker"] != "customer":
            styled.append(turn)
            continue
        for part in split_chat(turn["text"], rng):
            styled.append({"speaker": "customer", "text": chat_text(part, rng, style)})
    return styled


def email(sl: Slots, s: Situation) -> list[dict]:
    """Two to four e-mails: the customer writes, the agent replies (and maybe once more)."""
    rng = sl.rng
    sign_c = f"{rng.choice(PW.EMAIL_SIGN)}\n{sl['first']}" + (f" {sl['last']}" if rng.random() < 0.5 else "")
    lead = rng.choice(PW.EMAIL_SUBJECT_LEAD)
    body = statement(sl, s, "threat" if s.outcome == "retained" and rng.random() < 0.3 else "full")
    extra = detail(sl, s)
    if rng.random() < 0.4:
        extra += " " + sl.fill(rng.choice(("My account email is {email}.", "Account number {account_no}.",
                                           "My postcode is {postcode}.")))
    if rng.random() < 0.3:
        extra += " " + sl.pick(P.CUSTOMER_CONTEXT)
    if s.secondary:
        extra += f" {cap(rng.choice(P.SECONDARY_INTRO))} {end(say(sl, s.secondary))}"
    first = f"{rng.choice(PW.EMAIL_HELLO)}\n\n{(lead + ' ') if lead else ''}{body} {extra}\n\n{sign_c}"
    turns = [{"speaker": "customer", "text": first}]
    opening, sign_a = sl.pick(PW.EMAIL_AGENT_OPEN), sl.pick(PW.EMAIL_AGENT_SIGN)
    empathy = ack(sl, s)
    shape = rng.choices((2, 3, 4), weights=(40, 25, 35))[0]
    if shape == 4:
        turns.append({"speaker": "agent", "text": f"{opening} {empathy}\n\n{sl.pick(PW.EMAIL_PROBE)}\n\n{sign_a}"})
        reply = f"{detail(sl, s)} {sl.fill('My account email is {email}.') if rng.random() < 0.5 else ''}".strip()
        again = f"Hi {sl['agent_name']},\n\n{rng.choice(PW.EMAIL_FOLLOWUP)} {reply}\n\n{sl['first']}"
        turns.append({"speaker": "customer", "text": again})
        turns.append({"speaker": "agent",
                      "text": f"{sl.pick(PW.EMAIL_AGENT_AGAIN)}\n\n{resolution(sl, s)}\n\n{sign_a}"})
    else:
        turns.append({"speaker": "agent", "text": f"{opening} {empathy}\n\n{resolution(sl, s)}\n\n"
                                                  f"If there's anything else, just reply to this email.\n\n{sign_a}"})
        if shape == 3:
            turns.append({"speaker": "customer",
                          "text": f"{end(cap(rng.choice(P.REACT[s.outcome])))}\n\n{sl['first']}"})
    return turns


def social(sl: Slots, s: Situation) -> list[dict]:
    """A public post, a public reply, and usually a short exchange after it."""
    rng = sl.rng
    body = statement(sl, s, "threat" if s.topic == "cancellation" and rng.random() < 0.5 else "full")
    flair = rng.choice(PW.SOCIAL_TAGS)
    if rng.random() < 0.12:
        flair = f"{rng.choice(PW.SOCIAL_EMOJI)} {flair}".strip()
    post = f"@LumoraHelp {body[0].lower() if rng.random() < 0.5 else body[0]}{body[1:]} {flair}".strip()
    turns = [{"speaker": "customer", "text": post}, {"speaker": "agent", "text": sl.pick(PW.SOCIAL_AGENT_PUBLIC)}]
    if rng.random() < 0.15:
        return turns
    if rng.random() < 0.5:
        turns.append({"speaker": "customer", "text": f"@LumoraHelp {rng.choice(PW.SOCIAL_CUSTOMER_DM)}"})
    else:
        turns.append({"speaker": "customer", "text": f"{detail(sl, s)} {sl.fill('email is {email}')}"})
    turns.append({"speaker": "agent", "text": f"Thanks {sl['first']}. {resolution(sl, s)}"})
    if rng.random() < 0.6:
        turns.append({"speaker": "customer", "text": cap(rng.choice(P.REACT[s.outcome]))})
    return turns


RENDER = {"voice": live, "chat": live, "email": email, "social": social}
