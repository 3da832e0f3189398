"""The unseen evaluation corpora (``eval/corpora/``) plant what they say they plant, and the
real threads' golds follow their stated rules. Fast: no model, no store."""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest

from convoscope.models import Conversation
from eval.corpora import insurer, tweets, utility
from eval.corpora.engine import typo
from eval.corpora.golds import Golds

MODULES = {"insurer": insurer, "utility": utility}
ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[a-z][a-z'-]+")
STOP = set("the a an and or but to of in on at for with from by it its it's i i'm i've i'd me my we we've our you "
           "you've your you're they them their there that this is was were be been have has had do did does not no so "
           "just still any some all can how what when why who which about after since again up out off as if then "
           "than one now get got".split())


@pytest.fixture(scope="module", params=sorted(MODULES))
def corpus(request):
    return MODULES[request.param].make()


def _content(template: str) -> set[str]:
    return {w for w in WORD.findall(re.sub(r"<[a-z_]+>", " ", template.lower())) if w not in STOP}


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another():
    for module in MODULES.values():
        a, b, c = module.make(seed=5), module.make(seed=5), module.make(seed=6)
        assert a.model_dump_json() == b.model_dump_json()
        assert [x.turns for x in a.conversations] != [x.turns for x in c.conversations]


def test_shape_months_channels_agents_and_segments(corpus):
    assert 1200 <= len(corpus.conversations) <= 1500
    assert {t.month for t in corpus.truth.values()} == set(corpus.business.months)
    assert {c.channel for c in corpus.conversations} == {"voice", "chat", "email", "social"}
    assert {c.agent.type for c in corpus.conversations} == {"human", "ai"}
    for c in corpus.conversations:
        assert 4 <= len(c.turns) <= 10
        assert [t.speaker for t in c.turns] == (["agent", "customer"] * (len(c.turns) // 2)
                                                + ["agent"] * (len(c.turns) % 2))
        assert c.metadata["region"] in corpus.business.regions and c.metadata["product"] in corpus.business.products
        assert c.metadata["outcome"] in ("resolved", "escalated", "unresolved")
        assert c.metadata.get("csat", 3) in range(1, 6)
        truth = corpus.truth[c.id]
        assert (truth.region, truth.channel, truth.agent_type, truth.month) == (
            c.metadata["region"], c.channel, c.agent.type, c.started_at.strftime("%Y-%m"))


def test_the_manager_words_never_appear_in_a_customer_turn(corpus):
    pattern = re.compile("|".join(corpus.business.manager_words), re.I)
    said = [t.text for c in corpus.conversations for t in c.turns if t.speaker == "customer" and pattern.search(t.text)]
    assert not said


def test_each_planted_reason_is_said_in_at_least_15_genuinely_different_ways(corpus):
    drivers = [r for r in corpus.business.reasons if r.kind == "driver"]
    assert 2 <= len(drivers) <= 3
    for reason in drivers:
        used = {t.phrasing for t in corpus.truth.values() if t.reason == reason.id}
        assert len(used) >= 15, (reason.id, len(used))
        for a, b in itertools.combinations(reason.say, 2):  # not one template with swapped synonyms
            x, y = _content(a), _content(b)
            assert len(x & y) / len(x | y) <= 0.5, (a, b)


def test_the_topic_rises_every_month_driven_by_reasons_that_grow_most_in_the_last(corpus):
    monthly = lambda **kw: [len(Golds(corpus).ids(month=m, **kw)) for m in corpus.business.months]  # noqa: E731
    topic = next(r.topic for r in corpus.business.reasons if r.kind == "driver")
    totals = monthly(topic=topic)
    assert all(a < b for a, b in zip(totals, totals[1:])) and totals[-1] >= 2.5 * totals[0], totals
    for reason in corpus.business.reasons:
        counts = monthly(reasons=(reason.id,))
        if reason.kind == "driver":
            assert all(a < b for a, b in zip(counts, counts[1:])) and counts[-1] >= 2 * counts[-2], (reason.id, counts)
        if reason.kind == "decoy":
            mean = statistics.mean(counts)
            assert mean >= 10 and all(abs(c - mean) <= 0.15 * mean for c in counts), (reason.id, counts)


def test_a_spike_and_an_ai_gap_are_planted(corpus):
    g = Golds(corpus)
    spike = next(r for r in corpus.business.reasons if r.kind == "spike")
    counts = [len(g.ids(topic=spike.topic, month=m)) for m in corpus.business.months]
    peak = counts.index(max(counts))
    assert counts[peak - 1] <= 5 and counts[peak] >= 40, counts
    refund = next(r for r in corpus.business.reasons if r.resolved)
    for agent_type, low, high in (("ai", 0.1, 0.4), ("human", 0.7, 0.95)):
        ids = g.ids(reasons=(refund.id,), agent_type=agent_type)
        resolved = sum(corpus.truth[c].outcome == "resolved" for c in ids) / len(ids)
        assert low <= resolved <= high, (agent_type, resolved)


def test_shares_no_phrasing_with_the_sample_or_the_test_corpora(corpus):
    """No run of five words of any template (reasons and the small talk) is in their code."""
    others = [p.read_text(encoding="utf-8").lower() for p in [*(ROOT / "convoscope" / "sample").glob("*.py"),
                                                              *(ROOT / "tests" / "corpora").glob("*.py")]]
    v = corpus.business.voice
    templates = [t for r in corpus.business.reasons for t in r.say + r.detail] + [
        t for group in (v.hello, v.ask_identity, v.give_identity, v.ask_reason, v.probe, v.filler, v.ai_greet,
                        *v.greet.values(), *v.close.values(), *v.thanks.values()) for t in group]
    for template in templates:
        if True:
            words = WORD.findall(re.sub(r"<[a-z_]+>", " ", template.lower()))
            shingles = {" ".join(words[i:i + 5]) for i in range(len(words) - 4)}
            assert not [s for s in shingles if any(s in text for text in others)], template


def test_named_things_appear_verbatim_and_the_rare_one_is_rare():
    for module, rare, common in ((insurer, r"Quillon Glazing", r"Mendwell Builders"), (utility, r"F-31", r"Voltera")):
        g = Golds(module.make())
        assert 3 <= len(g.ids(said=re.escape(rare))) <= 12
        assert len(g.ids(said=common)) >= 8
        towns = {t for t in g.business.regions if g.ids(said=re.escape(t))}
        assert towns == set(g.business.regions)


def test_the_benchmark_sets_golds_are_computed_and_cover_every_kind(corpus):
    bench = MODULES[corpus.business.name].benchmark(corpus)
    assert 12 <= len(bench.questions) <= 16
    assert {q.kind for q in bench.questions if q.answerable} == {"why", "count", "search", "summary", "compare"}
    assert 1 <= sum(not q.answerable for q in bench.questions) <= 2
    for q in bench.questions:
        if q.answerable:
            assert q.counts or q.supporting, q.id
        if q.kind == "why":
            assert q.drivers and all(d.conversation_ids for d in q.drivers)
            assert q.counts["current"] > q.counts["baseline"]
    why = bench.questions[0]
    assert len(why.drivers) >= 2 and len(why.decoys) == 2


def test_a_typo_changes_one_lowercase_word_and_leaves_names_alone():
    import random

    rng = random.Random(1)
    text = "Mendwell Builders never showed up yesterday"
    changed = {typo(rng, text) for _ in range(30)}
    assert text not in changed or len(changed) > 1
    assert all(c.startswith("Mendwell Builders") and abs(len(c) - len(text)) <= 1 for c in changed)


def _thread(cid: str, company: str, *said: str) -> Conversation:
    turns = [{"speaker": s, "text": t} for pair in ((("customer", x), ("agent", "ok")) for x in said) for s, t in pair]
    return Conversation.model_validate({"id": cid, "channel": "social", "started_at": "2017-10-01T00:00:00Z",
                                        "agent": {"id": company}, "metadata": {"company": company}, "turns": turns})


def test_tweet_rules_match_customer_turns_only_and_count_per_company():
    threads = [_thread("t1", "A", "my WiFi keeps dropping"), _thread("t2", "A", "wi-fi is down, I want a refund"),
               _thread("t3", "B", "refunded yet?"), _thread("t4", "B", "hello")]
    threads[3].turns[1].text = "have you tried the wifi and a refund?"  # an agent's words never count
    rules = tweets.Rules(threads)
    assert rules.about("wifi") == ["t1", "t2"] and rules.about("refund") == ["t2", "t3"]
    assert rules.about("refund", "B") == ["t3"]
    assert rules.count("q", "?", "wifi").counts == {"current": 2}
    assert rules.most("q", "?", "refund").counts == {"A": 1, "B": 1}
    assert rules.pair("q", "?", "wifi", "A", "B").counts == {"A": 2, "B": 0}
    with pytest.raises(ValueError):
        rules.unanswerable("q", "?", "wifi")


def test_the_real_threads_are_found_by_the_environment_variable(tmp_path, monkeypatch):
    (tmp_path / tweets.FILE).write_text(_thread("t1", "A", "hi").model_dump_json() + "\n", encoding="utf-8")
    monkeypatch.setenv("CONVOSCOPE_REAL_DATA", str(tmp_path))
    assert tweets.locate() == tmp_path / tweets.FILE and [c.id for c in tweets.load()] == ["t1"]


@pytest.mark.skipif(tweets.locate() is None, reason="the real threads (../shared/data/real/tweets.jsonl or "
                    "$CONVOSCOPE_REAL_DATA) are not in this checkout")
def test_the_real_threads_benchmark_follows_its_rules():
    conversations = tweets.load()
    bench = tweets.benchmark(conversations)
    assert len(conversations) == 857 and 12 <= len(bench.questions) <= 16
    rules = tweets.Rules(conversations)
    wifi = next(q for q in bench.questions if q.id == "count-wifi")
    assert wifi.counts["current"] == len(rules.about("wifi")) > 10
    most = next(q for q in bench.questions if q.id == "most-delivery")
    assert next(iter(most.counts)) == "AmazonHelp"
    assert sum(not q.answerable for q in bench.questions) == 2
    assert Counter(q.kind for q in bench.questions if q.answerable).keys() == {"count", "compare", "search", "summary"}
