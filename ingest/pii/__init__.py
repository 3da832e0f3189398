"""PII redaction, applied to every conversation before anything is embedded or stored.

On by default; ``CONVOSCOPE_REDACT`` chooses the entities: ``all`` (the default), ``none``, or a
comma list such as ``card,email,phone``. Each match becomes a typed token. Typed text and speech-to-
text alike: numbers read out as words ("oh seven seven double oh nine ...") are read as digits first
(``spoken.py``), corrections and pauses inside them included (``repairs.py``: the whole run goes;
after its cue even when no reading of it validates), and cue words ("account number", "date of
birth", "my name is") say what a number or a name is (Presidio's pattern + context + checksum).

===============  ===================  ===========================================================
entity           token                what is caught
===============  ===================  ===========================================================
``card``         ``[CARD]``           13–19 digits, contiguous, grouped 4-4-4-4(-3) / 4-6-5 with
                 ``[CARD_CODE]``      spaces, dashes or dots, or read out, that pass Luhn (not
                 ``[CARD_EXPIRY]``    after "serial", "order" ...); begun again with the first
                                      attempt; given in parts over turns ("and the rest?"); the
                                      security code after its name beside a card, after the
                                      expiry or asked for, and the expiry given with a card or
                                      asked for (``card_codes.py``)
``email``        ``[EMAIL]``          written addresses; ``john [at] example [dot] com``; spoken
                                      ones (``jane dot doe twelve at example dot com``; after an
                                      e-mail cue a user part of several words: ``lucky cat one
                                      nine at example dot net``)
``phone``        ``[PHONE]``          ``+`` numbers of a possible length for their country; US
                                      ``(555) 142 8647`` / ``555-142-8647`` / ``555.142.8647`` and UK
                                      ``07700 900516`` / ``020 7946 0018``, French ``06 04 77 62
                                      11`` and German ``0160/43004743`` formats (any digits);
                                      7–12 digits after a phone cue ("my number", "call me on",
                                      "mobile"); 10+ digits read out; and numbers libphonenumber
                                      finds valid as dialled in ``CONVOSCOPE_PHONE_REGION``, GB or
                                      US; the first number answering a question for a phone, one
                                      named after it ("… thats my mobile"), one read back a digit
                                      off. Without ``+``, never after an order, ticket, account or
                                      card cue
``national_id``  ``[NATIONAL_ID]``    US SSN (``123-45-6789``, or nine digits after "SSN" /
                                      "social"), UK NI number (``QQ 12 34 56 C``, spelled out too,
                                      "y t for tango ..."), and the numbers in
                                      ``ingest/pii_ids.yaml`` (Canadian SIN, NHS number, Irish PPS
                                      number, passports, driving licences, Aadhaar, Australian
                                      TFN, South African ID, Nigerian NIN, PhilSys, Medicare ...;
                                      ``CONVOSCOPE_PII_IDS`` for your own file); any id told after
                                      its name ("the Steuer-ID is …"), whatever its check digits
``bank``         ``[BANK_ACCOUNT]``   6–34 digits after "account number" / "acct" / "bank account"
                                      (6–17 contiguous after "account"), a sort code after "sort
                                      code", a BSB or transit number after its cue, in an answer to
                                      a question for bank details its numbers; a routing number
                                      after "routing" with a valid ABA
                                      checksum
``bank``         ``[IBAN]``           IBANs of any country, grouped or not: the country's length
                                      and the mod-97 check
``dob``          ``[DOB]``            a date within four words after "date of birth", "DOB",
                                      "born (on)", "birthday": ``03/04/1987``, ``3rd of April
                                      1987``, ``april third nineteen eighty seven``, ``'57``, digits
                                      read out; a year of birth ("born in 1978", "a 1980 baby")
``address``      ``[ADDRESS]``        house number (digits or words) + street + suffix (``12 Mill
                                      Lane``, ``twelve mill lane``) with a flat / apt / unit /
                                      block / house before or after it, a PO box, and up to three
                                      towns (after commas, or said in lower case), county or state up to
                                      the postcode on the same or the next lines: ``flat 5, 198
                                      Meadow Way, Glasgow G8 7GE`` -> ``[ADDRESS] [POSTCODE]``
``address``      ``[POSTCODE]``       UK postcodes and Irish Eircodes (typed or spelled out); a US
                                      ZIP or ZIP+4 after a state, after "zip code", or just after
                                      a street line; 4-6 digits after "postcode" or a street line's
                                      town; the code that ends the answer to "your postcode?"
``name``         ``[NAME]``           a person's name after a cue ("my name is", "this is", "it's
                                      Dana here", "Hello Omar,"; a field: "surname", "first name",
                                      "the name on my card is", "account holder", "it's under";
                                      a relation: "my husband Gus", "my daughter Zoë"; an
                                      e-mail's sign-off or last line; ``Mr [NAME]``: the title
                                      stays), and the name spelled out after it ("h a r r i s",
                                      "h for hotel ..."): see ``names.py``
===============  ===================  ===========================================================

Names kept: ``redact_text`` has no speaker, so it redacts every name found. ``find`` with a
speaker, and ``redact_conversation`` (each turn's speaker), keep in an agent's or a bot's turn
the speaker's own name ("Hi, Jordan here", "my name is Jordan", "I'm Nova, a virtual
assistant", the agent's sign-off) and in a customer's turn the name the customer addresses (the
agent or the company: "Thanks Jordan", "Dear Lumora"); the customer's own name is redacted
whoever says it ("Thanks Dana", "Am I speaking with Mr Patel?", the customer's e-mail
sign-off), so is a third person's ("my husband Gus", "the account holder is ..."), and a
conversation redacts a name it redacted once in every turn ("Dana's phone"), never the agent's
own. A conversation also reads an answer after the agent's question that asked for it: "your
full name?" - "Dana Smith, BN5 7WT", "your date of birth?" - "third of april eighty seven", "the
account number?" - "one two three four five six seven eight"; a question that asks for several
("your full name, date of birth and NHS number") reads the answer once for each. A number or
an address redacted in one turn is redacted wherever the conversation says it again
("I've added 502851204 to your booking"): its cue is often only where it was first given. A
number given in two turns, the agent saying only "mhm" between ("4111 1111 1111" - "mhm" -
"then 1111"), is read as one (``parts.py``).

Left alone on purpose: card last-fours and other short numbers, prices and amounts, dates
without a birth cue, times, durations, counts, versions, error codes, plan names, speeds,
order / ticket / case / tracking / reference numbers after their cue, ``PS5 2TB``, a decade
("born in the 80s"), a street named without a house number ("the Oak Street store"), and names
with no cue at all ("Dana said it was fine"), which only a list of names would find.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from collections.abc import Mapping as MappingABC
from functools import partial

from pydantic import BaseModel, Field

from convoscope import settings
from convoscope.errors import ConvoscopeError
from convoscope.models import Conversation
from ingest.pii import names as name_rules
from ingest.pii import parts
from ingest.pii.card_codes import card_codes
from ingest.pii.checksums import luhn_valid
from ingest.pii.contact import answered_phones, emails, phone_detector, phone_regions
from ingest.pii.core import ENTITIES, Detector, Doc, Finding, Reading, conversation_asked, word_pattern
from ingest.pii.dates import dates_of_birth
from ingest.pii.finance import answered_accounts, bank, cards
from ingest.pii.given import business_people, listed_names, name_lists, whole_names
from ingest.pii.greeting import greeted
from ingest.pii.holders import holders
from ingest.pii.ids import custom_ids, national_ids
from ingest.pii.layout import after_names, answer_part, depth_at
from ingest.pii.others import mentions, others
from ingest.pii.places import addresses
from ingest.pii.street_answers import answered_street
from ingest.pii.theirs import WRITERS, theirs
from ingest.pii.turns import across_turns, name_words, resolve, resolve_findings
from ingest.pii.widen import joined_addresses, named_ids_first, widened

__all__ = ["ENTITIES", "Finding", "RedactionReport", "Redactor", "luhn_valid"]

_OWN_NAME_SPEAKERS = WRITERS  # an agent or a bot: the business
_GIVEN_IN_PARTS = frozenset({"address", "postcode"})  # answers that go on past the agent's "uh huh"
_EMAIL_ASKED = re.compile(r"\be-?mail\b", re.I)  # "and an email address please", "what email should i send that to"
# the names each speaker's turn keeps: an agent's or a bot's own; the agent or company a customer addresses
_KEPT_ROLES = {"agent": frozenset({"self"}), "bot": frozenset({"self"}), "customer": frozenset({"addressee"})}
_OTHER = {"agent": "customer", "bot": "customer", "customer": "agent"}  # who wrote the lines a reply quotes once


class Redactor:
    """Finds the chosen PII entities in text and replaces them with typed tokens such as ``[EMAIL]``."""

    def __init__(self, entities: Iterable[str] | None = None) -> None:
        chosen = ENTITIES if entities is None else tuple(e.strip().lower() for e in entities)
        unknown = [e for e in chosen if e not in ENTITIES]
        if unknown:
            raise ConvoscopeError(f"unknown PII entity {unknown[0]!r}",
                                  f"use all, none, or a comma list of {', '.join(ENTITIES)}")
        self.entities: frozenset[str] = frozenset(chosen)
        current = settings.current()
        # in this order: an earlier detector's span wins an overlap
        detectors: list[tuple[str, Detector]] = [
            ("email", emails), ("bank", bank), ("card", cards), ("card", card_codes), ("national_id", national_ids)]
        self._id_words: tuple[str, ...] = ()  # what an agent asks for by the national-id file's words
        if "national_id" in self.entities:
            ids = custom_ids(current.pii_ids)
            detectors += [("national_id", ids), ("national_id", ids.told)]
            self._id_words = ids.words
        detectors += [("dob", dates_of_birth), ("phone", phone_detector(phone_regions(current.phone_region))),
                      ("address", addresses)]
        # last, what an answer to a question for bank details or an id holds: a date or a phone
        # number said instead keeps its kind
        detectors += [("bank", answered_accounts), ("address", answered_street), ("phone", answered_phones)]
        if "national_id" in self.entities:
            detectors.append(("national_id", ids.answered))
        self._detectors = [(entity, detect) for entity, detect in detectors if entity in self.entities]
        self._names = name_lists(current.pii_names) if "name" in self.entities else (frozenset(), frozenset())
        self._memo: dict[tuple[str, str | None, tuple[str, ...]], Reading] = {}

    @classmethod
    def from_env(cls) -> Redactor:
        """From ``CONVOSCOPE_REDACT``: ``all`` (default), ``none`` or a comma list of entities."""
        raw = settings.current().redact.strip().lower()
        if raw in ("", "all"):
            return cls()
        if raw == "none":
            return cls(())
        names = [part.strip() for part in raw.split(",") if part.strip()]
        unknown = [n for n in names if n not in ENTITIES]
        if unknown:
            raise ConvoscopeError(f"CONVOSCOPE_REDACT={raw!r}: unknown entity {unknown[0]!r}",
                                  f"use all, none, or a comma list of {', '.join(ENTITIES)}")
        return cls(names)

    @property
    def enabled(self) -> bool:
        return bool(self.entities)

    def __repr__(self) -> str:
        return f"Redactor({', '.join(e for e in ENTITIES if e in self.entities) or 'none'})"

    def find(self, text: str, speaker: str | None = None) -> list[Finding]:
        """The PII in ``text``, sorted and not overlapping; ``speaker`` (customer, agent, bot,
        system) decides which names the turn keeps (the module docstring)."""
        return self._find(text, speaker)[0]

    def find_turns(self, turns: Sequence[tuple[str, str | None]]) -> list[list[Finding]]:
        """The PII in each of a conversation's turns (text, speaker), read as ingest reads them:
        a customer's answer with the agent's question before it ("your date of birth?"), and a
        name redacted in one turn redacted in every turn (the module docstring)."""
        found: list[list[Finding]] = []
        own: set[str] = set()
        business: list[tuple[str, str]] = []  # the business's own phone numbers and addresses, as given
        questions: tuple[str, ...] = ()
        texts = [text for text, _ in turns]
        # the customer's answers with a number left (given in parts, the agent letting them go on), and the question
        # (and whether that number was already whole: then only its last digits may follow)
        pending: tuple[list[int], tuple[str, ...], bool] | None = None
        answered, gave = (), True  # what the customer's last answer was to, and whether it gave anything
        asked_so_far: set[str] = set()
        email_asked, email_begun = False, None  # an e-mail asked for; the answer's turn with no address in it
        for i, (text, speaker) in enumerate(turns):
            findings, kept, ours = self._find(text, speaker, questions if speaker == "customer" else ())
            business += ours
            found.append(findings)
            if speaker == "customer" and "email" in self.entities:
                if email_begun is not None:  # "it's nwosu dot chinedu" / "go on" / "at gmail dot com"
                    shares = parts.spoken_email(texts[email_begun], text, lambda t: self._find(t, "customer")[0])
                    for j, share in zip((email_begun, i), shares, strict=True):
                        found[j] = resolve_findings(share + found[j]) if share else found[j]
                email_begun = i if email_asked and email_begun is None and not any(
                    f.entity == "email" for f in findings) else None
                email_asked = False
            elif email_begun is not None and not parts.acknowledges(text):
                email_begun = None
            if speaker in _OWN_NAME_SPEAKERS and email_begun is None:
                email_asked = _EMAIL_ASKED.search(text) is not None
            if speaker == "customer":
                earlier: list[int] = []
                # it goes on from before; after a whole number, only with its last digits when the agent paused it
                if pending is not None and (not pending[2] or parts.last_digits(text) and turns[i - 1][1] != speaker):
                    earlier, asked_then, _ = pending
                    joined = parts.across([texts[j] for j in [*earlier, i]], partial(self._answer, asked_then))
                    for j, part in zip([*earlier, i], joined, strict=True):
                        found[j] = resolve_findings(part + found[j])
                    # a piece that completed a number may not be the last ("oh nine oh" / "double two five two" /
                    # "one eight oh two"): while the customer gives only digits, the number may go on
                    earlier = earlier[-(parts.MAX_PARTS - 2):] if not any(joined) or parts.only_number(text) else []
                    questions = asked_then
                left = parts.number_left(text, found[i]) or bool(earlier) and parts.only_number(text)
                whole = not left and parts.ends_in_number(text, found[i])  # "… four two five one" / "uh huh" / "zero"
                pending = ([*earlier, i], questions, whole) if questions and (left or whole) else None
                answered, gave = (questions or answered), bool(found[i]) or not questions
            elif pending is not None and not parts.acknowledges(text):
                pending = None
            if speaker in _OWN_NAME_SPEAKERS:
                own |= {word for name in kept for word in name.split()}
                questions = conversation_asked(text, answered, "dob" in asked_so_far, self._id_words)
                if (not questions and (set(answered) & _GIVEN_IN_PARTS or not gave) and parts.acknowledges(text)
                        and not parts.asks(text)):  # "… by card now?" / "yes please" / "whenever you're ready"
                    questions = answered  # "goethestraße one zero nine" / "uh huh" / "one oh five oh four berlin"
                asked_so_far |= set(questions)
            else:  # "right account number" / "one three seven …": the customer names what comes next
                questions = parts.names_next(text) if speaker == "customer" and not found[i] else ()
        own |= business_people(turns, found)  # "From: Hannah Moss <bookings@…>" names the business's person everywhere
        halves = parts.card_halves(list(turns), found) if "card" in self.entities else found  # "… two eight" / "nine …"
        return across_turns(texts, [speaker for _, speaker in turns], halves, own if "name" in self.entities else None,
                            business)

    def redact_text(self, text: str) -> tuple[str, Counter[str]]:
        """``text`` with each PII match replaced by its token, and the counts per entity."""
        return _apply(text, self.find(text))

    def redact_conversation(self, conv: Conversation) -> tuple[Conversation, Counter[str]]:
        """A copy of ``conv`` with every turn's text, the customer and agent ids and the metadata
        redacted (names as the module docstring says)."""
        counts: Counter[str] = Counter()
        if not self.entities:
            return conv, counts
        found = self.find_turns([(turn.text, turn.speaker) for turn in conv.turns])
        turns = []
        for turn, findings in zip(conv.turns, found, strict=True):
            text, per_turn = _apply(turn.text, findings)
            counts.update(per_turn)
            turns.append(turn.model_copy(update={"text": text}) if findings else turn)
        customer_id = conv.customer_id
        if customer_id is not None:
            customer_id, per_field = self.redact_text(customer_id)
            counts.update(per_field)
        agent_id, per_field = self.redact_text(conv.agent.id)
        counts.update(per_field)
        metadata = {}
        for key, value in conv.metadata.items():
            value, per_field = self._field(key, value)
            counts.update(per_field)
            metadata[key] = value
        update = {"turns": turns, "customer_id": customer_id, "metadata": metadata,
                  "agent": conv.agent.model_copy(update={"id": agent_id})}
        return conv.model_copy(update=update), counts

    def _field(self, key: str, value: object) -> tuple[object, Counter[str]]:
        """A metadata value redacted with its key as the context a number needs ("phone":
        4155550134 is a phone number); a whole number that held PII becomes its token."""
        if isinstance(value, bool) or not isinstance(value, str | int):
            return value, Counter()
        label = key.replace("_", " ").replace("-", " ").strip()
        text, counts = self.redact_text(f"{label}: {value}")
        if not counts:
            return value, counts
        return (text[len(label) + 2:] if text.startswith(f"{label}: ") else self.redact_text(str(value))[0]), counts

    def _answer(self, questions: tuple[str, ...], text: str) -> list[Finding]:
        """The findings in a customer's ``text``, read as the answer to ``questions``."""
        return self._find(text, "customer", questions)[0]

    def _find(self, text: str, speaker: str | None, questions: tuple[str, ...] = ()) -> Reading:
        """The findings, the names the speaker's role keeps (lower case) and the phone numbers and addresses
        the business gave as its own (``theirs``); ``questions``: what
        the agent's turn before asked for. The text is read once as the answer to each (with that
        question's cue words before it), and the findings of all readings are kept. Kept for
        turns said again (an agent's scripted greeting and closing, a customer's "thanks"):
        the same text, speaker and question always have the same findings."""
        key = (text, speaker, questions)
        if (known := self._memo.get(key)) is None:
            if len(self._memo) >= MEMO_TURNS:
                self._memo.clear()
            known = self._memo[key] = self._read(text, speaker, questions)
        return Reading(list(known.findings), set(known.kept), known.ours)

    def _read(self, text: str, speaker: str | None, questions: tuple[str, ...]) -> Reading:
        skip, cut = answer_part(text) if questions else (0, len(text))  # the rest is read as itself
        readings = [(skip, Doc(text[skip:cut], question)) for question in questions if question != "name"]
        readings = [*readings, (cut, Doc(text[cut:]))] if readings and cut < len(text) else readings or [(0, Doc(text))]
        if readings[0][0] > 0 and text[:skip].strip():  # an e-mail's headers before the answer, read as themselves
            readings.append((0, Doc(text[:skip])))
        cues = word_pattern(self._id_words) if self._id_words else None
        candidates = []
        for entity, detect in self._detectors:  # of one detector's findings over the readings, the longest first
            found = [(*widened(text, at + start, at + end, token, cues), entity, token)
                     for at, doc in readings for start, end, token in detect(doc) if end > start]
            candidates += sorted(found, key=lambda c: c[0] - c[1]) if len(readings) > 1 else found
        candidates = named_ids_first(candidates)
        doc = readings[0][1] if not readings[0][1].lead else Doc(text)  # names: the text as said
        kept: set[str] = set()
        if "name" in self.entities:
            keep = _KEPT_ROLES.get(speaker or "", frozenset())
            words: set[str] = set()
            found = name_rules.names(doc.view.text, answer="name" in questions, detail=bool(questions))
            found = whole_names(doc.view.text, greeted(doc.view.text, found, self._names)
                                if speaker in _OWN_NAME_SPEAKERS else found, self._names)
            third = [*holders(doc.view.text), *others(doc.view.text, speaker in WRITERS)]  # named by what is said
            for name in [*found, *(name_rules.Name(*span, "other") for span in third)]:
                span = doc.original(name.start, name.end)
                if span is None:
                    continue
                quoted = depth_at(text, span[0]) % 2 == 1  # the other party's words: the names their role keeps
                if quoted and name.role in _KEPT_ROLES.get(_OTHER.get(speaker or "", ""), frozenset()):
                    continue  # kept there, but not the speaker's own anywhere else
                if not quoted and name.role in keep:
                    kept.add(text[span[0]:span[1]].lower())
                else:
                    candidates.append((*span, "name", "[NAME]"))
                    words |= name_words(text[span[0]:span[1]])
            listed, signed = listed_names(doc, [(n.start, n.end) for n in found] + third, speaker in WRITERS,
                                          self._names)
            kept |= signed if speaker in WRITERS else set()
            for start, end in (span for span in listed if text[slice(*span)].lower() not in kept):
                candidates.append((start, end, "name", "[NAME]"))
                words |= name_words(text[start:end])
            candidates += [(start, end, "name", token)
                           for start, end, token in doc.spans(mentions(doc.view.text, words), "[NAME]")]
        left, ours = theirs(text, speaker, after_names(text, candidates))
        return Reading(tuple(joined_addresses(text, resolve(left))), frozenset(kept), tuple(ours))


MEMO_TURNS = 20_000  # turns whose findings one redactor keeps (then starts again): a few MB

def _apply(text: str, findings: list[Finding]) -> tuple[str, Counter[str]]:
    counts: Counter[str] = Counter()
    if not findings:
        return text, counts
    parts, done = [], 0
    for finding in findings:
        parts += [text[done:finding.start], finding.token]
        done = finding.end
        counts[finding.entity] += 1
    parts.append(text[done:])
    return "".join(parts), counts


class RedactionReport(BaseModel):
    """Redactions counted per entity over an ingest run, for its summary."""

    counts: dict[str, int] = Field(default_factory=dict)

    def add(self, counter: MappingABC[str, int]) -> None:
        for entity, count in counter.items():
            if count:
                self.counts[entity] = self.counts.get(entity, 0) + count

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def line(self) -> str:
        """``redacted 12 card, 40 email, 33 phone`` (or ``redacted nothing``)."""
        order = [e for e in ENTITIES if self.counts.get(e)] + sorted(e for e in self.counts if e not in ENTITIES)
        parts = [f"{self.counts[e]} {e}" for e in order if self.counts[e]]
        return "redacted " + (", ".join(parts) if parts else "nothing")
