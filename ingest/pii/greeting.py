"""The business's name in an agent's greeting, and the agent's own name after it: "hi brightkey
locksmiths shona speaking", "good morning saffron and sage events youre speaking with olivia", "Hey,
Joris at Pressmark, what can I do for you?". Said without punctuation, the business's words run
into the agent's name and read as one person's ("brightkey locksmiths shona"), the customer's
addressee in an agent's turn, redacted here and wherever the words recur. The business's words are
no one's name; the agent's is the agent's own (kept, as the module ``ingest/pii/__init__.py`` says)."""

from __future__ import annotations

import re

from ingest.pii.names import Name

_HELLO = r"(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|morning|afternoon|evening)"
_WORD = r"[^\W\d_][\w&'’.-]*"
# a word of the business's name: none that says who is speaking or to whom ("hello mr patel it's tom from billing")
_NAMES_WORD = (r"(?!(?:mr|mrs|ms|mx|dr|miss|its|it's|it|this|is|from|at|with|you|your|my|i|i'm|im|this|thanks|thank)\b)"
               rf"{_WORD}")
# a greeting, the business's name (two to five words, no comma: "hi maria, tom speaking" greets the customer), then
# "<name> speaking/here" or "you're speaking with <name>"
_SPEAKING = re.compile(
    rf"^[ \t]*{_HELLO}[ \t,!]+(?:(?:thanks|thank you) for calling[ \t]+|welcome to[ \t]+)?"
    rf"(?P<company>(?:{_NAMES_WORD}[ \t]+){{2,5}}?)"
    rf"(?:(?:(?:you're|youre|you are)[ \t]+(?:speaking|talking|through)[ \t]+(?:with|to)[ \t]+)(?P<with>{_WORD})"
    rf"|(?P<name>{_WORD})[ \t,]+(?:speaking|here)\b)",
    re.I,
)
# "Hey, Joris at Pressmark, what can I do for you?": the agent's name, then the business's
_AT = re.compile(rf"^[ \t]*{_HELLO}[ \t,!]+(?P<name>{_WORD})[ \t]+(?:at|from)[ \t]+"
                 rf"(?P<company>{_WORD}(?:[ \t]+{_WORD}){{0,4}}?)[ \t]*[,.!-]+[ \t]*(?:what|how)[ \t]+can[ \t]+i\b",
                 re.I)


def greeted(text: str, found: list[Name]) -> list[Name]:
    """``found`` (the names of an agent's turn) less the business's words of its greeting, with the
    agent's own name as its own ("self")."""
    match = _SPEAKING.match(text) or _AT.match(text)
    if match is None:
        return found
    group = "with" if match.groupdict().get("with") else "name"
    company, own = match.span("company"), match.span(group)
    kept = [n for n in found if n.end <= company[0] or n.start >= company[1]]
    kept = [n for n in kept if not (n.start < own[1] and own[0] < n.end)]
    return sorted([*kept, Name(*own, "self")])
