"""Transcription speed and accuracy on call recordings made here (``python -m eval.audio_bench``).

Calls are spoken by espeak-ng from sample-corpus scripts (``eval/audio_calls.py``), one voice
per channel, and ingested by the real loader (decode, VAD, Whisper per channel, turns). Per
run: audio seconds over wall seconds (x real time, the model already loaded), CPU seconds per
audio second (what a busy machine cannot hide), word error rate against the script, speakers
of turns right, turn start error; optionally one long call (``--long-minutes``) for speed and
peak memory over a long file. ``--markdown BENCHMARKS.md`` refreshes its "Transcription" block.
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

from eval.audio_calls import Call, missing_tools, sample_scripts, wer, write_call, write_mono
from eval.bench import machine



def _markers(key: str) -> tuple[str, str]:
    return f"<!-- convoscope audio bench {key} -->", f"<!-- /convoscope audio bench {key} -->"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _score(call: Call, conversation) -> dict:
    """Speakers right (each turn against the script line it overlaps most) and start error."""
    right, words, words_right, errors = 0, 0, 0, []
    for turn in conversation.turns:
        line = max(call.lines, key=lambda l: min(l.end, turn.end) - max(l.start, turn.start))
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


def run(calls: int, seed: int, long_minutes: float, folder: Path, mono: bool = False) -> dict:
    from ingest.audio.whisper import beam, model, model_path, threads

    host = machine()
    started = time.perf_counter()
    model()
    load_s = time.perf_counter() - started
    rows, refs, hyps = [], [], []
    made = [write_call(folder / f"call{i}.wav", s.lines, overlap_at=3 if i % 3 == 0 else None)
            for i, s in enumerate(sample_scripts(calls, seed=seed, turns=8))]
    for call in made:
        conversation, wall, cpu = _transcribe(write_mono(call.path.with_suffix(".mono.wav"), call) if mono else call.path)
        ref = " ".join(call.said_by(s) for s in ("agent", "customer"))
        hyp = " ".join(" ".join(t.text for t in conversation.turns if t.speaker == s) for s in ("agent", "customer"))
        refs.append(ref)
        hyps.append(hyp)
        rows.append({"audio_s": round(call.seconds, 2), "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                     "wer": round(wer(ref, hyp), 3), **_score(call, conversation)})
    audio, wall, cpu = (sum(r[k] for r in rows) for k in ("audio_s", "wall_s", "cpu_s"))
    report = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python -m eval.audio_bench " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
        "machine": host.model_dump(), "model": str(model_path()), "threads": threads(), "beam": beam(), "mono": mono, "model_load_s": round(load_s, 2),
        "calls": rows, "audio_s": round(audio, 1), "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
        "x_real_time": round(audio / wall, 2), "cpu_s_per_audio_s": round(cpu / audio, 3),
        "wer": round(wer(" ".join(refs), " ".join(hyps)), 3),
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
    before = _peak_mb()
    conversation, wall, cpu = _transcribe(path)
    audio = one * repeats
    return {"audio_s": round(audio, 1), "wall_s": round(wall, 1), "x_real_time": round(audio / wall, 2),
            "cpu_s_per_audio_s": round(cpu / audio, 3), "turns": len(conversation.turns),
            "peak_rss_mb_before": round(before, 1), "peak_rss_mb_after": round(_peak_mb(), 1)}


def markdown(r: dict) -> list[tuple[str, str]]:
    """(marker key, Markdown block) for the calls' table and, when run, the long call."""
    m = r["machine"]
    decoding = "greedy" if r["beam"] == 1 else f"beam {r['beam']}"
    head = (f"{r['date']} · {m['cpu']}, {m['cores']} cores · Python {m['python']} · load average "
            f"{m['load_before']:.1f} before, {m['load_after']:.1f} after · Whisper tiny.en int8, "
            f"{r['threads']} threads, {decoding}, VAD on, model loaded in {r['model_load_s']:.1f} s")
    key = f"beam={r['beam']}" + (" mono" if r["mono"] else "")
    what = "mono mixes of the calls (speakers estimated)" if r["mono"] else "stereo calls (speakers by channel)"
    table = [head, "", f"`{r['command']}`", "", f"{len(r['calls'])} {what}:", "",
             "| audio | x real time (wall) | CPU s per audio s | WER | speakers right (turns · words) | turns found | start error |",
             "| --- | --- | --- | --- | --- | --- | --- |",
             f"| {r['audio_s']:.0f} s | {r['x_real_time']:.1f}x | {r['cpu_s_per_audio_s']:.3f} | {r['wer']:.1%} | "
             f"{r['speaker_accuracy']:.0%} · {r['speaker_word_accuracy']:.0%} | {r['turns_found']} | {r['start_error_s']:.2f} s |"]
    blocks = [(key, "\n".join(table))]
    if "long" in r:
        lo = r["long"]
        blocks.append((f"long {key}", f"{head}\n\n`{r['command']}`\n\nOne {lo['audio_s'] / 60:.0f}-minute call (the calls "
                       f"end to end, repeated, FLAC): {lo['x_real_time']:.1f}x real time, {lo['cpu_s_per_audio_s']:.3f} CPU s "
                       f"per audio s, peak RSS {lo['peak_rss_mb_before']:.0f} MB before it and {lo['peak_rss_mb_after']:.0f} MB "
                       "after."))
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
    args = parser.parse_args(argv)
    if why := missing_tools():
        raise SystemExit(f"error: the benchmark {why}")
    with tempfile.TemporaryDirectory(prefix="convoscope-audio-") as tmp:
        report = run(args.calls, args.seed, args.long_minutes, Path(tmp), args.mono)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "audio-bench.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for key, block in markdown(report):
        print(block + "\n")
        if args.markdown:
            refresh(args.markdown, key, block)


if __name__ == "__main__":
    main()
