"""The LLM role: one Protocol, what a generation reports, and a scripted fake for tests.

The model only writes prose over the analysis; `assistant/writing/check.py` decides whether that
prose may be shown. Real backends live in their own modules, one each, and
``assistant/llm/registry.py`` picks one by name: ``local`` (llama.cpp, `assistant/llm/local.py`),
``openai`` (any OpenAI-compatible endpoint, `assistant/llm/openai_compatible.py`) and any
LangChain chat model (`assistant/llm/langchain.py`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, Field


class Usage(BaseModel):
    """What one generation cost: tokens in and out, time to the first token and in all."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    first_token_ms: float = 0.0
    total_ms: float = 0.0

    @property
    def tokens_per_s(self) -> float:
        generating = (self.total_ms - self.first_token_ms) / 1000
        return (self.completion_tokens - 1) / generating if generating > 0 and self.completion_tokens > 1 else 0.0


class Slot(BaseModel):
    """One sentence a constrained reply must write: about ``name`` (it opens the sentence) when
    given, stating each of ``required`` (in order), with no numbers but ``numbers``, ended by
    exactly ``markers``; of its numbers, only ``percents`` may be written as percentages."""

    name: str | None = None
    required: list[str] = Field(default_factory=list)
    numbers: set[str] = Field(default_factory=set)
    percents: set[str] = Field(default_factory=set)
    markers: list[int]
    line: str = ""  # the stretch of the analysis the sentence says


class Constraint(BaseModel):
    """What the text may contain, for backends that can constrain their output (llama.cpp
    grammars): only these numbers and these citation markers; or one sentence per ``slots``
    item, in order; or whatever ``grammar`` (GBNF, written by the caller) allows."""

    numbers: set[str] = Field(default_factory=set)
    percents: set[str] = Field(default_factory=set)  # those of ``numbers`` that may carry a % sign
    markers: set[int] = Field(default_factory=set)
    slots: list[Slot] = Field(default_factory=list)
    grammar: str | None = None


@runtime_checkable
class LLM(Protocol):
    name: str
    context_size: int
    usage: Usage | None  # of the last generation

    def stream(self, prompt: str, max_tokens: int = 400, constraint: Constraint | None = None) -> Iterator[str]:
        """The reply to ``prompt`` as it is generated."""
        ...

    def count_tokens(self, text: str) -> int: ...


def generate(model: LLM, prompt: str, max_tokens: int = 400, constraint: Constraint | None = None) -> str:
    """The whole reply at once."""
    return "".join(model.stream(prompt, max_tokens, constraint))


def rough_tokens(text: str) -> int:
    """A tokenizer-free estimate (about four characters a token in English), rounded up."""
    return max(1, (len(text) + 3) // 4)


class Timer:
    """Builds a ``Usage`` while a stream is consumed."""

    def __init__(self, prompt_tokens: int = 0) -> None:
        self.started = time.perf_counter()
        self.usage = Usage(prompt_tokens=prompt_tokens)

    def token(self) -> None:
        if self.usage.completion_tokens == 0:
            self.usage.first_token_ms = round((time.perf_counter() - self.started) * 1000, 1)
        self.usage.completion_tokens += 1

    def done(self) -> Usage:
        self.usage.total_ms = round((time.perf_counter() - self.started) * 1000, 1)
        return self.usage


class ScriptedLLM:
    """A fake for tests: replies with the scripted texts in turn (word by word when
    streamed) and records the prompts and constraints it was given. A call that brings its
    own grammar (naming themes, `assistant/writing/naming.py`) is answered from ``structured``
    instead, in turn, and with nothing once those run out."""

    def __init__(self, *replies: str, name: str = "scripted", context_size: int = 8192,
                 structured: tuple[str, ...] = ()) -> None:
        self.replies = list(replies)
        self.structured = list(structured)
        self.prompts: list[str] = []
        self.constraints: list[Constraint | None] = []
        self.name = name
        self.context_size = context_size
        self.usage: Usage | None = None

    def count_tokens(self, text: str) -> int:
        return rough_tokens(text)

    def stream(self, prompt: str, max_tokens: int = 400, constraint: Constraint | None = None) -> Iterator[str]:
        self.prompts.append(prompt)
        self.constraints.append(constraint)
        script = self.structured if constraint is not None and constraint.grammar is not None else self.replies
        reply = script.pop(0) if script else ""
        timer = Timer(self.count_tokens(prompt))
        for piece in reply.split(" "):
            timer.token()
            yield piece if timer.usage.completion_tokens == 1 else " " + piece
        self.usage = timer.done()
