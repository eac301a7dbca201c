"""`plugins.toml`: which plugins and rules run, with which thresholds and severities.

Read in ruff's manner::

    [plugins]
    disable = ["some-plugin"]

    [rules]
    select = ["GOAL", "MIX", "CHK"]     # families or codes; default: all
    ignore = ["CHK003"]

    [rules.severity]
    MIX001 = "high"

    [rules.options.MIX001]
    max_promotional_share = 0.3

Every table forbids unknown keys, so a typo is an error naming the TOML path and what is
allowed, never a silently ignored setting.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from socialaudit.engine.custom import CustomKpiDefinition, CustomRuleDefinition
from socialaudit.engine.definitions.rule import Severity
from socialaudit.engine.errors import ConfigError, ErrorCode
from socialaudit.engine.model.profile import did_you_mean

CONFIG_ENV_VAR = "SOCIALAUDIT_PLUGINS_TOML"

_STRICT = ConfigDict(extra="forbid", frozen=True)


class PluginsSection(BaseModel):
    model_config = _STRICT
    disable: tuple[str, ...] = Field(default=(), description="Plugin names not to load.")


class RulesSection(BaseModel):
    model_config = _STRICT
    select: tuple[str, ...] = Field(default=("ALL",), description="Families or codes to run.")
    ignore: tuple[str, ...] = Field(default=(), description="Families or codes not to run.")
    severity: dict[str, Severity] = Field(default_factory=dict)
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)


class ClassifierSection(BaseModel):
    model_config = _STRICT
    use: str | None = Field(default=None, description="Name of the classifier to use.")


class AssessmentSection(BaseModel):
    model_config = _STRICT
    window_days: int = Field(
        default=90, gt=0, description="Activity KPIs look at this many days before the as-of time."
    )


class LimitsSection(BaseModel):
    model_config = _STRICT
    kpi_timeout_seconds: float = Field(default=30.0, gt=0)
    rule_timeout_seconds: float = Field(default=10.0, gt=0)
    classifier_timeout_seconds: float = Field(default=600.0, gt=0)


class CustomSection(BaseModel):
    """Agencies' own definitions for everyone using this installation."""

    model_config = _STRICT
    kpis: tuple[CustomKpiDefinition, ...] = ()
    rules: tuple[CustomRuleDefinition, ...] = ()


class Settings(BaseModel):
    """The validated content of `plugins.toml`."""

    model_config = _STRICT
    plugins: PluginsSection = PluginsSection()
    rules: RulesSection = RulesSection()
    classifier: ClassifierSection = ClassifierSection()
    assessment: AssessmentSection = AssessmentSection()
    limits: LimitsSection = LimitsSection()
    custom: CustomSection = CustomSection()
    source: str | None = Field(default=None, exclude=True)

    def rule_selected(self, code: str) -> bool:
        def matches(patterns: tuple[str, ...]) -> bool:
            return any(p == "ALL" or code == p or code.rstrip("0123456789") == p for p in patterns)

        return matches(self.rules.select) and not matches(self.rules.ignore)


def toml_path(loc: tuple[Any, ...]) -> str:
    """A pydantic error location as the TOML key path: ``goals[0].targets[1].kpi``."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path


def _model_at(model: type[BaseModel] | None, loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model that holds the last key of `loc`, found by following the field types."""
    for part in loc[:-1]:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        model = _nested_model(field.annotation) if field else None
    return model


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None


_ARRAY_ITEM = re.compile(r"\{[^}]*\}|\"[^\"]*\"|'[^']*'|[^\s,\]\[#]+")
"""One item of an inline array: an inline table, a string or a bare value."""


def locate(source: str, loc: tuple[Any, ...]) -> tuple[int, int] | None:
    """Line and column (from 1) of the key at `loc` in a TOML text, found by following the
    headers (``[[goals]]``, ``[governance]``), keys and inline-array items the path names.
    None when the text does not show it plainly (a dotted key, say)."""
    position, end = 0, len(source)
    parts = list(loc)
    if parts and isinstance(parts[0], str):
        index = parts[1] if len(parts) > 1 and isinstance(parts[1], int) else None
        header = (
            rf"^[ \t]*\[\[[ \t]*{re.escape(parts[0])}[ \t]*\]\]"
            if index is not None
            else rf"^[ \t]*\[[ \t]*{re.escape(parts[0])}[ \t]*\]"
        )
        headers = list(re.finditer(header, source, re.MULTILINE))
        if index is not None and index < len(headers):
            position, parts = headers[index].end(), parts[2:]
        elif index is None and headers:
            position, parts = headers[0].end(), parts[1:]
        following = re.compile(r"^[ \t]*\[", re.MULTILINE).search(source, position)
        end = following.start() if following else len(source)
    found = None
    for part in parts:
        if isinstance(part, str):
            match = re.compile(rf"(?<![\w-]){re.escape(part)}[ \t]*=").search(source, position, end)
            if match is None:
                return None
            found, position = match.start(), match.end()
        else:
            opening = source.find("[", position, end)
            if opening < 0:
                return None
            items = list(_ARRAY_ITEM.finditer(source, opening + 1, end))
            if part >= len(items):
                return None
            found = items[part].start()
            position = found + 1
    if found is None:
        return None
    line = source.count("\n", 0, found) + 1
    return line, found - (source.rfind("\n", 0, found) + 1) + 1


def _describe_error(error: ErrorDetails, model: type[BaseModel] | None) -> tuple[str, str]:
    path = toml_path(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        holder = _model_at(model, error["loc"])
        key = str(error["loc"][-1])
        if holder is None:
            return path, "unknown key"
        return path, f"unknown key; {did_you_mean(key, holder.model_fields)}"
    if kind == "enum":
        allowed = error.get("ctx", {}).get("expected", "")
        return path, f"{error['msg'].lower()}; allowed: {allowed}"
    return path, error["msg"]


def validation_error(
    file: str,
    exc: ValidationError,
    prefix: str = "",
    *,
    model: type[BaseModel] | None = None,
    source: str | None = None,
) -> ConfigError:
    """Turn a pydantic error into one that names the file and the TOML key; with the `model`
    an unknown key gets a suggestion, with the TOML `source` the first error its line and
    column."""
    lines = []
    first_path = None
    code = ErrorCode.INVALID
    first_loc: tuple[Any, ...] = ()
    for error in exc.errors():
        if error["type"] in set(ErrorCode):
            code = ErrorCode(error["type"])
        path, message = _describe_error(error, model)
        path = f"{prefix}{path}" if prefix else path
        if first_path is None:
            first_path, first_loc = path, error["loc"]
        lines.append(f"{path}: {message}")
    where = locate(source, first_loc) if source is not None and first_loc else None
    return ConfigError(
        "; ".join(lines),
        file=file,
        field=first_path,
        line=where[0] if where else None,
        column=where[1] if where else None,
        code=code,
    )


def find_config(explicit: Path | str | None = None, search_from: Path | None = None) -> Path | None:
    """The `plugins.toml` to use: the option, else the environment variable, else one in the
    current folder (or `search_from`)."""
    if explicit:
        return Path(explicit)
    if os.environ.get(CONFIG_ENV_VAR):
        return Path(os.environ[CONFIG_ENV_VAR])
    candidate = (search_from or Path.cwd()) / "plugins.toml"
    return candidate if candidate.is_file() else None


def load_settings(path: Path | str | None) -> Settings:
    """Read and validate `plugins.toml`; no path gives the defaults."""
    if path is None:
        return Settings()
    path = Path(path)
    if not path.is_file():
        raise ConfigError("file not found", file=path, hint=f"create it, or unset {CONFIG_ENV_VAR}")
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", file=path) from exc
    try:
        return Settings.model_validate({**data, "source": str(path)})
    except ValidationError as exc:
        raise validation_error(str(path), exc, model=Settings, source=text) from exc
