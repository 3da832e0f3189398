"""Server mode end to end: the conversation store on a real PostgreSQL server and the vectors on a
real ``chroma run``, both on 127.0.0.1. Ingest processes write the one store at once, askers and
the app read it, and the answers are the embedded store's."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import browser
import pytest
from chroma_proc import ChromaProcess
from test_chroma_server import QUESTIONS, N  # the same corpus size and questions as Chroma's server mode

from eval.sample import generate, write_jsonl

pytestmark = pytest.mark.e2e
EMBEDDED = {"CONVOSCOPE_DATABASE_URL": "", "CONVOSCOPE_CHROMA_URL": ""}  # empty counts as unset


@pytest.fixture
def servers(tmp_path, postgres, monkeypatch):
    """CONVOSCOPE_DATABASE_URL (a schema of this test's own) and CONVOSCOPE_CHROMA_URL set."""
    chroma = ChromaProcess(tmp_path / "chroma-server").start()
    monkeypatch.setenv("CONVOSCOPE_CHROMA_URL", chroma.url)
    yield chroma
    chroma.stop()


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, "CONVOSCOPE_ALLOW_MODELS": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], env=full, capture_output=True, text=True,
                          timeout=900)


def start_cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ui.cli", *args], env={**os.environ, "CONVOSCOPE_ALLOW_MODELS": "1"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def answers(store) -> list[dict]:
    from assistant import ask

    out = []
    for question in QUESTIONS:
        answer = ask(question, store).model_dump(exclude={"backend", "timings_ms"})
        version = answer.pop("topic_model")  # the same statements, fitted by another process: another version
        answer["learned_from"] = re.search(r"from ([\d,]+) customer statements", version or "").group(1)
        out.append(answer)
    return out


def test_two_ingests_at_once_write_one_server_store_that_answers_as_an_embedded_ingest(tmp_path, servers,
                                                                                       monkeypatch):
    from vectorstore import Store

    corpus = tmp_path / "calls.jsonl"
    write_jsonl(generate(n=N, seed=5).conversations, corpus)
    # two machines: one ingests half of the corpus, the other all of it, at the same time
    runs = [start_cli("ingest", str(corpus), "--store", str(tmp_path / f"machine-{i}"), *extra)
            for i, extra in enumerate((["--shard", "0/2"], []))]
    outputs = [run.communicate(timeout=900) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert not (tmp_path / "machine-0" / "conversations.sqlite").exists()  # nothing on the machines' disks
    again = cli("ingest", str(corpus), "--store", str(tmp_path / "machine-2"))
    assert again.returncode == 0 and f"0 added, 0 updated, {N} unchanged" in again.stderr, again.stderr
    assert cli("topics", "--refit", "--store", str(tmp_path / "machine-2")).returncode == 0  # one fit of all of it
    assert cli("ingest", str(corpus), "--store", str(tmp_path / "local"), env=EMBEDDED).returncode == 0
    assert cli("topics", "--refit", "--store", str(tmp_path / "local"), env=EMBEDDED).returncode == 0

    asked = cli("ask", QUESTIONS[0], "--store", str(tmp_path / "machine-3"), "--json")
    assert asked.returncode == 0 and '"kind": "why"' in asked.stdout, asked.stderr
    on_server = Store(tmp_path / "machine-3")
    with monkeypatch.context() as m:
        for name in EMBEDDED:
            m.delenv(name)
        embedded = Store(tmp_path / "local")
        assert embedded.conversations.path.name == "conversations.sqlite" and embedded.vectors.name != "chroma-server"
    try:
        assert on_server.conversations.count() == embedded.conversations.count() == N
        chunk_ids = {c.id for c in on_server.conversations.chunks()}
        assert chunk_ids == {c.id for c in embedded.conversations.chunks()}
        assert on_server.vectors.count() == len(chunk_ids) == on_server.vectors.count()
        assert len(on_server.conversations.statements().texts) == len(embedded.conversations.statements().texts)
        assert answers(on_server) == answers(embedded)
    finally:
        on_server.close()
        embedded.close()


def test_a_shard_ingested_offline_merges_into_the_server_store(tmp_path, servers):
    from vectorstore import Store

    corpus = tmp_path / "calls.jsonl"
    write_jsonl(generate(n=60, seed=7).conversations, corpus)
    offline = cli("ingest", str(corpus), "--store", str(tmp_path / "laptop"), env=EMBEDDED)
    assert offline.returncode == 0, offline.stderr
    for _ in range(2):  # merging twice changes nothing
        merged = cli("ingest", "--merge", str(tmp_path / "laptop"), "--store", str(tmp_path / "askers"))
        assert merged.returncode == 0 and "merged 60 conversations" in merged.stderr, merged.stderr
    store = Store(tmp_path / "askers")
    try:
        assert store.conversations.count() == 60
        assert len(store.conversations.chunks()) == len({c.id for c in store.conversations.chunks()})
        assert store.conversations.statement_stats().unassigned == 0  # assigned to the server store's topics
    finally:
        store.close()


def test_eight_askers_while_an_ingest_writes_the_server_store(tmp_path, servers):
    from eval.load import run_load, shifted_corpus
    from ingest import ingest_paths
    from vectorstore import Store

    write_jsonl(generate(n=120).conversations, tmp_path / "base.jsonl")
    store = Store(tmp_path / "store")
    ingest_paths(store, [tmp_path / "base.jsonl"])
    store.close()
    extra = shifted_corpus(tmp_path / "extra.jsonl", 130)
    report = run_load(tmp_path / "store", extra, askers=8, max_answers=1000, seconds=240)
    print(report.model_dump_json(indent=1))
    assert report.errors == [] and report.ingest_error is None
    assert report.inconsistent == [] and report.incomplete == []
    assert report.ingested == 130 and report.answers >= 16 and report.answers_during_writes > 0


@pytest.mark.browser
@pytest.mark.skipif(not browser.available() and not os.environ.get("CI"), reason="Debian chromium not installed")
def test_the_app_answers_from_the_server_store_in_a_browser(tmp_path, servers):
    from chroma_proc import free_port
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    corpus = tmp_path / "calls.jsonl"
    write_jsonl(generate(n=N, seed=5).conversations, corpus)
    assert cli("ingest", str(corpus), "--store", str(tmp_path / "writer")).returncode == 0
    port = free_port()
    app = start_cli("ui", "--store", str(tmp_path / "app-machine"), "--port", str(port))
    b = browser.Browser()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and app.poll() is None:
            try:
                b.driver.get(f"http://127.0.0.1:{port}")
                break
            except Exception:  # noqa: BLE001 — not listening yet
                time.sleep(0.5)
        b.wait_for_text("Ask your customer conversations")
        box = b.wait_for_element(By.CSS_SELECTOR, "textarea")
        box.send_keys(QUESTIONS[0])
        box.send_keys(Keys.ENTER)
        b.wait_for_text("[1]", timeout=120)
        b.wait_for_text("[1] “")  # the excerpts render after the answer's text
        body = b.driver.find_element(By.TAG_NAME, "body").text
        assert "Conversations about “cancellations”" in body and "Evidence" in body and "[1] “" in body, body
        b.screenshot(Path(__file__).resolve().parents[1] / "test-artifacts" / "server-ask.png")
        b.driver.get(f"http://127.0.0.1:{port}/overview")  # the dashboards, from the same server store
        b.wait_for_text("Topics over time", timeout=120)
        b.driver.get(f"http://127.0.0.1:{port}/agents")
        b.wait_for_text("resolution from", timeout=120)
        b.driver.get(f"http://127.0.0.1:{port}/conversations")
        b.wait_for_text("newest first", timeout=120)
        assert not (tmp_path / "app-machine" / "conversations.sqlite").exists()  # no store of its own
    finally:
        b.close()
        app.terminate()
        app.wait(timeout=20)
