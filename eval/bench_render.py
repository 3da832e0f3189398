"""`convoscope bench` output: rows shared by the terminal table and the Markdown section,
the JSON file, and refreshing one section of a Markdown file in place."""

from __future__ import annotations

import re
from pathlib import Path

from eval.bench_report import TARGET_RATIO, BenchReport


def _embedder(r: BenchReport) -> str:
    return r.embedder.split(" · ")[0]


def _mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB" if n >= 2**20 else f"{n / 2**10:,.0f} KB"


THROUGHPUT_HEADER = ("ingest", "conv/s", "chunks/s", "texts/s", "conv", "texts", "seconds")
FIGURES_HEADER = ("figure", "value", "target")


def throughput_rows(r: BenchReport) -> list[tuple[str, ...]]:
    return [
        (label, f"{t.conversations_per_s:,.1f}", f"{t.chunks_per_s:,.1f}", f"{t.texts_per_s:,.1f}",
         f"{t.conversations:,}", f"{t.texts:,}", f"{t.seconds:,.1f}")
        for label, t in (("pipeline", r.ingest), ("embedder alone", r.embedder_alone))
    ]


def figure_rows(r: BenchReport) -> list[tuple[str, str, str]]:
    target_p95 = r.p95_target_ms
    p95 = max((k.p95_ms for k in r.latency), default=0.0)
    embed_share = r.embed_seconds_in_ingest / r.ingest.seconds if r.ingest.seconds else 0.0
    asked = [("question p95, worst kind", f"{p95:,.0f} ms",
              f"< {target_p95:,.0f} ms {'✓' if p95 < target_p95 else '✗'}" if target_p95 else "")]
    return [
        ("ingest ÷ embedder alone (texts/s)", f"{r.ratio:.0%}",
         f"≥ {TARGET_RATIO:.0%} {'✓' if r.ratio >= TARGET_RATIO else '✗'}"),
        ("share of ingest time inside embed", f"{embed_share:.0%}", ""),
        *(asked if r.latency else []),
        ("store on disk", _mb(r.store_bytes), ""),
        ("peak RSS", f"{r.peak_rss_mb:,.0f} MB", ""),
    ]


def latency_rows(r: BenchReport) -> list[tuple[str, ...]]:
    return [
        (k.kind, str(k.questions), str(k.samples), f"{k.p50_ms:,.0f}", f"{k.p95_ms:,.0f}", f"{k.max_ms:,.0f}",
         "; ".join(f"{q} → {kind}" for q, kind in k.understood_as.items()))
        for k in r.latency
    ]


def backend_rows(r: BenchReport) -> list[tuple[str, ...]]:
    torch = next((b for b in r.backends if b.backend == "torch"), None)
    return [
        (b.backend, f"{b.texts_per_s:,.1f}", f"{b.texts_per_s / torch.texts_per_s:.2f}×" if torch else "",
         f"{b.mean_cosine:.4f}", f"{b.min_cosine:.4f}", f"{b.load_s:.1f} s")
        for b in r.backends
    ]


def writer_rows(r: BenchReport) -> list[tuple[str, ...]]:
    return [
        (w.question, f"{w.prompt_tokens}", f"{w.excerpts_trimmed}", f"{w.first_token_ms / 1000:.2f}",
         f"{w.total_ms / 1000:.2f}", f"{w.completion_tokens}", f"{w.prompt_tokens_per_s:,.0f}",
         f"{w.generation_tokens_per_s:,.0f}", "shown" if w.shown else "composed shown")
        for w in r.writer
    ]


WRITER_HEADER = ("question", "prompt tok", "excerpts left out", "first token s", "total s", "generated tok",
                 "prompt tok/s", "gen tok/s", "check")
LATENCY_HEADER = ("kind", "questions", "samples", "p50 ms", "p95 ms", "max ms", "answered as")
BACKEND_HEADER = ("backend", "texts/s", "vs torch", "mean cos", "min cos", "load")


def print_tables(r: BenchReport, console) -> None:
    from rich.table import Table

    def table(title: str, header: tuple[str, ...], rows) -> Table:
        t = Table(title=title, title_justify="left")
        for i, name in enumerate(header):
            t.add_column(name, justify="left" if i == 0 else "right", overflow="fold")
        for row in rows:
            t.add_row(*row)
        return t

    of = f" of {r.corpus}" if r.corpus else ""
    console.print(table(f"convoscope bench, n = {r.n:,}{of}, {_embedder(r)}", THROUGHPUT_HEADER,
                        throughput_rows(r)))
    console.print(table("", FIGURES_HEADER, figure_rows(r)))
    if r.latency:
        console.print(table("question latency, extractive, warm", LATENCY_HEADER, latency_rows(r)))
    if r.backends:
        console.print(table(f"embedder backends on {r.backends[0].texts:,} of the benchmark's texts", BACKEND_HEADER,
                            backend_rows(r)))
    if r.writer:
        console.print(table(f"why-questions written by {r.writer[0].llm} (model warm)", WRITER_HEADER, writer_rows(r)))


def _md_table(header: tuple[str, ...], rows) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    return lines + ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]


def markdown(r: BenchReport) -> str:
    m = r.machine
    lines = [
        f"### n = {r.n:,} conversations{f' of {r.corpus}' if r.corpus else ''} · {_embedder(r)}",
        "",
        (f"{r.date} · {m.cpu}, {m.cores} cores, {m.memory_gib:g} GiB · Python {m.python} · "
         f"load average {m.load_before:.1f} before, {m.load_after:.1f} after"),
        "",
        f"`{r.command}`" if r.command else "",
        "",
        *_md_table(THROUGHPUT_HEADER, throughput_rows(r)),
        "",
        *_md_table(FIGURES_HEADER, figure_rows(r)),
        "",
        *(_md_table(LATENCY_HEADER, latency_rows(r)) if r.latency else ["No questions: they are about the sample."]),
    ]
    if r.backends:
        lines += ["", f"Embedder backends on {r.backends[0].texts:,} of the benchmark's texts (cosine against torch):",
                  "", *_md_table(BACKEND_HEADER, backend_rows(r))]
    if r.writer:
        lines += ["", f"Why-questions written by {r.writer[0].llm} (loaded and warm; prompt tok/s counts the whole "
                      "prompt over the time to the first token, so a cached prefix shows as speed):",
                  "", *_md_table(WRITER_HEADER, writer_rows(r))]
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def refresh_section(path: Path, r: BenchReport) -> None:
    """Replace this ``n``'s section of ``path`` (between its markers), or append it."""
    key = f"n={r.n}{f' corpus={r.corpus}' if r.corpus else ''} embedder={_embedder(r).replace(' ', '')}"
    begin, end = f"<!-- convoscope bench {key} -->", f"<!-- /convoscope bench {key} -->"
    block = f"{begin}\n{markdown(r)}{end}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end) + r"\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text, count=1)
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + block
    path.write_text(text, encoding="utf-8")


def write_json(r: BenchReport, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"bench-n{r.n}{f'-{Path(r.corpus).stem}' if r.corpus else ''}.json"
    target.write_text(r.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return target
