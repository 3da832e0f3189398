"""Memory while ingesting one very large file: ``python -m eval.bigfile --gb 2``.

Writes a file of the requested size by repeating the generated sample corpus (the same
ids again and again, as a platform's full re-export would), runs ``convoscope ingest`` on it
in a child process, and samples the child's resident memory and how far it has read every
few seconds. The first copy is embedded; every later copy is parsed, validated, redacted
and hashed, then found unchanged — the loader and pipeline at full size, without hours of
embedding. Prints one line per sample and a summary; the peak is the child's ``VmHWM``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from eval.sample import generate, write_jsonl


def _write_corpus(path: Path, gigabytes: float, n: int) -> int:
    """Repeat the sample corpus (JSON Lines) until the file reaches the size; returns the records written."""
    unit = path.with_suffix(".unit.jsonl")
    write_jsonl(generate(n=n, seed=7).conversations, unit)
    body = unit.read_bytes()
    unit.unlink()
    target = int(gigabytes * (1 << 30))
    copies = 0
    with path.open("wb") as handle:
        while handle.tell() < target:
            handle.write(body)
            copies += 1
    return copies * n


LOADER_ONLY = """
import sys
from pathlib import Path
from ingest import Loaded, load
items = loaded = 0
for item in load(Path(sys.argv[1])):
    items += 1
    loaded += isinstance(item, Loaded)
print(f"{loaded} added (loader only), {items - loaded} rejected")
"""


def _status(pid: int) -> tuple[float, float]:
    """Resident and peak resident MB of a process."""
    rss = hwm = 0.0
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) / 1024
    return rss, hwm


def _position(pid: int, path: Path) -> int | None:
    """How far the process has read ``path`` (its file offset), or None while it is not open."""
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if Path(fd.readlink()) == path.resolve():
                return int((Path(f"/proc/{pid}/fdinfo") / fd.name).read_text().split()[1])
        except OSError:
            continue
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=2.0, help="size of the file to ingest")
    parser.add_argument("--n", type=int, default=2000, help="distinct conversations repeated to fill it")
    parser.add_argument("--dir", type=Path, default=Path("convoscope-bench/bigfile"), help="where file and store go")
    parser.add_argument("--every", type=float, default=15.0, help="seconds between samples")
    parser.add_argument("--loader-only", action="store_true",
                        help="only read and validate the file (no redaction, embedding or writing): "
                             "the loader's memory")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    corpus = args.dir / f"big-{args.gb:g}gb.jsonl"
    if not corpus.exists() or corpus.stat().st_size < args.gb * (1 << 30):
        records = _write_corpus(corpus, args.gb, args.n)
        print(f"wrote {corpus}: {corpus.stat().st_size / 1e9:.2f} GB, {records} records", flush=True)
    size = corpus.stat().st_size
    store = args.dir / "store"
    command = [sys.executable, "-m", "ui.cli", "ingest", str(corpus), "--store", str(store)]
    if args.loader_only:
        command = [sys.executable, "-c", LOADER_ONLY, str(corpus)]
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             env=dict(os.environ, COLUMNS="120"))
    peak = 0.0
    while child.poll() is None:
        try:
            rss, hwm = _status(child.pid)
            position = _position(child.pid, corpus)
        except OSError:
            break
        peak = max(peak, hwm)
        print(f"{time.monotonic() - started:7.0f} s  "
              f"read {'   -  ' if position is None else f'{position / size:6.1%}'}  "
              f"RSS {rss:7.0f} MB  peak {hwm:7.0f} MB", flush=True)
        time.sleep(args.every)
    output = child.communicate()[0]
    elapsed = time.monotonic() - started
    summary = [line for line in output.splitlines() if "added" in line]
    print(f"file {size / 1e9:.2f} GB · ingest {elapsed:.0f} s ({size / 1e6 / elapsed:.1f} MB/s) "
          f"· peak RSS {peak:.0f} MB · exit {child.returncode}")
    print(summary[-1] if summary else output[-2000:])
    print(f"command: python -m eval.bigfile {' '.join(sys.argv[1:])}")


if __name__ == "__main__":
    main()
