"""A home-insurance claims line (Fernbrook Home Insurance), March to June 2026.

Planted, for questions a claims director asks:

- "claims handling delays" (topic ``claim_progress``) — a manager's phrase no customer uses
  (customers say "nobody has rung me since the assessor came"): ~40 → ~110 a month, driven by
  three reasons that grow every month and most in June — silence after the assessor's visit,
  appointed builders not turning up (Mendwell Builders, Tanager Restoration; most in
  Caldermoor), documents sent but "not received" (the portal's error KH-502; most on Landlord
  Cover) — each said in 17 different ways; two large
  flat decoys (an agreed settlement not yet paid, the excess deducted) and small noise (a
  rarely named glazier, Quillon Glazing; being passed between people).
- a spike: storm damage reports (Storm Orla) ~3 → ~42 in May, back down in June;
- premium refunds, resolved by AI agents about a quarter of the time, by humans 80 %;
- flat everyday traffic: new claims, policy changes, renewal prices, payments, documents.
"""

from __future__ import annotations

from eval.corpora.engine import Business, Corpus, Reason, Voice, render
from eval.corpora.golds import Golds
from eval.sets import BenchmarkSet

R = Reason
TOWNS = ["Port Wenlow", "Caldermoor", "Brackenfield", "Ashby Marsh", "Eastholme"]
PRODUCTS = ["Home Essentials", "Home Plus", "Landlord Cover", "Contents Only"]

VOICE = Voice(
    greet={
        "voice": ["Good morning, Fernbrook claims line, <agent> speaking.",
                  "Fernbrook Home Insurance, you're through to <agent>.",
                  "Hello, thanks for calling Fernbrook, my name's <agent>, how can I help?"],
        "chat": ["Hi, you're chatting with <agent> from Fernbrook.",
                 "Hello! <agent> here at Fernbrook, what can I do for you?"],
        "email": ["Dear customer, thank you for contacting Fernbrook Home Insurance. <agent>, customer care."],
        "social": ["Hi there, <agent> from the Fernbrook team here. Pop us a DM with what's going on."],
    },
    ai_greet=["Hi, I'm Fern, Fernbrook's digital assistant. How can I help today?",
              "Hello, this is Fernbrook's virtual assistant. What would you like help with?"],
    hello=["Hi.", "Hello,", "Hiya,", "Morning.", "Hi there,", "Good afternoon,", "Hello there.", "Hey,"],
    ask_identity=["Before we go on, can I take your policy number and date of birth?",
                  "Could you confirm the house number and postcode on the policy?",
                  "For security, what's the name on the policy please?",
                  "Can I just check who I'm speaking to? Your full name and policy number please."],
    give_identity=["yes it's FB<pnum>, born the 3rd of March 1978", "sure, policy FB<pnum>",
                   "it's Mrs <surname>, policy FB<pnum>", "my name's <first> <surname>", "err hang on... FB<pnum>",
                   "I don't have the number to hand, it's under <first> <surname>"],
    ask_reason=["What can I help you with today?", "And what's the reason for getting in touch?",
                "How can I help?", "Sure, what's happened?"],
    probe=["Oh dear. Can you tell me a bit more?", "Okay, when did this start?",
           "Right, and is there anything else I should know?",
           "I understand. What's the situation at the property now?"],
    filler=["not really, that's about it", "we're managing for now", "I just want it sorted to be honest",
            "it's all been a bit stressful", "my partner usually deals with this stuff"],
    spoken=["erm,", "yeah so basically", "right, so", "okay so um", "well,"],
    close={"resolved": ["That's sorted, a confirmation will land in your inbox shortly.",
                        "That's all done, is there anything else today?", "Right, that's been put through for you."],
           "escalated": ["A senior colleague will pick this up and ring you within two working days.",
                         "I've escalated this to the team lead with a note to ring you.",
                         "I've raised a complaint on your behalf and a manager will be in touch."],
           "unresolved": ["I'm afraid I can't do anything more from here today.",
                          "Unfortunately that's not something I'm able to change.",
                          "I don't have any more information I'm afraid."]},
    thanks={"resolved": ["great, thanks very much", "brilliant, cheers", "thank you, that's a relief",
                         "lovely thanks, bye"],
            "escalated": ["ok I'll wait for the call then", "fine, but please make sure they ring", "ok thanks"],
            "unresolved": ["that's really not good enough", "so I'm no further forward then", "unbelievable",
                           "fine. bye"]},
    agents=["Priya", "Gareth", "Niamh", "Tomasz", "Adaeze", "Callum", "Rhiannon", "Farid", "Bethan", "Oskar"],
    slots={"weeks": ["two", "three", "four", "five", "six"], "weekday": ["monday", "tuesday", "wednesday", "thursday"],
           "builder": ["Mendwell Builders", "Mendwell Builders", "Tanager Restoration"],
           "pnum": [str(n) for n in range(40311, 40399, 7)],
           "surname": ["Pryce", "Okafor", "Lindqvist", "Hughes", "Marsh", "Kowalczyk", "Dunne"],
           "first": ["Sandra", "Dev", "Megan", "Ioan", "Lucy", "Kwame", "Agnieszka"],
           "item": ["the telly", "my laptop", "the sofa", "my engagement ring", "the fridge freezer"],
           "room": ["kitchen", "bathroom", "back bedroom", "lounge", "hallway"]},
)

ASSESSOR = [
    "the assessor came out on <weekday> and since then nobody has called me",
    "a surveyor looked at the damage <weeks> weeks ago and I've heard nothing back",
    "your man came round to measure up the <room> and then total silence",
    "since the loss adjuster's visit I've not had a single phone call",
    "someone inspected the ceiling ages ago and I'm still waiting to hear back",
    "they sent an assessor, he took photos, and that was the last I heard of it",
    "I was told the report would be ready a week after the inspection and it's been <weeks> weeks",
    "after the visit from your engineer nobody got in touch about what happens next",
    "the lady who assessed the water damage said she'd ring me, she never did",
    "I've chased four times since the site visit and no one can tell me anything",
    "the bloke who surveyed the roof promised an update by friday, still nothing",
    "is there any news following the inspection? it's gone very quiet",
    "we had the appointment with the adjuster and we've been left in the dark ever since",
    "your inspector has been and gone and my emails about the outcome go unanswered",
    "it's been radio silence from you lot since someone came to look at the burst pipe",
    "I keep ringing for the result of the damage survey and get told to wait",
    "we let your assessor in <weeks> weeks back, how long does it take to write up a report",
]
BUILDER = [
    "<builder> were supposed to start the repairs on <weekday> and never showed",
    "the contractor you appointed keeps cancelling at the last minute",
    "nobody from <builder> has been in touch to book the work",
    "I took a day off for the builders and they didn't turn up",
    "the repair firm you sent has gone quiet, my <room> is still ripped out",
    "<builder> said they'd phone to arrange a date, that was <weeks> weeks back",
    "your tradesmen didn't arrive again today, that's the second no-show",
    "there's a hole in my ceiling and the people meant to fix it won't return my calls",
    "the plasterer booked through you cancelled twice and now won't answer",
    "when are the works actually going to begin? the firm hasn't even scheduled a visit",
    "<builder> turned up once, pulled the flooring up and disappeared",
    "I was promised a start date and it keeps getting pushed back",
    "the drying machines are still humming away here but no one's come back to do the job",
    "can you chase your contractors? they've ghosted me",
    "the approved repairer hasn't got anyone free until the autumn apparently",
    "<builder> rang to say they're short staffed and can't come",
    "half my <room> has been stripped for weeks and the workmen vanished",
]
PAPERWORK = [
    "I've sent the receipts three times and you keep saying you haven't got them",
    "the upload page throws error KH-502 every time I attach the photos",
    "they asked me for the invoices again even though I emailed them weeks ago",
    "your portal says no documents received but I have the confirmation email",
    "I posted the original quotes recorded delivery and apparently they've vanished",
    "every time I phone, someone asks for the same pictures of the damage",
    "I got a letter saying my case is on hold for missing evidence, I sent it all in april",
    "the photos of the carpet I uploaded have disappeared from my account",
    "KH-502 keeps popping up when I try to submit the plumber's report",
    "how many times do I need to provide proof of purchase for <item>",
    "you've lost my bank statements, I'm not sending them a fourth time",
    "a different person asked for the estimate I already gave the last one",
    "the attachments bounce back when I reply to your email",
    "apparently nothing's on file for me, yet I filled in the form and sent it back straight away",
    "my case has been sat there because you say the repair quote never arrived",
    "I attached everything to the online form, got a reference, now you say it's blank",
    "the app crashes with KH-502 halfway through sending my paperwork",
]
PAYOUT = [
    "you agreed the settlement a fortnight ago and the money still isn't in my account",
    "when will the payment actually come through? it was approved",
    "I accepted your offer but the transfer hasn't arrived",
    "the cheque you said was posted hasn't turned up",
    "I was told the funds would land in three to five days, it's been ten",
    "the payout for <item> was signed off but I've not been paid",
    "can you tell me the date the settlement will be paid",
    "the amount was confirmed by email but my bank shows nothing",
]
EXCESS = [
    "why has £350 been taken off what you're paying me",
    "I didn't realise the excess would come off the offer",
    "the excess seems to have been deducted twice",
    "can someone explain the deduction on my settlement letter",
    "I thought my excess was £100 not £250",
    "is the excess charged per room or once for the whole thing",
]

REASONS = [
    R(id="assessor_silence", topic="claim_progress", kind="driver", label="No word since the assessor's visit",
      match_terms=["assessor", "surveyor", "adjuster", "inspect"], monthly=[3, 7, 12, 33], say=ASSESSOR,
      detail=["the damp is spreading up the wall while we wait", "I'm in <town> if that makes a difference",
              "we've got young kids and the <room> is unusable", "nobody will even give me a timescale"]),
    R(id="builder_no_show", topic="claim_progress", kind="driver", label="Appointed builders not turning up",
      match_terms=["builder", "contractor", "mendwell", "tanager", "workmen", "tradesmen"],
      monthly=[2, 5, 9, 27], say=BUILDER, regions={"Caldermoor": 8.0}, products={"Landlord Cover": 2.0},
      detail=["we've been living with the mess since the leak", "I'm in <town>, maybe they don't cover this area",
              "I've had to move the kids into one room", "they've still got my spare key"]),
    R(id="paperwork_lost", topic="claim_progress", kind="driver", label="Documents sent but not received",
      match_terms=["documents", "receipts", "upload", "paperwork", "kh-502", "invoices"],
      monthly=[2, 4, 7, 21], say=PAPERWORK, products={"Landlord Cover": 6.0},
      detail=["I've got screenshots of everything I sent", "I'm not very good with computers",
              "I used the same email address as always", "the reference number ends in 44"]),
    R(id="payout_pending", topic="claim_progress", kind="decoy", label="Agreed settlement not yet paid",
      match_terms=["payment", "settlement", "paid", "money", "transfer", "payout"], monthly=[16, 17, 15, 16],
      say=PAYOUT),
    R(id="excess_query", topic="claim_progress", kind="decoy", label="Excess deducted from the offer",
      match_terms=["excess", "deducted", "deduction"], monthly=[12, 11, 12, 12], say=EXCESS),
    R(id="glazier", topic="claim_progress", kind="noise", label="Glazier not replacing a window", monthly=[1, 2, 2, 2],
      say=["Quillon Glazing still haven't replaced the cracked patio door",
           "the window firm, Quillon Glazing, measured up and vanished",
           "Quillon Glazing keep telling me the glass is on order"]),
    R(id="passed_around", topic="claim_progress", kind="noise", label="Passed between people", monthly=[2, 1, 2, 2],
      say=["every time I ring I get someone new who knows nothing",
           "I've spoken to five different people about the same thing"]),
    R(id="new_leak", topic="new_claim", label="Reporting water damage", monthly=[30, 29, 31, 30],
      say=["a pipe burst in the loft last night and water's come through the ceiling",
           "the washing machine leaked and wrecked the floor", "I need to report a leak under the bath",
           "water's been dripping through the light fitting", "our boiler flooded the utility room"]),
    R(id="new_theft", topic="new_claim", label="Reporting a break-in", monthly=[20, 21, 19, 20],
      say=["we were burgled over the weekend", "someone broke into the shed and took the bikes",
           "I want to claim for stolen jewellery", "my laptop was nicked from the house while we were away"]),
    R(id="new_accident", topic="new_claim", label="Accidental damage", monthly=[23, 22, 24, 23],
      say=["I spilt paint all over the new carpet", "my son put a football through the TV",
           "I dropped a pan and cracked the hob", "the dog chewed through the sofa, am I covered",
           "a picture frame fell and smashed the glass table"]),
    R(id="storm_roof", topic="storm", kind="spike", label="Storm Orla roof damage", monthly=[2, 2, 40, 4],
      match_terms=["storm", "orla", "roof", "tiles", "chimney"], regions={"Port Wenlow": 3.0, "Ashby Marsh": 2.0},
      say=["Storm Orla ripped half the tiles off the roof", "the wind last night brought the chimney pots down",
           "since the storm there's a gap in the roof and rain's getting in",
           "the gale took our flat roof felt clean off",
           "after Storm Orla the ridge tiles are hanging off", "a tree came down on the garage in the storm",
           "the storm blew the guttering off and the wall is soaked",
           "we've lost a load of slates after the high winds"]),
    R(id="storm_fence", topic="storm", label="Fence blown down", monthly=[1, 1, 2, 1],
      say=["the garden fence blew down", "high winds knocked over the fence panels"]),
    R(id="policy_change", topic="policy", label="Changing the policy", monthly=[42, 41, 43, 42],
      say=["I want to add my new bike to the policy", "we're moving house next month, what do I need to do",
           "can I add a lodger to the cover", "I'd like to increase my contents sum insured",
           "can I change the start date of my cover",
           "my fiancé has moved in, can he go on the policy too", "do I need to tell you about a loft conversion"]),
    R(id="renewal_price", topic="renewal", label="Renewal price went up", monthly=[34, 33, 35, 34],
      say=["my renewal has gone up by nearly £200 and I've not claimed", "why is next year's premium so much higher",
           "I've had my renewal letter and I can get it cheaper elsewhere",
           "can you match the price I was quoted online",
           "the quote for next year is ridiculous for a two bed flat"]),
    R(id="payments", topic="payments", label="Direct debit and payments", monthly=[27, 28, 27, 27],
      say=["I'd like to change the date my direct debit comes out", "a payment bounced because I changed banks",
           "can I pay annually instead of monthly", "two premiums came out in the same month",
           "my bank card expired, where do I put the new one"]),
    R(id="premium_refund", topic="premium_refund", label="Refund of unused premium", monthly=[25, 26, 24, 26],
      ai_share=0.5, resolved={"ai": 0.25, "human": 0.8}, match_terms=["refund", "premium", "back"],
      say=["I sold the house last month, can I have the rest of the year's premium back",
           "I cancelled within fourteen days, where's my refund",
           "I paid for the whole year upfront and cancelled in march, I'm owed money",
           "you took the annual payment after I'd cancelled, please refund it",
           "I switched insurer and was told I'd get a partial refund",
           "my mum passed away and we need her policy cancelled and refunded"]),
    R(id="documents", topic="general", label="Asking for documents or information", monthly=[28, 29, 28, 29],
      say=["can you send me a copy of my policy schedule", "I need proof of insurance for my mortgage lender",
           "what's the phone number for the emergency helpline", "does my policy cover accidental damage",
           "are you open on bank holidays"]),
]

BUSINESS = Business(
    name="insurer", company="Fernbrook", prefix="fb", months=["2026-03", "2026-04", "2026-05", "2026-06"],
    regions=TOWNS,
    products=PRODUCTS, topic_names={"claim_progress": "claims handling delays", "storm": "storm damage",
                                    "premium_refund": "premium refunds", "new_claim": "new claims"},
    queues={"claim_progress": "claims", "new_claim": "claims", "storm": "claims", "policy": "policy",
            "renewal": "retention", "payments": "payments", "premium_refund": "payments", "general": "general"},
    manager_words=[r"\bdelay", r"\bhandling\b", r"\bbacklog"], voice=VOICE, reasons=REASONS,
)


def make(seed: int = 2026, scale: float = 1.0) -> Corpus:
    """The insurer's corpus (about 1,350 conversations at ``scale`` 1)."""
    return render(BUSINESS, seed, scale)


def benchmark(corpus: Corpus) -> BenchmarkSet:
    """Sixteen questions a claims director asks, golds from the corpus's truth."""
    g = Golds(corpus)
    delays = dict(topic="claim_progress")
    q = [
        g.why("why-delays", "What's behind the rise in claims handling delays in June?", "claim_progress",
              "2026-06", "2026-05"),
        g.why("why-backlog-terse", "claims backlog up again last month - what's driving it?", "claim_progress",
              "2026-06", "2026-05", style="terse"),
        g.why("why-storm", "Storm damage reports shot up in May. What happened?", "storm", "2026-05", "2026-04"),
        g.count("count-delays-may", "How many customers chased us about slow claims in May?", month="2026-05",
                **delays),
        g.count("count-delays-phone", "How many claims handling delay contacts came in by phone in June?",
                month="2026-06", channel="voice", **delays),
        g.count("count-storm-town", "How many Port Wenlow customers reported storm damage in May?",
                month="2026-05", region="Port Wenlow", topic="storm"),
        g.search("search-glazier", "Find conversations where customers mention Quillon Glazing", r"\bquillon\b"),
        g.search("search-kh502", "Show me customers who hit error KH-502 on the claims portal", r"\bkh-?502\b"),
        g.summary("summary-caldermoor",
                  "Give me a quick rundown of what Caldermoor customers were complaining about in April",
                  region="Caldermoor", month="2026-04"),
        g.search("summary-mendwell", "What are customers saying about Mendwell Builders?", r"\bmendwell\b",
                 kind="summary"),
        g.segments("compare-towns", "Which town had the most claims handling delays in June?", "region",
                   month="2026-06", **delays),
        g.segments("compare-products", "Which has more claims delays in June: Home Plus or Landlord Cover?", "product",
                   ["Home Plus", "Landlord Cover"], month="2026-06", **delays),
        g.segments("compare-channels", "Break down June's claims handling delays by channel", "channel",
                   month="2026-06", **delays),
        g.segments("compare-ai-refunds", "Are our AI agents handling premium refunds as well as the human team?",
                   "agent_type", topic="premium_refund"),
        g.unanswerable("none-pets", "Why did pet insurance complaints go up in June?"),
        g.unanswerable("none-2024", "How many customers asked about travel cover in 2024?"),
    ]
    return BenchmarkSet(name=f"insurer-seed{corpus.seed}-x{corpus.scale:g}",
                        description="Fernbrook Home Insurance's claims line (generated, unseen): "
                                    "golds from its planted truth.",
                        questions=q)
