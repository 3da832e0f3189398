"""Embedders: the real all-MiniLM-L6-v2 (loaded offline from its PyPI package, through
sentence-transformers or ONNX Runtime), a fake, and ``make_embedder`` to pick one by name."""

from __future__ import annotations

import gc
import hashlib
import re
import threading
from pathlib import Path

import numpy as np

from convoscope import settings
from convoscope.errors import ConvoscopeError
from embedding.base import Embedder, bundled_model_path
from embedding.onnx_embedder import OnnxEmbedder

BACKENDS = ("torch", "onnx", "onnx-int8")
DEFAULT_BACKEND = "onnx"  # same vectors as torch, faster on CPU (BENCHMARKS.md, `convoscope bench`)


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers on the CPU; loaded on first use."""

    dim = 384

    def __init__(self, path: str | Path | None = None, batch_size: int = 64, threads: int | None = None) -> None:
        self._path = Path(path) if path else None
        self.batch_size = batch_size
        self.threads = threads
        self.name = "all-MiniLM-L6-v2"
        self.backend = "torch"
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                if not settings.models_allowed():
                    raise RuntimeError(
                        "a real embedding model was loaded while CONVOSCOPE_ALLOW_MODELS=0; "
                        "use HashEmbedder in unit tests or mark the test with @pytest.mark.e2e"
                    )
                path = self._path or bundled_model_path()
                import torch
                from sentence_transformers import SentenceTransformer

                if self.threads:
                    torch.set_num_threads(self.threads)
                self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
                # The model's many long-lived objects would otherwise be re-scanned by every full
                # garbage collection during a question; freeze them out of the collector's way.
                gc.collect()
                gc.freeze()
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        vectors = model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True
        )
        return vectors.astype(np.float32)


def make_embedder(backend: str | None = None, threads: int | None = None) -> Embedder:
    """The real embedder for ``backend`` (else ``CONVOSCOPE_EMBEDDER_BACKEND``, else the default);
    nothing loads until the first ``embed``. ``threads`` caps its compute threads (torch
    threads, ONNX Runtime intra- and inter-op threads); ``hash:N`` is the fake ``HashEmbedder(N)``."""
    chosen = (backend or settings.current().embedder_backend).strip().lower()
    if chosen.startswith("hash:"):
        return HashEmbedder(int(chosen.split(":", 1)[1]))
    if chosen == "torch":
        return SentenceTransformerEmbedder(threads=threads)
    if chosen in ("onnx", "onnx-int8"):
        return OnnxEmbedder(variant="int8" if chosen == "onnx-int8" else "fp32", threads=threads)
    raise ConvoscopeError(f"unknown embedder backend {chosen!r}",
                          f"set CONVOSCOPE_EMBEDDER_BACKEND to one of {', '.join(BACKENDS)}")


def embedder_spec(embedder: Embedder) -> str:
    """What ``make_embedder`` needs to build the same embedder in another process."""
    if isinstance(embedder, HashEmbedder):
        return f"hash:{embedder.dim}"
    backend = getattr(embedder, "backend", None)
    if backend in BACKENDS:
        return str(backend)
    raise ConvoscopeError(f"the embedder {embedder.name} cannot be rebuilt in a worker process",
                          "ingest without --workers, or use a built-in embedder (CONVOSCOPE_EMBEDDER_BACKEND)")


_TOKEN = re.compile(r"[a-z0-9']+")


class HashEmbedder:
    """A deterministic bag-of-words embedder for unit tests and offline demos.

    Words (and word bigrams) are hashed into ``dim`` buckets; texts sharing words land
    near each other, so retrieval tests behave sensibly without any model.
    """

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hash-{dim}"

    def _bucket(self, token: str) -> int:
        return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little") % self.dim

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _TOKEN.findall(text.lower())
            for token in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
                out[row, self._bucket(token)] += 1.0
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out
