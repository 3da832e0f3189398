"""The property every loader's fuzz test checks: on any input a loader yields only
``Loaded``/``Rejected`` items, or refuses the whole file with one ``InputError`` line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from convoscope.errors import InputError
from ingest.records import Loaded, Rejected


def loads_or_refuses(load: Callable[[Path], Iterable], path: Path) -> None:
    try:
        items = list(load(path))
    except InputError as err:
        assert "\n" not in str(err)
        return
    assert all(isinstance(item, (Loaded, Rejected)) for item in items)
