"""Caption files (.vtt WebVTT, .srt SubRip): speakers, merged cues, times, bad cues reported."""

from __future__ import annotations

import html
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fuzzing import loads_or_refuses
from hypothesis import given, settings
from hypothesis import strategies as st

from convoscope.errors import InputError
from convoscope.models import Conversation
from eval.sample import generate
from ingest.formats.captions import load_srt, load_vtt
from ingest.formats.common import IF_TAKEN
from ingest.records import Loaded, Rejected

FORMATS = Path(__file__).parent / "data" / "formats"


def split(items):
    items = list(items)
    return [i.conversation for i in items if isinstance(i, Loaded)], [i for i in items if isinstance(i, Rejected)]


def only(items) -> Conversation:
    loaded, rejected = split(items)
    assert not rejected, [r.line() for r in rejected]
    assert len(loaded) == 1
    return loaded[0]


def write(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_vtt_support_call_voices_merged_cues_and_stripped_tags():
    path = FORMATS / "support_call.vtt"
    conv = only(load_vtt(path))
    assert conv.id == "support_call" and conv.channel == "voice" and conv.agent.id == "unknown"  # the file's name
    assert conv.started_at == datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    assert conv.metadata == {"started_at_source": "file mtime", IF_TAKEN: "support_call-0e31cf"}  # if another took it
    assert [t.speaker for t in conv.turns] == ["agent", "customer"] * 6 + ["agent"]  # NOTE/STYLE blocks skipped
    first, second = conv.turns[0], conv.turns[1]
    assert first.text == "Thanks for calling Lumora, you're through to Priya. How can I help?"  # two cues, one turn
    assert (first.start, first.end) == (1.2, 6.1)
    assert second.text == ("Hi. My bill has gone up again and nobody told me why. "
                           "It was £12.99 last month & now it's £16.99.")  # <i> gone, &amp; unescaped
    assert (second.start, second.end) == (6.9, 13.0)
    assert conv.turns[3].text == "Tom Baker, NL16 5RR."  # <c.yellow> class span stripped
    assert conv.turns[4].text == "Thanks Tom. The bundle discount dropped off on the 1st."  # timestamp tag stripped
    assert conv.turns[5].text == "That's the discount I was promised for a year!"  # <v.loud Customer>
    assert (conv.turns[-1].start, conv.turns[-1].end) == (50.8, 52.9)


def test_vtt_named_speaker_is_inferred_against_a_role():
    conv = only(load_vtt(FORMATS / "named_speakers.vtt"))
    assert [t.speaker for t in conv.turns] == ["agent", "customer"] * 3 + ["agent"]
    assert conv.metadata["inferred_speakers"] == "Priya Shah=agent"
    assert conv.turns[2].text.endswith("resetting your password? Not the PIN, the password on the website.")
    assert (conv.turns[2].start, conv.turns[2].end) == (7.3, 13.5)  # the untagged cue continues Priya


def test_vtt_bad_cues_are_skipped_and_each_reported():
    loaded, rejected = split(load_vtt(FORMATS / "bad_timing.vtt"))
    assert [(r.location, r.reason.split(" ")[0]) for r in rejected] == [("line 12", "bad"), ("line 16", "cue")]
    assert "'00:00:07.5 -> 00:00:09'" in rejected[0].reason and "ends before it starts" in rejected[1].reason
    (conv,) = loaded
    assert [t.speaker for t in conv.turns] == ["agent", "customer", "agent", "customer"]
    assert conv.turns[2].text.startswith("I've refunded the duplicate") and conv.turns[2].start == 13.0
    assert {r.record_id for r in rejected} == {conv.id}


def test_srt_with_name_prefixes_and_continuation_cues():
    conv = only(load_srt(FORMATS / "support_call.srt"))
    assert [t.speaker for t in conv.turns] == ["agent", "customer"] * 4 + ["agent"]
    assert conv.metadata["inferred_speakers"] == "Tom=customer"  # AGENT is a role, so Tom is the customer
    assert conv.turns[0].text == "Thanks for calling Lumora, this is Jo. How can I help?"
    assert conv.turns[1].text == "Hi, the stream keeps buffering on my Fire Stick. It's been like this all week."
    assert (conv.turns[1].start, conv.turns[1].end) == (4.5, 10.0)  # cue 3 has no name: Tom continues
    assert conv.turns[3].text == "Wifi. The router's in the hall."  # <i> stripped
    assert conv.turns[4].text.startswith("A weak signal")  # {\an8} stripped


def test_srt_with_no_usable_cue_is_one_rejection_with_the_line():
    loaded, rejected = split(load_srt(FORMATS / "bad_timing_all.srt"))
    assert not loaded and len(rejected) == 1
    assert rejected[0].location == "line 2" and rejected[0].reason.startswith("no usable cues: bad cue timing")
    assert "2 more" in rejected[0].reason


def test_srt_with_three_unknown_names_is_rejected():
    loaded, rejected = split(load_srt(FORMATS / "three_speakers.srt"))
    assert not loaded and rejected[0].location == "line 2"
    assert "'Marcus', 'Hannah', 'Derek'" in rejected[0].reason and "<v Agent>" in rejected[0].reason


def test_captions_without_any_speaker_are_rejected(tmp_path):
    path = write(tmp_path, "WEBVTT\n\n00:01.000 --> 00:02.000\nHello?\n\n00:02.500 --> 00:04.000\nHi.\n", "x.vtt")
    loaded, rejected = split(load_vtt(path))
    assert not loaded and rejected[0].location == "line 3" and "no speaker labels" in rejected[0].reason


def test_a_leading_unlabelled_cue_is_reported_and_the_rest_loads(tmp_path):
    text = "1\n00:00:00,000 --> 00:00:02,000\n[music]\n\n2\n00:00:02,000 --> 00:00:04,000\nAgent: Hello\n\n" \
           "3\n00:00:04,000 --> 00:00:05,000\nCustomer: Hi\n"
    loaded, rejected = split(load_srt(write(tmp_path, text, "m.srt")))
    assert [t.text for t in loaded[0].turns] == ["Hello", "Hi"]
    assert rejected[0].location == "line 2" and "no speaker" in rejected[0].reason


def test_two_voices_in_one_cue_become_two_turns(tmp_path):
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Agent>Can I help?</v>\n<v Customer>Yes please.</v>\n"
    conv = only(load_vtt(write(tmp_path, text, "two.vtt")))
    assert [(t.speaker, t.text, t.start, t.end) for t in conv.turns] == [
        ("agent", "Can I help?", 1, 3), ("customer", "Yes please.", 1, 3)]


def test_empty_caption_file_and_undecodable_file(tmp_path):
    loaded, rejected = split(load_vtt(write(tmp_path, "WEBVTT\n", "e.vtt")))
    assert not loaded and "no cues found" in rejected[0].reason
    (tmp_path / "bad.srt").write_bytes(b"1\n00:00:01,000 --> 00:00:02,000\nAgent: caf\xe9\n")
    with pytest.raises(InputError, match="not UTF-8"):
        list(load_srt(tmp_path / "bad.srt"))


@pytest.mark.parametrize("loader, suffix", [(load_vtt, ".vtt"), (load_srt, ".srt")])
def test_arbitrary_bytes_never_crash(tmp_path, loader, suffix):
    @settings(max_examples=200, deadline=None)
    @given(data=st.binary(max_size=4000))
    def check(data):
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        loads_or_refuses(loader, path)

    check()


LINES = st.sampled_from(["WEBVTT", "", "1", "00:00:01.000 --> 00:00:02.000", "00:01,5 --> 00:00,1", "-->",
                         "00:00:03,000 --> 00:00:04,000 X1:10", "<v Agent>hi", "<v>", "<v.a Tom>yo</v>", "Tom: hi",
                         "AGENT:", "NOTE x", "STYLE", "<b>&amp;</b>", "{\\an8}Customer: ok", "- Bot: hello", "99:99"])


@pytest.mark.parametrize("loader, suffix", [(load_vtt, ".vtt"), (load_srt, ".srt")])
def test_arbitrary_caption_like_text_never_crashes(tmp_path, loader, suffix):
    @settings(max_examples=100, deadline=None)
    @given(lines=st.lists(LINES | st.text(max_size=20), max_size=30))
    def check(lines):
        items = list(loader(write(tmp_path, "\n".join(lines), f"fuzz{suffix}")))
        assert len(items) >= 1 and all(isinstance(i, Loaded | Rejected) for i in items)

    check()


# ---- round trip: the test's own writers ------------------------------------------------

def _chunks(text: str, words: int = 7) -> list[str]:
    parts = text.split()
    return [" ".join(parts[i:i + words]) for i in range(0, len(parts), words)]


def _cues(conv: Conversation) -> list[tuple[float, float, str, str, bool]]:
    """(start, end, label, text, first of its turn) per caption cue; a turn's words spread over its time."""
    cues, clock = [], 0.0
    for turn in conv.turns:
        chunks = _chunks(turn.text)
        start = turn.start if turn.start is not None else clock
        end = turn.end if turn.end is not None else start + 2.5 * len(chunks)
        step = (end - start) / len(chunks)
        for n, chunk in enumerate(chunks):
            cues.append((start + n * step, start + (n + 1) * step, turn.label, chunk, n == 0))
        clock = end
    return cues


def _time(seconds: float, sep: str) -> str:
    millis = round(seconds * 1000)
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}{sep}{millis % 1000:03d}"


def write_vtt(conv: Conversation, path: Path) -> None:
    blocks = ["WEBVTT", f"NOTE conversation {conv.id}"]
    for n, (start, end, label, text, _) in enumerate(_cues(conv), start=1):
        blocks.append(f"cue-{n}\n{_time(start, '.')} --> {_time(end, '.')}\n<v {label}>{html.escape(text)}</v>")
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def write_srt(conv: Conversation, path: Path) -> None:
    blocks = []
    for n, (start, end, label, text, first) in enumerate(_cues(conv), start=1):
        words = text.split()
        lines = " ".join(words[: len(words) // 2 + 1]) + ("\n" + " ".join(words[len(words) // 2 + 1:]) if
                                                          len(words) > 1 else "")
        blocks.append(f"{n}\n{_time(start, ',')} --> {_time(end, ',')}\n{f'{label}: ' if first else ''}{lines}")
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def expected(conv: Conversation) -> list[tuple[str, str]]:
    """Captions carry no paragraphs and merge one speaker's consecutive cues: so do we here."""
    merged: list[tuple[str, str]] = []
    for turn in conv.turns:
        text = " ".join(turn.text.split())
        if merged and merged[-1][0] == turn.speaker:
            merged[-1] = (turn.speaker, merged[-1][1] + " " + text)
        else:
            merged.append((turn.speaker, text))
    return merged


@pytest.mark.parametrize("writer, loader, suffix", [(write_vtt, load_vtt, ".vtt"), (write_srt, load_srt, ".srt")])
def test_round_trip_of_sample_conversations(tmp_path, writer, loader, suffix):
    originals = generate(n=60).conversations[:20]
    for conv in originals:
        path = tmp_path / f"{conv.id}{suffix}"
        writer(conv, path)
        back = only(loader(path))
        assert [(t.speaker, t.text) for t in back.turns] == expected(conv), conv.id
        timed = [t for t in conv.turns if t.start is not None]
        if timed and len(back.turns) == len(conv.turns):
            assert back.turns[0].start == pytest.approx(timed[0].start, abs=0.001)
            assert back.turns[-1].end == pytest.approx(timed[-1].end, abs=0.001)
    assert any(len(expected(c)) < len(c.turns) for c in originals)  # merging was exercised
