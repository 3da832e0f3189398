"""Evaluation: the sample corpus's ground truth (and, next, the harness that scores answers)."""

from __future__ import annotations

from importlib import resources


def sample_truth_path():
    """The committed ground truth of the default sample corpus (``convoscope demo``)."""
    return resources.files(__name__).joinpath("data", "sample_truth.json")


def load_sample_truth():
    from convoscope.sample.truth import GroundTruth

    return GroundTruth.model_validate_json(sample_truth_path().read_text(encoding="utf-8"))
