"""`socialaudit cache info` and `cache clear`: the classification cache file of `assess`.

Clearing is for a cache that holds labels no longer wanted (a client's texts after the
engagement) or to measure a cold run; a damaged file needs no command, the next run warns and
the file can be deleted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from socialaudit.api.cli.classification_cache import (
    CACHE_DIR_VARIABLE,
    ROWS_VARIABLE,
    cache_path,
    cache_size,
    clear_cache,
    max_rows,
)

T = TypeVar("T")


def _on_file(action: Callable[[Path], T], path: Path) -> T:
    """`action` on the cache file, a damaged or unreadable one said so as `assess` says it."""
    try:
        return action(path)
    except sqlite3.Error as error:
        raise click.ClickException(
            f"the classification cache {path} cannot be used ({error}). If the file is "
            "damaged, delete it: the next run starts a new one."
        ) from error


@click.group("cache")
def cache_group() -> None:
    """The classification cache of `socialaudit assess`."""


@cache_group.command("info")
def info_command() -> None:
    """Where the cache file is, its rows and the most it keeps, and its size on disk."""
    path, most = cache_path(), max_rows()
    rows, size = _on_file(cache_size, path)
    click.echo(f"path: {path}{'' if path.exists() else ' (not created yet)'}")
    click.echo(f"rows: {rows:,} (at most {most:,}; {ROWS_VARIABLE} changes it)")
    click.echo(f"size: {size / 1_000_000:.1f} MB")
    click.echo(f"{CACHE_DIR_VARIABLE} moves it.")


@cache_group.command("clear")
def clear_command() -> None:
    """Remove every cached classification: the next assessment classifies every text."""
    path = cache_path()
    removed = _on_file(clear_cache, path)
    click.echo(f"removed {removed:,} rows from {path}")
