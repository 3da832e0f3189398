"""Embedder backends: the choice, its errors, and (e2e) ONNX against PyTorch."""

from __future__ import annotations

import numpy as np
import pytest

from convoscope.errors import ConvoscopeError, ModelMissingError
from embedding.embedders import DEFAULT_BACKEND, SentenceTransformerEmbedder
from embedding.onnx_embedder import OnnxEmbedder
from vectorstore import Store, make_embedder

TEXTS = [
    "Customer: i want to cancel because you charged me for the whole year",
    "Agent: I can help with that. Customer: the app keeps buffering since the update",
    "my password reset email never arrives",
    "ok",
    "Customer: " + "the student discount was half price and now it is gone " * 40,  # past 256 tokens: truncated
]


def test_the_backend_is_chosen_by_argument_then_environment(monkeypatch):
    monkeypatch.delenv("CONVOSCOPE_EMBEDDER_BACKEND", raising=False)
    assert make_embedder().backend == DEFAULT_BACKEND
    assert isinstance(make_embedder("torch"), SentenceTransformerEmbedder)
    monkeypatch.setenv("CONVOSCOPE_EMBEDDER_BACKEND", "onnx-int8")
    chosen = make_embedder()
    assert isinstance(chosen, OnnxEmbedder) and chosen.variant == "int8"
    assert make_embedder("onnx").name == make_embedder("torch").name == "all-MiniLM-L6-v2"  # same vectors, same stores
    assert chosen.name != "all-MiniLM-L6-v2"  # int8 vectors differ: a store records that
    assert "(onnx-int8)" in Store("unused", embedder=chosen).describe()


def test_an_unknown_backend_is_one_line_with_the_choices(monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_EMBEDDER_BACKEND", "tensorflow")
    with pytest.raises(ConvoscopeError, match="torch, onnx, onnx-int8"):
        make_embedder()


def test_onnx_loads_nothing_until_used_and_never_in_unit_tests():
    embedder = OnnxEmbedder()
    assert embedder.embed([]).shape == (0, 384)
    with pytest.raises(RuntimeError, match="CONVOSCOPE_ALLOW_MODELS=0"):
        embedder.embed(["hello"])


def test_a_model_that_cannot_be_exported_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_ALLOW_MODELS", "1")
    broken = tmp_path / "model"
    broken.mkdir()
    (broken / "config.json").write_text("{}")
    with pytest.raises(ModelMissingError, match="CONVOSCOPE_EMBEDDER_BACKEND=torch") as err:
        OnnxEmbedder(broken, cache=tmp_path / "cache").embed(["hello"])
    assert "\n" not in str(err.value)


@pytest.mark.e2e
def test_onnx_gives_the_pytorch_vectors_and_int8_stays_close(tmp_path):
    reference = SentenceTransformerEmbedder().embed(TEXTS)
    onnx = OnnxEmbedder(cache=tmp_path).embed(TEXTS)
    assert np.abs(onnx - reference).max() < 1e-4
    int8 = OnnxEmbedder(variant="int8", cache=tmp_path).embed(TEXTS)
    assert (int8 * reference).sum(axis=1).min() > 0.95
    built = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "onnx").glob("*/*")}
    assert sorted(built) == ["model-int8.onnx", "model.onnx"]  # nothing else left behind
    again = OnnxEmbedder(cache=tmp_path)
    assert np.allclose(again.embed(TEXTS[:2]), onnx[:2], atol=1e-5)
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "onnx").glob("*/*")} == built  # re-used, not rebuilt
