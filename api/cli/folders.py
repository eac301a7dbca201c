"""Which organisation folders `socialaudit assess` was given: paths, or globs for a shell that
does not expand them (or when quoted so that a long list does not hit the argument limit)."""

from __future__ import annotations

import glob
from pathlib import Path

from socialaudit.engine.errors import InputError

_GLOB_CHARACTERS = frozenset("*?[")


def is_glob(argument: Path) -> bool:
    return not argument.exists() and bool(_GLOB_CHARACTERS & set(str(argument)))


def expand_folders(arguments: tuple[Path, ...]) -> list[Path]:
    """Every argument as given, a glob replaced by the folders it matches in sorted order; a
    glob matching no folder is an error, not an empty assessment."""
    folders: list[Path] = []
    for argument in arguments:
        if not is_glob(argument):
            folders.append(argument)
            continue
        matched = sorted(Path(p) for p in glob.glob(str(argument)) if Path(p).is_dir())
        if not matched:
            raise InputError(
                "no folder matches this pattern",
                file=argument,
                hint="check the pattern, or quote it only when the folders exist",
            )
        folders += matched
    return folders


def several(arguments: tuple[Path, ...]) -> bool:
    """Whether the answer is a list: more than one argument, or any glob (a script reading
    the JSON of `assess 'clients/*'` gets an array even when one folder matches)."""
    return len(arguments) > 1 or any(is_glob(a) for a in arguments)
