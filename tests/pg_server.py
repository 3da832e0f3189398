"""The PostgreSQL server the server-mode tests use, on 127.0.0.1 only."""

from __future__ import annotations

import hashlib
import os
import subprocess
from functools import cache
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "postgres"


@cache
def test_database_url() -> str | None:
    """``CONVOSCOPE_TEST_DATABASE_URL``, else a server started by ``.ci/postgres`` (left running
    for later sessions, like a developer's own), else None where PostgreSQL is not installed."""
    from convoscope.settings import current

    url = current().test_database_url
    if url:
        return url
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        return None
    done = subprocess.run(["bash", str(SCRIPT), "start", "/tmp/convoscope-pg-tests", "55433"],
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f".ci/postgres start failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout.strip().splitlines()[-1]


def schema_for(name: str) -> str:
    """A schema name of this test's own (lowercase, short)."""
    return "t_" + hashlib.sha1(f"{name}-{os.getpid()}".encode()).hexdigest()[:16]


def drop_schema(url: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
