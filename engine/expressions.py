"""Expressions for agencies' own KPIs and rules, in Google's Common Expression Language (CEL).

Why CEL: agencies write these definitions in `plugins.toml` or through the API, so they are
untrusted input that runs inside the service. CEL is made for exactly that (Kubernetes
validation rules, Google Cloud IAM conditions): it is not Turing-complete, has no access to host
objects, files or imports, and the Rust-backed `common-expression-language` package evaluates it
outside Python's object model. Python-subset evaluators (simpleeval, asteval) have had sandbox
escapes as recently as this year.

On top of CEL the engine bounds what an expression may be: its length, its nesting depth, the
functions it may call (no comprehension macros, so evaluation time is linear in its size), the
names it may read (KPI ids and the profile), and the type of its result. These checks read the
parsed syntax tree (cel-python's parser), never the source text, which comments and strings
could disguise; division goes through a function that refuses a zero divisor. Every number is a
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
from typing import TYPE_CHECKING, Any, Literal, cast

if TYPE_CHECKING:
    from celpy.celparser import CELParseError
    from lark import Token, Tree

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

CALLABLE = frozenset({"size", "double", "int", "string"})
"""Functions an expression may call by name, `size(x)`."""
METHODS = frozenset({"size", "contains", "startsWith", "endsWith"})
"""Functions an expression may call on a value, `x.contains(y)`."""
MACROS = frozenset({"map", "filter", "all", "exists", "exists_one", "has"})
_DIVIDE = "_div"
"""What `/` is evaluated through: plain CEL gives an infinite decimal for `x / 0.0`, and a
value that cannot be right must be an error, as integer division by zero is."""

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

    depth: int


def _scan(source: str) -> _Scan:
    depth = max_depth = 0
    quote: str | None = None
    index = 0
    while index < len(source):
        char = source[index]
        if quote:
            if char == "\\":
                index += 2
                continue
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
            max_depth = max(max_depth, depth)
        elif char in ")]}":
            depth -= 1
        index += 1
    return _Scan(max_depth)


def _position(item: Tree[Token] | Token) -> int | None:
    from lark import Token

    if isinstance(item, Token):
        return item.start_pos
    return None if item.meta.empty else item.meta.start_pos


def _refused(construct: str, item: Tree[Token] | Token, why: str) -> ExpressionError:
    return ExpressionError(
        ExpressionErrorCode.FORBIDDEN, f"{construct} is not allowed: {why}", _position(item)
    )


def _check_constructs(tree: Tree[Token], profile_sample: Mapping[str, Any]) -> None:
    """Refuse, on the parsed syntax tree, what the sandbox does not allow; comments and
    strings cannot hide anything here, as they could from a check of the source text."""
    from lark import Token

    for node in tree.iter_subtrees_topdown():
        kind = node.data
        if kind == "ident_arg":
            name = node.children[0]
            if name in MACROS:
                raise _refused(f"the macro '{name}(...)'", name, "no macros")
            if name not in CALLABLE:
                allowed = ", ".join(sorted(CALLABLE))
                raise _refused(f"the function '{name}(...)'", name, f"allowed: {allowed}")
        elif kind == "member_dot_arg":
            name = node.children[1]
            if name in MACROS:
                raise _refused(
                    f"the comprehension '.{name}(...)'",
                    name,
                    "no comprehensions (map, "
                    "filter, all, exists), so evaluation time stays linear in the size",
                )
            if name not in METHODS:
                allowed = ", ".join(sorted(METHODS))
                raise _refused(f"the method '.{name}(...)'", name, f"allowed: {allowed}")
        elif kind in ("dot_ident", "dot_ident_arg"):
            raise _refused("a name with a leading dot", node, "write the name without it")
        elif kind == "member_object":
            raise _refused("building a message (Name{...})", node, "use numbers and strings")
        elif kind in ("ident", "member_dot"):
            name = node.children[-1]
            if isinstance(name, Token) and name.startswith("_"):
                raise _refused(f"the name '{name}'", name, "names may not start with _")
            if kind == "member_dot":
                _check_field(node, name, profile_sample)


def _check_field(node: Tree[Token], field: Token, profile_sample: Mapping[str, Any]) -> None:
    """`organisation.x`: x must be a key the profile has."""
    from lark import Tree

    target = node.children[0]
    if not isinstance(target, Tree) or target.data != "member":
        return
    primary = target.children[0]
    if not (isinstance(primary, Tree) and primary.data == "primary"):
        return
    ident = primary.children[0]
    if not (isinstance(ident, Tree) and ident.data == "ident"):
        return
    sample = profile_sample.get(str(ident.children[0]))
    if isinstance(sample, Mapping) and field not in sample:
        keys = ", ".join(sorted(sample))
        raise ExpressionError(
            ExpressionErrorCode.UNKNOWN_NAME,
            f"'{ident.children[0]}' has no field '{field}'; it has: {keys}",
            field.start_pos,
        )


def _decimal(token: Token) -> str:
    """Integer literals become decimals, so `posts_per_week < 2` compares like numbers."""
    text = str(token).rstrip("uU")
    return f"{float(int(text, 0 if 'x' in text.lower() else 10))!r}"


def _emit(source: str, item: Tree[Token] | Token) -> str:
    """The expression CEL evaluates: the source with integer literals made decimal and every
    division through `_div`; comments and spacing are kept between the parts."""
    from lark import Token, Tree

    if isinstance(item, Token):
        if item.type in ("INT_LIT", "UINT_LIT"):
            return _decimal(item)
        return source[item.start_pos : item.end_pos]
    children = [c for c in item.children if _position(c) is not None]
    first = item.children[0] if item.children else None
    if (
        item.data == "multiplication"
        and isinstance(first, Tree)
        and first.data == "multiplication_div"
    ):
        left, right = first.children[0], item.children[1]
        return f"{_DIVIDE}({_emit(source, left)}, {_emit(source, right)})"
    if item.meta.empty:
        return ""
    out = []
    cursor = item.meta.start_pos
    for child in children:
        start = _position(child)
        assert start is not None
        out.append(source[cursor:start])
        out.append(_emit(source, child))
        # a token of a parsed tree always has its position (None only when built by hand)
        cursor = cast(int, child.end_pos) if isinstance(child, Token) else child.meta.end_pos
    out.append(source[cursor : item.meta.end_pos])
    return "".join(out)


def _syntax_problem(source: str, exc: CELParseError) -> tuple[str, int | None]:
    """What the parser stumbled on, and where (0-based; the end when more was expected)."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken

    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, UnexpectedToken):
        if cause.token.type == "$END":
            return "the expression ends where more was expected", len(source)
        return f"unexpected '{cause.token}'", cause.token.start_pos
    if isinstance(cause, UnexpectedCharacters):
        # set to the lexer's offset here; lark declares it None on the base class
        at = cast(int, cause.pos_in_stream)
        return f"unexpected character '{source[at]}'", at
    return "not a valid expression", _offset(source, exc.line, exc.column)


def _offset(source: str, line: int | None, column: int | None) -> int | None:
    """The 0-based offset of a 1-based line and column."""
    if line is None or column is None:
        return None
    lines = source.split("\n")
    return min(sum(len(text) + 1 for text in lines[: line - 1]) + column - 1, len(source))


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
        divided_by_zero = []

        def divide(numerator: float, denominator: float) -> float:
            # no exception across the CEL library, which would log each one: note it, go on
            # with any number (CEL cannot compare NaN), and refuse the whole after evaluating
            if denominator == 0:
                divided_by_zero.append(numerator)
                return 0.0
            return numerator / denominator

        import cel  # loaded by `compile` already; see there

        result = self._program.execute(cel.Context(variables=values, functions={_DIVIDE: divide}))
        if divided_by_zero:
            raise ZeroDivisionError(f"'{self.source}' divides by zero")
        if self.result == "bool":
            if not isinstance(result, bool):
                raise TypeError(f"the condition gave {type(result).__name__}, not true/false")
            return result
        if isinstance(result, bool) or not isinstance(result, int | float):
            raise TypeError(f"the expression gave {type(result).__name__}, not a number")
        if not math.isfinite(result):
            raise OverflowError(f"'{self.source}' gave {result}, a number too large to be right")
        return float(result)


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
    # imported here, as the parser is: the package's __init__ imports its own command line
    # (typer, prompt_toolkit), half a second that every `socialaudit assess` paid; cel-python
    # and lark another fifth, for the few configurations that define custom expressions
    import cel
    from celpy.celparser import CELParseError, CELParser

    try:
        tree = CELParser().parse(source)
    except CELParseError as exc:
        detail, position = _syntax_problem(source, exc)
        raise ExpressionError(
            ExpressionErrorCode.SYNTAX, f"syntax error: {detail}", position
        ) from exc
    _check_constructs(tree, profile_sample)
    try:
        program = cel.compile(_emit(source, tree))
    except ValueError as exc:  # a form the checks above let through but CEL refuses
        detail = str(exc).split("\n", 1)[0].strip()
        raise ExpressionError(ExpressionErrorCode.SYNTAX, f"syntax error: {detail}") from exc

    forbidden = sorted(set(program.functions()) - ALLOWED_FUNCTIONS - {_DIVIDE})
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
    except (ZeroDivisionError, OverflowError):
        pass  # depends on the data: reported against the definition when it happens
    except Exception as exc:  # CEL reports type errors as various exception types
        detail = str(exc).split("\n")[0]
        raise ExpressionError(
            ExpressionErrorCode.TYPE,
            f"cannot be evaluated ({detail}): KPIs are numbers, `organisation` and `channel` "
            f"are maps of the profile, and the whole must give a {result}",
        ) from exc
    return expression
