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
