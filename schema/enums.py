"""GraphQL enums made from the engine's enums, so both name the same values; each value is
described here because a frontend shows these descriptions next to the value."""

from __future__ import annotations

from enum import Enum

import strawberry

from socialaudit.engine.custom import CustomLevel
from socialaudit.engine.definitions.kpi import KpiLevel as EngineKpiLevel
from socialaudit.engine.definitions.rule import Dimension as EngineDimension
from socialaudit.engine.definitions.rule import RuleLevel as EngineRuleLevel
from socialaudit.engine.definitions.rule import Severity as EngineSeverity
from socialaudit.engine.measures import Unit
from socialaudit.engine.model.assessment import ErrorKind
from socialaudit.engine.model.assessment import MaturityStage as EngineMaturityStage
from socialaudit.engine.model.profile import Market as EngineMarket
from socialaudit.engine.model.profile import Objective as EngineObjective
from socialaudit.engine.model.profile import Owner as EngineOwner
from socialaudit.engine.model.profile import Sector as EngineSector
from socialaudit.engine.registry import PluginStatus as EnginePluginStatus
from socialaudit.service.custom_definitions import DefinitionKind
from socialaudit.service.user_errors import UserErrorCode as EngineUserErrorCode


def _mirror(name: str, source: type[Enum], description: str, values: dict[str, str]) -> type[Enum]:
    """A strawberry enum with `source`'s values; refuses to build when a value lacks a text."""
    missing = [m.value for m in source if m.value not in values]
    if missing:
        raise ValueError(f"{name}: no description for {', '.join(missing)}")
    members = {m.name: strawberry.enum_value(m.value, description=values[m.value]) for m in source}
    return strawberry.enum(Enum(name, members), description=description)  # type: ignore[misc]


Severity = _mirror(
    "Severity",
    EngineSeverity,
    "How much a finding weighs on the score, from informative to critical.",
    {
        "info": "Worth knowing; costs no points.",
        "low": "A small gap.",
        "medium": "A gap that costs results.",
        "high": "A gap that undermines the channel or the strategy.",
        "critical": "Fix first: it defeats the purpose of being on social media.",
    },
)

Dimension = _mirror(
    "Dimension",
    EngineDimension,
    "The five dimensions an assessment scores; a rule's category is one of them.",
    {
        "strategy": "Goals set before acting, and channels chosen for them.",
        "execution": "What is posted, how often and in what mix.",
        "conversation": "Answering the audience, and how fast.",
        "evaluation": "Measuring against goals with KPIs that mean something.",
        "integration": "Anchoring in the organisation: ownership, support, training.",
    },
)

MaturityStage = _mirror(
    "MaturityStage",
    EngineMaturityStage,
    "From having accounts to integrated social media (InSites Consulting).",
    {
        "adopted": "Accounts exist; no goals behind them.",
        "planned": "Goals are set.",
        "active": "Goals set and the channels run steadily.",
        "measured": "Results are measured against the goals.",
        "integrated": "Social media is part of how the organisation works.",
    },
)

AssessmentErrorKind = _mirror(
    "AssessmentErrorKind",
    ErrorKind,
    "What part of an assessment failed; the rest still ran.",
    {
        "plugin": "A plugin failed to load.",
        "classifier": "The content classifier failed.",
        "kpi": "A KPI could not be computed.",
        "rule": "A rule could not be evaluated.",
        "data": "The data is incomplete in a way the figures depend on; the message says how.",
    },
)

Market = _mirror(
    "Market",
    EngineMarket,
    "Who the organisation sells to.",
    {
        "b2b": "Other businesses.",
        "b2c": "Consumers.",
        "both": "Businesses and consumers.",
    },
)

Sector = _mirror(
    "Sector",
    EngineSector,
    "Broad sectors, as the InSites Consulting survey splits them.",
    {
        "retail": "Shops and e-commerce.",
        "food_hospitality": "Food, restaurants, hotels and bakeries.",
        "it_services": "IT services and software.",
        "tech_telco": "Technology and telecom.",
        "finance": "Banks, insurance and financial services.",
        "media": "Media and publishing.",
        "travel": "Travel and tourism.",
        "manufacturing": "Manufacturing and industry.",
        "construction": "Construction and real estate.",
        "healthcare": "Healthcare.",
        "education": "Education.",
        "professional_services": "Consultancy, legal, accounting and agencies.",
        "public_sector": "Government and public services.",
        "non_profit": "Charities and associations.",
        "other": "Anything else.",
    },
)

Objective = _mirror(
    "Objective",
    EngineObjective,
    "What social media is for (the goals NSMA 2018 lists).",
    {
        "awareness": "Being known.",
        "inform": "Informing customers and the public.",
        "customer_service": "Answering questions and complaints.",
        "insights": "Learning from what the audience says.",
        "sales": "Selling; needs a hard KPI behind it.",
        "recruitment": "Finding staff.",
        "product_development": "Developing products with the audience.",
        "community": "Building a community.",
        "reputation": "Guarding the reputation.",
    },
)

Owner = _mirror(
    "Owner",
    EngineOwner,
    "Who is responsible for social media (Marketingfacts' ownership debate).",
    {
        "pr": "Public relations.",
        "marketing": "Marketing.",
        "customer_care": "Customer care.",
        "hybrid_taskforce": "A taskforce across departments.",
        "conversation_manager": "A dedicated conversation manager.",
        "none": "Nobody in particular.",
    },
)

KpiUnit = _mirror(
    "KpiUnit",
    Unit,
    "How a KPI value reads; ratios are fractions (0.25 = 25%).",
    {
        "count": "A number of things.",
        "ratio": "A fraction between 0 and 1 (or more for growth).",
        "per_week": "A number per week.",
        "hours": "A duration in hours.",
        "eur": "An amount in euro.",
        "number": "Any other number.",
    },
)

KpiLevel = _mirror(
    "KpiLevel",
    EngineKpiLevel,
    "Whether a KPI is measured per channel, for the organisation, or both.",
    {
        "organisation": "One value for the organisation.",
        "channel": "One value per channel.",
        "both": "One value per channel and one for the organisation.",
    },
)

RuleLevel = _mirror(
    "RuleLevel",
    EngineRuleLevel,
    "Whether a rule is evaluated once, once per channel, or both.",
    {
        "organisation": "Once, for the organisation.",
        "channel": "Once for every channel.",
        "both": "Once for every channel and once for the organisation.",
    },
)

PluginStatus = _mirror(
    "PluginStatus",
    EnginePluginStatus,
    "Whether a plugin took part.",
    {
        "loaded": "Loaded; its records are in use.",
        "failed": "Failed to load; see its errors.",
        "disabled": "Disabled in plugins.toml.",
    },
)

UserErrorCode = _mirror(
    "UserErrorCode",
    EngineUserErrorCode,
    "Why a mutation's input was refused; the message says how to fix it.",
    {
        "invalid": "A value is not allowed; the message names what is.",
        "not_found": "No object has this id.",
        "already_exists": "Something with this key exists already.",
        "unknown_platform": "No loaded adapter knows this platform.",
        "unknown_format": "No loaded adapter has this format name.",
        "format_not_recognised": "No format, or more than one, recognises the file.",
        "malformed_file": "The file is in a known format but a line or field is wrong.",
        "file_missing": "Neither a file nor inline content was sent.",
        "in_use": "Another definition depends on it; change or delete that one first.",
        "expression_syntax": "The expression does not parse; `column` says where.",
        "expression_unknown_name": "The expression names a KPI or field that does not exist.",
        "expression_type": "The expression yields the wrong type (a number, or true/false).",
        "expression_too_long": "The expression is longer than allowed.",
        "expression_too_deep": "The expression nests deeper than allowed.",
        "expression_forbidden": "The expression uses a construct that is not allowed.",
        "expression_too_complex": "Checking the expression took longer than allowed.",
    },
)

CustomDefinitionKind = _mirror(
    "CustomDefinitionKind",
    DefinitionKind,
    "Whether a custom definition is a KPI or a rule.",
    {"kpi": "A KPI computed by an expression.", "rule": "A rule that fires on a condition."},
)

CustomKpiLevel = _mirror(
    "CustomKpiLevel",
    CustomLevel,
    "Where a custom KPI is computed.",
    {
        "organisation": "Once, for the organisation.",
        "channel": "Per channel.",
        "both": "Per channel and for the organisation.",
    },
)


@strawberry.enum(description="Languages findings and recommendations are written in.")
class Language(Enum):
    EN = strawberry.enum_value("en", description="English.")
    NL = strawberry.enum_value("nl", description="Dutch.")
    FR = strawberry.enum_value("fr", description="French.")
