"""Expressions for agencies' own KPIs and rules, in Google's Common Expression Language (CEL).

Why CEL: agencies write these definitions in `plugins.toml` or through the API, so they are
untrusted input that runs inside the service. CEL is made for exactly that (Kubernetes
validation rules, Google Cloud IAM conditions): it is not Turing-complete, has no access to host
objects, files or imports, and the Rust-backed `common-expression-language` package evaluates it
outside Python's object model. Python-subset evaluators (simpleeval, asteval) have had sandbox
escapes as recently as this year.

On top of CEL the engine bounds what an expression may be: its length, its nesting depth, the
functions it may call (no comprehension macros, so evaluation time is linear in its size), the
names it may read (KPI ids and the profile), and the type of its result. Every number is a
decimal, so ``posts_per_week < 2`` works where plain CEL would refuse to compare a double with an
int.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

MAX_SOURCE_LENGTH = 1000
MAX_NESTING_DEPTH = 16

ALLOWED_FUNCTIONS = frozenset(
    {
        "_+_",
        "_-_",
        "_*_",
        "_/_",
        "_%_",
        "-_",
        "!_",
        "_&&_",
        "_||_",
        "_?_:_",
        "_==_",
        "_!=_",
        "_<_",
        "_<=_",
        "_>_",
        "_>=_",
        "@in",
        "_[_]",
        "size",
        "double",
        "int",
        "string",
        "contains",
        "startsWith",
        "endsWith",
    }
)
"""Arithmetic, comparison, logic, membership and a few string and conversion functions."""

_MACRO = re.compile(r"\.\s*(map|filter|all|exists|exists_one)\s*\(")
_POSITION = re.compile(r"<input>:(\d+):(\d+):")

ResultType = Literal["number", "bool"]


class ExpressionErrorCode(StrEnum):
    SYNTAX = "syntax"
    UNKNOWN_NAME = "unknown_name"
    TYPE = "type"
    TOO_LONG = "too_long"
    TOO_DEEP = "too_deep"
    FORBIDDEN = "forbidden"


class ExpressionError(ValueError):
    """An expression that cannot be saved; `position` is a 0-based offset into the source."""

    def __init__(self, code: ExpressionErrorCode, message: str, position: int | None = None):
        self.code = code
        self.message = message
        self.position = position
        where = f" at column {position + 1}" if position is not None else ""
        super().__init__(f"{message}{where}")


@dataclass(frozen=True)
class _Scan:
    """The source with integer literals made decimal, and a map back to original offsets."""

    text: str
    origin: list[int]
    depth: int
    macro_at: int | None


def _scan(source: str) -> _Scan:
    out: list[str] = []
    origin: list[int] = []
    depth = max_depth = 0
    index = 0
    quote: str | None = None
    while index < len(source):
        char = source[index]
        if quote:
            out.append(char)
            origin.append(index)
            if char == "\\" and index + 1 < len(source):
                out.append(source[index + 1])
                origin.append(index + 1)
                index += 2
                continue
            if char == quote:
                quote = None
            index += 1
            continue
        if char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
            max_depth = max(max_depth, depth)
        elif char in ")]}":
            depth -= 1
        elif char.isdigit() and (
            index == 0 or not (source[index - 1].isalnum() or source[index - 1] in "._")
        ):
            end = index
            while end < len(source) and source[end].isalnum():
                end += 1
            literal = source[index:end]
            out.extend(literal)
            origin.extend(range(index, end))
            if literal.isdigit() and source[end : end + 1] != ".":
                out.extend(".0")
                origin.extend([end - 1, end - 1])
            index = end
            continue
        out.append(char)
        origin.append(index)
        index += 1
    text = "".join(out)
    macro = _MACRO.search(_strings_blanked(source))
    return _Scan(text, origin, max_depth, macro.start() + 1 if macro else None)


def _strings_blanked(source: str) -> str:
    return re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', lambda m: " " * len(m.group()), source)


def _name_position(source: str, name: str) -> int | None:
    found = re.search(rf"(?<![\w.]){re.escape(name)}\b", _strings_blanked(source))
    return found.start() if found else None


@dataclass(frozen=True)
class Expression:
    """A checked, compiled expression; safe to evaluate many times."""

    source: str
    result: ResultType
    kpis: tuple[str, ...]
    """The KPI ids it reads; when any is unknown, so is the result."""
    profile_names: tuple[str, ...]
    _program: Any

    def evaluate(
        self, kpi_values: Mapping[str, float | None], profile: Mapping[str, Any]
    ) -> float | bool | None:
        """The value, or None when a KPI it reads is unknown or the result is not finite."""
        values: dict[str, Any] = {}
        for kpi_id in self.kpis:
            value = kpi_values.get(kpi_id)
            if value is None:
                return None
            values[kpi_id] = float(value)
        values.update({name: profile[name] for name in self.profile_names})
        result = self._program.execute(values)
        if self.result == "bool":
            if not isinstance(result, bool):
                raise TypeError(f"the condition gave {type(result).__name__}, not true/false")
            return result
        if isinstance(result, bool) or not isinstance(result, int | float):
            raise TypeError(f"the expression gave {type(result).__name__}, not a number")
        return float(result) if math.isfinite(result) else None


def compile_expression(
    source: str,
    *,
    result: ResultType,
    known_kpis: Collection[str],
    profile_sample: Mapping[str, Any],
) -> Expression:
    """Check and compile `source`, or raise `ExpressionError` pointing at the problem.

    `profile_sample` maps the profile names the expression may read (``organisation``,
    ``channel``) to values of the right shape; the expression is evaluated once on them and
    on 1.0 for every KPI, so that a type error shows when the definition is saved, not later.
    """
    if len(source) > MAX_SOURCE_LENGTH:
        raise ExpressionError(
            ExpressionErrorCode.TOO_LONG,
            f"longer than {MAX_SOURCE_LENGTH} characters",
            MAX_SOURCE_LENGTH,
        )
    if not source.strip():
        raise ExpressionError(ExpressionErrorCode.SYNTAX, "empty expression", 0)
    scan = _scan(source)
    if scan.depth > MAX_NESTING_DEPTH:
        raise ExpressionError(
            ExpressionErrorCode.TOO_DEEP, f"nested deeper than {MAX_NESTING_DEPTH} levels"
        )
    if scan.macro_at is not None:
        raise ExpressionError(
            ExpressionErrorCode.FORBIDDEN,
            "comprehensions (map, filter, all, exists) are not allowed",
            scan.macro_at,
        )
    # imported here: the package's __init__ imports its own command line (typer,
    # prompt_toolkit), half a second that every `socialaudit assess` paid
    import cel

    try:
        program = cel.compile(scan.text)
    except ValueError as exc:
        message = str(exc)
        found = _POSITION.search(message)
        position = None
        if found and found.group(1) == "1":
            column = int(found.group(2)) - 1
            # past the last character means "at the end", where more was expected
            position = scan.origin[column] if column < len(scan.origin) else len(source)
        detail = message.split("Syntax error:", 1)[-1].split("\n", 1)[0].strip()
        raise ExpressionError(
            ExpressionErrorCode.SYNTAX, f"syntax error: {detail}", position
        ) from exc

    forbidden = sorted(set(program.functions()) - ALLOWED_FUNCTIONS)
    if forbidden:
        name = forbidden[0]
        raise ExpressionError(
            ExpressionErrorCode.FORBIDDEN,
            f"function '{name}' is not allowed; allowed: size, double, int, string, contains, "
            "startsWith, endsWith and the operators",
            _name_position(source, name),
        )
    kpis: list[str] = []
    profile_names: list[str] = []
    for name in program.variables():
        if name in profile_sample:
            profile_names.append(name)
        elif name in known_kpis:
            kpis.append(name)
        else:
            close = difflib.get_close_matches(name, [*known_kpis, *profile_sample], n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise ExpressionError(
                ExpressionErrorCode.UNKNOWN_NAME,
                f"unknown name '{name}'{hint}",
                _name_position(source, name),
            )
    expression = Expression(source, result, tuple(kpis), tuple(profile_names), program)
    try:
        expression.evaluate(dict.fromkeys(kpis, 1.0), profile_sample)
    except Exception as exc:  # CEL reports type errors as various exception types
        raise ExpressionError(ExpressionErrorCode.TYPE, str(exc).split("\n")[0]) from exc
    return expression
