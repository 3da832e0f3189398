"""The words of a statement that carry meaning: general English (stop words, fillers, dates)
set aside, nothing of any business's vocabulary."""

from __future__ import annotations

import re
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from convoscope import english

FILLERS = {
    "um", "uh", "erm", "hmm", "yeah", "yes", "yep", "ok", "okay", "hi", "hello", "hey", "thanks", "thank",
    "please", "just", "like", "know", "really", "actually", "basically", "gonna", "wanna", "got", "get",
    "im", "ive", "dont", "cant", "its", "thats", "didnt", "doesnt", "youre", "id", "ill", "want", "need",
    "wanted", "wants", "wanting", "needed", "needs", "needing", "helped", "helping", "helps", "tells", "telling",
    "said", "say", "going", "tell", "help", "sure", "right", "well", "oh", "hey", "guys", "lol", "team",
    # verbs and nouns every story uses: they name no reason
    "says", "saying", "told", "asked", "tried", "trying", "think", "thought", "getting", "looked", "look",
    "came", "went", "knew", "seen", "make", "made", "way", "thing", "things", "lot", "bit", "day", "days",
    "week", "weeks", "month", "months", "today", "yesterday", "time", "times", "morning", "afternoon",
    "regards", "cheers", "kind", "dear", "hiya", "touch", "writing", "concern", "problem",
    "good", "evening", "theres", "isnt", "wasnt", "arent", "havent", "hasnt", "wont", "couldnt", "wouldnt",
    "shouldnt", "whats", "hes", "shes", "weve", "theyre", "youve", "lets",
}
# Dates rise with the window they are in ("it went off on September 20th"): they name no reason.
CALENDAR = {
    *(name for names in english.MONTHS for name in names if name != "may"),  # "may" is also a verb
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend", "tonight", "tomorrow",
}
STOP = set(ENGLISH_STOP_WORDS) | FILLERS | CALENDAR
WORD = re.compile(r"[a-z]+-\d[a-z0-9]*|[a-z][a-z0-9']+")  # a code ("hw-3308") is one word
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
CACHE = 400_000  # statements whose per-text work is kept between questions


@lru_cache(maxsize=CACHE)
def content_words(text: str) -> tuple[str, ...]:
    """The words that carry meaning, in order. Cached: a store's statements are read by
    question after question, and this per-statement work is most of a question's time."""
    words = [w.replace("'", "") for w in WORD.findall(english.without_redactions(text).lower())]
    return tuple(w for w in words if w not in STOP and len(w) > 2 and not w.isdigit() and not ORDINAL.match(w))


REPEATED = re.compile(r"(.)\1+")


def gist(text: str) -> tuple[str, ...]:
    """What a statement says, as a key for telling repeats apart: its content words once its
    opening is set aside and doubled letters squeezed, so "alright, Voltera never turned up" and
    "Voltera neever turned up" are one."""
    return content_words(REPEATED.sub(r"\1", english.without_opening(text)))
