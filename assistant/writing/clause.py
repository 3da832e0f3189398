"""What a claim's rules read (``assistant/writing/check.py`` and ``roles.py``): a claim cut into
clauses, each with the markers its numbers belong to; the analysis's facts those markers cite;
the words prose uses for a direction, a negation and the parts of a total."""

from __future__ import annotations

import re
from typing import NamedTuple

from assistant.understanding.resolve import stem
from assistant.writing.claim_text import unquoted
from assistant.writing.facts import Fact, Facts, numbers_in

_GROUP = re.compile(r"(?:\s*\[\d+\])+")
WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_NAMED = re.compile(r"\*\*[^*]+\*\*|“[^”]*”|\"[^\"]*\"")  # a label in bold, or a quote: not the claim's own words
UP = {"rose", "rise", "rises", "rising", "risen", "grew", "grow", "grows", "growing", "grown", "increased",
      "increase", "increases", "increasing", "up", "doubled", "tripled", "jumped", "spiked", "surged", "climbed",
      "soared"}
DOWN = {"fell", "fall", "falls", "falling", "fallen", "dropped", "drop", "drops", "decreased", "decrease",
        "declined", "decline", "down", "halved", "shrank"}
FLAT = {"flat", "steady", "stable", "unchanged", "held"}
MORE = {"more", "most", "higher", "highest", "larger", "largest", "bigger", "biggest", "ahead", "better", "best"}
FEWER = {"fewer", "fewest", "less", "least", "lower", "lowest", "smaller", "smallest", "worse", "worst"}
# "stayed level"; "level" alone is a noun
_LEVEL = re.compile(r"\b(?:stay|stays|stayed|remain|remains|remained|kept|keeps|keep)\s+level\b", re.I)
# "a steady increase", "steadily rising": how it moved, not that it held flat
_MANNER = re.compile(r"\b(?:steady|steadily|stable|consistent|consistently)\s+(?=(?:rise|rises|rising|increase|"
                     r"increases|increasing|growth|growing|climb|climbing|decline|declining|fall|falling|drop|dropping|decrease|"
                     r"decreasing)\b)", re.I)
_PHRASE = re.compile(r"[,;:()\u2014]|\s-\s|\b(?:but|while|whereas|although|though|which|so)\b", re.I)
NEGATION_REACH = 4  # words before a word that a negation still governs ("did not cause the rise")
# "came up", "broke down": a verb's particle, not a direction
_PHRASAL = re.compile(r"\b(?:came|come|comes|coming|brought|bring|brings|bringing|show|shows|showed|shown|turn|turns|"
                      r"turned|set|sets|sign|signs|signed|pick|picked|picks|follow|follows|followed|back|backed|"
                      r"look|looked|call|calls|called|hang|hung|hangs|end|ends|ended|keep|keeps|kept|fill|filled|"
                      r"break|breaks|broke|broken|shut|shuts|let|calm|calmed|write|wrote|written|put|puts|"
                      r"track|tracked|narrow|narrowed|count|counted)\s+(?:up|down)\b", re.I)
MEASURE_WORDS = [("resolved", r"resolv|resolution"), ("escalated", r"escalat"), ("csat", r"csat|satisf"),
                 ("handle_time_s", r"handl\w* time|faster|slower|quicker"), ("sentiment_change", r"sentiment"),
                 ("share", r"\bshare\b|\bproportion\b|\brate\b|per cent of their|of their conversations, though")]
NOT = {"no", "not", "none", "never", "neither", "nor", "without", "isn't", "wasn't", "didn't", "doesn't",
       "aren't", "weren't", "nothing"}


class Clause(NamedTuple):
    """Part of a claim and the markers its numbers belong to."""

    text: str
    markers: set[int]


class Context(NamedTuple):
    facts: Facts
    citations: dict[int, str]  # marker -> the excerpt's text
    hostile: list[str]
    composed: str  # the analysis's own words (a quote of them is not a quote of a customer)
    boiler: frozenset[str] = frozenset()  # the words of the composed answer's own sentences


def clauses(claim: str) -> list[Clause]:
    """The claim cut after each group of markers; words after the last group belong to it;
    quoted customer words left out."""
    claim = unquoted(claim)
    out: list[Clause] = []
    start = 0
    for group in _GROUP.finditer(claim):
        out.append(Clause(claim[start:group.end()], {int(n) for n in re.findall(r"\d+", group.group(0))}))
        start = group.end()
    if not out:
        return [Clause(claim, set())]
    if claim[start:].strip():
        out[-1] = Clause(out[-1].text + claim[start:], out[-1].markers)
    return out


def unnamed(text: str) -> str:
    """``text`` without its labels in bold and its quotes."""
    return _NAMED.sub(" ", text)


def own_words(text: str) -> set[str]:
    """The claim's own words: labels in bold and quoted customer words taken out."""
    return set(WORD.findall(unnamed(re.sub(r"\[\d+\]", " ", text)).lower()))


def denied(before: str) -> bool:
    """Whether a word that comes right after ``before`` is in a negation's scope: a negation
    among the last few words of its phrase ("did not cause the rise", "no theme grew"), not
    one of an earlier phrase ("is not responding …, which has led to a drop")."""
    phrase = _PHRASE.split(before)[-1]
    return bool(set(WORD.findall(phrase.lower())[-NEGATION_REACH:]) & NOT)


def phrases(text: str) -> list[str]:
    """``text`` cut where a new phrase starts (a comma, "but", "which", …)."""
    return _PHRASE.split(text)


def asserted(text: str) -> set[str]:
    """The directions a claim states, less those it denies ("billing questions did not rise")."""
    text = unnamed(re.sub(r"\[\d+\]", " ", _LEVEL.sub(" flat ", _MANNER.sub(" ", _PHRASAL.sub(" ", text)))))
    said = set()
    for m in WORD.finditer(text.lower()):
        for d, vocabulary in (("up", UP), ("down", DOWN), ("flat", FLAT)):
            if m.group(0) in vocabulary and not denied(text[:m.start()]):
                said.add(d)
    return said


def names(fact: Fact, words: set[str], ctx: Context) -> bool:
    """Whether ``words`` name ``fact``: one of the words only it has (by stem: "price" names
    "switching prices"; a driver's short words, and the words the composed answer itself
    writes outside labels and quotes, do not count)."""
    own = ctx.facts.distinctive(fact)
    if fact.kind != "segment":  # not a short word, nor one the composed answer uses in its own sentences ("match")
        own = {w for w in own if len(w) >= 4} - ctx.boiler
    return bool({stem(w) for w in own} & {stem(w) for w in words})


def cited(clause: Clause, ctx: Context) -> list[Fact]:
    return ctx.facts.cited(clause.markers)


def parts(clause: Clause, ctx: Context) -> list[Fact]:
    """The drivers, flat reasons, themes and segments a clause cites (not the total)."""
    return [f for f in cited(clause, ctx) if f.kind not in ("total", "caveat")]


def totals(ctx: Context, percents: bool = False) -> set[str]:
    """The population's own numbers (its counts, its change, a caveat's): free to state unmarked."""
    whole = [f for f in ctx.facts.facts if f.kind in ("total", "caveat")]
    return {n for f in whole for n in (f.percents if percents else f.numbers)}


def quoted_numbers(clause: Clause, ctx: Context) -> set[str]:
    return numbers_in(" ".join(ctx.citations.get(n, "") for n in clause.markers))


def markers_of(clause: Clause) -> str:
    return "".join(f"[{n}]" for n in sorted(clause.markers))
