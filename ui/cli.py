"""The ``convoscope`` command."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from convoscope import settings
from convoscope.errors import ConvoscopeError
from ui.cli_bench import bench, load
from ui.cli_shared import ChromaOpt, StoreOpt, _ingest, _progress, _store, app, err


@app.command()
def ingest(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (.jsonl, .json, .csv).")] = None,
    store: StoreOpt = None, chroma_url: ChromaOpt = None,
    workers: Annotated[int, typer.Option(
        min=0, help="Embedding processes, one thread each; this process writes (0: embed here, all cores).")] = 0,
    shard: Annotated[Optional[str], typer.Option(help="Only shard i/N of the conversations (by a hash of their id): "
                                                      "re-run one shard, or one per machine.")] = None,
    merge: Annotated[Optional[list[Path]], typer.Option(help="Copy the conversations of a shard's --store folder "
        "into this store (its vectors are already on the Chroma server); repeatable.")] = None,
) -> None:
    """Ingest conversations; re-running is idempotent."""
    if not paths and not merge:
        raise ConvoscopeError("nothing to ingest", "give files or folders, or --merge SHARD_STORE")
    s = _store(store, chroma_url)
    if paths:
        _ingest(s, paths, workers=workers, shard=shard)
    for folder in merge or []:
        from vectorstore.merge import merge_store

        err.print(f"merged {merge_store(s.conversations, folder)} conversations from {folder} into {s.path}")
    if merge:
        from ingest.topics import maintain

        maintain(s, log=err.print)


@app.command()
def topics(
    store: StoreOpt = None,
    refit: Annotated[bool, typer.Option("--refit", help="Learn the topics again from every statement now.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the topic model as JSON on stdout.")] = False,
    top: Annotated[int, typer.Option(help="Topics to list, largest first (0: all).")] = 30,
) -> None:
    """The store's own topics, learned from what its customers say (re-fitted with --refit)."""
    from ingest.topics import maintain

    s = _store(store)
    if not s.exists():
        raise ConvoscopeError(f"no store at {s.path}", "ingest conversations first: convoscope ingest PATH --store DIR")
    model = maintain(s, force=refit, log=err.print)
    if model is None:
        raise ConvoscopeError("the store has too few customer statements to learn topics from",
                              "ingest more conversations, then run convoscope topics again")
    if as_json:
        print(model.model_dump_json(indent=2))
        return
    err.print(model.describe())
    shown = sorted((t for t in model.topics if not t.small_talk), key=lambda t: -t.conversations)
    for t in shown[: top or None]:
        print(f"{t.id:>4}  {t.conversations:>6} conv.  {t.label}  [{', '.join(t.keywords[:5])}]")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question in plain language.")],
    store: StoreOpt = None, chroma_url: ChromaOpt = None,
    llm: Annotated[Optional[str], typer.Option(
        help="Who writes the text: extractive | local | openai (default: $CONVOSCOPE_LLM or extractive).")] = None,
    model: Annotated[Optional[str], typer.Option(
        help="local: a .gguf file; openai: the model name (default: $CONVOSCOPE_GGUF / $CONVOSCOPE_MODEL).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Answer as JSON on stdout.")] = False,
    after: Annotated[Optional[list[str]], typer.Option(
        help="An earlier question of the same chat, oldest first (repeat it): QUESTION is then its "
             "follow-up (\"And in June?\").")] = None,
) -> None:
    """Answer one question with counts and cited excerpts; a model's text streams as it is written."""
    from assistant import ask, ask_stream
    from assistant.llm.registry import default_backend, get_llm
    from assistant.writing.session import WritingSession, cli_session_path
    from convoscope.models import Answer

    s = _store(store, chroma_url)
    if not s.exists():
        raise ConvoscopeError(f"no store at {s.path}", "run `convoscope ingest PATH` or `convoscope demo` first")
    writer = get_llm(llm or default_backend(), model)
    session = WritingSession.load(cli_session_path())
    if llm and writer is not None:  # named on the command line: the user asks for this model again
        session.resume(writer.name)
    out = Console()
    earlier: list[Answer] = []
    for previous in after or []:  # the chat so far, answered as it was asked (the composed text suffices)
        earlier.append(ask(previous, s, llm="extractive", history=earlier))
    answer: Answer | None = None
    if as_json or writer is None or session.paused(writer.name):
        with err.status("thinking…"):
            *_, answer = ask_stream(question, s, llm=writer, session=session, history=earlier)
    else:
        from rich.live import Live
        from rich.text import Text

        streamed = Text(style="dim")
        with Live(streamed, console=out, transient=True, refresh_per_second=12) as live:
            live.update(Text(f"thinking… (then {writer.name} writes)", style="dim"))
            for item in ask_stream(question, s, llm=writer, session=session, history=earlier):
                if isinstance(item, Answer):
                    answer = item
                else:
                    streamed.append(item)
                    live.update(streamed)
    assert answer is not None
    if writer is not None:
        session.save(cli_session_path())
    if as_json:
        typer.echo(answer.model_dump_json(indent=2))
        return
    from rich.markdown import Markdown

    out.print(Markdown(answer.answer))
    for c in answer.citations:
        out.print(f"[dim][{c.n}] {c.conversation_id} turn {c.turn_start} · {c.speaker} · {c.channel} · "
                  f"{c.started_at:%Y-%m-%d}[/]")
    for caveat in answer.caveats:
        if caveat not in answer.answer:  # the writer's own notes come after the composed text
            err.print(f"[yellow]note:[/] {caveat}", highlight=False)
    b = answer.backend
    for c in b.claims:
        if not c.supported:
            err.print(f"removed by the check: {c.text} — {c.why}", style="dim", highlight=False, markup=False)
    for v in b.names:
        if not v.accepted:
            err.print(f"theme name not used ({v.rule}): {v.proposed or '(nothing)'} — kept “{v.analysis}”",
                      style="dim", highlight=False, markup=False)
    if b.generation_ms:
        err.print(f"[dim]written by {b.llm} · {b.prompt} · {b.prompt_tokens} prompt + {b.completion_tokens} tokens · "
                  f"first token {b.first_token_ms / 1000:.1f} s · {b.generation_ms / 1000:.1f} s"
                  f"{f' · {b.excerpts_trimmed} excerpts left out to fit the context' if b.excerpts_trimmed else ''}[/]")


@app.command()
def sample(
    out: Annotated[Path, typer.Argument(
        help="Where to write the corpus (a .jsonl file).")] = Path("sample/conversations.jsonl"),
    n: Annotated[int, typer.Option(help="Number of conversations.")] = 2000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 7,
) -> None:
    """Write the generated sample corpus (ground truth stays in eval/)."""
    from eval.sample import generate, write_jsonl

    out.parent.mkdir(parents=True, exist_ok=True)
    write_jsonl(generate(n=n, seed=seed).conversations, out)
    err.print(f"wrote {n} conversations to {out}")


@app.command("eval")
def evaluate(
    store: StoreOpt = None,
    benchmark: Annotated[Optional[Path], typer.Option(
        help="A benchmark set, JSON or YAML (default: the sample corpus's set).")] = None,
    llm: Annotated[list[str], typer.Option(help="Backend(s) both systems use; repeat for several: "
                                                "extractive | local | openai.")] = ["extractive"],  # noqa: B006
    out: Annotated[Path, typer.Option(
        help="Folder for report.json, report.md and chart.svg (with --pii: pii-report.json and pii-report.md).")
    ] = Path("convoscope-eval"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON on stdout.")] = False,
    pii: Annotated[bool, typer.Option("--pii", help="PII redaction instead: recall, precision and look-alikes kept "
                                                    "on the labelled set in eval/data/pii/.")] = False,
    compare: Annotated[list[str], typer.Option(help="With --pii: score this detector beside Convoscope's "
                                                    "(presidio).")] = [],  # noqa: B006
    pii_set: Annotated[Optional[Path], typer.Option(
        help="With --pii: another labelled set, JSON Lines (default: eval/data/pii/pii_set.jsonl).")] = None,
) -> None:
    """Answer quality: Convoscope beside two naive-RAG baselines on a benchmark set, in one run.
    With --pii: PII redaction on the labelled set instead."""
    if pii:
        _evaluate_pii(compare, pii_set, out, as_json)
        return
    from eval import load_sample_set
    from eval.harness import evaluate as run
    from eval.report import faithfulness_rows, rows, write
    from eval.sets import load_set

    s = _store(store)
    if not s.exists():
        raise ConvoscopeError(f"no store at {s.path}", "build the sample first: `convoscope demo --no-serve`")
    bench = load_set(benchmark) if benchmark else load_sample_set()
    if benchmark is None:
        known = next(c for q in bench.questions for c in q.relevant)
        if s.conversations.get(known) is None:
            raise ConvoscopeError(
                f"the store at {s.path} does not hold the default sample corpus",
                "evaluate on the demo store (`convoscope demo --no-serve`), or pass --benchmark with your own set")
    with err.status("loading the embedder…"):
        s.embedder.embed(["warm up"])  # latency is measured warm, as a running app sees it
    from eval.harness import SYSTEMS

    total = len(bench.questions) * len(SYSTEMS) * len(llm)
    with _progress() as bar:
        task = bar.add_task("asking", total=total, rate="")

        def advance() -> None:
            bar.advance(task)
            elapsed, done = bar.tasks[task].elapsed or 0, bar.tasks[task].completed
            if elapsed:
                bar.update(task, rate=f"{done / elapsed:.1f} answers/s")

        report = run(s, bench, list(llm), on_question=advance)
    files = write(report, out)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    header, body = rows(report)
    _table(f"{bench.name}: {report.questions} questions", header, body)
    if report.faithfulness:
        _table("Model prose, claim by claim (rejected claims removed; composed text when too few hold)",
               *faithfulness_rows(report))
    err.print(f"reports: {', '.join(str(f) for f in files)}")


def _table(title: str, head: list[str], body: list[list[str]]) -> None:
    """A table on stdout: the first column left, the figures right."""
    from rich.table import Table

    table = Table(title=title)
    for i, name in enumerate(head):
        table.add_column(name, justify="left" if i == 0 else "right")
    for row in body:
        table.add_row(*row)
    Console().print(table)


def _evaluate_pii(compare: list[str], labelled: Path | None, out: Path, as_json: bool) -> None:
    """``convoscope eval --pii``: per entity recall and precision, look-alikes kept."""
    from eval import pii as pii_eval

    if labelled is not None and not labelled.is_file():
        raise ConvoscopeError(f"no labelled set at {labelled}", "pass a JSON Lines file in eval/data/pii/'s format")
    detectors, notes = pii_eval.detectors(compare)
    for note in notes:
        err.print(f"[yellow]note:[/] {note}", highlight=False)
    with err.status("scoring PII redaction…"):
        path = labelled or pii_eval.DEFAULT_PATH
        report = pii_eval.evaluate(detectors, pii_eval.load_set(path), name=path.name)
    written = pii_eval.write(report, out)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    for d in report.detectors:
        err.print(f"[dim]{d.detector}: {d.note}[/]", highlight=False)
    for title, head, body in pii_eval.tables(report):
        _table(title, head, body)
    err.print(f"reports: {', '.join(str(f) for f in written)}")


def _app_path() -> Path:
    spec = importlib.util.find_spec("app")
    if spec is None or spec.origin is None:
        raise ConvoscopeError("the Streamlit app (app.py) is not installed", "reinstall with `make install`")
    return Path(spec.origin)


@app.command()
def ui(
    store: StoreOpt = None, chroma_url: ChromaOpt = None,
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
    address: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
) -> None:
    """Serve the Streamlit app."""
    from ui.access import LOOPBACK, configured

    if address not in LOOPBACK and configured() == (None, None):
        raise ConvoscopeError(f"refusing to serve on {address} without a password",
                              "set CONVOSCOPE_APP_PASSWORD (or CONVOSCOPE_APP_PASSWORD_HASH, or [convoscope] password "
                              "in .streamlit/secrets.toml), or keep the default --address 127.0.0.1")
    env = dict(os.environ, CONVOSCOPE_STORE=str(settings.store_path(store)))
    if chroma_url:
        env["CONVOSCOPE_CHROMA_URL"] = chroma_url
    command = [sys.executable, "-m", "streamlit", "run", str(_app_path()), "--server.address", address,
               "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", "--client.toolbarMode", "minimal"]
    err.print(f"Convoscope is serving at http://{address}:{port}  (Ctrl-C stops it)")
    sys.stderr.flush()
    os.execve(sys.executable, command, env)  # become the server: stopping this process stops it


@app.command()
def demo(
    store: StoreOpt = None,
    n: Annotated[int, typer.Option(help="Sample conversations to generate.")] = 2000,
    serve: Annotated[bool, typer.Option(help="Serve the app once the store is built.")] = True,
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
) -> None:
    """Build the sample corpus into a store and open the app: the main job on embedded defaults."""
    from eval.sample import generate, write_jsonl

    s = _store(store)
    corpus = s.path.parent / f"{s.path.name}-sample" / "conversations.jsonl"
    corpus.parent.mkdir(parents=True, exist_ok=True)
    write_jsonl(generate(n=n).conversations, corpus)
    err.print(f"sample corpus: {n} conversations in {corpus}")
    _ingest(s, [corpus])
    s.close()
    if serve:
        ui(store=s.path, chroma_url=None, port=port, address="127.0.0.1")


app.command()(bench)
app.command()(load)


def _os_error_line(error: OSError) -> str:
    import errno

    what = f"{error.strerror or error}{f': {error.filename}' if error.filename else ''}"
    if error.errno == errno.ENOSPC:
        return f"{what} — free space on that disk, then re-run: the ingest resumes where it stopped"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{what} — check that this user may read (and, to ingest, write) that path"
    return f"{what} — check the path and re-run"


def main() -> None:
    try:
        app()
    except ConvoscopeError as error:
        err.print(f"[red]error:[/] {error}", highlight=False)
        raise SystemExit(1) from None
    except OSError as error:  # a full disk or a folder we may not write, outside the stores' own checks
        err.print(f"[red]error:[/] {_os_error_line(error)}", highlight=False)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        err.print("interrupted — what was committed stays; re-run to finish")
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
