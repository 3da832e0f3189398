"""The evaluation report: one table (metric × system, per backend), JSON, Markdown and a chart.

The chart is a small hand-written SVG (grouped bars of the quality metrics), so the report
needs no plotting library and renders in any browser or Markdown viewer.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from eval.harness import METRICS, Report, SystemReport

QUALITY = [m for m in METRICS if m not in ("decoys_reported", "latency_p50_ms", "latency_p95_ms")]
COLOURS = ["#2563eb", "#f97316", "#16a34a", "#a855f7"]


def value(report: SystemReport, metric: str) -> str:
    v = getattr(report, metric)
    if v is None:
        return "–"
    if metric.startswith("latency"):
        return f"{v:.0f}"
    if metric == "decoys_reported":
        return str(v)
    return f"{v:.0%}"


def rows(report: Report) -> tuple[list[str], list[list[str]]]:
    """The table: a header of systems (with backend), a row per metric."""
    header = ["metric"] + [f"{s.system} ({s.backend})" for s in report.systems]
    return header, [[label] + [value(s, m) for s in report.systems] for m, (label, _) in METRICS.items()]


def faithfulness_rows(report: Report) -> tuple[list[str], list[list[str]]]:
    """The model-prose table: per model, answers written and shown, claims supported and rejected, speed."""
    header = ["model", "answers written", "shown (checked)", "claims", "supported", "rejected",
              "first token p50 (ms)", "writing p50 (ms)", "themes named (kept)", "naming p50 (ms)"]
    body = []
    for f in report.faithfulness:
        share = f"{f.supported_share:.0%}" if f.supported_share is not None else "–"
        body.append([f"{f.system} ({f.backend})", str(f.answers), f"{f.shown} of {f.answers}", str(f.claims),
                     f"{f.supported} ({share})",
                     str(f.rejected) + (" (" + ", ".join(f"{k} {v}" for k, v in f.rejected_by.items()) + ")"
                                        if f.rejected_by else ""),
                     "–" if f.first_token_p50_ms is None else f"{f.first_token_p50_ms:.0f}",
                     "–" if f.generation_p50_ms is None else f"{f.generation_p50_ms:.0f}",
                     f"{f.names} ({f.names_kept})" if f.names else "–",
                     "–" if f.naming_p50_ms is None else f"{f.naming_p50_ms:.0f}"])
    return header, body


def chart_svg(report: Report, width: int = 760, height: int = 300) -> str:
    """Grouped bars: one group per quality metric, one bar per system (0–100 %)."""
    left, bottom, top = 40, 70, 20
    plot_w, plot_h = width - left - 10, height - bottom - top
    group = plot_w / len(QUALITY)
    bar = group * 0.8 / max(1, len(report.systems))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
             f'font-size="11"><rect width="100%" height="100%" fill="white"/>']
    for pct in (0, 50, 100):
        y = top + plot_h * (1 - pct / 100)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{pct}%</text>')
    for g, metric in enumerate(QUALITY):
        x0 = left + g * group + group * 0.1
        for k, system in enumerate(report.systems):
            v = getattr(system, metric) or 0.0
            h = plot_h * max(0.0, min(1.0, v))
            parts.append(f'<rect x="{x0 + k * bar:.1f}" y="{top + plot_h - h:.1f}" width="{bar - 1:.1f}" '
                         f'height="{h:.1f}" fill="{COLOURS[k % len(COLOURS)]}"><title>{escape(system.system)} '
                         f'({escape(system.backend)}) {escape(METRICS[metric][0])}: {v:.0%}</title></rect>')
        label = escape(METRICS[metric][0])
        cx = left + g * group + group / 2
        parts.append(f'<text x="{cx:.1f}" y="{top + plot_h + 12}" text-anchor="end" '
                     f'transform="rotate(-30 {cx:.1f} {top + plot_h + 12})">{label}</text>')
    for k, system in enumerate(report.systems):
        x = left + k * 200
        parts.append(f'<rect x="{x}" y="{height - 14}" width="10" height="10" fill="{COLOURS[k % len(COLOURS)]}"/>'
                     f'<text x="{x + 14}" y="{height - 5}">{escape(system.system)} ({escape(system.backend)})</text>')
    parts.append("</svg>")
    return "".join(parts)


def markdown(report: Report, chart: str = "chart.svg") -> str:
    header, body = rows(report)
    lines = [f"# Evaluation: {report.benchmark}", "",
             f"{report.questions} questions, asked of each system in the same run on `{report.store}`.", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in body]
    if report.faithfulness:
        head, table = faithfulness_rows(report)
        lines += ["", "## Model prose, claim by claim", "",
                  "Each claim (sentence, list line or table row) of the model's text, held to what its markers "
                  "cite (`assistant/writing/check.py`); the model's text is shown only when every claim holds, "
                  "else the composed answer is.", "",
                  "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in table]
    lines += ["", f"![quality metrics]({chart})", "", "## Per question", "",
              "| question | style | system | drivers | counts | recall@10 | refusal ok | ms |",
              "|---|---|---|---|---|---|---|---|"]
    for s in report.scores:
        drivers = f"{s.drivers_found}/{s.drivers_gold}" if s.drivers_gold else "–"
        counts = ", ".join(f"{c:.0%}" for c in s.count_scores) or "–"
        recall = f"{s.recall_at_10:.0%}" if s.recall_at_10 is not None else "–"
        question = s.question.replace("|", "\\|")
        lines.append(f"| {question} | {s.style} | {s.system} | {drivers} | {counts} | {recall} | "
                     f"{'yes' if s.refusal_correct else 'no'} | {s.latency_ms:.0f} |")
    return "\n".join(lines) + "\n"


def write(report: Report, out: Path) -> list[Path]:
    """``report.json``, ``report.md`` and ``chart.svg`` in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    files = {"report.json": report.model_dump_json(indent=2), "report.md": markdown(report),
             "chart.svg": chart_svg(report)}
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    return [out / name for name in files]
