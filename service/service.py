"""What the API does, wiring the engine to the storage: the schema's resolvers call these
methods and nothing else, so the same operations could serve another front end.

Every method is synchronous and runs in the request's worker thread, never on the event loop:
database calls and assessments block. Writes are one transaction each; an import either stores
the whole file or nothing.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy.exc import IntegrityError

from socialaudit.engine.custom import definition_version
from socialaudit.engine.definitions import ChannelAdapter
from socialaudit.engine.definitions.adapter import ReadOptions
from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import (
    OrganisationInput,
    check_platforms,
    choose_adapter,
    parse_profile,
    sample_file,
)
from socialaudit.engine.localise import localise
from socialaudit.engine.model.assessment import Assessment
from socialaudit.engine.model.channel_data import (
    POST_SCHEMA,
    ChannelData,
    ChannelDataPart,
    conform,
)
from socialaudit.engine.model.profile import ChannelProfile, Organisation
from socialaudit.engine.normalise import identified_interactions, merge_channel
from socialaudit.engine.pipeline import assess
from socialaudit.engine.registry import Registry
from socialaudit.engine.text import prefixed
from socialaudit.service.custom_definitions import (
    DefinitionKind,
    agency_registry,
    check_definition,
    check_still_compiles,
    definition_key,
)
from socialaudit.service.storage.classification_cache import DatabaseClassificationCache
from socialaudit.service.storage.repository import (
    AssessmentRecord,
    ChannelRecord,
    CustomDefinitionRecord,
    ImportRecord,
    OrganisationRecord,
    Repository,
)
from socialaudit.service.storage.tenancy import Tenancy
from socialaudit.service.user_errors import UserError, UserErrorCode, UserErrors, field_path

log = logging.getLogger("socialaudit.service")

PROFILE_SOURCE = "input"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class InlineFile:
    """A file sent with a request: an upload's bytes or inline content."""

    filename: str
    content: bytes
    format: str | None = None


@dataclass(frozen=True)
class ImportOutcome:
    record: ImportRecord
    duplicate: bool


def _file_error(exc: InputError, field: list[str], code: UserErrorCode) -> UserErrors:
    """The engine's message without the temporary path the file was read from."""
    where = ", ".join(
        part
        for part in (
            f"line {exc.line}" if exc.line is not None else "",
            f"field '{exc.field}'" if exc.field else "",
        )
        if part
    )
    message = f"{where}: {exc.message}" if where else exc.message
    if exc.hint:
        message += f" ({exc.hint})"
    return UserErrors.one(field, code, message)


class Service:
    """The operations of one agency: every read and write goes through its `Tenancy`, and its
    registry holds the built-in plugins plus the agency's own KPIs and rules."""

    def __init__(self, tenancy: Tenancy, shared: Registry) -> None:
        self.tenancy = tenancy
        self.shared = shared
        self._registry: Registry | None = None

    @property
    def registry(self) -> Registry:
        """Compiled on first use in a request, from the definitions stored now."""
        if self._registry is None:
            with self.tenancy.transaction() as repo:
                records = repo.custom_definitions()
            self._registry = agency_registry(self.shared, self.tenancy.agency_id, records)
        return self._registry

    # -- texts ---------------------------------------------------------------------------------

    def classify(self, texts: list[tuple[str, str]]) -> list[dict[str, Any]] | None:
        """(text, kind) pairs, kind `post` or `comment`, labelled in one batch per kind so
        language identification runs once per text; rows come back in input order. None when
        no classifier is loaded."""
        classifier = self.registry.classifier()
        if classifier is None:
            return None
        rows: list[dict[str, Any]] = [{} for _ in texts]
        batches = (("post", classifier.classify_posts), ("comment", classifier.classify_messages))
        for kind, method in batches:
            positions = [i for i, (_, k) in enumerate(texts) if k == kind]
            if not positions:
                continue
            labelled = method(pl.Series("text", [texts[i][0] for i in positions], dtype=pl.String))
            for position, row in zip(positions, labelled.to_dicts(), strict=True):
                rows[position] = {**row, "evidence": list(row["evidence"] or [])}
        return rows

    # -- the agency's own KPIs and rules -------------------------------------------------------

    def custom_definitions(self) -> list[CustomDefinitionRecord]:
        with self.tenancy.transaction() as repo:
            return repo.custom_definitions()

    def custom_definition(self, definition_id: str) -> CustomDefinitionRecord | None:
        with self.tenancy.transaction() as repo:
            return repo.get_custom_definition(definition_id)

    def save_custom_definition(
        self, kind: DefinitionKind, data: dict[str, Any], definition_id: str | None = None
    ) -> str:
        """Create (no id) or replace a definition, after checking it compiles against the
        built-in KPIs and the agency's other definitions."""
        with self.tenancy.transaction() as repo:
            records = repo.custom_definitions()
            if definition_id is not None:
                self._own_definition(repo, kind, definition_id)
                records = [r for r in records if r.id != definition_id]
            definition = check_definition(self.shared, records, kind, data, ["input"])
            stored = definition.model_dump(mode="json")
            key = definition_key(definition)
            version = definition_version(definition)
            if definition_id is None:
                definition_id = repo.insert_custom_definition(kind.value, key, stored, version)
            else:
                repo.update_custom_definition(definition_id, key, stored, version)
        self._registry = None
        return definition_id

    @staticmethod
    def _own_definition(
        repo: Repository, kind: DefinitionKind, definition_id: str
    ) -> CustomDefinitionRecord:
        """The agency's definition of this kind with this id, else NOT_FOUND."""
        current = repo.get_custom_definition(definition_id)
        if current is None or current.kind != kind.value:
            raise UserErrors.one(
                ["id"], UserErrorCode.NOT_FOUND, f"no custom {kind.value} has this id"
            )
        return current

    def delete_custom_definition(self, kind: DefinitionKind, definition_id: str) -> None:
        with self.tenancy.transaction() as repo:
            current = self._own_definition(repo, kind, definition_id)
            others = [r for r in repo.custom_definitions() if r.id != definition_id]
            check_still_compiles(self.shared, others, current)
            repo.delete_custom_definition(definition_id)
        self._registry = None

    # -- reading -------------------------------------------------------------------------------

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

    def row_counts(self, channel_ids: list[str]) -> dict[str, tuple[int, int]]:
        with self.tenancy.transaction() as repo:
            return repo.row_counts(channel_ids)

    def imports(self, channel_id: str) -> list[ImportRecord]:
        with self.tenancy.transaction() as repo:
            return repo.imports_of(channel_id)

    def import_record(self, import_id: str) -> ImportRecord | None:
        with self.tenancy.transaction() as repo:
            return repo.get_import(import_id)

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
        result = record.result
        if result is None:
            with self.tenancy.transaction() as repo:
                result = repo.assessment_result(record.id)
        assessment = Assessment.model_validate(result)
        if language and language != assessment.language:
            assessment = localise(assessment, self.registry.rules, self.registry.kpis, language)
        return assessment

    def profile(self, record: OrganisationRecord, channels: list[ChannelRecord]) -> Organisation:
        return parse_profile(
            {**record.profile, "channels": [c.profile for c in channels]}, PROFILE_SOURCE
        )

    # -- organisations -------------------------------------------------------------------------

    def _validated(self, data: dict[str, Any], prefix: list[str]) -> Organisation:
        try:
            organisation = parse_profile(data, PROFILE_SOURCE)
            check_platforms(organisation, self.registry.adapters, PROFILE_SOURCE)
        except InputError as exc:
            code = (
                UserErrorCode.UNKNOWN_PLATFORM
                if exc.message.startswith("unknown platform")
                else UserErrorCode.INVALID
            )
            raise self._profile_errors(exc, prefix, code) from exc
        return organisation

    @staticmethod
    def _profile_errors(exc: InputError, prefix: list[str], code: UserErrorCode) -> UserErrors:
        """One user error per problem pydantic found (the engine joins them with '; ')."""
        errors = []
        for part in exc.message.split("; "):
            path, sep, message = part.partition(": ")
            if sep and not path.count(" "):
                errors.append(UserError(field_path(prefix, path), code, message))
            else:
                hint = f" ({exc.hint})" if exc.hint else ""
                errors.append(UserError(field_path(prefix, exc.field), code, part + hint))
        return UserErrors(*errors)

    def _load(
        self, repo: Repository, organisation_id: str, field: list[str]
    ) -> tuple[OrganisationRecord, list[ChannelRecord]]:
        record = repo.get_organisation(organisation_id)
        if record is None:
            raise UserErrors.one(field, UserErrorCode.NOT_FOUND, "no organisation has this id")
        return record, repo.channels_of([organisation_id])[organisation_id]

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
            try:
                organisation = parse_profile(data, PROFILE_SOURCE)
                check_platforms(organisation, self.registry.adapters, PROFILE_SOURCE)
            except InputError as exc:
                if "share the key" in exc.message:
                    raise UserErrors.one(
                        ["channel", "id"], UserErrorCode.ALREADY_EXISTS, exc.message
                    ) from exc
                code = (
                    UserErrorCode.UNKNOWN_PLATFORM
                    if exc.message.startswith("unknown platform")
                    else UserErrorCode.INVALID
                )
                errors = self._profile_errors(exc, [], code)
                # the engine names channels[index]; the client sent the one channel
                for error in errors.errors:
                    if error.field[:2] == ["channels", str(index)]:
                        error.field[:2] = ["channel"]
                raise errors from exc
            added = organisation.channels[index]
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

    # -- data ----------------------------------------------------------------------------------

    def _read_file(
        self,
        upload: InlineFile,
        profile: ChannelProfile,
        organisation: Organisation,
        field: list[str],
    ) -> ChannelDataPart:
        """Through the adapters, exactly as `socialaudit assess` reads a file in a folder."""
        if upload.format:
            if upload.format not in self.registry.adapters:
                known = ", ".join(sorted(self.registry.adapters))
                raise UserErrors.one(
                    [*field[:-1], "format"],
                    UserErrorCode.UNKNOWN_FORMAT,
                    f"unknown format '{upload.format}' (known formats: {known})",
                )
            profile = profile.model_copy(update={"format": upload.format})
        name = _SAFE_NAME.sub("_", Path(upload.filename).name).strip("._") or "upload"
        with tempfile.TemporaryDirectory(prefix="socialaudit-") as folder:
            path = Path(folder) / name
            path.write_bytes(upload.content)
            try:
                adapter = choose_adapter(
                    sample_file(path), profile, self.registry.adapters, "format"
                )
            except InputError as exc:
                raise _file_error(exc, field, UserErrorCode.FORMAT_NOT_RECOGNISED) from exc
            options = ReadOptions(
                channel=profile, timezone=profile.timezone or organisation.effective_timezone
            )
            return self._read(adapter, path, options, field)

    @staticmethod
    def _read(
        adapter: ChannelAdapter, path: Path, options: ReadOptions, field: list[str]
    ) -> ChannelDataPart:
        try:
            return adapter.read(path, options)
        except InputError as exc:
            raise _file_error(exc, field, UserErrorCode.MALFORMED_FILE) from exc
        except Exception as exc:  # an adapter's own bug is reported on the file, and logged
            log.exception("adapter %s failed", adapter.name)
            raise UserErrors.one(
                field,
                UserErrorCode.MALFORMED_FILE,
                f"the '{adapter.name}' adapter could not read it: {type(exc).__name__}",
            ) from exc

    def import_channel_data(
        self, channel_id: str, upload: InlineFile, field: list[str]
    ) -> ImportOutcome:
        """Store a file's posts and interactions in one transaction; the same file twice is
        recognised by its digest and changes nothing."""
        digest = hashlib.sha256(upload.content).hexdigest()
        with self.tenancy.transaction() as repo:
            channel = repo.get_channel(channel_id)
            if channel is None:
                raise UserErrors.one(
                    ["input", "channelId"], UserErrorCode.NOT_FOUND, "no channel has this id"
                )
            existing = repo.find_import(channel_id, digest)
            if existing is not None:
                return ImportOutcome(existing, duplicate=True)
            record, channels = self._load(repo, channel.organisation_id, ["input", "channelId"])
        organisation = self.profile(record, channels)
        profile = organisation.channel(channel.key)
        assert profile is not None
        part = self._read_file(upload, profile, organisation, field)
        post_frame = conform(part.posts, POST_SCHEMA) if part.posts is not None else None
        interaction_frame = (
            identified_interactions(part.interactions) if part.interactions is not None else None
        )
        try:
            with self.tenancy.transaction() as repo:
                post_count = (
                    repo.upsert_posts(channel_id, post_frame) if post_frame is not None else 0
                )
                interaction_count = (
                    repo.upsert_interactions(channel_id, interaction_frame)
                    if interaction_frame is not None
                    else 0
                )
                repo.record_channel_data(
                    channel, part.followers, part.organisation_ids, part.carries_interactions
                )
                import_id = repo.insert_import(
                    channel,
                    digest,
                    Path(upload.filename).name[:300] or "upload",
                    part.format,
                    post_count,
                    interaction_count,
                    part.notes,
                )
                repo.touch_organisation(channel.organisation_id)
        except IntegrityError:
            # the same file, imported by a concurrent request a moment earlier
            with self.tenancy.transaction() as repo:
                existing = repo.find_import(channel_id, digest)
            if existing is None:
                raise
            return ImportOutcome(existing, duplicate=True)
        with self.tenancy.transaction() as repo:
            stored = repo.get_import(import_id)
        assert stored is not None
        return ImportOutcome(stored, duplicate=False)

    # -- assessments ---------------------------------------------------------------------------

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
        data = self._stored_input(organisation_id, ["organizationId"])
        assessment = assess(
            data,
            self.registry,
            as_of=as_of,
            language=language,
            classification_cache=DatabaseClassificationCache(self.tenancy.engine),
        )
        result = assessment.to_json_dict()
        before_storing()
        with self.tenancy.transaction() as repo:
            if repo.get_organisation(organisation_id) is None:  # deleted meanwhile
                raise UserErrors.one(
                    ["organizationId"], UserErrorCode.NOT_FOUND, "no organisation has this id"
                )
            assessment_id = repo.insert_assessment(
                organisation_id, result, self._versions(), assessment.as_of
            )
            stored = repo.get_assessment(assessment_id, with_result=True)
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


def utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


__all__ = ["ImportOutcome", "InlineFile", "Service", "UserError", "UserErrors", "utc"]
