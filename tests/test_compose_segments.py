"""The compare answer's words, from a hand-made analysis: the winner, ties, the fewest, two
named values, and the share beside every count."""

from datetime import datetime, timezone

from assistant.analysis.analyse import Analysis
from assistant.understanding.understand import understand
from assistant.writing.compose import compose
from convoscope.models import Segment

LATEST = datetime(2026, 10, 31, tzinfo=timezone.utc)
VALUES = {"channel": {"chat": 1, "voice": 1, "email": 1}, "agent_type": {"ai": 1, "human": 1},
          "meta_company": {"AcmeAir": 1, "Brightline": 1, "Corvid": 1}}


def analysis(question: str, rows: list[tuple[str, int, int, float | None]]) -> Analysis:
    u = understand(question, LATEST, VALUES)
    segments = [Segment(label=label, conversations=n, matching=m, measures={"resolved": r}) for label, n, m, r in rows]
    return Analysis(understanding=u, population="…", current=Segment(label="all time", conversations=1000,
                    matching=sum(m for _, _, m, _ in rows)), segments=segments,
                    segment_citations={label: [i + 1] for i, (label, *_) in enumerate(rows)})


def lead(a: Analysis) -> str:
    return compose(a).split("\n\n", 1)[0]


def test_the_winner_is_named_with_its_share_and_the_runner_up():
    a = analysis("Which company has the most refunds?", [("AcmeAir", 400, 40, 0.8), ("Brightline", 100, 30, 0.7),
                                                         ("Corvid", 300, 10, 0.75)])
    assert lead(a) == ("AcmeAir had the most conversations about “refunds”: **40** (10% of its 400), ahead of "
                       "Brightline with 30 (30% of its 100) [1][2]. As a share, Brightline has the most: 30% of its "
                       "100 conversations (30) [2].")


def test_ties_are_said_as_ties():
    a = analysis("Which company has the most refunds?", [("AcmeAir", 200, 30, 0.8), ("Brightline", 200, 30, 0.8),
                                                         ("Corvid", 300, 10, 0.8)])
    assert lead(a).startswith("AcmeAir and Brightline tied for the most conversations about “refunds”: **30** each")


def test_the_fewest_when_the_fewest_is_asked():
    a = analysis("Which company has the fewest refunds?", [("AcmeAir", 400, 40, 0.8), ("Brightline", 100, 30, 0.7),
                                                           ("Corvid", 300, 10, 0.75)])
    assert lead(a).startswith("Corvid had the fewest conversations about “refunds”: **10** (3% of its 300), "
                              "then Brightline")


def test_two_named_values_say_which_has_more_and_who_resolves_more():
    a = analysis("Are the AI agents handling refund requests as well as our human agents?",
                 [("human", 700, 60, 0.88), ("ai", 200, 20, 0.35)])
    assert a.understanding.segment_values == ["ai", "human"]
    assert lead(a) == ("Human agents had more conversations about “refund” than AI agents: **60** vs **20** (9% vs 10% "
                       "of their conversations) [1][2]. Human agents resolved more of them: 88% against 35% for AI "
                       "agents [1][2].")


def test_two_named_values_with_the_same_count_are_even():
    a = analysis("Which has more refunds: AcmeAir or Brightline?",
                 [("AcmeAir", 100, 20, None), ("Brightline", 400, 20, None)])
    assert lead(a).startswith("AcmeAir and Brightline had the same number of conversations about “refunds”: "
                              "**20** each")


def test_the_table_gives_traffic_matching_and_share_per_segment():
    a = analysis("complaints by channel", [("voice", 80, 20, 0.5), ("chat", 100, 10, 0.6)])
    text = compose(a)
    assert "| segment | conversations | matching | share | resolution rate | examples |" in text
    assert "| voice | 80 | 20 | 25% | 50% | [1] |" in text


def test_a_line_of_every_segments_resolution_rate_cites_every_segment_and_passes_the_check():
    from assistant.writing.check import check, headline_numbers
    from assistant.writing.facts import facts_of

    a = analysis("Which company has the most refunds?", [("AcmeAir", 400, 40, 0.85), ("Brightline", 100, 30, 0.74),
                                                         ("Corvid", 300, 20, 0.56)])
    text = compose(a)
    line = next(p for p in text.split("\n\n") if "Resolution rate" in p)
    assert line.endswith("[1][2][3].")  # the 56 % is Corvid's: its example is cited too
    checked = check(text, facts_of(a), {1: "a", 2: "b", 3: "c"}, headline=headline_numbers(text), composed=text)
    assert all(c.supported for c in checked.claims)
