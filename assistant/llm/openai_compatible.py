"""The ``openai`` backend: any OpenAI-compatible chat-completions endpoint, streamed.

``OPENAI_BASE_URL`` (default the OpenAI API), ``OPENAI_API_KEY``, ``CONVOSCOPE_MODEL`` (or
``--model``). Retries with exponential backoff on 429 and 5xx (honouring ``Retry-After``)
and on a refused connection; a timeout on connect and between streamed chunks. Every
failure is one ``LLMError`` line that names the endpoint and says what to do.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx

from assistant.llm.base import Constraint, Timer, Usage, rough_tokens
from assistant.llm.grammar import gbnf
from convoscope import settings
from convoscope.errors import LLMError

RETRY_STATUS = {429, 500, 502, 503, 504}


class OpenAICompatibleLLM:
    """Chat completions over HTTP with server-sent events; light to construct (no request
    until the first generation)."""

    def __init__(
        self, base_url: str | None = None, api_key: str | None = None, model: str | None = None,
        timeout: float | None = None, retries: int | None = None, context_size: int | None = None,
        backoff: float = 0.5, grammar: bool | None = None, transport: httpx.BaseTransport | None = None,
    ) -> None:
        config = settings.current()
        self.base_url = (base_url or config.openai_base_url).rstrip("/")
        self.api_key = api_key if api_key is not None else config.openai_api_key
        self.model = model or config.model
        self.timeout = timeout if timeout is not None else config.llm_timeout
        self.retries = retries if retries is not None else config.llm_retries
        self.context_size = context_size or config.llm_context
        self.backoff = backoff
        # llama.cpp's server takes a GBNF ``grammar`` field; OpenAI itself rejects unknown fields.
        self.grammar = grammar if grammar is not None else config.openai_grammar
        self.name = f"openai:{self.model}"
        self.transport = transport  # tests inject one; None is the network
        self.usage: Usage | None = None

    def count_tokens(self, text: str) -> int:
        return rough_tokens(text)

    def _fail(self, what: str, fix: str) -> LLMError:
        return LLMError(f"the OpenAI-compatible endpoint {self.base_url} {what}", fix)

    def _body(self, prompt: str, max_tokens: int, constraint: Constraint | None) -> dict:
        body = {"model": self.model, "messages": [{"role": "user", "content": prompt}], "max_tokens": max_tokens,
                "temperature": 0.2, "stream": True}
        if constraint is not None and self.grammar and (constraint.markers or constraint.grammar):
            body["grammar"] = gbnf(constraint)
        return body

    def _wait(self, attempt: int, response: httpx.Response | None = None) -> None:
        after = response.headers.get("retry-after") if response is not None else None
        try:
            delay = float(after) if after else self.backoff * 2**attempt
        except ValueError:
            delay = self.backoff * 2**attempt
        time.sleep(min(delay, 30.0))

    def stream(self, prompt: str, max_tokens: int = 400, constraint: Constraint | None = None) -> Iterator[str]:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        timeout = httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0))
        body = self._body(prompt, max_tokens, constraint)
        timer = Timer(self.count_tokens(prompt))
        with httpx.Client(base_url=self.base_url, headers=headers, timeout=timeout, transport=self.transport) as client:
            for attempt in range(self.retries + 1):
                last = attempt == self.retries
                try:
                    with client.stream("POST", "/chat/completions", json=body) as response:
                        if response.status_code in RETRY_STATUS and not last:
                            self._wait(attempt, response)
                            continue
                        self._raise_for(response)
                        yield from self._events(response, timer)
                        self.usage = timer.done()
                        return
                except httpx.ConnectError as err:
                    if timer.usage.completion_tokens == 0 and not last:
                        self._wait(attempt)
                        continue
                    raise self._fail(f"cannot be reached ({_reason(err)})",
                                     "start the server or set OPENAI_BASE_URL to one that runs") from err
                except httpx.TimeoutException as err:
                    raise self._fail(f"did not answer within {self.timeout:g} s",
                                     "check the server, or raise CONVOSCOPE_LLM_TIMEOUT") from err
                except httpx.TransportError as err:  # e.g. the server stopped in the middle of the answer
                    raise self._fail(f"broke off the answer ({_reason(err)})",
                                     "check the server and ask again") from err

    def _raise_for(self, response: httpx.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        detail = _detail(response)
        if status in (401, 403):
            raise self._fail(f"refused the API key (HTTP {status})",
                             "set OPENAI_API_KEY to a key this endpoint accepts")
        if status == 404:
            raise self._fail(f"has no chat-completions route or no model {self.model!r} (HTTP 404{detail})",
                             "check OPENAI_BASE_URL (it usually ends in /v1) and CONVOSCOPE_MODEL")
        if status in RETRY_STATUS:
            raise self._fail(f"kept failing (HTTP {status}{detail}) after {self.retries} retries", "try again later")
        raise self._fail(f"rejected the request (HTTP {status}{detail})",
                         "check CONVOSCOPE_MODEL and the server's limits")

    def _events(self, response: httpx.Response, timer: Timer) -> Iterator[str]:
        for line in response.iter_lines():
            if not line.startswith("data:"):
                continue
            data = line[5:].strip()
            if data == "[DONE]":
                return
            try:
                event = json.loads(data)
            except json.JSONDecodeError as err:
                raise self._fail("sent a malformed event",
                                 "check that it speaks the OpenAI chat-completions API") from err
            if event.get("error"):
                raise self._fail(f"failed mid-answer ({event['error'].get('message', event['error'])})", "ask again")
            for choice in event.get("choices") or []:
                piece = (choice.get("delta") or {}).get("content") or ""
                if piece:
                    timer.token()
                    yield piece
            usage = event.get("usage")
            if usage and usage.get("prompt_tokens"):
                timer.usage.prompt_tokens = int(usage["prompt_tokens"])


def _reason(err: Exception) -> str:
    text = str(err).strip().splitlines()
    return text[-1][:120] if text else err.__class__.__name__


def _detail(response: httpx.Response) -> str:
    try:
        response.read()
        payload = response.json()
        message = (payload.get("error", {}).get("message") if isinstance(payload.get("error"), dict)
                   else payload.get("detail"))
    except (ValueError, AttributeError, httpx.HTTPError):
        message = None
    return f": {str(message).splitlines()[0][:160]}" if message else ""
