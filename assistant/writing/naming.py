"""A model names the answer's drivers and themes from their keywords and quotes; each name is
checked, and a theme whose name fails keeps the one the analysis gave it. (Asking once more for
the refused ones, told which name was refused and why, was tried: with a 1.5B model none of 24
second names passed, at 1.4 s an answer; BENCHMARKS.md.)

The analysis labels a theme with its most typical customer words ("account and it now says
annual plan, renews next year,"): true, but a fragment to read twice. A model can say
"Unexpected annual plan renewal". What a name may be is decided by rules a reader can see,
applied in order; the first a name breaks rejects it:

``empty``       nothing usable was written for the theme
``length``      more than ``MAX_WORDS`` words: a sentence, not a name
``person``      it speaks as someone ("I", "my", "you"): a customer's sentence, not a name
``copied``      ``COPIED_WORDS`` or more words in a row straight out of one quote
``redacted``    it carries a redaction token's word ("Mrs Name's Policy Query" from "[NAME]") or a
                person's title ("Mrs FB40339 Information Query"): a name must not read as if the
                redacted value were part of it
``number``      a number or code that the theme's keywords and label do not hold (one customer's
                reference number in a quote, "Mrs FB40339 Notification", names no theme)
``ungrounded``  not one of its content words (as stems) is in the theme's keywords or quotes; after
                ``misplaced``, also fewer than half of them ("Requested Promotions and Products")
``misplaced``   more of its content words belong to another theme of the answer than to this one
``unmeant``     by meaning (the store's embedder), nearer another theme's quotes than its own, or hardly
                near its own (cosine below ``MEANING_FLOOR`` with their centre): "Payment Overdue" for
                customers whose bills caught up after estimated readings, "Email Issues" for reset
                links that never arrive
``repeat``      the same name as a theme named before it in this answer
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

import prompts
from assistant.llm.base import LLM, Constraint, generate
from assistant.text.hostile import is_hostile
from assistant.text.words import content_words
from assistant.understanding.resolve import root, stem
from convoscope.models import Citation, Driver, NameVerdict

PROMPT = "name"
MAX_WORDS = 6
COPIED_WORDS = 4
QUOTES = 3  # per theme, in the prompt
MAX_QUOTE_CHARS = 200
TOKENS_PER_NAME = 16
MEANING_FLOOR = 0.3  # a name's least cosine with the centre of its theme's quotes
Embed = Callable[[list[str]], np.ndarray]  # texts -> unit vectors (``Store.embed_cached``)
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr"}  # a person's title: the name is of one customer, whose name is hidden
PERSON = {"i", "me", "my", "mine", "we", "us", "our", "you", "your", "i'm", "i've", "im", "ive"}
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'&+-]*")
_LINE = re.compile(r"^\s*(\d+)\s*[.):-]\s*(.+?)\s*$")


def _quotes(theme: Driver, citations: dict[int, Citation]) -> list[str]:
    texts = [citations[n].text for n in theme.citations if n in citations and not is_hostile(citations[n].text)]
    return [t if len(t) <= MAX_QUOTE_CHARS else t[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0] + " …" for t in texts[:QUOTES]]


def render(themes: Sequence[Driver], quotes: Sequence[Sequence[str]]) -> str:
    """The prompt for naming ``themes``, in order, each with its ``quotes``."""
    groups = []
    for i, (theme, said) in enumerate(zip(themes, quotes, strict=True), 1):
        lines = "\n".join(f'- "{q}"' for q in said) or "- (no quotes)"
        groups.append(f"Group {i}\nKeywords: {', '.join(theme.keywords[:8]) or theme.label}\nCustomers said:\n{lines}")
    return prompts.load(PROMPT).render(groups="\n\n".join(groups))


def grammar(count: int) -> str:
    """GBNF for ``count`` numbered lines of one to ``MAX_WORDS`` words each."""
    lines = " ".join(f"line{i}" for i in range(1, count + 1))
    rules = [f"root ::= {lines}"]
    rules += [f'line{i} ::= "{i}. " name "\\n"' for i in range(1, count + 1)]
    rules += [f'name ::= word (" " word){{0,{MAX_WORDS + 1}}}', "word ::= [A-Za-z0-9] [A-Za-z0-9'&+-]{0,20}"]
    return "\n".join(rules) + "\n"


def parse(reply: str, count: int) -> list[str]:
    """The name written for each of ``count`` themes ("" where the reply has none)."""
    names = [""] * count
    for line in reply.splitlines():
        match = _LINE.match(line)
        if match and 1 <= int(match.group(1)) <= count and not names[int(match.group(1)) - 1]:
            names[int(match.group(1)) - 1] = match.group(2).strip(" \"'“”*.")
    return names


def _stems(words: Sequence[str]) -> set[str]:
    """Each word's stem and root: "Payment Issues" draws on "paying" ("pay"), as a form of it."""
    return {key for w in words for key in (stem(w), root(w))}


def _drawn(words: Sequence[str], keys: set[str]) -> int:
    """How many of ``words`` are among ``keys`` (``_stems`` of what a name may draw on)."""
    return sum(1 for w in words if stem(w) in keys or root(w) in keys)


def source(theme: Driver, quotes: Sequence[str]) -> str:
    """What a name of ``theme`` may draw on: its keywords, its label and its quotes."""
    return " ".join([*theme.keywords, theme.label, *quotes]).lower()


def judge(name: str, theme: Driver, quotes: Sequence[str], earlier: Sequence[str],
          others: Sequence[str] = (), closeness: tuple[float, float] | None = None) -> str | None:
    """The first rule (module docstring) that ``name`` breaks as a name of ``theme``, or None;
    ``others``: the ``source`` of each other theme of the answer; ``closeness``: the name's
    cosine with the centre of this theme's quotes and the highest with another theme's."""
    words = _WORD.findall(name)
    if not words:
        return "empty"
    if len(words) > MAX_WORDS:
        return "length"
    lower = [w.lower() for w in words]
    if PERSON & set(lower):
        return "person"
    for quote in quotes:
        said = [w.lower() for w in _WORD.findall(quote)]
        runs = {tuple(said[i:i + COPIED_WORDS]) for i in range(len(said) - COPIED_WORDS + 1)}
        if any(tuple(lower[i:i + COPIED_WORDS]) in runs for i in range(len(lower) - COPIED_WORDS + 1)):
            return "copied"
    own = source(theme, quotes)
    tokens = {t.lower() for t in re.findall(r"\[([A-Z_]+)\]", " ".join([theme.label, *quotes]))}
    if tokens & {w.removesuffix("'s") for w in lower} or TITLES & set(lower):  # "Mrs FB40339 Information Query"
        return "redacted"
    defining = _WORD.findall(" ".join([*theme.keywords, theme.label]).lower())  # what many customers said
    if any(any(c.isdigit() for c in w) and w not in defining for w in lower):
        return "number"
    said = list(dict.fromkeys(content_words(name.lower())))
    shared = _drawn(said, _stems(content_words(own)))
    if not shared:
        return "ungrounded"
    if any(_drawn(said, _stems(content_words(other))) > shared for other in others):
        return "misplaced"
    if 2 * shared < len(said):  # "Requested Promotions and Products" of a password link asked for
        return "ungrounded"
    if closeness is not None and (closeness[0] < MEANING_FLOOR or closeness[0] < closeness[1]):
        return "unmeant"
    if name.lower() in (e.lower() for e in earlier):
        return "repeat"
    return None


class Named(NamedTuple):
    themes: list[Driver]  # in the order given, renamed where the model's name passed
    verdicts: list[NameVerdict]
    prompt: str  # the exact text sent


def _centres(embed: Embed | None, texts: Sequence[Sequence[str]]) -> np.ndarray | None:
    """Per theme, the unit centre of its quotes' vectors."""
    if embed is None:
        return None
    centres = np.stack([embed(list(said)).mean(axis=0) for said in texts])
    return centres / np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-9)


def name_themes(model: LLM, themes: Sequence[Driver], citations: Sequence[Citation],
                embed: Embed | None = None) -> Named:
    """``themes`` with the model's names where they pass the check, and a verdict for each;
    ``embed`` (the store's embedder) lets the check read what a name means."""
    if not themes:
        return Named([], [], "")
    by_n = {c.n: c for c in citations}
    quotes = [_quotes(theme, by_n) for theme in themes]
    sources = [source(theme, said) for theme, said in zip(themes, quotes, strict=True)]
    prompt = render(themes, quotes)
    reply = generate(model, prompt, TOKENS_PER_NAME * len(themes), Constraint(grammar=grammar(len(themes))))
    proposed = parse(reply, len(themes))
    centres = _centres(embed, [said or [theme.label] for theme, said in zip(themes, quotes, strict=True)])
    sims = centres @ embed([n or "-" for n in proposed]).T if embed is not None and centres is not None else None
    named: list[Driver] = []
    verdicts: list[NameVerdict] = []
    shown: list[str] = []
    for i, (theme, name) in enumerate(zip(themes, proposed, strict=True)):
        near = None if sims is None else (float(sims[i, i]), float(np.delete(sims[:, i], i).max(initial=-1.0)))
        rule = judge(name, theme, quotes[i], shown, sources[:i] + sources[i + 1:], near)
        shown.append(theme.label if rule else name)
        named.append(theme if rule else theme.model_copy(update={"label": name}))
        verdicts.append(NameVerdict(analysis=theme.label, proposed=name, accepted=rule is None, rule=rule))
    return Named(named, verdicts, prompt)
