"""Any LangChain chat model as a Convoscope backend, so a team can plug in Anthropic,
Ollama, Bedrock or its own model through the integration it already has::

    from langchain_anthropic import ChatAnthropic
    from assistant.llm.langchain import LangChainLLM
    ask("why did cancellations rise?", store, llm=LangChainLLM(ChatAnthropic(model=...)))

LangChain types stay inside this module: the rest of Convoscope sees the ``LLM`` Protocol.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.llm.base import Constraint, Timer, Usage, rough_tokens
from convoscope.errors import LLMError


class LangChainLLM:
    """Wraps a ``langchain_core`` ``BaseChatModel``; streams through its ``stream``."""

    def __init__(self, chat_model: Any, name: str | None = None, context_size: int = 8192) -> None:
        from langchain_core.language_models import BaseChatModel

        if not isinstance(chat_model, BaseChatModel):
            raise TypeError(f"expected a LangChain chat model, got {type(chat_model).__name__}")
        self.chat_model = chat_model
        model = getattr(chat_model, "model_name", None) or getattr(chat_model, "model", None)
        self.name = name or f"langchain:{model or chat_model._llm_type}"
        self.context_size = context_size
        self.usage: Usage | None = None

    def count_tokens(self, text: str) -> int:
        # Integrations count tokens in their own ways, some by fetching a tokenizer; an
        # estimate never touches the network and is close enough to fit a prompt.
        return rough_tokens(text)

    def stream(self, prompt: str, max_tokens: int = 400, constraint: Constraint | None = None) -> Iterator[str]:
        from langchain_core.messages import HumanMessage

        timer = Timer(rough_tokens(prompt))
        try:
            for chunk in self.chat_model.stream([HumanMessage(content=prompt)], max_tokens=max_tokens):
                piece = chunk.content if isinstance(chunk.content, str) else "".join(
                    part.get("text", "") for part in chunk.content if isinstance(part, dict))
                if piece:
                    timer.token()
                    yield piece
        except LLMError:
            raise
        except Exception as err:  # the integration's own errors: one line, naming it
            first = (str(err).strip().splitlines() or [err.__class__.__name__])[0][:160]
            raise LLMError(f"the LangChain model {self.name} failed ({err.__class__.__name__}: {first})",
                           "check that model's credentials and endpoint") from err
        self.usage = timer.done()
