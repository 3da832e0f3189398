"""What the agent says when a request is settled, per fine-grained reason.

The generic per-topic lines in :mod:`eval.sample.phrases` are the fallback; these
make the answer fit the question (a router fix for a router, an invoice for an invoice).
"""

from __future__ import annotations

RESOLVED = {
    # billing
    "unrecognised_charge": (
        ("I've found it: that {amount} is a film rental made on the living room TV on {date}. "
         "I've refunded it as a goodwill gesture and put a PIN on purchases."),
        "That charge is a partial payment for the days after your plan changed. I've sent you a breakdown by email.",
        "It's a payment that failed and was retried, so it's not an extra charge. Your balance is correct.",
        "That's an add-on someone signed up to on {date}. I've removed it and credited the {amount}.",
    ),
    "price_increase": (
        ("The {plan} plan went up to {new_price} in the yearly price change we wrote to customers about in "
         "{month_name}. I've added a one-off credit of {amount}."),
        ("It's the annual price review, {old_price} to {new_price}. I can see the letter went to an old address, "
         "so I've updated that and credited the difference for this month."),
        ("Your bill went up because your bundle discount dropped off. "
         "I've reapplied it, so you'll be back to {old_price}."),
    ),
    "payment_failed": (
        "I've taken the payment now on the card ending {last4}, and the overdue warning is cleared.",
        "The old card had expired. I've updated it to the new one and retried the payment, it's gone through.",
        "I've put a hold on any suspension and set up a new payment for tomorrow. You're all up to date.",
    ),
    "invoice_copy": (
        "I've emailed the last three invoices as PDFs to {email}.",
        ("You'll find every bill under Account, then Billing history, on the website. "
         "I've also sent the last three to your email."),
        "I've sent an itemised VAT receipt for each month to the address on the account.",
    ),
    "promo_expired": (
        "The offer was for six months, but I can put you on a loyalty price of {old_price} for the next year.",
        "I've applied a new discount, so from your next bill you'll pay {old_price} a month.",
        "I can add {discount} off for twelve months as a thank you for staying with us.",
    ),
    "payment_method": (
        "I've updated the card to the one ending {last4}; the next payment will come from that.",
        "Done, you're now set up on direct debit and the payment date is the {day_ordinal}.",
        "I've changed the payment details. You'll get an email confirming the new card.",
    ),
    # refund
    "double_charged": (
        "You're right, we took {plan_price} twice. I've refunded the duplicate, 3 to 5 working days.",
        "I can see the duplicate payment. It's refunded to the card ending {last4}, reference {ref}.",
    ),
    "refund_after_cancel": (
        ("The cancellation didn't go through properly on our side, sorry. "
         "I've refunded the {plan_price} and closed the account."),
        "I've refunded the payment taken after you cancelled, it'll be back with you in 3 to 5 working days.",
    ),
    "outage_credit": (
        "I can see the outage in your area. I've refunded {amount} for the days you were without service.",
        "I've applied compensation of {amount} for the {days} days you were affected.",
    ),
    "rental_refund": (
        "I've refunded the {amount} rental and set a purchase PIN so it can't happen again.",
        "That's refunded, {amount} back on your card in a few days.",
    ),
    "unused_upgrade": (
        "I've put you back on {plan} and refunded the {amount} difference.",
        "I've reversed the upgrade charge of {amount}, reference {ref}.",
    ),
    # technical
    "tv_app_crash": (
        ("Please uninstall the app on the {device}, turn the TV off at the wall for a minute, then reinstall it. "
         "That clears the corrupted cache that causes this."),
        "I've reset your device list from here. If you sign out and back in on the TV, it should open normally.",
        ("There's a newer version of the app for the {device}; "
         "if you update it from the app store that fixes the crash."),
    ),
    "tv_buffering_general": (
        "I've lowered the default streaming quality on your profile and refreshed your line. Can you try a show now?",
        "The TV is on a weak wifi signal. If you move the router off the floor or use a cable, that should stop it.",
        "I've switched your router to a less crowded wifi channel, that usually fixes evening buffering.",
    ),
    "broadband_slow": (
        ("I've run a line test and there was a fault at the exchange, which I've reset. "
         "You should see full speed in about ten minutes."),
        "I've pushed a firmware update to the {router} and refreshed your line. Try a speed test now.",
        "Your router was stuck on an old profile. I've reset it remotely, so give it two minutes.",
    ),
    "broadband_dropouts": (
        "I've rebooted the hub remotely and changed the wifi channel. The line test is clean now.",
        "The {router} had an old firmware. I've updated it from here, which should stop the dropouts.",
        "I've replaced the faulty profile on your line. If it drops again, we'll send a new router.",
    ),
    "router_setup": (
        ("The {router} needs to go into the master socket, not the extension. "
         "Once it's moved, the light should turn white."),
        "The wifi name and password are on the card on the back of the router. Let's connect your laptop using those.",
        "I've activated the new hub from our side. Restart it and it'll pick up the connection.",
    ),
    "mobile_app_downloads": (
        "Please update the app on your {phone} to the latest version and sign in again; downloads then work offline.",
        "Downloads expire after 30 days. If you delete the app's cache and download again, they'll stay.",
    ),
    "casting": (
        ("Please turn on local network access for the Lumora app in your phone's settings; "
         "the cast button comes back after that."),
        "I've cleared your device list. Restart the {device} and the phone, and casting should work again.",
    ),
    "audio_sync": (
        "If you turn off the TV's sound enhancement setting, the audio will line up again.",
        ("Subtitles and audio language are under the speech bubble icon while a show is playing; "
         "I've reset your defaults."),
    ),
    # account
    "locked_out": (
        "I've unlocked the account. You can sign in straight away with your current password.",
        "The lock was triggered by attempts from the TV. I've cleared it and sent you a fresh login link.",
    ),
    "change_email": (
        "I've changed your login email to the new address; you'll get a confirmation there.",
        "That's updated. Please use the new email next time you sign in.",
    ),
    "two_factor": (
        "I've updated the mobile number on the account and sent a new code; it should arrive now.",
        "I've switched your verification to email codes instead of texts, so you can sign in.",
    ),
    "unknown_device": (
        "I've signed out every device and reset your password. Only you can get in now.",
        "I've removed that device and turned on sign-in alerts for new devices.",
    ),
    "update_address": (
        "I've updated your address and the bill will go to the new one from now on.",
        "That's all changed on the account, and I've checked the new address is covered.",
    ),
    # plan changes
    "upgrade_premium": (
        "I've moved you to {new_plan}; you get the extra screens straight away and the new price is on your next bill.",
        "You're now on {new_plan} with 4K and no adverts, the bill adjusts from next month.",
    ),
    "downgrade": (
        "I've moved you to Basic at {basic_price} from your next bill.",
        "That's done, you're on Basic from the next billing date, and you keep your profiles.",
    ),
    "family_plan": (
        "I've switched you to Family; you can now add up to six profiles with parental controls.",
        "You're on the Family plan now and I've merged the second account into yours.",
    ),
    "broadband_upgrade": (
        "Full fibre is available at {postcode}. I've booked the upgrade to {plan_mbps} meg, ready in ten working days.",
        "I've upgraded you to the {plan_mbps} meg package, it goes live tomorrow.",
    ),
    "pause_subscription": (
        "I've paused the subscription for {months_n} months; you keep your profiles and watch history.",
        "Your plan is on hold from {date_future} and restarts automatically after {months_n} months.",
    ),
    # general
    "content_question": (
        "The new season is due to land in {month_name}; you can add it to your list to get a reminder.",
        "{show} left the service at the end of its licence, but it's coming back in {month_name}.",
        "We don't have that one yet, but I've passed your request on to the content team.",
    ),
    "device_support": (
        "Yes, the app is on most smart TVs from 2018 onwards, including the {device}.",
        "You can watch on the {device} and in any web browser on a laptop.",
    ),
    "parental_controls": (
        "Parental controls are under Settings, then Profiles, then Viewing restrictions; you can set a PIN there.",
        "I've turned on a purchase PIN and you can create a kids profile from the profile menu.",
    ),
    "coverage_check": (
        "Yes, we cover {postcode}, with speeds up to {plan_mbps} meg; installation takes about ten working days.",
        "Full fibre is available at that address and there's no installation charge at the moment.",
    ),
    "streams_question": (
        "On {plan} you can stream on {screens} screens at once.",
        "You can watch in Europe for up to a month at a time, and downloads work without internet.",
    ),
}
