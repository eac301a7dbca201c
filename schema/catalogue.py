"""What is loaded: rules, KPIs, plugins, formats and benchmarks, with their documentation, so a
frontend can explain a finding without a second source."""

from __future__ import annotations

from functools import cached_property

import strawberry
from strawberry.scalars import JSON

from socialaudit.engine.definitions import Benchmark as EngineBenchmark
from socialaudit.engine.definitions import ChannelAdapter
from socialaudit.engine.definitions import Kpi as EngineKpi
from socialaudit.engine.definitions import Rule as EngineRule
from socialaudit.engine.registry import PluginInfo, Registry
from socialaudit.engine.rule_pages import RuleTexts, rule_texts
from socialaudit.engine.text import pick
from socialaudit.schema.enums import (
    Dimension,
    KpiLevel,
    KpiUnit,
    Market,
    PluginStatus,
    RuleLevel,
    Sector,
    Severity,
)


@strawberry.type(
    description="An advice rule, documented the way `socialaudit rules --explain` shows it."
)
class Rule:
    rule: strawberry.Private[EngineRule]
    registry: strawberry.Private[Registry]
    lang: strawberry.Private[str]

    @strawberry.field(description="Stable code, e.g. GOAL001.")
    def code(self) -> str:
        return self.rule.code

    @strawberry.field(description="Readable name, e.g. missing-goals.")
    def name(self) -> str:
        return self.rule.slug

    @strawberry.field(description="Its family, e.g. GOAL.")
    def family(self) -> str:
        return self.rule.family

    @strawberry.field(description="What it checks.")
    def title(self) -> str:
        return pick(self.rule.name, self.lang)

    @strawberry.field(description="Dimension its findings count against.")
    def category(self) -> Dimension:
        return self.rule.category  # type: ignore[return-value]

    @strawberry.field(description="Severity in effect (plugins.toml may override the default).")
    def severity(self) -> Severity:
        return self.registry.severity_of(self.rule)  # type: ignore[no-any-return]

    @strawberry.field(description="Severity the rule declares.")
    def default_severity(self) -> Severity:
        return self.rule.severity  # type: ignore[return-value]

    @strawberry.field(description="Evaluated once, or per channel.")
    def level(self) -> RuleLevel:
        return self.rule.level  # type: ignore[return-value]

    @strawberry.field(
        description="The finding's message template; {placeholders} come from evidence."
    )
    def message(self) -> str:
        return pick(self.rule.message, self.lang)

    @strawberry.field(description="Why it matters.")
    def rationale(self) -> str:
        return self._texts.rationale

    @strawberry.field(
        description="How to fix it, written for the rule's example under the options in "
        "effect (a finding's own remediation is written for its evidence)."
    )
    def remediation(self) -> str:
        return self._texts.remediation

    @strawberry.field(description="An example of a case that fires.")
    def example(self) -> str:
        return self._texts.example

    @cached_property
    def _texts(self) -> RuleTexts:
        """As `rules --explain` writes them: a template's placeholders would mean nothing
        to the reader of a catalogue, who has no evidence to fill them with. Rendered once
        for the three fields that read it."""
        options = self.registry.rule_options.get(self.rule.code) or self.rule.options()
        return rule_texts(self.rule, self.lang, options, self.registry.kpis)

    @strawberry.field(description="The study or article behind it.")
    def source(self) -> str:
        return self.rule.source

    @strawberry.field(description="The rule's version; findings record it.")
    def version(self) -> str:
        return self.rule.version

    @strawberry.field(description="KPI ids it reads.")
    def kpis(self) -> list[str]:
        return list(self.rule.kpis)

    @strawberry.field(description="Selected in plugins.toml, so it runs.")
    def enabled(self) -> bool:
        return self.registry.settings.rule_selected(self.rule.code)

    @strawberry.field(description="Its options in effect.")
    def options(self) -> JSON:
        options = self.registry.rule_options.get(self.rule.code)
        return options.model_dump(mode="json") if options is not None else {}

    @strawberry.field(description="The plugin that brought it.")
    def plugin(self) -> str | None:
        return self.registry.owners.get(f"rules:{self.rule.code}")


@strawberry.type(description="A KPI definition.")
class Kpi:
    kpi: strawberry.Private[EngineKpi]
    registry: strawberry.Private[Registry]
    lang: strawberry.Private[str]

    @strawberry.field(description="Stable id, e.g. engagement_rate.")
    def id(self) -> str:
        return self.kpi.id

    @strawberry.field(description="Its name.")
    def name(self) -> str:
        return pick(self.kpi.name, self.lang)

    @strawberry.field(description="What it measures.")
    def description(self) -> str:
        return pick(self.kpi.description, self.lang)

    @strawberry.field(description="How it is computed, in words or a formula.")
    def formula(self) -> str:
        return self.kpi.formula

    @strawberry.field(description="How its value reads.")
    def unit(self) -> KpiUnit:
        return self.kpi.unit  # type: ignore[return-value]

    @strawberry.field(description="Which way is better, if any.")
    def higher_is_better(self) -> bool | None:
        return self.kpi.higher_is_better

    @strawberry.field(description="KPIs it is computed from.")
    def depends_on(self) -> list[str]:
        return list(self.kpi.depends_on)

    @strawberry.field(description="Per channel, for the organisation, or both.")
    def level(self) -> KpiLevel:
        return self.kpi.level  # type: ignore[return-value]

    @strawberry.field(description="A count that looks good without saying anything about a goal.")
    def vanity(self) -> bool:
        return self.kpi.vanity

    @strawberry.field(description="Measures a business outcome (conversions, leads, sales).")
    def hard(self) -> bool:
        return self.kpi.hard

    @strawberry.field(description="Its version.")
    def version(self) -> str:
        return self.kpi.version

    @strawberry.field(description="The plugin that brought it.")
    def plugin(self) -> str | None:
        return self.registry.owners.get(f"kpis:{self.kpi.id}")


@strawberry.type(description="A plugin, as `socialaudit plugins` lists it.")
class Plugin:
    info: strawberry.Private[PluginInfo]

    @strawberry.field(description="Its entry-point name.")
    def name(self) -> str:
        return self.info.name

    @strawberry.field(description="The module it was loaded from.")
    def module(self) -> str:
        return self.info.module

    @strawberry.field(description="The distribution (package) that installed it.")
    def distribution(self) -> str | None:
        return self.info.distribution

    @strawberry.field(description="The distribution's version.")
    def version(self) -> str | None:
        return self.info.version

    @strawberry.field(description="Loaded, failed or disabled.")
    def status(self) -> PluginStatus:
        return self.info.status  # type: ignore[return-value]

    @strawberry.field(description="Hooks it implements.")
    def hooks(self) -> list[str]:
        return list(self.info.hooks)

    @strawberry.field(description="Why it failed, if it did.")
    def errors(self) -> list[str]:
        return list(self.info.errors)

    @strawberry.field(description="Shipped with socialaudit.")
    def builtin(self) -> bool:
        return self.info.builtin


@strawberry.type(description="A file format a channel adapter reads.")
class ChannelFormat:
    adapter: strawberry.Private[ChannelAdapter]
    registry: strawberry.Private[Registry]

    @strawberry.field(description="Format name, as `format` in a channel or an import.")
    def name(self) -> str:
        return self.adapter.name

    @strawberry.field(description="Readable title.")
    def title(self) -> str:
        return self.adapter.title

    @strawberry.field(description="Which API call or export button produces the file.")
    def how_to_obtain(self) -> str:
        return self.adapter.how_to_obtain

    @strawberry.field(description="Platforms it belongs to; empty = any platform.")
    def platforms(self) -> list[str]:
        return list(self.adapter.platforms)

    @strawberry.field(description="The plugin that brought it.")
    def plugin(self) -> str | None:
        return self.registry.owners.get(f"adapters:{self.adapter.name}")


@strawberry.type(description="A platform and the formats its data can be imported in.")
class ChannelPlatform:
    name: str = strawberry.field(description="Platform name, as `platform` in a channel.")
    formats: list[ChannelFormat] = strawberry.field(
        description="Formats for it, including formats for any platform."
    )


@strawberry.type(description="A reference figure from a study, to compare a KPI with peers.")
class Benchmark:
    benchmark: strawberry.Private[EngineBenchmark]
    lang: strawberry.Private[str]

    @strawberry.field(description="Stable id.")
    def id(self) -> str:
        return self.benchmark.id

    @strawberry.field(description="The figure.")
    def value(self) -> float:
        return self.benchmark.value

    @strawberry.field(description="Its unit.")
    def unit(self) -> str:
        return self.benchmark.unit

    @strawberry.field(description="What it is.")
    def description(self) -> str:
        return pick(self.benchmark.description, self.lang)

    @strawberry.field(description="The study.")
    def source(self) -> str:
        return self.benchmark.source

    @strawberry.field(description="Who the study measured.")
    def population(self) -> str:
        return self.benchmark.population

    @strawberry.field(description="The study's year.")
    def year(self) -> int | None:
        return self.benchmark.year

    @strawberry.field(description="The KPI it is compared with.")
    def kpi(self) -> str | None:
        return self.benchmark.kpi

    @strawberry.field(description="Only for this market; null = all.")
    def market(self) -> Market | None:
        return self.benchmark.market  # type: ignore[return-value]

    @strawberry.field(description="Only for this sector; null = all.")
    def sector(self) -> Sector | None:
        return self.benchmark.sector  # type: ignore[return-value]
