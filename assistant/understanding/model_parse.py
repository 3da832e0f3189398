"""A model reads a question the rules could not place, into the same ``Understanding``.

Behind a switch (``CONVOSCOPE_LLM_PARSE=1``) and only where the rules' reading found nothing to
answer from. The model fills one JSON object whose every field is held by a GBNF grammar to
what the store can answer: a kind, a time phrase the time rules resolve, a channel, agent type
and metadata value the store holds, a field it can compare on. Only the topic is free text,
and it is validated afterwards: its words must be words the store's customers use (the store's
vocabulary) or words of the question, so a model cannot define a population by words nobody
said. What the model wrote is kept, and the answer says how the question was read.
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import datetime

from pydantic import BaseModel, ValidationError

import prompts
from assistant.llm.base import LLM, Constraint, generate
from assistant.understanding.timewindows import previous_window, resolve
from assistant.understanding.understand import Understanding
from convoscope.models import Filters, Scalar

PROMPT = "parse"
KINDS = ("why", "count", "compare", "summary", "search")
TIMES = ("all time", "today", "yesterday", "this week", "last week", "this month", "last month", "last 7 days",
         "last 30 days", "last 90 days", "this quarter", "last quarter", "this year", "last year",
         *(name.lower() for name in calendar.month_name[1:]))
ANY = "any"
MAX_TOPIC_WORDS = 6
MAX_VALUES = 30  # a field with more values than this is not offered as a filter
MAX_TOKENS = 120
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


class Parsed(BaseModel):
    """The model's reading of a question, as the grammar lets it write it."""

    kind: str
    topic: str
    time: str
    channel: str = ANY
    agent: str = ANY
    filter: str = ANY  # "field=value"
    compare_by: str = ANY


class Reading(BaseModel):
    understanding: Understanding | None  # None when the model's reading did not validate
    prompt: str
    reply: str
    problem: str | None = None


def _choices(values: dict[str, dict[Scalar, int]]) -> tuple[list[str], list[str], list[str], list[str]]:
    """Channels, agent types, ``field=value`` filters and comparable fields the store holds."""
    channels = sorted(map(str, values.get("channel", {})))
    agents = sorted(map(str, values.get("agent_type", {})))
    metadata = {k.removeprefix("meta_"): v for k, v in values.items() if k.startswith("meta_") and 2 <= len(v)}
    filters = [f"{field}={value}" for field, counted in sorted(metadata.items()) if len(counted) <= MAX_VALUES
               for value in sorted(map(str, counted)) if '"' not in value and "\\" not in value]
    fields = [f for f in ("channel", "agent_type") if values.get(f)] + sorted(
        f for f, counted in metadata.items() if len(counted) <= MAX_VALUES)
    return channels, agents, filters, fields


def _enum(options: list[str]) -> str:
    return " | ".join(json.dumps(json.dumps(o)) for o in [ANY, *options])


def grammar(values: dict[str, dict[Scalar, int]]) -> str:
    """GBNF for one ``Parsed`` object whose closed fields hold only what the store can answer."""
    channels, agents, filters, fields = _choices(values)
    kinds = " | ".join(json.dumps(json.dumps(k)) for k in KINDS)
    times = " | ".join(json.dumps(json.dumps(t)) for t in TIMES)
    pairs = ['"{\\"kind\\": " kind', '", \\"topic\\": \\"" topic "\\""', '", \\"time\\": " time',
             '", \\"channel\\": " channel', '", \\"agent\\": " agent', '", \\"filter\\": " filter',
             '", \\"compare_by\\": " compareby "}"']
    return "\n".join([
        "root ::= " + " ".join(pairs),
        f"kind ::= {kinds}", f"time ::= {times}", f"channel ::= {_enum(channels)}",
        f"agent ::= {_enum(agents)}", f"filter ::= {_enum(filters)}", f"compareby ::= {_enum(fields)}",
        f'topic ::= (word (" " word){{0,{MAX_TOPIC_WORDS - 1}}})?', "word ::= [a-z0-9] [a-z0-9'-]{0,24}",
    ]) + "\n"


def render(question: str, values: dict[str, dict[Scalar, int]]) -> str:
    channels, agents, filters, fields = _choices(values)
    return prompts.load(PROMPT).render(
        question=question, kinds=", ".join(KINDS), times=", ".join(TIMES), channels=", ".join(channels) or "none",
        agents=", ".join(agents) or "none", filters=", ".join(filters) or "none", fields=", ".join(fields) or "none")


def _grounded(value: str, asked: set[str], ruled: set[str]) -> bool:
    """Whether a filter the model chose is the question's: the rules read it too, or each word
    of its value is a word of the question ("Premium" for "premium customers")."""
    words = _WORD.findall(value.lower().partition("=")[2] or value.lower())
    return value == ANY or value in ruled or bool(words) and set(words) <= asked


def validate(parsed: Parsed, question: str, latest: datetime | None, values: dict[str, dict[Scalar, int]],
             vocabulary: set[str], ruled: Filters | None = None) -> Understanding:
    """The ``Understanding`` ``parsed`` stands for; ValueError naming what does not hold. A
    filter the question does not speak of (``_grounded``; ``ruled``: the rules' reading) is dropped."""
    channels, agents, filters, fields = _choices(values)
    if parsed.kind not in KINDS or parsed.time not in TIMES:
        raise ValueError(f"kind {parsed.kind!r} or time {parsed.time!r} is not one the grammar offers")
    asked = set(_WORD.findall(question.lower()))
    words = _WORD.findall(parsed.topic.lower())[:MAX_TOPIC_WORDS]
    unknown = [w for w in words if w not in vocabulary and w not in asked]
    if unknown:
        raise ValueError(f"the topic word {unknown[0]!r} is neither the question's nor the customers'")
    f = Filters()
    if parsed.time != "all time":
        phrase = f"in {parsed.time}" if parsed.time.title() in calendar.month_name[1:] else parsed.time
        times = resolve(phrase, latest, want_baseline=parsed.kind == "why")
        f.window, f.baseline = times.window, times.baseline
        if parsed.kind == "why" and f.window is not None and f.baseline is None:
            f.baseline = previous_window(f.window)
    for given, held, name in ((parsed.channel, channels, "channel"), (parsed.agent, agents, "agent"),
                              (parsed.filter, filters, "filter"), (parsed.compare_by, fields, "compare_by")):
        if given != ANY and given not in held:
            raise ValueError(f"{name} {given!r} is not in the store")
    ruled = ruled or Filters()
    said = {*ruled.channel, *ruled.agent_type, *(f"{k}={v}" for k, vs in ruled.metadata.items() for v in vs)}
    if _grounded(parsed.channel, asked, said) and parsed.channel != ANY:
        f.channel = [parsed.channel]
    if _grounded(parsed.agent, asked, said) and parsed.agent != ANY:
        f.agent_type = [parsed.agent]  # type: ignore[list-item]
    if _grounded(parsed.filter, asked, said) and parsed.filter != ANY:
        field, _, value = parsed.filter.partition("=")
        held_values = values.get(f"meta_{field}", {})
        f.metadata[field] = [next(v for v in held_values if str(v) == value)]
    kind = parsed.kind if parsed.kind != "compare" or parsed.compare_by != ANY else "search"
    return Understanding(question=question, kind=kind, filters=f, topic=" ".join(words), change=kind == "why",
                         segment_field=parsed.compare_by if kind == "compare" else None)


def read_question(model: LLM, question: str, latest: datetime | None, values: dict[str, dict[Scalar, int]],
                  vocabulary: set[str], ruled: Filters | None = None) -> Reading:
    """The model's reading of ``question``, validated against the store's fields, values and words
    (``ruled``: the filters the rules read, which the model may keep)."""
    prompt = render(question, values)
    reply = generate(model, prompt, MAX_TOKENS, Constraint(grammar=grammar(values)))
    try:
        parsed = Parsed.model_validate_json(reply)
        return Reading(understanding=validate(parsed, question, latest, values, vocabulary, ruled), prompt=prompt,
                       reply=reply)
    except (ValidationError, ValueError) as error:
        problem = str(error).splitlines()[0]
        return Reading(understanding=None, prompt=prompt, reply=reply, problem=problem)
