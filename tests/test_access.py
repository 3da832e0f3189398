"""Access: a password gates every page before anything from the store is shown; the app opens
the store read-only and cannot write to it; ``convoscope ui`` keeps to 127.0.0.1 unless a
password is set."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from convoscope.errors import StoreError
from ui.access import hash_password, verify

APP = str(Path(__file__).resolve().parents[1] / "app.py")
QUESTION = "show me customers who want to cancel"


def shown(at: AppTest) -> str:
    """Everything the page put on screen as text."""
    parts = [e.value for kind in ("markdown", "info", "error", "caption", "title", "header", "subheader")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def log_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key="login-password").input(password)
    return at.button[0].click().run()  # the form's submit button


@pytest.mark.parametrize("how", ["env", "hash", "secrets"])
def test_without_the_password_nothing_is_shown_a_wrong_one_is_refused_the_right_one_opens(how, tmp_path, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_STORE", str(tmp_path / "empty"))  # an open page would say it is empty
    monkeypatch.delenv("CONVOSCOPE_APP_PASSWORD", raising=False)
    monkeypatch.delenv("CONVOSCOPE_APP_PASSWORD_HASH", raising=False)
    if how == "env":
        monkeypatch.setenv("CONVOSCOPE_APP_PASSWORD", "correct horse")
    elif how == "hash":
        monkeypatch.setenv("CONVOSCOPE_APP_PASSWORD_HASH", hash_password("correct horse", iterations=1000))
    at = AppTest.from_file(APP, default_timeout=60)
    if how == "secrets":
        at.secrets["convoscope"] = {"password": "correct horse"}
    at.run()
    assert not at.exception
    assert "empty" not in shown(at) and not at.info and not at.chat_input  # no page ran
    assert len(at.text_input) == 1 and at.text_input[0].label == "Password"
    assert at.text_input[0].proto.type == at.text_input[0].proto.PASSWORD  # masked

    log_in(at, "wrong horse")
    assert not at.exception
    assert [e.value for e in at.error] == ["Wrong password."]
    assert not at.info and not at.chat_input

    log_in(at, "correct horse")
    assert not at.exception
    assert "The store at" in at.info[0].value and "is empty" in at.info[0].value  # the Ask page ran
    at.switch_page("ui/overview.py").run()
    assert not at.exception and "is empty" in at.info[0].value  # and so do the others, for the session


def test_no_password_configured_leaves_a_local_app_open(tmp_path, monkeypatch):
    monkeypatch.delenv("CONVOSCOPE_APP_PASSWORD", raising=False)
    monkeypatch.delenv("CONVOSCOPE_APP_PASSWORD_HASH", raising=False)
    monkeypatch.setenv("CONVOSCOPE_STORE", str(tmp_path / "empty"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and "convoscope demo" in at.info[0].value and not at.text_input


def test_password_checks_are_constant_time_comparisons_of_the_right_thing():
    stored = hash_password("s3cret", iterations=1000, salt=b"0123456789abcdef")
    assert stored.startswith("pbkdf2_sha256$1000$") and stored.split("$")[3] == hashlib.pbkdf2_hmac(
        "sha256", b"s3cret", b"0123456789abcdef", 1000).hex()
    assert verify("s3cret", password_hash=stored) and not verify("s3cret ", password_hash=stored)
    assert verify("s3cret", password="s3cret") and not verify("S3cret", password="s3cret")
    assert not verify("", password=None, password_hash=None)
    assert not verify("s3cret", password_hash="md5$x$y$z") and not verify("s3cret", password_hash="garbage")


def test_ui_refuses_a_non_loopback_address_without_a_password(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONVOSCOPE_APP_PASSWORD")}
    result = subprocess.run([sys.executable, "-m", "ui.cli", "ui", "--store", str(tmp_path), "--address", "0.0.0.0"],
                            env={**env, "HOME": str(tmp_path)}, cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("refusing to serve on 0.0.0.0 without a password" in result.stderr
            and "CONVOSCOPE_APP_PASSWORD" in result.stderr)


# -- read-only ---------------------------------------------------------------------------


def _files(folder: Path) -> dict[str, tuple[str, int]]:
    return {str(f.relative_to(folder)): (hashlib.sha256(f.read_bytes()).hexdigest(), f.stat().st_mtime_ns)
            for f in sorted(folder.rglob("*")) if f.is_file()}


def assert_unchanged(store: Path, before: dict[str, tuple[str, int]]) -> None:
    """Every file byte for byte and timestamp as it was. The one addition allowed: SQLite's
    WAL index (``-shm``) and an empty ``-wal``, which any reader of a WAL database creates
    when it may (root may, whatever the modes); they hold no data."""
    after = _files(store)
    extra = set(after) - set(before)
    assert extra <= {"conversations.sqlite-shm", "conversations.sqlite-wal"}, extra
    assert "conversations.sqlite-wal" not in after or (store / "conversations.sqlite-wal").stat().st_size == 0
    assert {k: v for k, v in after.items() if k in before} == before


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    os.environ["CONVOSCOPE_ALLOW_MODELS"] = "1"
    from eval.sample import generate
    from ingest import ingest_conversations
    from vectorstore import Store

    store = Store(tmp_path_factory.mktemp("ro") / "store")
    ingest_conversations(store, generate(n=80, seed=4).conversations)
    store.close()
    return store.path


@pytest.mark.e2e
def test_the_app_works_on_a_read_only_store_and_cannot_write_to_it(small_store, tmp_path, monkeypatch):
    from convoscope.models import Agent, Conversation, Turn
    from vectorstore import Store
    from vectorstore.conversations import StoredConversation

    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    for f in [store, *store.rglob("*")]:
        f.chmod(f.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    before = _files(store)
    monkeypatch.setenv("CONVOSCOPE_STORE", str(store))
    monkeypatch.delenv("CONVOSCOPE_APP_PASSWORD", raising=False)
    at = AppTest.from_file(APP, default_timeout=180).run()
    assert not at.exception
    at.chat_input[0].set_value(QUESTION).run()
    assert not at.exception and "[1]" in " ".join(m.value for m in at.markdown)
    at.switch_page("ui/conversations.py").run()  # semantic search: Chroma, read-only
    at.text_input(key="conv-query").set_value("the app keeps buffering").run()
    assert not at.exception and "most relevant first" in " ".join(c.value for c in at.caption)
    assert_unchanged(store, before)

    app_store = Store(store, read_only=True)  # what the app opens (ui/common.py)
    try:
        conversation = Conversation(id="x", channel="chat", started_at="2026-10-01T00:00:00Z",
                                    agent=Agent(id="a", type="human"),
                                    turns=[Turn(speaker="customer", text="hello")])
        with pytest.raises(StoreError, match="readonly|read-only"):
            app_store.conversations.write([StoredConversation(conversation=conversation, content_hash="h", chunks=[])])
        with pytest.raises(StoreError, match="read-only"):
            app_store.vectors.delete(["anything"])
    finally:
        app_store.close()
    assert_unchanged(store, before)


def test_a_read_only_store_that_does_not_exist_is_not_created(tmp_path):
    from vectorstore import ConversationStore

    with pytest.raises(StoreError, match="does not exist"):
        ConversationStore(tmp_path / "none" / "conversations.sqlite", read_only=True).count()
    assert not (tmp_path / "none").exists()


READER = """
import sys
import numpy as np
from vectorstore import Store
store = Store(sys.argv[1], read_only=True)
hits = store.vectors.query(np.ones(384, dtype=np.float32) / np.sqrt(384), k=3)
print(store.conversations.count(), store.vectors.count(), len(hits))
"""


@pytest.mark.e2e
def test_an_unprivileged_user_reads_a_read_only_store_it_does_not_own(small_store):
    """Root reads any file: the reader runs as ``nobody`` through ``setpriv``."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root to switch to an unprivileged user")
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="convoscope-ro-"))
    try:
        folder.chmod(0o755)
        store = folder / "store"
        shutil.copytree(small_store, store)
        for f in [store, *store.rglob("*")]:
            f.chmod(0o555 if f.is_dir() else 0o444)
        before = _files(store)
        result = subprocess.run(
            ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable, "-c", READER,
             str(store)],
            env={**os.environ, "HOME": str(folder), "CONVOSCOPE_ALLOW_MODELS": "0"}, capture_output=True, text=True,
            timeout=300, cwd=Path(__file__).resolve().parents[1])
        assert result.returncode == 0, result.stderr[-2000:]
        conversations, chunks, hits = map(int, result.stdout.split())
        assert conversations == 80 and chunks > 80 and hits == 3
        assert _files(store) == before
    finally:
        shutil.rmtree(folder, ignore_errors=True)
