"""Chroma server mode against a real ``chroma run`` on 127.0.0.1: ingest, ask, re-ingest, the
same answers as the embedded store, shards from two machines merged, the server stopped
mid-ingest, and an unreachable URL."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from chroma_proc import ChromaProcess, TokenProxy, free_port, self_signed

from convoscope.errors import StoreError
from eval.sample import generate, write_jsonl
from vectorstore.chroma_server import ChromaServer

N = 100
QUESTIONS = [
    "why did cancellations rise last month?",
    "how many refund requests in October?",
    "show me customers who want to cancel",
    "How do AI agents compare with human agents on refunds?",
]


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    full = {**os.environ, "CONVOSCOPE_ALLOW_MODELS": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], env=full, capture_output=True,
                          text=True, timeout=timeout)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The CLI failed with exactly one line on stderr (after any progress output), no traceback."""
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    assert " — " in lines[0], lines[0]  # the cause, then the fix
    print(lines[0])
    return lines[0]


def stored(path: Path) -> int:
    try:
        with closing(sqlite3.connect(path / "conversations.sqlite")) as db:
            return db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.fixture
def server(tmp_path):
    chroma = ChromaProcess(tmp_path / "chroma-server").start()
    yield chroma
    chroma.stop()


# -- settings (no server, no model) -----------------------------------------------------


def test_headers_token_and_tls_settings_are_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CONVOSCOPE_CHROMA_HEADERS", "X-Team: support; X-Trace: 1")
    monkeypatch.setenv("CONVOSCOPE_CHROMA_TOKEN", "s3cret")
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    monkeypatch.setenv("CONVOSCOPE_CHROMA_SSL_VERIFY", str(bundle))
    server = ChromaServer.from_env("https://chroma.internal")
    assert server.headers == {"X-Team": "support", "X-Trace": "1", "Authorization": "Bearer s3cret"}
    assert server.verify == str(bundle) and server.ssl and server.port == 443 and server.host == "chroma.internal"
    assert "s3cret" not in repr(server) and str(server) == "https://chroma.internal"
    monkeypatch.setenv("CONVOSCOPE_CHROMA_HEADERS", '{"X-Api-Key": "k"}')
    monkeypatch.setenv("CONVOSCOPE_CHROMA_TOKEN_HEADER", "X-Chroma-Token")
    monkeypatch.setenv("CONVOSCOPE_CHROMA_SSL_VERIFY", "false")
    server = ChromaServer.from_env("127.0.0.1:9000")
    assert server.headers == {"X-Api-Key": "k", "X-Chroma-Token": "s3cret"}
    assert server.verify is False and server.url == "http://127.0.0.1:9000" and server.port == 9000


@pytest.mark.parametrize(
    ("name", "value", "url"),
    [("CONVOSCOPE_CHROMA_HEADERS", "{not json", "http://h:1"), ("CONVOSCOPE_CHROMA_HEADERS", "no colon", "http://h:1"),
     ("CONVOSCOPE_CHROMA_SSL_VERIFY", "/no/such/ca.pem", "http://h:1"), ("CONVOSCOPE_CHROMA_TIMEOUT", "soon", "http://h:1"),
     ("CONVOSCOPE_CHROMA_TIMEOUT", "10", "ftp://h:1")],
)
def test_bad_settings_are_one_line_with_the_fix(monkeypatch, name, value, url):
    monkeypatch.setenv(name, value)
    with pytest.raises(StoreError) as raised:
        ChromaServer.from_env(url)
    assert raised.value.fix and "\n" not in str(raised.value)


def test_an_unreachable_server_is_one_line_at_startup(tmp_path):
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    corpus = tmp_path / "calls.jsonl"
    write_jsonl(generate(n=5, seed=3).conversations, corpus)
    for args in (["ingest", str(corpus)], ["ask", "why did cancellations rise?"]):
        line = one_line_error(cli(*args, "--store", str(tmp_path / "store"), "--chroma-url", url,
                                  env={"CONVOSCOPE_ALLOW_MODELS": "0"}))  # fails before any model loads
        assert f"cannot reach the Chroma server at {url}" in line and "chroma run" in line
    assert stored(tmp_path / "store") == 0


def test_a_url_that_is_not_a_chroma_server_is_one_line(tmp_path):
    import http.server
    import threading

    web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{web.server_address[1]}"
        line = one_line_error(cli("ask", "why?", "--store", str(tmp_path / "store"), "--chroma-url", url,
                                  env={"CONVOSCOPE_ALLOW_MODELS": "0"}))
        assert f"{url} does not answer as a Chroma server (HTTP 404" in line and "CONVOSCOPE_CHROMA_URL" in line
    finally:
        web.shutdown()


# -- a real server ----------------------------------------------------------------------


@pytest.mark.e2e
def test_ingest_ask_and_reingest_on_a_server_give_the_embedded_store_s_answers(tmp_path, server):
    from assistant import ask
    from vectorstore import Store
    from vectorstore.langchain import langchain_search

    corpus = tmp_path / "calls.jsonl"
    write_jsonl(generate(n=N, seed=5).conversations, corpus)
    remote, local = tmp_path / "remote", tmp_path / "local"
    first = cli("ingest", str(corpus), "--store", str(remote), "--chroma-url", server.url)
    assert first.returncode == 0, first.stderr
    assert f"{N} added, 0 updated, 0 unchanged" in first.stderr
    assert cli("ingest", str(corpus), "--store", str(local)).returncode == 0
    assert not (remote / "chroma").exists()  # the vectors went to the server

    with closing(sqlite3.connect(remote / "conversations.sqlite")) as db:
        before = db.execute("SELECT id, content_hash, ingested_at FROM conversations ORDER BY id").fetchall()
    again = cli("ingest", str(corpus), "--store", str(remote), "--chroma-url", server.url)
    assert again.returncode == 0, again.stderr
    assert f"0 added, 0 updated, {N} unchanged" in again.stderr and "(0 chunks written" in again.stderr
    with closing(sqlite3.connect(remote / "conversations.sqlite")) as db:  # nothing rewritten
        assert db.execute("SELECT id, content_hash, ingested_at FROM conversations ORDER BY id").fetchall() == before

    on_server, embedded = Store(remote, chroma_url=server.url), Store(local)
    try:
        chunk_ids = {c.id for c in on_server.conversations.chunks()}
        assert on_server.vectors.count() == embedded.vectors.count() == len(chunk_ids)
        assert on_server.vectors.existing(sorted(chunk_ids)) == chunk_ids
        answered = cli("ask", QUESTIONS[0], "--store", str(remote), "--chroma-url", server.url, "--json")
        assert answered.returncode == 0, answered.stderr
        assert '"kind": "why"' in answered.stdout
        for question in QUESTIONS:
            a, b = (ask(question, s).model_dump(exclude={"backend", "timings_ms"}) for s in (on_server, embedded))
            # the merged store re-learned its topics after each merge: another version, the same statements
            versions = [x.pop("topic_model") for x in (a, b)]
            learned = [re.search(r"from ([\d,]+) customer statements", v or "") for v in versions]
            assert all(learned) and learned[0].group(1) == learned[1].group(1), versions
            assert a == b, question
            hits_a, hits_b = on_server.search(question, k=20), embedded.search(question, k=20)
            assert [h.id for h in hits_a] == [h.id for h in hits_b]
            assert [h.score for h in hits_a] == pytest.approx([h.score for h in hits_b], abs=1e-5)
            assert [h.id for h in langchain_search(on_server, question, 5)] == [
                h.id for h in langchain_search(embedded, question, 5)]
        for app_store in (Store(remote, chroma_url=server.url, read_only=True), Store(local, read_only=True)):
            try:  # as the app opens them
                assert [h.id for h in app_store.search(QUESTIONS[2], k=20)] == [
                    h.id for h in embedded.search(QUESTIONS[2], k=20)]
            finally:
                app_store.close()
    finally:
        on_server.close()
        embedded.close()


@pytest.mark.e2e
def test_shards_ingested_on_two_machines_and_merged_answer_as_one_ingest(tmp_path, server):
    """Two machines each ingest one shard with their own --store and the one server; the askers'
    store merges their conversations (--merge) and answers as a single embedded ingest does."""
    from assistant import ask
    from vectorstore import Store

    corpus = tmp_path / "calls.jsonl"
    write_jsonl(generate(n=N, seed=5).conversations, corpus)
    shards = [tmp_path / f"machine-{i}" for i in range(2)]
    for i, shard in enumerate(shards):
        made = cli("ingest", str(corpus), "--store", str(shard), "--chroma-url", server.url, "--shard", f"{i}/2")
        assert made.returncode == 0, made.stderr
    assert 0 < stored(shards[0]) < N and stored(shards[0]) + stored(shards[1]) == N
    askers, local = tmp_path / "askers", tmp_path / "local"
    merged = cli("ingest", "--merge", str(shards[0]), "--merge", str(shards[1]), "--store", str(askers),
                 "--chroma-url", server.url)
    assert merged.returncode == 0, merged.stderr
    assert f"merged {stored(shards[0])} conversations from {shards[0]}" in merged.stderr
    assert cli("ingest", str(corpus), "--store", str(local)).returncode == 0
    again = cli("ingest", "--merge", str(shards[1]), "--store", str(askers), "--chroma-url", server.url)
    assert again.returncode == 0 and stored(askers) == N  # merging a shard twice changes nothing

    on_server, embedded = Store(askers, chroma_url=server.url), Store(local)
    try:
        chunk_ids = {c.id for c in on_server.conversations.chunks()}
        assert chunk_ids == {c.id for c in embedded.conversations.chunks()}
        assert (on_server.vectors.count() == len(chunk_ids)
                and on_server.vectors.existing(sorted(chunk_ids)) == chunk_ids)
        for question in QUESTIONS:
            a, b = (ask(question, s).model_dump(exclude={"backend", "timings_ms"}) for s in (on_server, embedded))
            # the merged store re-learned its topics after each merge: another version, the same statements
            versions = [x.pop("topic_model") for x in (a, b)]
            learned = [re.search(r"from ([\d,]+) customer statements", v or "") for v in versions]
            assert all(learned) and learned[0].group(1) == learned[1].group(1), versions
            assert a == b, question
    finally:
        on_server.close()
        embedded.close()


@pytest.mark.e2e
def test_a_server_stopped_mid_ingest_is_one_line_and_a_rerun_completes_without_duplicates(tmp_path, server):
    from vectorstore import Store

    n = 300  # three batches of 128, 128 and 44
    corpus = tmp_path / "calls.jsonl"
    write_jsonl(generate(n=n, seed=13).conversations, corpus)
    store_path = tmp_path / "store"
    command = [sys.executable, "-m", "ui.cli", "ingest", str(corpus), "--store", str(store_path),
               "--chroma-url", server.url]
    env = dict(os.environ, CONVOSCOPE_ALLOW_MODELS="1")
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while stored(store_path) == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    server.stop(signal.SIGKILL)  # mid-ingest: at least one batch in, more to come
    stdout, stderr = process.communicate(timeout=120)
    line = one_line_error(subprocess.CompletedProcess(command, process.returncode, stdout, stderr))
    assert f"the Chroma server at {server.url}" in line and "chroma run" in line and "re-run" in line, line
    partial = stored(store_path)
    assert 0 < partial < n

    server.start()  # the same data folder and port
    store = Store(store_path, chroma_url=server.url)
    try:  # every conversation SQLite counts has all its chunks on the server
        chunk_ids = {c.id for c in store.conversations.chunks()}
        assert store.vectors.existing(sorted(chunk_ids)) == chunk_ids
    finally:
        store.close()

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{n - partial} added, 0 updated, {partial} unchanged" in rerun.stderr
    store = Store(store_path, chroma_url=server.url)
    try:  # nothing lost, no duplicates, no orphans
        assert store.conversations.count() == n
        chunks = store.conversations.chunks()
        assert store.vectors.count() == len(chunks) == len({c.id for c in chunks})
        assert store.vectors.existing(sorted(c.id for c in chunks)) == {c.id for c in chunks}
    finally:
        store.close()


@pytest.mark.e2e
def test_the_token_and_headers_reach_the_server_through_a_proxy_that_wants_them(tmp_path, server):
    corpus = tmp_path / "calls.jsonl"
    write_jsonl(generate(n=20, seed=8).conversations, corpus)
    proxy = TokenProxy(server.url, "s3cret")
    try:
        store = str(tmp_path / "store")
        line = one_line_error(cli("ingest", str(corpus), "--store", store, "--chroma-url", proxy.url,
                                  env={"CONVOSCOPE_CHROMA_TOKEN": "wrong"}))
        assert f"the Chroma server at {proxy.url} refused our credentials (HTTP 401)" in line
        assert "CONVOSCOPE_CHROMA_TOKEN" in line and proxy.passed == 0
        done = cli("ingest", str(corpus), "--store", store, "--chroma-url", proxy.url,
                   env={"CONVOSCOPE_CHROMA_TOKEN": "s3cret", "CONVOSCOPE_CHROMA_HEADERS": "X-Team: support"})
        assert done.returncode == 0, done.stderr
        assert "20 added" in done.stderr and proxy.passed > 3  # the heartbeat and Chroma's own calls
    finally:
        proxy.close()


@pytest.mark.e2e
def test_tls_with_a_private_ca_bundle(tmp_path, server):
    import shutil

    if not shutil.which("openssl"):
        pytest.skip("needs openssl for a certificate")
    cert, key = self_signed(tmp_path)
    proxy = TokenProxy(server.url, "s3cret", tls=(cert, key))
    try:
        corpus = tmp_path / "calls.jsonl"
        write_jsonl(generate(n=10, seed=9).conversations, corpus)
        store = str(tmp_path / "store")
        env = {"CONVOSCOPE_CHROMA_TOKEN": "s3cret"}
        line = one_line_error(cli("ingest", str(corpus), "--store", store, "--chroma-url", proxy.url, env=env))
        assert f"TLS to the Chroma server at {proxy.url} failed" in line and "CONVOSCOPE_CHROMA_SSL_VERIFY" in line
        done = cli("ingest", str(corpus), "--store", store, "--chroma-url", proxy.url,
                   env={**env, "CONVOSCOPE_CHROMA_SSL_VERIFY": str(cert)})
        assert done.returncode == 0, done.stderr
        assert "10 added" in done.stderr
    finally:
        proxy.close()
