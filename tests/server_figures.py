"""Embedded Chroma beside a real `chroma run` on the same data: ingest rate (hash embedder, so
the store's own cost shows), dense search latency, whether answers and top-20 hits agree, and
what the app's read-only private copy of the embedded folder costs.

    CONVOSCOPE_ALLOW_MODELS=0 .venv/bin/python tests/server_figures.py 1000
    .venv/bin/python tests/server_figures.py 300 real     # the real embedder (slower)
"""
import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from pathlib import Path

from chroma_proc import ChromaProcess

from assistant import ask
from eval.sample import generate
from ingest import ingest_conversations
from vectorstore import HashEmbedder, Store, make_embedder

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
REAL = len(sys.argv) > 2 and sys.argv[2] == "real"
embedder = make_embedder() if REAL else HashEmbedder(384)
QUERIES = ["the app keeps buffering", "I want to cancel my plan", "refund for a double charge", "moving house",
           "password reset email never arrives", "my internet keeps dropping", "price went up", "talk to a manager"]
root = Path(tempfile.mkdtemp(prefix="convoscope-figures-"))
conversations = generate(n=N, seed=7).conversations
started = time.perf_counter()
server = ChromaProcess(root / "server").start()
print(f"chroma run answers its heartbeat {time.perf_counter() - started:.1f} s after start")
try:
    stores = {"embedded": Store(root / "embedded", embedder=embedder),
              "server": Store(root / "remote", chroma_url=server.url, embedder=embedder)}
    for name, store in stores.items():
        started = time.perf_counter()
        ingest_conversations(store, conversations)
        seconds = time.perf_counter() - started
        print(f"{name}: {N} conversations ({store.vectors.count()} chunks) ingested in {seconds:.1f} s, "
              f"{N / seconds:.0f} conv/s")
    for name, store in stores.items():
        latency = []
        for query in QUERIES * 5:
            started = time.perf_counter()
            store.search(query, k=20)
            latency.append((time.perf_counter() - started) * 1000)
        latency.sort()
        print(f"{name}: search k=20 p50 {statistics.median(latency):.1f} ms, "
              f"p95 {latency[int(len(latency) * 0.95) - 1]:.1f} ms")
    questions = ["why did cancellations rise last month?", "how many refund requests in October?",
                 "show me customers who want to cancel"]
    same = sum(ask(q, stores["embedded"]).model_dump(exclude={"backend", "timings_ms"})
               == ask(q, stores["server"]).model_dump(exclude={"backend", "timings_ms"}) for q in questions)
    hits = sum([h.id for h in stores["embedded"].search(q, k=20)] == [h.id for h in stores["server"].search(q, k=20)]
               for q in QUERIES)
    print(f"identical answers {same}/{len(questions)}; identical top-20 hits {hits}/{len(QUERIES)} "
          "(HNSW is approximate)")
    started = time.perf_counter()
    reader = Store(root / "embedded", embedder=embedder, read_only=True)
    reader.vectors.count()
    size = sum(f.stat().st_size for f in (root / "embedded" / "chroma").rglob("*") if f.is_file())
    print(f"read-only open with its private copy of {size / 1e6:.1f} MB: {time.perf_counter() - started:.2f} s")
finally:
    server.stop()
    shutil.rmtree(root, ignore_errors=True)
