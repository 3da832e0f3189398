"""Checked prose: a model's text is shown only where each of its claims agrees with the analysis.

A claim is a sentence (a line of a list or table is one too). Its numbers belong to the
markers that follow them: "prices (2 → 27) [3] and outages (1 → 15) [9]" says 2 → 27 of
what [3] backs and 1 → 15 of what [9] backs. Each rule below says what makes a claim false;
the answer's ``backend.claims`` records every claim with the rule it broke and why:

- ``injection``: it gives orders or repeats words of a hostile excerpt;
- ``marker``: it cites an excerpt that does not exist;
- ``quote``: what it quotes is not what a cited excerpt (or the analysis) says;
- ``unmarked number``: it states a number of a cited thing (a driver, a theme, a segment)
  without citing it — only the population's own totals may stand unmarked;
- ``name``: it names a driver, theme or segment without citing it, or while citing another's
  excerpts, or beside the one it cites ("X and Y grew, 1 → 36 and 44% respectively [3]");
- ``pair``: a count pair ("5 → 5", "from 2 to 27") is not the cited thing's before and after;
- ``direction``: it says rose, fell or held flat of something that did not;
- ``number``: a number is not one of the cited things' (nor a total, nor in the quoted excerpt);
- ``role``, ``cause``, ``no theme grew``, ``measure``, ``definition``, ``joined``, ``share``,
  ``difference``: what its words mean
  disagrees with the analysis — a total given as a part's number, a flat reason given as a
  cause, a theme said to grow where none did, one measure's figure given as another's, the
  matching's similarity cut given as a share, numbers run together, a part more than its whole,
  a difference no two of its numbers differ by (``assistant/writing/roles.py``);
- ``percent``: a number written as a percentage is not one of the cited things' percentages (a
  share, a change, a rate): "a 25% increase" of a count that went 25 → 69 is false;
- ``span``: it gives a number of days, weeks, months or years that is not one of the windows'
  ("over multiple conversations spanning 9 months", 9 being a count);
- ``possessive``: it says whose something is ("Sarah's") where neither the analysis nor a cited
  excerpt does;
- ``winner``: it says one segment has more (or fewer, better, worse) than the analysis finds;
- ``month``: it names a month the analysis does not cover;
- ``empty`` / ``repeat``: it says nothing, or says an earlier claim again;
- ``unfinished``: the text's last claim stops mid-sentence (the model ran out of words).

The text is usable when every claim of it holds, it cites and it gives the headline numbers;
otherwise the composed text is shown instead, with the reason and the claims that failed: a text
with a claim taken out can mislead ("B grew most", once the sentence on A, which grew more, is
gone).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pydantic import BaseModel, Field

from assistant.text.hostile import obeys
from assistant.understanding.resolve import stem
from assistant.writing.claim_text import QUOTE, headline_numbers, months_in, plain, sentences, unquoted
from assistant.writing.clause import (
    FEWER,
    MEASURE_WORDS,
    MORE,
    WORD,
    Clause,
    Context,
    asserted,
    cited,
    clauses,
    markers_of,
    names,
    own_words,
    quoted_numbers,
    totals,
    unnamed,
)
from assistant.writing.compose_segments import MIN_RATE_BASE
from assistant.writing.facts import MEASURES, Fact, Facts, normal, numbers_in, percents_in
from assistant.writing.roles import (
    cause,
    day,
    definition,
    difference,
    invented_cause,
    joined,
    measure,
    money,
    no_theme_grew,
    possessive,
    predicate,
    reported,
    role,
    share,
    stated_difference,
)
from convoscope.models import ClaimVerdict

__all__ = ["Checked", "check", "clauses", "headline_numbers", "numbers_in"]

_TABLE_RULE = re.compile(r"^\s*\|[\s|:-]*\|\s*$")
_UP_FROM = re.compile(r"(\d[\d,]*)[^.\[\d]*?\b(?:up|down|rose|risen|increased|grew|fell|dropped|decreased)\s+from\s+"
                      r"(?:a\s+total\s+of\s+|the\s+)?(\d[\d,]*)", re.I)
_PAIR = re.compile(r"(\d[\d,]*)\**(?:\s+(?:in|during)\s+[A-Za-z]+(?:\s+\d{4})?)?\s*(?:→|->|\bto\b)\s*\**(\d[\d,]*)")
MIN_WORDS = 2
QUALITY = {"better", "best", "worse", "worst"}
SUPERLATIVE = {"most", "highest", "largest", "biggest", "best", "fewest", "least", "lowest", "smallest", "worst"}


class Checked(BaseModel):
    text: str
    kept: int
    claims: list[ClaimVerdict] = Field(default_factory=list)
    usable: bool
    reason: str | None = None  # why the text is not usable

    @property
    def dropped(self) -> list[str]:
        return [c.text for c in self.claims if not c.supported]


# --- the rules: each returns why a clause is false, or None ---------------------------------


def unmarked_number(clause: Clause, ctx: Context) -> str | None:
    if clause.markers:
        return None
    free = {n for f in ctx.facts.facts if f.kind in ("total", "caveat") or not f.markers for n in f.numbers}
    stray = sorted(numbers_in(clause.text) - ctx.facts.times - free, key=float)
    if stray:
        return f"it states {', '.join(stray)} without citing the excerpts that back it"
    return None


def number(clause: Clause, ctx: Context) -> str | None:
    if not clause.markers:
        return None
    allowed = {n for f in cited(clause, ctx) for n in f.numbers} | totals(ctx) | _true_difference(clause, ctx)
    stray = sorted(numbers_in(clause.text) - allowed - ctx.facts.times - quoted_numbers(clause, ctx), key=float)
    if not stray:
        return None
    owners = [f.label for f in ctx.facts.facts if stray[0] in f.numbers]
    whose = f" (it is the number of “{owners[0]}”)" if owners else " (it is not in the analysis)"
    return f"{stray[0]} is not a number of what {markers_of(clause)} backs{whose}"


def _true_difference(clause: Clause, ctx: Context) -> set[str]:
    """The difference a clause states, when two of its numbers do differ by it ("81 more than")."""
    stated = stated_difference(clause, ctx)
    return {stated[0]} if stated and stated[2] else set()


def percent(clause: Clause, ctx: Context) -> str | None:
    said = percents_in(clause.text)
    if not said:
        return None
    allowed = {n for f in cited(clause, ctx) for n in f.percents}  # unmarked: only what cites nothing
    allowed |= totals(ctx, percents=True) | {n for f in ctx.facts.facts if not f.markers for n in f.percents}
    allowed |= _true_difference(clause, ctx)
    stray = sorted(said - allowed - quoted_numbers(clause, ctx), key=float)
    if not stray:
        return None
    owners = [f.label for f in ctx.facts.facts if stray[0] in f.numbers]
    what = f" (it is a count of “{owners[0]}”)" if owners else ""
    return f"{stray[0]}% is not a percentage of what {markers_of(clause) or 'the analysis'} backs{what}"


_SPAN = re.compile(r"(?<![\w.])(\d[\d,]*)\s+(?:calendar\s+)?(?:days?|weeks?|months?|years?)\b", re.I)


def span(clause: Clause, ctx: Context) -> str | None:
    said = {normal(m.group(1)) for m in _SPAN.finditer(unnamed(clause.text))}  # not in a label or quote
    labels = {n for f in cited(clause, ctx) for n in numbers_in(f.label)}  # "3 years i think i deserve …"
    stray = sorted(said - ctx.facts.times - labels - quoted_numbers(clause, ctx), key=float)
    if not stray:
        return None
    windows = ", ".join(sorted(ctx.facts.months)) or "none"
    return f"{stray[0]} is not a length of time the analysis gives (its windows: {windows})"


def _pairs_said(text: str) -> list[tuple[int, int]]:
    """The changes a clause states: "58 to 137", "2 → 27", and "69 …, up from 362" (362 → 69)."""
    said = [(int(normal(m.group(1))), int(normal(m.group(2)))) for m in _PAIR.finditer(text)]
    return said + [(int(normal(m.group(2))), int(normal(m.group(1)))) for m in _UP_FROM.finditer(text)]


def pair(clause: Clause, ctx: Context) -> str | None:
    facts = [f for f in cited(clause, ctx) if f.pairs] + [f for f in ctx.facts.facts if f.kind == "total" and f.pairs]
    text = re.sub(r"\*\*", "", clause.text)
    if not facts:  # the analysis gives no change: a claim of one ("up from 399 total") is the model's own
        if not any(f.pairs for f in ctx.facts.facts):
            for said in _pairs_said(text):
                if not {str(said[0]), str(said[1])} <= ctx.facts.times:
                    return f"“{said[0]} → {said[1]}” is a change, and the analysis compares no periods"
        return None
    known = {p for f in facts for p in f.pairs}
    for said in _pairs_said(text):
        if said in known or {str(said[0]), str(said[1])} <= ctx.facts.times:
            continue
        backed = [f for f in facts if f.kind != "total"] or facts
        b, c = next(iter(backed[0].pairs))
        return f"“{said[0]} → {said[1]}” is not what {markers_of(clause)} backs (“{backed[0].label}”: {b} → {c})"
    return None


def direction(clause: Clause, ctx: Context) -> str | None:
    """Every direction a claim states is that of a fact it cites: "held at 15 …, a steady
    increase" of a fact that went 15 → 15 states two, one of them false."""
    text = re.sub(r"\bup to\b", " ", clause.text, flags=re.I)  # "up to 40": as many as
    for f in cited(clause, ctx):  # a label's own words ("my bill jumped") are the customers', not a direction
        text = re.sub(re.escape(f.label), " ", text, flags=re.I) if f.label else text
    said = asserted(text)
    if said - {"flat"} and not any(f.direction for f in ctx.facts.facts):
        return f"it says {'/'.join(sorted(said))}, and the analysis compares no periods"
    facts = [f for f in cited(clause, ctx) if f.direction]
    stated = set(_pairs_said(re.sub(r"\*\*", "", clause.text)))  # "fell from 58 to 54, though … held flat [1]":
    facts += [f for f in ctx.facts.facts if f.kind == "total" and f.pairs & stated and f not in facts]  # the total's
    wrong = said - {f.direction for f in facts}
    if not facts or not wrong:
        return None
    f = next((f for f in facts if f.direction not in wrong), facts[0]) if len(said) > 1 else facts[0]
    b, c = next(iter(f.pairs)) if f.pairs else (0, 0)
    return f"it says {' and '.join(sorted(said))} of “{f.label}”, which went {b} → {c}"


def _words(clause: Clause, ctx: Context, beyond_excerpts: bool = False) -> set[str]:
    """The claim's words (markers left out); ``beyond_excerpts``: less what its cited excerpts
    themselves say, which a claim may say."""
    words = set(WORD.findall(re.sub(r"\[\d+\]", " ", clause.text).lower()))
    if beyond_excerpts:
        words -= set(WORD.findall(" ".join(ctx.citations.get(n, "") for n in clause.markers).lower()))
    return words


def name(clause: Clause, ctx: Context) -> str | None:
    if not clause.markers:  # a driver, theme or segment spoken of must be cited (unless it has nothing to cite)
        words = _words(clause, ctx)
        for fact in ctx.facts.facts:
            if fact.kind in ("driver", "flat", "theme", "segment") and fact.markers and names(fact, words, ctx):
                return f"it speaks of “{fact.label}” without citing its excerpts"
        return None
    backed = cited(clause, ctx)
    if not backed:
        return None
    words = _words(clause, ctx, beyond_excerpts=True)
    if any(names(f, words, ctx) for f in backed):
        return None
    for fact in ctx.facts.facts:
        if fact.kind in ("driver", "flat", "theme", "segment") and fact not in backed and names(fact, words, ctx):
            return f"it speaks of “{fact.label}” but cites {markers_of(clause)}, which back “{backed[0].label}”"
    return None


def also_named(clause: Clause, ctx: Context) -> str | None:
    """A reason named beside the cited one, uncited: "X and Y grew, with 1 → 36 and 44%
    respectively [3]", where [3] backs X only (its numbers are then read as X's)."""
    backed = cited(clause, ctx)
    if not backed:
        return None
    own = {stem(w) for f in backed for w in f.words}  # "Junk Emails" does not name "… it says an email"
    words = {w for w in _words(clause, ctx, beyond_excerpts=True) if stem(w) not in own}
    for fact in ctx.facts.facts:
        if fact.kind in ("driver", "flat", "theme") and fact not in backed and names(fact, words, ctx):
            return f"it speaks of “{fact.label}” too, but cites only {markers_of(clause)} (“{backed[0].label}”)"
    return None


def winner(clause: Clause, ctx: Context) -> str | None:
    segments = ctx.facts.segments()
    text = re.sub(r"\[\d+\]", " ", clause.text).lower()
    words = set(WORD.findall(text))
    wants_more, wants_fewer = bool(words & MORE), bool(words & FEWER)
    if not segments or wants_more == wants_fewer:
        return None
    named = sorted((f for f in segments if names(f, words, ctx)),
                   key=lambda f: min((text.find(w) for w in ctx.facts.distinctive(f) if w in words), default=len(text)))
    if not named:
        return None
    measure = next((key for key, pattern in MEASURE_WORDS if re.search(pattern, text)), "count")
    if words & QUALITY and not MEASURES.get(measure, True):
        wants_more = not wants_more  # "better" on escalations or handle time means fewer
    field = [f for f in (named if len(named) > 1 else segments) if measure in f.values
             and (measure == "count" or f.values.get("conversations", 0) >= MIN_RATE_BASE)]  # a rate needs a base
    first = named[0]
    if measure not in first.values or len(field) < 2:
        return None
    best = (max if wants_more else min)(f.values[measure] for f in field)
    tied = [f for f in field if f is not first and f.values[measure] == best and f not in named[1:]]
    if first.values[measure] == best and tied and len(named) == 1 and words & SUPERLATIVE:
        return (f"it says {first.label} has the {'most' if wants_more else 'fewest'}, but {tied[0].label} "
                f"has as many ({_value(tied[0], measure)})")  # a tie is not a win
    if first.values[measure] == best:
        return None
    leader = next(f for f in field if f.values[measure] == best)
    return (f"it says {first.label} {'leads' if wants_more else 'trails'} on {measure.replace('_', ' ')}, "
            f"but {leader.label} does ({_value(leader, measure)} against {_value(first, measure)})")


def _value(fact: Fact, measure: str) -> str:
    v = fact.values[measure]
    return f"{v:.0%}" if measure in ("share", "resolved", "escalated") else f"{v:g}"


def quotes(claim: str, ctx: Context) -> str | None:
    """Every quote is a customer's words as written in a cited excerpt (or the analysis's own
    words, like a topic's label); a quote cut short ends in "…"."""
    excerpts = [plain(t) for t in ctx.citations.values()]
    composed = plain(ctx.composed)
    for quote in QUOTE.findall(claim):
        said = plain(quote).rstrip("…").strip()
        if said and not any(said in e for e in excerpts) and said not in composed:
            return f"“{quote[:60]}” is not what any cited excerpt says"
    return None


# in the order they are tried: the first that fails says why, most telling first
CLAUSE_RULES: list[tuple[str, Callable[[Clause, Context], str | None]]] = [
    ("unmarked number", unmarked_number), ("name", name), ("pair", pair), ("cause", cause),
    ("direction", direction), ("difference", difference), ("share", share), ("number", number), ("role", role),
    ("invented cause", invented_cause),
    ("no theme grew", no_theme_grew), ("percent", percent), ("measure", measure), ("definition", definition),
    ("span", span), ("winner", winner), ("name", also_named), ("joined", joined), ("day", day), ("money", money),
    ("predicate", predicate), ("reported", reported), ("possessive", possessive),
]
_FINISHED = re.compile(r"(?:[.!?…:;_*|)\]”\"']|\[\d+\])\s*$")  # how a finished claim, line or table row ends


def _key(claim: str) -> str:
    """What a claim says, to find it said again (a quote with its own excerpt is not a repeat)."""
    key = " ".join(re.findall(r"[A-Za-z]{2,}", re.sub(r"\[\d+\]", " ", claim).lower()))
    return key + " " + " ".join(re.findall(r"\[\d+\]", claim)) if QUOTE.search(claim) or claim.startswith("|") else key


def verdict(claim: str, ctx: Context, seen: set[str]) -> ClaimVerdict:
    """Whether ``claim`` holds, and if not, the first rule it breaks and why."""
    markers = sorted({int(n) for n in re.findall(r"\[(\d+)\]", claim)})

    def false(rule: str, why: str) -> ClaimVerdict:
        return ClaimVerdict(text=claim, markers=markers, supported=False, rule=rule, why=why)

    if obeys(claim, ctx.hostile):
        return false("injection", "it follows or repeats what a hostile excerpt says")
    missing = [n for n in markers if n not in ctx.citations]
    if missing:
        return false("marker", f"it cites [{missing[0]}], which is not an excerpt of this answer")
    why = quotes(claim, ctx)
    if why:
        return false("quote", why)
    for clause in clauses(claim):
        for rule, test in CLAUSE_RULES:
            why = test(clause, ctx)
            if why:
                return false(rule, why)
    months = months_in(unquoted(claim)) - ctx.facts.months
    if months:
        return false("month", f"it names {sorted(months)[0].title()}, which the analysis does not cover")
    key = _key(claim)
    if len(key.split()) < MIN_WORDS and not claim.startswith("|"):  # a table row says its numbers
        return false("empty", "it says nothing")
    if key in seen:
        return false("repeat", "it says an earlier claim again")
    return ClaimVerdict(text=claim, markers=markers, supported=True)


def check(text: str, facts: Facts, citations: dict[int, str], headline: set[str] | None = None,
          hostile: list[str] | None = None, composed: str = "") -> Checked:
    """Keep the claims that hold; lines keep their layout. ``citations``: marker -> excerpt text.
    A claim that gives orders, carries markup or repeats words of a ``hostile`` excerpt
    (``assistant/text/hostile.py``) is removed too: transcript text is data, never instructions."""
    ctx = Context(facts, citations, hostile or [], composed, frozenset(own_words(composed)))
    verdicts: list[ClaimVerdict] = []
    lines, seen = [], set()
    for line in text.splitlines():
        if _TABLE_RULE.match(line):  # a table's rule line: layout, not a claim
            lines.append(line.strip())
            continue
        survivors = []
        for claim in sentences(line):
            v = verdict(claim, ctx, seen)
            verdicts.append(v)
            if v.supported:
                seen.add(_key(claim))
                survivors.append(claim)
        if survivors or not line.strip():
            lines.append(" ".join(survivors))
    if verdicts and verdicts[-1].supported and not _FINISHED.search(verdicts[-1].text):  # cut off: dropped
        cut = verdicts[-1].text
        verdicts[-1] = verdicts[-1].model_copy(update={"supported": False, "rule": "unfinished",
                                                      "why": "it stops mid-sentence"})
        at = max(i for i, line in enumerate(lines) if cut in line)
        lines[at] = "".join(lines[at].rsplit(cut, 1)).rstrip()
    shown = "\n".join(lines).strip()
    kept = [v for v in verdicts if v.supported]
    failed = len(verdicts) - len(kept)
    reason = None
    if not kept:
        reason = "no claim of it passed the check" if failed else "it wrote nothing"
    elif not any(v.markers for v in kept):
        reason = "it cited no excerpt"
    elif failed:  # all or nothing: without a claim it took out, what is left can mislead ("B grew most",
        # once the sentence on A, which grew more, is gone)
        reason = f"{failed} of its {len(verdicts)} claims did not agree with the analysis"
    elif headline and not headline <= numbers_in(shown):
        reason = f"it left out the headline numbers ({', '.join(sorted(headline, key=float))})"
    return Checked(text=shown, kept=len(kept), claims=verdicts, usable=reason is None, reason=reason)
