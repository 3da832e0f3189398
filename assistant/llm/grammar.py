"""A GBNF grammar (llama.cpp's constrained decoding) that keeps a reply to what the check
accepts: sentences that each end with a citation marker that exists, and no number that the
analysis does not hold; or, given slots, one sentence per line of the analysis, in its order,
each opening with that line's name, holding only that line's numbers and ending with exactly
its markers, so a number cannot be bound to the wrong thing. The check in
`assistant/writing/check.py` still runs on the result."""

from __future__ import annotations

import json

from assistant.llm.base import Constraint, Slot

MAX_SENTENCES = 6


def _alternatives(options: list[str]) -> str:
    return " | ".join(f'"{o}"' for o in options)


def gbnf(constraint: Constraint) -> str:
    """Sentences of plain text and allowed numbers, each closed by one or two markers and a
    full stop. Two numbers never touch (so "1" and "37" cannot make "137"). A constraint that
    carries its own grammar gets that one."""
    if constraint.grammar is not None:
        return constraint.grammar
    if constraint.slots:
        return slotted(constraint.slots)
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


def _numbers(numbers: set[str]) -> list[str]:
    return sorted(numbers, key=lambda n: (-len(n), n))  # longest first: "137" before "13"


def slotted(slots: list[Slot]) -> str:
    """One sentence per slot, in order: the slot's name (when it has one) opens it, plain text
    with its required numbers in order and any other of its numbers follows (two numbers never
    touch), its markers close it."""
    rules = ["root ::= " + ' " " '.join(f"s{i}" for i in range(len(slots[:MAX_SENTENCES])))]
    for i, slot in enumerate(slots[:MAX_SENTENCES]):
        opening = f"{json.dumps(slot.name)} " if slot.name else ""
        opening += "".join(f"plain+ {json.dumps(n)} " for n in slot.required)
        body = f"(n{i} plain+)*" if slot.numbers else ""
        ends = json.dumps("".join(f"[{n}]" for n in slot.markers))
        rules.append(f"s{i} ::= {opening}plain+ {body} {ends} \".\"".replace("  ", " "))
        if slot.numbers:
            rules.append(f"n{i} ::= {_alternatives(_numbers(slot.numbers))}")
    rules.append(r"plain ::= [^0-9\[\]\n.*]")
    return "\n".join(rules) + "\n"
