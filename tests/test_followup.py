from datetime import datetime, timezone

from assistant.understanding.followup import refine
from assistant.understanding.understand import understand
from convoscope.models import Answer, Driver

LATEST = datetime(2026, 10, 31, tzinfo=timezone.utc)
VALUES = {"channel": {"chat": 5, "voice": 5}, "agent_type": {"ai": 1, "human": 1}}


def previous(question="why did cancellations rise last month?"):
    u = understand(question, LATEST, VALUES)
    return Answer(question=question, kind=u.kind, filters=u.filters, topic=u.topic, answer="…", drivers=[
        Driver(label="annual / renewal", keywords=["annual renewal", "charged", "year"]),
        Driver(label="buffering / app", keywords=["buffering", "tv app", "update"]),
    ])


def follow(question, prev):
    return refine(understand(question, LATEST, VALUES), prev)


def test_only_on_chat_keeps_the_question_and_adds_the_filter():
    u = follow("only on chat", previous())
    assert u.kind == "why" and u.topic == "cancellations" and u.filters.channel == ["chat"]
    assert u.filters.window.label == "October 2026" and u.filters.baseline.label == "September 2026"


def test_what_about_september_moves_both_windows():
    u = follow("what about September?", previous())
    assert u.topic == "cancellations"
    assert u.filters.window.label == "September 2026" and u.filters.baseline.label == "August 2026"


def test_tell_me_more_about_the_second_one_drills_into_that_driver():
    u = follow("tell me more about the second one", previous())
    assert u.kind == "search" and "buffering" in u.topic
    assert u.filters.window.label == "October 2026" and u.filters.baseline is None


def test_a_new_question_stands_alone():
    u = follow("how many refund requests did AI agents handle in August?", previous())
    assert u.kind == "count" and "refund" in u.topic and u.filters.agent_type == ["ai"]


def test_and_by_channel_asks_the_previous_question_per_segment():
    prev = previous("how many refund requests in October on chat?")
    u = follow("and by channel?", prev)
    assert (u.kind, u.segment_field, u.topic) == ("compare", "channel", "refund")
    assert u.filters.channel == [] and u.filters.window.label == "October 2026"


def test_as_well_as_in_a_new_question_is_not_a_follow_up():
    u = follow("Are the AI agents handling refund requests as well as our human agents?", previous())
    assert (u.kind, u.segment_field, u.topic) == ("compare", "agent_type", "refund")
