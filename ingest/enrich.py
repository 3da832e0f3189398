"""Enrichment stored with each conversation: per-turn sentiment.

Sentiment is VADER's compound score (-1..1), a lexicon-and-rules model that runs offline
and needs no model download. A score the source already carries (e.g. a vendor's
analytics) is kept.
"""

from __future__ import annotations

from functools import lru_cache

from convoscope.models import Conversation


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def with_sentiment(conversation: Conversation) -> Conversation:
    """The conversation with every turn's sentiment filled in (source scores kept)."""
    if all(turn.sentiment is not None for turn in conversation.turns):
        return conversation
    analyzer = _analyzer()
    turns = [
        turn if turn.sentiment is not None
        else turn.model_copy(update={"sentiment": round(analyzer.polarity_scores(turn.text)["compound"], 3)})
        for turn in conversation.turns
    ]
    return conversation.model_copy(update={"turns": turns})


def customer_sentiment_change(conversation: Conversation) -> float | None:
    """The customer's sentiment at the end minus at the start (first and last customer turn)."""
    scores = [t.sentiment for t in conversation.turns if t.speaker == "customer" and t.sentiment is not None]
    return round(scores[-1] - scores[0], 3) if len(scores) >= 2 else None
