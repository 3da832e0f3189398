"""``ask``: one question in, one ``Answer`` out — the function the CLI, the app and eval call."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from assistant.analysis.analyse import Analysis, analyze_change, analyze_compare, analyze_window
from assistant.llm.base import LLM
from assistant.llm.registry import get_llm
from assistant.understanding.followup import refine
from assistant.understanding.model_parse import read_question
from assistant.understanding.spelling import correct
from assistant.understanding.timewindows import previous_window
from assistant.understanding.understand import COMMON_WORDS, PHRASING, Understanding, known_words, understand
from assistant.writing.compose import compose
from assistant.writing.facts import facts_of
from assistant.writing.naming import name_themes
from assistant.writing.session import WritingSession
from assistant.writing.writer import Written, names_wanted, settle, stream_prose, writes
from convoscope import settings
from convoscope.models import Answer, Backend, Comparison, Filters, Scalar
from vectorstore import Store


@contextmanager
def _timed(timings: dict[str, float], name: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = round((time.perf_counter() - started) * 1000, 1)


def analyze(store: Store, u: Understanding) -> Analysis:
    if u.kind == "compare":
        return analyze_compare(store, u)
    if u.filters.baseline is not None and u.kind in ("why", "count", "summary", "search"):
        return analyze_change(store, u)
    return analyze_window(store, u, themes=u.kind == "summary" or not u.topic)


def _outside(u: Understanding, span) -> str | None:
    """A caveat when the question's window lies outside the conversations the store holds."""
    window = u.filters.window
    if window is None or span is None:
        return None
    first, last = span
    if window.end <= first or window.start > last:
        return (f"The store holds conversations from {first:%d %b %Y} to {last:%d %b %Y}; "
                f"{window.label} is outside that range, so nothing can be said about it.")
    return None


def to_answer(question: str, analysis: Analysis, written: Written, timings: dict[str, float]) -> Answer:
    """The answer: what the analysis found, and the text as written (with the writing's caveats
    after the analysis's)."""
    u = analysis.understanding
    return Answer(
        question=question,
        kind=u.kind,
        filters=u.filters,
        topic=u.topic,
        segment_field=u.segment_field,
        population=analysis.population,
        topic_model=analysis.topic_model,
        comparison=Comparison(current=analysis.current, baseline=analysis.baseline, segments=analysis.segments),
        answer=written.text,
        drivers=analysis.drivers,
        citations=analysis.citations,
        caveats=[*analysis.caveats, *written.caveats],
        conversations=analysis.ranked,
        backend=written.backend,
        timings_ms=timings,
    )


def ask_stream(
    question: str, store: Store, *, llm: str | LLM = "extractive", history: list[Answer] | None = None,
    filters: Filters | None = None, session: WritingSession | None = None,
) -> Iterator[str | Answer]:
    """``ask``, streamed: the text as it is written (a model's reply piece by piece, the
    composed text at once), then the finished ``Answer``, whose text is the checked one.
    ``filters`` replace the ones read from the question (the user corrected them).
    ``session``: how the model's last answers fared; a model paused there is not asked."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with _timed(timings, "understand_ms"):
        latest = store.conversations.day_range()
        values = store.conversations.values()
        vocabulary = store.conversations.vocabulary()
        asked = correct(question, vocabulary, keep=known_words(values), avoid=COMMON_WORDS, phrasing=PHRASING)
        u = understand(asked, latest[1] if latest else None, values)
        u.question = question
        u = refine(u, history[-1] if history else None)
        if filters is not None:
            u.filters = corrected(u, filters)
    with _timed(timings, "analyze_ms"):
        analysis = analyze(store, u)
    outside = _outside(u, latest)
    if outside:
        analysis.caveats.append(outside)
    model = get_llm(llm) if isinstance(llm, str) else llm
    paused = model is not None and session is not None and session.paused(model.name)
    backend = Backend(llm="extractive", embedder=store.describe())
    if model is not None and not paused and settings.current().llm_parse and not placed(analysis):
        with _timed(timings, "read_ms"):
            analysis, backend = reread(model, store, analysis, backend, latest[1] if latest else None, values,
                                       set(vocabulary))
    if model is not None and not paused and names_wanted(model):
        with _timed(timings, "name_ms"):
            analysis, backend = named(model, store, analysis, backend)
    with _timed(timings, "compose_ms"):
        text = compose(analysis)
    written = Written(text, backend, [])
    unasked = _not_asked(model.name, paused, u.kind) if model is not None and analysis.citations else None
    if unasked:
        written = Written(text, written.backend.model_copy(update={"llm": f"extractive ({unasked})"}), [])
        yield text
    elif model is not None and analysis.citations:
        with _timed(timings, "write_ms"):
            draft = yield from stream_prose(model, question, text, analysis.citations, written.backend, u.kind)
            written = settle(model, text, analysis.citations, draft, facts_of(analysis), u.kind)
        if session is not None and written.backend.model_text is not None:
            notice = session.record(model.name, failed=written.backend.llm != model.name)
            if notice:
                written = Written(written.text, written.backend, [*written.caveats, notice])
    else:
        yield text
    answer = to_answer(question, analysis, written, timings)
    answer.timings_ms["total_ms"] = round((time.perf_counter() - started) * 1000, 1)
    yield answer


def _not_asked(model: str, paused: bool, kind: str) -> str | None:
    """Why a configured model is not asked to write this answer, or None."""
    if paused:
        return f"the {model} model is paused: its text kept failing the check"
    if not writes(kind):
        return "a list of excerpts: the customers' own words, which a model can only restate"
    return None


def placed(analysis: Analysis) -> bool:
    """Whether the rules' reading found something to answer from."""
    return bool(analysis.citations or analysis.current.matching)


def reread(
    model: LLM, store: Store, analysis: Analysis, backend: Backend, latest: datetime | None,
    values: dict[str, dict[Scalar, int]], vocabulary: set[str],
) -> tuple[Analysis, Backend]:
    """The analysis of ``model``'s reading of the question (`assistant/understanding/model_parse.py`)
    where it validates and finds something; else ``analysis`` as it was. ``backend`` records the
    reading. ``latest``, ``values``, ``vocabulary``: the store's, as the question was understood."""
    u = analysis.understanding
    reading = read_question(model, u.question, latest, values, vocabulary, u.filters)
    made = {"reading": reading.reply, "reading_prompt": reading.prompt, "reading_problem": reading.problem}
    if reading.understanding is None:
        return analysis, backend.model_copy(update=made)
    second = analyze(store, reading.understanding)
    if not placed(second):
        made["reading_problem"] = "nothing matched the model's reading either"
        return analysis, backend.model_copy(update=made)
    r = reading.understanding
    said = ", ".join([r.kind, f"topic “{r.topic}”" if r.topic else "all conversations", *r.filters.describe()]
                     + ([f"by {r.segment_field}"] if r.segment_field else []))
    second.caveats.insert(0, f"The question's words matched nothing; the {model.name} model read it as: {said}.")
    return second, backend.model_copy(update=made)


def named(model: LLM, store: Store, analysis: Analysis, backend: Backend) -> tuple[Analysis, Backend]:
    """``analysis`` with its drivers and themes named by ``model`` where the names pass the
    check (`assistant/writing/naming.py`), and ``backend`` recording each verdict."""
    themes = [*analysis.drivers, *analysis.stable, *analysis.themes]
    if not themes:
        return analysis, backend
    started = time.perf_counter()
    result = name_themes(model, themes, analysis.citations, embed=store.embed_cached)
    d, s = len(analysis.drivers), len(analysis.stable)
    renamed = analysis.model_copy(update={"drivers": result.themes[:d], "stable": result.themes[d:d + s],
                                          "themes": result.themes[d + s:]})
    made = {"names": result.verdicts, "naming_prompt": result.prompt,
            "naming_ms": round((time.perf_counter() - started) * 1000, 1)}
    return renamed, backend.model_copy(update=made)


def corrected(u: Understanding, filters: Filters) -> Filters:
    """The user's filters; a why-question keeps a baseline (the preceding equal period unless given)."""
    chosen = filters.model_copy(deep=True)
    if chosen.window is not None and chosen.baseline is None and u.filters.baseline is not None:
        chosen.baseline = previous_window(chosen.window)
    if chosen.window is None:
        chosen.baseline = None
    return chosen


def ask(
    question: str, store: Store, *, llm: str | LLM = "extractive", history: list[Answer] | None = None,
    filters: Filters | None = None,
) -> Answer:
    """Answer ``question`` from ``store``: counts, drivers and citations come from the
    analysis; the text is composed from it, or written by ``llm`` and checked against it.
    ``history`` (earlier answers in this chat, oldest first) lets a follow-up refine the
    previous question."""
    *_, answer = ask_stream(question, store, llm=llm, history=history, filters=filters)
    assert isinstance(answer, Answer)
    return answer
