"""Question latency per kind on an existing store: ``python -m eval.latency_on_store STORE``.

``convoscope bench`` builds a fresh store each run; this asks the same benchmark questions
(extractive writer, warm, the first question not counted) of a store that is already built,
e.g. to compare two versions of the code on the same 10,000 conversations.
"""

from __future__ import annotations

import argparse
import time

from eval.bench import QUESTIONS, Phase, measure_latency, rss_mb
from vectorstore import HashEmbedder, Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--repeats", type=int, default=2, help="times each question is asked")
    parser.add_argument("--embedder", default="",
                        help="hash: the stand-in the store was built with (bench --embedder hash)")
    parser.add_argument("--pages", action="store_true", help="time the app's overview and agents pages instead")
    args = parser.parse_args()
    store = Store(args.store, embedder=HashEmbedder(384) if args.embedder == "hash" else None)
    print(f"{store.conversations.count()} conversations in {args.store}")
    if args.pages:
        return time_pages(store)
    from assistant import ask

    started = time.perf_counter()
    ask(QUESTIONS["why"][0], store)
    print(f"first question (statements read into memory, the topic's index built): "
          f"{time.perf_counter() - started:.1f} s; the warm questions:")
    for row in measure_latency(store, Phase(), repeats=args.repeats):
        print(f"{row.kind:8s} p50 {row.p50_ms:7.0f} ms  p95 {row.p95_ms:7.0f} ms  max {row.max_ms:7.0f} ms"
              f"{'  answered as ' + str(row.understood_as) if row.understood_as else ''}")
    print(f"peak RSS of this process: {rss_mb():,.0f} MB")


def time_pages(store: Store) -> None:
    """The overview and agents pages' computations, each twice (the first after opening the store)."""
    from assistant.dashboards.agents import agents_report
    from assistant.dashboards.overview import overview

    for name, page in (("overview", overview), ("agents", agents_report)):
        for attempt in ("first", "again"):
            started = time.perf_counter()
            page(store)
            print(f"{name:8s} {attempt}: {time.perf_counter() - started:5.1f} s")


if __name__ == "__main__":
    main()
