"""Whether a phrase of the question is a name in the store's data (a product, a partner, a place,
an error code): what decides a population by itself, before any meaning."""

from __future__ import annotations

import re

import numpy as np

from vectorstore.statements import Statements

NAME_CAPITALISED = 0.8  # of the mentions in text that has capitals: typed, a name is capitalised almost always


def is_name(said: Statements, term: str, rows: np.ndarray) -> bool:
    """Whether ``term`` is a name in the data: a code with digits, or written capitalised by
    most customers who write it (not counting the start of a sentence, nor text with no capitals)."""
    if any(c.isdigit() for c in term):
        return True
    texts = said.memo.texts if said.memo is not None else said.texts
    pattern = re.compile(rf"(?<![\w]){re.escape(term)}(?![\w])", re.I)
    capitalised = total = 0
    for r in rows[:200].tolist():
        if (text := texts[r]).islower():  # a transcript or a chat typed in lower case says nothing of names
            continue
        for m in pattern.finditer(text):
            before = text[:m.start()].rstrip()
            if not before or before[-1] in ".!?:\"'(":
                continue
            total += 1
            capitalised += m.group(0)[:1].isupper()
    return total >= 1 and capitalised / total >= NAME_CAPITALISED
