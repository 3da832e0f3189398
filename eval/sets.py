"""Benchmark sets: questions with ground truth, in a file a user can write for their own data.

A set is JSON or YAML (``.json``, ``.yaml``/``.yml``) of this shape::

    name: my-contact-centre
    description: what the questions are about
    questions:
      - id: why-churn-oct
        question: Why did cancellations rise in October?
        history: []                    # earlier questions of the same chat (follow-ups)
        kind: why                      # expected kind
        style: generated               # generated | terse | vague | misspelled | follow-up | unanswerable
        answerable: true               # false: the data cannot answer it; the right answer says so
        counts: {current: 141, baseline: 56}   # or per segment: {ai: 43, human: 131}
        relevant: [c-001, c-002]       # the population's conversations in the question's window
        drivers:                       # reasons that truly rose
          - id: annual-renewal
            label: Unexpected annual renewal charge
            match_terms: [annual, renewal, year]
            conversation_ids: [c-001, …]   # conversations that give this reason (any window)
        decoys: [ … ]                  # reasons that held flat: reporting one as rising is an error
        supporting: [c-003, …]         # for search/summary: conversations a citation may come from

Every field but ``id`` and ``question`` is optional; a metric is computed over the questions
that carry what it needs.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from convoscope.errors import ConvoscopeError
from convoscope.models import Kind


class GoldReason(BaseModel):
    id: str
    label: str = ""
    match_terms: list[str] = Field(default_factory=list)  # lowercase words a correct label or keyword contains
    conversation_ids: list[str] = Field(default_factory=list)


class BenchQuestion(BaseModel):
    id: str
    question: str
    history: list[str] = Field(default_factory=list)
    kind: Kind | None = None
    style: str = "generated"
    answerable: bool = True
    counts: dict[str, int] = Field(default_factory=dict)
    relevant: list[str] = Field(default_factory=list)
    drivers: list[GoldReason] = Field(default_factory=list)
    decoys: list[GoldReason] = Field(default_factory=list)
    supporting: list[str] = Field(default_factory=list)


class BenchmarkSet(BaseModel):
    name: str
    description: str = ""
    questions: list[BenchQuestion]


def load_set(path: Path) -> BenchmarkSet:
    """Read a benchmark set; a bad file is one clear error naming the file and the field."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConvoscopeError(f"cannot read the benchmark set {path}: {exc.strerror}", "check the path") from None
    try:
        if path.suffix in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
        return BenchmarkSet.model_validate(data)
    except (ValueError, ValidationError) as exc:
        first = str(exc).splitlines()
        reason = " ".join(first[:3]) if first else type(exc).__name__
        raise ConvoscopeError(f"{path} is not a valid benchmark set: {reason}",
                              "see the format in eval/sets.py or the README") from None


def save_set(bench: BenchmarkSet, path: Path) -> None:
    path.write_text(bench.model_dump_json(indent=1, exclude_defaults=True) + "\n", encoding="utf-8")
