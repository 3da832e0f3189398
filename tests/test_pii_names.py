"""Names: found from their cues in typed and spoken text; which a turn keeps depends on who
speaks (an agent's own name stays, the customer's goes); a conversation redacts a name it
learnt in one turn in every other, and reads an answer after the question that asked for it."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

import pytest

from convoscope.models import Agent, Conversation, Turn
from ingest.pii import Redactor

REDACTOR = Redactor()

NAMED = [
    # typed
    ("My name is Dana Smith.", "My name is [NAME]."),
    ("my name is dana smith and I'm calling about my bill", "my name is [NAME] and I'm calling about my bill"),
    ("My name's Siobhan O'Brien.", "My name's [NAME]."),
    ("Hello Omar, Jordan here", "Hello [NAME], [NAME] here"),
    ("It's Dana", "It's [NAME]"),
    ("This is Dana Smith speaking.", "This is [NAME] speaking."),
    ("The name on the account is Ahmed Al-Farsi", "The name on the account is [NAME]"),
    ("Account holder: Müller", "Account holder: [NAME]"),
    ("Name: Dana Smith\nEmail: dana@example.com", "Name: [NAME]\nEmail: [EMAIL]"),
    ("Am I speaking with Mr Patel?", "Am I speaking with Mr [NAME]?"),
    ("Thank you, Mrs. Thompson.", "Thank you, Mrs. [NAME]."),
    ("I'm Dr. Jones", "I'm Dr. [NAME]"),
    ("Hi, I'm Sarah Connor and I'm calling about my bill", "Hi, I'm [NAME] and I'm calling about my bill"),
    ("Thanks Dana, let me check that.", "Thanks [NAME], let me check that."),
    ("Dear Hannah,\n\nThank you for your email.", "Dear [NAME],\n\nThank you for your email."),
    ("The bill is in my husband's name, Kofi Mensah.", "The bill is in my husband's name, [NAME]."),
    ("Thanks,\n\nHannah", "Thanks,\n\n[NAME]"),
    ("Kind regards,\nHannah Young\nMobile: 07700 900516", "Kind regards,\n[NAME]\nMobile: [PHONE]"),
    ("Hi, this is Grace, you're through to Grace's phone.", "Hi, this is [NAME], you're through to [NAME]'s phone."),
    ("Ngozi, born 02/05/1982", "[NAME], born [DOB]"),
    # spoken
    ("hi it's dana here", "hi it's [NAME] here"),
    ("this is dana smith speaking", "this is [NAME] speaking"),
    ("i'm dana i called yesterday about my router", "i'm [NAME] i called yesterday about my router"),
    ("yes this is dana", "yes this is [NAME]"),
    ("can you put it under mrs patel", "can you put it under mrs [NAME]"),
    ("thanks fatima let me check that", "thanks [NAME] let me check that"),
    ("am i speaking with dana smith", "am i speaking with [NAME]"),
    ("my name is uh dana smith", "my name is uh [NAME]"),
    ("yeah hi dana here", "yeah hi [NAME] here"),
    ("the name on the account is oluwaseun adeyemi", "the name on the account is [NAME]"),
]

NOT_NAMED = [
    "Hi there", "Thanks so much", "this is ridiculous", "it's broken", "This is Unacceptable", "I'm Frustrated",
    "It's Monday", "Hello Team,", "It's Still Broken", "I'm Done", "my name is on the account", "It's me again",
    "Dear Customer Services,", "Good Morning", "this is fibre broadband", "this is premium", "it's moved the light",
    "hi finally this is working", "hello will you be showing the football", "hi, hope you're well",
    "it's LN-70267", "you're welcome goodbye", "i'm not happy", "I spoke to a manager", "thank you very much",
    "i miss the old app", "It's in my name, date of birth unknown", "Thanks again, and sorry",
]


@pytest.mark.parametrize(("text", "expected"), NAMED)
def test_names_after_their_cues_are_redacted(text, expected):
    assert REDACTOR.redact_text(text)[0] == expected


@pytest.mark.parametrize("text", NOT_NAMED)
def test_general_english_shaped_like_an_introduction_stays(text):
    assert REDACTOR.redact_text(text) == (text, Counter())


def _names(text: str, speaker: str | None) -> list[str]:
    return [text[f.start:f.end] for f in REDACTOR.find(text, speaker) if f.entity == "name"]


def test_an_agent_keeps_its_own_name_and_redacts_the_customers():
    greeting = "Hello Omar, Jordan here, how can I help?"
    assert _names(greeting, "agent") == ["Omar"]
    assert _names(greeting, None) == ["Omar", "Jordan"]
    assert _names("Thanks for calling, my name is Jordan, who am I speaking with?", "agent") == []
    assert _names("Hi, I'm Nova, a virtual assistant.", "bot") == []
    assert _names("Kind regards,\nJordan\nCustomer Support", "agent") == []
    assert _names("Am I speaking with Dana Smith?", "agent") == ["Dana Smith"]
    assert _names("Hello, Jordan here from support. Thanks Dana.", "agent") == ["Dana"]


def test_a_customer_keeps_the_name_it_addresses_and_redacts_its_own():
    assert _names("Hi Jordan, it's Dana here", "customer") == ["Dana"]
    assert _names("Dear Lumora,\n\nMy router is broken.\n\nRegards,\nDana Smith", "customer") == ["Dana Smith"]
    assert _names("this is Dana Smith speaking", "customer") == ["Dana Smith"]
    assert _names("Hi Jordan, it's Dana here", None) == ["Jordan", "Dana"]


def _conversation(*turns: tuple[str, str]) -> Conversation:
    return Conversation(id="c", channel="voice", started_at=datetime(2026, 1, 1, tzinfo=timezone.utc),
                        agent=Agent(id="a"), turns=[Turn(speaker=s, text=t) for s, t in turns])


def _redacted(conv: Conversation) -> list[str]:
    return [t.text for t in REDACTOR.redact_conversation(conv)[0].turns]


def test_a_conversation_keeps_the_agents_name_everywhere_and_redacts_the_customers_everywhere():
    conv = _conversation(
        ("agent", "Hi, Jordan here, how can I help?"),
        ("customer", "Hi Jordan, my name is Dana Smith, it's about my bill."),
        ("agent", "Thanks Dana. I've found the account."),
        ("customer", "Great. Smith is my married name, by the way, Jordan."),
        ("agent", "Noted, Ms Smith."))
    assert _redacted(conv) == [
        "Hi, Jordan here, how can I help?",
        "Hi Jordan, my name is [NAME], it's about my bill.",
        "Thanks [NAME]. I've found the account.",
        "Great. [NAME] is my married name, by the way, Jordan.",
        "Noted, Ms [NAME]."]


def test_an_answer_is_read_after_the_question_that_asked_for_it():
    conv = _conversation(
        ("agent", "can i take your full name"), ("customer", "yeah it's dana smith"),
        ("agent", "and your date of birth"), ("customer", "the third of april nineteen eighty seven"),
        ("agent", "and the account number"), ("customer", "one two three four five six seven eight"),
        ("agent", "what's the best number to reach you"),
        ("customer", "five five five one four two eight six four seven"),
        ("agent", "and the sort code"), ("customer", "12-34-56"),
        ("customer", "12-34-56"))  # not an answer: nobody asked
    redacted, counts = REDACTOR.redact_conversation(conv)
    assert [t.text for t in redacted.turns if t.speaker == "customer"] == [
        "yeah it's [NAME]", "the [DOB]", "[BANK_ACCOUNT]", "[PHONE]", "[BANK_ACCOUNT]", "12-34-56"]
    assert counts == Counter(name=1, dob=1, bank=2, phone=1)
    typed = _conversation(("agent", "Could you confirm your full name and postcode for security?"),
                          ("customer", "Dana Smith, BN5 7WT"))
    assert _redacted(typed)[1] == "[NAME], [POSTCODE]"
