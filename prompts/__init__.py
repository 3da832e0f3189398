"""Every prompt Convoscope sends to an LLM, as template files beside this module.

A template file is named ``NAME.vN.md``; its version travels with every answer it
produced, and ``Prompt.render`` gives the exact text that was sent.
"""

from __future__ import annotations

import re
import string
from importlib import resources

from pydantic import BaseModel

_NAME = re.compile(r"^(?P<name>[a-z_]+)\.v(?P<version>\d+)\.md$")


class Prompt(BaseModel):
    name: str
    version: int
    template: str

    @property
    def id(self) -> str:
        return f"{self.name}.v{self.version}"

    def render(self, **values: object) -> str:
        """Fill ``$placeholders``; a missing value is an error, never an empty string."""
        return string.Template(self.template).substitute({k: str(v) for k, v in values.items()})


def available() -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for entry in resources.files(__name__).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.setdefault(match["name"], []).append(int(match["version"]))
    return {name: sorted(versions) for name, versions in found.items()}


def load(name: str, version: int | None = None) -> Prompt:
    """The prompt ``name`` at ``version`` (default: the newest)."""
    versions = available().get(name)
    if not versions:
        raise KeyError(f"no prompt named {name!r} in prompts/ (have: {', '.join(sorted(available())) or 'none'})")
    chosen = version if version is not None else versions[-1]
    if chosen not in versions:
        raise KeyError(f"prompt {name!r} has no version {chosen} (have: {versions})")
    text = resources.files(__name__).joinpath(f"{name}.v{chosen}.md").read_text(encoding="utf-8")
    return Prompt(name=name, version=chosen, template=text)
