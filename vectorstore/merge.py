"""Merging shard stores: the conversation store of a shard ingested on another machine.

With a Chroma server, every machine's shard (``convoscope ingest --shard i/N
--chroma-url …``) writes its vectors to the one server, but its conversations (whole
transcripts, chunk texts, customer statements with their vectors) to the SQLite file of
its own ``--store``. ``merge_store`` copies such a file into the store the askers use, in
one transaction, replacing conversations of the same id; it embeds nothing and touches no
vector. Merging the same shard twice changes nothing. Into a store on a database server
(``CONVOSCOPE_DATABASE_URL``) the shard's rows are copied through the store's own writes,
500 conversations a transaction; ingest processes on several machines can instead write such
a store directly, with no shard to merge.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from convoscope.errors import StoreError
from convoscope.models import Chunk, Conversation
from vectorstore.conversations import DATABASE, ConversationStore, StoredConversation
from vectorstore.statements import Statement

_IDS = "SELECT id FROM shard.conversations"


def merge_store(target: ConversationStore, source: str | Path) -> int:
    """Copy the conversations of the store folder (or SQLite file) ``source`` into ``target``;
    returns how many conversations the shard holds."""
    path = Path(source)
    path = path / DATABASE if path.is_dir() else path
    if not path.is_file():
        raise StoreError(f"no conversation store at {source}", "give the --store folder a shard was ingested into")
    if not isinstance(target.db, sqlite3.Connection):
        return _copy(target, path)
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


def _copy(target: ConversationStore, path: Path, batch: int = 500) -> int:
    """The shard's conversations written into ``target`` as an ingest writes them (their
    statements assigned to the target's topics)."""
    shard = ConversationStore(path, read_only=True)
    try:
        ids = shard.ids()
        for start in range(0, len(ids), batch):
            part = ids[start : start + batch]
            chunks: dict[str, list[Chunk]] = {cid: [] for cid in part}
            for chunk_id, cid, first, last, text in shard._select_in(
                    "SELECT id, conversation_id, turn_start, turn_end, text FROM chunks "
                    "WHERE conversation_id IN ({placeholders})", part):
                chunks[cid].append(Chunk(id=chunk_id, conversation_id=cid, turn_start=first, turn_end=last, text=text))
            statements: dict[str, list[Statement]] = {cid: [] for cid in part}
            for cid, turn, text, vector in shard._select_in(
                    "SELECT conversation_id, turn, text, vector FROM statements "
                    "WHERE conversation_id IN ({placeholders}) ORDER BY conversation_id, rowid", part):
                statements[cid].append(Statement(turn=turn, text=text,
                                                 vector=np.frombuffer(vector, dtype=np.float16).astype(np.float32)))
            target.write([
                StoredConversation(conversation=Conversation.model_validate_json(data), content_hash=content_hash,
                                   chunks=chunks[cid], statements=statements[cid])
                for cid, content_hash, data in shard._select_in(
                    "SELECT id, content_hash, data FROM conversations WHERE id IN ({placeholders})", part)
            ])
        return len(ids)
    except sqlite3.Error as err:
        raise StoreError(f"cannot read the shard {path} ({err})",
                         "check that it is a Convoscope store of the same version") from err
    finally:
        shard.close()
