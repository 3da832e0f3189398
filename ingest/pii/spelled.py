"""Names spelled out letter by letter: "h a double r i s", "H-A-R-R-I-S", "h for hotel a for
alpha"; three letters or more, no number after them (a postcode or a reference read out)."""

from __future__ import annotations

import re

_LETTER = r"(?<![^\W\d_'’])[^\W\d_](?![^\W\d_'’])"
LETTER_RE = re.compile(_LETTER)
_SPELT = rf"(?:(?:double|triple)[ \t]+)?{_LETTER}(?:[ \t]+(?:for|as in)[ \t]+[^\W\d_]+)?"
_SPELLING = rf"(?P<run>{_SPELT}(?:(?:[ \t]*[-.,/][ \t]*|[ \t]+){_SPELT})+)"
SPELL_AT = re.compile(_SPELLING, re.I)
SPELL_AFTER = re.compile(rf"[ \t]*[,(:–—-]?[ \t]*(?:(?:so|and|that's|thats|that is|it's|its|it is|spelled|spelt"
                         rf"|spelling|which is|as)[ \t,:]+){{0,3}}{_SPELLING}", re.I)
SPELT_WORD = re.compile(r"\b(?:for|as in)\b", re.I)
# a turn that is only a spelling, the answer to "can you spell that?"
SPELL_TURN = re.compile(
    rf"\W*(?:(?:yes|yeah|yep|no|nope|nah|ok|okay|so|sure|right|um|uh|er|it's|its|that's|thats|it is|that is)\W+)*"
    rf"{_SPELLING}\W*"
    r"(?:(?:like|as|how)[ \t]+it[ \t]+[a-z]+|thanks|thank you|cheers|please)?\W*$", re.I)  # "…, like it sounds"
# "spelled …", "that's …", "let me spell that for you …"
SPELL_CUE = re.compile(rf"\b(?:spel(?:led|t|ling)(?:[ \t]+(?:is|as|it's))?|that's|thats|that is"
                       r"|spell[ \t]+(?:it|that|this)(?:[ \t]+out)?(?:[ \t]+for[ \t]+you)?)"
                       rf"[ \t,:(-]+{_SPELLING}",
                       re.I)
NUMBER_NEXT = re.compile(r"[ \t,.-]*(?:\d|(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten)\b)", re.I)


def spelt_with_words(lower: str) -> bool:
    """Whether ``lower`` has a letter with its word ("h for hotel", "s as in sugar")."""
    for said in (" for ", " as in "):
        at = lower.find(said)
        while at >= 0:
            if at and lower[at - 1].isalpha() and (at == 1 or not lower[at - 2].isalpha()):
                return True
            at = lower.find(said, at + 1)
    return False


def spelled(text: str, start: int, least: int) -> int | None:
    """The end of a name spelled out at ``start`` ("surname h a r r i s"), or None."""
    match = SPELL_AT.match(text, start)
    return match.end() if match and letters(match, least, text, numbers=True) else None


def letters(match: re.Match[str], least: int, text: str, numbers: bool = False, words: bool = False) -> bool:
    """Whether the spelling in ``match`` has ``least`` letters (two when they have their words: "h
    for hotel"; ``words``: only then, ``least`` of them); ``numbers``: and no number follows it
    (a postcode or a reference read out)."""
    run = match.group("run")
    count = len(LETTER_RE.findall(run))
    with_words = len(SPELT_WORD.findall(run))
    if (with_words < least) if words else count < (2 if with_words >= 2 else least):
        return False
    return not (numbers and NUMBER_NEXT.match(text, match.end("run")))


def spelled_word(run: str) -> str:
    """The word a spelling writes: its letters in order, "double" repeating the next one ("h a
    double r i s" -> "harris", "m for mike o k" -> "mok")."""
    out, repeat = [], 1
    for piece in re.finditer(r"(double|triple)|([^\W\d_])(?:[ \t]+(?:for|as in)[ \t]+[^\W\d_]+)?", run, re.I):
        if piece.group(1):
            repeat = 2 if piece.group(1).lower() == "double" else 3
        else:
            out.append(piece.group(2).lower() * repeat)
            repeat = 1
    return "".join(out)


def spelling_of_word_before(text: str) -> list[tuple[int, int, int]]:
    """Words said and then spelled out ("lefevre l e f e v r e", "van dijk v a n d i j k", "mokoena
    m for mike o k o e n a"): (start of the word or words, start of the spelling, its end); a word
    spelled is a name being given."""
    found = []
    for match in SPELL_AT.finditer(text):
        word = spelled_word(match.group("run"))
        if len(word) < 3:
            continue
        before = re.findall(r"[^\W\d_]+", text[max(0, match.start() - 40):match.start()])
        for count in (1, 2, 3):
            if len(before) >= count and "".join(before[-count:]).lower() == word:
                head = text.rfind(before[-count], 0, match.start())
                found.append((head, match.start(), match.end("run")))
                break
    return found


def spelling_of_word_after(text: str) -> list[tuple[int, int]]:
    """Words spelled out and then said ("p a r k park", "not quite o k a f o r okafor"): (start
    of the spelling, end of the word); a word spelled is a name being given."""
    found = []
    for match in SPELL_AT.finditer(text):
        word = spelled_word(match.group("run"))
        after = re.match(r"[ \t,]+([^\W\d_]+)", text[match.end("run"):])
        if len(word) >= 3 and after and after.group(1).lower() == word:
            found.append((match.start("run"), match.end("run") + after.end(1)))
    return found

