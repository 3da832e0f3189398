"""Loaders for the formats contact centres export, beyond the canonical JSONL/JSON/CSV.

Each module exposes ``load_<format>(path) -> Iterator[Loaded | Rejected]`` (and, where the
extension is shared, a ``sniff(head: bytes) -> bool``); `ingest/loaders.py` picks one by
extension and sniffed content.
"""
