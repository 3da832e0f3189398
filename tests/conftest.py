"""Shared fixtures. Unit tests run with fakes; a test that needs the real embedder, Chroma
or the app is marked ``e2e`` and gets the real ones."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("CONVOSCOPE_ALLOW_MODELS", "0")

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _models_only_in_e2e(request, monkeypatch):
    """Real models may load only in tests marked e2e (pydantic-ai's ALLOW_MODEL_REQUESTS idea)."""
    allowed = request.node.get_closest_marker("e2e") is not None
    monkeypatch.setenv("CONVOSCOPE_ALLOW_MODELS", "1" if allowed else "0")


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def fake(tmp_path):
    from vectorstore import fake_store

    store = fake_store(tmp_path / "store")
    yield store
    store.close()


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory) -> Path:
    """A reduced sample corpus (the generator at n=1000) as JSON Lines."""
    from eval.sample import generate, write_jsonl

    path = tmp_path_factory.mktemp("corpus") / "conversations.jsonl"
    write_jsonl(generate(n=1000).conversations, path)
    return path


@pytest.fixture(scope="session")
def real_store(tmp_path_factory, sample_corpus):
    """The reduced sample ingested once into a real embedded Chroma store with the real embedder."""
    os.environ["CONVOSCOPE_ALLOW_MODELS"] = "1"
    from ingest import ingest_paths
    from vectorstore import Store

    store = Store(tmp_path_factory.mktemp("real") / "store")
    report = ingest_paths(store, [sample_corpus])
    assert report.added == 1000 and not report.rejected
    yield store
    store.close()


@pytest.fixture
def copy_of(tmp_path):
    def _copy(path: Path) -> Path:
        target = tmp_path / path.name
        shutil.copytree(path, target) if path.is_dir() else shutil.copy(path, target)
        return target

    return _copy


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A PostgreSQL server on 127.0.0.1: ``CONVOSCOPE_TEST_DATABASE_URL`` (``.ci/run`` starts one),
    else one started here with ``.ci/postgres`` where Debian's ``postgresql`` is installed;
    server-mode tests skip on a machine without it."""
    from pg_server import test_database_url

    url = test_database_url()
    if url is None:
        pytest.skip("no PostgreSQL here: apt-get install postgresql (or set CONVOSCOPE_TEST_DATABASE_URL)")
    return url


@pytest.fixture
def postgres(postgres_url, monkeypatch, request):
    """Server mode for this test: ``CONVOSCOPE_DATABASE_URL`` and a schema of its own (dropped after)."""
    from pg_server import drop_schema, schema_for

    schema = schema_for(request.node.name)
    monkeypatch.setenv("CONVOSCOPE_DATABASE_URL", postgres_url)
    monkeypatch.setenv("CONVOSCOPE_DATABASE_SCHEMA", schema)
    yield schema
    drop_schema(postgres_url, schema)
