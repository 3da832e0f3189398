"""A benchmark set on real support threads (TweetSumm, 857 Twitter threads, 73 companies),
with golds from stated rules — never from what any system answers.

The rules (all case-insensitive, applied to the *customer* turns of a thread only):

- A thread is **about a term** when one of its customer turns matches the term's regular
  expression in :data:`RULES`:

  ==========  ===========================================
  term        regular expression
  ==========  ===========================================
  wifi        ``\\bwi-?fi\\b``
  refund      ``\\brefund\\w*``
  delivery    ``\\bdeliver(?:y|ies|ed|ing)?\\b``
  cancel      ``\\bcancel\\w*``
  password    ``\\bpasswords?\\b``
  playlist    ``\\bplaylists?\\b``
  flight      ``\\bflights?\\b``
  battery     ``\\bbattery\\b``
  ==========  ===========================================

- A count question's gold is the number of threads about its term (within one company when
  the question names one: ``metadata.company`` equal to the handle); its relevant
  conversations are those threads.
- "Which company has the most conversations about X?" — gold counts per company for the
  three companies with the most threads about X (ties broken by name).
- "Which has more …: A or B?" — gold counts for A and B.
- A search or summary's supporting conversations are the threads about its term (within the
  company it names); only they may be cited.
- A question about something no customer turn mentions (checked by a rule too) is
  unanswerable.

Timestamps in this file are synthetic (spread over Oct–Nov 2017 from a hash of the id), so
no question asks about a period or a trend. The rules are approximations of "about": a thread
that mentions a refund in passing counts; one that asks for "my money back" does not — the
same for every system scored.

The file is found at ``$CONVOSCOPE_REAL_DATA`` (the file, or the folder holding
``tweets.jsonl``), else at ``../shared/data/real/tweets.jsonl`` beside the repository.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from convoscope import settings
from convoscope.models import Conversation
from eval.sets import BenchmarkSet, BenchQuestion

FILE = "tweets.jsonl"
RULES: dict[str, str] = {
    "wifi": r"\bwi-?fi\b",
    "refund": r"\brefund\w*",
    "delivery": r"\bdeliver(?:y|ies|ed|ing)?\b",
    "cancel": r"\bcancel\w*",
    "password": r"\bpasswords?\b",
    "playlist": r"\bplaylists?\b",
    "flight": r"\bflights?\b",
    "battery": r"\bbattery\b",
    "crypto": r"\bcrypto\w*|\bbitcoin\b",  # for the unanswerable question: must match nothing
    "hoverboard": r"\bhoverboards?\b",  # likewise
}


def locate() -> Path | None:
    """The real threads' file, or None when this checkout has no copy of it."""
    env = settings.current().real_data
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[3] / "shared" / "data" / "real")
    for candidate in candidates:
        path = candidate / FILE if candidate.is_dir() else candidate
        if path.is_file():
            return path
    return None


def load(path: Path | None = None) -> list[Conversation]:
    """The threads as conversations (``FileNotFoundError`` naming where it looked when absent)."""
    path = path or locate()
    if path is None:
        raise FileNotFoundError(f"{FILE} not found: set CONVOSCOPE_REAL_DATA or put it in ../shared/data/real")
    with open(path, encoding="utf-8") as lines:
        return [Conversation.model_validate_json(line) for line in lines if line.strip()]


class Rules:
    """The stated rules applied to a set of threads."""

    def __init__(self, conversations: list[Conversation]) -> None:
        self.conversations = conversations

    def about(self, term: str, company: str | None = None) -> list[str]:
        """Threads with a customer turn matching the term's rule (within ``company``)."""
        pattern = re.compile(RULES[term], re.I)
        return sorted(c.id for c in self.conversations
                      if (company is None or c.metadata.get("company") == company)
                      and any(t.speaker == "customer" and pattern.search(t.text) for t in c.turns))

    def per_company(self, term: str) -> Counter[str]:
        by_id = {c.id: str(c.metadata.get("company")) for c in self.conversations}
        return Counter(by_id[cid] for cid in self.about(term))

    def count(self, qid: str, question: str, term: str, company: str | None = None) -> BenchQuestion:
        found = self.about(term, company)
        return BenchQuestion(id=qid, question=question, kind="count", counts={"current": len(found)}, relevant=found)

    def most(self, qid: str, question: str, term: str, top: int = 3) -> BenchQuestion:
        ranked = sorted(self.per_company(term).items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return BenchQuestion(id=qid, question=question, kind="compare", counts=dict(ranked), relevant=self.about(term))

    def pair(self, qid: str, question: str, term: str, a: str, b: str) -> BenchQuestion:
        counts = self.per_company(term)
        return BenchQuestion(id=qid, question=question, kind="compare", counts={a: counts[a], b: counts[b]},
                             relevant=self.about(term, a) + self.about(term, b))

    def search(
        self, qid: str, question: str, term: str, company: str | None = None, kind: str = "search"
    ) -> BenchQuestion:
        found = self.about(term, company)
        return BenchQuestion(id=qid, question=question, kind=kind, supporting=found, relevant=found)

    def unanswerable(self, qid: str, question: str, term: str) -> BenchQuestion:
        if self.about(term):
            raise ValueError(f"{qid}: the threads do mention {term}; the question is answerable")
        return BenchQuestion(id=qid, question=question, style="unanswerable", answerable=False)


def benchmark(conversations: list[Conversation]) -> BenchmarkSet:
    """Fifteen questions on the real threads, golds by the rules above."""
    r = Rules(conversations)
    questions = [
        r.count("count-wifi", "In how many conversations do customers mention Wi-Fi?", "wifi"),
        r.count("count-refund", "How many customers asked about a refund?", "refund"),
        r.count("count-delivery", "How many conversations were about deliveries?", "delivery"),
        r.count("count-cancel", "How many customers brought up cancelling something?", "cancel"),
        r.count("count-password", "How many customers had trouble with a password?", "password"),
        r.count("count-spotify-playlists", "How many conversations with SpotifyCares were about playlists?", "playlist",
                "SpotifyCares"),
        r.count("count-delta-flights", "How many Delta conversations were about flights?", "flight", "Delta"),
        r.most("most-delivery", "Which company has the most conversations about deliveries?", "delivery"),
        r.most("most-battery", "Which company gets the most battery complaints?", "battery"),
        r.pair("pair-refund", "Which has more conversations about refunds: AmazonHelp or VirginTrains?", "refund",
               "AmazonHelp", "VirginTrains"),
        r.search("search-wifi", "Show me customers complaining about their wifi", "wifi"),
        r.search("search-battery", "Find conversations where customers mention their battery", "battery"),
        r.search("summary-amazon-delivery", "What are customers telling AmazonHelp about their deliveries?", "delivery",
                 "AmazonHelp", kind="summary"),
        r.unanswerable("none-crypto", "How many customers asked about buying crypto?", "crypto"),
        r.unanswerable("none-hoverboard", "What are customers saying about the hoverboard recall?", "hoverboard"),
    ]
    return BenchmarkSet(name="tweets-tweetsumm",
                        description="Real Twitter support threads (TweetSumm): golds by stated "
                                    "regular-expression rules over the customer turns (eval/corpora/tweets.py).",
                        questions=questions)
