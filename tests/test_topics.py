"""The store's own topics: learned at ingest, kept versioned, new statements assigned as
they are written, re-fitted when the store grows, drifts or takes merged shards."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from convoscope.models import Conversation
from ingest import ingest_conversations
from ingest.topics import MIN_STATEMENTS, fit, needs_fit, topic_count
from vectorstore.topics import StatementStats

STORIES = {
    "parcel": ["my parcel never arrived at the door", "the courier left my parcel at the wrong house",
               "tracking says the parcel was delivered but it never arrived"],
    "bill": ["my bill doubled this month without warning", "i was charged twice on my bill",
             "the bill shows a charge i do not recognise"],
    "password": ["the password reset email never comes", "i cannot reset my password at all",
                 "the password reset link has expired again"],
}


def _conversations(n: int, start: int = 0, stories=STORIES) -> list[Conversation]:
    names = sorted(stories)
    day = datetime(2026, 3, 1, tzinfo=timezone.utc)
    out = []
    for i in range(start, start + n):
        story = names[i % len(names)]
        said = stories[story][i % 3]
        out.append(Conversation.model_validate({
            "id": f"t-{i:04d}", "channel": "chat", "started_at": (day + timedelta(hours=i)).isoformat(),
            "agent": {"id": "a1", "type": "human"},
            "turns": [{"speaker": "agent", "text": "how can i help"}, {"speaker": "customer", "text": said},
                      {"speaker": "customer", "text": f"order number {i} and it is the {story} again"}],
        }))
    return out


def test_a_store_learns_its_topics_once_it_has_enough_statements(fake):
    ingest_conversations(fake, _conversations(10))
    assert fake.conversations.topic_model() is None  # 20 statements: too few to learn from
    report = ingest_conversations(fake, _conversations(30, start=10))
    model = fake.conversations.topic_model()
    assert model is not None and model.version == 1 and "learned topic model v1" in report.summary()
    assert model.statements == 80 and len(model.topics) == topic_count(80)
    _, _, _, _, _, topics = fake.conversations.statement_rows()
    assert (topics >= 0).all()  # every statement has a topic
    words = {w for t in model.topics for k in t.keywords for w in k.split()}
    assert {"parcel", "bill", "password"} <= words
    for topic in model.topics:  # labels are customers' words, quotes verbatim statements
        assert topic.label and all(q.text in {s for ss in STORIES.values() for s in ss} or "order number" in q.text
                                   for q in topic.quotes)


def test_new_statements_are_assigned_as_written_and_a_grown_store_is_refitted(fake):
    ingest_conversations(fake, _conversations(40))
    first = fake.conversations.topic_model()
    ingest_conversations(fake, _conversations(6, start=40))  # small growth: assigned, not re-fitted
    assert fake.conversations.topic_model().version == first.version
    _, _, _, _, _, topics = fake.conversations.statement_rows()
    assert (topics >= 0).all()
    ingest_conversations(fake, _conversations(40, start=46))  # more than 1.5x: re-fitted
    second = fake.conversations.topic_model()
    assert second.version == first.version + 1 and second.statements == 172
    assert fake.conversations.topic_model(first.version).version == first.version  # older versions stay readable


def test_refit_policy_reads_counts_and_the_newest_statements_only():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(400, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"c{i // 2}" for i in range(400)]
    model, _ = fit(ids, [f"statement {i}" for i in range(400)], vectors)
    assert needs_fit(None, StatementStats(statements=MIN_STATEMENTS - 1, unassigned=0, recent=vectors[:0])) is None
    assert needs_fit(None, StatementStats(statements=MIN_STATEMENTS, unassigned=0, recent=vectors[:0])) == "first fit"
    same = StatementStats(statements=450, unassigned=0, recent=vectors[-300:])
    assert needs_fit(model, same) is None
    assert "grew" in needs_fit(model, StatementStats(statements=600, unassigned=0, recent=vectors[-300:]))
    assert "merged" in needs_fit(model, StatementStats(statements=410, unassigned=5, recent=vectors[-300:]))
    drifted = rng.normal(size=(300, 8)).astype(np.float32) + 4 * np.eye(8, dtype=np.float32)[0]
    drifted /= np.linalg.norm(drifted, axis=1, keepdims=True)
    assert "drift" in needs_fit(model, StatementStats(statements=550, unassigned=0, recent=drifted))


def test_the_cli_lists_and_refits_the_topics(fake, capsys, monkeypatch):
    from typer.testing import CliRunner

    from ui.cli import app

    ingest_conversations(fake, _conversations(45))
    fake.close()
    monkeypatch.setattr("ui.cli._store", lambda store, chroma_url=None: fake)
    result = CliRunner().invoke(app, ["topics", "--refit"])
    assert result.exit_code == 0, result.output
    assert "topic model v2" in result.output and "parcel" in result.output


@pytest.mark.parametrize("n", [40, 1_000, 100_000, 10_000_000])
def test_topic_count_grows_slower_than_the_store(n):
    k = topic_count(n)
    assert 8 <= k <= 400 and (n < 1_000 or k < n / 50)


def _topics(k: int, conversations: int = 50):
    from vectorstore.topics import Topic
    return [Topic(id=t, label=f"topic {t}", keywords=[], size=conversations, conversations=conversations, quotes=[],
                  small_talk=False, centroid=np.zeros(4, dtype=np.float32)) for t in range(k)]


def test_what_customers_say_whatever_the_reason_is_set_aside_where_each_conversation_gives_one():
    from ingest.topics import said_with_any_reason
    rng = np.random.default_rng(0)
    ids, labels = [], []
    for c in range(600):  # one reason of six per conversation; asides 6 and 7 in any of them
        ids.append(f"c{c}")
        labels.append(c % 6)
        for aside in (6, 7):
            if rng.random() < 0.4:
                ids.append(f"c{c}")
                labels.append(aside)
    flags = said_with_any_reason(ids, np.array(labels), _topics(8))
    assert flags == [False] * 6 + [True, True]


def test_no_topic_is_set_aside_where_conversations_give_several_reasons():
    from ingest.topics import said_with_any_reason
    rng = np.random.default_rng(1)
    ids, labels = [], []
    for c in range(600):  # real threads: two or three things said in each
        for t in rng.choice(8, size=int(rng.integers(2, 4)), replace=False).tolist():
            ids.append(f"c{c}")
            labels.append(t)
    assert not any(said_with_any_reason(ids, np.array(labels), _topics(8)))


def test_customers_giving_their_details_are_small_talk():
    rng = np.random.default_rng(2)
    texts, ids, vectors = [], [], []
    for i in range(120):
        detail = i % 2 == 0
        texts.append(f"it's [NAME], policy [POSTCODE] {i}" if detail else f"the parcel number {i} never arrived at all")
        ids.append(f"c{i}")
        vectors.append(np.r_[1.0 if detail else 0.0, 0.0 if detail else 1.0, rng.normal(0, 0.01, 6)])
    vectors = np.asarray(vectors, dtype=np.float32)
    model, labels = fit(ids, texts, vectors / np.linalg.norm(vectors, axis=1, keepdims=True))
    seen = {(texts[i].startswith("it's"), model.by_id()[int(labels[i])].small_talk) for i in range(len(texts))}
    assert seen == {(True, True), (False, False)}  # every details topic set aside, no other


def _one_reason_in_two_statements(seed: int = 2):
    """600 conversations, one reason of six each, told in two statements that fall in two topics
    (2r and 2r + 1: the damage, then the photos of it); asides 12 and 13 said beside any reason."""
    rng = np.random.default_rng(seed)
    ids, labels = [], []
    for c in range(600):
        reason = c % 6
        said = [2 * reason, 2 * reason + 1] + [aside for aside in (12, 13) if rng.random() < 0.4]
        ids += [f"c{c}"] * len(said)
        labels += said
    return ids, np.array(labels)


def test_an_aside_said_beside_any_reason_is_set_aside_where_each_reason_is_told_over_several_topics():
    """A reason told in two statements shares every conversation with another topic, so its topics
    look as sociable as an aside's to ``said_with_any_reason`` (which sets nothing aside); which topics
    they keep company with tells them apart: a reason's own, and an aside everyone's."""
    from ingest.topics import asides, said_with_any_reason

    ids, labels = _one_reason_in_two_statements()
    assert asides(ids, labels, _topics(14)) == [False] * 12 + [True, True]
    assert not any(said_with_any_reason(ids, labels, _topics(14)))


def test_no_topic_is_an_aside_where_conversations_say_several_things_at_random():
    from ingest.topics import asides

    rng = np.random.default_rng(1)
    ids, labels = [], []
    for c in range(600):  # real threads: two or three things said in each, in no fixed company
        for t in rng.choice(8, size=int(rng.integers(2, 4)), replace=False).tolist():
            ids.append(f"c{c}")
            labels.append(t)
    assert not any(asides(ids, np.array(labels), _topics(8)))
