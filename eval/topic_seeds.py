"""What the Agents page flags as the store's topics are re-fitted with other seeds.

    python -m eval.topic_seeds STORE [--seeds 0 1 2 …]

The learned topics move with the fit's seed; the page's gaps should not. For each seed, a copy
of STORE is re-fitted (``ingest.topics.fit``, same statements) and the page's report
(``assistant.dashboards.agents.agents_report``) is printed: every gap, the topic or glossary
term it is on, and its q-value. STORE itself is never changed.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from assistant.dashboards.agents import agents_report
from ingest.topics import fit
from vectorstore import Store


def refitted(source: Path, seed: int, folder: Path) -> Store:
    """A copy of the store at ``source`` whose topics are fitted again with ``seed``."""
    shutil.copytree(source, folder)
    store = Store(folder)
    c = store.conversations
    model = c.topic_model()
    ids, turns, texts, vectors, rowids, _ = c.statement_rows()
    fitted, labels = fit(ids, texts, vectors, turns, version=(model.version if model else 0) + 1, seed=seed)
    c.save_topics(fitted, list(zip(rowids.tolist(), labels.tolist())))
    store.close()
    return Store(folder)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.topic_seeds", description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--seeds", type=int, nargs="+", default=list(range(8)))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for seed in args.seeds:
            store = refitted(args.store, seed, Path(tmp) / f"seed-{seed}")
            gaps = agents_report(store).gaps
            store.close()
            print(f"seed {seed}: {len(gaps)} gaps")
            for gap in gaps:
                print(f"  {gap.text} — {'AI' if gap.worse == 'ai' else 'human'} agents do worse")


if __name__ == "__main__":
    main()
