"""Agencies and their keys; organisations, channels, posts, interactions, imports, assessments
and custom definitions, each row belonging to one agency; row-level security on PostgreSQL.

Revision ID: 0001
Revises:
Create Date: 2026-07-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(36)
TIME = sa.DateTime(timezone=True)
TENANT_TABLES = (
    "organisations",
    "channels",
    "posts",
    "interactions",
    "imports",
    "assessments",
    "custom_definitions",
)
# The policy reads the agency the storage layer set for the transaction (set_config(..., true));
# where none is set, current_setting(..., true) is NULL and no row matches.
TENANT_SETTING = "socialaudit.agency_id"


def _tenant() -> sa.Column:
    return sa.Column("agency_id", ID, nullable=False)


def _tenant_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["agency_id"], ["agencies.id"], ondelete="CASCADE", name=f"fk_{table}_agency_id_agencies"
    )


def _parent(table: str, column: str, parent: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{parent}.id"], ondelete="CASCADE", name=f"fk_{table}_{column}_{parent}"
    )


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("id", ID),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_agencies"),
        sa.UniqueConstraint("name", name="uq_agencies_name"),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", ID),
        sa.Column("agency_id", ID, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("prefix", sa.String(20), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("last_used_at", TIME),
        sa.Column("revoked_at", TIME),
        sa.PrimaryKeyConstraint("id", name="pk_api_keys"),
        _parent("api_keys", "agency_id", "agencies"),
        sa.UniqueConstraint("hash", name="uq_api_keys_hash"),
    )
    op.create_table(
        "organisations",
        _tenant(),
        sa.Column("id", ID),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("profile", sa.JSON, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
        _tenant_key("organisations"),
    )
    op.create_index(
        "ix_organisations_agency_created", "organisations", ["agency_id", "created_at", "id"]
    )
    op.create_table(
        "channels",
        _tenant(),
        sa.Column("id", ID),
        sa.Column("organisation_id", ID, nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("profile", sa.JSON, nullable=False),
        sa.Column("data_followers", sa.BigInteger),
        sa.Column("organisation_ids", sa.JSON, nullable=False),
        sa.Column("messages_known", sa.Boolean, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_channels"),
        _tenant_key("channels"),
        _parent("channels", "organisation_id", "organisations"),
        sa.UniqueConstraint("organisation_id", "key", name="uq_channels_organisation_key"),
    )
    op.create_table(
        "posts",
        _tenant(),
        sa.Column("channel_id", ID),
        sa.Column("id", sa.String(200)),
        sa.Column("created_at", TIME),
        sa.Column("text", sa.Text),
        sa.Column("media_type", sa.String(20)),
        sa.Column("permalink", sa.Text),
        *(
            sa.Column(name, sa.BigInteger)
            for name in (
                "impressions",
                "reach",
                "reactions",
                "comments",
                "shares",
                "clicks",
                "video_views",
            )
        ),
        sa.Column("label", sa.String(40)),
        sa.PrimaryKeyConstraint("channel_id", "id", name="pk_posts"),
        _tenant_key("posts"),
        _parent("posts", "channel_id", "channels"),
    )
    op.create_table(
        "interactions",
        _tenant(),
        sa.Column("channel_id", ID),
        sa.Column("id", sa.String(200)),
        sa.Column("post_id", sa.String(200)),
        sa.Column("parent_id", sa.String(200)),
        sa.Column("kind", sa.String(20)),
        sa.Column("created_at", TIME),
        sa.Column("author", sa.Text),
        sa.Column("author_id", sa.String(200)),
        sa.Column("text", sa.Text),
        sa.Column("from_organisation", sa.Boolean),
        sa.Column("reply_created_at", TIME),
        sa.Column("label", sa.String(40)),
        sa.PrimaryKeyConstraint("channel_id", "id", name="pk_interactions"),
        _tenant_key("interactions"),
        _parent("interactions", "channel_id", "channels"),
    )
    op.create_table(
        "imports",
        _tenant(),
        sa.Column("id", ID),
        sa.Column("organisation_id", ID, nullable=False),
        sa.Column("channel_id", ID, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(300), nullable=False),
        sa.Column("format", sa.String(100), nullable=False),
        sa.Column("posts", sa.Integer, nullable=False),
        sa.Column("interactions", sa.Integer, nullable=False),
        sa.Column("notes", sa.JSON, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_imports"),
        _tenant_key("imports"),
        _parent("imports", "organisation_id", "organisations"),
        _parent("imports", "channel_id", "channels"),
        sa.UniqueConstraint("channel_id", "digest", name="uq_imports_channel_digest"),
    )
    op.create_table(
        "assessments",
        _tenant(),
        sa.Column("id", ID),
        sa.Column("organisation_id", ID, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("as_of", TIME, nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("overall_score", sa.Float, nullable=False),
        sa.Column("maturity_stage", sa.String(20), nullable=False),
        sa.Column("ruleset_revision", sa.String(64), nullable=False),
        sa.Column("input_digest", sa.String(64), nullable=False),
        sa.Column("engine_version", sa.String(40), nullable=False),
        sa.Column("plugin_versions", sa.JSON, nullable=False),
        sa.Column("rule_versions", sa.JSON, nullable=False),
        sa.Column("kpi_versions", sa.JSON, nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
        _tenant_key("assessments"),
        _parent("assessments", "organisation_id", "organisations"),
    )
    op.create_index(
        "ix_assessments_organisation_created",
        "assessments",
        ["organisation_id", "created_at", "id"],
    )
    op.create_table(
        "custom_definitions",
        _tenant(),
        sa.Column("id", ID),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("definition", sa.JSON, nullable=False),
        sa.Column("version", sa.String(20), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_custom_definitions"),
        _tenant_key("custom_definitions"),
        sa.UniqueConstraint(
            "agency_id", "kind", "key", name="uq_custom_definitions_agency_kind_key"
        ),
    )
    for table in TENANT_TABLES:
        op.create_index(f"ix_{table}_agency_id", table, ["agency_id"])
    if op.get_bind().dialect.name == "postgresql":
        for table in TENANT_TABLES:
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            # FORCE: the policy binds the tables' owner too; only superusers and BYPASSRLS
            # roles pass, and the service refuses to run as one of those in production
            op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
            op.execute(
                f"CREATE POLICY tenant_isolation ON {table} "
                f"USING (agency_id = current_setting('{TENANT_SETTING}', true)) "
                f"WITH CHECK (agency_id = current_setting('{TENANT_SETTING}', true))"
            )


def downgrade() -> None:
    for table in (*reversed(TENANT_TABLES), "api_keys", "agencies"):
        op.drop_table(table)
