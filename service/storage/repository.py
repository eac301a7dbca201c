"""Reading and writing one agency's rows.

A `Repository` is bound to a connection inside a transaction and to the agency it serves; it is
made only by `api.storage.tenancy.Tenancy`, which opens the transaction. Every statement here is
built by `_select`, `_update`, `_delete` or `_insert`, which add the agency to the statement's
filter or values: scoping is done in this one place, never remembered query by query, and a
test checks that no statement reaches a tenant table without it.

Post and interaction rows are upserted per (channel, id): a metric a file leaves empty keeps the
value an earlier import gave it, the way `engine.normalise` merges several files of a channel.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import polars as pl
from sqlalchemy import (
    Connection,
    Delete,
    Insert,
    Select,
    Table,
    Update,
    delete,
    func,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from socialaudit.engine.model.channel_data import INTERACTION_SCHEMA, POST_SCHEMA, UTC_TIME
from socialaudit.service.storage.tables import (
    assessments,
    channels,
    custom_definitions,
    imports,
    interactions,
    organisations,
    posts,
)


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands times back without a zone; everything is stored in UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class OrganisationRecord:
    id: str
    name: str
    profile: dict[str, Any]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ChannelRecord:
    id: str
    organisation_id: str
    key: str
    position: int
    profile: dict[str, Any]
    data_followers: int | None
    organisation_ids: list[str]
    messages_known: bool
    created_at: datetime


@dataclass(frozen=True)
class ImportRecord:
    id: str
    organisation_id: str
    channel_id: str
    digest: str
    filename: str
    format: str
    posts: int
    interactions: int
    notes: list[dict[str, str]]  # a text per language
    created_at: datetime


@dataclass(frozen=True)
class AssessmentRecord:
    """An assessment's columns; `result` (the whole JSON) is only read when asked for."""

    id: str
    organisation_id: str
    created_at: datetime
    as_of: datetime
    language: str
    overall_score: float
    maturity_stage: str
    ruleset_revision: str
    input_digest: str
    engine_version: str
    plugin_versions: dict[str, str]
    rule_versions: dict[str, str]
    kpi_versions: dict[str, str]
    result: dict[str, Any] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CustomDefinitionRecord:
    """An agency's own KPI or rule, as the `[[custom.kpis]]`/`[[custom.rules]]` entry it is."""

    id: str
    kind: str
    key: str
    definition: dict[str, Any]
    version: str
    created_at: datetime
    updated_at: datetime


def _organisation(row: Any) -> OrganisationRecord:
    return OrganisationRecord(
        id=row.id,
        name=row.name,
        profile=row.profile,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        updated_at=as_utc(row.updated_at),  # type: ignore[arg-type]
    )


def _channel(row: Any) -> ChannelRecord:
    return ChannelRecord(
        id=row.id,
        organisation_id=row.organisation_id,
        key=row.key,
        position=row.position,
        profile=row.profile,
        data_followers=row.data_followers,
        organisation_ids=list(row.organisation_ids or []),
        messages_known=bool(row.messages_known),
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
    )


def _import(row: Any) -> ImportRecord:
    return ImportRecord(
        id=row.id,
        organisation_id=row.organisation_id,
        channel_id=row.channel_id,
        digest=row.digest,
        filename=row.filename,
        format=row.format,
        posts=row.posts,
        interactions=row.interactions,
        notes=list(row.notes or []),
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
    )


_ASSESSMENT_COLUMNS = [c for c in assessments.c if c.name != "result"]


def _assessment(row: Any, result: dict[str, Any] | None = None) -> AssessmentRecord:
    return AssessmentRecord(
        id=row.id,
        organisation_id=row.organisation_id,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        as_of=as_utc(row.as_of),  # type: ignore[arg-type]
        language=row.language,
        overall_score=row.overall_score,
        maturity_stage=row.maturity_stage,
        ruleset_revision=row.ruleset_revision,
        input_digest=row.input_digest,
        engine_version=row.engine_version,
        plugin_versions=row.plugin_versions,
        rule_versions=row.rule_versions,
        kpi_versions=row.kpi_versions,
        result=result,
    )


def _custom(row: Any) -> CustomDefinitionRecord:
    return CustomDefinitionRecord(
        id=row.id,
        kind=row.kind,
        key=row.key,
        definition=row.definition,
        version=row.version,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        updated_at=as_utc(row.updated_at),  # type: ignore[arg-type]
    )


def _dedupe(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per id, keeping per column the last known value (as `engine.normalise` does),
    because one upsert statement may not touch a row twice."""
    if frame["id"].n_unique() == frame.height:
        return frame
    return (
        frame.group_by("id", maintain_order=True)
        .agg([pl.col(c).drop_nulls().last() for c in frame.columns if c != "id"])
        .select(frame.columns)
    )


class Repository:
    def __init__(self, conn: Connection, agency_id: str) -> None:
        self.conn = conn
        self.agency_id = agency_id

    # -- the scoping: every statement is built here ------------------------------------------

    def _select(self, table: Table, *columns: Any) -> Select[Any]:
        return select(*(columns or (table,))).where(table.c.agency_id == self.agency_id)

    def _count(self, table: Table) -> Select[Any]:
        return select(func.count()).select_from(table).where(table.c.agency_id == self.agency_id)

    def _update(self, table: Table) -> Update:
        return update(table).where(table.c.agency_id == self.agency_id)

    def _delete(self, table: Table) -> Delete:
        return delete(table).where(table.c.agency_id == self.agency_id)

    def _insert(self, table: Table, **values: Any) -> Insert:
        return insert(table).values(agency_id=self.agency_id, **values)

    # -- organisations -----------------------------------------------------------------------

    def insert_organisation(self, name: str, profile: dict[str, Any]) -> str:
        moment = now()
        organisation_id = new_id()
        self.conn.execute(
            self._insert(
                organisations,
                id=organisation_id,
                name=name,
                profile=profile,
                created_at=moment,
                updated_at=moment,
            )
        )
        return organisation_id

    def get_organisation(self, organisation_id: str) -> OrganisationRecord | None:
        query = self._select(organisations).where(organisations.c.id == organisation_id)
        row = self.conn.execute(query).first()
        return _organisation(row) if row else None

    def get_organisations(self, ids: Sequence[str]) -> dict[str, OrganisationRecord]:
        query = self._select(organisations).where(organisations.c.id.in_(ids))
        return {row.id: _organisation(row) for row in self.conn.execute(query).all()}

    def page_organisations(
        self, after: tuple[datetime, str] | None, limit: int
    ) -> list[OrganisationRecord]:
        """Oldest first, by (created_at, id), so a page never shifts when organisations are
        added."""
        query = self._select(organisations).order_by(organisations.c.created_at, organisations.c.id)
        if after is not None:
            query = query.where(tuple_(organisations.c.created_at, organisations.c.id) > after)
        return [_organisation(row) for row in self.conn.execute(query.limit(limit)).all()]

    def count_organisations(self) -> int:
        return self.conn.execute(self._count(organisations)).scalar_one()

    def update_organisation(self, organisation_id: str, name: str, profile: dict[str, Any]) -> None:
        self.conn.execute(
            self._update(organisations)
            .where(organisations.c.id == organisation_id)
            .values(name=name, profile=profile, updated_at=now())
        )

    def touch_organisation(self, organisation_id: str) -> None:
        self.conn.execute(
            self._update(organisations)
            .where(organisations.c.id == organisation_id)
            .values(updated_at=now())
        )

    def delete_organisation(self, organisation_id: str) -> bool:
        statement = self._delete(organisations).where(organisations.c.id == organisation_id)
        return self.conn.execute(statement).rowcount > 0

    # -- channels ----------------------------------------------------------------------------

    def channels_of(self, organisation_ids: Iterable[str]) -> dict[str, list[ChannelRecord]]:
        ids = list(organisation_ids)
        found: dict[str, list[ChannelRecord]] = {i: [] for i in ids}
        rows = self.conn.execute(
            self._select(channels)
            .where(channels.c.organisation_id.in_(ids))
            .order_by(channels.c.organisation_id, channels.c.position)
        ).all()
        for row in rows:
            found[row.organisation_id].append(_channel(row))
        return found

    def get_channel(self, channel_id: str) -> ChannelRecord | None:
        row = self.conn.execute(self._select(channels).where(channels.c.id == channel_id)).first()
        return _channel(row) if row else None

    def insert_channel(self, organisation_id: str, key: str, profile: dict[str, Any]) -> str:
        position = self.conn.execute(
            self._select(channels, func.coalesce(func.max(channels.c.position), -1) + 1).where(
                channels.c.organisation_id == organisation_id
            )
        ).scalar_one()
        channel_id = new_id()
        self.conn.execute(
            self._insert(
                channels,
                id=channel_id,
                organisation_id=organisation_id,
                key=key,
                position=position,
                profile=profile,
                data_followers=None,
                organisation_ids=[],
                messages_known=False,
                created_at=now(),
            )
        )
        return channel_id

    def delete_channel(self, channel_id: str) -> bool:
        statement = self._delete(channels).where(channels.c.id == channel_id)
        return self.conn.execute(statement).rowcount > 0

    def record_channel_data(
        self,
        channel: ChannelRecord,
        followers: int | None,
        organisation_ids: Iterable[str],
        carries_interactions: bool,
    ) -> None:
        """What an import tells about the channel besides its rows."""
        self.conn.execute(
            self._update(channels)
            .where(channels.c.id == channel.id)
            .values(
                data_followers=followers if followers is not None else channel.data_followers,
                organisation_ids=sorted({*channel.organisation_ids, *organisation_ids}),
                messages_known=channel.messages_known or carries_interactions,
            )
        )

    def row_counts(self, channel_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        counts = {i: [0, 0] for i in channel_ids}
        for index, table in enumerate((posts, interactions)):
            query = (
                self._select(table, table.c.channel_id, func.count())
                .where(table.c.channel_id.in_(channel_ids))
                .group_by(table.c.channel_id)
            )
            for channel_id, count in self.conn.execute(query).all():
                counts[channel_id][index] = count
        return {k: (v[0], v[1]) for k, v in counts.items()}

    # -- posts and interactions --------------------------------------------------------------

    def _upsert(self, table: Table, channel_id: str, frame: pl.DataFrame) -> int:
        if frame.height == 0:
            return 0
        frame = _dedupe(frame)
        rows = [
            {"agency_id": self.agency_id, "channel_id": channel_id, **row}
            for row in frame.to_dicts()
        ]
        dialect = sqlite if self.conn.dialect.name == "sqlite" else postgresql
        statement = dialect.insert(table)
        keep_known = {
            c.name: func.coalesce(statement.excluded[c.name], c)
            for c in table.c
            if c.name not in ("agency_id", "channel_id", "id")
        }
        statement = statement.on_conflict_do_update(
            index_elements=["channel_id", "id"],
            set_=keep_known,
            where=table.c.agency_id == self.agency_id,
        )
        for start in range(0, len(rows), 5000):
            self.conn.execute(statement, rows[start : start + 5000])
        return frame.height

    def upsert_posts(self, channel_id: str, frame: pl.DataFrame) -> int:
        return self._upsert(posts, channel_id, frame.select(list(POST_SCHEMA)))

    def upsert_interactions(self, channel_id: str, frame: pl.DataFrame) -> int:
        return self._upsert(interactions, channel_id, frame.select(list(INTERACTION_SCHEMA)))

    def _frame(self, table: Table, channel_id: str, schema: dict[str, Any]) -> pl.DataFrame:
        names = list(schema)
        rows = self.conn.execute(
            self._select(table, *(table.c[name] for name in names))
            .where(table.c.channel_id == channel_id)
            .order_by(table.c.id)
        ).all()
        series = []
        for index, (name, dtype) in enumerate(schema.items()):
            values = [row[index] for row in rows]
            if dtype == UTC_TIME:
                values = [as_utc(value) for value in values]
            series.append(pl.Series(name, values, dtype=dtype))
        return pl.DataFrame(series)

    def channel_frames(self, channel_id: str) -> tuple[pl.DataFrame, pl.DataFrame]:
        return (
            self._frame(posts, channel_id, POST_SCHEMA),
            self._frame(interactions, channel_id, INTERACTION_SCHEMA),
        )

    # -- imports -----------------------------------------------------------------------------

    def find_import(self, channel_id: str, digest: str) -> ImportRecord | None:
        row = self.conn.execute(
            self._select(imports).where(
                imports.c.channel_id == channel_id, imports.c.digest == digest
            )
        ).first()
        return _import(row) if row else None

    def insert_import(
        self,
        channel: ChannelRecord,
        digest: str,
        filename: str,
        adapter: str,
        post_count: int,
        interaction_count: int,
        notes: list[dict[str, str]],
    ) -> str:
        import_id = new_id()
        self.conn.execute(
            self._insert(
                imports,
                id=import_id,
                organisation_id=channel.organisation_id,
                channel_id=channel.id,
                digest=digest,
                filename=filename,
                format=adapter,
                posts=post_count,
                interactions=interaction_count,
                notes=notes,
                created_at=now(),
            )
        )
        return import_id

    def get_import(self, import_id: str) -> ImportRecord | None:
        row = self.conn.execute(self._select(imports).where(imports.c.id == import_id)).first()
        return _import(row) if row else None

    def imports_of(self, channel_id: str) -> list[ImportRecord]:
        rows = self.conn.execute(
            self._select(imports)
            .where(imports.c.channel_id == channel_id)
            .order_by(imports.c.created_at)
        ).all()
        return [_import(row) for row in rows]

    # -- assessments -------------------------------------------------------------------------

    def insert_assessment(
        self,
        organisation_id: str,
        result: dict[str, Any],
        versions: tuple[dict[str, str], dict[str, str]],
        as_of: datetime,
    ) -> str:
        """`versions`: the rules' and the KPIs' versions the assessment was computed with."""
        assessment_id = new_id()
        rule_versions, kpi_versions = versions
        self.conn.execute(
            self._insert(
                assessments,
                id=assessment_id,
                organisation_id=organisation_id,
                created_at=now(),
                as_of=as_of,
                language=result["language"],
                overall_score=result["overallScore"],
                maturity_stage=result["maturityStage"],
                ruleset_revision=result["rulesetRevision"],
                input_digest=result["inputDigest"],
                engine_version=result["engineVersion"],
                plugin_versions=result["pluginVersions"],
                rule_versions=rule_versions,
                kpi_versions=kpi_versions,
                result=result,
            )
        )
        return assessment_id

    def get_assessment(
        self, assessment_id: str, with_result: bool = False
    ) -> AssessmentRecord | None:
        columns = (
            [*_ASSESSMENT_COLUMNS, assessments.c.result] if with_result else _ASSESSMENT_COLUMNS
        )
        query = self._select(assessments, *columns).where(assessments.c.id == assessment_id)
        row = self.conn.execute(query).first()
        if row is None:
            return None
        return _assessment(row, row.result if with_result else None)

    def assessment_result(self, assessment_id: str) -> dict[str, Any] | None:
        query = self._select(assessments, assessments.c.result).where(
            assessments.c.id == assessment_id
        )
        return self.conn.execute(query).scalar_one_or_none()

    def page_assessments(
        self, organisation_id: str, after: tuple[datetime, str] | None, limit: int
    ) -> list[AssessmentRecord]:
        """Newest first, by (created_at, id)."""
        query = (
            self._select(assessments, *_ASSESSMENT_COLUMNS)
            .where(assessments.c.organisation_id == organisation_id)
            .order_by(assessments.c.created_at.desc(), assessments.c.id.desc())
        )
        if after is not None:
            query = query.where(tuple_(assessments.c.created_at, assessments.c.id) < after)
        return [_assessment(row) for row in self.conn.execute(query.limit(limit)).all()]

    def count_assessments(self, organisation_id: str) -> int:
        query = self._count(assessments).where(assessments.c.organisation_id == organisation_id)
        return self.conn.execute(query).scalar_one()

    def latest_assessments(self, organisation_ids: Sequence[str]) -> dict[str, AssessmentRecord]:
        """The newest assessment of each organisation, in one query for a whole page."""
        newest = (
            self._select(
                assessments,
                assessments.c.id,
                func.row_number()
                .over(
                    partition_by=assessments.c.organisation_id,
                    order_by=(assessments.c.created_at.desc(), assessments.c.id.desc()),
                )
                .label("rank"),
            )
            .where(assessments.c.organisation_id.in_(organisation_ids))
            .subquery()
        )
        rows = self.conn.execute(
            self._select(assessments, *_ASSESSMENT_COLUMNS)
            .join(newest, newest.c.id == assessments.c.id)
            .where(newest.c.rank == 1)
        ).all()
        return {row.organisation_id: _assessment(row) for row in rows}

    # -- custom definitions ------------------------------------------------------------------

    def custom_definitions(self) -> list[CustomDefinitionRecord]:
        query = self._select(custom_definitions).order_by(
            custom_definitions.c.kind, custom_definitions.c.created_at, custom_definitions.c.id
        )
        return [_custom(row) for row in self.conn.execute(query).all()]

    def get_custom_definition(self, definition_id: str) -> CustomDefinitionRecord | None:
        query = self._select(custom_definitions).where(custom_definitions.c.id == definition_id)
        row = self.conn.execute(query).first()
        return _custom(row) if row else None

    def insert_custom_definition(
        self, kind: str, key: str, definition: dict[str, Any], version: str
    ) -> str:
        moment = now()
        definition_id = new_id()
        self.conn.execute(
            self._insert(
                custom_definitions,
                id=definition_id,
                kind=kind,
                key=key,
                definition=definition,
                version=version,
                created_at=moment,
                updated_at=moment,
            )
        )
        return definition_id

    def update_custom_definition(
        self, definition_id: str, key: str, definition: dict[str, Any], version: str
    ) -> None:
        self.conn.execute(
            self._update(custom_definitions)
            .where(custom_definitions.c.id == definition_id)
            .values(key=key, definition=definition, version=version, updated_at=now())
        )

    def delete_custom_definition(self, definition_id: str) -> bool:
        statement = self._delete(custom_definitions).where(custom_definitions.c.id == definition_id)
        return self.conn.execute(statement).rowcount > 0
