"""General English that carries no topic: stop words, contractions, fillers and pleasantries.

Shared by the topic fit (``ingest/topics.py``) and the analysis; nothing here names what a
business's customers talk about.
"""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# What redaction leaves in place of personal data (``[NAME]``, ``[PHONE]`` … ``ingest/pii/``): no
# word of what a customer talks about, though lower-cased it reads as one ("name", "phone").
REDACTED = re.compile(r"\[[A-Z][A-Z_]*\]")


def without_redactions(text: str) -> str:
    """``text`` with redaction tokens blanked out."""
    return REDACTED.sub(" ", text) if "[" in text else text


# one customer's reference ("FB40339", "AB-1234-567"): letters and three digits or more; no
# topic's name nor part of one, as "5G" or "iPhone12" may be
_REFERENCE = re.compile(r"(?=(?:\S*\d){3})(?=\S*[A-Za-z])[A-Za-z0-9/#-]+[,.;:!?]?")


def is_reference(token: str) -> bool:
    return bool(_REFERENCE.fullmatch(token))


_ADDRESSING = re.compile(r"(?<![\w@])@\w+|\bhttps?://\S+|\bwww\.\S+")


def without_addressing(text: str) -> str:
    """``text`` without the @handles and links a social message is addressed and padded with
    ("@AmazonHelp @AmazonHelp Also would you be able to tell me"): who is asked, not what."""
    return _ADDRESSING.sub(" ", text) if ("@" in text or "http" in text or "www." in text) else text

# The months as people write them: the full name first, then its abbreviations ("may" has none)
MONTHS: tuple[tuple[str, ...], ...] = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec"),
)
CONTRACTIONS = {
    "i'm", "im", "i've", "ive", "i'd", "id", "i'll", "ill", "it's", "its", "that's", "thats", "there's", "theres",
    "what's", "whats", "you're", "youre", "you've", "youve", "you'd", "you'll", "we're", "we've", "we'd", "we'll",
    "they're", "theyre", "they've", "he's", "she's", "let's", "lets", "don't", "dont", "doesn't", "doesnt", "didn't",
    "didnt", "can't", "cant", "couldn't", "couldnt", "won't", "wont", "wouldn't", "wouldnt", "isn't", "isnt",
    "wasn't", "wasnt", "aren't", "arent", "haven't", "havent", "hasn't", "hasnt", "shouldn't", "shouldnt", "here's",
    "who's", "how's", "where's", "ain't",
}
FILLERS = {
    "um", "umm", "uh", "uhh", "erm", "er", "hmm", "mm", "yeah", "yes", "yep", "yup", "nope", "ok", "okay", "oh",
    "ah", "like", "mean", "know", "just", "really", "actually", "basically", "literally", "gonna", "wanna", "gotta",
    "lol", "right", "well", "sure", "alright", "fine", "great", "good", "perfect", "lovely", "brilliant", "cool",
    "hi", "hello", "hey", "hiya", "thanks", "thank", "thx", "cheers", "please", "pls", "sorry", "bye", "regards",
    "dear", "morning", "afternoon", "evening", "awesome", "excellent", "wonderful", "cheers",
}
# scikit-learn's list also holds words that carry a customer's topic ("bill", "call", "system",
# "amount", "due", "move", "down", "interest" …): they stay
MEANINGFUL = {
    "amount", "back", "bill", "bottom", "call", "cry", "detail", "down", "due", "empty", "fill", "fire", "found",
    "front", "full", "interest", "mill", "move", "name", "serious", "system", "thick", "thin", "top", "side", "part",
    "show", "describe", "sincere", "con", "de", "co", "inc", "ltd",
}
STOP_WORDS = frozenset((ENGLISH_STOP_WORDS - MEANINGFUL) | CONTRACTIONS | FILLERS)

# How a statement may open before it says anything: greetings, fillers, discourse markers
OPENING = re.compile(
    r"^(?:(?:(?:hi|hello|hey)(?: there)?|hiya|dear \w+|good (?:morning|afternoon|evening|day)|morning|afternoon|"
    r"evening|um+|uh+|erm+|er|hmm+|so|well|right|alright|all right|okay|ok|yeah|yes|basically|oh|ah|anyway)"
    r"(?![\w'])[\s,.!:;-]*)+",
    re.I)


def without_opening(text: str) -> str:
    """``text`` less the greetings and fillers it opens with ("Hi there, erm, the roof leaks" →
    "the roof leaks"): what a label shows of a statement. Unchanged when nothing would be left."""
    rest = OPENING.sub("", text.lstrip(), count=1)
    return rest if rest.strip() else text

# Concrete nouns from every walk of life, for calibration: how close a word about nothing in
# particular comes to a store's topics by chance (``assistant/understanding/resolve.py``). A few
# may touch one business (a hotel's "holiday"); the calibration takes a high quantile, so a few do not move it.
UNRELATED = tuple("""
table river music window garden mountain pencil ocean bridge castle forest engine jacket orange
football kitchen island camera piano horse silver winter village planet desert candle ladder painting
bicycle tiger museum library festival chocolate umbrella volcano harbor rocket diamond violin farmer soldier
sailor wizard dragon robot puzzle theatre cathedral glacier jungle meadow lantern feather marble copper
velvet thunder rainbow compass anchor blanket carpet mirror pillow bottle hammer needle basket wagon tractor
helmet saddle statue fountain tower palace temple cottage barn fence elephant penguin dolphin butterfly
spider squirrel rabbit giraffe whale eagle owl parrot tulip daisy cactus oak pine mushroom pumpkin carrot
onion lemon cherry peach walnut honey cheese bread pasta soup salad sandwich pizza cookie pancake coffee
tea juice wine beer kettle teapot spoon fork plate bowl napkin apron broom bucket shovel rake ladle sponge
towel soap toothbrush comb scissors ribbon button zipper sock boot sandal scarf glove hat necklace bracelet
crown sword shield arrow cannon canoe yacht submarine helicopter balloon kite sled skateboard trumpet drum
guitar flute harp orchestra choir ballet opera poem novel chapter alphabet grammar algebra geometry
chemistry biology astronomy telescope microscope magnet battery skeleton fossil dinosaur pyramid pharaoh
knight emperor monk nun pirate cowboy sheriff detective astronaut lighthouse windmill canal swamp cave
cliff valley prairie tundra lagoon reef coral pebble boulder sand snow fog breeze tornado eclipse comet
""".split())


CLAUSE_END = ",.;:!?"
JOINING = frozenset({"and", "but", "yet", "so", "or", "because", "though", "although", "while", "whereas"})
MIN_CLAUSE = 4  # words a label keeps when it is cut back to where a clause ends


def clause_cut(tokens: list[str], start: int, size: int) -> list[str]:
    """At most ``size`` of ``tokens`` (words with their punctuation) from about ``start``, read
    as a phrase: begun where a clause begins rather than in the tail of one ("for me, yet I
    filled …" → "I filled …"); when the statement goes on, ended where a clause ends ("the
    repair firm you sent has gone quiet, my hallway" → "… has gone quiet") and not on a small
    word ("… it says an email is" → "… it says an email"); not opened by a word that joins it
    to a clause left out ("yet")."""
    if start > 0 and tokens[start - 1][-1] not in CLAUSE_END:  # begun inside a clause: from the next one
        begins = [i for i, t in enumerate(tokens[start:start + size - MIN_CLAUSE], start) if t[-1] in CLAUSE_END]
        start = begins[0] + 1 if begins else start
    cut = tokens[start:start + size]
    if start + size < len(tokens):
        ends = [i for i, t in enumerate(cut[:-1]) if i >= MIN_CLAUSE - 1 and t[-1] in CLAUSE_END]
        cut = cut[:ends[-1] + 1] if ends else cut
        while len(cut) > 3 and cut[-1].lower().strip(CLAUSE_END) in STOP_WORDS:  # "… upfront and" ends mid-clause
            cut = cut[:-1]
    while len(cut) > MIN_CLAUSE and cut[0].lower().strip(CLAUSE_END) in JOINING:
        cut = cut[1:]
    return cut
