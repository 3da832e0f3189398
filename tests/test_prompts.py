import pytest

import prompts


def test_every_prompt_loads_and_names_its_version():
    for name, versions in prompts.available().items():
        prompt = prompts.load(name)
        assert prompt.version == versions[-1] and prompt.id == f"{name}.v{versions[-1]}"


def test_render_fills_every_placeholder_and_refuses_a_missing_one():
    prompt = prompts.load("answer")
    text = prompt.render(question="Why?", analysis="58 → 131", excerpts="[1] “I want to cancel”")
    assert "Why?" in text and "58 → 131" in text and "$" not in text
    with pytest.raises(KeyError):
        prompt.render(question="Why?")


def test_unknown_prompt_lists_what_exists():
    with pytest.raises(KeyError, match="answer"):
        prompts.load("nope")
