"""A GBNF grammar (llama.cpp's constrained decoding) that keeps a reply to what the check
accepts: sentences that each end with a citation marker that exists, and no number that the
analysis does not hold; or, given slots, one sentence per line of the analysis, in its order,
each opening with that line's name, holding only that line's numbers and ending with exactly
its markers, so a number cannot be bound to the wrong thing. A "%" comes only with a number the
analysis writes as a percentage, so a count cannot be passed off as one ("a 25% increase" of a
count of 25). The check in `assistant/writing/check.py` still runs on the result."""

from __future__ import annotations

import json
import re

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
    text = "plain+ (num plain+)*" if constraint.numbers or constraint.percents else "plain+"
    rules = [
        f'root ::= sentence (" " sentence){{0,{MAX_SENTENCES - 1}}}',
        f'sentence ::= {text} marker marker? "."',
        PLAIN,
        f"marker ::= {markers}",
    ]
    if constraint.numbers or constraint.percents:
        rules.append(f"num ::= {_alternatives(_numbers(constraint.numbers, constraint.percents))}")
    return "\n".join(rules) + "\n"


# no digit, marker, line break, full stop, bold or per-cent sign; nor a digit of another script, a
# circled or Roman numeral, a fraction or a superscript: held away from ASCII digits, a 1.5B model
# wrote "Ⅱ → Ⅲ", "① → ③" and "August ٢nd" instead
PLAIN = (r"plain ::= [^0-9\[\]\n.*%\u00B2\u00B3\u00B9\u00BC-\u00BE\u0660-\u0669\u06F0-\u06F9\u0966-\u096F"
         r"\u2070-\u209F\u2150-\u218F\u2460-\u24FF\u2776-\u2793\uFE00-\uFE0F\uFF10-\uFF19]")
# and no currency sign where the lines write no money: "Annual Billing Issues rose from £1 to £36"
PLAIN_NO_MONEY = PLAIN[:-1] + "$£€¥]"
MONEY = re.compile(r"[$£€¥]")


def _group(options: list[str]) -> str:
    return _alternatives(options) if len(options) == 1 else f"({_alternatives(options)})"


def _numbers(numbers: set[str], percents: set[str] = frozenset()) -> list[str]:
    """The ways the numbers may be written, longest first ("137" before "13"): ``percents``
    with their sign ("44%", "44 %"), ``numbers`` bare."""
    written = {f"{n}%" for n in percents} | {f"{n} %" for n in percents} | set(numbers)
    return sorted(written, key=lambda n: (-len(n), n))


def slotted(slots: list[Slot]) -> str:
    """One sentence per slot, in order: the slot's name (when it has one) opens it, plain text
    with its required numbers in order and any other of its numbers follows (two numbers never
    touch), its markers close it."""
    rules = ["root ::= " + ' " " '.join(f"s{i}" for i in range(len(slots[:MAX_SENTENCES])))]
    for i, slot in enumerate(slots[:MAX_SENTENCES]):
        opening = f"{json.dumps(slot.name)} " if slot.name else ""
        for k, n in enumerate(slot.required):  # a sentence may open with its number (made to write a character
            before = "plain*" if k == 0 and not slot.name else "plain+"  # first, a model wrote '"15 Port Wenlow …')
            opening += f"{before} {_group(_numbers({n} - slot.percents or {n}, slot.percents & {n}))} "
        body = f"(n{i} plain+)*" if slot.numbers or slot.percents else ""
        ends = json.dumps("".join(f"[{n}]" for n in slot.markers))
        rules.append(f"s{i} ::= {opening}plain+ {body} {ends} \".\"".replace("  ", " "))
        if slot.numbers or slot.percents:
            rules.append(f"n{i} ::= {_alternatives(_numbers(slot.numbers, slot.percents))}")
    rules.append(PLAIN if any(MONEY.search(slot.line) for slot in slots) else PLAIN_NO_MONEY)
    return "\n".join(rules) + "\n"
