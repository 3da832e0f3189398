"""`convoscope bench` machinery on a tiny corpus with the fakes (the real-model figures are
in BENCHMARKS.md, not a timed test)."""

from __future__ import annotations

import json

from eval.bench import BenchReport, Phase, percentile, run
from eval.bench_render import markdown, refresh_section, write_json
from vectorstore import fake_store


class Counting(Phase):
    def __init__(self) -> None:
        self.phases: dict[str, list[int]] = {}
        self.current = ""

    def start(self, description: str, total: int) -> None:
        self.current = description
        self.phases[description] = [total, 0]

    def advance(self, steps: int = 1) -> None:
        self.phases[self.current][1] += steps


def test_bench_gives_sane_figures_on_a_tiny_corpus(tmp_path):
    store = fake_store(tmp_path / "store")
    phase = Counting()
    report = run(60, store, repeats=1, phase=phase, command="convoscope bench --n 60")
    store.close()

    assert report.ingest.conversations == 60 == report.embedder_alone.conversations
    assert report.ingest.chunks > 0 and report.ingest.statements > 0
    # the embedder alone saw exactly the texts the pipeline embedded
    assert (report.ingest.chunks, report.ingest.statements) == (report.embedder_alone.chunks,
                                                                report.embedder_alone.statements)
    assert 0 < report.embed_seconds_in_ingest < report.ingest.seconds
    assert report.ingest.texts_per_s > 0 and report.embedder_alone.texts_per_s > 0
    assert 0 < report.ratio < 1  # the pipeline does more than embed
    assert {k.kind for k in report.latency} == {"why", "count", "summary", "search", "compare"}
    for k in report.latency:
        assert k.samples == k.questions == 3
        assert 0 < k.p50_ms <= k.p95_ms <= k.max_ms < 60_000
    assert report.store_bytes > 0 and report.peak_rss_mb > 10
    assert phase.phases["ingest + embedder alone"] == [60, 60]
    assert phase.phases["questions"] == [15, 15]
    assert report.p95_target_ms is None  # no latency target below 10,000 conversations

    written = write_json(report, tmp_path / "out")
    again = BenchReport.model_validate_json(written.read_text())
    assert again.ingest == report.ingest and json.loads(written.read_text())["ratio"] == report.ratio

    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text("# Benchmarks\n\nkept\n")
    refresh_section(doc, report)
    refresh_section(doc, report)  # refreshed in place, not appended twice
    text = doc.read_text()
    assert (text.startswith("# Benchmarks\n\nkept\n")
            and text.count("<!-- convoscope bench n=60 embedder=hash-256 -->") == 1)
    assert "### n = 60 conversations · hash-256" in markdown(report)


def test_raw_every_measures_a_subset_of_batches(tmp_path):
    store = fake_store(tmp_path / "store")
    report = run(300, store, repeats=1, raw_every=2)  # batches of 128: 0 and 2 of 0..2 are re-embedded
    model = store.conversations.topic_model()
    store.close()
    assert report.embedder_alone.conversations == 128 + 44
    assert report.ingest.conversations == 300
    assert model is not None and model.version == 1  # one ingest, as `convoscope ingest` runs: topics fitted once


def test_percentile_is_nearest_rank():
    assert percentile([5.0], 0.95) == 5.0
    assert percentile([float(i) for i in range(1, 21)], 0.95) == 19.0
    assert percentile([float(i) for i in range(1, 21)], 0.5) == 10.0
    assert percentile([], 0.5) == 0.0


def test_writer_figures_time_each_why_question(tmp_path):
    from assistant import ScriptedLLM
    from eval.bench import WRITER_QUESTIONS, measure_writer
    from eval.sample import generate
    from ingest import ingest_conversations

    store = fake_store(tmp_path / "store")
    ingest_conversations(store, generate(n=200).conversations)
    model = ScriptedLLM(*["Nothing backed here."] * 7, name="scripted")
    figures = measure_writer(store, model, Phase(), repeats=2)
    store.close()
    # each question that has something to cite is written, once per repeat (at n=200 the refund rise has, since
    # the "refund" disposition came to define refund requests with the customers' own words)
    assert [f.question for f in figures] == list(WRITER_QUESTIONS) * 2
    assert all(f.prompt_tokens > 0 and f.completion_tokens == 3 and not f.shown for f in figures)
    assert all(0 <= f.first_token_ms <= f.total_ms for f in figures)


def test_a_file_of_your_own_conversations_is_benched_for_ingest_only(tmp_path, data_dir):
    store = fake_store(tmp_path / "store")
    corpus = data_dir / "mini.jsonl"
    report = run(1000, store, repeats=1, corpus=corpus)
    store.close()
    assert report.ingest.conversations == 5 == report.n and report.corpus == "mini.jsonl"
    assert report.embedder_alone.texts == report.ingest.texts and report.latency == []
    assert "### n = 5 conversations of mini.jsonl" in markdown(report)
    assert write_json(report, tmp_path / "out").name == "bench-n5-mini.json"
