"""Evaluation: the sample corpus's ground truth, benchmark sets, and the harness that scores
Convoscope beside a naive-RAG baseline."""

from __future__ import annotations

from importlib import resources


def sample_truth_path():
    """The committed ground truth of the default sample corpus (``convoscope demo``)."""
    return resources.files(__name__).joinpath("data", "sample_truth.json")


def load_sample_truth():
    from eval.sample.truth import GroundTruth

    return GroundTruth.model_validate_json(sample_truth_path().read_text(encoding="utf-8"))


def sample_set_path():
    """The committed benchmark set of the default sample corpus."""
    return resources.files(__name__).joinpath("benchmarks", "sample.json")


def load_sample_set():
    from eval.sets import BenchmarkSet

    return BenchmarkSet.model_validate_json(sample_set_path().read_text(encoding="utf-8"))
