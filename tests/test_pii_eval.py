"""The PII evaluation: the labelled set (eval/pii_set/), its scorer (eval/pii.py) and
``convoscope eval --pii``."""

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eval.pii import Example, LookAlike, Mention, Span, evaluate, load_set, markdown, score, tables
from eval.pii_set import CHANNELS, ENTITIES, KINDS, generate, iban_remainder, luhn_valid


@pytest.fixture(scope="module")
def pii_set() -> list[Example]:
    return load_set()


def test_the_set_has_enough_mentions_and_look_alikes_of_every_entity_kind_and_channel(pii_set):
    mentions = [(ex, m) for ex in pii_set for m in ex.spans]
    keeps = [(ex, k) for ex in pii_set for k in ex.lookalikes]
    assert len(mentions) >= 500 and len(keeps) >= 500
    per_channel = Counter((m.entity, ex.channel) for ex, m in mentions)
    assert all(per_channel[e, c] >= 20 for e in ENTITIES for c in CHANNELS), per_channel
    kinds = Counter((k.kind, ex.channel) for ex, k in keeps)
    assert all(kinds[k, c] >= 10 for k in KINDS for c in CHANNELS), kinds
    assert {ex.speaker for ex in pii_set} == {"customer", "agent"}
    assert all(ex.speaker == "agent" for ex, k in keeps if k.kind == "agent_name")


def test_every_span_is_exact_and_voice_turns_read_like_speech_to_text(pii_set):
    for ex in pii_set:
        for s in [*ex.spans, *ex.lookalikes]:
            assert ex.text[s.start:s.end] == s.text, ex.id
        if ex.channel == "voice":
            assert not re.search(r"[0-9A-Z.,?!]", ex.text), ex.text


def test_the_typed_numbers_carry_valid_checksums_and_the_look_alike_serials_do_not(pii_set):
    typed = [(ex, s) for ex in pii_set if ex.channel != "voice" for s in ex.spans]
    cards = [re.sub(r"\D", "", s.text) for _, s in typed if s.entity == "card"]
    assert cards and all(luhn_valid(c) and len(c) in (15, 16) for c in cards)
    ibans = [s.text.replace(" ", "") for _, s in typed if s.entity == "bank" and s.text[:2].isalpha()]
    assert len(ibans) >= 10 and all(iban_remainder(i[4:] + i[:4]) == 1 for i in ibans)
    serials = [re.sub(r"\D", "", k.text) for ex in pii_set for k in ex.lookalikes
               if k.kind == "tracking_serial" and re.fullmatch(r"[\d -]+", k.text)]
    assert len(serials) >= 10 and not any(len(d) == 16 and luhn_valid(d) for d in serials)


def test_the_committed_set_is_the_generators_output(pii_set):
    assert [Example.model_validate(r) for r in generate()] == pii_set


class Fixed:
    """A detector that returns the spans it is given for each text."""

    name = "fixed"
    note = "hand-made spans"

    def __init__(self, found: dict[str, list[Span]]) -> None:
        self.found = found

    def find_turns(self, turns: list[tuple[str, str]]) -> list[list[Span]]:
        return [self.found.get(text, []) for text, _ in turns]


def _at(text: str, part: str, entity_or_kind: str, kind: bool = False):
    start = text.index(part)
    if kind:
        return LookAlike(start=start, end=start + len(part), kind=entity_or_kind, text=part)
    return Mention(start=start, end=start + len(part), entity=entity_or_kind, text=part)


def _span(text: str, part: str, entity: str) -> Span:
    start = text.index(part)
    return Span(start=start, end=start + len(part), entity=entity)


def tiny() -> tuple[list[Example], Fixed]:
    """Three mentions and two look-alikes. The detector catches the card in two pieces, catches
    the e-mail's phone number as a card, misses the spoken phone number, redacts the time and
    marks a stretch of blanks as a name."""
    chat = "My card is 4111 1111 1111 1111 for order 12345678"
    voice = "my number is five five five one two three four"
    email = "Hi,\n\nCall 020 7946 0018 at 3:45 pm please."
    examples = [
        Example(id="a", channel="chat", speaker="customer", text=chat, spans=[_at(chat, "4111 1111 1111 1111", "card")],
                lookalikes=[_at(chat, "12345678", "order_ref", kind=True)]),
        Example(id="b", channel="voice", speaker="customer", text=voice,
                spans=[_at(voice, "five five five one two three four", "phone")], lookalikes=[]),
        Example(id="c", channel="email", speaker="customer", text=email, spans=[_at(email, "020 7946 0018", "phone")],
                lookalikes=[_at(email, "3:45 pm", "time", kind=True)]),
    ]
    found = {
        chat: [_span(chat, "4111 1111 ", "card"), Span(start=chat.rindex("1111 1111"), end=chat.rindex("1111") + 4,
                                                     entity="card"),
               Span(start=chat.index(" 12345678"), end=chat.index("12345678"), entity="name")],  # the blank before it
        email: [_span(email, "020 7946 0018", "card"), _span(email, "at 3", "phone")],
    }
    return examples, Fixed(found)


def test_the_scorer_counts_mentions_caught_types_precision_and_look_alikes_kept():
    examples, detector = tiny()
    report = score(detector, examples)
    card, phone, name, total = (report.entity(e) for e in ("card", "phone", "name", "all"))
    assert (card.mentions, card.recall, card.type_right, card.predicted, card.precision) == (1, 1.0, 1.0, 3, 1.0)
    assert (phone.mentions, phone.recall, phone.type_right, phone.predicted, phone.precision) == (2, 0.5, 0.0, 1, 0.0)
    assert (name.mentions, name.predicted, name.precision) == (0, 1, 0.0)
    assert (total.mentions, total.caught, total.predicted, total.on_gold) == (3, 2, 5, 3)
    assert [total.channel_recall(c) for c in CHANNELS] == [1.0, 1.0, 0.0]
    assert (report.kind("order_ref").kept_share, report.kind("time").kept_share, report.kind("all").kept) == (1, 0, 1)
    assert [(s.id, s.label) for s in report.missed] == [("b", "phone")]
    assert [(s.id, s.label, s.text) for s in report.redacted] == [("c", "time", "3:45 pm")]


def test_the_report_tables_name_each_detector_when_there_are_several():
    examples, detector = tiny()
    one = evaluate([detector], examples, name="tiny")
    md = markdown(one)
    assert "| entity | mentions | recall | type right | precision |" in md
    assert "| phone | 2 | 50% | 0% | 0% of 1 |" in md and "| time | 1 | 0% |" in md
    assert "| all | 3 | 67% | 33% | 60% of 5 |" in md
    assert "| phone | – | 100% of 1 | 0% of 1 |" in md  # by channel: none typed in chat
    two = evaluate([detector, Fixed({})], examples, name="tiny")
    (head, rows), *_ = [(h, r) for _, h, r in tables(two)]
    assert head[2:4] == ["recall (fixed)", "recall (fixed)"] and rows[0][:4] == ["card", "1", "100%", "0%"]


def _fake_redactor(monkeypatch):
    """Convoscope's redactor replaced by one that takes every run of four or more digits as a card."""

    class Digits:
        name = "digits"
        note = "runs of digits"

        def find_turns(self, turns: list[tuple[str, str]]) -> list[list[Span]]:
            return [[Span(start=m.start(), end=m.end(), entity="card") for m in re.finditer(r"\d{4,}", text)]
                    for text, _ in turns]

    monkeypatch.setattr("eval.pii.RedactorDetector", Digits)


def test_the_cli_scores_the_set_and_prints_the_tables_or_json(monkeypatch, tmp_path, pii_set):
    from ui.cli import app

    _fake_redactor(monkeypatch)
    result = CliRunner().invoke(app, ["eval", "--pii", "--json", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    (digits,) = report["detectors"]
    assert report["examples"] == len(pii_set) and digits["detector"] == "digits"
    total = digits["entities"][-1]
    assert total["entity"] == "all" and total["mentions"] == sum(len(ex.spans) for ex in pii_set)
    assert 0 < total["recall"] < 1 and {k["kind"] for k in digits["lookalikes"]} == {*KINDS, "all"}
    assert (tmp_path / "pii-report.md").exists() and (tmp_path / "pii-report.json").exists()
    shown = CliRunner().invoke(app, ["eval", "--pii", "--out", str(tmp_path)])
    assert shown.exit_code == 0 and "Look-alikes kept" in shown.stdout and "national_id" in shown.stdout
    other = tmp_path / "blind-x.jsonl"  # another set: the report names it
    other.write_text(pii_set[0].model_dump_json() + "\n", encoding="utf-8")
    named = CliRunner().invoke(app, ["eval", "--pii", "--pii-set", str(other), "--json", "--out", str(tmp_path)])
    assert named.exit_code == 0 and json.loads(named.stdout)["set"] == "blind-x.jsonl"
    assert (tmp_path / "pii-report.md").read_text(encoding="utf-8").startswith("# PII redaction: blind-x.jsonl")


def test_a_comparison_that_is_not_installed_is_one_note_with_the_pip_command(monkeypatch, tmp_path):
    from ui.cli import app

    _fake_redactor(monkeypatch)
    monkeypatch.setitem(sys.modules, "presidio_analyzer", None)  # an import of it fails
    result = CliRunner().invoke(app, ["eval", "--pii", "--compare", "presidio", "--json", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "presidio-analyzer is not installed — pip install presidio-analyzer" in result.stderr
    assert [d["detector"] for d in json.loads(result.stdout)["detectors"]] == ["digits"]
    unknown = CliRunner().invoke(app, ["eval", "--pii", "--compare", "nope"])
    assert unknown.exit_code != 0 and "no detector 'nope'" in str(unknown.exception)


def test_presidio_runs_offline_and_its_types_become_ours():
    pytest.importorskip("presidio_analyzer")
    from eval.pii import PresidioDetector

    text = "Card 4111 1111 1111 1111, mail dana.smith@gmail.com, IBAN GB82 WEST 1234 5698 7654 32"
    found = {(text[s.start:s.end], s.entity) for s in PresidioDetector().find_turns([(text, "customer")])[0]}
    assert {("4111 1111 1111 1111", "card"), ("dana.smith@gmail.com", "email"),
            ("GB82 WEST 1234 5698 7654 32", "bank")} <= found


def test_turns_are_scored_in_their_conversation_as_ingest_reads_them():
    """An answer to the agent's question ("your date of birth?" - "12th of March 2021") is PII
    only with the question before it; the turns of one conversation (ids ``…-t<k>``) are read
    together, and other ids stay conversations of one turn."""
    from eval.pii import RedactorDetector, conversations

    asked, answer = "Can I take your date of birth please?", "sure its 12th of March 2021"
    turns = [Example(id="x-chat-00-t0", channel="chat", speaker="agent", text=asked, spans=[], lookalikes=[]),
             Example(id="x-chat-00-t1", channel="chat", speaker="customer", text=answer,
                     spans=[_at(answer, "12th of March 2021", "dob")], lookalikes=[]),
             Example(id="x-chat-01-t1", channel="chat", speaker="customer", text=answer,
                     spans=[_at(answer, "12th of March 2021", "dob")], lookalikes=[])]
    assert [[ex.id for ex in c] for c in conversations(turns)] == [["x-chat-00-t0", "x-chat-00-t1"], ["x-chat-01-t1"]]
    report = score(RedactorDetector(), turns)
    assert (report.entity("dob").mentions, report.entity("dob").caught) == (2, 1)  # the one with its question
    assert [s.id for s in report.missed] == ["x-chat-01-t1"]


TARGETS = {"card": 0.99, "phone": 0.99, "email": 0.99, "bank": 0.99, "national_id": 0.99, "dob": 0.95,
           "address": 0.95, "name": 0.90}  # issue 19's recall targets; look-alikes kept >= 97 %


def test_convoscopes_redactor_meets_the_targets_on_the_whole_set(pii_set):
    from eval.pii import RedactorDetector

    report = score(RedactorDetector(), pii_set)
    assert report.entity("all").mentions == sum(len(ex.spans) for ex in pii_set)
    for entity, target in TARGETS.items():
        assert report.entity(entity).recall >= target, entity
    assert report.kind("all").lookalikes >= 500 and report.kind("all").kept_share >= 0.97

@pytest.mark.parametrize("path", sorted((Path(__file__).parents[1] / "eval" / "data" / "pii").glob("*.jsonl")),
                         ids=lambda p: p.name)
def test_every_labelled_set_has_exact_spans_and_every_entity(path):
    from eval.pii import load_set

    examples = load_set(path)
    spans = [s for ex in examples for s in ex.spans]
    assert all(ex.text[s.start:s.end] == s.text for ex in examples for s in ex.spans)
    assert all(ex.text[k.start:k.end] == k.text for ex in examples for k in ex.lookalikes)
    assert {s.entity for s in spans} == set(ENTITIES) and len(spans) >= 500


def test_a_title_before_a_gold_name_need_not_be_redacted():
    text = "thanks for your patience Mr Okafor and Dr. Ada Obi"
    example = Example(id="t", channel="chat", speaker="agent", text=text, lookalikes=[],
                      spans=[_at(text, "Mr Okafor", "name"), _at(text, "Dr. Ada Obi", "name")])
    titles_kept = Fixed({text: [_span(text, "Okafor", "name"), _span(text, "Ada Obi", "name")]})
    assert score(titles_kept, [example]).entity("name").recall == 1.0
    surname_left = Fixed({text: [_span(text, "Mr", "name"), _span(text, "Ada Obi", "name")]})
    assert score(surname_left, [example]).entity("name").recall == 0.5


def test_a_set_written_elsewhere_may_name_look_alike_kinds_of_its_own():
    text = "cabin 8214 is booked, my name is Ada Obi"
    example = Example(id="t", channel="chat", speaker="customer", text=text, spans=[_at(text, "Ada Obi", "name")],
                      lookalikes=[LookAlike(start=6, end=10, kind="room_or_cabin", text="8214")])
    report = score(Fixed({text: [_span(text, "Ada Obi", "name")]}), [example])
    assert (report.kind("room_or_cabin").lookalikes, report.kind("room_or_cabin").kept) == (1, 1)
    assert report.kind("all").kept_share == 1.0
