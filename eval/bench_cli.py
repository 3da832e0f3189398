"""`convoscope bench` as the command line runs it: a rich progress bar per phase, the
tables on stdout, ``bench-n<N>.json`` and optionally a refreshed Markdown section."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from eval.bench import Phase, bench_store, run
from eval.bench_render import print_tables, refresh_section, write_json
from vectorstore import HashEmbedder, Store, make_embedder


class RichPhase(Phase):
    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = None

    def start(self, description: str, total: int) -> None:
        if self.task is not None:
            self.progress.update(self.task, completed=self.progress.tasks[self.task].total)
        self.task = self.progress.add_task(description, total=total)

    def advance(self, steps: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, steps)


def main(
    n: int, store: Path | None, out: Path, markdown: Path | None, backends: str, backend_texts: int,
    repeats: int, raw_every: int, seed: int, console: Console, embedder: str = "", llm: str = "",
    corpus: Path | None = None,
) -> None:
    chosen = [b.strip() for b in backends.split(",") if b.strip()]
    command = "convoscope " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    with bench_store(store) as path:
        s = Store(path, embedder=HashEmbedder(384) if embedder == "hash" else make_embedder(embedder or None))
        progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TimeRemainingColumn(), console=console,
        )
        try:
            with progress:
                report = run(n, s, seed=seed, repeats=repeats, raw_every=max(1, raw_every), backends=chosen,
                             backend_texts=backend_texts, phase=RichPhase(progress), command=command, llm=llm,
                             corpus=corpus)
        finally:
            s.close()
    print_tables(report, Console())
    files = [write_json(report, out)]
    if markdown:
        refresh_section(markdown, report)
        files.append(markdown)
    console.print(f"wrote {', '.join(str(f) for f in files)}")
