"""E-mail loader: .eml and .mbox, threading, who is the agent, bodies without quotes and
signatures, charsets, bad messages reported with their place, and a round trip of sample data."""

from __future__ import annotations

import mailbox
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest
from fuzzing import loads_or_refuses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convoscope.errors import InputError
from eval.sample import generate
from ingest.formats.common import IF_TAKEN
from ingest.formats.email import load_eml, load_mbox, strip_reply
from ingest.records import Loaded, Rejected

FORMATS = Path(__file__).parent / "data" / "formats"
COMPLAINT = FORMATS / "complaint.eml"
INBOX = FORMATS / "support_inbox.mbox"


def _split(items):
    loaded = [i for i in items if isinstance(i, Loaded)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert len(loaded) + len(rejected) == len(items)
    return loaded, rejected


def _inbox(monkeypatch=None):
    loaded, rejected = _split(list(load_mbox(INBOX)))
    return {i.conversation.id: i for i in loaded}, rejected


def _eml(tmp_path: Path, text: str, name: str = "mail.eml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("latin-1") if "\xa3" in text else text.encode())
    return path


def test_eml_complaint_is_one_customer_turn_without_signature():
    (item,) = list(load_eml(COMPLAINT))
    assert isinstance(item, Loaded) and item.location == "message 1"
    conversation = item.conversation
    assert conversation.id == "CAF7x2q9Lk5Qm8=Yt1@mail.example.net"
    assert conversation.channel == "email"
    assert conversation.started_at == datetime(2026, 10, 3, 7, 42, 17, tzinfo=timezone.utc)
    assert conversation.customer_id == "d.okafor@example.net"
    assert conversation.agent.id == "unknown"
    assert conversation.metadata["subject"] == "Complaint: charged again after cancelling (account LM4471902)"
    assert "timezone_assumed" not in conversation.metadata
    (turn,) = conversation.turns
    assert turn.speaker == "customer"
    assert "you have taken £16.99 from my card again on 1 October" in turn.text  # quoted-printable, UTF-8
    assert turn.text.endswith("Regards,\nDaniel Okafor")  # the sign-off stays, the "-- " signature goes
    assert "Surveyor" not in turn.text and "020 7946" not in turn.text


def test_mbox_groups_interleaved_messages_into_threads():
    threads, rejected = _inbox()
    assert set(threads) == {"20261005180211.4F2A1@mail.example.com",
                            "DB9PR02MB7323A1@DB9PR02MB7323.eurprd02.prod.outlook.com"}
    buffering = threads["20261005180211.4F2A1@mail.example.com"]
    assert buffering.location == "message 1"
    assert buffering.conversation.metadata["messages"] == 4
    assert threads["DB9PR02MB7323A1@DB9PR02MB7323.eurprd02.prod.outlook.com"].location == "message 3"


def test_a_broken_message_is_reported_with_its_place_and_the_rest_loads():
    _threads, rejected = _inbox()
    (bad,) = rejected
    assert bad.location == "message 6"
    assert "no From address" in bad.reason
    assert bad.source == str(INBOX)


def test_thread_turns_are_in_date_order_without_quotes_or_signatures():
    conversation = _inbox()[0]["20261005180211.4F2A1@mail.example.com"].conversation
    assert [t.speaker for t in conversation.turns] == ["customer", "agent", "customer", "agent"]
    assert conversation.customer_id == "priya.shah@example.com"
    assert conversation.agent.id == "Nadia Khan"
    assert conversation.metadata["subject"] == "Buffering every evening"
    assert conversation.started_at == datetime(2026, 10, 5, 18, 2, 11, tzinfo=timezone.utc)
    first, reply, html, latin = (t.text for t in conversation.turns)
    assert first.endswith("Thanks,\nPriya") and "07700" not in first
    assert reply.startswith("Hello Priya,") and reply.endswith("Kind regards,\nNadia\nLumora Customer Care")
    assert "wrote:" not in reply and ">" not in reply
    # an HTML-only message: tags, entities and the Gmail quote are gone
    assert html == "Hi Nadia,\n\nIt's the Lumora Hub 2 router, in the hallway. The TV is in the next room & the " \
                   "signal shows two bars.\n\nPriya"
    # ISO-8859-1 body, with an Outlook "-----Original Message-----" block under it
    assert "added a £5.00 credit" in latin
    assert "Original Message" not in latin and "Hub 2 router" not in latin
    starts = [t.start for t in conversation.turns]
    assert starts[0] == 0 and starts == sorted(starts)


def test_outlook_header_block_empty_reply_and_flowed_text():
    conversation = _inbox()[0]["DB9PR02MB7323A1@DB9PR02MB7323.eurprd02.prod.outlook.com"].conversation
    assert [t.speaker for t in conversation.turns] == ["customer", "agent"]
    assert conversation.metadata["empty_messages_skipped"] == 1  # "Sent from my iPhone" above a quote
    assert conversation.metadata["messages"] == 3
    customer, agent = (t.text for t in conversation.turns)
    assert customer.startswith("Hello, please move my account to the Basic plan from my next bill.")  # format=flowed
    assert "\nFrom now on I'd like paper-free bills too." in customer  # mbox ">From " escape undone
    assert "iPhone" not in customer
    assert agent.endswith("Regards,\nJo\nCustomer Care Team")
    assert "Sent:" not in agent and "____" not in agent
    assert conversation.agent.id == "Jo Bennett"
    assert conversation.customer_id == "tom.reilly@example.org"


def test_company_domains_decide_the_agent_side(tmp_path, monkeypatch):
    outbound = """From: Lumora Care <care@lumora.com>
To: Ama Mensah <ama@example.com>
Subject: Your engineer visit
Date: Thu, 08 Oct 2026 09:00:00 +0000
Message-ID: <out-1@lumora.com>

Hi Ama, your engineer visit is booked for Friday 9 October, 8am to 12pm.
"""
    reply = """From: Ama Mensah <ama@example.com>
To: care@lumora.com
Subject: Re: Your engineer visit
Date: Thu, 08 Oct 2026 09:30:00 +0000
Message-ID: <in-2@example.com>
In-Reply-To: <out-1@lumora.com>

Thanks, someone will be in.
"""
    path = tmp_path / "outbound.mbox"
    path.write_text("From care@lumora.com Thu Oct  8 09:00:00 2026\n" + outbound + "\n"
                    "From ama@example.com Thu Oct  8 09:30:00 2026\n" + reply + "\n")
    (unconfigured,) = list(load_mbox(path))
    assert [t.speaker for t in unconfigured.conversation.turns] == ["customer", "agent"]  # first sender = customer
    monkeypatch.setenv("CONVOSCOPE_COMPANY_DOMAINS", "support.lumora.com, lumora.com")
    (item,) = list(load_mbox(path))
    conversation = item.conversation
    assert [t.speaker for t in conversation.turns] == ["agent", "customer"]
    assert conversation.customer_id == "ama@example.com"
    assert conversation.agent.id == "Lumora Care"
    assert conversation.metadata["agent_side_from"] == "company domains"
    monkeypatch.delenv("CONVOSCOPE_COMPANY_DOMAINS")
    monkeypatch.setenv("CONVOSCOPE_COMPANY_ADDRESSES", "care@lumora.com")
    (item,) = list(load_mbox(path))
    assert [t.speaker for t in item.conversation.turns] == ["agent", "customer"]


def test_zoneless_date_unknown_charset_and_auto_reply(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_TIMEZONE", "Europe/London")
    path = _eml(tmp_path, """From: Lumora Care <care@lumora.com>
Date: Fri, 09 Oct 2026 10:00:00
Auto-Submitted: auto-replied
Message-ID: <ack-1@lumora.com>
Content-Type: text/plain; charset=x-unknown-8bit
Content-Transfer-Encoding: 8bit

Thanks for your email. We aim to reply within 2 working days. Our fee is \xa30.
""")
    (item,) = list(load_eml(path))
    conversation = item.conversation
    assert conversation.metadata["timezone_assumed"] is True
    assert conversation.started_at == datetime(2026, 10, 9, 9, 0, tzinfo=timezone.utc)  # 10:00 BST
    assert "unknown charset 'x-unknown-8bit', read as latin-1" in conversation.metadata["charset_note"]
    assert conversation.turns[0].text.endswith("Our fee is £0.")
    assert conversation.turns[0].speaker == "customer"  # the only sender, with no company configured
    monkeypatch.setenv("CONVOSCOPE_COMPANY_DOMAINS", "lumora.com")
    (item,) = list(load_eml(path))
    assert item.conversation.turns[0].speaker == "bot"


@pytest.mark.parametrize(("headers", "reason"), [
    ("From: a@example.com\nSubject: hi\n", "no Date header"),
    ("From: a@example.com\nDate: the day after tomorrow\n", "unreadable Date header"),
    ("Subject: hi\nDate: Fri, 09 Oct 2026 10:00:00 +0000\n", "no From address"),
])
def test_unusable_message_is_rejected_with_reason(tmp_path, headers, reason):
    (item,) = list(load_eml(_eml(tmp_path, headers + "Message-ID: <m1@example.com>\n\nHello\n")))
    assert isinstance(item, Rejected)
    assert reason in item.reason and item.location == "message 1" and item.record_id == "m1@example.com"


def test_thread_with_nothing_left_is_rejected(tmp_path):
    (item,) = list(load_eml(_eml(tmp_path, """From: a@example.com
Date: Fri, 09 Oct 2026 10:00:00 +0000
Message-ID: <m2@example.com>

> only a quote
--\x20
A. Person
""")))
    assert isinstance(item, Rejected)
    assert item.record_id == "m2@example.com" and "no text left in its 1 message(s)" in item.reason


def test_duplicate_copies_of_a_message_count_once(tmp_path):
    message = "From: a@example.com\nDate: Fri, 09 Oct 2026 10:00:00 +0000\nMessage-ID: <d1@example.com>\n\nHello\n\n"
    path = tmp_path / "dupes.mbox"
    path.write_text(("From a@example.com Fri Oct  9 10:00:00 2026\n" + message) * 2)
    (item,) = list(load_mbox(path))
    assert len(item.conversation.turns) == 1
    assert item.conversation.metadata["duplicate_messages_skipped"] == 1


def test_files_that_cannot_be_read(tmp_path):
    with pytest.raises(InputError, match="no messages found"):
        list(load_mbox(_eml(tmp_path, "just some notes\nnot a mailbox\n", "notes.mbox")))
    with pytest.raises(InputError, match="cannot be read"):
        list(load_mbox(tmp_path / "missing.mbox"))
    with pytest.raises(InputError, match="cannot be read"):
        list(load_eml(tmp_path / "missing.eml"))
    assert list(load_mbox(_eml(tmp_path, "", "empty.mbox"))) == []


@pytest.mark.parametrize(("body", "expected"), [
    ("Thanks, that worked.\n\n-----Original Message-----\nFrom: X\nSent: Y\n\nold", "Thanks, that worked."),
    ("Thanks.\n\nFrom: Lumora <care@lumora.com>\nSent: 06 October 2026 12:40\nTo: me\n\nold", "Thanks."),
    ("Yes please.\n\nOn Tue, 6 Oct 2026, 09:15 Lumora <care@lumora.com> wrote:\n> Shall I?\n", "Yes please."),
    ("Lumora Care wrote:\n> Which router?\nThe Hub 2.\n> And the TV?\nIn the lounge.", "The Hub 2.\nIn the lounge."),
    ("On Monday I wrote to you about this.\nFrom: my side nothing changed.", None),
    ("Cheers,\nSam\n-- \nSam Smith, Flat 2", "Cheers,\nSam"),
    ("Thanks!\n\nOn Tue, 6 Oct 2026 at 09:15, Lumora Care <care@lumora.com>\nwrote:\n> Done.\n\n-- \nSam", "Thanks!"),
    ("On 6 Oct 2026, at 09:15, Lumora <care@lumora.com> wrote:\n> Router?\nHub 2\n\nSent from my iPad", "Hub 2"),
    ("Kind regards,\nNadia\nLumora Customer Care", None),
    ("Price went from £12.99 -- to £16.99 -- why?", None),
    ("Sent from my laptop twice already.\nNo answer yet.", None),
])
def test_strip_reply_removes_quotes_and_signatures_not_content(body, expected):
    assert strip_reply(body) == (body if expected is None else expected)


def test_html_only_body_becomes_plain_text(tmp_path):
    path = _eml(tmp_path, """From: Ola <ola@example.com>
Date: Fri, 09 Oct 2026 10:00:00 +0000
Content-Type: text/html; charset=utf-8

<html><body><p>Line one<br/>line&nbsp;two</p><ul><li>first</li><li>second</li></ul>
<script>alert(1)</script><blockquote>old reply</blockquote></body></html>
""")
    (item,) = list(load_eml(path))
    assert item.conversation.turns[0].text == "Line one\nline two\n\nfirst\nsecond"


def test_round_trip_of_sample_conversations_through_an_mbox(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_COMPANY_DOMAINS", "lumora.com")
    conversations = generate(n=60).conversations[:20]
    path = tmp_path / "sample.mbox"
    box = mailbox.mbox(path)
    for conversation in conversations:
        customer = f"{conversation.customer_id}@example.com"
        agent = f"{conversation.agent.id}@support.lumora.com"
        ids: list[str] = []
        for n, turn in enumerate(conversation.turns):
            message = EmailMessage()
            message["From"] = {"customer": customer, "agent": agent, "bot": "assistant@lumora.com"}[turn.speaker]
            message["To"] = agent if turn.speaker == "customer" else customer
            message["Subject"] = ("Re: " if n else "") + f"Your Lumora account ({conversation.id})"
            message["Date"] = conversation.started_at + timedelta(minutes=7 * n)
            message["Message-ID"] = f"<{conversation.id}.{n}@mail.test>"
            if ids:
                message["In-Reply-To"] = ids[-1]
                message["References"] = " ".join(ids)
            if turn.speaker == "bot":
                message["Auto-Submitted"] = "auto-generated"
            message.set_content(turn.text)
            ids.append(f"<{conversation.id}.{n}@mail.test>")
            box.add(message)
    box.close()
    loaded, rejected = _split(list(load_mbox(path)))
    assert rejected == []
    by_id = {item.conversation.id: item.conversation for item in loaded}
    assert set(by_id) == {f"{c.id}.0@mail.test" for c in conversations}
    for original in conversations:
        back = by_id[f"{original.id}.0@mail.test"]
        assert [(t.speaker, t.text) for t in back.turns] == [(t.speaker, t.text) for t in original.turns]
        assert back.customer_id == f"{original.customer_id}@example.com"
        assert back.started_at == original.started_at
        assert back.agent.id == original.agent.id


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(raw=st.binary(max_size=4000))
def test_fuzz_eml_bytes_yield_items_or_input_error(tmp_path, raw):
    path = tmp_path / "fuzz.eml"
    path.write_bytes(raw)
    loads_or_refuses(load_eml, path)


@FUZZ
@given(raw=st.binary(max_size=4000), framed=st.booleans())
def test_fuzz_mbox_bytes_yield_items_or_input_error(tmp_path, raw, framed):
    path = tmp_path / "fuzz.mbox"
    head = b"From a@example.com Mon Oct  5 18:02:11 2026\nFrom: a@example.com\nDate: Mon, 05 Oct 2026 19:02:11 +0100\n"
    path.write_bytes(head + raw if framed else raw)
    loads_or_refuses(load_mbox, path)


def test_an_eml_without_a_message_id_is_named_after_its_file(tmp_path):
    lines = COMPLAINT.read_text().splitlines(keepends=True)
    text = "".join(line for line in lines if not line.startswith("Message-ID"))
    (item,) = list(load_eml(_eml(tmp_path, text, "KT-00003.eml")))
    assert item.conversation.id == "KT-00003" and item.conversation.metadata[IF_TAKEN].startswith("KT-00003-")
