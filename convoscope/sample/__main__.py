"""``python -m convoscope.sample``: regenerate the committed ground truth (eval/data/sample_truth.json)."""

from convoscope.sample.generator import write_truth

print(f"wrote {write_truth()}")
