"""The data contracts: the only things passed between ingest, store, assistant and UI.

Every model here is a pydantic model; nothing Chroma- or LangChain-shaped leaves the
module that wraps it.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Speaker = Literal["customer", "agent", "bot", "system"]
AgentType = Literal["human", "ai"]
Kind = Literal["why", "search", "summary", "compare", "count"]
Scalar = str | int | float | bool

# Metadata the ingest enrichment writes into every conversation (a value the source already
# carries is kept). Named here, with the contracts, so the assistant reads them without
# importing ingest, and so generic field detection can tell the enrichment's own fields from
# the fields a business recorded.
TOPIC = "topic"  # the taxonomy label matched at ingest
CUSTOMER_SENTIMENT = "customer_sentiment"  # mean over the customer's turns, −1 … 1
SENTIMENT_KEYS = ("customer_sentiment_start", "customer_sentiment_end", CUSTOMER_SENTIMENT)
VOICE_KEYS = ("talk_listen_ratio", "silence_share", "longest_silence_s", "interruptions")
ENRICHMENT_KEYS = frozenset({TOPIC, *SENTIMENT_KEYS, *VOICE_KEYS})

SPEAKER_LABELS: dict[str, str] = {
    "customer": "Customer",
    "agent": "Agent",
    "bot": "Bot",
    "system": "System",
}


class Turn(BaseModel):
    """One speaker's turn in a conversation."""

    model_config = ConfigDict(extra="forbid")

    speaker: Speaker
    text: str = Field(min_length=1)
    start: float | None = Field(default=None, ge=0)
    end: float | None = Field(default=None, ge=0)
    sentiment: float | None = Field(default=None, ge=-1, le=1)

    @field_validator("speaker", mode="before")
    @classmethod
    def _normalise_speaker(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("turn text is blank")
        return value

    @model_validator(mode="after")
    def _times_ordered(self) -> Turn:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"turn ends ({self.end}) before it starts ({self.start})")
        return self

    @property
    def label(self) -> str:
        return SPEAKER_LABELS[self.speaker]


class Agent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    type: AgentType = "human"

    @field_validator("type", mode="before")
    @classmethod
    def _normalise_type(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value


class ConversationMeta(BaseModel):
    """A conversation without its turns: what counting, windows and segments read (cheap to
    hold for every conversation of a large store)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    channel: str = Field(min_length=1)
    started_at: datetime
    agent: Agent
    customer_id: str | None = None
    metadata: dict[str, Scalar] = Field(default_factory=dict)

    @field_validator("channel", mode="before")
    @classmethod
    def _normalise_channel(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("started_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("started_at has no timezone; add one, e.g. 2026-10-03T14:22:05Z")
        return value.astimezone(timezone.utc)

    @property
    def day(self) -> int:
        """Days since the Unix epoch (UTC), for range filters."""
        return int(self.started_at.timestamp() // 86400)


class Conversation(ConversationMeta):
    """A whole customer conversation, normalised from any source format."""

    turns: list[Turn] = Field(min_length=1)

    def transcript(self, start: int = 0, end: int | None = None) -> str:
        """Speaker-labelled text of turns ``start..end`` (inclusive)."""
        last = len(self.turns) - 1 if end is None else end
        return "\n".join(f"{t.label}: {t.text}" for t in self.turns[start : last + 1])


class Chunk(BaseModel):
    """A window of consecutive whole turns of one conversation, ready to embed."""

    id: str
    conversation_id: str
    turn_start: int = Field(ge=0)
    turn_end: int = Field(ge=0)
    text: str
    metadata: dict[str, Scalar] = Field(default_factory=dict)


class Citation(BaseModel):
    """A verbatim excerpt backing a claim; ``n`` is its ``[n]`` marker in the answer."""

    n: int = Field(ge=1)
    conversation_id: str
    turn_start: int = Field(ge=0)
    turn_end: int = Field(ge=0)
    speaker: Speaker
    started_at: datetime
    channel: str
    text: str
    score: float = 0.0


class Driver(BaseModel):
    """A theme that grew between the baseline and the current window."""

    label: str
    keywords: list[str] = Field(default_factory=list)
    current_count: int = 0
    baseline_count: int = 0
    change: float | None = None
    share: float | None = None
    p_value: float | None = None
    citations: list[int] = Field(default_factory=list)
    conversation_ids: list[str] = Field(default_factory=list)  # the current window's conversations in this theme
    weekly: dict[str, int] = Field(default_factory=dict)  # week start (ISO date) -> conversations, both windows


class TimeWindow(BaseModel):
    start: datetime
    end: datetime  # exclusive
    label: str = ""


class Filters(BaseModel):
    """What the question was resolved to: time window and metadata equality filters."""

    window: TimeWindow | None = None
    baseline: TimeWindow | None = None
    channel: list[str] = Field(default_factory=list)
    agent_type: list[AgentType] = Field(default_factory=list)
    metadata: dict[str, list[Scalar]] = Field(default_factory=dict)

    def describe(self) -> list[str]:
        parts: list[str] = []
        if self.window:
            parts.append(f"window: {self.window.label or _span(self.window)}")
        if self.baseline:
            parts.append(f"baseline: {self.baseline.label or _span(self.baseline)}")
        if self.channel:
            parts.append("channel: " + " or ".join(self.channel))
        if self.agent_type:
            parts.append("agent: " + " or ".join(self.agent_type))
        for key, values in self.metadata.items():
            parts.append(f"{key}: " + " or ".join(str(v) for v in values))
        return parts


def _span(window: TimeWindow) -> str:
    return f"{window.start.date().isoformat()} – {window.end.date().isoformat()} (exclusive)"


class Segment(BaseModel):
    """A counted slice: one window, or one segment of a comparison."""

    label: str
    conversations: int
    matching: int | None = None
    measures: dict[str, float | None] = Field(default_factory=dict)


class Comparison(BaseModel):
    current: Segment
    baseline: Segment | None = None
    segments: list[Segment] = Field(default_factory=list)


class ClaimVerdict(BaseModel):
    """One claim of a model's prose as the check judged it (``assistant/writing/check.py``)."""

    text: str
    markers: list[int] = Field(default_factory=list)
    supported: bool
    rule: str | None = None  # the rule it broke: "number", "pair", "direction", "name", "winner", …
    why: str | None = None  # in words, naming what the cited excerpts do back


class NameVerdict(BaseModel):
    """A model's name for one theme of an answer, as the check judged it (``assistant/writing/naming.py``)."""

    analysis: str  # the label the analysis gave the theme
    proposed: str  # what the model wrote
    accepted: bool
    rule: str | None = None  # the rule it broke: "length", "person", "copied", "ungrounded", …


class Backend(BaseModel):
    llm: str = "extractive"
    embedder: str = ""
    prompt: str | None = None  # the prompt template's id and version, e.g. "answer.v4"
    prompt_text: str | None = None  # the exact text sent to the model
    model_text: str | None = None  # what the model wrote, before the check
    context_size: int | None = None
    excerpts_trimmed: int = 0  # excerpts left out of the prompt to fit the model's context
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    first_token_ms: float | None = None
    generation_ms: float | None = None
    claims: list[ClaimVerdict] = Field(default_factory=list)  # every claim of the model's text, as checked
    names: list[NameVerdict] = Field(default_factory=list)  # the model's names for the themes, as checked
    naming_prompt: str | None = None  # the exact text sent to name them
    naming_ms: float | None = None
    # a question the rules could not place, read by the model (CONVOSCOPE_LLM_PARSE=1)
    reading: str | None = None  # what the model wrote (JSON held to a grammar)
    reading_prompt: str | None = None
    reading_problem: str | None = None  # why its reading was not used


class Answer(BaseModel):
    """Everything a user sees for one question, and how it was produced."""

    question: str
    kind: Kind
    filters: Filters = Field(default_factory=Filters)
    topic: str = ""  # the words that defined the population
    segment_field: str | None = None  # for compare answers: the field compared
    population: str | None = None
    topic_model: str | None = None  # the store's topic model the population was resolved against
    comparison: Comparison | None = None
    answer: str
    drivers: list[Driver] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    caveats: list[str] = Field(default_factory=list)
    # the population's conversations in the current window, most clearly on topic first (at most 50)
    conversations: list[str] = Field(default_factory=list)
    backend: Backend = Field(default_factory=Backend)
    timings_ms: dict[str, float] = Field(default_factory=dict)


# --- measures derived from a conversation's turns (written at ingest, read by the dashboards) ---


def customer_sentiment_change(conversation: Conversation) -> float | None:
    """The customer's sentiment at the end minus at the start (first and last customer turn)."""
    scores = [t.sentiment for t in conversation.turns if t.speaker == "customer" and t.sentiment is not None]
    return round(scores[-1] - scores[0], 3) if len(scores) >= 2 else None


def voice_metrics(conversation: Conversation) -> dict[str, float | int]:
    """From turn timings (voice and captions): the agent's (or bot's) speaking time over the
    customer's, the share of the call nobody speaks, the longest silence, and how often a
    speaker starts before the other has finished. Empty without timings on every turn."""
    turns = conversation.turns
    if not turns or any(t.start is None or t.end is None for t in turns):
        return {}
    agent = sum(t.end - t.start for t in turns if t.speaker in ("agent", "bot"))
    customer = sum(t.end - t.start for t in turns if t.speaker == "customer")
    spans = sorted((t.start, t.end) for t in turns)
    total = max(end for _, end in spans) - spans[0][0]
    covered, longest, reach = 0.0, 0.0, spans[0][0]
    for start, end in spans:
        if start > reach:
            longest = max(longest, start - reach)
        covered += max(0.0, end - max(start, reach))
        reach = max(reach, end)
    interruptions = sum(1 for a, b in zip(turns, turns[1:]) if b.speaker != a.speaker and b.start < a.end)
    out: dict[str, float | int] = {"interruptions": interruptions, "longest_silence_s": round(longest, 2)}
    if total > 0:
        out["silence_share"] = round(max(0.0, 1 - covered / total), 3)
    if customer > 0:
        out["talk_listen_ratio"] = round(agent / customer, 3)
    return out
