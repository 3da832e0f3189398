"""Addresses told by their layout in typed text, whatever the country's street and town formats:

- the lines under a line that says an address follows ("My new address is:", "We will write to
  you at:", "Your address is now recorded as:", "We have moved to:"), up to a blank line;
- the value of an address label ("Address: Calle Morelos 1712, Col. Condesa, 06140 Ciudad de
  México", "2. Home address: …");
- in a sign-off, the lines under the writer's name, when the first of them holds a number (a
  flat's or a house's: "Kevin Mutua / Apartment C6, Palm Heights / Ngong Road / Nairobi 00100");
  a company's signature starts with its name ("Customer Care Team") and is left alone.

Lines quoted in a reply ("> ") are read at their own depth. A block must hold a digit, and stops
at a line that is a label ("Tel: …"), a question, a link or an e-mail address, so a request
("please send:\\n- your date of birth") or a contact block is not one. The business's own address
is not taken: a cue line that says "our", "office" or "return" is not a cue."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.pii.continental import STREET_WORDS
from ingest.pii.core import Doc, Span
from ingest.pii.name_cues import CLOSING
from ingest.pii.postcodes import NOT_TOWN
from ingest.pii.spoken import NUMBER_WORDS

# a reply's quote markers before a line's content: "> ", or "| " as some mail programs quote
QUOTED = re.compile(r"(?:[ \t]*(?:>|\|(?=[ \t>|]|$)))*[ \t]*", re.M)


def depth_of(markers: str) -> int:
    """How deep a line's quote ``markers`` (``QUOTED``'s match) put it."""
    return markers.count(">") + markers.count("|")


def depth_at(text: str, at: int) -> int:
    """How deep the line of ``text`` holding ``at`` is quoted ("> > …": 2), an earlier message a mail
    program includes under "-----Original Message-----" without markers being one deeper."""
    line = text.rfind("\n", 0, at) + 1
    markers = depth_of(QUOTED.match(text, line).group(0))
    if "riginal" not in text:
        return markers
    return markers + sum(depth_of(QUOTED.match(text, rule.start()).group(0)) == markers
                         for rule in _ORIGINAL.finditer(text, 0, line))


_ORIGINAL = re.compile(r"^[ \t>|]*-{2,}[ \t]*original message[ \t]*-{2,}[ \t]*$", re.I | re.M)

_NOT_THEIRS = r"(?!.*\b(?:e-?mail|ip|web|our|office|offices|return|returns|head|registered|branch|store|shop)\b)"
_CUE = re.compile(rf"(?i)^{_NOT_THEIRS}.*\b(?:address\b.*|write to (?:you|them) at|(?:moved|moving|move|relocated)"
                  r" to|updated (?:it|this|that|your \w+|the \w+) to)[ \t]*:[ \t]*$")
_LABEL_VALUE = re.compile(rf"(?i)^(?:[-*•·]|[0-9]{{1,2}}[.)])?[ \t]*{_NOT_THEIRS}(?:[\w-]+[ \t]+){{0,2}}?address"
                          r"[ \t]*:[ \t]*(?P<value>\S.*?)[ \t.]*$")
# a sign-off on a line of its own, a few more words allowed ("Thanks in advance,", "Thanks so much!")
SIGN_OFF = re.compile(rf"(?i)^(?:{CLOSING})(?-i:[ \t]+[a-z']+){{0,3}}[ \t]*[,.!]?[ \t]*$")
# (a word of it may begin with an apostrophe: "Joost van 't Hek")
PERSON = re.compile(r"^(?:(?:mr|mrs|ms|miss|dr|mx)\.?[ \t]+)?[^\W\d_][\w'’.-]*(?:[ \t]+['’]?[^\W\d_][\w'’.-]*){0,3}$",
                    re.I)
# a line that names what follows it ("Tel. 07800 469 802", "Email: …", "Account 1234") is not an address line
LABEL = re.compile(r"(?i)^(?:[\w-]+[ \t]+)?(?:tel|telephone|phone|mobile|mob|cell|fax|e-?mail|whatsapp|account|acct"
                    r"|ref|reference|policy|customer|member|membership|id|dob|d\.o\.b|date)\b")
_STOP = re.compile(r"[?@]|https?:|www\.|:[ \t]*\S|:[ \t]*$")
_ITEM = re.compile(r"^(?:[-*•·]|[0-9]{1,2}[.)])[ \t]")  # a list's next item
_DIGIT = re.compile(r"[0-9]")
_LONG_NUMBER = re.compile(r"[0-9]{7}")  # an account's or a phone's, not a house's or a postcode's
_FIRST_WORD = re.compile(r"[\w'’]+")


def _goes_on(content: str) -> bool:
    """Whether a line under an address's first can be more of it: not a clause of its own ("it's ASB,
    1293…"; "The Cedars" is a house's name), not a line running into a sentence ("Sheffield S8 7SP I
    am writing regarding …"), not a long number."""
    words = [w.lower() for w in _FIRST_WORD.findall(content)]
    return bool(words) and (words[0] not in NOT_TOWN or words[0] == "the") and not _LONG_NUMBER.search(content) and (
        len(words) <= MAX_WORDS and sum(w in NOT_TOWN for w in words) < 2)
MAX_LINES = 6
MAX_LINE = 80
MAX_VALUE = 160
MAX_WORDS = 8  # an address line has few words; a sentence more
MAX_TOWN_LINE = 50  # a line under an address's label that goes on with it: a town, a postcode


def lines(text: str) -> list[tuple[int, int, str]]:
    """Each line as (start of its content, end of its content, its quote markers)."""
    out, position = [], 0
    for line in text.split("\n"):
        quote = QUOTED.match(line).group(0)
        content = line[len(quote):].rstrip()
        out.append((position + len(quote), position + len(quote) + len(content), quote.replace(" ", "")))
        position += len(line) + 1
    return out


def _block(text: str, lines: list[tuple[int, int, str]], first: int, depth: str) -> tuple[int, int] | None:
    """The address lines from line ``first`` at quote ``depth``: up to a blank line, a line at
    another depth, a label, a list's next item, a question, a link or a line longer than ``MAX_LINE``; with a digit."""
    taken = []
    for start, end, quote in lines[first:first + MAX_LINES + 1]:
        content = text[start:end]
        if quote != depth or not content.strip():
            break
        if (len(content) > MAX_LINE or _STOP.search(content) or LABEL.match(content)
                or (taken and (_ITEM.match(content) or not _goes_on(content)))):
            break  # a contact line or a question after the address ends it
        taken.append((start, end))
    if not taken or len(taken) > MAX_LINES or not _DIGIT.search(text, taken[0][0], taken[-1][1]):
        return None
    return taken[0][0], taken[-1][1]


def _continued(text: str, lines: list[tuple[int, int, str]], i: int, end: int) -> int:
    """Where an address given after its label on line ``i`` ends: with the short lines under it
    ("Service address: 2960 Pine St" / "Tacoma, WA 98426"), up to a blank line, a label, a list's
    next item or a sentence."""
    depth = lines[i][2]
    for start, stop, quote in lines[i + 1:i + MAX_LINES]:
        content = text[start:stop]
        if (quote != depth or not content.strip() or len(content) > MAX_TOWN_LINE or _STOP.search(content)
                or LABEL.match(content) or _ITEM.match(content) or not _goes_on(content)
                or content.rstrip()[-1] in ".!?"):
            break
        end = stop
    return end


def laid_out(doc: Doc, codes: list[tuple[int, int]]) -> Iterator[Span]:
    """Addresses under a cue line, after an address label and under a name in a sign-off; one that
    ends with a postcode of ``codes`` as the address and its ``[POSTCODE]``."""
    given = answered(doc)
    if given and (inner := [b for a, b in codes if given[0] < a and b < given[1]]):
        rest = doc.text[max(inner):given[1]].lower().split()  # "… nine seven two zero five btw im on six point five"
        if any(w.strip(",.") in NOT_TOWN or w[:1].isdigit() or w in NUMBER_WORDS for w in rest):
            given = (given[0], max(inner), given[2])
    for start, end, token in [*_laid_out(doc), *filter(None, [given])]:
        code = next(((a, b) for a, b in codes if start < a and b == end), None)
        if code and (cut := start + len(doc.text[start:code[0]].rstrip(" \t\n,>-"))) > start:
            yield start, cut, token
            yield *code, "[POSTCODE]"
        else:
            yield start, end, token


# the answer to "what's the address?" before and after the address itself
_ANSWER_LEAD = re.compile(r"(?:[ \t,]*(?:@\w+|yes|yeah|yep|sure|ok|okay|right|so|well|um|uh|er|erm|hi|hello"
                          r"|it['’]?s|its|it is|that['’]?s|thats|that is|should be|it should be"
                          r"|(?:the|my|our) (?:new |home )?address is|address is"
                          r"|i['’]?m at|i am at|we['’]?re at|we are at|i live at|we live at)\b)*[ \t,]*", re.I)
_ANSWER_TAIL = re.compile(r"(?:[ \t,.]*(?:yeah|yes|please|thanks|thank you|cheers|i think|you know|ok|okay"
                          r"|that['’]?s it|thats it|right|um|uh|er|erm))*[ \t,.!]*$", re.I)
_CODE_CUE = re.compile(r"[ \t,.]*\b(?:post ?code|postal code|zip(?: ?code)?|eircode|pin ?code)\b", re.I)
_NUMBER = re.compile(r"[0-9]|\b(?:" + "|".join(sorted(NUMBER_WORDS - {"oh", "o"}, key=len, reverse=True)) + r")\b",
                     re.I)
# where the answer turns from the caller's name to the address: "its", "my address is", " - "
_ANSWER_TURN = re.compile(r"\b(?:it['’]?s|its|it is|address is|i['’]?m at|i am at|i live at|we['’]?re at|we live at)"
                          r"\b[ \t,:]*|[ \t]+[-–/][ \t]+", re.I)
_THANKS = re.compile(r"[ \t,.!]*\b(?:(?:lovely|great|perfect|brilliant|ok|okay|cheers)[ \t,]+)?"
                     r"(?:thanks|thank you|thank u|ty|cheers|ta)\b", re.I)
_SENTENCE = re.compile(r"\b\w*[0-9]\w*(?P<end>[.!?])[ \t]+[A-Z]")  # after a code; not "Col. Condesa"
_SMALL_WORD = re.compile(r"(?<![\w'’])[a-z]+(?![\w'’])")  # a word in lower case, in typed text no name's
ANSWER_WORDS = 25  # an address given in answer has at most this many words; more is a sentence about something


def answered(doc: Doc) -> Span | None:
    """In a one-line answer to a question for the address, the whole answer less its lead-in and its
    trailing words ("it's two quai de la fosse one three oh four five marseille yeah"): any country's
    street, building and town, said as it comes. Only an answer with a number in it (a house's, a
    flat's, a postcode's), no question of its own, and not a clause ("give me a second, I have 2 …")."""
    text = doc.text
    if doc.asked != "address" or "\n" in text.strip() or "?" in text or not (doc.has_digit or doc.said_numbers):
        return None
    start = _ANSWER_LEAD.match(text).end()
    if number := _NUMBER.search(text, start):  # "karthik subramanian its sixty two …", "Thao Ly - 9753 …": after it
        start = max([start, *(m.end() for m in _ANSWER_TURN.finditer(text, start, number.start()))])
    # it ends before a postcode's cue ("… saint-laurent... postal code H2X 1Y4"), a thank-you ("… BS6 6SJ
    # lovely, thanks Luke") or a sentence after its code ("… SE15 4QY. Since 22/01.")
    stops = [m.start(m.lastindex or 0) for m in (_CODE_CUE.search(text, start), _THANKS.search(text, start),
                                                 _SENTENCE.search(text, start)) if m]
    end = _ANSWER_TAIL.search(text[:min(stops, default=len(text))], start).start()
    words = text[start:end].split()
    clause = sum(w.lower().strip(",.") in NOT_TOWN for w in words)  # "give me a second i have 2 kids here"
    if not 2 <= len(words) <= ANSWER_WORDS or not any(w[:1].isalpha() for w in words) or clause >= 2:
        return None
    if text != text.lower() and (comma := text.find(",", start, end)) >= 0:  # typed: "…, Springfield, IL for teh $294"
        end = next((m.start() for m in _SMALL_WORD.finditer(text, comma, end) if m.group().lower() in NOT_TOWN), end)
    return start, len(text[:end].rstrip(" \t,")), "[ADDRESS]"


def _laid_out(doc: Doc) -> Iterator[Span]:
    text = doc.text
    if "\n" not in text and "address" not in doc.vocabulary:
        return
    rows = lines(text)
    for i, (start, end, depth) in enumerate(rows):
        content = text[start:end]
        if (value := _LABEL_VALUE.match(content)) and _DIGIT.search(value.group("value")) \
                and len(value.group("value")) <= MAX_VALUE and not _STOP.search(value.group("value")):
            yield start + value.start("value"), _continued(text, rows, i, start + value.end("value")), "[ADDRESS]"
        elif _CUE.match(content) and (block := _block(text, rows, i + 1, depth)):
            yield *block, "[ADDRESS]"
        elif SIGN_OFF.match(content) and i + 2 < len(rows) and rows[i + 1][2] == depth \
                and PERSON.match(text[rows[i + 1][0]:rows[i + 1][1]]):
            after = i + 2
            while after < len(rows) and rows[after][2] == depth and LABEL.match(
                    text[rows[after][0]:rows[after][1]]):
                after += 1  # "Tel. 07800 469 802" between the name and the address
            if after < len(rows) and _DIGIT.search(text[rows[after][0]:rows[after][1]]) and (
                    block := _block(text, rows, after, depth)):
                yield *block, "[ADDRESS]"


def after_names(text: str, candidates: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """An address that opens with the customer's name, in one answer to "the name on the account,
    and your current address" ("uh darragh mccarthy one hundred and thirty three college road …"),
    begins after the name: the name stays a name, redacted wherever else the customer says it. A
    "name" that opens with a street's word ("it's Rua das Laranjeiras, 92, …") is the street's."""
    streets = {(start, end) for start, end, entity, _ in candidates
               if entity == "name" and text[start:end].split()[0].lower().rstrip(".") in STREET_WORDS}
    names = [(start, end) for start, end, entity, _ in candidates if entity == "name" and (start, end) not in streets]
    out = []
    for start, end, entity, token in candidates:
        if entity == "address":
            for first, last in names:
                if start <= first < last < end and not text[start:first].strip(" ,"):
                    start = last + len(text[last:end]) - len(text[last:end].lstrip(" ,"))
        elif entity == "name" and (start, end) in streets and any(
                e == "address" and s <= start and end <= t for s, t, e, _ in candidates):
            continue
        out.append((start, end, entity, token))
    return out


def answer_part(text: str) -> tuple[int, int]:
    """Where the answer in a message is: after its greeting ("Dear Sir or Madam,\n\nIt's 6011.") and
    before the earlier message it quotes ("> Delivery slots are … on Wednesday 13 March"): the agent's
    own words there answer nothing."""
    skip = headers.end() if (headers := _HEADER_LINES.match(text)) else 0  # "From: …", "Subject: Ref WS855659"
    skip = opening.end() if (opening := _GREETING_LINE.match(text, skip)) else skip
    cut = quoted.start() + 1 if (quoted := _QUOTE_LINE.search(text, skip)) else len(text)
    return skip, cut


# a reply's quoted message begins: "> …", "| …", "-----Original Message-----", "On 3 May, Dana <…> wrote:"
_QUOTE_LINE = re.compile(r"\n[ \t]*(?:>|\|[ \t]|-{2,}[ \t]*original message|on [^\n]{4,120}wrote:)", re.I)
_HEADER_LINES = re.compile(
    r"(?:[ \t]*(?:from|to|cc|bcc|subject|sent|date|reply-to)[ \t]*:[^\n]*\n)+[ \t]*(?:\n[ \t]*)*", re.I)
_GREETING_LINE = re.compile(r"[ \t]*(?:dear|hi|hello|hey|hiya|good (?:morning|afternoon|evening)|greetings)\b"
                            r"[^\n]{0,60}\n[ \t]*(?:\n[ \t]*)*", re.I)
