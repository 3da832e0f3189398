"""An energy supplier's customer service (Lanthorn Energy), March to June 2026.

Planted, for questions a head of customer operations asks:

- "billing disputes" (topic ``bill_shock``) — a manager's phrase no customer uses (they say
  "you've sent me a bill for £640 after guessing my usage for months"): ~40 → ~107 a month,
  driven by two reasons that grow every month and most in June — a catch-up bill after the
  smart meter stopped sending readings (most in Ardlow), and a fixed tariff that ended and
  rolled onto a dearer rate (mostly Fixed Green 24 customers) — each said in 17 different
  ways; two large flat decoys (the direct debit raised, a final bill for an old home) and
  small noise (VAT lines, paper copies).
- a spike: power cuts in Tollerby (network operator GridPath) ~3 → ~44 in April;
- credit refunds, resolved by AI agents about a quarter of the time, by humans 80 %;
- a rarely seen meter display code, F-31; the meter installer Voltera Meter Services;
- flat everyday traffic: moving home, meter bookings, payment help, EV tariff questions.
"""

from __future__ import annotations

from eval.corpora.engine import Business, Corpus, Reason, Voice, render
from eval.corpora.golds import Golds
from eval.sets import BenchmarkSet

R = Reason
TOWNS = ["Tollerby", "Wexcombe", "Ardlow", "Pennick Bay", "Saltmere"]
PRODUCTS = ["Flex Saver", "Fixed Green 24", "EV Night Rate", "Standard Variable"]

VOICE = Voice(
    greet={
        "voice": ["You're through to Lanthorn Energy, I'm <agent>.",
                  "Lanthorn Energy, <agent> speaking, how can I help you today?",
                  "Hiya, Lanthorn customer service, this is <agent>."],
        "chat": ["Hey, <agent> from Lanthorn here, what can I help with?",
                 "Welcome to Lanthorn live chat, you're talking to <agent>."],
        "email": ["Hello, thanks for emailing Lanthorn Energy. "
                  "My name is <agent> and I'll be looking after your enquiry."],
        "social": ["Hi! <agent> at Lanthorn. Send us a private message and we'll take a look."],
    },
    ai_greet=["Wren here, Lanthorn's automated helper. What do you need today?",
              "Hello, you're chatting with Lanthorn's AI helper. What's your question?"],
    hello=["hi", "hello,", "alright,", "good evening.", "hiya.", "hi, hope you're well.", "yes hello,", "morning,"],
    ask_identity=["Can you confirm your account number for me?",
                  "Could I take the postcode and the name on the account?",
                  "Just to check I've got the right account, what's your date of birth?",
                  "What's the email address you registered with?"],
    give_identity=["it's <acct>", "the account's in my name, <first> <surname>", "yep account <acct>",
                   "I think it's <acct>, it's on the bill somewhere", "<first> <surname>, 14th of July 1966"],
    ask_reason=["Thanks. What's the reason for your call?", "Cheers, what's going on?", "Okay, what can I do for you?",
                "Thanks for that, how can I help?"],
    probe=["Oh no. Tell me a bit more about that.", "When did you first notice?",
           "Is there anything else happening at your end?", "Okay, and has anything changed at the property?"],
    filler=["that's about it really", "I just need someone to look at it properly", "I'm at work so I'll be quick",
            "this is my third time contacting you lot", "my daughter helped me with the app"],
    spoken=["um,", "so yeah,", "right okay,", "hiya, so,", "erm basically"],
    close={"resolved": ["That's fixed now, you'll see it on your account within 24 hours.",
                        "All sorted, anything else I can help with?",
                        "Done. I've added a note to your account too."],
           "escalated": ["Our specialist team will look at this and reply within five working days.",
                         "I've passed it to my supervisor who'll call you back.",
                         "I've logged a formal complaint for you."],
           "unresolved": ["I'm sorry, there's nothing else I can do on that.", "I'm unable to change that I'm afraid.",
                          "You'll need to wait for the next statement I'm afraid."]},
    thanks={"resolved": ["cheers, appreciate it", "thanks so much", "perfect thank you", "great stuff"],
            "escalated": ["ok, I'll look out for that", "right, thanks", "please make sure they do"],
            "unresolved": ["that's ridiculous", "well that's no help at all", "I'll be looking to switch then",
                           "ok whatever"]},
    agents=["Shona", "Marek", "Jas", "Olu", "Kirsty", "Dylan", "Amira", "Ewan", "Leonie", "Rajan"],
    slots={"amount": ["480", "612", "735", "890", "1,140"], "acct": [f"LN-{n}" for n in range(70231, 70290, 9)],
           "first": ["Maureen", "Tariq", "Chloe", "Graham", "Funmi", "Declan"],
           "surname": ["Whitlock", "Nakamura", "Brennan", "Adeyemi", "Hollis", "Fairweather"],
           "hours": ["four", "six", "nine", "eleven"]},
)

CATCHUP = [
    "my smart meter stopped sending readings months ago and now you've sent me a bill for £<amount>",
    "you've been guessing my usage since the winter and suddenly I owe a fortune",
    "the in-home display went blank in the new year and this statement is for <amount> quid",
    "I've had a catch-up bill that covers eight months in one go",
    "why am I being charged for all of last winter's gas now?",
    "apparently my readings were estimated and I've been undercharged, I can't afford to pay that back",
    "nobody told me the meter wasn't talking to you and now I'm hundreds in debt",
    "the statement jumped from forty pounds to over six hundred overnight",
    "the figures on my account are made up, the actual numbers on the box are lower",
    "I gave you my meter numbers over the phone and you still used an estimate",
    "you're back-charging me for electricity from last year",
    "it says my smart meter's been in dumb mode since february, how is that my fault",
    "I'm on a pension, I can't find £<amount> for one statement",
    "I've been paying what you asked every month and now there's a massive shortfall",
    "the app shows no data received for months and then this enormous bill lands",
    "the correction to my usage has wiped out my savings",
    "how can one quarter's gas cost more than the whole of last year",
]
ROLLOVER = [
    "my Fixed Green 24 finished and you've dumped me on the most expensive rate",
    "nobody warned me my fixed deal was ending",
    "the price per unit has nearly doubled since may and I didn't agree to anything",
    "I never got the letter about my tariff coming to an end",
    "I've been rolled over onto standard variable without being asked",
    "my unit rate went from 22p to 34p overnight",
    "the cheap deal I signed up for has disappeared off my account",
    "why is my standing charge suddenly higher? I haven't changed anything",
    "I was promised you'd contact me before the fix ran out",
    "the renewal email must have gone to spam, now I'm paying through the nose",
    "can you put me back on the rate I had in the spring",
    "I'd have picked a new plan if anyone had bothered to tell me",
    "my contract expired and you just moved me to whatever suits you",
    "this thing called standard variable is costing me a fortune",
    "my neighbour pays way less for the same house because I got switched",
    "the end of my two year fix has added forty quid a month",
    "I didn't choose this new tariff, someone changed it for me",
]

REASONS = [
    R(id="catchup_bill", topic="bill_shock", kind="driver", label="Catch-up bill after estimated readings",
      match_terms=["estimate", "readings", "catch-up", "undercharged", "back-charg"],
      monthly=[3, 6, 12, 38], say=CATCHUP, regions={"Ardlow": 4.0},
      detail=["I live in <town>, is it the signal round here?", "I've sent photos of the meter twice",
              "it's a two bed terrace, we're hardly in", "I want it checked by a person not a computer"]),
    R(id="fixed_deal_ended", topic="bill_shock", kind="driver", label="Fixed deal ended, moved to a dearer rate",
      match_terms=["fixed", "tariff", "standard variable", "rolled"],
      monthly=[2, 5, 9, 34], say=ROLLOVER, products={"Fixed Green 24": 6.0},
      detail=["I've been with you eleven years", "I'm in <town> and we've all had the same thing",
              "I want a better tariff backdated", "I only found out looking at the app"]),
    R(id="dd_raised", topic="bill_shock", kind="decoy", label="Direct debit raised",
      match_terms=["direct debit", "monthly payment", "raised", "increase"], monthly=[18, 17, 18, 18],
      say=["you've put my direct debit up to £120 and I'm in credit",
           "why has my monthly payment gone up by thirty pounds",
           "the direct debit review says I need to pay more, I don't agree", "my payments have been increased again",
           "I want my direct debit put back to what it was", "I never asked for a higher monthly amount"]),
    R(id="old_home_final", topic="bill_shock", kind="decoy", label="Final bill for a previous home",
      monthly=[13, 14, 13, 13], match_terms=["final", "old", "moved", "previous"],
      say=["the final bill for my old flat is for dates after I left", "you're charging me for my previous address",
           "I moved out in january and still got a bill for that house",
           "the closing reading on my last place is wrong",
           "I've been sent a final statement with someone else's usage"]),
    R(id="vat_line", topic="bill_shock", kind="noise", label="VAT question", monthly=[2, 1, 2, 2],
      say=["what's the VAT line on my statement for", "is VAT charged on the standing charge"]),
    R(id="paper_copy", topic="bill_shock", kind="noise", label="Wants a paper copy", monthly=[1, 2, 1, 2],
      say=["I want a paper copy posted, I can't read the pdf", "please post my statements, I don't use email"]),
    R(id="outage", topic="outage", kind="spike", label="Power cut", monthly=[2, 41, 3, 3], regions={"Tollerby": 10.0},
      match_terms=["power", "electric", "outage", "gridpath"],
      say=["the power's been off on our street since last night",
           "we've had no electricity for <hours> hours, what's going on",
           "GridPath say it's a fault, when will it be back on", "the whole estate in <town> is in the dark",
           "my freezer's defrosting because the electric went off",
           "the lights keep flickering and then going off completely",
           "is there an outage near me? nothing works", "third power cut this week in <town>",
           "GridPath's website has no info about when we'll be reconnected"]),
    R(id="credit_refund", topic="credit_refund", label="Credit balance refund", monthly=[25, 24, 26, 25], ai_share=0.5,
      resolved={"ai": 0.25, "human": 0.8}, match_terms=["credit", "refund", "back"],
      say=["I'm in credit by £<amount>, I'd like it back please", "can you refund the credit on my account",
           "I've closed my account and you still owe me money", "there's a balance in my favour, please pay it out",
           "why won't you return my credit, it's my money", "I overpaid last year and want the surplus refunded"]),
    R(id="meter_install", topic="meter_install", label="Smart meter installation", monthly=[36, 37, 35, 36],
      say=["Voltera Meter Services never turned up for the installation", "I want to book a smart meter fitting",
           "the Voltera engineer said my meter cupboard is too small", "can I rearrange my smart meter appointment",
           "the installer from Voltera Meter Services left without finishing", "do I have to have a smart meter"]),
    R(id="meter_code", topic="meter_fault", label="Meter display shows a code", monthly=[12, 13, 12, 12],
      say=["the meter screen just says E-12", "my meter is showing a red light and beeping",
           "the display has a little padlock symbol on it", "my key meter won't take the top up",
           "the prepayment meter says emergency credit and won't stop"]),
    R(id="meter_code_rare", topic="meter_fault", label="Meter shows F-31", monthly=[1, 2, 2, 2],
      say=["the meter is flashing F-31 at me", "there's a code F-31 on the gas meter, is that dangerous",
           "my display says F-31 since yesterday"]),
    R(id="moving_home", topic="moving_home", label="Moving home", monthly=[55, 54, 56, 55],
      say=["we're moving out on friday, what do I need to do", "I've just moved in and need to set up an account",
           "can I take my tariff with me to the new house", "the previous tenant's name is still on the account",
           "I need to give you the readings for my new flat"]),
    R(id="payment_help", topic="payment_help", label="Help paying", monthly=[38, 39, 38, 39],
      say=["I'm struggling to pay, can I get a payment plan", "can I get the warm home discount this year",
           "I lost my job and I'm behind on payments", "are there any grants for people on benefits",
           "can I pay weekly instead"]),
    R(id="ev_tariff", topic="ev_tariff", label="EV tariff question", monthly=[26, 27, 26, 27],
      say=["does the EV Night Rate work with my charger", "what hours are the cheap rate on the EV Night Rate",
           "I've just got an electric car, which plan should I be on", "my car charged at peak rate last night"]),
    R(id="general", topic="general", label="General enquiry", monthly=[45, 44, 46, 45],
      say=["how do I submit a reading", "my login email has changed, can you swap it over",
           "what are your opening hours", "can I add my husband to the account",
           "where can I find my account number", "do you do gas and electric together"]),
]

BUSINESS = Business(
    name="utility", company="Lanthorn", prefix="ln", months=["2026-03", "2026-04", "2026-05", "2026-06"],
    regions=TOWNS,
    products=PRODUCTS, topic_names={"bill_shock": "billing disputes", "outage": "supply interruptions",
                                    "credit_refund": "credit refunds"},
    queues={"bill_shock": "billing", "outage": "network", "credit_refund": "billing", "meter_install": "metering",
            "meter_fault": "metering", "moving_home": "accounts", "payment_help": "collections", "ev_tariff": "sales",
            "general": "general"},
    manager_words=[r"\bdisput", r"\bbilling\b", r"\binterruption"], voice=VOICE, reasons=REASONS,
)


def make(seed: int = 2026, scale: float = 1.0) -> Corpus:
    """The energy supplier's corpus (about 1,300 conversations at ``scale`` 1)."""
    return render(BUSINESS, seed, scale)


def benchmark(corpus: Corpus) -> BenchmarkSet:
    """Fifteen questions a head of operations asks, golds from the corpus's truth."""
    g = Golds(corpus)
    disputes = dict(topic="bill_shock")
    q = [
        g.why("why-disputes", "Billing disputes jumped in June - what's causing it?", "bill_shock", "2026-06",
              "2026-05"),
        g.why("why-disputes-vague", "billing disputes nearly doubled last month, why?", "bill_shock", "2026-06",
              "2026-05", style="terse"),
        g.why("why-outage", "Why did supply interruption contacts spike in April?", "outage", "2026-04", "2026-03"),
        g.count("count-disputes-may", "How many billing disputes did we deal with in May?", month="2026-05",
                **disputes),
        g.count("count-disputes-chat", "How many billing disputes came through chat in June?", month="2026-06",
                channel="chat", **disputes),
        g.count("count-disputes-ardlow", "How many Ardlow customers raised a billing dispute in June?", month="2026-06",
                region="Ardlow", **disputes),
        g.search("search-f31", "Which customers reported the F-31 code on their meter?", r"\bf-?31\b"),
        g.search("search-gridpath", "Pull up conversations that mention GridPath", r"\bgridpath\b"),
        g.search("summary-voltera", "What are customers saying about Voltera Meter Services?", r"\bvoltera\b",
                 kind="summary"),
        g.summary("summary-wexcombe", "Sum up what Wexcombe customers contacted us about in May", region="Wexcombe",
                  month="2026-05"),
        g.segments("compare-towns", "Where were June's billing disputes concentrated, town by town?", "region",
                   month="2026-06", **disputes),
        g.segments("compare-tariffs", "Do Fixed Green 24 or Flex Saver customers raise more billing disputes in June?",
                   "product", ["Fixed Green 24", "Flex Saver"], month="2026-06", **disputes),
        g.segments("compare-channels", "Show me June's billing disputes per channel", "channel", month="2026-06",
                   **disputes),
        g.segments("compare-ai-credit", "How do our AI agents compare with people on credit refund requests?",
                   "agent_type", topic="credit_refund"),
        g.unanswerable("none-broadband", "How many customers complained about our broadband bundle?"),
        g.unanswerable("none-water", "Why did water leak reports rise in June?"),
    ]
    return BenchmarkSet(name=f"utility-seed{corpus.seed}-x{corpus.scale:g}",
                        description="Lanthorn Energy's customer service (generated, unseen): "
                                    "golds from its planted truth.",
                        questions=q)
