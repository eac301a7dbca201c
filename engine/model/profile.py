"""The organisation's profile as `organisation.toml` describes it.

These keys are a public contract: agencies write the file by hand and outside tools rely on it.
Models are frozen and forbid unknown keys, so a typo is an error rather than a silent default.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytz
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from socialaudit.engine.errors import ErrorCode


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A suggestion for a misspelt name ("did you mean `followers`?"), or the names allowed."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return f"known: {', '.join(options)}" if options else "none is known"


class Market(StrEnum):
    """Who the organisation sells to; peers differ (NSMA 2018: 3.6 channels B2B, 4.1 B2C)."""

    B2B = "b2b"
    B2C = "b2c"
    BOTH = "both"


class Sector(StrEnum):
    """Broad sectors, following the split the InSites Consulting survey reports on."""

    RETAIL = "retail"
    FOOD_AND_HOSPITALITY = "food_hospitality"
    IT_SERVICES = "it_services"
    TECH_TELCO = "tech_telco"
    FINANCE = "finance"
    MEDIA = "media"
    TRAVEL = "travel"
    MANUFACTURING = "manufacturing"
    CONSTRUCTION = "construction"
    HEALTHCARE = "healthcare"
    EDUCATION = "education"
    PROFESSIONAL_SERVICES = "professional_services"
    PUBLIC_SECTOR = "public_sector"
    NON_PROFIT = "non_profit"
    OTHER = "other"


class Objective(StrEnum):
    """What social media is for (NSMA 2018 lists these as the goals Dutch organisations name)."""

    AWARENESS = "awareness"
    INFORM = "inform"
    CUSTOMER_SERVICE = "customer_service"
    INSIGHTS = "insights"
    SALES = "sales"
    RECRUITMENT = "recruitment"
    PRODUCT_DEVELOPMENT = "product_development"
    COMMUNITY = "community"
    REPUTATION = "reputation"


COMMERCIAL_OBJECTIVES = frozenset({Objective.SALES})
"""Objectives that need a hard KPI (conversion, leads, sales) behind them."""


class Owner(StrEnum):
    """Who is responsible for social media (the ownership debate of Marketingfacts)."""

    PR = "pr"
    MARKETING = "marketing"
    CUSTOMER_CARE = "customer_care"
    HYBRID_TASKFORCE = "hybrid_taskforce"
    CONVERSATION_MANAGER = "conversation_manager"
    NONE = "none"


class Platform(StrEnum):
    """Platforms the built-in adapters know. Third-party adapters may add others, so channel
    profiles take any lowercase platform name and this enum only names the known ones."""

    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    LINKEDIN = "linkedin"
    X = "x"
    YOUTUBE = "youtube"
    TIKTOK = "tiktok"


_STRICT = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class KpiTarget(BaseModel):
    """A number the organisation wants a KPI to reach, e.g. engagement rate 0.03."""

    model_config = _STRICT
    kpi: str = Field(min_length=1, description="KPI id, e.g. `engagement_rate`.")
    target: float
    channel: str | None = Field(default=None, description="Channel key; none = organisation.")


class Goal(BaseModel):
    """One objective, whether it was set before the accounts were opened, and how it is measured."""

    model_config = _STRICT
    objective: Objective
    set_up_front: bool = False
    channels: tuple[str, ...] = ()
    targets: tuple[KpiTarget, ...] = ()
    description: str | None = None


class Governance(BaseModel):
    """How social media is anchored in the organisation (InSites: personal, structural and
    cultural change; pilots and management support start integration).

    Every fact is None until it is given: unknown is not "no", and a rule about a fact that was
    not given does not assert it.
    """

    model_config = _STRICT
    owner: Owner | None = None
    management_support: bool | None = None
    pilot_projects: bool | None = None
    employee_training: bool | None = None
    documented_strategy: bool | None = None
    measurement_practice: bool | None = None
    conversation_manager: bool | None = None

    @property
    def has_conversation_manager(self) -> bool | None:
        """True when there is one, False when the profile says there is none, else None."""
        if self.conversation_manager or self.owner == Owner.CONVERSATION_MANAGER:
            return True
        return self.conversation_manager


class ChannelProfile(BaseModel):
    """One account on one platform, and where its data lives."""

    model_config = _STRICT
    platform: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    handle: str = Field(min_length=1)
    id: str | None = Field(
        default=None,
        description="Channel key used in goals and findings; defaults to the platform name.",
    )
    account_id: str | None = Field(
        default=None, description="The platform's id of the account (page id, user id...)."
    )
    followers: int | None = Field(default=None, ge=0)
    goals: tuple[Objective, ...] = Field(
        default=(), description="Objectives this channel serves, besides the goals that name it."
    )
    data: tuple[str, ...] = Field(default=(), description="Files or globs relative to the folder.")
    format: str | None = Field(
        default=None, description="Adapter name, where a file's format cannot be told from content."
    )
    timezone: str | None = Field(
        default=None, description="IANA zone for times written without an offset."
    )
    name: str | None = Field(
        default=None,
        description="The channel's own name in reports, e.g. `Instagram outlet`; by default the "
        "platform's name, with the handle where two channels share a platform.",
    )

    @property
    def key(self) -> str:
        return self.id or self.platform

    @field_validator("handle")
    @classmethod
    def _strip_at(cls, value: str) -> str:
        return value.strip().lstrip("@")

    @field_validator("timezone")
    @classmethod
    def _zone_known(cls, value: str | None) -> str | None:
        return None if value is None else check_zone(value)


def country_zones(country: str) -> list[str]:
    """The IANA zones of an ISO 3166 country, as the tz database's country table lists them
    (pytz ships it); empty for a code the table does not know."""
    return list(pytz.country_timezones.get(country, ()))


def check_zone(zone: str) -> str:
    """An IANA zone name, or a `ValueError` that says what is expected."""
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"unknown time zone '{zone}': write an IANA zone such as Europe/Brussels"
        ) from exc
    return zone


class Organisation(BaseModel):
    """The profile of the organisation being assessed."""

    model_config = _STRICT
    name: str = Field(min_length=1)
    sector: Sector = Sector.OTHER
    market: Market
    employees: int | None = Field(default=None, ge=0)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    languages: tuple[str, ...] = ()
    monthly_budget_eur: float | None = Field(default=None, ge=0)
    timezone: str | None = Field(default=None, validate_default=True)
    governance: Governance = Governance()
    goals: tuple[Goal, ...] = ()
    channels: tuple[ChannelProfile, ...] = ()

    @field_validator("country")
    @classmethod
    def _country_known(cls, value: str | None) -> str | None:
        if value is not None and not country_zones(value):
            raise ValueError(f"unknown country code '{value}': write an ISO 3166 code such as BE")
        return value

    @field_validator("timezone", mode="after")
    @classmethod
    def _zone_known(cls, value: str | None, info: ValidationInfo) -> str | None:
        """A country with one zone sets it; with several, the profile must say which."""
        if value is not None:
            return check_zone(value)
        country = info.data.get("country")
        zones = country_zones(country) if country else []
        if len(zones) > 1:
            raise ValueError(
                f"country {country} has several time zones ({', '.join(zones)}) and no "
                f'`timezone` says which: set one, e.g. timezone = "{zones[0]}"'
            )
        return value

    @model_validator(mode="after")
    def _channel_keys_unique(self) -> Organisation:
        seen: set[str] = set()
        for channel in self.channels:
            if channel.key in seen:
                raise PydanticCustomError(
                    ErrorCode.DUPLICATE_CHANNEL_KEY.value,
                    f"two channels share the key '{channel.key}': give each an `id` "
                    f'(for example id = "{channel.platform}-{channel.handle}")',
                )
            seen.add(channel.key)
        return self

    @model_validator(mode="after")
    def _goals_name_known_channels(self) -> Organisation:
        """A goal naming a channel the organisation does not have is a typo, not a goal for
        nothing: an error at the entry, with a suggestion."""
        names = [c.key for c in self.channels] + [c.platform for c in self.channels]
        problems = []
        for g, goal in enumerate(self.goals):
            places: list[tuple[tuple[str | int, ...], str]] = [
                (("channels", j), name) for j, name in enumerate(goal.channels)
            ]
            places += [
                (("targets", t, "channel"), target.channel)
                for t, target in enumerate(goal.targets)
                if target.channel is not None
            ]
            for where, name in places:
                if not self.resolve_channel(name):
                    problems.append(
                        InitErrorDetails(
                            type=PydanticCustomError(
                                "unknown_channel",
                                "no channel has the key or platform '{name}'; {hint}",
                                {"name": name, "hint": did_you_mean(name, names)},
                            ),
                            loc=("goals", g, *where),
                            input=name,
                        )
                    )
        if problems:
            raise ValidationError.from_exception_data(type(self).__name__, problems)
        return self

    def unknown_target_kpis(self, known: Iterable[str]) -> list[tuple[str, str, str]]:
        """Targets naming a KPI nobody defines: (TOML path, the name, a suggestion). Checked
        against the loaded KPIs, which the profile alone does not know."""
        known = set(known)
        return [
            (f"goals[{g}].targets[{t}].kpi", target.kpi, did_you_mean(target.kpi, known))
            for g, goal in enumerate(self.goals)
            for t, target in enumerate(goal.targets)
            if target.kpi not in known
        ]

    @property
    def effective_timezone(self) -> str:
        """The zone of times written without an offset: `timezone`, else the country's only
        zone, else UTC."""
        if self.timezone:
            return self.timezone
        zones = country_zones(self.country) if self.country else []
        return zones[0] if len(zones) == 1 else "UTC"

    def channel(self, key: str) -> ChannelProfile | None:
        return next((c for c in self.channels if c.key == key), None)

    def resolve_channel(self, name: str) -> list[str]:
        """The channel keys a goal's entry names: the channel with that key, else every channel
        on that platform; empty when the organisation has no such channel."""
        if self.channel(name) is not None:
            return [name]
        return [c.key for c in self.channels if c.platform == name]

    def has_goal(self, objective: Objective) -> bool:
        """Whether one of the organisation's goals has `objective`: the one test of "the goal
        is reputation" for the pipeline (how far back to classify), the KPIs and the rules
        that only measure or judge for such a goal. A channel's own list of objectives is no
        goal of the organisation and does not count."""
        return any(goal.objective is objective for goal in self.goals)

    def goal_channels(self, goal: Goal) -> list[str]:
        """The keys of the channels a goal covers; every channel when it names none."""
        if not goal.channels:
            return [c.key for c in self.channels]
        keys = [key for name in goal.channels for key in self.resolve_channel(name)]
        return list(dict.fromkeys(keys))

    def goals_for_channel(self, key: str) -> list[Objective]:
        """Objectives a channel serves: goals naming it (by key, or by platform when no channel
        has that key), plus its own list."""
        channel = self.channel(key)
        objectives = [
            g.objective
            for g in self.goals
            if any(key in self.resolve_channel(name) for name in g.channels)
        ]
        if channel:
            objectives.extend(channel.goals)
        return list(dict.fromkeys(objectives))
