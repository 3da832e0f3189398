"""A mapped field's value as Convoscope keeps it: an id as text, a metadata scalar (numbers
and booleans read from text, lists joined, objects as JSON), a turn's text (HTML stripped when
asked)."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from convoscope.models import Scalar


def ident(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return (str(value).lower() if isinstance(value, bool) else str(value).strip()) or None


INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")
TAG = re.compile(r"<[^>]*>")
BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
PARAGRAPH = re.compile(r"</p>|</div>", re.IGNORECASE)
BLANKS = re.compile(r"\n{3,}")


def scalar(value: Any) -> Scalar | None:
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if isinstance(v, (str, int, float)) and str(v).strip()) or None
    if isinstance(value, dict):
        try:
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
        except (RecursionError, TypeError, ValueError):
            return None
    if (text := ident(value)) is None:
        return None
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    return int(text) if INT.fullmatch(text) else float(text) if FLOAT.fullmatch(text) else text


def clean_text(value: Any, strip_html: bool) -> str:
    text = value if isinstance(value, str) else "" if value is None or isinstance(value, (dict, list)) else str(value)
    if strip_html:
        text = html.unescape(TAG.sub(" ", PARAGRAPH.sub("\n\n", BREAK.sub("\n", text))))
        text = BLANKS.sub("\n\n", "\n".join(" ".join(line.split()) for line in text.splitlines()))
    return text.strip()
