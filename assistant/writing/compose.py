"""The extractive writer: Markdown composed from the analysis alone, every claim cited."""

from __future__ import annotations

from assistant.analysis.analyse import Analysis
from assistant.text.hostile import quoted
from assistant.writing.compose_segments import field_name, lead
from convoscope.models import Driver

MEASURE_LABELS = {
    "resolved": ("resolution rate", "pct"),
    "escalated": ("escalation rate", "pct"),
    "csat": ("average CSAT", "num"),
    "handle_time_s": ("average handle time", "secs"),
    "sentiment_change": ("customer sentiment, end − start", "signed"),
    "talk_listen": ("talk/listen ratio (voice)", "num"),
}


def markers(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def pct_change(current: int, baseline: int) -> str:
    if baseline == 0:
        return "new" if current else "no change"
    return f"{(current - baseline) / baseline * 100:+.0f} %"


def subject(a: Analysis) -> str:
    topic = a.understanding.topic_shown
    return f"Conversations about “{topic}”" if topic else "Conversations"


def _theme_line(t: Driver, with_share: bool) -> str:
    share = f", {t.share:.0%} of the change" if with_share and t.share is not None and t.share > 0 else ""
    return f"- **{t.label}**: {t.baseline_count} → {t.current_count}{share} {markers(t.citations)}"


def compose_change(a: Analysis) -> str:
    cur, base = a.current, a.baseline
    assert base is not None
    c, b = cur.matching or 0, base.matching or 0
    if c + b == 0:
        return f"No conversation in {cur.label} or {base.label} matches this question ({a.population})."
    verb = "rose" if c > b else "fell" if c < b else "held at"
    head = (
        f"{subject(a)} {verb} from **{b}** in {base.label} to **{c}** in {cur.label} ({pct_change(c, b)})"
        if c != b else f"{subject(a)} held at **{c}** in {cur.label} (**{b}** in {base.label})"
    )
    lines = [f"{head} {markers(a.examples[:2])}".rstrip() + ".", ""]
    if a.drivers:
        lines.append(f"What {'grew' if c >= b else 'changed'} most:")
        lines += [_theme_line(t, True) for t in a.drivers]
    elif a.examples[2:]:
        lines.append(f"No single theme grew significantly more than the rest; more from {cur.label}: "
                     f"{markers(a.examples[2:])}.")
    else:
        lines.append("No single theme grew significantly more than the rest.")
    if a.stable:
        lines += ["", "Held roughly flat:"]
        lines += [_theme_line(t, False) for t in a.stable]
    return "\n".join(lines)


def compose_count(a: Analysis) -> str:
    n = a.current.matching or 0
    head = f"**{n}** of {a.current.conversations} conversations in {a.current.label} match ({a.population})"
    if not n:
        return head + "."
    more = f"\n\nMore examples: {markers(a.examples[2:5])}" if a.examples[2:5] else ""
    return f"{head} {markers(a.examples[:2])}." + more


def compose_summary(a: Analysis) -> str:
    n = a.current.matching or 0
    if not n:
        return f"No conversation in {a.current.label} matches this question ({a.population})."
    if not a.themes:  # no theme stands out: what the best-matching customers said
        return compose_search(a)
    lines = [f"**{n}** conversations in {a.current.label} match. The main themes:", ""]
    lines += [f"- **{t.label}**: {t.current_count} conversations {markers(t.citations)}" for t in a.themes]
    return "\n".join(lines)


def _fmt(value: float | None, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "signed":
        return f"{value:+.2f}"
    return f"{value:.0%}" if kind == "pct" else f"{value:.0f} s" if kind == "secs" else f"{value:.2f}"


def compose_compare(a: Analysis) -> str:
    if not a.segments or not (a.current.matching or a.understanding.segment_values):
        return f"No conversation in {a.current.label} matches this question ({a.population})."
    measures = [m for m in MEASURE_LABELS if any(s.measures.get(m) is not None for s in a.segments)]
    counted = ["conversations", "matching", "share"] if a.understanding.topic else ["conversations"]
    header = "| segment | " + " | ".join(
        counted + [MEASURE_LABELS[m][0] for m in measures]) + " | examples |"
    rule = "|" + " --- |" * (len(counted) + len(measures) + 2)
    rows = []
    for s in a.segments:
        share = f"{(s.matching or 0) / s.conversations:.0%}" if s.conversations else "–"
        cells = [str(s.conversations), str(s.matching or 0), share][: len(counted)]
        rows.append(f"| {s.label} | " + " | ".join(cells + [_fmt(s.measures.get(m), MEASURE_LABELS[m][1])
                                                          for m in measures])
                    + f" | {markers(a.segment_citations.get(s.label, []))} |")
    head = " ".join(f"{text.removesuffix('.')} "
                    f"{markers(sorted(n for x in about for n in a.segment_citations.get(x, [])[:1]))}"
                    .rstrip() + "." for text, about in lead(a))
    return "\n".join([head, "", f"By {field_name(a.understanding.segment_field)}:", "", header, rule, *rows])


def compose_search(a: Analysis) -> str:
    if not a.citations:
        return f"Nothing in {a.current.label} matches this question ({a.population})."
    lines = [f"**{a.current.matching}** conversations in {a.current.label} match. The closest excerpts:", ""]
    for c in a.citations:
        text = " ".join(c.text.split())  # one line in the answer; the citation keeps the verbatim text
        quote = text if len(text) <= 220 else text[:217].rsplit(" ", 1)[0] + "…"
        lines.append(f"- “{quoted(quote)}” [{c.n}]")  # customer text, escaped: never markup, never a marker
    return "\n".join(lines)


def compose(a: Analysis) -> str:
    kind = a.understanding.kind
    if a.baseline is not None:
        text = compose_change(a)
    elif kind == "compare":
        text = compose_compare(a)
    elif kind == "count":
        text = compose_count(a)
    elif kind == "summary" or a.themes:
        text = compose_summary(a)
    else:
        text = compose_search(a)
    if a.caveats:
        text += "\n\n" + "\n".join(f"_{c}_" for c in a.caveats)
    return text
