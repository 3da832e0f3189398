"""What an answer may claim: the analysis as a list of facts, each with the markers that back it.

The checker (``assistant/writing/check.py``) holds every claim of a model's prose to the facts
its markers cite: a driver's count pair and share, a flat item's flatness, a segment's count,
rate and measures, the population's totals. Built from the ``Analysis`` itself, never parsed
back out of the composed text.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

from pydantic import BaseModel, Field, PrivateAttr

from assistant.analysis.analyse import Analysis
from assistant.text.words import content_words
from assistant.writing.compose_segments import name
from convoscope.models import Driver

FactKind = Literal["total", "driver", "flat", "theme", "segment", "caveat"]
Direction = Literal["up", "down", "flat"]
# the measures a comparison can be won on, and whether more is better
MEASURES: dict[str, bool] = {"count": True, "share": True, "resolved": True, "escalated": False, "csat": True,
                             "handle_time_s": False, "sentiment_change": True}
_NUMBER = re.compile(r"(?<![\w.])[-+]?\d[\d,]*(?:\.\d+)?")


def normal(number: str) -> str:
    """One spelling per number: "1,204" → "1204", "+130" → "130", "4.50" → "4.5"."""
    number = number.replace(",", "").lstrip("+-")
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return number or "0"


def numbers_in(text: str) -> set[str]:
    """Numbers in ``text``, normalised; ``[n]`` markers excluded."""
    return {normal(m.group(0)) for m in _NUMBER.finditer(re.sub(r"\[\d+\]", " ", text))}


_PERCENT = re.compile(r"(?<![\w.])[-+]?(\d[\d,]*(?:\.\d+)?)\**\s*(?:%|per ?cent\b)", re.I)


def percents_in(text: str) -> set[str]:
    """The numbers ``text`` writes as percentages ("44%", "44 %", "44 per cent"), normalised."""
    return {normal(m.group(1)) for m in _PERCENT.finditer(re.sub(r"\[\d+\]", " ", text))}


def counts_in(text: str) -> set[str]:
    """The numbers ``text`` writes bare, not as percentages."""
    return numbers_in(_PERCENT.sub(" ", re.sub(r"\[\d+\]", " ", text)))


def renderings(value: float, percent: bool = False) -> set[str]:
    """How a number may fairly be written: a rate as a percentage rounded to 0 or 1 decimals,
    any other value rounded to 0, 1 or 2 decimals."""
    v = value * 100 if percent else value
    return {normal(f"{abs(v):.{d}f}") for d in (0, 1, 2)}


class Fact(BaseModel):
    """One thing the analysis found, and the markers that back it."""

    kind: FactKind
    label: str
    markers: set[int] = Field(default_factory=set)
    numbers: set[str] = Field(default_factory=set)  # every number that belongs to it, as it may be written
    percents: set[str] = Field(default_factory=set)  # its numbers that are percentages: shares, changes, rates
    pairs: set[tuple[int, int]] = Field(default_factory=set)  # (before, after) counts
    direction: Direction | None = None
    words: set[str] = Field(default_factory=set)  # the words that name it (its label's, or a segment's value)
    values: dict[str, float] = Field(default_factory=dict)  # a segment's count, share and measures


class Facts(BaseModel):
    facts: list[Fact] = Field(default_factory=list)
    times: set[str] = Field(default_factory=set)  # numbers of the windows' labels (years, days): free to use
    months: set[str] = Field(default_factory=set)  # months the windows name
    topic_words: set[str] = Field(default_factory=set)
    # numbers of how the population was found ("cosine ≥ 0.35"), each with the words that say what it is
    definition: dict[str, set[str]] = Field(default_factory=dict)
    _owners: Counter | None = PrivateAttr(default=None)

    def cited(self, markers: set[int]) -> list[Fact]:
        return [f for f in self.facts if f.markers & markers]

    def segments(self) -> list[Fact]:
        return [f for f in self.facts if f.kind == "segment"]

    def distinctive(self, fact: Fact) -> set[str]:
        """The words naming ``fact`` and no other fact (nor the topic): what a claim that
        speaks of it must say."""
        if self._owners is None:  # word -> how many facts it names, counted once
            self._owners = Counter(w for f in self.facts for w in f.words)
        return {w for w in fact.words if self._owners[w] == 1} - self.topic_words


def _direction(before: int, after: int) -> Direction:
    return "up" if after > before else "down" if after < before else "flat"


def _theme(kind: FactKind, d: Driver, direction: Direction | None) -> Fact:
    percents = percents_in(d.label)
    if d.share is not None:
        percents |= renderings(d.share, percent=True)
    if d.baseline_count:
        percents |= renderings((d.current_count - d.baseline_count) / d.baseline_count, percent=True)
    pairs = {(d.baseline_count, d.current_count)} if kind != "theme" else set()
    return Fact(kind=kind, label=d.label, markers=set(d.citations),
                numbers={str(d.current_count), str(d.baseline_count)} | percents | numbers_in(d.label),
                percents=percents, pairs=pairs, direction=direction, words=set(content_words(d.label.lower())))


def _definition(population: str) -> dict[str, set[str]]:
    """Each number of the population's definition, with the words just before it ("cosine") and the
    word after it ("81 of 244 statements")."""
    out: dict[str, set[str]] = {}
    for m in _NUMBER.finditer(population):
        before = content_words(population[max(0, m.start() - 30):m.start()])[-2:]
        after = [w for w in content_words(population[m.end():m.end() + 30]) if w.isalpha()][:1]
        out.setdefault(normal(m.group(0)), set()).update([*before, *after])
    return out


def facts_of(a: Analysis) -> Facts:
    """Every fact of ``a`` an answer may state."""
    u = a.understanding
    labels = [a.current.label] + ([a.baseline.label] if a.baseline else [])
    months = {m.lower() for m in re.findall(r"[A-Za-z]+", " ".join(labels))}
    out = Facts(times=numbers_in(" ".join(labels)), months=months, topic_words=set(content_words(u.topic.lower())))
    c = a.current.matching or 0
    total = Fact(kind="total", label=u.topic or "all conversations", markers=set(a.examples),
                 numbers={str(c), str(a.current.conversations)} | numbers_in(a.population),  # its definition's too
                 percents=percents_in(a.population))
    if a.baseline is not None:
        b = a.baseline.matching or 0
        total.numbers |= {str(b), str(a.baseline.conversations)}
        total.pairs, total.direction = {(b, c)}, _direction(b, c)
        if b:
            total.percents |= renderings((c - b) / b, percent=True)
            total.numbers |= total.percents
    out.definition = _definition(a.population)
    out.facts.append(total)
    out.facts += [_theme("driver", d, "up" if d.current_count >= d.baseline_count else "down") for d in a.drivers]
    out.facts += [_theme("flat", d, "flat") for d in a.stable]
    out.facts += [_theme("theme", d, None) for d in a.themes]
    every = sum(s.conversations for s in a.segments)
    for s in a.segments:
        values: dict[str, float] = {"count": float(s.matching or 0), "conversations": float(s.conversations)}
        numbers = {str(s.matching or 0), str(s.conversations)}
        percents = percents_in(s.label)
        if s.conversations:
            values["share"] = (s.matching or 0) / s.conversations
            percents |= renderings(values["share"], percent=True)
        if every:
            percents |= renderings(s.conversations / every, percent=True)
        for key, value in s.measures.items():
            if value is not None:
                values[key] = value
                rate = key in ("resolved", "escalated")
                numbers |= renderings(value, percent=rate)
                percents |= renderings(value, percent=True) if rate else set()
        spoken = name(a, s.label)
        out.facts.append(Fact(kind="segment", label=spoken, markers=set(a.segment_citations.get(s.label, [])),
                              numbers=numbers | percents | numbers_in(s.label), percents=percents, values=values,
                              words={w for w in re.findall(r"[a-z0-9][a-z0-9'-]*", spoken.lower())
                                     if w not in ("agents", "agent")}))
    for caveat in a.caveats:
        out.facts.append(Fact(kind="caveat", label=caveat, numbers=numbers_in(caveat), percents=percents_in(caveat)))
    return out
