"""Checked prose: a model's text is shown only where every marker, number and month is backed.

Every ``[n]`` must name an existing citation, every number must appear in the analysis and
so must every month named. A sentence that fails is dropped, and so is one that repeats an
earlier sentence or is too short to say anything. The text is usable when it still cites,
still gives the analysis's headline numbers, and most of it survived; otherwise the
composed text is used instead, with the reason.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from assistant.text.hostile import obeys

_MARKER = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"(?<![\w.])[-+]?\d[\d,]*(?:\.\d+)?")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_BOLD_NUMBER = re.compile(r"\*\*([-+]?\d[\d,]*(?:\.\d+)?)\*\*")
_MONTH = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b", re.I)
_WORD = re.compile(r"[A-Za-z]{2,}")
MIN_WORDS = 2


class Checked(BaseModel):
    text: str
    kept: int
    dropped: list[str] = Field(default_factory=list)
    usable: bool
    reason: str | None = None  # why the text is not usable


def _normal(number: str) -> str:
    return number.replace(",", "").lstrip("+-")


def numbers_in(text: str) -> set[str]:
    """Numbers in ``text``, normalised ("1,204" → "1204", "+130" → "130"); markers excluded."""
    without_markers = _MARKER.sub(" ", text)
    return {_normal(m.group(0)) for m in _NUMBER.finditer(without_markers)}


def headline_numbers(composed: str) -> set[str]:
    """The numbers the composed answer leads with (bold in its first paragraph)."""
    first = composed.strip().split("\n\n", 1)[0]
    return {_normal(n) for n in _BOLD_NUMBER.findall(first)}


def months_in(text: str) -> set[str]:
    return {m.lower() for m in _MONTH.findall(text)}


def _key(sentence: str) -> str:
    return " ".join(_WORD.findall(_MARKER.sub(" ", sentence).lower()))


def _fault(
    sentence: str, numbers: set[str], citations: set[int], months: set[str] | None, seen: set[str], hostile: list[str],
) -> str | None:
    if obeys(sentence, hostile):
        return "injection"
    if {int(n) for n in _MARKER.findall(sentence)} - citations:
        return "marker"
    if numbers_in(sentence) - numbers:
        return "number"
    if months is not None and months_in(sentence) - months:
        return "month"
    key = _key(sentence)
    if len(key.split()) < MIN_WORDS:
        return "empty"
    if key in seen:
        return "repeat"
    return None


def check(
    text: str, allowed_numbers: set[str], citations: set[int], headline: set[str] | None = None,
    months: set[str] | None = None, hostile: list[str] | None = None,
) -> Checked:
    """Keep the sentences whose markers, numbers and months are all backed; lines keep their layout.
    A sentence that gives orders, carries markup or repeats words of a ``hostile`` excerpt
    (``assistant/text/hostile.py``) is dropped too: transcript text is data, never instructions."""
    kept, dropped, lines, seen = [], [], [], set()
    for line in text.splitlines():
        survivors = []
        for sentence in (s.strip() for s in _SENTENCE.split(line)):
            if not sentence:
                continue
            if _fault(sentence, allowed_numbers, citations, months, seen, hostile or []):
                dropped.append(sentence)
            else:
                seen.add(_key(sentence))
                survivors.append(sentence)
        kept += survivors
        if survivors or not line.strip():
            lines.append(" ".join(survivors))
    shown = "\n".join(lines).strip()
    reason = None
    if not kept:
        reason = "no sentence of it passed the check" if dropped else "it wrote nothing"
    elif not any(_MARKER.search(s) for s in kept):
        reason = "it cited no excerpt"
    elif len(dropped) > len(kept):
        reason = (f"{len(dropped)} of its {len(dropped) + len(kept)} sentences cited excerpts that do not exist, "
                  "used numbers or months not in the analysis, or repeated themselves")
    elif headline and not headline <= numbers_in(shown):
        reason = f"it left out the headline numbers ({', '.join(sorted(headline, key=float))})"
    return Checked(text=shown, kept=len(kept), dropped=dropped, usable=reason is None, reason=reason)
