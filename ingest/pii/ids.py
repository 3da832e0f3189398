"""National identity numbers: the US Social Security number and the UK National Insurance
number built in, and any others from a YAML file the user can edit (``ingest/pii_ids.yaml``,
or ``CONVOSCOPE_PII_IDS``): each entry a name, a regular expression, optional context words
of which one must come shortly before, and an optional checksum (luhn, aba, nhs)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError

from convoscope.errors import ConvoscopeError
from ingest.pii.checksums import CHECKSUMS, TEXT_CHECKSUMS, checksum
from ingest.pii.core import ID_QUESTIONS, OF_A_RECORD, WINDOW, Doc, Span, cue, cue_kinds, with_corrections, word_pattern
from ingest.pii.dates import ANY_DATE
from ingest.pii.finance import GLUE
from ingest.pii.letters import spelled_around
from ingest.pii.repairs import CLOSINGS, FILLERS, PAUSES, READ_ON
from ingest.pii.spoken import SPELLING_ALPHABET
from ingest.pii.told_ids import GENERAL_NAMES, ToldIds

BUNDLED = Path(__file__).parents[1] / "pii_ids.yaml"

# 123-45-6789 or 123 45 6789 (no 000/666 area, 00 group or 0000 serial); nine digits after an SSN cue
_SSN = re.compile(r"(?<![\w-])(?!000|666)[0-9]{3}([- ])(?!00)[0-9]{2}\1(?!0000)[0-9]{4}(?![\w-])")
_SSN_CUED = re.compile(
    rf"\b(?:ssn|ss ?#|social security(?: number| no\.?)?|social){GLUE}"
    r"(?P<n>(?!000|666)[0-9]{3}[ -]?[0-9]{2}[ -]?[0-9]{4})(?![\w-]|[.,][0-9])",
    re.I,
)
# QQ 12 34 56 C, qq123456c, q q 123456 c (letters read out one by one, a pause between: "z b 697662 one sec a",
# the view writing a lone "one" as 1)
_PAUSE = "|".join(re.escape(" ".join(p)).replace("one", "(?:one|1)")
                  for p in sorted(PAUSES + READ_ON + CLOSINGS + tuple((f,) for f in FILLERS), key=len, reverse=True)
                  if p != ("like",))  # "ab 123456 like a": not a pause
_NINO = re.compile(rf"\b(?:[A-Z] [A-Z] (?:(?:{_PAUSE}) )*|[A-Z] ?[A-Z] ?)"  # a pause only after letters said apart
                   rf"[0-9]{{2}} ?[0-9]{{2}} ?[0-9]{{2}} ?(?:(?:{_PAUSE}) )*[A-D]\b", re.I)
# after a national-insurance cue, each letter said alone or spelled "t for tango" (a word of that letter)
# or said by the spelling alphabet alone ("bravo j nine five three six eight eight bravo")
_ALPHABET = "|".join(sorted(SPELLING_ALPHABET, key=len, reverse=True))
_LAST_ALPHABET = "|".join(w for w in _ALPHABET.split("|") if SPELLING_ALPHABET[w] in "abcd")
_LETTER = r"(?:(?P<{0}>[a-z])(?:[\s,]+for[\s,]+(?P={0})[a-z-]*)?|(?:{1}))"
_NI_SAID = re.compile(
    r"\b" + _LETTER.format("a", _ALPHABET) + r"[\s,]+" + _LETTER.format("b", _ALPHABET)
    + r"[\s,]*[0-9]{2} ?[0-9]{2} ?[0-9]{2}(?:[\s,]*"
    + _LETTER.format("c", _LAST_ALPHABET).replace("[a-z]", "[a-d]", 1) + r")?\b", re.I)
_NI_CUE = re.compile(r"\b(?:national insurance|n ?i(?: number| no)|nino|insurance number)\b", re.I)


def national_ids(doc: Doc) -> list[Span]:
    """US SSNs (grouped anywhere, or nine digits after "SSN" / "social security" / "social") and
    UK NI numbers, typed or spoken (after an NI cue its letters also spelled: "y t for tango oh
    eight ..."); none after a reference cue ("order", "ticket" ...). A number read out with a
    correction in it: when one of its readings is one, or after an id cue (six digits or more in
    one reading)."""
    if not doc.numeric:
        return []
    return with_corrections(doc, "id", _national_ids, 6, "[NATIONAL_ID]")


def _national_ids(doc: Doc) -> list[Span]:
    text = doc.view.text
    found = [(m.start("n"), m.end("n")) for m in _SSN_CUED.finditer(text)]
    found += [(m.start(), m.end()) for pattern in (_SSN, _NINO) for m in pattern.finditer(text)
              if cue(text, m.start()) != "ref"]
    words = doc.vocabulary
    if ("insurance" in words or "ni" in words or "nino" in words or "n" in words) and _NI_CUE.search(text):
        found += [m.span() for m in _NI_SAID.finditer(text)
                  if _NI_CUE.search(text, max(0, m.start() - WINDOW), m.start())]
    return doc.spans(found, "[NATIONAL_ID]")


class NationalId(BaseModel):
    """One entry of the national-id file."""

    name: str
    pattern: str
    context: list[str] = Field(default_factory=list)  # one of these within the few words before
    checksum: str | None = None  # a name in CHECKSUMS (over the match's digits) or stdnum:<module>


class CustomIds:
    """The detector for the ids of one national-id file: each entry's pattern after one of its
    context words (and passing its checksum); and in the answer to a question that names one of
    those words ("your passport?", "and your IRD please"), the code the customer gives, of five
    digits or more (four after letters), whatever its form: a code read out is often not one
    the pattern knows ("k c seven six nine five seven two")."""

    def __init__(self, entries: list[NationalId]) -> None:
        self.rules = [(re.compile(e.pattern), _context(e.context), checksum(e.checksum) if e.checksum else None)
                      for e in entries]
        self.words = tuple(dict.fromkeys(w.lower() for e in entries for w in e.context))  # what questions name
        self.named = _context(list(self.words))  # any id's name: without one, only the entries with none can match
        self.told = ToldIds(self.words)  # an id told after its name: built once per file, as the rules are
        every = sorted({*self.words, *_ALSO_NAMED, *GENERAL_NAMES}, key=len, reverse=True)
        names = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in every)
        # a code the customer then names as an id: "… double zero four two that's my aadhaar", "76331254299 (my nin)"
        self.named_after = re.compile(rf"[ \t,.-]*(?:(?:that['’]?s|thats|that is|it['’]?s|its|is|was)[ \t]+)?\(?"
                                      rf"(?:my|his|her|their|our)[ \t]+(?:{names})(?:[ \t]+(?:number|no|card))?+\b"
                                      r"(?![ \t]*(?:is|was)\b|[ \t]*:)",  # "… my NI number is …": another's told
                                      re.I)

    def __call__(self, doc: Doc) -> list[Span]:
        if not doc.numeric:
            return []
        found = []
        for reading in doc.readings("id"):
            text = reading.view.text
            named = self.named is not None and self.named.search(text) is not None
            # after its name, the id in a grouping its pattern does not know ("980 813 81512")
            grouped = [(m.start(), m.span(), re.sub(r"[ .-]", "", m.group(0)))
                       for m in _GROUPED.finditer(text)] if named else []
            for pattern, context, check in self.rules:
                if context and not named:
                    continue
                found += reading.spans([m.span() for m in pattern.finditer(text)
                                        if _stands(text, m.start(), m.group(0), context, check)
                                        and not _CONTINUES.search(text, max(0, m.start() - 2), m.start())],
                                       "[NATIONAL_ID]")
                if context and grouped:
                    found += reading.spans([span for start, span, compact in grouped if pattern.fullmatch(compact)
                                            and _stands(text, start, compact, context, check, grouped=True)],
                                           "[NATIONAL_ID]")
            found += reading.spans([m.span() for m in (*_TYPED_CODE.finditer(text), *_GROUPED.finditer(text))
                                    if sum(c.isdigit() for c in m.group()) >= ANSWERED
                                    and self.named_after.match(text, m.end())
                                    and cue(text, m.start()) in (None, "id", "card")],
                                   "[NATIONAL_ID]")
        return found

    def answered(self, doc: Doc) -> list[Span]:
        """In the answer to a question for an id: its code (run last, so that a date or a phone
        number said instead keeps its own kind)."""
        question = doc.asked or ""
        named = question in ID_QUESTIONS or (question and word_pattern(self.words).search(question))
        if not named or not doc.numeric:
            return []
        text, lead = doc.view.text, len(doc.lead)
        # the answer's own cue, not the question's words before it ("an id number?" leads "id …", an "other" cue)
        runs = [(start, end) for start, end in doc.view.runs
                if start >= lead and cue(text[lead:], start - lead) in (None, "id")]
        found = doc.spans([(start, end) for start, end in runs
                           if end - start >= ANSWERED or spelled_around(text, start, end)[0] < start], "[NATIONAL_ID]")
        # a code typed bare, unless the answer names the id it gives ("SSN: 406678734"): then another code in it
        # is another thing's ("… shipment 1ZVJ2QHA4765500324")
        labelled = "id" in cue_kinds(doc.text[len(doc.lead):])
        typed = [] if labelled else [
                 m.span() for m in _TYPED_CODE.finditer(doc.text)  # "483-470-381", "V8345669", "1475065p"
                 if sum(c.isdigit() for c in m.group()) >= ANSWERED - (1 if re.search("[A-Za-z]", m.group()) else 0)
                 and cue(doc.text, m.start()) in (None, "id")]
        return found + [(start, end, "[NATIONAL_ID]") for start, end in typed]


def _stands(text: str, start: int, value: str, context: re.Pattern[str] | None, check, grouped: bool = False) -> bool:
    """Whether an id's match at ``start`` stands: after its name (when it has one), its checksum
    right, and not an order / ticket / booking number ("For reference, my SSS number is …": the id's
    name, nearer than the reference, decides). A number in a grouping of its own (``grouped``) is
    the id only with no other kind of number named after the id's name ("NHS no. 646 477 4778 /
    Mobile (0)7536 068433"), and not a date ("on 2025-06-25": ``dates.ANY_DATE``)."""
    named = [*context.finditer(text, max(0, start - WINDOW), start)] if context else []
    if context and (not named or OF_A_RECORD.search(text, max(0, named[-1].start() - 24), named[-1].start())):
        return False
    since = named[-1].end() if named else 0
    kind = cue(text[since:], start - since)
    if grouped and (kind not in (None, "id") or ANY_DATE.search(text, max(0, start - 12), start + len(value) + 6)):
        return False
    return not (check and not check(value)) and kind != "ref"


_ALSO_NAMED = ("social", "ni", "id")  # besides told_ids.GENERAL_NAMES, what a code may be named after it
# digits in groups of any size, a space, dot or dash between them
_GROUPED = re.compile(r"(?<![\w.-])[0-9]+(?:[ .-][0-9]+)+(?![\w-]|[.,][0-9])")
_CONTINUES = re.compile(r"[0-9][ .-]?$")  # a match that starts inside a longer number ("01632 960390") is its part
ANSWERED = 5  # digits a code given in answer to an id question has at least (four with letters)
# a code typed in answer: letters and digits, dashes between (not a date: "2025-07-11")
_TYPED_CODE = re.compile(r"(?<![\w/.,-])(?![0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\b|[0-9]{1,2}-[0-9]{1,2}-[0-9]{2,4}\b)"
                         r"[A-Za-z]{0,3}[0-9](?:-?[A-Za-z0-9]){3,17}(?![\w/-]|[.,][0-9])")


_LOADED: dict[str, tuple[float, CustomIds]] = {}


def custom_ids(path: str | None) -> CustomIds:
    """The detector for the national ids in the YAML file at ``path`` (the bundled file when
    None); read again when the file changes."""
    chosen = path or str(BUNDLED)
    try:
        mtime = os.stat(chosen).st_mtime
        if chosen not in _LOADED or _LOADED[chosen][0] != mtime:
            _LOADED[chosen] = (mtime, CustomIds(_read(chosen)))
    except (OSError, yaml.YAMLError, ValidationError, re.error, ValueError) as err:
        raise ConvoscopeError(f"the national-id file {chosen} cannot be read ({str(err).splitlines()[0]})",
                              "give each entry under ids: a name, a pattern (a regular expression), optional "
                              "context words and an optional checksum "
                              f"({', '.join([*CHECKSUMS, *TEXT_CHECKSUMS])} or stdnum:<module>); "
                              f"see {BUNDLED.name}"
                              ) from err
    return _LOADED[chosen][1]


def _read(path: str) -> list[NationalId]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    entries = [NationalId.model_validate(entry) for entry in data.get("ids") or []]
    for entry in entries:
        if entry.checksum is not None:
            try:
                checksum(entry.checksum)
            except ValueError as err:
                raise ValueError(f"{entry.name}: {err}") from None
    return entries


def _context(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
