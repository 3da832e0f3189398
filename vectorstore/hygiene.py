"""Freed memory overwritten, so no file a library writes can carry a customer's raw words.

hnswlib (inside Chroma) allocates its level-0 graph with ``malloc`` and writes the whole block to
``data_level0.bin``, the slots it has not filled yet included. Those slots hold whatever the
process freed there before: once, in CI, a customer's phone number from a transcript read before
redaction (tests/test_pii_store.py found "555-142-8647" in the store). glibc's ``M_PERTURB``
makes ``free`` overwrite what it frees and ``malloc`` hand out zeroed bytes, process-wide, so an
unfilled slot is zeros whatever ran before. Small blocks kept in glibc's per-thread cache
(up to 1,032 bytes) are not overwritten, but they are never handed out as part of a larger
block. Elsewhere than glibc (macOS, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

M_PERTURB = -6  # mallopt's parameter (glibc malloc.h)
FREED = 0xFF  # freed memory is filled with this byte; malloc's fresh blocks with its complement, 0


@cache
def overwrite_freed_memory() -> bool:
    """Turn the overwriting on for this process (once); whether it took."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return mallopt(M_PERTURB, FREED) == 1
