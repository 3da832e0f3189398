"""LLM backends at their seams: the registry, prompt fitting, streaming through ``ask``, the
grammar (parsed by the real llama.cpp), the OpenAI-compatible client's retries and errors
(over an in-process transport), and the LangChain adapter. Real servers and models: e2e."""

from __future__ import annotations

import json
import socket
from datetime import datetime

import httpx
import pytest

from assistant import Constraint, ScriptedLLM, ask, ask_stream, get_llm
from assistant.llm.base import generate
from assistant.llm.grammar import gbnf
from assistant.llm.langchain import LangChainLLM
from assistant.llm.openai_compatible import OpenAICompatibleLLM
from assistant.writing.writer import MAX_TOKENS, by_relevance, fit
from convoscope.errors import ConvoscopeError, LLMError
from convoscope.models import Answer, Citation
from ingest import ingest_paths


def citation(n: int, text: str, score: float = 0.5) -> Citation:
    return Citation(n=n, conversation_id=f"c{n}", turn_start=0, turn_end=0, speaker="customer",
                    started_at=datetime(2026, 10, 1), channel="chat", text=text, score=score)


# --- the registry -------------------------------------------------------------------------

def test_unknown_backend_names_the_choices():
    with pytest.raises(ConvoscopeError, match="extractive | local | openai"):
        get_llm("gpt5-please")


def test_extractive_is_no_model_and_openai_reads_its_environment(monkeypatch):
    assert get_llm("extractive") is None
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1/")
    monkeypatch.setenv("CONVOSCOPE_MODEL", "house-model")
    model = get_llm("openai")
    assert (model.base_url, model.model, model.name) == ("http://127.0.0.1:9/v1", "house-model", "openai:house-model")
    assert get_llm("openai", model="other").model == "other"  # --model wins


# --- fitting the prompt ---------------------------------------------------------------------

COMPOSED = "Cancellations rose from 58 to 137 [2]. The annual charge [3] and buffering [1]."


def test_excerpts_are_ranked_by_where_the_answer_cites_them_then_by_score():
    cites = [citation(1, "a"), citation(2, "b"), citation(3, "c"), citation(4, "d", 0.9), citation(5, "e", 0.1)]
    assert [c.n for c in by_relevance(cites, COMPOSED)] == [2, 3, 1, 4, 5]


def test_a_small_context_drops_whole_excerpts_least_relevant_first():
    long = "the renewal charge surprised me " * 30
    cites = [citation(n, f"{long} (excerpt {n})") for n in range(1, 6)]
    roomy = fit(ScriptedLLM(context_size=10_000), "why?", COMPOSED, cites)
    assert roomy.trimmed == [] and all(f"(excerpt {n})" in roomy.text for n in range(1, 6))
    budget = roomy.tokens - 400  # each excerpt is ~240 tokens: room for three of the five
    tight = fit(ScriptedLLM(context_size=budget + MAX_TOKENS + 16), "why?", COMPOSED, cites)
    assert tight.trimmed == [4, 5]  # not cited by the answer: they go first
    assert tight.kept == [1, 2, 3] and tight.tokens <= budget
    for n in tight.kept:  # a kept excerpt is whole
        assert f"{long} (excerpt {n})" in tight.text
    for n in tight.trimmed:
        assert f"(excerpt {n})" not in tight.text


def test_a_context_too_small_for_the_analysis_is_one_clear_error():
    with pytest.raises(LLMError, match="larger context"):
        fit(ScriptedLLM(context_size=350), "why?", COMPOSED * 20, [citation(1, "x")])


def test_a_prompt_budget_drops_excerpts_but_never_refuses_what_the_context_holds():
    model = ScriptedLLM(context_size=4096)
    model.prompt_budget = 50  # far below the analysis alone
    fitted = fit(model, "why?", COMPOSED * 5, [citation(1, "an excerpt"), citation(2, "another")])
    assert fitted.kept == [] and fitted.trimmed == [1, 2] and fitted.tokens > 50


def test_an_analysis_too_long_for_the_model_falls_back_to_the_composed_text(fake, data_dir):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    model = ScriptedLLM("never asked [1].", context_size=320)
    answer = ask("how many customers wanted to cancel in October?", fake, llm=model)
    assert model.prompts == [] and answer.backend.llm == "extractive (the scripted model was not asked)"
    assert "was not asked" in answer.caveats[-1] and answer.answer == ask(
        "how many customers wanted to cancel in October?", fake).answer


# --- streaming through ask --------------------------------------------------------------------

def test_ask_streams_the_model_text_then_gives_the_checked_answer(fake, data_dir, monkeypatch):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    monkeypatch.setenv("CONVOSCOPE_LLM_GRAMMAR", "1")
    n = ask("how many customers wanted to cancel in October?", fake).comparison.current.matching
    model = ScriptedLLM(f"{n} conversations in October match [1]. Rose by 900 [1].", name="half-honest")
    items = list(ask_stream("how many customers wanted to cancel in October?", fake, llm=model))
    *pieces, answer = items
    assert isinstance(answer, Answer) and all(isinstance(p, str) for p in pieces) and len(pieces) > 3
    assert "".join(pieces) == answer.backend.model_text  # shown as it came …
    # … then checked: one false claim, so the composed answer is shown (what is left of a text with
    # a claim taken out can mislead), and the backend keeps every claim with its verdict
    assert answer.answer == ask("how many customers wanted to cancel in October?", fake).answer
    assert answer.backend.llm == "extractive (the half-honest text failed the check)"
    assert any("1 of its 2 claims did not agree with the analysis" in c for c in answer.caveats)
    assert [c.rule for c in answer.backend.claims] == [None, "direction"]  # "rose": a count of one month
    assert answer.backend.completion_tokens == len(pieces) and answer.backend.context_size == 8192
    # the grammar holds the sentence to its line of the analysis: that line's markers and numbers
    assert model.constraints[0].slots and model.constraints[0].markers <= {c.n for c in answer.citations}
    assert str(n) in model.constraints[0].numbers and "900" not in model.constraints[0].numbers
    assert answer.backend.prompt == "sentence.v1" and "Line of the analysis:" in answer.backend.prompt_text


def test_extractive_streams_the_composed_text_at_once(fake, data_dir):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    text, answer = list(ask_stream("how many customers wanted to cancel in October?", fake))
    assert text == answer.answer and answer.backend.llm == "extractive" and answer.backend.prompt is None


def test_the_grammar_is_opt_in(fake, data_dir, monkeypatch):
    ingest_paths(fake, [data_dir / "mini.jsonl"])
    monkeypatch.delenv("CONVOSCOPE_LLM_GRAMMAR", raising=False)
    model = ScriptedLLM("anything [1].", "anything [1].")
    ask("how many customers wanted to cancel in October?", fake, llm=model)
    monkeypatch.setenv("CONVOSCOPE_LLM_GRAMMAR", "1")
    ask("how many customers wanted to cancel in October?", fake, llm=model)
    assert model.constraints[0] is None and model.constraints[1] is not None


# --- the grammar --------------------------------------------------------------------------------

def test_grammar_allows_only_the_analysis_numbers_and_existing_markers():
    grammar = gbnf(Constraint(numbers={"13", "137", "58"}, markers={1, 2}))
    assert 'num ::= "137" | "13" | "58"' in grammar and 'marker ::= "[1]" | "[2]"' in grammar
    assert "sentence ::= plain+ (num plain+)* marker marker? \".\"" in grammar
    from llama_cpp import LlamaGrammar  # the real parser; no model needed

    LlamaGrammar.from_string(grammar, verbose=False)
    LlamaGrammar.from_string(gbnf(Constraint(numbers=set(), markers={3})), verbose=False)
    with pytest.raises(ValueError, match="marker"):
        gbnf(Constraint(numbers={"1"}, markers=set()))


# --- the OpenAI-compatible client ----------------------------------------------------------------

def sse(*pieces: str) -> bytes:
    events = [{"choices": [{"delta": {"content": p}}]} for p in pieces]
    return "".join(f"data: {json.dumps(e)}\n\n" for e in events).encode() + b"data: [DONE]\n\n"


def client(handler, **kwargs) -> OpenAICompatibleLLM:
    return OpenAICompatibleLLM(base_url="http://llm.test/v1", api_key="k", model="m", backoff=0.0,
                               transport=httpx.MockTransport(handler), **kwargs)


def test_openai_streams_pieces_and_sends_the_request_it_should():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.path, request.headers["authorization"], json.loads(request.content)))
        return httpx.Response(200, content=sse("Cancellations ", "rose [1]", "."))

    model = client(handler)
    assert list(model.stream("the prompt", 50)) == ["Cancellations ", "rose [1]", "."]
    path, auth, body = seen[0]
    assert (path, auth) == ("/v1/chat/completions", "Bearer k")
    assert body["stream"] is True and body["max_tokens"] == 50 and body["messages"][0]["content"] == "the prompt"
    assert "grammar" not in body  # OpenAI itself rejects fields it does not know
    assert model.usage.completion_tokens == 3


def test_openai_sends_the_grammar_only_when_asked():
    bodies = []

    def handler(request):
        bodies.append(json.loads(request.content))
        return httpx.Response(200, content=sse("ok [1]."))

    generate(client(handler, grammar=True), "p", constraint=Constraint(numbers={"5"}, markers={1}))
    assert 'marker ::= "[1]"' in bodies[0]["grammar"]


def test_openai_retries_429_and_5xx_with_backoff_then_succeeds():
    statuses = iter([429, 503])

    def handler(request):
        status = next(statuses, 200)
        return httpx.Response(status, content=sse("fine [1].") if status == 200 else b"busy",
                              headers={"retry-after": "0"} if status == 429 else {})

    assert generate(client(handler, retries=3), "p") == "fine [1]."


def test_openai_gives_up_after_its_retries_in_one_line():
    calls = []

    def handler(request):
        calls.append(1)
        return httpx.Response(500, json={"error": {"message": "boom\nstack"}})

    with pytest.raises(LLMError) as err:
        generate(client(handler, retries=2), "p")
    assert len(calls) == 3 and "http://llm.test/v1" in str(err.value) and "HTTP 500: boom" in str(err.value)
    assert "\n" not in str(err.value)


def test_a_refused_key_says_which_setting_to_fix():
    with pytest.raises(LLMError, match="refused the API key .* set OPENAI_API_KEY"):
        generate(client(lambda request: httpx.Response(401, json={"error": {"message": "bad key"}})), "p")


def test_an_endpoint_that_is_down_is_named_in_one_line():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    model = OpenAICompatibleLLM(base_url=f"http://127.0.0.1:{port}/v1", model="m", retries=1, backoff=0.0)
    with pytest.raises(LLMError) as err:
        generate(model, "p")
    message = str(err.value)
    assert f"127.0.0.1:{port}/v1 cannot be reached" in message and "OPENAI_BASE_URL" in message and "\n" not in message


def test_a_stalled_endpoint_times_out_in_one_line():
    def handler(request):
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(LLMError, match="did not answer within 2 s .*CONVOSCOPE_LLM_TIMEOUT"):
        generate(client(handler, timeout=2.0), "p")


# --- any LangChain chat model --------------------------------------------------------------------

def test_a_langchain_chat_model_streams_through_the_adapter(fake, data_dir):
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage

    ingest_paths(fake, [data_dir / "mini.jsonl"])
    n = ask("how many customers wanted to cancel in October?", fake).comparison.current.matching
    chat = GenericFakeChatModel(messages=iter([AIMessage(content=f"{n} customers wanted to cancel in October [1].")]))
    model = LangChainLLM(chat, name="langchain:fake")
    answer = ask("how many customers wanted to cancel in October?", fake, llm=model)
    assert answer.answer == f"{n} customers wanted to cancel in October [1]." and answer.backend.llm == "langchain:fake"
    assert answer.backend.completion_tokens and answer.backend.completion_tokens > 1  # it streamed


def test_a_failing_langchain_model_is_one_line_naming_it():
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel

    model = LangChainLLM(GenericFakeChatModel(messages=iter([])), name="langchain:empty")
    with pytest.raises(LLMError, match="the LangChain model langchain:empty failed"):
        generate(model, "p")
    with pytest.raises(TypeError, match="LangChain chat model"):
        LangChainLLM(object())


# --- the slotted grammar: one sentence per cited line of the analysis ----------------------------

WHY = ("Conversations about “cancellations” rose from **58** in September 2026 to **137** in October 2026 "
       "(+136 %) [1][2].\n\nWhat grew most:\n- **Annual plan renewal**: 1 → 36, 44% of the change [3][4]\n"
       "- **Buffering after the update**: 2 → 27, 32% of the change [5]\n\n| segment | matching |\n| a | 3 [6] |")


def test_each_cited_line_of_the_analysis_is_a_slot_with_its_own_name_numbers_and_markers():
    from assistant.writing.writer import slots_of

    slots = slots_of(WHY)
    assert [(s.name, s.markers) for s in slots] == [
        (None, [1, 2]), ("Annual plan renewal", [3, 4]), ("Buffering after the update", [5])]  # no table row
    assert slots[0].required == ["58", "137"] and (slots[1].numbers, slots[1].percents) == ({"1", "36"}, {"44"})
    uncited = slots_of("**47** conversations in all time match. The closest excerpts:\n\n- “it buffers” [1]")
    assert uncited[0].required == ["47"] and uncited[0].markers == [1] and len(uncited) == 2
    summary = slots_of("**21** conversations in October 2026 match. The main themes:\n\n- **Cost**: 4 conversations "
                       "[1][2]\n- **Bank statements**: 3 conversations [3][4]")
    assert summary[0].required == ["21"] and summary[0].markers == [1, 3]  # the headline cites each theme it opens
    assert slots[1].required == ["1", "36"]  # a driver's count pair, written as it stands: never "36 → 36"
    pointers = slots_of(WHY.replace("What grew most:", "More from October 2026: [7][8]\n\nWhat grew most:"))
    assert [s.markers for s in pointers] == [[1, 2], [3, 4], [5]]  # no sentence invented for bare excerpts


def test_held_to_the_grammar_each_sentence_is_written_from_its_own_line_alone(monkeypatch):
    from datetime import datetime, timezone

    from assistant.writing.writer import stream_prose
    from convoscope.models import Backend, Citation

    monkeypatch.setenv("CONVOSCOPE_LLM_GRAMMAR", "1")
    when = datetime(2026, 10, 3, tzinfo=timezone.utc)
    citations = [Citation(n=n, conversation_id=f"c{n}", turn_start=1, turn_end=1, speaker="customer", started_at=when,
                          channel="chat", text=f"excerpt number {n}", score=0.5) for n in range(1, 7)]
    model = ScriptedLLM("Cancellations rose from 58 to 137 [1][2].", "Annual plan renewal went 1 to 36 [3][4].",
                        "Buffering after the update went 2 to 27 [5].")
    stream = stream_prose(model, "why did cancellations rise?", WHY, citations, Backend())
    pieces = []
    try:
        while True:
            pieces.append(next(stream))
    except StopIteration as done:
        written = done.value
    assert len(model.prompts) == 3  # the headline and each driver, one prompt each
    second, third = model.prompts[1], model.prompts[2]
    assert "Annual plan renewal" in second and "Buffering" not in second and "excerpt number 5" not in second
    assert "Buffering after the update" in third and "Annual plan" not in third and "excerpt number 5" in third
    assert "Annual plan" not in model.prompts[0]  # the headline's line names no reason
    assert [c.slots[0].markers for c in model.constraints] == [[1, 2], [3, 4], [5]]
    assert written.text == "".join(pieces) == written.backend.model_text
    assert written.text.startswith("Cancellations rose") and " [3][4]. Buffering" in written.text


def test_held_to_the_grammar_a_comparison_is_concluded_from_its_line_on_an_outcome(monkeypatch):
    from datetime import datetime, timezone

    from assistant.writing.writer import constraint_for
    from convoscope.models import Citation

    monkeypatch.setenv("CONVOSCOPE_LLM_GRAMMAR", "1")
    composed = ("Human agents had more conversations about “refunds” than AI agents: **128** vs **47** (8% vs 10% "
                "of their conversations) [1][3]. Human agents resolved more of them: 87% against 45% for AI agents "
                "[1][3].\n\n| segment | conversations | resolution rate | examples |\n| human | 1530 | 87% | [1][2] |")
    when = datetime(2026, 10, 3, tzinfo=timezone.utc)
    citations = [Citation(n=n, conversation_id=f"c{n}", turn_start=1, turn_end=1, speaker="customer", started_at=when,
                          channel="chat", text=f"excerpt {n}", score=0.5) for n in range(1, 5)]
    line = constraint_for(ScriptedLLM(), composed, citations, "compare").slots
    assert len(line) == 1 and "resolved more" in line[0].line and "128" not in line[0].line  # the outcome's line
    counts_only = composed.split(" Human agents resolved")[0]
    assert "128" in constraint_for(ScriptedLLM(), counts_only, citations, "compare").slots[0].line  # else the first


def test_the_slotted_grammar_binds_each_sentence_to_its_line():
    from llama_cpp import LlamaGrammar

    from assistant.llm.grammar import slotted
    from assistant.writing.writer import slots_of

    text = slotted(slots_of(WHY))
    assert 's1 ::= "Annual plan renewal" plain+ "1" plain+ "36" plain+ (n1 plain+)* "[3][4]" "."' in text
    assert 's0 ::= plain* "58" plain+ "137" plain+ (n0 plain+)* "[1][2]" "."' in text  # may open with its number
    assert 'n2 ::= "32 %" | "32%" | "27" | "2"' in text  # a share only with its sign; a count never with one
    assert r'plain ::= [^0-9\[\]\n.*%\u00B2' in text and r"\u2460-\u24FF" in text  # no digit of any kind
    assert text.rstrip().endswith("$£€¥]")  # no line writes money: no currency sign ("from £1 to £36")
    assert slotted(slots_of(WHY.replace("1 → 36", "1 → 36 (£36 a year)"))).rstrip().endswith(r"\uFF19]")
    LlamaGrammar.from_string(text, verbose=False)


def test_by_default_only_a_model_of_a_billion_parameters_or_more_is_held_to_the_grammar(monkeypatch):
    from assistant.writing.writer import grammar_wanted, names_wanted

    small, big = ScriptedLLM(), ScriptedLLM()
    small.parameters, big.parameters = 135_000_000, 1_500_000_000
    monkeypatch.delenv("CONVOSCOPE_LLM_GRAMMAR", raising=False)
    assert not grammar_wanted(small) and grammar_wanted(big) and not grammar_wanted(ScriptedLLM())
    monkeypatch.setenv("CONVOSCOPE_LLM_GRAMMAR", "auto")
    assert grammar_wanted(big) and not grammar_wanted(small)
    monkeypatch.setenv("CONVOSCOPE_LLM_GRAMMAR", "1")
    assert grammar_wanted(small)
    monkeypatch.setenv("CONVOSCOPE_LLM_GRAMMAR", "0")
    assert not grammar_wanted(big)
    monkeypatch.delenv("CONVOSCOPE_LLM_NAMES", raising=False)
    assert names_wanted(big) and not names_wanted(small)  # and names the drivers
    monkeypatch.setenv("CONVOSCOPE_LLM_NAMES", "0")
    assert not names_wanted(big)
