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

from assistant.lexical import cue_hits, plain, topic_hits
from assistant.themes import CACHE, content_words
from vectorstore import Store
from vectorstore.statements import Statements


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
# the syntax of a spoken e-mail address ("amy dot lee at example dot com"): in every address, so
# quoting one would otherwise find every other caller who spelled theirs out
ADDRESS = {"dot", "com", "net", "org", "underscore", "hyphen"}
MIN_CALIBRATION = 5
CALIBRATION_PERCENTILE = 65  # a dense-only match must be as close as most cue-word matches
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
def _reason_text(cues: str, text: str) -> str:
    lower = plain(text)
    stripped = re.sub(cues, " ", lower)
    if stripped != lower and len(content_words(stripped)) <= RESTATEMENT_WORDS:
        return ""
    return stripped


CONCEPT_MAX_WORDS = 5  # the benchmark's concept topics have 1-3 words; a quoted sentence has more


def concept_for(topic: str) -> Concept | None:
    """The known concept a topic names ("churn complaints" -> cancellation), or None. A topic of
    more than ``CONCEPT_MAX_WORDS`` words is a sentence someone said ("i want to switch from card
    to direct debit"), found as itself: one trigger word in it ("switch") does not make it churn."""
    if len(_topic_words(topic)) > CONCEPT_MAX_WORDS:
        return None
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


def _topic_words(topic: str) -> list[str]:
    """The words of a topic that can carry meaning (three letters or more)."""
    return [w for w in re.findall(r"[a-z][a-z'-]+", topic) if len(w) > 2]


def _topic_cues(topic: str) -> tuple[str | None, list[str]]:
    """The cue pattern of a topic without a known concept (its words, stemmed), and the stems."""
    words = _topic_words(topic)
    words = [w for w in words if w not in VAGUE and w not in ADDRESS] or words  # "complaints" alone is the topic
    if not words:
        return None, []
    stems = list(dict.fromkeys(stem(w) for w in words))  # "payment" -> pay: "paying", "payments"
    return r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", stems


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


def _dense(store: Store, said: Statements, prototypes: list[str]) -> np.ndarray:
    """Per statement, its cosine with the closest prototype. A concept's scores over every
    statement of the store are kept in the table's memo: later questions only pick rows."""
    vectors = store.embed_cached(prototypes)
    if said.memo is None or said.rows is None or len(prototypes) < 2:  # one vector: a pass is cheap
        return (said.vectors() @ vectors.T).max(axis=1)
    key = ("dense", tuple(prototypes))
    if key not in said.memo:
        said.memo[key] = (said.memo.matrix @ vectors.T).max(axis=1)
    return said.memo[key][said.rows]


def find_population(store: Store, topic: str, said: Statements, candidates: list[str]) -> Population:
    """Score every candidate conversation against ``topic`` by what its customers ``said``."""
    if not topic:
        return Population(topic="", members=set(candidates), candidates=len(candidates))
    concept = concept_for(topic)
    population = Population(topic=topic, concept=concept.name if concept else None, candidates=len(candidates))
    if not said.texts:
        return population
    dense = _dense(store, said, concept.prototypes if concept else [topic])
    if concept:
        population.cues = concept.cues
        hits = cue_hits(said, concept.cues)
    else:
        population.cues, stems = _topic_cues(topic)
        hits = topic_hits(said, stems)
    # per conversation: its best dense score, whether any statement has a cue word, and the
    # statement that matched best (a cue-word statement first; the first of equals)
    owner = said.owners()
    codes, first = np.unique(owner, return_index=True)
    ids = [said.conversation_ids[i] for i in first.tolist()]
    slot = np.searchsorted(codes, owner)
    if len(slot) and (np.diff(slot) >= 0).all():  # the table keeps a conversation's statements together
        best_dense = np.maximum.reduceat(dense, np.r_[0, np.flatnonzero(np.diff(slot)) + 1]).astype(np.float64)
    else:
        best_dense = np.full(len(codes), -np.inf)
        np.maximum.at(best_dense, slot, dense)
    lexical = np.zeros(len(codes), dtype=bool)
    lexical[slot[hits]] = True
    order = np.lexsort((-(dense + hits), slot))
    best_row = order[np.r_[True, slot[order][1:] != slot[order][:-1]]]
    population.scores = dict(zip(ids, best_dense.tolist()))
    population.lexical = {ids[i] for i in np.flatnonzero(lexical).tolist()}
    for cid in candidates:
        population.scores.setdefault(cid, 0.0)
    if len(population.lexical) >= MIN_CALIBRATION:
        calibrated = float(np.percentile(best_dense[lexical], CALIBRATION_PERCENTILE))
        population.threshold = min(max(calibrated, FLOOR), CEILING)
    else:  # hardly anyone uses the topic's words: only statements that clearly mean it count
        population.threshold = max(otsu(np.array(list(population.scores.values()))), DENSE_ONLY_FLOOR)
    population.members = population.lexical | {c for c, s in population.scores.items() if s >= population.threshold}
    population.best = {
        ids[i]: (said.turns[r], said.texts[r]) for i, r in enumerate(best_row.tolist()) if ids[i] in population.members
    }
    return population
