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

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from socialaudit.plugin import MESSAGE_LABELS, POST_LABELS, InputError

BUILTIN_PACKS = sorted((Path(__file__).parent / "packs").glob("*.toml"))
LABELS = {"posts": POST_LABELS, "messages": MESSAGE_LABELS}
ANY_LANGUAGE = "any"


@dataclass(frozen=True)
class Cue:
    name: str
    pattern: str
    weight: float


# language -> kind -> label -> cues
Packs = dict[str, dict[str, dict[str, list[Cue]]]]


def _cue(entry: object, where: str, path: Path) -> Cue:
    if (
        not isinstance(entry, dict)
        or set(entry) - {"name", "pattern", "weight"}
        or not {"name", "pattern"} <= set(entry)
    ):
        raise InputError(
            "a cue needs name and pattern (and optionally weight)", file=path, field=where
        )
    try:  # the patterns run in polars, so they are checked by polars' (Rust) regex engine
        # a pattern that fires on nothing-texts would fire on every text
        matches_nothing_yet = (
            not pl.Series(["", "zqxj"]).str.contains(f"(?i){entry['pattern']}").any()
        )
    except pl.exceptions.ComputeError as exc:
        raise InputError(
            f"pattern is not a valid regular expression: {exc}", file=path, field=f"{where}.pattern"
        ) from exc
    if not matches_nothing_yet:
        raise InputError(
            "pattern matches an empty text or a nonsense word, so it would fire on every text "
            "(look for an empty alternative such as '||')",
            file=path,
            field=f"{where}.pattern",
        )
    weight = entry.get("weight", 1.0)
    if not isinstance(weight, int | float) or weight <= 0:
        raise InputError("weight must be a positive number", file=path, field=f"{where}.weight")
    return Cue(name=str(entry["name"]), pattern=entry["pattern"], weight=float(weight))


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
