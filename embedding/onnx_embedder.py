"""all-MiniLM-L6-v2 on ONNX Runtime: the same tokenizer, mean pooling and normalisation as
sentence-transformers, without importing torch once the ONNX file is cached."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np

from convoscope import settings
from convoscope.errors import ModelMissingError
from embedding.base import bundled_model_path
from embedding.onnx_export import Variant, model_file


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return f"{err.__class__.__name__}: {text[0]}" if text else err.__class__.__name__


class OnnxEmbedder:
    """Sentence embeddings from an ONNX export of the shipped model; built on first use.

    ``fp32`` gives the PyTorch backend's vectors (cosine 1.0000 on the benchmark texts), so it
    keeps the model's name and reads stores built with PyTorch; ``int8`` vectors differ
    slightly, so its name says so and a store records which one built it.
    """

    dim = 384

    def __init__(
        self, path: str | Path | None = None, variant: Variant = "fp32", batch_size: int = 32,
        threads: int | None = None, cache: Path | None = None,
    ) -> None:
        self._path = Path(path) if path else None
        self.variant: Variant = variant
        self.batch_size = batch_size
        self.threads = threads
        self.cache = cache
        self.name = "all-MiniLM-L6-v2" if variant == "fp32" else "all-MiniLM-L6-v2-int8"
        self.backend = "onnx" if variant == "fp32" else "onnx-int8"
        self._session = None
        self._tokenizer = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._session is None:
                if not settings.models_allowed():
                    raise RuntimeError(
                        "a real embedding model was loaded while CONVOSCOPE_ALLOW_MODELS=0; "
                        "use HashEmbedder in unit tests or mark the test with @pytest.mark.e2e"
                    )
                path = self._path or bundled_model_path()
                try:
                    import onnxruntime as ort
                    from tokenizers import Tokenizer

                    onnx_path = model_file(path, self.variant, self.cache)
                    options = ort.SessionOptions()
                    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
                    if self.threads:
                        options.intra_op_num_threads = self.threads
                        options.inter_op_num_threads = self.threads
                    session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
                    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
                except Exception as err:  # export, optimiser and runtime raise many kinds
                    raise ModelMissingError(
                        f"cannot build the ONNX {self.variant} embedder from {path} ({_first_line(err)})",
                        "set CONVOSCOPE_EMBEDDER_BACKEND=torch, or reinstall with `make install`",
                    ) from err
                st_config = path / "sentence_bert_config.json"
                max_len = json.loads(st_config.read_text())["max_seq_length"] if st_config.exists() else 256
                tokenizer.enable_truncation(max_length=int(max_len))
                tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]") or 0)
                self._inputs = {i.name for i in session.get_inputs()}
                self._tokenizer, self._session = tokenizer, session
        return self._session

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.asarray([e.ids for e in encodings], dtype=np.int64)
        mask = np.asarray([e.attention_mask for e in encodings], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        self._load()
        # Longest first, as sentence-transformers does: batches of similar length pad little.
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._batch([texts[i] for i in rows])
        return out
