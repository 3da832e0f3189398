"""Transcription speed and accuracy on call recordings made here (``python -m eval.audio_bench``).

Calls are spoken by espeak-ng (``--tts flite``: CMU Flite; ``--tts piper``: Piper's neural
en_US-joe-medium voice, the ``voices`` extra) from sample-corpus scripts
(``eval/audio_calls.py``; ``--speech read``: clean read-aloud sentences, the condition of the
model card's clean-speech figure; the default ``spoken``: as said, with fillers and false starts),
one voice per channel, and ingested by the real loader (decode, VAD, Whisper per channel, turns). Per
run: audio seconds over wall seconds (x real time, the model already loaded), CPU seconds per
audio second (what a busy machine cannot hide), word error rate against the script after
Whisper's own English normaliser (``eval/wer.py``), over all words and apart for ordinary words
and for names, postcodes, e-mail addresses and phone/account numbers, speakers
of turns right, turn start error; optionally one long call (``--long-minutes``) for speed and
peak memory over a long file. ``--voices`` instead scores each voice of both engines alone on
the same sentences (the Harvard sentences of list 1, and the scripts' lines), transcribed as
single clips. ``--markdown BENCHMARKS.md`` refreshes its "Transcription" block.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from eval.audio_calls import VOICES, Call, _speak, missing_tools, sample_scripts, wer, write_call, write_mono
from eval.bench import machine, rss_mb
from eval.sample.style import SPEECH
from eval.wer import split_wer

ENGINE = {"espeak": "espeak-ng", "flite": "CMU Flite", "piper": "Piper"}


def _markers(key: str) -> tuple[str, str]:
    return f"<!-- convoscope audio bench {key} -->", f"<!-- /convoscope audio bench {key} -->"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _score(call: Call, conversation) -> dict:
    """Speakers right (each turn against the script line it overlaps most) and start error."""
    right, words, words_right, errors = 0, 0, 0, []
    for turn in conversation.turns:
        line = max(call.lines, key=lambda ln: min(ln.end, turn.end) - max(ln.start, turn.start))
        right += line.speaker == turn.speaker
        words += len(turn.text.split())
        words_right += len(turn.text.split()) * (line.speaker == turn.speaker)
        errors.append(abs(turn.start - line.start))
    return {"turns": len(conversation.turns), "script_turns": len(call.lines), "speaker_right": right,
            "words": words, "words_right": words_right, "start_error_s": round(sum(errors) / max(len(errors), 1), 3)}


def _transcribe(path: Path):
    from ingest.formats.audio import load_audio

    started, cpu = time.perf_counter(), _cpu()
    items = list(load_audio(path))
    return items[0].conversation, time.perf_counter() - started, _cpu() - cpu


def run(calls: int, seed: int, long_minutes: float, folder: Path, mono: bool = False, tts: str = "espeak",
        speech: str = "spoken") -> dict:
    from ingest.audio.whisper import beam, hotwords, model, model_path, threads

    host = machine()
    started = time.perf_counter()
    model()
    load_s = time.perf_counter() - started
    rows, refs, hyps = [], [], []
    made = [write_call(folder / f"call{i}.wav", s.lines, overlap_at=3 if i % 3 == 0 else None, tts=tts)
            for i, s in enumerate(sample_scripts(calls, seed=seed, turns=8, speech=speech))]
    for call in made:
        conversation, wall, cpu = _transcribe(
            write_mono(call.path.with_suffix(".mono.wav"), call) if mono else call.path)
        ref = " ".join(call.said_by(s) for s in ("agent", "customer"))
        hyp = " ".join(" ".join(t.text for t in conversation.turns if t.speaker == s) for s in ("agent", "customer"))
        refs.append(ref)
        hyps.append(hyp)
        rows.append({"audio_s": round(call.seconds, 2), "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                     "wer": round(wer(ref, hyp), 3), **_score(call, conversation), "reference": ref, "heard": hyp})
    audio, wall, cpu = (sum(r[k] for r in rows) for k in ("audio_s", "wall_s", "cpu_s"))
    report = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python -m eval.audio_bench " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
        "machine": host.model_dump(), "model": str(model_path()), "threads": threads(), "beam": beam(),
        "hotwords": hotwords(), "mono": mono, "tts": tts, "speech": speech,
        "voices": list(VOICES[tts]), "model_load_s": round(load_s, 2),
        "calls": rows, "audio_s": round(audio, 1), "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
        "x_real_time": round(audio / wall, 2), "cpu_s_per_audio_s": round(cpu / audio, 3),
        "wer": round(wer(" ".join(refs), " ".join(hyps)), 3),
        "wer_split": split_wer(" ".join(refs), " ".join(hyps)).model_dump(),
        "speaker_accuracy": round(sum(r["speaker_right"] for r in rows) / sum(r["turns"] for r in rows), 4),
        "speaker_word_accuracy": round(sum(r["words_right"] for r in rows) / max(sum(r["words"] for r in rows), 1), 4),
        "turns_found": f"{sum(r['turns'] for r in rows)}/{sum(r['script_turns'] for r in rows)}",
        "start_error_s": round(sum(r["start_error_s"] for r in rows) / len(rows), 3),
    }
    if long_minutes > 0:
        report["long"] = _long(made, long_minutes, folder)
    report["machine"]["load_after"] = os.getloadavg()[0]
    return report


def _long(made: list[Call], minutes: float, folder: Path) -> dict:
    """The calls end to end, repeated to ``minutes``, as one FLAC: speed and memory over a long file."""
    path = folder / "long.flac"
    one = sum(c.seconds for c in made)
    repeats = max(int(minutes * 60 / one), 1)
    subprocess.run(["sox", *[str(c.path) for c in made], str(path), "repeat", str(repeats - 1)], check=True)
    before = rss_mb()
    conversation, wall, cpu = _transcribe(path)
    audio = one * repeats
    return {"audio_s": round(audio, 1), "wall_s": round(wall, 1), "x_real_time": round(audio / wall, 2),
            "cpu_s_per_audio_s": round(cpu / audio, 3), "turns": len(conversation.turns),
            "peak_rss_mb_before": round(before, 1), "peak_rss_mb_after": round(rss_mb(), 1)}


HARVARD = [  # IEEE Harvard sentences, list 1: the classic plain test sentences
    "The birch canoe slid on the smooth planks.", "Glue the sheet to the dark blue background.",
    "It's easy to tell the depth of a well.", "These days a chicken leg is a rare dish.",
    "Rice is often served in round bowls.", "The juice of lemons makes fine punch.",
    "The box was thrown beside the parked truck.", "The hogs were fed chopped corn and garbage.",
    "Four hours of steady work faced us.", "A large size in stockings is hard to sell.",
]
VOICE_SETS = ([("espeak", v) for v in VOICES["espeak"]] + [("flite", v) for v in ("rms", "slt", "awb", "kal16")]
              + [("piper", "joe")])


def per_voice(seed: int, lines: int, folder: Path) -> dict:
    """WER of each voice alone, each sentence spoken as one clip and given to Whisper whole (no
    channels, no turns): the Harvard sentences, and the first ``lines`` lines of the scripts."""
    import wave

    import numpy as np

    from ingest.audio.whisper import beam, model, transcribe

    host = machine()
    model()
    script = [text for s in sample_scripts(8, seed=seed, turns=8) for _, text in s.lines][:lines]
    rows = []
    for tts, voice in VOICE_SETS:
        if missing_tools(tts):
            continue
        row = {"tts": tts, "voice": voice}
        for name, sentences in (("harvard", HARVARD), ("script", script)):
            hyps = []
            for i, text in enumerate(sentences):
                _speak(text, voice, folder / "clip.wav", tts)
                subprocess.run(["sox", str(folder / "clip.wav"), "-r", "16000", str(folder / "clip16.wav")], check=True)
                with wave.open(str(folder / "clip16.wav"), "rb") as handle:
                    audio = (np.frombuffer(handle.readframes(handle.getnframes()), dtype=np.int16)
                             .astype(np.float32) / 32768)
                hyps.append(" ".join(seg.text for seg in transcribe(audio, 0.0)))
            row[name] = round(wer(" ".join(sentences), " ".join(hyps)), 3)
            row[f"{name}_words"] = sum(len(t.split()) for t in sentences)
        rows.append(row)
    host_d = host.model_dump()
    host_d["load_after"] = os.getloadavg()[0]
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "command": "python -m eval.audio_bench " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
            "machine": host_d, "beam": beam(), "seed": seed, "voices": rows}


def voices_markdown(r: dict) -> str:
    m = r["machine"]
    decoding = "greedy" if r["beam"] == 1 else f"beam {r['beam']}"
    v = r["voices"][0]
    lines = [f"{r['date']} · {m['cpu']}, {m['cores']} cores · load average {m['load_before']:.1f} before, "
             f"{m['load_after']:.1f} after · Whisper tiny.en int8, {decoding}", "", f"`{r['command']}`", "",
             "Each voice alone, one clip per sentence: the 10 Harvard sentences of list 1 "
             f"({v['harvard_words']} words) "
             f"and the first {v['script_words']} words of the scripts (seed {r['seed']}):", "",
             "| engine | voice | WER, Harvard sentences | WER, script lines |", "| --- | --- | --- | --- |"]
    lines += [f"| {ENGINE.get(x['tts'], x['tts'])} | `{x['voice']}` | {x['harvard']:.1%} | {x['script']:.1%} |"
              for x in r["voices"]]
    return "\n".join(lines)


def markdown(r: dict) -> list[tuple[str, str]]:
    """(marker key, Markdown block) for the calls' table and, when run, the long call."""
    m = r["machine"]
    decoding = "greedy" if r["beam"] == 1 else f"beam {r['beam']}"
    head = (f"{r['date']} · {m['cpu']}, {m['cores']} cores · Python {m['python']} · load average "
            f"{m['load_before']:.1f} before, {m['load_after']:.1f} after · Whisper tiny.en int8, "
            f"{r['threads']} threads, {decoding}, VAD on"
            + (f", hotwords {r['hotwords']!r}" if r.get("hotwords") else "")
            + f", model loaded in {r['model_load_s']:.1f} s")
    tts = r.get("tts", "espeak")
    speech = r.get("speech", "transcript")
    key = (f"beam={r['beam']}" + (" mono" if r["mono"] else "") + (f" tts={tts}" if tts != "espeak" else "")
           + (f" speech={speech}" if speech != "transcript" else "") + (" hotwords" if r.get("hotwords") else ""))
    split = r["wer_split"]
    what = "mono mixes of the calls (speakers estimated)" if r["mono"] else "stereo calls (speakers by channel)"
    what += f", spoken by {ENGINE.get(tts, tts)}, agent `{r['voices'][0]}`, customer `{r['voices'][1]}`"
    what += {"read": ", clean read-aloud scripts", "spoken": ", scripts as said (fillers, false starts)",
             "transcript": ", the corpus's transcripts (fillers, false starts, planted mishearings)"}[speech]
    table = [head, "", f"`{r['command']}`", "", f"{len(r['calls'])} {what}:", "",
             "| audio | x real time (wall) | CPU s per audio s | WER | WER, ordinary words | WER, names and codes "
             "| speakers right (turns · words) | turns found | start error |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
             f"| {r['audio_s']:.0f} s | {r['x_real_time']:.1f}x | {r['cpu_s_per_audio_s']:.3f} | {r['wer']:.1%} | "
             f"{split['ordinary_wer']:.1%} of {split['ordinary_words']} | "
             f"{split['entity_wer']:.1%} of {split['entity_words']} | "
             f"{r['speaker_accuracy']:.0%} · {r['speaker_word_accuracy']:.0%} | {r['turns_found']} | "
             f"{r['start_error_s']:.2f} s |"]
    blocks = [(key, "\n".join(table))]
    if "long" in r:
        lo = r["long"]
        blocks.append((f"long {key}", f"{head}\n\n`{r['command']}`\n\nOne {lo['audio_s'] / 60:.0f}-minute call "
                       f"(the calls end to end, repeated, FLAC): {lo['x_real_time']:.1f}x real time, "
                       f"{lo['cpu_s_per_audio_s']:.3f} CPU s per audio s, peak RSS {lo['peak_rss_mb_before']:.0f} MB "
                       f"before it and {lo['peak_rss_mb_after']:.0f} MB after."))
    return blocks


def refresh(path: Path, key: str, block: str) -> None:
    """Replace the block between ``key``'s markers in ``path``, or append it."""
    begin, end = _markers(key)
    block = f"{begin}\n{block}\n{end}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block.rstrip("\n") + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=8, help="stereo calls to generate and transcribe")
    parser.add_argument("--seed", type=int, default=7, help="sample corpus seed for the scripts")
    parser.add_argument("--long-minutes", type=float, default=0, help="also one call this long (e.g. 120)")
    parser.add_argument("--out", type=Path, default=Path("convoscope-bench"), help="folder for audio-bench.json")
    parser.add_argument("--mono", action="store_true", help="transcribe mono mixes of the calls (speakers estimated)")
    parser.add_argument("--markdown", type=Path, help="refresh this run's blocks of the file (e.g. BENCHMARKS.md)")
    parser.add_argument("--tts", choices=tuple(VOICES), default="espeak",
                        help="the engine that speaks the calls (piper: pip install 'convoscope[voices]')")
    parser.add_argument("--speech", choices=SPEECH, default="spoken",
                        help="the scripts: as said (spoken), clean read-aloud sentences (read: the model card's "
                             "condition), or the corpus's transcripts with their planted mishearings (transcript)")
    parser.add_argument("--voices", type=int, metavar="LINES", default=0,
                        help="instead score each voice alone on the Harvard sentences and this many script lines")
    args = parser.parse_args(argv)
    if why := missing_tools(args.tts):
        raise SystemExit(f"error: the benchmark {why}")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.voices:
        with tempfile.TemporaryDirectory(prefix="convoscope-audio-") as tmp:
            report = per_voice(args.seed, args.voices, Path(tmp))
        (args.out / "audio-voices.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        blocks = [("voices", voices_markdown(report))]
    else:
        with tempfile.TemporaryDirectory(prefix="convoscope-audio-") as tmp:
            report = run(args.calls, args.seed, args.long_minutes, Path(tmp), args.mono, args.tts, args.speech)
        (args.out / "audio-bench.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        blocks = markdown(report)
    for key, block in blocks:
        print(block + "\n")
        if args.markdown:
            refresh(args.markdown, key, block)


if __name__ == "__main__":
    main()
