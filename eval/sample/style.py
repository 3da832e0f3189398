"""Channel styling: how the same words look as a speech transcript, a chat or a post.

- voice: ASR-like — lowercase, little punctuation, fillers, occasional mis-hearings,
  e-mail addresses spoken out, per-turn start/end seconds at plausible speaking rates;
- chat: some customers type tidily, others casually or with typos;
- social/email are composed in their own shape by the renderer and left as written.
"""

from __future__ import annotations

import random
import re

FILLERS = ("um", "uh", "you know", "like", "i mean", "so", "er", "yeah")
AGENT_FILLERS = ("um", "uh", "so", "er")
MISHEAR = {
    "lumora": ("lumber", "la mora", "lamora", "lumo ra"),
    "router": ("rooter",),
    "account": ("a count",),
    "subscription": ("subscript shun", "subscriptions"),
    "buffering": ("buffer ring",),
    "renewal": ("renew all",),
    "reset": ("we set",),
    "refund": ("re fund",),
    "cancel": ("can sell",),
    "password": ("pass word",),
    "broadband": ("broad band",),
    "wifi": ("wi fi", "why fi"),
    "premium": ("pre mium",),
    "annual": ("annual", "and you all"),
    "student": ("students",),
    "postcode": ("post code",),
    "update": ("up date",),
}
_DROP = re.compile(r"[!?;:\"“”()\[\]…]")
_COMMA = re.compile(r",(?!\d)")
_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")
_DASH = re.compile(r"\s[-–—]\s|[-–—](?=\s)|/")
_SPACES = re.compile(r"\s+")
_EMAIL = re.compile(r"([a-z0-9._]+)@([a-z0-9]+)\.([a-z]+)", re.I)
_CODE = re.compile(r"\b(lm|ref|cs|tkt)-?(\d{4,})\b", re.I)
_VERSION = re.compile(r"(?<![\d.])(\d)\.(\d)(?!\.?\d)")
_NUM_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _spoken_email(match: re.Match[str]) -> str:
    user = match.group(1).replace(".", " dot ").replace("_", " underscore ")
    return f"{user} at {match.group(2)} dot {match.group(3)}"


SPEECH = ("transcript", "spoken", "read")


def asr(text: str, rng: random.Random, customer: bool, fillers: bool = True, speech: str = "transcript") -> str:
    """A speech-recognition rendering of ``text`` (``fillers=False`` for a synthetic voice).

    ``speech`` says how much of a recogniser's rendering to keep: ``"transcript"`` (the
    default) is what a recogniser writes down — fillers, false starts ("i i want") and
    occasional mishearings ("a count"); ``"spoken"`` is what the speaker said — fillers and
    false starts, no mishearings; ``"read"`` is clean speech, as a script read aloud — none of
    them. The random draws are the same in every mode, so a seed gives the same conversations,
    word for word apart from those artefacts."""
    if speech not in SPEECH:
        raise ValueError(f"speech must be one of {', '.join(SPEECH)}, not {speech!r}")
    t = _EMAIL.sub(_spoken_email, text.replace("\n", " "))
    t = _CODE.sub(lambda m: f"{' '.join(m.group(1))} {m.group(2)}", t)
    if rng.random() < 0.3:
        t = _VERSION.sub(lambda m: f"{_NUM_WORDS[int(m.group(1))]} point {_NUM_WORDS[int(m.group(2))]}", t)
    read = _SPACES.sub(" ", t).strip()  # as written, punctuation and case kept: how a script is read aloud
    t = _DROP.sub("", t.lower())
    t = _COMMA.sub("", t)
    t = _DOT.sub("", t)
    t = _DASH.sub(" ", t)
    words = _SPACES.sub(" ", t).strip().split(" ")
    said = list(words)  # the same draws below; only the transcript gets them all
    if rng.random() < 0.08:
        for i, w in enumerate(words):
            if w in MISHEAR:
                words[i] = rng.choice(MISHEAR[w])
                break
    fills = rng.choices((0, 1, 2, 3), weights=(45, 35, 15, 5) if customer else (70, 25, 5, 0))[0]
    if len(words) < 5 or not fillers:
        fills = 0
    for _ in range(min(fills, len(words) // 5)):
        at, filler = rng.randrange(len(words)), rng.choice(FILLERS if customer else AGENT_FILLERS)
        words.insert(at, filler)
        said.insert(at, filler)
    if customer and len(words) > 3 and rng.random() < 0.15:  # a false start: "i i want"
        i = rng.randrange(min(4, len(words)))
        words.insert(i, words[i])
        said.insert(i, said[i])
    if speech == "read":
        return read or "mm"
    return " ".join(said if speech == "spoken" else words) or "mm"


def timestamps(turns: list[dict], rng: random.Random, ai_agent: bool) -> float:
    """Give each turn start/end seconds (increasing, small gaps); return the last end."""
    t = round(rng.uniform(0.3, 2.0), 2)
    for turn in turns:
        words = len(turn["text"].split())
        rate = rng.uniform(2.3, 3.2) if turn["speaker"] == "customer" else rng.uniform(2.6, 3.4)
        duration = words / rate + rng.uniform(0.15, 0.8)
        start = t
        end = round(start + duration, 2)
        turn["start"], turn["end"] = start, end
        gap = rng.uniform(0.6, 1.2) if ai_agent else rng.uniform(0.15, 1.4)
        if turn.get("hold"):
            gap += rng.uniform(8, 45)
        t = round(end + gap, 2)
    return t


_TYPO_WORD = re.compile(r"[A-Za-z]{4,}")
_CONTRACTIONS = {"don't": "dont", "can't": "cant", "I'm": "im", "I've": "ive", "it's": "its", "won't": "wont",
                 "didn't": "didnt", "doesn't": "doesnt", "I'd": "id", "that's": "thats"}
_CASUAL = {"you": "u", "please": "pls", "thanks": "thx", "are": "r", "because": "cos"}


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:  # swap two letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:  # drop one
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]  # double one


def chat_style(rng: random.Random) -> str:
    return rng.choices(("tidy", "casual", "messy"), weights=(35, 45, 20))[0]


def chat_text(text: str, rng: random.Random, style: str) -> str:
    """A customer's chat message in the customer's typing style."""
    if style == "tidy":
        return text
    t = text
    if t[:1].isupper() and t[1:2].islower() and rng.random() < 0.7:
        t = t[0].lower() + t[1:]
    if t.endswith(".") and rng.random() < 0.7:
        t = t[:-1]
    words = t.split(" ")
    for i, w in enumerate(words):
        if w in _CASUAL and rng.random() < 0.35:
            words[i] = _CASUAL[w]
        elif style == "messy":
            if w in _CONTRACTIONS and rng.random() < 0.6:
                words[i] = _CONTRACTIONS[w]
            elif _TYPO_WORD.fullmatch(w) and rng.random() < 0.05:
                words[i] = _typo(w, rng)
    t = " ".join(words)
    if style == "messy":
        t = t.replace(" I ", " i ") if rng.random() < 0.6 else t
    return t or text


def split_chat(text: str, rng: random.Random) -> list[str]:
    """Long chat messages are often sent as two."""
    words = text.split(" ")
    if len(words) < 16 or rng.random() < 0.45:
        return [text]
    for i in range(len(words) // 2, len(words) - 3):
        if words[i].endswith((",", ".")):
            return [" ".join(words[: i + 1]).rstrip(","), " ".join(words[i + 1 :])]
    return [text]
