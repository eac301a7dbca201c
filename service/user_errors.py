"""Problems a user can fix, reported in a mutation's `userErrors` rather than as an exception.

`field` is the path to the argument or input field at fault, as the client sent it
(``["input", "goals", "0", "objective"]``), so a form can put the message next to the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class UserErrorCode(StrEnum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    ALREADY_EXISTS = "already_exists"
    UNKNOWN_PLATFORM = "unknown_platform"
    UNKNOWN_FORMAT = "unknown_format"
    FORMAT_NOT_RECOGNISED = "format_not_recognised"
    MALFORMED_FILE = "malformed_file"
    FILE_MISSING = "file_missing"
    IN_USE = "in_use"
    EXPRESSION_SYNTAX = "expression_syntax"
    EXPRESSION_UNKNOWN_NAME = "expression_unknown_name"
    EXPRESSION_TYPE = "expression_type"
    EXPRESSION_TOO_LONG = "expression_too_long"
    EXPRESSION_TOO_DEEP = "expression_too_deep"
    EXPRESSION_FORBIDDEN = "expression_forbidden"
    EXPRESSION_TOO_COMPLEX = "expression_too_complex"


@dataclass(frozen=True)
class UserError:
    field: list[str]
    code: UserErrorCode
    message: str
    column: int | None = None  # 1-based, in the expression `field` names


class UserErrors(Exception):
    """Raised by the service, turned into a payload's `userErrors` by the schema."""

    def __init__(self, *errors: UserError) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(e.message for e in errors))

    @classmethod
    def one(cls, field: list[str], code: UserErrorCode, message: str) -> UserErrors:
        return cls(UserError(field, code, message))


_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def field_path(prefix: list[str], engine_field: str | None) -> list[str]:
    """``goals[0].set_up_front`` -> ``[*prefix, "goals", "0", "setUpFront"]``: the engine names
    TOML keys, the client sent camelCase GraphQL input fields."""
    if not engine_field:
        return list(prefix)
    parts = [
        m.group(2) if m.group(2) is not None else _camel(m.group(1))
        for m in _PART.finditer(engine_field)
    ]
    return [*prefix, *parts]
