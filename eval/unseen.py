"""Answer quality on corpora the product was not tuned on, through the real command line.

    python -m eval.unseen [--corpus insurer|utility|tweets|all] [--out DIR] [--scale 1.0] [--jobs 2]
    python -m eval.unseen --data CONVERSATIONS.jsonl --bench SET.json [--out DIR]   # your own corpus

For each corpus: write it as JSON Lines, build a fresh store with ``convoscope ingest FILE
--store DIR``, ask every benchmark question with ``convoscope ask Q --store DIR --json --llm
extractive`` (``--jobs`` processes at a time: each process loads the embedder, so asking one
at a time is slow), and score Convoscope's answers beside the two naive-RAG baselines (asked
in this process on the same store) with ``eval/metrics.py``. Prints one table per corpus and
writes, under ``DIR/<corpus>/``: the corpus, the benchmark set, each question's Answer JSON
(``answers/<id>.json``), ``report.json`` / ``report.md`` / ``chart.svg`` and ``failures.md``
(each question where Convoscope missed: its answer beside the gold).

The command line runs as ``python -m ui.cli`` with this interpreter from the
repository root, so the code measured is this checkout's. Convoscope's latency is the
answer's own ``total_ms``: the process start and the embedder's load are not counted, but
each answer is a cold process's first (no warm caches), so it reads higher than in-process;
``eval.harness.evaluate`` asks the same questions in-process and is what the tests use.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pydantic import BaseModel

from convoscope.models import Answer, Conversation
from eval.baseline import NaiveRAG, NaiveRAGFair
from eval.corpora import insurer, tweets, utility
from eval.harness import Report, summarise
from eval.metrics import QuestionScore, score
from eval.report import rows, write
from eval.sets import BenchmarkSet, BenchQuestion, load_set, save_set
from eval.systems import from_answer

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("insurer", "utility", "tweets")


class UnseenCorpus(BaseModel):
    """A corpus and its benchmark set, as the runner and the tests take them."""

    name: str
    conversations: list[Conversation]
    bench: BenchmarkSet


def build(name: str, scale: float = 1.0) -> UnseenCorpus | None:
    """The named corpus with its set; None for the real threads when this checkout lacks them."""
    if name == "tweets":
        if tweets.locate() is None:
            return None
        conversations = tweets.load()
        return UnseenCorpus(name=name, conversations=conversations, bench=tweets.benchmark(conversations))
    module = {"insurer": insurer, "utility": utility}[name]
    corpus = module.make(scale=scale)
    return UnseenCorpus(name=name, conversations=corpus.conversations, bench=module.benchmark(corpus))


def external(data: Path, bench: Path) -> UnseenCorpus:
    """A corpus the user brings: conversations as JSON Lines and a benchmark set (``eval/sets.py``)."""
    with open(data, encoding="utf-8") as lines:
        conversations = [Conversation.model_validate_json(line) for line in lines if line.strip()]
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", data.parent.name if data.stem == "conversations" else data.stem)
    return UnseenCorpus(name=name or "corpus", conversations=conversations, bench=load_set(bench))


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CONVOSCOPE_LLM": "extractive", "CONVOSCOPE_ALLOW_MODELS": "1"}
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=False)


def ingest(path: Path, store: Path) -> str:
    """``convoscope ingest`` into a fresh store; its summary line (raises with stderr on failure)."""
    shutil.rmtree(store, ignore_errors=True)
    done = _cli("ingest", str(path), "--store", str(store))
    if done.returncode:
        raise RuntimeError(f"convoscope ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout.strip() or done.stderr.strip().splitlines()[-1]


def ask_cli(question: BenchQuestion, store: Path, answers: Path) -> Answer:
    """One question through ``convoscope ask --json``; the Answer is saved as ``answers/<id>.json``."""
    earlier = [arg for previous in question.history for arg in ("--after", previous)]
    done = _cli("ask", question.question, "--store", str(store), "--json", "--llm", "extractive", *earlier)
    if done.returncode:
        raise RuntimeError(f"convoscope ask failed on {question.id!r}: {done.stderr[-2000:]}")
    (answers / f"{question.id}.json").write_text(done.stdout, encoding="utf-8")
    return Answer.model_validate_json(done.stdout)


def _gold(q: BenchQuestion) -> str:
    parts = [f"kind {q.kind or '–'}"]
    if q.counts:
        parts.append(f"counts {q.counts}")
    if q.drivers:
        parts.append("drivers " + "; ".join(f"{d.label} ({', '.join(d.match_terms[:3])})" for d in q.drivers))
    if q.supporting:
        parts.append(f"{len(q.supporting)} supporting conversations")
    if not q.answerable:
        parts.append("unanswerable")
    return ", ".join(parts)


def failures(bench: BenchmarkSet, answers: dict[str, Answer], scores: list[QuestionScore]) -> str:
    """Markdown: every question where Convoscope's kind, counts, drivers, recall or refusal fell short."""
    by_id = {s.id: s for s in scores if s.system.startswith("convoscope")}
    lines = [f"# Convoscope's misses on {bench.name}", ""]
    for q in bench.questions:
        s, a = by_id[q.id], answers[q.id]
        missed = [what for what, bad in (
            ("kind", s.kind_right is False), ("counts", any(c < 0.9 for c in s.count_scores)),
            ("drivers", (s.drivers_found or 0) < (s.drivers_gold or 0)), ("decoys", bool(s.decoys_reported)),
            ("recall@10", s.recall_at_10 is not None and s.recall_at_10 < 0.5), ("refusal", not s.refusal_correct),
            ("citations", s.cited > 0 and s.cited_supporting < s.cited)) if bad]
        if not missed:
            continue
        got = from_answer(a, 0.0)
        lines += [f"## {q.id}: {q.question}", "", f"- missed: {', '.join(missed)}", f"- gold: {_gold(q)}",
                  f"- answered: kind {a.kind}, counts {got.counts}, drivers {[d.label for d in a.drivers[:3]]}, "
                  f"population “{a.topic}”, {len(a.citations)} citations "
                  f"({s.cited_supporting}/{s.cited} supporting)",
                  "- first line: " + (a.answer.strip().splitlines() or [""])[0][:300], ""]
    return "\n".join(lines) + "\n"


def run(corpus: UnseenCorpus, out: Path, jobs: int = 2) -> Report:
    """Build, ask through the CLI, score all three systems; files under ``out/<corpus>``."""
    from vectorstore import Store

    folder = out / corpus.name
    answers_dir = folder / "answers"
    answers_dir.mkdir(parents=True, exist_ok=True)
    data, store_dir = folder / "conversations.jsonl", folder / "store"
    with open(data, "w", encoding="utf-8") as lines:
        lines.writelines(c.model_dump_json(exclude_none=True) + "\n" for c in corpus.conversations)
    save_set(corpus.bench, folder / "benchmark.json")
    print(f"{corpus.name}: {ingest(data, store_dir)}", file=sys.stderr)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        asked = list(pool.map(lambda q: ask_cli(q, store_dir, answers_dir), corpus.bench.questions))
    answers = {q.id: a for q, a in zip(corpus.bench.questions, asked)}
    store = Store(store_dir)
    store.embedder.embed(["warm up"])
    all_scores, systems = [], []
    own = []
    for q in corpus.bench.questions:
        a = from_answer(answers[q.id], answers[q.id].timings_ms.get("total_ms", 0.0))
        own.append(score(q, a, store.conversations.get_many({e.conversation_id for e in a.excerpts})))
    for system_name, scores in [("convoscope", own)] + [
        (b.name, [score(q, ans := b.answer(q.question, q.history),
                        store.conversations.get_many({e.conversation_id for e in ans.excerpts}))
                  for q in corpus.bench.questions]) for b in (NaiveRAG(store), NaiveRAGFair(store))]:
        for s in scores:
            s.system = f"{system_name} (extractive)"
        all_scores += scores
        systems.append(summarise(system_name, "extractive", scores))
    store.close()
    report = Report(benchmark=corpus.bench.name, store=str(store_dir), questions=len(corpus.bench.questions),
                    systems=systems, scores=all_scores)
    write(report, folder)
    (folder / "failures.md").write_text(failures(corpus.bench, answers, all_scores), encoding="utf-8")
    return report


def table(report: Report) -> str:
    header, body = rows(report)
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    fmt = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    return "\n".join([report.benchmark, fmt.format(*header), *(fmt.format(*r) for r in body)])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.unseen", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=[*NAMES, "all"], default="all")
    parser.add_argument("--out", type=Path, default=Path("convoscope-unseen"))
    parser.add_argument("--scale", type=float, default=1.0, help="the generated corpora's size (1.0: ~1,250 each)")
    parser.add_argument("--jobs", type=int, default=2, help="`convoscope ask` processes at a time")
    parser.add_argument("--data", type=Path, help="your own corpus (JSON Lines of conversations) instead of --corpus")
    parser.add_argument("--bench", type=Path, help="the benchmark set of --data (JSON or YAML, eval/sets.py)")
    args = parser.parse_args(argv)
    if (args.data is None) != (args.bench is None):
        parser.error("--data and --bench go together: a corpus and the questions with their golds")
    summary = {}
    args.out.mkdir(parents=True, exist_ok=True)
    for name in ("external",) if args.data else NAMES if args.corpus == "all" else (args.corpus,):
        corpus = external(args.data, args.bench) if args.data else build(name, args.scale)
        if corpus is None:
            print(f"{name}: skipped — {tweets.FILE} not found (set CONVOSCOPE_REAL_DATA)", file=sys.stderr)
            continue
        report = run(corpus, args.out, args.jobs)
        print(table(report) + "\n", flush=True)
        summary[corpus.name if args.data else name] = [s.model_dump() for s in report.systems]
    (args.out / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
