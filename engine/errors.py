"""Errors the engine raises for input a user can fix.

Every message names the place (file, line, field or TOML key) and says how to fix it, because
the people who read them write `organisation.toml` and export files by hand.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class ErrorCode(StrEnum):
    """What kind of problem an `InputError` is, for callers that answer differently per kind
    (the API's user error codes): they read this, never the message text."""

    INVALID = "invalid"
    UNKNOWN_PLATFORM = "unknown_platform"
    DUPLICATE_CHANNEL_KEY = "duplicate_channel_key"


class InputError(Exception):
    """Input that cannot be used as it is; the CLI prints it and exits with code 2."""

    def __init__(
        self,
        message: str,
        *,
        file: Path | str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        code: ErrorCode = ErrorCode.INVALID,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.code = code
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        self.field = field
        self.hint = hint
        super().__init__(self.describe())

    @property
    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ", ".join(parts)

    def describe(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class ConfigError(InputError):
    """A wrong key or value in `plugins.toml` or `organisation.toml`."""
