"""The reason catalogue, part 1: cancellation, billing and refund situations.

Each :class:`Reason` carries many ways a customer states it (``say``) and details the
customer adds when the agent asks an open question (``detail``). ``{slots}`` are filled
per conversation (amounts, dates, devices, versions, competitors...). For cancellation
reasons ``say`` is the *why* only; the generator composes it with one of many ways of saying "I want to cancel".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reason:
    id: str
    topic: str
    label: str
    say: tuple[str, ...]
    detail: tuple[str, ...]


def _r(id: str, topic: str, label: str, say: list[str], detail: list[str]) -> Reason:
    return Reason(id, topic, label, tuple(say), tuple(detail))


CANCELLATION = [
    _r("annual_renewal_charge", "cancellation", "Unexpected annual renewal charge", [
        "I just got charged {annual_price} for a yearly renewal I never agreed to",
        "you renewed me for a whole year without asking and took {annual_price} out of my account",
        "there's an annual renewal charge of {annual_price} on my card that I wasn't expecting",
        "I thought I was paying monthly but I've been billed for the full year, {annual_price}",
        "my subscription auto-renewed for twelve months and nobody warned me",
        "I was hit with a {annual_price} annual charge out of nowhere on {renewal_date}",
        "I never signed up for an annual plan but you've charged me the yearly fee",
        "the yearly renewal went through without a single reminder and that's {annual_price} gone",
        "I woke up to a {annual_price} payment for another year of Lumora",
        "you switched me to annual billing and charged me {annual_price} without telling me",
        "I've been charged for a year up front, {annual_price}, when I pay month to month",
        "my bank shows {annual_price} for a 12 month renewal I definitely didn't ask for",
    ], [
        "it came out on {renewal_date}, {annual_price}, and the statement says annual renewal",
        "I've always paid {plan_price} a month, then suddenly {annual_price} for the year",
        "no email, no reminder, nothing, it just renewed for another twelve months",
        "I checked my account and it now says annual plan, renews next year, I never picked that",
        "that's money I needed for rent, I can't have {annual_price} taken in one go",
        "the charge says Lumora annual {plan}, {annual_price}, taken on {renewal_date}",
        "my partner saw the yearly charge on the joint account before I did",
    ]),
    _r("tv_app_buffering", "cancellation", "TV app buffering / freezing since the 8.2 update", [
        "the TV app keeps buffering ever since the {version} update",
        "since you pushed version {version} everything freezes every few minutes",
        "shows just freeze and spin on my {device} and it started after the last app update",
        "I can't watch anything without it stalling, the app update broke it",
        "the picture freezes and the loading circle goes round and round since the update",
        "ever since the new version of the app playback keeps stopping to buffer",
        "half of every episode is the buffering wheel now, it was fine before the update",
        "the app on my {device} locks up mid-show since it updated to {version}",
        "streaming is unwatchable, constant buffering and freezing after the app update",
        "the app freezes every ten minutes since it updated itself last week",
        "after the latest update the TV app just hangs and buffers, even on a fast connection",
        "every film stutters and freezes now, the {version} version of the app is broken",
    ], [
        "it's the {device}, app version {version}, and my internet is fine, everything else streams",
        "I've uninstalled and reinstalled it twice, still freezes after a few minutes",
        "it started the day the app updated, before that it was perfect",
        "it freezes on every show, the picture stops but the sound carries on",
        "I've restarted the TV and the router, same thing, buffering every few minutes",
        "the speed test on the TV says {mbps} megabits so it's not my broadband",
        "we tried it on the other TV too, the {device2}, same problem since the update",
    ]),
    _r("competitor_student_offer", "cancellation", "Competitor's half-price student offer", [
        "{competitor} are doing half price for students and I'm a student",
        "I've found a student deal at {competitor} for half what I pay you",
        "my uni friends have all moved to {competitor} because of their 50% student discount",
        "there's a student offer with {competitor} at {student_price} a month, half your price",
        "another streaming service does a half-price plan for students and I'm at college",
        "as a student I can't justify paying full price when {competitor} is half that with a student ID",
        "{competitor} just launched a student discount, 50 percent off",
        "I got an email from {competitor} about their student plan at half price and it's a no-brainer",
        "with my student card {competitor} costs half what you charge",
        "my university is advertising {competitor}'s student deal, half price for a year",
        "{competitor} gives students the same shows for {student_price}, you want {plan_price}",
        "there's a half-price student membership at {competitor} and money's tight at uni",
    ], [
        "it's {student_price} a month with a student email, you're {plan_price}",
        "I'm in my second year at uni and every penny counts",
        "loads of people on my course have already switched over",
        "they've got most of the same shows, so it's a no-brainer really",
        "it's 50% off for as long as I'm enrolled, that's what the advert says",
        "unless you do a student discount too I'm going to go with them",
    ]),
    _r("not_using_enough", "cancellation", "Not using it enough / not watching much", [
        "I'm just not using it enough to justify it",
        "honestly I barely watch anything anymore",
        "we haven't watched anything on it in {weeks} weeks",
        "it's sitting there unused most months",
        "I don't really have time to watch TV these days",
        "I forget I even have it, I haven't logged in for ages",
        "the kids have moved out and nobody watches it now",
        "I only watch maybe one show a month, it's not worth it",
        "it's wasted money, I never get round to watching anything",
        "we hardly use it, maybe once a fortnight if that",
        "I've been so busy with work that it's just not getting used",
        "I signed up for one series and I've not watched anything since",
    ], [
        "I looked at my viewing history and the last thing was {weeks} weeks ago",
        "it's not the price really, I just don't use it",
        "we watch the free channels mostly, this just sits there",
        "I'm out most evenings now so it doesn't get watched",
        "my son used to watch it but he's at university now",
        "I'd rather not pay {plan_price} a month for something I don't watch",
    ]),
    _r("moving_abroad", "cancellation", "Moving abroad / moving house", [
        "I'm moving to {country} next month",
        "we're relocating abroad for work",
        "I'm moving house and the new place is outside your area",
        "I'm emigrating to {country} in a few weeks",
        "we're moving in with my partner's parents so we won't need it",
        "I've got a job in {country} and I'm leaving the country",
        "we're selling up and moving overseas",
        "I'm moving out of my flat and the landlord's place comes with its own broadband",
        "I'm relocating to {country} for a couple of years",
        "we're moving to {city} and you don't cover the new address",
        "I'm heading abroad to study so I won't be here to use it",
    ], [
        "we fly out on the {day_ordinal} of next month",
        "the new place already has internet included in the rent",
        "I checked and your service isn't available where we're going",
        "it's a permanent move, we've sold the house",
        "my last day at this address is {date}",
        "we won't be back at this address, so there's no point keeping it",
    ]),
    _r("price_too_high", "cancellation", "Price too high / found cheaper elsewhere", [
        "it's just got too expensive for what it is",
        "{rival} is a lot cheaper for basically the same thing",
        "I can't keep paying {plan_price} a month, it's too much",
        "the price keeps going up and I've had enough",
        "I found a cheaper deal with {rival}",
        "you're the most expensive one out there now",
        "for {plan_price} a month I expect more, it's not good value",
        "my bill has crept up to {new_price} and it's not worth it",
        "I can get broadband and TV from {rival} for less than I pay you",
    ], [
        "{rival} quoted me {amount} a month all in",
        "when I joined it was {old_price}, now it's {new_price}",
        "I've compared prices online and you're well above the rest",
        "I'd stay if you could match {rival}'s price",
    ]),
    _r("service_outages", "cancellation", "Broadband keeps dropping / poor service", [
        "the broadband keeps cutting out and I work from home",
        "my internet has dropped out every day for {weeks} weeks",
        "I've had three engineer visits and the wifi is still unreliable",
        "the connection is useless in the evenings",
        "I keep losing internet in the middle of work calls",
        "your service has been down more than it's been up this month",
        "the router drops the connection every hour or so",
        "the speeds are nowhere near what I was sold",
    ], [
        "it drops out for ten or fifteen minutes several times a day",
        "I've restarted the router more times than I can count",
        "I've got a log of every outage, {times} this month alone",
        "the engineer said the line was fine but it still drops",
    ]),
    _r("poor_support", "cancellation", "Fed up with customer service", [
        "I've been passed around your customer service for weeks",
        "this is the fourth time I've called about the same thing",
        "nobody ever calls me back when they say they will",
        "I've been on hold for {minutes} minutes every time I call",
        "your support has been useless and I've had enough",
        "I was promised a callback {days} days ago and heard nothing",
        "every time I contact you I get a different answer",
        "I'm sick of explaining my problem to a new person each time",
    ], [
        "I've got three reference numbers and none of them went anywhere",
        "the last person said it was sorted and it wasn't",
        "I've spent hours on the phone with you this month",
        "I just want someone to take ownership",
    ]),
    _r("financial_hardship", "cancellation", "Can't afford it right now", [
        "money's really tight at the moment and I need to cut back",
        "I've lost my job so I can't afford it",
        "I'm cutting all my subscriptions to save money",
        "I'm on a reduced income now and this has to go",
        "with the cost of everything going up I can't justify it",
        "I'm going through a tough time financially",
        "I need to bring my outgoings down this month",
        "we're tightening our belts and this is one of the extras",
    ], [
        "it's nothing against you, I just have to cut costs",
        "I've been made redundant and I'm going through every direct debit",
        "maybe I'll come back when things pick up",
        "I need to save {amount} a month somewhere",
    ]),
    _r("content_library", "cancellation", "Not enough to watch / show removed", [
        "you took {show} off and that was the only thing I watched",
        "there's nothing new to watch on there",
        "the film selection has got worse and worse",
        "I've watched everything I want to already",
        "you keep removing the shows I like",
        "there's nothing on there for adults anymore",
        "the new releases never come to Lumora",
        "I've finished {show} and there's nothing else I want",
    ], [
        "{show} disappeared halfway through the season",
        "I scroll for half an hour and end up watching nothing",
        "my friends say the library on {rival} is much better",
        "there's been nothing new I'm interested in for months",
    ]),
]

BILLING = [
    _r("unrecognised_charge", "billing", "Charge the customer doesn't recognise", [
        "there's a charge of {amount} on my statement that I don't recognise",
        "what is this {amount} payment to Lumora on {date}?",
        "I've got a Lumora charge for {amount} and I have no idea what it's for",
        "can you explain a charge on my bank statement, {amount}",
        "I don't know what this extra {amount} on my bill is",
        "my bill has a line item I've never seen before, {amount}",
        "someone took {amount} from my account and the reference says Lumora",
        "there's a mystery charge on my account and I'd like to know what it is",
    ], [
        "it says Lumora Media, {amount}, on {date}",
        "my normal bill is {plan_price} so this is on top",
        "it was taken from the card ending {last4}",
        "nobody in my house has bought anything extra as far as I know",
    ]),
    _r("price_increase", "billing", "Why has my monthly bill gone up", [
        "why has my monthly bill gone up from {old_price} to {new_price}?",
        "my bill is higher this month and I didn't change anything",
        "I've noticed my monthly payment went up, what's that about?",
        "nobody told me the price was going up",
        "my {plan} plan used to be {old_price} and now it's {new_price}",
        "I'd like to understand why I'm paying more than last month",
        "did the price of the {plan} plan change? my bill is bigger",
        "the direct debit has gone up and I wasn't informed",
    ], [
        "last month it was {old_price}, this month {new_price}",
        "I didn't get any letter or email about a price rise",
        "I'm on the {plan} plan, nothing's changed on my side",
        "it's not a lot but I'd like to know why",
    ]),
    _r("payment_failed", "billing", "Payment failed / card declined", [
        "I got an email saying my payment failed",
        "my card was declined for this month's bill",
        "you've said my payment didn't go through but there's money in the account",
        "my direct debit bounced and now I've got a warning",
        "the app says my payment is overdue",
        "my card expired and now the payment's failed",
        "I've had a message that my account will be suspended for non-payment",
        "why did my payment get rejected?",
    ], [
        "my new card ends in {last4}, the old one expired",
        "the bank says they didn't block anything",
        "it was due on {date} and I had the funds",
        "I just want to pay it now before the service gets cut off",
    ]),
    _r("invoice_copy", "billing", "Needs a copy of an invoice", [
        "I need a copy of my last invoice for my expenses",
        "can you send me a VAT receipt for the last three months?",
        "where do I find my bills on the website?",
        "I need a statement of my payments for my accountant",
        "could I get an itemised bill for {date}?",
        "my employer reimburses the broadband, I need invoices",
        "I can't download my bill from the app",
        "can you email me a PDF of my bill?",
    ], [
        "it's for the last three months, {date} onwards",
        "the download button just spins on the app",
        "the email address on the account is {email}",
        "it needs my name and address on it for work",
    ]),
    _r("promo_expired", "billing", "Discount ended, now paying full price", [
        "my discount has ended and now I'm paying full price",
        "the introductory offer finished and my bill jumped",
        "I was on {discount} off and that seems to have stopped",
        "my promo price ran out, can I get another deal?",
        "I signed up on an offer and now I'm paying {plan_price}",
        "nobody told me the deal was only for six months",
        "my six month discount has expired and it's a lot more now",
        "is there any way to keep my offer price?",
    ], [
        "I was paying {old_price} on the offer, now {new_price}",
        "it said six months on the website when I joined",
        "I've been with you {years} years, I think I deserve a better price",
        "I'd like something closer to what I was paying",
    ]),
    _r("payment_method", "billing", "Update card / payment details", [
        "I need to update my card details",
        "I've got a new bank card, how do I change it on the account?",
        "I want to switch from card to direct debit",
        "can I pay by a different card from now on?",
        "I need to change the account the payment comes out of",
        "my bank changed my card number after some fraud",
        "how do I put my partner's card on the account instead?",
        "can I change the date my payment goes out?",
    ], [
        "the new card ends in {last4}",
        "I'd like the payment to come out on the {day_ordinal} instead",
        "the app won't let me save the new card",
        "it's the same bank, just a new card",
    ]),
]

REFUND = [
    _r("double_charged", "refund", "Charged twice, wants money back", [
        "I've been charged twice this month and I want the second one refunded",
        "you took {plan_price} two times, I need one back",
        "there are two identical payments to you on {date}",
        "I was billed twice for the same month",
        "I see a duplicate charge of {plan_price}, please give me my money back",
        "my bank shows two Lumora payments this month, that's not right",
        "you've double charged me and I want a refund",
        "I paid my bill and then you took it again",
    ], [
        "both were {plan_price}, one on {date} and one the day after",
        "the card ends in {last4}, both charges are there",
        "I've got the bank statement if you need it",
        "I'd like it back on the same card please",
    ]),
    _r("refund_after_cancel", "refund", "Charged after cancelling, wants refund", [
        "I cancelled last month but you still took a payment",
        "I closed my account on {date} and you've charged me again",
        "why am I still being billed when I cancelled?",
        "I want a refund for the month after I'd already cancelled",
        "you charged me {plan_price} even though my subscription was ended",
        "I shouldn't have paid this month, I left in {month_name}",
        "I got a confirmation of cancellation and then a bill, I want my money back",
        "please refund the payment you took after I cancelled",
    ], [
        "I've got the cancellation confirmation email dated {date}",
        "the charge was {plan_price} on {date}",
        "I haven't used the service since I cancelled",
        "I want the full amount back, not a credit",
    ]),
    _r("outage_credit", "refund", "Money back for days without service", [
        "my broadband was down for {days} days and I want money back",
        "I had no internet for most of last week, I shouldn't pay for that",
        "can I get a refund for the outage?",
        "I'm paying for a service I didn't get, the wifi was off for {days} days",
        "there was an outage in my area and I'd like compensation",
        "we had no connection for {days} days, I expect a refund for that",
        "I want money back for the time the service wasn't working",
        "the internet was dead from {date} until yesterday, refund please",
    ], [
        "it went off on {date} and came back {days} days later",
        "I had to use my phone data, which cost me extra",
        "your status page showed the outage, it's not just me",
        "I work from home, it cost me a lot more than the bill",
    ]),
    _r("rental_refund", "refund", "Refund for a film rental / purchase", [
        "I rented a film by mistake and want a refund",
        "I paid {amount} for a movie and it wouldn't play",
        "my kid bought a film without asking, can I get the money back?",
        "the film I rented kept crashing so I never watched it",
        "I was charged {amount} for a rental I didn't make",
        "I bought {show} on the store and it won't download, I'd like a refund",
        "I pressed rent by accident on the remote",
        "I want my money back for the box set that never played",
    ], [
        "it was {amount}, rented on {date}",
        "I didn't watch more than a minute of it",
        "there's no PIN on purchases, I've set one up now",
        "it just showed an error every time I pressed play",
    ]),
    _r("unused_upgrade", "refund", "Wants the difference back for an unwanted upgrade", [
        "I upgraded to {new_plan} by mistake and want the difference back",
        "I was moved to a more expensive plan I didn't ask for, refund please",
        "I tried the {new_plan} upgrade, didn't use it, I want a refund",
        "I was charged {amount} for an upgrade I cancelled straight away",
        "someone upgraded my plan without my permission, I want the money back",
        "the extra I paid for {new_plan} this month, can I have it back?",
        "I want a refund for the upgrade, it didn't give me anything extra",
        "I accidentally clicked upgrade in the app, please reverse the charge",
    ], [
        "I downgraded again the same day",
        "it was {amount} extra on my bill",
        "I only noticed when the bill came in",
        "I'd like it refunded, not as credit",
    ]),
]
