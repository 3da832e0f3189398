"""``python -m eval.sample``: regenerate the committed ground truth (eval/data/sample_truth.json)."""

from eval.sample.generator import write_truth

print(f"wrote {write_truth()}")
