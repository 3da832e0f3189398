"""What ``convoscope bench`` measures, as a typed report: throughput of ingest beside the
embedder alone, latency per question kind, memory, store size, the machine, and the targets
they are held to (BENCHMARKS.md)."""

from __future__ import annotations

from pydantic import BaseModel, Field, computed_field

TARGET_RATIO = 0.8  # ingest at >= 80 % of the embedder's own throughput (issue 4)
TARGET_P95_MS = {10_000: 1000.0, 100_000: 2000.0}  # p95 per kind, at that many conversations and above


class Throughput(BaseModel):
    seconds: float
    conversations: int
    chunks: int
    statements: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def texts(self) -> int:
        return self.chunks + self.statements

    def rate(self, what: int) -> float:
        return what / self.seconds if self.seconds else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def conversations_per_s(self) -> float:
        return self.rate(self.conversations)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def chunks_per_s(self) -> float:
        return self.rate(self.chunks)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def texts_per_s(self) -> float:
        return self.rate(self.texts)


class KindLatency(BaseModel):
    kind: str
    questions: int
    samples: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    understood_as: dict[str, str] = Field(default_factory=dict)  # questions answered as another kind


class BackendFigures(BaseModel):
    backend: str
    name: str
    texts: int
    load_s: float
    seconds: float
    texts_per_s: float
    mean_cosine: float  # against the torch backend's vectors
    min_cosine: float


class WriterFigures(BaseModel):
    """One question written by a model: the prompt it got, how fast it came, whether it passed."""

    llm: str
    question: str
    prompt_tokens: int
    completion_tokens: int
    first_token_ms: float
    total_ms: float
    excerpts_trimmed: int
    shown: bool  # the model's text passed the check

    @computed_field  # type: ignore[prop-decorator]
    @property
    def prompt_tokens_per_s(self) -> float:
        return self.prompt_tokens / (self.first_token_ms / 1000) if self.first_token_ms else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def generation_tokens_per_s(self) -> float:
        seconds = (self.total_ms - self.first_token_ms) / 1000
        return (self.completion_tokens - 1) / seconds if seconds > 0 and self.completion_tokens > 1 else 0.0


class Machine(BaseModel):
    cpu: str
    cores: int
    memory_gib: float
    python: str
    system: str
    load_before: float
    load_after: float = 0.0


class BenchReport(BaseModel):
    n: int
    seed: int
    corpus: str | None = None  # the file of conversations measured, when not the generated sample
    date: str
    command: str
    machine: Machine
    embedder: str
    ingest: Throughput
    embedder_alone: Throughput
    embed_seconds_in_ingest: float
    latency: list[KindLatency]
    store_bytes: int
    peak_rss_mb: float
    rss_mb_after: dict[str, float]
    backends: list[BackendFigures] = Field(default_factory=list)
    writer: list[WriterFigures] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ratio(self) -> float:
        """Ingest throughput over the embedder's own, on the same texts (1.0: no overhead)."""
        alone = self.embedder_alone.texts_per_s
        return self.ingest.texts_per_s / alone if alone else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def p95_target_ms(self) -> float | None:
        reached = [ms for n, ms in sorted(TARGET_P95_MS.items()) if self.n >= n]
        return reached[-1] if reached else None
