"""What every ``convoscope`` command shares: the Typer app, the error console, the store
options, opening a store and the progress bar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Ask customer conversations why.")
err = Console(stderr=True, soft_wrap=True)

StoreOpt = Annotated[Optional[Path], typer.Option(
    "--store", readable=False, help="Store folder (default: $CONVOSCOPE_STORE or ./convoscope-store).")]
ChromaOpt = Annotated[Optional[str], typer.Option(
    "--chroma-url", help="Chroma server URL (default: $CONVOSCOPE_CHROMA_URL; embedded when unset).")]


def _store(store: Path | None, chroma_url: str | None = None):
    from vectorstore import Store

    s = Store(store, chroma_url=chroma_url)
    if s.chroma_url:
        s.vectors.count()  # a server that is down, refuses us or is not Chroma: one line now, not mid-way
    return s


def _progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=err, transient=False)


def _ingest(store, paths: list[Path], workers: int = 0, shard: str | None = None) -> None:
    from ingest import estimate_records, ingest_paths
    from ingest.shard import Shard

    store.vectors.count()  # a vector store that cannot be opened fails now, before anything is embedded
    chosen = Shard.parse(shard) if shard else None
    total = estimate_records(paths) if chosen is None else None
    with _progress() as bar:
        task = bar.add_task("ingesting", total=total, rate="")

        def advance(n: int) -> None:
            bar.advance(task, n)
            elapsed = bar.tasks[task].elapsed or 0
            done = bar.tasks[task].completed
            if elapsed:
                bar.update(task, rate=f"{done / elapsed:.0f} conv/s")

        report = ingest_paths(store, paths, progress=advance, workers=workers, shard=chosen)
    err.print(f"shard {chosen.label}: {report.summary()}" if chosen else report.summary())
    for note in report.notes:
        err.print(f"  [yellow]note[/] {note}", highlight=False)
    for rejected in report.rejected:
        err.print(f"  [yellow]rejected[/] {rejected.line()}", highlight=False)
