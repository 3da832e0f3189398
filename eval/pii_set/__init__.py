"""A labelled PII evaluation set: short contact-centre turns, PII marked, look-alikes marked.

``python -m eval.pii_set --out eval/data/pii/pii_set.jsonl`` writes it with a fixed seed; the
committed file is that output and a test keeps the two equal. One JSON record per line::

    {"id", "channel": chat|email|voice, "speaker": customer|agent, "text",
     "spans": [{"start", "end", "entity", "text"}], "lookalikes": [{"start", "end", "kind", "text"}]}

The set is written from these rules of what is PII, not from what any redactor does.

PII (``spans``; the span is the value itself, never its cue words):

* ``card`` — a full payment card number: Luhn-valid, Visa/Mastercard/Discover 16 digits or
  Amex 15, contiguous or grouped 4-4-4-4 / 4-6-5, or read out digit by digit.
* ``phone`` — a phone number of a person: US (``(415) 555-0134``, dots, dashes, spaces, ``+1``;
  exchanges starting 0/1 are still phone numbers), UK (``07700 900123``, ``+44 (0)20 …``),
  other ``+CC`` numbers, a short local number when the turn says it is one ("my number is
  555-0134"), and spoken ones ("oh seven seven double oh …").
* ``email`` — an e-mail address, typed, obfuscated (``[at]``, ``(dot)``) or spoken ("dana dot
  smith at gmail dot com").
* ``bank`` — an account number in context, a UK sort code, a US ABA routing number (valid
  checksum), an IBAN (valid mod-97, several countries, grouped or not).
* ``national_id`` — a US Social Security number or a UK National Insurance number, typed or spoken.
* ``dob`` — a date given as a date of birth (a birth cue: "date of birth", "DOB", "born on",
  "birthday"); the same date shape without such a cue is a look-alike.
* ``address`` — a street line (house number, street, suffix, unit: "4417 Oak Street Apt 3",
  "twelve mill lane"), a UK postcode, a US ZIP code. Each is its own span; the town between
  them is neither PII nor look-alike (not scored).
* ``name`` — the name of a customer or account holder, whoever says it ("my name is Dana Smith",
  "it's Dana", "Hello Omar,", an e-mail signature, "the bill is in my husband's name, …"). An
  honorific is outside the span ("Mr [Patel]").

Look-alikes (``lookalikes``; must stay; the span is the value that a redactor might take):

* ``order_ref`` — order, ticket, case and reference numbers after their cue word.
* ``tracking_serial`` — parcel tracking and device serial numbers, including 16-digit ones that
  fail Luhn, grouped like a card or not.
* ``amount`` — prices and amounts, in figures or words. ``time`` — clock times.
  ``duration_count`` — durations and counts. ``speed`` — line speeds and frequencies.
* ``service_date`` — a date with no birth cue (a visit, a bill, an appointment).
* ``version`` — app, OS and firmware versions. ``error_code`` — error codes.
  ``plan`` — product and plan names.
* ``card_last4`` — the last four digits of a card: not enough to identify it.
* ``not_a_name`` — greetings and phrases shaped like a name introduction ("Hi there", "This is
  ridiculous", "It's broken", "I'm Frustrated").
* ``agent_name`` — the agent's own name, when the agent says it (``speaker == "agent"``):
  the same sentence from a customer ("this is Jordan") is a ``name``.

Channels: ``chat`` is typed text (sometimes all lower case, often without a final full stop);
``email`` has a greeting, a sign-off and sometimes a signature; ``voice`` is speech-to-text:
lower case, no punctuation, digits as words ("oh" for zero, "double five"), fillers ("uh",
"um"). The generator checks that every span's ``text == text[start:end]``, that spans hold a
letter or digit and do not overlap, and that voice turns have no digits and no capitals.
"""


from __future__ import annotations

import argparse
from pathlib import Path

from eval.pii_set.build import PER_CHANNEL, SEED, check, generate, turn, write
from eval.pii_set.labels import CHANNELS, ENTITIES, KINDS, Keep, Piece, Pii, Value
from eval.pii_set.spoken import Ctx
from eval.pii_set.turns import LOOKALIKES, SPECS, Spec
from eval.pii_set.values import iban_remainder, luhn_digit, luhn_valid

__all__ = ["CHANNELS", "DEFAULT_PATH", "ENTITIES", "KINDS", "LOOKALIKES", "PER_CHANNEL", "SEED", "SPECS",
           "Ctx", "Keep", "Piece", "Pii", "Spec", "Value", "check", "generate", "iban_remainder",
           "luhn_digit", "luhn_valid", "main", "turn", "write"]

DEFAULT_PATH = Path(__file__).parent.parent / "data" / "pii" / "pii_set.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the labelled PII evaluation set (JSON lines).")
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    records = generate(args.seed)
    write(records, args.out)
    mentions = sum(len(r["spans"]) for r in records)
    keeps = sum(len(r["lookalikes"]) for r in records)
    print(f"wrote {len(records)} turns, {mentions} PII mentions and {keeps} look-alikes to {args.out}")
