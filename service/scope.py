"""What every part of the service shares: the agency's tenancy, its registry, and loading an
organisation with its channels."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import check_platforms, parse_profile
from socialaudit.engine.model.profile import Organisation
from socialaudit.engine.pipeline import target_kpis
from socialaudit.engine.registry import Registry
from socialaudit.service.custom_definitions import agency_registry
from socialaudit.service.errors import profile_errors
from socialaudit.service.input_limits import (
    CHANNEL_KEY,
    ORGANISATION_NAME,
    check_length,
    refuse_nul,
)
from socialaudit.service.storage.records import ChannelRecord, OrganisationRecord
from socialaudit.service.storage.repository import Repository
from socialaudit.service.storage.tenancy import Tenancy
from socialaudit.service.user_errors import UserError, UserErrorCode, UserErrors, field_path

if TYPE_CHECKING:  # the worker side of the pools builds scopes of its own
    from socialaudit.service.assessment_pool import AssessmentPool
    from socialaudit.service.import_parsing import ImportParsers

PROFILE_SOURCE = "input"


def check_storable(organisation: Organisation, prefix: list[str]) -> None:
    """The name and the channel keys fit their columns."""
    check_length(organisation.name, ORGANISATION_NAME, [*prefix, "name"], "the name")
    for index, channel in enumerate(organisation.channels):
        field = [*prefix, "channels", str(index), "id"]
        check_length(channel.key, CHANNEL_KEY, field, "the channel's key (its id)")


class AgencyScope:
    """The operations of one agency: every read and write goes through its `Tenancy`, and its
    registry holds the built-in plugins plus the agency's own KPIs and rules."""

    def __init__(
        self,
        tenancy: Tenancy,
        shared: Registry,
        assessor: AssessmentPool | None = None,
        parsers: ImportParsers | None = None,
    ) -> None:
        """`assessor`: worker processes to compute assessments in, `parsers`: to read imported
        files in; None does that work here."""
        self.tenancy = tenancy
        self.shared = shared
        self.assessor = assessor
        self.parsers = parsers
        self._registry: Registry | None = None

    @property
    def registry(self) -> Registry:
        """Compiled on first use in a request, from the definitions stored now."""
        if self._registry is None:
            with self.tenancy.transaction() as repo:
                records = repo.custom_definitions()
            self._registry = agency_registry(self.shared, self.tenancy.agency_id, records)
        return self._registry

    def profile(self, record: OrganisationRecord, channels: list[ChannelRecord]) -> Organisation:
        return parse_profile(
            {**record.profile, "channels": [c.profile for c in channels]}, PROFILE_SOURCE
        )

    def _validated(self, data: dict[str, Any], prefix: list[str]) -> Organisation:
        refuse_nul(data, prefix)
        try:
            organisation = parse_profile(data, PROFILE_SOURCE)
            check_platforms(organisation, self.registry.adapters, PROFILE_SOURCE)
        except InputError as exc:
            raise profile_errors(exc, prefix) from exc
        check_storable(organisation, prefix)
        unknown = organisation.unknown_target_kpis(target_kpis(self.registry))
        if unknown:
            # a typo in a target would otherwise never be judged, silently
            raise UserErrors(
                *(
                    UserError(
                        field_path(prefix, path),
                        UserErrorCode.NOT_FOUND,
                        f"no KPI is called '{name}': {hint}",
                    )
                    for path, name, hint in unknown
                )
            )
        return organisation

    @staticmethod
    def _load(
        repo: Repository, organisation_id: str, field: list[str]
    ) -> tuple[OrganisationRecord, list[ChannelRecord]]:
        record = repo.get_organisation(organisation_id)
        if record is None:
            raise UserErrors.one(field, UserErrorCode.NOT_FOUND, "no organisation has this id")
        return record, repo.channels_of([organisation_id])[organisation_id]
