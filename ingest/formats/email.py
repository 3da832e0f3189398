"""E-mail: one message per ``.eml`` file, many per ``.mbox`` mailbox; each thread is one conversation.

Threads are grouped by ``Message-ID`` / ``In-Reply-To`` / ``References``. A thread's id is its root
message's Message-ID (without one: an ``.eml`` file's name, a mailbox's name and a hash of the
message's place in it), ``started_at`` the first message's Date (one without a zone gets
``CONVOSCOPE_TIMEZONE`` and ``metadata.timezone_assumed``), turns the messages in date order, each
turn's ``start`` the seconds since the first message.

The agent side is any sender in ``CONVOSCOPE_COMPANY_DOMAINS`` (e.g. ``lumora.com,support.lumora.com``;
subdomains count) or ``CONVOSCOPE_COMPANY_ADDRESSES``. Without either, a thread's first sender is the
customer and every other sender the agent (``metadata.agent_side_from`` names the rule used). An
auto-reply (``Auto-Submitted``) from the agent side is a ``bot`` turn. The agent's id is the sender's
display name, else the address's local part; ``customer_id`` is the customer's address.

A turn is the body (text/plain, else HTML reduced to text) without quoted replies (``>`` lines, "On …
wrote:" and what follows, Outlook "-----Original Message-----" / "From: … Sent: …" blocks) and without
the signature ("-- " and below, "Sent from my …"); sign-offs like "Kind regards, Nadia" stay. Empty
messages are skipped (``metadata.empty_messages_skipped``); a message without a From address or a
readable Date is rejected with its place (``message 12``).
"""

from __future__ import annotations

import mailbox
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from convoscope import settings
from convoscope.errors import ConvoscopeError, InputError
from convoscope.models import Conversation
from ingest.formats.common import file_id, made_up, parse_datetime, stable_id
from ingest.records import Loaded, Rejected, explain

Item = Loaded | Rejected

_ID = re.compile(r"<([^<>\s]+)>")
_ON_WROTE = re.compile(r"^\s*On\s.*", re.IGNORECASE)
_WROTE = re.compile(r"\b(wrote|writes|a écrit|schrieb|escribió)\s*:\s*$", re.IGNORECASE)
_ORIGINAL = re.compile(r"^\s*-{2,}\s*(Original|Reply) Message\s*-{2,}\s*$", re.IGNORECASE)
_FROM = re.compile(r"^\s*\*?From:\*?\s")
_SENT = re.compile(r"^\s*\*?(Sent|Date):\*?\s")
_SIGNATURE = re.compile(
    r"^(-- ?|Sent from my (iPhone|iPad|Android|Samsung|Galaxy|Huawei|Pixel|BlackBerry|mobile|phone)\b.{0,40}"
    r"|Sent from (Mail|Outlook|Yahoo Mail) for \S.*|Get Outlook for \S.*)$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^\s*[-_=*]{3,}\s*$")
_BLOCK_TAGS = set("p div br li tr table h1 h2 h3 h4 h5 h6 ul ol hr".split())
_HIDDEN_TAGS = set("script style head title blockquote".split())


@dataclass
class Mail:
    index: int
    message_id: str | None
    parents: list[str]
    sender: str
    name: str
    sent: datetime
    assumed_tz: bool
    subject: str
    recipients: list[str]
    auto: bool
    text: str
    note: str | None


class _HTMLText(HTMLParser):
    """The visible text of an HTML body; quoted replies (``blockquote``) and scripts left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def _break(self, lines: int) -> None:
        tail = "".join(self.parts[-4:]).rstrip(" ")
        have = len(tail) - len(tail.rstrip("\n"))
        self.parts.append("\n" * max(0, lines - have))

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self._break(2 if tag == "p" else 1)

    def handle_startendtag(self, tag: str, attrs: Any) -> None:  # <br/> once, like <br>
        if tag not in _HIDDEN_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS and tag != "br":
            self._break(2 if tag == "p" else 1)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))  # line breaks in HTML source are spaces


def html_to_text(html: str) -> str:
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    return _tidy(lines)


def _tidy(lines: list[str]) -> str:
    """Lines joined, without trailing spaces, runs of blank lines or blank lines at either end."""
    kept: list[str] = []
    for line in (line.rstrip() for line in lines):
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")


def _attribution(lines: list[str], at: int) -> int:
    """How many lines an "On … wrote:" (or "… wrote:" above a quote) starting at ``at`` spans; 0 if none."""
    if _ON_WROTE.match(lines[at]):
        for k in range(at, min(at + 3, len(lines))):
            if not lines[k].strip():
                break
            if _WROTE.search(lines[k]):
                return k - at + 1
    if _WROTE.search(lines[at]) and any(_quoted(n) for n in lines[at + 1 : at + 3]):
        return 1
    return 0


def _original_block(lines: list[str], at: int) -> bool:
    """Whether an unquoted earlier message starts at ``at``: Outlook's "Original Message" or "From: … Sent: …"."""
    if _ORIGINAL.match(lines[at]):
        return True
    return bool(_FROM.match(lines[at]) and any(_SENT.match(n) for n in lines[at + 1 : at + 6]))


def _quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def strip_reply(text: str) -> str:
    """The new text of a message: quoted replies and signature removed, sign-offs kept. Replies
    written between the quoted lines (answering inline) are kept."""
    lines = [re.sub(r"^>(>*From )", r"\1", line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    at = 0
    while at < len(lines) and not _SIGNATURE.match(lines[at].strip()) and not _original_block(lines, at):
        span = _attribution(lines, at)
        if span:
            rest = lines[at + span :]
            first = next((k for k, line in enumerate(rest) if _quoted(line)), len(rest))
            if not any(line.strip() and not _quoted(line) for line in rest[first:]):
                break  # only the quote (or nothing) follows: the rest is the earlier message
        elif not _quoted(lines[at]):
            kept.append(lines[at])
        at += span or 1
    while kept and (not kept[-1].strip() or _SEPARATOR.match(kept[-1])):
        kept.pop()
    return _tidy(kept)


def _decode(part: Message) -> tuple[str, str | None]:
    """A text part's content: its declared charset, else UTF-8, else latin-1 (with a note)."""
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        return "", None
    charset = part.get_content_charset() or "us-ascii"
    try:
        return raw.decode(charset), None
    except LookupError:
        note = f"unknown charset {charset!r}"
    except (UnicodeError, ValueError):
        note = f"not valid {charset}"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("latin-1"), f"{note}, read as latin-1"


def _unflow(text: str) -> str:
    """RFC 3676 format=flowed: a line ending in a space continues on the next (not "-- ")."""
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line[1:] if line.startswith(" ") else line  # space-stuffing
        if lines and lines[-1].endswith(" ") and lines[-1] != "-- " and not line.startswith(">"):
            lines[-1] += line
        else:
            lines.append(line)
    return "\n".join(lines)


def _body(message: EmailMessage) -> tuple[str, str | None]:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return "", None
    text, note = _decode(part)
    if part.get_content_subtype() == "html":
        return strip_reply(html_to_text(text)), note
    if str(part.get_param("format", "")).lower() == "flowed":
        text = _unflow(text)
    return strip_reply(text), note


def _header(message: Message, name: str) -> str:
    value = message.get(name)
    return " ".join(str(value).split()) if value is not None else ""


def _ids(value: str) -> list[str]:
    return _ID.findall(value) or value.split()


def _mail(raw: bytes, index: int) -> Mail | tuple[str, str | None]:
    """A parsed message, or why it cannot be used and its Message-ID."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    message_id = (_ids(_header(message, "Message-ID")) or [None])[0]
    name, sender = parseaddr(_header(message, "From"))
    if "@" not in sender:
        return "no From address: cannot tell who wrote it", message_id
    date = _header(message, "Date")
    if not date:
        return "no Date header", message_id
    try:
        sent, assumed = parse_datetime(date)
    except ValueError as err:
        return f"unreadable Date header: {err}", message_id
    text, note = _body(message)
    recipients = [a.lower() for _, a in getaddresses([_header(message, "To"), _header(message, "Cc")]) if "@" in a]
    auto = _header(message, "Auto-Submitted").lower() not in ("", "no")
    parents = _ids(_header(message, "In-Reply-To")) + _ids(_header(message, "References"))
    return Mail(index, message_id, parents, sender.lower(), name.strip(), sent, assumed,
                _header(message, "Subject"), recipients, auto, text, note)


def _parse(raw: bytes, index: int, source: str) -> Mail | Rejected:
    try:
        mail = _mail(raw, index)
    except ConvoscopeError:
        raise
    except Exception as err:  # noqa: BLE001 - the stdlib parser raises many kinds on broken headers
        return Rejected(source=source, location=f"message {index}",
                        reason=f"cannot parse the message ({type(err).__name__}: {str(err)[:80]})")
    if isinstance(mail, tuple):
        return Rejected(source=source, location=f"message {index}", record_id=mail[1], reason=mail[0])
    return mail


def _threads(mails: list[Mail]) -> list[list[Mail]]:
    """Messages grouped by the ids they share (a union-find over Message-ID and its references)."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = node = parent[parent[node]]
        return node

    nodes = [mail.message_id or f"\0{mail.index}" for mail in mails]
    for node, mail in zip(nodes, mails):
        for other in mail.parents:
            parent[find(other)] = find(node)
    groups: dict[str, list[Mail]] = {}
    for node, mail in zip(nodes, mails):
        groups.setdefault(find(node), []).append(mail)
    return list(groups.values())


def _agent_side(mails: list[Mail]) -> tuple[Callable[[str], bool], str]:
    config = settings.current()
    domains, addresses = config.company_domains, config.company_addresses
    if domains or addresses:
        rule = " and ".join(n for n, v in (("company domains", domains), ("company addresses", addresses)) if v)
        return (lambda a: a in addresses or any(a.endswith(("@" + d, "." + d)) for d in domains)), rule
    first = mails[0].sender
    return (lambda a: a != first), "first sender is the customer"


def _conversation(path: Path, mails: list[Mail], whole_file: bool) -> Item:
    """The thread ``mails`` as one conversation; ``whole_file``: the only one in ``path``."""
    source = str(path)
    ordered, seen = [], set()
    for mail in sorted(mails, key=lambda m: (m.sent, m.index)):
        if mail.message_id is None or mail.message_id not in seen:
            ordered.append(mail)
            seen.add(mail.message_id)
    ids = {m.message_id for m in ordered}
    root = next((m for m in ordered if not ids & set(m.parents)), ordered[0])
    thread_id = root.message_id or (file_id(path) if whole_file else stable_id(path, root.index))
    location = f"message {root.index}"
    is_agent, rule = _agent_side(ordered)
    turns = [{"speaker": ("bot" if m.auto else "agent") if is_agent(m.sender) else "customer", "text": m.text,
              "start": max(0.0, (m.sent - ordered[0].sent).total_seconds())} for m in ordered if m.text]
    if not turns:
        return Rejected(source=source, location=location, record_id=thread_id,
                        reason=f"no text left in its {len(ordered)} message(s) after removing quotes and signatures")
    agents = list(dict.fromkeys(m.name or m.sender.split("@")[0] for m in sorted(ordered, key=lambda m: m.auto)
                                if m.text and is_agent(m.sender)))  # people before auto-replies
    customers = [m.sender for m in ordered if not is_agent(m.sender)]
    customers += [a for a in root.recipients if not is_agent(a)]
    metadata: dict[str, str | int | float | bool] = {"messages": len(ordered), "agent_side_from": rule}
    for key, value in (("subject", root.subject or next((m.subject for m in ordered if m.subject), "")),
                       ("empty_messages_skipped", len(ordered) - len(turns)),
                       ("duplicate_messages_skipped", len(mails) - len(ordered)),
                       ("timezone_assumed", ordered[0].assumed_tz),
                       ("agents", " | ".join(agents) if len(agents) > 1 else ""),
                       ("charset_note", " | ".join(f"message {m.index}: {m.note}" for m in ordered if m.note))):
        if value:
            metadata[key] = value
    if not root.message_id:
        metadata.update(made_up(path, thread_id))
    record = {"id": thread_id, "channel": "email", "started_at": ordered[0].sent, "metadata": metadata,
              "agent": {"id": agents[0] if agents else "unknown", "type": "human"},
              "customer_id": customers[0] if customers else None, "turns": turns}
    try:
        return Loaded(conversation=Conversation.model_validate(record), source=source, location=location)
    except ValidationError as err:
        return Rejected(source=source, location=location, record_id=thread_id, reason=explain(err))


def _conversations(path: Path, mails: list[Mail], whole_file: bool = False) -> Iterator[Item]:
    for thread in sorted(_threads(mails), key=lambda t: min(m.index for m in t)):
        yield _conversation(path, thread, whole_file)


def load_eml(path: Path) -> Iterator[Item]:
    """The one message of an ``.eml`` file, as a one-message thread (or its rejection)."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})", "check the path and its permissions") from err
    mail = _parse(raw, 1, str(path))
    if isinstance(mail, Rejected):
        yield mail
    else:
        yield from _conversations(path, [mail], whole_file=True)


def load_mbox(path: Path) -> Iterator[Item]:
    """Every thread of an mbox mailbox; messages are read one at a time, a bad one is rejected."""
    try:
        size = path.stat().st_size
        box = mailbox.mbox(path, create=False)
    except (OSError, mailbox.Error) as err:
        raise InputError(f"{path}: cannot be read ({getattr(err, 'strerror', None) or err})",
                         "check the path and its permissions") from err
    mails: list[Mail] = []
    count = 0
    try:
        for count, key in enumerate(box.iterkeys(), start=1):
            mail = _parse(box.get_bytes(key), count, str(path))
            if isinstance(mail, Rejected):
                yield mail
            else:
                mails.append(mail)
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})", "check the path and its permissions") from err
    finally:
        box.close()
    if count == 0 and size > 0:
        raise InputError(f"{path}: no messages found: not an mbox mailbox",
                         "an mbox file starts each message with a 'From ' line; export the mailbox as mbox")
    yield from _conversations(path, mails)
