"""How the claim check reads text: a model's lines cut into claims, what a claim quotes, the
numbers a composed answer leads with (`assistant/writing/check.py` holds the rules)."""

from __future__ import annotations

import re

from assistant.writing.facts import normal

_BOLD_NUMBER = re.compile(r"\*\*([-+]?\d[\d,]*(?:\.\d+)?)\*\*")
_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
QUOTE = re.compile(r"“([^”]*)”")


def headline_numbers(composed: str) -> set[str]:
    """The numbers the composed answer leads with (bold in its first paragraph)."""
    first = composed.strip().split("\n\n", 1)[0]
    return {normal(n) for n in _BOLD_NUMBER.findall(first)}


def months_in(text: str) -> set[str]:
    return {m.lower() for m in _MONTH.findall(text)}


def unquoted(text: str) -> str:
    """``text`` without what it quotes: a customer's words are checked as a quote, not as claims."""
    return QUOTE.sub(" ", text)


def plain(text: str) -> str:
    """Text as a reader sees it: Markdown escapes and emphasis gone, spaces collapsed."""
    return " ".join(re.sub(r"\\(.)", r"\1", text).replace("**", "").split()).lower()


def sentences(line: str) -> list[str]:
    """A line cut into claims: at sentence ends outside quotes; a table row is one claim."""
    if line.lstrip().startswith("|"):
        return [line.strip()]
    out, start, depth = [], 0, 0
    for i, ch in enumerate(line):
        depth += ch == "“"
        depth -= ch == "”" and depth > 0
        if ch in ".!?" and not depth and i + 1 < len(line) and line[i + 1].isspace():
            out.append(line[start:i + 1])
            start = i + 1
    out.append(line[start:])
    return [s.strip() for s in out if s.strip()]
