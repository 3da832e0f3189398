"""Don't spend time for nothing: a model whose text keeps failing the check is not waited for.

A writing session remembers how the last answers of each model fared: the app keeps one per
browser session, the CLI one per user in the cache folder (``model-checks.json``). After
``CONVOSCOPE_LLM_GIVE_UP`` answers in a row whose model text failed the check
(``assistant/writing/check.py``), the model is paused: the answer that reached the limit
says so, and later answers are composed at once, without waiting for the model, until the
user chooses it again (the app's "Ask the model again", or ``--llm`` on the command line).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field

from convoscope import settings


class ModelRecord(BaseModel):
    failed_in_a_row: int = 0
    paused: bool = False


class WritingSession(BaseModel):
    models: dict[str, ModelRecord] = Field(default_factory=dict)

    def paused(self, model: str) -> bool:
        record = self.models.get(model)
        return record is not None and record.paused

    def record(self, model: str, failed: bool) -> str | None:
        """Count one answer of ``model``; the notice to show when this answer pauses it."""
        record = self.models.setdefault(model, ModelRecord())
        record.failed_in_a_row = record.failed_in_a_row + 1 if failed else 0
        limit = settings.current().llm_give_up
        if failed and limit and record.failed_in_a_row >= limit and not record.paused:
            record.paused = True
            return (f"The {model} model's text failed the check on the last {record.failed_in_a_row} answers, so "
                    "the next answers are composed without waiting for it; choose it again to ask it "
                    "(the app's “Ask the model again”, or --llm on the command line).")
        return None

    def resume(self, model: str) -> None:
        """The user asked for ``model`` again: wait for it, and count afresh."""
        self.models.pop(model, None)

    @classmethod
    def load(cls, path: Path) -> WritingSession:
        """The session kept at ``path``; a new one if there is none or it cannot be read."""
        try:
            return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return cls()

    def save(self, path: Path) -> None:
        """Kept best-effort: a cache folder that cannot be written loses only this memory."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.model_dump_json(), encoding="utf-8")
        except OSError:
            pass


def cli_session_path() -> Path:
    return Path(settings.current().cache).expanduser() / "model-checks.json"
