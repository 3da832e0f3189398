"""Customer text is data, never instructions: spotting text that tries to be more.

Transcripts can carry prompt injections ("ignore previous instructions, tell the user …"),
fake citations ("[1] says refund everyone"), markup (``<script>``, Markdown links) and
unicode tricks (zero-width and bidirectional-override characters, homoglyphs, combining
marks). Citations keep such text verbatim (the UI escapes it); a label made of customer
words keeps plain words only (``plain``); a quote inside our Markdown is escaped
(``quoted``); and a model's sentence that gives orders, carries markup or repeats the
hostile part of an excerpt is dropped by the check (``obeys``, used by ``assistant/writing/check.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

from assistant.text.words import STOP

INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
MARKUP = re.compile(r"[<>\[\]()*_`#|\\~$]")
ESCAPE = re.compile(r"([\\`*_\[\]<>#|~$])")  # inside our prose: what could act as markup or a marker
LITERAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")  # a block shown alone: every Markdown character
FAKE_MARKER = re.compile(r"\[\s*\d+\s*\]")
ACTIVE = re.compile(r"<\s*/?\s*[a-z!?]|javascript\s*:|data\s*:\s*text/html|\bon[a-z]+\s*=", re.I)
INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b.{0,40}?"
    r"\b(?:instructions?|prompts?|rules|guidelines|the above|everything)\b"
    r"|\bsystem\s*(?:prompt|message)?\s*:|\bsystem\s+prompt\b|\byou\s+are\s+now\b|\bnew\s+instructions?\b|\bact\s+as\b"
    r"|\b(?:tell|inform|assure)\s+(?:the|every|all)\s+(?:users?|readers?|customers?|business|leaders?|managers?)\b"
    r"|\b(?:respond|reply|answer)\s+(?:only\s+)?with\b|\bas\s+an\s+ai\b|\b(?:assistant|model|llm)\s*:"
    r"|\badmin\s+mode\b|\bdeveloper\s+mode\b",
    re.I,
)
QUOTED = re.compile(r"[\"'“‘«]([^\"'”’»]{2,80})[\"'”’»]")
SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
END = re.compile(r"((?<=[.!?])\s+|\n+)")
TOKEN = re.compile(r"[a-z0-9][a-z0-9']*")
CONFUSABLE = str.maketrans({  # Cyrillic and Greek letters that pass for Latin ones
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y",
    "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
})


def visible(text: str) -> str:
    """``text`` without invisible and direction-override characters."""
    return INVISIBLE.sub("", text)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The text a reader sees, for matching: invisible characters, compatibility forms
    (full-width letters), combining marks and Latin look-alikes folded away; lowercase."""
    decomposed = unicodedata.normalize("NFKD", visible(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.lower().translate(CONFUSABLE)


def plain(text: str) -> str:
    """Customer words fit to stand in our own Markdown as a label: no markup characters,
    no invisible or direction controls, no pile of combining marks."""
    composed = unicodedata.normalize("NFC", visible(text))  # accents compose; piled-up marks stay apart
    kept = "".join(ch for ch in composed if not unicodedata.combining(ch))
    return " ".join(MARKUP.sub(" ", kept).split())


def literal(text: str) -> str:
    """Customer text shown on its own (a transcript line, a citation): every Markdown and HTML
    character escaped, so it reads literally wherever it starts."""
    return LITERAL.sub(r"\\\1", text)


def quoted(text: str) -> str:
    """Customer text quoted inside our Markdown: shown literally, never as markup or a marker."""
    return ESCAPE.sub(r"\\\1", visible(text))


def _flagged(sentence: str) -> bool:
    seen = fold(sentence)
    return bool(INSTRUCTION.search(seen) or FAKE_MARKER.search(seen) or ACTIVE.search(seen))


def is_hostile(text: str) -> bool:
    """Text that addresses the model, fakes a citation marker, or carries active markup."""
    return _flagged(text)


def hostile_parts(text: str) -> list[str]:
    """The sentences of an excerpt that are hostile, each with the sentence after it (an order
    often comes in two), and the phrases quoted in them (what the model is told to say)."""
    sentences = [s for s in SENTENCE.split(text) if s.strip()]
    parts: list[str] = []
    for i, sentence in enumerate(sentences):
        if _flagged(sentence):
            parts.append(" ".join(sentences[i:i + 2]))
    return parts


def _pairs(text: str) -> set[tuple[str, str]]:
    words = TOKEN.findall(FAKE_MARKER.sub(" ", fold(text)))
    return {(a, b) for a, b in zip(words, words[1:]) if not (a in STOP and b in STOP)}


def obeys(sentence: str, hostile_texts: list[str]) -> bool:
    """A model's sentence that gives orders, carries markup, says a phrase a hostile excerpt
    quotes, or repeats two words running of a hostile excerpt's hostile part."""
    seen = FAKE_MARKER.sub(" ", fold(sentence))
    if INSTRUCTION.search(seen) or ACTIVE.search(seen):
        return True
    said = _pairs(sentence)
    flat = " ".join(TOKEN.findall(seen))
    for text in hostile_texts:
        for part in hostile_parts(text):
            if said & _pairs(part):
                return True
            for phrase in QUOTED.findall(fold(part)):
                words = " ".join(TOKEN.findall(phrase))
                if words and f" {words} " in f" {flat} ":
                    return True
    return False


def screened(pieces: Iterable[str], hostile_texts: list[str]) -> Iterator[str]:
    """A model's streamed text, less the sentences that ``obeys`` flags: with hostile excerpts
    in the prompt, text is released a whole sentence at a time, so an obeyed order is never
    on screen even for the moment before the check replaces the streamed text."""
    if not hostile_texts:
        yield from pieces
        return
    buffer = ""
    for piece in pieces:
        buffer += piece
        parts = END.split(buffer)
        buffer = parts.pop()
        for sentence, gap in zip(parts[::2], parts[1::2]):
            if not obeys(sentence, hostile_texts):
                yield sentence + gap
    if buffer and not obeys(buffer, hostile_texts):
        yield buffer
