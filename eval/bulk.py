"""A large server store for measurement, without embedding it: an ingested store copied K times.

    python -m eval.bulk --source STORE --copies 100        # into CONVOSCOPE_DATABASE_URL (+ _SCHEMA)

Copies every conversation, chunk text and customer statement of an embedded store that was
ingested the usual way (real embedder, real redaction and enrichment) ``--copies`` times
into the PostgreSQL store of ``CONVOSCOPE_DATABASE_URL``, straight through ``COPY``: copy k of
conversation ``c-000123`` is ``c-000123~k``, with the same time, text, vectors and topic.
Every window and segment then holds K times the conversations of the source, in the same
proportions, so an answer's counts are K times the source's and its work is that of a store
K times the size. The topic model is the source's (fitted on its statements and assigned to
the copies: "fit on a sample, transform the rest"), its sizes scaled by K. Chunk vectors are
not copied to Chroma: the question path reads none (the Conversations page's search would).
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from vectorstore.sqlite import CONVERSATION_COLUMNS, DATABASE
from vectorstore.store import open_conversations

TABLES = {
    "conversations": ", ".join(CONVERSATION_COLUMNS),
    "chunks": "id, conversation_id, turn_start, turn_end, text",
    "statements": "conversation_id, turn, text, vector, topic",
}


def copy_store(source: Path, copies: int, log=print) -> int:
    """Copy the store folder ``source`` ``copies`` times into the server store; returns conversations written."""
    target = open_conversations(source, read_only=False)
    if not hasattr(target, "url"):
        raise SystemExit("set CONVOSCOPE_DATABASE_URL (and CONVOSCOPE_DATABASE_SCHEMA): the copies go to a server")
    if target.count():
        raise SystemExit(f"{target.path} already holds {target.count():,} conversations: use an empty schema")
    with closing(sqlite3.connect(f"file:{source / DATABASE}?mode=ro", uri=True)) as db:
        conversations = db.execute(f"SELECT {TABLES['conversations']} FROM conversations").fetchall()
        chunks = db.execute(f"SELECT {TABLES['chunks']} FROM chunks").fetchall()
        said = db.execute(f"SELECT {TABLES['statements']} FROM statements ORDER BY conversation_id, rowid").fetchall()
        models = db.execute("SELECT * FROM topic_models").fetchall()
        topics = db.execute("SELECT * FROM topics").fetchall()
    log(f"source: {len(conversations):,} conversations, {len(chunks):,} chunks, {len(said):,} statements; "
        f"writing {copies} copies")
    raw = target.db  # autocommit: each COPY is its own transaction
    started = time.perf_counter()
    for k in range(copies):
        tag = f"~{k}"
        with raw.transaction(), raw.cursor() as cur:
            with cur.copy(f"COPY conversations ({TABLES['conversations']}) FROM STDIN") as copy:
                for row in conversations:
                    cid = row[0]
                    data = row[10].replace(f'"id":"{cid}"', f'"id":"{cid}{tag}"', 1)
                    copy.write_row((cid + tag, *row[1:10], data, row[11]))
            with cur.copy(f"COPY chunks ({TABLES['chunks']}) FROM STDIN") as copy:
                for chunk_id, cid, first, last, text in chunks:
                    copy.write_row((chunk_id + tag, cid + tag, first, last, text))
            with cur.copy(f"COPY statements ({TABLES['statements']}) FROM STDIN") as copy:
                for cid, turn, text, vector, topic in said:
                    copy.write_row((cid + tag, turn, text, vector, topic))
        done = (k + 1) * len(conversations)
        log(f"  copy {k + 1}/{copies}: {done:,} conversations, {done / (time.perf_counter() - started):,.0f}/s")
    with raw.transaction(), raw.cursor() as cur:
        for version, fitted_at, n_said, n_conv, method, similarity in models:
            cur.execute("INSERT INTO topic_models VALUES (%s,%s,%s,%s,%s,%s)",
                        (version, fitted_at, n_said * copies, n_conv * copies, method, similarity))
        for version, tid, label, keywords, size, n_conv, quotes, small, centroid in topics:
            cur.execute("INSERT INTO topics VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                        (version, tid, label, keywords, size * copies, n_conv * copies, quotes, small, centroid))
    raw.execute("ANALYZE")
    log(f"done in {time.perf_counter() - started:.0f} s")
    target.close()
    return len(conversations) * copies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="an ingested (embedded) store folder")
    parser.add_argument("--copies", type=int, required=True)
    args = parser.parse_args()
    copy_store(args.source, args.copies)


if __name__ == "__main__":
    main()
