"""A pytest plugin for people who write socialaudit plugins.

Installed with socialaudit (entry point ``pytest11``), so a plugin's own test suite gets the
``socialaudit_kit`` fixture without any set-up. The kit builds an organisation from a few rows,
runs a real assessment with the plugin under test registered beside (or instead of) the
built-ins, and asserts on what came out. It runs the engine's real pipeline, error boundaries
and time limits included, so a KPI that raises shows up as an assessment error exactly as it
would for a user, instead of as a traceback in the test.

Example::

    def test_no_video_fires(socialaudit_kit):
        org = socialaudit_kit.organisation(
            channels=[socialaudit_kit.channel("pinterest", posts=[
                {"id": "p1", "created_at": "2024-03-01T10:00:00Z", "media_type": "image"},
            ])],
        )
        result = socialaudit_kit.assess(org, plugins=[my_plugin])
        assert socialaudit_kit.kpi(result, "video_share", "pinterest") == 0
        socialaudit_kit.assert_finding(result, "AGY001", channel="pinterest")
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import ModuleType
from typing import Any

import polars as pl
import pytest

from socialaudit.engine.config import Settings
from socialaudit.engine.loading import OrganisationInput, parse_profile
from socialaudit.engine.model.assessment import Assessment, Finding
from socialaudit.engine.model.channel_data import (
    INTERACTION_SCHEMA,
    POST_SCHEMA,
    UTC_TIME,
    ChannelDataPart,
    conform,
)
from socialaudit.engine.model.profile import ChannelProfile
from socialaudit.engine.normalise import merge_channel
from socialaudit.engine.pipeline import assess
from socialaudit.engine.registry import Registry, build_registry
from socialaudit.engine.tabular import parse_times

Row = Mapping[str, Any]

_TIME_COLUMNS = ("created_at", "reply_created_at")


@dataclass
class KitChannel:
    """A channel of the organisation under test: its profile entry and its rows."""

    platform: str
    handle: str
    posts: Sequence[Row] = ()
    messages: Sequence[Row] = ()
    followers: int | None = None
    id: str | None = None
    account_id: str | None = None
    profile_extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.id or self.platform


def _frame(rows: Sequence[Row], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Rows as the engine's columns. Times may be datetimes or ISO 8601 strings; a string
    without an offset is read as UTC, which keeps a test independent of the machine's zone."""
    if not rows:
        return pl.DataFrame(schema=schema)
    raw = pl.DataFrame([dict(r) for r in rows], infer_schema_length=None)
    for column in _TIME_COLUMNS:
        if column in raw.columns and raw[column].dtype in (pl.String, pl.Null):
            raw = raw.with_columns(parse_times(raw[column].cast(pl.String), timezone="UTC"))
        elif column in raw.columns and isinstance(raw[column].dtype, pl.Datetime):
            raw = raw.with_columns(pl.col(column).dt.convert_time_zone("UTC").cast(UTC_TIME))
    return conform(raw, schema)


class PluginKit:
    """What the ``socialaudit_kit`` fixture hands a test. See the module docstring."""

    def channel(
        self,
        platform: str,
        handle: str | None = None,
        *,
        posts: Sequence[Row] = (),
        messages: Sequence[Row] = (),
        followers: int | None = None,
        id: str | None = None,
        account_id: str | None = None,
        **profile: Any,
    ) -> KitChannel:
        """A channel from rows in the generic format's field names (``docs/formats.md``).

        `messages` are audience messages and the organisation's replies, as an interactions
        file holds them; pass ``messages=[]`` explicitly to say "the data has none", and leave
        it out to say "the data does not tell" (response KPIs are then unknown).
        """
        return KitChannel(
            platform=platform,
            handle=handle or f"test-{platform}",
            posts=posts,
            messages=messages,
            followers=followers,
            id=id,
            account_id=account_id,
            profile_extra=dict(profile),
        )

    def organisation(
        self,
        channels: Iterable[KitChannel],
        *,
        name: str = "Test organisation",
        market: str = "b2c",
        sector: str = "retail",
        country: str = "BE",
        languages: Sequence[str] = ("nl",),
        **profile: Any,
    ) -> OrganisationInput:
        """An organisation as ``organisation.toml`` would describe it, with the channels' data
        merged the way the loader merges files (audience and replies told apart)."""
        channels = list(channels)
        data: dict[str, Any] = {
            "name": name,
            "market": market,
            "sector": sector,
            "country": country,
            "languages": list(languages),
            "channels": [self._profile_entry(c) for c in channels],
            **profile,
        }
        organisation = parse_profile(data, "socialaudit_kit.organisation()")
        merged = {}
        for channel in channels:
            part = ChannelDataPart(
                source=f"{channel.key}.rows",
                format="socialaudit-kit",
                posts=_frame(channel.posts, POST_SCHEMA),
                interactions=_frame(channel.messages, INTERACTION_SCHEMA),
                carries_interactions=bool(channel.messages) or channel.messages == [],
            )
            profile_entry: ChannelProfile = organisation.channel(channel.key)  # type: ignore[assignment]
            merged[channel.key] = merge_channel(profile_entry, [part])
        return OrganisationInput(organisation=organisation, channels=merged)

    @staticmethod
    def _profile_entry(channel: KitChannel) -> dict[str, Any]:
        entry: dict[str, Any] = {"platform": channel.platform, "handle": channel.handle}
        for key in ("followers", "id", "account_id"):
            if getattr(channel, key) is not None:
                entry[key] = getattr(channel, key)
        entry.update(channel.profile_extra)
        return entry

    def registry(
        self,
        plugins: Iterable[ModuleType | object] = (),
        *,
        builtins: bool = True,
        settings: Settings | None = None,
    ) -> Registry:
        """The plugin registry with `plugins` registered after the installed ones, or instead
        of them (``builtins=False``), exactly as ``build_registry`` makes it."""
        return build_registry(settings, extra_plugins=list(plugins), entry_points=builtins)

    def assess(
        self,
        organisation: OrganisationInput,
        *,
        plugins: Iterable[ModuleType | object] = (),
        builtins: bool = True,
        settings: Settings | None = None,
        as_of: datetime | str | None = None,
        language: str = "en",
    ) -> Assessment:
        """A real assessment. Plugins that fail to load, and KPIs or rules that fail while it
        runs, are in ``result.errors``, as a user would see them."""
        registry = self.registry(plugins, builtins=builtins, settings=settings)
        if isinstance(as_of, str):
            as_of = datetime.fromisoformat(as_of)
        return assess(organisation, registry, as_of=as_of, language=language)

    @staticmethod
    def kpi(result: Assessment, kpi_id: str, channel: str | None = None) -> float | None:
        """A KPI's value (None: unknown). Fails the test when the KPI was not computed at all,
        which is different from unknown."""
        for value in result.kpis:
            if value.id == kpi_id and value.channel == channel:
                return value.value
        where = f" for channel {channel!r}" if channel else " for the organisation"
        pytest.fail(f"KPI {kpi_id!r} was not computed{where}; errors: {_errors(result)}")

    @staticmethod
    def assert_finding(result: Assessment, code: str, *, channel: str | None = None) -> Finding:
        """The finding of rule `code` (on `channel`, when given); fails the test, listing what
        did fire and what failed, when there is none."""
        for finding in result.findings:
            if finding.code == code and (channel is None or finding.channel == channel):
                return finding
        fired = sorted({f"{f.code}@{f.channel}" if f.channel else f.code for f in result.findings})
        pytest.fail(
            f"rule {code} did not fire{f' on {channel!r}' if channel else ''}; "
            f"fired: {fired or 'nothing'}; errors: {_errors(result)}"
        )

    @staticmethod
    def assert_no_finding(result: Assessment, code: str, *, channel: str | None = None) -> None:
        """Rule `code` did not fire (on `channel`, when given), and did not fail either: a rule
        that crashed has not 'not fired'."""
        fired = [f for f in result.findings if f.code == code and channel in (None, f.channel)]
        if fired:
            pytest.fail(f"rule {code} fired: {[f.message for f in fired]}")
        failed = [e for e in result.errors if e.source == code]
        if failed:
            pytest.fail(f"rule {code} failed instead of not firing: {failed}")

    @staticmethod
    def assert_no_errors(result: Assessment) -> None:
        """Nothing failed: no plugin, KPI, rule or classifier error and no data note."""
        if result.errors:
            pytest.fail(f"the assessment reported errors: {_errors(result)}")


def _errors(result: Assessment) -> list[str]:
    return [f"{e.kind}:{e.source}: {e.message}" for e in result.errors]


@pytest.fixture
def socialaudit_kit() -> PluginKit:
    """Build an organisation from rows, assess it with your plugin, assert on the result."""
    return PluginKit()
