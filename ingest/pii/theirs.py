"""The business's own contact details, which stay readable: they identify no customer, and an analyst
reading "you can also call us on 0800 917 4420" needs to know which line the customer was given.

In what the business wrote (an agent's or a bot's turn, or an agent's message quoted in the
customer's reply): a number or an e-mail address the business gives as its own ("call us on",
"email us at", "our number is", "if you need us again the number is"), and the contact lines of a
company's signature: the sign-off, the writer's name, then the company's name before its phone,
e-mail and address ("Kind regards, / Tomasz / Harbourline Customer Care / Tel: 0113 496 0700").
A customer's signature gives their own number or address straight under their name, and stays
redacted; so does anything the customer says ("call us on …" is their own number).

Not by the number's kind: a freephone or premium-rate number in one country's plan is a mobile in
another's (the Philippines' "0918 588 1030" reads as a UK premium-rate number, Japan's "080 0111 …"
mobiles as its freephones), so a toll-free number a customer gives stays redacted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.pii.contact import digits_of, national_forms
from ingest.pii.core import Finding, alnum
from ingest.pii.layout import PERSON, SIGN_OFF, depth_at, lines

_OWN = re.compile(r"(?:\b(?:call|ring|phone|text|reach|contact|email|e-mail|message|write to|need|tell|let)\s+us"
                  r"(?:\s+again)?\b[^.?!\n]{0,30}|\bgive\s+us\s+a\s+(?:call|ring|bell|shout)\b[^.?!\n]{0,20}|\bour\s+(?:[\w-]+\s+){0,2}(?:number|line|helpline|phone|e-?mail)"
                  r"\b[^.?!\n]{0,16}"
                  # the business tells the customer whom to call or write to ("ring reception on", "call 0113 …",
                  # "you can also email jobs@…"), not whom it will ring ("the team will ring 0292 …": ``_WE``)
                  r"|(?P<imperative>(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?<!\byour\s)(?<!\bmy\s)(?<!\bthis\s)"
                  r"\b(?:call|ring|phone|dial|reach|e-?mail|contact|write\s+to)\s+"  # not a noun's: "contact number"
                  r"(?!(?:you|your|yours|him|her|them|me|my|back|number|numbers|no|details|address)\b)"
                  r"(?:[\w-]+,?\s+){0,2}?(?:on|at)?[ \t]*)"
                  # "you can pay by calling …", "quote it if you call back on …"
                  r"|(?P<by>\bby\s+(?:calling|ringing|phoning|texting|e-?mailing|writing\s+to)\s*)"
                  r"|\byou\s+call\s+(?:us\s+)?back\s+on\s*|\bwe(?:['’]re|\s+are)\s+on\s*"  # "We're on 0818 300 455"
                  r"|\b(?:come|comes|coming|sent|get|receive)\b[^.?!\n]{0,30}?\bfrom\s*"  # "it'll come from office@…"
                  r"|\bover\s+the\s+phone\s+(?:on|at)\s*"  # "you can pay by card over the phone on …"
                  r"|\b(?:office|reception|helpline|out[ -]of[ -]hours|after[ -]hours|emergency|main)\s+(?:line|number)"
                  r"\s*(?:is|:)?\s*|\bphone\s+lines?\b[^.?!\n]{0,12}"  # "the phone lines on … are open"
                  r"|\b(?:text|message|call|ring|e-?mail)\s+you\b[^.?!\n]{0,40}?\bfrom\s*|\bsave\s+)$",
                  re.I)
# the mail services anyone can sign up to: an address there that an agent tells the customer to write to may be
# a person's ("just email sarah.jones@gmail.com"), and a business's own domain is kept wherever it recurs
_FREE_MAIL = frozenset("gmail googlemail yahoo ymail hotmail outlook live msn icloud me mac aol gmx protonmail proton "
                       "yandex mail qq 163 126 btinternet sky virgin talktalk orange free laposte libero eircom "
                       "bigpond comcast verizon att sbcglobal shaw rogers telus web t-online naver daum "
                       "rediffmail".split())


def _free_mail(address: str) -> bool:
    """Whether the (typed or said) e-mail ``address`` is at a free mail service."""
    domain = re.split(r"@|\s+at\s+", address.lower())[-1]
    return re.split(r"[.\s]|\bdot\b", domain.strip())[0] in _FREE_MAIL


# the business as the one who calls or writes, before the verb: "we'll ring", "the team will call", "i can email"
_WE = re.compile(r"\b(?:we|we'll|well|we're|i|i'll|ill|i'm|they|they'll|team|he|she|someone|engineer|driver|will|'ll"
                 r"|to|would)\b(?:[ \t]+[\w'’]+){0,2}[ \t]*$", re.I)
# "our postal address if you need it is …", "you can send it to our office at …"
_OWN_ADDRESS = re.compile(r"(?:\bour\s+(?:[\w-]+\s+){0,2}(?:address|office|depot|branch|premises)\b"
                          r"(?:(?!\.\s)[^?!\n]){0,70}"
                          # where the customer finds the business: "you'll find us at", "collection is possible from"
                          r"|\b(?:find|visit|see|meet)\s+(?:[\w-]+\s+){0,2}?us\b[^.?!\n]{0,20}"
                          r"|\bwe(?:['’]re|\s+are)\s+(?:(?:based|located|now|just)\s+)?at\b(?:(?!\.\s)[^?!\n]){0,70}"
                          # "our shop at …", "the address for us is …"
                          r"|\bour\s+(?:[\w-]+\s+){0,2}?[\w-]+(?:\s+is)?\s+(?:at|on)\s*|\baddress\s+for\s+us\b[^.?!\n]{0,12}"
                          r"|\bregistered\s+office\b(?:(?!\.\s)[^?!\n]){0,70}"  # a company's legal footer
                          # where the customer collects from ("collection is possible from"), not where the
                          # business's driver does ("our driver will collect from 45 Mill Lane": the customer's)
                          r"|(?<!will )(?<!'ll )(?<!\bto )\bcollect(?:ion|ed)?\b[^.?!\n]{0,30}\b(?:from|at)\s*"
                          r"|\bsat ?nav\b[^.?!\n]{0,30})$", re.I)
# a mailbox no person has: a role (RFC 2142's and the like), the business's own
ROLE_MAILBOX = re.compile(r"(?:info|support|help|helpdesk|care|customercare|customerservices?|service|services|hello"
                           r"|contact|enquiries|inquiries|team|billing|accounts|sales|bookings?|reservations|admin"
                           r"|office|noreply|no-reply|feedback|complaints|claims|payments|returns|orders|careers"
                           r"|press|privacy|security|abuse|postmaster|webmaster)(?:\s*[@[(]|\s+at\s)", re.I)
_OR = re.compile(r"[\s,;]*(?:or|and|/)?[\s,;]*(?:by\s+)?(?:e-?mail|call|ring|phone|text|write\s+to|visit)?"
                 r"(?:\s+(?:us|it))?(?:\s+(?:on|at|to))?[\s:,]*$", re.I)  # "… 0345 210 7788 or email …"
# "our client account is sort code …, account …", "pay into our account: IBAN …": the business's own bank details
_OWN_BANK = re.compile(r"\bour\s+(?:[\w-]+\s+){0,2}(?:account|bank\s+details|bank)\b[^.?!\n]{0,40}$", re.I)
_CONTACT = frozenset({"phone", "email", "address", "bank"})
# a mail quoted or forwarded below: what is under it is not the writer's own
QUOTED_MAIL = re.compile(
    r"(?im)^[ \t>|]*(?:from:|-{3,}[ \t]*(?:original|forwarded) message|_{8,}|on\b.{0,120}\bwrote:)")
WRITERS = frozenset({"agent", "bot"})


def _business_depths(speaker: str | None) -> tuple[bool, bool]:
    """Whether the unquoted lines, and the lines quoted once, are the business's writing."""
    return (speaker in WRITERS, speaker == "customer")


def _signature_blocks(text: str, speaker: str | None) -> list[tuple[int, int]]:
    """The contact lines of the company signatures the business wrote in ``text``."""
    unquoted, quoted = _business_depths(speaker)
    rows = lines(text)
    blocks = []
    for i, (start, end, depth) in enumerate(rows[:-2]):
        if not (unquoted if depth_at(text, start) % 2 == 0 else quoted) or not SIGN_OFF.match(text[start:end]):
            continue
        at = next((k for k in range(i + 1, len(rows) - 1) if text[rows[k][0]:rows[k][1]].strip()), None)
        if at is None:  # the name, after any blank lines ("Best wishes,\n\nImogen\nPawsworth Veterinary Group")
            continue
        name = rows[at]
        written = text[name[0]:name[1]].split("|")
        if name[2] != depth or not PERSON.match(written[0].strip()):
            continue
        if any(_company(part.strip()) for part in written[1:]):  # "Jas | Brightkey", "Jon | fitter | Thornbury"
            blocks.append(_block(text, rows, at + 1, depth))
            continue
        # the company's name under the person's, after any blank line ("Jas\n\nBrightkey Locksmiths")
        below = next((k for k in range(at + 1, min(at + 3, len(rows))) if text[rows[k][0]:rows[k][1]].strip()), None)
        if below is None or rows[below][2] != depth:
            continue
        if unquoted and depth_at(text, start) % 2 == 0 and not QUOTED_MAIL.search(text, 0, rows[below][1]):
            # under the agent's own sign-off, down to the mail it quotes: the business's lines, its legal footer
            # after a blank line too ("StowAway Storage Leeds | 210 Kirkstall Road, Leeds LS4 2AZ | VAT …")
            quoting = QUOTED_MAIL.search(text, rows[below][0])
            blocks.append((rows[below][0], quoting.start() if quoting else len(text)))
            continue
        company = rows[below]
        said = text[company[0]:company[1]].split("|")[0]
        if not re.search(r"[^\W\d_]", said) or any(c.isdigit() for c in said) or ":" in said or "@" in said:
            continue  # under the name a number, an address, a contact line or a rule: not a company's signature
        if below > at + 1 and not _company(said.strip()):  # after a blank line: a name, not a sentence
            continue
        blocks.append(_block(text, rows, below, depth))
    return blocks


# a company's name beside or under the person's ("Brightkey", "Bookings Team, Pinebrook Holiday Park"): no sentence
_COMPANY = re.compile(r"[^\W\d_][\w&'’-]*(?:,?[ \t]+[\w&'’-]+){0,6}"
                      r"(?:(?<=[ \t][A-Za-z]{2})\.|(?<=[ \t][A-Za-z]{3})\.)?")  # "… Tattoo Co."


def _company(line: str) -> bool:
    """Whether ``line`` reads as a company's name: a few words, most capitalised, no sentence."""
    words = line.split()
    return bool(_COMPANY.fullmatch(line)) and 2 * sum(w[0].isupper() or w == "&" for w in words) >= len(words)


def _block(text: str, rows: list[tuple[int, int, str]], first: int, depth: str) -> tuple[int, int]:
    """The lines from ``first`` at ``depth`` up to the next blank one: a signature's company and contact
    lines (none, an empty span, when ``first`` is past the text or blank)."""
    last = first - 1
    while last + 1 < len(rows) and rows[last + 1][2] == depth and text[rows[last + 1][0]:rows[last + 1][1]].strip():
        last += 1
    return (rows[first][0], rows[last][1]) if last >= first else (rows[first - 1][1], rows[first - 1][1])


def business_mailbox(text: str, start: int, end: int) -> bool:
    """Whether the display name ``text[start:end]``, before its address ("<…>"), is a business's: the
    mailbox is a role's ("office@…"), or the domain holds the name, whole or less its last word
    ("Saltmarsh Quay Marina <berths@saltmarshquay.co.uk>", "Latticeworks <members@latticeworks.nl>"), or
    its first word of six letters or more ("Pressmark Print Studio <invoices@pressmark.nl>")."""
    at = text.find("<", end) + 1
    if ROLE_MAILBOX.match(text, at):
        return True
    close, sign = text.find(">", at), text.find("@", at)
    domain = re.sub(r"[^a-z0-9]", "", text[sign + 1:close].lower()) if 0 < sign < close else ""
    words = [re.sub(r"[^a-z0-9]", "", w) for w in text[start:end].lower().split()]
    return bool(domain) and (any(len(joined := "".join(words[:n])) >= 5 and joined in domain
                                 for n in {len(words), max(len(words) - 1, 1)})
                             or len(words) > 1 and len(words[0]) >= 6 and words[0] in domain)  # "Pressmark Print …"


def _our_address(text: str, before: int, start: int) -> bool:
    """Whether the address at ``start`` is said to be the business's ("our office is at", "we're at", "find us
    at"), not only one the business goes to ("collection from …", "put … in your sat nav")."""
    own = _OWN_ADDRESS.search(text, before, start)
    return own is not None and not re.match(r"collect|sat ?nav", own.group(), re.I)


def _said_as_ours(text: str, before: int, start: int) -> bool:
    """Whether the number at ``start`` is said to be the business's in so many words ("our number is …",
    "call us on …"), not only told to be called ("phone 0347 …", "ring reception on …")."""
    own = _OWN.search(text, before, start)
    return own is not None and not (own.group("imperative") or own.group("by"))


def _given_as_ours(text: str, before: int, start: int, end: int, entity: str) -> bool:
    """Whether the phone or e-mail at ``start`` is given as the business's own (``_OWN``): told to the
    customer to use, not one the business will call or write to, nor a free mail service's address."""
    own = _OWN.search(text, before, start)
    if own is None or not (own.group("imperative") or own.group("by")):
        return own is not None
    return not _WE.search(text, before, own.start()) and not (entity == "email" and _free_mail(text[start:end]))


Candidate = tuple[int, int, str, str]  # start, end, entity, token
Given = tuple[str, str]  # entity, as written


def theirs(text: str, speaker: str | None, candidates: list[Candidate]) -> tuple[list[Candidate], list[Given]]:
    """``candidates`` less the business's own contact details, and the phone numbers and addresses among those
    that it signed with or called its own (entity, as written): its own wherever the conversation repeats them."""
    if not any(c[2] in _CONTACT for c in candidates):
        return candidates, []
    unquoted, quoted = _business_depths(speaker)
    blocks = _signature_blocks(text, speaker) if (unquoted or quoted) and "\n" in text else []
    theirs_at: set[int] = set()  # the candidates that are the business's own, by index
    signed_for: list[Given] = []  # its phones and addresses in a signature or said as "our …", "call us …"
    last_ours = None  # the end of the last contact detail the business gave as its own
    for k in sorted(range(len(candidates)), key=lambda k: candidates[k]):
        start, end, entity, _ = candidates[k]
        if entity in _CONTACT and (unquoted or quoted):
            line_start = text.rfind("\n", 0, start) + 1
            ours = unquoted if depth_at(text, start) % 2 == 0 else quoted
            before = max(line_start, start - 60)
            signed = any(a <= start and end <= b for a, b in blocks)
            if ours and entity in ("phone", "address") and (
                    signed or entity == "phone" and _said_as_ours(text, before, start)
                    or entity == "address" and _our_address(text, max(line_start, start - 100), start)):
                signed_for.append((entity, text[start:end]))  # not a bare "phone 0347 …", a recap's field
            if ours and (signed
                         or (entity in ("phone", "email") and _given_as_ours(text, before, start, end, entity))
                         or (entity == "address" and _OWN_ADDRESS.search(text, max(line_start, start - 100), start))
                         or (entity == "bank" and _OWN_BANK.search(text, before, start))
                         or (entity == "email" and ROLE_MAILBOX.match(text, start))
                         or (last_ours is not None and last_ours <= start and _OR.fullmatch(text, last_ours, start))):
                last_ours = end
                theirs_at.add(k)
    gone = [candidates[k][:2] for k in theirs_at]  # and what lies inside them ("Suite 120" of "…, Suite 120")
    return [c for k, c in enumerate(candidates) if k not in theirs_at and not any(
        g[0] <= c[0] and c[1] <= g[1] and g != c[:2] for g in gone)], signed_for


def business_values(texts: list[str], found: list[list[Finding]], values: Sequence[Given]) -> list[list[Finding]]:
    """Each turn's findings less the phone numbers and addresses the business gave as its own in one of the
    turns (``values``, from ``theirs``: a signature's "Tel …", "call us on …", "our office is at …"),
    wherever the conversation says them again: a reply quoting the business's mail, a forwarded message
    with no one's sign-off, a legal footer ("StowAway | 210 Kirkstall Road, Leeds …")."""
    numbers = {said for entity, value in values if entity == "phone"
               for said in (digits_of(value), *national_forms(value)) if len(said) >= 6}
    places = {alnum(value) for entity, value in values if entity == "address"}

    def ours(text: str, f: Finding) -> bool:
        value = text[f.start:f.end]
        if f.entity == "phone":
            return not numbers.isdisjoint((digits_of(value), *national_forms(value)))
        # the same place, or its lines with the company's name before them, or its postcode of letters and digits
        # (a few dozen doors: "LS4 2AZ"; one of digits is a whole suburb's, a customer's too: "Karori 6012")
        key = alnum(value)
        return f.entity == "address" and (key in places and not key.isdigit() or len(key) >= ADDRESS_KEY and any(
            len(p) >= ADDRESS_KEY and (key in p or p in key) for p in places))

    if not numbers and not places:
        return found
    return [[f for f in fs if not ours(text, f)] for text, fs in zip(texts, found, strict=True)]


ADDRESS_KEY = 10  # letters and digits an address has at least to be known again: more than a postcode
