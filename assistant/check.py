"""Checked prose: a model's text is shown only where every marker and number is backed.

Every ``[n]`` must name an existing citation and every number must appear in the
analysis. A sentence that fails is dropped; when too little survives (no cited sentence
left, or most sentences dropped) the composed text is used instead.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

_MARKER = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"(?<![\w.])[-+]?\d[\d,]*(?:\.\d+)?")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


class Checked(BaseModel):
    text: str
    kept: int
    dropped: list[str] = Field(default_factory=list)
    usable: bool


def numbers_in(text: str) -> set[str]:
    """Numbers in ``text``, normalised ("1,204" → "1204", "+130" → "130"); markers excluded."""
    without_markers = _MARKER.sub(" ", text)
    return {m.group(0).replace(",", "").lstrip("+-") for m in _NUMBER.finditer(without_markers)}


def check(text: str, allowed_numbers: set[str], citations: set[int]) -> Checked:
    """Keep the sentences whose markers and numbers are all backed; lines keep their layout."""
    kept, dropped, lines = [], [], []
    for line in text.splitlines():
        survivors = []
        for sentence in (s.strip() for s in _SENTENCE.split(line)):
            if not sentence:
                continue
            markers = {int(n) for n in _MARKER.findall(sentence)}
            if markers - citations or numbers_in(sentence) - allowed_numbers:
                dropped.append(sentence)
            else:
                survivors.append(sentence)
        kept += survivors
        if survivors or not line.strip():
            lines.append(" ".join(survivors))
    cited = any(_MARKER.search(s) for s in kept)
    usable = bool(kept) and cited and len(dropped) <= len(kept)
    return Checked(text="\n".join(lines).strip(), kept=len(kept), dropped=dropped, usable=usable)
