"""Settings read from the environment, with embedded defaults."""

from __future__ import annotations

import gc
import importlib.util
import os
from pathlib import Path

from pydantic import BaseModel, Field

# Offline by design: set before chromadb, huggingface_hub or transformers are imported.
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# A question over a large store builds hundreds of thousands of short-lived containers
# (sets of conversation ids, per-conversation records); at CPython's default threshold (700
# new containers) the cyclic collector then runs thousands of times per question, each time
# walking the long-lived caches. Measured at 100,000 conversations: a compare question 2.0 s
# at the default, 1.55 s with this. Nothing here relies on prompt collection of cycles.
gc.set_threshold(50_000, 20, 20)

DEFAULT_STORE = "convoscope-store"


def store_path(path: str | Path | None = None) -> Path:
    """The store directory: the argument, else ``CONVOSCOPE_STORE``, else ``./convoscope-store``."""
    chosen = path or os.environ.get("CONVOSCOPE_STORE") or DEFAULT_STORE
    return Path(chosen).expanduser().resolve()


def chroma_url(url: str | None = None) -> str | None:
    """A Chroma server URL when the vector store should be remote, else ``None``."""
    return url or os.environ.get("CONVOSCOPE_CHROMA_URL") or None
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def models_allowed() -> bool:
    """Whether real models may load. Unit tests set ``CONVOSCOPE_ALLOW_MODELS=0`` so that a
    test which should use a fake fails loudly instead of silently loading a model."""
    return os.environ.get("CONVOSCOPE_ALLOW_MODELS", "1") not in ("0", "false", "no")


def packaged(package: str, name: str, missing: str, fix: str) -> Path:
    """``name`` inside the installed package ``package`` (a model shipped in a wheel, read
    from site-packages); ``missing`` and ``fix`` make the error when it is not installed."""
    from convoscope.errors import ModelMissingError

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissingError(missing, fix)
    return Path(next(iter(spec.submodule_search_locations))) / name


class GlossaryTerm(BaseModel):
    """A manager's word for something customers say in many ways (``convoscope/glossary.yaml``)."""

    name: str
    question_words: list[str]
    meaning: list[str] = Field(default_factory=list)  # sentences a customer might say
    customer_says: str | None = None  # a regular expression over the customer's words, lower case


_GLOSSARY: dict[str, tuple[float, list[GlossaryTerm]]] = {}


def glossary() -> list[GlossaryTerm]:
    """Managers' words and how customers say them: ``CONVOSCOPE_GLOSSARY`` (a YAML file of
    ``terms:``), else the bundled ``convoscope/glossary.yaml``. Re-read when the file changes."""
    import re

    import yaml
    from pydantic import ValidationError

    from convoscope.errors import ConvoscopeError

    chosen = os.environ.get("CONVOSCOPE_GLOSSARY") or str(Path(__file__).with_name("glossary.yaml"))
    try:
        mtime = os.stat(chosen).st_mtime
        if chosen not in _GLOSSARY or _GLOSSARY[chosen][0] != mtime:
            data = yaml.safe_load(Path(chosen).read_text(encoding="utf-8")) or {}
            terms = [GlossaryTerm.model_validate(t) for t in data.get("terms") or []]
            for term in terms:
                if term.customer_says:
                    re.compile(term.customer_says)
            _GLOSSARY[chosen] = (mtime, terms)
    except (OSError, yaml.YAMLError, AttributeError, ValidationError, re.error) as err:
        raise ConvoscopeError(f"the glossary {chosen} cannot be read ({str(err).splitlines()[0]})",
                              "give each of its terms a name, question_words, meaning and customer_says "
                              "(see convoscope/glossary.yaml)") from err
    return _GLOSSARY[chosen][1]
