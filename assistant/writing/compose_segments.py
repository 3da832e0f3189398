"""Compare answers in words: which segment has the most (or, for two named values, which of
the two has more), tied segments as ties, and each count beside its share of the segment's
conversations — a bigger segment has more of everything, so the rate is said too."""

from __future__ import annotations

import re

from assistant.analysis.analyse import Analysis
from assistant.analysis.gaps import GAP, MIN_SEGMENT
from convoscope.models import Segment

AGENT_TYPES = {"ai": "AI agents", "human": "human agents"}
QUALITY = r"\b(?:as (?:well|good|fast|quickly|badly|poorly) as|better|worse|best|worst|perform\w*|resolv\w*|" \
          r"resolution|doing)\b"
FEWEST = r"\b(?:fewest|least|lowest|smallest|fewer|less|lower)\b"
MIN_RATE_BASE = 10  # a rate over fewer conversations is not named as a leader
RATE_RATIO = 1.25  # a share leader other than the count leader is named when its share is this much bigger


def name(a: Analysis, label: str) -> str:
    """A segment as said in a sentence: "AI agents", "chat", "AcmeAir"."""
    if a.understanding.segment_field == "agent_type":
        return AGENT_TYPES.get(label, f"{label} agents")
    if a.understanding.segment_field == "agent_id":
        return f"agent {label}"
    return label


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _rate(s: Segment) -> float | None:
    return (s.matching or 0) / s.conversations if s.conversations else None


def _pct(s: Segment) -> str:
    rate = _rate(s)
    return "–" if rate is None else f"{rate:.0%}"


def _what(a: Analysis) -> str:
    topic = a.understanding.topic_shown
    return f"conversations about “{topic}”" if topic else "conversations"


def _when(a: Analysis) -> str:
    return f" in {a.current.label}" if a.understanding.filters.window else ""


def _share(a: Analysis, s: Segment) -> str:
    pronoun = "their" if a.understanding.segment_field == "agent_type" else "its"
    if not a.understanding.topic:
        total = sum(x.conversations for x in a.segments)
        return f"{s.conversations / total:.0%} of all" if total else ""
    return f"{_pct(s)} of {pronoun} {s.conversations}"


Said = tuple[str, list[str]]  # a sentence and the segments whose examples back it


def lead(a: Analysis) -> list[Said]:
    """The answer's first sentences: the winner in words (the most, or the fewest when that is
    asked), with counts and rates, each with the segments it speaks of (their examples cite it)."""
    segs = [s for s in a.segments if s.conversations or s.matching]
    few = bool(re.search(FEWEST, a.understanding.question.lower()))
    if not any(s.matching for s in segs):
        return [(f"No {field_name(a.understanding.segment_field)} has {_what(a)}{_when(a)} ({a.population}).", [])]
    if len(segs) == 2:
        return _two(a, segs, few)
    order = sorted(segs, key=lambda s: ((s.matching or 0) * (1 if few else -1), -s.conversations, s.label))
    first, n, most = order[0], order[0].matching or 0, "fewest" if few else "most"
    tied = [s for s in order if s.matching == n]
    if len(tied) > 1:
        names = ", ".join(name(a, s.label) for s in tied[:-1]) + f" and {name(a, tied[-1].label)}"
        head = (f"{_sentence(names)} tied for the {most} {_what(a)}{_when(a)}: **{n}** each ("
                + "; ".join(f"{name(a, s.label)} {_share(a, s)}" for s in tied) + ").")
        about = [s.label for s in tied]
    else:
        second = order[1]
        head = (f"{_sentence(name(a, first.label))} had the {most} {_what(a)}{_when(a)}: **{n}** ({_share(a, first)}), "
                f"{'then' if few else 'ahead of'} {name(a, second.label)} with {second.matching} "
                f"({_share(a, second)}).")
        about = [first.label, second.label]
    return [(head, about), *_by_rate(a, segs, order[0], few), *_quality(a, segs)]


def field_name(field: str | None) -> str:
    return (field or "segment").replace("_", " ")


def _two(a: Analysis, segs: list[Segment], few: bool) -> list[Said]:
    """Two segments: which has more (or fewer, when asked) than the other, or that they are even."""
    order = [str(v) for v in a.understanding.segment_values]
    x, y = sorted(segs, key=lambda s: order.index(s.label) if s.label in order else len(order))
    if ((y.matching or 0) < (x.matching or 0)) if few else ((y.matching or 0) > (x.matching or 0)):
        x, y = y, x
    nx, ny, what, when = x.matching or 0, y.matching or 0, _what(a), _when(a)
    rates = f" ({_pct(x)} vs {_pct(y)} of their conversations)" if a.understanding.topic else ""
    if nx == ny:
        head = (f"{_sentence(name(a, x.label))} and {name(a, y.label)} had the same number of {what}{when}: "
                f"**{nx}** each{rates}.")
    else:
        more = "fewer" if few else "more"
        head = (f"{_sentence(name(a, x.label))} had {more} {what} than {name(a, y.label)}{when}: "
                f"**{nx}** vs **{ny}**{rates}.")
    extra: list[Said] = []
    rx, ry = _rate(x), _rate(y)
    if a.understanding.topic and nx != ny and rx and ry and y.conversations >= MIN_RATE_BASE \
            and (rx / ry if few else ry / rx) >= RATE_RATIO:
        extra.append((f"As a share of their conversations, though, {name(a, y.label)} had "
                      f"{'fewer' if few else 'more'}.", [y.label]))
    return [(head, [x.label, y.label]), *extra, *_quality(a, segs)]


def _by_rate(a: Analysis, segs: list[Segment], leader: Segment, few: bool) -> list[Said]:
    """When the count leader is not the rate leader, the rate leader too."""
    if not a.understanding.topic:
        return []
    rated = [s for s in segs if s.conversations >= MIN_RATE_BASE and (s.matching or few)]
    if len(rated) < 2:
        return []
    top = (min if few else max)(rated, key=lambda s: (_rate(s) or 0, s.matching or 0))
    low, high = sorted((_rate(top) or 0, _rate(leader) or 0))
    if top is leader or not high or high < RATE_RATIO * low:
        return []
    has = "have" if a.understanding.segment_field == "agent_type" else "has"
    return [(f"As a share, {name(a, top.label)} {has} the {'fewest' if few else 'most'}: {_share(a, top)} "
             f"conversations ({top.matching}).", [top.label])]


def _quality(a: Analysis, segs: list[Segment]) -> list[Said]:
    """The resolution rate in words: for "are the bots doing as well as…" questions, and
    wherever it differs between segments by a gap worth showing (``gaps.GAP``)."""
    asked = bool(re.search(QUALITY, a.understanding.question.lower()))
    rated = [s for s in segs if s.measures.get("resolved") is not None and (asked or (s.matching or 0) >= MIN_SEGMENT)]
    rated.sort(key=lambda s: (-(s.measures["resolved"] or 0), s.label))
    gap = rated[0].measures["resolved"] - rated[-1].measures["resolved"] if len(rated) >= 2 else 0.0  # type: ignore[operator]
    if len(rated) < 2 or not (asked or gap >= GAP["resolved"]):
        return []
    if len(rated) == 2:
        best, other = rated
        if best.measures["resolved"] == other.measures["resolved"]:
            return [(f"Both resolved {_resolved(best)} of them.", [best.label, other.label])]
        return [(f"{_sentence(name(a, best.label))} resolved more of them: {_resolved(best)} against "
                 f"{_resolved(other)} for {name(a, other.label)}.", [other.label, best.label])]
    return [("Resolution rate: " + ", ".join(f"{name(a, s.label)} {_resolved(s)}" for s in rated) + ".",
             [s.label for s in rated])]  # every rate its segment's examples


def _resolved(s: Segment) -> str:
    return f"{s.measures['resolved']:.0%}"
