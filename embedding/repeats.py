"""Texts said again, embedded once.

Customers repeat themselves across conversations ("I've been charged twice", "can you cancel
it please"), and a contact center's statements repeat far more than its transcripts' chunks
do: on the generated corpora 30–60 % of the customer statements an ingest embeds are a text
it has embedded before. ``Repeats`` embeds each distinct text of a call once and keeps the
vectors of short texts for the calls after, in a bounded first-in-first-out store, so an
ingest spends its embedding time on what is new. The vector of a repeated text is the very
vector its first occurrence got.
"""

from __future__ import annotations

import numpy as np

from embedding.base import Embedder

KEEP = 20_000  # short texts whose vectors are kept between batches (~30 MB at 384 dims)
SHORT = 200  # characters: longer texts (chunks of several turns) rarely come back, so are not kept


class Repeats:
    """Embeds through ``embedder`` each distinct text once, keeping short ones for later calls."""

    def __init__(self, embedder: Embedder, keep: int = KEEP, short: int = SHORT) -> None:
        self.embedder = embedder
        self.name = embedder.name
        self.dim = embedder.dim
        self.keep = keep
        self.short = short
        self.embedded = 0  # texts sent to the embedder
        self.asked = 0  # texts asked for
        self._kept: dict[str, np.ndarray] = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        self.asked += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        new = [t for t in dict.fromkeys(texts) if t not in self._kept]
        vectors = dict(zip(new, self.embedder.embed(new))) if new else {}
        self.embedded += len(new)
        out = np.stack([vectors[t] if t in vectors else self._kept[t] for t in texts])
        for text, vector in vectors.items():
            if len(text) <= self.short:
                self._kept[text] = vector.copy()  # not a view that would keep the whole batch's array
        while len(self._kept) > self.keep:
            self._kept.pop(next(iter(self._kept)))
        return out
