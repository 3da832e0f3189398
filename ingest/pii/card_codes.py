"""A payment card's security code, said or written with its number: "exp 11/30 cvv 966", "Expiry:
03/27\nSecurity code: 583", "the 3 digits on the back are 084", "expires 04/26, code 4460", "oh one
two nine and the security code is zero nine two", "5496 4459 6845 3545, 02/30, 305".

PCI DSS forbids keeping a card's security code once a payment is authorised, in any form: it is
redacted as the card's (``[CARD_CODE]``). Found after its name (or in the answer to a question for
it, whose words lead the text), right after the card's expiry date, or as the last of a card's
details written after its number. "The last 3 digits" of a card are not its code.

The expiry date given with a card is cardholder data too (PCI DSS: the number, the holder's name,
the expiry): it is redacted (``[CARD_EXPIRY]``) after its name beside a card ("exp 11/30", "expires
october 25"), in a card's details in a row, or as the answer to a question for it ("when does it
expire?" – "oh four two seven"). An expiry with no card near it stays ("the offer expires 12/25")."""

from __future__ import annotations

import re

from ingest.pii.checksums import luhn_valid
from ingest.pii.core import Doc, Span, cue

# the security code's names: "CVV", "CVC2", "CSC", "the code on the back"; and, beside a card, "CID",
# "security code", "the 3 digits"
_STRONG_CODE_NAME = (r"(?:cvv2?|cvc2?|cv2|csc|(?:the[ \t]+)?(?:code|digits|numbers)[ \t]+on[ \t]+the[ \t]+"
                     r"(?:back|(?:signature[ \t]+)?strip))")
_CODE_NAME = (rf"(?:{_STRONG_CODE_NAME}|cid|(?:card[ \t]+)?security[ \t]+(?:code|number|digits)"
              r"|(?<!last[ \t])(?<!first[ \t])(?:3|three|4|four)[ \t]+digits)")
_EXPIRY_NAME = (r"(?:exp(?:iry|ires|iring|iration)?(?:[ \t]+date)?|valid[ \t]+(?:thru|through|until|to)"
                r"|good[ \t]+thru|end[ \t]+date)")
# what stands between a name and its value: "is", "are", "it's", a colon, a filler ("okay so it's", "i mean it's")
_LINK = (r"(?:[ \t]*[,:=-]?[ \t]*(?:(?:is|are|was|it's|its|it[ \t]+is|yeah|yes|yep|um|uh|er|so|okay|ok|right|like|well"
         r"|sure|i[ \t]+mean|that's|thats)\b[ \t]*[,:]?[ \t]*)*)")
# a month and a year: "11/30", "03 / 2027", "0129" said ("oh one two nine")
_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_MONTH_YEAR = (r"(?:0?[1-9]|1[0-2])(?:[ \t]*[/.-][ \t]*|[ \t]+slash[ \t]+)(?:20[0-9]{2}|[0-9]{2})"
               r"|(?:0[1-9]|1[0-2])[0-9]{2}"
               rf"|{_MONTH_NAME}[ \t]+(?:20)?[0-9]{{2}}")  # "october 25", as the view writes "october twenty five"
# the answer to a question for the expiry: its first number, "0427", "12 2031", "may 28", "11/26", and three
# digits, a month and a year said as "five twenty five" ("525")
_ANSWERED_EXPIRY = re.compile(rf"(?<![0-9])(?:{_MONTH_YEAR}|(?:0?[1-9]|1[0-2])[ \t]+(?:20)?[0-9]{{2}}"
                              r"|(?:0?[1-9]|1[0-2])20[2-4][0-9]"  # "six two thousand and twenty six" ("62026")
                              r"|[1-9][0-9]{2})"
                              r"(?![0-9]|[ \t]*[-./]?[ \t]*[0-9])", re.I)  # not the start of a longer number
_CODE = r"[0-9]{3,4}"
_END = r"(?![0-9]|[/.:,-][0-9])"

_NAMED = re.compile(_CODE_NAME, re.I)
_STRONG = re.compile(_STRONG_CODE_NAME, re.I)
_CODE_AFTER_NAME = re.compile(rf"\b{_CODE_NAME}\.?{_LINK}(?P<code>{_CODE}){_END}", re.I)
_EXPIRY_AFTER_NAME = re.compile(rf"\b{_EXPIRY_NAME}\.?{_LINK}(?P<date>{_MONTH_YEAR}){_END}", re.I)
# the code right after a found expiry, under any short name or none: "expires 04/26, code 4460", "09/26 cvv 482"
_CODE_NEXT = re.compile(rf"[ \t]*[,;/]?[ \t]*(?:and[ \t]+)?(?:(?:the|my)[ \t]+)?(?:[a-z]{{2,8}}[ \t]+)?{_LINK}"
                        rf"(?P<code>{_CODE}){_END}", re.I)
# a card's details in a row after its number: "5496 4459 6845 3545, 02/30, 305"
# (or with spaces alone, the date written with its slash or dash or month: "4728 3688 0522 5152 10/29 002",
# "… 5832 07-25 …", "… 3139 01 / 27", "… 2225 Aug 2026 468", and a bare month and year before a code: "… 7764 1130 790",
# "… 7612 0328, 190")
_DETAILS = re.compile(rf"(?<![0-9])(?P<number>[0-9](?:[ -]?[0-9]){{12,18}}?)"
                      rf"(?:[ \t]*[,;/][ \t]*|[ \t]+(?=[0-9]{{1,2}}[ \t]*[/-]|{_MONTH_NAME}[ \t]+(?:20)?[0-9]{{2}}"
                      r"|(?:0[1-9]|1[0-2])[0-9]{2}(?:[ \t]*[,;])?[ \t]+[0-9]{3,4}(?![0-9])))"
                      rf"(?P<date>{_MONTH_YEAR}){_END}"
                      rf"(?:(?:[ \t]*[,;/][ \t]*|[ \t]+)(?P<code>{_CODE}){_END})?", re.I)
_NOT_THE_CODES = ("ref", "phone", "bank")  # a cue of these nearer than the card's: "order 1234" stays
# a card nearby: its name, a scheme's, or a number of a card's length ("the booking expires 12/25" is a date)
_CARD_NEAR = re.compile(r"\b(?:card|visa|mastercard|amex|american[ \t]+express|debit|credit|cvv2?|cvc2?|csc)\b"
                        r"|(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])", re.I)
_NEAR = 100  # characters before (and half as many after) a value that its card may be in


def card_codes(doc: Doc) -> list[Span]:
    """The card security codes and expiry dates in ``doc`` (the module docstring)."""
    if not doc.numeric:
        return []
    text = doc.view.text
    asked = doc.asked == "cvv"  # the answer to a question for the code (``core.asked``)

    def carded(m: re.Match[str]) -> bool:
        return asked or _CARD_NEAR.search(text, max(0, m.start() - _NEAR), m.end() + _NEAR // 2) is not None

    # the question's words lead the answer as the code's name, unless the answer names it itself
    # ("one zero two nine and the security code is …": the expiry, then the code)
    lead = len(doc.lead) if _NAMED.search(text, len(doc.lead)) else 0
    codes = [m.span("code") for m in _CODE_AFTER_NAME.finditer(text, lead) if _STRONG.match(m.group()) or carded(m)]
    expiries = [m.span("date") for m in _EXPIRY_AFTER_NAME.finditer(text) if carded(m)]
    for m in _DETAILS.finditer(text):
        if luhn_valid(re.sub(r"[ -]", "", m.group("number"))) and cue(text, m.start()) not in _NOT_THE_CODES:
            expiries.append(m.span("date"))
            codes += [m.span("code")] if m.group("code") else []
    if doc.asked == "expiry" and (m := _ANSWERED_EXPIRY.search(text, len(doc.lead))) and not any(
            c.isdigit() for c in text[len(doc.lead):m.start()]):  # its first number, and that said again
        expiries += [again.span() for again in _ANSWERED_EXPIRY.finditer(text, m.start())
                     if _month_year(again.group()) == _month_year(m.group())]
    for _, end in expiries:  # the code right after the expiry
        if (after := _CODE_NEXT.match(text, end)) and cue(text, after.start("code")) not in _NOT_THE_CODES:
            codes.append(after.span("code"))
    return [*doc.spans(sorted(set(codes)), "[CARD_CODE]"), *doc.spans(sorted(set(expiries)), "[CARD_EXPIRY]")]


def _month_year(said: str) -> str:
    """An expiry's digits, the century and a month's leading zero left out: "08-29", "08/2029" and "829" are one."""
    digits = re.sub(r"[^0-9]", "", said)
    if len(digits) in (5, 6) and digits[-4:-2] == "20":
        digits = digits[:-4] + digits[-2:]
    return digits.lstrip("0") or said.lower()
