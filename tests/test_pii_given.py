"""Names with no cue before them, found as a given name and a surname from Faker's lists of many
countries' names (``ingest/pii/given.py``); the business's own people in a mail thread stay; a file
of more names (``CONVOSCOPE_PII_NAMES``) adds to the lists."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

import pytest
from redacted_turns import redacted_turns

from convoscope.errors import ConvoscopeError
from convoscope.models import Agent, Conversation, Turn
from ingest.pii import Redactor

REDACTOR = Redactor()

FOUND = [
    ("I'll be playing with Marcus Washington and his son.", "I'll be playing with [NAME] and his son."),
    ("can you add fatima hassan to the booking", "can you add [NAME] to the booking"),
    ("hi there helen cooper speaking my router is down", "hi there [NAME] speaking my router is down"),
    ("The flowers are going to Siobhan Reed.", "The flowers are going to [NAME]."),
    ("sign the card from sienna to frank morris", "sign the card from sienna to [NAME]"),
    ("Daan de Vries is the birthday girl", "[NAME] is the birthday girl"),  # a particle inside the surname
    ("put it in Fatima Hassan's name please", "put it in [NAME]'s name please"),  # "in" a person's name
    ("its in river brown s name", "its in [NAME] s name"),  # the same, as speech is written down
    ("can you put in Fatima Hassan as a named driver", "can you put in [NAME] as a named driver"),
    ("Name: Fatima Hassan\nTown: Ashby Marsh", "Name: [NAME]\nTown: Ashby Marsh"),  # a form: the name, not the town
]

KEPT = [
    "Can I speak to your Austin Reed branch?",  # after "your" a thing, not a person
    "We're on Heath Lane, by the church.",  # a street, not a person
    "My main local store is Forest Hill London, but it's shut.",
    "Morgan Fielding Invest sent me a letter.",  # a business's name goes on after the "name"
    "Any update on restoring cable to Warren RI?",  # a state's code, not a surname
    "the price rose again, didn't it?",
    "Your order ships from the Lincoln Navigator depot.",
    "I'm in Ashby Marsh if that makes a difference",  # where the customer is: a town, not a person
    "the roof tiles came off near Ashby Marsh",
    "Region: Ashby Marsh",  # a field that holds a place or a group
    "company: Austin Reed",
]


@pytest.mark.parametrize(("text", "redacted"), FOUND)
def test_a_given_name_and_a_surname_are_a_name_with_no_cue(text: str, redacted: str) -> None:
    assert REDACTOR.redact_text(text)[0] == redacted


@pytest.mark.parametrize("text", KEPT)
def test_words_shaped_like_names_that_name_no_one_stay(text: str) -> None:
    assert REDACTOR.redact_text(text)[0] == text


def test_the_agents_signature_and_the_header_of_its_mail_stay_in_the_whole_thread() -> None:
    turns = [
        ("Hello,\n\nThanks for your order.\n\nKind regards,\nFrank Okonkwo\nSwarm Line Coordinator\nBusy Bee Supply",
         "agent"),
        ("Dear Frank,\n\nI'll be coming with Marcus Washington.\n\nThanks,\nJean-Baptiste Dubois\n\n"
         "-----Original Message-----\nFrom: Frank Okonkwo <support@busybee.example>\nSent: 12 May\n\n"
         "Hello,\n\nThanks for your order.\n\nKind regards,\nFrank Okonkwo", "customer"),
        ("Hello again,\n\nFrank Okonkwo will meet you both at the gate.\n\nBest wishes,\nFrank", "agent"),
    ]
    agent, customer, again = redacted_turns(REDACTOR, turns)
    assert "Frank Okonkwo\nSwarm Line Coordinator" in agent
    assert "Marcus Washington" not in customer and "Jean-Baptiste Dubois" not in customer
    assert customer.startswith("Dear Frank,") and "From: Frank Okonkwo <" in customer
    assert "Kind regards,\nFrank Okonkwo" in customer  # the agent's signature, quoted
    assert "Frank Okonkwo will meet you" in again


def test_the_writer_a_customer_answers_stays_and_the_customers_own_quoted_name_goes() -> None:
    turns = [
        ("Hi Hannah,\n\nMy daughter Siobhan Reed will ride on Tuesday.\n\nCheers\nMarta\n\n"
         "On Mon, 7 Jul 2025 at 12:45, Hannah Moss <bookings@stables.example> wrote:\n> Hello,\n> What time suits?",
         "customer"),
        ("Lovely. Hannah Moss will check her in on Tuesday.\n\nOn Mon, 7 Jul 2025 at 13:00, Marta Kowalski "
         "<marta.k@mail.example> wrote:\n> My daughter Siobhan Reed will ride on Tuesday.", "agent"),
    ]
    customer, agent = redacted_turns(REDACTOR, turns)
    assert "Hannah Moss <" in customer and "Siobhan Reed" not in customer
    assert agent.startswith("Lovely. Hannah Moss will check her in")
    assert "Marta Kowalski" not in agent and "Siobhan Reed" not in agent


def test_the_agents_own_name_in_its_greeting_stays_while_the_customers_goes() -> None:
    turns = [("hi you're through to lumora this is helen cooper how can i help", "agent"),
              ("hi helen it's marcus washington here my bill is wrong", "customer")]
    agent, customer = redacted_turns(REDACTOR, turns)
    assert "helen cooper" in agent
    assert "marcus washington" not in customer


@pytest.mark.parametrize("text", [
    "can i just confirm i'm speaking with carmen diaz serrano",  # the customer, not the agent
    "perfect ive got oliver wilson here thanks",
])
def test_a_customers_name_an_agent_says_is_not_taken_for_the_agents_own(text: str) -> None:
    assert "[NAME]" in redacted_turns(REDACTOR, [(text, "agent")])[0]


def test_a_file_of_more_names_adds_to_the_lists(tmp_path, monkeypatch) -> None:
    text = "Please send it to Zorblat Quenthwick."
    assert Redactor().redact_text(text)[0] == text
    names = tmp_path / "names.txt"
    names.write_text("Zorblat\nQuenthwick\n", encoding="utf-8")
    monkeypatch.setenv("CONVOSCOPE_PII_NAMES", str(names))
    assert Redactor().redact_text(text)[0] == "Please send it to [NAME]."


def test_a_names_file_that_cannot_be_read_is_one_line_that_says_what_to_do(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CONVOSCOPE_PII_NAMES", str(tmp_path / "nowhere.txt"))
    with pytest.raises(ConvoscopeError, match="CONVOSCOPE_PII_NAMES.*unset it"):
        Redactor()


def test_a_colleague_the_agent_names_by_any_rule_stays_and_a_customer_thanked_does_not():
    for text in ("Of course, ask for Callum Fraser at reception.",
                 "I've raised claim SC-CLM-9234 with Kelvin Osei, our attendant. They'll reply within 2 days.",
                 "Our driver Marisol Quintero will collect it on Tuesday."):
        assert redacted_turns(REDACTOR, [(text, "agent")]) == [text]
    assert redacted_turns(REDACTOR, [("ask for khalid al nuaimi at reception", "customer")]) == [
        "ask for [NAME] at reception"]  # the customer's own contact
    for text, shown in (("Thanks Maria, our team will call you.", "Thanks [NAME], our team will call you."),
                        ("Thanks Maria, our pleasure.", "Thanks [NAME], our pleasure.")):
        assert redacted_turns(REDACTOR, [(text, "agent")]) == [shown]


def test_a_metadata_field_that_holds_a_place_keeps_a_town_named_like_a_person() -> None:
    """A segment the analysis compares ("Which town had the most …?") keeps its value; a person's field does not."""
    conversation = Conversation(id="c-1", channel="chat", started_at=datetime(2026, 6, 3, tzinfo=timezone.utc),
                                agent=Agent(id="a-7"), turns=[Turn(speaker="customer", text="my roof leaks")],
                                metadata={"region": "Ashby Marsh", "customer_name": "Fatima Hassan"})
    redacted, counts = REDACTOR.redact_conversation(conversation)
    assert redacted.metadata == {"region": "Ashby Marsh", "customer_name": "[NAME]"}
    assert counts == Counter(name=1)


def test_a_colleague_the_agent_names_stays_when_the_customer_quotes_the_agents_mail():
    mail = ("Dear Mr Adeyemi,\n\nOur duty supervisor Grace Hunter is looking into it.\n\n"
            "I've passed this to Tomás Breen (purser), who will be in touch.\n\nMany thanks,\nAroha")
    reply = "Thanks, still waiting.\n\nChinedu Adeyemi\n\n-----Original Message-----\n" + "\n".join(
        "> " + line for line in mail.splitlines())
    agent, customer = redacted_turns(REDACTOR, [(mail, "agent"), (reply, "customer")])
    for said in ("Our duty supervisor Grace Hunter is looking", "I've passed this to Tomás Breen (purser)"):
        assert said in agent and "> " + said in customer
    assert "Adeyemi" not in agent + customer  # the customer's own name still goes
