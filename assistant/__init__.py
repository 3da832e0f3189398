"""The assistant: question understanding, analysis, cited answers, and the LLM backends."""

from assistant.ask import ask, ask_stream
from assistant.llm import LLM, Constraint, ScriptedLLM, Usage, get_llm
from assistant.understand import Understanding, understand

__all__ = ["LLM", "Constraint", "ScriptedLLM", "Understanding", "Usage", "ask", "ask_stream", "get_llm", "understand"]
