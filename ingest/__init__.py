"""Ingest: loaders per source format, validation, turn-aware chunking, idempotent writes."""

from ingest.chunking import chunk_conversation, content_hash
from ingest.loaders import discover, load
from ingest.paths import estimate_records, ingest_paths
from ingest.pipeline import IngestReport, ingest_conversations
from ingest.records import Loaded, Rejected

__all__ = [
    "IngestReport",
    "Loaded",
    "Rejected",
    "chunk_conversation",
    "content_hash",
    "discover",
    "estimate_records",
    "ingest_conversations",
    "ingest_paths",
    "load",
]
