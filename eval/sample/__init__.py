"""A deterministic, realistic sample corpus with planted trends and their ground truth.

``generate()`` writes six months of contact-centre conversations of "Lumora", a fictional
streaming and broadband subscription business, and records what was planted in them
(see :mod:`eval.sample.truth` for the trends and how they are scored).
"""

from eval.sample.generator import SampleCorpus, generate, write_jsonl, write_truth
from eval.sample.truth import ConversationLabel, GroundTruth, Trend, Window

__all__ = ["ConversationLabel", "GroundTruth", "SampleCorpus", "Trend", "Window", "generate", "write_jsonl",
           "write_truth"]
