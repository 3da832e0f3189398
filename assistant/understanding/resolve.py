"""A question's topic resolved against the store: its words as customers use them, the exact
names it contains, and the store's own topics it means.

Nothing here knows a business's vocabulary. What a topic phrase stands for comes from the
store:

- **words in the data**: each content word of the phrase with the forms customers use
  ("delivery" → deliveries, delivered; never "feel" for "fee": a form must reduce to the
  same stem, not merely start with it);
- **exact names**: a run of the phrase's words that customers write verbatim and that is a
  name in the data (mostly capitalised, or a code with digits: "Orbital Fiber", "E-417");
  a name wins over meaning: the population is the conversations that name it;
- **meaning**: the phrase's vector against the centroids of the store's topics
  (``vectorstore/topics.py``). A topic is meant when its similarity stands out of this
  phrase's similarity to every topic of the store (a robust z-score, so the cut is the
  store's own, not a fixed cosine), or when its keywords hold one of the phrase's rarer words;
- **the business's own fields**: a phrase with a word no customer writes and a word that is a
  value of a field the business recorded on its conversations (a queue, a disposition, an
  outcome: "claims" in "claims handling delays" when conversations carry queue "claims") means
  the conversations with that value, narrowed by the phrase's other words customers use (and
  by what the whole phrase means, in ``assistant/analysis/field_meaning.py``);
- **absent words**: a word no customer uses and that means no topic on its own ("drone",
  "Mars colony") makes the question one the store cannot answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
from pydantic import BaseModel, Field

from assistant.text.lexical import phrase_rows, spoken
from assistant.understanding.names import is_name
from convoscope.english import UNRELATED
from convoscope.models import ENRICHMENT_KEYS, Scalar
from convoscope.settings import GlossaryTerm, glossary
from vectorstore import Store
from vectorstore.statements import Statements
from vectorstore.topics import Topic, TopicModel

VAGUE = {"complaint", "complaints", "problem", "problems", "issue", "issues", "new", "trouble", "question",
         "questions", "request", "requests", "customers", "people", "contacts", "related", "regarding", "stuff",
         "things", "thing", "conversations", "conversation", "mentions", "mention", "mentioning"}
# the syntax of a spoken e-mail address ("amy dot lee at example dot com")
ADDRESS = {"dot", "com", "net", "org", "underscore", "hyphen"}
SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ness", "ies", "ied", "ers", "er", "ed", "es", "s",
            "e", "y")
Z_MATCH = 4.0  # a topic is meant when its similarity is this many robust deviations above the store's typical
CHANCE = 0.99  # a word on its own means a topic only above this quantile of what unrelated words reach by chance
KEYWORD_SHARE = 0.05  # a word in a topic's keywords selects it when fewer statements than this use the word
MAX_NAME_SHARE = 0.05  # a name is specific: fewer statements than this use it
MAX_NAME_WORDS = 4
NEAREST = 3  # topics offered instead when a phrase means none
NAMED_WORD = 2.0  # a word of a name said alone this many times as often as the name is no name by itself
MIN_NAME_STATEMENTS = 3  # a name is written by several customers (one mention may be an injection attempt)
TOKEN = re.compile(r"[a-z0-9][a-z0-9'-]*")
CODE = re.compile(r"(?=[a-z0-9-]*[a-z])(?=[a-z0-9-]*\d)[a-z0-9-]+")  # letters and digits: "hb-2093", "e417"


def stem(word: str) -> str:
    """A light suffix stripper: "payments", "paying", "paid" are not all one stem, but
    "deliveries", "delivered", "delivery" are ("deliver"); hyphens ignored (wi-fi = wifi)."""
    word = word.replace("-", "").replace("'", "")
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= (3 if suffix in ("s", "es", "ed", "ing") else 4):
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":  # "cancell" -> "cancel"
        word = word[:-1]
    return word


class TopicMatch(BaseModel):
    id: int
    label: str
    keywords: list[str]
    similarity: float
    z: float
    how: str  # "meaning" | "keyword"


class FieldValue(BaseModel):
    """A word of the phrase that is a value of one of the store's fields."""

    words: str  # the phrase's word(s): "claims"
    field: str  # the metadata key: "queue"
    value: Scalar  # the value as stored: "claims"


class Resolution(BaseModel):
    """What a topic phrase stands for in this store; ``describe`` says it in words."""

    phrase: str
    words: list[str] = Field(default_factory=list)
    forms: dict[str, list[str]] = Field(default_factory=dict)  # word -> its forms customers use
    names: list[str] = Field(default_factory=list)  # exact names found in the data (they decide)
    named: list[str] = Field(default_factory=list)  # the phrase's words that are part of a name
    phrases: list[str] = Field(default_factory=list)  # runs of the phrase's words found verbatim
    absent: list[str] = Field(default_factory=list)  # words no customer uses and no topic means
    nearest: list[str] = Field(default_factory=list)  # the store's topics closest to the phrase, when it means none
    topics: list[TopicMatch] = Field(default_factory=list)
    topics_used: bool = False  # the topics stood in for words customers do not use
    fields: list[FieldValue] = Field(default_factory=list)  # values of the business's fields the phrase names
    unsaid: list[str] = Field(default_factory=list)  # words no customer writes, stood in for by ``fields``
    unrouted: bool = False  # conversations with none of ``fields`` recorded were found by the customers' words
    glossary: dict[str, GlossaryTerm] = Field(default_factory=dict)  # words read through the glossary
    model: str | None = None  # the topic model used

    def rest(self) -> list[str]:
        """The phrase's words beside its names ("playlists" in "Spotify playlists")."""
        return [w for w in self.words if w not in self.named]

    @property
    def unanswerable(self) -> bool:
        return bool(self.absent)

    def cue_groups(self, unused_weigh: bool = False) -> list[list[str]]:
        """The phrase's words as customers write them, a group per word (its forms). With
        ``unused_weigh`` (a quoted or literal search) a word no customer writes is a group that
        matches nothing but still weighs, so the phrase's other words alone do not make a
        statement about it ("it's adamhill at example dot com" is not every caller who spelt an
        address at example.com)."""
        if unused_weigh:
            return [list(self.forms.get(w, [w])) for w in self.words]
        return [list(forms) for forms in self.forms.values()]

    def field_groups(self) -> list[list[FieldValue]]:
        """``fields`` as the population joins them: a conversation must hold a value of every group, and
        any value of one will do (a word's values, and those of other words naming one of the same fields)."""
        groups: list[list[FieldValue]] = []
        for words in dict.fromkeys(f.words for f in self.fields):
            named = [f for f in self.fields if f.words == words]
            group = next((g for g in groups if {f.field for f in g} & {f.field for f in named}), None)
            if group is None:
                groups.append(named)
            else:
                group.extend(f for f in named if f not in group)
        return groups

    def cue_words(self) -> list[str]:
        return sorted({f for forms in self.forms.values() for f in forms} | set(self.phrases))

    def describe(self) -> str:
        if self.absent:
            said = ", ".join(f"“{w}”" for w in self.absent)
            near = ("; the nearest things customers do talk about: " + "; ".join(f"“{t}”" for t in self.nearest)
                    if self.nearest else "")
            return (f"no customer says {said} and none of the store's topics means it{near}; if customers say it "
                    f"in other words, list them under a glossary term for {said} (convoscope/glossary.yaml, or "
                    "your own file through CONVOSCOPE_GLOSSARY)")
        if self.names:
            return "conversations in which the customer names " + ", ".join(f"“{n}”" for n in self.names)
        if self.fields:
            groups = [{f.field.replace("_", " "): list(dict.fromkeys(f"“{v.value}”" for v in g if v.field == f.field))
                       for f in g}
                      for g in self.field_groups()]
            by_field = {field: values for g in groups for field, values in g.items()}
            text = "conversations whose " + " and whose ".join(" or whose ".join(
                f"{field} is " + " or ".join(values) for field, values in g.items()) for g in groups)
            if self.unrouted:
                text += ", or where none is, the customer uses " + ", ".join(f"“{w}”" for w in self.cue_words()[:8])
            if self.unsaid:
                text += (f", the store's {' and '.join(by_field)} standing in for " +
                         ", ".join(f"“{w}”" for w in self.unsaid) + ", which no customer says")
            return text
        parts = []
        words = [] if self.glossary else self.cue_words()  # a glossary term's ways of saying it stand for the words
        if words:
            parts.append("uses " + ", ".join(f"“{w}”" for w in words[:8]))
        if self.glossary:
            parts.append("says what the glossary's " + ", ".join(f"“{t.name}”" for t in self.glossary.values()) +
                         " lists")
        if self.topics and self.topics_used:
            parts.append("says something in the store's topic" + ("s " if len(self.topics) > 1 else " ") +
                         "; ".join(f"“{t.label}”" for t in self.topics[:6]))
        if not parts:
            return f"conversations about “{self.phrase}”"
        return f"conversations about “{self.phrase}”: the customer " + ", or ".join(parts)


GLOSSARY_MAX_WORDS = 5  # a longer topic is a sentence someone said: found as itself


def glossary_terms(words: list[str]) -> dict[str, GlossaryTerm]:
    """The glossary terms ``words`` name (``convoscope/glossary.yaml``), by the word naming each.
    A topic of more than ``GLOSSARY_MAX_WORDS`` words is a quoted sentence: one word in it
    ("switch") does not make it that term."""
    if len(words) > GLOSSARY_MAX_WORDS:
        return {}
    found: dict[str, GlossaryTerm] = {}
    for term in glossary():
        keys = {stem(w) for w in term.question_words}
        for word in words:
            if stem(word) in keys and term.name not in {t.name for t in found.values()}:
                found[word] = term
    return found


def field_values(values: Mapping[str, Mapping[Scalar, int]], words: list[str]) -> list[FieldValue]:
    """The values of the business's own fields (``values``: the store's metadata fields and
    their values; not the enrichment's) that ``words`` name, as a stem or a run of stems:
    "claims" for queue "claims", "billing" for "billing", "tech support" for "tech_support"."""
    stems = [stem(w) for w in words]
    found: list[FieldValue] = []
    for key, counts in values.items():
        field = key.removeprefix("meta_")
        if not key.startswith("meta_") or field in ENRICHMENT_KEYS or len(counts) < 2:
            continue
        for value in counts:
            parts = [stem(t) for t in TOKEN.findall(value.lower().replace("_", " "))] if isinstance(value, str) else []
            if not parts or any(p.isdigit() for p in parts):
                continue
            at = next((i for i in range(len(stems) - len(parts) + 1) if stems[i:i + len(parts)] == parts), None)
            if at is not None:
                found.append(FieldValue(words=" ".join(words[at:at + len(parts)]), field=field, value=value))
    return found


def _words(phrase: str) -> list[str]:
    return [w for w in TOKEN.findall(phrase.lower()) if len(w) > 2 or any(c.isdigit() for c in w)]


ROOT_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ness", "ies", "ied", "ers", "er", "ed", "es", "ly",
                 "s", "y")
FORM_COSINE = 0.6  # a word sharing the root is a form of the topic word when it means about the same
MAX_CANDIDATES = 40


def root(word: str) -> str:
    """The word less its longest listed suffix, at least three letters ("payments" -> "pay")."""
    word = word.replace("-", "")
    for suffix in ROOT_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":  # "cancell" -> "cancel"
        word = word[:-1]
    return word


def _forms(store: Store, word: str, vocabulary: dict[str, int]) -> list[str]:
    """The forms of ``word`` customers use: vocabulary words with its stem, or sharing its root
    and close to it in meaning ("paying" for "payment"; never "feel" for "fee", "office" for "offer")."""
    key, start = stem(word), root(word)
    candidates = sorted((v for v in vocabulary if v.startswith(start)), key=lambda v: (-vocabulary[v], v))
    candidates = candidates[:MAX_CANDIDATES]
    same = [v for v in candidates if stem(v) == key]
    others = [v for v in candidates if stem(v) != key]
    if others:
        vectors = store.embed_cached([word] + others)
        same += [v for v, sim in zip(others, vectors[1:] @ vectors[0]) if sim >= FORM_COSINE]
    return sorted(same, key=lambda v: (-vocabulary[v], v))[:8]


def _robust_z(sims: np.ndarray) -> np.ndarray:
    median = float(np.median(sims))
    mad = float(np.median(np.abs(sims - median))) * 1.4826
    return (sims - median) / max(mad, 0.02)


def meant_topics(vector: np.ndarray, model: TopicModel, cut: float = Z_MATCH) -> list[TopicMatch]:
    """The store's topics ``vector`` means: those whose similarity stands out of its
    similarity to all of them (a robust z of at least ``cut``)."""
    topics = [t for t in model.topics if not t.small_talk]
    if len(topics) < 3:
        return []
    sims = np.stack([t.centroid for t in topics]) @ vector
    z = _robust_z(sims)
    chosen = np.flatnonzero(z >= cut)
    return [_match(topics[i], float(sims[i]), float(z[i]), "meaning") for i in chosen[np.argsort(-sims[chosen])]]


def word_cut(store: Store, model: TopicModel) -> float:
    """The z a single word must reach to mean one of this store's topics: what words about
    nothing in particular ("lantern", "glacier") reach against these topics by chance, at the
    ``CHANCE`` quantile, and never less than ``Z_MATCH``. Against a few dozen centres some
    topic stands out for almost any word; how far it stands out depends on the store's topics,
    so the cut is the store's own."""
    topics = [t for t in model.topics if not t.small_talk]
    if len(topics) < 3:
        return Z_MATCH
    sims = store.embed_cached(list(UNRELATED)) @ np.stack([t.centroid for t in topics]).T
    best = np.asarray([_robust_z(row).max() for row in sims])
    return max(Z_MATCH, float(np.quantile(best, CHANCE)))


def _meant_without(store: Store, model: TopicModel, content: list[str], unmeant: list[str], best: int) -> bool:
    """Whether the phrase's closest topic is one its other words mean without ``unmeant``: then
    the words no customer uses add nothing the store holds ("buying crypto" means what "buying"
    means), and the phrase is about something the store does not have."""
    rest = [w for w in content if w not in unmeant]
    return bool(rest) and best in {t.id for t in meant_topics(store.embed_cached([" ".join(rest)])[0], model)}


def _match(topic: Topic, similarity: float, z: float, how: str) -> TopicMatch:
    return TopicMatch(id=topic.id, label=topic.label, keywords=topic.keywords, similarity=round(similarity, 3),
                      z=round(z, 2), how=how)


def resolve(store: Store, phrase: str, said: Statements, model: TopicModel | None) -> Resolution:
    """What ``phrase`` stands for in this store (``said``: the statements questions read)."""
    out = Resolution(phrase=phrase, model=model.describe() if model else None)
    tokens = [w for w in _words(phrase) if w not in ADDRESS]
    content = [w for w in tokens if w not in VAGUE] or tokens
    out.words = content
    if not content:
        return out
    n = max(len(said.memo.texts) if said.memo is not None else len(said.texts), 1)
    vocabulary = store.conversations.vocabulary()
    covered: set[int] = set()
    # runs of two or more words written verbatim by customers: a name, or a phrase they use
    for size in range(min(len(content), MAX_NAME_WORDS), 1, -1):
        for start in range(len(content) - size + 1):
            if covered & set(range(start, start + size)):
                continue
            if any(CODE.fullmatch(w) for w in content[start:start + size]):
                continue  # a code decides alone: "error hw-5170" is every mention of hw-5170
            term = " ".join(content[start:start + size])
            rows = phrase_rows(said, term)
            if len(rows):
                covered |= set(range(start, start + size))
                if MIN_NAME_STATEMENTS <= len(rows) < MAX_NAME_SHARE * n and is_name(said, term, rows):
                    out.names.append(term)
                    out.named.extend(content[start:start + size])
                else:
                    out.phrases.append(term)
    for word in content:
        forms = _forms(store, word, vocabulary)
        if any(c.isdigit() for c in word) or "-" in word:  # codes and hyphenated words as written, and spaced
            written = [word, word.replace("-", " ")] + (spoken(word) if CODE.fullmatch(word) else [])
            forms += [f for f in dict.fromkeys(written) if f not in forms and len(phrase_rows(said, f))]
        if forms:
            out.forms[word] = forms
            rows = phrase_rows(said, forms[0])
            # a word of a name is a name alone where it is said little more often than the name ("Homecoming"
            # of the Homecoming bonus, "Pinmoor" of Pinmoor Fitters; not "fiber" of Orbital Fiber and every line)
            if word in out.named and len(rows) > NAMED_WORD * max(
                    (len(phrase_rows(said, name)) for name in out.names if word in name.split()), default=0):
                continue
            if MIN_NAME_STATEMENTS <= len(rows) < MAX_NAME_SHARE * n and is_name(said, forms[0], rows):
                out.names.extend(f for f in forms if f not in out.names)
                out.named.extend([word] if word not in out.named else [])
    if out.names:
        return out
    glossed = glossary_terms(content)
    out.glossary = glossed
    unused = [w for w in content
              if w not in out.forms and w not in glossed and not any(w in p.split() for p in out.phrases)]
    # a value of the business's own fields named by the phrase: the business sorted every such
    # conversation there ("delivery problems" is its Deliveries queue, not the few customers who
    # write "delivery"); with a word customers do not write beside it, narrowed to what that means
    fielded = field_values(store.conversations.values(), content)
    if fielded:
        covered = {w for f in fielded for w in f.words.split()}
        out.fields = fielded
        out.unsaid = [w for w in unused if w not in covered]
        out.named = [w for w in content if w in covered or w in unused]
        return out
    if model is None:
        return out
    vectors = store.embed_cached([" ".join(content)] + unused)
    found = {t.id: t for t in meant_topics(vectors[0], model)}
    out.topics = sorted(found.values(), key=lambda t: -t.similarity)
    # A word no customer uses is the question asking about something the store does not hold
    # ("drone" deliveries, a "Mars colony" plan) when it means none of the store's topics on
    # its own and either most of the phrase is such words or the phrase as a whole means no
    # topic (an insurer's "pet insurance"); otherwise it is a manager's word for what customers
    # say in theirs ("disputes" in billing disputes, whose phrase means the store's payment topics).
    cut = word_cut(store, model) if unused else Z_MATCH
    unmeant = [w for w, v in zip(unused, vectors[1:1 + len(unused)]) if not meant_topics(v, model, cut)]
    if unmeant and not glossed and (2 * len(unmeant) > len(content) or not out.topics
                                    or _meant_without(store, model, content, unmeant, out.topics[0].id)):
        out.absent = unmeant
        shown = [t for t in model.topics if not t.small_talk]
        closest = np.argsort(-(np.stack([t.centroid for t in shown]) @ vectors[0]))[:NEAREST] if shown else []
        out.nearest = [shown[i].label for i in closest]
    if out.absent:
        out.topics = []
        return out
    # a topic whose keywords hold one of the phrase's rarer words is meant too
    rare = {f for forms in out.forms.values() for f in forms if vocabulary.get(f, 0) < KEYWORD_SHARE * n}
    chosen = {t.id for t in out.topics}
    for topic in model.topics:
        if (topic.id not in chosen and not topic.small_talk
                and rare & {w for k in topic.keywords[:5] for w in k.split()}):
            sim = float(topic.centroid @ vectors[0])
            out.topics.append(_match(topic, sim, 0.0, "keyword"))
    return out
