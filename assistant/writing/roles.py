"""Rules that read what a claim's words mean, beyond its numbers (``assistant/writing/check.py``
runs them with the others):

- ``role``: a total given as the number of a part: "installer left without finishing, in 48
  conversations [1]", where 48 is every matching conversation and [1] backs a theme of 5
  ("5 of 48" states the part's own number and is fine);
- ``cause``: a reason that held flat given as a cause ("fell 7 % due to … [1]", [1] flat);
- ``invented cause``: a cause that is no driver the claim names and cites ("spiked due to a new
  outage [1][2]", [1][2] the rise itself);
- ``no theme grew``: a theme or reason said to grow where the analysis found none that did;
- ``measure``: a segment's figure given as another measure's: "an average CSAT of +11%" where
  11 % is the escalation rate (the figure right after a measure's name must be that measure's);
- ``definition``: a number of how the population was found given as something else: "43 of 857,
  approximately 0.54 times the total", 0.54 being the similarity cut ("cosine ≥ 0.54");
- ``joined``: numbers run together into something the analysis never wrote ("approximately
  2026-137/399 conversations");
- ``share``: a part said to be more than its whole ("stable at 5 out of 4");
- ``difference``: a difference that is no difference of the numbers it is between: "a
  difference of 9% (144 vs 51)", "12 more than" where the cited counts differ by 93;
- ``day``, ``money``: a day of a month or an amount the analysis and the excerpts do not give;
- ``predicate``: a quality no cited customer and no line gives ("Voltera Meter Services is
  reliable [1]");
- ``reported``: what customers are said to say that the cited customers do not ("Customers are
  saying Mendwell Builders has not been contacted for work in the morning [1]", [1] being "Morning.
  nobody from Mendwell Builders has been in touch to book the work").
"""

from __future__ import annotations

import re

from assistant.understanding.resolve import stem
from assistant.writing.claim_text import unquoted
from assistant.writing.clause import (
    DOWN,
    FEWER,
    FLAT,
    MEASURE_WORDS,
    MORE,
    UP,
    WORD,
    Clause,
    Context,
    asserted,
    cited,
    denied,
    markers_of,
    names,
    own_words,
    parts,
    phrases,
    quoted_numbers,
    totals,
    unnamed,
)
from assistant.writing.facts import normal, numbers_in, renderings
from convoscope.english import MONTHS, STOP_WORDS

_MEASURED = re.compile("|".join(p for _, p in MEASURE_WORDS), re.I)

# how prose speaks of what the analysis breaks a total into
THEME_WORDS = {"theme", "themes", "reason", "reasons", "driver", "drivers", "factor", "factors", "topic", "topics",
               "cause", "causes", "issue", "issues"}
_CAUSAL_WORDS = r"due to|because|owing to|thanks to|driven by|led to|leading to|fuell?ed by|resulted from|result of"
# what a cause is said with, loosely ("accounts for", "behind": also how a part's share is put)
_CAUSE = re.compile(rf"\b(?:{_CAUSAL_WORDS}|drove|drives|driving|caused|causing|behind|fuell?ing|accounts? for|"
                    r"accounted for|explains?|explained|contribut\w+)\b", re.I)
# what only a cause is said with ("accounts for 37 %" is also a part's share of the change)
_CAUSAL = re.compile(rf"\b(?:{_CAUSAL_WORDS}|caused by|triggered by|prompted by)\b", re.I)


_RATES = {"resolved", "escalated"}  # measures written as percentages
_SPOKEN = {"resolved": "resolution rate", "escalated": "escalation rate", "csat": "average CSAT",
           "sentiment_change": "change in sentiment"}
_BOUND = [(key, pattern) for key, pattern in MEASURE_WORDS if key in _RATES | {"csat", "sentiment_change"}]
_FIGURE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?\s*%?")


def measure(clause: Clause, ctx: Context) -> str | None:
    segments = [f for f in cited(clause, ctx) if f.kind == "segment"]
    text = unnamed(re.sub(r"\[\d+\]", " ", unquoted(clause.text)))
    for key, pattern in _BOUND:
        values = [f.values[key] for f in segments if key in f.values]
        if not values:
            continue
        for m in re.finditer(pattern, text, re.I):
            after = re.split("|".join(p for _, p in MEASURE_WORDS if p != pattern), text[m.end():m.end() + 40])[0]
            figure = _FIGURE.search(after)
            if figure is None or (key in _RATES and "%" not in figure.group(0)):  # "resolved 111 of them": a count
                continue
            said = normal(figure.group(0).rstrip(" %"))
            if not any(said in renderings(v, percent=key in _RATES) for v in values):
                shown = ", ".join(f"{v:.0%}" if key in _RATES else f"{v:g}" for v in values)
                return f"it gives {figure.group(0).strip()} as the {_SPOKEN[key]}, which is {shown}"
    return None


def definition(clause: Clause, ctx: Context) -> str | None:
    said = numbers_in(clause.text) - ctx.facts.times - quoted_numbers(clause, ctx)
    other = {n for f in cited(clause, ctx) if f.kind != "total" for n in f.numbers}
    words = {stem(w) for w in own_words(clause.text)}
    for number in sorted(said & set(ctx.facts.definition) - other):
        what = ctx.facts.definition[number]
        if what and not {stem(w) for w in what} & words:
            return f"{number} is the {'/'.join(sorted(what))} the matching was found with, not what the claim says"
    return None


_JOINED = re.compile(r"(?<![\w.])\d[\d,.]*(?:[ \t]*[-/][ \t]*\d[\d,.]*)+")


def joined(clause: Clause, ctx: Context) -> str | None:
    source = " ".join([ctx.composed, *(ctx.citations.get(n, "") for n in clause.markers)])
    for m in _JOINED.finditer(unnamed(clause.text)):
        if re.sub(r"\s", "", m.group(0)) not in re.sub(r"\s", "", source):
            return f"it runs numbers together (“{m.group(0)}”), which the analysis never writes"
    return None


def role(clause: Clause, ctx: Context) -> str | None:
    words, whole = own_words(clause.text), parts(clause, ctx)
    named = [f for f in whole if names(f, words, ctx)]  # "strong interest in the offer, 53 [1]":
    if len(named) != 1 or len(whole) < len(cited(clause, ctx)):  # the topic's, not the part's;
        return None  # "21 conversations, the main themes cost and statements [1][3]": the total's, of its parts
    said = numbers_in(clause.text) - ctx.facts.times - quoted_numbers(clause, ctx)
    if said & {n for f in named for n in f.numbers}:  # "5 of 48": the part's own number beside the total's
        return None
    if any({str(b), str(c)} <= said for f in ctx.facts.facts if f.kind == "total" for b, c in f.pairs):
        return None  # "fell from 58 to 54, though … held flat [1]": the total's own change, named as such
    stray = sorted(said & totals(ctx), key=float)
    if not stray:
        return None
    what = f"{stray[0]}% is the change" if stray[0] in totals(ctx, percents=True) else f"{stray[0]} is the number"
    return f"{what} of all the matching conversations, not of “{named[0].label}”, which {markers_of(clause)} backs"


def cause(clause: Clause, ctx: Context) -> str | None:
    flat = [f for f in parts(clause, ctx) if f.kind == "flat"]
    if not flat or any(f.kind == "driver" for f in cited(clause, ctx)):
        return None
    text = unquoted(clause.text)
    if not any(not denied(text[:m.start()]) for m in _CAUSE.finditer(text)):
        return None
    b, c = next(iter(flat[0].pairs)) if flat[0].pairs else (0, 0)
    return f"it gives “{flat[0].label}” as a cause, but it held flat ({b} → {c})"


def invented_cause(clause: Clause, ctx: Context) -> str | None:
    """A cause the analysis does not give: "spiked in April due to a new outage [1][2]", where
    [1][2] back the rise itself, or a reason other than the cited one. A cause is a reason
    that changed (a driver), named by the clause and cited by its markers."""
    text = unquoted(clause.text)
    said = next((m.group(0) for m in _CAUSAL.finditer(text) if not denied(text[:m.start()])), None)
    if said is None:
        return None
    drivers = [f for f in cited(clause, ctx) if f.kind == "driver"]
    words = set(WORD.findall(re.sub(r"\[\d+\]", " ", clause.text).lower()))  # a label in bold names it too
    if any(names(f, words, ctx) for f in drivers):
        return None
    if not any(f.kind == "driver" for f in ctx.facts.facts):
        return f"it gives a cause (“{said}”), and the analysis found no reason that changed more than the rest"
    return f"it gives a cause (“{said}”) that is none of the reasons {markers_of(clause)} backs"


def no_theme_grew(clause: Clause, ctx: Context) -> str | None:
    total = next((f for f in ctx.facts.facts if f.kind == "total"), None)
    if total is None or total.direction is None or any(f.kind == "driver" for f in ctx.facts.facts):
        return None
    if not any(own_words(p) & THEME_WORDS and asserted(p) - {"flat"} for p in phrases(clause.text)):
        return None  # "rose, though not because of any one theme": the rise is the total's
    return "it says a theme grew or fell, but the analysis found none that changed more than the rest"


_OUT_OF = re.compile(r"(?<![\w.])(\d[\d,]*)\s+(?:out\s+of|of)\s+(?:the\s+|all\s+|a\s+total\s+of\s+)?"
                     r"(\d[\d,]*)(?![\w.%])")


def share(clause: Clause, ctx: Context) -> str | None:
    for m in _OUT_OF.finditer(unnamed(re.sub(r"\[\d+\]", " ", unquoted(clause.text)))):
        part, whole = (int(g.replace(",", "")) for g in m.groups())
        if part > whole:
            return f"it says {part} out of {whole}: a part more than its whole"
    return None


# a change stated as an amount: "rose by 35", "went up by 176%"
_MOVED = ("rose|risen|rises|rising|increased|increases|increasing|grew|grown|grows|growing|jumped|spiked|climbed|"
          "fell|fallen|falls|falling|dropped|decreased|decreases|declined|went up|gone up|went down|gone down")
_AMOUNT = (r"(?:about |approximately |around |roughly |nearly |almost |over |just )?"
           r"(\d[\d,]*(?:\.\d+)?)\s*(%|percentage points?|points?)?")
_DIFFERENCE = re.compile(rf"\b(?:difference|gap)\s+(?:of|is|was|being)\s+{_AMOUNT}"
                         rf"|(?<![\w.])(?:by\s+)?{_AMOUNT}\s+(?:more|fewer|higher|lower|less)(?:\s+[a-z]+){{0,3}}\s+than\b"
                         rf"|\b(?:{_MOVED})\s+by\s+[£$€]?{_AMOUNT}"
                         rf"|\b(?:up|down)\s+{_AMOUNT}"  # "up 44%": a change, not a share of one
                         rf"|\b(?:increase|rise|jump|growth|decrease|drop|fall)\s+of\s+{_AMOUNT}"
                         rf"|(?<![\w.])[-+]?{_AMOUNT}\s+(?:increase|rise|jump|growth|decrease|drop)\b"
                         rf"|(?<![\w.])[-+]?{_AMOUNT}\s+(?:more|less|higher|lower)\b(?!(?:\s+[a-z]+){{0,3}}\s+than\b)"
                         rf"|\(\s*[-+]{_AMOUNT}\s*\)"  # "(+136 %)"
                         # a whole number written with its sign is a change ("+ 29 to +55 conversations" of a
                         # count that went 29 -> 55); a signed decimal is a measure's (sentiment +0.19), a signed
                         # percentage the percent rule's
                         r"|(?<![\w.+-])[-+]\s?(\d[\d,]*)(?![.,]?\d)(?!\s*%)()", re.I)


def stated_difference(clause: Clause, ctx: Context) -> tuple[str, str, bool] | None:
    """The difference a clause states ("a difference of 81", "12 more than"), its unit ("%",
    "points" or "") and whether two of the numbers it is between differ by it: the clause's own
    when it states two ("144 vs 51"), else with what it cites (a percentage also as a relative
    difference: 144 against 72 is 100 % more); None without one."""
    text = re.sub(r"\*\*([\d.,]+)\*\*", r"\1", unquoted(clause.text))  # "**58**": a number in bold, no label
    text = unnamed(re.sub(r"\[\d+\]", " ", text))
    match = _DIFFERENCE.search(text)
    if match is None:
        return None
    group = next(i for i in range(1, 19, 2) if match.group(i))
    said, unit = normal(match.group(group)), match.group(group + 1) or ""
    own = numbers_in(text) - {said} - ctx.facts.times
    between = own if len(own) >= 2 else own | {n for f in cited(clause, ctx) for n in f.numbers}  # "(144 vs 51)"
    values = {float(n) for n in between if n.replace(".", "", 1).isdigit()}
    gaps = {abs(a - b) for a in values for b in values if a != b}
    if "%" in unit and group < 5:  # "100 % more than": 144 against 72, either way round
        gaps |= {abs(a - b) / b * 100 for a in values for b in values if b and a != b}
    elif "%" in unit:  # "up 136 %": from where it started, the clause's "from A to B" or a cited change
        ordered = [float(normal(n)) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text) if normal(n) in own]
        changes = [(ordered[0], ordered[1])] if len(own) >= 2 and len(ordered) >= 2 else [
            (float(b), float(c)) for f in cited(clause, ctx) for b, c in f.pairs]
        gaps |= {abs(c - b) / b * 100 for b, c in changes if b}
    value = float(said)
    return said, unit, any(abs(value - g) <= max(0.5, 0.02 * value) for g in gaps)


def difference(clause: Clause, ctx: Context) -> str | None:
    stated = stated_difference(clause, ctx)
    if stated is None or stated[2]:
        return None
    said, unit, _ = stated
    return f"it gives {said}{unit} as a difference, which no two of its numbers differ by"


_MONTHS = "|".join(names[0] for names in MONTHS)  # the full names ("january" … "december")
_DAY = re.compile(rf"\b(?:({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s+(?:out\s+of|of|conversation|customer))"
                  rf"|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS})\b)", re.I)
_ISO_DAY = re.compile(r"\b\d{4}-(\d\d)-(\d\d)\b")
_NAMES = [names[0] for names in MONTHS]


def _days(text: str) -> set[tuple[str, int]]:
    found = {((m.group(1) or m.group(4)).lower(), int(m.group(2) or m.group(3))) for m in _DAY.finditer(text)}
    found |= {(_NAMES[int(mo) - 1], int(d)) for mo, d in _ISO_DAY.findall(text) if 1 <= int(mo) <= 12}
    return {(month, when) for month, when in found if when <= 31}  # "October 58" is a count after a month


def day(clause: Clause, ctx: Context) -> str | None:
    """A day of a month the analysis does not give ("October 21st", "on October 2nd"): the
    analysis counts by month and week, so such a day is a count read as a date."""
    for month, when in sorted(_days(unquoted(clause.text)) - _days(ctx.composed)):
        what = "that does not exist" if when == 0 else "the analysis does not give"
        return f"it names {month.title()} {when}, a day {what}"
    return None


_MONEY = re.compile(r"([£$€])\s?(\d[\d,]*(?:\.\d+)?)")


def money(clause: Clause, ctx: Context) -> str | None:
    """An amount of money the analysis and the cited excerpts do not write ("from £1 to £36
    conversations"): a count is not a price."""
    said = [ctx.composed] + [ctx.citations.get(n, "") for n in clause.markers]
    for sign, amount in _MONEY.findall(unnamed(unquoted(clause.text))):
        if not any(re.search(rf"{re.escape(sign)}\s?{re.escape(amount)}(?!\d)", s) for s in said):
            return f"it writes {sign}{amount}, an amount neither the analysis nor the excerpts it cites give"
    return None


# what a thing is said to be: "… is reliable", "are not meeting their expectations"
_PREDICATE = re.compile(r"\b(?:is|are|was|were|seems?|seemed|feels?|felt|remains?|remained|looks?|looked|became|"
                        r"becomes?)\s+(?:(?:not|very|quite|really|generally|mostly|largely|highly|also|still|now|"
                        r"being|been)\s+)*([a-z][a-z'-]{2,})", re.I)
# how prose reports what customers do in their conversations (general English, no business's words)
REPORTING = {"saying", "asking", "reporting", "complaining", "mentioning", "raising", "talking", "writing",
             "calling", "contacting", "requesting", "describing", "discussing", "chasing", "getting", "having"}


_GENERAL = STOP_WORDS | UP | DOWN | FLAT | MORE | FEWER | REPORTING | THEME_WORDS  # what any claim may say


def _source(clause: Clause, ctx: Context) -> str:
    """What the analysis, the excerpts ``clause`` cites and the topic say."""
    return " ".join([ctx.composed, *(ctx.citations.get(n, "") for n in clause.markers),
                     *(f.label for f in ctx.facts.facts), *ctx.facts.topic_words])


def _said_stems(clause: Clause, ctx: Context) -> set[str]:
    """The stems of the words the analysis, the excerpts ``clause`` cites and the topic give."""
    return {stem(w) for w in WORD.findall(_source(clause, ctx).lower())}


def predicate(clause: Clause, ctx: Context) -> str | None:
    """A quality the analysis and the cited customers never give: "Voltera Meter Services is
    reliable [1]", where [1] is a customer whose installer left without finishing. What a claim
    says something is must be in the analysis's words, the cited excerpts' or the question's
    topic (as stems), or be a direction, a comparison or a way of reporting."""
    text = unnamed(re.sub(r"\[\d+\]", " ", unquoted(clause.text)))
    said = [m.group(1).lower() for m in _PREDICATE.finditer(text)]
    if not said:
        return None
    known, general = _said_stems(clause, ctx), _GENERAL
    for word in said:
        if word not in general and stem(word) not in known and not _MEASURED.search(word):
            cited_by = markers_of(clause) or "an excerpt"
            return f"it calls something “{word}”, which neither the analysis nor {cited_by} says"
    return None


# what customers are said to say: "customers are saying (that) …", "callers complained about …"
_REPORTED = re.compile(r"\b(?:customers?|callers?|people|users|clients|they)\b(?:\s+(?:are|were|have|had|been|keep|"
                       r"kept|also|still|often|mostly|mainly|frequently|repeatedly))*\s+(?:say|says|said|saying|ask|asks|"
                       r"asked|asking|report|reports|reported|reporting|complain|complains|complained|complaining|"
                       r"mention|mentions|mentioned|mentioning|describe|describes|described|describing|tell|tells|told|"
                       r"telling|write|writes|wrote|writing)\b(?:\s+(?:that|about|of|how|us|we))?\s+(?P<what>.+)",
                       re.I)


# verbs that carry little of their own ("has not gone down", "got it fixed")
_LIGHT = set("go goes going gone went get gets getting got gotten make makes making made take takes taking took "
             "taken come comes coming came keep keeps keeping kept put puts putting".split())


def reported(clause: Clause, ctx: Context) -> str | None:
    """What customers are said to say must be what the cited customers say: every word of it (as a
    stem) in the cited excerpts, the analysis's words or the question's topic, or general English
    (a direction, a comparison, a way of reporting). A paraphrase in other words is refused too:
    the customers' own words, or the composed answer, are shown instead."""
    text = unnamed(re.sub(r"\[\d+\]", " ", unquoted(clause.text)))
    match = _REPORTED.search(text)
    if match is None or not clause.markers:
        return None
    known, general = _said_stems(clause, ctx), _GENERAL | _LIGHT
    for word in WORD.findall(match.group("what").lower()):
        if word not in general and not word.isdigit() and stem(word) not in known and not _MEASURED.search(word):
            return f"it says customers said “{word}”, which {markers_of(clause)} do not say"
    return None


_OWNER = re.compile(r"\b([^\W\d_][\w-]*)['’]s\b")  # "Sarah's", "the store's"
# words before "'s" that make a contraction or a time, not an owner: "he's", "let's", "October's count"
_NOT_OWNERS = STOP_WORDS | {"let", "today", "yesterday", "tomorrow", "day", "week", "month", "quarter", "year"} | {
    name for names in MONTHS for name in names}


def possessive(clause: Clause, ctx: Context) -> str | None:
    """Whose something is must be what the analysis or the cited excerpts say: the 1.5B model wrote
    "his account email is Sarah's email address [6]" of "Hi Sarah, … My account email is [EMAIL]"
    (Sarah is the agent greeted). A possessive ("Sarah's") must stand as written in them."""
    text = unnamed(re.sub(r"\[\d+\]", " ", unquoted(clause.text)))
    owners = [m.group(1) for m in _OWNER.finditer(text) if m.group(1).lower() not in _NOT_OWNERS]
    if not owners:
        return None
    source = _source(clause, ctx).lower().replace("’", "'")
    cited_by = markers_of(clause) or "an excerpt"
    for owner in owners:
        if not re.search(rf"\b{re.escape(owner.lower())}'s\b", source):
            return f"it says something is {owner}'s, which neither the analysis nor {cited_by} says"
    return None
