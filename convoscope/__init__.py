"""Convoscope: ask customer conversations *why*."""

from convoscope import settings as _settings  # noqa: F401  (sets offline defaults first)
from convoscope.errors import ConvoscopeError
from convoscope.models import (
    Answer,
    Chunk,
    Citation,
    Conversation,
    Driver,
    Filters,
    TimeWindow,
    Turn,
)

__version__ = "0.1.0"

__all__ = [
    "Answer",
    "Chunk",
    "Citation",
    "Conversation",
    "ConvoscopeError",
    "Driver",
    "Filters",
    "TimeWindow",
    "Turn",
    "__version__",
]
