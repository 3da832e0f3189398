"""What people say between the digits of a number they read out, and what it means for the digits.

General English speech, no business's vocabulary. Four kinds (``spoken.py`` reads them):

- a **correction**: the digits just before it may be wrong ("two zero four nine sorry eight one",
  "five three no wait six six", "sorry wrong one");
- a **pause**: the digits stand ("let me see", "hang on", "let me check", "sorry where was i",
  "one sec", "hold on let me find it");
- a **read-on**: a word said while reading on, counted only between digits said one by one, where
  it cannot be the end of one number and the start of another ("oh four three four yeah two five",
  "and then"); "right", "okay", "so", which also close what was said, only after a group of a few digits
  ("eight six right one four", not "… seven five nine right six oh one …");
- a **resume**: after a correction, the words that bring the number back ("scratch that it is
  eight one", "no okay try this four four").
"""

from __future__ import annotations

from collections.abc import Sequence

FILLERS = frozenset({"uh", "um", "umm", "er", "erm", "ah", "hmm"})
CORRECTIONS = (("no", "wait"), ("i", "mean"), ("sorry",), ("no",), ("wait",), ("actually",), ("scratch", "that"),
               ("let", "me", "start", "again"), ("let", "me", "start", "over"), ("start", "again"),
               ("start", "over"), ("from", "the", "top"), ("oops",), ("wrong", "number"), ("wrong", "one"),
               ("my", "bad"))
PAUSES = (("let", "me", "see"), ("let", "me", "check"), ("let", "me", "find", "it"), ("let", "me", "look"),
          ("hang", "on"), ("hold", "on"), ("bear", "with", "me"), ("where", "was", "i"), ("sorry", "where", "was", "i"),
          ("one", "sec"), ("one", "second"), ("one", "moment"), ("just", "a", "sec"), ("just", "a", "second"),
          ("give", "me", "a", "sec"), ("give", "me", "a", "second"))
READ_ON = (("yeah",), ("and", "then"), ("like",), ("huh",), ("mhm",))
CLOSINGS = (("right",), ("okay",), ("ok",), ("so",))  # read-ons that also close what was said: only after a group
RESUMES = (("it", "is"), ("try", "this"))
KINDS = (("pause", PAUSES), ("correction", CORRECTIONS), ("read_on", READ_ON), ("closing", CLOSINGS),
         ("resume", RESUMES))
# what may stand between the digits of one number
WORDS = frozenset(word for _, phrases in KINDS for phrase in phrases for word in phrase) | FILLERS
# digits said one by one before a closing read-on, at most: more ends one number before another ("… seven five
# nine right six oh one …")
MAX_CHUNK = 5
# "one" is a digit, unless a pause noun follows it: "nine six one sec two two"
PAUSE_NOUNS = frozenset(phrase[1] for phrase in PAUSES if phrase[0] == "one")


def phrase_at(words: Sequence[str], k: int) -> tuple[int, str] | None:
    """The longest phrase that starts at ``words[k]``: its length and kind; None when none does."""
    found = [(len(phrase), kind) for kind, phrases in KINDS for phrase in phrases
             if tuple(words[k:k + len(phrase)]) == phrase]
    return max(found, key=lambda f: f[0]) if found else None


def pauses_on_one(word: str, after: str | None) -> bool:
    """Whether ``word``, with ``after`` next (None at the end), is the "one" that opens a pause ("one sec")
    rather than a digit read out."""
    return word == "one" and after in PAUSE_NOUNS
