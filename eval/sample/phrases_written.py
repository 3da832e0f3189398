"""Phrase banks of the written channels: e-mail openings, subjects and sign-offs, and social
posts and direct messages."""

from __future__ import annotations

# --- email ---------------------------------------------------------------------------------

EMAIL_HELLO = ("Hello,", "Hi,", "Dear Lumora,", "Hi there,", "To whom it may concern,", "Hello Lumora team,")
EMAIL_SUBJECT_LEAD = (
    "I'm writing about my account.", "I hope someone can help.", "I'm getting in touch because of a problem.",
    "Please can you look into the following.", "",
)
EMAIL_SIGN = ("Thanks,", "Regards,", "Kind regards,", "Many thanks,", "Best wishes,", "Cheers,")
EMAIL_AGENT_OPEN = (
    "Dear {first},\n\nThank you for contacting Lumora.",
    "Hi {first},\n\nThanks for your email.",
    "Hello {first},\n\nThank you for getting in touch and sorry for the delay in replying.",
    "Dear {first} {last},\n\nThank you for your message.",
)
EMAIL_AGENT_SIGN = (
    "Kind regards,\n{agent_name}\nLumora Customer Care",
    "Best wishes,\n{agent_name}, Lumora Support",
    "Regards,\n{agent_name}\nCustomer Care Team",
)
EMAIL_PROBE = (
    ("So that I can look into this properly, could you reply with a little more detail, "
     "for example when it started and anything you've already tried?"),
    "Could you let me know any more details you have? The dates and amounts involved would help.",
    "Before I can take this further, could you tell me a bit more about what's happened?",
    "Could you reply with any further details so that I can check your account?",
)
EMAIL_AGENT_AGAIN = (
    "Hi {first},\n\nThanks for the extra detail.",
    "Dear {first},\n\nThank you for coming back to me.",
    "Hello again {first},\n\nThanks for your reply.",
)
EMAIL_FOLLOWUP = (
    "Thanks for getting back to me.", "Thank you for the quick reply.", "Thanks for your email.",
    "I've read your reply.",
)

# --- social --------------------------------------------------------------------------------

SOCIAL_TAGS = ("#fail", "#customerservice", "#annoyed", "#help", "", "", "", "")
SOCIAL_EMOJI = ("😡", "🙄", "😤", "😩", "👎", "🤦")
SOCIAL_AGENT_PUBLIC = (
    "@{handle} Hi {first}, sorry to hear this. Could you DM us your account email so we can take a look? ^{initials}",
    "@{handle} We're sorry about this. Please send us a DM with your details and we'll help. ^{initials}",
    "@{handle} Hi, that's not the experience we want for you. Drop us a DM and we'll get it sorted ^{initials}",
    "@{handle} Thanks for flagging this. Can you pop us a private message with your postcode? ^{initials}",
)
SOCIAL_CUSTOMER_DM = (
    "sent you a DM", "DM'd you", "done, check your messages", "messaged you", "ok sent",
)
