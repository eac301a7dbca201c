"""The report's tables: agency branding (a tenant table under row-level security on
PostgreSQL) and assessment share links (looked up by their hash before a tenant is known).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ID = sa.String(36)
TIME = sa.DateTime(timezone=True)
TENANT_SETTING = "socialaudit.agency_id"


def upgrade() -> None:
    op.create_table(
        "agency_brands",
        sa.Column("agency_id", ID, nullable=False),
        sa.Column("name", sa.String(200)),
        sa.Column("color", sa.String(7)),
        sa.Column("contact", sa.String(300)),
        sa.Column("logo_type", sa.String(20)),
        sa.Column("logo", sa.LargeBinary),
        sa.Column("updated_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("agency_id", name="pk_agency_brands"),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name="fk_agency_brands_agency_id_agencies",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "report_links",
        sa.Column("id", ID, nullable=False),
        sa.Column("agency_id", ID, nullable=False),
        sa.Column("assessment_id", ID, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("expires_at", TIME, nullable=False),
        sa.Column("revoked_at", TIME),
        sa.PrimaryKeyConstraint("id", name="pk_report_links"),
        sa.UniqueConstraint("hash", name="uq_report_links_hash"),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name="fk_report_links_agency_id_agencies",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_report_links_assessment_id_assessments",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_report_links_agency_id", "report_links", ["agency_id"])
    op.create_index("ix_report_links_assessment_id", "report_links", ["assessment_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE agency_brands ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE agency_brands FORCE ROW LEVEL SECURITY")
        op.execute(
            "CREATE POLICY tenant_isolation ON agency_brands "
            f"USING (agency_id = current_setting('{TENANT_SETTING}', true)) "
            f"WITH CHECK (agency_id = current_setting('{TENANT_SETTING}', true))"
        )


def downgrade() -> None:
    op.drop_table("report_links")
    op.drop_table("agency_brands")
