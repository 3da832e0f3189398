"""The sample corpus: deterministic, valid, realistic, and carrying the planted trends."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from convoscope.models import Conversation
from eval.sample import generate, write_jsonl
from eval.sample.generator import TRUTH_PATH
from eval.sample.reasons_service import ALL_REASONS
from eval.sample.truth import RESOLVED_OUTCOMES

NEW_REASONS = ("annual_renewal_charge", "tv_app_buffering", "competitor_student_offer")
DECOYS = ("not_using_enough", "moving_abroad")


@pytest.fixture(scope="module")
def corpus():
    return generate()


def month(conversation: Conversation) -> str:
    return f"{conversation.started_at:%Y-%m}"


def counts(corpus, **match) -> Counter:
    """Conversations per month whose label matches every ``field=value`` given."""
    labels = corpus.truth.labels
    return Counter(
        month(c) for c in corpus.conversations
        if all(getattr(labels[c.id], k) == v for k, v in match.items())
    )


def customer_text(conversation: Conversation) -> str:
    return "\n".join(t.text for t in conversation.turns if t.speaker == "customer")


def resolution_rates(corpus) -> dict[tuple[str, str], float]:
    groups: dict[tuple[str, str], list[bool]] = {}
    for c in corpus.conversations:
        key = (c.agent.type, c.metadata["disposition"])
        groups.setdefault(key, []).append(c.metadata["outcome"] in RESOLVED_OUTCOMES)
    return {key: sum(v) / len(v) for key, v in groups.items()}


# --- determinism ------------------------------------------------------------------------

def _dump(sample) -> str:
    return json.dumps([c.model_dump(mode="json") for c in sample.conversations]) + sample.truth.model_dump_json()


def test_same_seed_same_corpus_and_different_seed_different():
    assert _dump(generate(n=300, seed=3)) == _dump(generate(n=300, seed=3))
    assert _dump(generate(n=300, seed=3)) != _dump(generate(n=300, seed=4))


def test_deterministic_across_processes_and_hash_seeds():
    code = ("import hashlib, json; from eval.sample import generate; s = generate(n=150, seed=11); "
            "print(hashlib.sha256((json.dumps([c.model_dump(mode='json') for c in s.conversations])"
            " + s.truth.model_dump_json()).encode()).hexdigest())")
    root = Path(__file__).resolve().parents[1]
    digests = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root,
                       env=dict(os.environ, PYTHONHASHSEED=hash_seed)).stdout.strip()
        for hash_seed in ("1", "2")
    }
    sample = generate(n=150, seed=11)
    local = hashlib.sha256(_dump(sample).encode()).hexdigest()
    assert digests == {local}


def test_generate_2000_is_fast():
    started = time.perf_counter()
    generate()
    assert time.perf_counter() - started < 3.0


# --- shape and validity -----------------------------------------------------------------

def test_every_record_is_a_valid_conversation(corpus, tmp_path):
    assert len(corpus.conversations) == 2000 == corpus.truth.n
    path = tmp_path / "c.jsonl"
    write_jsonl(corpus.conversations, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2000
    for line, original in zip(lines, corpus.conversations):
        assert "null" not in line  # exclude_none
        assert Conversation.model_validate_json(line) == original


def test_ids_are_chronological_and_labels_cover_every_conversation(corpus):
    ids = [c.id for c in corpus.conversations]
    assert ids == [f"c-{i:06d}" for i in range(1, 2001)]
    times = [c.started_at for c in corpus.conversations]
    assert times == sorted(times)
    assert all(t.tzinfo is not None for t in times)
    assert str(times[0].date()) >= "2026-05-01" and str(times[-1].date()) <= "2026-10-31"
    assert set(corpus.truth.labels) == set(ids)


def test_metadata_is_scalar_and_does_not_leak_the_reason(corpus):
    reasons = {r.id for r in ALL_REASONS}
    with_csat = 0
    for c in corpus.conversations:
        md = c.metadata
        assert {"product", "queue", "disposition", "outcome", "handle_time_s"} <= set(md) <= {
            "product", "queue", "disposition", "outcome", "handle_time_s", "csat"}
        assert md["product"] in ("Basic", "Standard", "Premium", "Family")
        assert md["queue"] in ("billing", "tech_support", "retention", "general")
        assert md["disposition"] in ("billing", "cancellation", "technical", "account", "refund", "general")
        assert md["outcome"] == corpus.truth.labels[c.id].outcome
        assert not reasons & {str(v) for v in md.values()}
        if "csat" in md:
            with_csat += 1
            assert md["csat"] in (1, 2, 3, 4, 5)
        assert isinstance(md["handle_time_s"], int) and md["handle_time_s"] > 0
        assert c.customer_id.startswith("cust-")
    assert 0.62 < with_csat / 2000 < 0.78


def test_channel_and_agent_mix_is_plausible(corpus):
    channels = Counter(c.channel for c in corpus.conversations)
    assert abs(channels["voice"] / 2000 - 0.40) < 0.05 and abs(channels["chat"] / 2000 - 0.35) < 0.05
    assert abs(channels["email"] / 2000 - 0.15) < 0.04 and abs(channels["social"] / 2000 - 0.10) < 0.04
    ai = {ch: sum(c.agent.type == "ai" for c in corpus.conversations if c.channel == ch) / channels[ch]
          for ch in channels}
    assert abs(ai["chat"] - 0.35) < 0.06 and abs(ai["voice"] - 0.25) < 0.06
    humans = {c.agent.id for c in corpus.conversations if c.agent.type == "human"}
    assert len(humans) == 25 and all(h.startswith("a-") for h in humans)
    assert {c.agent.id for c in corpus.conversations if c.agent.type == "ai"} == {"ai-nova-1", "ai-nova-2", "ai-nova-3"}
    weekdays = Counter(c.started_at.weekday() for c in corpus.conversations)
    assert weekdays[2] > weekdays[6]


# --- realism ----------------------------------------------------------------------------

def test_voice_turns_have_increasing_timestamps(corpus):
    for c in (c for c in corpus.conversations if c.channel == "voice"):
        previous = 0.0
        for turn in c.turns:
            assert turn.start is not None and turn.end is not None
            assert previous <= turn.start < turn.end
            words = len(turn.text.split())
            assert words / (turn.end - turn.start) < 4.5  # a plausible speaking rate
            previous = turn.end
        assert c.turns[0].speaker == "agent"
        assert c.metadata["handle_time_s"] >= c.turns[-1].end
        assert all(t.text == t.text.lower() for t in c.turns)


def test_no_two_conversations_share_customer_text(corpus):
    texts = [customer_text(c) for c in corpus.conversations]
    assert len(set(texts)) == len(texts)


def test_turn_counts_and_channel_shapes(corpus):
    for c in corpus.conversations:
        n = len(c.turns)
        if c.channel in ("voice", "chat"):
            assert 6 <= n <= 18
        elif c.channel == "email":
            assert 2 <= n <= 4 and c.turns[0].speaker == "customer"
            assert all(a.speaker != b.speaker for a, b in zip(c.turns, c.turns[1:]))
        else:
            assert 2 <= n <= 6 and c.turns[0].text.startswith("@LumoraHelp")
    assert any(t.speaker == "bot" for c in corpus.conversations if c.channel == "chat" for t in c.turns)


def test_cancellation_is_said_in_many_ways(corpus):
    labels = corpus.truth.labels
    cancels = [customer_text(c).lower() for c in corpus.conversations if labels[c.id].topic == "cancellation"]
    with_keyword = sum("cancel" in t for t in cancels) / len(cancels)
    assert 0.1 < with_keyword < 0.7
    for phrase in ("leave", "switch", "close", "end my", "done with", "renew"):
        assert any(phrase in t for t in cancels), phrase


def test_each_reason_has_at_least_eight_phrasings():
    for reason in ALL_REASONS:
        assert len(set(reason.say)) >= 8, reason.id


# --- the planted trends -----------------------------------------------------------------

def test_cancellations_rise_in_the_last_month(corpus):
    per_month = counts(corpus, topic="cancellation")
    months = corpus.truth.months
    assert per_month[months[-1]] >= 2 * per_month[months[-2]]
    earlier = [per_month[m] for m in months[:-1]]
    assert max(earlier) <= 1.3 * min(earlier)  # roughly steady before
    assert {m: per_month[m] for m in months} == corpus.truth.populations["cancellation"]


def test_new_reasons_drive_it_and_decoys_stay_flat(corpus):
    current, baseline = corpus.truth.months[-1], corpus.truth.months[-2]
    for reason in NEW_REASONS:
        per_month = counts(corpus, reason=reason)
        assert per_month[current] >= 15 and per_month[baseline] <= 3, reason
    for reason in DECOYS:
        per_month = counts(corpus, reason=reason)
        assert per_month[baseline] > 0
        assert abs(per_month[current] - per_month[baseline]) <= 0.35 * per_month[baseline], reason


def test_password_reset_spike(corpus):
    per_month = counts(corpus, reason="password_reset_email")
    assert per_month["2026-08"] >= 4 * max(per_month["2026-07"], per_month["2026-09"])
    trend = corpus.truth.trend("login-password-reset")
    assert str(trend.current_window.start) == "2026-08-01" and str(trend.baseline_window.start) == "2026-07-01"
    assert trend.current_count == per_month["2026-08"] == len(trend.conversation_ids)


def test_ai_agents_resolve_refunds_much_worse(corpus):
    rates = resolution_rates(corpus)
    assert rates["ai", "refund"] <= 0.50 and rates["human", "refund"] >= 0.75
    for disposition in ("billing", "cancellation", "technical", "account", "general"):
        assert abs(rates["ai", disposition] - rates["human", disposition]) <= 0.10, disposition
    truth = corpus.truth.resolution_rates
    assert truth["ai"]["refund"].rate == pytest.approx(rates["ai", "refund"], abs=1e-4)
    csat = {a: [c.metadata["csat"] for c in corpus.conversations
                if c.agent.type == a and c.metadata["disposition"] == "refund" and "csat" in c.metadata]
            for a in ("ai", "human")}
    assert sum(csat["ai"]) / len(csat["ai"]) < sum(csat["human"]) / len(csat["human"]) - 1


def test_truth_trends_agree_with_the_labels(corpus):
    labels = corpus.truth.labels
    by_id = {c.id: c for c in corpus.conversations}
    kinds = Counter(t.kind for t in corpus.truth.trends)
    assert kinds == {"driver": 3, "decoy": 2, "spike": 1, "segment_gap": 1}
    for trend in corpus.truth.trends:
        assert 5 <= len(trend.match_terms) <= 10 and all(t == t.lower() for t in trend.match_terms)
        if trend.kind == "segment_gap":
            assert trend.rates["ai"] <= 0.5 <= 0.75 <= trend.rates["human"]
            assert all(by_id[i].agent.type == "ai" and by_id[i].metadata["disposition"] == "refund"
                       and by_id[i].metadata["outcome"] not in RESOLVED_OUTCOMES for i in trend.conversation_ids)
            continue
        per_month = counts(corpus, reason=trend.reason)
        assert trend.current_count == per_month[f"{trend.current_window.start:%Y-%m}"]
        assert trend.baseline_count == per_month[f"{trend.baseline_window.start:%Y-%m}"]
        assert len(trend.conversation_ids) == trend.current_count
        for i in trend.conversation_ids:
            assert labels[i].reason == trend.reason
            assert trend.current_window.contains(by_id[i].started_at.date())


def test_buffering_after_the_update_names_version_8_2(corpus):
    trend = corpus.truth.trend("cancel-tv-app-buffering")
    by_id = {c.id: c for c in corpus.conversations}
    texts = [customer_text(by_id[i]).lower() for i in trend.conversation_ids]
    assert sum("8.2" in t or "eight point two" in t for t in texts) >= 0.2 * len(texts)
    assert all(by_id[i].started_at.day >= 3 for i in trend.conversation_ids)


def test_committed_truth_file_is_current(corpus):
    assert TRUTH_PATH.exists(), "run: python -m eval.sample"
    assert TRUTH_PATH.stat().st_size < 400_000
    assert TRUTH_PATH.read_text(encoding="utf-8") == corpus.truth.model_dump_json(indent=1), (
        "eval/data/sample_truth.json is stale; regenerate it with: python -m eval.sample")


@pytest.mark.parametrize("n", [500, 10_000])
def test_trends_scale_with_n(corpus, n):
    scaled = generate(n=n)
    factor = n / 2000
    assert len(scaled.conversations) == n
    current, baseline = scaled.truth.months[-1], scaled.truth.months[-2]
    per_month = counts(scaled, topic="cancellation")
    assert per_month[current] >= 2 * per_month[baseline]
    for trend in scaled.truth.trends:
        reference = corpus.truth.trend(trend.id)
        if trend.kind == "segment_gap":
            assert trend.rates["ai"] <= 0.5 and trend.rates["human"] >= 0.75
            continue
        assert abs(trend.current_count - reference.current_count * factor) <= max(2, 0.1 * trend.current_count)
        assert abs(trend.baseline_count - reference.baseline_count * factor) <= max(2, 0.1 * trend.baseline_count)
    rates = resolution_rates(scaled)
    assert rates["ai", "refund"] <= 0.5 and rates["human", "refund"] >= 0.75


def test_the_committed_benchmark_set_is_the_one_the_sample_gives():
    from eval import load_sample_set
    from eval.sample_set import build

    assert build(generate(n=2000)) == load_sample_set()


def test_calls_as_said_and_read_are_the_same_calls_without_a_recognisers_artefacts():
    """Scripts for speech synthesis: ``speech="spoken"`` is the transcript without its planted
    mishearings ("a count"); ``"read"`` also without fillers and false starts, punctuation kept;
    everything else is the same corpus, draw for draw."""
    import random

    from eval.sample.style import FILLERS, MISHEAR, asr

    class NoDraw(random.Random):  # asr() as plain formatting: no mishearing, version or false start
        def random(self) -> float:
            return 0.99

    base = generate(n=300, seed=11)
    said, read = generate(n=300, seed=11, speech="spoken"), generate(n=300, seed=11, speech="read")
    assert said.truth == read.truth == base.truth
    filler_words = {w for f in FILLERS for w in f.split()}
    misheard = dropped = 0
    for b, s, r in zip(base.conversations, said.conversations, read.conversations):
        assert b.id == s.id == r.id
        assert [t.speaker for t in b.turns] == [t.speaker for t in s.turns] == [t.speaker for t in r.turns]
        if b.channel != "voice":
            assert b == s == r
            continue
        for tb, ts, tr in zip(b.turns, s.turns, r.turns):
            words = ts.text.split()
            planted = {" ".join(words[:i] + [m] + words[i + 1:])
                       for i, w in enumerate(words) for m in MISHEAR.get(w, ())}
            assert tb.text == ts.text or tb.text in planted, (tb.text, ts.text)
            misheard += tb.text != ts.text
            plain = Counter(asr(tr.text, NoDraw(), customer=False, fillers=False).split())
            extra = Counter(words) - plain
            assert not plain - Counter(words), (tr.text, ts.text)  # read is said minus some words
            assert all(w in filler_words or words.count(w) > 1 for w in extra), (tr.text, ts.text)
            dropped += sum(extra.values())
    assert misheard > 0 and dropped > 0  # there were mishearings, fillers and false starts to leave out
    with pytest.raises(ValueError, match="speech must be one of"):
        generate(n=50, seed=1, speech="sung")
