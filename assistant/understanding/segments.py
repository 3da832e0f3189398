"""Segment questions: "which region has the most outage complaints", "complaints by channel",
"which has more refunds: AcmeAir or Brightline", "are the AI agents doing as well as our
human agents".

The field compared is one the store holds (a metadata key, the channel, the agent's type or
id), named by its key, its plural, its words, or a general English synonym that maps only
onto a field the store has; compared values are the store's own values, matched without
regard to case. Nothing here names a business's fields or values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, Field

from convoscope.models import Scalar

COLUMNS = ("channel", "agent_type", "agent_id")  # fields every store has, outside the metadata
# General English words for a field, each mapped onto the first of its candidates the store holds.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "team": ("team", "queue", "department", "group"),
    "department": ("department", "queue", "team"),
    "desk": ("desk", "queue", "team"),
    "group": ("group", "queue", "team"),
    "area": ("area", "region", "location", "city", "country"),
    "town": ("town", "city", "region", "location"),
    "city": ("city", "town", "region", "location"),
    "location": ("location", "region", "city", "site"),
    "place": ("place", "location", "region", "city"),
    "site": ("site", "location", "region"),
    "country": ("country", "region", "market"),
    "state": ("state", "region"),
    "market": ("market", "region", "country"),
    "territory": ("territory", "region"),
    "brand": ("brand", "company", "client", "account"),
    "client": ("client", "company", "account", "brand"),
    "account": ("account", "company", "client"),
    "business": ("business", "company", "client"),
    "firm": ("firm", "company", "client"),
    "organisation": ("organisation", "organization", "company", "client"),
    "organization": ("organization", "organisation", "company", "client"),
    "product": ("product", "plan", "tier", "package"),
    "plan": ("plan", "product", "tier", "package"),
    "tier": ("tier", "plan", "product"),
    "package": ("package", "plan", "product"),
    "subscription": ("subscription", "plan", "product"),
    "medium": ("medium", "channel"),
    "agent": ("agent_id",),
    "rep": ("agent_id",),
    "representative": ("agent_id",),
    "advisor": ("agent_id",),
    "adviser": ("agent_id",),
    "operator": ("agent_id",),
    "agent type": ("agent_type",),
    "type of agent": ("agent_type",),
    "kind of agent": ("agent_type",),
    "request type": ("request_type", "disposition", "reason"),
    "contact reason": ("contact_reason", "disposition", "reason"),
    "result": ("result", "outcome"),
    "language": ("language", "locale"),
}
# "which <field> has the most …": the field is followed by a verb or a superlative, not a noun
# ("what product issues came up" names no field to compare on).
AFTER_WHICH = (
    r"has|had|have|gets?|got|sees?|saw|seen|is|was|are|were|does|did|do|receives?|received|handles?|handled|"
    r"takes?|took|leads?|led|draws?|drew|generates?|generated|produces?|produced|accounts?|comes?|came|shows?|"
    r"showed|stands?|stood|reports?|reported|logs?|logged|with|in|for|on|of|most|more|fewest|fewer|least|less|"
    r"highest|lowest|biggest|largest|smallest|worst|best|tops?|topped|should|would|could|will"
)
SUPERLATIVE = r"most|fewest|least|highest|lowest|biggest|largest|smallest|greatest|worst|best|busiest|quietest|top"
RANKING = rf"\b(?:{SUPERLATIVE}|more|fewer|less|higher|lower|better|worse)\b"
COMPARING = (
    r"\b(?:which|who|compar\w*|vs\.?|versus|against|than|differ\w*|between|more|fewer|less|better|worse|"
    r"higher|lower|most|least|side by side)\b"
)
# "are the AI agents … as well as our human agents?" compares; "refunds on chat as well as email" lists
AS_WELL_AS = r"\bas (?:well|good|fast|quickly|often|much|many|badly|poorly) as\b"
JOINING = rf"\b(?:or|and|vs\.?|versus|than|with|to|against|nor)\b|,|/|{AS_WELL_AS}"
ASKING = r"^\s*(?:are|is|do|does|did|have|has|can|could|were|was|will|would)\b"
# Verbs after which "by" names who did something ("handled by agents"), not a breakdown.
BREAKDOWN_VERBS = {"grouped", "segmented", "sorted", "ranked", "split", "broken", "counted", "listed", "compared",
                   "bucketed", "sliced", "cut", "shown", "totalled", "totaled"}
# Request phrasing a segment question adds, never its topic.
WORDS = frozenset("""fewest highest lowest biggest largest smallest greatest least busiest quietest gets sees saw seen
    receives received receive generates generated draws drew leads led leading winner wins won each every per across
    among split broken grouped breakdown ranked rank sorted well good rate rates share proportion percentage
    respectively one ones versus vs against stack stacks compare compared comparing comparison who handles
    takes took deals dealt""".split())


class SegmentAsk(BaseModel):
    """What a segment question asks: the field, the values it names (two or more), and where
    in the question the field words and values were (to keep them out of the topic)."""

    field: str
    values: list[Scalar] = Field(default_factory=list)
    spans: list[tuple[int, int]] = Field(default_factory=list)


def plural(word: str) -> str:
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "es" if re.search(r"(?:s|x|z|ch|sh)$", word) else word + "s"


def store_fields(values: Mapping[str, Mapping[Scalar, int]]) -> list[str]:
    """The fields a question can compare on: the columns and every metadata key offered as a filter."""
    return list(COLUMNS) + [k[5:] for k in values if k.startswith("meta_")]


def field_words(fields: Iterable[str]) -> dict[str, str]:
    """Spoken words (singular and plural) -> the store field they name. The field's own key
    wins over a synonym; a synonym maps onto the first of its candidates the store has."""
    fields = list(fields)
    out: dict[str, str] = {}
    for word, candidates in SYNONYMS.items():
        field = next((c for c in candidates if c in fields), None)
        if field is not None:
            head, _, last = word.rpartition(" ")
            out[word] = out[f"{head} {plural(last)}".strip()] = field
    for field in fields:
        spoken = field.replace("_", " ").strip().lower()
        if len(spoken) < 2 or field == "agent_id":  # "agent id" is said "agent", a synonym
            continue
        head, _, last = spoken.rpartition(" ")
        out[spoken] = out[f"{head} {plural(last)}".strip()] = field
    return out


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _field_mention(text: str, words: dict[str, str]) -> tuple[str, tuple[int, int]] | None:
    """The field a segment phrasing names ("which region had…", "by channel", "per team"), and its span."""
    if not words:
        return None
    f = _alternation(words)
    patterns = [
        rf"\b(?P<f>{f})\s+(?P<by>by|per)\s+(?P=f)\b",  # "town by town"
        rf"\b(?:which|what)\s+(?:(?:one|ones)\s+of\s+)?(?:(?:our|the|my|your|their)\s+)?(?P<f>{f})(?=\s+(?:{AFTER_WHICH})\b|\s*[?:,.]|\s*$)",
        rf"\b(?:(?:broken\s+(?:down|out)|split(?:\s+up)?|grouped|segmented|sorted|ranked|bucketed)\s+)?"
        rf"(?P<by>by|per|across|among|amongst|each|every)\s+(?:(?:the|our|their|all|different)\s+)?(?P<f>{f})\b",
        rf"\bcompar\w*\s+(?:(?:the|our|their|all|different)\s+)?(?P<f>{f})\b",
        rf"\b(?:top\s+(?:\d+\s+|three\s+|five\s+|ten\s+)?|(?:{SUPERLATIVE})\s+)(?P<f>{f})\b",
    ]
    for i, pattern in enumerate(patterns):
        for match in re.finditer(pattern, text):
            if i == 1 and match.group(0).startswith("what") and not re.search(RANKING, text[match.end():]):
                continue  # "what topics are customers raising" asks for themes; "what region has the most…" ranks
            before = text[: match.start()].split()
            if (match.groupdict().get("by") == "by" and match.group(0).startswith("by") and before
                    and re.search(r"(?:ed|en)$", before[-1]) and before[-1] not in BREAKDOWN_VERBS):
                continue  # "handled by agents": who did it, not a breakdown
            spoken = " ".join(match.group("f").split())
            return words[spoken], match.span()
    return None


def _value_pattern(value: str) -> str:
    parts = [re.escape(p) for p in re.split(r"[\s_-]+", value.lower()) if p]
    return r"(?<![\w-])" + r"[\s_-]+".join(parts) + r"(?:s|es|'s)?(?![\w-])"


def named_values(
    text: str, values: Mapping[str, Mapping[Scalar, int]], aliases: Mapping[str, Mapping[str, list[str]]],
) -> dict[str, dict[Scalar, list[tuple[int, int]]]]:
    """Per field, the store's values the question names (case-insensitive; multi-word values,
    simple plurals; for columns with ``aliases``, their spoken words) and where."""
    found: dict[str, dict[Scalar, list[tuple[int, int]]]] = {}
    for key, counts in values.items():
        field = key[5:] if key.startswith("meta_") else key
        for value in counts:
            if key in aliases:
                spoken = [*aliases[key].get(str(value), []), str(value).lower()]
                pattern = r"(?<![\w-])(?:" + _alternation(spoken) + r")(?![\w-])"
            elif isinstance(value, str) and len(value.strip()) >= 2 and re.search(r"[A-Za-z]", value):
                pattern = _value_pattern(value)
            else:
                continue
            spans = [m.span() for m in re.finditer(pattern, text)] if pattern else []
            if spans:
                found.setdefault(field, {})[value] = spans
    return found


def _joined(text: str, named: dict[Scalar, list[tuple[int, int]]]) -> list[Scalar]:
    """The named values joined as alternatives ("A or B", "A than B", "A compared with B",
    "A, B and C"), in the order they are named; "delivery complaints" joins nothing."""
    first = sorted(((min(spans), value) for value, spans in named.items()), key=lambda x: x[0])
    chain: list[Scalar] = []
    for (span, value), (after, other) in zip(first, first[1:]):
        if re.search(JOINING, text[span[1]:after[0]]):
            chain += [v for v in (value, other) if v not in chain]
    return chain


def find_segment(
    text: str, values: Mapping[str, Mapping[Scalar, int]], aliases: Mapping[str, Mapping[str, list[str]]],
) -> SegmentAsk | None:
    """The segment question in ``text`` (lower case), or None. A field word ("which company…",
    "by channel") names the field; values of one field joined as alternatives ("AcmeAir or
    Brightline", "AI agents as well as human agents") name it too, and limit it to them."""
    mention = _field_mention(text, field_words(store_fields(values)))
    asked = re.search(COMPARING, text) or (re.search(ASKING, text) and re.search(AS_WELL_AS, text))
    named = named_values(text, values, aliases) if asked else {}
    pairs = {f: chain for f, v in named.items() if len(chain := _joined(text, v)) >= 2}
    if mention is not None and mention[0] not in pairs:  # "which client gets the fewest delivery complaints"
        return SegmentAsk(field=mention[0], spans=[mention[1]])
    if not pairs:
        return None
    field = min(pairs, key=lambda f: (-len(pairs[f]), min(s[0] for v in pairs[f] for s in named[f][v])))
    spans = [s for v in pairs[field] for s in named[field][v]] + [m.span() for m in re.finditer(AS_WELL_AS, text)]
    return SegmentAsk(field=field, values=pairs[field], spans=spans + ([mention[1]] if mention else []))
