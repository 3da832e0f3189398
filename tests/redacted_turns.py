"""A conversation's turns as ingest would store them: each turn with its findings replaced by their tokens."""

from __future__ import annotations

from ingest.pii import Redactor


def redacted_turns(redactor: Redactor, turns: list[tuple[str, str]]) -> list[str]:
    """``turns`` (text, speaker) redacted as ``Redactor.find_turns`` reads them, in order."""
    out = []
    for (text, _), found in zip(turns, redactor.find_turns(turns), strict=True):
        for f in sorted(found, key=lambda f: -f.start):
            text = text[:f.start] + f.token + text[f.end:]
        out.append(text)
    return out
