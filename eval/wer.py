"""Word error rate the way Whisper's model card measures it, and split by what kind of word was missed.

Both texts go through Whisper's own ``EnglishTextNormalizer`` (the ``whisper-normalizer`` package,
0.1.12: the code of ``openai-whisper``'s ``whisper/normalizers/english.py`` with its
``english.json`` spelling map inside the wheel, nothing downloaded): lower case, numbers to digits
("eighteen" -> "18", "twenty first" -> "21st"), British to American spellings, contractions
expanded, hyphens and symbols removed, "uh"/"um"/"hmm" dropped. WER is then (substitutions +
deletions + insertions) / reference words, a word-level Levenshtein distance, the same figure
``jiwer.wer`` gives on the normalised words (``tests/test_audio_units.py`` checks that).

The generated calls carry details no recogniser can spell from sound: people's and the company's
names, postcodes, e-mail addresses, phone and account numbers (the sample corpus's redaction-style
entities). ``split_wer`` marks those words in the reference and counts the errors on them apart
from the errors on ordinary words, so a figure can be compared with the model card's read speech.

One step runs before the normaliser, on both texts: e-mail addresses and web domains are written
as spoken ("x@example.com" -> "x at example dot com", ``spoken_addresses``); the model card's
read speech has none, and the normaliser alone scores a written address as errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel


@lru_cache(maxsize=1)
def _normaliser():
    try:
        from whisper_normalizer.english import EnglishTextNormalizer
    except ImportError as err:  # a dev/eval dependency, not the product's
        raise ImportError("scoring transcripts needs Whisper's normaliser: pip install 'convoscope[dev]'") from err
    return EnglishTextNormalizer()


_ADDRESS = re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
_DOMAIN = re.compile(r"\b([a-z][\w-]*)\.(com|net|org|co\.uk)\b", re.IGNORECASE)


def spoken_addresses(text: str) -> str:
    """E-mail addresses and web domains as they are said: "ian.j@example.com" -> "ian dot j at
    example dot com". The scripts say them so and Whisper writes them either way; its normaliser
    would turn "example.com" into "example com", one error for a word heard right."""
    text = _ADDRESS.sub(lambda m: f"{m.group(1).replace('.', ' dot ')} at {m.group(2).replace('.', ' dot ')}", text)
    return _DOMAIN.sub(lambda m: f"{m.group(1)} dot {m.group(2).replace('.', ' dot ')}", text)


def words(text: str) -> list[str]:
    """``text`` as Whisper's English normaliser leaves it (after ``spoken_addresses``), split into
    words: what WER compares."""
    return _normaliser()(spoken_addresses(text)).split()


ORDINARY = {"mark", "grace", "jack", "holly", "dev", "will"}  # first names that are also everyday words


def _entities() -> re.Pattern[str]:
    """Names, postcodes, e-mail addresses (written, or spoken as the voice scripts have them:
    "amelia dot wood75 at example dot com"), phone and account numbers, in any case."""
    from eval.sample.render import AGENT_NAMES, FIRST, LAST

    def alternatives(names) -> str:
        return "|".join(map(re.escape, sorted({n.lower() for n in names} - ORDINARY, key=len, reverse=True)))

    return re.compile(
        r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses as written
        r"|\b\w+(?: (?:dot|underscore) \w+)*(?: so| like)? at (?:like )*\w+ dot (?:com|net|org|co dot uk)\b"  # spoken
        r"|\b[a-z]{1,2}\d{1,2}[a-z]? ?\d[a-z]{2}\b"  # UK postcodes
        r"|\b0\d{4} ?\d{6}\b|\b0\d{4} \d{3} ?\d{3}\b"  # phone numbers
        r"|\bl ?m ?\d{5,}\b"  # account numbers (LM1234567, spoken "l m 1234567")
        r"|\b(?:lumora|nova|" + alternatives([*FIRST, *AGENT_NAMES]) + r")(?:'s)?(?: (?:"
        + alternatives(LAST) + r")\b)?"
        r"(?:'s)?\b",  # people's names (a surname only after a first name) and the company's
        re.IGNORECASE)


@lru_cache(maxsize=1)
def entity_pattern() -> re.Pattern[str]:
    return _entities()


def marked_words(reference: str) -> list[tuple[str, bool]]:
    """The reference's normalised words, each with True when it belongs to a name, postcode,
    e-mail address, phone or account number (each stretch normalised on its own)."""
    out: list[tuple[str, bool]] = []
    at = 0
    for match in entity_pattern().finditer(reference):
        out += [(w, False) for w in words(reference[at:match.start()])]
        out += [(w, True) for w in words(match.group())]
        at = match.end()
    return out + [(w, False) for w in words(reference[at:])]


@dataclass
class _Counts:
    errors: int = 0
    words: int = 0


class WerSplit(BaseModel):
    """Word error rates over all words and apart for entity words (names, codes, addresses)."""

    wer: float  # all reference words
    words: int
    ordinary_wer: float  # errors on ordinary words / ordinary reference words
    ordinary_words: int
    entity_wer: float  # errors on entity words / entity reference words
    entity_words: int


def _distance(ref: list[str], hyp: list[str]) -> list[list[int]]:
    table = [list(range(len(hyp) + 1))]
    for i, r in enumerate(ref, start=1):
        row = [i]
        for j, h in enumerate(hyp, start=1):
            row.append(min(table[i - 1][j] + 1, row[j - 1] + 1, table[i - 1][j - 1] + (r != h)))
        table.append(row)
    return table


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate of ``hypothesis`` against ``reference``, both Whisper-normalised."""
    ref, hyp = words(reference), words(hypothesis)
    if not ref:
        return float(bool(hyp))
    return _distance(ref, hyp)[-1][-1] / len(ref)


def split_wer(reference: str, hypothesis: str) -> WerSplit:
    """``wer`` with each error counted against the kind of reference word it falls on: a
    substitution or deletion against its word, an insertion against an entity when a word
    either side of it is one, else against ordinary words."""
    marked = marked_words(reference)
    ref, flags, hyp = [w for w, _ in marked], [f for _, f in marked], words(hypothesis)
    table = _distance(ref, hyp)
    counts = {True: _Counts(words=sum(flags)), False: _Counts(words=len(flags) - sum(flags))}
    i, j = len(ref), len(hyp)
    while i or j:  # walk the cheapest path back, attributing each edit
        if i and j and table[i][j] == table[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]):
            counts[flags[i - 1]].errors += ref[i - 1] != hyp[j - 1]
            i, j = i - 1, j - 1
        elif i and table[i][j] == table[i - 1][j] + 1:
            counts[flags[i - 1]].errors += 1
            i -= 1
        else:
            near = [flags[k] for k in (i - 1, i) if 0 <= k < len(flags)]
            counts[any(near)].errors += 1
            j -= 1
    total = counts[True].errors + counts[False].errors

    def rate(c: _Counts) -> float:
        return round(c.errors / c.words, 4) if c.words else 0.0

    return WerSplit(wer=round(total / max(len(ref), 1), 4), words=len(ref),
                    ordinary_wer=rate(counts[False]), ordinary_words=counts[False].words,
                    entity_wer=rate(counts[True]), entity_words=counts[True].words)
