"""Follow-up questions refine the previous one: "only on chat", "what about September?",
"tell me more about the second one"."""

from __future__ import annotations

import re

from assistant.understanding.timewindows import previous_window
from assistant.understanding.understand import Understanding
from convoscope.models import Answer

ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3, "fifth": 4,
            "5th": 4, "last": -1, "top": 0}
FOLLOW_CUES = re.compile(r"^\s*(?:and|what about|how about|only|just|now|same|but|ok|okay|then)\b|\b(?:instead|too)\b|"
                         r"\bas well\b(?! as\b)")  # "as well as our human agents" compares, it does not follow up
DRILL = re.compile(r"\b(?:more (?:about|on)|drill (?:into|down)|dig into|expand on|details? (?:on|about)|explain)\b")
FILLER = {"more", "about", "tell", "me", "drill", "into", "down", "dig", "expand", "details", "detail", "explain",
          "one", "ones", "driver", "theme", "reason", "that", "it", "them", "only", "just", "instead", "what",
          "how", "now", "same", "and", "but", "ok", "okay", "then", "too", "well"}


def _topic_words(u: Understanding) -> list[str]:
    return [w for w in u.topic.split() if w not in FILLER and w not in ORDINALS]


def refine(u: Understanding, previous: Answer | None) -> Understanding:
    """``u`` merged with the previous answer when it reads as a follow-up to it."""
    if previous is None:
        return u
    text = u.question.lower()
    drill = DRILL.search(text)
    ordinal = next((i for word, i in ORDINALS.items() if re.search(rf"\b{word}\b", text)), None)
    if drill and previous.drivers:
        index = ordinal if ordinal is not None else 0
        if -len(previous.drivers) <= index < len(previous.drivers):
            driver = previous.drivers[index]
            filters = previous.filters.model_copy(deep=True)
            filters.baseline = None
            return Understanding(
                question=u.question, kind="search", filters=filters,
                topic=" ".join(driver.keywords[:4]) or driver.label, change=False, segment_field=None,
            )
    if _topic_words(u) and not FOLLOW_CUES.search(text):
        return u  # a new question of its own
    merged = previous.filters.model_copy(deep=True)
    if u.filters.window is not None:
        merged.window = u.filters.window
        merged.baseline = u.filters.baseline or (
            previous_window(u.filters.window) if previous.filters.baseline else None)
    merged.channel = u.filters.channel or merged.channel
    merged.agent_type = u.filters.agent_type or merged.agent_type
    merged.metadata = {**merged.metadata, **u.filters.metadata}
    if u.segment_field is not None:  # "and by region?": the previous question, per segment
        merged.baseline = None
        field = u.segment_field  # the compared field filtered as this question says (to its named values or not)
        if field in ("channel", "agent_type"):
            setattr(merged, field, list(getattr(u.filters, field)))
        elif field != "agent_id":
            merged.metadata.pop(field, None)
            if field in u.filters.metadata:
                merged.metadata[field] = u.filters.metadata[field]
        return Understanding(question=u.question, kind="compare", filters=merged, topic=previous.topic or "",
                             segment_field=u.segment_field, segment_values=u.segment_values)
    return Understanding(
        question=u.question, kind=previous.kind, filters=merged, topic=previous.topic or "",
        change=previous.filters.baseline is not None, segment_field=previous.segment_field,
    )
