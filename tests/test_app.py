"""The Streamlit page, driven through Streamlit's AppTest against a real store."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.mark.e2e
def test_ask_shows_an_answer_with_openable_citations(real_store, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_STORE", str(real_store.path))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    at.chat_input[0].set_value("show me customers who want to cancel").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "[1]" in text
    assert len(at.expander) >= 3 and at.expander[0].label.startswith("[1] ")
    at.toggle[0].set_value(True).run()
    assert not at.exception
    assert any("**Customer:**" in m.value for m in at.markdown)


@pytest.mark.e2e
def test_a_model_written_answer_streams_names_its_backend_and_shows_its_prompt(real_store, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_STORE", str(real_store.path))
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.sidebar.radio[0].set_value("local").run()
    at.chat_input[0].set_value("why did cancellations rise last month?").run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "local:SmolLM2" in captions and "first after" in captions  # who wrote it, or whose text failed
    prompt = next(e for e in at.expander if e.label.startswith("The exact prompt (answer.v2)"))
    assert "why did cancellations rise last month?" in prompt.code[0].value
    # a follow-up keeps the chat's context
    at.sidebar.radio[0].set_value("extractive").run()
    at.chat_input[0].set_value("what about September?").run()
    assert not at.exception
    assert any("September" in c.value for c in at.caption)


def test_empty_store_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_STORE", str(tmp_path / "empty"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "convoscope demo" in at.info[0].value
