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
    prompt = next(e for e in at.expander if e.label.startswith("The exact prompt (answer.v4)"))
    assert "why did cancellations rise last month?" in prompt.code[0].value
    # a follow-up keeps the chat's context
    at.sidebar.radio[0].set_value("extractive").run()
    at.chat_input[0].set_value("what about September?").run()
    assert not at.exception
    assert any("September" in c.value for c in at.caption)


@pytest.mark.e2e
def test_filter_chips_can_be_edited_and_the_question_asked_again(real_store, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_STORE", str(real_store.path))
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.chat_input[0].set_value("why did cancellations rise last month?").run()
    assert not at.exception
    chips = [c.value for c in at.caption if c.value.startswith(":material/filter_alt:")]
    assert chips and "window: October 2026" in chips[-1] and "channel" not in chips[-1]
    assert any("Drivers week by week" in m.value for m in at.markdown)  # the driver chart's title
    at.multiselect(key="edit-0-channel").set_value(["chat"])
    at.button(key="reask-0").click().run()
    assert not at.exception
    chips = [c.value for c in at.caption if c.value.startswith(":material/filter_alt:")]
    assert "channel: chat" in chips[-1] and "window: October 2026" in chips[-1]
    assert len(at.session_state["messages"]) == 2


@pytest.mark.e2e
def test_a_suggested_follow_up_is_one_click(real_store, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_STORE", str(real_store.path))
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.chat_input[0].set_value("why did cancellations rise last month?").run()
    compare = next(b for b in at.button if b.label.startswith("How do AI agents compare with human agents on"))
    compare.click().run()
    assert not at.exception
    last = at.session_state["messages"][-1]
    assert last["question"].startswith("How do AI agents compare") and '"kind":"compare"' in last["answer"]


@pytest.mark.e2e
def test_an_alert_opens_the_chat_with_its_question(real_store, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_STORE", str(real_store.path))
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.switch_page("ui/overview.py").run()
    assert not at.exception
    assert any(s.value == "Topics over time" for s in at.subheader)  # the store's own topics, charted
    alerts = [m.value for m in at.markdown if m.value.startswith((":material/trending_up:", ":material/bolt:"))]
    index = next(i for i, a in enumerate(alerts) if "Aug 2026" in a)  # the planted August spike
    at.button(key=f"alert-{index}").click().run()
    assert not at.exception
    question = at.session_state["messages"][-1]["question"]
    assert question.startswith("Why did ") and "August 2026" in question


@pytest.mark.e2e
def test_agents_and_conversations_pages_render(real_store, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_STORE", str(real_store.path))
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.switch_page("ui/agents.py").run()
    assert not at.exception
    # the sample's planted gap (AI agents resolve refunds far less often), on a learned topic or on
    # the glossary's "refund", which means the same conversations whatever the topic fit
    assert any("resolution rate on " in m.value and "AI agents do worse" in m.value for m in at.markdown)
    assert any("resolution from" in m.value and "outcome" in m.value for m in at.markdown)  # the field is named
    assert len(at.dataframe) >= 2
    at.switch_page("ui/conversations.py").run()
    assert not at.exception
    at.text_input(key="conv-query").set_value("the app keeps buffering").run()
    assert not at.exception
    assert "most relevant first" in " ".join(c.value for c in at.caption)
    assert len(at.expander) == 20


def test_empty_store_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVOSCOPE_STORE", str(tmp_path / "empty"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "convoscope demo" in at.info[0].value
