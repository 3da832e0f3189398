"""Turns from the specs: each channel's shape of a template (voice, chat, an e-mail frame), the
text and its offsets, the checks on every record, and the whole set with a fixed seed."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from eval.pii_set.labels import CHANNELS, ENTITIES, KINDS, Keep, Piece, Pii, Value
from eval.pii_set.spoken import AGENTS, FIRST, LAST, TITLES, Ctx
from eval.pii_set.turns import LOOKALIKES, SPECS, Spec
from eval.pii_set.values import phone_number

SEED = 20240611
PER_CHANNEL = {"pii": 26, "lookalike": 15}  # turns per entity (or kind) and channel

FILLERS = ("uh", "um", "er", "uh", "you know")


def voice_template(template: str, rng: random.Random) -> str:
    """Lower case, no punctuation, fillers between words."""
    plain = re.sub(r"[^\w\s'{}]", " ", template.lower()).split()
    out: list[str] = []
    for i, word in enumerate(plain):
        if rng.random() < (0.3 if i == 0 else 0.07):
            out.append(rng.choice(FILLERS))
        out.append(word)
    return " ".join(out)


def chat_template(template: str, rng: random.Random) -> str:
    """Typed chat: sometimes all lower case (values keep their case), often no final full stop."""
    if rng.random() < 0.25:
        template = re.sub(r"[A-Z]", lambda m: m.group().lower(), template)
    return template[:-1] if template.endswith(".") and rng.random() < 0.5 else template


def email_frame(ctx: Ctx, speaker: str, body: str) -> tuple[str, dict[str, Value]]:
    """An e-mail around the body: a greeting, a sign-off and, in some, a signature with a name."""
    r = ctx.rng.random
    if speaker == "agent":
        greet: Value = (["Hello ", Pii("name", ctx.first), ","] if r() < 0.35 else
                        ["Dear ", ctx.pick(*TITLES), " ", Pii("name", ctx.last), ","] if r() < 0.25 else "Hello,")
        sign: Value = (["Kind regards,\n", Keep("agent_name", ctx.agent), "\nCustomer Support"] if r() < 0.4
                       else "Kind regards,\nThe Customer Support Team")
        return "{greet}\n\n" + body + "\n\n{sign}", {"greet": greet, "sign": sign}
    opening = ctx.pick("Hi there", "Hello Team", "Dear Sir or Madam", "Dear Customer Services")
    greet = [Keep("not_a_name", opening), ","] if r() < 0.3 else ctx.pick("Hi,", "Hello,", "Good afternoon,")
    off = ctx.pick("Thanks", "Kind regards", "Best", "Many thanks", "Cheers", "Regards")
    full = Pii("name", f"{ctx.first} {ctx.last}")
    signed = r()
    sign = ([f"{off},\n", full] if signed < 0.15 else [f"{off},\n", Pii("name", ctx.first)] if signed < 0.25
            else [f"{off},\n", full, "\nMobile: ", Pii("phone", phone_number(ctx))] if signed < 0.3
            else ctx.pick(f"{off}\n\nSent from my iPhone", f"{off}."))
    return "{greet}\n\n" + body + "\n\n{sign}", {"greet": greet, "sign": sign}


def fill(template: str, values: dict[str, Value]) -> list[Piece]:
    pieces: list[Piece] = []
    for i, part in enumerate(re.split(r"\{(\w+)\}", template)):
        if i % 2 == 0:
            pieces.append(part)
        else:
            value = values[part]
            pieces.extend(value if isinstance(value, list) else [value])
    return pieces


def assemble(pieces: list[Piece]) -> tuple[str, list[dict], list[dict]]:
    """The text and its spans and look-alikes, offsets counted as the pieces are joined."""
    text, spans, keeps = "", [], []
    for piece in pieces:
        start = len(text)
        text += piece if isinstance(piece, str) else piece.text
        if isinstance(piece, Pii):
            spans.append({"start": start, "end": len(text), "entity": piece.entity, "text": piece.text})
        elif isinstance(piece, Keep):
            keeps.append({"start": start, "end": len(text), "kind": piece.kind, "text": piece.text})
    return text, spans, keeps


def check(record: dict) -> None:
    """Spans exact, non-empty, not overlapping; voice turns lower case with no digits."""
    text = record["text"]
    marked = sorted(record["spans"] + record["lookalikes"], key=lambda s: s["start"])
    for s in marked:
        assert text[s["start"]:s["end"]] == s["text"], (record["id"], s)
        assert s["text"] == s["text"].strip() and any(c.isalnum() for c in s["text"]), (record["id"], s)
    for a, b in zip(marked, marked[1:]):
        assert a["end"] <= b["start"], (record["id"], a, b)
    assert all(s["entity"] in ENTITIES for s in record["spans"]), record["id"]
    assert all(k["kind"] in KINDS for k in record["lookalikes"]), record["id"]
    if record["channel"] == "voice":
        assert not re.search(r"[0-9A-Z]", text), (record["id"], text)


def turn(spec: Spec, ctx: Ctx, ident: str) -> dict:
    templates = [("customer", t) for t in spec.customer] + [("agent", t) for t in spec.agent]
    speaker, template = ctx.rng.choice(templates)
    values = spec.values(ctx)
    if ctx.channel == "voice":
        template = voice_template(template, ctx.rng)
    elif ctx.channel == "chat":
        template = chat_template(template, ctx.rng)
    else:
        template, frame = email_frame(ctx, speaker, template)
        values = {**values, **frame}
    text, spans, keeps = assemble(fill(template, values))
    record = {"id": ident, "channel": ctx.channel, "speaker": speaker, "text": text, "spans": spans,
              "lookalikes": keeps}
    check(record)
    return record


def generate(seed: int = SEED) -> list[dict]:
    """Every PII entity and look-alike kind, in every channel, ``PER_CHANNEL`` turns each."""
    rng = random.Random(seed)
    records: list[dict] = []
    seen: set[str] = set()
    for group, specs in (("pii", SPECS), ("lookalike", LOOKALIKES)):
        for spec in specs:
            for channel in CHANNELS:
                for i in range(PER_CHANNEL[group]):
                    record = None
                    while record is None or record["text"] in seen:  # no turn twice
                        ctx = Ctx(rng, channel, rng.choice(FIRST), rng.choice(LAST), rng.choice(AGENTS))
                        record = turn(spec, ctx, f"{spec.label}-{channel}-{i + 1:03d}")
                    seen.add(record["text"])
                    records.append(record)
    return records


def write(records: list[dict], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
