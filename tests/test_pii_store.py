"""Nothing unredacted lingers: personal data planted in a corpus of several formats is found,
after a real ingest (all-MiniLM-L6-v2, embedded Chroma, SQLite), in no file of the store or
anywhere else the ingest wrote (rejects included), nor in an answer, its citations or an app
page. Files are searched byte by byte, so Chroma's full-text index, SQLite's WAL and free
pages and every cache count."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant import ask
from ingest import IngestReport, ingest_paths
from vectorstore import Store

pytestmark = pytest.mark.e2e

APP = str(Path(__file__).resolve().parents[1] / "app.py")

# ---- the planted personal data ---------------------------------------------------------
# One row per form the redactor catches (``ingest/pii/``); add a row when it learns another,
# and this test proves that form reaches no file either. Each is searched as written and, when
# it holds digits, as its digits alone (a number stored without its spaces).
PLANTED: dict[str, str] = {
    "email": "dana.smith@example.com",
    "card": "4111 1111 1111 1111",
    "phone": "+44 7700 900123",
    "national_id": "536-22-1847",
    "postcode": "SW1A 1AA",
    "us_phone": "555-142-8647",
    "spoken_phone": "five five five two one nine three three four six",
    "iban": "GB82 WEST 1234 5698 7654 32",
    "sort_code": "sort code 40-47-84",
    "account": "account number 31926819",
    "birth": "date of birth 03/04/1987",
    "street": "12 Mill Lane",
    "name": "my name is Dana Okonkwo",
}
FILE_NAME_PHONE = "+447700900123"  # a recording's or transcript's name often is the caller's number
MUST_NOT_APPEAR = sorted({*PLANTED.values(), FILE_NAME_PHONE}
                         | {digits for value in PLANTED.values() if len(digits := re.sub(r"\D", "", value)) >= 6})


def _pii(n: int = 0) -> str:
    """A sentence a customer might say, with the planted data (rotated so each format has all)."""
    values = list(PLANTED.values())
    values = values[n % len(values):] + values[: n % len(values)]
    return "It is about my account. " + ". Also ".join(values) + ". My router drops the connection every evening."


def _jsonl(folder: Path) -> None:
    """Canonical records with the data in turns, customer id and metadata; one bad record that
    carries it too (rejected: an unknown speaker), one line that is not JSON."""
    good = {"id": "pii-1", "channel": "chat", "started_at": "2026-10-01T10:00:00Z", "agent": {"id": "a-1"},
            "customer_id": PLANTED["email"], "metadata": {"contact": PLANTED["phone"]},
            "turns": [{"speaker": "agent", "text": "Hello, how can I help?"},
                      {"speaker": "customer", "text": _pii(0)}]}
    bad = {**good, "id": "pii-bad", "turns": [{"speaker": PLANTED["email"], "text": _pii(1)}]}
    broken = '{"id": "pii-broken", "text": "' + _pii(2)  # cut short: not JSON
    (folder / "chats.jsonl").write_text("\n".join([json.dumps(good), json.dumps(bad), broken]) + "\n")


def _transcripts(folder: Path) -> None:
    """A plain-text transcript named after the caller's number, with no id (so the name is the
    id), and one whose start time quotes the data (rejected, the reason naming the time)."""
    body = f"Agent: Thanks for calling, how can I help?\nCustomer: {_pii(3)}\n"
    header = f"Customer-Id: {PLANTED['card']}\nDate: 2026-10-02\n"
    (folder / f"{FILE_NAME_PHONE}_20261002.txt").write_text(f"{header}\n{body}")
    (folder / "bad-time.txt").write_text(f"Call ID: pii-time\nStarted-At: call me on {PLANTED['phone']}\n\n{body}")


def _email(folder: Path) -> None:
    (folder / "complaint.eml").write_text(
        f"From: Dana Smith <{PLANTED['email']}>\nTo: Care <care@lumora.example>\n"
        f"Subject: Router again, call {PLANTED['phone']}\nDate: Sat, 03 Oct 2026 08:42:17 +0100\n"
        f"Message-ID: <m-1@mail.lumora.example>\n\nHello,\n\n{_pii(4)}\n\nRegards,\nDana\n")


def _csv(folder: Path) -> None:
    rows = [("conversation_id", "started_at", "speaker", "text", "channel", "agent_id"),
            ("pii-csv", "2026-10-04T08:00:00Z", "agent", "Hello, you are through to support.", "chat", "a-2"),
            ("pii-csv", "2026-10-04T08:00:00Z", "customer", _pii(1), "chat", "a-2")]
    (folder / "turns.csv").write_text("\n".join(",".join(f'"{cell}"' for cell in row) for row in rows) + "\n")


def _ingest(root: Path, *writers: Callable[[Path], None]) -> tuple[Store, IngestReport]:
    """A corpus written into ``root/corpus`` and ingested into ``root/store`` the way
    ``convoscope ingest`` does it."""
    corpus = root / "corpus"
    corpus.mkdir()
    for write in writers:
        write(corpus)
    store = Store(root / "store")
    return store, ingest_paths(store, [corpus])


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Iterator[tuple[Store, IngestReport, Path]]:
    """The corpus of every format, ingested once."""
    os.environ["CONVOSCOPE_ALLOW_MODELS"] = "1"  # module-scoped: the autouse fixture is function-scoped
    root = tmp_path_factory.mktemp("pii")
    store, report = _ingest(root, _jsonl, _transcripts, _email, _csv)
    yield store, report, root
    store.close()


def _files(folder: Path) -> Iterator[Path]:
    return (path for path in sorted(folder.rglob("*")) if path.is_file())


def _found(data: bytes) -> list[str]:
    return [value for value in MUST_NOT_APPEAR if value.encode() in data]


def _leaks(root: Path) -> dict[str, list[str]]:
    """The planted strings in each file under ``root`` but the corpus."""
    written = [path for path in _files(root) if "corpus" not in path.relative_to(root).parts]
    return {str(path.relative_to(root)): found for path in written if (found := _found(path.read_bytes()))}


def test_the_corpus_is_ingested_and_rejects_are_written(ingested):
    store, report, _ = ingested
    assert sorted(store.conversations.ids()) == ["[PHONE]_20261002", "m-1@mail.lumora.example", "pii-1", "pii-csv"]
    assert len(report.rejected) == 3 and report.rejects_file and report.redacted.total >= 20


def test_no_file_the_ingest_wrote_holds_planted_data(ingested):
    store, report, root = ingested
    written = list(_files(root / "store"))
    assert Path(report.rejects_file) in written and store.path / "conversations.sqlite" in written
    assert any(path.parent.name == "chroma" for path in written)
    assert not _leaks(root)


def test_the_summary_and_the_rejects_quote_no_planted_data(ingested):
    _, report, _ = ingested
    lines = [report.summary(), *(r.line() for r in report.rejected), *report.notes]
    assert not _found("\n".join(lines).encode())


def test_an_answer_and_its_citations_hold_no_planted_data(ingested):
    store, _, _ = ingested
    answer = ask("show me conversations about the router", store)
    assert len(answer.citations) == 4
    assert not _found(answer.model_dump_json().encode())


def test_the_conversations_page_shows_no_planted_data(ingested, monkeypatch):
    store, _, _ = ingested
    monkeypatch.setenv("CONVOSCOPE_STORE", str(store.path))
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.switch_page("ui/conversations.py").run()
    at.text_input(key="conv-query").set_value("router drops the connection").run()
    assert not at.exception and at.expander
    shown = b"".join(proto.SerializeToString() for node in _nodes(at._tree)
                     if (proto := getattr(node, "proto", None)) is not None)
    assert b"router" in shown and not _found(shown)


# ---- leaks that need a change outside the ingest's loaders -------------------------------

def test_a_whole_file_reject_does_not_keep_a_file_name_holding_data(tmp_path):
    store, report = _ingest(tmp_path, lambda folder: (folder / f"{FILE_NAME_PHONE}_20261005.txt").write_text(""))
    store.close()
    assert len(report.rejected) == 1 and not _leaks(tmp_path)


def _agent_and_numbers(folder: Path) -> None:
    record = {"id": "pii-agent", "channel": "chat", "started_at": "2026-10-01T10:00:00Z",
              "agent": {"id": PLANTED["email"]}, "metadata": {"card": int(re.sub(r"\D", "", PLANTED["card"]))},
              "turns": [{"speaker": "customer", "text": "My router drops the connection."}]}
    (folder / "agents.jsonl").write_text(json.dumps(record) + "\n")


def test_an_agent_id_or_a_number_holding_data_is_redacted(tmp_path):
    store, _ = _ingest(tmp_path, _agent_and_numbers)
    store.close()
    assert not _leaks(tmp_path)


def _nodes(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def test_memory_freed_before_the_store_writes_reads_as_zeros_not_a_transcript(tmp_path):
    """hnswlib writes graph slots it never filled; with a store open, what the process freed is
    overwritten, so such a slot can hold no customer's words read before redaction (once, in CI,
    the store held "555-142-8647"). In a fresh process, as the setting is process-wide."""
    script = """
import ctypes, ctypes.util, sys
from vectorstore import Store
Store(sys.argv[1]).vectors.count()  # opening the store's Chroma turns the overwriting on
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]
size = 64 * 1024  # on the heap: above the per-thread cache, below the mmap threshold
secret = b"call me on 555-142-8647 " * (size // 24)
block = libc.malloc(size)
ctypes.memmove(block, secret, len(secret))
libc.free(block)
again = ctypes.string_at(libc.malloc(size), size)
print("leaked" if b"555-142-8647" in again else "zeros" if not again.strip(b"\\0") else "other")
"""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "store")], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.strip().splitlines()[-1:] == ["zeros"], done.stderr[-2000:]
