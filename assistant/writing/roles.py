"""Rules that read what a claim's words mean, beyond its numbers (``assistant/writing/check.py``
runs them with the others):

- ``role``: a total given as the number of a part: "installer left without finishing, in 48
  conversations [1]", where 48 is every matching conversation and [1] backs a theme of 5
  ("5 of 48" states the part's own number and is fine);
- ``cause``: a reason that held flat given as a cause ("fell 7 % due to … [1]", [1] flat);
- ``no theme grew``: a theme or reason said to grow where the analysis found none that did.
"""

from __future__ import annotations

import re

from assistant.writing.claim_text import unquoted
from assistant.writing.clause import (
    NOT,
    Clause,
    Context,
    cited,
    directions,
    markers_of,
    own_words,
    parts,
    quoted_numbers,
    totals,
)
from assistant.writing.facts import numbers_in

# how prose speaks of what the analysis breaks a total into
THEME_WORDS = {"theme", "themes", "reason", "reasons", "driver", "drivers", "factor", "factors", "topic", "topics",
               "cause", "causes", "issue", "issues"}
_CAUSE = re.compile(r"\b(?:due to|because|owing to|thanks to|driven by|drove|drives|driving|caused|causing|"
                    r"led to|leading to|behind|fuell?ed by|fuell?ing|accounts? for|accounted for|explains?|"
                    r"explained|contribut\w+|resulted from|result of)\b", re.I)


def role(clause: Clause, ctx: Context) -> str | None:
    named = parts(clause, ctx)
    if not named or len(named) < len(cited(clause, ctx)):  # it cites the total too, or nothing but it
        return None
    said = numbers_in(clause.text) - ctx.facts.times - quoted_numbers(clause, ctx)
    if said & {n for f in named for n in f.numbers}:  # "5 of 48": the part's own number beside the total's
        return None
    if any({str(b), str(c)} <= said for f in ctx.facts.facts if f.kind == "total" for b, c in f.pairs):
        return None  # "fell from 58 to 54, though … held flat [1]": the total's own change, named as such
    stray = sorted(said & totals(ctx), key=float)
    if not stray:
        return None
    what = f"{stray[0]}% is the change" if stray[0] in totals(ctx, percents=True) else f"{stray[0]} is the number"
    return f"{what} of all the matching conversations, not of “{named[0].label}”, which {markers_of(clause)} backs"


def cause(clause: Clause, ctx: Context) -> str | None:
    flat = [f for f in parts(clause, ctx) if f.kind == "flat"]
    if not flat or any(f.kind == "driver" for f in cited(clause, ctx)) or own_words(clause.text) & NOT:
        return None
    if not _CAUSE.search(unquoted(clause.text)):
        return None
    b, c = next(iter(flat[0].pairs)) if flat[0].pairs else (0, 0)
    return f"it gives “{flat[0].label}” as a cause, but it held flat ({b} → {c})"


def no_theme_grew(clause: Clause, ctx: Context) -> str | None:
    total = next((f for f in ctx.facts.facts if f.kind == "total"), None)
    if total is None or total.direction is None or any(f.kind == "driver" for f in ctx.facts.facts):
        return None
    words = own_words(clause.text)
    if not words & THEME_WORDS or not directions(clause.text) - {"flat"} or words & NOT:
        return None
    return "it says a theme grew or fell, but the analysis found none that changed more than the rest"
