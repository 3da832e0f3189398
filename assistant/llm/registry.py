"""The LLM backends by name: ``extractive`` (no model), ``local`` (llama.cpp), ``openai``
(any OpenAI-compatible endpoint), and any LangChain chat model a team registers.

Each backend is made once per process and loads nothing until it is asked for::

    from langchain_anthropic import ChatAnthropic
    register_langchain("claude", ChatAnthropic(model=...))
    get_llm("claude")
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.llm.base import LLM
from assistant.llm.langchain import LangChainLLM
from assistant.llm.local import LlamaCppLLM
from assistant.llm.openai_compatible import OpenAICompatibleLLM
from convoscope import settings
from convoscope.errors import ConvoscopeError

Factory = Callable[[str | None], LLM]


def _local(model: str | None) -> LLM:
    return LlamaCppLLM(model)


def _openai(model: str | None) -> LLM:
    return OpenAICompatibleLLM(model=model)


def _key(name: str, model: str | None, made: LLM | None = None) -> tuple[str, str]:
    if name == "local":
        return name, model or settings.current().gguf or ""
    if isinstance(made, OpenAICompatibleLLM):
        return name, f"{made.base_url} {made.model}"
    return name, model or ""


_FACTORIES: dict[str, Factory] = {"local": _local, "openai": _openai}
_LOADED: dict[tuple[str, str], LLM] = {}
BACKENDS = ("extractive", "local", "openai")


def register(name: str, factory: Factory) -> None:
    """Make ``get_llm(name)`` build its model with ``factory(model)``."""
    _FACTORIES[name.strip().lower()] = factory


def register_langchain(name: str, chat_model: Any) -> None:
    """Make ``get_llm(name)`` answer with a LangChain chat model (``assistant/llm/langchain.py``)."""
    register(name, lambda model: LangChainLLM(chat_model, name=name))


def backends() -> tuple[str, ...]:
    """Every name ``get_llm`` knows: the built-in three, then any registered."""
    return BACKENDS + tuple(n for n in _FACTORIES if n not in BACKENDS)


def get_llm(name: str, model: str | None = None) -> LLM | None:
    """The backend called ``name`` (``model``: a GGUF path for ``local``, a model name for
    ``openai``); ``None`` for the extractive writer. Each is made once per process."""
    name = name.strip().lower()
    if name == "extractive":
        return None
    factory = _FACTORIES.get(name)
    if factory is None:
        raise ConvoscopeError(f"unknown LLM backend {name!r}", f"use --llm {' | '.join(backends())}")
    key = _key(name, model)
    if name == "local" and key in _LOADED:
        return _LOADED[key]
    made = factory(model)
    return _LOADED.setdefault(_key(name, model, made), made)


def default_backend() -> str:
    """``CONVOSCOPE_LLM`` if set, else ``extractive``: the deterministic writer needs no model."""
    return settings.current().llm.strip().lower() or "extractive"
