"""Our errors: one line that says what is wrong and what to do."""

from __future__ import annotations


class ConvoscopeError(Exception):
    """An error an end user can act on. ``str(err)`` is the whole message."""

    def __init__(self, what: str, fix: str | None = None) -> None:
        self.what = what
        self.fix = fix
        super().__init__(f"{what} — {fix}" if fix else what)


class ModelMissingError(ConvoscopeError):
    """A model file or package is not installed."""


class StoreError(ConvoscopeError):
    """The store cannot be opened, read or written."""


class InputError(ConvoscopeError):
    """An input file cannot be read at all."""


class LLMError(ConvoscopeError):
    """A language-model backend cannot be reached, refuses us, or fails mid-answer."""
