"""Assessments: run on the stored data and stored, previewed on files sent with the request, and
read back in the language asked for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import OrganisationInput
from socialaudit.engine.localise import localise
from socialaudit.engine.model.assessment import Assessment
from socialaudit.engine.model.channel_data import ChannelData, ChannelDataPart
from socialaudit.engine.normalise import merge_channel
from socialaudit.engine.pipeline import assess, check_reference
from socialaudit.engine.text import prefixed
from socialaudit.service.imports import Imports, InlineFile
from socialaudit.service.parsed_assessments import parsed_assessments
from socialaudit.service.storage.classification_cache import DatabaseClassificationCache
from socialaudit.service.storage.records import AssessmentRecord
from socialaudit.service.user_errors import UserErrorCode, UserErrors


def reference(as_of: datetime | None, field: list[str]) -> datetime | None:
    """The reference time in UTC, refused at the edge when no assessment can use it."""
    if as_of is None:
        return None
    try:
        return check_reference(as_of)
    except InputError as exc:
        raise UserErrors.one(field, UserErrorCode.INVALID, exc.message) from exc


class Assessments(Imports):
    def assessment_record(self, assessment_id: str) -> AssessmentRecord | None:
        with self.tenancy.transaction() as repo:
            return repo.get_assessment(assessment_id)

    def assessments_page(
        self, organisation_id: str, after: tuple[datetime, str] | None, first: int
    ) -> tuple[list[AssessmentRecord], bool, int]:
        with self.tenancy.transaction() as repo:
            records = repo.page_assessments(organisation_id, after, first + 1)
            total = repo.count_assessments(organisation_id)
            return records[:first], len(records) > first, total

    def latest_assessments(self, organisation_ids: list[str]) -> dict[str, AssessmentRecord]:
        with self.tenancy.transaction() as repo:
            return repo.latest_assessments(organisation_ids)

    def assessment(self, record: AssessmentRecord, language: str | None) -> Assessment:
        """The stored assessment, its texts rendered in `language` when another is asked for."""

        def parse() -> Assessment:
            result = record.result
            if result is None:
                with self.tenancy.transaction() as repo:
                    result = repo.assessment_result(record.id)
            return Assessment.model_validate(result)

        assessment = parsed_assessments.get(record.id, record.created_at, parse)
        if language and language != assessment.language:
            assessment = localise(assessment, self.registry.rules, self.registry.kpis, language)
        return assessment

    def _stored_input(self, organisation_id: str, field: list[str]) -> OrganisationInput:
        with self.tenancy.transaction() as repo:
            record, channels = self._load(repo, organisation_id, field)
            organisation = self.profile(record, channels)
            data = {}
            for channel in channels:
                profile = organisation.channel(channel.key)
                assert profile is not None
                posts, interactions = repo.channel_frames(channel.id)
                if posts.height == 0 and interactions.height == 0 and not channel.messages_known:
                    data[channel.key] = ChannelData.empty(profile.followers)
                    continue
                part = ChannelDataPart(
                    source=f"stored:{channel.id}",
                    format="stored",
                    posts=posts,
                    interactions=interactions,
                    carries_interactions=channel.messages_known,
                    followers=channel.data_followers,
                    organisation_ids=set(channel.organisation_ids),
                )
                merged = merge_channel(profile, [part])
                merged.notes = [
                    prefixed(imported.filename, note)
                    for imported in repo.imports_of(channel.id)
                    for note in imported.notes
                ]
                data[channel.key] = merged
        return OrganisationInput(organisation=organisation, channels=data)

    def _versions(self) -> tuple[dict[str, str], dict[str, str]]:
        """The rules' and the KPIs' versions, custom definitions' digests among them."""
        return (
            {rule.code: rule.version for rule in self.registry.enabled_rules()},
            {kpi.id: kpi.version for kpi in self.registry.kpis.values()},
        )

    def run_assessment(
        self,
        organisation_id: str,
        language: str,
        as_of: datetime | None,
        before_storing: Callable[[], None] = lambda: None,
    ) -> AssessmentRecord:
        """`before_storing` may raise to drop the result: a request that ran past its time
        limit has had its answer already, and must not leave an assessment it never showed."""
        as_of = reference(as_of, ["asOf"])
        field = ["organizationId"]
        if self.assessor is not None:
            result, assessed_as_of = self.assessor.assess(
                self.tenancy.agency_id, organisation_id, field, as_of, language
            )
        else:
            data = self._stored_input(organisation_id, field)
            assessment = assess(
                data,
                self.registry,
                as_of=as_of,
                language=language,
                classification_cache=DatabaseClassificationCache(self.tenancy.engine),
            )
            result, assessed_as_of = assessment.to_json_dict(), assessment.as_of
        before_storing()
        with self.tenancy.transaction() as repo:
            if repo.get_organisation(organisation_id) is None:  # deleted meanwhile
                raise UserErrors.one(
                    ["organizationId"], UserErrorCode.NOT_FOUND, "no organisation has this id"
                )
            assessment_id = repo.insert_assessment(
                organisation_id, result, self._versions(), assessed_as_of
            )
            stored = repo.get_assessment(assessment_id, with_result=True)
            before_storing()  # again at the commit, which the time limit may have passed
        assert stored is not None
        return stored

    def preview_assessment(
        self,
        profile: dict[str, Any],
        files: list[tuple[str, InlineFile]],
        language: str,
        as_of: datetime | None,
    ) -> Assessment:
        """Assess a profile and files sent in the request; nothing is stored."""
        as_of = reference(as_of, ["input", "asOf"])
        organisation = self._validated(profile, ["input", "organization"])
        parts: dict[str, list[ChannelDataPart]] = {c.key: [] for c in organisation.channels}
        for index, (channel_key, upload) in enumerate(files):
            field = ["input", "files", str(index)]
            channel = organisation.channel(channel_key)
            if channel is None:
                raise UserErrors.one(
                    [*field, "channel"],
                    UserErrorCode.NOT_FOUND,
                    f"the organisation has no channel '{channel_key}'; "
                    f"channels: {', '.join(parts) or 'none'}",
                )
            parts[channel_key].append(
                self._read_file(upload, channel, organisation, [*field, "content"])
            )
        data = {
            channel.key: merge_channel(channel, parts[channel.key])
            if parts[channel.key]
            else ChannelData.empty(channel.followers)
            for channel in organisation.channels
        }
        return assess(
            OrganisationInput(organisation=organisation, channels=data),
            self.registry,
            as_of=as_of,
            language=language,
            classification_cache=DatabaseClassificationCache(self.tenancy.engine),
        )
