"""Letters and digits said right next to a finding: a detector that reads the digits of
"l c four two eight seven three four three" leaves the "l c" before them; an e-mail's user name
is said and then spelled ("ssato that's double s a t o at ..."). ``spelled_around`` widens the
finding over them."""

from __future__ import annotations

import re

from ingest.pii.spoken import NUMBER_WORDS, REPEAT, SPELLING_ALPHABET, TEENS, TENS, UNITS, view

_NUMBERS = frozenset({*UNITS, *TEENS, *TENS, *REPEAT, "oh"})
# what a code or an address is spelled out with: one letter, a spelling-alphabet word, a digit
_SPELLED = re.compile(r"[a-z]|x[- ]?ray|" + "|".join(sorted(SPELLING_ALPHABET, key=len, reverse=True))
                      + r"|[0-9]+|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)),
                      re.I)
_JOINERS = frozenset({"dot", "hyphen", "dash", "underscore", "plus"})  # said between spelled parts of an e-mail
# a letter said with a word for it: "j like jack", "l for london", "n as in nancy"; one token
_LETTER_BY_WORD = re.compile(r"[a-z] (?:like|for|as in) [a-z]+", re.I)
_SPELLED_TOKEN = re.compile(rf"{_LETTER_BY_WORD.pattern}(?![\w'’])|[\w'’]+(?:[- ]ray)?", re.I)


def spelled_around(text: str, start: int, end: int, joiners: bool = False) -> tuple[int, int]:
    """``start:end`` widened over the letters, spelling-alphabet words and digits said right
    next to it (spaces between): a detector that reads "four two eight seven three four three"
    leaves the "l c" before it. ``joiners``: an e-mail's, over single letters and spelling-alphabet
    words only, with "dot", "hyphen", "dash", "underscore" between them ("j o h n dot smith at ..."),
    "double" before a letter ("e w double o d at ..."), a word before a joiner ("tavita hyphen t e
    r a n g i at ...") and a word said before its own spelling ("ssato that's double s a t o at ...")."""
    tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _SPELLED_TOKEN.finditer(text)]

    def spelled(token: str) -> bool:
        return (_SPELLED.fullmatch(token) is not None or _LETTER_BY_WORD.fullmatch(token) is not None) and not (
            joiners and (token[0].isdigit() or token in _NUMBERS))

    def joined(side: list[tuple[int, int, str]], gap: str) -> bool:
        """Whether the next token is a joiner with a spelled token beyond it, ``gap`` between them."""
        return joiners and len(side) >= 2 and side[-1][2] in _JOINERS and spelled(side[-2][2]) and gap == " "

    start = next((t[0] for t in tokens if t[0] < start < t[1] and _LETTER_BY_WORD.fullmatch(t[2])), start)
    end = next((t[1] for t in tokens if t[0] < end < t[1] and _LETTER_BY_WORD.fullmatch(t[2])), end)  # "… d for delta"
    before = [t for t in tokens if t[1] <= start]
    while before and text[before[-1][1]:start] == " ":
        token = before[-1][2]
        gap = text[before[-2][1]:before[-1][0]] if len(before) >= 2 else ""
        if spelled(token) or joiners and token in REPEAT and _LETTER_NEXT.match(text, start):
            start = before.pop()[0]
        elif joined(before, gap) or joiners and token in _JOINERS and gap == " " and _plain_word(before[-2][2]):
            before.pop()
            start = before.pop()[0]  # "p e a r l dash kowalski at ...": the joiner and the letter before it
        elif joiners and token in _SPELLING_SAYS and gap == " " and _spells(before[-2][2], text, start):
            before.pop()
            start = before.pop()[0]
        else:
            break
    after = [t for t in tokens if t[0] >= end][::-1]
    while after and text[end:after[-1][0]] == " ":
        if spelled(after[-1][2]):
            end = after.pop()[1]
        elif joined(after, text[after[-1][1]:after[-2][0]] if len(after) >= 2 else ""):
            after.pop()
            end = after.pop()[1]
        else:
            break
    return start, end


_LETTER_NEXT = re.compile(r"[a-z](?![\w'’])", re.I)  # "double o": a letter said twice
_SPELLING_SAYS = frozenset({"thats", "that's", "that’s"})  # "ssato that's s s a t o"
_LETTERS_SAID = re.compile(r"(?:(?:double|triple) )?[a-z](?![\w'’])(?: |$)", re.I)
_NOT_A_USER_WORD = frozenset("a an the and or but so to it is my your me us at in on of for with from".split())


def _plain_word(word: str) -> bool:
    """Whether ``word`` may be part of an e-mail's user name said before a joiner: a word or a
    number, no function word ("send it to tavita hyphen t e ...": "tavita", not "to")."""
    return word.isalnum() and word not in _NOT_A_USER_WORD and word not in _JOINERS


def _spells(word: str, text: str, at: int) -> bool:
    """Whether the letters said from ``at`` spell ``word`` (or begin with it: "chidi that's c h i d
    i eight one"), so that ``word`` is the name they spell."""
    letters, position = "", at
    while (match := _LETTERS_SAID.match(text, position)) is not None:
        said = match.group(0).strip().lower()
        letters += said[-1] * (REPEAT.get(said.split()[0], 1) if " " in said else 1)
        position = match.end()
    word = word.lower()
    return len(word) >= 2 and len(letters) >= 2 and (letters.startswith(word) or word.startswith(letters))


# a number begun, then begun again: "six oh one one two eight five eight sorry let me start again six oh …"
_DIGIT_WORD = "(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"|[0-9]+)"
_RESTARTED = re.compile(
    rf"(?<![\w'])(?:{_DIGIT_WORD}[ \t,-]+){{3,}}(?:(?:uh|um|er|erm|oh no)[ \t,]+)*"
    r"(?:(?:sorry|no|wait|hang on|hold on|oops|actually)[ \t,.]+)*(?:let me[ \t]+|i'll[ \t]+)?"
    r"(?:start(?:[ \t]+(?:again|over|from the top))?|redo that|do that again|go again|try again|from the top)"
    r"[ \t,.]*$", re.I)


def restarted(text: str, start: int) -> int:
    """Where the number found at ``start`` was first begun, when the speaker abandoned it and
    started again just before ("... sorry let me start again" ``start``): the abandoned digits are
    the same number's, and as private."""
    match = _RESTARTED.search(text, max(0, start - 200), start)
    return match.start() if match else start


# a number begun, corrected and given whole: "4206 5246 06 sorry 42065246 06266339", "four oh seven seven
# sorry thats wrong four oh seven seven five two …", "4123 4422 09.. wait no 4123 …"
_FILLER = r"(?:uh|um|er|erm|hmm)"
_BEGUN = re.compile(
    rf"(?<![\w'])(?:(?:{_DIGIT_WORD}|double|triple|{_FILLER})[ \t,.-]+)*{_DIGIT_WORD}(?:\.\.+|…)?[ \t,–-]*"
    rf"(?:{_FILLER}[ \t,]+)*"
    r"(?:(?:no[ \t,]+)?sorry(?:[ \t,]+(?:that['’]?s|thats|it['’]?s|its)[ \t]+(?:wrong|not right))?(?:[ \t,]+no)?|oops"
    r"|wait[ \t,]+no|no[ \t,]+wait|actually(?:[ \t,]+no)?|i mean|my bad|scratch that)[ \t,.!]*"
    # "no sorry that's the um old one it's …"
    r"(?:(?:that['’]?s|thats)[ \t]+(?:the[ \t]+)?(?:(?:um|uh|er|you know)[ \t]+)*old[ \t]+(?:one|number)[ \t,]+"
    r"(?:(?:the[ \t]+new[ \t]+one[ \t]+is|it['’]?s|its)[ \t]+)?)?$", re.I)
BEGUN_FIRST_DIGITS = 4  # the abandoned attempt starts as the number does: the same number, not another one


def begun_again(text: str, start: int, end: int) -> int:
    """Where the number at ``start:end`` was first begun, when the speaker gave part of it,
    corrected themselves and gave it whole right after: the abandoned digits begin as the number
    does, so they are the same number's, and as private."""
    match = _BEGUN.search(text, max(0, start - 160), start)
    if match is None:
        return start
    number = re.sub(r"[^0-9]", "", view(text[start:end]).text)
    for word in re.finditer(r"\S+", match.group()):  # the attempt may start later: "use this one 6011 31 sorry"
        abandoned = re.sub(r"[^0-9]", "", view(match.group()[word.start():]).text)
        first = min(BEGUN_FIRST_DIGITS, len(abandoned))
        national = abandoned[:first].removeprefix("0")  # "0319 - sorry no, +64 3 191 8287": begun at home
        if first >= 2 and (number[:first] == abandoned[:first]
                           or len(national) >= 2 and national in number[:len(national) + 4]):
            return match.start() + word.start()
    return start
