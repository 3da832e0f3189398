"""A GBNF grammar (llama.cpp's constrained decoding) that keeps a reply to what the check
accepts: sentences that each end with a citation marker that exists, and no number that the
analysis does not hold. The check in `assistant/writing/check.py` still runs on the result."""

from __future__ import annotations

from assistant.llm.base import Constraint

MAX_SENTENCES = 6


def _alternatives(options: list[str]) -> str:
    return " | ".join(f'"{o}"' for o in options)


def gbnf(constraint: Constraint) -> str:
    """Sentences of plain text and allowed numbers, each closed by one or two markers and a
    full stop. Two numbers never touch (so "1" and "37" cannot make "137"). A constraint that
    carries its own grammar gets that one."""
    if constraint.grammar is not None:
        return constraint.grammar
    if not constraint.markers:
        raise ValueError("a constrained reply needs at least one citation marker to cite")
    markers = _alternatives([f"[{n}]" for n in sorted(constraint.markers)])
    numbers = sorted(constraint.numbers, key=lambda n: (-len(n), n))  # longest first: "137" before "13"
    text = "plain+ (num plain+)*" if numbers else "plain+"
    rules = [
        f'root ::= sentence (" " sentence){{0,{MAX_SENTENCES - 1}}}',
        f'sentence ::= {text} marker marker? "."',
        r"plain ::= [^0-9\[\]\n.*]",
        f"marker ::= {markers}",
    ]
    if numbers:
        rules.append(f"num ::= {_alternatives(numbers)}")
    return "\n".join(rules) + "\n"
