"""Merging shard stores: the conversation store of a shard ingested on another machine.

With a Chroma server, every machine's shard (``convoscope ingest --shard i/N
--chroma-url …``) writes its vectors to the one server, but its conversations (whole
transcripts, chunk texts, customer statements with their vectors) to the SQLite file of
its own ``--store``. ``merge_store`` copies such a file into the store the askers use, in
one transaction, replacing conversations of the same id; it embeds nothing and touches no
vector. Merging the same shard twice changes nothing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from convoscope.errors import StoreError
from vectorstore.conversations import DATABASE, ConversationStore

_IDS = "SELECT id FROM shard.conversations"


def merge_store(target: ConversationStore, source: str | Path) -> int:
    """Copy the conversations of the store folder (or SQLite file) ``source`` into ``target``;
    returns how many conversations the shard holds."""
    path = Path(source)
    path = path / DATABASE if path.is_dir() else path
    if not path.is_file():
        raise StoreError(f"no conversation store at {source}", "give the --store folder a shard was ingested into")
    if path.resolve() == target.path.resolve():
        raise StoreError(f"{source} is the store being merged into", "give another shard's --store folder")
    db = target.db
    with target._lock:
        try:
            db.execute("ATTACH DATABASE ? AS shard", (str(path),))
            try:
                with db:
                    db.execute(f"DELETE FROM statements WHERE conversation_id IN ({_IDS})")
                    db.execute(f"DELETE FROM chunks WHERE conversation_id IN ({_IDS})")
                    db.execute("INSERT OR REPLACE INTO conversations SELECT * FROM shard.conversations")
                    db.execute("INSERT OR REPLACE INTO chunks SELECT * FROM shard.chunks")
                    # a shard's topic ids are its own model's: assigned again under this store's (ingest/topics.py)
                    db.execute("INSERT INTO statements (conversation_id, turn, text, vector, topic) "
                               "SELECT conversation_id, turn, text, vector, -1 FROM shard.statements")
                    count = int(db.execute("SELECT COUNT(*) FROM shard.conversations").fetchone()[0])
            finally:
                db.execute("DETACH DATABASE shard")
        except sqlite3.Error as err:
            raise StoreError(f"cannot merge {path} into {target.path} ({err})",
                             "check that it is a Convoscope store of the same version "
                             "and that no ingest writes to it") from err
    return count
