"""The assistant: question understanding, analysis, cited answers."""

from assistant.ask import ask
from assistant.understand import Understanding, understand

__all__ = ["Understanding", "ask", "understand"]
