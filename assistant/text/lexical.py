"""Which customer statements use a topic's words.

Two kinds of match, both on the statement's plain form (lower case, fillers out):

- a cue pattern (a regex);
- a topic's own words, in the forms customers write them, as whole words or phrases.

Statements taken from the store's statement table carry its memo, so the work is done over
every statement once per store state and each later question only picks its rows: a cue
pattern's matches are kept as a mask over the table, and stems are found with ``str.find`` in
one joined copy of the plain texts (a regex beginning with ``\\b`` cannot use Python's fast
literal search; ``find`` can, and is about 30× faster over 100,000 conversations). The exact
regex is then run only on the statements ``find`` pointed at, so the result is the same as
running it on every statement.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from assistant.text.words import CACHE
from convoscope.english import without_redactions
from vectorstore.statements import Statements

FILLERS = re.compile(r"\b(?:um+|uh+|er+|erm|hmm|you know|i mean|like|yeah)\b[,]?\s*")
RARE_SHARE = 0.8  # a statement matches a topic when it uses one of the topic's rarer words


def _searchable(text: str) -> str:
    return FILLERS.sub("", without_redactions(text).lower())


@lru_cache(maxsize=CACHE)
def searchable(text: str) -> str:
    """Lower case, fillers out: what cue patterns are matched against (cached per statement)."""
    return _searchable(text)


@lru_cache(maxsize=CACHE)
def _cue_hit(cues: str, text: str) -> bool:
    return re.search(cues, searchable(text)) is not None


def cue_hits(said: Statements, cues: str) -> np.ndarray:
    """Per statement of ``said``: whether it matches the cue pattern ``cues``."""
    if said.memo is None or said.rows is None:
        return np.array([_cue_hit(cues, t) for t in said.texts], dtype=bool)
    cached = said.memo.cue_hits
    if cues not in cached:
        pattern = re.compile(cues)
        cached[cues] = np.array([pattern.search(text) is not None for text in _table_plain(said).texts], dtype=bool)
    return cached[cues][said.rows]


class _PlainTable(NamedTuple):
    texts: list[str]  # every statement of the table, plain
    joined: str  # the same, joined by newlines
    starts: np.ndarray  # where each statement starts in ``joined``


def _table_plain(said: Statements) -> _PlainTable:
    assert said.memo is not None
    if said.memo.plain is None:
        texts = [_searchable(t) for t in said.memo.texts]
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        said.memo.plain = _PlainTable(texts=texts, joined="\n".join(texts), starts=starts)
    return said.memo.plain


def _rows_with_stem(said: Statements, stem: str) -> np.ndarray:
    """Table rows (sorted) where a word starts with ``stem``."""
    assert said.memo is not None
    cached = said.memo.stem_rows
    if stem not in cached:
        table = _table_plain(said)
        joined, found = table.joined, []
        at = joined.find(stem)
        while at >= 0:
            if at == 0 or not (joined[at - 1].isalnum() or joined[at - 1] == "_"):  # what \b means here
                found.append(at)
            at = joined.find(stem, at + 1)
        rows = np.searchsorted(table.starts, np.asarray(found, dtype=np.int64), side="right") - 1
        cached[stem] = np.unique(rows)
    return cached[stem]


def topic_hits(said: Statements, groups: list[list[str]], extra: list[list[str]] | None = None) -> np.ndarray:
    """Statements that use the topic's words, weighted by rarity (BM25's IDF over these
    statements), or one of the ``extra`` phrases. Each group is one word of the topic in the
    forms customers write it; a statement is in when its matched groups weigh at least ``RARE_SHARE`` of the
    topic's rarest word. "card" or "paying" each find card payment problems; "plan" alone
    does not find the "Mars colony plan", nor "offer" alone every retention offer."""
    n = len(said.texts)
    groups = [g for g in groups if g]
    if not groups or not n:
        return np.zeros(n, dtype=bool)
    masks = [rows_of_terms(said, g) for g in groups]
    idf = np.array([float(np.log((n - m.sum() + 0.5) / (m.sum() + 0.5) + 1.0)) for m in masks])
    score = np.zeros(n)
    for weight, mask in zip(idf, masks):
        score += weight * mask
    hits = score >= RARE_SHARE * idf.max()
    for group in extra or []:  # phrases of the topic's words written verbatim: in, whatever their rarity
        hits |= rows_of_terms(said, group)
    return hits


def phrase_rows(said: Statements, phrase: str) -> np.ndarray:
    """Rows (of the store's statement table when ``said`` has one, else of ``said``) whose
    plain text holds ``phrase`` (lower case) as whole words. Kept in the table's memo."""
    pattern = re.compile(rf"(?<![\w]){re.escape(phrase)}(?![\w])")
    if said.memo is None or said.rows is None:
        return np.asarray([i for i, t in enumerate(said.texts) if pattern.search(searchable(t))], dtype=np.int64)
    cached = said.memo.phrase_rows
    if phrase not in cached:
        texts = _table_plain(said).texts
        found = _rows_with_stem(said, phrase)
        cached[phrase] = np.asarray([r for r in found.tolist() if pattern.search(texts[r])], dtype=np.int64)
    return cached[phrase]


def rows_of_terms(said: Statements, terms: list[str]) -> np.ndarray:
    """Per statement of ``said``: whether it holds one of ``terms`` as whole words."""
    if not terms or not len(said.texts):
        return np.zeros(len(said.texts), dtype=bool)
    found = np.unique(np.concatenate([phrase_rows(said, t) for t in terms]))
    if said.memo is None or said.rows is None:
        hits = np.zeros(len(said.texts), dtype=bool)
        hits[found] = True
        return hits
    return np.isin(said.rows, found)


DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def spoken(code: str) -> list[str]:
    """How a transcript writes a code read out: letter by letter, digit by digit ("hb-2093" ->
    "h b two zero nine three", and with "oh" for zero)."""
    parts = [DIGITS[int(c)] if c.isdigit() else c for c in code if c.isalnum()]
    return list(dict.fromkeys([" ".join(parts), " ".join("oh" if p == "zero" else p for p in parts)]))
