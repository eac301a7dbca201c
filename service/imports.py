"""Importing a channel's files: read through the adapters, stored in one transaction, the same
file twice recognised by its digest."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from socialaudit.engine.model.channel_data import ChannelDataPart
from socialaudit.engine.model.profile import ChannelProfile, Organisation
from socialaudit.service.import_parsing import (
    InlineFile,
    ParsedFile,
    ParseTimedOut,
    parse_for_storage,
    read_upload,
)
from socialaudit.service.input_limits import NUL
from socialaudit.service.scope import AgencyScope
from socialaudit.service.storage.records import ImportRecord
from socialaudit.service.user_errors import UserErrorCode, UserErrors

log = logging.getLogger("socialaudit.service")


@dataclass(frozen=True)
class ImportOutcome:
    record: ImportRecord
    duplicate: bool


class Imports(AgencyScope):
    def imports(self, channel_id: str) -> list[ImportRecord]:
        with self.tenancy.transaction() as repo:
            return repo.imports_of(channel_id)

    def import_record(self, import_id: str) -> ImportRecord | None:
        with self.tenancy.transaction() as repo:
            return repo.get_import(import_id)

    def _read_file(
        self,
        upload: InlineFile,
        profile: ChannelProfile,
        organisation: Organisation,
        field: list[str],
    ) -> ChannelDataPart:
        """Through the adapters, exactly as `socialaudit assess` reads a file in a folder."""
        return read_upload(self.registry.adapters, upload, profile, organisation, field)

    def _parse_for_storage(
        self,
        upload: InlineFile,
        profile: ChannelProfile,
        organisation: Organisation,
        field: list[str],
        seconds: float | None,
    ) -> ParsedFile:
        """In a worker process when there are some, which must be back within `seconds`
        (None: no limit); else here."""
        if self.parsers is None:
            return parse_for_storage(self.registry.adapters, upload, profile, organisation, field)
        return self.parsers.parse(upload, profile, organisation, field, seconds)

    def import_channel_data(
        self,
        channel_id: str,
        upload: InlineFile,
        field: list[str],
        before_commit: Callable[[], None] = lambda: None,
        deadline: float | None = None,
    ) -> ImportOutcome:
        """Store a file's posts and interactions in one transaction; the same file twice is
        recognised by its digest and changes nothing. `before_commit` runs last inside the
        transaction and may raise to roll it back: a request past its time limit must not
        store an import its client was told had failed. Reading the file must end by
        `deadline` (`time.monotonic()`), else `ParseTimedOut` and nothing is stored."""
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
        seconds = deadline - time.monotonic() if deadline is not None else None
        if seconds is not None and seconds <= 0:
            raise ParseTimedOut
        parsed = self._parse_for_storage(upload, profile, organisation, field, seconds)
        part, post_frame, interaction_frame = parsed.part, parsed.posts, parsed.interactions
        try:
            with self.tenancy.transaction() as repo:
                post_count = (
                    repo.upsert_posts(channel_id, post_frame, parsed.posts_date_only)
                    if post_frame is not None
                    else 0
                )
                interaction_count = (
                    repo.upsert_interactions(
                        channel_id, interaction_frame, parsed.interactions_date_only
                    )
                    if interaction_frame is not None
                    else 0
                )
                repo.record_channel_data(
                    channel, part.followers, part.organisation_ids, part.carries_interactions
                )
                import_id = repo.insert_import(
                    channel,
                    digest,
                    Path(upload.filename.replace(NUL, "")).name[:300] or "upload",
                    part.format,
                    post_count,
                    interaction_count,
                    part.notes,
                )
                repo.touch_organisation(channel.organisation_id)
                before_commit()
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
