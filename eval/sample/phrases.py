"""Phrase banks for the conversation scaffolding: greetings, verification, empathy,
clarifying questions, resolutions per topic and outcome, reactions and closings.

Reason-specific wording lives in :mod:`eval.sample.reasons`; this module holds what
any conversation of a topic or channel may say around it. ``{slots}`` are filled per
conversation by the generator.
"""

from __future__ import annotations

# --- saying "I want to cancel" without always saying "cancel" -------------------------

CANCEL_INTENT = (
    "I want to cancel my subscription",
    "I'd like to close my account",
    "I want to end my membership",
    "I want to leave Lumora",
    "I'm switching to another provider",
    "I won't be renewing",
    "I need to cancel",
    "please cancel my plan",
    "I want out of my contract",
    "I'm done with Lumora",
    "I'd like to stop my subscription",
    "I want to port my number out and close everything",
    "I want to terminate my account",
    "I'd like to cancel everything, TV and broadband",
    "can you shut my account down please",
    "I'm going to stop paying for this",
    "I want to end my contract",
    "I'd like to unsubscribe",
    "I want to leave and go elsewhere",
    "I'm moving my services to someone else",
    "I'd like to give notice on my account",
    "I don't want to continue with Lumora",
)
CANCEL_SO = (
    "so I'd like to cancel",
    "so I'm going to leave",
    "so I want to close the account",
    "so please end my subscription",
    "so I'm switching",
    "so that's me done",
    "so I won't be renewing",
    "so I want out",
    "so I'm cancelling",
    "so can you close it down",
    "so I'd like to stop the membership",
    "so I'm going elsewhere",
    "so I'm ending it",
)
CANCEL_THREAT = (
    "if this isn't sorted I'm going to cancel",
    "I'm seriously thinking about leaving",
    "sort it out or I'm switching provider",
    "honestly I'm this close to closing my account",
    "give me one reason not to leave",
    "I'm ready to walk away from Lumora over this",
    "unless you fix it I won't be renewing",
    "I'm considering ending my subscription",
)
WHY_ASK = (
    "I'm sorry to hear you want to leave. May I ask what's prompted that?",
    "I can help with that. Can I ask why you're thinking of cancelling?",
    "Before I do that, could you tell me the reason you want to close the account?",
    "Of course. Is there anything in particular that's made you decide to go?",
    "I can look at that for you. What's the main reason you want to end the subscription?",
    "Sorry to hear that. Has something gone wrong that I might be able to help with?",
)
BECAUSE = ("because", "as", "since", "the thing is", "basically", "honestly")

# --- openers and greetings -------------------------------------------------------------

CUSTOMER_OPEN_VOICE = (
    "hi yeah", "hello", "hi there", "yeah hi", "morning", "hiya", "hi thanks for picking up",
    "oh hi", "hello yes", "afternoon", "hi finally", "yes hello",
)
CUSTOMER_NAME_VOICE = (
    "my name's {first}", "it's {first} {last} here", "this is {first}", "{first} {last} speaking",
)
CUSTOMER_OPEN_CHAT = ("hi", "hello", "hey", "hi there", "hiya", "good morning", "hey there", "hello there")

AGENT_GREET_VOICE = (
    "Thank you for calling Lumora, my name is {agent_name}, how can I help you today?",
    "Good {daypart}, you're through to Lumora customer care, {agent_name} speaking. How can I help?",
    "Hi, thanks for calling Lumora, this is {agent_name}. What can I do for you?",
    "Lumora, {agent_name} speaking, how can I help?",
    "Thanks for holding, you're speaking with {agent_name} at Lumora. What's the call about today?",
)
AI_GREET_VOICE = (
    "Hi, you're through to Lumora. I'm Nova, a virtual assistant. Tell me in a few words what you're calling about.",
    "Hello, I'm Nova, Lumora's automated assistant. How can I help you today?",
    "Thanks for calling Lumora. I'm Nova, a digital assistant. What can I help you with?",
)
BOT_GREET_CHAT = (
    "Hi! I'm Lumora's assistant. I'm connecting you to someone who can help, it won't be long.",
    "Welcome to Lumora chat. Please wait while we find an available agent.",
    "Thanks for contacting Lumora. An agent will join the chat shortly. Average wait: {wait} minutes.",
    "Hi there! Before we start, your chat may be recorded for training. Connecting you now...",
)
AGENT_GREET_CHAT = (
    "Hi, you're chatting with {agent_name}. How can I help today?",
    "Hello! {agent_name} here from Lumora. What can I do for you?",
    "Hi there, thanks for waiting. I'm {agent_name}, how can I help?",
    "Good {daypart}, my name is {agent_name}. What can I help you with?",
)
AI_GREET_CHAT = (
    "Hi, I'm Nova, Lumora's virtual assistant. What can I help you with today?",
    "Hello! I'm Nova, an AI assistant for Lumora. How can I help?",
    "Hi there, Nova here, Lumora's digital assistant. Tell me what you need and I'll do my best.",
)

# --- verification -----------------------------------------------------------------------

# (how the agent asks, the ways a customer answers it)
AUTH = (
    ("Before we go any further, can I take the email address on the account?",
     ("it's {email}", "sure, {email}", "it should be {email}", "{email}, I think")),
    ("Could you confirm your full name and postcode for security?",
     ("{first} {last}, {postcode}", "yeah it's {first} {last}, postcode {postcode}",
      "{first} {last}, and it's {postcode}")),
    ("Can I get the account number, or the email address you signed up with?",
     ("the account number is {account_no}", "account number {account_no}, I think",
      "I don't have the number, it's {email}")),
    ("For security, what's the first line of your address and your postcode?",
     ("{house_no} {street}, {postcode}", "it's {house_no} {street}, {postcode}")),
    ("Just so I can find your account, what's your email address please?",
     ("it's {email}", "{email}", "should be {email}, or maybe my old one")),
    ("Can you confirm the postcode and the last four digits of the card on the account?",
     ("{postcode}, and the card ends {last4}", "{postcode}, card ending {last4}")),
)
AI_AUTH = (
    ("To find your account, please tell me the email address you use with Lumora.", ("{email}", "it's {email}")),
    ("I'll need to verify you first. What's the email address on your account?", ("{email}", "ok, {email}")),
    ("First, can you confirm the postcode and the last four digits of the card on the account?",
     ("{postcode} and {last4}", "{postcode}, {last4}")),
)
AUTH_OK = (
    "Thanks {first}, I've found your account.",
    "Perfect, thank you, you're verified.",
    "Great, that's all matched up, thanks.",
    "Thank you, I can see your {plan} account here.",
    "Lovely, I've got your account up now.",
    "Thanks for that. I can see you're on the {plan} plan.",
)

# --- empathy, clarifying questions, holds ------------------------------------------------

NEUTRAL = (
    "Of course.",
    "Sure, I can help with that.",
    "No problem at all.",
    "Thanks for letting me know.",
    "Okay, let's get that sorted.",
    "Right, I can look at that for you.",
    "Absolutely.",
)
EMPATHY = (
    "I'm sorry to hear that.",
    "I'm really sorry about this.",
    "I understand how frustrating that must be.",
    "Oh no, that's not what we want at all.",
    "I completely understand, let's get it looked at.",
    "Thanks for explaining, I'm sorry you've had this trouble.",
    "That sounds really annoying, I'm sorry.",
    "I can see why you'd be upset about that.",
    "Right, I can definitely help with that.",
    "No problem, let me take a look.",
)
AI_EMPATHY = (
    "I'm sorry you're having this issue.",
    "I understand. Let me see what I can do.",
    "Thanks for letting me know.",
    "I can help with that.",
)
HOLD = (
    "Let me just check that for you, one moment.",
    "Bear with me a second while I look into it.",
    "Can you give me a minute while I pull that up?",
    "I'll just have a look at the account, hold on.",
)
# Open questions: any detail the customer gives is a fitting answer.
OPEN_PROBE = (
    "Can you tell me a bit more about it?",
    "Okay, talk me through what's happened.",
    "Could you give me a little more detail?",
    "Right. Anything else I should know?",
    "Okay, and what else can you tell me?",
)
TOPIC_PROBE = {
    "cancellation": (
        "Is there anything more you can tell me about that?",
        "I'm sorry to hear it. What's been going on?",
        "Can I ask a bit more about what's happened?",
    ),
    "billing": (
        "Can you tell me a bit more about the bill?",
        "What can you see on your statement?",
        "Okay, what are you seeing exactly?",
    ),
    "refund": (
        "Can you give me the details of the payment?",
        "Tell me a bit more about the charge.",
        "What happened with the payment?",
    ),
    "technical": (
        "Can you describe what's happening?",
        "What have you noticed, and when did it start?",
        "What have you tried so far?",
        "Tell me a bit more about the set-up you've got.",
    ),
    "account": (
        "What have you tried so far?",
        "What happens when you try?",
        "Can you tell me a bit more about what's going on with the account?",
    ),
    "plan_change": (
        "Sure. What are you after?",
        "Tell me a bit about how you use it.",
        "Okay, what would you like the plan to do for you?",
    ),
    "general": (
        "Can you give me a bit more detail?",
        "Sure, what would you like to know?",
        "Anything specific you're looking for?",
    ),
}
CUSTOMER_CONTEXT = (
    "I've been a customer for {years} years.",
    "This is really frustrating.",
    "I've already tried the help pages.",
    "It's the second time I've had to get in touch.",
    "I'm not normally one to complain.",
    "I've been going round in circles with this.",
    "I'd appreciate a quick answer.",
    "My partner asked me to sort it out.",
    "I've had a long day so sorry if I'm short.",
)

ESCALATE = (
    ("I need to pass this to our specialist team. "
     "I've raised reference {ref} and they'll be in touch within two working days."),
    "I can't fix this from here, so I've escalated it to second line support, reference {ref}.",
    "I'm going to transfer you to a colleague who deals with this.",
    "This needs a manager to approve, I've sent it up and you'll get a call back by {period_end}.",
    "I've logged a ticket with our technical team, reference {ref}.",
)
UNRESOLVED = (
    "I'm sorry, I'm not able to do that from my side.",
    "Unfortunately there's nothing more I can do today.",
    "I'm afraid that's our policy, so I can't change it.",
    "I'm sorry, the system won't let me make that change at the moment.",
)
AI_REFUND_FAIL = (
    "I'm sorry, I can't process refunds for that type of charge. You can find our refund policy on the help pages.",
    "I wasn't able to find a charge matching that description. Could you rephrase your question?",
    "I can help with billing questions. Did you want to see your latest bill?",
    "Refunds for this type of payment need to be requested through the website form.",
    "I'm not able to issue refunds, but I can show you your payment history.",
    "I'm sorry, I didn't understand. Could you tell me again what you need help with?",
)
AI_ESCALATE = (
    "I'll transfer you to a member of our team who can help with this.",
    "Let me connect you with a human agent. Please hold.",
    "I've created a request for our billing team, reference {ref}. Someone will be in touch.",
)
TECH_FIX = (
    "restarting the app and clearing its cache",
    "unplugging the router for thirty seconds",
    "signing out and back in",
    "uninstalling and reinstalling the app",
    "moving the router off the floor",
    "turning the TV off at the wall for a minute",
    "updating the TV's software",
)
TECH_REMOTE_FIX = (
    "refreshed your line", "pushed a firmware update to the router", "reset your device list",
    "cleared the session on your account", "rebooted the hub remotely",
)
BILLING_EXPLANATION = (
    "it's the annual price change we wrote to customers about in {month_name}",
    "it's a film rental from {date}",
    "a partial charge for the days after your plan changed",
    "a payment that failed and was retried",
    "the end of your introductory discount",
    "a duplicate that's already been reversed",
)
GENERAL_INFO = (
    "you can stream on up to {screens} screens at once on {plan}",
    "the app is available on most smart TVs from 2018 onwards",
    "parental controls are under Settings, then Profiles, then Viewing restrictions",
    "the new season is due to land in {month_name}",
    "you can watch in the EU for up to a month at a time",
    "installation usually takes about ten working days",
    "downloads stay on the device for 30 days",
)

# --- customer reactions and closings -----------------------------------------------------

REACT = {
    "resolved": (
        "great, thanks for that", "oh brilliant, that's sorted it", "perfect, thank you",
        "ok that's working now", "lovely, thanks so much", "thanks, that's a relief",
        "right, that's good, thank you", "ah that was quick, cheers",
    ),
    "cancelled": (
        "ok, thanks", "fine, thank you", "good, that's what I wanted", "thanks, can I get that in writing?",
        "right, thanks for not making it difficult", "ok, thank you",
    ),
    "retained": (
        "ok, I'll stay for now then", "fine, if you can do that I'll give it another go",
        "alright, that's more like it", "ok, I'll give it a few more months",
        "I suppose I can live with that", "yeah go on then, put that on",
    ),
    "escalated": (
        "so I have to wait again?", "ok, but please make sure someone actually calls",
        "fine, I'll wait to hear from them", "how long will that take?", "right, ok, I'll wait",
        "this is getting ridiculous but ok",
    ),
    "unresolved": (
        "that's not good enough", "so nobody can help me?", "this is ridiculous",
        "I'll have to take this further then", "I've wasted my time", "unbelievable",
        "I'm going to complain about this",
    ),
}
AGENT_ANYTHING_ELSE = (
    "Is there anything else I can help with today?",
    "Anything else I can do for you?",
    "Is there anything else you need?",
    "Can I help with anything else while you're here?",
)
CUSTOMER_NO = (
    "no that's everything", "no that's it thanks", "nope, that's all", "no thank you", "that's all for now",
    "no, bye", "no I think that's it",
)
AGENT_BYE = (
    "Thanks for calling Lumora, have a lovely {daypart}.",
    "Take care, bye now.",
    "Thanks {first}, have a good day.",
    "You're welcome, goodbye.",
    "Thanks for your patience today. Bye.",
    "Enjoy the rest of your {daypart}.",
)
AI_BYE = (
    "Thanks for contacting Lumora. Goodbye.",
    "Have a great day, and thanks for choosing Lumora.",
    "Thank you. This conversation will now end.",
)
SECONDARY_INTRO = (
    "oh and while I've got you,", "also,", "one more thing,", "and another thing,",
    "actually, while I'm here,", "oh, and",
)
SECONDARY_REPLY = (
    "I've made a note of that too and sent you the details by email.",
    "That one I can answer: I've sorted it on the account.",
    "I'll raise that separately for you.",
    "Good point, I've checked that as well and it's all fine now.",
)
