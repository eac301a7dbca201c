"""Cue patterns compiled once a process for Python's `regex` module, beside polars' engine.

polars compiles a pattern on every call that meets it, keeping the last 32 per thread; the
cue packs hold 165, and one classification meets up to 202 (a language's cues for each
language found, every pack's for texts of no known language), so every call compiled all of
them again: 55 ms of a 70 ms call for 300 texts. A pattern compiled here stays compiled.

The packs are written in Rust's regex syntax, which `regex` reads the same way for what the
packs use (Unicode ``\\b``, ``\\w``, ``\\d``, ``\\s``, ``\\p{...}`` properties, inline flags,
case-insensitive matching by simple case folding); the one spelling it lacks, ``\\x{FE0F}``,
is rewritten. A pattern `regex` does not accept, or reads otherwise, is `None` here and runs
in polars as before. `tests/classifier/test_patterns.py` checks both engines agree on every
labelled text for every built-in cue.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

_BRACED_HEX = re.compile(r"(?<!\\)((?:\\\\)*)\\x\{([0-9A-Fa-f]{1,6})\}")
"""``\\x{HHHH}``, Rust's code point escape (not one preceded by another backslash)."""
_FLAGS = re.compile(r"\(\?([a-zA-Z-]+)[:)]")
_READ_APART = re.compile(r"\\[bB]\{|\\[<>zA]|&&|--|~~|\[[^\]]*\[")
"""Rust syntax `regex` refuses or reads otherwise: the word boundaries ``\\b{start}``, ``\\<``
and ``\\>``, ``\\z`` and ``\\A``, and class set operations or nested classes (literal
characters in `regex`'s compatible mode)."""
SAME_FLAGS = frozenset("ims-")
"""Inline flags both engines read alike; Rust's ``U`` makes repeats lazy where Python's means
Unicode, and ``x`` treats whitespace in classes apart."""


def _python_spelling(pattern: str) -> str:
    return _BRACED_HEX.sub(lambda m: f"{m.group(1)}\\U{int(m.group(2), 16):08x}", pattern)


def _read_alike(pattern: str) -> bool:
    return not _READ_APART.search(pattern) and all(
        set(flags) <= SAME_FLAGS for flags in _FLAGS.findall(pattern)
    )


@cache
def compiled(pattern: str) -> regex.Pattern[str] | None:
    """`pattern` (Rust syntax, matched case-insensitively as the cues are) for Python, or None
    when it uses syntax whose meaning could differ between the engines."""
    import regex  # here, not at the top: a run whose labels all come from the cache needs none

    if not _read_alike(pattern):
        return None
    try:
        return regex.compile(f"(?i){_python_spelling(pattern)}", flags=regex.VERSION0)
    except regex.error:
        return None
