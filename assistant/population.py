"""Which conversations a question is about, counted as conversations (not chunks).

A conversation belongs to the population when something its customer said matches the
topic. Two signals over the customer statements written at ingest:

- lexical: the cue words of the topic (for a known contact-centre concept, the ways
  customers say it — cancel, leave, switch, close my account, port my number …; else the
  topic's own content words);
- dense: cosine between each statement and short prototype phrasings of the topic.

The dense cut is calibrated per question on the lexical matches: it is the 65th percentile
of the dense scores of conversations whose customers used a cue word, so a conversation
that says the same thing in other words is in, and one that is merely on a nearby subject
is out.
With too few lexical matches to calibrate on, Otsu's threshold over the scores is used.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from pydantic import BaseModel, Field

from assistant.themes import CACHE, content_words
from vectorstore import Store
from vectorstore.conversations import Statements


class Concept(BaseModel):
    name: str
    triggers: str  # regex on the question's topic
    prototypes: list[str]  # how customers say it, in short
    cues: str  # regex of cue words in what customers say


CONCEPTS = [
    Concept(
        name="cancellation",
        triggers=r"\b(?:churn|cancel|leav|attrition|retention|quit|switch|unsubscrib|terminat)",
        prototypes=["cancel my subscription", "I want to leave", "switch to another provider", "close my account",
                    "not renew", "end my contract", "port my number out", "stop paying", "terminate the service",
                    "I am done with you"],
        cues=r"\b(?:cancel\w*|leav(?:e|ing)|switch(?:ing)? (?:to|provider|over|away)|clos(?:e|ing) (?:down )?(?:my|the)?\s*account|"
             r"shut\b[\w\s]{0,20}?\baccount(?: down)?|port\w* (?:my )?number|terminat\w*|stop (?:paying|my subscription)|"
             r"give notice|want out|unsubscrib\w*|(?:not|won't|will not|never)\s+(?:\w+\s+){0,2}renew\w*|done with|"
             r"(?:don't|do not|no longer) want to (?:continue|stay|keep)|walk away|"
             r"(?:moving|move|taking|take) my (?:services|business|account)|end(?:ing)? (?:my|the|it)\b)"
             r"(?:\s+(?:my|the|this|your))?(?:\s+(?:subscription|membership|contract|account|service|plan)s?)?",
    ),
    Concept(
        name="refund",
        triggers=r"\b(?:refund|reimburs|money back|chargeback)",
        prototypes=["I want a refund", "give me my money back", "reimburse the charge", "refund the payment"],
        cues=r"\b(?:re ?fund\w*|(?:money|it|that|them|one|some|the difference) back|reimburs\w*|charge ?back|"
             r"pay (?:me|it) back|(?:charged|billed|paid|took|taken)\b(?:\s+\S+){0,3}\s+(?:twice|two times|again)|"
             r"double[- ]charged|two \w+ payments|revers\w* (?:the|that|this) (?:charge|payment)|credit (?:me|my account)|"
             r"(?:charged|billed|paying|paid) for (?:a |an |the )?\w+(?: \w+)? (?:i|we) (?:didn't|did not|never))",
    ),
    Concept(
        name="login",
        triggers=r"\b(?:log ?in|login|sign ?in|password|locked out|access)",
        prototypes=["I can't log in", "password reset is not working", "locked out of my account", "can't sign in"],
        cues=r"\b(?:log ?in|login|sign ?in|password|locked out|verification code|security code|reset (?:link|email))",
    ),
    Concept(
        name="outage",
        triggers=r"\b(?:outage|down|connection|connectivity|internet|broadband|wifi|router)",
        prototypes=["my internet is down", "no connection", "the router keeps dropping", "service outage"],
        cues=r"\b(?:outage|(?:internet|broadband|connection|wifi|service) (?:is )?(?:down|dropp\w*|cut)|no (?:internet|connection|signal)|router)",
    ),
]
CONCEPTS.append(Concept(
    name="complaint",
    triggers=r"\bcomplain|\bunhappy|\bdissatisf|\bfrustrat",
    prototypes=["I want to make a complaint", "I am really unhappy with your service", "this is unacceptable",
                "I'm not happy about this at all", "this is so frustrating", "I'm fed up with this"],
    cues=r"\b(?:complain\w*|unhappy|not (?:happy|good enough|acceptable|impressed)|unacceptable|disappoint\w*|"
         r"dissatisf\w*|fed up|frustrat\w*|ridiculous|appall\w*|disgust\w*|furious|livid|outrage\w*|"
         r"sick (?:and tired|of)|had enough|fuming)",
))
VAGUE = {"complaint", "complaints", "problem", "problems", "issue", "issues", "new", "trouble", "question",
         "questions", "request", "requests", "customers", "people", "contacts", "related", "regarding", "stuff"}
MIN_CALIBRATION = 5
CALIBRATION_PERCENTILE = 65  # a dense-only match must be as close as most cue-word matches
FILLERS = re.compile(r"\b(?:um+|uh+|er+|erm|hmm|you know|i mean|like|yeah)\b[,]?\s*")
FLOOR, CEILING = 0.35, 0.8
DENSE_ONLY_FLOOR = 0.6  # without cue-word matches to calibrate on, a statement must be this close to the topic
RESTATEMENT_WORDS = 3  # a cue-word statement with this few other content words only restates the topic


class Population(BaseModel):
    topic: str
    concept: str | None = None
    threshold: float = 0.0
    scores: dict[str, float] = Field(default_factory=dict)  # every candidate conversation's dense score
    lexical: set[str] = Field(default_factory=set)  # conversations with a cue word
    members: set[str] = Field(default_factory=set)
    best: dict[str, tuple[int, str]] = Field(default_factory=dict)  # member -> (turn, statement) that matched best
    cues: str | None = None  # the cue-word pattern; what it matches restates the population, not a reason
    candidates: int = 0

    def reason_text(self, text: str) -> str:
        """What a statement says beyond the topic: the cue words removed, and nothing at all
        when it only restates the topic ("i'm really unhappy and want to complain", "my card
        isn't working properly") — a restatement is not a reason."""
        return _reason_text(self.cues, text) if self.cues else text

    def definition(self) -> str:
        if not self.topic:
            return "all conversations matching the filters"
        about = f"“{self.topic}” ({self.concept})" if self.concept else f"“{self.topic}”"
        return (
            f"conversations in which the customer talks about {about}: a cue word, or a statement "
            f"as close in meaning as most cue-word matches (cosine ≥ {self.threshold:.2f})"
        )


@lru_cache(maxsize=CACHE)
def plain(text: str) -> str:
    """Lower case, fillers out: what cue patterns are matched against (cached per statement)."""
    return FILLERS.sub("", text.lower())


@lru_cache(maxsize=CACHE)
def _reason_text(cues: str, text: str) -> str:
    lower = plain(text)
    stripped = re.sub(cues, " ", lower)
    if stripped != lower and len(content_words(stripped)) <= RESTATEMENT_WORDS:
        return ""
    return stripped


@lru_cache(maxsize=CACHE)
def _cue_hit(cues: str, text: str) -> bool:
    return re.search(cues, plain(text)) is not None


@lru_cache(maxsize=CACHE)
def _groups(pattern: str, text: str) -> frozenset[str]:
    return frozenset(m.lastgroup for m in re.finditer(pattern, plain(text)) if m.lastgroup)


def concept_for(topic: str) -> Concept | None:
    return next((c for c in CONCEPTS if re.search(c.triggers, topic)), None)


SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ness", "ies", "ied", "ers", "er", "ed", "es", "s", "e", "y")


def stem(word: str) -> str:
    """A light suffix stripper, enough to make "payment", "paying" and "pays" one cue ("pay"):
    the longest listed suffix that leaves at least three letters."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":  # "cancell" -> "cancel"
        word = word[:-1]
    return word


def _topic_cues(topic: str) -> tuple[str | None, list[str]]:
    """The cue pattern of a topic without a known concept (its words, stemmed), and the stems."""
    words = [w for w in re.findall(r"[a-z][a-z'-]+", topic) if len(w) > 2]
    words = [w for w in words if w not in VAGUE] or words  # "complaints" alone is the topic
    if not words:
        return None, []
    stems = list(dict.fromkeys(stem(w) for w in words))  # "payment" -> pay: "paying", "payments"
    return r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", stems


RARE_SHARE = 0.8  # a statement matches a topic when it uses one of the topic's rarer words


def _topic_hits(texts: list[str], stems: list[str]) -> np.ndarray:
    """Statements that use the topic's words, weighted by rarity (BM25's IDF over these
    statements): a statement is in when its matched words weigh at least ``RARE_SHARE`` of
    the topic's rarest word. "card" or "paying" each find card payment problems; "plan"
    alone does not find the "Mars colony plan", nor "offer" alone every retention offer."""
    pattern = r"\b(?:" + "|".join(f"(?P<s{i}>{re.escape(s)})" for i, s in enumerate(stems)) + r")\w*"
    used = [_groups(pattern, t) for t in texts]
    n = len(texts)
    idf = {}
    for i in range(len(stems)):
        df = sum(f"s{i}" in u for u in used)
        idf[f"s{i}"] = float(np.log((n - df + 0.5) / (df + 0.5) + 1.0))
    need = RARE_SHARE * max(idf.values())
    return np.array([sum(idf[g] for g in u if g) >= need for u in used])


def otsu(scores: np.ndarray, floor: float = FLOOR) -> float:
    """The cut that best separates two groups of scores (maximal between-class variance)."""
    values = np.sort(scores)
    if len(values) < 4:
        return floor
    best, cut = -1.0, floor
    total, n = values.sum(), len(values)
    cumulative = np.cumsum(values)
    for i in range(1, n):
        m0 = cumulative[i - 1] / i
        m1 = (total - cumulative[i - 1]) / (n - i)
        between = (i / n) * ((n - i) / n) * (m0 - m1) ** 2
        if between > best:
            best, cut = between, (values[i - 1] + values[i]) / 2
    return float(max(cut, floor))


def find_population(store: Store, topic: str, said: Statements, candidates: list[str]) -> Population:
    """Score every candidate conversation against ``topic`` by what its customers ``said``."""
    if not topic:
        return Population(topic="", members=set(candidates), candidates=len(candidates))
    concept = concept_for(topic)
    population = Population(topic=topic, concept=concept.name if concept else None, candidates=len(candidates))
    if not said.texts:
        return population
    prototypes = concept.prototypes if concept else [topic]
    dense = (said.matrix @ store.embed_cached(prototypes).T).max(axis=1)
    if concept:
        population.cues = concept.cues
        hits = np.array([_cue_hit(concept.cues, t) for t in said.texts], dtype=bool)
    else:
        population.cues, stems = _topic_cues(topic)
        hits = _topic_hits(said.texts, stems) if stems else np.zeros(len(said.texts), dtype=bool)
    best_row: dict[str, int] = {}
    for row, cid in enumerate(said.conversation_ids):
        score = float(dense[row]) + (1.0 if hits[row] else 0.0)  # a cue-word statement is the best evidence
        if cid not in best_row or score > float(dense[best_row[cid]]) + (1.0 if hits[best_row[cid]] else 0.0):
            best_row[cid] = row
        population.scores[cid] = max(population.scores.get(cid, -1.0), float(dense[row]))
        if hits[row]:
            population.lexical.add(cid)
    for cid in candidates:
        population.scores.setdefault(cid, 0.0)
    if len(population.lexical) >= MIN_CALIBRATION:
        calibrated = float(np.percentile([population.scores[c] for c in population.lexical], CALIBRATION_PERCENTILE))
        population.threshold = min(max(calibrated, FLOOR), CEILING)
    else:  # hardly anyone uses the topic's words: only statements that clearly mean it count
        population.threshold = max(otsu(np.array(list(population.scores.values()))), DENSE_ONLY_FLOOR)
    population.members = population.lexical | {c for c, s in population.scores.items() if s >= population.threshold}
    population.best = {
        c: (said.turns[best_row[c]], said.texts[best_row[c]]) for c in population.members if c in best_row
    }
    return population
