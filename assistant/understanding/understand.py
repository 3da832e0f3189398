"""Question understanding: kind, time window, metadata filters and the topic to look for.

Filters are matched against the values actually present in the store, so "on chat",
"AI agents" or "the Premium plan" become filters only when the store has such values.
"""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, Field
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from assistant.understanding.segments import SYNONYMS, find_segment, plural
from assistant.understanding.segments import WORDS as SEGMENT_WORDS
from assistant.understanding.timewindows import resolve
from convoscope.models import Filters, Kind, Scalar
from convoscope.settings import glossary

CHANNEL_WORDS = {
    "voice": ["voice", "call", "calls", "phone", "phone calls", "calling", "telephone"],
    "chat": ["chat", "chats", "live chat", "webchat", "messaging"],
    "email": ["email", "emails", "e-mail", "e-mails", "mail"],
    "social": ["social", "social media", "twitter", "facebook", "instagram"],
    "sms": ["sms", "text message", "text messages", "texts"],
}
AGENT_WORDS = {
    "ai": ["ai agent", "ai agents", "ai", "bot", "bots", "virtual agent", "virtual agents", "automated", "chatbot"],
    # not "people": "people leaving us" are customers; "real people" are agents
    "human": ["human agent", "human agents", "humans", "human", "live agent", "live agents", "real people",
              "real person", "human team", "human teams", "human staff"],
}
FIELD_WORDS = {
    "product": ["plan", "plans", "product", "products", "tier", "package", "subscription"],
    "queue": ["queue", "queues", "team", "line", "desk"],
    "disposition": ["disposition", "request type", "contact reason", "reason code"],
    "outcome": ["outcome", "outcomes"],
}
KIND_CUES: list[tuple[Kind, str]] = [
    ("compare", r"\bcompar\w*|\bvs\.?\b|\bversus\b|\bdifference between\b|\b(?:better|worse) (?:than|at|on|with)\b|"
                r"\bside by side\b|\bperform\w*\b"),
    ("why", r"\bwhy\b|\bwhat(?:'s| is|s)? (?:drove|drives|driving|caused|causes|causing|behind|explains)\b|"
            r"\breasons? (?:for|behind)\b|\broot cause|\bdrivers?\b|\bwhat (?:changed|happened)\b"),
    ("count", r"\bhow many\b|\bnumber of\b|\bcount\b|\bhow often\b|\bvolume of\b"),
    ("summary", r"\bsumm\w+|\bsum(?:s|med)? (?:it )?up\b|\brun-?down\b|\brecap\b|\bgist\b|\bround-?up\b|\bhighlights\b|"
                r"\bwhat (?:are|were|do|did) (?:customers|people|callers|users)\b|"
                r"\btop (?:themes|issues|topics|reasons)\b|\bmain (?:themes|issues|topics|complaints|reasons)\b|"
                r"\boverview\b|\bthemes?\b|\bfeedback (?:on|about)\b"),
    ("search", r"\bshow me\b|\bfind\b|\bexamples?\b|\bquotes?\b|\bexcerpts?\b"),
]
CHANGE_WORDS = (r"\b(?:rise|rose|risen|rising|increase\w*|grow\w*|grew|up|jump\w*|spike\w*|surge\w*|drop\w*|fell|"
                r"fall\w*|decline\w*|decrease\w*|change\w*|more|fewer|less|soar\w*|climb\w*|doubl\w*|tripl\w*|"
                r"balloon\w*|skyrocket\w*|shot|plung\w*|plummet\w*)\b")
STOP = set(
    """why what which who whom how when where did do does is are was were be been being the a an of in on
    at for to from by with about into than then so such that this these those there their our my your
    me us we you they it its as and or but not no any all some many much more most less fewer last past
    previous month months week weeks year years quarter day days since during between over vs versus
    compare compared comparing rise rose risen rising increase increased increasing increases grow grew
    growing grown up jump jumped spike spiked surge surged drop dropped fell fall falling decline declined
    decrease decreased change changed changes show tell find give list examples example quotes quote
    customers customer people saying say said says think talk talking mention mentioned mentioning reported reporting
    conversations conversation contacts contact calls call chats chat emails email tickets ticket
    agents agent had has have get got go went number count many often volume happened happen
    behind drove driving drivers driver cause caused causes reason reasons main top themes theme
    issues issue summary summarize summarise overview can could would should will just also only
    very really lot lots please want wanted wants wanting trying tried handle handled handling
    better worse best worst good bad perform performs performed performing performance doing
    what's whats who's so-many everyone everybody anyone somebody
    quick quickly brief briefly rundown recap gist snapshot highlights breakdown insight insights picture
    sense idea update updates know hear learn see look looking happening going lately recently currently
    anything something everything stuff kind sort type types generally overall general
    shot soared soaring climbed climbing doubled tripled ballooned nearly almost again still deal dealt pull sum
    went gone happen causing driving brought bring bringing telling told break breaking
    come comes came coming through concentrated spread distributed""".split()
)
# phrasings of the request, never the topic: "break down June's X by channel", "as well as the human team"
REQUEST_PHRASES = r"\b(?:break|breaks|breaking|broken)(?:\s+(?:it|them|this|that))?\s+down\b|\bas well as\b"
# The question asks who used the words themselves, not who meant them (or quotes them).
LITERAL = (r"[\"“][^\"”]{3,}[\"”]|\bmention\w*|\buse[sd]? the (?:word|term|phrase)|\b(?:word|term|phrase)s? \W?\w|"
           r"\bliterally (?:say|said|write|wrote)")
NAMED_CHANGE = (
    r"\b(?:the|a|an|this|that|our|their|your|recent|latest)\s+((?:new\s+)?[a-z]+\s+"
    r"(?:increase|rise|hike|change|changes|update|cut|drop))\b"
)
TERSE_WORDS = 6  # "loan queries in feb?": a question this short, with a period and no cue, asks how many
# Words spelling correction leaves alone: the question words understanding reads itself.
COMMON_WORDS = frozenset(STOP | set(ENGLISH_STOP_WORDS))
# how questions ask, long enough that a word one letter off is a typo of it ("increse", "complants")
PHRASING = frozenset(w for w in STOP | {"complaint", "complaints"} if len(w) >= 6 and w.isalpha())
_QUESTION_WORDS = COMMON_WORDS | {w for ws in CHANNEL_WORDS.values() for w in ws} | {
    w for ws in AGENT_WORDS.values() for w in ws} | {w for ws in FIELD_WORDS.values() for w in ws} | {
    "complaints", "complaint", "complain"} | SEGMENT_WORDS | {
    w for s in SYNONYMS for w in (*s.split(), plural(s.split()[-1]))}
SPOKEN = {"channel": CHANNEL_WORDS, "agent_type": AGENT_WORDS}  # how the columns' values are said
# Words that name the population only when nothing more specific is asked ("why did complaints rise"
# vs "churn complaints").
SOFT = {"complaining", "complain", "complained", "complaint", "complaints", "asking", "asked", "requests", "request",
        "contacting", "contacted", "calling", "called", "writing", "wrote", "raising", "raised", "raise",
        "report", "reports", "reported", "reporting", "chased", "chasing", "chase", "contacts", "enquiries",
        "enquiry", "inquiries", "queries", "query", "cases", "tickets",
        # how customers felt says who they are, not what they talk about ("surprised by the renewal charge")
        "upset", "angry", "annoyed", "frustrated", "surprised", "shocked", "confused", "unhappy", "happy",
        "disappointed", "worried", "furious"}


class Understanding(BaseModel):
    """What the question asks, resolved against the store."""

    question: str
    kind: Kind
    filters: Filters = Field(default_factory=Filters)
    topic: str = ""  # the words that define the population; empty means "all conversations"
    change: bool = False  # the question is about a change over time
    segment_field: str | None = None  # for compare: the field whose values are compared (a metadata key,
    # "channel", "agent_type" or "agent_id")
    segment_values: list[Scalar] = Field(default_factory=list)  # for compare: the values named, when two or more are
    literal: bool = False  # "mention X": only conversations using the words themselves
    joined: list[str] = Field(default_factory=list)  # topic words joined on by "and"/"or" ("returns and refunds")

    @property
    def topic_shown(self) -> str:
        """The topic as an answer names it: "returns and refunds" where the question joined its words."""
        words = self.topic.split()
        return " ".join(f"and {w}" if i and w in self.joined else w for i, w in enumerate(words))


def known_words(values: dict[str, dict[Scalar, int]] | None = None) -> frozenset[str]:
    """Words spelling correction leaves alone: the question words understanding reads, the
    glossary's (a manager's "churn" is not a misspelling of a word customers write), the
    store's field names and the words of its values ("Brightline" is a company, not a misspelling)."""
    found = {w for key, counts in (values or {}).items() for text in (key.removeprefix("meta_"), *map(str, counts))
             for w in re.findall(r"[a-z][a-z']+", text.lower().replace("_", " "))}
    glossed = {w for t in glossary() for q in t.question_words for w in q.split()}
    return frozenset(_QUESTION_WORDS | glossed | found | {plural(w) for w in found})


def _has(words: list[str], text: str) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text) for w in words)


def _strip(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


def _metadata_filters(question: str, values: dict[str, dict[Scalar, int]]) -> dict[str, list[Scalar]]:
    """Metadata values named with their field ("the Premium plan", "retention queue") or as a
    capitalised name ("Premium customers")."""
    found: dict[str, list[Scalar]] = {}
    lower = question.lower()
    for key, counts in values.items():
        if not key.startswith("meta_"):
            continue
        field = key[5:]
        field_words = FIELD_WORDS.get(field, []) + [field.replace("_", " ")]
        for value in counts:
            if not isinstance(value, str) or len(value) < 2:
                continue
            spoken = re.escape(value.lower().replace("_", " "))
            named = any(
                re.search(rf"\b{spoken}\s+{re.escape(w)}\b|\b{re.escape(w)}\s*[:=]?\s*{spoken}\b", lower)
                for w in field_words
            )
            capitalised = value[:1].isupper() and re.search(rf"(?<!^)(?<![.?!]\s)\b{re.escape(value)}\b", question)
            if named or capitalised:
                found.setdefault(key, []).append(value)
    return found


def understand(
    question: str,
    latest: datetime | None,
    values: dict[str, dict[Scalar, int]] | None = None,
) -> Understanding:
    """Resolve ``question`` against the store's latest date and its filterable ``values``."""
    values = values or {}
    text = question.lower()
    kind: Kind = "search"
    cued = False
    for candidate, pattern in KIND_CUES:
        if re.search(pattern, text):
            kind, cued = candidate, True
            break
    segment = find_segment(text, values, SPOKEN)
    if segment is not None:  # "which region has the most …", "… by channel", "A or B": per segment
        kind = "compare"
    elif kind == "compare" and re.search(dict(KIND_CUES)["why"], text) and _segment_field(text, values) is None:
        kind = "why"  # "what's behind the jump in X in March compared with February": two periods, a why
    # "the price increase", "the new app update": a change named as a thing is the topic, not a change question
    named = [m.span(1) for m in re.finditer(NAMED_CHANGE, text)]
    kept = {w for start, end in named for w in re.findall(r"[a-z]+", text[start:end])}
    change = bool(re.search(CHANGE_WORDS, _strip(text, named))) and kind in ("why", "count", "search", "summary")
    if kind in ("search", "summary") and change and re.search(
        r"\b(?:rise|rose|increase|spike|jump|surge|grew|drop|fell|decline)", _strip(text, named)
    ):
        kind = "why"
    segment_field = segment.field if segment else _segment_field(text, values) if kind == "compare" else None
    want_baseline = kind == "why" or (kind == "compare" and not segment_field) or change
    times = resolve(question, latest, want_baseline=want_baseline)
    if not cued and segment is None and not change and times.window and text.rstrip().endswith("?") and len(
            text.split()) <= TERSE_WORDS:
        kind = "count"  # "loan queries in feb?": a few words and a period, asked: how many
    filters = Filters(window=times.window, baseline=times.baseline)
    if kind == "why" and filters.window is None:
        default = resolve("last month", latest, want_baseline=True)
        filters.window, filters.baseline = default.window, default.baseline

    present_channels = set(values.get("channel", {})) or set(CHANNEL_WORDS)
    if segment_field != "channel":
        filters.channel = [c for c, words in CHANNEL_WORDS.items() if c in present_channels and _has(words, text)]
    if segment_field != "agent_type":
        present_agents = set(values.get("agent_type", {})) or {"ai", "human"}
        filters.agent_type = [a for a, words in AGENT_WORDS.items() if a in present_agents and _has(words, text)]  # type: ignore[misc]
    filters.metadata = {k[5:]: v for k, v in _metadata_filters(question, values).items()}
    segment_values = segment.values if segment else []
    if segment_field is not None:
        _limit_to(filters, segment_field, segment_values, values)

    remaining = _strip(text, times.spans + (segment.spans if segment else []))
    remaining = re.sub(REQUEST_PHRASES, " ", remaining)
    # a value named in full is taken out where it is named; its words elsewhere stay in the topic
    # ("card payment problems … the Cashback Credit Card or the Platinum Credit Card": "card" stays)
    named_values: set[str] = set()
    for vals in filters.metadata.values():
        for v in vals:
            value = re.compile(rf"(?<![\w]){re.escape(str(v).lower())}(?![\w])")
            if value.search(text):
                named_values.add(str(v))
                remaining = value.sub(" ", remaining)
    drop = SEGMENT_WORDS if kind == "compare" else frozenset()
    words = [w for w in re.findall(r"[a-z0-9][a-z0-9'-]*", remaining)
             if (w not in STOP or w in kept) and w not in drop and len(w) > 1]
    filter_words = {w for c in filters.channel for w in CHANNEL_WORDS[c]} | {
        w for a in filters.agent_type for w in AGENT_WORDS[a]
    } | {"ai", "human", "humans", "bot", "bots", "virtual", "live", "automated"} | (
        {"team", "teams", "staff"} if filters.agent_type or segment_field == "agent_type" else set())
    for key, vals in filters.metadata.items():
        filter_words |= {w for v in vals if str(v) not in named_values for w in str(v).lower().split()} | set(
            FIELD_WORDS.get(key, [])) | {key}
    words = [w for w in words if w not in filter_words]
    topic = " ".join(w for w in words if w not in SOFT) or " ".join(words)
    # "returns and refunds": the word after "and" / "or" is a second thing asked about, not a part of the first
    joined = [w for w in re.findall(r"(?:\band|\bor|&)\s+([a-z0-9][a-z0-9'-]*)", remaining) if w in topic.split()]
    if kind == "summary" and all(w in SOFT for w in words):  # "what were customers complaining about": all of it
        topic = ""
    return Understanding(
        question=question, kind=kind, filters=filters, topic=topic, change=change or kind == "why",
        segment_field=segment_field, segment_values=segment_values, literal=bool(re.search(LITERAL, text)),
        joined=joined,
    )


def _limit_to(filters: Filters, field: str, named: list[Scalar], values: dict[str, dict[Scalar, int]]) -> None:
    """The compared field filtered to the values named, when they are some of the store's
    (every value named, or one — "are the bots worse" — compares all of them: no filter)."""
    key = field if field in ("channel", "agent_type", "agent_id") else f"meta_{field}"
    held = set(values.get(key, {}))
    chosen = list(named) if len(named) >= 2 and not held <= set(named) else []
    if field == "channel":
        filters.channel = [str(v) for v in chosen]
    elif field == "agent_type":
        filters.agent_type = [v for v in chosen if v in ("ai", "human")]  # type: ignore[misc]
    elif field != "agent_id":
        filters.metadata.pop(field, None)
        if chosen:
            filters.metadata[field] = chosen


def _segment_field(text: str, values: dict[str, dict[Scalar, int]]) -> str | None:
    """For "compare" questions, which field's values are being compared."""
    if (sum(_has(words, text) for words in AGENT_WORDS.values()) >= 2
            or re.search(r"\b(?:ai|bots?) (?:vs|versus|and|or|with)", text)):
        return "agent_type"
    if _has(AGENT_WORDS["ai"], text):  # "are the bots worse at refunds?": AI against the rest
        return "agent_type"
    if sum(_has(words, text) for words in CHANNEL_WORDS.values()) >= 2 or re.search(r"\bchannels\b", text):
        return "channel"
    for key, counts in values.items():
        if key.startswith("meta_"):
            named = [v for v in counts if isinstance(v, str) and re.search(rf"\b{re.escape(v.lower())}\b", text)]
            if len(named) >= 2:
                return key[5:]
    return None
