"""Enrichment stored with each conversation: per-turn sentiment.

Sentiment is VADER's compound score (-1..1), a lexicon-and-rules model that runs offline
and needs no model download. A score the source already carries (e.g. a vendor's
analytics) is kept.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from convoscope.models import (  # noqa: F401 (re-exported)
    CUSTOMER_SENTIMENT,
    SENTIMENT_KEYS,
    TOPIC,
    VOICE_KEYS,
    Conversation,
    customer_sentiment_change,
    voice_metrics,
)


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


PIECE = 2000  # characters: VADER's time grows with the square of a text's length (a 200 kB turn: minutes)


def compound(text: str) -> float:
    """VADER's compound score; a long text is scored in pieces of at most ``PIECE`` characters
    (cut at spaces) and the scores averaged by length, so time stays linear in the length."""
    analyzer = _analyzer()
    if len(text) <= PIECE:
        return analyzer.polarity_scores(text)["compound"]
    scores, start = [], 0
    while start < len(text):
        end = len(text) if len(text) - start <= PIECE else text.rfind(" ", start + 1, start + PIECE)
        end = start + PIECE if end <= start else end
        piece = text[start:end]
        scores.append((len(piece), analyzer.polarity_scores(piece)["compound"]))
        start = end
    return sum(n * score for n, score in scores) / sum(n for n, _ in scores)


def with_sentiment(conversation: Conversation) -> Conversation:
    """The conversation with every turn's sentiment filled in (source scores kept)."""
    if all(turn.sentiment is not None for turn in conversation.turns):
        return conversation
    turns = [
        turn if turn.sentiment is not None
        else turn.model_copy(update={"sentiment": round(compound(turn.text), 3)})
        for turn in conversation.turns
    ]
    return conversation.model_copy(update={"turns": turns})


# --- enrichment stored in the conversation's metadata ------------------------------------
# The keys below are written at ingest (a value the source already carries is kept), so the
# app and the analysis read them instead of recomputing them.

# TOPIC, VOICE_KEYS, CUSTOMER_SENTIMENT and SENTIMENT_KEYS are named in convoscope.models.


def sentiment_ends(conversation: Conversation) -> dict[str, float]:
    """The customer's sentiment in their first and last turn (scores from ``with_sentiment``),
    nothing when the customer spoke only once; and its mean over their turns (the overview's
    weekly sentiment), when they spoke at all."""
    scores = [t.sentiment for t in conversation.turns if t.speaker == "customer" and t.sentiment is not None]
    ends = {"customer_sentiment_start": scores[0], "customer_sentiment_end": scores[-1]} if len(scores) >= 2 else {}
    return {**ends, CUSTOMER_SENTIMENT: float(np.mean(scores))} if scores else ends


class Taxonomy:
    """Topic labels with descriptions, matched by embeddings; below ``threshold`` a
    conversation is ``other``. ``CONVOSCOPE_TAXONOMY`` names a YAML file of the same shape
    as ``ingest/taxonomy.yaml``; the descriptions are embedded once per process."""

    def __init__(self, labels: list[tuple[str, str]], threshold: float = 0.45) -> None:
        if not labels:
            raise ValueError("a taxonomy needs at least one label")
        self.labels = labels
        self.threshold = threshold
        self._vectors = None

    @classmethod
    def load(cls, path: str | None = None):
        from importlib import resources

        import yaml

        from convoscope import settings
        from convoscope.errors import ConvoscopeError

        chosen = path or settings.current().taxonomy
        try:
            text = (open(chosen, encoding="utf-8").read() if chosen
                    else resources.files("ingest").joinpath("taxonomy.yaml").read_text(encoding="utf-8"))
            data = yaml.safe_load(text) or {}
            labels = [(str(item["label"]), str(item["description"])) for item in data.get("labels", [])]
            return cls(labels, float(data.get("threshold", 0.45)))
        except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as err:
            raise ConvoscopeError(f"the taxonomy {chosen or 'ingest/taxonomy.yaml'} cannot be read ({err})",
                                  "give each entry of labels: a label and a description "
                                  "(see ingest/taxonomy.yaml)") from err

    def vectors(self, embed):
        if self._vectors is None:
            self._vectors = embed([f"{label}: {description}" for label, description in self.labels])
        return self._vectors

    def classify(self, statement_vectors, embed) -> tuple[str, float]:
        """The label closest to any of the customer's statements, or ``other``."""
        import numpy as np

        if statement_vectors is None or len(statement_vectors) == 0:
            return "other", 0.0
        scores = (np.asarray(statement_vectors) @ self.vectors(embed).T).max(axis=0)
        best = int(scores.argmax())
        score = float(scores[best])
        return (self.labels[best][0] if score >= self.threshold else "other"), round(score, 3)


def enriched(conversation: Conversation, topic: str | None) -> Conversation:
    """The conversation with its stored enrichment in metadata (source values win)."""
    extra: dict[str, float | int | str] = {**sentiment_ends(conversation), **voice_metrics(conversation)}
    if topic is not None:
        extra[TOPIC] = topic
    metadata = {**extra, **conversation.metadata}
    return conversation.model_copy(update={"metadata": metadata})
