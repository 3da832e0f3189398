"""A model writes the answer's prose over the analysis: the prompt fitted to its context,
the reply streamed, then checked before it is shown.

Fitting drops whole excerpts, least relevant first (those the composed answer cites late or
not at all, then the lowest-scored), never a piece of one; how many were left out is
recorded on the answer's ``Backend``.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator, Sequence
from typing import NamedTuple

from pydantic import BaseModel

import prompts
from assistant.llm.base import LLM, Constraint, Slot
from assistant.llm.grammar import MAX_SENTENCES
from assistant.text.hostile import is_hostile, screened
from assistant.writing.check import Checked, check, headline_numbers
from assistant.writing.clause import MEASURE_WORDS
from assistant.writing.facts import Facts, counts_in, normal, numbers_in, percents_in
from convoscope import settings
from convoscope.errors import LLMError
from convoscope.models import Backend, Citation

MAX_TOKENS = 300
_MARKER = re.compile(r"\[(\d+)\]")
PROMPT = "answer"
# A comparison keeps its composed table and figures; the model adds the one sentence a manager
# reads first, above them (``settle``).
CONCLUDE, CONCLUDE_TOKENS = "conclude", 90
GRAMMAR_FROM_PARAMETERS = 1_000_000_000
# Held to a grammar, a model writes one sentence per line of the analysis, each from that line
SENTENCE, SENTENCE_TOKENS = "sentence", 64


def writes(kind: str) -> bool:
    """Whether a model rewrites an answer of ``kind``: not a search, whose answer is the
    customers' own words, verbatim and cited; a model can only restate them, and on corpora it
    was not written against it wrote bare markers and wrong months there (BENCHMARKS.md)."""
    return kind != "search"


def task(kind: str) -> tuple[str, int]:
    """The prompt a model is given for an answer of ``kind``, and the tokens it may write."""
    return (CONCLUDE, CONCLUDE_TOKENS) if kind == "compare" else (PROMPT, MAX_TOKENS)


class Fitted(BaseModel):
    prompt_id: str
    text: str
    tokens: int
    kept: list[int]
    trimmed: list[int]


def excerpt_line(c: Citation) -> str:
    return f"[{c.n}] {c.speaker}, {c.channel}, {c.started_at:%Y-%m-%d}: {c.text}"


def by_relevance(citations: Sequence[Citation], composed: str) -> list[Citation]:
    """Those the composed answer cites, in the order it cites them, then the rest by score."""
    first_seen: dict[int, int] = {}
    for position, match in enumerate(_MARKER.finditer(composed)):
        first_seen.setdefault(int(match.group(1)), position)
    return sorted(citations, key=lambda c: (c.n not in first_seen, first_seen.get(c.n, 0), -c.score, c.n))


class PromptTooLong(LLMError):
    """Even without excerpts, the question and analysis do not fit the model's context."""


def fit(
    model: LLM, question: str, composed: str, citations: Sequence[Citation], max_tokens: int = MAX_TOKENS,
    prompt: str = PROMPT,
) -> Fitted:
    """The ``prompt`` with as many excerpts as fit: in the model's context, and for a model
    with a ``prompt_budget`` (kept fast on a CPU) within that budget where the analysis allows."""
    template = prompts.load(prompt)
    context = model.context_size - max_tokens - 16  # room for the chat template's own tokens
    budget = min(context, getattr(model, "prompt_budget", None) or context)
    ranked = by_relevance(citations, composed)

    def render(chosen: list[Citation]) -> str:
        lines = [excerpt_line(c) for c in sorted(chosen, key=lambda c: c.n)]
        return template.render(question=question, analysis=composed, excerpts="\n".join(lines) or "(none)")

    text = render(ranked)
    tokens = model.count_tokens(text)
    kept = list(ranked)
    if tokens > budget:
        costs = {c.n: model.count_tokens(excerpt_line(c)) + 1 for c in ranked}
        while kept and tokens > budget:
            tokens -= costs[kept.pop().n]
        text = render(kept)
        tokens = model.count_tokens(text)
        while kept and tokens > budget:  # the estimate was short: drop one more and measure again
            kept.pop()
            text = render(kept)
            tokens = model.count_tokens(text)
        if tokens > context:
            raise PromptTooLong(
                f"the question and its analysis need {tokens} tokens, more than {model.name}'s context of "
                f"{model.context_size} leaves for an answer",
                "use a model with a larger context (CONVOSCOPE_LLM_CONTEXT for local), or --llm extractive",
            )
    kept_n = sorted(c.n for c in kept)
    return Fitted(prompt_id=template.id, text=text, tokens=tokens, kept=kept_n,
                  trimmed=sorted(c.n for c in citations if c.n not in kept_n))


_CITED = re.compile(r"[^\n]*?(?:\[\d+\])+")  # a stretch of a line up to and with its markers
_BOLD = re.compile(r"\*\*(.+?)\*\*")  # a bold name, or a bold headline figure
# a comparison's line on an outcome: the measures' own words (``MEASURE_WORDS``), not handle time or share
_OUTCOME = re.compile(r"\b(?:" + "|".join(p for key, p in MEASURE_WORDS if key not in ("handle_time_s", "share"))
                      + ")", re.I)
_ARROW = re.compile(r"(\d[\d,]*)\**\s*→\s*\**(\d[\d,]*)")  # a count pair: "2 → 27"


def slots_of(composed: str) -> list[Slot]:
    """One slot per cited statement of the composed answer, in order: its bold name, its
    numbers and its markers; a count pair ("2 → 27") must be written as it stands, in order.
    Table rows are the table's, not prose's, and are left out, as are lines that only point at
    more excerpts ("More examples: [3][4][5]"): given one, a model invents what the excerpts
    say. The first slot must state the headline numbers (``headline_numbers``), cited or not."""
    slots: list[Slot] = []
    for line in composed.splitlines():
        if line.lstrip().startswith("|"):
            continue
        for match in _CITED.finditer(line):
            stretch = match.group(0)
            name = next((b for b in _BOLD.findall(stretch) if not numbers_in(b) or not b[0].isdigit()), None)
            numbers = counts_in(stretch)
            if slots and name is None and not numbers - _years(stretch) and not percents_in(stretch):
                continue
            markers = [int(n) for n in dict.fromkeys(_MARKER.findall(stretch))]
            pair = _ARROW.search(stretch)
            said = without_asides(stretch)
            slots.append(Slot(name=name.strip(" :") if name else None, numbers=counts_in(said),
                              percents=percents_in(said), markers=markers, line=said.strip(" -•"),
                              required=[normal(pair.group(1)), normal(pair.group(2))] if pair else []))
    opening = composed.strip().split("\n\n", 1)[0]
    headline = [normal(n) for n in _BOLD.findall(opening) if numbers_in(n)]
    if slots and headline and _MARKER.search(opening):  # the headline is the first slot
        slots[0] = slots[0].model_copy(update={"required": headline})
    elif slots and headline:  # an uncited headline ("21 conversations match. The main themes:"): said first,
        # citing the first excerpt of each line it introduces
        said = without_asides(opening)
        slots.insert(0, Slot(required=headline, numbers=counts_in(said), percents=percents_in(said),
                             markers=[s.markers[0] for s in slots], line=said))
    return slots


ASIDE_WORDS = 6  # a bracketed stretch of more words is an aside (how the population was defined)


def without_asides(text: str) -> str:
    """``text`` less its long bracketed asides ("(conversations about “refund”: the customer
    uses … (cosine ≥ 0.60))"): the definition is the analysis's to state; given it, a model
    wrote about cosine thresholds and glossaries instead of the finding. Short ones ("(+136 %)")
    stay."""
    out, stack = [], []
    for ch in text:
        if ch == "(":
            stack.append(len(out))
        out.append(ch)
        if ch == ")" and stack:
            start = stack.pop()
            if not stack and len("".join(out[start:]).split()) > ASIDE_WORDS:
                del out[start:]
    return re.sub(r"\s+([.,;:])", r"\1", re.sub(r" {2,}", " ", "".join(out))).strip()


def _years(text: str) -> set[str]:
    return set(re.findall(r"\b(?:19|20)\d\d\b", text))


def big_enough(model: LLM, setting: bool | None) -> bool:
    """A setting of ``1`` / ``0``, or by default (``auto``, None) whether ``model`` has
    ``GRAMMAR_FROM_PARAMETERS`` or more (a backend that cannot tell counts as small)."""
    return setting if setting is not None else (getattr(model, "parameters", None) or 0) >= GRAMMAR_FROM_PARAMETERS


def grammar_wanted(model: LLM) -> bool:
    """``CONVOSCOPE_LLM_GRAMMAR``: held to the grammar, a 1.5B model's claims were 88 %
    supported (58 % free); the bundled 135M one writes nonsense that passes (BENCHMARKS.md)."""
    return big_enough(model, settings.current().llm_grammar)


def names_wanted(model: LLM) -> bool:
    """``CONVOSCOPE_LLM_NAMES``: a 1.5B model's names passed the check 10 times in 12, the 135M
    one's 2 in 38 at 2.7 s an answer (BENCHMARKS.md)."""
    return big_enough(model, settings.current().llm_names)


def constraint_for(
    model: LLM, composed: str, citations: Sequence[Citation], kind: str = "why"
) -> Constraint | None:
    """What a grammar-capable backend is held to when ``grammar_wanted``: a sentence per cited
    statement of the composed answer (``slots_of``); for a comparison, one sentence: its line
    on an outcome ("Human agents resolved more of them: 87% against 45% …") where it has one,
    else its first (given the whole comparison and its table, a 1.5B model mixed the measures:
    "a 10% higher share … and an average CSAT of +0.08")."""
    if not citations or not grammar_wanted(model):
        return None
    slots = slots_of(composed)
    if task(kind)[0] == CONCLUDE:
        outcome = [slot for slot in slots if _OUTCOME.search(slot.line)]
        slots = (outcome or slots)[:1]
    return Constraint(numbers=counts_in(composed), percents=percents_in(composed), markers={c.n for c in citations},
                      slots=slots)


class Written(NamedTuple):
    """What writing produced: the text, how it was made, and what the reader should know
    about that (caveats to add after the analysis's own)."""

    text: str
    backend: Backend
    caveats: list[str]


def stream_prose(
    model: LLM, question: str, composed: str, citations: Sequence[Citation], backend: Backend, kind: str = "why"
) -> Generator[str, None, Written]:
    """Streams the model's reply to the prompt for ``kind`` (``task``); returns it, unchecked,
    with how it was made (a copy of ``backend`` that records it). A prompt that cannot fit is
    not an error: the model is not asked (``model_text`` stays None), the composed text stands,
    and a caveat says why."""
    prompt, max_tokens = task(kind)
    constraint = constraint_for(model, composed, citations, kind)
    if constraint is not None and constraint.slots:
        return (yield from _by_line(model, question, composed, citations, constraint.slots, backend))
    try:
        fitted = fit(model, question, composed, citations, max_tokens, prompt)
    except PromptTooLong as error:
        return Written(composed, backend.model_copy(), [f"The {model.name} model was not asked: {error.what}."])
    pieces: list[str] = []

    def recorded() -> Iterator[str]:
        for piece in model.stream(fitted.text, max_tokens, constraint):
            pieces.append(piece)
            yield piece

    yield from screened(recorded(), [c.text for c in citations if is_hostile(c.text)])
    text = "".join(pieces)
    made = {"prompt": fitted.prompt_id, "prompt_text": fitted.text, "context_size": model.context_size,
            "excerpts_trimmed": len(fitted.trimmed), "model_text": text}
    usage = model.usage
    if usage is not None:
        made.update(prompt_tokens=usage.prompt_tokens or fitted.tokens, completion_tokens=usage.completion_tokens,
                    first_token_ms=usage.first_token_ms, generation_ms=usage.total_ms)
    return Written(text, backend.model_copy(update=made), [])


def _by_line(
    model: LLM, question: str, composed: str, citations: Sequence[Citation], slots: list[Slot], backend: Backend
) -> Generator[str, None, Written]:
    """One sentence per line of the analysis (``slots``), each written from that line and its
    excerpts alone and held to that line's grammar. Given the whole analysis, a 1.5B model
    wrote "X and Y were the main factors [3]" of two reasons with one's markers, the check's
    most frequent refusal (BENCHMARKS.md); a sentence that sees one line can only name its own."""
    by_n = {c.n: c for c in citations}
    hostile = [c.text for c in citations if is_hostile(c.text)]
    slots = slots[:MAX_SENTENCES]
    try:  # each line with as many of its own excerpts as fit, like a whole answer's prompt
        fitted = [fit(model, question, slot.line, [by_n[n] for n in slot.markers if n in by_n], SENTENCE_TOKENS,
                      SENTENCE) for slot in slots]
    except PromptTooLong as error:
        return Written(composed, backend.model_copy(), [f"The {model.name} model was not asked: {error.what}."])
    sentences: list[str] = []
    first_ms = total_ms = 0.0
    prompt_tokens = completion_tokens = 0
    for slot, text in zip(slots, (f.text for f in fitted)):
        pieces: list[str] = []

        def recorded(prompt_text: str = text, held: Slot = slot, gap: str = " " if sentences else "") -> Iterator[str]:
            line = Constraint(slots=[held], numbers=held.numbers, percents=held.percents, markers=set(held.markers))
            for piece in model.stream(prompt_text, SENTENCE_TOKENS, line):
                pieces.append(piece)
                yield gap + piece if len(pieces) == 1 else piece

        yield from screened(recorded(), hostile)
        sentences.append("".join(pieces).strip())
        usage = model.usage
        if usage is not None:
            first_ms = first_ms or total_ms + usage.first_token_ms
            total_ms += usage.total_ms
            prompt_tokens += usage.prompt_tokens
            completion_tokens += usage.completion_tokens
    made = {"prompt": fitted[0].prompt_id if fitted else SENTENCE, "prompt_text": "\n\n".join(
        f"--- sentence {i + 1} of {len(fitted)} ---\n{f.text}" for i, f in enumerate(fitted)),
        "context_size": model.context_size, "excerpts_trimmed": sum(len(f.trimmed) for f in fitted),
        "model_text": " ".join(sentences)}
    if model.usage is not None:
        made.update(prompt_tokens=prompt_tokens, completion_tokens=completion_tokens, first_token_ms=round(first_ms, 1),
                    generation_ms=round(total_ms, 1))
    return Written(" ".join(sentences), backend.model_copy(update=made), [])


def settle(
    model: LLM, composed: str, citations: Sequence[Citation], draft: Written, facts: Facts, kind: str = "why"
) -> Written:
    """The text to show: the model's (``draft``, from ``stream_prose``) when every claim of it
    agrees with the analysis (``facts``); else the composed one, as a text with a claim taken
    out can mislead. A comparison's sentence goes above the composed answer, which it need not
    repeat. The backend records every claim as checked, and the caveats say which text is shown."""
    concluding = task(kind)[0] == CONCLUDE
    backend, caveats = draft.backend, list(draft.caveats)
    if backend.model_text is None:  # the model was not asked (see stream_prose)
        made = {"llm": f"extractive (the {model.name} model was not asked)"}
        return Written(composed, backend.model_copy(update=made), caveats)
    checked: Checked = check(backend.model_text, facts, {c.n: c.text for c in citations},
                             headline=None if concluding else headline_numbers(composed),
                             hostile=[c.text for c in citations if is_hostile(c.text)], composed=composed)
    if not checked.usable:
        reason = checked.reason or "it cited no excerpt"
        caveats.append(f"The {model.name} text was not shown ({reason}); the composed answer is shown instead.")
        made = {"llm": f"extractive (the {model.name} text failed the check)", "claims": checked.claims}
        return Written(composed, backend.model_copy(update=made), caveats)
    text = f"{checked.text}\n\n{composed}" if concluding else checked.text
    return Written(text, backend.model_copy(update={"llm": model.name, "claims": checked.claims}), caveats)
