"""The business's name in an agent's greeting, and the agent's own name after it: "hi brightkey
locksmiths shona speaking", "good morning saffron and sage events youre speaking with olivia", "Hey,
Joris at Pressmark, what can I do for you?", "Good morning, Skywatch Optics, my name's Ravi". Said
without punctuation, the business's words run into the agent's name and read as one person's
("brightkey locksmiths shona"), the customer's addressee in an agent's turn, redacted here and
wherever the words recur. The business's words are no one's name; the agent's is the agent's own
(kept, as the module ``ingest/pii/__init__.py`` says)."""

from __future__ import annotations

import re

from ingest.pii.given import Lists, fold
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
# "Good morning, Skywatch Optics, my name's Ravi": the business's name, then the agent's own introduced; the same
# words greet a customer ("Hello Omar, my name's Jordan"), so the business's words must be no one's given name
_INTRODUCED = re.compile(
    rf"^[ \t]*{_HELLO}[ \t,!]+(?P<company>(?:{_NAMES_WORD}[ \t]+){{0,4}}{_NAMES_WORD})[ \t]*[,.!-]*[ \t]+"
    rf"(?:my[ \t]+name(?:['’]?s|[ \t]+is)|i['’]?m|i[ \t]+am|this[ \t]+is)[ \t]+(?P<name>{_WORD})",
    re.I,
)
# "Hey, Joris at Pressmark, what can I do for you?": the agent's name, then the business's (said: no comma)
_AT = re.compile(rf"^[ \t]*{_HELLO}[ \t,!]+(?P<name>{_WORD})[ \t]+(?:at|from)[ \t]+"
                 rf"(?P<company>{_WORD}(?:[ \t]+{_WORD}){{0,4}}?)[ \t]*[,.!-]*[ \t]*(?:what|how)[ \t]+can[ \t]+i\b",
                 re.I)


def greeted(text: str, found: list[Name], lists: Lists = (frozenset(), frozenset())) -> list[Name]:
    """``found`` (the names of an agent's turn) less the business's words of its greeting, with the
    agent's own name as its own ("self"). ``lists``: the given names a business's words are not."""
    match = _SPEAKING.match(text) or _AT.match(text) or _introduced(text, lists)
    if match is None:
        return found
    group = "with" if match.groupdict().get("with") else "name"
    company, own = match.span("company"), match.span(group)
    kept = [n for n in found if n.end <= company[0] or n.start >= company[1]]
    whole = [n for n in kept if n.start < own[1] and own[0] < n.end]  # "my name's ruby reid": all of it
    own = (min([own[0], *(n.start for n in whole)]), max([own[1], *(n.end for n in whole)]))
    kept = [n for n in kept if n not in whole]
    return sorted([*kept, Name(*own, "self")])


def _introduced(text: str, lists: Lists) -> re.Match[str] | None:
    """A greeting of the business's words then the agent's introduced name, where no word of the
    business's is a given name (which would be the customer's, greeted)."""
    match = _INTRODUCED.match(text)
    if match is None or any(fold(word) in lists[0] for word in match.group("company").split()):
        return None
    return match
