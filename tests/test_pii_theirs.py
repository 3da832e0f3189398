"""The business's own phone, e-mail and address stay readable where the business gives them as its
own; a customer's stay redacted wherever they are."""

from __future__ import annotations

import pytest
from redacted_turns import redacted_turns

from ingest.pii import Redactor

REDACTOR = Redactor()


def _redacted(turns: list[tuple[str, str]]) -> list[str]:
    return redacted_turns(REDACTOR, turns)


def test_a_number_the_agent_gives_as_the_business_s_own_stays():
    turns = [("Glad I could help. You can also call us on 0113 496 0700.", "agent"),
             ("if you need us again the number is oh one one three four nine six zero seven zero zero thanks", "agent"),
             ("thanks, and you can call us on 07700 900516 if you need", "customer")]  # the customer's own
    assert _redacted(turns) == [turns[0][0], turns[1][0], "thanks, and you can call us on [PHONE] if you need"]


def test_a_company_signature_keeps_its_contact_lines_and_a_customer_s_does_not():
    agent = ("Hi Chloe,\n\nThat's done.\n\nKind regards,\nTomasz\nHarbourline Customer Care\nTel: 0113 496 0700\n"
             "help@harbourline-pensions.co.uk")
    customer = ("Thanks!\n\nMany thanks,\nChloe Walker\nTel. 07800 469 802\n\n> Kind regards,\n> Tomasz\n"
                "> Harbourline Customer Care\n> Tel: 0113 496 0700")
    shown_agent, shown_customer = _redacted([(agent, "agent"), (customer, "customer")])
    assert shown_agent.endswith("Harbourline Customer Care\nTel: 0113 496 0700\nhelp@harbourline-pensions.co.uk")
    assert "07800 469 802" not in shown_customer and "Tel. [PHONE]" in shown_customer  # the customer's own
    assert shown_customer.endswith("> Tel: 0113 496 0700")  # the agent's, quoted in the reply


def test_a_customer_s_number_the_agent_reads_back_is_still_redacted():
    turns = [("what's the best number to reach you", "agent"), ("07700 900516", "customer"),
             ("Thanks, I've got 07700 900516 as your number. Our number is 0113 496 0700.", "agent")]
    assert _redacted(turns)[2] == "Thanks, I've got [PHONE] as your number. Our number is 0113 496 0700."


def test_a_role_mailbox_a_number_given_with_it_and_a_web_address_the_agent_gives_stay():
    text = ("your reference is p w five eight nine if you need us again call oh three four five two one oh double seven"
            " double eight or email care at pawsworthvets dot co dot uk")
    assert _redacted([(text, "agent")]) == [text]
    text = "For your security, you can also pay through the secure link at www.pawsworthvets.co.uk, thanks."
    assert REDACTOR.redact_text(text)[0] == text  # a web address after "at" is no e-mail, in anyone's turn
    # a person's mailbox the agent reads back stays redacted
    assert _redacted([("I have it as dana.smith at gmail dot com", "agent")]) == ["I have it as [EMAIL]"]


def test_the_business_s_postal_address_and_a_signature_after_a_blank_line_stay():
    text = "Our postal address, if you need it, is Dock Road Depot, Unit 9, Tilbury RM18 7BT."
    assert _redacted([(text, "agent")]) == [text]
    text = "Best wishes,\n\nImogen\nPawsworth Veterinary Group\nT: 0345 210 7788\nE: care@pawsworthvets.co.uk"
    assert _redacted([(text, "agent")]) == [text]
    # a rule under the name ("-----Original Message-----") is no company: the quoted customer stays redacted
    text = "Many thanks,\n\nKunle\n\n-----Original Message-----\nFrom: Grzegorz Kowalczyk <g.kowalczyk@eircom.net>"
    assert "g.kowalczyk" not in _redacted([(text, "agent")])[0]


def test_the_business_the_agent_thanks_the_customer_for_chatting_with_is_no_person():
    turns = [("Thanks for chatting with Pawsworth Veterinary Group, have a great day!", "agent"),
             ("I was charged twice by Pawsworth", "customer")]
    assert _redacted(turns) == [text for text, _ in turns]


@pytest.mark.parametrize("signature", [
    "Warm wishes,\nPip\nHollowmere Storage | +44 1632 960 418\nunits@hollowmere.example\n",
    "Many thanks,\nWren | Front Desk\nHollowmere Storage\n4 Quarry Lane, Bexley DA5 1QT\nTel: 01632-960-418\n",
])
def test_a_business_signature_with_a_role_or_its_number_on_the_companys_line_stays(signature):
    text = "Hi Dana,\n\nYour unit is booked from Monday.\n\n" + signature
    found = REDACTOR.find_turns([(text, "agent")])[0]
    assert not any(f.entity in ("phone", "email", "address") for f in found), [text[f.start:f.end] for f in found]


def test_a_business_greeted_or_quoted_by_its_display_name_is_no_persons_name():
    text = ("Dear Hollowmere Storage team,\n\nPlease move my unit to the ground floor.\n\nThanks,\nDana\n\n"
            "-----Original Message-----\nFrom: Hollowmere Storage <office@hollowmere.example>\n> Hi Dana")
    found = REDACTOR.find_turns([(text, "customer")])[0]
    assert [text[f.start:f.end] for f in found if f.entity == "name"] == ["Dana", "Dana"]


def test_a_signature_after_thanks_in_advance_and_a_display_name_its_domain_holds_are_the_business_s():
    text = ("Hi Dana,\n\nBooked.\n\nThanks in advance,\nPip\nGuest Services\nHollowmere Storage\n"
            "T: +44 1632 960 418 | E: units@hollowmere.example\n\n-----Original Message-----\n"
            "From: Hollowmere Storage <units@hollowmerestorage.example>\n> Hi")
    found = REDACTOR.find_turns([(text, "agent")])[0]
    assert [text[f.start:f.end] for f in found] == ["Dana"]
    person = "From: Dana Whitlock <dana.w@mailbox.example>\nHi"
    assert [person[f.start:f.end] for f in REDACTOR.find_turns([(person, "customer")])[0]][:1] == ["Dana Whitlock"]


def test_the_business_s_own_mailbox_stays_wherever_the_thread_repeats_it_and_a_free_mail_domain_does_not_spread():
    turns = [("Hi,\n\nCan I move my unit?\n\nThanks,\nDana\ndana.whitlock@mailbox.example", "customer"),
             ("Hi Dana,\n\nYes.\n\nBest,\nPip\nHollowmere Storage\nE: units@hollowmere.example", "agent"),
             ("Thanks!\n\nOn 2 May, office@hollowmere.example wrote:\n> Hi Dana,\n> Yes.", "customer")]
    found = REDACTOR.find_turns(turns)
    emails = [[text[f.start:f.end] for f in fs if f.entity == "email"] for (text, _), fs in zip(turns, found)]
    assert emails == [["dana.whitlock@mailbox.example"], [], []]
    shared = [("Hi,\n\nThanks,\nDana\ndana.w@freemail.example", "customer"),
              ("Hi Dana,\n\nBest,\nPip\nHollowmere Storage\nE: hollowmere@freemail.example", "agent"),
              ("my sister's is mae.w@freemail.example", "customer")]
    found = REDACTOR.find_turns(shared)
    assert [shared[2][0][f.start:f.end] for f in found[2]] == ["mae.w@freemail.example"]


def test_a_business_signature_quoted_with_bars_in_a_customers_reply_stays():
    signature = ("Kind regards,\nOlu\nCustomer Care | Harbourside Lettings Ltd\n22 Quayside Row, London SE16 7TA\n"
                 "Tel: 020 7946 0815 | lettings@harbourside-lettings.co.uk")
    turns = [(f"Hi Arjun,\n\nYour notice is logged.\n\n{signature}", "agent"),
             ("Thanks Olu,\n\nMy new number is 07700 900 123.\n\nArjun\n\nOn 11 Oct, Olu wrote:\n"
              + "\n".join("| " + line for line in signature.split("\n")), "customer")]
    agent, customer = redacted_turns(Redactor(), turns)
    assert "22 Quayside Row, London SE16 7TA" in agent and "020 7946 0815" in agent
    assert "| 22 Quayside Row, London SE16 7TA" in customer and "07700 900 123" not in customer


@pytest.mark.parametrize("signature", [
    "Thanks,\nSian | Gullhaven\n0161 496 0745\nUnit 3, Mere Park Estate, Salford M6 5QA",  # the company beside the name
    "Many thanks,\nSian\n\nGullhaven Boat Hire\nUnit 3, Mere Park Estate\nSalford M6 5QA\nTel: 0161 496 0745",
])
def test_a_signature_with_the_company_beside_the_name_or_after_a_blank_line_stays(signature):
    text = f"Hi there,\n\nThat's booked.\n\n{signature}"
    assert _redacted([(text, "agent")]) == [text]


@pytest.mark.parametrize("text", [
    "Any problems on the day, ring reception on +44 1637 960 412. Anything else?",
    "If anything's wrong call 0113 496 0292.",
    "We'll text you the day before from 07700 900377.",
    "Please call our team at 800-535-5225.",
    "Zach, give us a call at 1 (888) 850 3958.",
    "Managers have no access to live chat, please call 03456 402020 to speak with one.",
    "Please contact Reservations at 800-433-7300 for help with that.",
    "You'll find us at 14 Wharf Lane, Hull HU1 2BT, the door beside the café.",
    "You'll find us at 1200 Main Street, Austin, TX 78701, next to the bank.",  # its ZIP code too
    "Collection is possible from Keizersgracht 118, 1015 CW Amsterdam, weekdays until four.",
    "I've logged this under CASE-548717. We're on +353 53 916 2200 (9:00am–17:30 weekdays).",
    "Your customer number for the payment is 0480565816.",  # the business's reference, shaped like a mobile
])
def test_the_line_or_the_place_the_agent_tells_the_customer_to_use_stays(text):
    assert _redacted([(text, "agent")]) == [text]


@pytest.mark.parametrize(("text", "expected"), [
    ("the team will ring oh one four eight three three six four seven three five about twenty minutes before",
     "the team will ring [PHONE] about twenty minutes before"),
    ("We'll ring you on 07700 900377 when we're close.", "We'll ring you on [PHONE] when we're close."),
])
def test_a_number_the_business_will_call_is_the_customers(text, expected):
    assert _redacted([(text, "agent")]) == [expected]


def test_we_re_on_said_by_the_customer_gives_the_customers_own_number():
    assert _redacted([("we're on 07700 900516 if you need us", "customer")]) == ["we're on [PHONE] if you need us"]


def test_the_company_a_customer_greets_stays_in_the_agents_quote_of_it_and_the_customers_name_does_not():
    customer = "Hello Brightmoor,\n\nMy payment failed.\n\nCheers, Wojciech"
    quoted = customer.replace("\n", "\n> ")
    agent = f"Hi there,\n\nWe'll retry on Monday.\n\nBest wishes,\nFiona\n\n> {quoted}"
    shown_customer, shown_agent = _redacted([(customer, "customer"), (agent, "agent")])
    assert "Hello Brightmoor," in shown_customer and "> Hello Brightmoor," in shown_agent
    assert "Wojciech" not in shown_customer and "Wojciech" not in shown_agent


def test_a_display_name_whose_first_word_is_the_domain_is_the_business():
    text = "Thanks!\nAmaru Quispe\n\nOn 3/05/2025 22:02, Pressmark Print Studio <invoices@pressmark.nl> wrote:\n> Hi"
    shown = _redacted([(text, "customer")])[0]
    assert "Pressmark Print Studio <invoices@pressmark.nl>" in shown and "Amaru" not in shown


@pytest.mark.parametrize(("text", "expected"), [
    ("you can also email jobs at brightkey dash locksmiths dot co dot uk with any photos",
     "you can also email jobs at brightkey dash locksmiths dot co dot uk with any photos"),
    ("I'll email the confirmation now, it'll come from reception@pinebrookpark.co.uk.",
     "I'll email the confirmation now, it'll come from reception@pinebrookpark.co.uk."),
    ("You can pay the £255 by card over the phone on 01637 960413.",
     "You can pay the £255 by card over the phone on 01637 960413."),
    ("just email sarah.jones@gmail.com the form", "just email [EMAIL] the form"),  # a free mail service's: a person's
    ("You should get an email at siti.tan@singnet.com.sg shortly.", "You should get an email at [EMAIL] shortly."),
    ("we'll email hannah.k@kestrel.co.uk the receipt", "we'll email [EMAIL] the receipt"),
])
def test_an_address_the_agent_tells_the_customer_to_write_to_stays_and_one_it_writes_to_does_not(text, expected):
    assert _redacted([(text, "agent")]) == [expected]


def test_a_business_signature_after_a_two_word_closing_stays_and_a_customers_lettered_phone_does_not():
    signature = ("Please update the app.\n\nWith best wishes,\nPatrick\nFit Republic customer support\n"
                 "T: 1300 533 854\nfitrepublic.com/my-booking\n35/173 Coronation Drive, Parramatta NSW 2150")
    assert REDACTOR.find_turns([(signature, "agent")])[0] == []
    customer = "Thanks in advance,\nWei Ling Teo\nM: 9948 9287"
    found = REDACTOR.find_turns([(customer, "customer")])[0]
    assert [(customer[f.start:f.end], f.entity) for f in found] == [("Wei Ling Teo", "name"), ("9948 9287", "phone")]


def test_a_number_the_agent_says_to_ring_after_a_comma_is_the_business_s():
    text = "Payment successful. Any problems, just ring the office, 07767 527748, or go to www.finandfathom.co.uk"
    assert REDACTOR.find_turns([(text, "agent")])[0] == []
    assert [f.entity for f in REDACTOR.find_turns([(text, "customer")])[0]] == ["phone"]  # the customer's own


def test_where_the_business_says_it_is_stays_and_the_same_words_from_a_customer_do_not():
    text = "We're at Carrer de Verdi, 50, bajo B, 41043 Sevilla - there's parking round the back."
    assert _redacted([(text, "agent")]) == [text]
    assert "Verdi" not in _redacted([(text, "customer")])[0]


def test_a_company_footer_a_pay_by_calling_line_and_a_call_back_number_stay():
    footer = ("Thanks for your order.\n\nThis email is confidential. If you have received it in error, please tell us "
              "on 01423 871204 and delete it. Hollybrook Ltd is registered in England and Wales. Registered office: "
              "Moor Lane, Kirkby Overblow, HG3 1HU. VAT no. GB 671 6843 34.")
    assert _redacted([(footer, "agent")]) == [footer]
    text = "The trek is £534; you can pay by calling 01423 871 204. Please do not send card details by email."
    assert _redacted([(text, "agent")]) == [text]
    text = "Your ticket number is #0429287, just quote that if you call back on +44 1423 871204."
    assert _redacted([(text, "agent")]) == [text]
    # whom the business tried: the customer's number
    text = "We tried to reach you by calling 07700 900516 this morning."
    assert _redacted([(text, "agent")]) == ["We tried to reach you by calling [PHONE] this morning."]


def test_a_signature_with_the_writer_s_role_between_name_and_company_keeps_its_contact_lines():
    text = ("Your reference is 721058931.\n\nBest wishes,\nInes\n\nInes Ferreira | seamstress | Thornbury\n"
            "Tel 01454 496211\nUnit 12, Cribbs Way Business Park, Bristol BS10 7TT")
    assert _redacted([(text, "agent")]) == [text]


def test_an_earlier_message_under_original_message_is_the_other_party_s():
    agent = ("Best wishes,\nOlivia\n\nOlivia Grant | fitting manager | Ashdown & Vale\nTel 020 7946 0382\n"
             "27 Maddox Row, Mayfair, London W1S 2PL")
    customer = ("Hi,\n\n133 Cavendish Mews, Leeds LS18 8ZQ, tel 07639 546578\n\nMany thanks\nPriya Llewellyn\n\n"
                "-----Original Message-----\nFrom: Olivia Grant <fittings@ashdownvale.co.uk>\nSubject: Enquiry\n\n"
                f"Hello Priya,\n\nCould you confirm your address?\n\n{agent}")
    shown = _redacted([(agent, "agent"), (customer, "customer")])
    assert shown[0] == agent
    assert shown[1].endswith(agent)  # the business's signature, quoted by the customer
    assert "07639 546578" not in shown[1] and "Cavendish" not in shown[1] and "Priya Llewellyn" not in shown[1]
    # the customer's own header quoted in the agent's reply names the business's role mailbox: it stays
    reply = "Thanks,\nJas | Brightkey\n\n-----Original Message-----\nFrom: Priya <p@x.com>\nTo: help@brightkey.co.uk\n"
    assert "help@brightkey.co.uk" in _redacted([(reply, "agent")])[0]


def test_the_business_s_own_bank_account_stays_and_the_customer_s_does_not():
    text = ("We will never change our bank details by email. Our client account is sort code 90-72-56, "
            "account 74430360; call us to check before sending money.")
    assert _redacted([(text, "agent")]) == [text]
    assert "74430360" not in _redacted([("Our joint account is sort code 90-72-56, account 74430360.", "customer")])[0]
    assert "74430360" not in _redacted([("We'll refund your account, sort code 90-72-56, acct 74430360.", "agent")])[0]


@pytest.mark.parametrize("text", [
    "the address for us is two one oh kirkstall road leeds l s four two a z",
    "Our shop at 23 Ormond Quay Upper, Dublin 7, D07 F6K2 is open 10:00 to 17:00.",
    "you can collect from our depot at forty one shands road hornby christchurch eight oh four two",
    "we're at skyline sound gmbh am festplatz three oh four one oh nine leipzig",
    "the phone lines on oh one six seven two nine one four oh are open nine till five",
    "Our office is at Level 2, 118 Sydney Road, Brunswick VIC 3056, and the after-hours line is +61 3 9012 4478.",
])
def test_the_place_and_lines_the_business_gives_as_its_own_stay(text):
    assert _redacted([(text, "agent")]) == [text]


def test_what_an_agent_signs_is_the_business_s_even_with_no_company_line_between():
    text = ("Thanks for your order.\n\nRegards,\nHugo Ashdown\n23 Ormond Quay Upper, Dublin 7, D07 F6K2\n"
            "Phone: 01 672 9140\n\nOn Sat, 1 Nov 2025 at 14:16, Min-jun Nguyen <minjun.n@mail.example> wrote:\n"
            "> Please send it.\n>\n> Min-jun Nguyen\n> 23 Jacaranda Ave\n> Parramatta NSW 2150")
    agent, = _redacted([(text, "agent")])
    assert "Hugo Ashdown\n23 Ormond Quay Upper, Dublin 7, D07 F6K2\nPhone: 01 672 9140" in agent
    assert "minjun.n@mail.example" not in agent and "23 Jacaranda Ave" not in agent and "Min-jun Nguyen" not in agent
    customer, = _redacted([(text.split("\n\nOn Sat")[0].replace("Thanks for your order.", "Thanks."), "customer")])
    assert "23 Ormond Quay Upper" not in customer  # a customer signing with their address: theirs, redacted


def test_the_business_s_signed_number_stays_where_a_forwarded_mail_repeats_it_and_a_recap_does_not_keep_one():
    # under a forwarded mail the business's number has no one's sign-off above it; it is the number the agent
    # signs with, so it is the business's there too, and in the agent's own signature
    agent = ("Thanks.\n\nBest wishes,\nKwame Mensah\nClient Services\nNorthbridge Immigration Advisers\n"
             "1 Dundas St W, Suite 2500\nToronto ON M5G 1Z3\nTel (416) 862-3371\n\n"
             "On Mon, 27 May 2024 at 09:14, Jo Adebayo <jo.adebayo@gmail.com> wrote:\n> hi, my mobile is 647 555 0198\n"
             "> \n> ---------- Forwarded message ---------\n> Northbridge Immigration Advisers\n> (416) 862-3371")
    shown = _redacted([(agent, "agent")])[0]
    assert "Tel (416) 862-3371" in shown and shown.endswith("> (416) 862-3371")
    assert "647 555 0198" not in shown  # the customer's own, quoted
    # "phone 347 …" in an agent's recap is a field, not the business's number: the customer's stays redacted
    turns = [("my mobile is +39 347 5115910", "customer"),
             ("Quick recap: name on file, phone 347 511 5910, all good.", "agent"),
             ("Cheers,\nLorenzo\n+39 347 5115910", "customer")]
    assert [t for t in _redacted(turns) if "511" in t] == []


def test_a_page_after_our_or_the_and_at_is_a_web_address_and_a_mailbox_said_is_not():
    for text in ("We process personal data in line with our privacy notice at portal.harboursidefertility.co.uk.",
                 "Please use the secure link at quillandvellum.ie/catalogue to pay.",
                 "Full terms are at harvestlane.co.nz/pause if you want them."):
        assert REDACTOR.redact_text(text)[0] == text
    for text in ("its aoifexmcn at icloud.com", "the email is jyilmaz at gmail dot com",
                 "so that's a s a r a h at gmail dot com"):
        assert "[EMAIL]" in REDACTOR.redact_text(text)[0], text


def test_the_business_s_own_address_stays_in_its_footer_and_where_a_reply_repeats_it_and_a_customer_s_does_not():
    agent = ("Good afternoon Chloe,\n\nThat's set up.\n\nBest wishes,\nConnor Walsh\nStore Team, Leeds Kirkstall\n"
             "StowAway\nUnit 7, Kirkstall Road Trading Estate, Leeds LS4 2AZ\nTel 0330 123 4567\n\n"
             "Please consider the environment before printing this email. StowAway Storage Leeds | 210 Kirkstall Road, "
             "Leeds LS4 2AZ | VAT GB 318 4471 26")
    # the customer forwards it back, Outlook style: no "> " marks, so nothing says it is the business's but itself
    customer = ("Thanks, my new address is 94 Gloucester Road, Glasgow G12 9UD.\n\nChloe\n\n"
                "From: StowAway Storage <accounts@stowawaystorage.co.uk>\nSent: Monday, May 27, 2024 1:51 PM\n\n"
                + agent)
    shown_agent, shown_customer = _redacted([(agent, "agent"), (customer, "customer")])
    assert shown_agent == agent.replace("Good afternoon Chloe", "Good afternoon [NAME]")
    assert "94 Gloucester Road" not in shown_customer and "G12 9UD" not in shown_customer
    assert shown_customer.count("LS4 2AZ") == 2 and "210 Kirkstall Road" in shown_customer
    text = "We're at Level 2, 118 Sydney Road, Brunswick VIC 3056."  # the business's, however long the address
    assert _redacted([(text, "agent")]) == [text]


def test_a_customer_in_the_business_s_suburb_keeps_a_redacted_postcode():
    agent = "Many thanks,\nTariq\nTailSafe\n321 Tui Street, Karori, Wellington 6012\nPh 0800 643 825"
    customer = "Hi, my address is Flat C, 338 Victoria Street, Karori, Wellington 6012, thanks"
    shown = _redacted([(agent, "agent"), (customer, "customer")])
    assert shown[0] == agent and "6012" not in shown[1] and "338 Victoria" not in shown[1]


def test_an_agent_checking_the_customer_s_contact_number_reads_it_back_redacted():
    for text in ("Is the best contact number still +52 55 9198 2436?",
                 "is the best contact number still zero seven three nine six eight double four zero one six"):
        assert "[PHONE]" in _redacted([(text, "agent")])[0], text  # "contact number" is a noun, no "contact …!"
    assert _redacted([("please contact 0113 496 0700 for help", "agent")]) == ["please contact 0113 496 0700 for help"]


def test_a_unit_inside_the_business_s_own_address_stays_with_it():
    """Blind-32: the suite of the address the business gives as its own was redacted alone."""
    text = "You'll find us at 400 Commerce Drive, Suite 120, just by the Christiana Mall."
    assert REDACTOR.find_turns([(text, "agent")]) == [[]]
