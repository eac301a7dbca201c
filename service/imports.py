"""Importing a channel's files: read through the adapters, stored in one transaction, the same
file twice recognised by its digest."""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from sqlalchemy.exc import IntegrityError

from socialaudit.engine.definitions import ChannelAdapter
from socialaudit.engine.definitions.adapter import ReadOptions
from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import choose_adapter, sample_file
from socialaudit.engine.model.channel_data import (
    DATE_ONLY,
    POST_SCHEMA,
    ChannelDataPart,
    conform,
)
from socialaudit.engine.model.profile import ChannelProfile, Organisation
from socialaudit.engine.normalise import identified_interactions
from socialaudit.service.errors import file_error
from socialaudit.service.input_limits import NUL, check_frame
from socialaudit.service.scope import AgencyScope
from socialaudit.service.storage.records import ImportRecord
from socialaudit.service.storage.tables import interactions, posts
from socialaudit.service.user_errors import UserErrorCode, UserErrors

log = logging.getLogger("socialaudit.service")

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _date_only(frame: pl.DataFrame | None) -> pl.Series | None:
    """Which rows of an adapter's frame have a date without a time of day, when it says."""
    return frame[DATE_ONLY] if frame is not None and DATE_ONLY in frame.columns else None


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
                raise file_error(exc, field, UserErrorCode.FORMAT_NOT_RECOGNISED) from exc
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
            raise file_error(exc, field, UserErrorCode.MALFORMED_FILE) from exc
        except Exception as exc:  # an adapter's own bug is reported on the file, and logged
            log.exception("adapter %s failed", adapter.name)
            raise UserErrors.one(
                field,
                UserErrorCode.MALFORMED_FILE,
                f"the '{adapter.name}' adapter could not read it: {type(exc).__name__}",
            ) from exc

    def import_channel_data(
        self,
        channel_id: str,
        upload: InlineFile,
        field: list[str],
        before_commit: Callable[[], None] = lambda: None,
    ) -> ImportOutcome:
        """Store a file's posts and interactions in one transaction; the same file twice is
        recognised by its digest and changes nothing. `before_commit` runs last inside the
        transaction and may raise to roll it back: a request past its time limit must not
        store an import its client was told had failed."""
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
        if post_frame is not None:
            check_frame(post_frame, posts, "post", field)
        if interaction_frame is not None:
            check_frame(interaction_frame, interactions, "interaction", field)
        try:
            with self.tenancy.transaction() as repo:
                post_count = (
                    repo.upsert_posts(channel_id, post_frame, _date_only(part.posts))
                    if post_frame is not None
                    else 0
                )
                interaction_count = (
                    repo.upsert_interactions(
                        channel_id, interaction_frame, _date_only(part.interactions)
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
