"""The tables, as SQLAlchemy Core: bulk rows go in and out as columns, never an object per row.

Every table that holds an agency's data carries `agency_id`, its tenant, on each row; that
column is how tests/api/test_tenants.py finds them, so no list can forget one. The storage
layer scopes every statement by it (`service.storage.tenancy`), and on PostgreSQL a row-level
security policy on each of these tables checks it a second time, so no query can reach another
agency's rows by a join it forgot (`report_links` excepted, see `report_tables`). `agencies` and
`api_keys` are the tenancy's own tables, read to find out who is calling, before any tenant is
known.

Ids are random UUID strings: they go into global ids, and a counter would tell how many
organisations exist.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from socialaudit.engine.model.channel_data import POST_METRICS

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(36)


def _tenant() -> Column:
    return Column(
        "agency_id", ID, ForeignKey("agencies.id", ondelete="CASCADE"), nullable=False, index=True
    )


def _organisation() -> Column:
    """The organisation a row belongs to; its rows go when it goes."""
    return Column(
        "organisation_id", ID, ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False
    )


agencies = Table(
    "agencies",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", ID, primary_key=True),
    Column("agency_id", ID, ForeignKey("agencies.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("prefix", String(20), nullable=False),  # shown in lists, to tell keys apart
    Column("hash", String(64), nullable=False, unique=True),  # SHA-256 of the whole key
    Column("role", String(10), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
)

organisations = Table(
    "organisations",
    metadata,
    _tenant(),
    Column("id", ID, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("profile", JSON, nullable=False),  # organisation.toml keys except channels
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_organisations_agency_created", "agency_id", "created_at", "id"),
)

channels = Table(
    "channels",
    metadata,
    _tenant(),
    Column("id", ID, primary_key=True),
    _organisation(),
    Column("key", String(100), nullable=False),
    Column("position", Integer, nullable=False),
    Column("profile", JSON, nullable=False),  # the channel's organisation.toml entry
    Column("data_followers", BigInteger),  # followers as the newest import reported
    Column("organisation_ids", JSON, nullable=False),  # identities the data shows
    Column("messages_known", Boolean, nullable=False),  # an import carried interactions
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("organisation_id", "key", name="uq_channels_organisation_key"),
)

posts = Table(
    "posts",
    metadata,
    _tenant(),
    Column("channel_id", ID, ForeignKey("channels.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(200), primary_key=True),
    Column("created_at", DateTime(timezone=True)),
    Column("text", Text),
    Column("media_type", String(20)),
    Column("permalink", Text),
    *(Column(name, BigInteger) for name in POST_METRICS),  # the engine's one list of them
    Column("label", String(40)),
)

interactions = Table(
    "interactions",
    metadata,
    _tenant(),
    Column("channel_id", ID, ForeignKey("channels.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(200), primary_key=True),
    Column("post_id", String(200)),
    Column("parent_id", String(200)),
    Column("kind", String(20)),
    Column("created_at", DateTime(timezone=True)),
    Column("author", Text),
    Column("author_id", String(200)),
    Column("text", Text),
    Column("from_organisation", Boolean),
    Column("reply_created_at", DateTime(timezone=True)),
    Column("label", String(40)),
)

imports = Table(
    "imports",
    metadata,
    _tenant(),
    Column("id", ID, primary_key=True),
    _organisation(),
    Column("channel_id", ID, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("digest", String(64), nullable=False),  # SHA-256 of the file's bytes
    Column("filename", String(300), nullable=False),
    Column("format", String(100), nullable=False),
    Column("posts", Integer, nullable=False),
    Column("interactions", Integer, nullable=False),
    Column("notes", JSON, nullable=False),  # what the file could not tell completely
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("channel_id", "digest", name="uq_imports_channel_digest"),
)

assessments = Table(
    "assessments",
    metadata,
    _tenant(),
    Column("id", ID, primary_key=True),
    _organisation(),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("as_of", DateTime(timezone=True), nullable=False),
    Column("language", String(5), nullable=False),
    Column("overall_score", Float, nullable=False),
    Column("maturity_stage", String(20), nullable=False),
    Column("ruleset_revision", String(64), nullable=False),
    Column("input_digest", String(64), nullable=False),
    Column("engine_version", String(40), nullable=False),
    Column("plugin_versions", JSON, nullable=False),
    Column("rule_versions", JSON, nullable=False),  # code -> version of every rule run
    Column("kpi_versions", JSON, nullable=False),  # id -> version of every KPI computed
    Column("result", JSON, nullable=False),  # the assessment as `assess --format json`
    Index("ix_assessments_organisation_created", "organisation_id", "created_at", "id"),
)

custom_definitions = Table(
    "custom_definitions",
    metadata,
    _tenant(),
    Column("id", ID, primary_key=True),
    Column("kind", String(10), nullable=False),  # kpi | rule
    Column("key", String(100), nullable=False),  # the KPI's id or the rule's code
    Column("definition", JSON, nullable=False),  # as a [[custom.kpis]] / [[custom.rules]] entry
    Column("version", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("agency_id", "kind", "key", name="uq_custom_definitions_agency_kind_key"),
)

assessment_jobs = Table(
    "assessment_jobs",
    metadata,
    _tenant(),
    Column("id", ID, primary_key=True),
    _organisation(),
    Column("state", String(10), nullable=False),  # queued | running | succeeded | failed
    Column("language", String(5), nullable=False),
    Column("as_of", DateTime(timezone=True)),  # the reference time asked for, if any
    Column("slot", DateTime(timezone=True)),  # the schedule's slot that made it, if any
    Column("attempts", Integer, nullable=False),
    Column("error", Text),  # the last attempt's error
    Column("assessment_id", ID, ForeignKey("assessments.id", ondelete="SET NULL")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
    # one job per organisation per schedule slot, however often the slot is enqueued
    UniqueConstraint("organisation_id", "slot", name="uq_assessment_jobs_organisation_slot"),
    Index("ix_assessment_jobs_agency_created", "agency_id", "created_at", "id"),
)

assessment_schedules = Table(
    "assessment_schedules",
    metadata,
    _tenant(),
    Column("id", ID, primary_key=True),
    Column("cron", String(100), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("language", String(5), nullable=False),
    Column("last_slot", DateTime(timezone=True)),  # the newest slot enqueued
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("agency_id", name="uq_assessment_schedules_agency_id"),
)
