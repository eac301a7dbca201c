"""Plugin discovery and the registry of everything the plugins provide.

Built-in and third-party plugins are both found through the ``socialaudit`` entry-point group.
pluggy stops a hook call at the first exception, so each plugin's implementation is called on
its own and every record it returns is validated; a plugin that fails to import, raises, or
returns something malformed is listed with its error and the rest still load.
"""

from __future__ import annotations

import importlib.metadata
import inspect
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar, cast

import pluggy
from pydantic import BaseModel, ValidationError

from socialaudit.engine import PROJECT_NAME, hookspecs
from socialaudit.engine.config import Settings, validation_error
from socialaudit.engine.custom import (
    CustomKpiDefinition,
    CustomRuleDefinition,
    build_kpi,
    build_rule,
)
from socialaudit.engine.definitions import Benchmark, ChannelAdapter, ContentClassifier, Kpi, Rule
from socialaudit.engine.errors import ConfigError
from socialaudit.engine.expressions import ExpressionError

ENTRY_POINT_GROUP = PROJECT_NAME


class PluginStatus(StrEnum):
    LOADED = "loaded"
    FAILED = "failed"
    DISABLED = "disabled"


@dataclass
class PluginInfo:
    """What `socialaudit plugins` shows of one plugin."""

    name: str
    module: str
    distribution: str | None = None
    version: str | None = None
    status: PluginStatus = PluginStatus.LOADED
    hooks: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    builtin: bool = False

    def fail(self, message: str) -> None:
        self.status = PluginStatus.FAILED
        self.errors.append(message)


@dataclass
class Registry:
    """Everything loaded, by stable id; the pipeline and the catalogue read from here."""

    plugins: dict[str, PluginInfo] = field(default_factory=dict)
    adapters: dict[str, ChannelAdapter] = field(default_factory=dict)
    kpis: dict[str, Kpi] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    classifiers: dict[str, ContentClassifier] = field(default_factory=dict)
    benchmarks: dict[str, Benchmark] = field(default_factory=dict)
    language_packs: list[Path] = field(default_factory=list)
    owners: dict[str, str] = field(default_factory=dict)
    """Which plugin brought each record, keyed ``kind:id``."""
    settings: Settings = field(default_factory=Settings)
    rule_options: dict[str, BaseModel] = field(default_factory=dict)
    unavailable_rules: dict[str, str] = field(default_factory=dict)
    """Rules left out because a KPI they read is not loaded, with the reason; each assessment
    reports them against the rule, so that no rule disappears silently."""

    @property
    def failures(self) -> list[PluginInfo]:
        return [p for p in self.plugins.values() if p.status == PluginStatus.FAILED]

    def enabled_rules(self) -> list[Rule]:
        return [r for code, r in sorted(self.rules.items()) if self.settings.rule_selected(code)]

    def severity_of(self, rule: Rule) -> Any:
        return self.settings.rules.severity.get(rule.code, rule.severity)

    def classifier(self) -> ContentClassifier | None:
        """The classifier `plugins.toml` names, else the first loaded."""
        wanted = self.settings.classifier.use
        if wanted:
            return self.classifiers.get(wanted)
        return next(iter(self.classifiers.values()), None)

    def plugin_versions(self) -> dict[str, str]:
        return {
            name: info.version or "unknown"
            for name, info in sorted(self.plugins.items())
            if info.status == PluginStatus.LOADED
        }


_HOOK_NAMES = [
    name
    for name, obj in inspect.getmembers(hookspecs, inspect.isfunction)
    if name.startswith(f"{PROJECT_NAME}_")
]

_RECORD_KINDS: dict[str, tuple[str, type, Callable[[Any], str]]] = {
    "socialaudit_channel_adapters": ("adapters", ChannelAdapter, lambda a: a.name),
    "socialaudit_kpis": ("kpis", Kpi, lambda k: k.id),
    "socialaudit_rules": ("rules", Rule, lambda r: r.code),
    "socialaudit_content_classifiers": ("classifiers", ContentClassifier, lambda c: c.name),
    "socialaudit_benchmarks": ("benchmarks", Benchmark, lambda b: b.id),
}


def _plugin_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    return manager


def _entry_points() -> list[importlib.metadata.EntryPoint]:
    return sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)


def _misspelt_hooks(plugin: object) -> list[str]:
    """Functions that look like hooks but match no spec (tox 4's ``check_pending``)."""
    return [
        name
        for name in dir(plugin)
        if name.startswith(f"{PROJECT_NAME}_")
        and name not in _HOOK_NAMES
        and callable(getattr(plugin, name, None))
    ]


def _problems(record: Any) -> list[str]:
    check = getattr(record, "problems", None)
    return check() if callable(check) else []


def _collect(manager: pluggy.PluginManager, registry: Registry) -> None:
    for hook_name, (attribute, record_type, key_of) in _RECORD_KINDS.items():
        target: dict[str, Any] = getattr(registry, attribute)
        for impl in getattr(manager.hook, hook_name).get_hookimpls():
            info = registry.plugins[impl.plugin_name]
            try:
                records = list(impl.function() or ())
            except Exception as exc:  # a plugin's bug must not stop the others loading
                info.fail(f"{hook_name}() raised {type(exc).__name__}: {exc}")
                continue
            for record in records:
                if not isinstance(record, record_type):
                    info.fail(
                        f"{hook_name}() returned {type(record).__name__}, "
                        f"expected {record_type.__name__}"
                    )
                    continue
                problems = _problems(record)
                if problems:
                    info.fail(f"{hook_name}(): " + "; ".join(problems))
                    continue
                key = key_of(record)
                owner_key = f"{attribute}:{key}"
                if key in target:
                    info.fail(
                        f"{hook_name}(): '{key}' is already provided by plugin "
                        f"'{registry.owners[owner_key]}'"
                    )
                    continue
                target[key] = record
                registry.owners[owner_key] = impl.plugin_name
    for impl in manager.hook.socialaudit_language_packs.get_hookimpls():
        try:
            # as the hook's spec says: paths (pluggy types an implementation as returning object)
            packs = cast("Iterable[Path | str] | None", impl.function())
            registry.language_packs.extend(Path(p) for p in packs or ())
        except Exception as exc:
            registry.plugins[impl.plugin_name].fail(
                f"socialaudit_language_packs() raised {type(exc).__name__}: {exc}"
            )


CUSTOM_OWNER = "plugins.toml"


def add_custom_definitions(
    registry: Registry,
    kpis: tuple[CustomKpiDefinition, ...],
    rules: tuple[CustomRuleDefinition, ...],
    *,
    owner: str,
    field_prefix: str = "custom",
) -> None:
    """Compile data-defined KPIs and rules into the registry, as if a plugin had brought them.

    Raises `ConfigError` naming the definition's key (``custom.rules[0].condition``) and the
    column in the expression.
    """
    names = {*registry.kpis, *(k.id for k in kpis)}
    where = _Where(registry, owner, field_prefix)
    where.add("kpis", kpis, build_kpi, registry.kpis, lambda d: d.id, "expression", names)
    where.add("rules", rules, build_rule, registry.rules, lambda d: d.code, "condition", names)


_Definition = TypeVar("_Definition", bound=BaseModel)
_Record = TypeVar("_Record")


@dataclass(frozen=True)
class _Where:
    """Where custom definitions go (the registry, as `owner`) and where their errors point
    (the settings file, under `field_prefix`)."""

    registry: Registry
    owner: str
    field_prefix: str

    def add(
        self,
        section: str,
        definitions: tuple[_Definition, ...],
        build: Callable[[_Definition, Collection[str]], _Record],
        target: dict[str, _Record],
        key_of: Callable[[_Definition], str],
        source_field: str,
        names: Collection[str],
    ) -> None:
        file = self.registry.settings.source or "plugins.toml"
        for index, definition in enumerate(definitions):
            field = f"{self.field_prefix}.{section}[{index}]"
            key = key_of(definition)
            if key in target:
                raise ConfigError(
                    f"'{key}' is already defined by plugin "
                    f"'{self.registry.owners.get(f'{section}:{key}', self.owner)}'",
                    file=file,
                    field=field,
                    hint="choose another id or code",
                )
            try:
                record = build(definition, names)
            except ExpressionError as exc:
                raise ConfigError(
                    f"{exc.code.value}: {exc}", file=file, field=f"{field}.{source_field}"
                ) from exc
            target[key] = record
            self.registry.owners[f"{section}:{key}"] = self.owner


def extended(
    registry: Registry,
    kpis: tuple[CustomKpiDefinition, ...],
    rules: tuple[CustomRuleDefinition, ...],
    *,
    owner: str,
    field_prefix: str = "custom",
) -> Registry:
    """A copy of `registry` with more data-defined KPIs and rules (an agency's own), leaving
    the shared registry as it was."""
    copy = replace(
        registry,
        kpis=dict(registry.kpis),
        rules=dict(registry.rules),
        owners=dict(registry.owners),
        rule_options=dict(registry.rule_options),
    )
    add_custom_definitions(copy, kpis, rules, owner=owner, field_prefix=field_prefix)
    for rule in rules:
        copy.rule_options[rule.code] = copy.rules[rule.code].options()
    return copy


def _check_rule_kpis(registry: Registry) -> None:
    """A rule naming a KPI no loaded plugin provides is its plugin's failure: it is left out of
    the registry and remembered, so that every assessment reports it against the rule."""
    for code, rule in sorted(registry.rules.items()):
        missing = [k for k in rule.kpis if k not in registry.kpis]
        if not missing:
            continue
        reason = (
            f"reads KPI(s) {', '.join(missing)}, which no loaded plugin provides "
            "(the plugin that brings them is missing or disabled)"
        )
        del registry.rules[code]
        registry.unavailable_rules[code] = reason
        owner = registry.owners.get(f"rules:{code}")
        if owner in registry.plugins:
            registry.plugins[owner].fail(f"rule {code} {reason}")


def _validate_rule_settings(registry: Registry) -> None:
    """Options and severities in `plugins.toml` must name loaded rules and fit their models."""
    settings = registry.settings
    file = settings.source or "plugins.toml"
    known = sorted(registry.rules)
    for section, codes in (
        ("severity", settings.rules.severity),
        ("options", settings.rules.options),
    ):
        for code in codes:
            if code not in registry.rules:
                raise ConfigError(
                    f"no loaded rule has the code '{code}'",
                    file=file,
                    field=f"rules.{section}.{code}",
                    hint=f"known codes: {', '.join(known)}",
                )
    for code, rule in registry.rules.items():
        raw = settings.rules.options.get(code, {})
        try:
            registry.rule_options[code] = rule.options.model_validate(raw)
        except ValidationError as exc:
            raise validation_error(file, exc, prefix=f"rules.options.{code}.") from exc


def build_registry(
    settings: Settings | None = None,
    *,
    extra_plugins: Iterable[ModuleType | object] = (),
    entry_points: bool = True,
) -> Registry:
    """Discover, load and validate all plugins.

    `extra_plugins` are registered after the entry points, as a test or an embedding
    application would; `entry_points=False` loads only those.
    """
    registry = Registry(settings=settings or Settings())
    manager = _plugin_manager()
    disabled = set(registry.settings.plugins.disable)

    candidates: list[tuple[str, Callable[[], object], PluginInfo]] = []
    if entry_points:
        # name and version from one parse of each distribution's metadata (e-mail headers,
        # a few milliseconds each): the built-in plugins are eleven entry points of one
        described: dict[importlib.metadata.Distribution, tuple[str | None, str | None]] = {}
        for ep in _entry_points():
            dist = ep.dist
            if dist is None:
                distribution = version = None
            else:
                if dist not in described:
                    metadata = dist.metadata
                    described[dist] = (metadata["Name"], metadata["Version"])
                distribution, version = described[dist]
            info = PluginInfo(
                name=ep.name,
                module=ep.value,
                distribution=distribution,
                version=version,
                builtin=ep.value.startswith("socialaudit.plugins."),
            )
            candidates.append((ep.name, ep.load, info))
    for plugin in extra_plugins:
        name = getattr(plugin, "__name__", type(plugin).__name__)
        info = PluginInfo(name=name, module=name, version=getattr(plugin, "__version__", None))
        candidates.append((name, _returning(plugin), info))

    for name, load, info in candidates:
        registry.plugins[name] = info
        if name in disabled:
            info.status = PluginStatus.DISABLED
            continue
        try:
            plugin = load()
        except Exception as exc:  # an import error in one plugin must not stop the others
            info.fail(f"import failed: {type(exc).__name__}: {exc}")
            continue
        misspelt = _misspelt_hooks(plugin)
        if misspelt:
            info.fail(
                f"unknown hook(s) {', '.join(misspelt)}; known hooks: {', '.join(_HOOK_NAMES)}"
            )
            continue
        try:
            manager.register(plugin, name=name)
        except Exception as exc:  # pluggy validates signatures on registration
            info.fail(f"registration failed: {exc}")
            continue
        info.hooks = sorted(hook.name for hook in (manager.get_hookcallers(plugin) or []))

    _collect(manager, registry)
    for name, classifier in list(registry.classifiers.items()):
        try:
            classifier.use_language_packs(list(registry.language_packs))
        except Exception as exc:  # a broken pack disables that classifier, not the engine
            del registry.classifiers[name]
            registry.plugins[registry.owners[f"classifiers:{name}"]].fail(
                f"language packs: {type(exc).__name__}: {exc}"
            )
    custom = registry.settings.custom
    if custom.kpis or custom.rules:
        registry.plugins[CUSTOM_OWNER] = PluginInfo(
            name=CUSTOM_OWNER,
            module=registry.settings.source or CUSTOM_OWNER,
            hooks=["socialaudit_kpis", "socialaudit_rules"],
        )
        add_custom_definitions(registry, custom.kpis, custom.rules, owner=CUSTOM_OWNER)
    for name in disabled - registry.plugins.keys():
        raise ConfigError(
            f"no plugin is named '{name}'",
            file=registry.settings.source or "plugins.toml",
            field="plugins.disable",
            hint=f"known plugins: {', '.join(sorted(registry.plugins))}",
        )
    if registry.settings.classifier.use and registry.classifier() is None:
        raise ConfigError(
            f"no loaded classifier is named '{registry.settings.classifier.use}'",
            file=registry.settings.source or "plugins.toml",
            field="classifier.use",
            hint=f"loaded classifiers: {', '.join(sorted(registry.classifiers)) or 'none'}",
        )
    _check_rule_kpis(registry)
    _validate_rule_settings(registry)
    return registry


def _returning(plugin: object) -> Callable[[], object]:
    """A loader for a plugin given as an object, like an entry point's `load`."""
    return lambda: plugin
