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
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from socialaudit.engine.custom import CustomKpiDefinition, CustomRuleDefinition
from socialaudit.engine.definitions.rule import Severity
from socialaudit.engine.errors import ConfigError, ErrorCode

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


def _describe_error(error: dict[str, Any]) -> tuple[str, str]:
    path = ""
    for part in error["loc"]:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    kind = error["type"]
    if kind == "extra_forbidden":
        return path, "unknown key"
    if kind == "enum":
        allowed = error.get("ctx", {}).get("expected", "")
        return path, f"{error['msg'].lower()}; allowed: {allowed}"
    return path, error["msg"]


def validation_error(file: str, exc: ValidationError, prefix: str = "") -> ConfigError:
    """Turn a pydantic error into one that names the file and the TOML key."""
    lines = []
    first_path = None
    code = ErrorCode.INVALID
    for error in exc.errors():
        if error["type"] in set(ErrorCode):
            code = ErrorCode(error["type"])
        path, message = _describe_error(error)
        path = f"{prefix}{path}" if prefix else path
        first_path = first_path or path
        lines.append(f"{path}: {message}")
    return ConfigError("; ".join(lines), file=file, field=first_path, code=code)


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
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", file=path) from exc
    try:
        return Settings.model_validate({**data, "source": str(path)})
    except ValidationError as exc:
        raise validation_error(str(path), exc) from exc
