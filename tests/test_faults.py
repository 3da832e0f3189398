"""Faults through the real CLI: each is one line with the cause and the fix (exit 1, no
traceback), and the store afterwards holds exactly what it held before — or, where some
batches went through, each conversation fully in both SQLite and Chroma."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

import pytest

from eval.sample import generate, write_jsonl

pytestmark = pytest.mark.e2e
BASE_N = 60


def cli(*args: str, env: dict[str, str] | None = None, user: str | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, "CONVOSCOPE_ALLOW_MODELS": "1", **(env or {})}
    command = [sys.executable, "-m", "ui.cli", *args]
    if user:  # root ignores file modes: run as an unprivileged user for permission faults
        import pwd

        ids = pwd.getpwnam(user)
        command = ["setpriv", f"--reuid={ids.pw_uid}", f"--regid={ids.pw_gid}", "--clear-groups", *command]
    return subprocess.run(command, env=full, capture_output=True, text=True, timeout=900)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, (result.returncode, result.stderr[-3000:])
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-3000:]
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr[-3000:]
    assert " — " in lines[0], lines[0]  # the cause, then the fix
    print(lines[0])
    return lines[0]


def snapshot(store: Path) -> tuple[list, list, list]:
    """(conversation id and hash, chunk ids) from SQLite and the chunk ids Chroma holds, read
    from the files themselves without opening a client."""
    with closing(sqlite3.connect(f"file:{store / 'conversations.sqlite'}?mode=ro", uri=True)) as db:
        conversations = db.execute("SELECT id, content_hash FROM conversations ORDER BY id").fetchall()
        chunks = [r[0] for r in db.execute("SELECT id FROM chunks ORDER BY id")]
    with closing(sqlite3.connect(f"file:{store / 'chroma' / 'chroma.sqlite3'}?mode=ro", uri=True)) as db:
        vectors = [r[0] for r in db.execute("SELECT embedding_id FROM embeddings ORDER BY embedding_id")]
    return conversations, chunks, vectors


def consistent(store: Path) -> int:
    """Each conversation fully in both stores: SQLite's chunks are exactly Chroma's."""
    conversations, chunks, vectors = snapshot(store)
    assert chunks == vectors, (len(chunks), len(vectors))
    return len(conversations)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A small store ingested through the CLI with the real embedder and embedded Chroma."""
    folder = tmp_path_factory.mktemp("faults")
    corpus = folder / "calls.jsonl"
    write_jsonl(generate(n=BASE_N, seed=21).conversations, corpus)
    result = cli("ingest", str(corpus), "--store", str(folder / "store"))
    assert result.returncode == 0, result.stderr
    return folder / "store"


@pytest.fixture
def store(base, tmp_path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(base, target)
    return target


@pytest.fixture
def more(tmp_path) -> Path:
    corpus = tmp_path / "more.jsonl"
    conversations = generate(n=200, seed=22).conversations
    for c in conversations:
        c.id = f"more-{c.id}"
    write_jsonl(conversations, corpus)
    return corpus


def test_a_missing_embedding_model_is_one_line_and_writes_nothing(store, more):
    before = snapshot(store)
    line = one_line_error(cli("ingest", str(more), "--store", str(store),
                              env={"CONVOSCOPE_EMBEDDER_PATH": "/no/such/model"}))
    assert "no sentence-transformers model at /no/such/model" in line and "CONVOSCOPE_EMBEDDER_PATH" in line
    assert snapshot(store) == before
    line = one_line_error(cli("ask", "show me customers who want to cancel", "--store", str(store),
                              env={"CONVOSCOPE_EMBEDDER_PATH": "/no/such/model"}))
    assert "/no/such/model" in line
    assert snapshot(store) == before


def test_a_missing_or_broken_gguf_is_one_line(store, tmp_path):
    before = snapshot(store)
    question = "why did cancellations rise last month?"
    line = one_line_error(cli("ask", question, "--store", str(store), "--llm", "local", "--model", "/no/such.gguf"))
    assert "no model file at /no/such.gguf" in line and "CONVOSCOPE_GGUF" in line
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + os.urandom(4096))
    line = one_line_error(cli("ask", "show me customers who want to cancel", "--store", str(store), "--llm", "local",
                              env={"CONVOSCOPE_GGUF": str(broken)}))  # a question whose answer the model writes
    assert f"cannot load {broken}" in line and "valid .gguf" in line
    assert snapshot(store) == before


def test_a_corrupt_chroma_directory_is_one_line_and_sqlite_is_untouched(store, more):
    before = snapshot(store)[:2]
    database = store / "chroma" / "chroma.sqlite3"
    database.write_bytes(b"this is not a database" * 1000)
    line = one_line_error(cli("ingest", str(more), "--store", str(store)))
    assert (f"cannot open the Chroma store at {store / 'chroma'}" in line and "move the store folder" in line
            and "damaged" in line)
    with closing(sqlite3.connect(store / "conversations.sqlite")) as db:
        assert db.execute("SELECT id, content_hash FROM conversations ORDER BY id").fetchall() == before[0]
        assert [r[0] for r in db.execute("SELECT id FROM chunks ORDER BY id")] == before[1]


@pytest.fixture
def tiny_disk(store):
    """The store copied onto a tmpfs with a little room to spare (root only)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a real full disk needs root for a tmpfs mount")
    mountpoint = Path(tempfile.mkdtemp(prefix="convoscope-full-"))
    size = sum(f.stat().st_size for f in store.rglob("*") if f.is_file())
    room = size + 2 * 1024 * 1024  # a batch fits, then the disk is full
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={room}", "tmpfs", str(mountpoint)]).returncode:
        pytest.skip("cannot mount a tmpfs here")
    shutil.copytree(store, mountpoint / "store")
    yield mountpoint
    if subprocess.run(["umount", str(mountpoint)], check=False).returncode:
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)
    mountpoint.rmdir()


def test_a_full_disk_is_one_line_no_partial_write_survives_and_a_rerun_completes(tiny_disk, more):
    store = tiny_disk / "store"
    line = one_line_error(cli("ingest", str(more), "--store", str(store)))
    assert "disk" in line and "free space" in line and "re-run" in line, line
    partial = consistent(store)
    assert BASE_N <= partial < BASE_N + 200
    subprocess.run(["mount", "-o", "remount,size=200m", str(tiny_disk)], check=True)  # space freed
    rerun = cli("ingest", str(more), "--store", str(store))
    assert rerun.returncode == 0, rerun.stderr
    assert consistent(store) == BASE_N + 200


@pytest.fixture
def shared_tmp():
    """A folder an unprivileged user can reach (pytest's own tmp is root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="convoscope-perm-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_store_this_user_may_not_read_is_one_line(store, more, shared_tmp):
    """Run as ``nobody`` with ``setpriv``: root would read the files whatever their modes."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root to switch to an unprivileged user")
    target = shared_tmp / "store"
    shutil.copytree(store, target)
    corpus = shared_tmp / "more.jsonl"
    shutil.copy(more, corpus)
    corpus.chmod(0o644)
    target.chmod(0o700)  # root's, closed to everyone else
    before = snapshot(target)
    env = {"HOME": str(shared_tmp)}
    for args in (["ask", "why did cancellations rise last month?"], ["ingest", str(corpus)]):
        line = one_line_error(cli(*args, "--store", str(target), env=env, user="nobody"))
        assert str(target) in line and "Permission denied" in line and "this user may read" in line, line
    target.chmod(0o755)  # readable, but the files are root's: ingest may not write
    for f in target.rglob("*"):
        f.chmod(0o755 if f.is_dir() else 0o644)
    line = one_line_error(cli("ingest", str(corpus), "--store", str(target), env=env, user="nobody"))
    assert "this user may read (and, to ingest, write)" in line, line
    assert snapshot(target) == before
