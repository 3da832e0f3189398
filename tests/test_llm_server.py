"""The ``openai`` backend against a real OpenAI-compatible server on loopback: llama-cpp-python's
own server with the bundled SmolLM2. Streaming, a timeout, and the server stopped mid-session."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time

import httpx
import pytest

from assistant import ask
from assistant.llm.local import bundled_gguf
from assistant.llm.openai_compatible import OpenAICompatibleLLM
from assistant.writing.check import numbers_in
from convoscope.errors import LLMError
from convoscope.models import Answer

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def llama_server(tmp_path):
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(bundled_gguf()), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "4096", "--n_threads", str(os.cpu_count() or 2)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.3)
        assert proc.poll() is None, (tmp_path / "server.log").read_text()
    else:
        proc.kill()
        pytest.fail("llama_cpp.server did not start within 120 s")
    yield url, proc
    proc.kill()
    proc.wait(timeout=30)
    log.close()


def backed(answer, composed: str, name: str) -> None:
    """Whatever is shown agrees with the analysis: the model's checked text, or the composed one."""
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers and markers <= {c.n for c in answer.citations}
    assert numbers_in(answer.answer) <= numbers_in(composed)
    assert answer.backend.llm in (name, f"extractive (the {name} text failed the check)")
    assert answer.backend.model_text and answer.backend.completion_tokens


def test_openai_backend_through_a_real_server(real_store, llama_server, monkeypatch):
    url, proc = llama_server
    monkeypatch.setenv("CONVOSCOPE_LLM_GRAMMAR", "1")  # and the model below sends it as llama.cpp's `grammar` field
    model = OpenAICompatibleLLM(base_url=url, api_key="unused", model="smollm2", grammar=True, retries=0)

    pieces = list(model.stream("Say hello to the team.", max_tokens=16))
    assert len(pieces) > 1 and model.usage.completion_tokens == len(pieces)  # it streamed

    question = "why did cancellations rise last month?"
    composed = ask(question, real_store).answer
    answer = ask(question, real_store, llm=model)  # held to the grammar through the server's `grammar` field
    backed(answer, composed, "openai:smollm2")

    # a timeout is one clear line, and the server is still usable afterwards
    impatient = OpenAICompatibleLLM(base_url=url, model="smollm2", timeout=0.01, retries=0)
    with pytest.raises(LLMError, match="did not answer within 0.01 s"):
        list(impatient.stream("Write a long story about a cat. " * 40, max_tokens=8))

    # the server stopped in the middle of an answer, then asked again: one line each, no crash
    stream = model.stream("Count slowly from one to one hundred, in words.", max_tokens=300)
    next(stream)
    proc.kill()
    proc.wait(timeout=30)
    with pytest.raises(LLMError) as broken:
        list(stream)
    assert url in str(broken.value) and "\n" not in str(broken.value)
    with pytest.raises(LLMError, match=f"{re.escape(url)} cannot be reached .*OPENAI_BASE_URL"):
        ask(question, real_store, llm=model)


def test_cli_asks_through_the_server_and_says_one_line_when_it_is_gone(real_store, llama_server):
    url, proc = llama_server
    env = dict(os.environ, OPENAI_BASE_URL=url, OPENAI_API_KEY="unused", CONVOSCOPE_MODEL="smollm2",
               CONVOSCOPE_ALLOW_MODELS="1", CONVOSCOPE_LLM_RETRIES="1")
    command = [sys.executable, "-m", "ui.cli", "ask", "why did cancellations rise last month?",
               "--store", str(real_store.path), "--llm", "openai", "--json"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    answer = Answer.model_validate_json(result.stdout)
    assert answer.backend.prompt == "answer.v4"
    backed(answer, ask("why did cancellations rise last month?", real_store).answer, "openai:smollm2")

    proc.kill()
    proc.wait(timeout=30)
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot be reached" in result.stderr
