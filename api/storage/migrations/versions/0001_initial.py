"""Organisations, channels, their posts and interactions, imports and assessments.

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


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("profile", sa.JSON, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
    )
    op.create_index("ix_organisations_created", "organisations", ["created_at", "id"])
    op.create_table(
        "channels",
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
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            ondelete="CASCADE",
            name="fk_channels_organisation_id_organisations",
        ),
        sa.UniqueConstraint("organisation_id", "key", name="uq_channels_organisation_key"),
    )
    op.create_table(
        "posts",
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
        sa.ForeignKeyConstraint(
            ["channel_id"], ["channels.id"], ondelete="CASCADE", name="fk_posts_channel_id_channels"
        ),
    )
    op.create_table(
        "interactions",
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
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channels.id"],
            ondelete="CASCADE",
            name="fk_interactions_channel_id_channels",
        ),
    )
    op.create_table(
        "imports",
        sa.Column("id", ID),
        sa.Column("organisation_id", ID, nullable=False),
        sa.Column("channel_id", ID, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(300), nullable=False),
        sa.Column("format", sa.String(100), nullable=False),
        sa.Column("posts", sa.Integer, nullable=False),
        sa.Column("interactions", sa.Integer, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_imports"),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            ondelete="CASCADE",
            name="fk_imports_organisation_id_organisations",
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channels.id"],
            ondelete="CASCADE",
            name="fk_imports_channel_id_channels",
        ),
        sa.UniqueConstraint("channel_id", "digest", name="uq_imports_channel_digest"),
    )
    op.create_table(
        "assessments",
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
        sa.Column("result", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            ondelete="CASCADE",
            name="fk_assessments_organisation_id_organisations",
        ),
    )
    op.create_index(
        "ix_assessments_organisation_created",
        "assessments",
        ["organisation_id", "created_at", "id"],
    )


def downgrade() -> None:
    for table in ("assessments", "imports", "interactions", "posts", "channels", "organisations"):
        op.drop_table(table)
