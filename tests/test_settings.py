"""Every environment variable is declared once, in ``convoscope/settings.py``: the README's table
is made from it, no other module reads the environment for one of ours, and a bad value is one
line of ours that names the variable and what to set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from convoscope import settings
from convoscope.errors import ConvoscopeError
from convoscope.settings import Settings, current, env_name, markdown_table

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("assistant", "convoscope", "embedding", "eval", "ingest", "ui", "vectorstore")
START, END = "<!-- settings-table:start -->", "<!-- settings-table:end -->"
FIX = ("run `python -c 'from convoscope.settings import markdown_table; print(markdown_table())'` "
       "and paste it into README.md")

# A read of one of our variables: os.environ.get("CONVOSCOPE_…"), os.getenv("OPENAI_…"),
# os.environ["CONVOSCOPE_…"] (not an assignment to it), "CONVOSCOPE_…" in os.environ.
_OURS = r"f?[\"'](?:CONVOSCOPE|OPENAI)_"
READ = re.compile(
    rf"(?:environ\.get|getenv)\(\s*{_OURS}"
    rf"|environ\[\s*{_OURS}\w*[\"']\s*\](?!\s*=[^=])"
    rf"|{_OURS}\w*[\"']\s+(?:not\s+)?in\s+os\.environ"
)


def _sources() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py") if "data" not in p.parts)


def test_the_readme_table_is_the_settings_table():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert START in text and END in text, f"README.md has no {START} … {END} block: {FIX}"
    block = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert block == markdown_table().strip(), f"README.md's configuration table differs from Settings: {FIX}"


def test_the_table_has_a_row_per_setting_with_its_help():
    rows = markdown_table().splitlines()[2:]
    assert len(rows) == len(Settings.model_fields)
    for field, info in Settings.model_fields.items():
        assert info.description and "\n" not in info.description, f"{field} needs one line of help"
    names = [env_name(f) for f in Settings.model_fields]
    assert len(set(names)) == len(names)
    assert "OPENAI_BASE_URL" in names and "OPENAI_API_KEY" in names and "CONVOSCOPE_STORE" in names


def test_no_module_but_settings_reads_our_variables():
    offenders = []
    for path in _sources():
        if path == ROOT / "convoscope" / "settings.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if READ.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, ("read these through `settings.current().<field>` (declare the variable in "
                           "convoscope/settings.py):\n" + "\n".join(offenders))


def test_the_read_check_sees_a_read_and_not_a_write():
    for read in ('os.environ.get("CONVOSCOPE_STORE")', "os.getenv('OPENAI_API_KEY', '')",
                 'os.environ["CONVOSCOPE_STORE"]', 'if "CONVOSCOPE_STORE" in os.environ:',
                 'os.environ["CONVOSCOPE_STORE"] == "1"'):
        assert READ.search(read), read
    for other in ('os.environ["CONVOSCOPE_STORE"] = "1"', 'os.environ.setdefault("HF_HUB_OFFLINE", "1")',
                  'dict(os.environ, CONVOSCOPE_STORE="s")', 'os.environ.get(key)'):
        assert not READ.search(other), other


def test_every_variable_the_code_names_is_declared():
    declared = {env_name(f) for f in Settings.model_fields}
    named: dict[str, str] = {}
    for path in [*_sources(), *sorted((ROOT / "tests").glob("*.py")), ROOT / "app.py"]:
        for name in re.findall(r"\bCONVOSCOPE_[A-Z][A-Z0-9_]*", path.read_text(encoding="utf-8")):
            named.setdefault(name, str(path.relative_to(ROOT)))
    missing = {name: where for name, where in named.items() if name not in declared}
    assert not missing, f"declare these in convoscope/settings.py: {missing}"


def test_a_variable_set_at_run_time_is_seen(monkeypatch):
    monkeypatch.delenv("CONVOSCOPE_CHROMA_TIMEOUT", raising=False)
    assert current().chroma_timeout == 10.0
    monkeypatch.setenv("CONVOSCOPE_CHROMA_TIMEOUT", "2.5")
    assert current().chroma_timeout == 2.5
    assert current() is current()  # kept while nothing changes
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8080/v1")
    assert current().openai_base_url == "http://127.0.0.1:8080/v1"
    monkeypatch.setenv("CONVOSCOPE_STORE", "")  # empty is unset
    assert settings.store_path() == Path("convoscope-store").resolve()
    monkeypatch.setenv("CONVOSCOPE_STORE", str(Path("elsewhere")))
    assert settings.store_path() == Path("elsewhere").resolve()


def test_values_parse_as_their_modules_parsed_them(monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_COMPANY_DOMAINS", "@Example.com, help.example.org,,")
    monkeypatch.setenv("CONVOSCOPE_LLM_GRAMMAR", "yes")
    monkeypatch.setenv("CONVOSCOPE_OPENAI_GRAMMAR", "true")  # only "1" turns this one on
    monkeypatch.setenv("CONVOSCOPE_LLM_RETRIES", "2.7")
    monkeypatch.setenv("CONVOSCOPE_LLM_TIMEOUT", "soon")  # the openai backend's default, as before
    config = current()
    assert config.company_domains == {"example.com", "help.example.org"}
    assert config.llm_grammar is True and config.openai_grammar is False
    assert config.llm_retries == 2 and config.llm_timeout == 60.0
    for value, allowed in (("0", False), ("no", False), ("false", False), ("1", True), ("", True)):
        monkeypatch.setenv("CONVOSCOPE_ALLOW_MODELS", value)
        assert settings.models_allowed() is allowed, value


def test_a_bad_value_is_one_line_of_ours_naming_the_variable(monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_LLM_THREADS", "many")
    monkeypatch.setenv("CONVOSCOPE_LLM_PROMPT_TOKENS", "400")
    config = current()  # a bad value stops only what reads it
    assert config.llm_prompt_tokens == 400 and config.store
    with pytest.raises(ConvoscopeError) as raised:
        _ = config.llm_threads
    message = str(raised.value)
    assert "\n" not in message and "pydantic" not in message.lower() and "validation error" not in message
    assert message.startswith("CONVOSCOPE_LLM_THREADS='many' is not a whole number")
    assert raised.value.fix and "set CONVOSCOPE_LLM_THREADS to" in raised.value.fix
    assert isinstance(raised.value, settings.SettingError) and raised.value.variable == "CONVOSCOPE_LLM_THREADS"
    monkeypatch.setenv("CONVOSCOPE_CHROMA_TIMEOUT", "soon")
    with pytest.raises(ConvoscopeError, match=r"^CONVOSCOPE_CHROMA_TIMEOUT='soon' is not a number — set "):
        _ = current().chroma_timeout


def test_a_bad_value_reaches_the_user_as_the_module_said_it(monkeypatch):
    from convoscope.errors import StoreError
    from vectorstore.chroma_server import ChromaServer

    monkeypatch.setenv("CONVOSCOPE_CHROMA_TIMEOUT", "soon")
    with pytest.raises(StoreError, match="CONVOSCOPE_CHROMA_TIMEOUT is not a number of seconds — set it to e.g. 10"):
        ChromaServer.from_env("http://h:1")


def test_secrets_stay_out_of_the_repr(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret")
    monkeypatch.setenv("CONVOSCOPE_APP_PASSWORD", "hunter2")
    monkeypatch.setenv("CONVOSCOPE_CHROMA_TOKEN", "tok3n")
    shown = repr(current())
    assert "sk-secret" not in shown and "hunter2" not in shown and "tok3n" not in shown
    assert current().openai_api_key == "sk-secret"


def test_the_defaults_agree_with_the_modules_that_name_them():
    from embedding.embedders import DEFAULT_BACKEND
    from vectorstore.chroma import COLLECTION

    fields = Settings.model_fields
    assert fields["embedder_backend"].default == DEFAULT_BACKEND
    assert fields["chroma_collection"].default == COLLECTION
    assert fields["store"].default == settings.DEFAULT_STORE
