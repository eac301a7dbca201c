"""Organisations and their channels: reading them, and changing them only to a profile the
engine accepts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from socialaudit.engine.errors import ErrorCode, InputError
from socialaudit.engine.loading import check_platforms, parse_profile
from socialaudit.engine.model.profile import Organisation
from socialaudit.service.errors import profile_errors
from socialaudit.service.input_limits import CHANNEL_KEY, check_length, refuse_nul
from socialaudit.service.scope import PROFILE_SOURCE, AgencyScope
from socialaudit.service.storage.channel_rows import RowKind
from socialaudit.service.storage.records import ChannelRecord, OrganisationRecord
from socialaudit.service.user_errors import UserErrorCode, UserErrors


class Organisations(AgencyScope):
    def organisation(self, organisation_id: str) -> OrganisationRecord | None:
        with self.tenancy.transaction() as repo:
            return repo.get_organisation(organisation_id)

    def organisations(self, ids: list[str]) -> dict[str, OrganisationRecord]:
        with self.tenancy.transaction() as repo:
            return repo.get_organisations(ids)

    def organisations_page(
        self, after: tuple[datetime, str] | None, first: int
    ) -> tuple[list[OrganisationRecord], bool, int]:
        """A page, whether more follow, and the total."""
        with self.tenancy.transaction() as repo:
            records = repo.page_organisations(after, first + 1)
            return records[:first], len(records) > first, repo.count_organisations()

    def channels(self, organisation_ids: list[str]) -> dict[str, list[ChannelRecord]]:
        with self.tenancy.transaction() as repo:
            return repo.channels_of(organisation_ids)

    def channel(self, channel_id: str) -> ChannelRecord | None:
        with self.tenancy.transaction() as repo:
            return repo.get_channel(channel_id)

    def row_counts(self, channel_ids: list[str], kind: RowKind) -> dict[str, int]:
        with self.tenancy.transaction() as repo:
            return repo.row_counts(channel_ids, kind)

    # -- changes ---------------------------------------------------------------------------------

    @staticmethod
    def _stored_profile(organisation: Organisation) -> dict[str, Any]:
        return organisation.model_dump(mode="json", exclude={"channels"}, exclude_defaults=False)

    def create_organisation(self, data: dict[str, Any]) -> str:
        organisation = self._validated(data, ["input"])
        with self.tenancy.transaction() as repo:
            organisation_id = repo.insert_organisation(
                organisation.name, self._stored_profile(organisation)
            )
            for channel in organisation.channels:
                repo.insert_channel(organisation_id, channel.key, channel.model_dump(mode="json"))
        return organisation_id

    def _change(
        self, organisation_id: str, id_field: str, changes: dict[str, Any], prefix: list[str]
    ) -> None:
        with self.tenancy.transaction() as repo:
            record, channels = self._load(repo, organisation_id, [id_field])
            data = {**record.profile, **changes, "channels": [c.profile for c in channels]}
            organisation = self._validated(data, prefix)
            repo.update_organisation(
                organisation_id, organisation.name, self._stored_profile(organisation)
            )

    def update_organisation(self, organisation_id: str, changes: dict[str, Any]) -> None:
        self._change(organisation_id, "id", changes, ["input"])

    def set_goals(self, organisation_id: str, goals: list[dict[str, Any]]) -> None:
        self._change(organisation_id, "organizationId", {"goals": goals}, [])

    def set_governance(self, organisation_id: str, governance: dict[str, Any]) -> None:
        self._change(organisation_id, "organizationId", {"governance": governance}, [])

    def delete_organisation(self, organisation_id: str) -> None:
        with self.tenancy.transaction() as repo:
            if not repo.delete_organisation(organisation_id):
                raise UserErrors.one(["id"], UserErrorCode.NOT_FOUND, "no organisation has this id")

    # -- channels ------------------------------------------------------------------------------

    def add_channel(self, organisation_id: str, channel: dict[str, Any]) -> str:
        with self.tenancy.transaction() as repo:
            record, channels = self._load(repo, organisation_id, ["organizationId"])
            profiles = [c.profile for c in channels]
            data = {**record.profile, "channels": [*profiles, channel]}
            index = len(profiles)
            refuse_nul(channel, ["channel"])
            try:
                organisation = parse_profile(data, PROFILE_SOURCE)
                check_platforms(organisation, self.registry.adapters, PROFILE_SOURCE)
            except InputError as exc:
                if exc.code is ErrorCode.DUPLICATE_CHANNEL_KEY:
                    raise UserErrors.one(
                        ["channel", "id"], UserErrorCode.ALREADY_EXISTS, exc.message
                    ) from exc
                errors = profile_errors(exc, [])
                # the engine names channels[index]; the client sent the one channel
                for error in errors.errors:
                    if error.field[:2] == ["channels", str(index)]:
                        error.field[:2] = ["channel"]
                raise errors from exc
            added = organisation.channels[index]
            check_length(added.key, CHANNEL_KEY, ["channel", "id"], "the channel's key (its id)")
            channel_id = repo.insert_channel(
                organisation_id, added.key, added.model_dump(mode="json")
            )
            repo.touch_organisation(organisation_id)
        return channel_id

    def remove_channel(self, channel_id: str) -> str:
        """Removes the channel with its data and imports; returns its organisation's id."""
        with self.tenancy.transaction() as repo:
            channel = repo.get_channel(channel_id)
            if channel is None:
                raise UserErrors.one(
                    ["channelId"], UserErrorCode.NOT_FOUND, "no channel has this id"
                )
            repo.delete_channel(channel_id)
            repo.touch_organisation(channel.organisation_id)
        return channel.organisation_id
