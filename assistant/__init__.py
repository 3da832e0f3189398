"""The assistant: question understanding, analysis, cited answers, and the LLM backends."""

from assistant.ask import ask, ask_stream
from assistant.llm.base import LLM, Constraint, ScriptedLLM, Usage
from assistant.llm.registry import get_llm
from assistant.understanding.understand import Understanding, understand

__all__ = ["LLM", "Constraint", "ScriptedLLM", "Understanding", "Usage", "ask", "ask_stream", "get_llm", "understand"]
