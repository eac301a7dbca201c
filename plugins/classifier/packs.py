"""Language packs: the cue lists the built-in classifier scores with, kept as TOML data so an
agency or a plugin can add a language or a sector's jargon without code.

A pack names its ``language`` (an ISO 639-1 code, or ``any`` for cues that hold in every
language) and lists cues per kind and label::

    [[posts.promotional]]
    name = "korting"                # shown as evidence when the cue matches
    pattern = '\\b(korting|actie)\\b' # Rust regex syntax, matched case-insensitively
    weight = 2.0

Packs for the same language are merged: a plugin's pack adds cues to the built-in ones.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from socialaudit.plugin import MESSAGE_LABELS, POST_LABELS, InputError

BUILTIN_PACKS = sorted((Path(__file__).parent / "packs").glob("*.toml"))
CHECKED_BUILTIN_PACKS = {
    "any.toml": "5cb38bf7fa9f025dbed6ed27b34db7c79a953e196e3b323baa9e2dd7203cdd3e",
    "en.toml": "5f4ca5dd2ebf880b8292fc83da51f6aae1a5493276f15a6cfe6356d010074ad6",
    "fr.toml": "ccbedf01b5b86f223b5e45b933714ae862cbdcd7b920adc12d68198a29e003c2",
    "nl.toml": "eea8b3b59caec9326e6bfde41b03ee839501ce84e6513e4a9d01327ec50f9ead",
}
"""SHA-256 of each built-in pack as the test suite checked it (`tests/classifier/test_packs.py`
fails, with the line to paste, when a pack changes and this does not). A built-in pack with these
bytes is known good, so start-up need not parse it and compile its patterns again: a run whose
labels all come from the cache would pay that (a fifth of a second) for nothing."""
LABELS = {"posts": POST_LABELS, "messages": MESSAGE_LABELS}
ANY_LANGUAGE = "any"


@dataclass(frozen=True)
class Cue:
    name: str
    pattern: str
    weight: float


# language -> kind -> label -> cues
Packs = dict[str, dict[str, dict[str, list[Cue]]]]


_NOTHING_TEXTS = ("", "zqxj")
"""A pattern that fires on these would fire on every text."""


_checked: set[str] = set()
"""Patterns known good in this process: the model's evidence and the cue classifier read the
same packs, and each pattern costs a millisecond or two to compile."""


def _pattern_problem(pattern: str) -> str | None:
    """Why polars' (Rust) regex engine, which runs the patterns, refuses `pattern`; None if
    it is fine."""
    if pattern in _checked:
        return None
    try:
        fires = pl.Series(_NOTHING_TEXTS).str.contains(f"(?i){pattern}").any()
    except pl.exceptions.ComputeError as exc:
        return f"pattern is not a valid regular expression: {exc}"
    if fires:
        return (
            "pattern matches an empty text or a nonsense word, so it would fire on every text "
            "(look for an empty alternative such as '||')"
        )
    _checked.add(pattern)
    return None


def _check_patterns(patterns: list[str]) -> None:
    """Compile the patterns not seen yet in one polars call (spread over its threads); one
    that fails makes the batch fail, and `_pattern_problem` then finds which."""
    unseen = [p for p in dict.fromkeys(patterns) if p not in _checked]
    if not unseen:
        return
    try:
        fired = pl.DataFrame({"text": _NOTHING_TEXTS}).select(
            pl.col("text").str.contains(f"(?i){p}").any().alias(str(i))
            for i, p in enumerate(unseen)
        )
    except pl.exceptions.ComputeError:
        return  # each is checked on its own below, with its message
    for pattern, fires in zip(unseen, fired.row(0), strict=True):
        if not fires:
            _checked.add(pattern)


def _cue(entry: object, where: str, path: Path) -> Cue:
    if (
        not isinstance(entry, dict)
        or set(entry) - {"name", "pattern", "weight"}
        or not {"name", "pattern"} <= set(entry)
        or not isinstance(entry["pattern"], str)
    ):
        raise InputError(
            "a cue needs name and pattern (and optionally weight)", file=path, field=where
        )
    problem = _pattern_problem(entry["pattern"])
    if problem:
        raise InputError(problem, file=path, field=f"{where}.pattern")
    weight = entry.get("weight", 1.0)
    if not isinstance(weight, int | float) or weight <= 0:
        raise InputError("weight must be a positive number", file=path, field=f"{where}.weight")
    return Cue(name=str(entry["name"]), pattern=entry["pattern"], weight=float(weight))


def known_good(paths: list[Path]) -> bool:
    """Whether every pack is a built-in one with the bytes the test suite checked, so that
    reading it cannot fail."""
    for path in map(Path, paths):
        expected = CHECKED_BUILTIN_PACKS.get(path.name)
        if expected is None or path not in BUILTIN_PACKS:
            return False
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != expected:
                return False
        except OSError:
            return False
    return True


def load_packs(paths: list[Path]) -> Packs:
    """Read and merge packs; a wrong key, label or pattern is an error naming the file."""
    packs: Packs = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for path in paths:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise InputError(f"cannot read language pack: {exc}", file=path) from exc
        language = data.get("language")
        if not isinstance(language, str) or not re.fullmatch(r"[a-z]{2}|any", language):
            raise InputError(
                'needs language = "xx" (ISO 639-1) or "any"', file=path, field="language"
            )
        _check_patterns(
            [
                entry["pattern"]
                for kind, labels in data.items()
                if kind in LABELS and isinstance(labels, dict)
                for cues in labels.values()
                if isinstance(cues, list)
                for entry in cues
                if isinstance(entry, dict) and isinstance(entry.get("pattern"), str)
            ]
        )
        for kind, labels in data.items():
            if kind == "language":
                continue
            if kind not in LABELS or not isinstance(labels, dict):
                raise InputError(f"unknown section; use {', '.join(LABELS)}", file=path, field=kind)
            for label, cues in labels.items():
                if label not in LABELS[kind]:
                    raise InputError(
                        f"unknown label; use {', '.join(LABELS[kind])}",
                        file=path,
                        field=f"{kind}.{label}",
                    )
                for index, entry in enumerate(cues):
                    packs[language][kind][label].append(
                        _cue(entry, f"{kind}.{label}[{index}]", Path(path))
                    )
    return packs
