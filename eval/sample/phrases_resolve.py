"""What the agent says to resolve a conversation: per topic and outcome, and per reason
(which overrides the topic's generic lines). ``{slots}`` are filled by the generator."""

from __future__ import annotations

# --- resolutions per topic and outcome (agent) --------------------------------------------

RESOLVE = {
    ("cancellation", "cancelled"): (
        "I've processed the cancellation. You'll keep access until {period_end} and you won't be charged again.",
        "That's all done for you. Your subscription ends on {period_end} and I've emailed you a confirmation.",
        "I've closed the account as requested, confirmation number {ref}. Your final bill will show on {period_end}.",
        "Okay, I've put the cancellation through. The service stays live until {period_end}.",
        "Done. There's no early exit fee on your plan, and access ends on {period_end}.",
    ),
    ("cancellation", "retained"): (
        "Before you go, I can offer you {discount} off for the next {months_n} months if you stay.",
        "What I can do is move you to the Basic plan at {basic_price} a month, and keep your profiles.",
        "I can add a credit of {amount} to your account and our engineers are working on a fix right now.",
        "I don't want to lose you. How about three months at half price while we sort this out?",
        "I can refund that charge and put you back on monthly billing, would that help you stay?",
        "I can apply a loyalty discount that brings you down to {new_price} a month.",
    ),
    ("cancellation", "escalated"): (
        "I'm going to pass this to our retention team, they'll call you back within 48 hours.",
        "I need a supervisor to approve this, I've raised it and you'll hear back by {period_end}.",
        "This needs our accounts team to look at it. I've logged reference {ref} for you.",
    ),
    ("cancellation", "unresolved"): (
        "I'm afraid I can't cancel it on this call without the account holder.",
        "Unfortunately you're still in your minimum term, so there would be an exit fee of {amount}.",
        "I'm sorry, the cancellation system is down at the moment, could you call back tomorrow?",
    ),
    ("billing", "resolved"): (
        "I've found it. That's {explanation}, and I've adjusted the bill so you'll see the correct amount next month.",
        "I can see what's happened, {explanation}. I've sorted it and sent you an updated statement.",
        "That's all updated now and you'll get an email confirming the change.",
        "Okay, I've corrected that and added a credit of {amount} for the trouble.",
        "I've explained it in an email as well: {explanation}. Everything's up to date now.",
    ),
    ("refund", "resolved"): (
        "I've issued a refund of {amount}. It should be back on your card in 3 to 5 working days.",
        "I've processed that refund for you, reference {ref}, it'll show within five working days.",
        "You're right, that shouldn't have happened. I've refunded the full {amount} today.",
        "Refund done, {amount} back to the card ending {last4}.",
    ),
    ("technical", "resolved"): (
        "Let's try {fix}. Can you see if that's working now?",
        "I've {remote_fix} from our side. Could you try again?",
        "Okay, if you {fix}, that should clear it. Let me know what you see.",
        "I've run a line test and reset the connection from here. Give it two minutes and try again.",
    ),
    ("account", "resolved"): (
        "I've reset it from here and sent a temporary code by text to the number ending {phone_tail}.",
        "I've updated that on the account now, you should get a confirmation email.",
        "I've unlocked the account and sent you a fresh link, it should arrive in the next few minutes.",
        "That's done. I've signed out every other device and you can log in with the new details.",
    ),
    ("plan_change", "resolved"): (
        "I've moved you to {new_plan}. The new price is {new_price} a month from your next bill.",
        "That's set up for you. You'll see the change straight away and the bill adjusts next month.",
        "Done, your plan is changed and I've emailed you the new terms.",
        "All sorted, the change takes effect from {period_end}.",
    ),
    ("general", "resolved"): (
        "Good question, {info}.",
        "Yes, {info}. I've sent you a link with the details as well.",
        "I've checked for you, {info}.",
        "So {info}. Is that what you were after?",
    ),
}

# --- reason-specific agent lines (override the topic's generic ones) ----------------------

RESOLVE_BY_REASON = {
    ("annual_renewal_charge", "retained"): (
        ("I can refund the {annual_price} and put you back on monthly billing at {plan_price}, "
         "would that help you stay?"),
        "I'll reverse the annual charge today and switch you back to paying monthly. Does that work?",
        "I can refund the renewal in full and add a month free for the trouble.",
    ),
    ("annual_renewal_charge", "cancelled"): (
        "I've refunded the {annual_price} renewal and closed the account. You'll get a confirmation email.",
        "I've reversed the yearly charge and cancelled the subscription, access ends on {period_end}.",
        "Okay, the annual renewal is refunded, 3 to 5 working days, and the account is closed.",
    ),
    ("tv_app_buffering", "retained"): (
        ("We're aware of a playback problem with version {version} of the TV app and a fix is coming. "
         "I can give you a month free until it's out."),
        ("Our engineers know about the freezing since the update. "
         "I've added a credit of {amount} while they fix it, would you stay?"),
        "There's a patch due very soon for the buffering. Can I offer you two months at half price in the meantime?",
    ),
    ("tv_app_buffering", "cancelled"): (
        ("I'm sorry the app's been like that. "
         "There is a known issue with version {version}, but I've processed the cancellation as you asked."),
        "I understand. I've cancelled it, and I've passed your feedback about the update to the app team.",
    ),
    ("competitor_student_offer", "retained"): (
        "I can't match their student price exactly, but I can do {discount} off for the next {months_n} months.",
        "We do have a student rate too, it's not advertised much, I can put you on it today.",
        "I can move you to Basic at {basic_price} and add three months at half price.",
    ),
    ("not_using_enough", "retained"): (
        "Would pausing the subscription for a few months suit you better? You'd keep your profiles.",
        "How about dropping to Basic at {basic_price}? Then it's not costing much when you don't watch.",
        "I can give you a couple of months free and you can decide then.",
    ),
    ("moving_abroad", "cancelled"): (
        "Thanks for letting us know, and good luck with the move. I've set the account to close on {period_end}.",
        "All done, the service ends on {period_end}. Best of luck with the move.",
    ),
    ("password_reset_email", "resolved"): (
        ("We've got a known issue with reset emails at the moment. "
         "I've reset the password from here and sent a temporary code by text to the number ending {phone_tail}."),
        ("There's a delay on our password reset emails right now, sorry. "
         "I've verified you and set a temporary password, you'll be asked to change it when you log in."),
        ("I can see the reset emails have been stuck. "
         "I've pushed a reset link through manually, it should arrive in a minute."),
    ),
    ("password_reset_email", "escalated"): (
        ("Our reset emails aren't going out properly at the moment, our technical team are working on it. "
         "I've logged your account under reference {ref}."),
        ("It's a known problem with the password reset emails. "
         "I've added you to the incident, reference {ref}, and we'll email once it's fixed."),
    ),
}
